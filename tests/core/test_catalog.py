"""Which packs there are, and the pack shown when the one asked for is refused; and the staff PIN's rule."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kiosk.core import catalog, paths
from kiosk.core.keys import Command, KeyInput
from kiosk.core.pin import valid_pin
from kiosk.core.vocab import Action

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def test_a_refused_pack_is_replaced_by_the_default_with_its_reasons(kiosk_home: Path) -> None:
    pack, problems = catalog.load_pack_or_fallback(str(FIXTURES / "broken" / "http-link"))
    assert pack.id == paths.DEFAULT_PACK and problems and "https" in problems[0].message
    pack, problems = catalog.load_pack_or_fallback("derbyshire")
    assert (pack.id, problems) == ("derbyshire", [])


def test_a_broken_installation_stops_with_the_reasons(kiosk_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(paths, "builtin_packs_dir", lambda: FIXTURES / "broken")
    monkeypatch.setattr(paths, "DEFAULT_PACK", "http-link")
    with pytest.raises(SystemExit, match="built-in pack is broken"):
        catalog.load_pack_or_fallback(str(FIXTURES / "broken" / "syntax-error"))


def test_the_schools_own_packs_are_offered_beside_the_built_in_ones(kiosk_home: Path) -> None:
    own = paths.user_packs_dir()
    shutil.copytree(FIXTURES / "packs" / "minimal", own / "our-school")
    (own / "not-a-pack").mkdir()
    names = catalog.available_packs()
    assert "our-school" in names and "not-a-pack" not in names
    assert set(paths.builtin_pack_names()) <= set(names) and names == sorted(names)


@pytest.mark.parametrize(("pin", "ok"), [("1234", True), ("12345678", True), ("123", False), ("123456789", False)])
def test_a_pin_is_4_to_8_digits(pin: str, ok: bool) -> None:
    assert valid_pin(pin) is ok
    assert not valid_pin(pin[:-1] + "a")


def test_a_typed_page_number_is_a_goto_command_not_a_string() -> None:
    keys = KeyInput("assembly")
    keys.press("1")
    assert keys.press("Enter") == Command(Action.GOTO, 1)
    assert KeyInput("no-such-mode").press("B") is None, "an unknown mode has the foyer's keys"
