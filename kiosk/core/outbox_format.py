"""The outbox file: one kiosk's anonymous counts for one day, as the kiosk writes it and `kiosk report` reads it.

`<outbox>/<label>/<YYYY-MM-DD>.json`, UTF-8 JSON:

    {"format": 1, "kiosk": "st-bees-foyer", "day": "2026-12-01", "written": "2026-12-01T16",
     "rows": [{"pack": "cumbria", "mode": "foyer", "measure": "page-shown-tap", "item": "tips", "detail": "",
               "count": 12}, ...]}

`rows` are exactly the rows `kiosk stats export` writes for that day (kiosk.core.stats.write_csv), without the
date column. Both sides use this one module, so what the kiosk writes is what the report accepts; the parser is
strict (every field checked, nothing extra) because the files come from a share anyone may have written to.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kiosk.core import limits
from kiosk.core.files import FileProblem, read_text
from kiosk.core.vocab import RunMode

FORMAT = 1
SUFFIX = ".json"
MAX_BYTES = limits.OUTBOX_FILE_MAX_BYTES
MAX_ROWS = limits.OUTBOX_MAX_ROWS
PAGE_MEASURES = ("page-shown-loop", "page-shown-tap")
EVENT_MEASURES = ("plan-made", "plan-option", "help-opened", "feedback-offered")
MEASURES = (*PAGE_MEASURES, "session", *EVENT_MEASURES, "feedback")
MODES = tuple(m.value for m in RunMode)
ROW_FIELDS = ("pack", "mode", "measure", "item", "detail", "count")
TOP_FIELDS = ("format", "kiosk", "day", "written", "rows")

# A kiosk label: the policy's `[kiosk] label` rule (kiosk.core.policy) or a made id such as kiosk-7f3a9c.
LABEL = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")  # a pack, page, option, question or answer id (kiosk.core.stats)
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_WRITTEN = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}")  # the hour: no time finer is kept
_DIGITS = re.compile(r"^(0|[1-9][0-9]{0,5})$")


class DayFileError(ValueError):
    """A file that is not a usable day of counts; the message names the file and says why."""


@dataclass(frozen=True)
class Row:
    """One thing counted on the day, as the CSV export has it (without the date)."""

    pack: str
    mode: str
    measure: str
    item: str
    detail: str
    count: int

    def key(self) -> tuple[str, str, str, str, str]:
        return (self.pack, self.mode, self.measure, self.item, self.detail)


@dataclass(frozen=True)
class DayCounts:
    """One kiosk's counts for one day. `written` is the local hour it was written ("2026-12-01T16"):
    no time finer than the hour leaves the kiosk."""

    kiosk: str
    day: dt.date
    written: str
    rows: tuple[Row, ...]

    def file_name(self) -> str:
        return day_file_name(self.day)

    def relative_path(self) -> Path:
        """Where this day goes inside an outbox folder: `<label>/<YYYY-MM-DD>.json`."""
        return Path(self.kiosk) / self.file_name()

    def to_json(self) -> str:
        return to_json(self)


def day_file_name(day: dt.date) -> str:
    return f"{day.isoformat()}{SUFFIX}"


def written_stamp(now: dt.datetime) -> str:
    """`written` for a file made at `now` (local time), to the hour, like every time the counts keep."""
    return now.strftime("%Y-%m-%dT%H")


def from_export_rows(kiosk: str, day: dt.date, written: str, rows: Iterable[Sequence[str | int]]) -> DayCounts:
    """A DayCounts from the export's (date, pack, mode, measure, item, detail, count) rows of that day; checked
    like a parsed file, so the kiosk never writes what the report would refuse."""
    built = []
    for date, pack, mode, measure, item, detail, count in rows:
        if str(date) != day.isoformat():
            raise DayFileError(f"a row of {date} is not of {day.isoformat()}")
        built.append({"pack": pack, "mode": mode, "measure": measure, "item": item, "detail": detail, "count": count})
    data = {"format": FORMAT, "kiosk": kiosk, "day": day.isoformat(), "written": written, "rows": built}
    return from_dict(data)


def to_json(counts: DayCounts) -> str:
    """The file's text: compact but one row per line, so a person can read it and a diff shows what changed."""
    head = {"format": FORMAT, "kiosk": counts.kiosk, "day": counts.day.isoformat(), "written": counts.written}
    lines = [
        json.dumps(
            {
                "pack": r.pack,
                "mode": r.mode,
                "measure": r.measure,
                "item": r.item,
                "detail": r.detail,
                "count": r.count,
            },
            ensure_ascii=False,
        )
        for r in counts.rows
    ]
    text = json.dumps(head, ensure_ascii=False)[:-1]
    body = ",\n  ".join(lines)
    return f'{text}, "rows": [\n  {body}\n]}}\n' if lines else f'{text}, "rows": []}}\n'


