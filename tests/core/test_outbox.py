"""The outbox: every day reaches the share once it is reachable, a day written again replaces its file, a failed
write leaves no half file, and a share removed and restored loses nothing."""

from __future__ import annotations

import datetime as dt
import errno
import shutil
from pathlib import Path

import pytest

from kiosk.core import limits
from kiosk.core.outbox import ID_NAME, Outbox, OutboxState, kiosk_label, outbox_folders
from kiosk.core.outbox_format import parse_day_file
from kiosk.core.stats import StatsDatabase


class Wall:
    """A local wall clock the test moves by hand."""

    def __init__(self, start: dt.datetime) -> None:
        self.now = start

    def __call__(self) -> dt.datetime:
        return self.now

    def advance(self, **kw: float) -> None:
        self.now += dt.timedelta(**kw)


@pytest.fixture
def db(tmp_path: Path) -> StatsDatabase:
    database = StatsDatabase(tmp_path / "data" / "stats.db")
    yield database
    database.close()


def taps(db: StatsDatabase, day: dt.date, n: int, page: str = "tips") -> None:
    db.add({("page_hours", (f"{day.isoformat()} 10", "cumbria", "foyer", "tap", page)): n})


def tap_counts(folder: Path) -> dict[str, int]:
    """Per day file in a kiosk's outbox folder, its page-shown-tap total (as a report would add them)."""
    out: dict[str, int] = {}
    for path in sorted(folder.glob("*.json")):
        counts = parse_day_file(path)
        out[counts.day.isoformat()] = sum(r.count for r in counts.rows if r.measure == "page-shown-tap")
    return out


def make(tmp_path: Path, share: Path, wall: Wall, **kw: object) -> Outbox:
    return Outbox(lambda: [share], "st-bees-foyer", tmp_path / "data" / "outbox-state.json", wall, **kw)  # type: ignore[arg-type]


def test_writes_today_and_earlier_days_then_replaces_a_day_written_again(tmp_path: Path, db: StatsDatabase) -> None:
    share = tmp_path / "share"
    share.mkdir()
    wall = Wall(dt.datetime(2026, 12, 1, 16, 5, 30))
    taps(db, dt.date(2026, 11, 30), 7)
    taps(db, dt.date(2026, 12, 1), 3)
    box = make(tmp_path, share, wall)
    status = box.write(db)
    mine = share / "st-bees-foyer"
    assert tap_counts(mine) == {"2026-11-30": 7, "2026-12-01": 3}
    assert parse_day_file(mine / "2026-12-01.json").written == "2026-12-01T16"
    assert status.last_written == "2026-12-01T16" and status.last_error is None
    # later the same day: today's file is replaced (not a second file, not doubled); yesterday is done
    taps(db, dt.date(2026, 12, 1), 2)
    wall.advance(hours=2)
    box.write(db)
    assert tap_counts(mine) == {"2026-11-30": 7, "2026-12-01": 5}
    assert sorted(p.name for p in mine.iterdir()) == ["2026-11-30.json", "2026-12-01.json"]  # no temporary files
    assert parse_day_file(mine / "2026-12-01.json").written == "2026-12-01T18"
    # the day's last counts reach the share after midnight
    taps(db, dt.date(2026, 12, 1), 1)
    wall.now = dt.datetime(2026, 12, 2, 0, 5)
    box.write(db)
    assert tap_counts(mine) == {"2026-11-30": 7, "2026-12-01": 6}
    assert box.state.folders[str(share)].done_through == dt.date(2026, 12, 1)


