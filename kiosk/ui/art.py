"""Pack pictures drawn once per size and kept as PNG in the cache folder, so the kiosk does not draw the same SVG
again at every start and every time the loop comes round to it.

Drawing an SVG is slow next to reading a PNG: the poster at 1080p takes 22 ms to draw and 5 ms to read, four
times that at 4K, and it is on the way to the first complete frame (bench/startup.py). QML asks `art.url(source,
width, height)`; a kept PNG for that file, its current contents and that size is returned if there is one.
Otherwise the SVG itself is returned (Qt draws it as before) and a background thread draws the same picture
into the cache for next time. A damaged, missing or unwritable cache only costs that speed.

What is kept: pictures of the packs' own files, no personal data. The folder is kept under CACHE_LIMIT_BYTES,
oldest first.
"""

from __future__ import annotations

import logging
import os
import queue
import tempfile
import threading
import zlib
from pathlib import Path

from PySide6.QtCore import QObject, QSize, QUrl, Slot
from PySide6.QtGui import QImageReader

from kiosk.core import paths

log = logging.getLogger(__name__)

CACHE_LIMIT_BYTES = 64 * 1024 * 1024  # a pack's pictures at two screen sizes take about 2 MB
DRAW_DELAY_S = 2.0  # the first drawing waits until start-up is over
DRAWN = (".svg", ".svgz")


def kept_name(file: Path, width: int, height: int) -> str | None:
    """The cache file's name for `file` at (width, height); None when the file cannot be read."""
    try:
        st = file.stat()
    except OSError:
        return None
    key = f"{file.resolve()}|{st.st_mtime_ns}|{st.st_size}|{width}x{height}"
    return f"{file.stem[:40]}-{width}x{height}-{zlib.crc32(key.encode()):08x}.png"


def fitted(natural: QSize, width: int, height: int) -> QSize:
    """The size Qt Quick's Image draws an SVG at for that sourceSize with PreserveAspectFit: the picture's shape,
    scaled by the larger of the two ratios (QQuickImageProviderWithOptions::loadSize), so a kept picture is the
    very image Qt would have drawn, and the Image item scales it into its box as before."""
    if natural.width() <= 0 or natural.height() <= 0:
        return QSize(width, height)
    ratio = max(width / natural.width(), height / natural.height())
    return QSize(round(natural.width() * ratio), round(natural.height() * ratio))


def draw_into_cache(source: Path, width: int, height: int, folder: Path) -> Path | None:
    """Draw `source` to fit width x height and keep it as PNG in `folder` (atomically). Any thread."""
    name = kept_name(source, width, height)
    if name is None:
        return None
    reader = QImageReader(str(source))
    reader.setScaledSize(fitted(reader.size(), width, height))
    image = reader.read()
    if image.isNull():
        log.info("art: %s not drawn for the cache (%s)", source, reader.errorString())
        return None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, temp_name = tempfile.mkstemp(dir=folder, prefix=".art-", suffix=".png")
        os.close(fd)
        if not image.save(temp_name, "PNG"):  # type: ignore[call-overload]  # stub: format as bytes; str works
            os.unlink(temp_name)
            return None
        target = folder / name
        os.replace(temp_name, target)
        return target
    except OSError as error:
        log.info("art: %s not kept (%s)", source, error)
        return None


def prune(folder: Path, limit: int = CACHE_LIMIT_BYTES) -> int:
    """Delete the least recently used pictures until the folder is under `limit` bytes; returns how many."""
    try:
        files = [(f.stat().st_mtime, f.stat().st_size, f) for f in folder.glob("*.png")]
    except OSError:
        return 0
    total = sum(size for _, size, _ in files)
    removed = 0
    for _, size, f in sorted(files, key=lambda t: t[0]):
        if total <= limit:
            break
        try:
            f.unlink()
        except OSError:
            continue
        total -= size
        removed += 1
    return removed


class ArtCache(QObject):
    """`ArtCache` in QML (a singleton, kiosk/ui/app.py): the URL to load for a pack picture at a size (see above)."""

    def __init__(self, folder: Path | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.folder = folder or paths.cache_dir() / "art"
        self._jobs: queue.Queue[tuple[Path, int, int] | None] = queue.Queue()
        self._queued: set[tuple[Path, int, int]] = set()
        self._touched: set[Path] = set()
        self._worker: threading.Thread | None = None
        self._stopping = threading.Event()

    @Slot(str, int, int, result=str)
    def url(self, source: str, width: int, height: int) -> str:
        if not source or width < 2 or height < 2:
            return source
        url = QUrl(source)
        if not url.isLocalFile() or not url.path().lower().endswith(DRAWN):
            return source
        file = Path(url.toLocalFile())
        name = kept_name(file, width, height)
        if name is None:
            return source  # Qt shows its placeholder for a missing file, as before
        kept = self.folder / name
        if kept.is_file():
            if kept not in self._touched:  # least recently used goes first when the folder is full
                self._touched.add(kept)
                try:
                    os.utime(kept)
                except OSError:
                    pass
            return QUrl.fromLocalFile(str(kept)).toString()
        self._queue(file, width, height)
        return source

    def _queue(self, file: Path, width: int, height: int) -> None:
        job = (file, width, height)
        if job in self._queued or self._stopping.is_set():
            return
        self._queued.add(job)
        self._jobs.put(job)
        if self._worker is None:
            self._worker = threading.Thread(target=self._run, name="kiosk-art", daemon=True)
            self._worker.start()

    def _run(self) -> None:
        if hasattr(os, "setpriority"):  # Linux: per thread; the screen's own drawing comes first
            try:
                os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 10)
            except OSError:
                pass
        if self._stopping.wait(DRAW_DELAY_S):
            return
        while not self._stopping.is_set():
            job = self._jobs.get()  # blocks without waking: nothing ticks while nothing is asked (stop() sends None)
            if job is None:
                self._jobs.task_done()
                return
            try:
                if draw_into_cache(*job, self.folder) is not None and self._jobs.empty():
                    prune(self.folder)
            finally:
                self._jobs.task_done()

    @property
    def busy(self) -> bool:
        """Pictures still waiting to be drawn into the cache (bench/frames.py waits for none)."""
        return self._jobs.unfinished_tasks > 0 and not self._stopping.is_set()

    def stop(self) -> None:
        """No new drawing; the one in progress finishes (writes are atomic, so no half file is ever left)."""
        self._stopping.set()
        self._jobs.put(None)
        if self._worker is not None:
            self._worker.join(timeout=2)
            self._worker = None
