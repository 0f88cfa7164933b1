"""A student's visit without Qt: when it starts and ends, what it counts, when the feedback question is offered."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from kiosk.core.engine import Engine
from kiosk.core.pack import DEFAULT_FEEDBACK, FeedbackQuestion
from kiosk.core.visit import Offer, OnScreen, VisitTracker
from kiosk.core.vocab import RunMode

from ..conftest import FakeClock


@dataclass(frozen=True)
class P:
    id: str
    kind: str
    duration: float = 10.0
    panel_count: int = 0


PAGES = [P("poster", "poster"), P("tips", "tips"), P("plan", "plan"), P("help", "help"), P("report", "help")]


class Counts:
    def __init__(self) -> None:
        self.calls: list[tuple[Any, ...]] = []

    def count_page(self, pack: str, mode: str, via: str, page: str) -> None:
        self.calls.append(("page", mode, via, page))

    def count_visit(self, pack: str, mode: str, seconds: float, pages: int) -> None:
        self.calls.append(("visit", mode, seconds, pages))

    def count_event(self, pack: str, mode: str, event: str, item: str = "") -> None:
        self.calls.append(("event", event, item))

    def count_feedback(self, pack: str, mode: str, question: str, answer: str) -> None:
        self.calls.append(("feedback", question, answer))

    def of(self, kind: str) -> list[tuple[Any, ...]]:
        return [c for c in self.calls if c[0] == kind]


def rig(clock, mode: RunMode = RunMode.FOYER, questions: tuple[FeedbackQuestion, ...] = DEFAULT_FEEDBACK):
    engine = Engine(PAGES, clock, idle_timeout=60, wrap=mode != RunMode.ASSEMBLY)
    counts = Counts()
    tracker = VisitTracker(counts, clock)
    screen = OnScreen("pack", mode, PAGES, questions)
    engine.subscribe(lambda s: tracker.observe(s, screen))
    tracker.observe(engine.state, screen)
    return engine, tracker, counts, screen


def test_a_visit_counts_its_length_pages_and_plan_once_it_is_back_in_the_loop(clock) -> None:
    engine, tracker, counts, _ = rig(clock)
    assert counts.of("page") == [("page", "foyer", "loop", "poster")]
    engine.touch()
    assert tracker.in_visit
    engine.go_to(2)
    engine.toggle_plan("say-no")
    engine.go_to(3)
    clock.advance(45)
    assert counts.of("visit") == [], "nothing is counted before the visit ends"
    clock.advance(15.5)
    engine.update()  # the idle warning, then the loop (60 s after the last tap)
    assert not tracker.in_visit
    assert counts.of("visit") == [("visit", "foyer", 60.5, 3)]
    assert ("event", "plan-made", "") in counts.calls and ("event", "plan-option", "say-no") in counts.calls
    assert ("event", "help-opened", "help") in counts.calls
    assert counts.of("page")[-1] == ("page", "foyer", "loop", "poster"), "the loop's first page counts again"


def test_an_assembly_counts_pages_but_is_no_visit(clock) -> None:
    engine, tracker, counts, _ = rig(clock, RunMode.ASSEMBLY)
    engine.next()
    engine.next()
    assert not tracker.in_visit and tracker.offer == Offer.NONE
    assert [c[2] for c in counts.of("page")] == ["loop", "tap", "tap"]
    tracker.end()
    assert counts.of("visit") == []


def test_the_question_comes_when_a_real_visit_ends_by_choice_and_an_answer_counts_once(clock) -> None:
    engine, tracker, counts, screen = rig(clock)
    engine.touch()
    engine.go_to(1)
    clock.advance(5)
    engine.home()
    assert tracker.offer == Offer.NONE, "too short a visit is not asked"
    engine.go_to(2)
    clock.advance(30)
    engine.home()
    assert tracker.offer == Offer.OFFERED and tracker.question is not None
    assert ("event", "feedback-offered", tracker.question.id) in counts.calls
    answer = tracker.question.answers[0].id
    assert not tracker.answer("not-an-answer", screen)
    assert tracker.answer(answer, screen) and not tracker.answer(answer, screen)
    assert counts.of("feedback") == [("feedback", tracker.question.id, answer)]
    tracker.thanks_over()
    assert tracker.offer == Offer.DONE and not tracker.showing
    engine.go_to(1)
    engine.home()
    assert tracker.offer == Offer.DONE, "once per visit"


def test_the_question_never_follows_the_student_to_another_page(clock) -> None:
    engine, tracker, _, _ = rig(clock)
    engine.touch()
    engine.go_to(2)
    clock.advance(30)
    engine.go_to(len(PAGES) - 1)  # the last page is a help page: the visit ends by choice
    assert tracker.showing
    engine.prev()
    assert tracker.offer == Offer.DONE


def test_the_idle_warning_offers_it_and_a_parents_evening_never_asks(clock) -> None:
    engine, tracker, _, _ = rig(clock)
    engine.touch()
    engine.go_to(1)
    clock.advance(50)
    engine.update()
    assert engine.state.warning and tracker.showing
    engine, tracker, _, _ = rig(clock, RunMode.PARENTS)
    engine.touch()
    engine.go_to(1)
    clock.advance(50)
    engine.update()
    assert engine.state.warning and not tracker.showing


def test_a_plan_only_question_waits_for_a_visit_that_saw_the_plan(clock) -> None:
    plan_only = tuple(q for q in DEFAULT_FEEDBACK if q.after == "plan") or (
        FeedbackQuestion("plan", "Did it help?", DEFAULT_FEEDBACK[0].answers, after="plan"),
    )
    engine, tracker, _, _ = rig(clock, questions=plan_only)
    engine.touch()
    engine.go_to(1)
    clock.advance(30)
    engine.home()
    assert not tracker.showing
    engine.go_to(2)
    engine.home()
    assert tracker.showing


def test_counting_switched_off_forgets_the_visit_and_withdraws_the_question(clock) -> None:
    engine, tracker, counts, _ = rig(clock)
    engine.touch()
    engine.go_to(2)
    clock.advance(30)
    engine.home()
    assert tracker.showing
    tracker.observe_uncounted(engine.state)
    assert not tracker.showing and not tracker.in_visit
    tracker.end()
    assert counts.of("visit") == []


def test_a_new_pack_ends_the_visit(clock) -> None:
    engine, tracker, counts, _ = rig(clock)
    engine.touch()
    clock.advance(12)
    tracker.new_pack()
    assert counts.of("visit") == [("visit", "foyer", 12.0, 1)] and not tracker.in_visit


STEPS = st.lists(
    st.one_of(
        st.sampled_from(["touch", "next", "prev", "home", "help", "plan", "update"]),
        st.floats(0.5, 90.0),  # the clock moves on, then whatever fell due happens
    ),
    max_size=60,
)


@given(STEPS, st.sampled_from(list(RunMode)))
def test_every_visit_counts_once_and_the_question_at_most_once_per_visit(steps: list[Any], mode: RunMode) -> None:
    clock = FakeClock()
    engine, tracker, counts, _ = rig(clock, mode)
    for step in steps:
        if isinstance(step, float):
            clock.advance(step)
            engine.update()
        elif step == "plan":
            engine.toggle_plan("say-no")
        else:
            getattr(engine, step)()
    tracker.end()
    offers = [c for c in counts.of("event") if c[1] == "feedback-offered"]
    if mode == RunMode.ASSEMBLY:
        assert tracker.visits == 0 and counts.of("visit") == [] and offers == []
    else:
        assert len(counts.of("visit")) == tracker.visits, "each visit that started is counted exactly once"
        assert len(offers) <= tracker.visits
    if mode != RunMode.FOYER:
        assert offers == []
    for _, _, seconds, pages in counts.of("visit"):
        assert seconds >= 0 and 1 <= pages <= len(PAGES)
