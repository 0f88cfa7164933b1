"""What keeps every frame within one refresh on a PC without a GPU: the loop's next page drawn before its fade,
crossfades that only blend finished images, a visitor's taps sliding in pages drawn ahead while they read, and no
image bigger than what it shows (bench/frames.py and
bench/memory.py measure the effect; these check the mechanism)."""

from __future__ import annotations

import math
from collections.abc import Callable

import pytest
from PySide6.QtCore import QPointF
from PySide6.QtGui import QImage
from PySide6.QtQml import QQmlProperty
from PySide6.QtQuick import QQuickItem
from PySide6.QtTest import QTest

from kiosk.core import limits, paths
from kiosk.core.pack import load
from kiosk.ui.render import settle, walk
from kiosk.ui.scene import Scene

from ..conftest import MINIMAL
from ..qml_helpers import block_averages, find, find_all, finish_loading, texture_of, until_quiet


def _hosts(s: Scene) -> dict[str, QQuickItem]:
    return {i.objectName(): i for i in walk(s.window.contentItem()) if i.objectName().startswith("page-")}


def _layer(item: QQuickItem) -> bool:
    return bool(QQmlProperty(item, "layer.enabled").read())


def _shots(s: Scene) -> list[QQuickItem]:
    return [i for i in walk(s.window.contentItem()) if i.objectName() == "pageShot"]


def _shot(s: Scene, host_face: QQuickItem) -> QQuickItem | None:
    """The image a page is drawn into for a visitor's slide (PageHost.qml `pageShot`), or None."""
    host = host_face.parentItem().parentItem()
    return next((i for i in _shots(s) if _owner(i) is host), None)


def _owner(shot: QQuickItem) -> QQuickItem:
    """The PageHost whose image `shot` is (its shotSlot may lie in the stage's overlay while it slides)."""
    return shot.property("sourceItem").parentItem().parentItem()


def _read(s: Scene, clock) -> None:
    """A visitor reads the page: the steps of drawing ahead for a tap run when due on the engine's clock."""
    c = s.controller
    while (at := c.tap_ahead_at()) is not None:
        clock.now = max(clock.now, at)
        c.run_tap_ahead()
        settle(s.window)


def _visit(make_kiosk, clock, size: tuple[int, int] = (1280, 720)) -> Scene:
    s = make_kiosk(MINIMAL, size, reduced_motion=False, auto_advance=False, idle_timeout=None)
    finish_loading(s.window)
    s.controller.touch()
    settle(s.window)
    return s


def test_a_tap_slides_in_the_page_drawn_ahead_over_the_leaving_page_from_its_first_frame(
    make_kiosk, clock, qtbot
) -> None:
    s = _visit(make_kiosk, clock)
    c = s.controller
    _read(s, clock)
    hosts = _hosts(s)
    leaving = next(h for h in hosts.values() if h.property("current"))
    arriving = hosts["page-" + c.engine.pages[c.nextAhead].id]
    qtbot.waitUntil(lambda: not _layer(leaving), timeout=20_000)  # the page the loop showed, drawn as itself
    # While the visitor reads, the page Next brings is drawn into its image, whole, unseen: the screen is unchanged.
    shot = _shot(s, arriving)
    assert shot is not None
    qtbot.waitUntil(lambda: texture_of(shot)[1] > 0, timeout=20_000)  # drawn in the next frame
    assert texture_of(shot)[1:] == (math.ceil(arriving.width()), math.ceil(arriving.height()))
    drawn = texture_of(shot)
    seen: list[dict[str, object]] = []

    def sample() -> None:
        live = _shot(s, arriving)
        seen.append(
            {
                "texture": texture_of(live) if live is not None else None,
                "x": live.mapToScene(QPointF(0, 0)).x() if live is not None else None,
                "leaving": (leaving.opacity(), leaving.isVisible(), _layer(leaving)),
            }
        )

    s.window.frameSwapped.connect(sample)
    c.next()
    qtbot.waitUntil(lambda: len(seen) >= 2 and seen[-1]["x"] == 0 and not leaving.isVisible(), timeout=20_000)
    s.window.frameSwapped.disconnect(sample)
    width = arriving.width()
    # The first frame after the tap: the arriving page's image, the very one drawn ahead, already in view at the
    # right edge (it comes from there: Next), over the leaving page, which is whole and drawn as itself (no layer).
    assert seen[0]["texture"] == drawn
    assert width / 2 < seen[0]["x"] < width, seen[0]  # (later on a loaded machine: the slide is timed, not counted)
    assert seen[0]["leaving"] == (1.0, True, False)
    # Then it slides, leftwards, over the leaving page, which stays as it is until covered.
    xs = [f["x"] for f in seen]
    assert xs == sorted(xs, reverse=True) and xs[-1] == 0
    assert all(f["leaving"] == (1.0, True, False) for f in seen[:-1] if f["x"] > 0)
    # Once the screen is still the page is drawn as itself again, and its image let go.
    _read(s, clock)
    qtbot.waitUntil(lambda: not arriving.parentItem().parentItem().property("viaShot"), timeout=20_000)
    assert arriving.opacity() == 1.0 and arriving.isVisible()


