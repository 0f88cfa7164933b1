"""Key maps per mode, as a teacher's clicker and a child's fingers use them."""

import pytest

from kiosk.core.keys import KeyInput


@pytest.mark.parametrize("key", ["Right", "Down", "PageDown", "Space", "Return", "Enter"])
def test_assembly_next_keys(key: str) -> None:
    assert KeyInput("assembly").press(key) == "next"


@pytest.mark.parametrize("key", ["Left", "Up", "PageUp", "Backspace"])
def test_assembly_previous_keys(key: str) -> None:
    assert KeyInput("assembly").press(key) == "prev"


def test_assembly_blanking_and_ends() -> None:
    k = KeyInput("assembly")
    assert [k.press(x) for x in ("B", "Period", "W", "Comma", "Escape", "Home", "End")] == [
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
    assert k.press("1") == "digit" and k.press("2") == "digit"
    assert k.pending_number == "12"
    assert k.press("Return") == "goto:12"
    assert k.press("Return") == "next", "Enter with no number is next"


def test_escape_or_another_key_drops_a_typed_number() -> None:
    k = KeyInput("assembly")
    k.press("3")
    assert k.press("Escape") == "unblank" and k.pending_number == ""
    k.press("4")
    k.press("Right")
    assert k.press("Return") == "next"


def test_foyer_ignores_presentation_keys() -> None:
    k = KeyInput("foyer")
    assert [k.press(x) for x in ("B", "W", "Escape", "1", "Return", "Q", "End")] == [None] * 7
    assert k.press("Right") == "next" and k.press("F1") == "help"
