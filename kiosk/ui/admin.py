"""The staff screen behind a PIN: choose pack, mode, idle timeout and accessibility settings; exit the kiosk.

The PIN check and the settings file live in the core (kiosk.core.pin, kiosk.core.settings); this QObject only
holds the screen's state for QML and applies a choice to the running kiosk.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import Property, QObject, Signal, Slot

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 5


@dataclass
class AdminChoices:
    """What the staff screen can change; the running kiosk applies it."""

    pack: str = "cumbria"
    mode: str = "foyer"
    idle_timeout: float = 60.0
    reduced_motion: bool = False
    high_contrast: bool = False
    text_size: int = 100
    stats_enabled: bool = True
    packs: list[str] = field(default_factory=list)


class AdminController(QObject):
    """Exposed to QML as `admin`."""

    changed = Signal()
    exitRequested = Signal()

    def __init__(
        self,
        choices: AdminChoices,
        verify_pin: Callable[[str], bool],
        has_pin: Callable[[], bool],
        set_pin: Callable[[str], None],
        apply: Callable[[AdminChoices], None],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._choices = choices
        self._verify_pin = verify_pin
        self._has_pin = has_pin
        self._set_pin = set_pin
        self._apply = apply
        self._open = False
        self._unlocked = False
        self._message = ""
        self._failures = 0
        self._pack_problem = ""

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

    @Property(bool, notify=changed)
    def statsEnabled(self) -> bool:
        return self._choices.stats_enabled

    @property
    def choices(self) -> AdminChoices:
        return self._choices

    # --- actions ---------------------------------------------------------------------------------------------

    @Slot()
    def show(self) -> None:
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
        if self._failures >= MAX_ATTEMPTS:
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
        """First use: set the PIN (entered twice). 4 to 8 digits."""
        if pin != again:
            self._message = self.tr("The two PINs are different. Try again.")
        elif not (pin.isdigit() and 4 <= len(pin) <= 8):
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
        if not hasattr(self._choices, field_name) or field_name == "packs":
            log.warning("staff screen: unknown setting %r", name)
            return
        current = getattr(self._choices, field_name)
        try:
            setattr(self._choices, field_name, type(current)(value))  # type: ignore[call-arg]
        except (TypeError, ValueError):
            log.warning("staff screen: bad value %r for %s", value, name)
            return
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
