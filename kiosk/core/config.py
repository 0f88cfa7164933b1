"""The effective configuration: what the kiosk shows now, from the pack, settings.toml, the command line and the
machine policy.

Layers, lowest first (`LAYERS`): the pack's own values, then the school's settings.toml (written by the staff
screen), then this run's command-line flags, then the machine policy (kiosk.core.policy, written by the school's
IT). Each value comes from the highest layer that says anything. The policy owns what it sets (pack, mode, staff
PIN) and what it locks: for those, settings.toml and the staff screen are not read, and neither is a command-line
flag. A flag is the person at the keyboard; the lock is the administrator's, so the lock wins, and every flag it
ignores is logged (`Config.ignored_flags`). A locked setting the policy gives no value for takes the default
(the pack's own where the pack has one). `Config.settings` stays the file as written, so lifting a lock brings
the school's own choice back.

Plain functions and frozen dataclasses, no Qt: kiosk.ui.settings_bridge only asks these and shows the answers.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from kiosk.core import limits
from kiosk.core.pack import Pack, Page
from kiosk.core.pin import PinHash
from kiosk.core.policy import Policy
from kiosk.core.schedule import Schedule, Slot
from kiosk.core.settings import Settings
from kiosk.core.vocab import Phase, RunMode, audience_for

log = logging.getLogger(__name__)

LAYERS = ("pack", "settings", "command line", "policy")  # lowest first
PageRow = tuple[str, str, float]  # (page id, title, the pack's own seconds): one row of the staff screen's page times


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

    @property
    def any(self) -> bool:
        return self != Overrides()


# --- rules of a run mode ------------------------------------------------------------------------------------------


def auto_advances(mode: str) -> bool:
    """The loop turns its own pages, except in an assembly where the presenter does."""
    return mode != RunMode.ASSEMBLY


def hides_cursor(mode: str) -> bool:
    """Only a foyer touchscreen hides the mouse pointer; a presenter or a parents' evening may use the mouse."""
    return mode == RunMode.FOYER


def audience_pages(pack: Pack, mode: str) -> tuple[Page, ...]:
    """The pack's pages for the mode's audience; all of them when none is marked for it."""
    return pack.pages_for(audience_for(mode)) or pack.pages


def page_rows(pack: Pack, mode: str) -> list[PageRow]:
    """The staff screen's page-time rows for a pack and mode: each page of that loop at the pack's own time."""
    return [(p.id, p.title, p.duration) for p in audience_pages(pack, mode)]


# --- the effective configuration -----------------------------------------------------------------------------------


_FLAGS = ("pack", "mode", "idle_timeout", "reduced_motion", "high_contrast", "text_size", "language")