def test_a_share_removed_and_restored_loses_nothing(tmp_path: Path, db: StatsDatabase) -> None:
    share = tmp_path / "share"
    share.mkdir()
    away = tmp_path / "server"
    wall = Wall(dt.datetime(2026, 12, 1, 0, 5))
    box = make(tmp_path, share, wall)
    expected: dict[str, int] = {}
    for n in range(10):  # ten days; the share is away on days 3 to 6 (and the kiosk restarts on day 5)
        day = wall.now.date()
        taps(db, day, n + 1)
        expected[day.isoformat()] = n + 1
        if n == 3:
            share.rename(away)  # unmounted: the files already there stay on the server
        if n == 7:
            away.rename(share)
        if n == 5:
            box = make(tmp_path, share, wall)  # a restart: what is owed is read back from the state file
        status = box.write(db)
        if 3 <= n <= 6:
            assert status.last_error is not None and "not reachable" in status.last_error
            assert not share.exists()  # the outbox folder itself is never made (an unmounted share's mount point)
            assert box.due_in() == limits.OUTBOX_RETRY_SECONDS[min(n - 3, len(limits.OUTBOX_RETRY_SECONDS) - 1)]
        else:
            assert status.last_error is None
        wall.advance(days=1)
    assert tap_counts(share / "st-bees-foyer") == expected


def test_days_back_bounds_a_first_write(tmp_path: Path, db: StatsDatabase) -> None:
    share = tmp_path / "share"
    share.mkdir()
    wall = Wall(dt.datetime(2026, 12, 1, 12, 0))
    taps(db, dt.date(2026, 11, 1), 1)
    taps(db, dt.date(2026, 11, 25), 1)
    make(tmp_path, share, wall, days_back=7).write(db)
    assert list(tap_counts(share / "st-bees-foyer")) == ["2026-11-25"]


@pytest.mark.parametrize("how", ["under-a-file", "full-disk", "vanished"])
def test_a_failed_write_leaves_no_half_file_and_is_retried(
    tmp_path: Path, db: StatsDatabase, monkeypatch: pytest.MonkeyPatch, how: str
) -> None:
    share = tmp_path / "share"
    share.mkdir()
    wall = Wall(dt.datetime(2026, 12, 1, 12, 0))
    taps(db, dt.date(2026, 12, 1), 4)
    box = make(tmp_path, share, wall)
    mine = share / "st-bees-foyer"
    if how == "under-a-file":
        mine.write_text("someone's file")  # the kiosk's folder name is taken by a regular file
    else:
        import kiosk.core.files as files

        def failing(fd: int) -> None:
            if how == "vanished":
                shutil.rmtree(mine)
                raise FileNotFoundError(errno.ENOENT, "No such file or directory")
            raise OSError(errno.ENOSPC, "No space left on device")

        monkeypatch.setattr(files.os, "fsync", failing)
    status = box.write(db)
    assert status.last_error is not None
    if how == "full-disk":
        assert "No space left" in status.last_error
        assert list(mine.iterdir()) == []  # the temporary file went; no half day file
    elif how == "vanished":
        assert not mine.exists()
    else:
        assert mine.read_text() == "someone's file"
    assert box.due_in() == limits.OUTBOX_RETRY_SECONDS[0]
    monkeypatch.undo()
    if how == "under-a-file":
        mine.unlink()
    wall.advance(seconds=box.due_in())
    status = box.write(db)
    assert status.last_error is None
    assert tap_counts(mine) == {"2026-12-01": 4}


def test_dev_full_is_a_failed_write_not_a_half_file(tmp_path: Path, db: StatsDatabase, monkeypatch) -> None:
    """A real ENOSPC from the kernel: the temporary file is written on /dev/full."""
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full")
    import kiosk.core.files as files

    share = tmp_path / "share"
    (share / "st-bees-foyer").mkdir(parents=True)
    real_mkstemp = files.tempfile.mkstemp

    def on_dev_full(prefix: str, suffix: str, dir: Path) -> tuple[int, str]:  # noqa: A002
        fd, name = real_mkstemp(prefix=prefix, suffix=suffix, dir=dir)
        full = files.os.open("/dev/full", files.os.O_WRONLY)
        files.os.dup2(full, fd)
        files.os.close(full)
        return fd, name

    monkeypatch.setattr(files.tempfile, "mkstemp", on_dev_full)
    taps(db, dt.date(2026, 12, 1), 4)
    status = make(tmp_path, share, Wall(dt.datetime(2026, 12, 1, 12, 0))).write(db)
    assert status.last_error is not None and "No space left" in status.last_error
    assert list((share / "st-bees-foyer").iterdir()) == []


