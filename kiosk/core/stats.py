"""Anonymous reach counts: which pages were shown, how long sessions lasted, plans made, feedback taps.

Counts only, in hour and day buckets: no identifiers, no free text, no times finer than an hour, nothing about
who tapped. Every value written is an id from the pack, a fixed word from this module, or a number; the schema's
CHECK constraints refuse anything else, so a bug cannot smuggle text into the file.

The UI thread only enqueues (`StatsStore.count_*` is a `queue.put`); a worker thread owns the SQLite connection,
batches the counts (a transaction every `flush_seconds` or `flush_events`, and on close), rolls hours older than
`hour_days` up into days and forgets days older than `keep_days`. The database is in WAL mode, so a power cut
loses at most the last batch; a corrupt file is set aside as stats.db.corrupt-<time> and a fresh one started.
"""

from __future__ import annotations

import csv
import logging
import os
import queue
import re
import sqlite3
import stat
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import Future
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, TextIO

from kiosk.core import limits
from kiosk.core.vocab import RunMode

log = logging.getLogger(__name__)

DB_NAME = "stats.db"
SCHEMA_VERSION = 1
RUN_MODES = tuple(m.value for m in RunMode)
VIA = ("loop", "tap")  # a page shown by the attract loop or by a visitor's tap (or a presenter's clicker)
EVENTS = ("plan-made", "plan-option", "help-opened", "feedback-offered")
SESSION_STEP = limits.SESSION_STEP_SECONDS  # a visit's length is rounded to 30 s ...
SESSION_MAX = limits.SESSION_MAX_SECONDS  # ... and capped at 15 min
PAGES_MAX = limits.SESSION_MAX_PAGES  # pages seen in a visit, capped
_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")

# Every column, exactly; README.md "What the kiosk counts" lists the same. tests/ui/test_stats.py compares them.
_IDS = "NOT GLOB '*[^a-z0-9-]*' AND length({c}) BETWEEN 1 AND 40"
_HOUR = "GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9] [0-9][0-9]'"
_DAY = "GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'"
_MODE = f"IN ({', '.join(repr(m) for m in RUN_MODES)})"
_VIA = f"IN ({', '.join(repr(v) for v in VIA)})"
_EVENT = f"IN ({', '.join(repr(e) for e in EVENTS)})"


def _ids(column: str) -> str:
    return f"{column} {_IDS.format(c=column)}"


SCHEMA = f"""
CREATE TABLE IF NOT EXISTS page_hours (
    hour TEXT NOT NULL CHECK (hour {_HOUR}),
    pack TEXT NOT NULL CHECK ({_ids("pack")}),
    mode TEXT NOT NULL CHECK (mode {_MODE}),
    via TEXT NOT NULL CHECK (via {_VIA}),
    page TEXT NOT NULL CHECK ({_ids("page")}),
    shown INTEGER NOT NULL CHECK (shown >= 0),
    PRIMARY KEY (hour, pack, mode, via, page)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS page_days (
    day TEXT NOT NULL CHECK (day {_DAY}),
    pack TEXT NOT NULL CHECK ({_ids("pack")}),
    mode TEXT NOT NULL CHECK (mode {_MODE}),
    via TEXT NOT NULL CHECK (via {_VIA}),
    page TEXT NOT NULL CHECK ({_ids("page")}),
    shown INTEGER NOT NULL CHECK (shown >= 0),
    PRIMARY KEY (day, pack, mode, via, page)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS sessions (
    day TEXT NOT NULL CHECK (day {_DAY}),
    pack TEXT NOT NULL CHECK ({_ids("pack")}),
    mode TEXT NOT NULL CHECK (mode {_MODE}),
    seconds INTEGER NOT NULL CHECK (seconds BETWEEN 0 AND {SESSION_MAX} AND seconds % {SESSION_STEP} = 0),
    pages INTEGER NOT NULL CHECK (pages BETWEEN 0 AND {PAGES_MAX}),
    count INTEGER NOT NULL CHECK (count >= 0),
    PRIMARY KEY (day, pack, mode, seconds, pages)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS events (
    day TEXT NOT NULL CHECK (day {_DAY}),
    pack TEXT NOT NULL CHECK ({_ids("pack")}),
    mode TEXT NOT NULL CHECK (mode {_MODE}),
    event TEXT NOT NULL CHECK (event {_EVENT}),
    item TEXT NOT NULL CHECK (item = '' OR {_ids("item")}),
    count INTEGER NOT NULL CHECK (count >= 0),
    PRIMARY KEY (day, pack, mode, event, item)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS feedback (
    day TEXT NOT NULL CHECK (day {_DAY}),
    pack TEXT NOT NULL CHECK ({_ids("pack")}),
    mode TEXT NOT NULL CHECK (mode {_MODE}),
    question TEXT NOT NULL CHECK ({_ids("question")}),
    answer TEXT NOT NULL CHECK ({_ids("answer")}),
    count INTEGER NOT NULL CHECK (count >= 0),
    PRIMARY KEY (day, pack, mode, question, answer)
) WITHOUT ROWID;
"""

