"""What a student's visit is, what it counts, and when the feedback question is offered. No Qt, no clock of its own.

A *visit* is one student at the screen: it starts with the first tap in the loop and ends when the kiosk goes back
to its loop (idle return), the pack changes, or the kiosk exits. An assembly is a teacher driving the pages for a
hall: its pages count (proof of play) but it is no visit and makes no plan.

Fed every engine state and the clock, `VisitTracker` counts, through a `Counts` sink (kiosk.core.stats.StatsStore):
- each page shown, by the loop or by a tap, and a help page opened by a tap;
- at a visit's end, its length and the number of pages seen, and the plan it made (which options, never who).

The feedback question: by the time a visit has ended the student has gone, so the question comes at the moments
a visit *ends by choice*: the student presses Home, reaches the last page when it is a help page, or the idle
warning starts its countdown. Only after a real visit (`min_seconds` and `min_pages`), once per visit, in foyer
mode. It is never a dialog: any page change or the return to the loop takes it away, and an answer counts once.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Protocol

from kiosk.core import limits
from kiosk.core.engine import State
from kiosk.core.pack import FeedbackQuestion
from kiosk.core.vocab import PageKind, Phase, RunMode

log = logging.getLogger(__name__)


class Counts(Protocol):
    """Where the counts go: kiosk.core.stats.StatsStore, or a list in a test."""

    def count_page(self, pack: str, mode: str, via: str, page: str) -> None: ...

    def count_visit(self, pack: str, mode: str, seconds: float, pages: int) -> None: ...

    def count_event(self, pack: str, mode: str, event: str, item: str = "") -> None: ...

    def count_feedback(self, pack: str, mode: str, question: str, answer: str) -> None: ...


class PageFacts(Protocol):
    @property
    def id(self) -> str: ...

    @property
    def kind(self) -> str: ...


@dataclass(frozen=True)
class OnScreen:
    """What is on screen besides the engine's state: the pack, the run mode, the loop's pages, the questions."""

    pack: str
    mode: RunMode
    pages: Sequence[PageFacts]
    questions: Sequence[FeedbackQuestion] = ()

    def page(self, index: int) -> PageFacts | None:
        return self.pages[index] if 0 <= index < len(self.pages) else None


class Offer(StrEnum):
    """The feedback question's life in one visit."""

    NONE = ""  # not (yet) offered
    OFFERED = "offered"  # showing
    ANSWERED = "answered"  # a face was tapped; the thank-you shows
    DONE = "done"  # answered, skipped, or the student moved on


@dataclass
class _Visit:
    started: float
    pack: str  # kept in case the staff screen changes the pack during the visit
    mode: RunMode
    seen: set[int] = field(default_factory=set)
    saw_plan: bool = False
    plan: tuple[str, ...] = ()


