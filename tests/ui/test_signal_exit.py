"""A stop signal ends the kiosk whenever it comes, even before the event loop has started."""

from __future__ import annotations

import signal

from PySide6.QtCore import QTimer

from kiosk.ui.run import exit_on_signal


def test_a_signal_before_the_event_loop_starts_still_ends_it(qapp) -> None:
    stop = exit_on_signal(qapp)
    stop(signal.SIGTERM, None)  # after the first heartbeat, before app.exec(): app.exit() alone does nothing here
    QTimer.singleShot(10_000, qapp, lambda: qapp.exit(99))  # the signal was lost: the kiosk would run on
    assert qapp.exec() == 0


def test_a_signal_while_the_loop_runs_ends_it(qapp) -> None:
    stop = exit_on_signal(qapp)
    QTimer.singleShot(0, qapp, lambda: stop(signal.SIGINT, None))
    QTimer.singleShot(10_000, qapp, lambda: qapp.exit(99))
    assert qapp.exec() == 0
