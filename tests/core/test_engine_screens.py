"""A page taller than the screen (200 % text): Next, Back and the loop step through its screenfuls, as a story
steps through its panels, and the loop never leaves a page half scrolled."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from kiosk.core.engine import Engine
from kiosk.core.vocab import Phase


@dataclass(frozen=True)
class P:
    kind: str = "info"
    duration: float = 12.0
    panel_count: int = 0


PAGES = [P("poster", 8), P("law", 12), P("plan", 10)]


def test_next_and_back_step_through_the_screenfuls_before_turning_the_page(clock) -> None:
    e = Engine(PAGES, clock, idle_timeout=60)
    e.go_to(1)
    e.set_screens(3)
    seen = [(e.state.page, e.state.screen)]
    for _ in range(3):
        e.next()
        seen.append((e.state.page, e.state.screen))
    assert seen == [(1, 0), (1, 1), (1, 2), (2, 0)]
    e.prev()
    assert (e.state.page, e.state.screen) == (1, 0), "back onto a tall page: from its top, until the view says more"
    e.set_screens(3)
    e.next()
    e.next()
    e.prev()
    assert (e.state.page, e.state.screen) == (1, 1)
    e.prev()
    e.prev()
    assert (e.state.page, e.state.screen) == (0, 0)


def test_the_loop_gives_each_screenful_its_share_of_the_page_time(clock) -> None:
    e = Engine(PAGES, clock, idle_timeout=60)
    clock.advance(8)
    e.update()
    assert (e.state.page, e.state.screen) == (1, 0)
    e.set_screens(3)
    assert e.next_deadline() == clock() + 4 and e.next_page_change() is None
    shown = []
    for _ in range(3):
        clock.advance(4)
        e.update()
        shown.append((e.state.page, e.state.screen))
    assert shown == [(1, 1), (1, 2), (2, 0)], "the page's 12 s, 4 s a screenful, then the next page from its top"
    assert e.screens == 1 and e.state.phase == Phase.ATTRACT


def test_a_scroll_by_hand_and_a_page_that_shrinks(clock) -> None:
    e = Engine(PAGES, clock, idle_timeout=60)
    e.go_to(1)
    e.set_screens(4)
    e.show_screen(2)
    assert e.state.screen == 2 and e.state.phase == Phase.INTERACTIVE
    e.show_screen(9)
    assert e.state.screen == 3, "never past the last screenful"
    e.set_screens(2)  # text made smaller: the page now takes two screens
    assert e.state.screen == 1
    e.set_screens(1)
    assert e.state.screen == 0
    e.next()
    assert e.state.page == 2


def test_idle_return_starts_the_loop_at_the_top(clock) -> None:
    e = Engine(PAGES, clock, idle_timeout=30)
    e.go_to(1)
    e.set_screens(3)
    e.next()
    clock.advance(31)
    e.update()
    e.update()
    assert (e.state.phase, e.state.page, e.state.screen, e.screens) == (Phase.ATTRACT, 0, 0, 1)


def test_a_tips_detail_opens_and_closes_at_the_top(clock) -> None:
    """A visitor scrolled down the tips list and opens one: its detail starts at its top, not at the list's
    screenful (and closing it shows the list from its top)."""
    e = Engine([P("tips", 20)], clock, idle_timeout=60)
    e.set_screens(4)
    e.show_screen(3)
    e.open_detail(7)
    assert (e.state.detail, e.state.screen) == (7, 0)
    e.set_screens(3)
    e.show_screen(2)
    e.close_detail()
    assert (e.state.detail, e.state.screen) == (-1, 0)


def test_a_story_whose_panels_take_two_screenfuls_steps_art_caption_art_caption(clock) -> None:
    """Larger text on a short screen: each panel is its art, then its caption (StoryPage.qml). The clicker steps
    through them panel by panel, Back comes back the same way, and the loop shows each in its share of the time."""
    story = [P("poster", 8), P("story", 30, panel_count=3), P("law", 12)]
    e = Engine(story, clock, idle_timeout=60, auto_advance=False)
    e.go_to(1)
    e.set_screens(2)
    seen = [(e.state.panel, e.state.screen)]
    for _ in range(6):
        e.next()
        seen.append((e.state.page, e.state.panel, e.state.screen)[1:] if e.state.page == 1 else ("page", e.state.page))
    assert seen == [(1, 0), (1, 1), (2, 0), (2, 1), (3, 0), (3, 1), ("page", 2)]
    e.go_to(1)
    e.set_screens(2)
    e.next()
    e.next()
    back = []
    for _ in range(3):
        e.prev()
        back.append((e.state.page, e.state.panel, e.state.screen))
    assert back == [(1, 1, 1), (1, 1, 0), (0, 0, 0)], "back: the caption, the art, then the page before"

    loop = Engine(story, clock, idle_timeout=60)
    loop.update()
    clock.advance(8.01)
    loop.update()
    assert loop.state.page == 1
    loop.set_screens(2)
    shown = [(loop.state.panel, loop.state.screen)]
    times = []
    for _ in range(6):
        deadline = loop.next_deadline()
        assert deadline is not None
        times.append(deadline - loop.last_change)
        clock.advance(deadline - clock() + 0.001)
        loop.update()
        shown.append((loop.state.panel, loop.state.screen) if loop.state.page == 1 else ("page", loop.state.page))
    assert shown == [(1, 0), (1, 1), (2, 0), (2, 1), (3, 0), (3, 1), ("page", 2)]
    # 30 s: 7.5 s a panel (the last one twice that, as always), 3.75 s a screenful
    assert times == pytest.approx([3.75, 3.75, 3.75, 3.75, 3.75, 11.25], abs=0.02)


STORY = [P("poster", 8), P("story", 30, panel_count=3), P("law", 12)]


def test_a_story_whose_panels_differ_steps_through_each_panels_own_screenfuls(clock) -> None:
    """Larger text: a panel whose caption fits under its speech is one screenful, one whose caption does not is two
    (its art, then its caption: StoryPage.qml says which, panel by panel). Next shows each screenful once; Back comes
    back the same way, onto the panel before at its caption where it has one."""
    e = Engine(STORY, clock, idle_timeout=60, auto_advance=False)
    e.set_panel_screens(1, [2, 1, 2])
    e.go_to(1)
    seen = [(e.state.panel, e.state.screen)]
    for _ in range(5):
        e.next()
        seen.append((e.state.panel, e.state.screen) if e.state.page == 1 else ("page", e.state.page))
    assert seen == [(1, 0), (1, 1), (2, 0), (3, 0), (3, 1), ("page", 2)]
    back = []
    for _ in range(6):
        e.prev()
        back.append((e.state.panel, e.state.screen) if e.state.page == 1 else ("page", e.state.page))
    assert back == [(3, 1), (3, 0), (2, 0), (1, 1), (1, 0), ("page", 0)], (
        "Back onto the story arrives at its last panel's caption, then steps back screenful by screenful"
    )


def test_back_onto_a_story_whose_last_panel_is_one_screenful_arrives_at_it(clock) -> None:
    e = Engine(STORY, clock, idle_timeout=60, auto_advance=False)
    e.set_panel_screens(1, [2, 2, 1])
    e.go_to(2)
    e.prev()
    assert (e.state.page, e.state.panel, e.state.screen, e.screens) == (1, 3, 0, 1)
    e.prev()
    assert (e.state.panel, e.state.screen, e.screens) == (2, 1, 2), "the panel before, at its caption"


def test_panel_screenfuls_that_do_not_match_the_story_are_ignored(clock) -> None:
    e = Engine(STORY, clock, idle_timeout=60, auto_advance=False)
    e.set_panel_screens(1, [2, 2])  # a stale word for another pack's story
    e.set_panel_screens(0, [2])  # not a story
    e.go_to(1)
    e.next()
    assert (e.state.panel, e.state.screen) == (2, 0)
    e.go_to(0)
    e.prev()
    assert (e.state.page, e.state.panel, e.state.screen) == (2, 0, 0)


def test_text_made_smaller_lets_a_panels_caption_screenful_go(clock) -> None:
    e = Engine(STORY, clock, idle_timeout=60, auto_advance=False)
    e.set_panel_screens(1, [2, 2, 2])
    e.go_to(1)
    e.next()
    assert e.state.screen == 1
    e.set_panel_screens(1, [1, 1, 1])
    assert (e.state.panel, e.state.screen, e.screens) == (1, 0, 1)


def test_the_loop_gives_each_panel_its_time_split_among_its_own_screenfuls(clock) -> None:
    loop = Engine(STORY, clock, idle_timeout=60)
    loop.set_panel_screens(1, [2, 1, 2])
    clock.advance(8.01)
    loop.update()
    assert loop.state.page == 1
    shown = [(loop.state.panel, loop.state.screen)]
    times = []
    for _ in range(5):
        deadline = loop.next_deadline()
        assert deadline is not None
        times.append(deadline - loop.last_change)
        clock.advance(deadline - clock() + 0.001)
        loop.update()
        shown.append((loop.state.panel, loop.state.screen) if loop.state.page == 1 else ("page", loop.state.page))
    assert shown == [(1, 0), (1, 1), (2, 0), (3, 0), (3, 1), ("page", 2)]
    # 30 s: 7.5 s a panel (the last one twice that, as always), shared among its screenfuls
    assert times == pytest.approx([3.75, 3.75, 7.5, 3.75, 11.25], abs=0.02)


def test_next_changes_page_only_from_the_last_screenful_back_only_from_the_first(clock) -> None:
    """What a visit draws ahead (Engine.tap_targets) is what the next tap shows: on a tall page Next shows the
    next screenful of the same page until the last one, and Back the one before until the first."""
    e = Engine(PAGES, clock, idle_timeout=None)
    e.go_to(1)
    assert e.tap_targets() == (2, 0, None), "before the view has measured: one screenful, Next and Back turn pages"
    e.set_screens(3)
    seen = []
    for _ in range(3):
        seen.append(e.tap_targets())
        ahead = e.tap_targets()[0]
        page = e.state.page
        e.next()
        assert (e.state.page != page) == (ahead is not None), "Next changes page exactly when a page was drawn ahead"
        if e.state.page != page:
            break
    assert seen == [(None, 0, None), (None, None, 0), (2, None, 0)]
    e.go_to(1)
    e.set_screens(3)
    e.show_screen(2)
    back = []
    for _ in range(3):
        back.append(e.tap_targets()[1])
        e.prev()
    assert back == [None, None, 0] and e.state.page == 0, "Back turns the page only from the first screenful"


def test_a_story_whose_panels_take_two_screenfuls_draws_ahead_only_from_its_last_caption(clock) -> None:
    story = [P("poster", 8), P("story", 30, panel_count=2), P("law", 12)]
    e = Engine(story, clock, idle_timeout=None)
    e.go_to(1)
    e.set_screens(2)
    ahead = []
    for _ in range(4):
        ahead.append(e.tap_targets()[0])
        e.next()
    assert ahead == [None, None, None, 2] and e.state.page == 2


def test_the_clicker_steps_through_a_tall_tips_detail_before_leaving_it(clock) -> None:
    """Issue 21: a tip's detail taller than the screen (larger text). Next shows its screenfuls and only then the
    next page; Back goes up through them and only then closes the detail; what is drawn ahead for a tap follows."""
    e = Engine([P("poster", 8), P("tips", 20), P("help", 8)], clock, idle_timeout=60, auto_advance=False)
    e.go_to(1)
    e.open_detail(2)
    e.set_screens(3)  # the detail's screenfuls, as its view measures them
    assert e.tap_targets()[0] is None, "Next shows the detail's next screenful: nothing to draw ahead"
    seen = []
    for _ in range(2):
        e.next()
        seen.append((e.state.page, e.state.detail, e.state.screen))
    assert seen == [(1, 2, 1), (1, 2, 2)]
    assert e.tap_targets()[0] == 2, "from the last screenful Next leaves the page"
    e.prev()
    e.prev()
    assert (e.state.page, e.state.detail, e.state.screen) == (1, 2, 0)
    e.prev()
    assert (e.state.page, e.state.detail, e.state.screen) == (1, -1, 0), "Back from its top closes the detail"
    e.open_detail(2)
    for _ in range(3):
        e.next()
    assert (e.state.page, e.state.detail) == (2, -1)
