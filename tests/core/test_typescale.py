"""The type scale: which class a screen is, and that every class's sizes read as the docs say (docs/type-scale.md)."""

from __future__ import annotations

import pytest

from kiosk.core import limits
from kiosk.core.typescale import TYPE_SCALES, ScreenClass, for_qml, screen_class, type_scale

# Atkinson Hyperlegible's average letter in ordinary English text (spaces included), in em: measured with Qt's font
# metrics on the built-in packs' sentences (0.434 regular, 0.47 bold).
AVERAGE_LETTER_EM = 0.434
MARGINS_UNITS = 1.6  # a page's two side margins (Theme.margin is 0.8 units)


@pytest.mark.parametrize(
    "size, expected",
    [
        ((1024, 768), ScreenClass.PROJECTOR),
        ((1280, 720), ScreenClass.PROJECTOR),
        ((1920, 1080), ScreenClass.LANDSCAPE),
        ((3840, 2160), ScreenClass.LANDSCAPE),
        ((1080, 1920), ScreenClass.PORTRAIT),
        ((2160, 3840), ScreenClass.PORTRAIT),
        ((768, 1024), ScreenClass.PORTRAIT),
        ((1000, 1050), ScreenClass.LANDSCAPE),  # a nearly square window is no poster
    ],
)
def test_each_screen_has_its_class(size: tuple[int, int], expected: ScreenClass) -> None:
    assert screen_class(*size) == expected


@pytest.mark.parametrize("cls", list(ScreenClass))
def test_every_class_reads_in_order_and_never_below_the_unit(cls: ScreenClass) -> None:
    s = TYPE_SCALES[cls]
    assert 1.0 <= s.caption <= s.body < s.large < s.heading < s.story < s.display < s.headline
    assert (
        s.grow >= 1.0
        and 45 <= s.measure[0] < s.measure[1] <= 75
        and 0 < s.measure_label < s.measure_short < s.measure[0]
    )
    # leading: the face's own (0) or 1.3-1.5 em for paragraphs; headings tighter
    assert s.leading == 0 or 1.3 <= s.leading <= 1.5
    assert s.heading_leading == 0 or 1.1 <= s.heading_leading <= s.leading


def test_the_projector_keeps_the_sizes_its_pages_always_had() -> None:
    p = TYPE_SCALES[ScreenClass.PROJECTOR]
    assert (p.body, p.large, p.heading, p.story, p.display, p.headline) == (1.0, 1.25, 1.5, 1.92, 2.4, 3.0)
    assert p.grow == 1.0 and p.leading == 0 and p.heading_leading == 0  # words do not grow; the faces' own leading


def test_a_full_width_portrait_line_holds_a_comfortable_measure() -> None:
    """Portrait body text starts larger, but a full-width line still holds 45-75 letters; on a landscape screen the
    same size would give lines far longer than the measure allows (why its cards go side by side)."""
    portrait = type_scale(1080, 1920)
    letters = (30 - MARGINS_UNITS) / (portrait.body * AVERAGE_LETTER_EM)
    assert portrait.measure[0] <= letters <= portrait.measure[1], letters
    landscape = type_scale(1920, 1080)
    assert (30 * 16 / 9 - MARGINS_UNITS) / (landscape.body * AVERAGE_LETTER_EM) > landscape.measure[1]


def test_qml_gets_the_class_and_every_number_theme_reads() -> None:
    values = for_qml(1080, 1920)
    assert values["screenClass"] == "portrait" and values["body"] == TYPE_SCALES[ScreenClass.PORTRAIT].body
    theme_reads = {"caption", "body", "large", "heading", "story", "display", "headline", "grow", "measure"}
    assert theme_reads | {"measure_short", "measure_label", "leading", "heading_leading"} <= set(values)
    assert values["measure"] == [45, 75]  # a list: QML reads measure[0]


def test_text_goes_to_200_percent() -> None:
    assert limits.TEXT_SIZES[0] == 100 and limits.TEXT_SIZES[-1] == 200  # WCAG 2.2 1.4.4