def test_back_slides_in_from_the_left_and_a_story_arrives_at_its_last_panel_as_drawn(make_kiosk, clock, qtbot) -> None:
    s = make_kiosk(
        paths.builtin_packs_dir() / "cumbria", (1024, 768), reduced_motion=False, auto_advance=False, idle_timeout=None
    )
    finish_loading(s.window)
    c = s.controller
    story = next(i for i, p in enumerate(c.engine.pages) if p.kind == "story")
    c.goTo(story + 1)
    settle(s.window)
    _read(s, clock)
    assert c.prevAhead == story
    arriving = _hosts(s)["page-" + c.engine.pages[story].id]
    qtbot.waitUntil(lambda: texture_of(_shot(s, arriving))[1] > 0, timeout=20_000)  # drawn in the next frame
    drawn = texture_of(_shot(s, arriving))
    first: list[tuple[object, float]] = []

    def sample() -> None:
        if not first:
            shot = _shot(s, arriving)
            first.append((texture_of(shot), shot.mapToScene(QPointF(0, 0)).x()))

    s.window.frameSwapped.connect(sample)
    c.prev()
    assert c.panel == c.engine.pages[story].panel_count  # Back into a story shows its last panel ...
    qtbot.waitUntil(lambda: bool(first), timeout=20_000)
    s.window.frameSwapped.disconnect(sample)
    # ... and that is what was drawn ahead: the same image, sliding in from the left.
    assert first[0][0] == drawn and first[0][1] < 0


def test_a_visit_draws_ahead_once_per_page_and_nothing_ticks_between(make_kiosk, clock, qtbot) -> None:
    s = _visit(make_kiosk, clock)
    c = s.controller
    c.goTo(next(i for i, p in enumerate(c.engine.pages) if p.kind == "info"))  # between a story and the tips
    # the slide runs in real time (the engine's clock stands still): until one page alone is on screen
    qtbot.waitUntil(
        lambda: [h for h in _hosts(s).values() if h.isVisible()] == [_hosts(s)["page-" + c.engine.pages[c.page].id]],
        timeout=20_000,
    )
    # Nothing is drawn ahead before the screen is still: one timer, for the first step, MOTION_SECONDS after the tap.
    assert (c.nextAhead, c.prevAhead, c.settled) == (-1, -1, False)
    assert c.tap_due.armed and abs(c.tap_due.interval_ms - limits.MOTION_SECONDS * 1000) <= 10
    _read(s, clock)
    assert c.settled and c.nextAhead >= 0 and c.prevAhead >= 0
    # Drawn once: no timer left for it, and no frame drawn while the screen is still.
    assert not c.tap_due.armed
    qtbot.waitUntil(lambda: len(_shots(s)) == 3 and all(texture_of(i)[1] > 0 for i in _shots(s)), timeout=20_000)
    frames: list[int] = []
    s.window.frameSwapped.connect(lambda: frames.append(1))
    # Pictures of a page drawn ahead load in the background and draw its image again as they come; then all is still.
    until_quiet(s, frames)
    frames.clear()
    QTest.qWait(600)
    assert frames == []
    c.run_tap_ahead()  # a late call changes nothing
    QTest.qWait(100)
    assert frames == [] and not c.tap_due.armed
    # Only the pages Next, Back and Home would bring are held as images (4K: 33 MB each), none once the loop is back.
    shots = _shots(s)
    wanted = sorted(i for i in (c.nextAhead, c.prevAhead, c.homeAhead) if i >= 0)
    assert len(wanted) == 3 and sorted(_owner(i).property("index") for i in shots) == wanted
    c.engine.reset()
    settle(s.window)
    qtbot.waitUntil(lambda: _shots(s) == [], timeout=20_000)


