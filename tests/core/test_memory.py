"""Which pages keep their pictures in memory (kiosk.core.memory): only those that may come on screen next."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.core.limits import MOTION_SECONDS
from kiosk.core.memory import (
    LIBRARY_PAGES_AFTER_S,
    give_back_library_pages_now,
    library_ranges,
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


def test_the_libraries_start_up_pages_go_once_a_minute_into_the_loop() -> None:
    assert not give_back_library_pages_now(LIBRARY_PAGES_AFTER_S - 0.1, Phase.ATTRACT, done=False)  # start-up's work
    assert give_back_library_pages_now(LIBRARY_PAGES_AFTER_S, Phase.ATTRACT, done=False)
    assert not give_back_library_pages_now(LIBRARY_PAGES_AFTER_S * 10, Phase.ATTRACT, done=True)  # once only
    # never while a visitor taps: their next tap would wait for its code to be read back
    assert not give_back_library_pages_now(LIBRARY_PAGES_AFTER_S * 10, Phase.INTERACTIVE, done=False)


MAPS = """\
55d0c0a00000-55d0c0c21000 rw-p 00000000 00:00 0                          [heap]
7f0a10000000-7f0a10021000 rw-p 00000000 00:00 0
7f0a20000000-7f0a20400000 r--p 00000000 08:01 1234                       /venv/lib/PySide6/Qt/lib/libQt6Gui.so.6
7f0a20400000-7f0a20c00000 r-xp 00400000 08:01 1234                       /venv/lib/PySide6/Qt/lib/libQt6Gui.so.6
7f0a20c00000-7f0a20d00000 r--p 00c00000 08:01 1234                       /venv/lib/PySide6/Qt/lib/libQt6Gui.so.6
7f0a20d00000-7f0a20d10000 rw-p 00d00000 08:01 1234                       /venv/lib/PySide6/Qt/lib/libQt6Gui.so.6
7f0a30000000-7f0a30100000 r-xp 00000000 08:01 99                         /venv/lib/PySide6/QtCore.abi3.so
7f0a40000000-7f0a40080000 r--s 00000000 08:01 77                         /usr/share/fonts/AtkinsonHyperlegible.ttf
7f0a50000000-7f0a50010000 r--p 00000000 08:01 78                         /home/k/.cache/qmlcache/abc.qmlc
7f0a60000000-7f0a60002000 r-xp 00000000 00:00 0                          [vdso]
7f0a70000000-7f0a70001000 r--p 00000000 00:05 5                          /memfd:JITCode:QtQml (deleted)
"""


def test_only_the_libraries_unwritten_pages_are_given_back() -> None:
    assert library_ranges(MAPS) == [
        (0x7F0A20000000, 0x7F0A20400000),  # read-only data
        (0x7F0A20400000, 0x7F0A20C00000),  # code
        (0x7F0A20C00000, 0x7F0A20D00000),
        (0x7F0A30000000, 0x7F0A30100000),  # a Python extension module (PySide's bindings)
    ]  # not the heap, anonymous memory, relocated data, fonts, the QML cache, the vdso or the JIT's code


def test_a_tips_page_draws_the_pressed_tips_detail_ahead_and_the_list_while_a_detail_is_read() -> None:
    from kiosk.core.memory import tips_face_drawn_ahead as ahead

    # the list on screen: the tip under the finger, from its press; nothing without one (a key opens it as a cut)
    assert ahead(Phase.INTERACTIVE, True, -1, 4, 0, 1.0, False) == (4, False)
    assert ahead(Phase.INTERACTIVE, True, -1, -1, 4, 1.0, False) == (-1, False)
    # a detail on screen: the list, once the visitor reads (the tap steps' third), never a detail
    assert [ahead(Phase.INTERACTIVE, True, 2, 5, step, 1.0, False) for step in range(5)] == [
        (-1, False),
        (-1, False),
        (-1, False),
        (-1, True),
        (-1, True),
    ]
    # nothing in the loop, on another page, with reduced motion or at larger text
    assert ahead(Phase.ATTRACT, True, -1, 4, 4, 1.0, False) == (-1, False)
    assert ahead(Phase.INTERACTIVE, False, -1, 4, 4, 1.0, False) == (-1, False)
    assert ahead(Phase.INTERACTIVE, True, 2, 4, 4, 1.0, True) == (-1, False)
    assert ahead(Phase.INTERACTIVE, True, 2, 4, 4, 2.0, False) == (-1, False)


def test_the_pages_drawn_for_a_tap_come_one_step_at_a_time_and_stay_through_a_change_on_the_page() -> None:
    from kiosk.core.memory import tap_pages_drawn_ahead as drawn

    targets = (5, 3, 0)  # Next, Back, Home from page 4
    assert [drawn(targets, (-1, -1, -1), step, False) for step in range(5)] == [
        (-1, -1, -1),
        (-1, -1, -1),
        (5, -1, -1),
        (5, 3, -1),
        (5, 3, 0),
    ]
    # A tip's detail opens on page 4: Back now closes it; Next's and Home's pages stay drawn, Back's page is let go
    # once the screen is still (step 1), not in the change.
    assert drawn((5, None, 0), (5, 3, 0), 0, True) == (5, 3, 0)
    assert drawn((5, None, 0), (5, 3, 0), 1, True) == (5, -1, 0)
    # A change of page lets everything go at once, as before (another page's keys lead elsewhere) ...
    assert drawn((6, 4, 0), (5, 3, 0), 0, False) == (-1, -1, -1)
    # ... and so does the end of a visit, even to the same page (the loop has no targets, and no steps to let go in).
    assert drawn((None, None, None), (5, 3, 0), 0, True) == (-1, -1, -1)
    # A finger on a tip: Back's page goes (the tip's image takes its place: three at most); lifted, it comes back.
    assert drawn((5, 3, 0), (5, 3, 0), 4, True, tip_pressed=True) == (5, -1, 0)
    assert drawn((5, 3, 0), (5, -1, 0), 4, True) == (5, 3, 0)


def test_a_change_to_a_page_drawn_ahead_keeps_the_other_images_until_the_screen_is_still() -> None:
    from kiosk.core.memory import tap_pages_drawn_ahead as drawn

    held = (5, 3, 0)  # read on page 4: Next's, Back's and Home's pages drawn
    # Next to page 5 (drawn ahead): nothing is let go in the change's frame, the same three images, one now on screen
    assert drawn((6, 4, 0), held, 0, False, arrived=5) == held
    # once still: only what a key on page 5 still brings is kept (Home's); the others go, then come step by step
    assert drawn((6, 4, 0), held, 1, True) == (-1, -1, 0)
    assert [drawn((6, 4, 0), (-1, -1, 0), step, True) for step in (2, 3, 4)] == [(6, -1, 0), (6, 4, 0), (6, 4, 0)]
    # Back and Home bring a page drawn ahead too
    assert drawn((4, 2, 0), held, 0, False, arrived=3) == held
    assert drawn((1, 9, None), held, 0, False, arrived=0) == held
    assert drawn((1, 9, None), held, 1, True) == (-1, -1, -1)
    # A page not drawn ahead (a link, Help, a second tap before the screen was still) is drawn in the change anyway:
    # everything goes at once, so no fourth image is ever held ...
    assert drawn((8, 6, 0), held, 0, False, arrived=7) == (-1, -1, -1)
    assert drawn((8, 6, 0), held, 0, False) == (-1, -1, -1)
    # ... and a visit's end lets everything go, whatever it arrives at
    assert drawn((None, None, None), held, 0, False, arrived=0) == (-1, -1, -1)


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


def test_the_tile_the_focus_rests_on_has_its_detail_drawn_ahead_once_still() -> None:
    """Issue 20: a key user's tip is drawn ahead as a finger's is, from the tile the focus rests on; a finger's
    press comes first; nothing before the screen is still, in a detail, in the loop, with reduced motion or at
    larger text."""
    from kiosk.core.memory import tip_focus_settles_at, tips_face_drawn_ahead

    rule = tips_face_drawn_ahead
    assert rule(Phase.INTERACTIVE, True, -1, -1, 1, 1.0, False, focused=2) == (2, False)
    assert rule(Phase.INTERACTIVE, True, -1, -1, 0, 1.0, False, focused=2) == (-1, False), "the change's frame"
    assert rule(Phase.INTERACTIVE, True, -1, 4, 0, 1.0, False, focused=2) == (4, False), "a finger's press first"
    assert rule(Phase.INTERACTIVE, True, 1, -1, 3, 1.0, False, focused=2) == (-1, True), "a detail: the list"
    assert rule(Phase.ATTRACT, True, -1, -1, 1, 1.0, False, focused=2) == (-1, False)
    assert rule(Phase.INTERACTIVE, False, -1, -1, 1, 1.0, False, focused=2) == (-1, False)
    assert rule(Phase.INTERACTIVE, True, -1, -1, 1, 1.0, True, focused=2) == (-1, False)
    assert rule(Phase.INTERACTIVE, True, -1, -1, 1, 2.0, False, focused=2) == (-1, False)
    assert rule(Phase.INTERACTIVE, True, -1, -1, 4, 1.0, False) == (-1, False), "no focus, no press: nothing"
    # The focus rests once the screen is still after its own move and the page's last change, whichever is later.
    assert tip_focus_settles_at(10.0, 4.0) == pytest.approx(10.0 + MOTION_SECONDS)
    assert tip_focus_settles_at(10.0, 12.0) == pytest.approx(12.0 + MOTION_SECONDS)
