"""`kiosk render`: every page, story panel, tip detail and plan step as PNG, drawn offscreen by the real QML."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QImage
from PySide6.QtQuick import QQuickWindow

from kiosk.core.files import FileProblem, atomic_write
from kiosk.core.pack import Pack, Page
from kiosk.core.vocab import Audience, PageKind
from kiosk.ui import app as qtapp
from kiosk.ui.items import settle, walk
from kiosk.ui.scene import Scene, start_scene

log = logging.getLogger(__name__)

__all__ = [
    "grab",
    "measured",
    "render_pack",
    "settle",
    "shots",
    "states",
    "whole_frame",
    "walk",
]  # walk, settle: kiosk.ui.items


def whole_frame(window: QQuickWindow) -> QImage:
    """The window drawn whole from the scene as it is now, not pieced together from the frames before it.

    The software renderer redraws only what changed since its last frame, each node clipped to the region that
    changed, and a scaled picture redrawn through another clip can come out a shade off at a few pixels. Which
    regions were redrawn when depends on when the pictures finished loading, so two grabs of the same screen
    differed by a shade under load (tests/ui/test_art_cache.py, one full run in 7; two renders of a pack too), while
    frames drawn whole always agreed. One frame with the whole scene's opacity changed marks every node changed,
    so the next frame redraws them all.
    """
    root = window.contentItem()
    opacity = root.opacity()
    root.setOpacity(opacity / 2 if opacity > 0 else 1.0)
    window.grabWindow()
    root.setOpacity(opacity)
    return window.grabWindow()


def grab(scene: Scene) -> QImage:
    measured(scene.window)
    return whole_frame(scene.window)


def measured(window: QQuickWindow, rounds: int = 100) -> None:
    """Settle, and wait until every page that scrolls has measured how many screenfuls it takes: it does so in
    a single-shot timer after its layout changes (ScrollPage.qml), which a loaded machine may run late."""
    for _ in range(rounds):
        settle(window)
        pending = [
            timer
            for item in walk(window.contentItem())
            if item.objectName() == "scrollPage"
            for timer in item.children()
            if timer.inherits("QQmlTimer") and timer.property("running")
        ]
        if not pending:
            return
    log.warning("render: a page was still measuring its screenfuls")


def _screenfuls(scene: Scene, name: str) -> Iterator[str]:
    """The state as a visitor sees it on arriving, `name`.png, then, where it is taller than the screen (larger
    text), each of its other screenfuls as a visitor scrolls to it, `name`-screen-K.png (K from 1, top to bottom;
    a plan arrives at the screenful showing "My plan", anything else at its first). The arrival's is shown again
    after."""
    yield f"{name}.png"
    measured(scene.window)
    engine = scene.controller.engine
    count = engine.screens if engine else 1
    arrival = scene.controller.state.screen
    for k in range(count):
        if k != arrival:
            scene.controller.showScreen(k)
            yield f"{name}-screen-{k + 1}.png"
    if count > 1:
        scene.controller.showScreen(arrival)


def states(scene: Scene, pages: list[Page]) -> Iterator[str]:
    """Step the kiosk through every state worth a picture, in loop order, yielding each one's file name: every
    page, story panel, tip detail and plan step, and every screenful of each that scrolls (larger text)."""
    c = scene.controller
    for n, page in enumerate(pages):
        stem = f"{n + 1:02d}-{page.id}"
        c.goTo(n)
        yield from _screenfuls(scene, stem)
        if page.kind == PageKind.STORY:
            for k in range(2, page.panel_count + 1):
                while (
                    c.state.panel < k
                ):  # Next: the panel's further screenfuls (its caption, larger text), then the next
                    c.next()
                yield from _screenfuls(scene, f"{stem}-panel-{k}")
        elif page.kind == PageKind.TIPS:
            for t, tip in enumerate(page.data["tips"]):
                c.openDetail(t)
                yield from _screenfuls(scene, f"{stem}-{tip['id']}")
            c.closeDetail()
        elif page.kind == PageKind.PLAN:
            for option in page.data["options"]:
                c.togglePlan(option["id"])
                yield from _screenfuls(scene, f"{stem}-{option['id']}")
            c.clearPlan()


def shots(scene: Scene, pages: list[Page]) -> Iterator[tuple[str, QImage]]:
    for name in states(scene, pages):
        yield name, grab(scene)


def _png(image: QImage, path: Path) -> bytes:
    """The image encoded as PNG in memory, so the file is written in one atomic step."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):  # type: ignore[call-overload]  # the stub wants bytes; Qt takes str
        raise OSError(f"{path}: the picture could not be encoded as PNG")
    buffer.close()
    return bytes(data.data())


def render_pack(
    pack: Pack,
    size: tuple[int, int],
    out: Path,
    audience: str = Audience.ALL,
    language: str = "en",
    high_contrast: bool = False,
    text_scale: float = 1.0,
) -> list[Path]:
    """Write PNGs named NN-<page-id>[-<detail>].png into `out`; returns their paths."""
    qtapp.prepare_environment(offscreen=True)
    # The same page must give the same pixels every time. FreeType's glyph cache in Qt made a text's edge pixels
    # depend on the process's history (what was drawn before, and when Qt's font cache dropped a font it no longer
    # used, which its timer does every few seconds): two renders of the same pack differed a shade (a 0.06 px
    # glyph shift, at most 40 of 255 on edge pixels) in 1 page in 10 runs at 1080x1920 and in 2-8 pages in 9 of 10
    # at 1920x1080 with 200 % text, on a loaded machine. Without it every glyph is drawn from the font afresh: 10 of
    # 10 renders agree (tests/system/test_render_repeat.py). Only here: the kiosk keeps the cache.
    os.environ.setdefault("QT_NO_FT_CACHE", "1")
    app = qtapp.make_application()
    pages = list(pack.pages) if audience == Audience.ALL else list(pack.pages_for(audience))
    scene = start_scene(
        pack, pages, idle_timeout=None, auto_advance=False, reduced_motion=True, size=size, language=language
    )
    scene.controller.set_appearance(high_contrast=high_contrast, text_scale=text_scale)
    scene.window.show()
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    try:
        for name, image in shots(scene, pages):
            path = out / name
            try:
                atomic_write(path, _png(image, path))  # whole or not at all; only a regular file is replaced
            except FileProblem:
                raise
            except OSError as error:  # a full disk, a vanished folder: say which file
                raise OSError(error.errno, error.strerror or str(error), str(path)) from error
            written.append(path)
    finally:
        scene.close()
        app.processEvents()
    return written
