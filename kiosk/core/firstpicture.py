"""The picture of the first page kept from the last run: what it depends on, and where it is kept.

A kiosk shows its first page as a plain picture while Qt Quick and the QML load behind it (kiosk.ui.splash), then
the live page takes over without a visible change. That is only safe while the picture is exactly what the live
page will draw, so it is kept under a key made from everything the first page's pixels depend on: the program
(version, and its files' identity), the effective settings (settings.toml, this run's flags and the machine
policy, locked values included), the mode and pack the schedule wants now, every file of that pack (size, times,
inode: a changed picture changes its ctime even when its mtime is kept), the problems that made it a fallback,
the window's size in pixels and device pixel ratio, and the environment variables that change how Qt draws.
A stale picture is never found: its key names another file. After each start the live first frame is compared
with the picture anyway, pixel for pixel (kiosk.ui.splash), and a picture that differs is dropped.

Plain Python (no Qt): the caller passes what only Qt knows (screen size, device pixel ratio, Qt's version).
"""

from __future__ import annotations

import json
import logging
import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from kiosk import __version__

try:  # BLAKE2 without hashlib, whose import loads OpenSSL's libcrypto: nothing else before the first frame needs it
    from _blake2 import blake2b
except ImportError:  # pragma: no cover - an interpreter built without it
    from hashlib import blake2b

log = logging.getLogger(__name__)

FOLDER = "first-page"  # in the kiosk's cache folder
SUFFIX = ".png"
KEY_CHARS = 32  # of blake2b's hex digest: 128 bits
# Environment variables that change what Qt draws or at what scale (a start under another one is another picture).
DRAWING_ENV = (
    "QT_QUICK_BACKEND",
    "QT_SCALE_FACTOR",
    "QT_SCREEN_SCALE_FACTORS",
    "QT_ENABLE_HIGHDPI_SCALING",
    "QT_SCALE_FACTOR_ROUNDING_POLICY",
    "QT_FONT_DPI",
    "QT_QPA_PLATFORM",
    "QT_QUICK_CONTROLS_STYLE",
    "LANGUAGE",
    "LC_ALL",
    "LC_MESSAGES",
    "LANG",
    "FONTCONFIG_FILE",
    "FONTCONFIG_PATH",
)
PROGRAM_SUFFIXES = (".py", ".qml", ".qmldir", ".qmltypes", ".ttf", ".otf", ".json", ".qm", ".js")


def file_stats(root: Path, suffixes: Sequence[str] | None = None) -> list[tuple[str, int, int, int, int]]:
    """(path inside `root`, size, mtime_ns, ctime_ns, inode) of every regular file under `root`, sorted.

    One stat per file, no reading: a pack of 40 files costs well under a millisecond. Any write to a file changes
    its ctime (even a copy that keeps the mtime), and an atomic replace changes its inode."""
    found: list[tuple[str, int, int, int, int]] = []
    for path, st in _walk(str(root)):
        if suffixes is not None and not path.endswith(tuple(suffixes)):
            continue
        found.append((os.path.relpath(path, root), st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino))
    found.sort()
    return found


def _walk(folder: str) -> Iterator[tuple[str, os.stat_result]]:
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        try:
            if entry.is_dir(follow_symlinks=False):
                if entry.name != "__pycache__":
                    yield from _walk(entry.path)
            elif entry.is_file():
                yield entry.path, entry.stat()
        except OSError:
            continue


def program_identity() -> list[object]:
    """The running program: its version, and its files' identity (an edited QML file or Python module from a
    source checkout, or a reinstalled frozen build, is another program even under the same version)."""
    identity: list[object] = [__version__, sys.version]
    try:
        st = os.stat(sys.executable)
        identity.append([sys.executable, st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino])
    except OSError:
        identity.append(sys.executable)
    package = Path(__file__).resolve().parents[1]
    if package.is_dir():  # from source (a frozen build has its modules in its archive: the executable says it)
        identity.append(file_stats(package, PROGRAM_SUFFIXES))
    return identity


@dataclass(frozen=True)
class Inputs:
    """Everything the first page's pixels depend on (see the module). Reprs are of frozen dataclasses: stable."""

    program: Sequence[object]
    qt_version: str
    config: str  # repr of kiosk.core.config.Config: settings, this run's flags, the machine policy
    slot: str  # repr of the schedule's Slot now: mode, pack, entry
    pack_root: str
    pack_files: Sequence[tuple[str, int, int, int, int]]
    pack_problems: Sequence[str]  # a refused pack shows the built-in one, and the staff screen's note
    size: tuple[int, int]  # the window, in device-independent pixels
    device_pixel_ratio: float
    platform: str
    environment: Sequence[tuple[str, str]]

    def key(self) -> str:
        """A digest of every input: any change of one is another key."""
        text = json.dumps(
            [
                list(self.program),
                self.qt_version,
                self.config,
                self.slot,
                self.pack_root,
                [list(f) for f in self.pack_files],
                list(self.pack_problems),
                list(self.size),
                repr(float(self.device_pixel_ratio)),
                self.platform,
                [list(e) for e in self.environment],
            ],
            default=repr,
            ensure_ascii=True,
        )
        return blake2b(text.encode("ascii"), digest_size=KEY_CHARS // 2).hexdigest()


def drawing_environment(environ: dict[str, str] | os._Environ[str] = os.environ) -> list[tuple[str, str]]:
    return [(name, environ[name]) for name in DRAWING_ENV if name in environ]


def picture_path(cache: Path, key: str) -> Path:
    """Where the picture for `key` is kept: its name is its key, so a stale one is never even opened."""
    return cache / FOLDER / f"{key}{SUFFIX}"


def find(cache: Path, key: str) -> Path | None:
    """The kept picture for `key`, or None (one stat)."""
    path = picture_path(cache, key)
    return path if path.is_file() else None


def drop(paths: Iterable[Path]) -> None:
    """Remove pictures (a stale one, one found to differ from the live page); a missing file is fine."""
    for path in paths:
        try:
            path.unlink()
        except FileNotFoundError:
            pass
        except OSError as error:
            log.warning("first page: could not remove %s (%s)", path, error)


def others(cache: Path, key: str) -> list[Path]:
    """The pictures kept under other keys (written by earlier runs): removed when a new one is kept."""
    folder = cache / FOLDER
    try:
        return [p for p in folder.iterdir() if p.suffix == SUFFIX and p.stem != key]
    except OSError:
        return []


def keep(cache: Path, key: str, data: bytes) -> Path:
    """Keep `data` (an encoded picture) as the picture for `key`, atomically, and drop the others."""
    from kiosk.core.files import atomic_write

    folder = cache / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    path = atomic_write(picture_path(cache, key), data)
    drop(others(cache, key))
    return path
