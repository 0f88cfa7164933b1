"""Turns the kiosk's state changes into anonymous counts, and runs the end-of-visit feedback question.

Listens to `controller.stateChanged` and only enqueues (StatsStore.count_* is a queue.put, a few microseconds):
the disk is touched on the store's worker thread. Exposed to QML as `stats` for the feedback row and the staff
screen's charts. With no store (`--no-stats`) or the staff switch off it counts nothing and asks nothing.

When the question appears: a visit has ended when the kiosk goes back to its loop, but by then the student has
gone, so the question comes at the moments a visit *ends by choice*: the student presses Home, reaches the last
help page, or the idle warning starts its countdown. Only after a real visit (at least `min_seconds` and two
pages), once per visit, in foyer mode. It is a row at the bottom of the screen, never a dialog: navigation
works as before, any page change or the idle return takes it away, and a tap on a face counts once.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Property, QObject, QTimer, Signal, Slot

from kiosk.core.engine import ATTRACT, INTERACTIVE, State
from kiosk.core.pack import FeedbackQuestion
from kiosk.ui.controller import KioskController

if TYPE_CHECKING:  # not imported at run time: a build without sqlite3 still starts, without counting
    from kiosk.core.stats import StatsStore

log = logging.getLogger(__name__)

MIN_SESSION_SECONDS = 20.0
MIN_SESSION_PAGES = 2
THANKS_MS = 2500
RUN_MODES = ("foyer", "assembly", "parents")  # as kiosk.core.stats.RUN_MODES


class StatsRecorder(QObject):
    """Exposed to QML as `stats`."""

    feedbackChanged = Signal()

    def __init__(
        self,
        controller: KioskController,
        store: StatsStore | None,
        enabled: Callable[[], bool] = lambda: True,
        clock: Callable[[], float] | None = None,
        min_seconds: float = MIN_SESSION_SECONDS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.controller = controller
        self.store = store
        self._enabled = enabled
        self._clock = clock or controller._clock  # the engine's clock: session lengths follow the same time
        self._min_seconds = min_seconds
        self._last: State | None = None
        self._session_start: float | None = None
        self._session_pack = ""  # the visit's pack and mode, kept in case the staff screen changes the pack
        self._session_mode = "foyer"
        self._visited: set[int] = set()
        self._saw_plan = False
        self._plan: tuple[str, ...] = ()
        self._sessions = 0
        self._offer = ""  # "", "offered", "answered" (thanks showing), "done" (answered, skipped or gone)
        self._question: FeedbackQuestion | None = None
        self._thanks = QTimer(self)
        self._thanks.setSingleShot(True)
        self._thanks.setInterval(THANKS_MS)
        self._thanks.timeout.connect(self._hide_thanks)
        controller.packChanged.connect(self._on_pack)
        controller.stateChanged.connect(self._on_state)
        self._on_state()

    # --- counting --------------------------------------------------------------------------------------------

    @property
    def active(self) -> bool:
        return self.store is not None and bool(self._enabled())

    def _mode(self) -> str:
        mode = str(self.controller.property("runMode"))
        return mode if mode in RUN_MODES else "foyer"

    def _page(self, index: int) -> Any:
        engine = self.controller.engine
        return engine.pages[index] if engine is not None and 0 <= index < len(engine.pages) else None

    def _on_pack(self) -> None:
        """A new pack (staff screen): the old visit is over, and the new loop's first page counts."""
        self._end_session()
        self._last = None

    def _on_state(self) -> None:
        try:
            self._record(self.controller.state)
        except Exception:  # counting must never disturb the kiosk
            log.exception("statistics: could not record a state change")

    def _record(self, s: State) -> None:
        prev, self._last = self._last, s
        if not self.active:
            self._session_start = None
            if self._offer in ("offered", "answered"):
                self._set_offer("done")
            return
        assert self.store is not None
        pack, mode = self.controller.pack.id, self._mode()
        # A visit is one student at the screen; an assembly is a teacher driving the pages for a hall, so its
        # pages count (proof of play) but it is no visit and makes no plan.
        if s.mode == INTERACTIVE and (prev is None or prev.mode == ATTRACT) and mode != "assembly":
            self._start_session()
        back_to_loop = prev is not None and prev.mode == INTERACTIVE and s.mode == ATTRACT
        if back_to_loop:
            self._end_session()
        page = self._page(s.page)
        page_changed = prev is None or prev.page != s.page or back_to_loop
        if page_changed and page is not None:
            via = "loop" if s.mode == ATTRACT else "tap"
            self.store.count_page(pack, mode, via, page.id)
            if via == "tap" and page.kind == "help":
                self.store.count_event(pack, mode, "help-opened", page.id)
        if self._session_start is not None:
            self._visited.add(s.page)
            self._saw_plan = self._saw_plan or (page is not None and page.kind == "plan")
            self._plan = s.plan
        self._feedback_step(prev, s, page_changed)

    def _start_session(self) -> None:
        self._session_start = self._clock()
        self._session_pack, self._session_mode = self.controller.pack.id, self._mode()
        self._visited, self._saw_plan, self._plan = set(), False, ()
        self._sessions += 1
        self._offer, self._question = "", None

    def _end_session(self) -> None:
        """Count the visit that just ended: its rounded length, pages visited, and the plan it made."""
        if self._session_start is None or self.store is None:
            self._session_start = None
            return
        pack, mode = self._session_pack, self._session_mode
        self.store.count_session(pack, mode, self._clock() - self._session_start, len(self._visited))
        if self._plan:
            self.store.count_event(pack, mode, "plan-made")
            for option in self._plan:
                self.store.count_event(pack, mode, "plan-option", option)
        self._session_start = None
        self._visited, self._plan = set(), ()

    def close(self) -> None:
        """At exit: the visit in progress counts too; then the store writes everything out."""
        if self.active:
            self._end_session()
        if self.store is not None:
            self.store.close()

    # --- the feedback question ---------------------------------------------------------------------------------

    def _feedback_step(self, prev: State | None, s: State, page_changed: bool) -> None:
        if self._offer in ("offered", "answered") and (s.mode == ATTRACT or page_changed):
            self._set_offer("done")  # ignored: it never follows the student to another page or into the loop
        if self._offer or prev is None or s.mode != INTERACTIVE or self._session_start is None:
            return
        if self._mode() != "foyer" or not self.controller.pack.feedback:
            return
        last = self.controller.engine.pages if self.controller.engine else []
        ends_visit = (
            (s.warning and not prev.warning)
            or (page_changed and s.page == 0 and prev.page != 0)
            or (page_changed and s.page == len(last) - 1 and getattr(self._page(s.page), "kind", "") == "help")
        )
        long_enough = self._clock() - self._session_start >= self._min_seconds
        if ends_visit and long_enough and len(self._visited) >= MIN_SESSION_PAGES:
            eligible = [q for q in self.controller.pack.feedback if q.after == "any" or self._saw_plan]
            if not eligible:
                return
            self._question = eligible[self._sessions % len(eligible)]
            assert self.store is not None
            self.store.count_event(self.controller.pack.id, self._mode(), "feedback-offered", self._question.id)
            self._set_offer("offered")

    def _set_offer(self, offer: str) -> None:
        if offer != self._offer:
            self._offer = offer
            if offer != "answered":
                self._thanks.stop()
            self.feedbackChanged.emit()

    def _hide_thanks(self) -> None:
        if self._offer == "answered":
            self._set_offer("done")

    @Property(bool, notify=feedbackChanged)
    def feedbackVisible(self) -> bool:
        return self._offer in ("offered", "answered")

    @Property(bool, notify=feedbackChanged)
    def feedbackThanks(self) -> bool:
        return self._offer == "answered"

    @Property(str, notify=feedbackChanged)
    def feedbackQuestion(self) -> str:
        return self._question.question if self._question else ""

    @Property(list, notify=feedbackChanged)
    def feedbackAnswers(self) -> list[dict[str, str]]:
        if self._question is None:
            return []
        return [{"id": a.id, "label": a.label, "icon": a.icon} for a in self._question.answers]

    @Slot(str)
    def answer(self, answer_id: str) -> None:
        """A face was tapped: counted once, then a short thank-you."""
        question = self._question
        if self._offer != "offered" or question is None or not self.active:
            return
        if answer_id not in [a.id for a in question.answers]:
            log.warning("statistics: unknown answer %r to %r", answer_id, question.id)
            return
        assert self.store is not None
        self.store.count_feedback(self.controller.pack.id, self._mode(), question.id, answer_id)
        self._set_offer("answered")
        self._thanks.start()

    @Slot()
    def skip(self) -> None:
        if self._offer in ("offered", "answered"):
            self._set_offer("done")

    # --- the staff screen ------------------------------------------------------------------------------------

    @Property(bool, notify=feedbackChanged)
    def available(self) -> bool:
        return self.store is not None

    @Slot(int, result="QVariantMap")
    def summary(self, days: int) -> dict[str, Any]:
        """The last `days` days for the charts; empty when counting is off or the database cannot be read."""
        if self.store is None:
            return {}
        started = time.perf_counter()
        try:
            result = self.store.summary(max(1, min(days, 366)))
        except Exception as error:
            log.error("statistics: summary unavailable (%s)", error)
            return {}
        log.debug("statistics summary of %d days in %.1f ms", days, (time.perf_counter() - started) * 1000)
        questions = {q.id: q for q in self.controller.pack.feedback}
        for row in result.get("feedback", []):  # the words the students saw, where the pack still has them
            question = questions.get(row["question"])
            if question is not None:
                row["questionText"] = question.question
                row["answerLabel"] = next((a.label for a in question.answers if a.id == row["answer"]), row["answer"])
        order = {(q.id, a.id): n for n, (q, a) in enumerate((q, a) for q in questions.values() for a in q.answers)}
        result.get("feedback", []).sort(
            key=lambda r: (order.get((r["question"], r["answer"]), len(order)), r["question"])
        )
        return result
