"""A split story on a portrait page (kiosk/core/storylayout.py): the art gives way to the captions, for the whole
story at once and never below 60 % of the page's width, so a panel whose caption then fits under its speech is one
screenful; a caption that would need the art smaller keeps a screenful of its own. The numbers are the Cumbria and
Derbyshire stories' at 1080x1920 and 200 % text, as StoryPage.qml measures them."""

from __future__ import annotations

import pytest

from kiosk.core.storylayout import MIN_ART_WIDTH_SHARE, min_art_height, portrait_story

PAGE_W, PAGE_H = 1022.0, 1556.0  # the story page's box at 1080x1920 (under the title, over the buttons)
LARGEST = 767.0  # the art as wide as the page
CUMBRIA_AROUND = 505.0  # its speech (two bubbles of four lines side by side), the dots and three gaps
CUMBRIA_NEEDS = [436.0, 436.0, 567.0, 698.0, 567.0, 567.0, 305.0]  # each caption's box at 108 px
DERBYSHIRE_AROUND = 312.0
DERBYSHIRE_NEEDS = [305.0, 698.0, 698.0, 436.0]


def _fits(fit_art: float, around: float, need: float) -> bool:
    return fit_art + around + need <= PAGE_H + 1e-6


def test_the_art_gives_way_so_every_caption_that_can_fit_is_on_its_panels_screenful() -> None:
    fit = portrait_story(PAGE_H, PAGE_W, LARGEST, CUMBRIA_AROUND, CUMBRIA_NEEDS)
    # six of seven fit with the art at 646 x 485 (63 % of the width); the fourth would need it at 46 %
    assert fit.screens == (1, 1, 1, 2, 1, 1, 1)
    assert fit.art_height == pytest.approx(PAGE_H - CUMBRIA_AROUND - 567.0)
    assert fit.art_height >= min_art_height(PAGE_W)
    for need, screens in zip(CUMBRIA_NEEDS, fit.screens, strict=True):
        assert _fits(fit.art_height, CUMBRIA_AROUND, need) == (screens == 1)


def test_where_every_caption_fits_the_art_shrinks_no_further_than_the_tallest_needs() -> None:
    fit = portrait_story(PAGE_H, PAGE_W, LARGEST, DERBYSHIRE_AROUND, DERBYSHIRE_NEEDS)
    assert fit.screens == (1, 1, 1, 1)
    assert fit.art_height == pytest.approx(PAGE_H - DERBYSHIRE_AROUND - 698.0), "as large as the tallest allows"
    assert fit.art_height * 4 / 3 > PAGE_W * 0.7


def test_captions_that_fit_beside_the_largest_art_leave_it_as_it_was() -> None:
    """150 %: every caption fits under the speech with the art as wide as the page; nothing shrinks."""
    needs = [240.0, 240.0, 339.0, 438.0, 339.0, 339.0, 142.0]
    fit = portrait_story(1626.0, PAGE_W, LARGEST, 336.0, needs)
    assert (fit.art_height, fit.screens) == (LARGEST, (1,) * 7)


def test_the_art_never_goes_below_the_minimum_for_a_caption_too_long() -> None:
    least = min_art_height(PAGE_W)
    assert least == pytest.approx(PAGE_W * MIN_ART_WIDTH_SHARE * 3 / 4)
    too_long = PAGE_H - CUMBRIA_AROUND - least + 1  # would need the art a pixel under the minimum
    fit = portrait_story(PAGE_H, PAGE_W, LARGEST, CUMBRIA_AROUND, [too_long, too_long])
    assert (fit.art_height, fit.screens) == (LARGEST, (2, 2)), "no caption gains: the art keeps its size"
    just = too_long - 2
    fit = portrait_story(PAGE_H, PAGE_W, LARGEST, CUMBRIA_AROUND, [just, too_long])
    assert fit.screens == (1, 2)
    assert least <= fit.art_height < least + 2


def test_a_panel_without_a_caption_is_one_screenful_and_asks_nothing_of_the_art() -> None:
    fit = portrait_story(PAGE_H, PAGE_W, LARGEST, CUMBRIA_AROUND, [0.0, 436.0])
    assert fit.screens == (1, 1)
    assert fit.art_height == pytest.approx(PAGE_H - CUMBRIA_AROUND - 436.0)


def test_art_already_smaller_than_the_minimum_is_never_made_larger() -> None:
    """A short page whose speech left the art under the minimum: the minimum is no reason to grow it, and the art
    gives nothing more to a caption."""
    fit = portrait_story(900.0, PAGE_W, 300.0, 500.0, [50.0, 200.0])
    assert (fit.art_height, fit.screens) == (300.0, (1, 2))
