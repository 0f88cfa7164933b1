"""A story's panel slides in as it is: its picture decoded and its speech bubbles' tails made while the screen was
still, never in the frames of its slide. At 4K, decoding a panel and painting its tails in a slide's first frame
took 25-58 ms of CPU, over the frame budget (bench/frames.py, bench/README.md). Which panels keep theirs is
kiosk.core.memory's rule; the controller's still moment is held back and fired by the test, so nothing here races
a loaded machine."""

from __future__ import annotations

import re

from PySide6.QtCore import QLoggingCategory, QPointF, QRect, QRectF, Qt
from PySide6.QtGui import QImage
from PySide6.QtQuick import QQuickItem
from PySide6.QtTest import QTest

from kiosk.core import paths
from kiosk.core.memory import STILL_PIECE_SECONDS
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
    # Next's caption and Back's drawn ahead (the still moment's last pieces)
    qtbot.waitUntil(lambda: all(_ready(panels[i]) for i in (0, 1, 2)) and c.panelsAhead == [2, 0], timeout=10_000)
    settle(s.window)
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
    _still(s)  # the caption is drawn as itself again, and then (the still moment's pieces) the captions of panels
    # 4 and 2 drawn ahead
    qtbot.waitUntil(lambda: caption.isVisible() and c.panelsAhead == [3, 1], timeout=10_000)
    settle(s.window)
    itself = _box_image(s, box)
    assert caption.property("text") == captions[0]
    assert _blocks_apart(slid, itself) < 0.01, "the caption drawn ahead looks as the caption drawn as itself"


def _ahead_texts(s: Scene) -> list[str]:
    ahead = (i for i in walk(s.window.contentItem()) if i.objectName() == "storyCaptionAhead")
    return [str(i.property("text")) for i in ahead if i.property("text")]  # a slot with none draws nothing


def test_the_still_moment_comes_in_pieces_one_a_frame_and_a_tap_between_them_is_served_at_once(
    make_kiosk, qtbot, monkeypatch
) -> None:
    """At 4K the still moment after a panel change was 60-100 ms of work in one turn of the event loop (the caption
    drawn as itself, the next picture, its tails, two captions drawn ahead: bench/still_moment.py), which a tap then
    waited for. It comes in pieces, each in a frame of its own; the test fires each piece (the timer between them
    is held back) and looks at what each frame shows."""
    s = make_kiosk(CUMBRIA, (1920, 1080), reduced_motion=False)
    c = s.controller
    pieces: list[int] = []
    monkeypatch.setattr(c.still_due, "arm", pieces.append)  # the next piece is the test's to fire
    monkeypatch.setattr(c.still_due, "disarm", pieces.clear)
    story = next(i for i, p in enumerate(c.engine.pages) if p.kind == "story")
    captions = [p["caption"] for p in c.engine.pages[story].data["panels"]]
    c.touch()
    c.goTo(story)
    c.next()
    _still(s)
    panels = _panels(s)
    qtbot.waitUntil(lambda: not c.pictures_due.armed, timeout=10_000)
    while pieces:  # the first still moment, all its pieces
        pieces.clear()
        c.run_still_piece()
    qtbot.waitUntil(lambda: all(_ready(panels[i]) for i in (0, 1, 2)), timeout=10_000)
    settle(s.window)
    assert sorted(_ahead_texts(s)) == sorted([captions[2], captions[0]])
    caption = next(i for i in walk(s.window.contentItem()) if i.objectName() == "storyCaption")
    frames: list[int] = []
    s.window.frameSwapped.connect(lambda: frames.append(1))

    c.next()  # panel 3
    c.pictures_due.disarm()
    qtbot.waitUntil(lambda: panels[2].x() == 0 and not panels[1].isVisible(), timeout=10_000)
    settle(s.window)
    assert not caption.isVisible()  # its image drawn ahead is shown

    def piece() -> None:
        """Fire the next piece and wait for the frame that draws it."""
        assert pieces, "a piece is left to do"
        pieces.clear()
        frames.clear()
        c.run_still_piece()
        qtbot.waitUntil(lambda: bool(frames), timeout=10_000)
        settle(s.window)

    frames.clear()
    _still(s)  # the still moment itself: the caption is drawn as itself, and nothing else changes yet
    qtbot.waitUntil(lambda: caption.isVisible() and bool(frames), timeout=10_000)
    settle(s.window)
    assert pieces == [int(STILL_PIECE_SECONDS * 1000)]
    assert c.picturePanels == [1, 2, 0] and not _held(panels[3]) and not _tails(panels[3])
    assert sorted(_ahead_texts(s)) == sorted([captions[2], captions[0]])
    piece()  # the pictures: the next panel loads, the one two back lets go; no caption is drawn ahead anew
    qtbot.waitUntil(lambda: _ready(panels[3]), timeout=10_000)
    assert c.picturePanels == [2, 3, 1] and not _held(panels[0])
    assert sorted(_ahead_texts(s)) == sorted([captions[2], captions[0]])
    piece()  # Next's caption drawn ahead (Back's let go: it was panel 1's)
    assert _ahead_texts(s) == [captions[3]] and c.panelsAhead == [3, -1]

    # A tap before Back's caption is drawn ahead: served at once, and the piece left is not done in its slide.
    c.next()
    assert c.panel == 4 and pieces == [], "the piece left is cancelled"
    c.pictures_due.disarm()
    assert not caption.isVisible(), "the tap shows panel 4's caption drawn ahead"
    qtbot.waitUntil(lambda: panels[3].x() == 0 and not panels[2].isVisible(), timeout=10_000)
    settle(s.window)
    assert c.panelsAhead == [3, -1] and c.picturePanels == [2, 3, 1]
    _still(s)  # its own still moment does it all, piece by piece, and nothing is left ticking after the last
    qtbot.waitUntil(lambda: not c.pictures_due.armed, timeout=10_000)
    while pieces:
        piece()
    assert c.picturePanels == [3, 4, 2] and c.panelsAhead == [4, 2]
    assert sorted(_ahead_texts(s)) == sorted([captions[4], captions[2]])
    assert caption.isVisible() and caption.property("text") == captions[3]
    assert not c.pictures_due.armed and pieces == []


