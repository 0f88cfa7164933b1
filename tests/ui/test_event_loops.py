"""Why tests/ui/conftest.py checks after every test that an event loop still runs (Qt 6's behaviour, held here)."""

from __future__ import annotations

from PySide6.QtCore import QTimer

from .conftest import _exit_pending


def test_an_exit_outside_exec_stops_every_later_event_loop_until_the_next_exec(qapp) -> None:
    assert not _exit_pending()
    qapp.exit(0)  # what a guard timer left running by a test did, in a later test
    assert _exit_pending() and _exit_pending(), "every later loop returns at once, not just the next one"
    QTimer.singleShot(0, qapp, lambda: qapp.exit(0))
    qapp.exec()
    assert not _exit_pending()
