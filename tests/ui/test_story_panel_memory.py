"""A story's panel slides in as it is: its picture decoded and its speech bubbles' tails made while the screen was
still, never in the frames of its slide. At 4K, decoding a panel and painting its tails in a slide's first frame
took 25-58 ms of CPU, over the frame budget (bench/frames.py, bench/README.md). Which panels keep theirs is
kiosk.core.memory's rule; the controller's still moment is held back and fired by the test, so nothing here races
a loaded machine."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QImage
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


def _blocks_apart(a: QImage, b: QImage, tolerance: int = 48) -> float:
    """The share of 4x4 blocks whose average colour differs by more than `tolerance` in a channel (an image of
    text and the text drawn as itself differ at letters' edges only)."""

    def small(image: QImage) -> bytes:
        mode = Qt.AspectRatioMode.IgnoreAspectRatio
        s = image.scaled(image.width() // 4, image.height() // 4, mode, Qt.TransformationMode.SmoothTransformation)
        return bytes(s.convertToFormat(QImage.Format.Format_RGB32).constBits())

    x, y = small(a), small(b)
    assert len(x) == len(y)
    return sum(1 for p, q in zip(x, y, strict=True) if abs(p - q) > tolerance) / len(x)


def _caption_box(s: Scene) -> QQuickItem:
    return next(i for i in walk(s.window.contentItem()) if i.objectName() == "storyCaptionBox")


def _box_image(s: Scene, box: QQuickItem) -> QImage:
    corner = box.mapToScene(QPointF(0, 0))
    return s.window.grabWindow().copy(int(corner.x()), int(corner.y()), int(box.width()), int(box.height()))


def test_a_tap_shows_the_next_caption_drawn_ahead_and_it_looks_as_the_caption_itself(make_kiosk, qtbot) -> None:
    """At 4K a caption's large letters took 10-20 ms to draw in the slide's first frame: the captions Next and Back
    bring are drawn ahead into images while the screen is still, and a tap shows that image until the still moment."""
    s = make_kiosk(CUMBRIA, (1920, 1080), reduced_motion=False)
    c = s.controller
    story = next(i for i, p in enumerate(c.engine.pages) if p.kind == "story")
    c.touch()
    c.goTo(story)
    c.next()
    _still(s)
    panels = _panels(s)
    qtbot.waitUntil(lambda: all(_ready(panels[i]) for i in (0, 1, 2)), timeout=10_000)
    settle(s.window)
    assert c.panelsAhead == [2, 0]  # Next's caption and Back's, drawn ahead
    ahead = [i for i in walk(s.window.contentItem()) if i.objectName() == "storyCaptionAhead"]
    captions = [c.engine.pages[story].data["panels"][i]["caption"] for i in (2, 0)]
    assert sorted(a.property("text") for a in ahead) == sorted(captions)
    caption = next(i for i in walk(s.window.contentItem()) if i.objectName() == "storyCaption")
    box = _caption_box(s)
    redrawn: list[str] = []
    for a in ahead:
        a.textChanged.connect(redrawn.append)

    c.next()  # panel 3: its caption is on screen as the image drawn ahead, and nothing is drawn ahead anew
    c.pictures_due.disarm()
    assert c.panel == 3 and not caption.isVisible()
    qtbot.waitUntil(lambda: panels[2].x() == 0 and not panels[1].isVisible(), timeout=10_000)
    settle(s.window)
    assert not caption.isVisible() and redrawn == []
    slid = _box_image(s, box)
    _still(s)  # the caption is drawn as itself again, and the captions of panels 4 and 2 drawn ahead
    qtbot.waitUntil(lambda: caption.isVisible(), timeout=10_000)
    settle(s.window)
    assert c.panelsAhead == [3, 1]
    itself = _box_image(s, box)
    assert caption.property("text") == captions[0]
    assert _blocks_apart(slid, itself) < 0.01, "the caption drawn ahead looks as the caption drawn as itself"
