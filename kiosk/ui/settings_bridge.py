"""Joins the settings file, the schedule and the staff screen to the running kiosk.

At start the kiosk shows what settings.toml (and, for this run, the command line) asks for. The staff screen's
"Save and close" writes the file and applies the change live; the schedule switches mode and pack by itself with
one single-shot timer armed for its next boundary, re-armed after every switch and every save. Every switch is
logged with its reason.

What to show is decided in the core (kiosk.core.config: mode and pack now, pages, language, idle time, the staff
choices' merge; kiosk.core.catalog: which pack stands in for a refused one). This module only asks and applies.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QDateTime, QLocale, QObject, Signal

from kiosk.core import config
from kiosk.core.catalog import available_packs, load_pack_or_fallback
from kiosk.core.config import Config, Overrides, StaffChoices
from kiosk.core.pack import Pack, Problem
from kiosk.core.pin import check_pin, hash_pin
from kiosk.core.policy import Policy
from kiosk.core.schedule import Slot
from kiosk.core.settings import Settings, save_settings
from kiosk.core.vocab import Phase
from kiosk.ui.admin import AdminController
from kiosk.ui.cursor import CursorHider
from kiosk.ui.due import DueTimer
from kiosk.ui.scene import Scene, start_scene

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


__all__ = ["Overrides", "ScheduleTimer", "SettingsBridge", "delay_ms"]  # Overrides: kiosk.core.config


class ScheduleTimer(QObject):
    """One job of the bridge: wake it at the schedule's next boundary, and say on the staff screen when that is."""

    def __init__(self, on_due: Callable[[], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.due = DueTimer(on_due, self)

    def arm(self, cfg: Config, slot: Slot | None, now: dt.datetime) -> str:
        """Arm for the next boundary after `now`, or disarm; returns the staff screen's note about the schedule."""
        self.due.disarm()
        if not cfg.schedule_active:
            return ""
        note = ""
        if slot is not None and slot.entry:
            note = QCoreApplication.translate(
                "AdminController", "Now the schedule decides: %1. The mode and pack below apply outside it."
            ).replace("%1", slot.entry)
        due = cfg.next_change(now)
        if due is None:
            return note
        delay = delay_ms(now, due)
        self.due.arm(delay)
        log.info("schedule: next change at %s (in %.0f s)", due.isoformat(timespec="minutes"), delay / 1000)
        return (note + " " if note else "") + QCoreApplication.translate("AdminController", "Next change: %1.").replace(
            "%1",
            # day and month in the interface language; PySide6 takes a datetime where its stubs say it does not
            QLocale().toString(QDateTime(due), "ddd d MMM HH:mm"),  # type: ignore[call-overload]
        )


class ShownPack:
    """One job of the bridge: the pack on screen, loaded once per name (kiosk.core.catalog: a refused pack is the
    built-in default, with the reasons it was refused)."""

    def __init__(self, load: Callable[[str], tuple[Pack, list[Problem]]]) -> None:
        self._load = load
        self.pack: Pack | None = None
        self.name: str | None = None  # the name asked for; `pack` may be the fallback for it
        self.problems: list[Problem] = []

    def get(self, name: str) -> Pack:
        """The pack called `name`, read from disk only when another name was asked for last (or after `forget`)."""
        if self.pack is None or self.name != name:
            self.pack, self.problems = self._load(name)
            self.name = name
        return self.pack

    def peek(self, name: str) -> Pack:
        """The pack called `name` without showing it (the staff screen's unsaved choice)."""
        return self.pack if self.pack is not None and name == self.name else self._load(name)[0]

    def forget(self) -> None:
        """Read the pack again next time: staff may have just fixed or replaced it."""
        self.name = None


class SettingsBridge(QObject):
    """Owns the settings while the kiosk runs; `admin` is the staff screen's controller, `schedule` its timer."""

    modeApplied = Signal(str)  # the kiosk's mode after a switch (run.py opens or closes the presenter view)
    packFailed = Signal(str, str)  # (pack name, why): a new stored version could not be shown (pack_watch rolls back)
    applied = Signal()  # after every live change; read `settings` (language, stats_enabled) from here

    def __init__(
        self,
        settings: Settings,
        path: Path,
        overrides: Overrides = Overrides(),
        now: Callable[[], dt.datetime] = dt.datetime.now,
        load_pack: Callable[[str], tuple[Pack, list[Problem]]] = load_pack_or_fallback,
        problems: list[Problem] | None = None,
        policy: Policy = Policy(),
        policy_problems: list[Problem] | None = None,
    ) -> None:
        super().__init__()
        self.config = Config(settings, overrides, policy)
        self.path = path
        self._now = now
        self._settings_problems = list(problems or [])
        self.scene: Scene | None = None
        self.cursor: CursorHider | None = None
        self.shown = ShownPack(load_pack)
        self.slot: Slot | None = None
        self._schedule_waits = False  # a scheduled change held back until the visit in progress ends
        self._pack_stale = False  # a new version of the pack on screen waits for the end of the visit (pack_watch)
        self.schedule = ScheduleTimer(self.run_due, self)
        self.shown.get(self.wanted_slot().pack)
        self.admin = AdminController(
            self.choices(),
            verify_pin=lambda pin: self.config.pin is not None and check_pin(pin, self.config.pin),
            has_pin=lambda: self.config.pin is not None,
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
        self.set_policy(policy, policy_problems or [])
        for flag in self.config.ignored_flags:
            log.warning("policy: the command-line flag for %s is ignored: the machine policy sets or locks it", flag)

    def set_policy(self, policy: Policy, problems: list[Problem]) -> None:
        """The machine policy in force (the last good one when a re-read had problems) and what was wrong with the
        file, for the staff screen; takes effect at the next live change."""
        self.config = dataclasses.replace(self.config, policy=policy)
        self.admin.set_locked(self.config.locked | ({"pin"} if self.config.pin_from_policy else set()))
        self.admin.set_policy_problem("\n".join(str(p) for p in problems))  # the heading is the screen's (QML)

    def reload_policy(self, path: Path | None = None) -> bool:
        """Read the machine policy again (a rescan may call this): a file with problems keeps the policy in force
        and says so on the staff screen; a changed good one applies live. True when what is shown changed."""
        from kiosk.core.policy import reread_policy

        before = self.config.policy
        policy, problems = reread_policy(before, path)
        self.set_policy(policy, problems)
        if policy == before or self.scene is None:
            return False
        self.shown.forget()
        self.apply_live("machine policy changed")
        return True

    @property
    def settings(self) -> Settings:
        return self.config.settings

    @property
    def overrides(self) -> Overrides:
        return self.config.overrides

    # --- what should be on screen (decided by kiosk.core.config) ---------------------------------------------

    def wanted_slot(self) -> Slot:
        return self.config.wanted_slot(self._now())

    @property
    def pack(self) -> Pack | None:
        """The pack on screen (or about to be)."""
        return self.shown.pack

    # --- start and live changes ------------------------------------------------------------------------------

    def start(
        self,
        size: tuple[int, int],
        cursor: CursorHider | None = None,
        clock: Callable[[], float] = time.monotonic,
        stats_store: StatsStore | None = None,
    ) -> Scene:
        """The first scene, showing the wanted mode and pack, with this bridge's staff screen."""
        slot = self.wanted_slot()
        pack = self.shown.get(slot.pack)
        self.slot = slot
        cfg = self.config
        scene = start_scene(
            pack,
            cfg.pages(pack, slot.mode),
            idle_timeout=cfg.idle_timeout(pack, slot.mode),
            auto_advance=config.auto_advances(slot.mode),
            reduced_motion=cfg.reduced_motion,
            size=size,
            run_mode=slot.mode,
            admin=self.admin,
            clock=clock,
            stats_store=stats_store,
            language=cfg.interface_language(pack),
        )
        self.attach(scene, cursor)
        log.info("settings: mode %s, pack %s (%s)", slot.mode, pack.id, cfg.reason(slot, "start"))
        return scene

    def attach(self, scene: Scene, cursor: CursorHider | None = None) -> None:
        self.scene = scene
        self.cursor = cursor
        self._apply_appearance()
        self._show_problems()
        if cursor is not None:
            cursor.set_enabled(self.slot is not None and config.hides_cursor(self.slot.mode))
        self._arm_schedule()

    def _apply_appearance(self) -> None:
        assert self.scene is not None
        controller = self.scene.controller
        controller.set_reduced_motion(self.config.reduced_motion)
        controller.set_appearance(high_contrast=self.config.high_contrast, text_scale=self.config.text_scale)

    def _show_problems(self) -> None:
        assert self.scene is not None
        text = "\n".join(str(p) for p in self.shown.problems)
        self.admin.set_pack_problem(text)

    def apply_live(self, reason: str) -> None:
        """Show what the settings and schedule now ask for, in the running kiosk, without a new window."""
        assert self.scene is not None
        slot = self.wanted_slot()
        pack = self.shown.get(slot.pack)
        cfg = self.config
        controller = self.scene.controller
        old_mode = controller.run_mode
        self.slot = slot
        if slot.mode != old_mode:
            controller.set_run_mode(slot.mode)
        controller.set_pack(
            pack, cfg.pages(pack, slot.mode), cfg.idle_timeout(pack, slot.mode), config.auto_advances(slot.mode)
        )
        self._apply_appearance()
        self._show_problems()
        # the staff screen's language, or a new pack's own (a right-to-left pack mirrors the layout)
        self.scene.set_language(cfg.interface_language(pack))
        if self.cursor is not None:
            self.cursor.set_enabled(config.hides_cursor(slot.mode))
        log.info("settings: switched to mode %s, pack %s (%s)", slot.mode, pack.id, cfg.reason(slot, reason))
        if slot.mode != old_mode:
            self.modeApplied.emit(slot.mode)
        self._arm_schedule()
        self.applied.emit()

    # --- the schedule ----------------------------------------------------------------------------------------

    def _arm_schedule(self) -> None:
        """One single-shot timer for the next boundary, or none; nothing polls."""
        self.admin.set_schedule_note(self.schedule.arm(self.config, self.slot, self._now()))

    def run_due(self) -> None:
        """The schedule's boundary (its timer calls this): switch to what is wanted now, unless a visit waits."""
        wanted = self.wanted_slot()
        same = self.slot is not None and (wanted.mode, wanted.pack) == (self.slot.mode, self.slot.pack)
        if same and not self._pack_stale:
            self._arm_schedule()  # woke a little early (the wall clock moved): wait for the real boundary
            return
        controller = self.scene.controller if self.scene is not None else None
        if controller is not None and config.switch_waits(controller.run_mode, controller.state.phase):
            if not self._schedule_waits:
                self._schedule_waits = True
                controller.stateChanged.connect(self._schedule_after_visit)
                log.info("schedule: a change is due; it waits for the visit in progress to end")
            return
        updated = self._pack_stale
        if updated:
            self._pack_stale = False
            self.shown.forget()  # read the pack again: the store has a new version of it
        try:
            self.apply_live("new pack version" if updated and same else "schedule")
        except Exception as error:
            log.exception("schedule: the switch failed; the kiosk keeps what it shows")
            self._arm_schedule()
            if updated:
                self.packFailed.emit(wanted.pack, str(error) or type(error).__name__)

    def pack_updated(self) -> None:
        """The store has a new version of the pack on screen (or it went out of date): show it when the visit in
        progress ends, exactly as a scheduled change waits."""
        self._pack_stale = True
        self.run_due()

    def _schedule_after_visit(self) -> None:
        if self.scene is None or self.scene.controller.state.phase != Phase.ATTRACT:
            return
        self.scene.controller.stateChanged.disconnect(self._schedule_after_visit)
        self._schedule_waits = False
        self.run_due()

    # --- the staff screen ------------------------------------------------------------------------------------

    def choices(self) -> StaffChoices:
        """The staff screen's starting point: the saved settings and the idle time in force (kiosk.core.config),
        and the pages of the pack on screen."""
        shown = self.slot.mode if self.slot else self.settings.mode
        return self.config.staff_choices(self.pack, shown, available_packs())

    def staff_page_rows(self, name: str, mode: str) -> list[config.PageRow]:
        """The page-time rows for a pack and mode chosen on the staff screen but not yet saved."""
        return config.page_rows(self.shown.peek(name), mode)

    def apply_choices(self, choices: StaffChoices) -> None:
        """Save and close: write the file first (an error leaves the kiosk and the file as they were), then apply."""
        idle = self.pack.idle_timeout if self.pack else None
        new = config.merge_choices(self.settings, choices, idle, self.config.locked)
        save_settings(new, self.path)
        overrides = self.overrides
        if overrides.any:
            log.info("settings: staff saved new settings; the command-line flags no longer apply")
            overrides = Overrides()
        self.config = Config(new, overrides, self.config.policy)
        self.admin.set_settings_problem("")  # a clean file is on disk now
        self.shown.forget()  # read the pack again: staff may have just fixed or replaced it
        self.apply_live("staff screen")

    def _set_pin(self, pin: str) -> None:
        if self.config.pin_from_policy:
            log.warning("settings: the staff PIN is set by the machine policy; not changed")
            return
        self.config = dataclasses.replace(self.config, settings=dataclasses.replace(self.settings, pin=hash_pin(pin)))
        try:
            save_settings(self.settings, self.path)
        except OSError:
            log.exception("settings: could not save the new PIN; it lasts until the kiosk restarts")
