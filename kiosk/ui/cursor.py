"""Foyer mode: the mouse pointer disappears a few seconds after the mouse stops, and comes back when it moves.

A touchscreen needs no pointer, and one left in the middle of a poster looks broken. One single-shot timer,
restarted by each real mouse move (not by moves Qt makes up from touches); nothing polls.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QCursor, QGuiApplication, QInputDevice, QMouseEvent

log = logging.getLogger(__name__)

HIDE_AFTER_MS = 3000


class CursorHider(QObject):
    def __init__(self, app: QGuiApplication, delay_ms: int = HIDE_AFTER_MS) -> None:
        super().__init__()
        self._app = app
        self._enabled = False
        self._hidden = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self._hide)
        app.installEventFilter(self)

    @property
    def hidden(self) -> bool:
        return self._hidden

    def set_enabled(self, on: bool) -> None:
        """On in foyer mode; off (pointer shown) in assembly and parents' modes, where a mouse may be in use."""
        if on == self._enabled:
            return
        self._enabled = on
        if on:
            self._timer.start()
        else:
            self._timer.stop()
            self._show()

    def stop(self) -> None:
        self.set_enabled(False)
        self._app.removeEventFilter(self)

    def _hide(self) -> None:
        if self._enabled and not self._hidden:
            QGuiApplication.setOverrideCursor(QCursor(Qt.CursorShape.BlankCursor))
            self._hidden = True

    def _show(self) -> None:
        if self._hidden:
            QGuiApplication.restoreOverrideCursor()
            self._hidden = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if (
            self._enabled
            and event.type() == QEvent.Type.MouseMove
            and isinstance(event, QMouseEvent)
            and event.deviceType() == QInputDevice.DeviceType.Mouse
        ):
            self._show()
            self._timer.start()
        return False
