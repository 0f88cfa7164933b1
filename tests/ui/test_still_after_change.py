"""Nothing is drawn on a still screen: once a change's animation is over, no frame comes until the controller's
still moment (which lets go, in one frame, the fade's layer and the pictures that cannot come next), and none
after it until the next change. The X server saw every such frame as damage, 150-250 ms after a fade
(bench/xframes_trace.py, bench/README.md); the engine's clock is moved by hand and the still moment is fired by
the test, so nothing here races a loaded machine."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QImage
from PySide6.QtQml import QQmlProperty
from PySide6.QtQuick import QQuickItem
from PySide6.QtTest import QTest

from kiosk.core import limits, paths
from kiosk.ui.render import settle, walk
from kiosk.ui.scene import Scene

from ..conftest import MINIMAL
from ..qml_helpers import block_averages, finish_loading


def _hosts(s: Scene) -> dict[str, QQuickItem]:
    return {i.objectName(): i for i in walk(s.window.contentItem()) if i.objectName().startswith("page-")}


def _layers(s: Scene) -> list[str]:
    return [n for n, h in _hosts(s).items() if QQmlProperty(h, "layer.enabled").read()]


def _quiet(s: Scene, art: object, frames: list[int]) -> None:
    """Until pictures loading in the background are in (each one draws a frame as it comes)."""
    for _ in range(60):
        frames.clear()
        settle(s.window)
        QTest.qWait(150)
        if not frames and not art.busy:  # type: ignore[attr-defined]
            return


def _loop_change(s: Scene, clock, qtbot, frames: list[int]) -> tuple[QQuickItem, QQuickItem]:
    """The loop's next timed page change, drawn ahead as the kiosk does it; returns (leaving, arriving) once the
    fade is over. The controller's still moment is held back (the test fires it)."""
    c = s.controller
    ahead = c.engine.predraw()
    assert ahead is not None
    clock.now = ahead[0]
    c.run_predraw()
    hosts = _hosts(s)
    leaving = next(h for h in hosts.values() if h.property("current"))
    arriving = hosts["page-" + c.engine.pages[ahead[1]].id]
    # the pictures of the page drawn ahead come in the background, each with a frame: all in before the change
    _quiet(s, s.engine.property("kioskSingleton_ArtCache"), frames)
    clock.now = c.engine.next_deadline()
    c.run_due()
    assert arriving.property("current")
    assert c.pictures_due.armed and abs(c.pictures_due.interval_ms - limits.MOTION_SECONDS * 1000) <= 10
    c.pictures_due.disarm()
    qtbot.waitUntil(lambda: leaving.opacity() == 0.0 and arriving.opacity() == 1.0, timeout=20_000)
    # The fade's last frames (what its last step set, the leaving page's layer let go as it hides) come at once;
    # wait for a tenth of a second without one, but not longer than a third: a 600 ms animation is not waited out.
    quiet: list[int] = []
    s.window.frameSwapped.connect(lambda: quiet.append(1))
    for _ in range(3):
        quiet.clear()
        QTest.qWait(100)
        if not quiet:
            break
    return leaving, arriving


def _until_story_leaves(s: Scene, clock) -> None:
    """On round the loop to the last panel of the story, the change before it leaves."""
    c = s.controller
    story = next(i for i, p in enumerate(c.engine.pages) if p.kind == "story")
    while not (c.page == story and c.panel == c.engine.pages[story].panel_count):
        clock.now = c.engine.next_deadline()
        c.run_due()
        settle(s.window)
    c.pictures_due.disarm()
    settle(s.window)


