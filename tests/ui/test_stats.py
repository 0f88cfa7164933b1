"""Anonymous reach counts: what a scripted visit writes, power cuts, corrupt files, the CSV, and nothing else."""

from __future__ import annotations

import csv
import logging
import os
import re
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from kiosk import cli
from kiosk.core import paths, stats
from kiosk.core.pack import DEFAULT_FEEDBACK, load, validate
from kiosk.core.stats import DB_NAME, StatsDatabase, StatsStore
from kiosk.ui.render import settle
from kiosk.ui.scene import Scene

from ..conftest import MINIMAL, ROOT
from ..qml_helpers import centre, find, find_all
from .test_gui import key

NOON = datetime(2026, 11, 25, 12, 30)


class Wall:
    """The wall clock for hour and day buckets, moved by hand."""

    def __init__(self, now: datetime = NOON) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def rows(db: Path, sql: str) -> list[tuple]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


@pytest.fixture
def store(tmp_path: Path) -> Iterator[StatsStore]:
    s = StatsStore(tmp_path / DB_NAME, wall=Wall(), flush_seconds=3600).start()
    yield s
    s.close()


@pytest.fixture
def stats_kiosk(make_kiosk, store) -> Callable[..., Scene]:
    """The minimal pack's kiosk, counting into `store`."""
    return lambda size=(1920, 1080), **kw: make_kiosk(MINIMAL, size, stats_store=store, **kw)


def tap(s: Scene, name: str) -> None:
    s.window.grabWindow()  # a rendered frame places a Row's children, as on a real screen before a finger lands
    QTest.mouseClick(
        s.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, centre(find(s.window, name)).toPoint()
    )
    settle(s.window)


def wake(s: Scene) -> None:
    QTest.mouseClick(s.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(300, 300))
    settle(s.window)


def due(s: Scene) -> None:
    s.controller.engine.update()
    settle(s.window)


# --- a scripted visit ---------------------------------------------------------------------------------------------


def test_a_scripted_visit_is_counted(stats_kiosk, clock, store, tmp_path: Path) -> None:
    s = stats_kiosk()
    c = s.controller
    clock.advance(5)  # the loop turns once by itself: poster -> story
    due(s)
    wake(s)  # the visit starts on the story page
    tap(s, "nextButton")  # story panel 2
    tap(s, "nextButton")  # the info page
    tap(s, "nextButton")  # the tips page
    c.goToKind("plan")
    settle(s.window)
    tap(s, "option-block")
    tap(s, "option-say-no")
    clock.advance(25)
    tap(s, "helpButton")  # the help page
    clock.advance(20)
    due(s)  # idle warning (the fixture's idle timeout is 30 s)
    clock.advance(10)
    due(s)  # back to the loop: the visit is over after 55 s on the visit's own clock
    assert c.attract
    store.flush()
    db = tmp_path / DB_NAME
    pages = {(r[0], r[1]): r[2] for r in rows(db, "SELECT via, page, shown FROM page_hours")}
    assert pages == {
        ("loop", "poster"): 2,  # at start, and again after the idle return
        ("loop", "story"): 1,
        ("tap", "what-is"): 1,
        ("tap", "tips"): 1,
        ("tap", "plan"): 1,
        ("tap", "help"): 1,
    }
    assert {r[0] for r in rows(db, "SELECT hour FROM page_hours")} == {"2026-11-25 12"}
    assert rows(db, "SELECT day, pack, mode, seconds, pages, count FROM sessions") == [
        ("2026-11-25", "minimal", "foyer", 60, 5, 1)  # 60 s rounded from 55; story, info, tips, plan, help
    ]
    events = set(rows(db, "SELECT event, item, count FROM events"))
    assert {("plan-made", "", 1), ("plan-option", "block", 1), ("plan-option", "say-no", 1)} <= events
    assert ("help-opened", "help", 1) in events
    assert rows(db, "SELECT * FROM feedback") == []


