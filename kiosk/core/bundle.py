"""Pack bundles: one signed file that carries a pack from its publisher to every kiosk, through folders that
schools already sync.

`NAME.kioskpack` is a zip holding `manifest.json` (format 1: pack id, version, publisher, the dates it may be
shown, and the SHA-256 and size of every file) and the pack's files under `pack/`. Its detached signature
`NAME.kioskpack.minisig` (kiosk/core/signing.py) covers the whole zip, so `minisign -Vm NAME.kioskpack` checks
it as it is. A build is deterministic (sorted entries, fixed times and modes), so the same folder gives the same
bytes. Nothing from a bundle is used before the signature, the manifest and every hash are checked, and the
zip's own sizes are never trusted: every file is read as a stream with the limits in kiosk.core.limits.
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
import os
import re
import shutil
import stat
import struct
import tomllib
import zipfile
import zlib
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from types import MappingProxyType
from typing import Any

from kiosk.core import signing
from kiosk.core.files import atomic_write, read_bytes, sync_folder
from kiosk.core.limits import (
    BUNDLE_FILE_MAX_BYTES,
    BUNDLE_MAX_BYTES,
    BUNDLE_MAX_FILES,
    BUNDLE_MAX_RATIO,
    BUNDLE_PATH_MAX_CHARS,
    BUNDLE_RATIO_FROM_BYTES,
    MANIFEST_MAX_BYTES,
    PACK_MAX_BYTES,
    PACK_VERSION,
    SCHEDULE_YEARS,
    shown,
)
from kiosk.core.pack import _ID, PACK_FILE, text_problem, validate

log = logging.getLogger(__name__)

FORMAT = 1
BUNDLE_SUFFIX = ".kioskpack"
MANIFEST_NAME = "manifest.json"
PACK_PREFIX = "pack/"
ALWAYS = date(SCHEDULE_YEARS[0], 1, 1)  # valid_from of a pack that names none: valid at once
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip can hold: no build's clock leaks into the bytes
_FILE_MODE = (stat.S_IFREG | 0o644) << 16
_CHUNK = 64 * 1024
_SHA256 = re.compile(r"[0-9a-f]{64}")
_WINDOWS_NAMES = {"con", "prn", "aux", "nul"} | {f"{p}{n}" for p in ("com", "lpt") for n in range(1, 10)}
_WINDOWS_CHARS = set('<>:"|?*\\')
_MANIFEST_KEYS = ("format", "pack", "version", "publisher", "valid_from", "valid_until", "files")


class BundleError(Exception):
    """A bundle that cannot be built, trusted or unpacked; the message names the file and gives one reason."""

    def __init__(self, file_or_reason: str, reason: str | None = None) -> None:
        """BundleError(file, reason), or BundleError(reason) where no file is concerned."""
        file = file_or_reason if reason is not None else ""
        self.file = file
        self.reason = reason if reason is not None else file_or_reason
        super().__init__(f"{file}: {self.reason}" if file else self.reason)


@dataclass(frozen=True)
class FileEntry:
    sha256: str
    size: int


@dataclass(frozen=True)
class Manifest:
    """What a bundle says of itself: trusted only once verify_bundle has returned it."""

    pack: str
    version: int
    publisher: str
    valid_from: date
    valid_until: date | None
    files: Mapping[str, FileEntry] = field(default_factory=lambda: MappingProxyType({}))

    def in_date(self, today: date) -> bool:
        """True from valid_from to valid_until, both days included."""
        return self.valid_from <= today and (self.valid_until is None or today <= self.valid_until)

    @property
    def total_size(self) -> int:
        return sum(entry.size for entry in self.files.values())

    def to_json(self) -> bytes:
        """The manifest.json of a build: fixed key order, sorted files, so the same pack gives the same bytes."""
        data = {
            "format": FORMAT,
            "pack": self.pack,
            "version": self.version,
            "publisher": self.publisher,
            "valid_from": self.valid_from.isoformat(),
            "valid_until": self.valid_until.isoformat() if self.valid_until else None,
            "files": {
                rel: {"sha256": self.files[rel].sha256, "size": self.files[rel].size} for rel in sorted(self.files)
            },
        }
        return (json.dumps(data, indent=1, ensure_ascii=False) + "\n").encode("utf-8")


def path_problem(rel: str) -> str | None:
    """Why `rel` cannot be a file's path inside a pack on every system the kiosk runs on, or None: a path
    that could leave the pack folder (`..`, absolute, a drive letter), or that Windows would read otherwise."""
    if not rel:
        return "is empty"
    if len(rel) > BUNDLE_PATH_MAX_CHARS:
        return f"is {len(rel)} characters long; at most {BUNDLE_PATH_MAX_CHARS} are allowed"
    if rel.startswith("/"):
        return "is absolute; it would leave the pack"
    if "\\" in rel:
        return "has a backslash, which Windows reads as a folder separator"
    if re.match(r"[A-Za-z]:", rel):
        return "starts with a drive letter; it would leave the pack"
    if text_problem(rel):
        return "has a control character"
    for part in rel.split("/"):
        if part == "..":
            return "has '..'; it would leave the pack"
        if part in ("", "."):
            return "has an empty or '.' part"
        if _WINDOWS_CHARS & set(part):
            return 'has one of the characters < > : " | ? *, which Windows does not allow in a name'
        if part[-1] in ". ":
            return "has a name ending in a dot or space, which Windows drops"
        if part.split(".")[0].lower() in _WINDOWS_NAMES:
            return f"has the name {part!r}, which Windows keeps for a device"
    return None


# --- build ------------------------------------------------------------------------------------------------------


def build_bundle(folder: Path, out: Path) -> Manifest:
    """Write the pack in `folder` as the bundle `out` (NAME.kioskpack) and return its manifest. Refuses a pack
    that `kiosk check` refuses, and a folder holding a link or anything but regular files (hidden files,
    named with a leading dot, are left out)."""
    folder, out = Path(folder), Path(out)
    if not out.name.endswith(BUNDLE_SUFFIX) or out.name == BUNDLE_SUFFIX:
        raise BundleError(str(out), f"a bundle's name must end in {BUNDLE_SUFFIX}, like cumbria{BUNDLE_SUFFIX}")
    if out.resolve().is_relative_to(folder.resolve()):
        raise BundleError(str(out), f"is inside the pack folder {folder}; write the bundle somewhere else")
    pack, problems = validate(folder)
    if pack is None:
        raise BundleError(
            str(folder), f"the pack has {len(problems)} problem(s) (kiosk check lists them all); first: {problems[0]}"
        )
    contents = _collect(folder)
    manifest = Manifest(
        pack=pack.id,
        version=pack.version,
        publisher=pack.publisher,
        valid_from=pack.valid_from or ALWAYS,
        valid_until=pack.valid_until,
        files=MappingProxyType(
            {rel: FileEntry(hashlib.sha256(data).hexdigest(), len(data)) for rel, data in contents.items()}
        ),
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in [(MANIFEST_NAME, manifest.to_json())] + [(PACK_PREFIX + r, d) for r, d in contents.items()]:
            info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # Unix, on every system: the same bytes from Windows too
            info.external_attr = _FILE_MODE
            archive.writestr(info, data, compresslevel=9)
    data = buffer.getvalue()
    if len(data) > BUNDLE_MAX_BYTES:
        raise BundleError(str(out), f"would be {len(data):,} bytes; at most {BUNDLE_MAX_BYTES:,} are allowed")
    atomic_write(out, data)
    log.info("bundle: built %s (%s version %d, %d files)", out, manifest.pack, manifest.version, len(contents))
    return manifest


def _collect(folder: Path) -> dict[str, bytes]:
    """Every file of the pack folder by its relative path, sorted; BundleError for a link, a FIFO or a device,
    a path that another system would read otherwise, or too much."""
    found: dict[str, bytes] = {}
    folded: dict[str, str] = {}
    total = 0

    def walk(here: Path, prefix: str) -> None:
        nonlocal total
        with os.scandir(here) as entries:
            names = sorted(entries, key=lambda e: e.name)
        for entry in names:
            if entry.name.startswith("."):
                continue  # .DS_Store, .git, an editor's swap file: never part of a pack
            rel = prefix + entry.name
            where = str(Path(entry.path))
            if entry.is_symlink():
                raise BundleError(where, "is a link; a bundle holds only regular files (copy the file in instead)")
            if entry.is_dir(follow_symlinks=False):
                walk(Path(entry.path), rel + "/")
                continue
            if not entry.is_file(follow_symlinks=False):
                raise BundleError(where, "is not a regular file; a bundle holds only regular files")
            problem = path_problem(rel)
            if problem:
                raise BundleError(where, f"its path {rel!r} {problem}")
            if rel.casefold() in folded:
                raise BundleError(where, f"differs from {folded[rel.casefold()]!r} only in capitals; Windows sees one")
            folded[rel.casefold()] = rel
            if len(found) >= BUNDLE_MAX_FILES:
                raise BundleError(str(folder), f"has over {BUNDLE_MAX_FILES} files; a bundle may hold no more")
            try:
                data = read_bytes(Path(entry.path), BUNDLE_FILE_MAX_BYTES)
            except OSError as error:
                raise BundleError(where, str(error).removeprefix(f"{entry.path}: ")) from None
            total += len(data)
            if total > PACK_MAX_BYTES:
                raise BundleError(str(folder), f"holds over {PACK_MAX_BYTES:,} bytes; a bundle may hold no more")
            found[rel] = data

    walk(folder, "")
    return dict(sorted(found.items()))


# --- read and verify -------------------------------------------------------------------------------------------


def read_manifest(bundle: Path) -> Manifest:
    """The manifest of `bundle`, untrusted and cheap (no signature, no hashing): for choosing among many
    bundles before verifying the one chosen. BundleError for a file that is not a complete bundle."""
    bundle = Path(bundle)
    try:
        size = os.stat(bundle).st_size
    except OSError as error:
        raise BundleError(str(bundle), f"cannot be read: {error.strerror or error}") from None
    if size > BUNDLE_MAX_BYTES:
        raise BundleError(str(bundle), f"is {size:,} bytes; at most {BUNDLE_MAX_BYTES:,} are read")
    try:
        with open(bundle, "rb") as handle, _open_zip(handle, bundle) as archive:
            return _read_manifest(archive, bundle)
    except OSError as error:
        raise BundleError(str(bundle), f"cannot be read: {error.strerror or error}") from None


def verify_bundle(bundle: Path, keys: Sequence[signing.PublicKey], today: date) -> Manifest:
    """The manifest of `bundle` once everything in it is checked: its signature by one of `keys` first,
    then the manifest, every entry's path, kind and sizes, every file's hash, then the dates. BundleError with
    the one reason otherwise. The bytes checked are the bytes read: the file is read once, into memory."""
    bundle = Path(bundle)
    data = _read_bundle(bundle)
    try:
        signature = signing.read_signature(Path(f"{bundle}{signing.SIGNATURE_SUFFIX}"))
        signing.verify_data(data, signature, keys, bundle.name)
    except signing.SignatureError as error:
        raise BundleError(str(bundle), str(error)) from None
    with _open_zip(io.BytesIO(data), bundle) as archive:
        manifest = _read_manifest(archive, bundle)
        infos = _check_entries(archive, manifest, bundle)
        for rel, entry in manifest.files.items():
            content = b"".join(_stream(archive, infos[rel], entry, bundle))
            if rel == PACK_FILE:
                _check_pack_file(content, manifest, bundle)
    if today < manifest.valid_from:
        raise BundleError(str(bundle), f"is not valid before {manifest.valid_from.isoformat()}")
    if manifest.valid_until is not None and today > manifest.valid_until:
        raise BundleError(str(bundle), f"expired: it was valid until {manifest.valid_until.isoformat()}")
    log.info("bundle: %s verified (%s version %d)", bundle, manifest.pack, manifest.version)
    return manifest


def unpack_bundle(bundle: Path, manifest: Manifest, dest_dir: Path) -> Path:
    """Write the files of `bundle` (verified by verify_bundle, which gave `manifest`) into `dest_dir`, a new
    folder this creates. Every file's hash is checked again as it is written, against the verified manifest,
    so a bundle swapped since is refused too; on any failure the new folder is removed and BundleError
    raised. Files are synced, so after a power cut the folder is complete or the caller never renamed it."""
    bundle, dest = Path(bundle), Path(dest_dir)
    data = _read_bundle(bundle)
    try:
        dest.mkdir()
    except FileExistsError:
        raise BundleError(str(dest), "already exists; a bundle is unpacked only into a new folder") from None
    except OSError as error:
        raise BundleError(str(dest), f"cannot be made: {error.strerror or error}") from None
    try:
        with _open_zip(io.BytesIO(data), bundle) as archive:
            infos = _check_entries(archive, manifest, bundle)
            folders = {dest}
            for rel, entry in manifest.files.items():
                target = dest.joinpath(*rel.split("/"))
                for parent in reversed(target.relative_to(dest).parents[:-1]):
                    if dest / parent not in folders:
                        (dest / parent).mkdir()
                        folders.add(dest / parent)
                _write_new(target, _stream(archive, infos[rel], entry, bundle))
        for folder in folders:
            sync_folder(folder)
    except BaseException:
        shutil.rmtree(dest, ignore_errors=True)
        raise
    log.info("bundle: %s unpacked into %s", bundle, dest)
    return dest


def _write_new(target: Path, chunks: Iterator[bytes]) -> None:
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0) | getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(target, flags, 0o644)
    with os.fdopen(fd, "wb") as handle:
        for chunk in chunks:
            handle.write(chunk)
        handle.flush()
        os.fsync(handle.fileno())


def _read_bundle(bundle: Path) -> bytes:
    try:
        return read_bytes(bundle, BUNDLE_MAX_BYTES)
    except FileNotFoundError:
        raise BundleError(str(bundle), "no such file") from None
    except OSError as error:
        raise BundleError(str(bundle), str(error).removeprefix(f"{bundle}: ")) from None


class _open_zip:  # noqa: N801 - used as a context manager, like open()
    """zipfile over a binary file, its errors as BundleError."""

    def __init__(self, handle: Any, bundle: Path) -> None:
        self.bundle = bundle
        try:
            self.archive = zipfile.ZipFile(handle)
        except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, NotImplementedError, struct.error):
            raise BundleError(
                str(bundle), "is not a complete zip file (still being copied or synced, or damaged)"
            ) from None

    def __enter__(self) -> zipfile.ZipFile:
        return self.archive

    def __exit__(self, *_: object) -> None:
        self.archive.close()


def _read_manifest(archive: zipfile.ZipFile, bundle: Path) -> Manifest:
    infos = [info for info in archive.infolist() if info.filename == MANIFEST_NAME]
    if len(infos) != 1:
        raise BundleError(str(bundle), f"has {len(infos)} {MANIFEST_NAME} entries; a bundle has exactly one")
    limit = FileEntry("", MANIFEST_MAX_BYTES)
    raw = b"".join(_stream(archive, infos[0], limit, bundle, exact=False))
    try:
        data = json.loads(raw.decode("utf-8"), object_pairs_hook=_no_duplicates)
    except (UnicodeDecodeError, ValueError) as error:
        raise BundleError(str(bundle), f"its {MANIFEST_NAME} is not valid JSON ({error})") from None
    problem, manifest = _parse_manifest(data)
    if manifest is None:
        raise BundleError(str(bundle), f"its {MANIFEST_NAME} {problem}")
    return manifest


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    keys = [key for key, _ in pairs]
    for key in keys:
        if keys.count(key) > 1:
            raise ValueError(f"the key {key!r} is there twice")
    return dict(pairs)


def _parse_manifest(data: Any) -> tuple[str, Manifest | None]:
    """(problem, None) or ("", the manifest): every field of format 1 checked, nothing else allowed."""
    if not isinstance(data, dict):
        return "is not a JSON object", None
    if data.get("format") != FORMAT or isinstance(data.get("format"), bool):
        return f"has format {shown(data.get('format'))}; this kiosk reads format {FORMAT} (update the kiosk)", None
    unknown = sorted(set(data) - set(_MANIFEST_KEYS))
    missing = [key for key in _MANIFEST_KEYS if key not in data and key != "valid_until"]
    if unknown or missing:
        return f"has unknown fields {unknown} or lacks {missing}", None
    pack, version, publisher = data["pack"], data["version"], data["publisher"]
    if not isinstance(pack, str) or not _ID.fullmatch(pack):
        return f"has the pack id {shown(pack)}, which is not a pack id", None
    if isinstance(version, bool) or not isinstance(version, int) or PACK_VERSION.problem(version):
        return f"has version {shown(version)}; a version is a whole number from 1", None
    if not isinstance(publisher, str) or not publisher.strip() or len(publisher) > 60 or text_problem(publisher):
        return f"has the publisher {shown(publisher)}, which is not one line of at most 60 characters", None
    valid_from = _date(data["valid_from"])
    valid_until = _date(data.get("valid_until")) if data.get("valid_until") is not None else None
    if valid_from is None or (data.get("valid_until") is not None and valid_until is None):
        return "has a date that is not an ISO date like 2026-09-01", None
    if valid_until is not None and valid_until < valid_from:
        return "has valid_until before valid_from", None
    files = data["files"]
    if not isinstance(files, dict) or not files:
        return "lists no files", None
    if len(files) > BUNDLE_MAX_FILES:
        return f"lists {len(files)} files; a bundle may hold at most {BUNDLE_MAX_FILES}", None
    entries: dict[str, FileEntry] = {}
    folded: set[str] = set()
    for rel in sorted(files):
        problem = path_problem(rel)
        if problem:
            return f"lists the path {shown(rel)}, which {problem}", None
        if rel.casefold() in folded:
            return f"lists {shown(rel)} twice (in capitals or not)", None
        folded.add(rel.casefold())
        item = files[rel]
        if not isinstance(item, dict) or set(item) != {"sha256", "size"}:
            return f"lists {shown(rel)} without exactly a sha256 and a size", None
        digest, size = item["sha256"], item["size"]
        if not isinstance(digest, str) or not _SHA256.fullmatch(digest):
            return f"has a sha256 for {shown(rel)} that is not 64 hexadecimal digits", None
        if isinstance(size, bool) or not isinstance(size, int) or not 0 <= size <= BUNDLE_FILE_MAX_BYTES:
            return (
                f"gives {shown(rel)} the size {shown(size)}; at most {BUNDLE_FILE_MAX_BYTES:,} bytes are allowed",
                None,
            )
        entries[rel] = FileEntry(digest, size)
    if PACK_FILE not in entries:
        return f"does not list {PACK_FILE}", None
    if sum(entry.size for entry in entries.values()) > PACK_MAX_BYTES:
        return f"lists over {PACK_MAX_BYTES:,} bytes of files; a pack may hold no more", None
    manifest = Manifest(pack, version, publisher, valid_from, valid_until, MappingProxyType(entries))
    return "", manifest


def _date(value: Any) -> date | None:
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def _check_entries(archive: zipfile.ZipFile, manifest: Manifest, bundle: Path) -> dict[str, zipfile.ZipInfo]:
    """The zip's entry for each file the manifest lists; BundleError for any other entry, a duplicate, a link,
    a path that leaves the pack, or declared sizes over the limits (which are checked again while reading)."""
    infos = archive.infolist()
    if len(infos) > BUNDLE_MAX_FILES + 1:
        raise BundleError(str(bundle), f"has {len(infos):,} entries; a bundle may hold at most {BUNDLE_MAX_FILES}")
    found: dict[str, zipfile.ZipInfo] = {}
    seen: set[str] = set()
    for info in infos:
        name = info.filename
        if name.casefold() in seen:
            raise BundleError(str(bundle), f"holds {shown(name)} twice")
        seen.add(name.casefold())
        problem = path_problem(name)
        if problem:
            raise BundleError(str(bundle), f"has an entry {shown(name)} that {problem}")
        mode = info.external_attr >> 16
        if info.create_system == 3 and stat.S_ISLNK(mode):
            raise BundleError(str(bundle), f"has an entry {shown(name)} that is a symbolic link")
        if info.create_system == 3 and stat.S_IFMT(mode) and not stat.S_ISREG(mode):
            raise BundleError(str(bundle), f"has an entry {shown(name)} that is not a regular file")
        if info.flag_bits & 0x1:
            raise BundleError(str(bundle), f"has an encrypted entry {shown(name)}")
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise BundleError(str(bundle), f"has an entry {shown(name)} in a compression the kiosk does not read")
        if name == MANIFEST_NAME:
            continue
        rel = name.removeprefix(PACK_PREFIX)
        if rel == name or rel not in manifest.files:
            raise BundleError(str(bundle), f"has a file outside the manifest: {shown(name)}")
        expected = manifest.files[rel].size
        if info.file_size != expected:
            raise BundleError(
                str(bundle), f"says {shown(name)} is {info.file_size:,} bytes, but the manifest says {expected:,}"
            )
        if expected > BUNDLE_RATIO_FROM_BYTES and expected > BUNDLE_MAX_RATIO * max(info.compress_size, 1):
            raise BundleError(
                str(bundle),
                f"packs {expected:,} bytes of {shown(name)} into {info.compress_size:,}: "
                f"over {BUNDLE_MAX_RATIO} to 1, the mark of a zip bomb",
            )
        found[rel] = info
    missing = sorted(set(manifest.files) - set(found))
    if missing:
        raise BundleError(str(bundle), f"lacks {PACK_PREFIX}{missing[0]}, which its manifest lists")
    return {rel: found[rel] for rel in manifest.files}


def _stream(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, entry: FileEntry, bundle: Path, exact: bool = True
) -> Iterator[bytes]:
    """The bytes of one entry in chunks, never more than `entry.size` whatever the zip says, and (with
    `exact`) exactly the bytes whose SHA-256 the manifest gives; BundleError otherwise."""
    digest = hashlib.sha256()
    count = 0
    try:
        with archive.open(info) as handle:
            while chunk := handle.read(_CHUNK):
                count += len(chunk)
                if count > entry.size:
                    raise BundleError(
                        str(bundle), f"unpacks {shown(info.filename)} to over {entry.size:,} bytes; it is refused"
                    )
                digest.update(chunk)
                yield chunk
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError) as error:
        if isinstance(error, BundleError):
            raise
        raise BundleError(str(bundle), f"is damaged: {shown(info.filename)} cannot be unpacked ({error})") from None
    if exact and (count != entry.size or digest.hexdigest() != entry.sha256):
        raise BundleError(
            str(bundle),
            f"{PACK_PREFIX}{info.filename.removeprefix(PACK_PREFIX)} does not match the "
            "SHA-256 in its manifest: it was changed after the bundle was built",
        )


def _check_pack_file(content: bytes, manifest: Manifest, bundle: Path) -> None:
    """The pack.toml inside names the pack and version the manifest does: a kiosk picks bundles by the
    manifest, and must get the pack it picked."""
    try:
        meta = tomllib.loads(content.decode("utf-8")).get("pack", {})
    except (UnicodeDecodeError, tomllib.TOMLDecodeError, RecursionError):
        raise BundleError(str(bundle), f"its {PACK_FILE} is not valid TOML") from None
    if not isinstance(meta, dict) or meta.get("id") != manifest.pack or meta.get("version", 1) != manifest.version:
        inside = f"{shown(meta.get('id'))} version {shown(meta.get('version', 1))}" if isinstance(meta, dict) else "?"
        raise BundleError(
            str(bundle),
            f"its manifest says {manifest.pack} version {manifest.version}, but its {PACK_FILE} says {inside}",
        )
