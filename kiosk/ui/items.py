"""Walking a window's Qt Quick items, and waiting until they have finished loading.

Shared by the scene (lay out before the first frame), the renderer (grab only settled frames) and the start-up
benchmark's exit; it imports neither of them, so none of them has to import another inside a function.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator

from PySide6.QtCore import QCoreApplication, QEventLoop
from PySide6.QtQuick import QQuickItem, QQuickWindow

log = logging.getLogger(__name__)


def walk(item: QQuickItem) -> Iterator[QQuickItem]:
    """`item` and every item below it, depth first (children in order). A stack, not nested generators: each item
    of a deep tree passed up through every level above it, and `kiosk check` walks ~600,000 items a pack."""
    stack = [item]
    while stack:
        current = stack.pop()
        yield current
        stack.extend(reversed(current.childItems()))


def walk_visible(item: QQuickItem) -> Iterator[QQuickItem]:
    """`item` and every item below it that is visible (effectively: a hidden item hides all below it), depth first.
    Skipping the hidden pages' subtrees makes a walk of the kiosk several times cheaper (start-up round 3)."""
    if not item.isVisible():
        return
    yield item
    for child in item.childItems():
        yield from walk_visible(child)


def still_loading(window: QQuickWindow) -> list[QQuickItem]:
    """The visible items whose picture is still loading."""
    return [i for i in walk_visible(window.contentItem()) if i.property("loading") is True]


def settle(window: QQuickWindow, timeout: float = 10.0) -> None:
    """Let bindings, loaders and asynchronous images finish before a frame is grabbed."""
    deadline = time.monotonic() + timeout
    while True:
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        loading = still_loading(window)
        if not loading:
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
            return
        if time.monotonic() > deadline:
            log.warning("render: %d image(s) still loading after %.0f s", len(loading), timeout)
            return
        time.sleep(0.01)
