"""The outbox: this kiosk's anonymous daily counts, dropped as files into a folder `kiosk report` merges.

Where the machine policy names an outbox (`[stats] outbox`, and USB sticks' `campaign-kiosk/` folders while
inserted when `[stats] usb_outbox` allows), the kiosk writes one file per day into `<outbox>/<label>/`
(kiosk.core.outbox_format): once a day, at a clean exit and when staff ask. Only the rows `kiosk stats export`
writes go there: ids, fixed words and numbers, per day.

Nothing is lost while a share is offline: the counts stay in the database, and a small state file in the data
folder remembers, per outbox folder, the last day written after it ended (`done_through`). Every day after it
is written again at the next try, so a day first written at noon is completed the next morning, and a week the
share was away is caught up when it is back. The outbox folder itself is never created (an unmounted share's
mount point must not fill the local disk); only the kiosk's own `<label>/` folder inside it.

Only the outbox folder setting comes from the policy, not settings.toml: where counts leave the machine is the
administrator's decision (the policy only an administrator can write), not the staff screen's.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
import secrets
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Protocol

from kiosk.core import limits
from kiosk.core.files import FileProblem, atomic_write, read_text
from kiosk.core.outbox_format import LABEL, DayFileError, from_export_rows, written_stamp

log = logging.getLogger(__name__)

STATE_NAME = "outbox-state.json"
ID_NAME = "kiosk-id"
STATE_FORMAT = 1
_MADE_ID = re.compile(r"^kiosk-[0-9a-f]{6}$")

ExportRow = tuple[str, str, str, str, str, str, int]


class DayRows(Protocol):
    """What the outbox needs of the counts database (kiosk.core.stats.StatsDatabase)."""

    def rows(self, since: str = ...) -> Iterable[ExportRow]: ...


# --- the kiosk's label ----------------------------------------------------------------------------------------


def kiosk_label(policy_label: str | None, data_dir: Path) -> str:
    """The policy's `[kiosk] label`, else the id made once for this kiosk (`kiosk-id` in the data folder).

    A missing or spoiled id file gets a new id (logged): the kiosk then appears under a new name, which a
    report shows as another kiosk rather than mixing two kiosks' days."""
    if policy_label:
        return policy_label
    path = data_dir / ID_NAME
    try:
        made = read_text(path, 256).strip()
        if _MADE_ID.fullmatch(made):
            return made
        log.error("outbox: %s does not hold a kiosk id (%r); making a new one", path, made[:40])
    except FileNotFoundError:
        pass
    except FileProblem as problem:
        log.error("outbox: %s; making a new kiosk id", problem)
    made = f"kiosk-{secrets.token_hex(3)}"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, made + "\n")
        log.info("outbox: this kiosk's id is %s (set [kiosk] label in the policy to name it)", made)
    except OSError as error:
        log.error("outbox: the kiosk id %s could not be kept in %s (%s)", made, path, error)
    return made


def outbox_folders(
    outbox: Path | None, usb_outbox: bool, find_usb: Callable[[], list[Path]] | None = None
) -> Callable[[], list[Path]]:
    """The folders to write to now: the policy's outbox, and USB sticks' campaign-kiosk/ folders when allowed."""

    def folders() -> list[Path]:
        found = [outbox] if outbox is not None else []
        if usb_outbox:
            if find_usb is None:
                from kiosk.core.sources import usb_roots

                found += usb_roots()
            else:
                found += find_usb()
        return found

    return folders


# --- the state file -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FolderState:
    """One outbox folder: the last day written after it ended, the last good write, the last error."""

    done_through: dt.date | None = None
    last_written: str | None = None  # the local hour, as in the files
    last_error: str | None = None
    failures: int = 0  # tries in a row that failed: the retry backs off with them


@dataclass
class OutboxState:
    folders: dict[str, FolderState] = field(default_factory=dict)

    def to_json(self) -> str:
        data: dict[str, Any] = {"format": STATE_FORMAT, "folders": {}}
        for key, st in sorted(self.folders.items()):
            data["folders"][key] = {
                "done_through": st.done_through.isoformat() if st.done_through else None,
                "last_written": st.last_written,
                "last_error": st.last_error,
                "failures": st.failures,
            }
        return json.dumps(data, indent=1, ensure_ascii=False) + "\n"

    @classmethod
    def load(cls, path: Path) -> OutboxState:
        """The remembered state; empty (every day in reach written again, which replaces, never doubles) when
        the file is missing or spoiled."""
        try:
            data = json.loads(read_text(path, limits.SETTINGS_FILE_MAX_BYTES))
            state = cls()
            for key, raw in data["folders"].items():
                done = raw.get("done_through")
                state.folders[str(key)] = FolderState(
                    done_through=dt.date.fromisoformat(done) if done else None,
                    last_written=raw.get("last_written") if isinstance(raw.get("last_written"), str) else None,
                    last_error=raw.get("last_error") if isinstance(raw.get("last_error"), str) else None,
                    failures=max(0, int(raw.get("failures") or 0)),
                )
            return state
        except FileNotFoundError:
            return cls()
        except (OSError, ValueError, TypeError, KeyError, AttributeError) as error:
            log.error("outbox: %s cannot be read (%s); the days in reach are written again", path, error)
            return cls()


# --- writing --------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FolderStatus:
    folder: str
    present: bool
    last_written: str | None
    last_error: str | None