def test_a_plan_cleared_before_the_end_is_not_a_plan(stats_kiosk, clock, store, tmp_path: Path) -> None:
    s = stats_kiosk()
    c = s.controller
    c.goToKind("plan")
    c.togglePlan("block")
    c.clearPlan()
    clock.advance(30)
    due(s)
    store.flush()
    assert rows(tmp_path / DB_NAME, "SELECT * FROM events WHERE event LIKE 'plan%'") == []


def test_the_staff_switch_and_no_stats_count_nothing(stats_kiosk, clock, store, tmp_path: Path) -> None:
    s = stats_kiosk()
    store.flush()
    before = rows(tmp_path / DB_NAME, "SELECT SUM(shown) FROM page_hours")
    s.admin.show()
    s.admin.choosePin("2468", "2468")
    s.admin.setChoice("statsEnabled", False)
    s.controller.touch()
    s.controller.next()
    s.controller.goToKind("plan")
    s.controller.togglePlan("block")
    clock.advance(30)
    due(s)
    store.flush()
    assert rows(tmp_path / DB_NAME, "SELECT SUM(shown) FROM page_hours") == before
    assert rows(tmp_path / DB_NAME, "SELECT COUNT(*) FROM sessions") == [(0,)]
    args = cli.build_parser().parse_args(["--no-stats"])
    from kiosk.ui.run import open_stats

    assert open_stats(args) is None
    assert not (paths.data_dir() / DB_NAME).exists()


# --- the feedback row ---------------------------------------------------------------------------------------------


def _visit_then_home(s: Scene, clock) -> None:
    wake(s)
    tap(s, "nextButton")
    tap(s, "nextButton")
    clock.advance(25)  # a real visit: at least 20 s and two pages
    tap(s, "nextButton")
    assert not find_all(s.window, "feedbackRow")
    tap(s, "homeButton")


def test_tapping_a_face_counts_once(stats_kiosk, clock, store, tmp_path: Path, qtbot) -> None:
    s = stats_kiosk()
    _visit_then_home(s, clock)
    row = find(s.window, "feedbackRow")
    assert find(s.window, "feedbackQuestion").property("text") == "Was this useful?"  # no plan page in this visit
    assert row.isVisible() and len(find_all(s.window, "feedbackSkip")) == 1
    tap(s, "feedback-yes")
    assert find(s.window, "feedbackQuestion").property("text") == "Thank you!"
    assert not find_all(s.window, "feedback-no"), "one answer per visit"
    s.stats.answer("no")  # a second tap that slips through is ignored
    # the thank-you goes by itself after 2.5 s: one timer, armed for that, whose firing takes the row away
    assert s.stats.thanks.armed and s.stats.thanks.interval_ms == 2500
    s.stats.run_due()
    assert not find_all(s.window, "feedbackRow") and not s.stats.thanks.armed
    tap(s, "nextButton")
    tap(s, "homeButton")
    assert not find_all(s.window, "feedbackRow"), "never asked twice in one visit"
    store.flush()
    assert rows(tmp_path / DB_NAME, "SELECT question, answer, count FROM feedback") == [("useful", "yes", 1)]
    assert rows(tmp_path / DB_NAME, "SELECT item, count FROM events WHERE event = 'feedback-offered'") == [
        ("useful", 1)
    ]


def test_an_ignored_question_goes_away_and_counts_nothing(stats_kiosk, clock, store, tmp_path: Path) -> None:
    s = stats_kiosk()
    _visit_then_home(s, clock)
    assert find(s.window, "feedbackRow").isVisible()
    tap(s, "nextButton")  # the student carries on: the question does not follow
    assert not find_all(s.window, "feedbackRow")
    assert s.controller.page == 1, "the row never blocks navigation"
    store.flush()
    assert rows(tmp_path / DB_NAME, "SELECT * FROM feedback") == []