# table -> key columns (the count column is the last one)
TABLES: dict[str, tuple[tuple[str, ...], str]] = {
    "page_hours": (("hour", "pack", "mode", "via", "page"), "shown"),
    "page_days": (("day", "pack", "mode", "via", "page"), "shown"),
    "sessions": (("day", "pack", "mode", "seconds", "pages"), "count"),
    "events": (("day", "pack", "mode", "event", "item"), "count"),
    "feedback": (("day", "pack", "mode", "question", "answer"), "count"),
}

Key = tuple[str, tuple[str | int, ...]]  # (table, key values)


def _check_id(value: str, what: str) -> str:
    if not _ID.fullmatch(value):  # re.match with "$" would let "id\n" through
        raise ValueError(f"{what} {value!r} is not an id (lower-case letters, digits and '-')")
    return value


def _check_in(value: str, allowed: tuple[str, ...], what: str) -> str:
    if value not in allowed:
        raise ValueError(f"{what} {value!r} must be one of {', '.join(allowed)}")
    return value


def round_visit(seconds: float, pages: int) -> tuple[int, int]:
    """A session's length rounded to the nearest 30 s (at most 15 min) and its page count (at most 20)."""
    rounded = int(round(max(0.0, seconds) / SESSION_STEP)) * SESSION_STEP
    return min(rounded, SESSION_MAX), max(0, min(int(pages), PAGES_MAX))


# --- the database, used by one thread -------------------------------------------------------------------------


