"""A tip's detail opens and closes as a cut that shows a face drawn ahead: the detail of the tip a finger presses,
drawn between the press and the release, and the list, drawn while a detail is read. The cut's frame copies that
image (2-5 ms of CPU at 4K against 45-70 ms drawing the face: bench/frames.py, which measures the effect; these
check the mechanism). The engine's clock is moved by hand, so nothing here races a loaded machine."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import QImage
from PySide6.QtQuick import QQuickItem
from PySide6.QtTest import QTest

from kiosk.ui.render import settle, walk
from kiosk.ui.scene import Scene

from ..conftest import MINIMAL
from ..qml_helpers import block_averages, find, finish_loading, texture_of


def _shots(s: Scene) -> list[QQuickItem]:
    return [i for i in walk(s.window.contentItem()) if i.objectName() == "tipShot"]


def _step(s: Scene, clock) -> None:
    """The next step of what a visit does once the screen is still (KioskController.tap_ahead_at), when due."""
    c = s.controller
    at = c.tap_ahead_at()
    assert at is not None
    clock.now = max(clock.now, at)
    c.run_tap_ahead()
    settle(s.window)


def _read(s: Scene, clock) -> None:
    while s.controller.tap_ahead_at() is not None:
        _step(s, clock)


def _on_tips(make_kiosk, clock, qtbot, size: tuple[int, int] = (1280, 720), **kw) -> Scene:
    """A visitor on the tips page, read for a moment: the pages Next, Back and Home bring are drawn."""
    s = make_kiosk(MINIMAL, size, reduced_motion=False, auto_advance=False, idle_timeout=None, **kw)
    finish_loading(s.window)
    c = s.controller
    c.touch()
    settle(s.window)
    c.goTo(next(i for i, p in enumerate(c.engine.pages) if p.kind == "tips"))
    qtbot.waitUntil(lambda: find(s.window, "tipGrid").property("visible") and _sliding(s) is False, timeout=20_000)
    _read(s, clock)
    qtbot.waitUntil(lambda: _sliding(s) is None, timeout=20_000)
    return s


def _sliding(s: Scene) -> bool | None:
    """Whether the tips page is still on screen as its image (PageHost.qml `viaShot`): sliding, or not yet still."""
    host = find(s.window, "page-tips").parentItem().parentItem()
    if host.property("viaShot"):
        return host.property("slide") != 0.0
    return None


def _press_centre(item: QQuickItem) -> QPoint:
    return item.mapToScene(QPointF(item.width() / 2, item.height() / 2)).toPoint()


def _slot(shot: QQuickItem) -> QQuickItem:
    return shot.parentItem().parentItem()  # the image's Loader, then its slot (TipsPage.qml `cutSlot`)


def _covers(s: Scene, slot: QQuickItem) -> bool:
    """The image's slot lies over the whole of the page's content, from a whole pixel of the screen."""
    face = find(s.window, "tipList", visible_only=False).parentItem()  # (the face's origin: TipsPage.qml)
    page = face.parentItem().mapRectToScene(face.parentItem().childrenRect())  # the sheet
    at = slot.mapToScene(QPointF(0, 0))
    return (
        at.x() == int(at.x())
        and at.y() == int(at.y())
        and slot.mapRectToScene(QRectF(0, 0, slot.width(), slot.height())).contains(page)
    )


def _first_frame(s: Scene, qtbot, change) -> dict[str, object]:
    """What the first frame after `change` shows: the face's image (its texture, and where it lies) and the faces."""
    seen: list[dict[str, object]] = []

    def sample() -> None:
        if seen:
            return
        shots = [i for i in _shots(s) if i.isVisible()]
        seen.append(
            {
                "shots": [(texture_of(i), _covers(s, _slot(i)), bool(i.property("live"))) for i in shots],
                "detail": find(s.window, "tipDetail", visible_only=False).isVisible(),
                "list": find(s.window, "tipList", visible_only=False).isVisible(),
            }
        )

    s.window.frameSwapped.connect(sample)
    change()
    qtbot.waitUntil(lambda: bool(seen), timeout=20_000)
    s.window.frameSwapped.disconnect(sample)
    return seen[0]


def _looks_the_same(a: QImage, b: QImage) -> bool:
    """The same picture: no 8x8 block's average colour differs by more than 48 in a channel (as in
    tests/ui/test_still_after_change.py); another tip's text, or the list, differs in thousands of blocks. Not pixel
    for pixel: the image is drawn on the screen's own pixel grid (TipsPage.qml `shift`), but a text that Text.Fit
    sized while hidden can come out a fraction of a pixel apart from the same text sized on screen (here the
    pressed tip's text ends a pixel further right; at 4K in cumbria no channel differed by more than 2)."""

    x, y = block_averages(a), block_averages(b)
    return len(x) == len(y) and all(abs(p - q) <= 48 for p, q in zip(x, y, strict=True))


