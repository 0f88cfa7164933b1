"""The `kiosk` command as a technician runs it: a real process, offscreen."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from ..conftest import FIXTURES, MINIMAL


def run_kiosk(*args: str, home: Path, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", KIOSK_HOME=str(home))
    return subprocess.run(
        [sys.executable, "-m", "kiosk", *args], capture_output=True, text=True, timeout=timeout, env=env
    )


def test_kiosk_starts_and_paints_a_frame(kiosk_home: Path) -> None:
    result = run_kiosk("--pack", str(MINIMAL), "--exit-after-first-frame", home=kiosk_home)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    log = (kiosk_home / "log" / "kiosk.log").read_text()
    assert "kiosk started: pack minimal" in log


def test_a_broken_pack_shows_the_builtin_pack_and_says_why(kiosk_home: Path) -> None:
    result = run_kiosk("--pack", str(FIXTURES / "broken" / "http-link"), "--exit-after-first-frame", home=kiosk_home)
    assert result.returncode == 0
    assert "pack refused" in result.stderr and "pack.toml:105: pages[7].links[1].url" in result.stderr
    log = (kiosk_home / "log" / "kiosk.log").read_text()
    assert "showing the built-in pack" in log and "kiosk started: pack cumbria" in log


def test_render_writes_pngs_without_a_window(tmp_path: Path, kiosk_home: Path) -> None:
    result = run_kiosk("render", "--pack", str(MINIMAL), "--size", "1024x768", "--out", str(tmp_path), home=kiosk_home)
    assert result.returncode == 0, result.stderr
    names = sorted(p.name for p in tmp_path.glob("*.png"))
    assert names[0] == "01-poster.png" and len(names) == 12
    assert result.stdout.strip().splitlines()[0].endswith("01-poster.png")


def test_render_refuses_a_broken_pack(tmp_path: Path, kiosk_home: Path) -> None:
    result = run_kiosk(
        "render", "--pack", str(FIXTURES / "broken" / "bad-phone"), "--out", str(tmp_path), home=kiosk_home
    )
    assert result.returncode == 1 and "phones[1].number" in result.stdout
    assert list(tmp_path.glob("*.png")) == []


def test_bad_size_is_a_clear_error(tmp_path: Path, kiosk_home: Path) -> None:
    result = run_kiosk("render", "--size", "big", "--out", str(tmp_path), home=kiosk_home)
    assert result.returncode == 2 and "not a size like 1920x1080" in result.stderr


def test_the_kiosk_starts_with_the_settings_file(kiosk_home: Path) -> None:
    (kiosk_home / "config").mkdir(parents=True)
    (kiosk_home / "config" / "settings.toml").write_text('pack = "derbyshire"\nmode = "parents"\ntext_size = 125\n')
    result = run_kiosk("--exit-after-first-frame", home=kiosk_home)
    assert result.returncode == 0, result.stderr
    log = (kiosk_home / "log" / "kiosk.log").read_text()
    assert "mode parents, pack derbyshire (start; settings)" in log and "kiosk started: pack derbyshire" in log


def test_a_corrupt_settings_file_never_stops_the_kiosk(kiosk_home: Path) -> None:
    config = kiosk_home / "config"
    config.mkdir(parents=True)
    (config / "settings.toml").write_text('pack = "derbyshire"\ntext_size = 1\x00\x00\x00')  # a half-written file
    result = run_kiosk("--exit-after-first-frame", home=kiosk_home)
    assert result.returncode == 0, result.stderr
    assert f"{config / 'settings.toml'}:2: (syntax): not valid TOML" in result.stderr
    log = (kiosk_home / "log" / "kiosk.log").read_text()
    assert "kiosk started: pack cumbria" in log
    assert [p.name.startswith("settings.toml.bad-") for p in config.iterdir()] == [True]


def test_assembly_on_two_screens_puts_the_pages_on_the_projector_and_the_notes_on_the_laptop(
    kiosk_home: Path, tmp_path: Path
) -> None:
    """Two virtual screens (Qt's offscreen platform with a screen list): the laptop, first and primary, and the
    projector beside it. The hall sees the pages full screen on the projector; the presenter view is on the laptop."""
    import json

    config = tmp_path / "two-screens.json"
    screens = [
        {"name": "laptop", "x": 0, "y": 0, "width": 1280, "height": 800, "logicalDpi": 96, "logicalBaseDpi": 96},
        {"name": "projector", "x": 1280, "y": 0, "width": 1920, "height": 1080, "logicalDpi": 96, "logicalBaseDpi": 96},
    ]
    config.write_text(json.dumps({"screens": screens}))
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={config}", KIOSK_HOME=str(kiosk_home))
    result = subprocess.run(
        [sys.executable, "-m", "kiosk", "--mode", "assembly", "--exit-after-first-frame"],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    log = (kiosk_home / "log" / "kiosk.log").read_text()
    assert "presenter view on laptop 1280x800 at 0,0, audience on projector 1920x1080 at 1280,0" in log, log
