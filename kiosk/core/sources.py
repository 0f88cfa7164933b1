"""Pack sources: the folders a school already syncs (a share, OneDrive, Nextcloud, Syncthing, a USB stick).

A scan lists `*.kioskpack` files with their `.minisig` beside them, reads each manifest cheaply (no hashing, and
only when the file changed), and for each pack id imports the newest version the store does not have yet that
is signed by a trusted key and in date: only that candidate is verified (kiosk.core.store re-verifies its own
copy), and an older one is tried only when it is refused. A file still being copied or synced (changed since the
last look, no zip central directory yet, a temporary name) is left for a later scan; a source that is gone is
skipped. Every refusal is logged once per file version and kept for the staff screen.

Plain functions with an injectable clock and date: kiosk.ui.pack_watch runs `Scanner.scan` off the GUI thread.
"""

from __future__ import annotations

import datetime as dt
import fnmatch
import logging
import os
import sys
import time
import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from glob import glob
from pathlib import Path

from kiosk.core import limits
from kiosk.core.policy import Policy
from kiosk.core.store import ImportRefused, Manifest, Store, StoredVersion, StoreError

log = logging.getLogger(__name__)

SUFFIX = ".kioskpack"
SIGNATURE = ".minisig"
USB_FOLDER = "campaign-kiosk"
TEMPORARY = (".~lock*", "*.part", "*.tmp", "~$*", ".*", "*.crdownload", "*.partial", "*.!sync", "*.syncthing.*")
FileKey = tuple[int, int]  # (size, mtime in ns): one version of a file


def usb_roots() -> list[Path]:
    """`campaign-kiosk/` folders on the USB sticks inserted now."""
    if sys.platform == "win32":  # pragma: no cover - Windows only
        return _windows_removable_roots()
    found = glob(f"/media/*/*/{USB_FOLDER}") + glob(f"/run/media/*/*/{USB_FOLDER}") + glob(f"/media/*/{USB_FOLDER}")
    return sorted(Path(p) for p in found if os.path.isdir(p))


def usb_mount_parents() -> list[Path]:
    """Folders a USB stick appears in when it is inserted (Linux: /media/USER, /run/media/USER): watched, so a
    stick is seen within seconds rather than at the next rescan. Windows has no such folder (the rescan finds it)."""
    if not sys.platform.startswith("linux"):
        return []
    found = ["/media", "/run/media", *glob("/media/*"), *glob("/run/media/*")]
    return sorted(Path(p) for p in found if os.path.isdir(p))


def _windows_removable_roots() -> list[Path]:  # pragma: no cover - Windows only
    import ctypes
    import string

    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined,unused-ignore]
    mask = int(kernel32.GetLogicalDrives())
    found: list[Path] = []
    for index, letter in enumerate(string.ascii_uppercase):
        if mask & (1 << index) and int(kernel32.GetDriveTypeW(f"{letter}:\\")) == 2:  # DRIVE_REMOVABLE
            folder = Path(f"{letter}:\\") / USB_FOLDER
            if folder.is_dir():
                found.append(folder)
    return found


def is_temporary(name: str) -> bool:
    """A name a copy, an editor or a sync client uses while a file is not finished."""
    return any(fnmatch.fnmatch(name, pattern) for pattern in TEMPORARY)


@dataclass(frozen=True)
class Refusal:
    """A bundle the kiosk will not show, and why (one sentence), for the log and the staff screen."""

    path: Path
    reason: str

    def __str__(self) -> str:
        return f"{self.path.name}: {self.reason}"


@dataclass
class ScanResult:
    imported: list[StoredVersion] = field(default_factory=list)
    refused: list[Refusal] = field(default_factory=list)  # every refusal of a file still there
    pending: bool = False  # something is still being copied: look again soon (limits.SOURCES_SETTLE_SECONDS)
    bundles: int = 0  # bundles seen complete


@dataclass(frozen=True)
class _Seen:
    path: Path
    key: FileKey
    signature: FileKey | None


