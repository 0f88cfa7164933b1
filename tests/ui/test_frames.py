"""What keeps every frame within one refresh on a PC without a GPU: crossfades drawn in two steps, and no image
bigger than what it shows (bench/frames.py and bench/memory.py measure the effect; these check the mechanism)."""

from __future__ import annotations

from PySide6.QtCore import QPointF
from PySide6.QtGui import QImage
from PySide6.QtQml import QQmlProperty
from PySide6.QtQuick import QQuickItem
from PySide6.QtTest import QTest

from kiosk.core import paths
from kiosk.ui.render import settle, walk
from kiosk.ui.scene import Scene

from ..conftest import MINIMAL
from ..qml_helpers import find, find_all


def _hosts(s: Scene) -> dict[str, QQuickItem]:
    return {i.objectName(): i for i in walk(s.window.contentItem()) if i.objectName().startswith("page-")}


def _layer(item: QQuickItem) -> bool:
    return bool(QQmlProperty(item, "layer.enabled").read())


def test_a_crossfade_draws_the_leaving_page_first_then_fades_and_keeps_no_layer(make_kiosk, qtbot) -> None:
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
    # Then a real crossfade, not a cut: frames with a page partly visible, each such page drawn from its layer.
    fading = [f for f in seen if 0 < f[0] < 1 or 0 < f[2] < 1]
    assert fading and all((f[1] or not 0 < f[0] < 1) and (f[3] or not 0 < f[2] < 1) for f in fading)
    # With the machine keeping pace (a dozen frames or more of the fade: any idle PC), frames with both pages partly
    # visible; a loaded machine may draw too few frames to catch the two fades overlapping.
    both = [f for f in fading if 0 < f[0] < 1 and 0 < f[2] < 1]
    assert len(both) >= 5 or len(fading) < 12, f"{len(fading)} frames of the fade, {len(both)} with both pages"
    # At the end one page is on screen, fully, and no page holds a layer (a page-sized image each).
    assert (leaving.opacity(), arriving.opacity()) == (0.0, 1.0)
    assert [n for n, h in hosts.items() if _layer(h)] == []


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
