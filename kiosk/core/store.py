"""The versioned local pack store: signed bundles become packs on disk, switched with one rename, rolled back.

Layout, under `paths.data_dir() / "packs"` (beside a school's own pack folders, which have a pack.toml at the top):

    <pack id>/versions/<version>/pack/          the unpacked, verified pack
    <pack id>/versions/<version>/version.json   what the manifest said (publisher, dates), for the staff screen
    <pack id>/current                           the version on screen: a small file replaced with one atomic rename
    <pack id>/bad.json                          versions that failed to load: never switched to again
    .incoming/<random>/                         an import in progress; removed at the next start

An import copies the bundle into `.incoming`, verifies the copy (a share may change under us), unpacks it there,
checks that the pack loads, renames the finished folder into `versions/` and only then rewrites `current`. A
kill -9 at any point leaves `current` naming a complete version (old or new) and at most some litter in
`.incoming`, which `clean` removes. Works the same on Windows: folder renames and os.replace, no symlinks.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import re
import shutil
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from kiosk.core import files, limits, paths
from kiosk.core.pack import validate

log = logging.getLogger(__name__)


def _token() -> str:
    """16 random hex digits for a work folder's name: os.urandom, as secrets.token_hex(8) is, without importing
    secrets (hmac, hashlib and OpenSSL's libcrypto) before the kiosk's first frame."""
    return os.urandom(8).hex()


INCOMING = ".incoming"
SAFE_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")  # pack ids (kiosk.core.pack): always a safe folder name
META_MAX_BYTES = 64 * 1024


class StoreError(Exception):
    """An import that did not happen; the message says why in one sentence. The store is as it was."""


class ImportRefused(StoreError):  # noqa: N818 - a refusal, not a program error
    """The bundle itself is refused (signature, hashes, dates, a pack that does not load): do not retry it."""


class Manifest(Protocol):
    """What the store reads from kiosk.core.bundle's Manifest."""

    @property
    def pack(self) -> str: ...
    @property
    def version(self) -> int: ...
    @property
    def publisher(self) -> str: ...
    @property
    def valid_from(self) -> object: ...
    @property
    def valid_until(self) -> object: ...
    def in_date(self, today: dt.date) -> bool: ...


class Bundles(Protocol):
    """The bundle operations the store and the scanner need (kiosk.core.bundle; tests give a stand-in)."""

    def read_manifest(self, bundle: Path) -> Manifest: ...
    def verify(self, bundle: Path, keys: Sequence[object], today: dt.date) -> Manifest: ...
    def unpack(self, bundle: Path, manifest: Manifest, dest: Path) -> None: ...
    def is_refusal(self, error: BaseException) -> bool: ...


class ModuleBundles:
    """kiosk.core.bundle, imported when first used (it is not on the kiosk's start-up path)."""

    def read_manifest(self, bundle: Path) -> Manifest:
        from kiosk.core import bundle as bundles

        return bundles.read_manifest(bundle)

    def verify(self, bundle: Path, keys: Sequence[object], today: dt.date) -> Manifest:
        from kiosk.core import bundle as bundles
        from kiosk.core.signing import PublicKey

        return bundles.verify_bundle(bundle, [k for k in keys if isinstance(k, PublicKey)], today)

    def unpack(self, bundle: Path, manifest: Manifest, dest: Path) -> None:
        from kiosk.core import bundle as bundles

        if not isinstance(manifest, bundles.Manifest):
            raise TypeError("unpack takes the manifest verify returned")
        bundles.unpack_bundle(bundle, manifest, dest)

    def is_refusal(self, error: BaseException) -> bool:
        from kiosk.core import bundle as bundles

        return isinstance(error, bundles.BundleError)


def as_date(value: object) -> dt.date | None:
    """A manifest date (a date or its ISO text) as a date; None for none or nonsense."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and value:
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None


@dataclass(frozen=True)
class StoredVersion:
    """One complete version of a pack in the store."""

    pack: str
    version: int
    publisher: str
    valid_from: dt.date | None
    valid_until: dt.date | None
    folder: Path

    @property
    def pack_dir(self) -> Path:
        return self.folder / "pack"

    def in_date(self, today: dt.date) -> bool:
        if self.valid_from is not None and today < self.valid_from:
            return False
        return self.valid_until is None or today <= self.valid_until

    def days_left(self, today: dt.date) -> int | None:
        """Days until it goes out of date (0: today is its last day); None when it never does."""
        return None if self.valid_until is None else (self.valid_until - today).days


def _no_step(_name: str) -> None:
    """Import steps are named for tests that kill the process at each of them."""


class Store:
    """The packs imported from signed bundles; every method is safe to call on a store that does not exist yet."""

    def __init__(self, root: Path | None = None, bundles: Bundles | None = None) -> None:
        self.root = root if root is not None else paths.data_dir() / "packs"
        self.bundles: Bundles = bundles if bundles is not None else ModuleBundles()

    # --- reading -------------------------------------------------------------------------------------------

    def pack_dir(self, pack_id: str) -> Path:
        return self.root / pack_id

    def has(self, pack_id: str) -> bool:
        return bool(SAFE_ID.match(pack_id)) and (self.root / pack_id / "versions").is_dir()

    def pack_ids(self) -> list[str]:
        if not self.root.is_dir():
            return []
        return sorted(p.name for p in self.root.iterdir() if SAFE_ID.match(p.name) and (p / "versions").is_dir())

    def versions(self, pack_id: str) -> list[StoredVersion]:
        """The complete versions, oldest first (a folder without its version.json is not one)."""
        found: list[StoredVersion] = []
        folder = self.root / pack_id / "versions"
        if not SAFE_ID.match(pack_id) or not folder.is_dir():
            return found
        for entry in folder.iterdir():
            if entry.name.isdigit():
                stored = self._read_version(pack_id, entry)
                if stored is not None:
                    found.append(stored)
        return sorted(found, key=lambda v: v.version)

    def _read_version(self, pack_id: str, folder: Path) -> StoredVersion | None:
        try:
            meta = json.loads(files.read_text(folder / "version.json", META_MAX_BYTES))
            if not (folder / "pack").is_dir():
                return None
            return StoredVersion(
                pack=pack_id,
                version=int(meta["version"]),
                publisher=str(meta.get("publisher", "")),
                valid_from=as_date(meta.get("valid_from")),
                valid_until=as_date(meta.get("valid_until")),
                folder=folder,
            )
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def current_version(self, pack_id: str) -> int | None:
        """The version `current` names (it may since have gone out of date), or None."""
        try:
            text = files.read_text(self.root / pack_id / "current", 64).strip()
        except OSError:
            return None
        return int(text) if text.isdigit() else None

    def current(self, pack_id: str) -> StoredVersion | None:
        number = self.current_version(pack_id)
        return next((v for v in self.versions(pack_id) if v.version == number), None)

    def bad(self, pack_id: str) -> dict[int, str]:
        """Versions that failed to load, with the reason: never switched to again."""
        try:
            raw = json.loads(files.read_text(self.root / pack_id / "bad.json", META_MAX_BYTES))
            return {int(k): str(v) for k, v in dict(raw).items()}
        except (OSError, ValueError, TypeError):
            return {}

    def known(self, pack_id: str) -> set[int]:
        """Versions the store has or has refused: a source's copy of one of them is not imported again."""
        return {v.version for v in self.versions(pack_id)} | set(self.bad(pack_id))

    def usable(self, pack_id: str, today: dt.date) -> StoredVersion | None:
        """The version to show today: the current one while it is in date and not bad, else the newest version
        that is; None when there is none (the built-in pack is shown instead)."""
        if not SAFE_ID.match(pack_id):
            return None  # a pack folder given by path is never in the store
        bad = self.bad(pack_id)
        good = [v for v in self.versions(pack_id) if v.version not in bad and v.in_date(today)]
        current = self.current_version(pack_id)
        for stored in good:
            if stored.version == current:
                return stored
        return good[-1] if good else None

    # --- changing ------------------------------------------------------------------------------------------

    def clean(self) -> None:
        """Remove what an interrupted import or pruning left behind (call at start, before anything imports)."""
        incoming = self.root / INCOMING
        if incoming.exists():
            log.info("store: removing an interrupted import from %s", incoming)
            shutil.rmtree(incoming, ignore_errors=True)

    def import_bundle(
        self, bundle: Path, keys: Sequence[object], today: dt.date, step: Callable[[str], None] = _no_step
    ) -> StoredVersion:
        """Copy, verify again, unpack, check it loads, switch. Raises ImportRefused for a bad bundle and
        StoreError when it could not be copied (a share gone mid-copy); the store is unchanged then."""
        signature = bundle.with_name(bundle.name + ".minisig")
        work = self.root / INCOMING / _token()
        try:
            work.mkdir(parents=True)
            copy = work / "bundle.kioskpack"
            _copy_limited(bundle, copy, limits.BUNDLE_MAX_BYTES)
            _copy_limited(signature, work / "bundle.kioskpack.minisig", 64 * 1024)
            step("copied")
            try:
                manifest = self.bundles.verify(copy, keys, today)
            except Exception as error:
                if self.bundles.is_refusal(error):
                    raise ImportRefused(_reason(error)) from None
                raise
            step("verified")
            if not SAFE_ID.match(manifest.pack):
                raise ImportRefused(f"the pack id {manifest.pack!r} is not a pack id")
            staged = work / "version"
            staged.mkdir()
            self.bundles.unpack(copy, manifest, staged / "pack")
            loaded, problems = validate(staged / "pack")
            if loaded is None:
                self._remember_bad(manifest.pack, manifest.version, f"it does not load: {problems[0]}")
                raise ImportRefused(f"version {manifest.version} does not load: {problems[0]}")
            files.atomic_write(staged / "version.json", _meta_json(manifest))
            step("unpacked")
            versions = self.root / manifest.pack / "versions"
            versions.mkdir(parents=True, exist_ok=True)
            target = versions / str(manifest.version)
            if self._read_version(manifest.pack, target) is None:
                if target.exists():  # an unfinished folder of that name (cannot happen, but never mix)
                    self._discard(target)
                os.replace(staged, target)
                files.sync_folder(versions)
            step("moved")
            self.switch(manifest.pack, manifest.version)
            step("switched")
            self.prune(manifest.pack)
        except ImportRefused:
            raise
        except OSError as error:
            raise StoreError(f"{bundle.name}: could not be imported into the store: {error}") from None
        except Exception as error:
            if self.bundles.is_refusal(error):
                raise ImportRefused(_reason(error)) from None
            raise
        finally:
            shutil.rmtree(work, ignore_errors=True)
        step("done")
        stored = self.current(manifest.pack)
        assert stored is not None
        log.info("store: imported %s version %d from %s", stored.pack, stored.version, bundle)
        return stored

    def switch(self, pack_id: str, version: int) -> None:
        """Point `current` at `version`: one atomic rename."""
        files.atomic_write(self.root / pack_id / "current", f"{version}\n")

    def rollback(self, pack_id: str, reason: str, today: dt.date) -> StoredVersion | None:
        """The version on screen failed to load or show: remember it as bad and go back to the newest good one
        (None: the built-in pack). Logged; a bad version is never switched to again."""
        failed = self.usable(pack_id, today)
        if failed is None:
            return None
        self._remember_bad(pack_id, failed.version, reason)
        back = self.usable(pack_id, today)
        if back is not None:
            self.switch(pack_id, back.version)
        log.error(
            "store: %s version %d failed to load (%s); back to %s",
            pack_id,
            failed.version,
            reason,
            f"version {back.version}" if back else "the built-in pack",
        )
        return back

    def prune(self, pack_id: str) -> None:
        """Keep the newest versions (limits.STORE_VERSIONS_KEPT) and always the current one."""
        current = self.current_version(pack_id)
        stored = self.versions(pack_id)
        keep = {v.version for v in stored[-limits.STORE_VERSIONS_KEPT :]} | {current}
        for old in stored:
            if old.version not in keep:
                try:
                    self._discard(old.folder)
                except OSError as error:  # Windows: a file of it still open; the next import prunes it
                    log.warning("store: %s version %d not removed yet: %s", pack_id, old.version, error)

    def _discard(self, folder: Path) -> None:
        """Out of `versions/` with one rename first, so a kill mid-delete never leaves half a version there."""
        trash = self.root / INCOMING / f"old-{_token()}"
        trash.parent.mkdir(parents=True, exist_ok=True)
        os.replace(folder, trash)
        shutil.rmtree(trash, ignore_errors=True)

    def _remember_bad(self, pack_id: str, version: int, reason: str) -> None:
        bad = self.bad(pack_id)
        bad[version] = reason
        (self.root / pack_id).mkdir(parents=True, exist_ok=True)
        files.atomic_write(self.root / pack_id / "bad.json", json.dumps({str(k): v for k, v in sorted(bad.items())}))


def _reason(error: BaseException) -> str:
    """A bundle refusal without the store's temporary file name (kiosk.core.bundle.BundleError has `reason`)."""
    return str(getattr(error, "reason", None) or error)


def _meta_json(manifest: Manifest) -> str:
    def iso(value: object) -> str | None:
        date = as_date(value)
        return date.isoformat() if date else None

    return json.dumps(
        {
            "pack": manifest.pack,
            "version": int(manifest.version),
            "publisher": str(manifest.publisher),
            "valid_from": iso(manifest.valid_from),
            "valid_until": iso(manifest.valid_until),
        },
        indent=1,
    )


def _copy_limited(source: Path, dest: Path, max_bytes: int) -> None:
    """Copy a regular file of at most `max_bytes`, synced; raises OSError (a vanished share) or ImportRefused."""
    try:
        fd = os.open(source, os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        if source.suffix == ".minisig":
            raise ImportRefused(f"no signature beside it ({source.name})") from None
        raise
    with os.fdopen(fd, "rb") as reader:
        info = os.fstat(reader.fileno())
        if not os.path.isfile(source) or info.st_size > max_bytes:
            raise ImportRefused(f"{source.name} is not a regular file of at most {max_bytes:,} bytes")
        with open(dest, "wb") as writer:
            copied = 0
            while chunk := reader.read(1024 * 1024):
                copied += len(chunk)
                if copied > max_bytes:
                    raise ImportRefused(f"{source.name} grew past {max_bytes:,} bytes while being copied")
                writer.write(chunk)
            writer.flush()
            os.fsync(writer.fileno())