def test_reduced_motion_draws_nothing_ahead_for_a_tap_and_cuts(make_kiosk, clock) -> None:
    s = make_kiosk(MINIMAL, (1280, 720), reduced_motion=True, auto_advance=False, idle_timeout=None)
    s.controller.touch()
    s.controller.next()
    assert s.controller.tap_ahead_at() is None and not s.controller.tap_due.armed
    assert _shots(s) == []


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda s: s.controller.set_appearance(text_scale=1.5), id="larger text"),
        pytest.param(lambda s: s.controller.set_appearance(high_contrast=True), id="high contrast"),
        pytest.param(lambda s: s.set_language("cy"), id="language"),
    ],
)
def test_a_page_drawn_ahead_for_a_tap_is_never_shown_as_it_was_before_a_change(
    make_kiosk, clock, qtbot, change: Callable[[Scene], object]
) -> None:
    s = _visit(make_kiosk, clock, (800, 600))
    c = s.controller
    while c.engine.pages[(c.page + 1) % len(c.engine.pages)].kind != "plan":  # the plan page's words are Qt's
        c.next()
    _read(s, clock)
    arriving = _hosts(s)["page-" + c.engine.pages[c.nextAhead].id]
    change(s)
    settle(s.window)
    _read(s, clock)  # the change let go of the images drawn ahead, and they are drawn again
    c.next()
    host = arriving.parentItem().parentItem()
    qtbot.waitUntil(lambda: host.property("slide") == 0, timeout=20_000)
    assert host.property("viaShot"), "still on screen as the image drawn ahead"
    from_image = _grab(s)
    _read(s, clock)
    qtbot.waitUntil(lambda: not host.property("viaShot"), timeout=20_000)
    direct = _grab(s)
    s.controller.set_appearance(high_contrast=False, text_scale=1.0)
    s.set_language("en")
    before = _far_apart(_grab(s), direct)
    assert before > 1000  # the change shows on this page ...
    assert _far_apart(from_image, direct) < before / 4  # ... and the slide showed the page as it is now


def test_a_new_pack_drops_what_was_drawn_ahead_for_a_tap(make_kiosk, clock, qtbot) -> None:
    s = _visit(make_kiosk, clock)
    c = s.controller
    _read(s, clock)
    assert _shots(s)
    pack = load(paths.builtin_packs_dir() / "cumbria")
    c.set_pack(pack, list(pack.pages), None)
    finish_loading(s.window)
    settle(s.window)
    assert (c.nextAhead, c.prevAhead) == (-1, -1)
    qtbot.waitUntil(lambda: _shots(s) == [], timeout=20_000)


def _loop_kiosk(make_kiosk: Callable[..., Scene], size: tuple[int, int] = (1280, 720)) -> Scene:
    s = make_kiosk(MINIMAL, size, reduced_motion=False, auto_advance=True, idle_timeout=None)
    finish_loading(s.window)
    settle(s.window)
    return s


def _draw_ahead(s: Scene, clock, qtbot, both: bool = True) -> tuple[QQuickItem, QQuickItem]:
    """Move the clock to the moment the loop draws its next page ahead, run that, and wait for the frame that
    draws it (and the leaving page's layer, unless `both` is False); the leaving and the arriving page."""
    c = s.controller
    ahead = c.engine.predraw()
    assert ahead is not None
    clock.now = ahead[0]
    c.run_predraw()
    assert c.upcoming == ahead[1]
    hosts = _hosts(s)
    leaving = next(h for h in hosts.values() if h.property("current"))
    arriving = hosts["page-" + c.engine.pages[ahead[1]].id]
    qtbot.waitUntil(lambda: texture_of(arriving)[1] > 0 and (texture_of(leaving)[1] > 0 or not both), timeout=20_000)
    return leaving, arriving


