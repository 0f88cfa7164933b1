"""The machine policy followed while the kiosk runs, without Qt: a changed file is read only once it has stayed the
same for the settle time (on a fake clock), a bad or untrusted one keeps the policy in force, and the layered
configuration recomputed says whether the screen must change."""

from __future__ import annotations

import datetime as dt
import logging
import os
from pathlib import Path

import pytest

from kiosk.core import config, limits, policy
from kiosk.core.config import Config, Overrides
from kiosk.core.policy import Policy, load_policy
from kiosk.core.policy_follow import PolicyFollower, policy_changes
from kiosk.core.settings import Settings
from kiosk.core.vocab import RunMode

KEY = "RWQf6LRCGA9i53mlYecO4IzT51TGPpvWucNSCh1CBM0QTaLn73Y7GFO3"  # minisign's documentation key
SETTLE = limits.POLICY_SETTLE_SECONDS
WEDNESDAY_9 = dt.datetime(2026, 12, 2, 9, 0)


@pytest.fixture
def file(tmp_path: Path) -> Path:
    folder = tmp_path / "campaign-kiosk"
    folder.mkdir()
    return folder / "policy.toml"


def following(file: Path, clock) -> PolicyFollower:
    """A follower as the kiosk makes one: the policy it read at start, then `start` once it is on screen."""
    read, problems = load_policy(file)
    follower = PolicyFollower(read, problems, file, clock=clock)
    assert follower.start() is None and not follower.pending
    return follower


def settled(follower: PolicyFollower, clock):
    """Look as the kiosk does: at once (the notification), then when the settle time has passed (the timer)."""
    assert follower.look() is None, "nothing is read the moment it changes"
    assert follower.pending and follower.wait_seconds == SETTLE
    clock.advance(SETTLE)
    return follower.look()


def test_a_changed_file_is_read_once_it_has_stayed_the_same_and_logged_in_one_line(file, clock, caplog) -> None:
    file.write_text('[packs]\npack = "cumbria"\n')
    follower = following(file, clock)
    assert follower.wait_seconds == limits.POLICY_RESCAN_SECONDS, "nothing pending: only the slow rescan"
    file.write_text(f'[packs]\npack = "derbyshire"\ntrusted_keys = ["{KEY}"]\n[kiosk]\nlocked = ["text_size"]\n')
    caplog.set_level(logging.INFO)
    caplog.clear()  # only what the change logs
    update = settled(follower, clock)
    assert update is not None and update.applied and not follower.pending
    assert update.policy.pack == "derbyshire" and follower.policy is update.policy
    assert update.sources_changed, "a key added: the pack sources look again"
    lines = [r.getMessage() for r in caplog.records]
    assert lines == [
        f"policy: changed {file}: pack cumbria -> derbyshire; locked +text_size; trusted keys +RWQf6LRCGA9i..."
    ]
    assert follower.look() is None, "the same version is never read twice"


def test_a_file_still_being_copied_is_not_read_until_it_stops_changing(file, clock) -> None:
    full = '[packs]\npack = "derbyshire"\n\n[kiosk]\nmode = "parents"\nlocked = ["pack", "mode", "schedule"]\n'
    file.write_text('[kiosk]\nlocked = ["pack", "mode", "schedule"]\n')
    follower = following(file, clock)
    with file.open("w") as copy:  # a Group Policy copy writes in place, over seconds
        copy.write(full[:30])  # cut here it is valid TOML that would lift every lock
        copy.flush()
        assert follower.look() is None
        clock.advance(SETTLE - 1)
        copy.write(full[30:60])
        copy.flush()
        assert follower.look() is None and follower.pending, "it changed again: the settle time starts again"
        clock.advance(SETTLE - 1)
        assert follower.look() is None
        copy.write(full[60:])
    assert follower.policy.locked == {"pack", "mode", "schedule"}, "no half file was ever applied"
    update = settled(follower, clock)
    assert update is not None and update.policy.mode == RunMode.PARENTS and update.policy.locked >= {"pack", "mode"}


