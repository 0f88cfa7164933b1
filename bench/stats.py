"""The cost of anonymous counting: per page change on the UI thread, and the database after a school year.

Usage: QT_QPA_PLATFORM=offscreen python bench/stats.py [--changes 20000] [--days 365]
Prints the time a page change takes with and without the recorder (the difference is what counting costs the
UI thread: an enqueue), then fills a database with a year of busy-foyer counts and times the staff screen's
30-day summary and the CSV export, and prints the file's size.
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def page_change_cost(changes: int) -> None:
    from PySide6.QtGui import QGuiApplication

    from kiosk.core import paths
    from kiosk.core.pack import load
    from kiosk.core.stats import StatsStore
    from kiosk.ui.controller import KioskController
    from kiosk.ui.stats_bridge import StatsRecorder

    app = QGuiApplication.instance() or QGuiApplication([])
    pack = load(paths.builtin_packs_dir() / "cumbria")
    pages = list(pack.pages_for("students"))
    with tempfile.TemporaryDirectory() as tmp:
        results = {}
        for label, store in (("without counting", None), ("with counting", StatsStore(Path(tmp) / "s.db").start())):
            controller = KioskController(pack, pages, idle_timeout=None, auto_advance=False)
            recorder = StatsRecorder(controller, store)
            controller.touch()
            samples = []
            for _ in range(changes):
                started = time.perf_counter_ns()
                controller.next()
                samples.append(time.perf_counter_ns() - started)
            results[label] = samples
            started = time.perf_counter()
            recorder.close()
            if store is not None:
                print(f"closing (last batch written): {(time.perf_counter() - started) * 1000:.1f} ms")
        for label, samples in results.items():
            samples.sort()
            print(
                f"page change {label}: median {statistics.median(samples) / 1000:.1f} us, "
                f"p99 {samples[len(samples) * 99 // 100] / 1000:.1f} us"
            )
        store = StatsStore(Path(tmp) / "e.db").start()
        started = time.perf_counter_ns()
        for _ in range(changes):
            store.count_page("cumbria", "foyer", "tap", "poster")
        print(f"count_page alone: {(time.perf_counter_ns() - started) / changes / 1000:.2f} us per call")
        store.close()
    del app


def year_of_counts(days: int) -> None:
    from kiosk.core.stats import StatsDatabase, StatsStore, write_csv

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "stats.db"
        db = StatsDatabase(path)
        today = datetime(2026, 11, 25, 12)
        pages = [f"page-{n}" for n in range(12)]
        started = time.perf_counter()
        for d in range(days):
            day = today - timedelta(days=d)
            counts = {}
            for hour in range(8, 18):  # a foyer open 8:00 to 18:00, every page every hour by loop and by tap
                bucket = day.replace(hour=hour).strftime("%Y-%m-%d %H")
                for page in pages:
                    counts[("page_hours", (bucket, "cumbria", "foyer", "loop", page))] = 30
                    counts[("page_hours", (bucket, "cumbria", "foyer", "tap", page))] = 3
            for seconds in range(0, 900, 30):
                counts[("sessions", (day.strftime("%Y-%m-%d"), "cumbria", "foyer", seconds, seconds // 60))] = 2
            for option in ("say-no", "humour", "block", "adult", "report", "support"):
                counts[("events", (day.strftime("%Y-%m-%d"), "cumbria", "foyer", "plan-option", option))] = 4
            for answer in ("yes", "a-bit", "no"):
                counts[("feedback", (day.strftime("%Y-%m-%d"), "cumbria", "foyer", "useful", answer))] = 5
            db.add(counts)
            if d % 7 == 0:
                db.maintain(today)
        db.maintain(today)
        db.close()
        print(f"filled {days} days in {time.perf_counter() - started:.1f} s; file {path.stat().st_size / 1024:.0f} KiB")
        store = StatsStore(path, wall=lambda: today).start()
        store.flush()
        for n in (7, 30):
            times = []
            for _ in range(5):
                started = time.perf_counter()
                store.summary(n)
                times.append((time.perf_counter() - started) * 1000)
            print(f"staff screen summary of {n} days: median {statistics.median(times):.1f} ms")
        started = time.perf_counter()
        out = io.StringIO()
        rows = store.call(lambda db: write_csv(db, out))
        elapsed = (time.perf_counter() - started) * 1000
        print(f"CSV export: {rows} rows, {len(out.getvalue()) / 1024:.0f} KiB in {elapsed:.0f} ms")
        store.close()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--changes", type=int, default=20000)
    parser.add_argument("--days", type=int, default=365)
    args = parser.parse_args()
    page_change_cost(args.changes)
    year_of_counts(args.days)
    return 0


if __name__ == "__main__":
    sys.exit(main())