@dataclass(frozen=True)
class Config:
    """The settings with this run's overrides and the machine policy on top; every answer about what to show comes
    from here."""

    settings: Settings  # settings.toml as written (locked fields included: they are ignored, not erased)
    overrides: Overrides = Overrides()
    policy: Policy = Policy()

    @property
    def locked(self) -> frozenset[str]:
        """The settings the staff screen, settings.toml and the command line may not change."""
        return self.policy.owned

    @property
    def effective(self) -> Settings:
        """settings.toml with every locked field replaced: by the policy's value, else the default."""
        locked = self.locked
        if not locked:
            return self.settings
        defaults = Settings()
        values = {name: getattr(defaults, name) for name in locked}
        if self.policy.pack is not None:
            values["pack"] = self.policy.pack
        if self.policy.mode is not None:
            values["mode"] = str(self.policy.mode)
        return dataclasses.replace(self.settings, **values)

    @property
    def flags(self) -> Overrides:
        """This run's flags without those for locked settings."""
        ignored = self.ignored_flags
        if not ignored:
            return self.overrides
        return dataclasses.replace(self.overrides, **{name: getattr(Overrides(), name) for name in ignored})

    @property
    def ignored_flags(self) -> tuple[str, ...]:
        """The command-line flags given for settings the policy owns: not applied (run.py logs them)."""
        blank = Overrides()
        return tuple(
            name for name in _FLAGS if name in self.locked and getattr(self.overrides, name) != getattr(blank, name)
        )

    @property
    def pin(self) -> PinHash | None:
        """The staff PIN: the policy's when it sets one (staff cannot change it then), else settings.toml's."""
        return self.policy.staff_pin_hash or self.settings.pin

    @property
    def pin_from_policy(self) -> bool:
        return self.policy.staff_pin_hash is not None

    @property
    def base_mode(self) -> str:
        """The mode outside every schedule entry."""
        return self.flags.mode or self.effective.mode

    @property
    def base_pack(self) -> str:
        return self.flags.pack or self.effective.pack

    @property
    def schedule_active(self) -> bool:
        """A mode or pack given on the command line switches the schedule off for this run; so does a policy that
        owns both (the schedule has nothing left to switch)."""
        if {"pack", "mode"} <= self.locked:
            return False
        flags = self.flags
        return bool(self.effective.schedule) and flags.mode is None and flags.pack is None

    def schedule(self) -> Schedule:
        return Schedule(self.effective.schedule, self.base_mode, self.base_pack)

    def wanted_slot(self, now: dt.datetime) -> Slot:
        """The mode and pack the kiosk should show at `now` (local wall-clock time); a schedule entry changes only
        what the policy does not own."""
        if not self.schedule_active:
            return Slot(self.base_mode, self.base_pack)
        slot = self.schedule().at(now)
        if "mode" in self.locked:
            slot = dataclasses.replace(slot, mode=self.base_mode)
        if "pack" in self.locked:
            slot = dataclasses.replace(slot, pack=self.base_pack)
        return slot

    def next_change(self, now: dt.datetime) -> dt.datetime | None:
        """When the schedule next changes what is wanted; None without a schedule or when it never will."""
        return self.schedule().next_change(now) if self.schedule_active else None

    def reason(self, slot: Slot, what: str) -> str:
        """Why the kiosk shows `slot`, for the log."""
        owned = [name for name in ("mode", "pack") if name in self.locked]
        policy = f"; {' and '.join(owned)} set by the machine policy" if owned else ""
        if slot.entry:
            return f"{what}; schedule entry {slot.entry!r}{policy}"
        if self.flags.mode or self.flags.pack:
            return f"{what}; command line{policy}"
        return f"{what}; settings{policy}"

    def pages(self, pack: Pack, mode: str) -> list[Page]:
        """The loop for `mode`: the audience's pages, each at the school's own time where it set one."""
        durations = self.effective.durations
        return [
            dataclasses.replace(p, duration=durations[p.id]) if p.id in durations else p
            for p in audience_pages(pack, mode)
        ]

    def interface_language(self, pack: Pack) -> str:
        """`--lang`, else the staff screen's choice, else the pack's own language (English when the interface has
        no translation for it; kiosk.ui.i18n falls back). English is the stored default, so an English choice
        with a Polish pack shows the Polish interface where one is installed."""
        if self.flags.language:
            return self.flags.language
        return self.effective.language if self.effective.language != "en" else pack.language

    def idle_timeout(self, pack: Pack, mode: str) -> float | None:
        """Seconds without a touch before the loop comes back; None in an assembly, which never goes idle."""
        if mode == RunMode.ASSEMBLY:
            return None
        return self.flags.idle_timeout or self.effective.idle_timeout or pack.idle_timeout

    def idle_timeout_layer(self) -> str:
        """Which of `LAYERS` the idle time comes from (the staff screen says so when it is not the school's own)."""
        if self.flags.idle_timeout:
            return "command line"
        if "idle_timeout" in self.locked:
            return "policy"
        return "settings" if self.effective.idle_timeout else "pack"

    def staff_choices(self, pack: Pack | None, shown_mode: str, packs: Sequence[str]) -> StaffChoices:
        """The staff screen's starting point: the saved settings (the policy's where it locks them), except the
        idle time, which is the one the kiosk runs with: a `--idle-timeout` flag's for this run (the screen says
        so; "Save and close" keeps what it showed)."""
        choices = staff_choices(self.effective, pack, shown_mode, packs)
        if self.idle_timeout_layer() == "command line" and self.flags.idle_timeout:
            choices.idle_timeout = self.flags.idle_timeout
            choices.idle_layer = "command line"
        return choices

    @property
    def reduced_motion(self) -> bool:
        return self.flags.reduced_motion or self.effective.reduced_motion

    @property
    def high_contrast(self) -> bool:
        return self.flags.high_contrast or self.effective.high_contrast

    @property
    def text_scale(self) -> float:
        return (self.flags.text_size or self.effective.text_size) / 100


# --- the staff screen ----------------------------------------------------------------------------------------------


