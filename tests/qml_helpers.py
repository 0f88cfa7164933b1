"""Helpers that look at the live QML scene the way a tester looks at a screen."""

from __future__ import annotations

import time
from collections.abc import Iterator

import shiboken6
from PySide6.QtCore import QCoreApplication, QEventLoop, QPointF, QRectF, Qt
from PySide6.QtGui import QImage
from PySide6.QtQuick import QQuickItem, QQuickWindow
from PySide6.QtTest import QTest

from kiosk.ui import fit
from kiosk.ui.render import settle, walk
from kiosk.ui.scene import Scene


def finish_loading(window: QQuickWindow, timeout: float = 60.0) -> None:
    """Wait until every page is built, the ones built in the background too, so a test ends on a settled kiosk. (A
    session closed mid-build once printed Qt warnings from pages without content; tests/ui/test_page_build.py now
    checks that it does not.) An idle PC builds them in the first frames; a loaded one may take seconds."""

    def building(loader: QQuickItem) -> bool:
        return (
            bool(loader.property("active")) and not loader.property("source").isEmpty() and not loader.property("item")
        )

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and any(
        building(i) for i in walk(window.contentItem()) if i.inherits("QQuickLoader")
    ):
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)


def scene_rect(item: QQuickItem) -> QRectF:
    return item.mapRectToScene(QRectF(0, 0, item.width(), item.height()))


def find(window: QQuickWindow, object_name: str, visible_only: bool = True) -> QQuickItem:
    items = [
        i for i in walk(window.contentItem()) if i.objectName() == object_name and (i.isVisible() or not visible_only)
    ]
    assert items, f"no visible item named {object_name!r}"
    return items[0]


def find_all(window: QQuickWindow, object_name: str) -> list[QQuickItem]:
    return [i for i in walk(window.contentItem()) if i.objectName() == object_name and i.isVisible()]


def visible_texts(window: QQuickWindow) -> Iterator[QQuickItem]:
    yield from fit.visible_texts(window.contentItem())


def layout_problems(window: QQuickWindow) -> list[str]:
    """Text that is cut off, spills out of its box or the screen, is smaller than body size, or overlaps text:
    kiosk.ui.fit's measurement, the one `kiosk check` and the studio use."""
    settle(window)
    window.grabWindow()  # a rendered frame runs the polish pass: positioners (Grid, Row) place their children
    return [p.message for p in fit.text_problems(window.contentItem())]


def centre(item: QQuickItem) -> QPointF:
    return item.mapToScene(QPointF(item.width() / 2, item.height() / 2))


def block_averages(image: QImage) -> bytes:
    """The image's colours averaged over 8x8 pixel blocks, as RGB32 bytes: two drawings of the same page compared
    block by block, where a layer and direct drawing shade glyph edges a little differently (that averages out;
    text of another size or colour does not)."""
    small = image.scaled(
        image.width() // 8,
        image.height() // 8,
        Qt.AspectRatioMode.IgnoreAspectRatio,
        Qt.TransformationMode.SmoothTransformation,
    )
    return bytes(small.convertToFormat(QImage.Format.Format_RGB32).constBits())


def texture_of(item: QQuickItem) -> tuple[int, int, int]:
    """An item's image as the scene graph holds it (a layer or a ShaderEffectSource): which one (its address) and
    its size; (0, 0, 0) without one. Size 0x0 until the scene graph has drawn it."""
    provider = item.textureProvider()
    texture = provider.texture() if provider is not None else None
    if texture is None:
        return (0, 0, 0)
    size = texture.textureSize()
    return (shiboken6.getCppPointer(texture)[0], size.width(), size.height())


def until_quiet(s: Scene, frames: list[int]) -> None:
    """Until no frame comes for a third of a second (pictures of a page drawn ahead load in the background)."""
    art = s.engine.property("kioskSingleton_ArtCache")
    for _ in range(50):
        frames.clear()
        settle(s.window)
        QTest.qWait(300)
        if not frames and not art.busy:
            return
