"""The Qt face of the anonymous counts and the end-of-visit feedback question: a thin adapter.

kiosk.core.visit decides everything (when a visit starts and ends, what it counts, when the question is offered);
this QObject forwards `controller.stateChanged` to it, and shows its feedback question to QML as `Stats`, with
the staff screen's charts. Counting only enqueues (StatsStore.count_* is a queue.put, a few microseconds): the
disk is touched on the store's worker thread. With no store (`--no-stats`) or the staff switch off it counts
nothing and asks nothing.

OutboxRunner drops the daily counts into the policy's outbox (kiosk.core.outbox decides what and when): the
write runs on the same worker thread (the GUI never waits on a share), one single-shot timer waits for the next
write (just after midnight, or a retry that backs off), and the staff screen shows its status through `Stats`.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Property, QObject, Qt, Signal, Slot

from kiosk.core import limits
from kiosk.core.visit import Counts, Offer, OnScreen, VisitTracker
from kiosk.ui.controller import KioskController
from kiosk.ui.due import DueTimer

if TYPE_CHECKING:  # not imported at run time: a build without sqlite3 still starts, without counting
    from concurrent.futures import Future

    # kiosk.ui.run imports the outbox only when the policy names one: not before the first frame (hashlib, secrets)
    from kiosk.core.outbox import Outbox, OutboxStatus
    from kiosk.core.stats import StatsStore

log = logging.getLogger(__name__)


class _NoCounts:
    """The sink while there is no store: the tracker still runs, so the recorder has one code path."""

    def count_page(self, pack: str, mode: str, via: str, page: str) -> None:
        pass

    def count_visit(self, pack: str, mode: str, seconds: float, pages: int) -> None:
        pass

    def count_event(self, pack: str, mode: str, event: str, item: str = "") -> None:
        pass

    def count_feedback(self, pack: str, mode: str, question: str, answer: str) -> None:
        pass


class OutboxRunner(QObject):
    """The outbox's timer and its writes on the statistics worker; `changed` when its status is new."""

    changed = Signal()
    _finished = Signal(object)  # emitted on the worker thread; queued to this object's (the GUI) thread

    def __init__(
        self, outbox: Outbox, store: StatsStore, usb_look: bool = False, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.outbox = outbox
        self.store = store
        self.usb_look = usb_look  # a USB stick may be inserted at any time: look for one now and then
        self.busy = False
        self.status: OutboxStatus = outbox.status()
        self._look_only = False
        self.timer = DueTimer(self.run_due, self)
        self._finished.connect(self._done, Qt.ConnectionType.QueuedConnection)

    def start(self, delay_ms: int = limits.OUTBOX_START_MS) -> None:
        """The first write (today's counts so far and any days owed), once the kiosk is on screen."""
        self._look_only = False
        self.timer.arm(delay_ms)

    def run_due(self) -> None:
        """The timer fired: the day's write, a retry, or a look for a USB stick."""
        self.write(only_needed=self._look_only)

    def write(self, only_needed: bool = False) -> bool:
        """Start a write on the worker; False when one is already running (its end arms the next)."""
        if self.busy:
            return False
        self.busy = True
        self.timer.disarm()
        outbox = self.outbox
        future = self.store.submit(lambda db: outbox.write(db, only_needed))
        future.add_done_callback(self._emit_finished)
        return True

    def _emit_finished(self, future: Future[Any]) -> None:
        try:
            self._finished.emit(future)
        except RuntimeError:  # the kiosk closed while the write ran: nobody is waiting for its status
            pass

    def _done(self, future: Future[Any]) -> None:
        self.busy = False
        error = future.exception()
        if error is None:
            self.status = future.result()
        else:
            log.error("outbox: the counts could not be read for the outbox (%s)", error)
        self._arm()
        self.changed.emit()

    def _arm(self) -> None:
        delay = self.outbox.due_in()
        self._look_only = self.usb_look and limits.OUTBOX_USB_LOOK_SECONDS < delay
        if self._look_only:
            delay = limits.OUTBOX_USB_LOOK_SECONDS
        self.timer.arm(round(delay * 1000))

    def write_at_exit(self) -> None:
        """After the store has written its last batch and stopped: today's counts, on this thread (the kiosk is
        closing; nothing else waits). A database that cannot be opened is logged; the next start catches up."""
        from kiosk.core.stats import StatsDatabase

        self.timer.disarm()
        try:
            db = StatsDatabase(self.store.path, self.store.max_bytes)
        except Exception as error:
            log.error("outbox: no write at exit (%s)", error)
            return
        try:
            self.status = self.outbox.write(db)
        except Exception:
            log.exception("outbox: the write at exit failed")
        finally:
            db.close()


class StatsRecorder(QObject):
    """Exposed to QML as the Kiosk module's `Stats` singleton."""

    feedbackChanged = Signal()
    outboxChanged = Signal()

    def __init__(
        self,
        controller: KioskController,
        store: StatsStore | None,
        enabled: Callable[[], bool] = lambda: True,
        clock: Callable[[], float] | None = None,
        min_seconds: float = limits.VISIT_MIN_SECONDS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.controller = controller
        self.store = store
        self.outbox: OutboxRunner | None = None
        self._enabled = enabled
        counts: Counts = store if store is not None else _NoCounts()
        # the engine's clock: a visit's length follows the same time as its pages
        self.visits = VisitTracker(counts, clock or controller.clock, min_seconds=min_seconds)
        # the thank-you's time on screen: one single-shot timer with a public face (armed, interval_ms), as the
        # controller's; bound methods, not lambdas: Qt drops a receiver's connections when it is destroyed
        self.thanks = DueTimer(self.run_due, self)
        controller.packChanged.connect(self._on_pack)
        controller.stateChanged.connect(self._on_state)
        self._on_state()

    @property
    def active(self) -> bool:
        return self.store is not None and bool(self._enabled())

    def screen(self) -> OnScreen:
        """What the tracker needs to know besides the engine's state."""
        c = self.controller
        return OnScreen(c.pack.id, c.run_mode, c.loop_pages, c.pack.feedback)

    def _tracked(self, step: Callable[[], object]) -> None:
        """Run one tracker step; show QML what changed. Counting must never disturb the kiosk."""
        before = self.visits.offer
        try:
            step()
        except Exception:
            log.exception("statistics: could not record a state change")
        after = self.visits.offer
        if after != before:
            if after == Offer.ANSWERED:
                self.thanks.arm(round(limits.FEEDBACK_THANKS_SECONDS * 1000))
            else:
                self.thanks.disarm()
            self.feedbackChanged.emit()

    def _on_pack(self) -> None:
        self._tracked(self.visits.new_pack)

    def run_due(self) -> None:
        """The thank-you has been on screen long enough (its timer calls this): the row goes."""
        self._tracked(self.visits.thanks_over)

    def _on_state(self) -> None:
        state = self.controller.state
        if self.active:
            self._tracked(lambda: self.visits.observe(state, self.screen()))
        else:
            self._tracked(lambda: self.visits.observe_uncounted(state))

    def close(self) -> None:
        """At exit: the visit in progress counts too; then the store writes everything out."""
        if self.active:
            self.visits.end()
        if self.store is not None:
            self.store.close()

    # --- the feedback question ---------------------------------------------------------------------------------

    @Property(bool, notify=feedbackChanged)
    def feedbackVisible(self) -> bool:
        return self.visits.showing

    @Property(bool, notify=feedbackChanged)
    def feedbackThanks(self) -> bool:
        return self.visits.offer == Offer.ANSWERED

    @Property(str, notify=feedbackChanged)
    def feedbackQuestion(self) -> str:
        question = self.visits.question
        return question.question if question else ""

    @Property(list, notify=feedbackChanged)
    def feedbackAnswers(self) -> list[dict[str, str]]:
        question = self.visits.question
        if question is None:
            return []
        return [{"id": a.id, "label": a.label, "icon": a.icon} for a in question.answers]

    @Slot(str)
    def answer(self, answer_id: str) -> None:
        """A face was tapped: counted once, then a short thank-you."""
        if self.active:
            self._tracked(lambda: self.visits.answer(answer_id, self.screen()))

    @Slot()
    def skip(self) -> None:
        self._tracked(self.visits.dismiss)

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

    # --- the outbox ------------------------------------------------------------------------------------------

    def set_outbox(self, runner: OutboxRunner | None) -> None:
        """The outbox the staff screen reports on (kiosk.ui.run makes it when the policy names one)."""
        self.outbox = runner
        if runner is not None:
            runner.changed.connect(self.outboxChanged)
        self.outboxChanged.emit()

    def _outbox_status(self) -> OutboxStatus | None:
        return self.outbox.status if self.outbox is not None else None

    @Property(bool, notify=outboxChanged)
    def outboxConfigured(self) -> bool:
        return self.outbox is not None

    @Property(str, notify=outboxChanged)
    def outboxLabel(self) -> str:
        status = self._outbox_status()
        return status.label if status else ""

    @Property(list, notify=outboxChanged)
    def outboxFolders(self) -> list[dict[str, Any]]:
        """The folders written to, and whether each is there now (a USB stick taken away, a share offline)."""
        status = self._outbox_status()
        return [{"folder": f.folder, "present": f.present} for f in status.folders] if status else []

    @Property(str, notify=outboxChanged)
    def outboxLastWritten(self) -> str:
        status = self._outbox_status()
        # the files keep the hour only ("2026-11-25T12"): shown as the hour it began
        return status.last_written.replace("T", " ") + ":00" if status and status.last_written else ""

    @Property(str, notify=outboxChanged)
    def outboxError(self) -> str:
        status = self._outbox_status()
        return (status.last_error or "") if status else ""

    @Property(bool, notify=outboxChanged)
    def outboxBusy(self) -> bool:
        return self.outbox is not None and self.outbox.busy

    @Slot()
    def writeOutbox(self) -> None:
        """The staff screen's "Write the counts now" (a USB stick just inserted, a share just back)."""
        if self.outbox is not None and self.outbox.write():
            self.outboxChanged.emit()
