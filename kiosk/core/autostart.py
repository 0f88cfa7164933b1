"""`kiosk install-autostart` / `kiosk remove-autostart`: start the kiosk when this user signs in.

Linux: an XDG autostart entry in $XDG_CONFIG_HOME/autostart (every desktop honours it). Windows: a small .cmd in
the user's Startup folder (no .lnk: writing a shell link needs COM). Per user, no admin rights. The system-wide
equivalents are packaging/install.sh --autostart and the Inno Setup task; all of them start `supervise`.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from kiosk.core import paths

ENTRY_NAME = paths.APP_NAME


def kiosk_executable() -> list[str]:
    """How to start `kiosk` from a login: the frozen executable, the installed `kiosk` script, or `python -m`."""
    if paths.is_frozen():
        return [sys.executable]
    script = shutil.which("kiosk")
    if script:
        return [str(Path(script).resolve())]
    return [sys.executable, "-m", "kiosk"]


def command_line(supervise: bool, kiosk_args: Sequence[str] = ()) -> list[str]:
    return [*kiosk_executable(), *(["supervise"] if supervise else []), *kiosk_args]


def entry_path(platform: str = sys.platform) -> Path:
    if platform == "win32":
        appdata = os.environ.get("APPDATA") or str(Path.home() / "AppData" / "Roaming")
        return Path(appdata) / "Microsoft" / "Windows" / "Start Menu" / "Programs" / "Startup" / f"{ENTRY_NAME}.cmd"
    config = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(config) / "autostart" / f"{ENTRY_NAME}.desktop"


def _desktop_exec(argv: Sequence[str]) -> str:
    """Quote for a desktop entry's Exec key (Desktop Entry Specification, "The Exec key")."""

    def quote(arg: str) -> str:
        arg = arg.replace("%", "%%")
        if not any(c in arg for c in " \t\n\"'\\><~|&;$*?#()`"):
            return arg
        escaped = "".join("\\" + c if c in '"`$\\' else c for c in arg)
        return f'"{escaped}"'

    return " ".join(quote(a) for a in argv)


def entry_text(argv: Sequence[str], platform: str = sys.platform) -> str:
    if platform == "win32":
        # `start ""` returns at once, so the console window of the .cmd closes while the kiosk runs.
        return f'@echo off\r\nstart "" {subprocess.list2cmdline(list(argv))}\r\n'
    return (
        "[Desktop Entry]\n"
        "Type=Application\n"
        "Name=Campaign kiosk\n"
        "Comment=Starts the campaign kiosk full screen when this user logs in\n"
        f"Exec={_desktop_exec(argv)}\n"
        "Terminal=false\n"
        "X-GNOME-Autostart-enabled=true\n"
        "X-GNOME-Autostart-Delay=5\n"
    )


def install(supervise: bool = True, kiosk_args: Sequence[str] = (), platform: str = sys.platform) -> Path:
    path = entry_path(platform)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(entry_text(command_line(supervise, kiosk_args), platform), encoding="utf-8", newline="")
    os.replace(temporary, path)
    return path


def remove(platform: str = sys.platform) -> Path | None:
    """The removed entry, or None when there was none."""
    path = entry_path(platform)
    try:
        path.unlink()
    except FileNotFoundError:
        return None
    return path
