"""The effective configuration without Qt: what the kiosk shows for a pack, settings.toml and the command line."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.core import config, limits, paths
from kiosk.core.config import Config, Overrides, StaffChoices
from kiosk.core.pack import Pack, load
from kiosk.core.settings import Settings
from kiosk.core.vocab import Audience, RunMode

WEDNESDAY_9 = dt.datetime(2026, 12, 2, 9, 0)


@pytest.fixture(scope="module")
def cumbria() -> Pack:
    return load(paths.builtin_packs_dir() / "cumbria")


def test_each_mode_shows_its_audience_pages_with_the_schools_own_times(cumbria: Pack) -> None:
    first = cumbria.pages_for(Audience.STUDENTS)[0]
    cfg = Config(Settings(durations={first.id: 40.0}))
    students = cfg.pages(cumbria, RunMode.FOYER)
    parents = cfg.pages(cumbria, RunMode.PARENTS)
    assert [p.id for p in students] == [p.id for p in cumbria.pages_for(Audience.STUDENTS)]
    assert [p.id for p in parents] == [p.id for p in cumbria.pages_for(Audience.PARENTS)] != [p.id for p in students]
    assert students[0].duration == 40.0 and cumbria.pages_for(Audience.STUDENTS)[0].duration != 40.0
    assert cfg.pages(cumbria, RunMode.ASSEMBLY) == students, "an assembly shows the students' pages"


def test_a_pack_with_no_page_for_an_audience_shows_all_its_pages(cumbria: Pack) -> None:
    students_only = dataclasses.replace(
        cumbria, pages=tuple(p for p in cumbria.pages if p.audience == Audience.STUDENTS)
    )
    assert config.audience_pages(students_only, RunMode.PARENTS) == students_only.pages


def test_the_command_line_beats_the_file_and_switches_the_schedule_off() -> None:
    settings = Settings(mode="foyer", pack="cumbria", schedule=["assembly, derbyshire, on wed 09:00-09:30"])
    scheduled = Config(settings)
    assert scheduled.schedule_active
    assert (scheduled.wanted_slot(WEDNESDAY_9).mode, scheduled.wanted_slot(WEDNESDAY_9).pack) == (
        "assembly",
        "derbyshire",
    )
    assert scheduled.next_change(WEDNESDAY_9) == dt.datetime(2026, 12, 2, 9, 30)
    assert "schedule entry" in scheduled.reason(scheduled.wanted_slot(WEDNESDAY_9), "start")
    flagged = Config(settings, Overrides(pack="derbyshire"))
    assert not flagged.schedule_active and flagged.next_change(WEDNESDAY_9) is None
    slot = flagged.wanted_slot(WEDNESDAY_9)
    assert (slot.mode, slot.pack) == ("foyer", "derbyshire") and "command line" in flagged.reason(slot, "start")


def test_idle_time_flag_then_file_then_pack_and_an_assembly_never_goes_idle(cumbria: Pack) -> None:
    assert Config(Settings()).idle_timeout(cumbria, RunMode.FOYER) == cumbria.idle_timeout
    assert Config(Settings(idle_timeout=90)).idle_timeout(cumbria, RunMode.FOYER) == 90
    assert Config(Settings(idle_timeout=90), Overrides(idle_timeout=20)).idle_timeout(cumbria, RunMode.PARENTS) == 20
    assert Config(Settings(idle_timeout=90)).idle_timeout(cumbria, RunMode.ASSEMBLY) is None


def test_interface_language_flag_then_staff_choice_then_the_packs_own(cumbria: Pack) -> None:
    polish = dataclasses.replace(cumbria, language="pl")
    assert Config(Settings()).interface_language(polish) == "pl", "English is the default: the pack's own wins"
    assert Config(Settings(language="cy")).interface_language(polish) == "cy"
    assert Config(Settings(language="cy"), Overrides(language="en")).interface_language(polish) == "en"


def test_appearance_flags_add_to_the_file() -> None:
    cfg = Config(Settings(text_size=125, high_contrast=False), Overrides(high_contrast=True))
    assert (cfg.text_scale, cfg.high_contrast, cfg.reduced_motion) == (1.25, True, False)


def test_run_mode_rules() -> None:
    assert [config.auto_advances(m) for m in RunMode] == [True, False, True]
    assert [config.hides_cursor(m) for m in RunMode] == [True, False, False]
    assert config.switch_waits(RunMode.FOYER, "interactive") and not config.switch_waits(RunMode.FOYER, "attract")
    assert not config.switch_waits(RunMode.ASSEMBLY, "interactive"), "a presenter is never waited for"


def test_staff_choices_start_from_the_file_and_the_loop_on_screen(cumbria: Pack) -> None:
    first = cumbria.pages_for(Audience.PARENTS)[0]
    settings = Settings(pack="/schools/own", durations={first.id: 30.0, "gone": 9.0})
    choices = config.staff_choices(settings, cumbria, RunMode.PARENTS, ["cumbria", "derbyshire"])
    assert choices.packs == ["cumbria", "derbyshire", "/schools/own"], "the saved pack is always offered"
    assert [r[0] for r in choices.pages] == [p.id for p in cumbria.pages_for(Audience.PARENTS)]
    assert choices.durations == {first.id: 30.0}, "only the times of pages on screen"
    assert choices.idle_timeout == cumbria.idle_timeout


def test_saving_keeps_other_loops_times_and_an_untouched_idle_time_follows_the_pack(cumbria: Pack) -> None:
    settings = Settings(durations={"elsewhere": 20.0, "poster": 10.0})
    choices = StaffChoices(
        pack="derbyshire",
        mode="parents",
        idle_timeout=cumbria.idle_timeout,
        pages=[("poster", "Poster", 12.0)],
        durations={},
        text_size=150,
    )
    saved = config.merge_choices(settings, choices, cumbria.idle_timeout)
    assert saved.durations == {"elsewhere": 20.0}, "the poster is back at the pack's time; the other page keeps its"
    assert saved.idle_timeout is None and (saved.pack, saved.mode, saved.text_size) == ("derbyshire", "parents", 150)
    moved = config.merge_choices(settings, dataclasses.replace(choices, idle_timeout=90.0), cumbria.idle_timeout)
    assert moved.idle_timeout == 90.0


def test_page_time_steps_stay_in_the_limits_and_the_packs_own_time_is_no_override() -> None:
    choices = StaffChoices(pages=[("a", "A", 12.0)])
    assert config.durations_with_step(choices, "nope", 1) is None
    choices.durations = config.durations_with_step(choices, "a", 1) or {}
    assert choices.durations == {"a": 12.0 + limits.PAGE_DURATION_STEP}
    assert config.durations_with_step(choices, "a", -1) == {}, "back at the pack's time"
    assert config.stepped_duration(limits.PAGE_DURATION.low, 12.0, -1) == limits.PAGE_DURATION.low
    assert config.stepped_duration(limits.PAGE_DURATION.high, 12.0, 1) == limits.PAGE_DURATION.high


@given(st.floats(0, 200), st.sampled_from([-1, 1]), st.integers(1, 60))
def test_any_number_of_page_time_steps_is_a_time_the_settings_file_accepts(start: float, way: int, n: int) -> None:
    seconds = start
    for _ in range(n):
        seconds = config.stepped_duration(seconds, 1000.0, way) or seconds
    assert limits.PAGE_DURATION.problem(seconds) is None


@given(st.floats(0, 1000), st.sampled_from([-1, 1]))
def test_an_idle_step_is_an_idle_time_the_settings_file_accepts(start: float, way: int) -> None:
    assert limits.IDLE_TIMEOUT.problem(config.stepped_idle_timeout(start, way)) is None
