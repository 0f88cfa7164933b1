"""QR codes for help links, made offline with segno. Returns the module matrix; drawing is the UI's job.

Each code segno makes is also kept in the cache folder (`qr-codes.json`), so a kiosk that starts again with the
same links never imports segno: its import pulls in urllib, http, email and OpenSSL (about 20 ms of CPU and
10 MB resident, bench/README.md) for what is a few hundred bytes of ones and zeros. The file holds only the
links' texts and their codes; if it is missing, damaged or unwritable, segno makes the code as before.
"""

from __future__ import annotations

import functools
import json
import logging
import os
import sys
import tempfile
import threading
import types
from pathlib import Path

from kiosk.core import paths

log = logging.getLogger(__name__)

QUIET_ZONE = 4  # modules of white around the code, as ISO/IEC 18004 asks
CACHE_NAME = "qr-codes.json"
CACHE_VERSION = 1
CACHE_LIMIT = 256  # codes kept; the oldest go first (a pack has a handful of links)

Matrix = tuple[tuple[bool, ...], ...]

_lock = threading.Lock()  # the QML image provider asks from Qt's image loading thread
_cache: dict[str, dict[str, list[str]]] = {}  # cache file path -> its codes, read once per process


class _LoadedOnFirstUse(types.ModuleType):
    """A module's stand-in in sys.modules that imports the real module the first time one of its names is used.

    importlib.util.LazyLoader cannot do this here: on Python 3.11 the `import` statement itself reads the
    module's `__spec__`, which loads it. This stand-in has its spec, so importing it costs nothing."""

    def __getattr__(self, attr: str) -> object:
        name = self.__name__
        import importlib

        if sys.modules.get(name) is self:
            del sys.modules[name]
        real = importlib.import_module(name)  # now in sys.modules and set on its package, as any import
        self.__dict__.update(real.__dict__)  # for whoever kept the stand-in
        return getattr(real, attr)


def _defer_import(name: str) -> None:
    """Let `name` be imported without loading it until it is used (see _LoadedOnFirstUse)."""
    import importlib.util

    if name in sys.modules:
        return
    spec = importlib.util.find_spec(name)
    if spec is None:
        return
    stand_in = _LoadedOnFirstUse(name)
    stand_in.__spec__ = spec
    sys.modules[name] = stand_in
    parent, _, child = name.rpartition(".")
    if parent:
        setattr(sys.modules[parent], child, stand_in)  # as a real import of a submodule does


def _encode(data: str) -> Matrix:
    """Medium error correction survives glare on a screen."""
    # segno's writers import xml.sax.saxutils, which imports urllib.request, and with it http.client, email and
    # OpenSSL: 7 MB that a kiosk's first start kept for as long as it ran (bench/memmap.py), for a function
    # segno never calls here. Made lazy, it is loaded only if something uses it.
    _defer_import("urllib.request")
    import segno  # only on a cache miss (see the module's docstring)

    code = segno.make_qr(data, error="m")
    return tuple(tuple(bool(m) for m in row) for row in code.matrix_iter(scale=1, border=QUIET_ZONE))


def _rows_ok(rows: object) -> bool:
    """A square of 0/1 strings as big as a QR code with its quiet zone can be (version 1 to 40)."""
    if not isinstance(rows, list) or not 21 + 2 * QUIET_ZONE <= len(rows) <= 177 + 2 * QUIET_ZONE:
        return False
    return all(isinstance(r, str) and len(r) == len(rows) and set(r) <= {"0", "1"} for r in rows)


def _read(file: Path) -> dict[str, list[str]]:
    try:
        stored = json.loads(file.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as error:
        log.warning("%s: unreadable, QR codes will be made again (%s)", file, error)
        return {}
    if not isinstance(stored, dict) or stored.get("version") != CACHE_VERSION:
        return {}
    if not isinstance(stored.get("codes"), dict):
        return {}
    return {k: v for k, v in stored["codes"].items() if isinstance(k, str) and _rows_ok(v)}


def _write(file: Path, codes: dict[str, list[str]]) -> None:
    """Atomically, so a power cut leaves the old file or the new one."""
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        fd, temp_name = tempfile.mkstemp(dir=file.parent, prefix=".qr-", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump({"version": CACHE_VERSION, "codes": codes}, out, separators=(",", ":"))
        os.replace(temp_name, file)
    except OSError as error:
        log.info("QR codes not kept in %s (%s)", file, error)


@functools.lru_cache(maxsize=64)
def matrix(data: str) -> Matrix:
    """The code's dark/light modules including the quiet zone."""
    file = paths.cache_dir() / CACHE_NAME
    with _lock:
        codes = _cache.get(str(file))
        if codes is None:
            codes = _cache[str(file)] = _read(file)
        rows = codes.get(data)
        if rows is not None:
            return tuple(tuple(c == "1" for c in row) for row in rows)
    made = _encode(data)
    with _lock:
        codes[data] = ["".join("1" if m else "0" for m in row) for row in made]
        while len(codes) > CACHE_LIMIT:
            codes.pop(next(iter(codes)))
        _write(file, codes)
    return made