def test_a_file_put_back_as_it_was_changes_nothing(file, clock) -> None:
    file.write_text('[packs]\npack = "derbyshire"\n')
    follower = following(file, clock)
    before = os.stat(file)
    file.write_text('[packs]\npack = "cumbria"\n')
    assert follower.look() is None and follower.pending
    file.write_text('[packs]\npack = "derbyshire"\n')
    os.utime(file, ns=(before.st_atime_ns, before.st_mtime_ns))
    update = settled(follower, clock)
    # the change time still moved, so it is read, and it says so: nothing the kiosk uses changed
    assert update is not None and update.changes == () and update.line().endswith("nothing the kiosk uses")
    assert follower.policy.pack == "derbyshire"


def test_a_removed_file_is_no_policy_only_once_it_stays_away(file, clock) -> None:
    file.write_text('[kiosk]\nmode = "assembly"\nlocked = ["text_size"]\n')
    follower = following(file, clock)
    file.unlink()
    assert follower.look() is None
    clock.advance(SETTLE / 2)
    file.write_text('[kiosk]\nmode = "assembly"\nlocked = ["text_size"]\n')  # deleted, then copied again
    assert follower.look() is None and follower.pending
    clock.advance(SETTLE)
    again = follower.look()
    assert again is not None and again.changes == (), "the same policy, copied again"
    file.unlink()
    update = settled(follower, clock)
    assert update is not None and update.applied and update.policy == Policy()
    assert update.changes == ("mode no longer set (was assembly)", "locked -text_size")


def test_a_file_with_a_mistake_keeps_the_policy_in_force_and_says_where(file, clock, caplog) -> None:
    file.write_text('[packs]\npack = "derbyshire"\n')
    follower = following(file, clock)
    good = follower.policy
    file.write_text('[packs]\npack = "cumbria"\n\n[kiosk]\nmode = "disco"\n')
    caplog.set_level(logging.INFO)
    caplog.clear()  # only what the change logs
    update = settled(follower, clock)
    assert update is not None and not update.applied
    assert update.policy is good and follower.policy is good, "not even the good fields of a bad file"
    assert [str(p) for p in update.problems] == [
        f"{file}:5: kiosk.mode: must be one of foyer, assembly, parents, not 'disco'"
    ]
    assert caplog.messages == [
        f"policy: changed {file}: 1 problem(s); the policy in force stays",
        f"policy: {file}:5: kiosk.mode: must be one of foyer, assembly, parents, not 'disco'",
    ]
    file.write_text('[packs]\npack = "cumbria"\n\n[kiosk]\nmode = "parents"\n')
    fixed = settled(follower, clock)
    assert fixed is not None and fixed.applied and fixed.problems == ()
    assert fixed.changes == ("pack derbyshire -> cumbria", "mode set to parents")


def test_a_file_others_can_write_is_refused_as_at_start(file, clock, monkeypatch) -> None:
    monkeypatch.setattr(policy, "_must_check_owner", lambda path: True)
    file.parent.chmod(0o755)
    file.write_text('[packs]\npack = "derbyshire"\n')
    file.chmod(0o644)
    follower = following(file, clock)
    assert follower.policy.pack == ("derbyshire" if os.getuid() == 0 else None)
    before = follower.policy
    file.write_text(f'[packs]\npack = "cumbria"\ntrusted_keys = ["{KEY}"]\n')
    file.chmod(0o666)  # anyone could have added that key
    update = settled(follower, clock)
    assert update is not None and not update.applied and follower.policy is before
    assert "not trusted" in update.problems[0].message and "can be written by users other than root" in str(
        update.problems[0]
    )
    file.chmod(0o644)  # IT puts it right: the mode is part of what a look sees
    if os.getuid() == 0:
        fixed = settled(follower, clock)
        assert fixed is not None and fixed.applied and fixed.policy.pack == "cumbria"


