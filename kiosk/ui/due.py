"""One single-shot timer for the next change that happens by itself, with a small public face.

The controller (the loop's next page, the idle warning) and the schedule (its next boundary) each arm one of these
for their next deadline, so nothing ticks while nothing is due. Tests and tools ask `armed`, `interval_ms` and
`remaining_ms` instead of reaching into a QTimer, and call the owner's `run_due()` to run what is due now.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QTimer

log = logging.getLogger(__name__)


class DueTimer(QObject):
    """A precise single-shot timer: a coarse one may be 5% late, which is 24 minutes in an 8-hour day."""

    def __init__(self, on_due: Callable[[], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(on_due)

    def arm(self, delay_ms: int) -> None:
        """Fire once, `delay_ms` from now; an earlier arming is forgotten."""
        self._timer.start(max(0, delay_ms))

    def disarm(self) -> None:
        self._timer.stop()

    @property
    def armed(self) -> bool:
        return self._timer.isActive()

    @property
    def interval_ms(self) -> int | None:
        """The delay it was last armed with, or None when nothing is due."""
        return self._timer.interval() if self._timer.isActive() else None

    @property
    def remaining_ms(self) -> int | None:
        """Milliseconds until it fires, or None when nothing is due."""
        return self._timer.remainingTime() if self._timer.isActive() else None
