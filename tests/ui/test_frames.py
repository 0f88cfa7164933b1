"""What keeps every frame within one refresh on a PC without a GPU: the loop's next page drawn before its fade,
crossfades that only blend finished images, and no image bigger than what it shows (bench/frames.py and
bench/memory.py measure the effect; these check the mechanism)."""

from __future__ import annotations

import math
from collections.abc import Callable

import pytest
import shiboken6
from PySide6.QtCore import QMetaObject, QObject, QPointF, Qt
from PySide6.QtGui import QImage
from PySide6.QtQml import QQmlProperty
from PySide6.QtQuick import QQuickItem
from PySide6.QtTest import QTest

from kiosk.core import limits, paths
from kiosk.core.pack import load
from kiosk.ui.render import settle, walk
from kiosk.ui.scene import Scene

from ..conftest import MINIMAL
from ..qml_helpers import find, find_all, finish_loading


def _hosts(s: Scene) -> dict[str, QQuickItem]:
    return {i.objectName(): i for i in walk(s.window.contentItem()) if i.objectName().startswith("page-")}


def _layer(item: QQuickItem) -> bool:
    return bool(QQmlProperty(item, "layer.enabled").read())


def test_a_tapped_crossfade_draws_the_leaving_page_first_then_fades_in_over_it_and_keeps_no_layer(
    make_kiosk, qtbot
) -> None:
    s = make_kiosk(MINIMAL, (1920, 1080), reduced_motion=False, auto_advance=False, idle_timeout=None)
    s.controller.touch()
    settle(s.window)
    QTest.qWait(600)
    hosts = _hosts(s)
    leaving = next(h for h in hosts.values() if h.property("current"))
    seen: list[tuple[float, bool, float, bool]] = []

    def sample() -> None:
        arriving_ = next(h for h in hosts.values() if h.property("current"))
        seen.append((leaving.opacity(), _layer(leaving), arriving_.opacity(), _layer(arriving_)))

    s.window.frameSwapped.connect(sample)
    s.controller.next()
    arriving = next(h for h in hosts.values() if h.property("current"))
    assert arriving is not leaving
    # Until the fade is over and drawn: about 0.9 s, later on a loaded machine (it draws fewer frames, not other ones).
    qtbot.waitUntil(lambda: bool(seen) and seen[-1][0] == 0.0 and seen[-1][2] == 1.0, timeout=20_000)
    s.window.frameSwapped.disconnect(sample)
    # The first frame: the leaving page still whole, now drawn into its layer; the arriving page not yet shown.
    assert seen[0] == (1.0, True, 0.0, False)
    # Then a real fade, not a cut: frames with the arriving page partly visible, drawn from its layer, over the
    # leaving page, whole and drawn from its layer too (so each frame blends one finished image over another).
    fading = [f for f in seen if 0 < f[2] < 1]
    assert fading and all(f[3] and f[1] and f[0] == 1.0 for f in fading), fading
    # At the end one page is on screen, fully; a moment later no page holds a layer (a page-sized image each).
    assert (leaving.opacity(), arriving.opacity()) == (0.0, 1.0)
    qtbot.waitUntil(lambda: [n for n, h in hosts.items() if _layer(h)] == [], timeout=20_000)


def _texture(item: QQuickItem) -> tuple[int, int, int]:
    """The layer's image: which one (its address) and its size; (0, 0, 0) without a layer. Size 0x0 until the
    scene graph has drawn it."""
    provider = item.textureProvider()
    texture = provider.texture() if provider is not None else None
    if texture is None:
        return (0, 0, 0)
    size = texture.textureSize()
    return (shiboken6.getCppPointer(texture)[0], size.width(), size.height())


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
    qtbot.waitUntil(lambda: _texture(arriving)[1] > 0 and (_texture(leaving)[1] > 0 or not both), timeout=20_000)
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
    assert _texture(arriving)[1:] == _texture(leaving)[1:] == (math.ceil(leaving.width()), math.ceil(leaving.height()))
    assert arriving.opacity() == 1.0 and not arriving.property("current")
    assert _grab(s) == before, "drawing ahead shows nothing of the next page"
    drawn = {"leaving": _texture(leaving), "arriving": _texture(arriving)}
    first: list[dict[str, object]] = []

    def sample() -> None:
        if not first:
            first.append({"leaving": _texture(leaving), "arriving": _texture(arriving), "a": arriving.opacity()})

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

    def blocks(image: QImage) -> bytes:
        small = image.scaled(
            image.width() // 8,
            image.height() // 8,
            Qt.AspectRatioMode.IgnoreAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
        return bytes(small.convertToFormat(QImage.Format.Format_RGB32).constBits())

    x, y = blocks(a), blocks(b)
    assert len(x) == len(y)
    return sum(1 for p, q in zip(x, y, strict=True) if abs(p - q) > tolerance)


def _release_timers(s: Scene) -> list[QObject]:
    return [o for o in s.window.findChildren(QObject) if o.objectName() == "layerRelease"]


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
    # Keep the arriving page's layer after its fade until asked, so the image it fades in from can be looked at.
    for timer in _release_timers(s):
        timer.setProperty("interval", 600_000)
    clock.now = c.engine.next_deadline()
    c.run_due()
    qtbot.waitUntil(lambda: leaving.opacity() == 0.0 and arriving.opacity() == 1.0, timeout=20_000)
    assert _layer(arriving)
    from_layer = _grab(s)
    assert _layer(arriving), "still drawn from the layer"
    for timer in _release_timers(s):
        timer.setProperty("interval", 1)
        QMetaObject.invokeMethod(timer, "restart")
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
