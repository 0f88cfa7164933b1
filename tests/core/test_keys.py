"""Key maps per mode, as a teacher's clicker and a child's fingers use them."""

import pytest

from kiosk.core.keys import Command, KeyInput
from kiosk.core.vocab import Action


def action(command: Command | None) -> Action | None:
    return command.action if command is not None else None


@pytest.mark.parametrize("key", ["Right", "Down", "PageDown", "Space", "Return", "Enter"])
def test_assembly_next_keys(key: str) -> None:
    assert action(KeyInput("assembly").press(key)) == "next"


@pytest.mark.parametrize("key", ["Left", "Up", "PageUp", "Backspace"])
def test_assembly_previous_keys(key: str) -> None:
    assert action(KeyInput("assembly").press(key)) == "prev"


def test_assembly_blanking_and_ends() -> None:
    k = KeyInput("assembly")
    assert [action(k.press(x)) for x in ("B", "Period", "W", "Comma", "Escape", "Home", "End")] == [
        "black",
        "black",
        "white",
        "white",
        "unblank",
        "home",
        "end",
    ]


def test_number_then_enter_jumps() -> None:
    k = KeyInput("assembly")
    assert action(k.press("1")) == Action.DIGIT and action(k.press("2")) == Action.DIGIT
    assert k.pending_number == "12"
    assert k.press("Return") == Command(Action.GOTO, 12)
    assert action(k.press("Return")) == Action.NEXT, "Enter with no number is next"


def test_escape_or_another_key_drops_a_typed_number() -> None:
    k = KeyInput("assembly")
    k.press("3")
    assert action(k.press("Escape")) == Action.UNBLANK and k.pending_number == ""
    k.press("4")
    k.press("Right")
    assert action(k.press("Return")) == Action.NEXT


def test_foyer_ignores_presentation_keys() -> None:
    k = KeyInput("foyer")
    assert [action(k.press(x)) for x in ("B", "W", "Escape", "1", "Return", "Q", "End")] == [None] * 7
    assert action(k.press("Right")) == Action.NEXT and action(k.press("F1")) == Action.HELP
