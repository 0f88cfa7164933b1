"""Does every text fit its box? One measurement, laid out by the real QML, for `kiosk check`, the studio and tests.

A text fits when Qt drew all of it inside its box: not elided (FitText elides only after shrinking to the body
minimum), not spilling out of its box or off the screen, not set below the body size, and not lying over another
text. `text_problems` measures the items under one root (a kiosk window, or one of the studio's previews);
tests/qml_helpers.layout_problems and the studio's outlines use it as it is. `fit_findings` lays out every page,
story panel, tip detail and plan step of a pack at every supported size, at 100 % and 150 % text, and names the
pack.toml field of each text that does not fit (kiosk.core.text_fields) as a kiosk.core.checks Finding.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from PySide6.QtCore import QRectF
from PySide6.QtQuick import QQuickItem

from kiosk.core.checks import Finding, Severity
from kiosk.core.limits import FIT_SIZES, FIT_TEXT_SCALES
from kiosk.core.pack import Pack
from kiosk.core.text_fields import Locator, find_field, page_index
from kiosk.ui import app as qtapp
from kiosk.ui.items import settle, walk
from kiosk.ui.render import states
from kiosk.ui.scene import start_scene

log = logging.getLogger(__name__)


class Misfit(StrEnum):
    CUT = "cut"  # elided
    SPILLS = "spills"  # wider or taller than its box
    OUTSIDE = "outside"  # beyond the screen's edge
    SMALL = "small"  # set below the body size
    OVERLAPS = "overlaps"  # lies over another text


@dataclass(frozen=True)
class TextProblem:
    """One text that does not fit, with its box in the root's coordinates (the studio outlines it there)."""

    item: QQuickItem
    text: str
    kind: Misfit
    rect: QRectF
    detail: str = ""

    @property
    def message(self) -> str:
        """What the tests print: the text's first words and what is wrong."""
        label = repr(self.text[:40])
        match self.kind:
            case Misfit.CUT:
                return f"{label} is cut off (elided)"
            case Misfit.SPILLS:
                return f"{label} spills out of its box"
            case Misfit.OUTSIDE:
                return f"{label} lies outside the screen: {self.detail}"
            case Misfit.SMALL:
                return f"{label} is set at {self.detail}"
            case Misfit.OVERLAPS:
                return f"{self.text[:30]!r} overlaps {self.detail[:30]!r}"


def visible_texts(root: QQuickItem) -> Iterator[QQuickItem]:
    """Text items a reader sees under `root`: visible, not faded out, with words in them."""
    for item in walk(root):
        if item.inherits("QQuickText") and item.isVisible() and item.opacity() > 0:
            if (item.property("text") or "").strip():
                yield item


def box(item: QQuickItem, root: QQuickItem) -> QRectF:
    """The item's box in `root`'s coordinates (the window's scene for a window's content item)."""
    return item.mapRectToItem(root, QRectF(0, 0, item.width(), item.height()))


def scroller(item: QQuickItem) -> QQuickItem | None:
    """The Flickable `item` scrolls in (a page taller than the screen, ScrollPage.qml), or None."""
    node = item.parentItem()
    while node is not None:
        if node.inherits("QQuickFlickable"):
            return node
        node = node.parentItem()
    return None


def drawn_size(item: QQuickItem) -> float:
    """The pixel size a Text item's words are drawn at: after FitText's fitting, not the size it asked for."""
    return float(item.property("fontInfo").property("pixelSize").toNumber())


