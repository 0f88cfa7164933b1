"""The first page first: the pages off screen are built (QML "incubation") only once the first frame is shown.

PageHost builds the pages that are not on screen asynchronously, in slices between frames. At start the window
waits for the display to map it, and Qt's own incubation controller filled that wait with the other pages: the
help page's QR codes (made in Python, and on a first start by segno) and every story panel were built before the
first page was painted (bench/README.md, start-up round 2). FirstFrameFirst takes the engine's incubation until
the window's first frame has been swapped (or FIRST_FRAME_WAIT_MS have passed: a window that is never exposed
still gets its pages), builds what is pending in the same slices Qt's basic render loop uses, then gives the
engine back to the window's own controller for everything later (new packs, languages).
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtQml import QQmlApplicationEngine, QQmlIncubationController
from PySide6.QtQuick import QQuickWindow

from kiosk.core import startgc

log = logging.getLogger(__name__)

FIRST_FRAME_WAIT_MS = 1500  # if no frame comes by then, the pages are built anyway
SLICE_MS = 10  # build for this long (Qt's basic render loop: two thirds of a 60 Hz frame) ...
GAP_MS = 5  # ... then let events and frames through for this long


class FirstFrameFirst(QObject):
    """Holds the building of off-screen pages until `window` has shown its first frame; see the module."""

    def __init__(self, engine: QQmlApplicationEngine, window: QQuickWindow) -> None:
        super().__init__(window)
        self.engine = engine
        self.window = window
        self.held = QQmlIncubationController()  # a controller nobody drives: nothing is built meanwhile
        self.released = False
        engine.setIncubationController(self.held)
        window.frameSwapped.connect(self.release, Qt.ConnectionType.QueuedConnection)
        self.fallback = QTimer(self, singleShot=True, interval=FIRST_FRAME_WAIT_MS)
        self.fallback.timeout.connect(self.release)
        self.fallback.start()
        self.slices = QTimer(self, interval=GAP_MS)
        self.slices.timeout.connect(self._build)

    def release(self) -> None:
        """The first frame is on screen: build what waited, in slices between events and frames."""
        if self.released:
            return
        self.released = True
        self.fallback.stop()
        self.window.frameSwapped.disconnect(self.release)
        log.debug("first frame shown: %d page build(s) can go on", self.held.incubatingObjectCount())
        startgc.release(gui_thread=True)  # the garbage collector too, on this thread only (kiosk/core/startgc.py)
        self.slices.start()
        self._build()

    def _build(self) -> None:
        if self.engine.incubationController() is not self.held:  # someone else drives the engine now
            self.slices.stop()
            return
        self.held.incubateFor(SLICE_MS)
        if self.held.incubatingObjectCount() == 0:
            self.slices.stop()
            # Later builds (a new pack, a language) go through the window's own controller, as before.
            self.engine.setIncubationController(self.window.incubationController())
