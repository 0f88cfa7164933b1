"""The loop engine on a fake clock: timing, input, idle return, and a week of looping in milliseconds."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from kiosk.core.engine import Engine
from kiosk.core.vocab import Phase


@dataclass(frozen=True)
class P:
    kind: str = "info"
    duration: float = 10.0
    panel_count: int = 0


PAGES = [P("poster", 8), P("story", 12, 3), P("tips", 10), P("plan", 10), P("help", 10), P("help", 10)]


def make(clock, **kw) -> Engine:
    return Engine(PAGES, clock, idle_timeout=kw.pop("idle_timeout", 60), **kw)


def test_attract_loop_uses_each_page_duration(clock) -> None:
    e = make(clock)
    assert (e.state.phase, e.state.page) == (Phase.ATTRACT, 0)
    clock.advance(7.9)
    e.update()
    assert e.state.page == 0
    clock.advance(0.2)
    e.update()
    assert e.state.page == 1 and e.state.panel == 1


def test_story_panels_reveal_one_by_one_then_page_moves_on(clock) -> None:
    e = make(clock)
    clock.advance(8)
    e.update()
    seen = []
    for _ in range(12):
        clock.advance(1)
        e.update()
        seen.append((e.state.page, e.state.panel))
    # 12 s over 3 panels: a new panel every 3 s, the last one lingers, then the tips page.
    assert seen[2] == (1, 2) and seen[5] == (1, 3) and seen[-1] == (2, 0)


def test_loop_wraps_to_the_start(clock) -> None:
    e = make(clock)
    clock.advance(sum(p.duration for p in PAGES) + 0.01)
    e.update()
    assert e.state.page == 0


def test_tap_enters_interactive_and_stops_auto_advance(clock) -> None:
    e = make(clock)
    e.touch()
    assert e.state.phase == Phase.INTERACTIVE and e.state.page == 0
    clock.advance(30)
    e.update()
    assert e.state.page == 0, "pages must not move on by themselves while someone is reading"


def test_next_reveals_story_panels_before_moving_on(clock) -> None:
    e = make(clock)
    e.go_to(1)
    assert e.state.panel == 1
    e.next()
    e.next()
    assert (e.state.page, e.state.panel) == (1, 3)
    e.next()
    assert (e.state.page, e.state.panel) == (2, 0)
    e.prev()
    assert (e.state.page, e.state.panel) == (1, 3), "going back into a story shows it fully revealed"


def test_prev_closes_a_detail_before_leaving_the_page(clock) -> None:
    e = make(clock)
    e.go_to(2)
    e.open_detail(4)
    e.prev()
    assert (e.state.page, e.state.detail) == (2, -1)


def test_help_goes_to_help_and_again_to_the_next_help_page(clock) -> None:
    e = make(clock)
    e.touch()
    e.help()
    assert e.state.page == 4
    e.help()
    assert e.state.page == 5
    e.help()
    assert e.state.page == 4


def test_idle_warns_then_returns_to_the_loop_and_clears_the_plan(clock) -> None:
    e = make(clock)
    e.go_to(3)
    e.toggle_plan("say-no")
    e.toggle_plan("block")
    assert e.state.plan == ("say-no", "block")
    clock.advance(49.9)
    e.update()
    assert not e.state.warning
    clock.advance(0.2)
    e.update()
    assert e.state.warning and e.state.phase == Phase.INTERACTIVE
    clock.advance(10)
    e.update()
    assert (e.state.phase, e.state.page, e.state.plan, e.state.warning) == (Phase.ATTRACT, 0, (), False)


def test_a_tap_during_the_warning_cancels_it(clock) -> None:
    e = make(clock)
    e.go_to(3)
    e.toggle_plan("say-no")
    clock.advance(55)
    e.update()
    assert e.state.warning
    e.touch()
    assert not e.state.warning and e.state.plan == ("say-no",)
    clock.advance(49)
    e.update()
    assert e.state.phase == Phase.INTERACTIVE and not e.state.warning


def test_toggle_plan_twice_removes_the_choice(clock) -> None:
    e = make(clock)
    e.toggle_plan("humour")
    e.toggle_plan("humour")
    assert e.state.plan == ()


def test_no_deadline_when_nothing_is_due(clock) -> None:
    e = make(clock, idle_timeout=None, auto_advance=False)
    e.touch()
    assert e.next_deadline() is None
    e2 = make(clock, auto_advance=False)
    assert e2.next_deadline() is None, "presenter mode's attract state never moves by itself"


def test_a_week_of_looping_with_visits_stays_consistent(clock) -> None:
    e = make(clock)
    changes = []
    e.subscribe(lambda s: changes.append(s))
    week = 7 * 24 * 3600
    end = clock.now + week
    step = 0
    while clock.now < end:
        deadline = e.next_deadline()
        assert deadline is not None
        clock.now = max(clock.now, deadline)
        e.update()
        step += 1
        if step % 500 == 0:  # a visitor every so often, who then walks away
            e.touch()
            e.next()
            e.toggle_plan("say-no")
    assert e.state.phase == Phase.ATTRACT or e.state.warning or e.state.phase == Phase.INTERACTIVE
    loop_seconds = sum(p.duration for p in PAGES)
    assert len(changes) > week / loop_seconds * len(PAGES), "the loop kept advancing all week"
    # idle always came back: the last visitor's plan is gone within a minute and a bit
    clock.advance(61)
    e.update()
    assert e.state.phase == Phase.ATTRACT and e.state.plan == ()


def test_clock_jump_is_absorbed(clock) -> None:
    e = make(clock)
    clock.advance(10 * 24 * 3600)  # a laptop lid closed over a holiday
    e.update()
    assert 0 <= e.state.page < len(PAGES)
    assert e.next_deadline() is not None and e.next_deadline() > clock.now - 1e-6


def test_engine_needs_pages(clock) -> None:
    with pytest.raises(ValueError):
        Engine([], clock)


def test_go_to_kind_finds_the_first_page_of_that_kind(clock) -> None:
    e = make(clock)
    e.go_to_kind("plan")
    assert e.state.page == 3 and e.state.phase == Phase.INTERACTIVE
    e.go_to_kind("video")
    assert e.state.page == 3


def presenter(clock) -> Engine:
    return Engine(PAGES, clock, idle_timeout=None, auto_advance=False, wrap=False)


def test_presenter_never_moves_by_itself_and_stops_at_the_ends(clock) -> None:
    e = presenter(clock)
    clock.advance(3600)
    e.update()
    assert e.state.page == 0 and e.next_deadline() is None
    e.prev()
    assert e.state.page == 0
    e.end()
    e.next()
    assert e.state.page == len(PAGES) - 1


def test_presenter_story_advances_panel_by_panel(clock) -> None:
    e = presenter(clock)
    e.next()
    assert (e.state.page, e.state.panel) == (1, 1)
    e.next()
    e.next()
    e.next()
    assert (e.state.page, e.state.panel) == (2, 0)


def test_blanking_toggles_and_the_next_key_only_unblanks(clock) -> None:
    e = presenter(clock)
    e.go_to(2)
    e.set_blank("black")
    assert e.state.blank == "black"
    e.set_blank("white")
    assert e.state.blank == "white"
    e.next()
    assert (e.state.blank, e.state.page) == ("", 2)
    e.set_blank("black")
    e.set_blank("black")
    assert e.state.blank == ""
    e.set_blank("white")
    e.home()
    assert (e.state.blank, e.state.page) == ("", 0)


# --- drawing the next page ahead of a timed change (PageHost.qml, kiosk.ui.controller) ---------------------------


def test_the_loop_names_its_next_page_change_and_when_to_draw_it_ahead(clock) -> None:
    e = make(clock)
    start = clock.now
    assert e.next_page_change() == (start + 8, 1)
    # a second before the poster's time is up, once the screen is still
    assert e.predraw(lead=1.0, still_after=0.7) == (start + 7, 1)
    clock.advance(8)
    e.update()
    # on the story, panels come first: no page change is next until the last panel is shown
    assert e.next_page_change() is None and e.predraw() is None
    for _ in range(2):
        clock.advance(4)
        e.update()
    assert e.state.panel == 3
    change = e.next_page_change()
    assert change is not None and change[1] == 2
    at = e.predraw(lead=1.0, still_after=0.7)
    assert at is not None and at[0] == pytest.approx(change[0] - 1.0)


def test_nothing_is_drawn_ahead_before_the_screen_is_still_or_without_a_timed_change(clock) -> None:
    e = make(clock)
    # a page change due sooner than the last change's animation ends: no still moment, nothing drawn ahead
    assert e.predraw(lead=1.0, still_after=8.5) is None
    e.touch()  # a visitor: nothing changes page by itself until the idle warning
    assert e.next_page_change() is None and e.predraw() is None
    assert Engine(PAGES, clock, auto_advance=False).predraw() is None
    assert Engine([P("poster", 8)], clock).next_page_change() is None  # one page: the loop stays on it


def test_the_idle_return_draws_the_first_page_ahead(clock) -> None:
    e = make(clock, idle_timeout=60)
    e.touch()
    e.go_to(3)
    clock.advance(50)
    e.update()
    assert e.state.warning
    change = e.next_page_change()
    assert change is not None and change[1] == 0
    assert e.predraw(lead=1.0, still_after=0.7) == (change[0] - 1.0, 0)


def test_tap_targets_are_the_pages_next_back_and_home_would_show_in_a_visit(clock) -> None:
    """What the kiosk draws ahead while a visitor reads (kiosk.ui.controller): only real page changes."""
    pages = [P("poster"), P("story", panel_count=3), P("info"), P("tips"), P("help")]
    e = Engine(pages, clock, idle_timeout=None)
    assert e.tap_targets() == (None, None, None)  # the loop: its own timed change, nothing for a tap
    e.touch()
    assert e.tap_targets() == (1, 4, None)  # on the first page, Back goes round to the last; Home is here
    e.go_to(1)  # a story at its first panel: Next shows a panel, Back the page before
    assert e.tap_targets() == (None, 0, None)
    e.next()
    e.next()  # its last panel: Next leaves it; Back shows a panel
    assert e.tap_targets() == (2, None, 0)
    e.go_to(3)
    e.open_detail(0)  # a tip's detail: Next goes on, Back closes the detail
    assert e.tap_targets() == (4, None, 0)
