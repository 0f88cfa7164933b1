"""The command line at its edges: every flag checked against its range, every error one line, every read-only
command leaves what it reads as it was, every written file whole or absent."""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import sqlite3
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk import cli
from kiosk.core.stats import DB_NAME, StatsDatabase

ROOT = Path(__file__).resolve().parents[2]
MINIMAL = ROOT / "tests" / "fixtures" / "packs" / "minimal"


def run_kiosk(
    *args: str, home: Path, stdout: int | None = None, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", KIOSK_HOME=str(home))
    return subprocess.run(
        [sys.executable, "-m", "kiosk", *args],
        stdout=stdout if stdout is not None else subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        timeout=timeout,
        env=env,
    )


def one_line(stderr: str) -> str:
    lines = stderr.splitlines()
    assert len(lines) == 1, stderr
    assert "Traceback" not in stderr
    return lines[0]


# --- flags ------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["nan", "1e300", "-5", "0", "inf", "abc"])
def test_an_unusable_idle_timeout_is_refused_naming_the_flag_and_its_range(kiosk_home: Path, value: str) -> None:
    result = run_kiosk("--idle-timeout", value, "--exit-after-first-frame", home=kiosk_home, timeout=30)
    assert result.returncode == 2
    line = one_line(result.stderr)
    assert "--idle-timeout" in line and ("10 to 600 seconds" in line or "number of seconds" in line)


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--screen", "-1"], "0 to 15"),
        (["--screen", "1e3"], "whole number"),
        (["--size", "1e300x5"], "1920x1080"),
        (["--size", "100000x100000"], "200 to 8000"),
        (["--text-size", "nan"], "--text-size"),
        (["render", "--out", "x", "--text-size", "7"], "--text-size"),
        (["supervise", "--heartbeat-limit", "nan"], "finite"),
        (["supervise", "--heartbeat-limit", "5"], "at least 15 seconds"),
        (["supervise", "--idle-timeout", "0"], "10 to 600 seconds"),  # the supervised kiosk's own options too
        (["install-autostart", "--screen", "99"], "0 to 15"),
        (["--lang", "cy\n"], "language code"),
        (["--pack", ""], "not empty"),
        (["check", "cumbria\u202e"], "U+202E"),
        (["render", "--out", "x", "--pack", "a\nb"], "U+000A"),
    ],
)
def test_every_numeric_flag_is_checked_at_the_edge(
    args: list[str], words: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as refused:
        cli.main(args)
    assert refused.value.code == 2
    line = one_line(capsys.readouterr().err)
    assert words in line


def _options() -> list[argparse.Action]:
    parser = cli.build_parser()
    found = [a for a in parser._actions if a.option_strings and a.nargs != 0 and a.dest != "help"]
    return found


_odd = st.one_of(
    st.sampled_from(["nan", "-nan", "inf", "-inf", "1e300", "-1e300", "0", "-0", "-5", "1e-300", "", " ", "0x10"]),
    st.sampled_from(["10", "600", "60.5", "1920x1080", "0x0", "x", "200x200", "8001x200", "100", "125", "cy"]),
    st.integers(-(10**30), 10**30).map(str),
    st.floats().map(str),
    st.text(max_size=12),
)


@given(st.sampled_from(_options()), _odd)
def test_any_value_for_any_option_parses_or_is_a_one_line_error(action: argparse.Action, value: str) -> None:
    parser = cli.build_parser()
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        try:
            args = parser.parse_args([f"{action.option_strings[-1]}={value}"])
        except SystemExit as exit:
            assert exit.code == 2
            line = one_line(err.getvalue())
            assert action.option_strings[-1] in line or "--" in line
            return
    parsed = getattr(args, action.dest)
    if action.dest == "idle_timeout":
        assert 10 <= parsed <= 600
    elif action.dest == "screen":
        assert isinstance(parsed, int) and 0 <= parsed <= 15
    elif action.dest == "size":
        assert all(200 <= side <= 8000 for side in parsed)
    elif action.dest in ("pack", "lang") and parsed is not None:
        assert parsed.strip() and not any(unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") for ch in parsed)


def test_a_sample_of_odd_command_lines_exits_2_with_one_line_in_a_real_process(kiosk_home: Path) -> None:
    for args in (["--idle-timeout=nan"], ["render", "--size", "nanxnan", "--out", "x"], ["stats", "export"]):
        result = run_kiosk(*args, home=kiosk_home, timeout=30)
        assert result.returncode == 2, args
        assert one_line(result.stderr).startswith("kiosk")


# --- every other error: one line ---------------------------------------------------------------------------------


def test_an_unexpected_error_is_one_line_naming_the_log_which_holds_the_traceback(
    kiosk_home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def bug(args: argparse.Namespace) -> int:
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr(cli, "cmd_check", bug)
    assert cli.main(["check", "cumbria"]) == 1
    line = one_line(capsys.readouterr().err)
    log = kiosk_home / "log" / "kiosk.log"
    assert "ZeroDivisionError" in line and str(log) in line
    assert "Traceback" in log.read_text() and "a bug" in log.read_text()


def test_a_closed_output_pipe_ends_render_quietly(kiosk_home: Path, tmp_path: Path) -> None:
    reader, writer = os.pipe()
    os.close(reader)  # like `kiosk render ... | head -1` after head has gone
    try:
        result = run_kiosk(
            "render",
            "--pack",
            str(MINIMAL),
            "--size",
            "320x240",
            "--out",
            str(tmp_path / "r"),
            home=kiosk_home,
            stdout=writer,
        )
    finally:
        os.close(writer)
    assert result.returncode == 141 and result.stderr == ""


def test_render_to_a_file_is_one_line_and_exit_1(kiosk_home: Path, tmp_path: Path) -> None:
    out = tmp_path / "a-file"
    out.write_text("mine\n")
    for target in (out, out / "sub"):
        result = run_kiosk("render", "--pack", str(MINIMAL), "--out", str(target), home=kiosk_home, timeout=30)
        assert result.returncode == 1
        assert str(target) in one_line(result.stderr)
    assert out.read_text() == "mine\n"


def test_render_stops_at_the_first_file_it_cannot_write_and_leaves_no_temporary_file(
    kiosk_home: Path, tmp_path: Path
) -> None:
    out = tmp_path / "pngs"
    (out / "02-story.png").mkdir(parents=True)  # the second picture's name is taken by a folder
    result = run_kiosk("render", "--pack", str(MINIMAL), "--size", "320x240", "--out", str(out), home=kiosk_home)
    assert result.returncode == 1
    assert "02-story.png" in one_line(result.stderr) and "only a regular file is replaced" in result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["01-poster.png", "02-story.png"]  # no .tmp, nothing after
    assert (out / "01-poster.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


# --- stats export: reads only, writes whole ----------------------------------------------------------------------


def _good_db(folder: Path) -> Path:
    path = folder / DB_NAME
    db = StatsDatabase(path)
    db.add({("events", ("2026-11-25", "cumbria", "foyer", "plan-made", "")): 3})
    db.close()
    return path


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}


def _foreign(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE mine (x)")
    conn.commit()
    conn.close()


def _newer(path: Path) -> None:
    db = StatsDatabase(path)
    db.conn.execute("PRAGMA user_version = 9")
    db.close()


def _damaged(path: Path) -> None:
    data = _good_db(path.parent).read_bytes()
    path.write_bytes(data[: len(data) // 2])


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (_foreign, "not a kiosk's counts database"),
        (_newer, "newer kiosk"),
        (_damaged, "damaged"),
        (lambda p: p.write_bytes(b"not a database at all\n" * 50), "damaged or not a counts database"),
        (lambda p: p.mkdir(), "not a regular file"),
        (lambda p: os.mkfifo(p), "not a regular file"),
    ],
)
def test_export_of_a_database_it_cannot_use_is_one_line_and_leaves_the_file_as_it_was(
    tmp_path: Path, make, words: str, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    db = folder / DB_NAME
    make(db)
    before = _snapshot(folder)
    names = sorted(p.name for p in folder.iterdir())
    out = tmp_path / "out.csv"
    assert cli.main(["stats", "export", "--db", str(db), "--out", str(out)]) == 1
    line = one_line(capsys.readouterr().err)
    assert str(db) in line and words in line
    assert _snapshot(folder) == before and sorted(p.name for p in folder.iterdir()) == names  # no -wal, no rename
    assert not out.exists()


def test_export_creates_no_wal_or_shm_beside_a_database_it_does_not_own(tmp_path: Path) -> None:
    db = _good_db(tmp_path)
    before = _snapshot(tmp_path)
    out = tmp_path / "out.csv"
    assert cli.main(["stats", "export", "--db", str(db), "--out", str(out)]) == 0
    assert out.read_text().splitlines()[1] == "2026-11-25,cumbria,foyer,plan-made,,,3"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([*before, "out.csv"])
    assert {n: (tmp_path / n).read_bytes() for n in before} == before


def test_export_reads_the_counts_a_running_kiosk_has_not_checkpointed(tmp_path: Path) -> None:
    db = _good_db(tmp_path)
    live = StatsDatabase(db)  # a running kiosk: its counts are in stats.db-wal
    live.add({("events", ("2026-11-26", "cumbria", "foyer", "plan-made", "")): 1})
    try:
        out = tmp_path / "out.csv"
        assert cli.main(["stats", "export", "--db", str(db), "--out", str(out)]) == 0
        assert "2026-11-26,cumbria,foyer,plan-made,,,1" in out.read_text()
    finally:
        live.close()


def test_export_of_a_missing_database_creates_nothing(tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    assert cli.main(["stats", "export", "--db", str(tmp_path / "none" / DB_NAME), "--out", str(out)]) == 0
    assert out.read_text() == "date,pack,mode,measure,item,detail,count\n"
    assert not (tmp_path / "none").exists()


@pytest.mark.parametrize("where", ["folder", "under-a-file", "missing-folder", "symlink", "fifo", "/dev/full"])
def test_export_to_an_out_it_cannot_replace_is_one_line_and_writes_nothing(
    tmp_path: Path, where: str, capsys: pytest.CaptureFixture[str]
) -> None:
    db = _good_db(tmp_path)
    target = tmp_path / "elsewhere.csv"
    target.write_text("keep\n")
    out = {
        "folder": tmp_path,
        "under-a-file": target / "out.csv",
        "missing-folder": tmp_path / "gone" / "out.csv",
        "symlink": tmp_path / "link.csv",
        "fifo": tmp_path / "fifo.csv",
        "/dev/full": Path("/dev/full"),
    }[where]
    if where == "symlink":
        out.symlink_to(target)
    elif where == "fifo":
        os.mkfifo(out)
    assert cli.main(["stats", "export", "--db", str(db), "--out", str(out)]) == 1
    assert str(out) in one_line(capsys.readouterr().err)
    assert target.read_text() == "keep\n"
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_a_full_disk_during_the_export_leaves_no_csv(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    db = _good_db(tmp_path)

    def full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    out = tmp_path / "out.csv"
    assert cli.main(["stats", "export", "--db", str(db), "--out", str(out)]) == 1
    assert "No space left on device" in one_line(capsys.readouterr().err)
    assert not out.exists() and not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_export_to_a_full_standard_output_is_one_line_and_exit_1(kiosk_home: Path, tmp_path: Path) -> None:
    db = _good_db(tmp_path)
    with open("/dev/full", "w") as full:
        result = run_kiosk("stats", "export", "--db", str(db), "--out", "-", home=kiosk_home, stdout=full.fileno())
    assert result.returncode == 1 and "No space left on device" in one_line(result.stderr)


# --- handout ----------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("where", ["symlink", "fifo", "under-a-file"])
def test_handout_replaces_only_a_regular_file(kiosk_home: Path, tmp_path: Path, where: str) -> None:
    target = tmp_path / "elsewhere.pdf"
    target.write_text("keep\n")
    out = {"symlink": tmp_path / "link.pdf", "fifo": tmp_path / "fifo.pdf", "under-a-file": target / "x.pdf"}[where]
    if where == "symlink":
        out.symlink_to(target)
    elif where == "fifo":
        os.mkfifo(out)
    result = run_kiosk("handout", "--pack", "cumbria", "--out", str(out), home=kiosk_home, timeout=60)
    assert result.returncode == 1 and f"cannot write {out}" in one_line(result.stderr)
    assert target.read_text() == "keep\n"


def test_handout_reads_the_settings_pack_but_never_waits_on_a_fifo(kiosk_home: Path) -> None:
    config = kiosk_home / "config"
    config.mkdir(parents=True)
    os.mkfifo(config / "settings.toml")
    assert cli._settings_pack() == "cumbria"
    assert (config / "settings.toml").is_fifo()  # read-only: not set aside, not replaced


# --- the kiosk itself starts whatever the settings file is --------------------------------------------------------


@pytest.mark.parametrize("kind", ["year-9999", "fifo", "folder"])
def test_no_settings_file_can_stop_the_kiosk_from_starting(kiosk_home: Path, kind: str) -> None:
    config = kiosk_home / "config"
    config.mkdir(parents=True)
    path = config / "settings.toml"
    if kind == "year-9999":
        path.write_text('pack = "derbyshire"\nschedule = ["parents, on 9999-12-31 23:00-24:00"]\n')
    elif kind == "fifo":
        os.mkfifo(path)
    else:
        path.mkdir()
    result = run_kiosk("--exit-after-first-frame", home=kiosk_home, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr and f"{path}:" in result.stderr
    assert [p.name.startswith("settings.toml.bad-") for p in config.iterdir() if p.name != "settings.toml"] == [True]
