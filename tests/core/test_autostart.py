"""`kiosk install-autostart` / `remove-autostart`: per user, frozen-aware, and under the supervisor."""

from __future__ import annotations

import configparser
import shlex
import sys
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.core import autostart


@pytest.fixture
def config_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    return tmp_path / "config"


def desktop_exec(path: Path) -> list[str]:
    entry = configparser.ConfigParser(interpolation=None)
    entry.read(path, encoding="utf-8")
    assert entry["Desktop Entry"]["Type"] == "Application"
    return shlex.split(entry["Desktop Entry"]["Exec"].replace("%%", "%"))


def test_install_and_remove_on_linux(config_home: Path, capsys) -> None:
    assert main(["install-autostart", "--supervise", "--pack", "derbyshire", "--mode", "parents"]) == 0
    entry = config_home / "autostart" / "campaign-kiosk.desktop"
    assert str(entry) in capsys.readouterr().out
    argv = desktop_exec(entry)
    assert argv[-5:] == ["supervise", "--pack", "derbyshire", "--mode", "parents"]
    assert argv[:-5] == autostart.kiosk_executable()
    assert main(["remove-autostart"]) == 0
    assert not entry.exists()
    assert main(["remove-autostart"]) == 0
    assert "nothing to remove" in capsys.readouterr().out


def test_without_supervise_it_starts_the_kiosk_directly(config_home: Path) -> None:
    path = autostart.install(supervise=False, platform="linux")
    assert "supervise" not in desktop_exec(path)


def test_xdg_default_is_dot_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path))
    assert autostart.entry_path("linux") == tmp_path / ".config" / "autostart" / "campaign-kiosk.desktop"


def test_paths_with_spaces_and_quotes_survive_the_exec_line(config_home: Path, monkeypatch) -> None:
    monkeypatch.setattr(autostart, "kiosk_executable", lambda: ["/opt/My Kiosk/campaign-kiosk"])
    path = autostart.install(kiosk_args=["--pack", '/srv/packs/St "Mary\'s" 100%'], platform="linux")
    assert desktop_exec(path) == ["/opt/My Kiosk/campaign-kiosk", "supervise", "--pack", '/srv/packs/St "Mary\'s" 100%']


def test_frozen_uses_the_executable_itself(monkeypatch) -> None:
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", r"C:\Program Files\Campaign Kiosk\campaign-kiosk.exe")
    assert autostart.command_line(True) == [r"C:\Program Files\Campaign Kiosk\campaign-kiosk.exe", "supervise"]


def test_windows_startup_folder_script(tmp_path: Path, monkeypatch) -> None:
    appdata = tmp_path / "AppData" / "Roaming"
    monkeypatch.setenv("APPDATA", str(appdata))
    monkeypatch.setattr(autostart, "kiosk_executable", lambda: [r"C:\Program Files\Campaign Kiosk\campaign-kiosk.exe"])
    path = autostart.install(kiosk_args=["--pack", "cumbria"], platform="win32")
    assert path == appdata / "Microsoft" / "Windows" / "Start Menu" / "Programs" / "Startup" / "campaign-kiosk.cmd"
    text = path.read_bytes().decode()
    assert text == (
        '@echo off\r\nstart "" "C:\\Program Files\\Campaign Kiosk\\campaign-kiosk.exe" supervise --pack cumbria\r\n'
    )
    assert autostart.remove(platform="win32") == path and not path.exists()


def test_the_inno_setup_autostart_also_runs_under_the_supervisor() -> None:
    """The Windows installer's own autostart task (install.sh --autostart: tests/system/test_installer.py)."""
    import build_installer

    startup = [line for line in build_installer.inno_script("1.0").splitlines() if "{userstartup}" in line]
    link = next(line for line in startup if "CreateShellLink" in line)
    assert "'supervise'" in link
