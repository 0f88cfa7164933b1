"""Frame intervals during page transitions with Qt Quick's software renderer (a foyer PC without a GPU).

Usage: QT_QPA_PLATFORM=offscreen python bench/frames.py [--size 1920x1080] [--pack cumbria] [--transitions 12]
Prints median, 95th percentile and frames over 16.7 ms, for crossfades and story panel slides.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_QUICK_BACKEND", "software")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", default="1920x1080")
    parser.add_argument("--pack", default="cumbria")
    parser.add_argument("--transitions", type=int, default=12)
    args = parser.parse_args()
    w, h = (int(v) for v in args.size.split("x"))

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
    s = start_session(pack, list(pack.pages), idle_timeout=None, auto_advance=False, size=(w, h))
    s.window.show()
    settle(s.window)
    timer = QElapsedTimer()
    timer.start()
    stamps: list[float] = []
    s.window.frameSwapped.connect(lambda: stamps.append(timer.nsecsElapsed() / 1e6))
    intervals: list[float] = []
    c = s.controller
    c.touch()
    for _ in range(args.transitions):
        settle(s.window)
        QTest.qWait(200)
        stamps.clear()
        c.next()
        QTest.qWait(800)  # a 450 ms fade or a 600 ms slide, and the frames after it
        intervals += [b - a for a, b in zip(stamps, stamps[1:], strict=False)]
    if not intervals:
        print("no frames recorded")
        return 1
    intervals.sort()
    p95 = intervals[int(len(intervals) * 0.95) - 1]
    over = sum(1 for i in intervals if i > 16.7)
    print(
        f"{w}x{h} {args.pack}: {len(intervals)} frame intervals; median {statistics.median(intervals):.1f} ms, "
        f"p95 {p95:.1f} ms, max {intervals[-1]:.1f} ms, over 16.7 ms: {over}"
    )
    s.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
