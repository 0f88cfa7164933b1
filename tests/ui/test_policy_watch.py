"""A new policy.toml reaches a running kiosk: started the way run.py starts one, the file changed under it, the
change noticed by the OS, read once stable (fake clock), the locks on the staff screen at once and the pack and
mode switched only when the visitor has gone; a bad file leaves the screen as it was and says why; new trusted
keys reach the pack sources."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from kiosk.core import limits
from kiosk.core.policy_follow import PolicyFollower
from kiosk.ui.policy_watch import PolicyWatch
from kiosk.ui.render import settle
from kiosk.ui.run import settings_from_file_and_flags

from ..qml_helpers import find, finish_loading
from .test_pack_watch import drop, running, start, store  # noqa: F401 - fixtures
from .test_policy_gui import flags
from .test_settings_gui import Kiosk, open_staff_screen

SETTLE = limits.POLICY_SETTLE_SECONDS


class Watched(Kiosk):
    def __init__(self, kiosk: Kiosk, watch: PolicyWatch, file: Path) -> None:
        super().__init__(kiosk.bridge, kiosk.session)
        self.watch, self.file = watch, file

    @property
    def shown(self) -> tuple[str, str]:
        return self.controller.pack.id, self.controller.run_mode


@pytest.fixture
def kiosk(qapp, clock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[[str], Watched]]:
    """A kiosk started as run.py starts one, on `policy` (KIOSK_POLICY), its policy file watched."""
    made: list[Watched] = []
    folder = tmp_path / "etc"
    folder.mkdir()
    file = folder / "policy.toml"
    monkeypatch.setenv("KIOSK_POLICY", str(file))

    def make(policy: str) -> Watched:
        file.write_text(policy)
        bridge = settings_from_file_and_flags(flags(reduced_motion=True))
        session = bridge.start((1080, 1920), None, clock=clock)
        session.window.show()
        settle(session.window)
        finish_loading(session.window)  # a switch while pages are still built in the background: Qt warnings
        watch = PolicyWatch(PolicyFollower(bridge.config.policy, bridge.policy_problems, clock=clock), bridge)
        watch.start()
        made.append(Watched(Kiosk(bridge, session), watch, file))
        return made[-1]

    yield make
    for k in made:
        k.watch.timer.disarm()
        k.watch.deleteLater()
        k.bridge.deleteLater()
        finish_loading(k.window)
        k.session.close()


def deploy(k: Watched, text: str, qtbot) -> None:
    """IT's tool writes the file in place; the kiosk hears of it, and reads it once it has stayed the same."""
    k.file.write_text(text)
    qtbot.waitUntil(lambda: k.watch.follower.pending, timeout=5000)  # the OS told it: not read yet
    assert k.watch.timer.interval_ms == int(SETTLE * 1000), "one look when the settle time is over"
    k.watch.follower._clock.advance(SETTLE)  # type: ignore[attr-defined]
    k.watch.look()  # what the timer does
    assert not k.watch.follower.pending
    assert k.watch.timer.interval_ms == int(limits.POLICY_RESCAN_SECONDS * 1000), "then only the slow rescan"


def end_visit(k: Watched, clock) -> None:
    clock.advance(k.controller.engine.idle_timeout + limits.IDLE_WARNING_SECONDS + 1)
    k.controller.engine.update()
    settle(k.window)


def test_a_new_policy_switches_pack_and_mode_when_the_visitor_has_gone(kiosk, clock, qtbot, caplog) -> None:
    k = kiosk('[packs]\npack = "cumbria"\n')
    assert k.shown == ("cumbria", "foyer")
    k.controller.touch()  # a student starts a visit
    k.controller.goToKind("plan")
    page = k.controller.state.page
    caplog.set_level(logging.INFO)
    deploy(k, '[packs]\npack = "derbyshire"\n\n[kiosk]\nmode = "parents"\nlocked = ["text_size"]\n', qtbot)
    assert f"policy: changed {k.file}: pack cumbria -> derbyshire; mode set to parents; locked +text_size" in (
        caplog.messages
    )
    assert sorted(k.admin.lockedSettings) == ["mode", "pack", "textSize"], "the staff screen's locks at once"
    settle(k.window)
    assert k.shown == ("cumbria", "foyer") and k.controller.state.page == page, "the visit keeps its page"
    assert not k.controller.attract
    end_visit(k, clock)
    qtbot.waitUntil(lambda: k.shown == ("derbyshire", "parents"), timeout=3000)
    assert k.controller.attract
    assert any("switched to mode parents, pack derbyshire (machine policy changed" in m for m in caplog.messages)
    open_staff_screen(k)
    assert find(k.window, "locked-pack").property("text") == "Set by the school's IT: derbyshire"