@dataclass(frozen=True)
class OutboxStatus:
    """What the staff screen shows: every outbox folder, when this kiosk last wrote there and the last error."""

    label: str
    folders: tuple[FolderStatus, ...]

    @property
    def last_written(self) -> str | None:
        return max((f.last_written for f in self.folders if f.last_written), default=None)

    @property
    def last_error(self) -> str | None:
        return next((f.last_error for f in self.folders if f.last_error), None)


class Outbox:
    """Writes the days each outbox folder has not had yet. Plain Python: the caller runs `write` on the
    statistics worker thread (kiosk.ui.stats_bridge) and arms one single-shot timer for `due_in`."""

    def __init__(
        self,
        folders: Callable[[], Sequence[Path]],
        label: str,
        state_path: Path,
        wall: Callable[[], dt.datetime] = dt.datetime.now,
        days_back: int = limits.OUTBOX_DAYS_BACK,
        retry: Sequence[float] = limits.OUTBOX_RETRY_SECONDS,
    ) -> None:
        if not LABEL.fullmatch(label):
            raise ValueError(f"{label!r} cannot name a kiosk's outbox folder")
        self.folders = folders
        self.label = label
        self.state_path = Path(state_path)
        self.wall = wall
        self.days_back = days_back
        self.retry = tuple(retry)
        self.state = OutboxState.load(self.state_path)

    def _first_day(self, key: str, today: dt.date) -> dt.date:
        earliest = today - dt.timedelta(days=self.days_back)
        st = self.state.folders.get(key)
        if st is None or st.done_through is None:
            return earliest
        return max(earliest, st.done_through + dt.timedelta(days=1))

    def needs_write(self, folder: Path, today: dt.date) -> bool:
        """A folder never written, behind by a finished day, or whose last try failed."""
        st = self.state.folders.get(str(folder))
        return st is None or st.failures > 0 or st.done_through is None or st.done_through < today - dt.timedelta(1)

    def write(self, db: DayRows, only_needed: bool = False) -> OutboxStatus:
        """Write every day each present folder has not had (today's counts so far included). `only_needed`:
        skip folders that are up to date (a look for a newly inserted USB stick)."""
        now = self.wall()
        today = now.date()
        stamp = written_stamp(now)
        folders = list(dict.fromkeys(self.folders()))
        targets = [f for f in folders if not only_needed or self.needs_write(f, today)]
        if targets:
            since = min(self._first_day(str(f), today) for f in targets)
            by_day: dict[dt.date, list[ExportRow]] = {}
            for row in db.rows(since.isoformat()):
                by_day.setdefault(dt.date.fromisoformat(row[0]), []).append(row)
            for folder in targets:
                self._write_folder(folder, by_day, today, stamp)
            self._save()
        return self.status()

    def _write_folder(self, folder: Path, by_day: dict[dt.date, list[ExportRow]], today: dt.date, stamp: str) -> None:
        key = str(folder)
        st = self.state.folders.get(key, FolderState())
        first = self._first_day(key, today)
        days = sorted(d for d in by_day if first <= d <= today)
        written = 0
        try:
            if not folder.is_dir():
                raise FileProblem(f"{folder}: is not reachable (a share offline or a folder missing)")
            mine = folder / self.label
            mine.mkdir(exist_ok=True)
            for day in days:
                counts = from_export_rows(self.label, day, stamp, by_day[day])
                atomic_write(mine / counts.file_name(), counts.to_json())
                written += 1
        except (OSError, DayFileError) as error:
            failed_day = days[written] if written < len(days) else today
            reason = str(error) if isinstance(error, FileProblem) else f"{folder}: {_reason(error)}"
            self.state.folders[key] = replace(
                st,
                done_through=failed_day - dt.timedelta(days=1) if written else st.done_through,
                last_error=reason,
                failures=st.failures + 1,
            )
            log.warning("outbox: %d of %d day(s) written; %s (tried again later)", written, len(days), reason)
            return
        self.state.folders[key] = FolderState(
            done_through=today - dt.timedelta(days=1), last_written=stamp, last_error=None, failures=0
        )
        log.info("outbox: %d day(s) of counts written to %s", written, folder / self.label)

    def _save(self) -> None:
        try:
            self.state_path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(self.state_path, self.state.to_json())
        except OSError as error:  # the days are written again next time: replaced, never doubled
            log.error("outbox: the state file %s could not be written (%s)", self.state_path, error)

    def status(self) -> OutboxStatus:
        present = [str(f) for f in self.folders()]  # in the policy's order: the share first, then sticks
        keys = list(dict.fromkeys([*present, *self.state.folders]))
        shown = []
        for key in keys:
            st = self.state.folders.get(key, FolderState())
            if key not in present and not st.last_written:
                continue
            shown.append(FolderStatus(key, key in present, st.last_written, st.last_error if key in present else None))
        return OutboxStatus(self.label, tuple(shown))

    def due_in(self) -> float:
        """Seconds until the next write: a retry (backing off) after a failure, else just after midnight, when
        the day that ended is complete."""
        now = self.wall()
        failures = max((self.state.folders.get(str(f), FolderState()).failures for f in self.folders()), default=0)
        tomorrow = dt.datetime.combine(now.date() + dt.timedelta(days=1), dt.time()) + dt.timedelta(
            seconds=limits.OUTBOX_DAY_END_SECONDS
        )
        day_end = max(1.0, (tomorrow - now).total_seconds())
        if failures and self.retry:
            return min(day_end, self.retry[min(failures, len(self.retry)) - 1])
        return day_end


def _reason(error: Exception) -> str:
    if isinstance(error, OSError) and error.strerror:
        return f"{error.strerror}" + (f" ({error.filename})" if error.filename else "")
    return str(error)