def test_skip_removes_the_question(stats_kiosk, clock, store, tmp_path: Path) -> None:
    s = stats_kiosk()
    _visit_then_home(s, clock)
    tap(s, "feedbackSkip")
    assert not find_all(s.window, "feedbackRow") and s.controller.page == 0 and not s.controller.attract
    store.flush()
    assert rows(tmp_path / DB_NAME, "SELECT * FROM feedback") == []


def test_the_idle_warning_asks_and_the_idle_return_takes_it_away(stats_kiosk, clock, store, tmp_path: Path) -> None:
    s = stats_kiosk()
    c = s.controller
    wake(s)
    c.goToKind("plan")
    settle(s.window)
    tap(s, "option-block")
    tap(s, "nextButton")
    clock.advance(20)  # 30 s idle timeout in the fixture: the warning comes after 20 s
    due(s)
    assert find(s.window, "idleWarning").isVisible()
    assert find(s.window, "feedbackQuestion").property("text") == "Do you feel ready with a plan?"
    clock.advance(10)
    due(s)
    assert c.attract and not find_all(s.window, "feedbackRow")
    wake(s)
    assert not find_all(s.window, "feedbackRow"), "the question never comes back after the idle return"
    store.flush()
    assert rows(tmp_path / DB_NAME, "SELECT * FROM feedback") == []


def test_a_face_in_the_idle_warning_counts_and_keeps_the_visit(stats_kiosk, clock, store, tmp_path: Path) -> None:
    s = stats_kiosk()
    wake(s)
    tap(s, "nextButton")
    tap(s, "nextButton")
    clock.advance(20)
    due(s)
    tap(s, "feedback-no")
    assert not s.controller.warning and not s.controller.attract
    store.flush()
    assert rows(tmp_path / DB_NAME, "SELECT question, answer, count FROM feedback") == [("useful", "no", 1)]


def test_a_short_visit_is_not_asked(stats_kiosk, clock) -> None:
    s = stats_kiosk()
    wake(s)
    tap(s, "nextButton")
    tap(s, "homeButton")
    assert not find_all(s.window, "feedbackRow")


def test_assembly_mode_never_asks(stats_kiosk, clock) -> None:
    s = stats_kiosk(run_mode="assembly", idle_timeout=None)
    s.controller.next()
    clock.advance(60)
    s.controller.next()
    s.controller.home()
    settle(s.window)
    assert not find_all(s.window, "feedbackRow")