def test_with_reduced_motion_the_still_moment_is_one_piece(make_kiosk, qtbot) -> None:
    """A cut is still at once, and nothing on screen may change again once it is (tests/ui/test_access.py)."""
    s = make_kiosk(CUMBRIA, (1920, 1080), reduced_motion=True)
    c = s.controller
    story = next(i for i, p in enumerate(c.engine.pages) if p.kind == "story")
    c.touch()
    c.goTo(story)
    c.next()
    qtbot.waitUntil(lambda: c.picturePanels == [1, 2, 0], timeout=10_000)
    assert not c.still_due.armed


def _rects(region: str) -> list[QRect]:
    """The rectangles of a QRegion as the software renderer logs it: "QRegion(x,y wxh)" or "[(x,y wxh), ...]"."""
    found = re.findall(r"(-?\d+),(-?\d+) (\d+)x(\d+)", region.split(" - ")[-1])
    return [QRect(*map(int, r)) for r in found]


def test_a_loop_slide_draws_the_caption_box_once_not_in_every_frame(make_kiosk, clock, qtbot, qtlog) -> None:
    """The caption Next brings is drawn ahead into an image; shown by a slide, it was a layer, which the software
    renderer draws again in every frame: the loop's story slides redrew the whole caption box (1513x1498 px at 4K)
    each frame beside the panels (bench/still_moment.py --dirty). Read from the renderer's own dirty regions."""
    s = make_kiosk(CUMBRIA, (1280, 720), reduced_motion=False, auto_advance=True, idle_timeout=None)
    c = s.controller
    story = next(i for i, p in enumerate(c.engine.pages) if p.kind == "story")
    while not (c.page == story and c.panel == 2):  # round the loop to the story's second panel
        clock.now = c.engine.next_deadline()
        c.run_due()
        settle(s.window)
    c.pictures_due.disarm()
    QTest.qWait(1000)  # the story's crossfade in and the slide to panel 2 are over (0.45 and 0.6 s)
    c.pictures_due.arm(0)  # still: the pictures loaded, and the caption of panel 3 drawn ahead
    image = next(i for i in walk(s.window.contentItem()) if i.objectName() == "storyCaptionAheadImage")
    qtbot.waitUntil(lambda: not c.pictures_due.armed and not c.still_due.armed and image.isVisible(), timeout=10_000)
    settle(s.window)
    box = _caption_box(s)
    inner = box.mapRectToScene(QRectF(2, 2, box.width() - 4, box.height() - 4)).toAlignedRect()
    panels = _panels(s)
    QLoggingCategory.setFilterRules("qt.scenegraph.softwarecontext.renderer.debug=true")
    try:
        logged = len(qtlog.records)
        clock.now = c.engine.next_deadline()
        c.run_due()  # the loop's slide to panel 3
        c.pictures_due.disarm()
        qtbot.waitUntil(lambda: panels[2].x() == 0 and not panels[1].isVisible(), timeout=10_000)
        settle(s.window)
    finally:
        QLoggingCategory.setFilterRules("qt.scenegraph.softwarecontext.renderer.debug=false")
    frames = [r.message for r in qtlog.records[logged:] if "render QRegion(" in r.message]
    assert len(frames) >= 5, "the slide's frames, as the renderer logged them"
    in_box = [any(r.intersects(inner) for r in _rects(f)) for f in frames]
    # the slide's first frames show the caption drawn ahead (the first, the whole page: the panel dots, the page's
    # words for a screen reader), and no frame after them draws the box again
    drawn = in_box.index(False) if False in in_box else len(in_box)
    assert 1 <= drawn <= 3, in_box
    assert not any(in_box[drawn:]), f"{sum(in_box[drawn:])} of the slide's {len(frames)} frames drew the caption box"
