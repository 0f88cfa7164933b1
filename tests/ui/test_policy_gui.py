"""The machine policy as staff meet it: a real kiosk started the way run.py starts one, with a policy.toml named by
KIOSK_POLICY; locked settings shown as set by the school's IT and never offered, a bad policy explained."""

from __future__ import annotations

import argparse
import logging
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from kiosk.core.pin import hash_pin
from kiosk.core.policy import format_pin_hash
from kiosk.core.settings import Settings, load_settings, save_settings
from kiosk.ui.render import settle
from kiosk.ui.run import settings_from_file_and_flags

from ..qml_helpers import find, finish_loading
from .test_gui import key
from .test_settings_gui import CHORD, Kiosk, open_staff_screen, tap, type_pin


def flags(**given: object) -> argparse.Namespace:
    base: dict[str, object] = dict(
        pack=None, mode=None, idle_timeout=None, reduced_motion=False, high_contrast=False, text_size=None, lang=None
    )
    return argparse.Namespace(**(base | given))


@pytest.fixture
def start(qapp, clock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[..., Kiosk]]:
    """Start a kiosk as run.py does, with `policy` as the machine's policy.toml (None: no file)."""
    made: list[Kiosk] = []
    policy_file = tmp_path / "policy.toml"
    monkeypatch.setenv("KIOSK_POLICY", str(policy_file))

    def make(policy: str | None, settings: Settings | None = None, args: argparse.Namespace | None = None) -> Kiosk:
        if policy is not None:
            policy_file.write_text(policy)
        if settings is not None:
            save_settings(settings)
        bridge = settings_from_file_and_flags(args or flags())
        session = bridge.start((1080, 1920), None, clock=clock)
        session.window.show()
        settle(session.window)
        made.append(Kiosk(bridge, session))
        return made[-1]

    yield make
    for k in made:
        k.bridge.deleteLater()
        finish_loading(k.session.window)
        k.session.close()


LOCKING = """\
[packs]
pack = "derbyshire"

[kiosk]
mode = "parents"
locked = ["text_size", "durations"]
"""


def test_locked_settings_are_shown_as_set_by_it_and_not_offered(start, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO)
    k = start(LOCKING, Settings(pack="cumbria", mode="foyer", text_size=150), flags(pack="cumbria", text_size=125))
    assert (k.controller.pack.id, k.controller.run_mode, k.controller.textScale) == ("derbyshire", "parents", 1.0)
    assert "the command-line flag for pack is ignored" in caplog.text
    assert "the command-line flag for text_size is ignored" in caplog.text
    assert sorted(k.admin.lockedSettings) == ["durations", "mode", "pack", "textSize"]
    open_staff_screen(k)
    pack_note = find(k.window, "locked-pack")
    assert pack_note.property("text") == "Set by the school's IT: derbyshire"
    assert find(k.window, "locked-mode").property("text") == "Set by the school's IT: Parents' evening"
    assert "Text 100%" in find(k.window, "locked-textSize").property("text")
    assert find(k.window, "locked-durations").isVisible()
    for hidden in ("packChoices", "modeChoices", "text-150", "shorter-" + k.controller.pack.pages[0].id):
        assert not find(k.window, hidden, visible_only=False).isVisible(), f"{hidden} is offered"
    assert not find(k.window, "locked-language", visible_only=False).isVisible(), "language is the school's"
    assert find(k.window, "languageChoices").isVisible()
    # a change sneaked in through the singleton is refused too
    k.admin.setChoice("pack", "cumbria")
    k.admin.setChoice("textSize", 125)
    assert (k.admin.pack, k.admin.textSize) == ("derbyshire", 100)
    tap(k, "lang-cy")
    tap(k, "adminApply")
    saved, _ = load_settings()
    assert (saved.pack, saved.mode, saved.text_size, saved.language) == ("cumbria", "foyer", 150, "cy"), (
        "the school's own choices stay in its file; only the unlocked language changed"
    )
    assert (k.controller.pack.id, k.controller.run_mode, k.controller.textScale) == ("derbyshire", "parents", 1.0)


def test_without_a_policy_nothing_is_locked(start) -> None:
    k = start(None)
    open_staff_screen(k)
    assert k.admin.lockedSettings == [] and k.admin.policyProblem == ""
    assert find(k.window, "packChoices").isVisible() and find(k.window, "text-150").isVisible()
    assert not find(k.window, "locked-pack", visible_only=False).isVisible()


def test_a_bad_policy_at_start_is_explained_and_its_good_fields_apply(start, caplog) -> None:
    caplog.set_level(logging.ERROR)
    k = start('[packs]\npack = "derbyshire"\n\n[kiosk]\nmode = "disco"\nlocked = ["pack", "colour"]\n')
    assert k.controller.pack.id == "derbyshire", "the kiosk runs, on the fields that were good"
    assert k.controller.run_mode == "foyer"
    problems = [line for line in k.admin.policyProblem.splitlines() if ".toml:" in line]
    assert problems[0].endswith(":5: kiosk.mode: must be one of foyer, assembly, parents, not 'disco'")
    assert ":6: kiosk.locked[1]: 'colour' is not a setting that can be locked" in problems[1]
    assert ":5: kiosk.mode: must be one of" in caplog.text, "the log says it too"
    open_staff_screen(k)
    shown = find(k.window, "adminPolicyProblem").property("text")
    assert "The school's IT policy file has problems" in shown and problems[0] in shown


def test_the_policy_pin_opens_the_staff_screen_and_is_never_replaced(start) -> None:
    k = start(f'[kiosk]\nstaff_pin_hash = "{format_pin_hash(hash_pin("8642", "pbkdf2-sha256"))}"\n')
    assert not k.admin.needsNewPin, "no first-use PIN to choose: IT chose it"
    assert not k.admin.choosePin("1111", "1111")
    key(k.session, Qt.Key.Key_K, CHORD)  # type: ignore[arg-type]
    type_pin(k, "1111")
    assert not k.admin.unlocked
    type_pin(k, "8642")
    assert k.admin.unlocked
    k.bridge._set_pin("2222")
    assert load_settings()[0].pin is None, "the school's file gets no PIN of its own"


def test_a_policy_reread_applies_a_good_change_live_and_keeps_the_last_good_one_on_a_bad(start, tmp_path) -> None:
    k = start('[packs]\npack = "derbyshire"\n')
    assert k.controller.pack.id == "derbyshire"
    policy_file = tmp_path / "policy.toml"
    policy_file.write_text('[packs]\npack = "derbyshire"\n[kiosk]\nmode = "disco"\n')
    assert not k.bridge.reload_policy(), "a bad file changes nothing on screen"
    assert k.controller.pack.id == "derbyshire" and ":4: kiosk.mode:" in k.admin.policyProblem
    policy_file.write_text('[kiosk]\nmode = "parents"\nlocked = ["text_size"]\n')
    assert k.bridge.reload_policy()
    assert (k.controller.pack.id, k.controller.run_mode) == ("cumbria", "parents")
    assert k.admin.policyProblem == "" and sorted(k.admin.lockedSettings) == ["mode", "textSize"]
