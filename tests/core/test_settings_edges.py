"""No settings.toml can stop the kiosk: any file is read within limits, set aside when bad, and never raises."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.core.files import FileProblem
from kiosk.core.settings import Settings, dump_settings, load_settings, parse_settings, save_settings, settings_path

GOOD = dump_settings(
    Settings(
        pack="derbyshire",
        mode="parents",
        idle_timeout=90.0,
        durations={"poster": 20.0, "law": 30.0},
        text_size=125,
        schedule=["foyer, on mon-fri 08:00-16:00", "parents, on 2026-12-03 17:00-20:00"],
    )
)


def _bad_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("settings.toml.bad-*"))


def _write(text: str | bytes) -> Path:
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def test_a_fifo_settings_file_is_set_aside_at_once_instead_of_waiting(kiosk_home: Path) -> None:
    path = settings_path()
    path.parent.mkdir(parents=True)
    os.mkfifo(path)
    settings, problems = load_settings()
    assert settings == Settings()
    assert [(p.line, p.field) for p in problems] == [(0, "(file)")] and "not a regular file" in problems[0].message
    assert not path.exists() and len(_bad_files(path.parent)) == 1


def test_a_folder_named_settings_toml_is_set_aside(kiosk_home: Path) -> None:
    path = settings_path()
    path.mkdir(parents=True)
    settings, problems = load_settings()
    assert settings == Settings() and problems[0].line == 0
    assert not path.exists() and len(_bad_files(path.parent)) == 1


def test_a_huge_settings_file_is_not_read(kiosk_home: Path) -> None:
    path = _write("# " + "x" * 300_000 + "\n")
    settings, problems = load_settings()
    assert settings == Settings() and "at most 262,144 are read" in problems[0].message
    assert not path.exists()


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("idle_timeout = " + "9" * 5000 + "\n", "too many digits"),
        ("x = " + "[" * 3000 + "]" * 3000 + "\n", "nested too deep"),
    ],
)
def test_toml_that_pythons_parser_cannot_take_is_a_problem_not_a_crash(kiosk_home: Path, text: str, words: str) -> None:
    settings, problems = parse_settings(text, "settings.toml")
    assert settings == Settings() and words in problems[0].message and problems[0].line == 0


def test_a_line_separator_in_a_comment_still_loads_the_good_fields(kiosk_home: Path) -> None:
    _write('# the school\u2028s own settings\npack = "derbyshire"\nidle_timeout = 5\n')
    settings, problems = load_settings()
    assert settings.pack == "derbyshire" and settings.idle_timeout is None
    assert [p.field for p in problems] == ["idle_timeout"] and 0 <= problems[0].line <= 3


@pytest.mark.parametrize(
    ("line", "field", "words"),
    [
        ("idle_timeout = nan", "idle_timeout", "finite"),
        ("idle_timeout = inf", "idle_timeout", "finite"),
        ("idle_timeout = 1e300", "idle_timeout", "10 to 600 seconds"),
        ("idle_timeout = " + "9" * 40, "idle_timeout", "a number that large"),
        ("idle_timeout = 0", "idle_timeout", "10 to 600 seconds"),
        ("idle_timeout = -5", "idle_timeout", "10 to 600 seconds"),
        ("text_size = 125.0", "text_size", "one of 100, 125, 150, 200"),
        ('pack = "cumbria\\u202e"', "pack", "U+202E"),
        ('pack = "a\\nb"', "pack", "U+000A"),
        ('schedule = ["foyer, on mon 08:00-09:00\\n"]', "schedule[0]", "U+000A"),
        ('[durations]\n"poster\\n" = 20', "durations.poster\\n", "not a page id"),
    ],
)
def test_values_that_parse_but_cannot_be_used_name_file_line_and_field(line: str, field: str, words: str) -> None:
    settings, problems = parse_settings(f"# settings\n{line}\n", "/etc/settings.toml")
    assert len(problems) == 1, problems
    problem = problems[0]
    assert (problem.file, problem.field) == ("/etc/settings.toml", field) and problem.line in (0, 2, 3)
    assert words in problem.message
    assert settings.idle_timeout is None and settings.pack == "cumbria" or field != "pack"


def test_settings_toml_that_is_a_link_or_folder_is_never_replaced_by_a_save(kiosk_home: Path, tmp_path: Path) -> None:
    target = tmp_path / "elsewhere.toml"
    target.write_text("keep me\n")
    path = settings_path()
    path.parent.mkdir(parents=True)
    path.symlink_to(target)
    with pytest.raises(FileProblem, match="only a regular file is replaced"):
        save_settings(Settings(pack="derbyshire"))
    assert target.read_text() == "keep me\n"


def test_a_save_into_a_vanished_folder_is_an_error_and_leaves_nothing(kiosk_home: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    with pytest.raises(OSError):
        save_settings(Settings(), blocker / "settings.toml")


# --- generated and mutated files -----------------------------------------------------------------------------

_odd_values = st.one_of(
    st.sampled_from(
        ["nan", "inf", "-inf", "1e308", "-0.0", "0", "true", '""', "[]", "{}", "'\\u0000'", "9" * 30, "-" + "9" * 30]
    ),
    st.integers(-(10**20), 10**20).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(lambda f: repr(f).replace("nan", "nan").replace("inf", "inf")),
    st.text(max_size=20).map(lambda t: '"' + t.replace("\\", "\\\\").replace('"', '\\"') + '"'),
    st.sampled_from(
        [
            '["parents, on 9999-12-31 23:00-24:00"]',
            '["foyer, on 0001-01-01 00:00-24:00"]',
            '["foyer, on mon 10:00-09:00"]',
            '["assembly, on someday 10:00-11:00"]',
            '["parents, on 2026-02-30 10:00-11:00"]',
            "[1, 2]",
        ]
    ),
)


@st.composite
def _mutated(draw: st.DrawFn) -> str:
    lines = GOOD.splitlines()
    for _ in range(draw(st.integers(1, 4))):
        n = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["drop", "duplicate", "value", "junk", "control"]))
        if action == "drop":
            del lines[n]
        elif action == "duplicate":
            lines.insert(n, lines[n])
        elif action == "value" and "=" in lines[n]:
            key = lines[n].split("=", 1)[0]
            lines[n] = f"{key}= {draw(_odd_values)}"
        elif action == "junk":
            lines.insert(n, draw(st.text(max_size=30)))
        elif action == "control":
            ch = draw(st.sampled_from(["\x00", "\x1b", "\u2028", "\u2029", "\u202e", "\r", "\ufeff", "\x85"]))
            at = draw(st.integers(0, len(lines[n])))
            lines[n] = lines[n][:at] + ch + lines[n][at:]
        if not lines:
            lines = [""]
    return "\n".join(lines) + draw(st.sampled_from(["\n", "", "\n\n"]))


def _check(text: str, settings: Settings, problems: list, file: str) -> None:
    assert isinstance(settings, Settings)
    count = text.count("\n") + 1
    for problem in problems:
        assert problem.file == file
        assert 0 <= problem.line <= max(count, 1), (problem, count)
        assert "\n" not in str(problem)
    assert isinstance(settings.pack, str) and settings.pack.strip()
    assert settings.mode in ("foyer", "assembly", "parents")
    assert settings.idle_timeout is None or 10 <= settings.idle_timeout <= 600
    assert all(0 < v < 1000 for v in settings.durations.values())
    reparsed, again = parse_settings(dump_settings(settings), file)  # what load_settings writes back is clean
    assert again == [] and reparsed == settings


@given(_mutated())
def test_mutated_settings_parse_without_raising_and_name_real_lines(text: str) -> None:
    settings, problems = parse_settings(text, "settings.toml")
    _check(text, settings, problems, "settings.toml")


@given(st.text(max_size=200))
def test_any_text_parses_without_raising(text: str) -> None:
    settings, problems = parse_settings(text, "settings.toml")
    _check(text, settings, problems, "settings.toml")


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])  # the test clears its folder itself
@given(_mutated(), st.sampled_from(["utf-8", "latin-1-junk", "truncated"]))
def test_mutated_files_load_without_raising(kiosk_home: Path, text: str, how: str) -> None:
    data = text.encode("utf-8")
    if how == "latin-1-junk":
        data = data + b"\xff\xfe"
    elif how == "truncated":
        data = data[: len(data) // 2]
    path = _write(data)
    for old in _bad_files(path.parent):
        old.unlink()
    settings, problems = load_settings(path)
    assert isinstance(settings, Settings)
    if problems:
        assert len(_bad_files(path.parent)) == 1
        assert load_settings(path)[1] == []  # what was written back is clean
    path.unlink(missing_ok=True)
