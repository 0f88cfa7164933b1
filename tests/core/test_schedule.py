"""The schedule over a fake week: which mode and pack apply at each minute, and when the next switch is due."""

from __future__ import annotations

import datetime as dt

import pytest

from kiosk.core.schedule import Schedule, ScheduleError, parse_entry

ENTRIES = [
    "foyer, cumbria, on school days (mon-fri) 08:00-16:00",
    "assembly, derbyshire, on wed 09:00-09:30",
    "parents, on 2026-12-03 17:00-20:00",
    "assembly, on 2026-12-02 08:30-12:00",  # a date beats the weekday entries that overlap it
]


def walk_week(schedule: Schedule, start: dt.datetime, end: dt.datetime) -> list[tuple[str, str, str]]:
    """Jump from change to change the way the kiosk's single-shot timer does."""
    seen = [(start.strftime("%a %H:%M"), *(lambda s: (s.mode, s.pack))(schedule.at(start)))]
    moment: dt.datetime | None = start
    while True:
        assert moment is not None
        moment = schedule.next_change(moment)
        if moment is None or moment > end:
            return seen
        slot = schedule.at(moment)
        seen.append((moment.strftime("%a %d %H:%M"), slot.mode, slot.pack))


def test_a_fake_week_switches_at_the_right_minutes() -> None:
    schedule = Schedule(ENTRIES, default_mode="foyer", default_pack="derbyshire")
    monday = dt.datetime(2026, 11, 30, 0, 0)  # Mon 30 Nov; Wed 2 Dec and Thu 3 Dec have date entries
    assert walk_week(schedule, monday, monday + dt.timedelta(days=7)) == [
        ("Mon 00:00", "foyer", "derbyshire"),
        ("Mon 30 08:00", "foyer", "cumbria"),
        ("Mon 30 16:00", "foyer", "derbyshire"),
        ("Tue 01 08:00", "foyer", "cumbria"),
        ("Tue 01 16:00", "foyer", "derbyshire"),
        ("Wed 02 08:00", "foyer", "cumbria"),
        ("Wed 02 08:30", "assembly", "derbyshire"),  # the date entry, with the default pack
        ("Wed 02 12:00", "foyer", "cumbria"),  # back to the weekday entry, not to the defaults
        ("Wed 02 16:00", "foyer", "derbyshire"),
        ("Thu 03 08:00", "foyer", "cumbria"),
        ("Thu 03 16:00", "foyer", "derbyshire"),
        ("Thu 03 17:00", "parents", "derbyshire"),
        ("Thu 03 20:00", "foyer", "derbyshire"),
        ("Fri 04 08:00", "foyer", "cumbria"),
        ("Fri 04 16:00", "foyer", "derbyshire"),
    ]


def test_the_weekly_wednesday_assembly_applies_in_an_ordinary_week() -> None:
    schedule = Schedule(ENTRIES, "foyer", "derbyshire")
    wednesday = dt.datetime(2026, 12, 9, 8, 59)
    assert schedule.at(wednesday).mode == "foyer"
    assert schedule.next_change(wednesday) == dt.datetime(2026, 12, 9, 9, 0)
    assert (schedule.at(dt.datetime(2026, 12, 9, 9, 0)).mode, schedule.at(dt.datetime(2026, 12, 9, 9, 29)).mode) == (
        "assembly",
        "assembly",
    )
    assert schedule.at(dt.datetime(2026, 12, 9, 9, 30)).pack == "cumbria", "the end minute belongs to what follows"


def test_an_entry_that_changes_nothing_is_not_a_change() -> None:
    schedule = Schedule(["foyer, cumbria, on every day 08:00-16:00"], "foyer", "cumbria")
    assert schedule.next_change(dt.datetime(2026, 11, 30, 7, 0)) is None


def test_no_entries_means_the_defaults_forever() -> None:
    schedule = Schedule([], "parents", "cumbria")
    assert schedule.at(dt.datetime(2026, 1, 1)).mode == "parents"
    assert schedule.next_change(dt.datetime(2026, 1, 1)) is None


def test_a_date_far_ahead_is_found() -> None:
    schedule = Schedule(["parents, on 2027-03-10 17:00-20:00"], "foyer", "cumbria")
    assert schedule.next_change(dt.datetime(2026, 11, 25, 10, 0)) == dt.datetime(2027, 3, 10, 17, 0)


def test_entry_until_midnight_and_day_lists() -> None:
    entry = parse_entry("Parents, cumbria, on sat, sun 18:00-24:00")
    assert entry.weekdays == {5, 6} and entry.end == 24 * 60
    assert parse_entry("foyer, on fri-mon 08:00-09:00").weekdays == {4, 5, 6, 0}
    assert parse_entry("foyer, on school days 08:00-09:00").weekdays == set(range(5))
    schedule = Schedule([entry.text], "foyer", "cumbria")
    saturday_evening = dt.datetime(2026, 11, 28, 19, 0)
    assert schedule.at(saturday_evening).mode == "parents"
    assert schedule.next_change(saturday_evening) == dt.datetime(2026, 11, 29, 0, 0)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("foyer on mon 08:00-16:00", "is not a schedule entry"),
        ("disco, on mon 08:00-16:00", "'disco' is not a mode"),
        ("foyer, on funday 08:00-16:00", "'funday' is not a day"),
        ("foyer, on mon 16:00-08:00", "is not after the start"),
        ("foyer, on mon 08:00-25:00", "is not a time of day"),
        ("foyer, on 2026-02-30 08:00-09:00", "is not a real date"),
    ],
)
def test_bad_entries_say_what_is_wrong(text: str, words: str) -> None:
    with pytest.raises(ScheduleError, match=words):
        parse_entry(text)
