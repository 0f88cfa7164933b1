"""Does every text fit its box? One measurement, laid out by the real QML, for `kiosk check`, the studio and tests.

A text fits when Qt drew all of it inside its box: not elided (FitText elides only after shrinking to the body
minimum), not spilling out of its box or off the screen, not set below the body size, and not lying over another
text. `text_problems` measures the items under one root (a kiosk window, or one of the studio's previews);
tests/qml_helpers.layout_problems and the studio's outlines use it as it is. `fit_findings` lays out every page,
story panel, tip detail and plan step of a pack at every supported size, at 100 % and 150 % text, and names the
pack.toml field of each text that does not fit (kiosk.core.text_fields) as a kiosk.core.checks Finding.

The same layout says how big the help pages draw each QR code at the projector's 1024x768 (`qr_squares`), and
kiosk.core.checks.check_qr_reach judges whether a phone reads it there: one layout, the real one, for both.

It lays out without drawing (`lay_out`): a frame of a 3840x2160 window in the software renderer cost 50-200 ms,
and drawing two or three for each of ~260 states was most of the half minute `kiosk check` took per pack
(bench/fit_check.py). The polish a frame would run is run here, to the same result (tests/ui/test_fit_fast.py).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QRectF
from PySide6.QtQuick import QQuickItem, QQuickWindow

from kiosk.core.checks import Finding, Severity, check_qr_reach
from kiosk.core.engine import State
from kiosk.core.limits import FIT_SIZES, FIT_TEXT_SCALES
from kiosk.core.pack import Pack, Page
from kiosk.core.qr_reach import CHECK_SIZE
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


class _NoFrames(QObject):
    """Keeps a window from drawing: its update requests (what asks for a frame after a change) are dropped."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        return event.type() == QEvent.Type.UpdateRequest


MAX_POLISH_PASSES = 30


def lay_out(window: QQuickWindow) -> None:
    """What a frame's polish pass does, without the frame: every item polished, children before parents, again
    until no item moves or changes size (a positioner or a layout may need a few rounds, as a frame's own pass
    loops). Should it never settle, a drawn frame decides."""
    last: list[tuple[float, float, float, float]] | None = None
    for _ in range(MAX_POLISH_PASSES):
        items = list(walk(window.contentItem()))
        for item in reversed(items):
            item.ensurePolished()
        now = [(i.x(), i.y(), i.width(), i.height()) for i in items]
        if now == last:
            return
        last = now
    log.info("fit: the layout still moved after %d polish passes; drawing a frame", MAX_POLISH_PASSES)
    window.grabWindow()


def qr_codes(root: QQuickItem) -> Iterator[tuple[str, float]]:
    """Each QR code on screen under `root`: its link and the side of the square its tile gives it (HelpPage.qml)."""
    screen = QRectF(0, 0, root.width(), root.height())
    for item in walk(root):
        if item.objectName() == "qr" and item.isVisible() and screen.contains(box(item, root).topLeft()):
            tile = item.parentItem()
            side = tile.property("side") if tile is not None else None
            yield str(item.property("link") or ""), float(side if side is not None else item.width())


@dataclass
class LayoutCheck:
    """What one layout of a pack found: each text that does not fit (and where), each code's square."""

    where: dict[tuple[tuple[str | int, ...], str], list[str]] = field(default_factory=dict)
    squares: dict[tuple[int, int], dict[float, float]] = field(default_factory=dict)


def lay_out_pack(
    pack: Pack,
    sizes: tuple[tuple[int, int], ...] = FIT_SIZES,
    scales: tuple[float, ...] = FIT_TEXT_SCALES,
    drawn: bool = False,
) -> LayoutCheck:
    """Lay out every state of every page at every size and text scale and measure it. `drawn`: draw a frame of
    each state as before (slow; the reference tests/ui/test_fit_fast.py holds `lay_out` to)."""
    qtapp.prepare_environment(offscreen=True)
    app = qtapp.make_application()
    found = LayoutCheck()
    pages = list(pack.pages)
    no_frames = _NoFrames()
    for size in sizes:
        scene = start_scene(
            pack, pages, idle_timeout=None, auto_advance=False, reduced_motion=True, size=size, language=pack.language
        )
        scene.window.show()
        if not drawn:
            scene.window.installEventFilter(no_frames)
        try:
            scene.controller.touch()
            for scale in scales:
                scene.controller.set_appearance(text_scale=scale)
                for _ in states(scene, pages):
                    settle(scene.window)
                    if drawn:
                        scene.window.grabWindow()  # a drawn frame runs the polish pass: positioners place children
                    else:
                        lay_out(scene.window)
                    _measure(pack, pages, scene.controller.state, scene.window.contentItem(), size, scale, found)
        finally:
            scene.window.removeEventFilter(no_frames)
            scene.close()
            app.processEvents()
    return found


def _measure(
    pack: Pack,
    pages: list[Page],
    state: State,
    root: QQuickItem,
    size: tuple[int, int],
    scale: float,
    found: LayoutCheck,
) -> None:
    page = page_index(pack, pages[state.page])
    for problem in text_problems(root):
        if problem.kind not in _SAYS:
            continue
        path = find_field(pack, problem.text, page, state.detail)
        says = _SAYS[problem.kind]
        if path is None:  # the interface's own words, crowded out by this page
            path, says = ("pages", page), f"the words {problem.text[:40]!r} {says}"
        conditions = found.where.setdefault((path, says), [])
        if (c := _condition(size, scale)) not in conditions:
            conditions.append(c)
    if size == CHECK_SIZE:
        links = pages[state.page].data.get("links") or ()
        for url, side in qr_codes(root):
            for k, link in enumerate(links):
                if link.get("url") == url:
                    found.squares.setdefault((page, k), {})[scale] = side


def fit_findings(
    pack: Pack,
    root: Path,
    sizes: tuple[tuple[int, int], ...] = FIT_SIZES,
    scales: tuple[float, ...] = FIT_TEXT_SCALES,
) -> list[Finding]:
    """Lay out every state of every page at every size and text scale; an error for each pack text cut off or
    overflowing, naming file, line and field and where it fails ("at 1024x768 at 150% text, 1080x1920"), and for
    each QR code a phone 2 m from the 1024x768 screen cannot read where the page draws it."""
    if pack.root.resolve() != Path(root).resolve():
        log.info("fit: pack %s checked from %s", pack.root, root)
    found = lay_out_pack(pack, sizes, scales)
    locate = Locator(pack)
    findings = []
    for (path, says), conditions in found.where.items():
        place = locate.place(path)
        message = f"{says} at {', '.join(conditions)}; shorten it"
        findings.append(Finding(Severity.ERROR, place.file, place.line, place.field, message))
    findings += check_qr_reach(pack, Path(root), found.squares)
    return sorted(findings, key=lambda f: (f.line, f.field))
