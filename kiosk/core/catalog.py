"""Which packs there are, and which pack the kiosk shows when the one asked for cannot be shown.

The rule lives here, not in the command line or the Qt bridge, so both ask the same question the same way: a
refused pack is replaced by the built-in default, with the reasons, and the kiosk never shows nothing.
"""

from __future__ import annotations

import logging

from kiosk.core import paths
from kiosk.core.pack import Pack, Problem, validate

log = logging.getLogger(__name__)


class BrokenInstallation(SystemExit):
    """The built-in default pack itself is refused: nothing sensible can be shown (the exit message says why)."""


def load_pack_or_fallback(name_or_path: str) -> tuple[Pack, list[Problem]]:
    """The requested pack, or the built-in default with the reasons it was refused. Never nothing."""
    pack, problems = validate(paths.resolve_pack(name_or_path))
    if pack is not None:
        return pack, []
    for problem in problems:
        log.error("pack refused: %s", problem)
    log.error("showing the built-in pack %r instead of %r", paths.DEFAULT_PACK, name_or_path)
    fallback, fallback_problems = validate(paths.builtin_packs_dir() / paths.DEFAULT_PACK)
    if fallback is None:  # the installation itself is broken: nothing sensible to show
        raise BrokenInstallation("kiosk: the built-in pack is broken:\n" + "\n".join(map(str, fallback_problems)))
    return fallback, problems


def available_packs() -> list[str]:
    """Built-in packs and the school's own, by name, for the staff screen's pack buttons."""
    own = paths.user_packs_dir()
    names = set(paths.builtin_pack_names())
    if own.is_dir():
        names.update(p.name for p in own.iterdir() if (p / "pack.toml").is_file())
    return sorted(names)
