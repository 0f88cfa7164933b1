"""The staff screen behind a PIN: choose pack, mode, idle timeout and accessibility settings; exit the kiosk.

The PIN check and the settings file live in the core (kiosk.core.pin, kiosk.core.settings) and are wired in by
kiosk.ui.settings_bridge; this QObject only holds the screen's state for QML and hands a choice to `apply`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import Property, QObject, Signal, Slot

from kiosk.core import limits
from kiosk.core.config import (
    PageRow,
    StaffChoices,
    durations_with_step,
    stepped_idle_timeout,
)
from kiosk.core.pin import valid_pin
from kiosk.core.vocab import INTERFACE_LANGUAGES

log = logging.getLogger(__name__)

# the staff screen's name (QML, setChoice) of each setting a machine policy may lock (kiosk.core.policy.LOCKABLE)
QML_NAMES = {
    "idle_timeout": "idleTimeout",
    "reduced_motion": "reducedMotion",
    "high_contrast": "highContrast",
    "text_size": "textSize",
    "stats_enabled": "statsEnabled",
}


class AdminController(QObject):
    """Exposed to QML as the Kiosk module's `Admin` singleton (kiosk.ui.app.QML_SINGLETONS)."""

    changed = Signal()
    exitRequested = Signal()
    activity = Signal()  # a key pressed on the staff screen: its close-when-left-alone timer starts again

    def __init__(
        self,
        choices: StaffChoices,
        verify_pin: Callable[[str], bool],
        has_pin: Callable[[], bool],
        set_pin: Callable[[str], None],
        apply: Callable[[StaffChoices], None],
        parent: QObject | None = None,
        load: Callable[[], StaffChoices] | None = None,
        pages_for: Callable[[str, str], list[PageRow]] | None = None,
    ) -> None:
        super().__init__(parent)
        self._pages_for = pages_for  # (pack, mode) -> the page-time rows, so the list follows an unsaved choice
        self._choices = choices
        self._load = load  # fresh choices each time the screen opens, so a closed-unsaved edit is forgotten
        self._schedule_note = ""
        self._settings_problem = ""
        self._verify_pin = verify_pin
        self._has_pin = has_pin
        self._set_pin = set_pin
        self._apply = apply
        self._open = False
        self._unlocked = False
        self._message = ""
        self._failures = 0
        self._pack_problem = ""
        self._store_status = ""
        self._store_warning = ""
        self._policy_problem = ""
        self._locked: frozenset[str] = frozenset()  # settings names (kiosk.core.policy.LOCKABLE)

    # --- state -----------------------------------------------------------------------------------------------

    @Property(bool, notify=changed)
    def open(self) -> bool:
        return self._open

    @Property(bool, notify=changed)
    def unlocked(self) -> bool:
        return self._unlocked

    @Property(bool, notify=changed)
    def needsNewPin(self) -> bool:
        return not self._has_pin()

    @Property(str, notify=changed)
    def message(self) -> str:
        return self._message

    @Property(str, notify=changed)
    def packProblem(self) -> str:
        return self._pack_problem

    def set_pack_problem(self, text: str) -> None:
        self._pack_problem = text
        self.changed.emit()

    @Property(str, notify=changed)
    def storeStatus(self) -> str:  # noqa: N802 - QML name
        """The stored pack on screen (version, publisher, valid until) and the bundles refused, one per line."""
        return self._store_status

    @Property(str, notify=changed)
    def storeWarning(self) -> str:  # noqa: N802 - QML name
        """The pack on screen goes out of date soon (kiosk.core.limits.EXPIRY_WARNING_DAYS), or already has."""
        return self._store_warning

    def set_store_status(self, status: str, warning: str) -> None:
        if (status, warning) != (self._store_status, self._store_warning):
            self._store_status, self._store_warning = status, warning
            self.changed.emit()

    @Property(list, notify=changed)
    def packs(self) -> list[str]:
        return list(self._choices.packs)

    @Property(str, notify=changed)
    def pack(self) -> str:
        return self._choices.pack

    @Property(str, notify=changed)
    def mode(self) -> str:
        return self._choices.mode

    @Property(int, notify=changed)
    def idleTimeout(self) -> int:
        return round(self._choices.idle_timeout)

    @Property(bool, notify=changed)
    def reducedMotion(self) -> bool:
        return self._choices.reduced_motion

    @Property(bool, notify=changed)
    def highContrast(self) -> bool:
        return self._choices.high_contrast

    @Property(int, notify=changed)
    def textSize(self) -> int:
        return self._choices.text_size

    @Property(list, constant=True)
    def textSizes(self) -> list[int]:  # noqa: N802 - QML name
        """The text sizes offered, in percent (kiosk.core.limits.TEXT_SIZES)."""
        return list(limits.TEXT_SIZES)

    @Property(bool, notify=changed)
    def statsEnabled(self) -> bool:
        return self._choices.stats_enabled

    @Property(str, notify=changed)
    def language(self) -> str:
        return self._choices.language

    @Property(list, notify=changed)
    def pageDurations(self) -> list[dict[str, object]]:  # noqa: N802 - QML name
        """One row per page of the loop: id, title, seconds, and whether it differs from the pack."""
        rows: list[dict[str, object]] = []
        for page_id, title, default in self._choices.pages:
            seconds = self._choices.durations.get(page_id, default)
            rows.append({"id": page_id, "title": title, "seconds": round(seconds), "changed": seconds != default})
        return rows

    @Property(str, notify=changed)
    def settingsProblem(self) -> str:  # noqa: N802 - QML name
        return self._settings_problem

    def set_settings_problem(self, text: str) -> None:
        self._settings_problem = text
        self.changed.emit()

    @Property(str, notify=changed)
    def scheduleNote(self) -> str:  # noqa: N802 - QML name
        return self._schedule_note

    def set_schedule_note(self, text: str) -> None:
        self._schedule_note = text
        self.changed.emit()

    @Property(str, notify=changed)
    def policyProblem(self) -> str:  # noqa: N802 - QML name
        """The machine policy's problems, one `file:line: field: problem` a line (the screen adds its heading in
        the interface language); empty when it was good."""
        return self._policy_problem

    def set_policy_problem(self, text: str) -> None:
        self._policy_problem = text
        self.changed.emit()

    @Property(list, notify=changed)
    def lockedSettings(self) -> list[str]:  # noqa: N802 - QML name
        """The staff screen's names of the settings the school's IT locked: shown, never offered for change ("pin"
        when the machine policy sets the staff PIN)."""
        return sorted(QML_NAMES.get(name, name) for name in self._locked)

    @Property(str, notify=changed)
    def idleLayer(self) -> str:  # noqa: N802 - QML name
        """Where the idle time shown comes from when it is not the saved one ("command line"), else empty."""
        return self._choices.idle_layer

    def set_locked(self, names: frozenset[str]) -> None:
        self._locked = frozenset(names)
        self.changed.emit()

    @property
    def choices(self) -> StaffChoices:
        return self._choices

    # --- actions ---------------------------------------------------------------------------------------------

    @Slot()
    def show(self) -> None:
        if self._load is not None:
            try:
                self._choices = self._load()
            except Exception:
                log.exception("staff screen: could not read the current settings")
        self._open, self._unlocked, self._message = True, False, ""
        log.info("staff screen opened")
        self.changed.emit()

    @Slot()
    def close(self) -> None:
        self._open = self._unlocked = False
        self._message = ""
        self.changed.emit()

    @Slot(str, result=bool)
    def unlock(self, pin: str) -> bool:
        if self._failures >= limits.PIN_ATTEMPTS:
            self._message = self.tr("Too many wrong PINs. Try again after the kiosk restarts.")
            self.changed.emit()
            return False
        if self._verify_pin(pin):
            self._unlocked, self._message, self._failures = True, "", 0
            log.info("staff screen unlocked")
        else:
            self._failures += 1
            self._message = self.tr("Wrong PIN.")
            log.warning("staff screen: wrong PIN (%d)", self._failures)
        self.changed.emit()
        return self._unlocked

    @Slot(str, str, result=bool)
    def choosePin(self, pin: str, again: str) -> bool:
        """First use: set the PIN (entered twice); kiosk.core.pin.valid_pin says what a PIN may be. A PIN the
        machine policy sets ("pin" locked) is never replaced here."""
        if "pin" in self._locked:
            log.warning("staff screen: the staff PIN is set by the school's IT (machine policy); not changed")
            return False
        if pin != again:
            self._message = self.tr("The two PINs are different. Try again.")
        elif not valid_pin(pin):
            self._message = self.tr("A PIN is 4 to 8 digits.")
        else:
            self._set_pin(pin)
            self._unlocked, self._message = True, ""
            log.info("staff PIN set")
        self.changed.emit()
        return self._unlocked

    @Slot(str, "QVariant")
    def setChoice(self, name: str, value: object) -> None:
        if not self._unlocked:
            return
        field_name = {
            "idleTimeout": "idle_timeout",
            "reducedMotion": "reduced_motion",
            "highContrast": "high_contrast",
            "textSize": "text_size",
            "statsEnabled": "stats_enabled",
        }.get(name, name)
        if not hasattr(self._choices, field_name) or field_name in ("packs", "pages", "durations"):
            log.warning("staff screen: unknown setting %r", name)
            return
        if field_name in self._locked:
            log.warning("staff screen: %s is set by the school's IT (machine policy); not changed", field_name)
            return
        if field_name == "language" and value not in INTERFACE_LANGUAGES:
            log.warning("staff screen: unknown language %r", value)
            return
        current = getattr(self._choices, field_name)
        try:
            setattr(self._choices, field_name, type(current)(value))
        except (TypeError, ValueError):
            log.warning("staff screen: bad value %r for %s", value, name)
            return
        if (
            field_name in ("pack", "mode")
            and self._pages_for is not None
            and getattr(self._choices, field_name) != current
        ):
            self._choices.pages = self._pages_for(self._choices.pack, self._choices.mode)
        if field_name == "idle_timeout" and getattr(self._choices, field_name) != current:
            self._choices.idle_layer = ""  # staff's own choice now, whatever the command line said
        self.changed.emit()

    @Slot(int)
    def stepIdleTimeout(self, direction: int) -> None:  # noqa: N802 - QML name
        """+1 or -1 step of the idle time, within its limits."""
        self.setChoice("idleTimeout", stepped_idle_timeout(self._choices.idle_timeout, direction))

    @Slot(str, int)
    def stepDuration(self, page_id: str, direction: int) -> None:  # noqa: N802 - QML name
        """+1 or -1 step of a page's time in the loop; back at the pack's own time it is no longer an override."""
        if not self._unlocked:
            return
        if "durations" in self._locked:
            log.warning("staff screen: page times are set by the school's IT (machine policy); not changed")
            return
        durations = durations_with_step(self._choices, page_id, direction)
        if durations is None:
            log.warning("staff screen: no page %r", page_id)
            return
        self._choices.durations = durations
        self.changed.emit()

    @Slot()
    def applyAndClose(self) -> None:
        if not self._unlocked:
            return
        try:
            self._apply(self._choices)
        except Exception:
            log.exception("staff screen: could not apply the settings")
            self._message = self.tr("Could not apply the settings; see the log.")
            self.changed.emit()
            return
        self.close()

    @Slot()
    def exitKiosk(self) -> None:
        if self._unlocked:
            log.info("staff screen: exit requested")
            self.exitRequested.emit()
