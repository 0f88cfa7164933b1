"""Qt tests share one QGuiApplication: a test must not leave it unable to run an event loop for the next one."""

from __future__ import annotations

from collections.abc import Iterator

import pytest


def _exit_pending() -> bool:
    """True when `QCoreApplication.exit()` ran outside `exec()`: Qt then keeps the exit pending, and every later
    QEventLoop.exec() (pytest-qt's waits included) returns at once, processing nothing, until the next app.exec()."""
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(0, lambda: loop.exit(7))
    return loop.exec() != 7


@pytest.fixture(autouse=True)
def event_loops_still_run(request: pytest.FixtureRequest) -> Iterator[None]:
    """Fails the test during which an app.exit() was left pending (a guard timer left running by a test is the
    usual cause: it fires in whatever test runs then), instead of letting every later test's waits time out
    without processing events (the studio's tests did: 8 of 17 failed in the suite, none alone)."""
    yield
    if "qapp" not in request.fixturenames:
        return
    from PySide6.QtCore import QCoreApplication, QTimer

    app = QCoreApplication.instance()
    if app is None or not _exit_pending():
        return
    QTimer.singleShot(0, app, lambda: app.exit(0))
    app.exec()  # spends the pending exit, so the next test starts with working event loops
    pytest.fail(
        "QCoreApplication.exit() was called outside exec() during this test (a timer left running by an earlier "
        "test?): every later event loop would have returned at once",
        pytrace=False,
    )