def test_after_a_fade_nothing_is_drawn_until_the_still_moment_and_nothing_after_it(make_kiosk, clock, qtbot) -> None:
    s = make_kiosk(MINIMAL, (1280, 720), reduced_motion=False, auto_advance=True, idle_timeout=None)
    finish_loading(s.window)
    settle(s.window)
    art = s.engine.property("kioskSingleton_ArtCache")
    frames: list[int] = []
    s.window.frameSwapped.connect(lambda: frames.append(1))
    _until_story_leaves(s, clock)
    _quiet(s, art, frames)
    # The story leaves with a fade: it goes back to its first panel once hidden, at once (it used to slide back,
    # unseen, for 600 ms), and the arriving page keeps its layer until the still moment (it used to let it go on a
    # timer of its own, 400 ms after the fade: a second redraw on a still screen).
    _, arriving = _loop_change(s, clock, qtbot, frames)
    frames.clear()
    QTest.qWait(900)
    assert frames == [], "a frame on a still screen before the still moment"
    assert _layers(s) == [arriving.objectName()]
    # The still moment lets the layer go and the pictures change in the same event, so the same frame draws both.
    s.controller.pictures_due.arm(0)
    qtbot.waitUntil(lambda: _layers(s) == [], timeout=20_000)
    _quiet(s, art, frames)
    frames.clear()
    QTest.qWait(900)
    assert frames == [], "a frame on a still screen after the still moment"
    # ... and the next change is armed for once, not ticked towards
    assert s.controller.due.armed and not s.controller.pictures_due.armed


def test_the_still_moment_lets_the_layer_go_in_the_frame_that_changes_the_pictures(make_kiosk, clock, qtbot) -> None:
    s = make_kiosk(MINIMAL, (1280, 720), reduced_motion=False, auto_advance=True, idle_timeout=None)
    finish_loading(s.window)
    settle(s.window)
    c = s.controller
    kept: list[list[int]] = []
    layers_then: list[list[str]] = []
    c.picturePagesChanged.connect(lambda: kept.append(c.picturePages))
    _, arriving = _loop_change(s, clock, qtbot, [])
    settle(s.window)
    assert _layers(s) == [arriving.objectName()]
    # (one frame: the layer is let go in the same turn of the event loop as the pictures, before any frame)
    s.window.beforeSynchronizing.connect(lambda: layers_then.append(_layers(s)))
    kept.clear()
    c.pictures_due.arm(0)
    qtbot.waitUntil(lambda: bool(layers_then), timeout=20_000)
    assert kept, "the still moment changed which pages keep their pictures"
    assert layers_then[0] == [], "the first frame after the still moment has no layer left to let go"


def test_a_leaving_story_goes_back_to_its_first_panel_without_sliding(make_kiosk, clock, qtbot) -> None:
    s = make_kiosk(MINIMAL, (1280, 720), reduced_motion=False, auto_advance=True, idle_timeout=None)
    finish_loading(s.window)
    settle(s.window)
    _until_story_leaves(s, clock)
    panels = [i for i in walk(s.window.contentItem()) if i.objectName().startswith("panel-")]
    assert len(panels) >= 2
    xs: list[tuple[float, ...]] = []
    s.window.frameSwapped.connect(lambda: xs.append(tuple(p.x() for p in panels)))
    _loop_change(s, clock, qtbot, [])
    settle(s.window)
    QTest.qWait(300)
    settle(s.window)
    first = panels[0]
    assert first.x() == 0.0, "back at its first panel once hidden"
    # every frame drawn showed the panels where the fade left them or where they belong: none in between
    ends = {xs[0], tuple(p.x() for p in panels)} if xs else set()
    assert all(x in ends for x in xs), "the story's panels slid back while hidden"


def test_no_frame_between_the_steps_of_a_visit_once_read(make_kiosk, clock, qtbot) -> None:
    """A visitor's slide: once its still moment and its drawing ahead are done, nothing is drawn."""
    s = make_kiosk(MINIMAL, (1280, 720), reduced_motion=False, auto_advance=False, idle_timeout=None)
    finish_loading(s.window)
    c = s.controller
    c.touch()
    settle(s.window)
    art = s.engine.property("kioskSingleton_ArtCache")
    frames: list[int] = []
    s.window.frameSwapped.connect(lambda: frames.append(1))
    c.next()
    c.pictures_due.disarm()
    qtbot.waitUntil(lambda: len([h for h in _hosts(s).values() if h.isVisible()]) == 1, timeout=20_000)
    settle(s.window)
    c.pictures_due.arm(0)
    while (at := c.tap_ahead_at()) is not None:
        clock.now = max(clock.now, at)
        c.run_tap_ahead()
        settle(s.window)
    _quiet(s, art, frames)
    frames.clear()
    QTest.qWait(900)
    assert frames == []