def test_a_pressed_tip_is_drawn_before_its_tap_opens_it_and_the_cut_shows_that_image(make_kiosk, clock, qtbot) -> None:
    s = _on_tips(make_kiosk, clock, qtbot)
    c = s.controller
    tile = find(s.window, "tip-1")
    assert _shots(s) == []
    QTest.mousePress(s.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, _press_centre(tile))
    settle(s.window)
    # While the finger is down the detail is drawn into its image, unseen: the list is still what shows. It takes
    # the place of Back's page (which the tip's Back does not bring): three images of a page at most.
    assert c.tipAhead == 1 and c.detail == -1
    (shot,) = _shots(s)
    pages = [i for i in walk(s.window.contentItem()) if i.objectName() == "pageShot"]
    assert c.prevAhead == -1 and len(pages) == 2
    qtbot.waitUntil(lambda: bool(shot.property("drawn")), timeout=20_000)
    drawn = texture_of(shot)
    assert drawn[1] > 0 and find(s.window, "tipGrid").isVisible()
    # The release opens the tip: its first frame shows that very image, over the whole page, as it was drawn.
    first = _first_frame(
        s,
        qtbot,
        lambda: QTest.mouseRelease(
            s.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, _press_centre(tile)
        ),
    )
    assert c.detail == 1
    assert first["shots"] == [(drawn, True, False)]
    assert first["detail"] and not first["list"]  # (under the image: taps reach the detail, not the tiles)
    cut = s.window.grabWindow()
    # Once the screen is still the detail is shown as itself, the image let go: the visitor sees no change.
    _step(s, clock)
    assert c.settled and _shots(s) == []
    assert _looks_the_same(cut, s.window.grabWindow())
    assert "NEVER arrange to meet" in find(s.window, "tipText").property("text")


def test_while_a_detail_is_read_the_list_is_drawn_and_back_shows_it_as_drawn(make_kiosk, clock, qtbot) -> None:
    s = _on_tips(make_kiosk, clock, qtbot)
    c = s.controller
    c.openDetail(0)  # a key: no press, the detail is drawn at the cut
    settle(s.window)
    assert _shots(s) == []
    _step(s, clock)
    _step(s, clock)
    assert not c.listAhead  # not before the page Next brings is drawn (a step of its own)
    _step(s, clock)
    assert c.listAhead
    (shot,) = _shots(s)
    qtbot.waitUntil(lambda: bool(shot.property("drawn")), timeout=20_000)
    drawn = texture_of(shot)
    assert find(s.window, "tipDetail").isVisible()
    first = _first_frame(s, qtbot, c.prev)  # Back, or "All tips": the list
    assert c.detail == -1
    assert first["shots"] == [(drawn, True, False)]
    assert first["list"] and not first["detail"]
    cut = s.window.grabWindow()
    _step(s, clock)
    assert _shots(s) == []
    assert _looks_the_same(cut, s.window.grabWindow())


def test_one_image_at_most_and_nothing_ticks_once_read(make_kiosk, clock, qtbot) -> None:
    s = _on_tips(make_kiosk, clock, qtbot)
    c = s.controller
    counts: list[int] = []
    s.window.frameSwapped.connect(lambda: counts.append(len(_shots(s))))
    tile = find(s.window, "tip-0")
    QTest.mouseClick(s.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, _press_centre(tile))
    settle(s.window)
    assert c.detail == 0
    _read(s, clock)
    assert c.listAhead and len(_shots(s)) == 1
    # Drawn once: no timer left, and no frame while the visitor reads (once the still moment has let pictures go).
    frames: list[int] = []
    s.window.frameSwapped.connect(lambda: frames.append(1))
    c.pictures_due.arm(0)
    for _ in range(20):
        frames.clear()
        settle(s.window)
        QTest.qWait(150)
        if not frames:
            break
    QTest.qWait(600)
    assert frames == [] and not c.tap_due.armed
    c.closeDetail()
    settle(s.window)
    _read(s, clock)
    assert max(counts) == 1
    # The loop back: no image kept.
    c.engine.reset()
    settle(s.window)
    qtbot.waitUntil(lambda: _shots(s) == [], timeout=20_000)


def test_a_finger_lifted_off_its_tile_opens_nothing_and_keeps_no_image(make_kiosk, clock, qtbot) -> None:
    s = _on_tips(make_kiosk, clock, qtbot)
    c = s.controller
    tile = find(s.window, "tip-1")
    QTest.mousePress(s.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, _press_centre(tile))
    settle(s.window)
    assert len(_shots(s)) == 1
    away = tile.mapToScene(QPointF(tile.width() + 5, tile.height() / 2)).toPoint()
    QTest.mouseMove(s.window, away, 10)
    QTest.mouseRelease(s.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, away)
    settle(s.window)
    assert c.detail == -1 and c.tipAhead == -1 and _shots(s) == []
    assert find(s.window, "tipGrid").isVisible()


