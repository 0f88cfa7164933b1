"""Which key does what, per mode. Key names are Qt's without the `Key_` prefix, so the core stays Qt-free.

Foyer: a child may press anything; only navigation does something, nothing quits.
Assembly: the keys presentation software and clickers use (clickers send PageDown/PageUp, B or `.` to black
the screen), plus a page number then Enter to jump.
"""

from __future__ import annotations

from dataclasses import dataclass, field

FOYER_KEYS: dict[str, str] = {
    "Right": "next",
    "PageDown": "next",
    "Left": "prev",
    "PageUp": "prev",
    "Backspace": "prev",
    "Home": "home",
    "F1": "help",
    "Question": "help",
}

PRESENTER_KEYS: dict[str, str] = {
    "Right": "next",
    "Down": "next",
    "PageDown": "next",
    "Space": "next",
    "Return": "next",
    "Enter": "next",
    "N": "next",
    "Left": "prev",
    "Up": "prev",
    "PageUp": "prev",
    "Backspace": "prev",
    "P": "prev",
    "Home": "home",
    "End": "end",
    "B": "black",
    "Period": "black",
    "W": "white",
    "Comma": "white",
    "Escape": "unblank",
    "F1": "help",
}

KEYMAPS = {"foyer": FOYER_KEYS, "assembly": PRESENTER_KEYS, "parents": FOYER_KEYS}

_DIGITS = {str(d): d for d in range(10)}


def action_for(key_name: str, keymap: dict[str, str] = FOYER_KEYS) -> str | None:
    return keymap.get(key_name)


@dataclass
class KeyInput:
    """Turns key presses into actions for one mode; in assembly mode "1", "2", Enter jumps to page 12."""

    mode: str = "foyer"
    _digits: str = field(default="", repr=False)

    @property
    def keymap(self) -> dict[str, str]:
        return KEYMAPS.get(self.mode, FOYER_KEYS)

    @property
    def pending_number(self) -> str:
        return self._digits

    def press(self, key_name: str) -> str | None:
        """The action for a key, `goto:N` for a typed page number, or None when the key does nothing."""
        if self.mode == "assembly":
            if key_name in _DIGITS:
                self._digits = (self._digits + key_name)[-3:]
                return "digit"
            if key_name in ("Return", "Enter") and self._digits:
                number, self._digits = int(self._digits), ""
                return f"goto:{number}"
            if key_name == "Escape" and self._digits:
                self._digits = ""
        self._digits = ""
        return self.keymap.get(key_name)