def test_the_loop_draws_the_next_page_before_its_fade_starts(make_kiosk, clock, qtbot) -> None:
    s = _loop_kiosk(make_kiosk)
    c = s.controller
    page = c.engine.pages[0]
    # One timer for the drawing ahead, a second before the poster's time is up, as well as the loop's own.
    assert c.upcoming == -1 and c.predraw_due.interval_ms is not None
    assert abs(c.predraw_due.interval_ms - (page.duration - limits.PREDRAW_LEAD_SECONDS) * 1000) <= 10
    before = _grab(s)
    leaving, arriving = _draw_ahead(s, clock, qtbot)
    # Both pages are drawn into their layers, whole, while the screen shows exactly what it showed.
    whole = (math.ceil(leaving.width()), math.ceil(leaving.height()))
    assert texture_of(arriving)[1:] == texture_of(leaving)[1:] == whole
    assert arriving.opacity() == 1.0 and not arriving.property("current")
    assert _grab(s) == before, "drawing ahead shows nothing of the next page"
    drawn = {"leaving": texture_of(leaving), "arriving": texture_of(arriving)}
    first: list[dict[str, object]] = []

    def sample() -> None:
        if not first:
            first.append({"leaving": texture_of(leaving), "arriving": texture_of(arriving), "a": arriving.opacity()})

    s.window.frameSwapped.connect(sample)
    clock.now = c.engine.next_deadline()
    c.run_due()
    assert arriving.property("current") and c.upcoming == -1
    qtbot.waitUntil(lambda: bool(first), timeout=20_000)
    s.window.frameSwapped.disconnect(sample)
    # The fade's first frame blends the very images drawn ahead: the same two layers, not new ones drawn now.
    assert {k: first[0][k] for k in drawn} == drawn
    qtbot.waitUntil(lambda: leaving.opacity() == 0.0 and arriving.opacity() == 1.0, timeout=20_000)
    # Afterwards the images are let go, and the next page change is armed for once, not ticked towards.
    qtbot.waitUntil(lambda: [n for n, h in _hosts(s).items() if _layer(h)] == [], timeout=20_000)
    assert c.predraw_due.armed or c.engine.predraw() is None


def test_the_loop_draws_ahead_once_per_page_change_and_nothing_ticks_between(make_kiosk, clock, qtbot) -> None:
    s = _loop_kiosk(make_kiosk)
    c = s.controller
    _draw_ahead(s, clock, qtbot)
    settle(s.window)
    # Drawn once: no timer left for it until the change, and no frame drawn while the screen is still.
    assert not c.predraw_due.armed and c.due.armed
    frames: list[int] = []
    s.window.frameSwapped.connect(lambda: frames.append(1))
    QTest.qWait(600)
    assert frames == []
    c.run_predraw()  # a late second call changes nothing
    QTest.qWait(100)
    assert frames == [] and not c.predraw_due.armed


def test_reduced_motion_draws_nothing_ahead(make_kiosk, clock) -> None:
    s = make_kiosk(MINIMAL, (1280, 720), reduced_motion=True, auto_advance=True, idle_timeout=None)
    assert not s.controller.predraw_due.armed
    clock.advance(s.controller.engine.pages[0].duration - 0.5)
    s.controller.run_predraw()
    assert s.controller.upcoming == -1 and [n for n, h in _hosts(s).items() if _layer(h)] == []


def _far_apart(a: QImage, b: QImage, tolerance: int = 8) -> int:
    """Colour channels that differ by more than `tolerance` levels between two grabs of the same size, each
    averaged over 8x8 pixel blocks first: a layer antialiases the edges of glyphs a little differently from direct
    drawing, and a page of a fractional height is drawn from a layer a whole pixel taller, both of which average
    out; text set at another size or colour does not."""

    x, y = block_averages(a), block_averages(b)
    assert len(x) == len(y)
    return sum(1 for p, q in zip(x, y, strict=True) if abs(p - q) > tolerance)