def parse_day_file(path: Path) -> DayCounts:
    """Read and check one outbox file; DayFileError (naming the file and the reason) when it cannot be used."""
    path = Path(path)
    try:
        text = read_text(path, MAX_BYTES)
    except FileNotFoundError:
        raise DayFileError(f"{path}: does not exist") from None
    except FileProblem as problem:
        raise DayFileError(str(problem)) from None
    try:
        return parse_day_text(text)
    except DayFileError as error:
        raise DayFileError(f"{path}: {error}") from None


def parse_day_text(text: str) -> DayCounts:
    """The checks of parse_day_file on text already read (the message does not name a file)."""
    try:
        data = json.loads(text, object_pairs_hook=_no_duplicate_keys)
    except json.JSONDecodeError as error:
        raise DayFileError(
            f"is not complete JSON (line {error.lineno}, column {error.colno}: {error.msg}); "
            "it may be truncated or another program's file"
        ) from None
    except _DuplicateKeyError as error:
        raise DayFileError(f"has the field {error.args[0]!r} twice") from None
    except RecursionError:
        raise DayFileError("is nested too deeply to be a day of counts") from None
    return from_dict(data)


class _DuplicateKeyError(Exception):
    pass


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise _DuplicateKeyError(key)
        result[key] = value
    return result


def from_dict(data: Any) -> DayCounts:
    """Check a decoded file and build its DayCounts; DayFileError says the first thing wrong."""
    if not isinstance(data, dict):
        raise DayFileError("is not a day of counts (the file is not a JSON object)")
    version = data.get("format")
    if isinstance(version, bool) or not isinstance(version, int):
        raise DayFileError(f"is not a day of counts (no whole-number 'format', found {limits.shown(version)})")
    if version > FORMAT:
        raise DayFileError(
            f"was written by a newer kiosk (format {version}; this one reads format {FORMAT}); report with that version"
        )
    if version != FORMAT:
        raise DayFileError(f"has an unknown format {version} (this one reads format {FORMAT})")
    extra = sorted(set(data) - set(TOP_FIELDS))
    missing = [f for f in TOP_FIELDS if f not in data]
    if missing:
        raise DayFileError(f"has no {', '.join(repr(m) for m in missing)}")
    if extra:
        raise DayFileError(f"has unknown field(s) {', '.join(repr(e) for e in extra)}")
    kiosk = data["kiosk"]
    if not isinstance(kiosk, str) or not LABEL.fullmatch(kiosk):
        raise DayFileError(
            f"'kiosk' must be a label of letters, digits, '.', '-' or '_' (up to 64), not {limits.shown(kiosk)}"
        )
    day = _date(data["day"], "day")
    written = data["written"]
    if not isinstance(written, str) or not _WRITTEN.fullmatch(written):
        raise DayFileError(f"'written' must be a local hour like 2026-12-01T16, not {limits.shown(written)}")
    try:
        dt.datetime.strptime(written, "%Y-%m-%dT%H")
    except ValueError:
        raise DayFileError(f"'written' is not a real time: {written!r}") from None
    rows = data["rows"]
    if not isinstance(rows, list):
        raise DayFileError(f"'rows' must be a list, not {limits.shown(rows)}")
    if len(rows) > MAX_ROWS:
        raise DayFileError(f"has {len(rows):,} rows; a day has at most {MAX_ROWS:,}")
    built: list[Row] = []
    seen: set[tuple[str, str, str, str, str]] = set()
    for number, raw in enumerate(rows, start=1):
        try:
            row = _row(raw)
        except DayFileError as error:
            raise DayFileError(f"row {number}: {error}") from None
        if row.key() in seen:
            raise DayFileError(f"row {number}: counts {row.measure} {row.item!r} {row.detail!r} a second time")
        seen.add(row.key())
        built.append(row)
    return DayCounts(kiosk=kiosk, day=day, written=written, rows=tuple(built))


