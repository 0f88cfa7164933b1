"""Which key does what, per mode. Key names are Qt's without the `Key_` prefix, so the core stays Qt-free.

Foyer: a child may press anything; only navigation does something, nothing quits.
Assembly: the keys presentation software and clickers use (clickers send PageDown/PageUp, B or `.` to black
the screen), plus a page number then Enter to jump.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kiosk.core.vocab import Action, RunMode

FOYER_KEYS: dict[str, Action] = {
    "Right": Action.NEXT,
    "PageDown": Action.NEXT,
    "Left": Action.PREV,
    "PageUp": Action.PREV,
    "Backspace": Action.PREV,
    "Home": Action.HOME,
    "F1": Action.HELP,
    "Question": Action.HELP,
    # a page taller than the screen (larger text) moves a screenful down or up; other pages turn, as PageDown/PageUp
    "Down": Action.NEXT,
    "Up": Action.PREV,
}

PRESENTER_KEYS: dict[str, Action] = {
    "Right": Action.NEXT,
    "Down": Action.NEXT,
    "PageDown": Action.NEXT,
    "Space": Action.NEXT,
    "Return": Action.NEXT,
    "Enter": Action.NEXT,
    "N": Action.NEXT,
    "Left": Action.PREV,
    "Up": Action.PREV,
    "PageUp": Action.PREV,
    "Backspace": Action.PREV,
    "P": Action.PREV,
    "Home": Action.HOME,
    "End": Action.END,
    "B": Action.BLACK,
    "Period": Action.BLACK,
    "W": Action.WHITE,
    "Comma": Action.WHITE,
    "Escape": Action.UNBLANK,
    "F1": Action.HELP,
}

KEYMAPS: dict[RunMode, dict[str, Action]] = {
    RunMode.FOYER: FOYER_KEYS,
    RunMode.ASSEMBLY: PRESENTER_KEYS,
    RunMode.PARENTS: FOYER_KEYS,
}

_DIGITS = {str(d): d for d in range(10)}


@dataclass(frozen=True)
class Command:
    """One thing asked of the engine: an action, and for GOTO the page number as the presenter typed it (from 1)."""

    action: Action
    page: int | None = None


@dataclass
class KeyInput:
    """Turns key presses into actions for one mode; in assembly mode "1", "2", Enter jumps to page 12."""

    mode: RunMode | str = RunMode.FOYER
    _digits: str = field(default="", repr=False)

    @property
    def keymap(self) -> dict[str, Action]:
        try:
            return KEYMAPS[RunMode(self.mode)]
        except ValueError:  # an unknown mode behaves as the foyer: nothing quits, only navigation works
            return FOYER_KEYS

    @property
    def pending_number(self) -> str:
        return self._digits

    def press(self, key_name: str) -> Command | None:
        """The command for a key (GOTO with the page for a typed number), or None when the key does nothing."""
        if self.mode == RunMode.ASSEMBLY:
            if key_name in _DIGITS:
                self._digits = (self._digits + key_name)[-3:]
                return Command(Action.DIGIT)
            if key_name in ("Return", "Enter") and self._digits:
                number, self._digits = int(self._digits), ""
                return Command(Action.GOTO, number)
            if key_name == "Escape" and self._digits:
                self._digits = ""
        self._digits = ""
        action = self.keymap.get(key_name)
        return Command(action) if action is not None else None
