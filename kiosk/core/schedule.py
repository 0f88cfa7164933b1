"""When the kiosk switches mode or pack by itself: entries like `foyer, cumbria, on mon-fri 08:00-16:00`.

An entry is `<mode>[, <pack>], on <days> HH:MM-HH:MM`. Days are a date (`2026-12-03`), day names and ranges
(`mon-fri`, `sat,sun`, `tue`), `school days` (mon-fri; `school days (mon-thu)` names them), or `every day`.
Where entries overlap the most specific wins: a date beats weekdays, fewer days beat more, a shorter time
beats a longer one, and otherwise the first listed. Outside every entry
the default mode and pack apply. `next_change` says when the answer will next differ, so the UI arms one
single-shot timer for it instead of polling. No Qt, no clock of its own: callers pass the time.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from kiosk.core.limits import SCHEDULE_YEARS
from kiosk.core.vocab import RunMode

MODES = tuple(m.value for m in RunMode)
DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
LOOKAHEAD_DAYS = 8  # a weekly pattern repeats after 7 days; one more covers an entry ending at midnight

_ENTRY = re.compile(
    r"^\s*(?P<mode>[a-z]+)\s*,\s*(?:(?P<pack>[^,]+?)\s*,\s*)?on\s+(?P<days>.+?)\s+"
    r"(?P<start>[0-9]{1,2}:[0-9]{2})\s*(?:-|to|\u2013)\s*(?P<end>[0-9]{1,2}:[0-9]{2})\s*",
    re.IGNORECASE,
)
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")  # ASCII digits only (\d takes any script's digits)


class ScheduleError(ValueError):
    """An entry that cannot be understood; the message says what is wrong and how it should look."""


@dataclass(frozen=True)
class Entry:
    text: str
    mode: str
    pack: str | None  # None: the default pack
    start: int  # minutes after midnight
    end: int  # minutes after midnight, after start; 24:00 is 1440
    weekdays: frozenset[int] = frozenset()  # 0 = Monday, for weekday entries
    date: dt.date | None = None  # for date entries

    def applies_on(self, day: dt.date) -> bool:
        return day == self.date if self.date is not None else day.weekday() in self.weekdays

    def covers(self, at: dt.datetime) -> bool:
        minute = at.hour * 60 + at.minute
        return self.applies_on(at.date()) and self.start <= minute < self.end


def _minutes(text: str, entry: str) -> int:
    hours, minutes = (int(v) for v in text.split(":"))
    if minutes > 59 or hours > 24 or (hours == 24 and minutes):
        raise ScheduleError(f"{text!r} is not a time of day (00:00 to 24:00) in {entry!r}")
    return hours * 60 + minutes


def _weekdays(text: str, entry: str) -> frozenset[int]:
    text = text.strip().lower()
    if text in ("every day", "daily", "all days"):
        return frozenset(range(7))
    school = re.fullmatch(r"school days\s*(?:\((?P<inner>[^)]*)\))?", text)
    if school:
        return _weekdays(school.group("inner") or "mon-fri", entry)
    days: set[int] = set()
    for part in re.split(r"\s*(?:,|\band\b)\s*", text):
        ends = [p.strip()[:3] for p in part.split("-")]
        if not part or len(ends) > 2 or any(e not in DAY_NAMES for e in ends):
            raise ScheduleError(
                f"{part or text!r} is not a day; use a date like 2026-12-03, days like mon-fri or sat,sun, "
                f"'school days' or 'every day' (in {entry!r})"
            )
        first, last = DAY_NAMES.index(ends[0]), DAY_NAMES.index(ends[-1])
        days.update((first + n) % 7 for n in range((last - first) % 7 + 1))
    return frozenset(days)


def parse_entry(text: str) -> Entry:
    """One schedule line; raises ScheduleError with a message a school's IT person can act on."""
    match = _ENTRY.fullmatch(text)
    if not match:
        raise ScheduleError(
            f"{text!r} is not a schedule entry; write it like 'foyer, cumbria, on mon-fri 08:00-16:00' "
            "or 'parents, on 2026-12-03 17:00-20:00'"
        )
    mode = match.group("mode").lower()
    if mode not in MODES:
        raise ScheduleError(f"{mode!r} is not a mode; use {', '.join(MODES)} (in {text!r})")
    start, end = _minutes(match.group("start"), text), _minutes(match.group("end"), text)
    if end <= start:
        raise ScheduleError(
            f"the end {match.group('end')} is not after the start {match.group('start')}; "
            f"split a time across midnight into two entries (in {text!r})"
        )
    days = match.group("days").strip()
    pack = match.group("pack")
    if _DATE.fullmatch(days):
        try:
            date = dt.date.fromisoformat(days)
        except ValueError:
            raise ScheduleError(f"{days!r} is not a real date (in {text!r})") from None
        first, last = SCHEDULE_YEARS
        if not first <= date.year <= last:  # 9999-12-31 24:00 is past the calendar's end; 0202 is a typo
            raise ScheduleError(f"{days!r} is not a date from {first} to {last} (in {text!r})")
        return Entry(text, mode, pack, start, end, date=date)
    return Entry(text, mode, pack, start, end, weekdays=_weekdays(days, text))


def _plus(day: dt.date, days: int) -> dt.date | None:
    """`day` plus `days`, or None past the calendar's end (the schedule's arithmetic never raises)."""
    try:
        return day + dt.timedelta(days=days)
    except OverflowError:
        return None


@dataclass(frozen=True)
class Slot:
    """What applies at a moment: a mode, a pack, and the entry that chose them (None: the defaults)."""

    mode: str
    pack: str
    entry: str | None = None


class Schedule:
    def __init__(self, entries: Iterable[str], default_mode: str, default_pack: str) -> None:
        self.entries = [parse_entry(e) for e in entries]
        self.default_mode = default_mode
        self.default_pack = default_pack

    def entry_at(self, at: dt.datetime) -> Entry | None:
        """The most specific entry covering `at`: a date before weekdays, then fewer days, then a shorter time."""
        covering = [e for e in self.entries if e.covers(at)]
        if not covering:
            return None
        return min(covering, key=lambda e: (e.date is None, len(e.weekdays), e.end - e.start))

    def at(self, at: dt.datetime) -> Slot:
        entry = self.entry_at(at)
        if entry is None:
            return Slot(self.default_mode, self.default_pack)
        return Slot(entry.mode, entry.pack or self.default_pack, entry.text)

    def _boundaries(self, after: dt.datetime) -> Iterator[dt.datetime]:
        """Every start and end of an entry after `after`, in time order (within the look-ahead, plus dates)."""
        found: set[dt.datetime] = set()
        first_day = after.date()
        ahead = [day for n in range(LOOKAHEAD_DAYS) if (day := _plus(first_day, n)) is not None]
        for entry in self.entries:
            days = [entry.date] if entry.date is not None else ahead
            for day in days:
                if not entry.applies_on(day):
                    continue
                midnight = dt.datetime.combine(day, dt.time(), tzinfo=after.tzinfo)
                for minute in (entry.start, entry.end):
                    try:
                        moment = midnight + dt.timedelta(minutes=minute)
                    except OverflowError:  # past 9999-12-31: never comes, so it is no boundary
                        continue
                    if moment > after:
                        found.add(moment)
        return iter(sorted(found))

    def next_change(self, at: dt.datetime) -> dt.datetime | None:
        """The first moment after `at` when mode or pack differ from now; None if that never happens."""
        now = self.at(at)
        for moment in self._boundaries(at):
            slot = self.at(moment)
            if (slot.mode, slot.pack) != (now.mode, now.pack):
                return moment
        return None