def test_a_file_changed_between_the_start_and_the_watch_is_read_once_stable(file, clock) -> None:
    file.write_text('[packs]\npack = "derbyshire"\n')
    read, problems = load_policy(file)
    file.write_text('[packs]\npack = "cumbria"\n')  # in the two seconds before the kiosk watches
    follower = PolicyFollower(read, problems, file, clock=clock)
    assert follower.start() is None and follower.pending, "maybe a copy in progress: not applied yet"
    assert follower.look() is None
    clock.advance(SETTLE)
    update = follower.look()
    assert update is not None and update.changes == ("pack derbyshire -> cumbria",)


def test_a_bad_file_at_start_is_not_reported_again_by_the_watch(file, clock) -> None:
    file.write_text('[packs]\npack = "derbyshire"\n[kiosk]\nmode = "disco"\n')
    follower = following(file, clock)
    assert follower.policy.pack == "derbyshire" and len(follower.problems) == 1
    clock.advance(SETTLE)
    assert follower.look() is None and not follower.pending


def test_what_changed_is_said_in_words_never_with_the_pin() -> None:
    old = Policy(sources=(Path("/srv/a"),), outbox=Path("/srv/counts"), label="foyer")
    new = Policy(sources=(Path("/srv/b"),), usb=False, label="hall")
    pin = policy.PinHash("pbkdf2-sha256", "00" * 8, "ab" * 32)
    assert policy_changes(old, new) == [
        "source folders +/srv/b, -/srv/a",
        "usb True -> False",
        "outbox no longer set (was /srv/counts) (applies at the next start)",
        "label foyer -> hall (applies at the next start)",
    ]
    said = policy_changes(Policy(), Policy(staff_pin_hash=pin))
    assert said == ["staff PIN set"] and "ab" * 8 not in str(said)


# --- the layers recomputed ------------------------------------------------------------------------------------------


def test_a_new_policy_recomputes_the_layers_and_says_whether_the_screen_changes() -> None:
    school = Config(Settings(pack="cumbria", mode="foyer", text_size=150), Overrides(idle_timeout=90))
    ruled = config.with_policy(school, Policy(pack="derbyshire", locked=frozenset({"text_size"})))
    assert (ruled.wanted_slot(WEDNESDAY_9).pack, ruled.text_scale) == ("derbyshire", 1.0)
    assert ruled.settings == school.settings and ruled.overrides == school.overrides, "only the top layer moves"
    assert config.shown_differs(school, ruled, WEDNESDAY_9)
    lifted = config.with_policy(ruled, Policy())
    assert (lifted.wanted_slot(WEDNESDAY_9).pack, lifted.text_scale) == ("cumbria", 1.5), "the school's own again"
    # what nothing on screen shows is applied without waiting for a visit to end
    for unseen in (
        Policy(locked=frozenset({"stats_enabled"})),
        Policy(trusted_keys=(KEY,)),
        Policy(staff_pin_hash=policy.PinHash("pbkdf2-sha256", "00" * 8, "ab" * 32)),
        Policy(pack="cumbria"),  # the pack on screen already
    ):
        assert not config.shown_differs(school, config.with_policy(school, unseen), WEDNESDAY_9), unseen


def test_a_policy_that_locks_the_schedule_switches_what_the_schedule_showed() -> None:
    school = Config(Settings(pack="cumbria", mode="foyer", schedule=["assembly, on wed 08:00-12:00"]))
    assert school.wanted_slot(WEDNESDAY_9).mode == "assembly"
    ruled = config.with_policy(school, Policy(locked=frozenset({"schedule"})))
    assert ruled.wanted_slot(WEDNESDAY_9).mode == "foyer" and config.shown_differs(school, ruled, WEDNESDAY_9)


def test_the_staff_screen_open_during_a_change_shows_the_new_locks_and_keeps_the_rest() -> None:
    editing = config.StaffChoices(pack="cumbria", text_size=150, language="cy", mode="foyer")
    fresh = config.StaffChoices(pack="derbyshire", text_size=100, language="en", mode="parents")
    shown = config.relocked_choices(editing, fresh, frozenset({"pack", "text_size"}))
    assert (shown.pack, shown.text_size, shown.language, shown.mode) == ("derbyshire", 100, "cy", "foyer")
    assert editing.pack == "cumbria", "a new object: the screen's old one is not changed under it"
