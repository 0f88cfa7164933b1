"""200 % text on pages that scroll: each screenful starts at a card's (or other block's) top, so no card is cut at
the top of the screen; after a choice the plan page brings "My plan" into view; and `kiosk render` writes every
screenful of every state (a tip's detail, a plan after a choice), named in order."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QAccessible, QFont, QTextLayout, QTextOption
from PySide6.QtQml import QQmlEngine, QQmlExpression
from PySide6.QtQuick import QQuickItem
from PySide6.QtTest import QTest

from kiosk.core import paths, qr
from kiosk.core.vocab import PageKind
from kiosk.ui.render import measured, settle, states, walk
from kiosk.ui.scene import Scene

from ..qml_helpers import find
from .test_access import _ring_shows
from .test_gui import key

PACKS = [paths.builtin_packs_dir() / n for n in paths.builtin_pack_names()]
SIZES = [(1024, 768), (1920, 1080), (1080, 1920), (3840, 2160)]


def _scroller(s: Scene) -> QQuickItem | None:
    page = find(s.window, f"page-{s.controller.engine.pages[s.controller.page].id}")
    return next((i for i in walk(page) if i.objectName() == "scrollPage" and i.property("showing")), None)


def _in_content(item: QQuickItem, sheet: QQuickItem) -> tuple[float, float]:
    r = item.mapRectToItem(sheet, QRectF(0, 0, item.width(), item.height()))
    return r.top(), r.bottom()


def _shown(item: QQuickItem) -> bool:
    node: QQuickItem | None = item
    while node is not None:
        if not node.isVisible():
            return False
        node = node.parentItem()
    return True


def _cut_at_the_top(s: Scene) -> list[str]:
    """Each card, tile or box (and each text outside one) that a screenful's top edge cuts through, though it is
    no taller than a screenful: 'state: words (top-bottom) cut at y'."""
    scroller = _scroller(s)
    if scroller is None or not scroller.property("scrolls"):
        return []
    view = next(i for i in walk(scroller) if i.objectName() == "scrollView")
    sheet = view.property("contentItem").childItems()[0]
    room = float(scroller.property("viewHeight"))
    stops = [float(y) for y in scroller.property("stops").toVariant()]
    blocks = [_in_content(i, sheet) for i in walk(sheet) if i.property("scrollBlock") is True and _shown(i)]
    last = max(blocks, key=lambda b: b[1], default=(0.0, 0.0))
    if last[1] - last[0] <= room / 3 and stops[-1] < last[0] - 1 and stops[-1] + room >= last[1] - 1:
        # The page's last block is small (a tip's "All tips") and would be alone on the last screenful: that one
        # ends with it instead, starting between two lines of the block before (test_no_screenful_starts_...).
        stops = stops[:-1]
    found = []
    for item in walk(sheet):
        if not _shown(item) or item is sheet:
            continue
        block = item.property("scrollBlock") is True
        text = item.inherits("QQuickText") and (item.property("text") or "").strip()
        if not block and not text:
            continue
        # a text inside a block taller than a screen may be cut: the block is read on from within
        holder = item.parentItem()
        while holder is not None and holder is not sheet and holder.property("scrollBlock") is not True:
            holder = holder.parentItem()
        if holder is not None and holder is not sheet and holder.height() > room + 1:
            continue
        top, bottom = _in_content(item, sheet)
        if bottom - top > room + 1:
            continue
        for y in stops[1:]:
            if top + 1 < y < bottom - 1:
                words = (item.property("text") or item.objectName() or item.metaObject().className())[:30]
                found.append(f"{words!r} ({top:.0f}-{bottom:.0f}) cut at {y:.0f}")
    return found


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("pack", PACKS, ids=lambda p: p.name)
def test_each_screenful_starts_at_a_blocks_top_at_200(make_kiosk, pack: Path, size: tuple[int, int]) -> None:
    s = make_kiosk(pack, size, auto_advance=False, idle_timeout=None)
    s.controller.touch()
    s.controller.set_appearance(text_scale=2.0)
    pages = list(s.controller.engine.pages)
    cuts = []
    scrolled = 0
    for state in states(s, pages):
        measured(s.window)
        if pages[s.controller.page].kind in (PageKind.POSTER, PageKind.STORY):
            continue  # the poster's picture beside its words, and the story, are not made of cards
        found = _cut_at_the_top(s)
        scrolled += s.controller.engine.screens > 1
        cuts += [f"{state}: {f}" for f in found]
    assert scrolled > 0 or size != (1024, 768), "at 200 % on a projector pages scroll"
    assert cuts == []


def _enum(item: QQuickItem, name: str) -> int:
    """An enum property of a QML item, as a number (PySide6 has no converter for QQuickText's enums)."""
    value, undefined = QQmlExpression(QQmlEngine.contextForObject(item), item, name).evaluate()
    assert not undefined, name
    return int(value)


def _line_bands(text: QQuickItem, words_only: bool = False) -> list[tuple[float, float]]:
    """Where a text's lines lie in its box, [top, bottom) each, laid out again here by QTextLayout from its words,
    font (at the size Text.Fit gave it), width and line height: measured apart from ScrollPage's own sums. With
    `words_only`, without the blank lines (the empty line between two paragraphs)."""
    font = QFont(text.property("font"))
    font.setPixelSize(round(text.property("fontInfo").toVariant()["pixelSize"]))
    option = QTextOption()
    wraps = _enum(text, "wrapMode") != 0
    option.setWrapMode(QTextOption.WrapMode.WordWrap if wraps else QTextOption.WrapMode.NoWrap)
    bands = []
    y = 0.0
    factor = float(text.property("lineHeight")) if _enum(text, "lineHeightMode") == 0 else 1.0
    for paragraph in (text.property("text") or "").split("\n"):
        layout = QTextLayout(paragraph, font)
        layout.setTextOption(option)
        layout.beginLayout()
        while (line := layout.createLine()).isValid():
            line.setLineWidth(text.width())
            bands.append((y, y + line.height() * factor, bool(paragraph.strip())))
            y += line.height() * factor
        layout.endLayout()
    limit = int(text.property("maximumLineCount") or 0)
    if 0 < limit < len(bands):
        bands = bands[:limit]
    used = float(text.property("contentHeight"))
    if not bands or abs(bands[-1][1] - used) > 2:
        return []  # laid out otherwise than here (rich text, an elided word): judged by the other tests
    align = _enum(text, "verticalAlignment")
    off = text.height() - used if align == 0x40 else (text.height() - used) / 2 if align == 0x80 else 0.0
    return [(off + a, off + b) for a, b, words in bands if words or not words_only]


def _lines_cut_at_the_top(s: Scene) -> tuple[list[str], int]:
    """Each line of text that a screenful's top edge cuts through, 'words: line at top-bottom cut at y', and how
    many lines were laid out again to check it."""
    scroller = _scroller(s)
    if scroller is None or not scroller.property("scrolls"):
        return [], 0
    view = next(i for i in walk(scroller) if i.objectName() == "scrollView")
    sheet = view.property("contentItem").childItems()[0]
    stops = [float(y) for y in scroller.property("stops").toVariant()][1:]
    found = []
    checked = 0
    for item in walk(sheet):
        if not item.inherits("QQuickText") or not _shown(item) or not (item.property("text") or "").strip():
            continue
        top = _in_content(item, sheet)[0]
        bands = _line_bands(item)
        checked += len(bands)
        for a, b in bands:
            for y in stops:
                if top + a + 1.5 < y < top + b - 1.5:
                    words = (item.property("text") or "")[:30]
                    found.append(f"{words!r}: line at {top + a:.0f}-{top + b:.0f} cut at {y:.0f}")
    return found, checked


@pytest.mark.parametrize("size", [(1024, 768), (1080, 1920)], ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("pack", PACKS, ids=lambda p: p.name)
def test_no_screenful_starts_through_a_line_of_text_at_200(make_kiosk, pack: Path, size: tuple[int, int]) -> None:
    """Inside a block taller than the screen (a long tip, a quote, the poster's words) the next screenful starts
    between two lines, never with a line cut in half at its top edge: on every page, in every state."""
    s = make_kiosk(pack, size, auto_advance=False, idle_timeout=None)
    s.controller.touch()
    s.controller.set_appearance(text_scale=2.0)
    pages = list(s.controller.engine.pages)
    cuts = []
    checked = 0
    for state in states(s, pages):
        measured(s.window)
        found, lines = _lines_cut_at_the_top(s)
        checked += lines
        cuts += [f"{state}: {f}" for f in found]
    assert checked > 500, "the lines of the pages that scroll were laid out again and checked"
    assert cuts == []


@dataclass
class _Screenful:
    """What one screenful shows of a page that scrolls, in the content's coordinates: from `top` to `bottom` (the
    view's edge, or the top of ScrollPage's cover over what is below the screenful's end), and the page's ink
    (lines with words, pictures, buttons) and blocks."""

    top: float
    bottom: float
    ink: list[tuple[float, float, str]]
    blocks: list[float]
    room: float  # the view's height: the most a screenful can show


def _ringed(item: QQuickItem, onto: QQuickItem) -> tuple[float, float]:
    """A button's top and bottom in `onto`, with the focus ring drawn outside its box (shown or not)."""
    a, b = _in_content(item, onto)
    for ring in item.childItems():
        if ring.objectName() == "focusRing":
            r0, r1 = _in_content(ring, onto)
            a, b = min(a, r0), max(b, r1)
    return a, b


def _screenful(s: Scene) -> _Screenful | None:
    scroller = _scroller(s)
    if scroller is None or not scroller.property("scrolls"):
        return None
    view = next(i for i in walk(scroller) if i.objectName() == "scrollView")
    cover = next(i for i in walk(scroller) if i.objectName() == "scrollCover")
    sheet = view.property("contentItem").childItems()[0]
    top = float(view.property("contentY"))
    # the view's clipped edge, or the top of the cover over its lower part (in the colour the page lies on)
    shown = cover.y() if cover.isVisible() and cover.height() > 0 else view.height()
    assert cover.y() + cover.height() == pytest.approx(view.height()) or not cover.isVisible()
    ink = []
    for item in walk(sheet):
        if item is sheet or not _shown(item) or item.height() <= 0:
            continue
        a, b = _in_content(item, sheet)
        if item.inherits("QQuickText") and (item.property("text") or "").strip():
            ink += [(a + y0, a + y1, (item.property("text") or "")[:30]) for y0, y1 in _line_bands(item, True)]
        elif item.property("sourceSize") is not None:
            ink.append((a, b, item.objectName() or item.metaObject().className()))
        elif item.property("wholeBox") is True or (
            item.activeFocusOnTab() and _ringed(item, sheet)[1] - _ringed(item, sheet)[0] <= view.height()
        ):
            # a button (or a card Tab reaches), its box and the focus ring drawn outside it (the keyboard's focus
            # may be on it)
            a, b = _ringed(item, sheet)
            ink.append((a, b, item.objectName() or "button"))
    blocks = [_in_content(i, sheet)[0] for i in walk(sheet) if i.property("scrollBlock") is True and _shown(i)]
    blocks += [float(y) for y in scroller.property("tops").toVariant()]
    return _Screenful(top, top + shown, ink, blocks, view.height())


def _whole_line_faults(shown: list[_Screenful]) -> list[str]:
    """What is wrong with the screenfuls of one state of a page (its screenfuls top to bottom): a line, picture
    or button the bottom edge cuts; a screenful that opens on blank room (no line, picture or block at its top);
    a line seen whole on none of them."""
    faults = []
    room = shown[0].room if shown else 0.0
    for k, seen in enumerate(shown):
        for a, b, what in seen.ink:
            if a + 2.5 < seen.bottom < b - 2.5 and b - a <= room:
                faults.append(f"screen {k + 1}: {what!r} ({a:.0f}-{b:.0f}) cut by the bottom edge at {seen.bottom:.0f}")
        if k > 0 and not any(a - 2 <= seen.top < b - 1 for a, b, _ in seen.ink):
            below = [a for a, _, _ in seen.ink] + seen.blocks
            first = min((y for y in below if y >= seen.top - 2), default=seen.top)
            if first > seen.top + 2:
                faults.append(f"screen {k + 1} opens on {first - seen.top:.0f} px of blank room at {seen.top:.0f}")
    for a, b, what in shown[0].ink if shown else []:
        if b - a > room + 2.5:
            # a picture taller than the view (a QR code) could not be seen whole anywhere: a phone cannot scan it
            faults.append(f"{what!r} ({a:.0f}-{b:.0f}) is taller than the view ({room:.0f})")
        elif not any(seen.top - 2 <= a and b <= seen.bottom + 2.5 for seen in shown):
            faults.append(f"{what!r} ({a:.0f}-{b:.0f}) seen whole on no screenful")
    return faults


@pytest.mark.parametrize("scale", [1.5, 2.0], ids=["150", "200"])
@pytest.mark.parametrize("size", [(1024, 768), (1080, 1920), (1920, 1080)], ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("pack", PACKS, ids=lambda p: p.name)
def test_each_screenful_shows_whole_lines_and_opens_on_words(
    make_kiosk, pack: Path, size: tuple[int, int], scale: float
) -> None:
    """Larger text on every page that scrolls (the poster, the info pages, the law, a tip's detail, the plan,
    help), in every state: each screenful's view ends above the first line it cannot show whole (blank below it,
    never half a line), it opens on a line, a picture or a card's top (never on the empty room between two
    paragraphs or cards), and together the screenfuls show every line whole. The lines are laid out again here
    (QTextLayout), and the bottom edge is where the view's content is seen to end (its edge, or the cover's top)."""
    s = make_kiosk(pack, size, auto_advance=False, idle_timeout=None)
    s.controller.touch()
    s.controller.set_appearance(text_scale=scale)
    pages = list(s.controller.engine.pages)
    faults: list[str] = []
    groups: dict[str, list[_Screenful]] = {}
    screens = 0
    for state in states(s, pages):
        measured(s.window)
        if pages[s.controller.page].kind == PageKind.STORY:
            continue  # a story's panel and caption: tests/ui/test_story_split.py
        seen = _screenful(s)
        if seen is not None:
            groups.setdefault(re.sub(r"(-screen-\d+)?\.png$", "", state), []).append(seen)
            screens += 1
    for state, shown in groups.items():
        shown.sort(key=lambda seen: seen.top)
        faults += [f"{state}: {f}" for f in _whole_line_faults(shown)]
    assert screens > 10 or size != (1024, 768), "with larger text on a projector pages scroll"
    assert faults == [], "\n".join(faults)


def test_the_checks_of_whole_lines_find_a_cut_a_gap_and_a_line_never_seen() -> None:
    """The checks above can fail: a bottom edge through a line, a screenful opening in the gap between two
    paragraphs, a line that falls between two screenfuls."""
    ink = [(0.0, 40.0, "one"), (40.0, 80.0, "two"), (120.0, 160.0, "three"), (160.0, 200.0, "four")]
    good = [_Screenful(0, 80, ink, [0.0], 80), _Screenful(120, 200, ink, [0.0], 80)]
    assert _whole_line_faults(good) == []
    cut = [_Screenful(0, 60, ink, [0.0], 80), _Screenful(120, 200, ink, [0.0], 80)]
    assert [f for f in _whole_line_faults(cut) if "cut by the bottom edge" in f] == [
        "screen 1: 'two' (40-80) cut by the bottom edge at 60"
    ]
    assert any("'two' (40-80) seen whole on no screenful" in f for f in _whole_line_faults(cut))
    gap = [_Screenful(0, 80, ink, [0.0], 80), _Screenful(90, 200, ink, [0.0], 110)]
    assert _whole_line_faults(gap) == ["screen 2 opens on 30 px of blank room at 90"]
    tall = [_Screenful(0, 80, [(0.0, 120.0, "qr")], [0.0], 80), _Screenful(40, 120, [(0.0, 120.0, "qr")], [0.0], 80)]
    assert _whole_line_faults(tall) == ["'qr' (0-120) is taller than the view (80)"]


@pytest.mark.parametrize("size", [*SIZES, (2160, 3840)], ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("pack", PACKS, ids=lambda p: p.name)
def test_each_qr_code_fits_one_screenful_with_its_name_and_address(make_kiosk, pack: Path, size) -> None:
    """Every link's code on the help and report pages, at 100, 150 and 200 % text: its name, the code and its
    address lie within one screenful's view, and one screenful shows them all (a phone scans the code whole, the
    reader sees what it is for), and the code keeps at least 3 screen pixels a module at the projector's 768 px
    (scaled with the screen's shorter side): about 2.2 camera pixels from 2 m, kiosk/core/qr_reach.py."""
    s = make_kiosk(pack, size, auto_advance=False, idle_timeout=None)
    s.controller.touch()
    faults = []
    checked = 0
    for scale in (1.0, 1.5, 2.0):
        s.controller.set_appearance(text_scale=scale)
        for n, page in enumerate(s.controller.engine.pages):
            if page.kind != PageKind.HELP:
                continue
            s.controller.goTo(n)
            measured(s.window)
            scroller = _scroller(s)
            assert scroller is not None
            view = next(i for i in walk(scroller) if i.objectName() == "scrollView")
            sheet = view.property("contentItem").childItems()[0]
            stops = [float(y) for y in scroller.property("stops").toVariant()]
            ends = [float(y) for y in scroller.property("ends").toVariant()]
            for tile in (t for t in walk(sheet) if t.objectName() == "linkTile" and _shown(t)):
                parts = [i for i in walk(tile) if i is not tile and _shown(i) and i.height() > 0]
                code = next(i for i in parts if i.objectName() == "qr")
                name = next(i for i in parts if i.inherits("QQuickText") and i.objectName() != "linkAddress")
                address = next(i for i in parts if i.objectName() == "linkAddress")
                url = str(code.property("link"))
                where = f"{page.id} {url} at {scale:.0%}"
                checked += 1
                # the address down to its last line as laid out (its box may hold room for more)
                lowest = max((b for _, b in _line_bands(address, True)), default=address.height())
                spans = [_in_content(i, sheet) for i in (name, code)]
                spans.append((_in_content(address, sheet)[0], _in_content(address, sheet)[0] + lowest))
                top, bottom = min(a for a, _ in spans), max(b for _, b in spans)
                if bottom - top > view.height():
                    # a long address at 200 %: the code and its name on one screenful, the address follows
                    spans = spans[:2]
                    top, bottom = min(a for a, _ in spans), max(b for _, b in spans)
                    if bottom - top > view.height():
                        faults.append(f"{where}: {bottom - top:.0f} px with its name, in a view of {view.height():.0f}")
                if not any(y - 1 <= top and bottom <= e + 1 for y, e in zip(stops, ends, strict=True)):
                    faults.append(f"{where}: ({top:.0f}-{bottom:.0f}) whole on no screenful {stops} {ends}")
                least = 3 * min(size) // 768  # whole pixels a module (kiosk/ui/providers.py)
                if code.width() / len(qr.matrix(url)) < least - 0.01:
                    faults.append(f"{where}: {code.width():.0f} px, under {least} px a module")
    assert checked > 0
    assert faults == [], "\n".join(faults)


def test_the_help_page_steps_from_card_to_card_at_200_on_a_projector(make_kiosk) -> None:
    """The help page at 1024x768: every screenful after the first starts at a code's tile, the last one too
    (with room under it rather than the previous card's lower half)."""
    s = make_kiosk(PACKS[0], (1024, 768), auto_advance=False, idle_timeout=None)
    s.controller.set_appearance(text_scale=2.0)
    help_page = next(n for n, p in enumerate(s.controller.engine.pages) if p.kind == PageKind.HELP)
    s.controller.goTo(help_page)
    settle(s.window)
    scroller = _scroller(s)
    assert scroller is not None and scroller.property("scrolls")
    view = next(i for i in walk(scroller) if i.objectName() == "scrollView")
    sheet = view.property("contentItem").childItems()[0]
    tops = sorted(round(_in_content(t, sheet)[0]) for t in walk(sheet) if t.objectName() in ("linkTile", "phoneTile"))
    stops = [round(float(y)) for y in scroller.property("stops").toVariant()]
    assert len(stops) >= 3 and all(y in tops for y in stops[1:]), (stops, tops)
    for k in range(len(stops)):
        s.controller.showScreen(k)
        settle(s.window)
        assert view.property("contentY") == pytest.approx(stops[k], abs=1), "the view shows the screenful from its top"


@pytest.mark.parametrize("reduced", [True, False], ids=["cut", "glide"])
def test_after_a_choice_my_plan_comes_into_view_at_200(make_kiosk, qtbot, reduced: bool) -> None:
    s = make_kiosk(PACKS[0], (1024, 768), auto_advance=False, idle_timeout=None, reduced_motion=reduced)
    s.controller.set_appearance(text_scale=2.0)
    plan = next(n for n, p in enumerate(s.controller.engine.pages) if p.kind == PageKind.PLAN)
    s.controller.goTo(plan)
    settle(s.window)
    scroller = _scroller(s)
    view = next(i for i in walk(scroller) if i.objectName() == "scrollView")
    summary = find(s.window, "planSummary", visible_only=False)

    def summary_seen() -> bool:
        top = summary.mapRectToItem(view, QRectF(0, 0, summary.width(), summary.height())).top()
        return 0 <= top < view.height() / 2

    assert scroller.property("scrolls") and not summary_seen(), "My plan starts below the fold"
    option = s.controller.engine.pages[plan].data["options"][0]["id"]
    s.controller.togglePlan(option)
    settle(s.window)
    if reduced:
        assert summary_seen(), "cut straight to My plan"
    else:
        assert not summary_seen(), "not there at once: it glides"
        qtbot.waitUntil(summary_seen, timeout=3000)
    here = s.controller.screen
    assert here > 0 and s.controller.page == plan
    # the plan's title and first choice are on screen, and the next screenful is still reached by Next
    s.controller.showScreen(0)
    settle(s.window)
    assert s.controller.screen == 0, "the visitor can scroll back up to the options; nothing pulls them down again"
    other = s.controller.engine.pages[plan].data["options"][1]["id"]
    s.controller.togglePlan(other)
    settle(s.window)
    if not reduced:
        qtbot.waitUntil(summary_seen, timeout=3000)
    assert summary_seen() and s.controller.screen == here


def test_at_100_a_choice_moves_nothing(make_kiosk) -> None:
    s = make_kiosk(PACKS[0], (1024, 768), auto_advance=False, idle_timeout=None)
    plan = next(n for n, p in enumerate(s.controller.engine.pages) if p.kind == PageKind.PLAN)
    s.controller.goTo(plan)
    settle(s.window)
    s.controller.togglePlan(s.controller.engine.pages[plan].data["options"][0]["id"])
    settle(s.window)
    assert s.controller.screen == 0 and s.controller.engine.screens == 1


def test_render_names_every_screenful_of_every_state(make_kiosk) -> None:
    """`kiosk render`'s states at 200 % on a projector: each tip's detail and each plan step that scrolls gives
    one picture per screenful, every one of them, named after the state and the screenful's place."""
    s = make_kiosk(PACKS[0], (1024, 768), auto_advance=False, idle_timeout=None)
    s.controller.set_appearance(text_scale=2.0)
    pages = list(s.controller.engine.pages)
    seen: dict[str, tuple[int, int, int, tuple[str, ...], int]] = {}
    for name in states(s, pages):
        settle(s.window)
        st = s.controller.engine.state
        seen[name] = (st.page, st.detail, st.screen, st.plan, st.panel)
        assert s.controller.engine.screens >= 1
    assert len(seen) == len(set(seen.values())), "each picture is a different screen"
    tips = next(n for n, p in enumerate(pages) if p.kind == PageKind.TIPS)
    detail_shots = [n for n, v in seen.items() if v[0] == tips and v[1] >= 0]
    tip_ids = [t["id"] for t in pages[tips].data["tips"]]
    for t, tip in enumerate(tip_ids):
        shots = sorted(v[2] for n, v in seen.items() if v[0] == tips and v[1] == t)
        assert shots == list(range(len(shots))) and len(shots) >= 2, f"every screenful of the tip {tip!r}"
        assert f"{tips + 1:02d}-tips-{tip}-screen-2.png" in detail_shots
    plan = next(n for n, p in enumerate(pages) if p.kind == PageKind.PLAN)
    first = pages[plan].data["options"][0]["id"]
    shots = {n: v for n, v in seen.items() if n.startswith(f"{plan + 1:02d}-plan-{first}")}
    screens = sorted(v[2] for v in shots.values())
    assert screens == list(range(len(screens))) and len(screens) >= 2
    arrival = shots[f"{plan + 1:02d}-plan-{first}.png"][2]
    assert arrival > 0, "a plan step's picture shows what a visitor sees after the tap: My plan"
    for k in range(len(screens)):
        if k != arrival:
            assert shots[f"{plan + 1:02d}-plan-{first}-screen-{k + 1}.png"][2] == k


def test_a_visit_draws_the_next_page_ahead_only_from_a_tall_pages_last_screenful(make_kiosk, clock) -> None:
    """At 200 % on a projector the law page takes several screenfuls: while a visitor reads its first, Next shows
    its second, so the next page is not drawn ahead (wasted work on the software renderer); on its last it is."""
    s = make_kiosk(PACKS[0], (1024, 768), reduced_motion=False, auto_advance=False, idle_timeout=None)
    c = s.controller
    c.set_appearance(text_scale=2.0)
    law = next(n for n, p in enumerate(c.engine.pages) if p.kind == PageKind.LAW)

    def read() -> None:
        """The visitor reads: the screen is still, and every step of drawing ahead comes due."""
        measured(s.window)
        c.pictures_due.arm(0)
        while (at := c.tap_ahead_at()) is not None:
            clock.now = max(clock.now, at)
            c.run_tap_ahead()
            settle(s.window)

    c.goTo(law)
    read()
    assert c.engine.screens >= 3, "the law page scrolls at 200 % on a projector"
    following = find(s.window, f"page-{c.engine.pages[law + 1].id}", visible_only=False)
    host = following.parentItem().parentItem()
    assert c.settled and c.nextAhead == -1 and not host.property("tapTarget"), "Next shows the next screenful"
    assert c.prevAhead == law - 1, "Back from the first screenful turns the page"
    c.next()
    read()
    assert (c.screen, c.nextAhead, c.prevAhead) == (1, -1, -1), "in between, Next and Back stay on the page"
    c.showScreen(c.engine.screens - 1)
    read()
    assert c.nextAhead == law + 1 and host.property("tapTarget"), "from the last screenful Next turns the page"
    c.next()
    assert c.page == law + 1


@pytest.mark.parametrize(("size", "scale"), [((1024, 768), 2.0), ((1920, 1080), 1.0)], ids=["200", "100"])
def test_after_a_choice_by_keyboard_the_focus_follows_to_my_plan(make_kiosk, size, scale: float) -> None:
    """A pupil on the keyboard (or a screen reader) chooses an option at 200 %: the page scrolls to "My plan", and
    the focus goes with it (with its ring, and the plan in words for a screen reader), not left on the option now
    off screen. Where nothing scrolls (100 %) the focus stays on the option, for the next choice."""
    s = make_kiosk(PACKS[0], size, auto_advance=False, idle_timeout=None)
    s.window.requestActivate()
    c = s.controller
    c.set_appearance(text_scale=scale)
    plan = next(n for n, p in enumerate(c.engine.pages) if p.kind == PageKind.PLAN)
    c.goTo(plan)
    measured(s.window)
    option = c.engine.pages[plan].data["options"][0]
    button = find(s.window, f"option-{option['id']}")
    button.forceActiveFocus()
    key(s, Qt.Key.Key_Space)
    measured(s.window)
    assert c.plan == [option["id"]]
    summary = find(s.window, "planSummary")
    focused = s.window.activeFocusItem()
    if scale == 1.0:
        assert c.engine.screens == 1 and focused == button, "nothing scrolled: the focus stays for the next choice"
        return
    assert c.screen > 0, "the page scrolled to My plan"
    assert focused == summary, f"the focus follows what is shown, not {focused.objectName()}"
    assert _ring_shows(s, summary), "the keyboard's ring is on My plan"
    heard = QAccessible.queryAccessibleInterface(summary)
    assert heard.state().focused and heard.text(QAccessible.Text.Name) == "My plan"
    assert option["label"] in heard.text(QAccessible.Text.Description), "a screen reader says the plan"
    key(s, Qt.Key.Key_Tab)
    assert s.window.activeFocusItem() is not None and s.window.activeFocusItem() != summary, "Tab goes on from it"


@pytest.mark.parametrize(("size", "scale"), [((1024, 768), 2.0), ((1920, 1080), 1.0)], ids=["200", "100"])
def test_the_plan_is_said_when_the_focus_follows_it_and_only_then(make_kiosk, size, scale: float) -> None:
    """A screen reader says the plan ("My plan: ...") when a choice by keyboard scrolled the page (200 %) and the
    focus went with it to My plan (a choice taken back too: the plan left); not after a tap (no focus on the page
    to follow), nor where nothing scrolls (100 %). Heard through Controller.announced, which ScrollPage.announce
    calls beside Accessible.announce."""
    s = make_kiosk(PACKS[0], size, auto_advance=False, idle_timeout=None)
    s.window.requestActivate()
    c = s.controller
    heard: list[str] = []
    c.announced.connect(heard.append)
    c.set_appearance(text_scale=scale)
    plan = next(n for n, p in enumerate(c.engine.pages) if p.kind == PageKind.PLAN)
    c.goTo(plan)
    measured(s.window)
    first, second = c.engine.pages[plan].data["options"][:2]
    c.togglePlan(second["id"])  # a tap: the page scrolls to My plan (200 %), the focus is not on the page
    measured(s.window)
    assert (c.screen > 0) == (scale > 1) and heard == [], "a tap moves no focus: nothing is said"
    c.showScreen(0)
    measured(s.window)
    button = find(s.window, f"option-{first['id']}")
    button.forceActiveFocus()
    key(s, Qt.Key.Key_Space)
    measured(s.window)
    assert c.plan == [second["id"], first["id"]]
    if scale == 1.0:
        assert heard == [] and s.window.activeFocusItem() == button, "nothing scrolled: nothing said, focus kept"
        return
    assert heard == [f"My plan: {second['label']}, {first['label']}"], "the plan, in the order it was made"
    c.showScreen(0)
    measured(s.window)
    button.forceActiveFocus()
    key(s, Qt.Key.Key_Space)  # taken back: the plan that is left is shown, and said
    measured(s.window)
    assert c.plan == [second["id"]] and c.screen > 0 and heard[1:] == [f"My plan: {second['label']}"]
    c.togglePlan(second["id"])  # the plan emptied (a tap): nothing to show or say
    measured(s.window)
    assert c.plan == [] and len(heard) == 2


def _hidden_focus(s: Scene, item: QQuickItem) -> str | None:
    """Why the focused `item`, inside a page that scrolls, is not seen whole now (no event processed since the
    key): above the view, below it, or under ScrollPage's cover; or the engine's screenful is not the one shown.
    None when it is seen whole (or is not in a scrolling page's content)."""
    scroller = _scroller(s)
    if scroller is None or not scroller.property("scrolls"):
        return None
    view = next(i for i in walk(scroller) if i.objectName() == "scrollView")
    sheet = view.property("contentItem").childItems()[0]
    holder = item.parentItem()
    while holder is not None and holder is not sheet:
        holder = holder.parentItem()
    if holder is None:
        return None  # the strip under the content, the navigation bar: always on screen
    cover = next(i for i in walk(scroller) if i.objectName() == "scrollCover")
    shown = cover.y() if cover.isVisible() and cover.height() > 0 else view.height()
    r = item.mapRectToItem(view, QRectF(0, 0, item.width(), item.height()))
    if item.property("wholeBox") is True or item.findChild(QQuickItem, "focusRing") is not None:
        # a button (or a card), box and all, with its focus ring (drawn outside the box): none of it cut by an edge
        # (one taller than the view is seen from its box's top)
        top, bottom = _ringed(item, view)
        if bottom - top <= view.height():
            r.setTop(top)
            r.setBottom(bottom)
    name = item.objectName() or item.metaObject().className()
    stops = [float(y) for y in scroller.property("stops").toVariant()]
    if abs(stops[s.controller.screen] - float(view.property("contentY"))) > 1:
        return f"{name}: the view is at {view.property('contentY'):.0f}, screenful {s.controller.screen} at {stops}"
    if r.top() < -1 or (r.bottom() > shown + 1 and r.height() <= shown):
        return f"{name} ({r.top():.0f}-{r.bottom():.0f}) outside the screenful shown (0-{shown:.0f})"
    return None


@pytest.mark.parametrize("motion", [True, False], ids=["reduced", "motion"])
@pytest.mark.parametrize("size", [(1024, 768), (1080, 1920)], ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("pack", PACKS, ids=lambda p: p.name)
def test_tab_brings_the_focused_control_into_view_at_200(
    make_kiosk, pack: Path, size: tuple[int, int], motion: bool
) -> None:
    """A pupil on the keyboard (or a screen reader moving the focus) at 200 % on a projector: every control that
    Tab or Shift+Tab reaches on a page that scrolls is seen whole the moment it has the focus (checked before any
    further event or frame: never a frame of it under the cover), a button with its box and focus ring (the plan's
    option-humour at 1024x768 ended 3 px below the view, its ring's lower edge cut), and the engine's screenful
    (Next, the counter) is the one shown."""
    s = make_kiosk(pack, size, auto_advance=False, idle_timeout=None, reduced_motion=not motion)
    s.window.requestActivate()
    c = s.controller
    c.set_appearance(text_scale=2.0)
    key(s, Qt.Key.Key_Tab)  # wakes the kiosk
    hidden: list[str] = []
    reached = 0
    for n, page in enumerate(c.engine.pages):
        if page.kind == PageKind.STORY:
            continue  # its panels and captions: tests/ui/test_story_split.py
        c.goTo(n)
        measured(s.window)
        scroller = _scroller(s)
        if scroller is None or not scroller.property("scrolls"):
            continue
        for backwards in (False, True):
            for _ in range(40):
                QTest.keyClick(s.window, Qt.Key.Key_Backtab if backwards else Qt.Key.Key_Tab)
                focused = s.window.activeFocusItem()
                assert focused is not None
                if (why := _hidden_focus(s, focused)) is not None:
                    hidden.append(f"{page.id}{' (Shift+Tab)' if backwards else ''}: {why}")
                reached += why is None
                settle(s.window)
                if c.page != n:
                    break
            c.goTo(n)
            c.showScreen(0)
            measured(s.window)
    assert reached > 20, "controls on pages that scroll were reached by Tab"
    assert hidden == [], "\n".join(hidden)
