"""Frame intervals during page transitions with Qt Quick's software renderer (a foyer PC without a GPU).

Usage: python3 bench/frames.py [--size 1920x1080 3840x2160] [--pack cumbria] [--transitions 12]
Prints median, 95th percentile and frames over 16.7 ms, for crossfades and story panel slides, per size.
Offscreen platform, Qt Quick's software renderer; animations are paced by Qt's 16 ms animation timer, so an
interval over 16.7 ms is a frame that took longer than one 60 Hz refresh. Each transition starts from a settled
page (200 ms of nothing), and its frames are counted for 800 ms (a 450 ms fade or a 600 ms slide, and after).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import machine, median, percentile, table  # noqa: E402

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_QUICK_BACKEND", "software")


def _row(size: str, kind: str, intervals: list[float]) -> list[object]:
    over = sum(1 for i in intervals if i > 16.7)
    return [size, kind, len(intervals), median(intervals), percentile(intervals, 95), max(intervals), over, ""]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", nargs="+", default=["1920x1080", "3840x2160"])
    parser.add_argument("--pack", default="cumbria")
    parser.add_argument("--transitions", type=int, default=12)
    args = parser.parse_args()

    from PySide6.QtCore import QElapsedTimer
    from PySide6.QtTest import QTest

    from kiosk.core import paths
    from kiosk.core.pack import load
    from kiosk.ui import app as qtapp
    from kiosk.ui.render import settle
    from kiosk.ui.session import start_session

    qtapp.prepare_environment(offscreen=True)
    qtapp.make_application()
    pack = load(paths.resolve_pack(args.pack))
    rows = []
    for size in args.size:
        w, h = (int(v) for v in size.split("x"))
        s = start_session(pack, list(pack.pages), idle_timeout=None, auto_advance=False, size=(w, h))
        s.window.show()
        settle(s.window)
        timer = QElapsedTimer()
        timer.start()
        stamps: list[float] = []
        s.window.frameSwapped.connect(lambda stamps=stamps, timer=timer: stamps.append(timer.nsecsElapsed() / 1e6))
        by_kind: dict[str, list[float]] = {"page crossfade": [], "story panel slide": []}
        first_frames: list[float] = []
        c = s.controller
        c.touch()
        for _ in range(args.transitions):
            settle(s.window)
            QTest.qWait(200)
            stamps.clear()
            before = (c.page, c.panel)
            started = timer.nsecsElapsed() / 1e6
            c.next()
            kind = "page crossfade" if c.page != before[0] else "story panel slide"
            QTest.qWait(800)  # a 450 ms fade or a 600 ms slide, and the frames after it
            if stamps:
                first_frames.append(stamps[0] - started)
            by_kind[kind] += [b - a for a, b in zip(stamps, stamps[1:], strict=False)]
        s.close()
        for kind, intervals in by_kind.items():
            if intervals:
                rows.append(_row(f"{w}x{h}", kind, intervals))
        everything = by_kind["page crossfade"] + by_kind["story panel slide"]
        rows.append(_row(f"{w}x{h}", "all", everything))
        rows[-1][-1] = f"{median(first_frames):.1f}"
    print(f"Frame intervals during transitions, software renderer, offscreen, pack {args.pack} (ms)")
    print(machine())
    print(table(["size", "transition", "frames", "median", "p95", "max", "> 16.7 ms", "first frame after"], rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
