"""The law page at 200 % text: its cards keep their size and the page scrolls, and every card is reached by touch,
by the clicker's keys and by accessibility actions; the loop steps through it and never leaves it half scrolled;
nothing ticks while it stands still; at 100 % nothing scrolls."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QObject, QPoint, QRectF, Qt
from PySide6.QtGui import QAccessible, QAccessibleActionInterface, QPointingDevice
from PySide6.QtQuick import QQuickItem
from PySide6.QtTest import QTest

from kiosk.core import paths
from kiosk.core.vocab import PageKind
from kiosk.ui.render import settle, walk
from kiosk.ui.scene import Scene

from ..qml_helpers import find, find_all, scene_rect
from .test_gui import key

PACKS = [paths.builtin_packs_dir() / n for n in paths.builtin_pack_names()]
SIZES = [(1920, 1080), (1024, 768), (1080, 1920), (3840, 2160)]


def _law(make_kiosk, pack: Path, size: tuple[int, int], text: float = 2.0, **kw) -> tuple[Scene, int]:
    s = make_kiosk(pack, size, idle_timeout=None, **{"auto_advance": False, **kw})
    s.controller.set_appearance(text_scale=text)
    law = next(n for n, p in enumerate(s.controller.engine.pages) if p.kind == PageKind.LAW)
    return s, law


def _scroller(s: Scene) -> QQuickItem:
    page = find(s.window, f"page-{s.controller.engine.pages[s.controller.page].id}")
    return next(i for i in walk(page) if i.objectName() == "scrollPage")


def _stops(s: Scene) -> list[float]:
    return [float(y) for y in _scroller(s).property("stops").toVariant()]


def _view(s: Scene) -> QQuickItem:
    return next(i for i in walk(_scroller(s)) if i.objectName() == "scrollView")


def _seen(s: Scene, item: QQuickItem) -> tuple[float, float]:
    """The part of `item` (top, bottom, in its own pixels) the page's view shows now."""
    view = scene_rect(_view(s))
    box = scene_rect(item)
    shown = box.intersected(view)
    if shown.isEmpty():
        return (0.0, 0.0)
    return (shown.top() - box.top(), shown.bottom() - box.top())


def _cards(s: Scene) -> list[QQuickItem]:
    return [i for i in find_all(s.window, "lawText")]


def _all_read(s: Scene, steps) -> dict[str, float]:
    """Step through the page with `steps()` (one screenful each) while it stays on the law page; for each card,
    the share of its words' height that was on screen at one time or another."""
    law = s.controller.page
    cards = _cards(s)
    spans: dict[int, list[tuple[float, float]]] = {n: [] for n in range(len(cards))}
    for _ in range(30):
        settle(s.window)
        s.window.grabWindow()
        for n, card in enumerate(cards):
            spans[n].append(_seen(s, card))
        steps()
        if s.controller.page != law:
            break
    covered = {}
    for n, card in enumerate(cards):
        # its words, set from the top of its box: room under them (a box taller than its lines) is not read
        words = min(card.height(), float(card.property("contentHeight")))
        marks = sorted((top, min(bottom, words)) for top, bottom in spans[n])
        reach, total = 0.0, 0.0
        for top, bottom in marks:
            if bottom <= top:
                continue
            top = max(top, reach)
            if bottom > top:
                total += bottom - top
                reach = bottom
        covered[card.property("text")[:30]] = round(total / words, 2)
    return covered


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("pack", PACKS, ids=lambda p: p.name)
def test_every_law_card_is_reached_by_the_clicker_at_200(make_kiosk, pack: Path, size) -> None:
    s, law = _law(make_kiosk, pack, size)
    s.controller.goTo(law)
    settle(s.window)
    scroller = _scroller(s)
    screens = s.controller.engine.screens
    if not scroller.property("scrolls"):
        pytest.skip("the cards fit one screen at 200 % here")
    assert screens >= 2 and find(s.window, "scrollCue").isVisible()
    text = s.controller.engine.pages[law].data["points"][0]["text"]
    cue = QAccessible.queryAccessibleInterface(find(s.window, "scrollCue"))
    assert cue.text(QAccessible.Text.Name) == "More below" and cue.text(QAccessible.Text.Description) == (
        f"Screen 1 of {screens}"
    )
    covered = _all_read(s, lambda: key(s, Qt.Key.Key_PageDown))  # a clicker's "next"
    assert covered == {k: 1.0 for k in covered}, "every card's every line was on screen"
    assert s.controller.page == law + 1, "after the last screenful, the next page"
    assert text  # the cards are the pack's