class VisitTracker:
    """Says when a visit starts and ends, counts it, and decides when to offer the feedback question."""

    def __init__(
        self,
        counts: Counts,
        clock: Callable[[], float],
        min_seconds: float = limits.VISIT_MIN_SECONDS,
        min_pages: int = limits.VISIT_MIN_PAGES,
    ) -> None:
        self.counts = counts
        self.clock = clock
        self.min_seconds = min_seconds
        self.min_pages = min_pages
        self.offer = Offer.NONE
        self.question: FeedbackQuestion | None = None
        self.visits = 0  # visits started since the kiosk started: the questions take turns
        self._visit: _Visit | None = None
        self._last: State | None = None

    @property
    def in_visit(self) -> bool:
        return self._visit is not None

    # --- states ---------------------------------------------------------------------------------------------------

    def observe(self, s: State, screen: OnScreen) -> None:
        """The engine's new state: count what it shows, start or end a visit, perhaps offer the question."""
        prev, self._last = self._last, s
        if screen.mode != RunMode.ASSEMBLY and s.phase == Phase.INTERACTIVE:
            if prev is None or prev.phase == Phase.ATTRACT:
                self._start(screen)
        back_to_loop = prev is not None and prev.phase == Phase.INTERACTIVE and s.phase == Phase.ATTRACT
        if back_to_loop:
            self.end()
        page = screen.page(s.page)
        page_changed = prev is None or prev.page != s.page or back_to_loop
        if page_changed and page is not None:
            via = "loop" if s.phase == Phase.ATTRACT else "tap"
            self.counts.count_page(screen.pack, screen.mode, via, page.id)
            if via == "tap" and page.kind == PageKind.HELP:
                self.counts.count_event(screen.pack, screen.mode, "help-opened", page.id)
        if self._visit is not None:
            self._visit.seen.add(s.page)
            self._visit.saw_plan = self._visit.saw_plan or (page is not None and page.kind == PageKind.PLAN)
            self._visit.plan = s.plan
        self._feedback_step(prev, s, screen, page_changed)

    def observe_uncounted(self, s: State) -> None:
        """A state while counting is off: the visit is forgotten uncounted, and no question stays on screen."""
        self._last = s
        self._visit = None
        if self.offer in (Offer.OFFERED, Offer.ANSWERED):
            self.offer = Offer.DONE

    def new_pack(self) -> None:
        """Another pack (staff screen): the visit is over, and the new loop's first page counts."""
        self.end()
        self._last = None

    def _start(self, screen: OnScreen) -> None:
        self._visit = _Visit(self.clock(), screen.pack, screen.mode)
        self.visits += 1
        self.offer, self.question = Offer.NONE, None

    def end(self) -> None:
        """Count the visit in progress, if any: its length, the pages seen, and the plan it made."""
        visit, self._visit = self._visit, None
        if visit is None:
            return
        self.counts.count_visit(visit.pack, visit.mode, self.clock() - visit.started, len(visit.seen))
        if visit.plan:
            self.counts.count_event(visit.pack, visit.mode, "plan-made")
            for option in visit.plan:
                self.counts.count_event(visit.pack, visit.mode, "plan-option", option)

    # --- the feedback question ------------------------------------------------------------------------------------

    def _ends_by_choice(self, prev: State, s: State, screen: OnScreen, page_changed: bool) -> bool:
        page = screen.page(s.page)
        last_is_help = s.page == len(screen.pages) - 1 and page is not None and page.kind == PageKind.HELP
        return (
            (s.warning and not prev.warning)
            or (page_changed and s.page == 0 and prev.page != 0)
            or (page_changed and last_is_help)
        )

    def _feedback_step(self, prev: State | None, s: State, screen: OnScreen, page_changed: bool) -> None:
        if self.offer in (Offer.OFFERED, Offer.ANSWERED) and (s.phase == Phase.ATTRACT or page_changed):
            self.offer = Offer.DONE  # ignored: it never follows the student to another page or into the loop
        visit = self._visit
        if self.offer != Offer.NONE or prev is None or s.phase != Phase.INTERACTIVE or visit is None:
            return
        if screen.mode != RunMode.FOYER or not screen.questions:
            return
        if not self._ends_by_choice(prev, s, screen, page_changed):
            return
        if self.clock() - visit.started < self.min_seconds or len(visit.seen) < self.min_pages:
            return
        eligible = [q for q in screen.questions if q.after == "any" or visit.saw_plan]
        if not eligible:
            return
        self.question = eligible[self.visits % len(eligible)]
        self.counts.count_event(screen.pack, screen.mode, "feedback-offered", self.question.id)
        self.offer = Offer.OFFERED

    @property
    def showing(self) -> bool:
        return self.offer in (Offer.OFFERED, Offer.ANSWERED)

    def answer(self, answer_id: str, screen: OnScreen) -> bool:
        """A face was tapped: True when it counted (once per question, and only a known answer)."""
        question = self.question
        if self.offer != Offer.OFFERED or question is None:
            return False
        if answer_id not in [a.id for a in question.answers]:
            log.warning("statistics: unknown answer %r to %r", answer_id, question.id)
            return False
        self.counts.count_feedback(screen.pack, screen.mode, question.id, answer_id)
        self.offer = Offer.ANSWERED
        return True

    def dismiss(self) -> None:
        """Skipped, or the thank-you has shown long enough."""
        if self.showing:
            self.offer = Offer.DONE

    def thanks_over(self) -> None:
        if self.offer == Offer.ANSWERED:
            self.offer = Offer.DONE