class Scanner:
    """Remembers what it saw between scans (to tell a finished file from one still growing, and to log each
    refusal once); one per running kiosk."""

    def __init__(
        self,
        store: Store,
        keys: Sequence[object],
        sources: Sequence[Path],
        usb: bool = True,
        find_usb: Callable[[], list[Path]] = usb_roots,
        find_usb_parents: Callable[[], list[Path]] = usb_mount_parents,
        today: Callable[[], dt.date] = dt.date.today,
        wall: Callable[[], float] = time.time,
    ) -> None:
        self.store = store
        self.keys = tuple(keys)
        self.sources = tuple(sources)
        self.usb = usb
        self._find_usb = find_usb
        self._find_usb_parents = find_usb_parents
        self._today = today
        self._wall = wall
        self._last: dict[Path, FileKey] = {}
        self._manifests: dict[tuple[Path, FileKey], Manifest | None] = {}
        self._refused: dict[Path, tuple[_Seen, str]] = {}
        self._incomplete_logged: set[tuple[Path, FileKey]] = set()

    def folders(self) -> list[Path]:
        """The source folders, USB sticks included while they are inserted and the policy allows them."""
        found = list(self.sources)
        if self.usb:
            try:
                found += [p for p in self._find_usb() if p not in found]
            except OSError as error:
                log.warning("sources: could not list USB sticks: %s", error)
        return found

    def usb_parents(self) -> list[Path]:
        """Where a USB stick would appear (watched for a stick being inserted); none when USB is not allowed."""
        return self._find_usb_parents() if self.usb else []

    def scan(self) -> ScanResult:
        result = ScanResult()
        today = self._today()
        complete: list[tuple[_Seen, Manifest]] = []
        now_seen: dict[Path, FileKey] = {}
        ready: set[_Seen] = set()
        for folder in self.folders():
            for seen in self._list(folder, now_seen, result):
                ready.add(seen)
                manifest = self._manifest(seen)
                if manifest is not None:
                    complete.append((seen, manifest))
        self._last = now_seen
        result.bundles = len(complete)
        by_pack: dict[str, list[tuple[_Seen, Manifest]]] = {}
        for seen, manifest in complete:
            by_pack.setdefault(manifest.pack, []).append((seen, manifest))
        for pack_id, found in sorted(by_pack.items()):
            self._choose(pack_id, found, today, result)
        # forget what is gone; list what is refused and still there
        self._refused = {p: r for p, r in self._refused.items() if r[0] in ready}
        self._manifests = {k: m for k, m in self._manifests.items() if now_seen.get(k[0]) == k[1]}
        result.refused = [Refusal(p, reason) for p, (_, reason) in sorted(self._refused.items())]
        return result

    def _list(self, folder: Path, now_seen: dict[Path, FileKey], result: ScanResult) -> Iterable[_Seen]:
        """The finished bundles in one folder; a folder that is not there (share offline, stick pulled) has none."""
        try:
            entries = list(os.scandir(folder))
        except OSError as error:
            log.debug("sources: %s cannot be read now (%s)", folder, error)
            return []
        names = {e.name for e in entries}
        ready: list[_Seen] = []
        for entry in entries:
            if not entry.name.endswith(SUFFIX) or is_temporary(entry.name):
                continue
            try:
                info = entry.stat(follow_symlinks=False)
                if not entry.is_file(follow_symlinks=False):
                    continue
            except OSError:
                continue
            path = Path(entry.path)
            key = (info.st_size, info.st_mtime_ns)
            now_seen[path] = key
            quiet = self._wall() - info.st_mtime >= limits.SOURCES_QUIET_SECONDS
            if self._last.get(path) != key and not quiet:
                result.pending = True  # changed since the last look: still being written?
                continue
            signature: FileKey | None = None
            if entry.name + SIGNATURE in names:
                try:
                    sig = os.stat(path.with_name(entry.name + SIGNATURE))
                    signature = (sig.st_size, sig.st_mtime_ns)
                except OSError:
                    signature = None
            ready.append(_Seen(path, key, signature))
        return ready

    def _manifest(self, seen: _Seen) -> Manifest | None:
        """The manifest of a finished file, read once per file version; None when it is not (yet) a bundle."""
        cache_key = (seen.path, seen.key)
        if cache_key in self._manifests:
            return self._manifests[cache_key]
        manifest: Manifest | None = None
        if not _has_central_directory(seen.path):
            if cache_key not in self._incomplete_logged:
                self._incomplete_logged.add(cache_key)
                log.info("sources: %s is not a complete zip yet; it is left until it is", seen.path)
            return None  # not cached: looked at again next scan
        try:
            manifest = self.store.bundles.read_manifest(seen.path)
        except Exception as error:
            if not self.store.bundles.is_refusal(error) and not isinstance(error, OSError):
                raise
            self._refuse(seen, str(error))
        self._manifests[cache_key] = manifest
        return manifest

    def _choose(self, pack_id: str, found: list[tuple[_Seen, Manifest]], today: dt.date, result: ScanResult) -> None:
        """Import the newest version the store does not have; try the next only when that one is refused."""
        known = self.store.known(pack_id)
        current = self.store.current_version(pack_id) or 0
        for seen, manifest in sorted(found, key=lambda f: f[1].version, reverse=True):
            if manifest.version in known or manifest.version < current:
                continue  # already in the store (or refused there), or older than what is shown
            if self._already_refused(seen):
                continue
            if not manifest.in_date(today):
                self._refuse(seen, _out_of_date(manifest, today))
                continue
            if seen.signature is None:
                self._refuse(seen, f"no signature beside it ({seen.path.name}{SIGNATURE})")
                continue
            try:
                result.imported.append(self.store.import_bundle(seen.path, self.keys, today))
                self._refused.pop(seen.path, None)
                return
            except ImportRefused as error:
                self._refuse(seen, str(error))
            except StoreError as error:
                log.warning("sources: %s", error)  # a share gone mid-copy: look again next scan
                result.pending = True
                return

    def _already_refused(self, seen: _Seen) -> bool:
        earlier = self._refused.get(seen.path)
        return earlier is not None and earlier[0] == seen

    def _refuse(self, seen: _Seen, reason: str) -> None:
        """One log line per file version; the staff screen lists it while the file is there."""
        if self._already_refused(seen):
            return
        self._refused[seen.path] = (seen, reason)
        log.warning("sources: refused %s: %s", seen.path, reason)