def _blocks_apart(a: QImage, b: QImage, tolerance: int = 48) -> float:
    """The share of 8x8 blocks whose average colour differs by more than `tolerance` in a channel: a layer's image
    and the page drawn as itself differ at text edges only."""

    x, y = block_averages(a), block_averages(b)
    assert len(x) == len(y)
    return sum(1 for p, q in zip(x, y, strict=True) if abs(p - q) > tolerance) / len(x)


@pytest.mark.parametrize("kind", ["story", "plan"])
def test_a_page_drawn_ahead_slides_in_as_drawn_and_then_shows_as_itself_unchanged(
    make_kiosk, clock, qtbot, kind: str
) -> None:
    """The story and the plan page change as they become the page on screen (visible, the story's next picture, a
    button's label width), which drew their whole image again in the slide's first frames (83 / 48 ms at 4K): the
    image drawn ahead is now sealed while it slides. It must still be the page as the visitor then sees it."""
    s = make_kiosk(
        paths.builtin_packs_dir() / "cumbria", (1024, 768), reduced_motion=False, auto_advance=False, idle_timeout=None
    )
    finish_loading(s.window)
    c = s.controller
    target = next(i for i, p in enumerate(c.engine.pages) if p.kind == kind)
    art = s.engine.property("kioskSingleton_ArtCache")
    c.goTo(target)  # a kiosk that has been round its pages: their pictures kept at this size (kiosk/ui/art.py)
    settle(s.window)
    _quiet(s, art, [])
    c.goTo(target - 1)
    settle(s.window)
    art = s.engine.property("kioskSingleton_ArtCache")
    c.pictures_due.arm(0)
    while (at := c.tap_ahead_at()) is not None:
        clock.now = max(clock.now, at)
        c.run_tap_ahead()
        settle(s.window)
    _quiet(s, art, [])
    assert c.nextAhead == target
    face = _hosts(s)["page-" + c.engine.pages[target].id]
    host = face.parentItem().parentItem()
    # a visitor reads for a moment: the page's pictures are in (one still loading keeps the image live)
    qtbot.waitUntil(lambda: not any(i.property("loading") is True for i in walk(face)), timeout=20_000)
    settle(s.window)
    live: list[bool] = []

    def sample() -> None:
        shot = next(
            (
                i
                for i in walk(s.window.contentItem())
                if i.objectName() == "pageShot"
                and i.isVisible()
                and i.property("sourceItem").parentItem().parentItem() is host
            ),
            None,
        )
        if shot is not None and host.property("viaShot") and host.property("slide") != 0.0:
            live.append(bool(shot.property("live")))

    s.window.frameSwapped.connect(sample)
    c.next()
    c.pictures_due.disarm()
    qtbot.waitUntil(lambda: host.property("slide") == 0.0, timeout=20_000)
    settle(s.window)
    s.window.frameSwapped.disconnect(sample)
    assert live and not any(live), "the image drawn ahead is not drawn again while it slides in"
    assert host.property("viaShot")
    slid = s.window.grabWindow()
    # Once the screen is still, the page is drawn as itself: what the visitor sees does not change.
    c.pictures_due.arm(0)
    while (at := c.tap_ahead_at()) is not None:
        clock.now = max(clock.now, at)
        c.run_tap_ahead()
        settle(s.window)
    qtbot.waitUntil(lambda: not host.property("viaShot"), timeout=20_000)
    _quiet(s, art, [])
    itself = s.window.grabWindow()
    assert _blocks_apart(slid, itself) < 0.002
