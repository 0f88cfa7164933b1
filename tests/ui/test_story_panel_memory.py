"""A story's panel slides in as it is: its picture decoded and its speech bubbles' tails made while the screen was
still, never in the frames of its slide. At 4K, decoding a panel and painting its tails in a slide's first frame
took 25-58 ms of CPU, over the frame budget (bench/frames.py, bench/README.md). Which panels keep theirs is
kiosk.core.memory's rule; the controller's still moment is held back and fired by the test, so nothing here races
a loaded machine."""

from __future__ import annotations

from PySide6.QtQuick import QQuickItem

from kiosk.core import paths
from kiosk.ui.render import settle, walk
from kiosk.ui.scene import Scene

CUMBRIA = paths.builtin_packs_dir() / "cumbria"


def _panels(s: Scene) -> dict[int, QQuickItem]:
    story = next(i for i in walk(s.window.contentItem()) if i.objectName() == "page-story")
    return {int(i.objectName().removeprefix("panel-")): i for i in walk(story) if i.objectName().startswith("panel-")}


def _picture(panel: QQuickItem) -> QQuickItem:
    return next(i for i in walk(panel) if i.property("pixelWidth") is not None)


def _held(panel: QQuickItem) -> bool:
    """The panel's picture is asked for (decoded and kept, or on its way)."""
    return bool(_picture(panel).childItems()[0].property("source").toString())


def _ready(panel: QQuickItem) -> bool:
    image = _picture(panel).childItems()[0]
    return _held(panel) and image.property("implicitWidth") > 0 and _picture(panel).property("loading") is False


def _tails(panel: QQuickItem) -> list[QQuickItem]:
    return [i for i in walk(panel) if i.objectName() == "bubbleTail"]


def _still(s: Scene) -> None:
    """The controller's still moment, now (the test holds it back during a change)."""
    s.controller.pictures_due.disarm()
    s.controller.pictures_due.arm(0)


def test_a_panel_arrives_with_what_was_made_while_still_and_nothing_loads_while_it_slides(make_kiosk, qtbot) -> None:
    s = make_kiosk(CUMBRIA, (1920, 1080), reduced_motion=False)
    c = s.controller
    story = next(i for i, p in enumerate(c.engine.pages) if p.kind == "story")
    count = c.engine.pages[story].panel_count
    assert count >= 5
    c.touch()
    c.goTo(story)
    c.next()
    _still(s)
    panels = _panels(s)
    # still on the second panel: it and the panels either side keep their pictures and tails, the rest have none
    qtbot.waitUntil(lambda: all(_ready(panels[i]) for i in (0, 1, 2)), timeout=10_000)
    assert not any(map(_held, (panels[i] for i in range(3, count))))
    assert all(not _tails(panels[i]) for i in range(3, count))
    arriving_tails = _tails(panels[2])
    assert arriving_tails and _tails(panels[3]) == [], "the third and fourth panels' bubbles have tails (cumbria)"

    c.next()  # panel 3 slides in; the still moment is held back
    c.pictures_due.disarm()
    assert c.panel == 3
    # The arriving panel slides in with the picture and the tails it had, the same ones, not made again; the panel
    # after it (now next) loads nothing and makes no tail while it slides, and the panel two back keeps its own.
    assert _ready(panels[2]) and _tails(panels[2]) == arriving_tails
    assert not _held(panels[3]) and not _tails(panels[3])
    assert _held(panels[0]) and _tails(panels[0])
    qtbot.waitUntil(lambda: panels[2].x() == 0 and not panels[1].isVisible(), timeout=10_000)  # the slide, over
    settle(s.window)
    assert panels[2].isVisible()
    assert not _held(panels[3]) and not _tails(panels[3])

    _still(s)  # once still, the next panel loads and makes its tails, before any tap can bring it
    qtbot.waitUntil(lambda: _ready(panels[3]), timeout=10_000)
    assert len(_tails(panels[3])) == 2
    assert _held(panels[1])  # the panel before (Back) stays; the one before that lets go
    assert not _held(panels[0]) and not _tails(panels[0])
    assert c.picturePanelsPage == story and c.picturePanels == [2, 3, 1]


def test_a_story_that_leaves_lets_its_panels_go_once_still(make_kiosk, qtbot) -> None:
    s = make_kiosk(CUMBRIA, (1920, 1080), reduced_motion=False)
    c = s.controller
    story = next(i for i, p in enumerate(c.engine.pages) if p.kind == "story")
    c.touch()
    c.goTo(story)
    c.next()
    _still(s)
    panels = _panels(s)
    qtbot.waitUntil(lambda: all(_ready(panels[i]) for i in (0, 1, 2)), timeout=10_000)
    c.goTo(story + 1)  # a page further on: the story slides away keeping what it held ...
    c.pictures_due.disarm()
    settle(s.window)
    story_page = next(i for i in walk(s.window.contentItem()) if i.objectName() == "page-story")
    qtbot.waitUntil(lambda: not story_page.isVisible(), timeout=10_000)
    assert all(_held(panels[i]) for i in (0, 1, 2))
    _still(s)  # ... and lets go, once still, all but the one panel it would come back to
    qtbot.waitUntil(lambda: sum(map(_held, panels.values())) == 1, timeout=10_000)
    assert c.picturePanelsPage == -1