def test_a_policy_removed_gives_the_school_its_own_choices_back(kiosk, clock, qtbot) -> None:
    k = kiosk('[kiosk]\nmode = "parents"\nlocked = ["text_size"]\n')
    assert k.shown == ("cumbria", "parents")
    k.file.unlink()
    qtbot.waitUntil(lambda: k.watch.follower.pending, timeout=5000)
    clock.advance(SETTLE)
    k.watch.look()
    qtbot.waitUntil(lambda: k.shown == ("cumbria", "foyer"), timeout=3000)  # no visit: at once
    assert k.admin.lockedSettings == []


def test_a_bad_policy_leaves_the_screen_as_it_was_and_says_where(kiosk, clock, qtbot) -> None:
    k = kiosk('[packs]\npack = "derbyshire"\n\n[kiosk]\nlocked = ["text_size"]\n')
    before = k.window.grabWindow()
    deploy(k, '[packs]\npack = "cumbria"\n\n[kiosk]\nmode = "disco"\nlocked = []\n', qtbot)
    qtbot.wait(50)
    settle(k.window)
    assert k.shown == ("derbyshire", "foyer") and sorted(k.admin.lockedSettings) == ["pack", "textSize"]
    assert k.window.grabWindow() == before, "not a pixel changed"
    problem = k.admin.policyProblem
    assert problem == f"{k.file}:5: kiosk.mode: must be one of foyer, assembly, parents, not 'disco'"
    open_staff_screen(k)
    shown = find(k.window, "adminPolicyProblem").property("text")
    assert "The school's IT policy file has problems" in shown and problem in shown
    # IT fixes it: the problem goes, and the new policy applies
    deploy(k, '[packs]\npack = "cumbria"\n', qtbot)
    assert k.admin.policyProblem == "" and k.admin.lockedSettings == ["pack"]


def test_trusted_keys_from_a_new_policy_reach_the_pack_sources(running, store, tmp_path, qtbot) -> None:  # noqa: F811
    """A bundle refused for its key is imported at once when the policy's new key vouches for it."""
    r = running()
    drop(tmp_path, r.share, 1, key="KEY-B")
    start(r)
    assert r.shown != "Cumbria version 1" and "Refused: cumbria-1.kioskpack" in r.bridge.admin.storeStatus
    scanner = r.watch.scanner
    renewed = type(scanner)(
        scanner.store, ("KEY-A", "KEY-B"), scanner.sources, find_usb=list, find_usb_parents=list, wall=lambda: 4e9
    )
    r.watch.set_scanner(renewed)
    settle(r.window)
    qtbot.waitUntil(lambda: r.shown == "Cumbria version 1", timeout=3000)
    r.watch.pause()  # and a policy with no key left: nothing new is imported, what is stored stays
    assert not r.watch.timer.armed
    drop(tmp_path, r.share, 2, key="KEY-B")
    qtbot.wait(50)
    r.watch.rescan()
    assert store.current_version("cumbria") == 1 and not r.watch.timer.armed
    r.watch.set_scanner(renewed)
    qtbot.waitUntil(lambda: r.shown == "Cumbria version 2", timeout=3000)


def test_the_staff_screen_open_during_a_change_shows_the_new_locks_at_once(kiosk, qtbot) -> None:
    k = kiosk('[kiosk]\nlocked = ["language"]\n')
    open_staff_screen(k)
    assert find(k.window, "packChoices").isVisible() and find(k.window, "text-150").isVisible()
    deploy(k, '[packs]\npack = "derbyshire"\n\n[kiosk]\nlocked = ["text_size"]\n', qtbot)
    settle(k.window)
    assert find(k.window, "locked-pack").property("text") == "Set by the school's IT: derbyshire"
    assert not find(k.window, "packChoices", visible_only=False).isVisible(), "no longer offered"
    assert not find(k.window, "text-150", visible_only=False).isVisible()
    assert find(k.window, "languageChoices").isVisible(), "the language is the school's again"