def _out_of_date(manifest: Manifest, today: dt.date) -> str:
    from kiosk.core.store import as_date

    start, end = as_date(manifest.valid_from), as_date(manifest.valid_until)
    if start is not None and today < start:
        return f"it is not valid before {start.isoformat()}"
    return f"it is out of date (valid until {end.isoformat() if end else '?'})"


def _has_central_directory(path: Path) -> bool:
    """A zip still being written has no end-of-central-directory record yet."""
    try:
        return zipfile.is_zipfile(path)
    except OSError:
        return False


# --- the staff screen's view of the store ----------------------------------------------------------------------


@dataclass(frozen=True)
class PackStatus:
    """What the staff screen says about the stored pack on screen."""

    version: int | None = None
    publisher: str = ""
    valid_until: dt.date | None = None
    days_left: int | None = None
    warning: str = ""  # out of date soon, or already: the built-in pack is on screen
    refused: tuple[str, ...] = ()

    def lines(self) -> list[str]:
        shown: list[str] = []
        if self.version is not None:
            until = self.valid_until.isoformat() if self.valid_until else "no end date"
            shown.append(f"Version {self.version} from {self.publisher or 'an unnamed publisher'}, valid until {until}")
        return shown


def pack_status(store: Store, pack_id: str, today: dt.date, refused: Sequence[Refusal] = ()) -> PackStatus:
    """The stored version the kiosk shows today for `pack_id`, its dates, the 14-day warning and the refusals."""
    stored = store.usable(pack_id, today)
    reasons = tuple(str(r) for r in refused)
    if stored is None:
        warning = ""
        if store.has(pack_id) and store.versions(pack_id):
            warning = f"Every stored version of {pack_id} is out of date or refused: the built-in pack is shown."
        return PackStatus(warning=warning, refused=reasons)
    days = stored.days_left(today)
    warning = ""
    if days is not None and days <= limits.EXPIRY_WARNING_DAYS:
        assert stored.valid_until is not None
        when = "today" if days == 0 else ("tomorrow" if days == 1 else f"in {days} days")
        warning = (
            f"This pack goes out of date {when} ({stored.valid_until.isoformat()}): "
            "ask its publisher for a new version."
        )
    return PackStatus(stored.version, stored.publisher, stored.valid_until, days, warning, reasons)


# --- from the machine policy ---------------------------------------------------------------------------------------


def scanner_from_policy(store: Store, policy: Policy) -> Scanner | None:
    """A scanner for the policy's `[packs] sources`, `trusted_keys` and `usb`, or None when there is nothing to
    watch: no trusted key (a bundle nobody vouches for is never shown)."""
    from kiosk.core.signing import PublicKey

    keys: list[object] = []
    for line in policy.trusted_keys:
        try:
            keys.append(PublicKey.parse(line))
        except ValueError as error:  # one bad key does not stop the rest (the policy reader reports it too)
            log.error("policy: trusted key %.12s... is not a minisign public key: %s", line, error)
    if not keys:
        if policy.sources:
            log.warning("sources: the policy names source folders but no usable trusted key; nothing is imported")
        return None
    where = ", ".join(map(str, policy.sources)) or "no folders"
    log.info("sources: watching %s%s", where, " and USB sticks" if policy.usb else "")
    return Scanner(store, keys, policy.sources, usb=policy.usb)
