"""A stop signal ends the kiosk whenever it comes, even before the event loop has started."""

from __future__ import annotations

import signal
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QEventLoop, QTimer

from kiosk.ui.run import exit_on_signal


@pytest.fixture
def guard(qapp) -> Iterator[QTimer]:
    """Ends the loop with 99 if the signal was lost (the kiosk would run on), and is stopped after the test.

    A guard left running fired 10 s later, in whatever test was running then: `app.exit()` outside `exec()`
    makes every later QEventLoop.exec() return at once until the next `app.exec()`, so pytest-qt's waits stopped
    processing events and a 2.5 s timer in tests/ui/test_stats.py "never fired" (20 s timeouts in loaded runs).
    """
    timer = QTimer(qapp)
    timer.setSingleShot(True)
    timer.timeout.connect(lambda: qapp.exit(99))
    timer.start(10_000)
    yield timer
    timer.stop()
    timer.deleteLater()


def test_a_signal_before_the_event_loop_starts_still_ends_it(qapp, guard) -> None:
    stop = exit_on_signal(qapp)
    stop(signal.SIGTERM, None)  # after the first heartbeat, before app.exec(): app.exit() alone does nothing here
    assert qapp.exec() == 0


def test_a_signal_while_the_loop_runs_ends_it(qapp, guard) -> None:
    stop = exit_on_signal(qapp)
    QTimer.singleShot(0, qapp, lambda: stop(signal.SIGINT, None))
    assert qapp.exec() == 0


def test_no_exit_is_left_for_a_later_event_loop(qapp, qtbot) -> None:
    """After the tests above, an event loop still runs: their guards and the handler's queued exit are spent."""
    for _ in range(2):
        stop = exit_on_signal(qapp)
        QTimer.singleShot(0, qapp, lambda stop=stop: stop(signal.SIGINT, None))
        assert qapp.exec() == 0
    loop = QEventLoop()
    QTimer.singleShot(0, lambda: loop.exit(7))
    assert loop.exec() == 7, "a later event loop returns at once: an exit was left pending"
    fired: list[int] = []
    QTimer.singleShot(0, lambda: fired.append(1))
    qtbot.waitUntil(lambda: bool(fired), timeout=5_000)