def test_due_after_midnight_and_backing_off(tmp_path: Path, db: StatsDatabase) -> None:
    share = tmp_path / "share"
    wall = Wall(dt.datetime(2026, 12, 1, 23, 0))
    box = make(tmp_path, share, wall)
    assert box.due_in() == 3600 + limits.OUTBOX_DAY_END_SECONDS
    delays = []
    for _ in range(6):
        box.write(db)  # no share: each try fails
        delays.append(box.due_in())
    assert delays == [60.0, 300.0, 900.0, 3600.0, 3600.0, 3600.0]  # backing off, never past the day end
    wall.now = dt.datetime(2026, 12, 2, 9, 0)
    assert box.due_in() == 3600.0  # the longest step: never busy, never silent for long


def test_only_needed_skips_folders_that_are_up_to_date(tmp_path: Path, db: StatsDatabase) -> None:
    share, stick = tmp_path / "share", tmp_path / "stick" / "campaign-kiosk"
    share.mkdir()
    wall = Wall(dt.datetime(2026, 12, 1, 12, 0))
    inserted: list[Path] = []
    box = Outbox(outbox_folders(share, True, lambda: list(inserted)), "st-bees-foyer", tmp_path / "state.json", wall)
    taps(db, dt.date(2026, 12, 1), 2)
    box.write(db)
    before = (share / "st-bees-foyer" / "2026-12-01.json").stat().st_mtime_ns
    stick.mkdir(parents=True)
    inserted.append(stick)
    taps(db, dt.date(2026, 12, 1), 1)
    status = box.write(db, only_needed=True)  # a look for a new stick: the share is not rewritten
    assert tap_counts(stick / "st-bees-foyer") == {"2026-12-01": 3}
    assert (share / "st-bees-foyer" / "2026-12-01.json").stat().st_mtime_ns == before
    assert [f.folder for f in status.folders] == [str(share), str(stick)]
    inserted.clear()  # the stick is taken away: it is shown as gone, with its last write
    status = box.status()
    assert [(f.folder, f.present) for f in status.folders] == [(str(share), True), (str(stick), False)]


def test_policy_label_else_an_id_made_once(tmp_path: Path) -> None:
    assert kiosk_label("st-bees-foyer", tmp_path) == "st-bees-foyer"
    assert not (tmp_path / ID_NAME).exists()
    made = kiosk_label(None, tmp_path)
    assert made.startswith("kiosk-") and len(made) == 12
    assert kiosk_label(None, tmp_path) == made  # kept
    (tmp_path / ID_NAME).write_text("../../etc\n")
    again = kiosk_label(None, tmp_path)
    assert again != made and again.startswith("kiosk-")


def test_a_spoiled_state_file_means_writing_again_not_losing(tmp_path: Path, db: StatsDatabase) -> None:
    share = tmp_path / "share"
    share.mkdir()
    state = tmp_path / "data" / "outbox-state.json"
    state.parent.mkdir(parents=True, exist_ok=True)
    state.write_text("{not json")
    assert OutboxState.load(state).folders == {}
    taps(db, dt.date(2026, 11, 30), 2)
    make(tmp_path, share, Wall(dt.datetime(2026, 12, 1, 9, 0))).write(db)
    assert tap_counts(share / "st-bees-foyer") == {"2026-11-30": 2}
    assert str(share) in OutboxState.load(state).folders


def test_nothing_personal_reaches_the_share(tmp_path: Path, db: StatsDatabase) -> None:
    """Only the export's fields: ids, fixed words and numbers, per day."""
    share = tmp_path / "share"
    share.mkdir()
    db.add({("feedback", ("2026-12-01", "cumbria", "foyer", "useful", "yes")): 3})
    db.add({("sessions", ("2026-12-01", "cumbria", "foyer", 90, 4)): 1})
    make(tmp_path, share, Wall(dt.datetime(2026, 12, 1, 9, 0))).write(db)
    counts = parse_day_file(share / "st-bees-foyer" / "2026-12-01.json")
    assert {(r.measure, r.item, r.detail, r.count) for r in counts.rows} == {
        ("feedback", "useful", "yes", 3),
        ("session", "90", "4", 1),
    }
