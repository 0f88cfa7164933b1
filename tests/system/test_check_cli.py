"""`kiosk check` as a comms officer runs it before a pack ships: a real process. Errors exit 1, warnings are
printed as `file:line: field: warning: ...` and exit 0; validation problems come first, as before."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
from pathlib import Path

import pytest

from kiosk.core import paths

from ..core.test_checks import seed
from .test_cli import run_kiosk


def copy(tmp_path: Path, name: str = "cumbria") -> Path:
    target = tmp_path / name
    shutil.copytree(paths.builtin_packs_dir() / name, target)
    return target


def sources_folder() -> Path:
    folder = Path(os.environ.get("KIOSK_CAMPAIGN_SOURCES") or "")
    if not os.environ.get("KIOSK_CAMPAIGN_SOURCES") or not folder.is_dir():
        pytest.skip("no campaign sources folder: set KIOSK_CAMPAIGN_SOURCES=DIR")
    return folder


def test_the_builtin_packs_pass_against_the_campaign_sources(kiosk_home: Path) -> None:
    result = run_kiosk(
        "check", "--no-layout", "cumbria", "derbyshire", "--sources", str(sources_folder()), home=kiosk_home
    )
    assert result.returncode == 0, result.stdout
    assert "cumbria: OK (Create a plan, 11 pages)" in result.stderr
    assert "derbyshire: OK" in result.stderr
    # whatever they get are warnings, each one line naming file, line and field
    assert result.stdout.strip()
    for line in result.stdout.splitlines():
        assert re.match(r"^\S+/pack\.toml:[1-9]\d*: pages\[\d+\]\S*: warning: ", line), line


def test_an_error_exits_1_and_names_file_line_and_field(tmp_path: Path, kiosk_home: Path) -> None:
    root = copy(tmp_path)
    line = seed(root, 'number = "0800 555 111"', 'number = "0800 555 11"')
    result = run_kiosk("check", "--no-layout", str(root), home=kiosk_home)
    assert result.returncode == 1
    assert f"{root / 'pack.toml'}:{line}: pages[11].phones[3].number: '0800 555 11' is not a UK" in result.stdout
    assert f"{root}: 1 error(s)" in result.stderr


def test_a_warning_is_printed_and_exits_0(tmp_path: Path, kiosk_home: Path) -> None:
    root = copy(tmp_path)
    soon = dt.date.today() + dt.timedelta(days=10)
    line = seed(root, "version = 1", f"version = 1\nvalid_until = {soon.isoformat()}")
    result = run_kiosk("check", "--no-layout", str(root), home=kiosk_home)
    assert result.returncode == 0, result.stdout
    assert (
        f"{root / 'pack.toml'}:{line + 1}: pack.valid_until: warning: the pack goes out of date in 10 days"
        in result.stdout
    )
    assert f"{root}: OK (Create a plan, 11 pages); 3 warning(s)" in result.stderr


def test_words_not_in_the_sources_are_errors(tmp_path: Path, kiosk_home: Path) -> None:
    root = copy(tmp_path)
    line = seed(root, 'url = "https://www.fearless.org/"', 'url = "https://www.fearless.org/about"')
    result = run_kiosk("check", "--no-layout", str(root), "--sources", str(sources_folder()), home=kiosk_home)
    assert result.returncode == 1
    assert f":{line}: pages[10].links[3].url: this web address is not in the campaign's source texts" in result.stdout


def test_validation_problems_come_first_and_the_checks_still_run_for_the_next_pack(
    tmp_path: Path, kiosk_home: Path
) -> None:
    broken = copy(tmp_path)
    seed(broken, 'accent = "#1d4e89"', 'accent = "blue"')
    result = run_kiosk("check", "--no-layout", str(broken), "derbyshire", home=kiosk_home)
    assert result.returncode == 1
    assert "pack.accent: is 'blue'" in result.stdout
    assert f"{broken}: 1 problem(s)" in result.stderr and "derbyshire: OK" in result.stderr


def test_a_missing_sources_folder_is_one_line(tmp_path: Path, kiosk_home: Path) -> None:
    result = run_kiosk("check", "--no-layout", "cumbria", "--sources", str(tmp_path / "nowhere"), home=kiosk_home)
    assert result.returncode == 1
    assert result.stderr.strip().endswith("no such folder") and len(result.stderr.strip().splitlines()) == 1
