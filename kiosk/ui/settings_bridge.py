"""Joins the settings file, the schedule and the staff screen to the running kiosk.

At start the kiosk shows what settings.toml (and, for this run, the command line) asks for. The staff screen's
"Save and close" writes the file and applies the change live; the schedule switches mode and pack by itself with
one single-shot timer armed for its next boundary, re-armed after every switch and every save. Every switch is
logged with its reason.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QDateTime, QLocale, QObject, Qt, QTimer, Signal

from kiosk.core import paths
from kiosk.core.pack import Pack, Page, Problem
from kiosk.core.pin import check_pin, hash_pin
from kiosk.core.schedule import Schedule, Slot
from kiosk.core.settings import Settings, save_settings
from kiosk.ui.admin import AdminChoices, AdminController
from kiosk.ui.cursor import CursorHider
from kiosk.ui.session import Session, start_session

if TYPE_CHECKING:
    from kiosk.core.stats import StatsStore

log = logging.getLogger(__name__)

MAX_TIMER_MS = 2**31 - 1  # QTimer's limit, about 24.8 days


def delay_ms(now: dt.datetime, due: dt.datetime) -> int:
    """Milliseconds from `now` to `due`, both local wall-clock times, counted in real seconds.

    Naive local times are converted through the system's time zone rules, so the night the clocks go forward or
    back the timer still fires at the right local minute (a plain subtraction would be an hour out).
    """
    seconds = due.timestamp() - now.timestamp()
    return min(MAX_TIMER_MS, max(0, int(seconds * 1000) + 1))


@dataclass(frozen=True)
class Overrides:
    """Command-line flags: they beat the file for this run, until staff save new settings."""

    pack: str | None = None
    mode: str | None = None
    idle_timeout: float | None = None
    reduced_motion: bool = False
    high_contrast: bool = False
    text_size: int | None = None
    language: str | None = None


def _default_load_pack(name: str) -> tuple[Pack, list[Problem]]:
    from kiosk.cli import load_pack_or_fallback

    return load_pack_or_fallback(name)


def available_packs() -> list[str]:
    """Built-in packs and the school's own, by name, for the staff screen's pack buttons."""
    own = paths.user_packs_dir()
    names = set(paths.builtin_pack_names())
    if own.is_dir():
        names.update(p.name for p in own.iterdir() if (p / "pack.toml").is_file())
    return sorted(names)


class SettingsBridge(QObject):
    """Owns the settings while the kiosk runs; `admin` is the staff screen's controller."""

    modeApplied = Signal(str)  # the kiosk's mode after a switch (run.py opens or closes the presenter view)
    applied = Signal()  # after every live change; read `settings` (language, stats_enabled) from here

    def __init__(
        self,
        settings: Settings,
        path: Path,
        overrides: Overrides = Overrides(),
        now: Callable[[], dt.datetime] = dt.datetime.now,
        load_pack: Callable[[str], tuple[Pack, list[Problem]]] = _default_load_pack,
        problems: list[Problem] | None = None,
    ) -> None:
        super().__init__()
        self.settings = settings
        self.path = path
        self.overrides = overrides
        self._now = now
        self._load_pack = load_pack
        self._settings_problems = list(problems or [])
        self.session: Session | None = None
        self.cursor: CursorHider | None = None
        self.pack: Pack | None = None
        self._pack_name: str | None = None  # the name asked for; self.pack may be the fallback for it
        self.slot: Slot | None = None
        self._pack_problems: list[Problem] = []
        self._schedule_waits = False  # a scheduled change held back until the visit in progress ends
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)  # a coarse timer may be 5% late: 24 min in 8 hours
        self._timer.timeout.connect(self._on_schedule_boundary)
        self._resolve_pack(self.wanted_slot().pack)
        self.admin = AdminController(
            self.choices(),
            verify_pin=lambda pin: self.settings.pin is not None and check_pin(pin, self.settings.pin),
            has_pin=lambda: self.settings.pin is not None,
            set_pin=self._set_pin,
            apply=self.apply_choices,
            load=self.choices,
            pages_for=self.staff_page_rows,
        )
        if self._settings_problems:
            self.admin.set_settings_problem(
                QCoreApplication.translate(
                    "AdminController", "The settings file had problems; it was set aside and defaults used for:"
                )
                + "\n"
                + "\n".join(str(p) for p in self._settings_problems)
            )

    # --- what should be on screen ----------------------------------------------------------------------------

    def schedule_active(self) -> bool:
        return bool(self.settings.schedule) and self.overrides.mode is None and self.overrides.pack is None

    def wanted_slot(self) -> Slot:
        base_mode = self.overrides.mode or self.settings.mode
        base_pack = self.overrides.pack or self.settings.pack
        if not self.schedule_active():
            return Slot(base_mode, base_pack)
        return Schedule(self.settings.schedule, base_mode, base_pack).at(self._now())

    def _resolve_pack(self, name: str) -> Pack:
        if self.pack is None or self._pack_name != name:
            self.pack, self._pack_problems = self._load_pack(name)
            self._pack_name = name
        return self.pack

    def pages(self, pack: Pack, mode: str) -> list[Page]:
        audience = "parents" if mode == "parents" else "students"
        pages = list(pack.pages_for(audience)) or list(pack.pages)
        durations = self.settings.durations
        return [dataclasses.replace(p, duration=durations[p.id]) if p.id in durations else p for p in pages]

    def interface_language(self, pack: Pack) -> str:
        """`--lang`, else the staff screen's choice, else the pack's own language (English when the interface has
        no translation for it; kiosk.ui.i18n falls back). English is the stored default, so an English choice
        with a Polish pack shows the Polish interface where one is installed."""
        if self.overrides.language:
            return self.overrides.language
        return self.settings.language if self.settings.language != "en" else pack.language

    def idle_timeout(self, pack: Pack, mode: str) -> float | None:
        if mode == "assembly":
            return None
        return self.overrides.idle_timeout or self.settings.idle_timeout or pack.idle_timeout

    # --- start and live changes ------------------------------------------------------------------------------

    def start(
        self,
        size: tuple[int, int],
        cursor: CursorHider | None = None,
        clock: Callable[[], float] = time.monotonic,
        stats_store: StatsStore | None = None,
    ) -> Session:
        """The first session, showing the wanted mode and pack, with this bridge's staff screen."""
        slot = self.wanted_slot()
        pack = self._resolve_pack(slot.pack)
        self.slot = slot
        session = start_session(
            pack,
            self.pages(pack, slot.mode),
            idle_timeout=self.idle_timeout(pack, slot.mode),
            auto_advance=slot.mode != "assembly",
            reduced_motion=self.overrides.reduced_motion or self.settings.reduced_motion,
            size=size,
            run_mode=slot.mode,
            admin=self.admin,
            clock=clock,
            stats_store=stats_store,
            language=self.interface_language(pack),
        )
        self.attach(session, cursor)
        log.info("settings: mode %s, pack %s (%s)", slot.mode, pack.id, self._reason(slot, "start"))
        return session

    def attach(self, session: Session, cursor: CursorHider | None = None) -> None:
        self.session = session
        self.cursor = cursor
        self._apply_appearance()
        self._show_problems()
        if cursor is not None:
            cursor.set_enabled(self.slot is not None and self.slot.mode == "foyer")
        self._arm_schedule()

    def _apply_appearance(self) -> None:
        assert self.session is not None
        controller = self.session.controller
        s, o = self.settings, self.overrides
        controller.set_reduced_motion(o.reduced_motion or s.reduced_motion)
        controller.set_appearance(
            high_contrast=o.high_contrast or s.high_contrast, text_scale=(o.text_size or s.text_size) / 100
        )

    def _show_problems(self) -> None:
        assert self.session is not None
        text = "\n".join(str(p) for p in self._pack_problems)
        self.session.controller.set_pack_problem(text)
        self.admin.set_pack_problem(text)

    def apply_live(self, reason: str) -> None:
        """Show what the settings and schedule now ask for, in the running kiosk, without a new window."""
        assert self.session is not None
        slot = self.wanted_slot()
        pack = self._resolve_pack(slot.pack)
        old_mode = str(self.session.controller.runMode)
        self.slot = slot
        controller = self.session.controller
        if slot.mode != old_mode:
            controller.set_run_mode(slot.mode)
        controller.set_pack(
            pack, self.pages(pack, slot.mode), self.idle_timeout(pack, slot.mode), slot.mode != "assembly"
        )
        self._apply_appearance()
        self._show_problems()
        # the staff screen's language, or a new pack's own (a right-to-left pack mirrors the layout)
        self.session.set_language(self.interface_language(pack))
        if self.cursor is not None:
            self.cursor.set_enabled(slot.mode == "foyer")
        log.info("settings: switched to mode %s, pack %s (%s)", slot.mode, pack.id, self._reason(slot, reason))
        if slot.mode != old_mode:
            self.modeApplied.emit(slot.mode)
        self._arm_schedule()
        self.applied.emit()

    def _reason(self, slot: Slot, what: str) -> str:
        if slot.entry:
            return f"{what}; schedule entry {slot.entry!r}"
        if self.overrides.mode or self.overrides.pack:
            return f"{what}; command line"
        return f"{what}; settings"

    # --- the schedule ----------------------------------------------------------------------------------------

    def _arm_schedule(self) -> None:
        """One single-shot timer for the next boundary, or none; nothing polls."""
        self._timer.stop()
        if not self.schedule_active():
            self.admin.set_schedule_note("")
            return
        now = self._now()
        base_mode, base_pack = self.overrides.mode or self.settings.mode, self.overrides.pack or self.settings.pack
        due = Schedule(self.settings.schedule, base_mode, base_pack).next_change(now)
        note = ""
        if self.slot is not None and self.slot.entry:
            note = QCoreApplication.translate(
                "AdminController", "Now the schedule decides: %1. The mode and pack below apply outside it."
            ).replace("%1", self.slot.entry)
        if due is None:
            self.admin.set_schedule_note(note)
            return
        delay = delay_ms(now, due)
        self._timer.start(delay)
        self.admin.set_schedule_note(
            (note + " " if note else "")
            + QCoreApplication.translate("AdminController", "Next change: %1.").replace(
                "%1",
                QLocale().toString(QDateTime(due), "ddd d MMM HH:mm"),  # day and month in the interface language
            )
        )
        log.info("schedule: next change at %s (in %.0f s)", due.isoformat(timespec="minutes"), delay / 1000)

    def _on_schedule_boundary(self) -> None:
        wanted = self.wanted_slot()
        if self.slot is not None and (wanted.mode, wanted.pack) == (self.slot.mode, self.slot.pack):
            self._arm_schedule()  # woke a little early (the wall clock moved): wait for the real boundary
            return
        controller = self.session.controller if self.session is not None else None
        if controller is not None and str(controller.runMode) != "assembly" and not controller.attract:
            # a student is mid-visit: the pages and the plan stay until the loop (the idle return is near)
            if not self._schedule_waits:
                self._schedule_waits = True
                controller.stateChanged.connect(self._schedule_after_visit)
                log.info("schedule: a change is due; it waits for the visit in progress to end")
            return
        try:
            self.apply_live("schedule")
        except Exception:
            log.exception("schedule: the switch failed; the kiosk keeps what it shows")
            self._arm_schedule()

    def _schedule_after_visit(self) -> None:
        if self.session is None or not self.session.controller.attract:
            return
        self.session.controller.stateChanged.disconnect(self._schedule_after_visit)
        self._schedule_waits = False
        self._on_schedule_boundary()

    # --- the staff screen ------------------------------------------------------------------------------------

    def choices(self) -> AdminChoices:
        """The staff screen's starting point: the saved settings, and the pages of the pack on screen."""
        s = self.settings
        pack = self.pack
        page_rows: list[tuple[str, str, float]] = []
        if pack is not None:
            shown = self.slot.mode if self.slot else s.mode
            audience = "parents" if shown == "parents" else "students"
            page_rows = [(p.id, p.title, p.duration) for p in (pack.pages_for(audience) or pack.pages)]
        ids = {row[0] for row in page_rows}
        packs = available_packs()
        if s.pack not in packs:
            packs.append(s.pack)
        return AdminChoices(
            pack=s.pack,
            mode=s.mode,
            idle_timeout=s.idle_timeout or (pack.idle_timeout if pack else 60.0),
            reduced_motion=s.reduced_motion,
            high_contrast=s.high_contrast,
            text_size=s.text_size,
            stats_enabled=s.stats_enabled,
            packs=packs,
            language=s.language,
            durations={k: v for k, v in s.durations.items() if k in ids},
            pages=page_rows,
        )

    def staff_page_rows(self, name: str, mode: str) -> list[tuple[str, str, float]]:
        """The page-time rows for a pack and mode chosen on the staff screen but not yet saved."""
        pack = self.pack if self.pack is not None and name == self._pack_name else self._load_pack(name)[0]
        audience = "parents" if mode == "parents" else "students"
        return [(p.id, p.title, p.duration) for p in (pack.pages_for(audience) or pack.pages)]

    def apply_choices(self, choices: AdminChoices) -> None:
        """Save and close: write the file first (an error leaves the kiosk and the file as they were), then apply."""
        shown_ids = {row[0] for row in choices.pages}
        durations = {k: v for k, v in self.settings.durations.items() if k not in shown_ids}
        durations.update(choices.durations)
        pack_idle = self.pack.idle_timeout if self.pack else None
        idle = self.settings.idle_timeout
        if idle is not None or choices.idle_timeout != pack_idle:
            idle = float(choices.idle_timeout)
        new = dataclasses.replace(
            self.settings,
            pack=choices.pack,
            mode=choices.mode,
            idle_timeout=idle,
            durations=durations,
            language=choices.language,
            reduced_motion=choices.reduced_motion,
            high_contrast=choices.high_contrast,
            text_size=choices.text_size,
            stats_enabled=choices.stats_enabled,
        )
        save_settings(new, self.path)
        self.settings = new
        self.admin.set_settings_problem("")  # a clean file is on disk now
        self._pack_name = None  # read the pack again: staff may have just fixed or replaced it
        if self.overrides != Overrides():
            log.info("settings: staff saved new settings; the command-line flags no longer apply")
            self.overrides = Overrides()
        self.apply_live("staff screen")

    def _set_pin(self, pin: str) -> None:
        self.settings = dataclasses.replace(self.settings, pin=hash_pin(pin))
        try:
            save_settings(self.settings, self.path)
        except OSError:
            log.exception("settings: could not save the new PIN; it lasts until the kiosk restarts")