@dataclass
class StaffChoices:
    """What the staff screen can change, as it stands while staff edit it; `merge_choices` saves it."""

    pack: str = "cumbria"
    mode: str = RunMode.FOYER
    idle_timeout: float = limits.IDLE_TIMEOUT.default
    reduced_motion: bool = False
    high_contrast: bool = False
    text_size: int = 100
    stats_enabled: bool = True
    packs: list[str] = field(default_factory=list)
    language: str = "en"
    durations: dict[str, float] = field(default_factory=dict)  # page id -> seconds, only the changed ones
    pages: list[PageRow] = field(default_factory=list)  # (id, title, the pack's seconds)
    # where the idle time shown came from when it is not the saved one: "command line" (this run's flag) until
    # staff change it; empty for the school's settings, the pack's own, or the policy's (the screen says locked)
    idle_layer: str = ""


def staff_choices(settings: Settings, pack: Pack | None, shown_mode: str, packs: Sequence[str]) -> StaffChoices:
    """The staff screen's starting point: the saved settings, and the page rows of the loop on screen."""
    rows = page_rows(pack, shown_mode) if pack is not None else []
    ids = {row[0] for row in rows}
    offered = list(packs)
    if settings.pack not in offered:
        offered.append(settings.pack)  # a pack folder given by path, or one removed since: still shown, chosen
    return StaffChoices(
        pack=settings.pack,
        mode=settings.mode,
        idle_timeout=settings.idle_timeout or (pack.idle_timeout if pack else limits.IDLE_TIMEOUT.default),
        reduced_motion=settings.reduced_motion,
        high_contrast=settings.high_contrast,
        text_size=settings.text_size,
        stats_enabled=settings.stats_enabled,
        packs=offered,
        language=settings.language,
        durations={k: v for k, v in settings.durations.items() if k in ids},
        pages=rows,
    )


def merge_choices(
    settings: Settings, choices: StaffChoices, pack_idle: float | None, locked: frozenset[str] = frozenset()
) -> Settings:
    """The settings after "Save and close".

    A setting the machine policy locks keeps what the file had: the staff screen showed the policy's value, which
    is not the school's choice to save.

    Page times of pages not on the staff screen (another pack's, another audience's) are kept. The idle time is
    written only when staff moved it away from the pack's own (or the file already had one), so a school that never
    touched it follows the pack's value when the pack changes.
    """
    shown_ids = {row[0] for row in choices.pages}
    durations = {k: v for k, v in settings.durations.items() if k not in shown_ids}
    durations.update(choices.durations)
    idle = settings.idle_timeout
    if idle is not None or choices.idle_timeout != pack_idle:
        idle = float(choices.idle_timeout)
    merged = dataclasses.replace(
        settings,
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
    if not locked:
        return merged
    return dataclasses.replace(merged, **{name: getattr(settings, name) for name in locked if hasattr(settings, name)})


def stepped_duration(current: float, own: float, direction: int) -> float | None:
    """One step of the staff screen's shorter/longer buttons, within the page-time limits; None when the result is
    the pack's own time again (so it is no longer an override)."""
    step = limits.PAGE_DURATION_STEP * (1 if direction > 0 else -1)
    wanted = limits.PAGE_DURATION.clamp(current + step)
    return None if abs(wanted - own) < 0.5 else wanted


def stepped_idle_timeout(current: float, direction: int) -> float:
    """One step of the staff screen's idle-time buttons, within the idle-time limits."""
    step = limits.IDLE_TIMEOUT_STEP * (1 if direction > 0 else -1)
    return limits.IDLE_TIMEOUT.clamp(current + step)


def durations_with_step(choices: StaffChoices, page_id: str, direction: int) -> dict[str, float] | None:
    """The staff choices' page times after one step of `page_id`, or None when no such page is on the screen."""
    own: Mapping[str, float] = {pid: seconds for pid, _, seconds in choices.pages}
    if page_id not in own:
        return None
    durations = dict(choices.durations)
    wanted = stepped_duration(durations.get(page_id, own[page_id]), own[page_id], direction)
    if wanted is None:
        durations.pop(page_id, None)
    else:
        durations[page_id] = wanted
    return durations


def switch_waits(run_mode: str, phase: Phase) -> bool:
    """A scheduled switch waits while a student is mid-visit (the pages and the plan stay until the loop, and the
    idle return is near); an assembly's presenter is never waited for."""
    return run_mode != RunMode.ASSEMBLY and phase != Phase.ATTRACT
