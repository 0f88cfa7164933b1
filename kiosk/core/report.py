"""The campaign report's rules: merge every kiosk's day files, pick the period, protect small numbers.

`kiosk report DIR` reads the outbox files (kiosk.core.outbox_format) under DIR, never writes there, and never
stops for a bad file: each one is listed with its reason and left out. Only files whose name falls in the chosen
period or the period before it (for "compared with the period before") are read, so a year of files costs what
two periods cost.

Privacy: a count from 1 to `min_count - 1` is never shown (`protect`), and where a total is shown, one hidden
part among visible ones would be revealed by subtraction, so a second part is hidden with it (secondary
suppression, as official statistics do). The HTML and CSV writers only ever see `Cell`s.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import logging
import os
import re
from collections import Counter, defaultdict
from collections.abc import Hashable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from kiosk.core import limits, outbox_format
from kiosk.core.files import FileProblem, read_bytes
from kiosk.core.outbox_format import DayFileError

log = logging.getLogger(__name__)

K = TypeVar("K", bound=Hashable)
_NAME = re.compile(r"^(\d{4}-\d{2}-\d{2})\.json$")
_ROW_KEYS = frozenset(outbox_format.ROW_FIELDS)
_TOP_KEYS = frozenset(outbox_format.TOP_FIELDS)
CURRENT, PREVIOUS = 0, 1


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date  # inclusive

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def __contains__(self, day: object) -> bool:
        return isinstance(day, dt.date) and self.start <= day <= self.end

    def before(self) -> Period:
        """The period of the same length that ends the day before this one starts."""
        end = self.start - dt.timedelta(days=1)
        return Period(end - dt.timedelta(days=self.days - 1), end)

    def weeks(self) -> list[dt.date]:
        """The Mondays of the weeks this period touches."""
        first = self.start - dt.timedelta(days=self.start.weekday())
        return [first + dt.timedelta(weeks=n) for n in range((self.end - first).days // 7 + 1)]


@dataclass(frozen=True)
class BadFile:
    path: str  # relative to the report's folder
    reason: str


@dataclass
class _Day:
    """One day file as the merge needs it: row keys (pack, mode, measure, item, detail) and their counts."""

    kiosk: str
    day: dt.date
    written: str
    keys: Sequence[Key]  # its rows' keys
    counts: Sequence[int]  # and their counts
    path: str
    visits: int  # foyer visits: the counts of its foyer 'session' rows
    modes: set[str]  # the modes it has rows for (a kiosk-day run in each)


@dataclass
class Merged:
    """Everything the report shows, before protection: exact counts per period (CURRENT, PREVIOUS)."""

    root: Path
    period: Period
    files_read: int = 0
    files_outside: int = 0
    bad: list[BadFile] = field(default_factory=list)
    # per period: (pack, mode, measure, item, detail) -> count
    by_period: tuple[dict[tuple[str, str, str, str, str], int], ...] = field(default_factory=lambda: ({}, {}))
    # (period, pack, mode, measure, item, detail) -> count, made from by_period at the end
    totals: Counter[tuple[int, str, str, str, str, str]] = field(default_factory=Counter)
    visits_day: Counter[dt.date] = field(default_factory=Counter)  # foyer visits
    kiosk_visits: Counter[tuple[int, str]] = field(default_factory=Counter)  # (period, kiosk): foyer visits
    kiosk_days: Counter[tuple[int, str]] = field(default_factory=Counter)  # (period, kiosk): days with a file
    mode_days: Counter[tuple[int, str]] = field(default_factory=Counter)  # (period, mode): kiosk-days run
    kiosks: set[str] = field(default_factory=set)

    @property
    def previous(self) -> Period:
        return self.period.before()


def choose_period(root: Path, start: dt.date | None, end: dt.date | None) -> Period | None:
    """--from/--to: the end defaults to the newest day file's date (so a report of an old USB stick still shows
    its data), the start to REPORT_PERIOD_DAYS before the end. None when there is no day file and no --to."""
    if end is None:
        newest = None
        for _rel, entry in _walk(root, []):
            match = _NAME.match(entry.name)
            if match:
                try:
                    day = dt.date.fromisoformat(match.group(1))
                except ValueError:
                    continue
                if (start is None or day >= start) and (newest is None or day > newest):
                    newest = day
        if newest is None:
            if start is None:
                return None
            newest = start
        end = newest
    if start is None:
        start = end - dt.timedelta(days=limits.REPORT_PERIOD_DAYS - 1)
    return Period(start, end)


def _walk(root: Path, bad: list[BadFile]) -> Iterator[tuple[str, os.DirEntry[str]]]:
    """(path relative to root, entry) for every entry under root that is not a folder, in name order; links are
    not followed, and hidden names (a kiosk's half-written `.name.tmp`) are skipped. Plain strings: pathlib
    would cost more than reading the file."""
    stack = [""]
    seen = 0
    top = os.fspath(root)
    while stack:
        folder = stack.pop()
        try:
            with os.scandir(os.path.join(top, folder) if folder else top) as entries:
                listed = sorted(entries, key=lambda e: e.name)
        except OSError as error:
            bad.append(BadFile(folder or ".", f"folder cannot be read: {error.strerror or error}"))
            continue
        folders = []
        for entry in listed:
            if entry.name.startswith("."):
                continue
            rel = f"{folder}/{entry.name}" if folder else entry.name
            if entry.is_dir(follow_symlinks=False):
                folders.append(rel)
                continue
            seen += 1
            if seen > limits.REPORT_MAX_FILES:
                bad.append(BadFile(folder or ".", f"more than {limits.REPORT_MAX_FILES:,} files; the rest unread"))
                return
            yield rel, entry
        stack.extend(reversed(folders))  # the first folder is read next: a copy comes after its original


@dataclass(frozen=True)
class _Job:
    rel: str
    path: str
    named: str  # the date in the file's name
    which: int  # CURRENT or PREVIOUS


@dataclass(frozen=True)
class _Seen:
    """What the duplicate check needs of a file that was counted."""

    kiosk: str
    day: dt.date
    written: str
    rel: str
    path: str
    which: int


def merge(root: Path, period: Period, workers: int | None = None) -> Merged:
    """Merge the day files under root for `period` and the period before it; bad files are listed, not raised.

    Every readable file is added first (by `workers` processes for a large outbox: the work is per file), then
    a second file for the same kiosk and day is taken out again: the one written later stays (a byte-for-byte
    copy: the first found)."""
    root = Path(root)
    merged = Merged(root=root, period=period)
    previous = period.before()
    jobs: list[_Job] = []
    names: dict[str, tuple[str, int] | str] = {}  # a file name -> (its date, CURRENT/PREVIOUS/OUTSIDE) or why bad
    for rel, entry in _walk(root, merged.bad):
        known = names.get(entry.name)
        if known is None:
            known = names[entry.name] = _which(entry.name, period, previous)
        if isinstance(known, str):
            merged.bad.append(BadFile(rel, known))
            continue
        named, which = known
        if which == _OUTSIDE:
            merged.files_outside += 1
            continue
        if entry.is_symlink():
            merged.bad.append(BadFile(rel, "is a link, not a regular file; links are not followed"))
            continue
        jobs.append(_Job(rel, entry.path, named, which))
    counted: list[tuple[str, str, str, int]] = []  # (kiosk, day, written, job number) of each file counted
    for part, part_counted in _read_all(jobs, workers):
        _absorb(merged, part)
        counted.extend(part_counted)
    kept: dict[tuple[str, str], tuple[str, str, str, int]] = {}
    for one in counted:
        first = kept.setdefault((one[0], one[1]), one)
        if first is one:
            continue
        day, other = _seen(one, jobs), _seen(first, jobs)
        same = _same_bytes(day.path, other.path)
        later = (day.written, day.rel) > (other.written, other.rel)
        winner, loser = (day, other) if later and not same else (other, day)
        if same:
            reason = f"a copy of {winner.rel} (kiosk {day.kiosk}, {day.day}); counted once"
        else:
            reason = (
                f"a second file for kiosk {day.kiosk} on {day.day} (also {winner.rel}); "
                f"the one written later ({winner.written}) is counted"
            )
        merged.bad.append(BadFile(loser.rel, reason))
        kept[one[0], one[1]] = one if winner is day else first
        try:  # read again to take it out (a file changed meanwhile on a live share is taken out as it is now)
            _add(merged, _read_day(loser.path, loser.rel, loser.day.isoformat()), loser.which, -1)
        except DayFileError as error:
            log.warning("%s: counted, then could not be read again to take it out: %s", loser.path, error)
    merged.bad.sort(key=lambda b: b.path)
    for which, counts in enumerate(merged.by_period):
        merged.totals.update({(which, *key): v for key, v in counts.items()})
    for counter in (merged.totals, merged.visits_day, merged.kiosk_visits, merged.kiosk_days, merged.mode_days):
        for k in [k for k, v in counter.items() if v == 0]:
            del counter[k]
    log.info("report: %d day files read, %d bad, %d outside", merged.files_read, len(merged.bad), merged.files_outside)
    return merged


_OUTSIDE = -1


def _which(name: str, period: Period, previous: Period) -> tuple[str, int] | str:
    """A file name's day (as written in the name) and period, or why it is not a day file (the merge asks once
    per distinct name: a year of files has 365)."""
    match = _NAME.match(name)
    if not match:
        return "not a day of counts: the name is not YYYY-MM-DD.json"
    try:
        named = dt.date.fromisoformat(match.group(1))
    except ValueError:
        return f"not a day of counts: {match.group(1)} is not a real date"
    if named in period:
        return match.group(1), CURRENT
    if named in previous:
        return match.group(1), PREVIOUS
    return match.group(1), _OUTSIDE


def _same_bytes(a: str, b: str) -> bool:
    """Whether two day files hold the same bytes (asked only of two files for one kiosk and day: rare)."""
    try:
        return read_bytes(a, outbox_format.MAX_BYTES) == read_bytes(b, outbox_format.MAX_BYTES)
    except OSError:
        return False


PARALLEL_FROM_FILES = 4000  # fewer files are read in this process: starting workers would cost more


def _seen(counted: tuple[str, str, str, int], jobs: list[_Job]) -> _Seen:
    kiosk, day, written, number = counted
    job = jobs[number]
    return _Seen(kiosk, _date(day), written, job.rel, job.path, job.which)


_jobs: list[_Job] = []  # the merge's files: forked workers inherit the list and are sent only (first, end)


def _read_all(jobs: list[_Job], workers: int | None) -> Iterator[tuple[Merged, list[tuple[str, str, str, int]]]]:
    """The jobs' sums, in order: in worker processes (forked, where the system has fork) when there are many."""
    if workers is None:
        workers = min(os.cpu_count() or 1, 8) if len(jobs) >= PARALLEL_FROM_FILES else 1
    import multiprocessing

    global _jobs
    _jobs = jobs
    try:
        if workers <= 1 or "fork" not in multiprocessing.get_all_start_methods():
            yield _read_chunk((0, len(jobs)))
            return
        from concurrent.futures import ProcessPoolExecutor

        size = -(-len(jobs) // (workers * 4))
        chunks = [(i, min(i + size, len(jobs))) for i in range(0, len(jobs), size)]
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
            yield from pool.map(_read_chunk, chunks)
    finally:
        _jobs = []


def _read_chunk(bounds: tuple[int, int]) -> tuple[Merged, list[tuple[str, str, str, int]]]:
    """Read and add up some of `_jobs` (in a worker process, or this one): (kiosk, day, written, job number) of
    each file counted, for the duplicate check."""
    part = Merged(root=Path("."), period=Period(dt.date.min, dt.date.min))
    counted = []
    jobs = _jobs
    for number in range(*bounds):
        job = jobs[number]
        try:
            day = _read_day(job.path, job.rel, job.named)
        except DayFileError as error:
            part.bad.append(BadFile(job.rel, _reason(str(error), job.path)))
            continue
        if day.day.isoformat() != job.named:
            part.bad.append(BadFile(job.rel, f"is named for {job.named} but holds the counts of {day.day}"))
            continue
        _add(part, day, job.which, 1)
        counted.append((day.kiosk, job.named, day.written, number))
    return part, counted


def _absorb(merged: Merged, part: Merged) -> None:
    for mine, theirs in zip(merged.by_period, part.by_period, strict=True):
        for key, value in theirs.items():
            mine[key] = mine.get(key, 0) + value
    merged.visits_day.update(part.visits_day)
    merged.kiosk_visits.update(part.kiosk_visits)
    merged.kiosk_days.update(part.kiosk_days)
    merged.mode_days.update(part.mode_days)
    merged.kiosks |= part.kiosks
    merged.bad.extend(part.bad)
    merged.files_read += part.files_read


def _reason(message: str, path: str) -> str:
    """outbox_format's message without the path (the report lists the path beside it)."""
    prefix = f"{path}: "
    return message[len(prefix) :] if message.startswith(prefix) else message


Key = tuple[str, str, str, str, str]  # (pack, mode, measure, item, detail)


def _add(merged: Merged, day: _Day, which: int, sign: int) -> None:
    """Add (sign 1) or take out (-1) a day's counts."""
    totals = merged.by_period[which]
    get = totals.get
    if sign == 1:
        for key, count in zip(day.keys, day.counts):  # noqa: B905 - made together, of one length
            totals[key] = get(key, 0) + count
    else:
        for key, count in zip(day.keys, day.counts):  # noqa: B905
            totals[key] = get(key, 0) - count
    visits = day.visits
    if which == CURRENT:
        merged.visits_day[day.day] += sign * visits
    merged.kiosk_visits[which, day.kiosk] += sign * visits
    for mode in day.modes:
        merged.mode_days[which, mode] += sign
    merged.kiosk_days[which, day.kiosk] += sign
    merged.kiosks.add(day.kiosk)
    merged.files_read += sign


def _read_day(path: str, rel: str, named: str) -> _Day:
    """One day file; DayFileError with the reason. A fast check covers the files a kiosk writes; anything it is
    unsure of goes to outbox_format's strict parser, which decides (so nothing it refuses is ever counted)."""
    try:
        data = read_bytes(path, outbox_format.MAX_BYTES)
    except FileProblem as problem:
        raise DayFileError(str(problem)) from None
    except FileNotFoundError:
        raise DayFileError("vanished while the report was read") from None
    fast = _fast(data, named, rel)
    if fast is not None:
        return fast
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise DayFileError(f"is not UTF-8 text (byte {error.start + 1})") from None
    counts = outbox_format.parse_day_text(text)
    keys = [(r.pack, r.mode, r.measure, r.item, r.detail) for r in counts.rows]
    return _Day(
        counts.kiosk,
        counts.day,
        counts.written,
        keys,
        [r.count for r in counts.rows],
        rel,
        sum(r.count for r in counts.rows if r.measure == "session" and r.mode == "foyer"),
        {r.mode for r in counts.rows},
    )


@functools.cache
def _date(iso: str) -> dt.date:
    return dt.date.fromisoformat(iso)


_labels: set[str] = set()  # kiosk labels outbox_format accepted
_dates: set[str] = set()  # "YYYY-MM-DDT" that outbox_format accepted in 'written'
_HOURS = frozenset(f"{h:02d}" for h in range(24))  # 'written' keeps the hour only


# a row key outbox_format accepted -> whether it counts foyer visits (a foyer 'session' row); most rows repeat from
# file to file, so each distinct key is checked once
_keys: dict[Key, bool] = {}


def _known(keys: list[Key]) -> list[bool] | None:
    """Whether each key counts foyer visits; None when one is not a key outbox_format accepts."""
    try:
        return [_keys[key] for key in keys]
    except KeyError:
        pass
    for key in keys:
        if key in _keys:
            continue
        row = dict(zip(outbox_format.ROW_FIELDS, (*key, 0), strict=True))
        one = {"format": 1, "kiosk": "k", "day": "2000-01-01", "written": "2000-01-01T00", "rows": [row]}
        try:
            outbox_format.from_dict(one)
        except DayFileError:
            return None
        _keys[key] = key[2] == "session" and key[1] == "foyer"
    return [_keys[key] for key in keys]


@functools.cache
def _decoder() -> Any:
    """msgspec's typed JSON decoder for the day file's shape (imported here: only `kiosk report` needs it)."""
    from typing import Annotated

    import msgspec

    fields: list[tuple[str, Any]] = [(name, str) for name in outbox_format.ROW_FIELDS[:-1]]
    count = Annotated[int, msgspec.Meta(ge=0)]
    row = msgspec.defstruct("FastRow", [*fields, ("count", count)], forbid_unknown_fields=True, gc=False)
    top = [("format", int), ("kiosk", str), ("day", str), ("written", str), ("rows", list[row])]  # type: ignore[valid-type]
    day = msgspec.defstruct("FastDay", top, forbid_unknown_fields=True)
    return msgspec.json.Decoder(day), msgspec.ValidationError, msgspec.DecodeError


def _fast(data: bytes, named: str, rel: str) -> _Day | None:
    """The common case, checked quickly; None sends the file to the strict parser (which refuses or accepts).

    msgspec decodes the file's exact shape (every field, of its type, counts from 0, nothing more); each
    distinct label, date and list of row keys is then checked by outbox_format once and remembered. The number
    of colons in the text equal to the keys of the shape proves no key was given twice, which a decoder that
    keeps the last would hide: each key needs one, and a value holding one (none accepted here does) only adds.
    """
    decoder, invalid, undecodable = _decoder()
    try:
        doc = decoder.decode(data)
    except (invalid, undecodable):
        return None
    rows_in = doc.rows
    if doc.format != outbox_format.FORMAT or doc.day != named or len(rows_in) > outbox_format.MAX_ROWS:
        return None
    if data.count(b":") != len(_TOP_KEYS) + len(_ROW_KEYS) * len(rows_in):
        return None
    kiosk, written = doc.kiosk, doc.written
    if len(written) != 13 or written[11:] not in _HOURS:
        return None
    if kiosk not in _labels or written[:11] not in _dates:
        head = {"format": 1, "kiosk": kiosk, "day": named, "written": written[:11] + "00", "rows": []}
        try:
            outbox_format.from_dict(head)
        except DayFileError:
            return None
        _labels.add(kiosk)
        _dates.add(written[:11])
    keys = [(r.pack, r.mode, r.measure, r.item, r.detail) for r in rows_in]
    visiting = _known(keys)
    if visiting is None or len(set(keys)) != len(keys):
        return None  # a row not understood or counted twice: the strict parser says which
    counts = [r.count for r in rows_in]
    visits = sum(itertools.compress(counts, visiting))
    return _Day(kiosk, _date(named), written, keys, counts, rel, visits, {key[1] for key in keys})


# --- protection of small numbers ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Cell:
    """A count as the report may show it: `hidden` counts are written "fewer than N" (or, when hidden only to
    protect another figure, "not shown")."""

    value: int
    hidden: bool = False
    secondary: bool = False

    def shown(self, min_count: int) -> str:
        if self.secondary:
            return "not shown"
        if self.hidden:
            return f"fewer than {min_count}"
        return f"{self.value:,}"

    def number(self) -> int | None:
        return None if self.hidden else self.value


def primary(value: int, min_count: int) -> Cell:
    return Cell(value, hidden=0 < value < min_count)


def protect(parts: Mapping[K, int], min_count: int, total_shown: bool = True) -> dict[K, Cell]:
    """Cells for parts of a whole. Counts 1 to min_count-1 are hidden; when the total is shown and exactly one
    part is hidden, the smallest other non-zero part is hidden too, so subtraction reveals neither."""
    cells = {k: primary(v, min_count) for k, v in parts.items()}
    hidden = [k for k, c in cells.items() if c.hidden]
    if total_shown and len(hidden) == 1:
        others = sorted((v, str(k), k) for k, v in parts.items() if v > 0 and not cells[k].hidden)
        if others:
            value, _name, key = others[0]
            cells[key] = Cell(value, hidden=True, secondary=True)
    return cells


def protect_nested(
    groups: Mapping[K, Mapping[Any, int]], min_count: int
) -> tuple[dict[K, Cell], dict[K, dict[Any, Cell]], Cell]:
    """Two levels shown with a grand total (weeks of days; the total of the weeks): the groups are protected
    against the grand total, then each group's parts against the group's total; a hidden group whose parts would
    all be visible has its smallest non-zero part hidden, so its parts do not add up to it."""
    sums = {g: sum(parts.values()) for g, parts in groups.items()}
    group_cells = protect(sums, min_count)
    total = primary(sum(sums.values()), min_count)
    inner: dict[K, dict[Any, Cell]] = {}
    for g, parts in groups.items():
        shown_total = not group_cells[g].hidden
        cells = protect(parts, min_count, total_shown=shown_total)
        if not shown_total and not any(c.hidden for c in cells.values()):
            others = sorted((v, str(k), k) for k, v in parts.items() if v > 0)
            if others:
                value, _name, key = others[0]
                cells[key] = Cell(value, hidden=True, secondary=True)
        inner[g] = cells
    return group_cells, inner, total


# --- the figures: every table the report shows, already protected -----------------------------------------------

Value = Cell | str  # a str is a label or a derived figure that is not a count (a rate, a change)
MODE_NAMES = {"foyer": "Foyer touchscreen", "parents": "Parents' evening loop", "assembly": "Assembly"}
LENGTHS = (
    ("under a minute", 0, 59),
    ("one to two minutes", 60, 119),
    ("two to five minutes", 120, 299),
    ("five to ten minutes", 300, 599),
    ("ten minutes or more", 600, 10**6),
)
PAGES_SEEN = (
    ("one page (or none)", 0, 1),
    ("two pages", 2, 2),
    ("three or four", 3, 4),
    ("five to nine", 5, 9),
    ("ten or more", 10, 10**6),
)


@dataclass
class Table:
    """One view: a chart (optional) and the table of the same numbers."""

    key: str
    title: str
    meaning: str  # what the figures mean, in a sentence a safeguarding lead reads once
    columns: tuple[str, ...]  # the first names the row labels
    rows: Sequence[tuple[str, tuple[Value, ...]]]
    total: tuple[str, tuple[Value, ...]] | None = None
    chart: str | None = None  # "bar" (labels along the bottom) or "hbar" (labels down the side)
    chart_column: int = 0  # which value column the chart draws


@dataclass
class Figures:
    period: Period
    previous: Period
    min_count: int
    files_read: int
    files_outside: int
    kiosks: int
    bad: list[BadFile]
    summary: Table
    tables: list[Table]


def _change(now: Cell, before: Cell) -> str:
    if now.hidden or before.hidden:
        return "not shown"
    if before.value == 0:
        return "none before" if now.value else "no change"
    pct = round((now.value - before.value) * 100 / before.value)
    if pct == 0:
        return "about the same"
    return f"up {pct}%" if pct > 0 else f"down {-pct}%"


def _sum(merged: Merged, which: int, measure: str, mode: str = "foyer") -> int:
    return sum(v for (w, _p, m, me, _i, _d), v in merged.totals.items() if w == which and m == mode and me == measure)


def figures(merged: Merged, min_count: int) -> Figures:
    """Every view of the merge, with small numbers protected (see `protect`)."""
    if min_count < limits.REPORT_MIN_COUNT.low:
        raise ValueError(f"min_count must be at least {limits.REPORT_MIN_COUNT.low:g}")
    n = min_count
    period, previous = merged.period, merged.previous
    foyer_now = {k: v for k, v in merged.totals.items() if k[0] == CURRENT and k[2] == "foyer"}
    packs = {k[1] for k in foyer_now}

    def page_name(pack: str, page: str) -> str:
        page = page or "(no page)"
        return f"{pack}: {page}" if len(packs) > 1 else page

    tables: list[Table] = []

    # visits per week and per day (foyer), the days protected within their weeks
    days = [period.start + dt.timedelta(days=i) for i in range(period.days)]
    weeks: dict[dt.date, dict[dt.date, int]] = defaultdict(dict)
    for day in days:
        weeks[day - dt.timedelta(days=day.weekday())][day] = merged.visits_day.get(day, 0)
    week_cells, day_cells, visits_total = protect_nested(weeks, n)
    tables.append(
        Table(
            "weeks",
            "Visits per week",
            "A visit is one student's time at a foyer screen, from the first tap to the return to the loop. "
            "Weeks start on Monday; the first and last week may be part weeks.",
            ("Week starting", "Visits"),
            [(w.isoformat(), (week_cells[w],)) for w in sorted(weeks)],
            ("All weeks", (visits_total,)),
            chart="bar",
        )
    )
    tables.append(
        Table(
            "days",
            "Visits per day",
            "Foyer visits on each day of the period, all kiosks together.",
            ("Day", "Visits"),
            [(f"{d:%a} {d.isoformat()}", (day_cells[w][d],)) for w in sorted(weeks) for d in sorted(weeks[w])],
            ("All days", (visits_total,)),
            chart="bar",
        )
    )

    # per kiosk
    labels = sorted(merged.kiosks)
    kv = protect({k: merged.kiosk_visits.get((CURRENT, k), 0) for k in labels}, n)
    tables.append(
        Table(
            "kiosks",
            "Visits per school or kiosk",
            "Each kiosk's label (set in its machine policy, else a random id made when it was installed), the days "
            "it sent counts for in this period, and its foyer visits.",
            ("Kiosk", "Days with counts", "Visits"),
            [(k, (f"{merged.kiosk_days.get((CURRENT, k), 0)}", kv[k])) for k in labels],
            ("All kiosks", (f"{sum(merged.kiosk_days.get((CURRENT, k), 0) for k in labels)}", visits_total)),
            chart="hbar",
            chart_column=1,
        )
    )

    # run modes, apart
    mode_rows = []
    for mode in ("foyer", "parents", "assembly"):
        shown = sum(
            v
            for (w, _p, m, me, _i, _d), v in merged.totals.items()
            if w == CURRENT and m == mode and me.startswith("page-shown-")
        )
        mode_rows.append(
            (
                MODE_NAMES[mode],
                (
                    primary(merged.mode_days.get((CURRENT, mode), 0), n),
                    primary(merged.mode_days.get((PREVIOUS, mode), 0), n),
                    primary(shown, n),
                    primary(_sum(merged, CURRENT, "session", mode), n),
                ),
            )
        )
    tables.append(
        Table(
            "modes",
            "Foyer, parents' evenings and assemblies, counted apart",
            "Days run counts each kiosk's day in that mode once (two kiosks on one evening are two). Pages shown "
            "counts every page put on screen, by the loop or by a tap or clicker. Visits are counted only where "
            "someone tapped the screen; the rest of this report is about the foyer.",
            ("How the kiosk ran", "Days run", "Days run, period before", "Pages shown", "Visits"),
            mode_rows,
        )
    )

    # pages: opened by a tap, per 100 visits, help opened from it, shown by the loop
    pages: dict[tuple[str, str], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for (_w, pack, _m, measure, item, _d), v in foyer_now.items():
        if measure in ("page-shown-tap", "page-shown-loop", "help-opened"):
            pages[pack, item][measure] += v  # help opened from no page has item "": its own row
    order = sorted(pages, key=lambda p: (-pages[p]["page-shown-tap"], p))
    taps = protect({p: pages[p]["page-shown-tap"] for p in order}, n)
    helps = protect({p: pages[p]["help-opened"] for p in order}, n)
    loops = protect({p: pages[p]["page-shown-loop"] for p in order}, n)  # their total is in the modes table
    visits_exact = visits_total.value

    def per_100(cell: Cell) -> str:
        if cell.hidden or visits_total.hidden or not visits_exact:
            return "not shown"
        return f"{cell.value * 100 / visits_exact:.1f}"

    tables.append(
        Table(
            "pages",
            "Pages students opened",
            "Opened: how often students brought the page up with a tap. Per 100 visits: opened / visits x 100, so "
            "a page most visits reach scores high and a page few reach scores low; a fall from one page to the next "
            "is where students left. The kiosk does not time single pages (it counts, it does not follow anyone); "
            "the time spent is in the visit lengths below. Help opened: the help page opened from this page.",
            ("Page", "Opened", "Per 100 visits", "Help opened from here", "Shown by the loop"),
            [
                (
                    page_name(*p),
                    (taps[p], per_100(taps[p]), helps[p], loops[p]),
                )
                for p in order
            ],
            (
                "All pages",
                (
                    primary(sum(pages[p]["page-shown-tap"] for p in order), n),
                    "",
                    primary(sum(pages[p]["help-opened"] for p in order), n),
                    primary(sum(pages[p]["page-shown-loop"] for p in order), n),
                ),
            ),
            chart="hbar",
        )
    )

    # how long visits lasted and how many pages they saw (where they ended)
    sessions = [(int(i), int(d), v) for (_w, _p, _m, me, i, d), v in foyer_now.items() if me == "session"]
    lengths = protect({name: sum(v for s, _pg, v in sessions if lo <= s <= hi) for name, lo, hi in LENGTHS}, n)
    seen = protect({name: sum(v for _s, pg, v in sessions if lo <= pg <= hi) for name, lo, hi in PAGES_SEEN}, n)
    tables.append(
        Table(
            "lengths",
            "How long visits lasted",
            "Each visit's length is stored rounded to 30 seconds (and at most 15 minutes), so these groups are close, "
            "not exact.",
            ("Length", "Visits"),
            [(name, (lengths[name],)) for name, _lo, _hi in LENGTHS],
            ("All visits", (visits_total,)),
            chart="bar",
        )
    )
    tables.append(
        Table(
            "pages-seen",
            "How many pages a visit saw before the student left",
            "The pages a student opened in one visit (a page opened twice counts twice).",
            ("Pages in the visit", "Visits"),
            [(name, (seen[name],)) for name, _lo, _hi in PAGES_SEEN],
            ("All visits", (visits_total,)),
            chart="bar",
        )
    )

    # plan responses
    options: Counter[str] = Counter()
    for (_w, _p, _m, me, item, _d), v in foyer_now.items():
        if me == "plan-option" and item:
            options[item] += v
    opt_order = sorted(options, key=lambda o: (-options[o], o))
    opt_cells = protect({o: options[o] for o in opt_order}, n)
    tables.append(
        Table(
            "plans",
            "Plan responses students chose",
            "On the plan page a student picks what they would do; each choice is counted once. Plans made counts "
            "the finished plans (a plan may hold more than one choice).",
            ("Response", "Chosen"),
            [(o, (opt_cells[o],)) for o in opt_order],
            ("All responses", (primary(sum(options.values()), n),)),
            chart="hbar",
        )
    )

    # feedback: one table per question
    answers: dict[str, Counter[str]] = defaultdict(Counter)
    for (_w, _p, _m, me, item, detail), v in foyer_now.items():
        if me == "feedback":
            answers[item][detail] += v
    # the questions' totals add up to the summary's "Feedback answers": protected as weeks and days are
    question_totals, answer_cells, _all = protect_nested(answers, n)
    for question in sorted(answers):
        got = answers[question]
        a_order = sorted(got, key=lambda a: (-got[a], a))
        cells = answer_cells[question]
        tables.append(
            Table(
                f"feedback-{question}",
                f"Feedback: answers to the question {question!r}",
                "After a visit of at least 20 seconds and two pages the kiosk may ask one question; a student taps "
                "one answer or walks away.",
                ("Answer", "Answers"),
                [(a, (cells[a],)) for a in a_order],
                ("All answers", (question_totals[question],)),
                chart="hbar",
            )
        )

    # at a glance, compared with the period before
    def pair(measure: str) -> tuple[Cell, Cell]:
        return primary(_sum(merged, CURRENT, measure), n), primary(_sum(merged, PREVIOUS, measure), n)

    glance = []
    for name, measure in (
        ("Foyer visits", "session"),
        ("Pages opened by students", "page-shown-tap"),
        ("Plans made", "plan-made"),
        ("Help opened", "help-opened"),
        ("Feedback question asked", "feedback-offered"),
        ("Feedback answers", "feedback"),
    ):
        now, before = pair(measure)
        glance.append((name, (now, before, _change(now, before))))
    summary = Table(
        "summary",
        "The period at a glance",
        f"This period is {period.start} to {period.end}; the period before is {previous.start} to {previous.end}, "
        "the same number of days just before it. A change is only given where both figures are shown.",
        ("Measure", "This period", "The period before", "Change"),
        glance,
    )
    return Figures(
        period=period,
        previous=previous,
        min_count=n,
        files_read=merged.files_read,
        files_outside=merged.files_outside,
        kiosks=len(merged.kiosks),
        bad=list(merged.bad),
        summary=summary,
        tables=tables,
    )


def cell_text(value: Value, min_count: int) -> str:
    return value.shown(min_count) if isinstance(value, Cell) else value


def csv_rows(fig: Figures) -> Iterator[tuple[str, str, str, str]]:
    """(view, row, column, value): every figure of the report, protected, for `--csv`."""
    for table in (fig.summary, *fig.tables):
        for label, values in [*table.rows, *([table.total] if table.total else [])]:
            for column, value in zip(table.columns[1:], values, strict=True):
                if isinstance(value, str) and not value:
                    continue
                yield table.key, label, column, cell_text(value, fig.min_count)
