"""A visitor's change of page (Next, Back, Home) to a page drawn ahead lets nothing go in its frames: the other
pages' images stay as they were until the screen is still. Letting them go in the change's first frame took their
pages' parts out of the scene in the very frame the arriving image starts to slide: 10-53 ms of CPU at 4K, over the
frame budget (bench/frames.py --each, bench/README.md "tap4k"). The engine's clock is moved by hand and the still
moment is held back and fired by the test, so nothing here is timed."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF
from PySide6.QtQuick import QQuickItem
from PySide6.QtTest import QTest

from kiosk.ui.render import settle, walk
from kiosk.ui.scene import Scene

from ..conftest import MINIMAL
from ..qml_helpers import finish_loading, texture_of, until_quiet


def _shots(s: Scene) -> dict[int, QQuickItem]:
    """The page images a visit holds (PageHost.qml `pageShot`), by the index of the page each is drawn from."""
    shots = [i for i in walk(s.window.contentItem()) if i.objectName() == "pageShot"]
    return {i.property("sourceItem").parentItem().parentItem().property("index"): i for i in shots}


def _read(s: Scene, clock) -> None:
    """A visitor reads the page: the still moment, then each step of drawing ahead, when due on the engine's clock."""
    c = s.controller
    c.pictures_due.arm(0)
    while (at := c.tap_ahead_at()) is not None:
        clock.now = max(clock.now, at)
        c.run_tap_ahead()
        settle(s.window)


@pytest.mark.parametrize("key", ["next", "prev", "home"])
def test_a_change_to_a_page_drawn_ahead_keeps_every_image_until_the_screen_is_still(
    make_kiosk, clock, qtbot, key: str
) -> None:
    s = make_kiosk(MINIMAL, (1280, 720), reduced_motion=False, auto_advance=False, idle_timeout=None)
    finish_loading(s.window)
    c = s.controller
    c.touch()
    law = next(i for i, p in enumerate(c.engine.pages) if p.kind == "law")  # Next: the plan, Back: the tips, Home
    c.goTo(law)
    settle(s.window)
    _read(s, clock)
    frames: list[int] = []
    s.window.frameSwapped.connect(lambda: frames.append(1))
    until_quiet(s, frames)
    ahead = (c.nextAhead, c.prevAhead, c.homeAhead)
    assert ahead == (law + 1, law - 1, 0)
    drawn = {index: texture_of(shot) for index, shot in _shots(s).items()}
    assert sorted(drawn) == sorted(ahead) and all(t[1] > 0 for t in drawn.values())
    arriving = ahead[("next", "prev", "home").index(key)]

    seen: list[tuple[dict[int, tuple[int, int, int]], float | None]] = []

    def sample() -> None:
        shots = _shots(s)
        on_screen = shots.get(c.page)
        x = on_screen.mapToScene(QPointF(0, 0)).x() if on_screen is not None else None
        seen.append(({i: texture_of(shot) for i, shot in shots.items()}, x))

    s.window.frameSwapped.connect(sample)
    getattr(c, key)()
    assert c.page == arriving
    c.pictures_due.disarm()  # the still moment is the test's to fire
    host = next(h for h in walk(s.window.contentItem()) if h.objectName() == f"page-{c.engine.pages[arriving].id}")
    qtbot.waitUntil(lambda: len(seen) >= 2 and seen[-1][1] == 0.0, timeout=20_000)
    # The slide's last frames move the image less than half a pixel; it is over when its animation is (the steps
    # below come on the test's clock at once, where a visitor's come seconds after the slide's end).
    page_host = host.parentItem().parentItem()  # PageHost.qml: its face, in its slot
    qtbot.waitUntil(lambda: page_host.property("slide") == 0, timeout=20_000)
    settle(s.window)
    width = host.width()
    # The first frame shows the page's image drawn ahead, a sliver of it in view on the side it comes from ...
    assert seen[0][0][arriving] == drawn[arriving]
    assert seen[0][1] is not None and (width / 2 < seen[0][1] < width if key == "next" else -width < seen[0][1] < 0)
    # ... and in that frame and every frame of the slide the images held are those drawn while the visitor read, the
    # same ones: none let go, none drawn again, no fourth made (4K: 33 MB each).
    assert all(shots == drawn for shots, _ in seen), [sorted(shots) for shots, _ in seen]
    # Once still, only what a key on the new page still brings stays (Home's page, from the plan or the tips: not drawn
    # again), the page on screen shows itself, and the steps draw the new page's others; never more than three.
    del seen[:]
    _read(s, clock)
    until_quiet(s, frames)
    s.window.frameSwapped.disconnect(sample)
    assert all(len(shots) <= 3 for shots, _ in seen), [sorted(shots) for shots, _ in seen]
    kept = {index: texture_of(shot) for index, shot in _shots(s).items()}
    assert arriving not in kept
    assert sorted(kept) == sorted(i for i in (c.nextAhead, c.prevAhead, c.homeAhead) if i >= 0)
    if key != "home":
        assert kept[0] == drawn[0], "Home's page, still Home's, is kept as drawn"
    # ... and once read, nothing ticks and nothing is drawn.
    frames.clear()
    QTest.qWait(600)
    assert frames == [] and not c.tap_due.armed
