"""A week of the attract loop on a fake clock, with visitors: Python objects and Qt objects stay flat.

Resident memory growth is measured in bench/, not here; this catches the leaks that cause it.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QCoreApplication, QEvent, QObject

from kiosk.core.pack import load
from kiosk.ui.render import settle, walk
from kiosk.ui.scene import start_scene

from ..conftest import MINIMAL

WEEK = 7 * 24 * 3600


def counts(session) -> tuple[int, int, int]:
    """Python objects, QObjects owned by the engine (the controller and its models), scene items."""
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()
    items = sum(1 for _ in walk(session.window.contentItem()))
    qobjects = len(session.engine.findChildren(QObject))
    return len(gc.get_objects()), qobjects, items


def test_a_week_of_looping_stays_flat(qapp, clock) -> None:
    pack = load(MINIMAL)
    s = start_scene(pack, list(pack.pages), clock=clock, reduced_motion=True, size=(1280, 720))
    s.window.show()
    settle(s.window)
    c = s.controller
    # warm up one full loop and one visit, so caches and lazily made objects exist before counting
    for _ in range(40):
        clock.now = max(clock.now, c.engine.next_deadline())
        c.run_due()
    settle(s.window)
    before_objects, before_qobjects, before_items = counts(s)
    end = clock.now + WEEK
    steps = 0
    while clock.now < end:
        clock.now = max(clock.now, c.engine.next_deadline())
        c.run_due()
        steps += 1
        if steps % 2000 == 0:  # a visitor: taps through a few pages, makes a plan, walks away
            c.touch()
            c.next()
            c.goToKind("plan")
            c.togglePlan("say-no")
            c.goToKind("tips")
            c.openDetail(1)
            settle(s.window)
        elif steps % 250 == 0:
            settle(s.window)
    settle(s.window)
    after_objects, after_qobjects, after_items = counts(s)
    print(
        f"soak: {steps} steps; python objects {before_objects} -> {after_objects}; "
        f"qobjects {before_qobjects} -> {after_qobjects}; items {before_items} -> {after_items}"
    )
    s.close()
    assert steps > 100_000, "a week of loop time was driven"
    assert after_items == before_items, "the scene holds the same items after a week"
    assert after_qobjects == before_qobjects, "no QObject is left behind"
    assert after_objects - before_objects < 200, f"Python/Qt objects grew by {after_objects - before_objects}"
