"""Schedule entries that parse but cannot be used are refused at parse time; accepted ones never raise later."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.core.schedule import DAY_NAMES, MODES, Schedule, ScheduleError, parse_entry
from kiosk.core.settings import load_settings, settings_path


@pytest.mark.parametrize(
    "text",
    [
        "parents, on 9999-12-31 23:00-24:00",  # the boundary at 24:00 is past the calendar's end
        "parents, on 9999-01-01 10:00-11:00",
        "foyer, on 0202-12-03 08:00-09:00",  # a typo for 2026: before 2000
        "foyer, on 1999-12-31 08:00-09:00",
    ],
)
def test_a_date_outside_the_usable_years_is_refused_with_the_years_it_may_be(text: str) -> None:
    with pytest.raises(ScheduleError, match="not a date from 2000 to 2199"):
        parse_entry(text)


@pytest.mark.parametrize("text", ["foyer, on mon 10:00-10:00", "foyer, on mon 11:00-10:00"])
def test_a_zero_or_negative_time_is_refused(text: str) -> None:
    with pytest.raises(ScheduleError, match="not after the start"):
        parse_entry(text)


def test_the_year_9999_entry_sets_the_settings_file_aside_and_the_kiosk_starts_on_the_rest(kiosk_home: Path) -> None:
    path = settings_path()
    path.parent.mkdir(parents=True)
    path.write_text('pack = "derbyshire"\nschedule = [\n  "parents, on 9999-12-31 23:00-24:00",\n]\n')
    settings, problems = load_settings()
    assert settings.pack == "derbyshire" and settings.schedule == []
    assert [(p.line, p.field) for p in problems] == [(3, "schedule[0]")]
    assert "9999-12-31" in problems[0].message and "2000 to 2199" in problems[0].message
    schedule = Schedule(settings.schedule, settings.mode, settings.pack)
    assert schedule.next_change(dt.datetime(9999, 12, 31, 22)) is None  # what crashed every start before


def test_the_last_usable_day_is_computed_without_overflow() -> None:
    schedule = Schedule(["parents, on 2199-12-31 23:00-24:00"], "foyer", "cumbria")
    assert schedule.next_change(dt.datetime(2199, 12, 31, 22)) == dt.datetime(2199, 12, 31, 23)
    assert schedule.next_change(dt.datetime(2199, 12, 31, 23, 30)) == dt.datetime(2200, 1, 1)


_days = st.one_of(
    st.sampled_from(["every day", "school days", "school days (mon-thu)", "sat,sun"]),
    st.builds(lambda a, b: f"{a}-{b}", st.sampled_from(DAY_NAMES), st.sampled_from(DAY_NAMES)),
    st.sampled_from(DAY_NAMES),
    st.dates(dt.date(1990, 1, 1), dt.date(9999, 12, 31)).map(dt.date.isoformat),
)
_times = st.integers(0, 24 * 60).map(lambda m: f"{m // 60:02d}:{m % 60:02d}")
_entries = st.builds(
    lambda mode, pack, days, start, end: f"{mode}, {pack + ', ' if pack else ''}on {days} {start}-{end}",
    st.sampled_from(MODES),
    st.sampled_from(["", "cumbria", "derbyshire"]),
    _days,
    _times,
    _times,
)


def _accepted(texts: list[str]) -> list[str]:
    kept = []
    for text in texts:
        try:
            parse_entry(text)
        except ScheduleError:
            continue
        kept.append(text)
    return kept


@given(
    st.lists(_entries, max_size=6),
    st.datetimes(dt.datetime(1, 1, 1), dt.datetime.max),
)
def test_any_accepted_entries_at_any_moment_answer_without_raising(texts: list[str], now: dt.datetime) -> None:
    schedule = Schedule(_accepted(texts), "foyer", "cumbria")
    slot = schedule.at(now)
    assert slot.mode in MODES
    due = schedule.next_change(now)
    assert due is None or due > now
