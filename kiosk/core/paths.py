"""The one place that knows where files live: source tree, installed wheel, or PyInstaller bundle.

Packs, config, logs and data go through here so that the frozen app, the CLI and the tests agree.
Per-user folders come from platformdirs; KIOSK_HOME overrides them all (tests, portable installs).
"""

from __future__ import annotations

import os
import sys
import warnings
from collections.abc import Callable
from pathlib import Path

import platformdirs

APP_NAME = "campaign-kiosk"
APP_AUTHOR = "CampaignKiosk"
DEFAULT_PACK = "cumbria"


def is_frozen() -> bool:
    return bool(getattr(sys, "frozen", False))


def assets_dir() -> Path:
    """Built-in assets (packs). In a bundle they sit under _MEIPASS; from source, at the repo's assets/."""
    if is_frozen():
        return Path(getattr(sys, "_MEIPASS", Path(sys.executable).parent)) / "assets"
    package = Path(__file__).resolve().parent.parent
    source_tree = package.parent / "assets"
    if (source_tree / "packs").is_dir():
        return source_tree
    return package / "_assets"


def builtin_packs_dir() -> Path:
    return assets_dir() / "packs"


def builtin_pack_names() -> list[str]:
    root = builtin_packs_dir()
    return sorted(p.name for p in root.iterdir() if (p / "pack.toml").is_file()) if root.is_dir() else []


def _user_dir(kind: str) -> Path:
    home = os.environ.get("KIOSK_HOME")
    if home:
        return Path(home) / kind
    finders: dict[str, Callable[[str, str], str]] = {
        "config": platformdirs.user_config_dir,
        "data": platformdirs.user_data_dir,
        "log": platformdirs.user_log_dir,
        "cache": platformdirs.user_cache_dir,
        "runtime": platformdirs.user_runtime_dir,
    }
    return Path(finders[kind](APP_NAME, APP_AUTHOR))


def config_dir() -> Path:
    return _user_dir("config")


def data_dir() -> Path:
    return _user_dir("data")


def log_dir() -> Path:
    return _user_dir("log")


def cache_dir() -> Path:
    return _user_dir("cache")


def runtime_dir() -> Path:
    """Lock file and heartbeat: per user, per boot where the platform has such a folder (/run/user/UID)."""
    with warnings.catch_warnings():
        # platformdirs warns when XDG_RUNTIME_DIR is unset (a bare X session) and falls back to a private
        # folder under the temporary directory, which is what the kiosk wants anyway.
        warnings.simplefilter("ignore")
        return _user_dir("runtime")


def user_packs_dir() -> Path:
    """Where a school's own packs live; they survive upgrades because they are outside the install folder."""
    return data_dir() / "packs"


def resolve_pack(name_or_path: str) -> Path:
    """A pack given by folder path, by built-in name, or by the name of a pack in the user packs folder."""
    candidate = Path(name_or_path).expanduser()
    if candidate.is_dir() or os.sep in name_or_path or "/" in name_or_path:
        return candidate
    for root in (builtin_packs_dir(), user_packs_dir()):
        if (root / name_or_path).is_dir():
            return root / name_or_path
    return candidate
