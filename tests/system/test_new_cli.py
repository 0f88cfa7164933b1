"""`kiosk new` as an author runs it: a real process makes a pack that `kiosk check` and `kiosk render` accept,
and anything in the way is one line and exit 1, untouched."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.core import paths


def run_kiosk(*args: str, home: Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", KIOSK_HOME=str(home))
    return subprocess.run(
        [sys.executable, "-m", "kiosk", *args], capture_output=True, text=True, timeout=120, env=env, cwd=cwd
    )


@pytest.mark.parametrize("template", [*paths.builtin_pack_names(), "blank"])
def test_a_new_pack_passes_kiosk_check(kiosk_home: Path, tmp_path: Path, template: str) -> None:
    folder = tmp_path / f"from-{template}"
    made = run_kiosk("new", str(folder), "--from", template, home=kiosk_home)
    assert made.returncode == 0, made.stderr
    assert made.stdout.splitlines()[0] == str(folder / "pack.toml")
    assert f"kiosk check {folder}" in made.stdout and made.stderr == ""
    checked = run_kiosk("check", "--no-layout", str(folder), home=kiosk_home)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    # warnings only (the built-in packs' law pages keep the campaigns' wording, above the 11-14 reading age)
    assert all(": warning: " in line for line in checked.stdout.splitlines()), checked.stdout
    assert f"{folder}: OK" in checked.stderr


def test_blank_is_the_default_and_the_id_is_the_folder_name(kiosk_home: Path, tmp_path: Path) -> None:
    made = run_kiosk("new", "Ysgol Bro Dysynni", home=kiosk_home, cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    text = (tmp_path / "Ysgol Bro Dysynni" / "pack.toml").read_text(encoding="utf-8")
    assert 'id = "ysgol-bro-dysynni"' in text and "--from blank" in text
    assert 'name = "[Your campaign\'s name]"' in text


def test_the_blank_pack_renders(kiosk_home: Path, tmp_path: Path) -> None:
    assert run_kiosk("new", str(tmp_path / "p"), home=kiosk_home).returncode == 0
    out = tmp_path / "png"
    rendered = run_kiosk(
        "render", "--pack", str(tmp_path / "p"), "--size", "1024x768", "--out", str(out), home=kiosk_home
    )
    assert rendered.returncode == 0, rendered.stderr
    assert rendered.stderr == ""
    names = sorted(p.name for p in out.glob("*.png"))
    assert names[0] == "01-poster.png" and len(names) >= 8


@pytest.mark.parametrize("what", ["not-empty", "a-file"])
def test_anything_in_the_way_is_one_line_and_exit_1(kiosk_home: Path, tmp_path: Path, what: str) -> None:
    target = tmp_path / "mine"
    if what == "a-file":
        target.write_text("# my notes\n")
    else:
        target.mkdir()
        (target / "pack.toml").write_text("# my own pack\n")
    made = run_kiosk("new", str(target), "--from", "cumbria", home=kiosk_home)
    assert made.returncode == 1 and made.stdout == ""
    assert made.stderr.count("\n") == 1 and made.stderr.startswith(f"kiosk: {target}: is not")
    assert (target.read_text() if what == "a-file" else (target / "pack.toml").read_text()).startswith("# my")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine"]


def test_an_unknown_template_is_an_argument_error(kiosk_home: Path, tmp_path: Path) -> None:
    made = run_kiosk("new", str(tmp_path / "x"), "--from", "lancashire", home=kiosk_home)
    assert made.returncode == 2 and made.stderr.count("\n") == 1
    assert "invalid choice: 'lancashire'" in made.stderr and "blank" in made.stderr
    assert list(tmp_path.iterdir()) == []