@pytest.mark.parametrize(
    ("change", "kind"),
    [
        pytest.param(lambda s: s.controller.set_appearance(text_scale=1.5), "story", id="larger text"),
        pytest.param(lambda s: s.controller.set_appearance(high_contrast=True), "story", id="high contrast"),
        pytest.param(lambda s: s.set_language("cy"), "plan", id="language"),  # the plan page's words are Qt's
    ],
)
def test_a_page_changed_after_it_was_drawn_ahead_is_never_shown_from_the_old_image(
    make_kiosk, clock, qtbot, change: Callable[[Scene], object], kind: str
) -> None:
    s = _loop_kiosk(make_kiosk, (800, 600))
    c = s.controller
    while (ahead := c.engine.next_page_change()) is None or c.engine.pages[ahead[1]].kind != kind:
        clock.now = c.engine.next_deadline()  # the loop, on to the page before that kind
        c.run_due()
    settle(s.window)
    # the change comes at once after the next page is first drawn ahead (see KioskController.redraw_ahead)
    leaving, arriving = _draw_ahead(s, clock, qtbot, both=False)
    change(s)
    settle(s.window)
    # Keep the arriving page's layer after its fade until asked (it goes at the controller's still moment), so the
    # image it fades in from can be looked at.
    clock.now = c.engine.next_deadline()
    c.run_due()
    c.pictures_due.disarm()
    qtbot.waitUntil(lambda: leaving.opacity() == 0.0 and arriving.opacity() == 1.0, timeout=20_000)
    assert _layer(arriving)
    from_layer = _grab(s)
    assert _layer(arriving), "still drawn from the layer"
    c.pictures_due.arm(0)
    qtbot.waitUntil(lambda: [n for n, h in _hosts(s).items() if _layer(h)] == [], timeout=20_000)
    direct = _grab(s)
    # The change shows on this page: the page as it was before it is far from the page as it is now ...
    s.controller.set_appearance(high_contrast=False, text_scale=1.0)
    s.set_language("en")
    before = _far_apart(_grab(s), direct)
    assert before > 1000
    # ... and what the fade showed is the page as it is now (drawn from a layer its edges differ a little), not
    # the image drawn ahead before the change.
    assert _far_apart(from_layer, direct) < before / 4


def test_a_new_pack_drops_what_was_drawn_ahead(make_kiosk, clock, qtbot) -> None:
    s = _loop_kiosk(make_kiosk)
    c = s.controller
    _draw_ahead(s, clock, qtbot)
    pack = load(paths.builtin_packs_dir() / "cumbria")
    c.set_pack(pack, list(pack.pages), None)
    finish_loading(s.window)
    settle(s.window)
    assert c.upcoming == -1
    qtbot.waitUntil(lambda: [n for n, h in _hosts(s).items() if _layer(h)] == [], timeout=20_000)
    # the new pack's loop draws its own next page ahead, when its time comes
    assert c.predraw_due.armed


def test_a_page_changes_even_when_no_frame_is_drawn(make_kiosk, qtbot) -> None:
    """A window that is not on screen draws no frames; the page must change all the same."""
    s = make_kiosk(MINIMAL, (1280, 720), reduced_motion=False, auto_advance=False, idle_timeout=None)
    s.controller.touch()
    s.window.hide()
    s.controller.next()
    current = next(h for h in _hosts(s).values() if h.property("current"))
    # the fade runs on the animation clock, frames or not; on a loaded machine it ends later, not otherwise
    qtbot.waitUntil(lambda: [h for h in _hosts(s).values() if h.opacity() > 0] == [current], timeout=20_000)
    assert current.opacity() == 1.0 and current.objectName() != "page-poster"


def _grab(s: Scene) -> QImage:
    settle(s.window)
    return s.window.grabWindow()


def test_speech_bubble_tails_reach_their_speakers_from_a_small_canvas(make_kiosk) -> None:
    s = make_kiosk(paths.builtin_packs_dir() / "cumbria", (1920, 1080), auto_advance=False, idle_timeout=None)
    s.controller.goTo(next(i for i, p in enumerate(s.controller.engine.pages) if p.kind == "story"))
    settle(s.window)
    tails = find_all(s.window, "bubbleTail")
    assert tails, "the story's bubbles have tails"
    panel = find(s.window, "bubble").parentItem()
    panel_area = panel.width() * panel.height()
    with_tails = _grab(s)
    for tail in tails:
        # A canvas holds an image of its own size: the tail's box, not the whole panel.
        assert tail.width() * tail.height() < panel_area * 0.15, (tail.width(), tail.height(), panel_area)
    for tail in tails:
        tail.setVisible(False)
    without = _grab(s)
    for tail in tails:
        tail.setVisible(True)
    for tail in tails:
        # Along the tail, from under the bubble most of the way to its tip, the tail is what is drawn there.
        base = QPointF(tail.property("bx"), tail.property("by"))
        tip = QPointF(tail.property("ex"), tail.property("ey"))
        origin = QPointF(tail.property("boxLeft"), tail.property("boxTop"))
        changed = 0
        for f in (0.5, 0.6, 0.7, 0.8):
            p = tail.mapToScene(base + (tip - base) * f - origin).toPoint()
            changed += with_tails.pixel(p) != without.pixel(p)
        assert changed >= 3, f"tail of {tail.parentItem().property('speaker')!r} not drawn towards its speaker"
