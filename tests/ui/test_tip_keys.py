"""A tip's detail by key and clicker (issue 21): where it is taller than the screen (larger text), the clicker's
Next and Back step through its screenfuls as a tall page's, and only then leave the page or close the detail."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtQuick import QQuickItem

from kiosk.core import paths
from kiosk.core.vocab import PageKind
from kiosk.ui.render import settle, walk
from kiosk.ui.scene import Scene

from ..qml_helpers import find, scene_rect
from .test_gui import key


def _tips_scroller(s: Scene) -> QQuickItem:
    page = find(s.window, "page-tips")
    return next(i for i in walk(page) if i.objectName() == "scrollPage")


def _todo_seen(s: Scene) -> bool:
    """The last words of the tip's "What to do" are on screen (inside the page's view, not under its strip)."""
    view = scene_rect(next(i for i in walk(_tips_scroller(s)) if i.objectName() == "scrollView"))
    todo = find(s.window, "tipTodo")
    box = scene_rect(todo)
    words_end = box.top() + min(todo.height(), float(todo.property("contentHeight")))
    return view.top() - 1 <= words_end <= view.bottom() + 1


def _first_tip(make_kiosk, pack: str, size: tuple[int, int], text_scale: float = 1.0) -> tuple[Scene, int]:
    """A visit at the tips page with the first tip's detail open; the scene and the tips page's index."""
    s = make_kiosk(paths.builtin_packs_dir() / pack, size, auto_advance=False, idle_timeout=None)
    if text_scale != 1.0:
        s.controller.set_appearance(text_scale=text_scale)
    tips = next(n for n, p in enumerate(s.controller.engine.pages) if p.kind == PageKind.TIPS)
    s.controller.goTo(tips)
    settle(s.window)
    s.controller.openDetail(0)
    settle(s.window)
    return s, tips


@pytest.mark.parametrize(
    ("pack", "size"),
    [("derbyshire", (1024, 768)), ("cumbria", (1080, 1920))],
    ids=lambda v: v if isinstance(v, str) else f"{v[0]}x{v[1]}",
)
def test_the_clicker_reads_a_tall_tip_detail_before_leaving_the_page(make_kiosk, pack: str, size) -> None:
    s, tips = _first_tip(make_kiosk, pack, size, text_scale=2.0)
    c = s.controller
    scroller = _tips_scroller(s)
    screens = int(scroller.property("screens"))
    assert scroller.property("scrolls") and screens >= 2, "at 200 % text the detail takes more than one screen"
    assert c.engine.screens == screens and not _todo_seen(s)
    tops = [float(scroller.property("stops").toVariant()[0])]
    for n in range(1, screens):
        key(s, Qt.Key.Key_PageDown)  # a clicker's "next"
        assert (c.page, c.detail, c.screen) == (tips, 0, n), "the detail's next screenful, not the next page"
        tops.append(float(next(i for i in walk(scroller) if i.objectName() == "scrollView").property("contentY")))
    assert tops == sorted(set(tops)), "each press showed more of the detail"
    assert _todo_seen(s), "its last screenful shows the end of what to do"
    for n in range(screens - 2, -1, -1):
        key(s, Qt.Key.Key_PageUp)  # the clicker's "back": up through the detail
        assert (c.page, c.detail, c.screen) == (tips, 0, n)
    key(s, Qt.Key.Key_PageUp)
    assert (c.page, c.detail) == (tips, -1), "Back from the detail's top closes it"
    c.openDetail(0)
    settle(s.window)
    for _ in range(screens - 1):
        key(s, Qt.Key.Key_Right)  # the other "next" a clicker sends
    assert (c.page, c.detail) == (tips, 0)
    key(s, Qt.Key.Key_Right)
    assert c.page == tips + 1, "from the detail's last screenful, the next page"


def test_a_detail_that_fits_goes_on_at_once(make_kiosk) -> None:
    """At 100 % text the detail is one screen: Next leaves the page at once, as before."""
    s, tips = _first_tip(make_kiosk, "derbyshire", (1024, 768))
    c = s.controller
    assert c.engine.screens == 1
    key(s, Qt.Key.Key_PageDown)
    assert c.page == tips + 1
