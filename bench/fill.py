"""How much of each box on a page its words and pictures fill: the measure behind issue 21 (readable from 3-4 m).

Usage: python3 bench/fill.py [--size 1080x1920] [--pack cumbria derbyshire] [--text-size 100] [--src DIR] [--detail]
       [--only story] [--state 07-tips]

Every state of the loop (pages, story panels, tip details, plan steps) is laid out offscreen by the real QML, as
`kiosk render` draws it. A *box* is the page's content area and every card on it (a visible rectangle under the
page that holds words: a law card, a tip's "Why it matters", a quote, a help card, the story caption); buttons are
not boxes. A box's *fill* is the share of its area covered by the rectangles its words occupy (each text's laid-out
lines, placed by its alignment) and its pictures (the painted part of an image or QR code). A page made for 1 m on a
tall screen shows as low fill with body text near the 100 % minimum (`body/unit` 1.0).

`--src DIR` measures another checkout (e.g. `git worktree add /tmp/main main`) with this script, for before/after.
Prints one Markdown table per pack: per page, the fill of the content area, the mean and lowest fill of its cards,
and the median size of its words in units (1/30 of the screen's short side).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_QUICK_BACKEND", "software")

Rect = tuple[float, float, float, float]  # left, top, right, bottom (scene pixels)


def union_area(rects: list[Rect]) -> float:
    """The area the rectangles cover together (overlaps counted once), on the grid of their own edges."""
    rects = [r for r in rects if r[2] > r[0] and r[3] > r[1]]
    xs = sorted({x for r in rects for x in (r[0], r[2])})
    ys = sorted({y for r in rects for y in (r[1], r[3])})
    area = 0.0
    for i in range(len(xs) - 1):
        for j in range(len(ys) - 1):
            cx, cy = (xs[i] + xs[i + 1]) / 2, (ys[j] + ys[j + 1]) / 2
            if any(r[0] <= cx <= r[2] and r[1] <= cy <= r[3] for r in rects):
                area += (xs[i + 1] - xs[i]) * (ys[j + 1] - ys[j])
    return area


def clip(r: Rect, box: Rect) -> Rect:
    return (max(r[0], box[0]), max(r[1], box[1]), min(r[2], box[2]), min(r[3], box[3]))


@dataclass
class PageFill:
    state: str
    page: float
    boxes: dict[str, float] = field(default_factory=dict)
    word_units: list[float] = field(default_factory=list)


def measure(
    pack_name: str, size: tuple[int, int], text_scale: float, only: str = "", state: str = ""
) -> list[PageFill]:
    from PySide6.QtCore import QRectF
    from PySide6.QtQml import QQmlEngine, QQmlExpression
    from PySide6.QtQuick import QQuickItem

    from kiosk.core import paths
    from kiosk.core.pack import load
    from kiosk.ui import app as qtapp
    from kiosk.ui.render import settle, states, walk
    from kiosk.ui.scene import start_scene

    def scene_rect(item: QQuickItem) -> Rect:
        r = item.mapRectToScene(QRectF(0, 0, item.width(), item.height()))
        return (r.left(), r.top(), r.right(), r.bottom())

    def shown(item: QQuickItem) -> bool:
        while item is not None:
            if not item.isVisible() or item.opacity() <= 0:
                return False
            item = item.parentItem()
        return True

    def enum(item: QQuickItem, name: str) -> int:
        """An enum property as its number (PySide has no converter for Qt Quick's own enums)."""
        return int(QQmlExpression(QQmlEngine.contextForObject(item), item, name).evaluate()[0])

    def text_rect(t: QQuickItem) -> Rect:
        """Where a text's lines lie in its box: contentWidth x contentHeight placed by its alignment."""
        left, top, right, bottom = scene_rect(t)
        cw, ch = float(t.property("contentWidth")), float(t.property("contentHeight"))
        h, v = enum(t, "effectiveHorizontalAlignment"), enum(t, "verticalAlignment")
        x = left if h & 1 or h & 8 else right - cw if h & 2 else (left + right - cw) / 2
        y = top if v & 0x20 else bottom - ch if v & 0x40 else (top + bottom - ch) / 2
        return (x, y, x + min(cw, right - left), y + min(ch, bottom - top))

    def image_rect(i: QQuickItem) -> Rect:
        left, top, right, bottom = scene_rect(i)
        pw, ph = float(i.property("paintedWidth")), float(i.property("paintedHeight"))
        x, y = (left + right - pw) / 2, (top + bottom - ph) / 2
        return (x, y, x + pw, y + ph)

    pack_dir = paths.builtin_packs_dir() / pack_name if not Path(pack_name).is_dir() else Path(pack_name)
    pack = load(pack_dir)
    qtapp.prepare_environment(offscreen=True)
    qtapp.make_application()
    pages = list(pack.pages)
    scene = start_scene(pack, pages, idle_timeout=None, auto_advance=False, reduced_motion=True, size=size)
    scene.controller.set_appearance(text_scale=text_scale)
    scene.window.show()
    unit = min(size) / 30
    out: list[PageFill] = []
    try:
        for name in states(scene, pages):
            if only not in name or (state and name.removesuffix(".png") != state):
                continue  # still stepped through, so the states measured are laid out as in a full run
            settle(scene.window)
            scene.window.grabWindow()  # a rendered frame runs the polish pass (Grid, Row)
            host = next(
                i
                for i in walk(scene.window.contentItem())
                if i.objectName().startswith("page-") and i.isVisible() and i.opacity() >= 1
            )
            body = next(i for i in host.childItems() if i.inherits("QQuickLoader")).property("item")
            covered: list[Rect] = []
            words: list[float] = []
            for item in walk(body):
                if not shown(item):
                    continue
                if item.inherits("QQuickText") and (item.property("text") or "").strip():
                    covered.append(text_rect(item))
                    if not item.property("font").family().startswith("Font Awesome"):
                        words.append(item.property("fontInfo").property("pixelSize").toNumber() / unit)
                elif item.inherits("QQuickImage") and float(item.property("paintedWidth")) > 0:
                    covered.append(image_rect(item))
            page_box = scene_rect(body)
            page_area = (page_box[2] - page_box[0]) * (page_box[3] - page_box[1])
            fill = PageFill(name.removesuffix(".png"), union_area([clip(r, page_box) for r in covered]) / page_area)
            fill.word_units = words
            n = 0
            for item in walk(body):
                if item is body or not item.inherits("QQuickRectangle") or not shown(item):
                    continue
                if item.metaObject().className().startswith("TapButton") or item.property("activeFocusOnTab"):
                    if not item.objectName().startswith("tip-"):
                        continue  # a button is a control, not a box of content (the tip tiles are both)
                box = scene_rect(item)
                area = (box[2] - box[0]) * (box[3] - box[1])
                if area < (unit * 3) ** 2 or area > page_area * 0.95:
                    continue  # a badge or a background, not a card
                if not any(i.inherits("QQuickText") and shown(i) and i.property("text") for i in walk(item)):
                    continue
                inside = [clip(r, box) for r in covered]
                n += 1
                fill.boxes[item.objectName() or f"box{n}"] = union_area(inside) / area
            out.append(fill)
    finally:
        scene.close()
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", default="1080x1920")
    parser.add_argument("--pack", nargs="+", default=["cumbria", "derbyshire"])
    parser.add_argument("--text-size", type=int, default=100, help="percent")
    parser.add_argument("--src", type=Path, default=ROOT, help="the checkout whose kiosk is measured")
    parser.add_argument("--detail", action="store_true", help="every box of every state, not only the summary")
    parser.add_argument("--only", default="", help="measure only the states whose name holds this (e.g. story)")
    parser.add_argument("--state", default="", help="only this state (as kiosk render names it, e.g. 07-tips)")
    args = parser.parse_args()
    sys.path.insert(0, str(args.src.resolve()))
    os.environ["KIOSK_HOME"] = tempfile.mkdtemp(prefix="bench-fill-")
    size = tuple(int(n) for n in args.size.lower().split("x"))
    assert len(size) == 2
    print(f"fill at {args.size}, text {args.text_size} %, kiosk from {args.src.resolve()}\n")
    for pack in args.pack:
        fills = measure(pack, (size[0], size[1]), args.text_size / 100, args.only, args.state)
        print(f"### {pack}\n")
        print("| state | page filled | cards | card fill mean | lowest | words (median, units) |")
        print("|---|---:|---:|---:|---:|---:|")
        boxes: list[float] = []
        pages: list[float] = []
        for f in fills:
            vals = list(f.boxes.values())
            boxes += vals
            pages.append(f.page)
            mean = f"{statistics.mean(vals):.0%}" if vals else ""
            low = f"{min(vals):.0%}" if vals else ""
            word = f"{statistics.median(f.word_units):.2f}" if f.word_units else ""
            print(f"| {f.state} | {f.page:.0%} | {len(vals)} | {mean} | {low} | {word} |")
            if args.detail:
                for k, v in f.boxes.items():
                    print(f"|   {k} | | | {v:.0%} | | |")
        allwords = [w for f in fills for w in f.word_units]
        print(
            f"\n{pack}: page filled {statistics.mean(pages):.0%} on average; cards {statistics.mean(boxes):.0%} "
            f"(lowest {min(boxes):.0%}, {len(boxes)} cards); words {statistics.median(allwords):.2f} units (median)\n"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
