"""One type scale, used by every page: the screen's class picks the sizes, and on a foyer screen the cards are as
tall as their words and the words as large as the page allows (issue 21; docs/type-scale.md)."""

from __future__ import annotations

import re

import pytest
from PySide6.QtQml import QQmlEngine, QQmlExpression
from PySide6.QtQuick import QQuickItem

from kiosk.core import paths
from kiosk.core.typescale import screen_class, type_scale
from kiosk.ui.render import settle, walk
from kiosk.ui.scene import Scene

from ..conftest import ROOT
from ..qml_helpers import find, find_all

QML = ROOT / "kiosk" / "qml" / "Kiosk"
CUMBRIA = paths.builtin_packs_dir() / "cumbria"
# Not kiosk pages: the teacher's laptop view has its own unit (its screen is not the hall's), and a comic's speech
# is lettered into the picture, so it scales with the panel (never below the body size).
OWN_SCALE = {"PresenterView.qml": "the presenter's laptop screen", "Bubble.qml": "speech lettered with the art"}
SIZE_PROPERTIES = re.compile(r"\b(font\.pixelSize|pixelSize|preferred|fontSize)\s*:\s*([^;\n]+)")


def _theme(item: QQuickItem, expression: str) -> object:
    value, failed = QQmlExpression(QQmlEngine.contextForObject(item), item, expression).evaluate()
    assert not failed, expression
    return value


def test_no_page_sets_a_font_size_of_its_own() -> None:
    """Every size in the QML is a role of Theme's type scale (or a size a page computed from one), never a number
    or a role times a number: one table, so a class of screen changes every page at once."""
    found = []
    for qml in sorted(QML.glob("*.qml")):
        if qml.name in OWN_SCALE or qml.name == "Theme.qml":
            continue
        for line_no, line in enumerate(qml.read_text(encoding="utf-8").splitlines(), 1):
            for prop, value in SIZE_PROPERTIES.findall(line):
                value = value.split("//")[0].strip().rstrip("}").strip()
                if re.search(r"Theme\.\w+\s*\*\s*[\d.]|[\d.]+\s*\*\s*Theme\.|^[\d.]+$|Theme\.unit\b", value):
                    found.append(f"{qml.name}:{line_no}: {prop}: {value}")
    assert found == []


def test_the_grep_sees_a_page_local_size() -> None:
    line = "        font.pixelSize: Theme.body * 1.2"
    prop, value = SIZE_PROPERTIES.findall(line)[0]
    assert re.search(r"Theme\.\w+\s*\*\s*[\d.]", value)


SIZES = [(1024, 768), (1920, 1080), (1080, 1920), (3840, 2160)]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_theme_takes_the_scale_of_the_screens_class(make_kiosk, size: tuple[int, int]) -> None:
    s = make_kiosk(CUMBRIA, size, auto_advance=False, idle_timeout=None)
    s.controller.touch()
    view = find(s.window, "kioskView")
    scale = type_scale(*size)
    unit = min(size) / 30
    assert _theme(view, "Theme.screenClass") == str(screen_class(*size))
    assert _theme(view, "Theme.body") == pytest.approx(unit * scale.body)
    assert _theme(view, "Theme.heading") == pytest.approx(unit * scale.heading)
    s.controller.set_appearance(text_scale=2.0)
    settle(s.window)
    assert _theme(view, "Theme.body") == pytest.approx(unit * scale.body * 2)
    assert find(s.window, "homeButton").property("fontSize") == pytest.approx(unit * 2)  # controls: arm's length


def _go(s: Scene, page_id: str) -> None:
    s.controller.goTo(next(n for n, p in enumerate(s.controller.engine.pages) if p.id == page_id))
    settle(s.window)
    s.window.grabWindow()  # a rendered frame runs the polish pass (Grid)


def _fitted(text: QQuickItem) -> float:
    return float(text.property("fontInfo").property("pixelSize").toNumber())


@pytest.mark.parametrize("size", [(1080, 1920), (1920, 1080)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_law_cards_are_as_tall_as_their_words_and_the_words_grow(make_kiosk, size: tuple[int, int]) -> None:
    """The issue's law page: three cards two-thirds blank, body text at projector size. Now each card's words fill
    at least two-thirds of it, set at least a fifth larger than the 100 % body size."""
    s = make_kiosk(CUMBRIA, size, auto_advance=False, idle_timeout=None)
    _go(s, "law")
    unit = min(size) / 30
    texts = find_all(s.window, "lawText")
    assert len(texts) == 4
    rows: dict[int, list[float]] = {}  # cards side by side share a row's height: its tallest words fill it
    for text in texts:
        card = text.parentItem()
        heading = [t for t in walk(card) if t.inherits("QQuickText") and t.property("maximumLineCount") == 1][0]
        words = text.property("contentHeight") + heading.height()
        rows.setdefault(round(card.y()), []).append(words / card.height())
        assert _fitted(text) >= unit * 1.2
        assert not text.property("truncated")
    assert all(max(fills) >= 0.67 for fills in rows.values()), rows


def test_a_tips_detail_cards_hug_their_words_on_a_portrait_screen(make_kiosk) -> None:
    s = make_kiosk(CUMBRIA, (1080, 1920), auto_advance=False, idle_timeout=None)
    _go(s, "tips")
    s.controller.openDetail(0)
    settle(s.window)
    s.window.grabWindow()
    unit = 1080 / 30
    for name in ("tipWhy", "tipTodo"):
        text = find(s.window, name)
        card = text.parentItem()
        assert (text.property("contentHeight") + unit * 2.5) / card.height() >= 0.67
        assert _fitted(text) >= unit * 1.2  # portrait body, not the projector's
    tip = find(s.window, "tipText")
    assert _fitted(tip) >= unit * 1.5 * 1.2  # the tip itself grows past the heading size


def test_the_quote_box_ends_under_its_words_on_a_portrait_screen(make_kiosk) -> None:
    s = make_kiosk(CUMBRIA, (1080, 1920), auto_advance=False, idle_timeout=None)
    _go(s, "for-parents")
    quote, by = find(s.window, "infoQuote"), find(s.window, "infoQuoteBy")
    box = quote.parentItem()
    words = quote.property("contentHeight") + by.property("contentHeight")
    assert words / box.height() >= 0.6
    body = find(s.window, "infoBody")
    assert box.y() - body.y() <= body.height() + 1080 / 30  # right under the paragraphs, the spare room below it
