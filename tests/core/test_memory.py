"""Which pages keep their pictures in memory (kiosk.core.memory): only those that may come on screen next."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from kiosk.core.memory import (
    pages_holding_pictures,
    pages_holding_pictures_while_moving,
    panels_drawn_ahead,
    panels_holding_pictures,
    panels_holding_pictures_while_moving,
)
from kiosk.core.vocab import Phase


def test_the_loop_keeps_the_page_on_screen_and_the_next_only() -> None:
    assert pages_holding_pictures(Phase.ATTRACT, 3, 9, -1, wrap=True) == (3, 4)
    # the last page's next is the first: the poster is loaded while the loop's last page is on screen
    assert pages_holding_pictures(Phase.ATTRACT, 8, 9, -1, wrap=True) == (8, 0)


def test_the_page_drawn_ahead_keeps_its_pictures() -> None:
    # the idle return draws the first page ahead while the warning counts down
    assert pages_holding_pictures(Phase.INTERACTIVE, 5, 9, 0, wrap=True) == (5, 0, 6, 4)
    assert pages_holding_pictures(Phase.ATTRACT, 3, 9, 4, wrap=True) == (3, 4)


def test_a_visit_also_keeps_the_page_before_and_the_first() -> None:
    assert pages_holding_pictures(Phase.INTERACTIVE, 3, 9, -1, wrap=True) == (3, 4, 2, 0)
    assert pages_holding_pictures(Phase.INTERACTIVE, 0, 9, -1, wrap=True) == (0, 1, 8)


def test_an_assembly_does_not_wrap_round() -> None:
    assert pages_holding_pictures(Phase.INTERACTIVE, 8, 9, -1, wrap=False) == (8, 7, 0)
    assert pages_holding_pictures(Phase.INTERACTIVE, 0, 9, -1, wrap=False) == (0, 1)


def test_no_pages_no_pictures() -> None:
    assert pages_holding_pictures(Phase.ATTRACT, 0, 0, -1, wrap=True) == ()


@given(
    phase=st.sampled_from(list(Phase)),
    count=st.integers(1, 40),
    data=st.data(),
    wrap=st.booleans(),
)
def test_always_the_page_on_screen_and_never_more_than_five(phase: Phase, count: int, data, wrap: bool) -> None:
    page = data.draw(st.integers(0, count - 1))
    upcoming = data.draw(st.integers(-1, count - 1))
    kept = pages_holding_pictures(phase, page, count, upcoming, wrap)
    assert kept[0] == page
    assert len(set(kept)) == len(kept) <= 5
    assert all(0 <= i < count for i in kept)
    if upcoming >= 0:
        assert upcoming in kept


def test_while_a_change_moves_nothing_new_loads_and_nothing_goes() -> None:
    # the loop moved from page 3 to 4: 3 (leaving) and 4 (arriving, loaded as "next") keep theirs, 5 waits
    assert pages_holding_pictures_while_moving((3, 4), 4, -1) == (3, 4)
    # a jump (Home from page 6 in a visit) brings the page it shows at once
    assert pages_holding_pictures_while_moving((6, 7, 5), 2, -1) == (6, 7, 5, 2)
    assert pages_holding_pictures_while_moving((), 0, 1) == (0, 1)


def test_a_story_keeps_the_panel_shown_and_those_next_to_it() -> None:
    assert panels_holding_pictures(1, 7) == (0, 1)
    assert panels_holding_pictures(4, 7) == (3, 4, 2)
    assert panels_holding_pictures(7, 7) == (6, 5)
    assert panels_holding_pictures(0, 7) == (0, 1)  # not yet revealed: the first panel, as it shows
    assert panels_holding_pictures(1, 0) == ()


def test_while_a_panel_slides_in_nothing_new_loads_and_nothing_goes() -> None:
    # Next from panel 4: the panel after the new one (index 5) waits for the still moment, index 2 stays till then
    assert panels_holding_pictures_while_moving((3, 4, 2), 5, 7) == (3, 4, 2)
    # two taps before the screen was still: the panel arriving is needed now, so it loads
    assert panels_holding_pictures_while_moving((3, 4, 2), 6, 7) == (3, 4, 2, 5)
    assert panels_holding_pictures_while_moving((), 1, 7) == (0,)


@given(count=st.integers(1, 12), data=st.data())
def test_a_moving_story_keeps_what_it_held_and_the_panel_arriving(count: int, data) -> None:
    before_panel = data.draw(st.integers(1, count))
    panel = data.draw(st.integers(1, count))
    before = panels_holding_pictures(before_panel, count)
    moving = panels_holding_pictures_while_moving(before, panel, count)
    assert set(before) <= set(moving) and panel - 1 in moving
    assert len(panels_holding_pictures(panel, count)) <= 3


def test_the_captions_drawn_ahead_are_next_s_and_in_a_visit_back_s() -> None:
    assert panels_drawn_ahead(3, 7, visit=True) == (3, 1)
    assert panels_drawn_ahead(3, 7, visit=False) == (3, -1)  # the loop only goes on
    assert panels_drawn_ahead(1, 7, visit=True) == (1, -1)  # nothing before the first panel
    assert panels_drawn_ahead(7, 7, visit=True) == (-1, 5)  # nor after the last: Next leaves the story
    assert panels_drawn_ahead(1, 0, visit=True) == (-1, -1)