def test_a_key_opens_a_tip_without_an_image_and_larger_text_draws_nothing_ahead(make_kiosk, clock, qtbot) -> None:
    s = _on_tips(make_kiosk, clock, qtbot)
    c = s.controller
    first = _first_frame(s, qtbot, lambda: c.openDetail(1))
    assert first["shots"] == [] and first["detail"]
    assert "NEVER arrange to meet" in find(s.window, "tipText").property("text")
    c.closeDetail()
    settle(s.window)
    _read(s, clock)
    # At larger text the page is laid out afresh as its detail opens (it may scroll): nothing is drawn ahead.
    c.set_appearance(text_scale=1.5)
    settle(s.window)
    tile = find(s.window, "tip-1")
    QTest.mousePress(s.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, _press_centre(tile))
    settle(s.window)
    assert c.tipAhead == -1 and _shots(s) == []
    QTest.mouseRelease(s.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, _press_centre(tile))
    settle(s.window)
    assert c.detail == 1 and find(s.window, "tipDetail").isVisible()


def _focus_tile(s: Scene, index: int) -> None:
    """Tab, as a keyboard user does, until tip `index`'s tile has the focus."""
    tile = find(s.window, f"tip-{index}")
    for _ in range(40):
        if tile.hasActiveFocus():
            return
        QTest.keyClick(s.window, Qt.Key.Key_Tab)
        settle(s.window)
    raise AssertionError(f"Tab never reached tip {index}")


def _rest(s: Scene, clock) -> None:
    """The focus rests: the still moment after it moved (KioskController.focus_ahead_at), when the timer fires."""
    at = s.controller.focus_ahead_at()
    if at is not None:
        clock.now = max(clock.now, at)
    s.controller.run_focus_ahead()
    settle(s.window)


def test_the_tile_the_focus_rests_on_is_drawn_ahead_and_enter_shows_that_image(make_kiosk, clock, qtbot) -> None:
    """Issue 20: a key user's Enter opens a tip as a finger's tap does, from an image drawn while the focus rested on
    its tile, at the still moment after the focus came there (not in the frame the focus moved in)."""
    s = _on_tips(make_kiosk, clock, qtbot)
    c = s.controller
    _focus_tile(s, 0)
    _focus_tile(s, 1)
    # The focus's own frame changes nothing else: the detail is drawn only once the focus rests and all is still.
    assert c.tipAhead == -1 and _shots(s) == []
    at = c.focus_ahead_at()
    assert at is not None and c.focus_due.armed
    clock.now = at - 0.1
    c.run_focus_ahead()
    settle(s.window)
    assert c.tipAhead == -1 and _shots(s) == [], "not before the still moment"
    clock.now = at
    c.run_focus_ahead()
    settle(s.window)
    assert c.tipAhead == 1 and c.focus_ahead_at() is None and not c.focus_due.armed
    (shot,) = _shots(s)
    qtbot.waitUntil(lambda: bool(shot.property("drawn")), timeout=20_000)
    drawn = texture_of(shot)
    assert c.prevAhead >= 0, "Back's page stays drawn: a key user's Back may come instead"
    # Enter opens the tip: its first frame shows that very image, over the whole page.
    first = _first_frame(s, qtbot, lambda: QTest.keyClick(s.window, Qt.Key.Key_Return))
    assert c.detail == 1
    assert first["shots"] == [(drawn, True, False)]
    assert first["detail"] and not first["list"]
    cut = s.window.grabWindow()
    _step(s, clock)
    assert c.settled and _shots(s) == []
    assert _looks_the_same(cut, s.window.grabWindow())
    assert "NEVER arrange to meet" in find(s.window, "tipText").property("text")


def test_a_key_on_a_tile_before_its_focus_rests_draws_its_own_detail(make_kiosk, clock, qtbot) -> None:
    """The image follows the focus once it rests on another tile. Where the focus moved on and Enter came at once,
    the detail that opens is the new tile's, drawn at the cut, never the image of the one before; and the image
    goes when the page changes."""
    s = _on_tips(make_kiosk, clock, qtbot)
    c = s.controller
    _focus_tile(s, 0)
    _rest(s, clock)
    assert c.tipAhead == 0 and len(_shots(s)) == 1
    _focus_tile(s, 1)
    assert c.tipAhead == 0, "the image is kept until the focus rests"
    _rest(s, clock)
    (shot,) = _shots(s)
    assert c.tipAhead == 1
    qtbot.waitUntil(lambda: bool(shot.property("drawn")), timeout=20_000)
    _focus_tile(s, 0)
    first = _first_frame(s, qtbot, lambda: QTest.keyClick(s.window, Qt.Key.Key_Return))
    assert c.detail == 0
    assert first["shots"] == [] and first["detail"], "tip 0's detail drawn as itself, not tip 1's image"
    assert find(s.window, "tipText").property("text") == c.engine.pages[c.page].data["tips"][0]["text"]
    # Back to the list, the focus on a tile again and resting: then the page changes and the image goes.
    c.closeDetail()
    settle(s.window)
    _read(s, clock)
    _focus_tile(s, 1)
    _rest(s, clock)
    assert c.tipAhead == 1 and len(_shots(s)) == 1
    c.next()
    settle(s.window)
    assert c.tipAhead == -1
    qtbot.waitUntil(lambda: _shots(s) == [], timeout=20_000)
