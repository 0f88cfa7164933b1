"""What `kiosk render` grabs, and what the kiosk shows, is the settled page: no text is left at an earlier fit.

A Text.Fit size worked out for an earlier box and not redone (Qt's Text skips some layouts as its box changes)
would show one pixel larger or smaller than a fresh fit, and jump whenever anything later made it lay out. Every
text of the story (caption, speech bubbles), the poster, the tips and the plan, in every state, at 1024x768,
1080x1920 and 1920x1080 with 200 % text, must already be laid out as a fresh layout of its box as it is now gives.
(Renders that differed were not this: the same layout drawn a shade apart; see kiosk/ui/render.py.)
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QMetaObject

from kiosk.core import paths
from kiosk.core.pack import Page, load
from kiosk.core.vocab import PageKind
from kiosk.ui.items import walk_visible
from kiosk.ui.render import settle, states
from kiosk.ui.scene import Scene, start_scene

KINDS = {PageKind.STORY, PageKind.POSTER, PageKind.TIPS, PageKind.PLAN}


def _scene(size: tuple[int, int], text_scale: float) -> tuple[Scene, list[Page]]:
    pack = load(paths.builtin_packs_dir() / "cumbria")
    pages = [p for p in pack.pages if p.kind in KINDS]
    scene = start_scene(pack, pages, idle_timeout=None, auto_advance=False, reduced_motion=True, size=size)
    scene.controller.set_appearance(high_contrast=False, text_scale=text_scale)
    scene.window.show()
    return scene, pages


def _layout(item) -> tuple[object, ...]:
    return (
        item.property("contentWidth"),
        item.property("contentHeight"),
        item.property("lineCount"),
        item.property("truncated"),
    )


@pytest.mark.parametrize(("size", "text_scale"), [((1024, 768), 1.0), ((1080, 1920), 1.0), ((1920, 1080), 2.0)])
def test_every_text_is_laid_out_for_its_box_as_it_is_now(qapp, size: tuple[int, int], text_scale: float) -> None:
    scene, pages = _scene(size, text_scale)
    try:
        stale = []
        fitted = 0
        for name in states(scene, pages):
            settle(scene.window)
            for item in walk_visible(scene.window.contentItem()):
                if not item.inherits("QQuickText") or not item.property("text"):
                    continue
                shown = _layout(item)
                QMetaObject.invokeMethod(item, "forceLayout")
                fitted += 1
                if _layout(item) != shown:
                    stale.append(f"{name}: {item.objectName() or 'text'} {item.property('text')[:30]!r}")
        assert fitted > 100
        assert not stale, stale
    finally:
        scene.close()
