"""Pictures are held in memory only by the pages that may come on screen next (kiosk/core/memory.py): a page off
screen lets its decoded pictures go, and gets them back before it is drawn ahead or shown."""

from __future__ import annotations

from PySide6.QtQuick import QQuickItem

from kiosk.core import paths
from kiosk.ui.render import settle, walk
from kiosk.ui.scene import Scene

CUMBRIA = paths.builtin_packs_dir() / "cumbria"


def _pictures(s: Scene) -> dict[str, list[QQuickItem]]:
    """Each page's picture holders (PackImage), by page id."""
    out: dict[str, list[QQuickItem]] = {}
    for host in walk(s.window.contentItem()):
        if host.objectName().startswith("page-"):
            holders = [i for i in walk(host) if i.property("keep") is not None and i.property("pixelWidth") is not None]
            out[host.objectName().removeprefix("page-")] = holders
    return out


def _held(holder: QQuickItem) -> bool:
    """The picture is decoded and kept (or on its way), not only named."""
    return bool(holder.childItems()[0].property("source").toString())


def _ready(holder: QQuickItem) -> bool:
    """Decoded: the image has its size (PySide cannot read Image.status)."""
    image = holder.childItems()[0]
    return _held(holder) and image.property("implicitWidth") > 0 and holder.property("loading") is False


def _holding(s: Scene) -> dict[str, int]:
    """How many pictures each page holds."""
    return {page: sum(map(_held, holders)) for page, holders in _pictures(s).items() if any(map(_held, holders))}


def _loop_to(s: Scene, clock, page_id: str) -> None:
    """Let the loop run on the fake clock until `page_id` is on screen."""
    c = s.controller
    for _ in range(200):
        if c.engine.pages[c.page].id == page_id:
            settle(s.window)
            return
        clock.now = c.engine.next_deadline()
        c.run_due()
    raise AssertionError(f"the loop never reached {page_id}")


def _index(s: Scene, page_id: str) -> int:
    return next(i for i, p in enumerate(s.controller.engine.pages) if p.id == page_id)


def test_in_the_loop_only_the_page_on_screen_and_the_next_hold_pictures(make_kiosk, clock, qtbot) -> None:
    s = make_kiosk(CUMBRIA, (1920, 1080))
    pages = s.controller.engine.pages
    assert pages[0].id == "poster"
    story = _index(s, "story")
    # Two pages after the story: neither the poster's picture nor the story's panels are held.
    _loop_to(s, clock, pages[story + 2].id)
    qtbot.waitUntil(lambda: "story" not in _holding(s), timeout=10_000)
    assert _holding(s) == {}, "no page on screen or next has a picture"
    # The loop's last page: the poster is next, and its picture is loaded long before it is drawn ahead.
    _loop_to(s, clock, pages[-1].id)
    poster = _pictures(s)["poster"]
    qtbot.waitUntil(lambda: all(map(_ready, poster)), timeout=10_000)
    # The page before the story: the story is next, and holds only the panel it opens with.
    _loop_to(s, clock, pages[story - 1].id)
    expected = {"story": 1} | ({"poster": 1} if story == 1 else {})
    qtbot.waitUntil(lambda: _holding(s) == expected, timeout=10_000)
    first_panel = next(h for h in _pictures(s)["story"] if h.parentItem().objectName() == "panel-0")
    qtbot.waitUntil(lambda: _ready(first_panel), timeout=10_000)


def test_a_visit_brings_back_the_page_before_and_the_first(make_kiosk, clock, qtbot) -> None:
    s = make_kiosk(CUMBRIA, (1920, 1080))
    story = _index(s, "story")
    after = s.controller.engine.pages[story + 1].id
    _loop_to(s, clock, after)
    qtbot.waitUntil(lambda: _holding(s) == {}, timeout=10_000)
    s.controller.touch()  # a visitor: Back goes to the story (at its last panel), Home to the poster
    qtbot.waitUntil(lambda: _holding(s) == {"poster": 1, "story": 1}, timeout=10_000)
    s.controller.prev()
    settle(s.window)
    last = _pictures(s)["story"][-1]
    qtbot.waitUntil(lambda: _ready(last), timeout=10_000)
    assert last.isVisible()


def test_pictures_load_and_go_once_the_screen_is_still(make_kiosk, clock, qtbot) -> None:
    """Decoding a picture (tens of ms at 4K) and freeing one wait until a change has stopped moving."""
    s = make_kiosk(CUMBRIA, (1920, 1080), reduced_motion=False)
    c = s.controller
    last = len(c.engine.pages) - 1
    _loop_to(s, clock, c.engine.pages[last - 1].id)
    qtbot.waitUntil(lambda: c.picturePages == [last - 1, last], timeout=10_000)
    # The loop moves on to its last page: the page that left keeps its pictures, the poster (next) does not load
    # yet, while the fade runs ...
    clock.now = c.engine.next_deadline()
    c.run_due()
    assert c.picturePages == [last - 1, last]
    poster = _pictures(s)["poster"][0]
    assert not _held(poster)
    # ... then, the screen still, the page that left lets go and the poster loads, long before it is drawn ahead.
    qtbot.waitUntil(lambda: c.picturePages == [last, 0], timeout=10_000)
    qtbot.waitUntil(lambda: _ready(poster), timeout=10_000)
    assert not c.pictures_due.armed and (c.predraw_due.armed or c.upcoming == 0)


def test_memory_is_given_back_once_the_screen_is_still(make_kiosk, clock, qtbot, monkeypatch) -> None:
    """glibc's free pages go back to the system after each change (kiosk.ui.app.give_back_free_memory), never
    while it moves."""
    from kiosk.ui import app

    calls: list[int] = []
    monkeypatch.setattr(app, "give_back_free_memory", lambda: calls.append(1) or True)
    s = make_kiosk(CUMBRIA, (1920, 1080), reduced_motion=False)
    c = s.controller
    clock.now = c.engine.next_deadline()
    c.run_due()
    assert calls == [] and c.pictures_due.armed
    qtbot.waitUntil(lambda: calls == [1], timeout=10_000)
    assert not c.pictures_due.armed


def test_the_help_pages_codes_are_let_go_while_it_cannot_come_next(make_kiosk, clock, qtbot) -> None:
    from ..qml_helpers import finish_loading

    s = make_kiosk(CUMBRIA, (1920, 1080))
    finish_loading(s.window)
    c = s.controller
    help_page = next(i for i, p in enumerate(c.engine.pages) if p.kind == "help")
    host = next(h for h in walk(s.window.contentItem()) if h.objectName() == f"page-{c.engine.pages[help_page].id}")
    codes = [q for q in walk(host) if q.objectName() == "qr"]
    assert codes
    _loop_to(s, clock, c.engine.pages[1].id)
    qtbot.waitUntil(lambda: help_page not in c.picturePages, timeout=10_000)
    assert not any(q.property("source").toString() for q in codes)
    # the page before it: the codes are made again, at the size they are shown, before it can be drawn ahead
    _loop_to(s, clock, c.engine.pages[help_page - 1].id)
    qtbot.waitUntil(lambda: help_page in c.picturePages, timeout=10_000)
    assert all(q.property("source").toString() and q.property("implicitWidth") > 0 for q in codes)
