"""The process environment Qt needs before the QGuiApplication exists, and Qt's messages in the kiosk's log.

Kept apart from kiosk.ui.app so that the first page's picture (kiosk.ui.splash) can be shown before the QML
engine and the kiosk's own Qt modules are imported: this module needs QtCore only.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from PySide6.QtCore import QtMsgType, qInstallMessageHandler

from kiosk.core import paths

log = logging.getLogger(__name__)
qt_log = logging.getLogger("kiosk.qt")


def has_gpu_driver() -> bool:
    """A kernel GPU driver offers a render node; without one, OpenGL would be Mesa's llvmpipe on the CPU."""
    return any(Path("/dev/dri").glob("renderD*"))


M_MMAP_THRESHOLD = -3  # glibc's mallopt() parameter number (malloc.h)
MMAP_THRESHOLD_BYTES = 1 << 20


def return_big_blocks_to_the_system() -> bool:
    """Have glibc give memory blocks of 1 MiB and more back to the system as soon as they are freed.

    By default glibc raises its mmap threshold each time a big block is freed (up to 32 MiB), after which the
    page-sized images of a crossfade (8 MiB each at 1080p) come from its heap and stay there when freed: the
    kiosk's RSS after a minute of the loop was 172 MiB instead of 138 (bench/memory.py). A fixed threshold
    keeps the old behaviour for small blocks and turns the adjustment off. Linux (glibc) only; True if set.
    """
    if not sys.platform.startswith("linux"):
        return False
    try:
        import ctypes

        return bool(ctypes.CDLL(None).mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD_BYTES))
    except (ImportError, OSError, AttributeError) as error:  # no ctypes in the build, or not glibc (musl)
        log.info("memory: glibc's mmap threshold not set (%s)", error)
        return False


MADV_PAGEOUT = 21  # Linux 5.4+ (asm-generic/mman-common.h)


def give_back_library_pages() -> int:
    """Ask the kernel to drop this process's resident pages of its shared libraries' code and read-only data
    (`madvise(MADV_PAGEOUT)`), the rule being kiosk.core.memory.give_back_library_pages_now. The kernel skips pages
    other processes map too; a page needed again is read back on its first use. Linux (glibc) only; returns the
    bytes of the ranges advised (not what was dropped), 0 if nothing could be."""
    if not sys.platform.startswith("linux"):
        return 0
    from kiosk.core.memory import library_ranges

    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        maps = Path("/proc/self/maps").read_text()
    except (ImportError, OSError, AttributeError) as error:
        log.info("memory: library pages not given back (%s)", error)
        return 0
    libc.madvise.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_int]
    advised = 0
    for start, end in library_ranges(maps):
        if libc.madvise(start, end - start, MADV_PAGEOUT) == 0:
            advised += end - start
        elif ctypes.get_errno() == 22:  # EINVAL: a kernel before 5.4 has no MADV_PAGEOUT
            break
    return advised


BUNDLED_QML_CACHE = "qmlcache"  # build_installer.compile_qml: beside the frozen build's assets


def qml_cache_dir() -> Path:
    """Where Qt's QML engine looks for compiled QML. The frozen build brings its QML compiled ahead of time
    (build_installer.py, qmlcachegen), so no start compiles any, not even the first after an install or upgrade;
    from source it is the per-user cache, where the engine keeps what it compiled on the first start."""
    if paths.is_frozen():
        bundled = paths.assets_dir().parent / BUNDLED_QML_CACHE
        if bundled.is_dir():
            return bundled
    return paths.cache_dir() / "qmlcache"


def prepare_environment(offscreen: bool = False) -> None:
    """Environment fixes that must happen before the QGuiApplication exists (see shared/measured.md)."""
    return_big_blocks_to_the_system()
    if offscreen:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    if not any(os.environ.get(v) for v in ("LC_ALL", "LC_CTYPE", "LANG")):
        os.environ["LC_CTYPE"] = "C.UTF-8"
    if os.environ.get("QT_QPA_PLATFORM", "").startswith("offscreen"):
        # No GPU context offscreen: the software renderer is what foyer PCs without a good GPU get too.
        os.environ.setdefault("QT_QUICK_BACKEND", "software")
    elif sys.platform.startswith("linux") and not has_gpu_driver():
        # No GPU driver: OpenGL would run on Mesa's llvmpipe, which costs ~140 MB more memory, grows while pages
        # change fast, and starts slower than Qt Quick's own software renderer (bench/README.md).
        os.environ.setdefault("QT_QUICK_BACKEND", "software")
    # Without a session bus Qt would start a dbus-daemon that outlives the kiosk.
    os.environ.setdefault("DBUS_SESSION_BUS_ADDRESS", "disabled:")
    cache = qml_cache_dir()
    os.environ.setdefault("QML_DISK_CACHE_PATH", str(cache))
    if cache.name == BUNDLED_QML_CACHE and cache.parent == paths.assets_dir().parent:
        # The install's own compiled QML is read, never written: a document not compiled ahead of time (the
        # studio's) would otherwise be compiled into the install folder (read-only under /opt, or shared by users).
        os.environ.setdefault("QML_DISK_CACHE", "aot,qmlc-read")


def _qt_message(mode: QtMsgType, context: object, message: str) -> None:
    level = {QtMsgType.QtDebugMsg: logging.DEBUG, QtMsgType.QtInfoMsg: logging.INFO}.get(mode, logging.WARNING)
    if mode in (QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg):
        level = logging.ERROR
    qt_log.log(level, "%s", message)


def install_qt_logging() -> None:
    qInstallMessageHandler(_qt_message)