def _date(value: Any, what: str) -> dt.date:
    if not isinstance(value, str) or not _DAY.fullmatch(value):
        raise DayFileError(f"'{what}' must be a date like 2026-12-01, not {limits.shown(value)}")
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise DayFileError(f"'{what}' is not a real date: {value!r}") from None


def _row(raw: Any) -> Row:
    if not isinstance(raw, dict):
        raise DayFileError(f"must be an object, not {limits.shown(raw)}")
    if set(raw) != set(ROW_FIELDS):
        missing = [f for f in ROW_FIELDS if f not in raw]
        extra = sorted(set(raw) - set(ROW_FIELDS))
        said = [*(f"no {m!r}" for m in missing), *(f"an unknown field {e!r}" for e in extra)]
        raise DayFileError(f"has {', '.join(said)}")
    for field in ROW_FIELDS[:-1]:
        if not isinstance(raw[field], str):
            raise DayFileError(f"{field!r} must be text, not {limits.shown(raw[field])}")
    pack, mode, measure, item, detail = (raw[f] for f in ROW_FIELDS[:-1])
    count = raw["count"]
    if isinstance(count, bool) or not isinstance(count, int) or count < 0:
        raise DayFileError(f"'count' must be a whole number from 0, not {limits.shown(count)}")
    if not _ID.fullmatch(pack):
        raise DayFileError(f"'pack' is not an id: {limits.shown(pack)}")
    if mode not in MODES:
        raise DayFileError(f"'mode' must be one of {', '.join(MODES)}, not {limits.shown(mode)}")
    if measure in PAGE_MEASURES:
        _id(item, "item (the page)")
        _empty(detail)
    elif measure == "session":
        _whole(item, "item (the visit's seconds)", limits.SESSION_MAX_SECONDS, limits.SESSION_STEP_SECONDS)
        _whole(detail, "detail (the pages visited)", limits.SESSION_MAX_PAGES, 1)
    elif measure in EVENT_MEASURES:
        if item:
            _id(item, "item")
        _empty(detail)
    elif measure == "feedback":
        _id(item, "item (the question)")
        _id(detail, "detail (the answer)")
    else:
        raise DayFileError(f"'measure' must be one of {', '.join(MEASURES)}, not {limits.shown(measure)}")
    return Row(pack=pack, mode=mode, measure=measure, item=item, detail=detail, count=count)


def _id(value: str, what: str) -> None:
    if not _ID.fullmatch(value):
        raise DayFileError(f"{what} is not an id (lower-case letters, digits and '-'): {limits.shown(value)}")


def _empty(value: str) -> None:
    if value:
        raise DayFileError(f"'detail' must be empty for this measure, not {limits.shown(value)}")


def _whole(value: str, what: str, high: int, step: int) -> None:
    if not _DIGITS.fullmatch(value) or int(value) > high or int(value) % step:
        raise DayFileError(f"{what} must be a whole number 0 to {high} in steps of {step}, not {limits.shown(value)}")