def text_problems(root: QQuickItem) -> list[TextProblem]:
    """Every text under `root` that does not fit; `root`'s own box is the screen, and a scrolling page's content
    is the screen of the texts in it (they may lie below the edge: the reader scrolls to them). Lay out (settle,
    and draw a frame so positioners place their children) before measuring."""
    screen = QRectF(0, 0, root.width(), root.height()).adjusted(-1, -1, 1, 1)
    unit = min(root.width(), root.height()) / 30
    texts = list(visible_texts(root))
    scrollers = [scroller(t) for t in texts]
    out: list[TextProblem] = []
    for t, view in zip(texts, scrollers, strict=True):
        words = t.property("text") or ""
        rect = box(t, root)
        if t.property("truncated"):
            out.append(TextProblem(t, words, Misfit.CUT, rect))
        if t.property("contentHeight") > t.height() + 1.5 or t.property("contentWidth") > t.width() + 1.5:
            out.append(TextProblem(t, words, Misfit.SPILLS, rect))
        if view is None:
            outside = not screen.contains(rect)
        else:
            content = QRectF(0, 0, view.property("contentWidth"), view.property("contentHeight"))
            outside = not content.adjusted(-1, -1, 1, 1).contains(box(t, view.property("contentItem")))
            outside = outside or not screen.contains(box(view, root))
        if outside:
            out.append(TextProblem(t, words, Misfit.OUTSIDE, rect, str(rect)))
        size = t.property("font").pixelSize()
        if size < unit - 0.5:
            out.append(TextProblem(t, words, Misfit.SMALL, rect, f"{size} px, below the body size {unit:.1f}"))
    # Texts that scroll together are compared where they lie in their content; a scrolling text and one outside
    # it only where the scrolling one is seen (its view clips the rest).
    rects = [box(t, root) for t in texts]
    seen = [rects[n].intersected(box(v, root)) if v is not None else rects[n] for n, v in enumerate(scrollers)]
    for n, a in enumerate(texts):
        for m in range(n + 1, len(texts)):
            same = scrollers[n] == scrollers[m]
            overlap = (rects[n] if same else seen[n]).intersected(rects[m] if same else seen[m])
            if overlap.width() > 2 and overlap.height() > 2:
                b = texts[m].property("text") or ""
                out.append(TextProblem(a, a.property("text") or "", Misfit.OVERLAPS, rects[n], b))
    return out


# What a finding says of each misfit; a text set small or overlapping is a layout fault, not the pack's.
_SAYS = {
    Misfit.CUT: "is cut off",
    Misfit.SPILLS: "does not fit its box",
    Misfit.OUTSIDE: "runs off the screen",
}


def _condition(size: tuple[int, int], scale: float) -> str:
    return f"{size[0]}x{size[1]}" + (f" at {scale:.0%} text" if scale != 1.0 else "")


def fit_findings(
    pack: Pack,
    root: Path,
    sizes: tuple[tuple[int, int], ...] = FIT_SIZES,
    scales: tuple[float, ...] = FIT_TEXT_SCALES,
) -> list[Finding]:
    """Lay out every state of every page at every size and text scale; an error for each pack text cut off or
    overflowing, naming file, line and field and where it fails ("at 1024x768 at 150% text, 1080x1920")."""
    if pack.root.resolve() != Path(root).resolve():
        log.info("fit: pack %s checked from %s", pack.root, root)
    qtapp.prepare_environment(offscreen=True)
    app = qtapp.make_application()
    locate = Locator(pack)
    where: dict[tuple[tuple[str | int, ...], str], list[str]] = {}
    pages = list(pack.pages)
    for size in sizes:
        scene = start_scene(
            pack, pages, idle_timeout=None, auto_advance=False, reduced_motion=True, size=size, language=pack.language
        )
        scene.window.show()
        try:
            scene.controller.touch()
            for scale in scales:
                scene.controller.set_appearance(text_scale=scale)
                for _ in states(scene, pages):
                    settle(scene.window)
                    scene.window.grabWindow()  # a drawn frame runs the polish pass: positioners place children
                    state = scene.controller.state
                    page = page_index(pack, pages[state.page])
                    for problem in text_problems(scene.window.contentItem()):
                        if problem.kind not in _SAYS:
                            continue
                        path = find_field(pack, problem.text, page, state.detail)
                        says = _SAYS[problem.kind]
                        if path is None:  # the interface's own words, crowded out by this page
                            path, says = ("pages", page), f"the words {problem.text[:40]!r} {says}"
                        conditions = where.setdefault((path, says), [])
                        if (c := _condition(size, scale)) not in conditions:
                            conditions.append(c)
        finally:
            scene.close()
            app.processEvents()
    findings = []
    for (path, says), conditions in where.items():
        place = locate.place(path)
        message = f"{says} at {', '.join(conditions)}; shorten it"
        findings.append(Finding(Severity.ERROR, place.file, place.line, place.field, message))
    return sorted(findings, key=lambda f: (f.line, f.field))