def test_the_cards_are_read_by_a_screen_reader_and_the_cue_is_a_button(make_kiosk) -> None:
    s, law = _law(make_kiosk, PACKS[0], (1920, 1080))
    s.controller.goTo(law)
    settle(s.window)
    root = QAccessible.queryAccessibleInterface(s.window)
    heard = []

    def tree(iface) -> None:
        for n in range(iface.childCount()):
            child = iface.child(n)
            if child is not None and child.isValid() and not child.state().invisible:
                heard.append(child.text(QAccessible.Text.Name))
                tree(child)

    tree(root)
    for point in s.controller.engine.pages[law].data["points"]:
        assert point["text"] in heard and point["heading"] in heard, "a card below the fold is in the tree"
    cue = QAccessible.queryAccessibleInterface(find(s.window, "scrollCue"))
    screens = s.controller.engine.screens
    for n in range(1, screens):
        cue.actionInterface().doAction(QAccessibleActionInterface.pressAction())
        settle(s.window)
        assert s.controller.screen == n and s.controller.page == law
    assert cue.text(QAccessible.Text.Name) == "Back to the top"
    cue.actionInterface().doAction(QAccessibleActionInterface.pressAction())
    settle(s.window)
    assert s.controller.screen == 0 and _view(s).property("contentY") == 0


def test_a_finger_flicks_the_page_and_next_goes_on_from_there(make_kiosk) -> None:
    s, law = _law(make_kiosk, PACKS[0], (1920, 1080))
    s.controller.goTo(law)
    settle(s.window)
    view = _view(s)
    stops = _stops(s)
    device = QTest.createTouchDevice(QPointingDevice.DeviceType.TouchScreen)
    area = scene_rect(view)
    x, y0, y1 = int(area.center().x()), int(area.bottom() - 20), int(area.top() + 20)
    QTest.touchEvent(s.window, device).press(0, QPoint(x, y0))
    for n in range(1, 21):
        QTest.touchEvent(s.window, device).move(0, QPoint(x, y0 + (y1 - y0) * n // 20))
        QTest.qWait(20)
    QTest.qWait(200)  # held still before lifting: a drag, not a throw
    QTest.touchEvent(s.window, device).release(0, QPoint(x, y1))
    for _ in range(100):  # the flick's own glide, then it settles on a screenful
        settle(s.window)
        if not view.property("moving"):
            break
        QTest.qWait(20)
    settle(s.window)
    assert s.controller.page == law, "a vertical flick scrolls; it does not turn the page"
    assert s.controller.screen >= 1 and view.property("contentY") == pytest.approx(stops[s.controller.screen], abs=1)
    before = s.controller.screen
    if before < len(stops) - 1:
        key(s, Qt.Key.Key_Right)
        assert s.controller.screen == before + 1


def test_the_loop_steps_through_the_page_and_never_leaves_it_half_scrolled(make_kiosk, clock) -> None:
    s, law = _law(make_kiosk, PACKS[0], (1920, 1080), auto_advance=True)
    pages = s.controller.engine.pages
    for _ in range(200):  # the loop on its own, to the law page
        if s.controller.page == law:
            break
        clock.advance(1)
        s.controller.run_due()
        settle(s.window)
    assert s.controller.attract and s.controller.page == law
    settle(s.window)
    stops = _stops(s)
    screens = s.controller.engine.screens
    assert screens == len(stops) >= 2
    seen = []
    for _ in range(int(pages[law].duration) + 2):
        seen.append((s.controller.page, s.controller.screen, _view(s).property("contentY")))
        clock.advance(1)
        s.controller.run_due()
        settle(s.window)
    for page, screen, y in seen:
        if page == law:
            assert y == pytest.approx(stops[screen], abs=1), "each screenful shown whole, from its stop"
    assert {sc for p, sc, _ in seen if p == law} == set(range(screens)), "every screenful in the page's time"
    assert s.controller.page == law + 1 and s.controller.attract
    s.controller.goTo(law)  # and it comes back from the top
    settle(s.window)
    assert _view(s).property("contentY") == 0


def test_nothing_ticks_on_the_scrolled_page(make_kiosk, qtbot) -> None:
    s, law = _law(make_kiosk, PACKS[0], (1920, 1080))
    s.controller.goTo(law)
    settle(s.window)
    key(s, Qt.Key.Key_Down)
    # The scroll's own work ends with the still moment and the visit's steps of drawing ahead (real timers, seconds
    # apart): a fixed wait raced them on a loaded machine, and a frame they draw is not a tick of a still page.
    c = s.controller

    # The page measures its lines once its layout has settled (a single-shot timer): that work is over too.
    def running() -> list[QObject]:
        kids = [o for i in walk(_scroller(s)) for o in i.children()]
        return [o for o in kids if o.inherits("QQmlTimer") and o.property("running")]

    QTest.qWait(300)
    qtbot.waitUntil(lambda: not c.pictures_due.armed and not c.tap_due.armed and not running(), timeout=15000)
    settle(s.window)
    frames: list[int] = []
    s.window.frameSwapped.connect(lambda: frames.append(1))
    QTest.qWait(600)
    timers = running()
    assert frames == [] and timers == [] and not s.controller.due.armed


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_at_100_percent_no_page_scrolls(make_kiosk, size) -> None:
    for pack in PACKS:
        s = make_kiosk(pack, size, auto_advance=False, idle_timeout=None)
        s.controller.touch()
        for n in range(len(s.controller.engine.pages)):
            s.controller.goTo(n)
            settle(s.window)
            assert s.controller.engine.screens == 1
            assert not any(i.isVisible() for i in find_all(s.window, "scrollCue"))
        assert scene_rect(find(s.window, "stage")).contains(QRectF(0, 0, 1, 1))
