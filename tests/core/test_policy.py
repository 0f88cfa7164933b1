"""The machine policy (policy.toml) without Qt: every key read, every bad value reported at its line, never a crash,
and the policy on top of settings.toml and the command line in the effective configuration."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.core import config, paths, policy
from kiosk.core.config import Config, Overrides
from kiosk.core.pack import Pack, load
from kiosk.core.pin import PinHash, check_pin, hash_pin
from kiosk.core.policy import LOCKABLE, Policy, load_policy, parse_policy, reread_policy
from kiosk.core.settings import Settings
from kiosk.core.vocab import RunMode

KEY = "RWQf6LRCGA9i53mlYecO4IzT51TGPpvWucNSCh1CBM0QTaLn73Y7GFO3"  # minisign's documentation key
PIN = PinHash("pbkdf2-sha256", "00ff" * 8, "ab" * 32)
GOOD = f"""\
# the school's IT
[packs]
sources = ["/srv/campaign-share/packs", "/media/share"]
trusted_keys = ["{KEY}"]
pack = "derbyshire"
usb = false

[stats]
outbox = "/srv/campaign-share/counts"
usb_outbox = true

[kiosk]
label = "st-bees-foyer"
mode = "parents"
staff_pin_hash = "{policy.format_pin_hash(PIN)}"
locked = ["text_size", "durations"]
"""
WEDNESDAY_9 = dt.datetime(2026, 12, 2, 9, 0)


@pytest.fixture(scope="module")
def cumbria() -> Pack:
    return load(paths.builtin_packs_dir() / "cumbria")


def test_every_key_of_a_good_policy_is_read() -> None:
    read, problems = parse_policy(GOOD, "policy.toml")
    assert problems == []
    assert read == Policy(
        sources=(Path("/srv/campaign-share/packs"), Path("/media/share")),
        trusted_keys=(KEY,),
        pack="derbyshire",
        outbox=Path("/srv/campaign-share/counts"),
        label="st-bees-foyer",
        mode=RunMode.PARENTS,
        staff_pin_hash=PIN,
        locked=frozenset({"text_size", "durations"}),
        usb=False,
        usb_outbox=True,
    )
    assert read.owned == {"text_size", "durations", "pack", "mode"}, "what the policy sets is locked too"


def test_no_file_is_no_policy_and_an_empty_file_is_the_defaults(tmp_path: Path) -> None:
    assert load_policy(tmp_path / "none.toml") == (Policy(), [])
    (tmp_path / "empty.toml").write_text("")
    empty, problems = load_policy(tmp_path / "empty.toml")
    assert problems == [] and empty.usb is True and empty.usb_outbox is False and empty.owned == frozenset()


@pytest.mark.parametrize(
    ("line", "replacement", "field", "words"),
    [
        (3, 'sources = ["relative/packs"]', "packs.sources[0]", "absolute folder path"),
        (3, 'sources = "/srv/one"', "packs.sources", "must be a list"),
        (3, "sources = [1]", "packs.sources[0]", "text in quotes"),
        (4, 'trusted_keys = ["not base64!"]', "packs.trusted_keys[0]", "base64 key line"),
        (4, 'trusted_keys = ["' + "RWQ" + "A" * 41 + '"]', "packs.trusted_keys[0]", "not a minisign Ed25519"),
        (5, 'pack = "../../etc"', "packs.pack", "pack id"),
        (5, "pack = 3", "packs.pack", "text in quotes"),
        (5, 'pack = "a\\u202eb"', "packs.pack", "control character"),
        (6, 'usb = "yes"', "packs.usb", "true or false"),
        (9, "outbox = ''", "stats.outbox", "text in quotes"),
        (10, "usb_outbox = 1", "stats.usb_outbox", "true or false"),
        (13, 'label = "st bees/foyer"', "kiosk.label", "letters, digits"),
        (14, 'mode = "disco"', "kiosk.mode", "foyer, assembly, parents"),
        (15, 'staff_pin_hash = "1234"', "kiosk.staff_pin_hash", "method$salt$hash"),
        (15, 'staff_pin_hash = "md5$00$11"', "kiosk.staff_pin_hash", "method$salt$hash"),
        (16, 'locked = ["colour"]', "kiosk.locked[0]", "not a setting that can be locked"),
        (16, 'locked = ["textsize"]', "kiosk.locked[0]", "did you mean 'text_size'"),
        (16, 'locked = "pack"', "kiosk.locked", "must be a list"),
        (16, 'lockd = ["pack"]', "kiosk.lockd", "unknown key; did you mean 'locked'"),
        (12, "[screen]", "screen", "unknown table"),
    ],
)
def test_every_bad_value_is_reported_at_its_line_and_the_rest_is_kept(
    line: int, replacement: str, field: str, words: str
) -> None:
    lines = GOOD.splitlines()
    lines[line - 1] = replacement
    read, problems = parse_policy("\n".join(lines) + "\n", "/etc/campaign-kiosk/policy.toml")
    assert [(p.line, p.field) for p in problems] == [(line, field)], problems
    assert words in problems[0].message
    assert str(problems[0]).startswith(f"/etc/campaign-kiosk/policy.toml:{line}: {field}: ")
    if line != 3:
        assert read.sources == (Path("/srv/campaign-share/packs"), Path("/media/share")), "good fields are kept"


def test_a_table_that_is_not_a_table_and_a_syntax_error_name_their_line() -> None:
    _, problems = parse_policy('packs = "cumbria"\n', "p.toml")
    assert [str(p) for p in problems] == ["p.toml:1: packs: must be a table ([packs]), not 'cumbria'"]
    read, problems = parse_policy('[kiosk]\nmode = "foyer\n', "p.toml")
    assert read == Policy() and problems[0].line == 2 and problems[0].field == "(syntax)"


def test_a_file_that_is_not_a_regular_file_or_too_big_is_reported_not_read(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "fifo.toml")
    read, problems = load_policy(tmp_path / "fifo.toml")  # a FIFO would wait for ever
    assert read == Policy() and "not a regular file" in problems[0].message
    (tmp_path / "huge.toml").write_text("#" * 300_000)
    assert "at most" in load_policy(tmp_path / "huge.toml")[1][0].message
    (tmp_path / "latin1.toml").write_bytes(b"[kiosk]\nlabel = '\xe9'\n")
    assert "not UTF-8" in load_policy(tmp_path / "latin1.toml")[1][0].message


def test_the_policy_path_comes_from_the_environment_else_the_system(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KIOSK_POLICY", "/tmp/trial/policy.toml")
    assert policy.policy_path() == Path("/tmp/trial/policy.toml")
    monkeypatch.delenv("KIOSK_POLICY")
    monkeypatch.setattr(policy.sys, "platform", "linux")
    assert policy.policy_path() == Path("/etc/campaign-kiosk/policy.toml")
    monkeypatch.setattr(policy.sys, "platform", "win32")
    monkeypatch.setenv("ProgramData", "D:\\ProgramData")
    assert str(policy.policy_path()).replace("/", "\\") == "D:\\ProgramData\\Campaign Kiosk\\policy.toml"


def test_a_policy_others_can_write_is_not_trusted_on_linux(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "etc"
    folder.mkdir(mode=0o755)
    folder.chmod(0o755)
    file = folder / "policy.toml"
    file.write_text(GOOD)
    file.chmod(0o644)
    assert policy.owner_problem(file) is None if os.getuid() == 0 else "not root" in str(policy.owner_problem(file))
    file.chmod(0o666)
    assert "can be written by users other than root" in str(policy.owner_problem(file))
    file.chmod(0o644)
    folder.chmod(0o777)
    assert "its folder" in str(policy.owner_problem(file)), "anyone who can write the folder can replace the file"
    # the system's file is checked; one named by KIOSK_POLICY (a trial, a test) is not
    monkeypatch.delenv("KIOSK_POLICY")
    monkeypatch.setattr(policy, "LINUX_POLICY", file)
    monkeypatch.setattr(policy.sys, "platform", "linux")
    read, problems = load_policy()
    assert read == Policy() and problems[0].field == "(file)" and "not trusted" in problems[0].message
    monkeypatch.setenv("KIOSK_POLICY", str(file))
    assert load_policy() == parse_policy(GOOD, str(file))


def test_a_reread_with_problems_keeps_the_last_good_policy(tmp_path: Path) -> None:
    file = tmp_path / "policy.toml"
    file.write_text(GOOD)
    good, _ = load_policy(file)
    file.write_text(GOOD.replace('mode = "parents"', 'mode = "disco"'))
    kept, problems = reread_policy(good, file)
    assert kept is good and problems[0].field == "kiosk.mode"
    file.unlink()
    assert reread_policy(good, file) == (Policy(), []), "a policy removed by IT is no policy"


def test_a_key_line_is_checked_by_its_structure() -> None:
    assert policy.key_line_problem(KEY) is None
    assert policy.key_line_problem("  " + KEY + "\n") is None
    assert policy.key_line_problem(KEY[:-4]) is not None
    assert policy.key_line_problem("untrusted comment: minisign public key") is not None


_TOKENS = st.sampled_from(
    ['"', "'", "[", "]", "=", "\n", "#", ",", "{", "}", "1e999", "true", '"x"', "[kiosk]", "[[packs]]", "\\", "\u2028"]
)


@given(
    position=st.integers(min_value=0, max_value=len(GOOD)),
    cut=st.integers(min_value=0, max_value=40),
    insert=st.lists(st.one_of(_TOKENS, st.text(max_size=5)), max_size=4).map("".join),
)
def test_a_mangled_policy_never_raises_and_every_problem_names_a_line_of_the_file(
    position: int, cut: int, insert: str
) -> None:
    text = GOOD[:position] + insert + GOOD[position + cut :]
    read, problems = parse_policy(text, "policy.toml")
    assert isinstance(read, Policy)
    line_count = text.count("\n") + 1
    for problem in problems:
        assert 0 <= problem.line <= line_count, problem
        assert str(problem).startswith(f"policy.toml:{problem.line}: {problem.field}: ")
        assert problem.message


# --- the policy in the effective configuration -------------------------------------------------------------------


def test_the_policys_pack_and_mode_beat_settings_the_schedule_and_the_command_line(cumbria: Pack) -> None:
    settings = Settings(mode="foyer", pack="cumbria", schedule=["assembly, cumbria, on wed 09:00-09:30"])
    owned = Config(settings, Overrides(pack="cumbria", mode="assembly"), Policy(pack="derbyshire", mode=RunMode.FOYER))
    slot = owned.wanted_slot(WEDNESDAY_9)
    assert (slot.mode, slot.pack) == ("foyer", "derbyshire")
    assert not owned.schedule_active, "nothing is left for the schedule to switch"
    assert owned.ignored_flags == ("pack", "mode") and owned.flags == Overrides()
    assert "mode and pack set by the machine policy" in owned.reason(slot, "start")


def test_a_schedule_still_switches_what_the_policy_does_not_own() -> None:
    settings = Settings(mode="foyer", pack="cumbria", schedule=["assembly, cumbria, on wed 09:00-09:30"])
    cfg = Config(settings, policy=Policy(pack="derbyshire"))
    slot = cfg.wanted_slot(WEDNESDAY_9)
    assert (slot.mode, slot.pack) == ("assembly", "derbyshire"), "the assembly happens, with the policy's pack"
    assert cfg.next_change(WEDNESDAY_9) == dt.datetime(2026, 12, 2, 9, 30)


def test_a_locked_setting_without_a_policy_value_takes_the_default_not_the_file(cumbria: Pack) -> None:
    first = cumbria.pages[0]
    settings = Settings(text_size=150, idle_timeout=200.0, durations={first.id: 40.0}, high_contrast=True)
    flags = Overrides(text_size=125, idle_timeout=30.0, high_contrast=True)
    locked = Config(settings, flags, Policy(locked=frozenset(LOCKABLE)))
    assert locked.text_scale == 1.0
    assert locked.idle_timeout(cumbria, RunMode.FOYER) == cumbria.idle_timeout
    assert locked.pages(cumbria, RunMode.FOYER)[0].duration == first.duration
    assert locked.high_contrast is False
    assert set(locked.ignored_flags) == {"text_size", "idle_timeout", "high_contrast"}
    assert locked.settings == settings, "the file is ignored, not erased: lifting the lock brings it back"
    unlocked = Config(settings, flags)
    assert (unlocked.text_scale, unlocked.idle_timeout(cumbria, RunMode.FOYER)) == (1.25, 30.0)


def test_the_policy_pin_replaces_the_settings_pin() -> None:
    own = hash_pin("1234", "pbkdf2-sha256")
    it = hash_pin("8642", "pbkdf2-sha256")
    assert Config(Settings(pin=own)).pin == own
    cfg = Config(Settings(pin=own), policy=Policy(staff_pin_hash=it))
    assert cfg.pin_from_policy and cfg.pin is not None and check_pin("8642", cfg.pin)
    assert not check_pin("1234", cfg.pin)


def test_saving_the_staff_screen_keeps_the_files_own_value_of_a_locked_setting(cumbria: Pack) -> None:
    settings = Settings(pack="cumbria", text_size=150, language="cy")
    cfg = Config(settings, policy=Policy(pack="derbyshire", locked=frozenset({"text_size"})))
    choices = config.staff_choices(cfg.effective, cumbria, "foyer", ["cumbria", "derbyshire"])
    assert (choices.pack, choices.text_size) == ("derbyshire", 100), "the staff screen shows what is on screen"
    choices.language = "en"
    saved = config.merge_choices(settings, choices, cumbria.idle_timeout, cfg.locked)
    assert (saved.pack, saved.text_size, saved.language) == ("cumbria", 150, "en")
