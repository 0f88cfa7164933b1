"""The kiosk's behaviour as a plain state machine: attract loop, interactive mode, idle return.

No Qt here: time comes from an injectable clock, so a week of looping runs in a test in milliseconds.
The UI asks `next_deadline()` and sets one single-shot timer for it, so nothing ticks when nothing is due.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Protocol

from kiosk.core.limits import IDLE_WARNING_SECONDS, MOTION_SECONDS, PREDRAW_LEAD_SECONDS
from kiosk.core.vocab import Blank, PageKind, Phase

log = logging.getLogger(__name__)


class PageTiming(Protocol):
    """What the engine needs to know of a page."""

    @property
    def kind(self) -> str: ...

    @property
    def duration(self) -> float: ...

    @property
    def panel_count(self) -> int: ...


@dataclass(frozen=True)
class State:
    """Everything the screen shows that can change. Immutable, so a change is a new State."""

    phase: Phase = Phase.ATTRACT
    page: int = 0
    panel: int = 0  # story pages: how many panels are revealed (1..n); 0 elsewhere
    detail: int = -1  # tips page: the open tip, or -1
    plan: tuple[str, ...] = ()  # make-your-plan choices, in the order chosen; never stored
    warning: bool = False  # the idle warning is showing
    blank: Blank = Blank.NONE  # assembly mode: a black or white screen, or NONE when the page shows
    screen: int = 0  # a page taller than the screen (200 % text): which screenful is on show, from 0


class Engine:
    """Drives the pages. Call `update()` when `next_deadline()` passes and the action methods on input."""

    def __init__(
        self,
        pages: Sequence[PageTiming],
        clock: Callable[[], float] = time.monotonic,
        idle_timeout: float | None = 60.0,
        warn_seconds: float = IDLE_WARNING_SECONDS,
        auto_advance: bool = True,
        wrap: bool = True,
    ) -> None:
        if not pages:
            raise ValueError("the engine needs at least one page")
        self.pages = list(pages)
        self.clock = clock
        self.idle_timeout = idle_timeout
        self.warn_seconds = min(warn_seconds, idle_timeout / 2) if idle_timeout else warn_seconds
        self.auto_advance = auto_advance
        self.wrap = wrap  # the foyer loops round; an assembly stops at its last page
        self._listeners: list[Callable[[State], None]] = []
        now = clock()
        self._page_started = now
        self._last_input = now
        self._changed_at = now
        # How many screenfuls the page on show takes; the view says (set_screens), as only it knows the words' size.
        self._screens = 1
        # A story's screenfuls panel by panel, per page (set_panel_screens): with larger text a panel whose caption
        # does not fit beside its art takes two, one whose caption fits takes one. Kept for every story, not only the
        # one on show, so Back onto a story arrives at its last screenful and Back within it at the panel before's.
        self._panel_screens: dict[int, tuple[int, ...]] = {}
        self.state = State(page=0, panel=self._first_panel(0, False))

    @property
    def screens(self) -> int:
        """How many screenfuls the page on show takes: a story's panel on show's, where the view said them."""
        counts = self._story_screens(self.state.page)
        return counts[max(1, self.state.panel) - 1] if counts else self._screens

    @screens.setter
    def screens(self, count: int) -> None:
        self._screens = count

    def _story_screens(self, index: int) -> tuple[int, ...] | None:
        """A story's screenfuls per panel as its view said them, or None (not a story, or not said for these panels)."""
        counts = self._panel_screens.get(index)
        return counts if counts and len(counts) == self.pages[index].panel_count else None

    def _last_screen(self, index: int, panel: int) -> int:
        """The last screenful of a story's panel (1..n): its caption where the panel takes two."""
        counts = self._story_screens(index)
        return counts[panel - 1] - 1 if counts else self._screens - 1

    # --- observers ---------------------------------------------------------------------------------------

    def subscribe(self, listener: Callable[[State], None]) -> None:
        self._listeners.append(listener)

    def _set(self, state: State) -> None:
        if state != self.state:
            self.state = state
            self._changed_at = self.clock()
            for listener in self._listeners:
                listener(state)

    # --- time --------------------------------------------------------------------------------------------

    def _panel_interval(self, index: int) -> float:
        page = self.pages[index]
        return page.duration / (page.panel_count + 1)

    def next_deadline(self) -> float | None:
        """When the state changes by itself next (clock time), or None if it never will without input."""
        s = self.state
        if s.phase == Phase.ATTRACT:
            if not self.auto_advance:
                return None
            page = self.pages[s.page]
            counts = self._story_screens(s.page)
            if page.panel_count and (counts or self._screens > 1):  # panels in two screenfuls (larger text)
                interval = self._panel_interval(s.page)
                here = self.screens  # each screenful of a panel its share of the panel's time
                if s.screen < here - 1:
                    return self._page_started + (s.panel - 1 + (s.screen + 1) / here) * interval
                if s.panel < page.panel_count:
                    return self._page_started + s.panel * interval
                return self._page_started + page.duration
            if page.panel_count and s.panel < page.panel_count:
                return self._page_started + s.panel * self._panel_interval(s.page)
            if s.screen < self.screens - 1:  # the loop steps through a tall page in its time, never half-scrolled
                return self._page_started + (s.screen + 1) * page.duration / self.screens
            return self._page_started + page.duration
        if self.idle_timeout is None:
            return None
        if not s.warning:
            return self._last_input + self.idle_timeout - self.warn_seconds
        return self._last_input + self.idle_timeout

    def next_page_change(self) -> tuple[float, int] | None:
        """When the kiosk moves to another page by itself next, and to which: (clock time, page index). None when
        something else comes first (a story panel, the idle warning) or nothing will happen without input."""
        deadline = self.next_deadline()
        s = self.state
        if deadline is None:
            return None
        if s.phase == Phase.ATTRACT:
            page = self.pages[s.page]
            if (page.panel_count and s.panel < page.panel_count) or s.screen < self.screens - 1:
                return None
            target = (s.page + 1) % len(self.pages)
        elif s.warning:
            target = 0  # the idle return
        else:
            return None
        return (deadline, target) if target != s.page else None

    def predraw(
        self, lead: float = PREDRAW_LEAD_SECONDS, still_after: float = MOTION_SECONDS
    ) -> tuple[float, int] | None:
        """When to draw the next page ahead of a timed page change, and which: `lead` seconds before it, but not
        before the screen is still (`still_after` seconds after the last change, whose animation may still run).
        None when there is no timed change or no still moment before it (a very short page)."""
        change = self.next_page_change()
        if change is None:
            return None
        at = max(change[0] - lead, self._changed_at + still_after)
        return (at, change[1]) if at < change[0] else None

    def tap_targets(self) -> tuple[int | None, int | None, int | None]:
        """The pages a visitor's Next, Back and Home would show, when they change page and are not one of the others:
        (next, back, home). None where they would not (another screenful of a page or a tip's detail taller than
        the screen, a story's next or previous panel, a tip's detail closing, the end of an assembly, a blank
        screen) or outside a visit (the loop has its own timed change, `next_page_change`). As `next` and `prev`
        decide: Next changes page only from a page's last screenful, Back only from its first, so nothing is drawn
        ahead that the next tap does not show."""
        s = self.state
        if s.phase != Phase.INTERACTIVE or s.blank or s.warning:  # the warning: the idle return comes next
            return (None, None, None)
        n = len(self.pages)
        count = self.pages[s.page].panel_count
        ahead: int | None = None
        steps_within = s.screen < self.screens - 1 or (s.detail < 0 and count and s.panel < count)
        if not steps_within and (self.wrap or s.page < n - 1):
            ahead = (s.page + 1) % n
        back: int | None = None
        if s.detail < 0 and s.screen == 0 and not (count and s.panel > 1) and (self.wrap or s.page > 0):
            back = (s.page - 1) % n
        ahead = None if ahead == s.page else ahead
        back = None if back == s.page else back
        home = None if 0 in (s.page, ahead, back) else 0
        return (ahead, back, home)

    @property
    def last_change(self) -> float:
        """When the state last changed (clock time): the screen is still once that change's animation is over."""
        return self._changed_at

    def idle_deadline(self) -> float | None:
        """When an interactive visit returns to the loop, for the warning's countdown."""
        if self.state.phase != Phase.INTERACTIVE or self.idle_timeout is None:
            return None
        return self._last_input + self.idle_timeout

    def update(self) -> None:
        """Apply everything that has fallen due by now (several steps if the clock jumped)."""
        now = self.clock()
        for _ in range(10_000):
            deadline = self.next_deadline()
            if deadline is None or deadline > now:
                return
            self._step(deadline)
        log.warning("update: too many steps due at once; resynchronising the loop")
        self._page_started = now

    def _step(self, at: float) -> None:
        s = self.state
        if s.phase == Phase.ATTRACT:
            page = self.pages[s.page]
            if s.screen < self.screens - 1:  # a tall page's next screenful; a story's panel's (larger text)
                self._set(replace(s, screen=s.screen + 1))
                return
            if page.panel_count and s.panel < page.panel_count:
                self._set(replace(s, panel=s.panel + 1, screen=0))
                return
            self._page_started = at
            target = (s.page + 1) % len(self.pages)
            self.screens = 1
            self._set(replace(s, page=target, panel=self._first_panel(target, False), detail=-1, screen=0))
            return
        if not s.warning:
            self._set(replace(s, warning=True))
            return
        log.info("idle for %.0f s: back to the loop, plan cleared", self.idle_timeout or 0)
        self._page_started = at
        self.screens = 1
        self._set(State(phase=Phase.ATTRACT, page=0, panel=self._first_panel(0, False)))

    # --- input -------------------------------------------------------------------------------------------

    def _input(self) -> State:
        """Any touch, key or click: enter interactive mode and restart the idle countdown."""
        self._last_input = self.clock()
        s = self.state
        if s.phase == Phase.ATTRACT or s.warning:
            s = replace(s, phase=Phase.INTERACTIVE, warning=False)
        return s

    def _first_panel(self, index: int, from_end: bool) -> int:
        count = self.pages[index].panel_count
        return (count if from_end else 1) if count else 0

    def _enter(self, s: State, index: int, from_end: bool = False) -> State:
        self._page_started = self.clock()
        index = index % len(self.pages) if self.wrap else max(0, min(index, len(self.pages) - 1))
        if index != s.page:
            self.screens = 1  # until the new page's view says how tall it is
        panel = self._first_panel(index, from_end)
        # Back onto a story: its last panel as Back within it shows a panel, at its last screenful (its caption)
        screen = max(0, self._last_screen(index, panel)) if from_end and self._story_screens(index) else 0
        return replace(s, page=index, panel=panel, detail=-1, blank=Blank.NONE, screen=screen)

    def touch(self) -> None:
        self._set(self._input())

    def next(self) -> None:
        s = self._input()
        if s.blank:  # as in presentation software: the first key after blanking only brings the page back
            self._set(replace(s, blank=Blank.NONE))
            return
        count = self.pages[s.page].panel_count
        # a tall page: the next screenful before the next page (a story's panel in two: its art, then its caption;
        # a tip's detail taller than the screen: its screenfuls, then the next page, issue 21)
        if s.screen < self.screens - 1:
            self._set(replace(s, screen=s.screen + 1))
        elif s.detail < 0 and count and s.panel < count:
            self._set(replace(s, panel=s.panel + 1, screen=0))
        elif self.wrap or s.page < len(self.pages) - 1:
            self._set(self._enter(s, s.page + 1))
        else:
            self._set(s)

    def prev(self) -> None:
        s = self._input()
        if s.blank:
            self._set(replace(s, blank=Blank.NONE))
        elif s.screen > 0:  # a tall page or a tip's detail: the screenful before, then (detail) the list
            self._set(replace(s, screen=s.screen - 1))
        elif s.detail >= 0:
            self._set(replace(s, detail=-1))
        elif self.pages[s.page].panel_count and s.panel > 1:  # the panel before, at its last screenful
            self._set(replace(s, panel=s.panel - 1, screen=self._last_screen(s.page, s.panel - 1)))
        elif self.wrap or s.page > 0:
            self._set(self._enter(s, s.page - 1, from_end=True))
        else:
            self._set(s)

    def home(self) -> None:
        self._set(self._enter(self._input(), 0))

    def go_to(self, index: int) -> None:
        if 0 <= index < len(self.pages):
            self._set(self._enter(self._input(), index))

    def help(self) -> None:
        """The first help page after the current one (so pressing help twice reaches the report page)."""
        s = self._input()
        n = len(self.pages)
        for step in range(1, n + 1):
            index = (s.page + step) % n if self.pages[s.page].kind == PageKind.HELP else (step - 1)
            if self.pages[index].kind == PageKind.HELP:
                self._set(self._enter(s, index))
                return
        self._set(s)

    def end(self) -> None:
        self._set(self._enter(self._input(), len(self.pages) - 1))

    def set_blank(self, colour: Blank | str) -> None:
        """Black or white the screen (the same key again brings the page back); Blank.NONE unblanks."""
        s = self._input()
        wanted = Blank(colour)
        self._set(replace(s, blank=Blank.NONE if wanted == s.blank else wanted))

    def go_to_kind(self, kind: str) -> None:
        """The first page of a kind (a poster's call to action leads to the plan)."""
        s = self._input()
        index = next((n for n, p in enumerate(self.pages) if p.kind == kind), None)
        self._set(self._enter(s, index) if index is not None else s)

    def open_detail(self, index: int) -> None:
        """A tip's detail opens at its top, whichever screenful of the list was on show (larger text)."""
        self._set(replace(self._input(), detail=index, screen=0))

    def close_detail(self) -> None:
        self._set(replace(self._input(), detail=-1, screen=0))

    def toggle_plan(self, option: str) -> None:
        s = self._input()
        plan = tuple(o for o in s.plan if o != option) if option in s.plan else s.plan + (option,)
        self._set(replace(s, plan=plan))

    def clear_plan(self) -> None:
        self._set(replace(self._input(), plan=()))

    def set_screens(self, count: int) -> None:
        """The view's word on how many screenfuls the page on show takes (1 when it fits): Next and the loop step
        through them like a story's panels. A screen past the new count is let go."""
        self._screens = max(1, count)
        self._clamp_screen()

    def set_panel_screens(self, index: int, counts: Sequence[int]) -> None:
        """The view's word on how many screenfuls each panel of the story `index` takes (larger text: two where its
        caption does not fit beside its art, StoryPage.qml). Ignored unless one count per panel."""
        if not 0 <= index < len(self.pages) or len(counts) != self.pages[index].panel_count:
            return
        self._panel_screens[index] = tuple(max(1, int(c)) for c in counts)
        if index == self.state.page:
            self._clamp_screen()

    def _clamp_screen(self) -> None:
        s = self.state
        if s.screen > self.screens - 1:
            self._set(replace(s, screen=self.screens - 1))

    def show_screen(self, screen: int) -> None:
        """A visitor scrolled the page by hand: Next and Back go on from the screenful now at the top."""
        self._set(replace(self._input(), screen=max(0, min(screen, self.screens - 1))))

    def reset(self) -> None:
        """Back to the start of the loop with nothing remembered (idle return, pack change)."""
        self._page_started = self.clock()
        self.screens = 1
        self._set(State(phase=Phase.ATTRACT, page=0, panel=self._first_panel(0, False)))
