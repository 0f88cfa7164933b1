"""Which key does what, per mode. Key names are Qt's without the `Key_` prefix, so the core stays Qt-free."""

from __future__ import annotations

# Foyer: a child may press anything; only navigation does something, nothing quits.
FOYER_KEYS: dict[str, str] = {
    "Right": "next",
    "PageDown": "next",
    "Space": "next",
    "Left": "prev",
    "PageUp": "prev",
    "Backspace": "prev",
    "Home": "home",
    "H": "home",
    "F1": "help",
    "Question": "help",
}


def action_for(key_name: str, keymap: dict[str, str] = FOYER_KEYS) -> str | None:
    return keymap.get(key_name)
