"""Which idle time the staff screen shows: the one the kiosk runs with, and where it comes from (kiosk.core.config)."""

from __future__ import annotations

import pytest

from kiosk.core import paths
from kiosk.core.config import Config, Overrides, merge_choices
from kiosk.core.pack import Pack, load
from kiosk.core.policy import Policy
from kiosk.core.settings import Settings
from kiosk.core.vocab import RunMode

PACKS = ["cumbria", "derbyshire"]


@pytest.fixture(scope="module")
def cumbria() -> Pack:
    return load(paths.builtin_packs_dir() / "cumbria")


@pytest.mark.parametrize(
    ("cfg", "shown", "layer", "note"),
    [
        (Config(Settings()), None, "pack", ""),
        (Config(Settings(idle_timeout=45)), 45, "settings", ""),
        (Config(Settings(idle_timeout=45), Overrides(idle_timeout=90)), 90, "command line", "command line"),
        (Config(Settings(), Overrides(idle_timeout=90)), 90, "command line", "command line"),
        # a lock beats the flag: the pack's own time runs, and the screen shows it as set by the school's IT
        (
            Config(Settings(idle_timeout=45), Overrides(idle_timeout=90), Policy(locked=frozenset({"idle_timeout"}))),
            None,
            "policy",
            "",
        ),
    ],
    ids=["pack", "settings", "flag over settings", "flag over pack", "policy lock over flag"],
)
def test_the_staff_screen_starts_from_the_idle_time_in_force(
    cumbria: Pack, cfg: Config, shown: float | None, layer: str, note: str
) -> None:
    running = cfg.idle_timeout(cumbria, RunMode.FOYER)
    choices = cfg.staff_choices(cumbria, RunMode.FOYER, PACKS)
    assert choices.idle_timeout == running == (shown or cumbria.idle_timeout)
    assert cfg.idle_timeout_layer() == layer
    assert choices.idle_layer == note


def test_saving_what_the_screen_showed_keeps_the_flags_idle_time_and_nothing_else_changes(cumbria: Pack) -> None:
    cfg = Config(Settings(idle_timeout=45, text_size=125), Overrides(idle_timeout=90, text_size=150))
    choices = cfg.staff_choices(cumbria, RunMode.FOYER, PACKS)
    saved = merge_choices(cfg.settings, choices, cumbria.idle_timeout, cfg.locked)
    assert saved.idle_timeout == 90 and saved.text_size == 125, "only the idle time shows the flag's value"


def test_a_flag_at_the_packs_own_time_writes_nothing(cumbria: Pack) -> None:
    cfg = Config(Settings(), Overrides(idle_timeout=cumbria.idle_timeout))
    choices = cfg.staff_choices(cumbria, RunMode.FOYER, PACKS)
    assert merge_choices(cfg.settings, choices, cumbria.idle_timeout).idle_timeout is None