class StatsDatabase:
    """The SQLite file: open (recovering a corrupt one), add counts, roll up, query, export. Not thread-safe:
    the kiosk uses it only from StatsStore's worker thread; `kiosk stats export` uses it directly."""

    def __init__(
        self,
        path: Path,
        max_bytes: int = limits.STATS_MAX_BYTES,
        readonly: bool = False,
    ) -> None:
        self.path = Path(path)
        self.max_bytes = max_bytes
        self.readonly = readonly
        self.conn = self._open()

    # --- opening and recovery -----------------------------------------------------------------------------

    def _connect(self) -> sqlite3.Connection:
        if self.readonly:
            return _connect_readonly(self.path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        if self.path.exists() and not self.path.is_file():  # a folder or FIFO: set aside like a damaged file
            raise sqlite3.DatabaseError("not a regular file")
        conn = sqlite3.connect(self.path, isolation_level=None, timeout=5)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")  # WAL + NORMAL: a power cut loses the last batch at most
        page_size = int(conn.execute("PRAGMA page_size").fetchone()[0])
        conn.execute(f"PRAGMA max_page_count={max(64, self.max_bytes // page_size)}")
        return conn

    def _open(self) -> sqlite3.Connection:
        try:
            conn = self._connect()
            result = conn.execute("PRAGMA quick_check").fetchone()[0]
            if result != "ok":
                conn.close()
                raise sqlite3.DatabaseError(f"quick_check: {result}")
            if not self.readonly:
                conn.executescript(SCHEMA)
                conn.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
            return conn
        except sqlite3.OperationalError:
            raise  # locked, read-only folder, disk full: not the file's fault, so it is not set aside
        except sqlite3.DatabaseError as error:
            if self.readonly:
                raise
            self._set_aside(error)
            conn = self._connect()
            conn.executescript(SCHEMA)
            conn.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
            return conn

    def _set_aside(self, error: Exception) -> None:
        """Move a damaged database (and its WAL) out of the way so a fresh one can start; nothing is deleted."""
        stamp = time.strftime("%Y%m%d-%H%M%S")
        target = self.path.with_name(f"{self.path.name}.corrupt-{stamp}")
        for suffix in ("", "-wal", "-shm"):
            source = Path(str(self.path) + suffix)
            if source.exists():
                source.replace(Path(str(target) + suffix))
        log.error(
            "statistics database %s is damaged (%s); set aside as %s, starting a fresh one", self.path, error, target
        )

    def recover(self, error: Exception) -> None:
        """After a DatabaseError while writing: set the file aside and start again."""
        try:
            self.conn.close()
        except sqlite3.Error:
            pass
        self._set_aside(error)
        self.conn = self._connect()
        self.conn.executescript(SCHEMA)

    def close(self) -> None:
        try:
            self.conn.close()
        except sqlite3.Error:  # pragma: no cover
            log.exception("closing the statistics database")

    # --- writing ------------------------------------------------------------------------------------------

    def add(self, counts: dict[Key, int]) -> None:
        """Add a batch of counts in one transaction."""
        if not counts:
            return
        with self.conn:
            self.conn.execute("BEGIN")
            for (table, key), n in counts.items():
                columns, value = TABLES[table]
                marks = ", ".join("?" * (len(columns) + 1))
                self.conn.execute(
                    f"INSERT INTO {table} ({', '.join(columns)}, {value}) VALUES ({marks}) "
                    f"ON CONFLICT DO UPDATE SET {value} = {value} + excluded.{value}",
                    (*key, n),
                )

    def maintain(
        self, now: datetime, hour_days: int = limits.STATS_HOUR_DAYS, keep_days: int = limits.STATS_KEEP_DAYS
    ) -> None:
        """Roll hours older than `hour_days` up into days; forget everything older than `keep_days`."""
        hour_cutoff = (now - timedelta(days=hour_days)).strftime("%Y-%m-%d 00")
        day_cutoff = (now - timedelta(days=keep_days)).strftime("%Y-%m-%d")
        with self.conn:
            self.conn.execute("BEGIN")
            self.conn.execute(
                "INSERT INTO page_days (day, pack, mode, via, page, shown) "
                "SELECT substr(hour, 1, 10), pack, mode, via, page, SUM(shown) FROM page_hours WHERE hour < ? "
                "GROUP BY substr(hour, 1, 10), pack, mode, via, page "
                "ON CONFLICT DO UPDATE SET shown = shown + excluded.shown",
                (hour_cutoff,),
            )
            self.conn.execute("DELETE FROM page_hours WHERE hour < ?", (hour_cutoff,))
            for table in ("page_days", "sessions", "events", "feedback"):
                self.conn.execute(f"DELETE FROM {table} WHERE day < ?", (day_cutoff,))

    # --- reading ------------------------------------------------------------------------------------------

    def _daily_pages(self, since: str) -> list[tuple[str, str, str, str, str, int]]:
        return self.conn.execute(
            "SELECT day, pack, mode, via, page, SUM(shown) FROM ("
            " SELECT substr(hour, 1, 10) AS day, pack, mode, via, page, shown FROM page_hours"
            " UNION ALL SELECT day, pack, mode, via, page, shown FROM page_days"
            ") WHERE day >= ? GROUP BY day, pack, mode, via, page ORDER BY day, pack, mode, via, page",
            (since,),
        ).fetchall()

    def summary(self, days: int, today: datetime) -> dict[str, Any]:
        """The last `days` days (today included) for the staff screen's charts."""
        first = (today - timedelta(days=days - 1)).date()
        labels = [(first + timedelta(days=n)).isoformat() for n in range(days)]
        since = labels[0]
        per_day: dict[str, dict[str, int]] = {d: {"loop": 0, "tap": 0, "sessions": 0, "answers": 0} for d in labels}
        for day, _pack, _mode, via, _page, shown in self._daily_pages(since):
            if day in per_day:
                per_day[day][via] += shown
        for day, n in self.conn.execute("SELECT day, SUM(count) FROM sessions WHERE day >= ? GROUP BY day", (since,)):
            if day in per_day:
                per_day[day]["sessions"] = n
        for day, n in self.conn.execute("SELECT day, SUM(count) FROM feedback WHERE day >= ? GROUP BY day", (since,)):
            if day in per_day:
                per_day[day]["answers"] = n
        feedback = [
            {"question": q, "answer": a, "count": n}
            for q, a, n in self.conn.execute(
                "SELECT question, answer, SUM(count) FROM feedback WHERE day >= ? GROUP BY question, answer "
                "ORDER BY question, answer",
                (since,),
            )
        ]
        events = dict(
            self.conn.execute("SELECT event, SUM(count) FROM events WHERE day >= ? GROUP BY event", (since,)).fetchall()
        )
        session_rows = self.conn.execute(
            "SELECT seconds, pages, count FROM sessions WHERE day >= ?", (since,)
        ).fetchall()
        sessions = sum(r[2] for r in session_rows)
        return {
            "days": [{"day": d, **per_day[d]} for d in labels],
            "feedback": feedback,
            "sessions": sessions,
            "averageSeconds": round(sum(r[0] * r[2] for r in session_rows) / sessions) if sessions else 0,
            "averagePages": round(sum(r[1] * r[2] for r in session_rows) / sessions, 1) if sessions else 0.0,
            "plansMade": int(events.get("plan-made", 0)),
            "helpOpened": int(events.get("help-opened", 0)),
            "shownLoop": sum(v["loop"] for v in per_day.values()),
            "shownTap": sum(v["tap"] for v in per_day.values()),
        }

    def rows(self, since: str = "0000-00-00") -> Iterable[tuple[str, str, str, str, str, str, int]]:
        """Every count per day as (date, pack, mode, measure, item, detail, count), for the CSV export; from the
        day `since` (YYYY-MM-DD) on, for the outbox's days not yet written."""
        for day, pack, mode, via, page, shown in self._daily_pages(since):
            yield day, pack, mode, f"page-shown-{via}", page, "", shown
        for day, pack, mode, seconds, pages, n in self.conn.execute(
            "SELECT day, pack, mode, seconds, pages, count FROM sessions WHERE day >= ? "
            "ORDER BY day, pack, mode, seconds, pages",
            (since,),
        ):
            yield day, pack, mode, "session", str(seconds), str(pages), n
        for day, pack, mode, event, item, n in self.conn.execute(
            "SELECT day, pack, mode, event, item, count FROM events WHERE day >= ? "
            "ORDER BY day, pack, mode, event, item",
            (since,),
        ):
            yield day, pack, mode, event, item, "", n
        for day, pack, mode, question, answer, n in self.conn.execute(
            "SELECT day, pack, mode, question, answer, count FROM feedback WHERE day >= ? "
            "ORDER BY day, pack, mode, question, answer",
            (since,),
        ):
            yield day, pack, mode, "feedback", question, answer, n


class StatsFileError(Exception):
    """A counts database that cannot be read as it is; the message names the file and says why."""


def _connect_readonly(path: Path) -> sqlite3.Connection:
    """A connection that can change nothing and creates nothing beside `path`.

    SQLite's `mode=ro` still creates the -wal and -shm files of a WAL database and leaves them behind, so they
    are only used when they exist already (a kiosk is running, or stopped mid-batch: the newest counts are in
    the -wal); otherwise the file is opened `immutable`, which touches nothing but the file itself.
    """
    uri = Path(os.path.abspath(path)).as_uri()
    wal, shm = Path(f"{path}-wal"), Path(f"{path}-shm")
    if wal.is_file() and shm.is_file():
        return sqlite3.connect(f"{uri}?mode=ro", uri=True, isolation_level=None, timeout=5)
    if wal.exists():
        log.warning("%s has no -shm file; its last unsaved counts (in %s) are not exported", path, wal)
    return sqlite3.connect(f"{uri}?immutable=1", uri=True, isolation_level=None, timeout=5)


def open_for_export(path: Path) -> StatsDatabase:
    """The counts database opened read-only for `kiosk stats export`; StatsFileError when it is not a regular file,
    is damaged, is not a kiosk's counts or was written by a newer kiosk. The file is never changed or set aside."""
    path = Path(path)
    try:
        info = os.stat(path)
    except OSError as error:
        raise StatsFileError(f"{path}: cannot be opened: {error.strerror}") from None
    if not stat.S_ISREG(info.st_mode):
        raise StatsFileError(f"{path}: is not a regular file")
    try:
        db = StatsDatabase(path, readonly=True)
    except sqlite3.DatabaseError as error:
        raise StatsFileError(f"{path}: is damaged or not a counts database ({error}); it is left as it is") from None
    try:
        version = int(db.conn.execute("PRAGMA user_version").fetchone()[0])
        tables = {row[0] for row in db.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    except sqlite3.DatabaseError as error:
        db.close()
        raise StatsFileError(f"{path}: is damaged ({error}); it is left as it is") from None
    if version > SCHEMA_VERSION:
        db.close()
        raise StatsFileError(
            f"{path}: was written by a newer kiosk (counts format {version}; this one reads {SCHEMA_VERSION}); "
            "export with that kiosk"
        )
    if not set(TABLES) <= tables:
        db.close()
        missing = ", ".join(sorted(set(TABLES) - tables))
        raise StatsFileError(f"{path}: is not a kiosk's counts database (no table {missing})")
    return db


CSV_HEADER = ("date", "pack", "mode", "measure", "item", "detail", "count")


def write_csv(db: StatsDatabase, out: TextIO) -> int:
    """The export for the safeguarding lead: one row per day and thing counted. Returns the number of rows.

    measure: page-shown-loop / page-shown-tap (item = page id), session (item = length in seconds rounded to
    30, detail = pages visited), plan-made, plan-option (item = option id), help-opened (item = page id),
    feedback-offered, feedback (item = question id, detail = answer id).
    """
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    n = 0
    for row in db.rows():
        writer.writerow(row)
        n += 1
    return n


# --- the store: a worker thread that owns the database ---------------------------------------------------------


@dataclass
class _Call:
    fn: Callable[[StatsDatabase], Any]
    future: Future[Any]


_STOP = object()


class StatsStore:
    """Counting from the UI thread without touching the disk there: every `count_*` is one `queue.put`."""

    def __init__(
        self,
        path: Path,
        wall: Callable[[], datetime] = datetime.now,
        flush_seconds: float = 30.0,
        flush_events: int = 200,
        hour_days: int = limits.STATS_HOUR_DAYS,
        keep_days: int = limits.STATS_KEEP_DAYS,
        max_bytes: int = limits.STATS_MAX_BYTES,
    ) -> None:
        self.path = Path(path)
        self.wall = wall
        self.flush_seconds = flush_seconds
        self.flush_events = flush_events
        self.hour_days = hour_days
        self.keep_days = keep_days
        self.max_bytes = max_bytes
        self._queue: queue.SimpleQueue[Any] = queue.SimpleQueue()
        self._thread = threading.Thread(target=self._run, name="kiosk-stats", daemon=True)
        self._started = False
        self.dropped = 0  # counts lost to errors (full disk, unusable folder), for the log and tests

    def start(self) -> StatsStore:
        if not self._started:
            self._started = True
            self._thread.start()
        return self

    # --- counting (any thread; cheap) ---------------------------------------------------------------------

    def _hour(self) -> str:
        return self.wall().strftime("%Y-%m-%d %H")

    def _day(self) -> str:
        return self.wall().strftime("%Y-%m-%d")

    def _put(self, table: str, key: tuple[str | int, ...]) -> None:
        self._queue.put((table, key))

    def count_page(self, pack: str, mode: str, via: str, page: str) -> None:
        key = (self._hour(), _check_id(pack, "pack"), _check_in(mode, RUN_MODES, "mode"), _check_in(via, VIA, "via"))
        self._put("page_hours", (*key, _check_id(page, "page")))

    def count_visit(self, pack: str, mode: str, seconds: float, pages: int) -> None:
        """One visit ended: its rounded length and pages (the `sessions` table keeps its published name)."""
        rounded, visited = round_visit(seconds, pages)
        self._put(
            "sessions", (self._day(), _check_id(pack, "pack"), _check_in(mode, RUN_MODES, "mode"), rounded, visited)
        )

    def count_event(self, pack: str, mode: str, event: str, item: str = "") -> None:
        if item:
            _check_id(item, "item")
        key = (self._day(), _check_id(pack, "pack"), _check_in(mode, RUN_MODES, "mode"))
        self._put("events", (*key, _check_in(event, EVENTS, "event"), item))

    def count_feedback(self, pack: str, mode: str, question: str, answer: str) -> None:
        key = (self._day(), _check_id(pack, "pack"), _check_in(mode, RUN_MODES, "mode"))
        self._put("feedback", (*key, _check_id(question, "question"), _check_id(answer, "answer")))

    # --- requests that wait for the worker ----------------------------------------------------------------

    def call(self, fn: Callable[[StatsDatabase], Any], timeout: float = 5.0) -> Any:
        """Run `fn(db)` on the worker after writing what is pending; for the staff screen and tests."""
        return self.submit(fn).result(timeout=timeout)

    def submit(self, fn: Callable[[StatsDatabase], Any]) -> Future[Any]:
        """Run `fn(db)` on the worker after writing what is pending, without waiting (the outbox's daily write:
        the GUI thread never waits on a share). The future fails when the database cannot be opened."""
        future: Future[Any] = Future()
        self._queue.put(_Call(fn, future))
        return future

    def flush(self, timeout: float = 5.0) -> None:
        self.call(lambda db: None, timeout)

    def summary(self, days: int, timeout: float = 2.0) -> dict[str, Any]:
        now = self.wall()
        result: dict[str, Any] = self.call(lambda db: db.summary(days, now), timeout)
        return result

    def close(self, timeout: float = 5.0) -> None:
        """Write what is pending and stop the worker (started now if it never was: counts may be queued)."""
        self.start()
        if self._thread.is_alive():
            self._queue.put(_STOP)
            self._thread.join(timeout)

    # --- the worker -----------------------------------------------------------------------------------------

    def _run(self) -> None:
        db = self._open()  # at start-up, so a damaged file is set aside (and logged) before the first count
        pending: dict[Key, int] = {}
        pending_since: float | None = None
        last_maintenance = 0.0
        while True:
            timeout = None if pending_since is None else max(0.0, pending_since + self.flush_seconds - time.monotonic())
            try:
                item = self._queue.get(timeout=timeout)
            except queue.Empty:
                item = None
            if isinstance(item, tuple):
                pending[item] = pending.get(item, 0) + 1
                pending_since = pending_since or time.monotonic()
                if sum(pending.values()) < self.flush_events:
                    continue
            if pending or isinstance(item, _Call) or item is _STOP:
                if db is None:
                    db = self._open()
                if db is not None and pending:
                    self._write(db, pending)
                pending, pending_since = {}, None
                if db is not None and time.monotonic() - last_maintenance > 3600:
                    last_maintenance = time.monotonic()
                    self._maintain(db)
            if isinstance(item, _Call):
                try:
                    if db is None:
                        raise RuntimeError("the statistics database cannot be opened")
                    item.future.set_result(item.fn(db))
                except Exception as error:  # the caller gets it
                    item.future.set_exception(error)
            elif item is _STOP:
                if db is not None:
                    db.close()
                return

    def _open(self) -> StatsDatabase | None:
        try:
            return StatsDatabase(self.path, self.max_bytes)
        except (sqlite3.Error, OSError) as error:
            log.error("statistics database %s cannot be opened (%s); counts are dropped", self.path, error)
            return None

    def _write(self, db: StatsDatabase, pending: dict[Key, int]) -> None:
        try:
            db.add(pending)
        except sqlite3.OperationalError as error:  # disk full, size bound reached, locked: drop, keep running
            self.dropped += sum(pending.values())
            log.error("statistics: %d count(s) dropped: %s", sum(pending.values()), error)
        except sqlite3.DatabaseError as error:  # the file itself is damaged
            self.dropped += sum(pending.values())
            log.error("statistics: write failed (%s)", error)
            try:
                db.recover(error)
            except sqlite3.Error as again:
                log.error("statistics: a fresh database could not be started either (%s)", again)

    def _maintain(self, db: StatsDatabase) -> None:
        try:
            db.maintain(self.wall(), self.hour_days, self.keep_days)
        except sqlite3.Error as error:
            log.error("statistics: roll-up failed (%s)", error)