@pytest.mark.parametrize("size", [(1024, 768), (1080, 1920)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_feedback_row_fits_beside_the_warning(stats_kiosk, clock, size) -> None:
    from kiosk.ui.render import walk

    from ..qml_helpers import layout_problems, scene_rect

    s = stats_kiosk(size=size)
    wake(s)
    tap(s, "nextButton")
    tap(s, "nextButton")
    clock.advance(20)
    due(s)
    assert find(s.window, "feedbackRow").isVisible() and find(s.window, "idleWarning").isVisible()
    row = find(s.window, "feedbackRow")
    ours = [t for t in walk(row) if t.inherits("QQuickText") and t.isVisible() and t.property("text")]
    warning = [t for t in walk(find(s.window, "idleWarning")) if t.inherits("QQuickText") and t.isVisible()]
    assert ours and warning
    for text in warning:
        assert not scene_rect(text).intersects(scene_rect(row)), text.property("text")
    words = [t.property("text")[:20] for t in ours]
    own = [
        p for p in layout_problems(s.window) if any(p.startswith(repr(w)[:-1]) for w in words) and "overlaps" not in p
    ]
    assert own == []
    for name in ("feedback-yes", "feedback-a-bit", "feedback-no", "feedbackSkip"):
        item = find(s.window, name)
        assert min(item.width(), item.height()) >= 48


# --- the database -----------------------------------------------------------------------------------------------


def test_counts_are_batched_not_written_one_by_one(tmp_path: Path) -> None:
    db = tmp_path / DB_NAME
    s = StatsStore(db, wall=Wall(), flush_seconds=3600, flush_events=50).start()
    for _ in range(10):
        s.count_page("minimal", "foyer", "loop", "poster")
    time.sleep(0.2)
    assert committed(db) == 0
    for _ in range(40):
        s.count_page("minimal", "foyer", "loop", "poster")
    deadline = time.monotonic() + 30  # the worker thread writes at once; the margin is for a loaded machine
    while time.monotonic() < deadline and (
        not db.exists() or rows(db, "SELECT SUM(shown) FROM page_hours")[0][0] != 50
    ):
        time.sleep(0.02)
    assert rows(db, "SELECT SUM(shown) FROM page_hours") == [(50,)], "a full batch is written without waiting"
    s.count_page("minimal", "foyer", "loop", "poster")
    s.close()
    assert rows(db, "SELECT SUM(shown) FROM page_hours") == [(51,)], "closing writes the rest"


def test_the_disk_is_only_touched_by_the_worker_thread(tmp_path: Path, monkeypatch) -> None:
    threads: set[str] = set()
    original = sqlite3.connect

    def spy(*args, **kwargs):
        threads.add(threading.current_thread().name)
        return original(*args, **kwargs)

    monkeypatch.setattr(stats.sqlite3, "connect", spy)
    s = StatsStore(tmp_path / DB_NAME, wall=Wall()).start()
    s.count_page("minimal", "foyer", "tap", "poster")
    s.summary(7)
    s.close()
    assert threads == {"kiosk-stats"}


def test_a_corrupt_database_is_set_aside_and_counting_goes_on(tmp_path: Path, caplog) -> None:
    db = tmp_path / DB_NAME
    db.write_bytes(b"SQLite format 3\x00" + os.urandom(4096))
    caplog.set_level(logging.ERROR, logger="kiosk.core.stats")
    s = StatsStore(db, wall=Wall()).start()
    s.count_page("minimal", "foyer", "tap", "poster")
    s.close()
    aside = list(tmp_path.glob(f"{DB_NAME}.corrupt-*"))
    assert len(aside) == 1 and aside[0].stat().st_size == 4096 + 16, "the damaged file is kept, not deleted"
    assert any("set aside" in r.getMessage() for r in caplog.records)
    assert rows(db, "SELECT page, shown FROM page_hours") == [("poster", 1)]
    assert rows(db, "PRAGMA integrity_check") == [("ok",)]


def test_a_database_damaged_while_running_is_replaced(tmp_path: Path) -> None:
    db = tmp_path / DB_NAME
    s = StatsStore(db, wall=Wall()).start()
    s.count_page("minimal", "foyer", "tap", "poster")
    s.flush()

    def damage(database: StatsDatabase) -> None:
        database.conn.close()
        with open(db, "r+b") as f:  # overwrite the b-tree pages behind SQLite's back
            f.seek(100)
            f.write(os.urandom(8000))
        database.conn = sqlite3.connect(db, isolation_level=None)

    s.call(damage)
    s.count_page("minimal", "foyer", "tap", "poster")
    s.flush()
    s.count_page("minimal", "foyer", "tap", "info")
    s.close()
    assert list(tmp_path.glob(f"{DB_NAME}.corrupt-*"))
    assert rows(db, "PRAGMA integrity_check") == [("ok",)]
    assert ("info", 1) in rows(db, "SELECT page, shown FROM page_hours")


KILL_WRITER = """
import sys, time
from kiosk.core.stats import StatsStore
s = StatsStore(sys.argv[1], flush_seconds=0.01, flush_events=20).start()
n = 0
while True:
    s.count_page("minimal", "foyer", "tap", "poster")
    n += 1
    if n == 2000:
        print("writing", flush=True)
"""


def committed(db: Path) -> int:
    """Counts committed so far by another process (0 while it is still creating the file)."""
    try:
        return int(rows(db, "SELECT COALESCE(SUM(shown), 0) FROM page_hours")[0][0]) if db.exists() else 0
    except sqlite3.OperationalError:
        return 0


def test_kill_9_during_writes_leaves_a_readable_database(tmp_path: Path) -> None:
    db = tmp_path / DB_NAME
    child = subprocess.Popen([sys.executable, "-c", KILL_WRITER, str(db)], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "writing"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:  # wait until some batches are committed, then pull the plug mid-write
            if committed(db):
                break
            time.sleep(0.05)
        time.sleep(0.3)
        child.send_signal(signal.SIGKILL)
    finally:
        child.kill()
        child.wait(10)
    assert child.returncode == -signal.SIGKILL
    assert rows(db, "PRAGMA integrity_check") == [("ok",)]
    written = rows(db, "SELECT SUM(shown) FROM page_hours")[0][0]
    assert written and written > 0
    s = StatsStore(db, wall=Wall()).start()  # and the kiosk carries on with it, nothing set aside
    s.count_page("minimal", "foyer", "tap", "poster")
    s.close()
    assert not list(tmp_path.glob(f"{DB_NAME}.corrupt-*"))


def test_old_hours_roll_up_into_days_and_old_days_go(tmp_path: Path) -> None:
    wall = Wall(datetime(2026, 1, 1, 9))
    s = StatsStore(tmp_path / DB_NAME, wall=wall, hour_days=14, keep_days=400).start()
    for hour in (9, 10, 15):
        wall.now = datetime(2026, 1, 1, hour)
        s.count_page("minimal", "foyer", "loop", "poster")
    wall.now = datetime(2026, 3, 1, 9)
    s.count_page("minimal", "foyer", "loop", "poster")
    s.flush()
    s.call(lambda db: db.maintain(datetime(2026, 3, 1, 12)))
    db = tmp_path / DB_NAME
    assert rows(db, "SELECT day, shown FROM page_days") == [("2026-01-01", 3)]
    assert rows(db, "SELECT hour, shown FROM page_hours") == [("2026-03-01 09", 1)]
    summary = s.summary(7)
    assert summary["shownLoop"] == 1
    s.call(lambda db: db.maintain(datetime(2027, 3, 1, 12)))
    assert rows(db, "SELECT COUNT(*) FROM page_days") == [(1,)], "the March day was rolled up; January is gone"
    s.close()


def test_the_size_is_bounded(tmp_path: Path, caplog) -> None:
    caplog.set_level(logging.ERROR, logger="kiosk.core.stats")
    db_path = tmp_path / DB_NAME
    s = StatsStore(db_path, wall=Wall(), max_bytes=64 * 4096, flush_events=500).start()
    wall = s.wall
    assert isinstance(wall, Wall)
    for day in range(20000):  # far more distinct buckets than fit in 256 KiB
        wall.now = NOON + timedelta(hours=day)
        s.count_page("minimal", "foyer", "loop", f"page-{day % 50}")
    s.close()
    assert db_path.stat().st_size <= 64 * 4096 + 4096
    assert s.dropped > 0 and any("dropped" in r.getMessage() for r in caplog.records)
    assert rows(db_path, "PRAGMA integrity_check") == [("ok",)]


# --- nothing but counts ---------------------------------------------------------------------------------------------


EXPECTED_COLUMNS = {
    "page_hours": ["hour", "pack", "mode", "via", "page", "shown"],
    "page_days": ["day", "pack", "mode", "via", "page", "shown"],
    "sessions": ["day", "pack", "mode", "seconds", "pages", "count"],
    "events": ["day", "pack", "mode", "event", "item", "count"],
    "feedback": ["day", "pack", "mode", "question", "answer", "count"],
}


def test_the_schema_holds_only_the_listed_columns_and_the_readme_lists_them(store, tmp_path: Path) -> None:
    store.flush()
    db = tmp_path / DB_NAME
    tables = [r[0] for r in rows(db, "SELECT name FROM sqlite_master WHERE type IN ('table', 'view') ORDER BY name")]
    assert sorted(tables) == sorted(EXPECTED_COLUMNS)
    for table, columns in EXPECTED_COLUMNS.items():
        assert [r[1] for r in rows(db, f"PRAGMA table_info({table})")] == columns
    readme = (ROOT / "README.md").read_text()
    section = readme.split("## What the kiosk counts", 1)[1].split("\n## ", 1)[0]
    for table, columns in EXPECTED_COLUMNS.items():
        line = next((item for item in section.split("\n- ") if item.startswith(f"`{table}`")), "")
        assert line, f"README does not list {table}"
        assert all(f"`{c}`" in line for c in columns), f"README's line for {table} misses a column"


@pytest.mark.parametrize(
    "sql",
    [
        "INSERT INTO page_hours VALUES ('2026-11-25 12', 'minimal', 'foyer', 'tap', 'Jay Smith', 1)",
        "INSERT INTO page_hours VALUES ('2026-11-25 12:31:07', 'minimal', 'foyer', 'tap', 'poster', 1)",
        "INSERT INTO events VALUES ('2026-11-25', 'minimal', 'foyer', 'note', 'x', 1)",
        "INSERT INTO feedback VALUES ('2026-11-25', 'minimal', 'foyer', 'useful', 'I felt scared', 1)",
        "INSERT INTO sessions VALUES ('2026-11-25', 'minimal', 'foyer', 47, 3, 1)",
        "INSERT INTO page_hours VALUES ('2026-11-25 12', 'minimal', 'kiosk-7', 'tap', 'poster', 1)",
    ],
)
def test_the_schema_refuses_anything_but_counts(store, tmp_path: Path, sql: str) -> None:
    store.flush()
    conn = sqlite3.connect(tmp_path / DB_NAME)
    with pytest.raises(sqlite3.IntegrityError):
        conn.execute(sql)
    conn.close()


def test_counting_refuses_free_text_before_it_reaches_the_queue(store) -> None:
    with pytest.raises(ValueError):
        store.count_page("minimal", "foyer", "tap", "Hello, my name is")
    with pytest.raises(ValueError):
        store.count_feedback("minimal", "foyer", "useful", "a b")
    with pytest.raises(ValueError):
        store.count_event("minimal", "foyer", "typed-text", "x")


def test_every_stored_value_is_an_id_a_bucket_or_a_number(stats_kiosk, clock, store, tmp_path: Path) -> None:
    s = stats_kiosk()
    _visit_then_home(s, clock)
    tap(s, "feedback-a-bit")
    clock.advance(60)
    due(s)
    due(s)
    store.flush()
    allowed = re.compile(r"^([a-z0-9][a-z0-9-]{0,39}|\d{4}-\d\d-\d\d( \d\d)?|)$")
    db = tmp_path / DB_NAME
    for table in EXPECTED_COLUMNS:
        for row in rows(db, f"SELECT * FROM {table}"):
            for value in row:
                assert isinstance(value, int) or allowed.match(value), (table, row)


# --- the export -------------------------------------------------------------------------------------------------


def test_the_csv_export_parses_and_matches_the_counts(tmp_path: Path, capsys) -> None:
    db = tmp_path / DB_NAME
    wall = Wall(datetime(2026, 11, 24, 9))
    s = StatsStore(db, wall=wall).start()
    for _ in range(3):
        s.count_page("cumbria", "foyer", "loop", "poster")
    s.count_page("cumbria", "foyer", "tap", "plan")
    wall.now = datetime(2026, 11, 25, 14)
    s.count_page("cumbria", "foyer", "loop", "poster")
    s.count_visit("cumbria", "foyer", 100, 5)
    s.count_event("cumbria", "foyer", "plan-made")
    s.count_event("cumbria", "foyer", "plan-option", "say-no")
    s.count_feedback("cumbria", "foyer", "useful", "yes")
    s.count_feedback("cumbria", "foyer", "useful", "yes")
    s.close()
    out = tmp_path / "report.csv"
    assert cli.main(["stats", "export", "--out", str(out), "--db", str(db)]) == 0
    with out.open(newline="", encoding="utf-8") as f:
        table = list(csv.DictReader(f))
    assert list(table[0]) == ["date", "pack", "mode", "measure", "item", "detail", "count"]
    got = {(r["date"], r["measure"], r["item"], r["detail"]): int(r["count"]) for r in table}
    assert got == {
        ("2026-11-24", "page-shown-loop", "poster", ""): 3,
        ("2026-11-24", "page-shown-tap", "plan", ""): 1,
        ("2026-11-25", "page-shown-loop", "poster", ""): 1,
        ("2026-11-25", "session", "90", "5"): 1,
        ("2026-11-25", "plan-made", "", ""): 1,
        ("2026-11-25", "plan-option", "say-no", ""): 1,
        ("2026-11-25", "feedback", "useful", "yes"): 2,
    }
    assert {r["pack"] for r in table} == {"cumbria"} and {r["mode"] for r in table} == {"foyer"}
    assert "7 row(s)" in capsys.readouterr().err


def test_the_export_of_a_kiosk_that_never_counted_is_just_the_header(tmp_path: Path) -> None:
    out = tmp_path / "empty.csv"
    assert cli.main(["stats", "export", "--out", str(out)]) == 0
    assert out.read_text().splitlines() == ["date,pack,mode,measure,item,detail,count"]


# --- the staff screen -------------------------------------------------------------------------------------------


def test_the_staff_panel_charts_the_last_days(stats_kiosk, store) -> None:
    def fill(db: StatsDatabase) -> None:
        db.add({("page_hours", ("2026-11-25 10", "minimal", "foyer", "loop", "poster")): 40})
        db.add({("page_hours", ("2026-11-23 10", "minimal", "foyer", "tap", "plan")): 7})
        db.add({("sessions", ("2026-11-23", "minimal", "foyer", 60, 3)): 2})
        db.add({("feedback", ("2026-11-23", "minimal", "foyer", "useful", "yes")): 5})
        db.add({("feedback", ("2026-11-23", "minimal", "foyer", "useful", "no")): 2})
        db.add({("feedback", ("2026-11-24", "minimal", "foyer", "useful", "a-bit")): 1})

    s = stats_kiosk()
    store.call(fill)
    s.admin.show()
    s.admin.choosePin("2468", "2468")
    settle(s.window)
    tap(s, "adminStats")
    assert find(s.window, "statsPanel").isVisible()
    assert "Pages shown: 41 by the loop, 7 by a tap. Visits: 2" in find(s.window, "statsTotals").property("text")
    summary = s.stats.summary(7)
    assert [d["loop"] + d["tap"] for d in summary["days"]][-3:] == [7, 0, 41]  # today also has the first page
    assert [(r["answerLabel"], r["count"]) for r in summary["feedback"]] == [
        ("Yes", 5),
        ("A bit", 1),
        ("Not really", 2),
    ]
    assert {r["questionText"] for r in summary["feedback"]} == {"Was this useful?"}  # in the pack's order, in its words
    tap(s, "statsDays-30")
    assert len(s.stats.summary(30)["days"]) == 30
    tap(s, "statsBack")
    assert not find_all(s.window, "statsPanel")


@pytest.mark.parametrize("size", [(1024, 768), (1080, 1920)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_staff_panel_fits(stats_kiosk, store, size) -> None:
    from kiosk.ui.render import walk

    from ..qml_helpers import layout_problems, scene_rect

    def fill(db: StatsDatabase) -> None:
        for d in range(1, 31):
            day = f"2026-11-{d:02d}"
            db.add({("page_hours", (f"{day} 10", "minimal", "foyer", "loop", "poster")): 100 + d})
            db.add({("feedback", (day, "minimal", "foyer", "ready", "not-sure")): 3})

    s = stats_kiosk(size=size)
    store.call(fill)
    s.admin.show()
    s.admin.choosePin("2468", "2468")
    settle(s.window)
    tap(s, "adminStats")
    tap(s, "statsDays-30")
    panel = find(s.window, "statsPanel")
    texts = [t for t in walk(panel) if t.inherits("QQuickText") and t.isVisible() and t.property("text")]
    words = {t.property("text")[:20] for t in texts}
    assert "Do you feel ready wi" in words and "11-25" in words
    own = [
        p
        for p in layout_problems(s.window)
        if any(p.startswith(repr(w)[:-1]) for w in words)
        and "overlaps" not in p  # checked below among the panel's own texts; the page beneath is covered
        and "outside the screen" not in p  # the panel scrolls (a Flickable): its end may lie below the screen
    ]
    assert own == []
    for n, a in enumerate(texts):  # the panel's own texts never overlap each other (the page beneath is hidden)
        for b in texts[n + 1 :]:
            overlap = scene_rect(a).intersected(scene_rect(b))
            assert overlap.width() <= 2 or overlap.height() <= 2, (a.property("text"), b.property("text"))


# --- the pack's questions -----------------------------------------------------------------------------------------


def test_packs_without_questions_get_the_two_standard_ones() -> None:
    assert load(MINIMAL).feedback == DEFAULT_FEEDBACK
    assert [q.question for q in DEFAULT_FEEDBACK] == ["Was this useful?", "Do you feel ready with a plan?"]


def test_a_pack_can_ask_its_own_question_and_mistakes_are_located(tmp_path: Path) -> None:
    import shutil

    pack = tmp_path / "own"
    shutil.copytree(MINIMAL, pack)
    toml = pack / "pack.toml"
    base = toml.read_text()
    toml.write_text(
        base
        + '\n[[feedback]]\nid = "clear"\nquestion = "Was it easy to follow?"\n'
        + '[[feedback.answers]]\nid = "yes"\nlabel = "Yes"\nicon = "smile"\n'
        + '[[feedback.answers]]\nid = "no"\nlabel = "No"\nicon = "frown"\n'
    )
    loaded = load(pack)
    assert [q.id for q in loaded.feedback] == ["clear"] and [a.id for a in loaded.feedback[0].answers] == ["yes", "no"]
    toml.write_text(
        base + '\n[[feedback]]\nid = "clear"\nquestion = "Was it easy to follow?"\n'
        '[[feedback.answers]]\nid = "yes"\nlabel = "Yes"\nicon = "grin"\n'
    )
    _, problems = validate(pack)
    messages = [str(p) for p in problems]
    assert any("feedback[1].answers[1].icon" in m and "smile, meh, frown" in m for m in messages), messages
    assert any("feedback[1].answers" in m and "2 to 3" in m for m in messages), messages
    assert all(re.match(r".*pack\.toml:\d+: ", m) and not m.split(":")[1] == "0" for m in messages), messages


def test_with_counting_switched_off_no_question_is_asked(stats_kiosk, clock, store, tmp_path: Path) -> None:
    s = stats_kiosk()
    s.admin.show()
    s.admin.choosePin("2468", "2468")
    s.admin.setChoice("statsEnabled", False)
    s.admin.close()
    settle(s.window)
    _visit_then_home(s, clock)
    assert not find_all(s.window, "feedbackRow")
    store.flush()
    assert rows(tmp_path / DB_NAME, "SELECT COUNT(*) FROM events") == [(0,)]


def test_an_assembly_counts_its_pages_but_is_no_visit(stats_kiosk, clock, store, tmp_path: Path) -> None:
    s = stats_kiosk(run_mode="assembly", auto_advance=False, idle_timeout=None)
    for _ in range(4):
        key(s, Qt.Key.Key_Right)  # the teacher's clicker
        clock.advance(30)
    s.controller.togglePlan("say-no")  # a teacher showing the plan page to the hall
    s.stats.close()
    db = tmp_path / DB_NAME
    assert rows(db, "SELECT mode, SUM(shown) FROM page_hours GROUP BY mode")[0][0] == "assembly"
    assert rows(db, "SELECT COUNT(*) FROM sessions") == [(0,)], "a hall is not a student's visit"
    assert rows(db, "SELECT COUNT(*) FROM events WHERE event LIKE 'plan%'") == [(0,)]
