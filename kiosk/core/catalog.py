"""Which packs there are, and which pack the kiosk shows when the one asked for cannot be shown.

The rule lives here, not in the command line or the Qt bridge, so both ask the same question the same way: a
refused pack is replaced by the built-in default, with the reasons, and the kiosk never shows nothing.

A pack id the local store (kiosk.core.store: packs imported from signed bundles) holds is taken from the store:
its current version while in date, else the newest stored version in date; one that fails to load is rolled
back (remembered as bad) and the next tried; with none left, the built-in or school pack of that name, else the
built-in default.
"""

from __future__ import annotations

import datetime as dt
import logging

from kiosk.core import limits, paths
from kiosk.core.pack import Pack, Problem, validate
from kiosk.core.store import Store

log = logging.getLogger(__name__)


class BrokenInstallation(SystemExit):
    """The built-in default pack itself is refused: nothing sensible can be shown (the exit message says why)."""


def load_pack_or_fallback(
    name_or_path: str, today: dt.date | None = None, store: Store | None = None
) -> tuple[Pack, list[Problem]]:
    """The requested pack (from the store when it holds that id), or the built-in default with the reasons it was
    refused. Never nothing."""
    store = store if store is not None else Store()
    stored = from_store(name_or_path, store, today or dt.date.today())
    if stored is not None:
        return stored, []
    resolved = paths.resolve_pack(name_or_path)
    if store.has(name_or_path) and resolved == store.pack_dir(name_or_path):
        problems = [Problem(name_or_path, 0, "valid_until", "no stored version is in date and loads")]
    else:
        pack, problems = validate(resolved)
        if pack is not None:
            return pack, []
    for problem in problems:
        log.error("pack refused: %s", problem)
    log.error("showing the built-in pack %r instead of %r", paths.DEFAULT_PACK, name_or_path)
    fallback, fallback_problems = validate(paths.builtin_packs_dir() / paths.DEFAULT_PACK)
    if fallback is None:  # the installation itself is broken: nothing sensible to show
        raise BrokenInstallation("kiosk: the built-in pack is broken:\n" + "\n".join(map(str, fallback_problems)))
    return fallback, problems


def from_store(pack_id: str, store: Store, today: dt.date) -> Pack | None:
    """The store's version of `pack_id` for today, rolling back any that fails to load; None: not in the store,
    or no version left to show."""
    if not store.has(pack_id):
        return None
    for _ in range(limits.STORE_VERSIONS_KEPT + 1):
        stored = store.usable(pack_id, today)
        if stored is None:
            log.warning("store: no version of %s is in date and loads", pack_id)
            return None
        pack, problems = validate(stored.pack_dir)
        if pack is not None and pack.id == pack_id:
            return pack
        store.rollback(pack_id, str(problems[0]) if problems else f"its id is not {pack_id}", today)
    return None


def available_packs() -> list[str]:
    """Built-in packs and the school's own, by name, for the staff screen's pack buttons."""
    own = paths.user_packs_dir()
    names = set(paths.builtin_pack_names())
    if own.is_dir():
        names.update(p.name for p in own.iterdir() if (p / "pack.toml").is_file())
    names.update(Store().pack_ids())
    return sorted(names)
