"""The still moment after a story panel change: the frames and event-loop turns it costs, at a size.

Usage: python3 bench/still_moment.py [--size 3840x2160 2160x3840 1920x1080] [--pack cumbria] [--changes 8]
                                     [--dirty]

0.9 s after a panel change (limits.MOTION_SECONDS) the controller's still moment (Controller.becameStill) lets the
kiosk draw the caption as itself again, load the next panel's picture, paint its bubbles' tails and draw ahead the
captions Next and Back would bring (StoryPage.qml, kiosk/core/memory.py). Nothing moves on screen then, but a
visitor who taps during that work waits for it, and the frame budget is 25 ms of work (bench/README.md, issue 20).

For each panel change (a visitor's Next and Back through the story, and the loop's own slides) the slide is let
finish with the still moment held back, then the still moment is fired as the kiosk fires it (with a visit's first
step of drawing ahead, due at the same time) and everything up to 600 ms after is timed:
- each frame: sync + render + swap (afterAnimating to frameSwapped), the process's CPU time (all threads: a picture
  is decoded on a thread of its own) and the main thread's;
- each turn of the event loop, as the gaps between the ticks of a 1 ms timer: wall clock and the main thread's CPU
  time (a tap waits for the turn it arrives in);
- the frames and the CPU time of the whole still moment.
--each: print every frame of each still moment (when, its CPU) and every turn of the event loop over 8 ms.
--dirty: print the software renderer's dirty region of every frame (qt.scenegraph.softwarecontext.renderer), for a
loop slide and a visit's, as bench/README.md's story4k round read it.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import Clock, machine, median, percentile, table  # noqa: E402

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_QUICK_BACKEND", "software")

WINDOW_MS = 600  # after the still moment: long enough for every piece of it, spread or not


def _cpu() -> float:
    return time.process_time() * 1000


def _main_cpu() -> float:
    return time.thread_time() * 1000


def bench_size(pack: Any, w: int, h: int, changes: int, dirty: bool, each: bool = False) -> list[list[object]]:
    from PySide6.QtCore import QElapsedTimer, QEventLoop, Qt, QTimer
    from PySide6.QtTest import QTest

    from kiosk.core import limits
    from kiosk.ui.render import settle
    from kiosk.ui.scene import start_scene

    clock = Clock()
    s = start_scene(pack, list(pack.pages), clock=clock, idle_timeout=None, auto_advance=True, size=(w, h))
    s.window.show()
    settle(s.window)
    c = s.controller
    engine = c.engine
    story = next(i for i, p in enumerate(engine.pages) if p.kind == "story")
    count = engine.pages[story].panel_count
    for page in range(len(engine.pages)):  # every page and panel once: their pictures drawn into the cache
        c.goTo(page)
        for _ in range(8):
            settle(s.window)
            c.next() if c.page == page else None
    engine.reset()
    c.run_due()
    art = s.engine.property("kioskSingleton_ArtCache")
    deadline = time.monotonic() + 120
    while art.busy and time.monotonic() < deadline:
        QTest.qWait(100)
    settle(s.window)

    timer = QElapsedTimer()
    timer.start()
    begun: list[tuple[float, float, float]] = []
    swapped: list[tuple[float, float, float]] = []
    ticks: list[tuple[float, float]] = []

    def now() -> tuple[float, float, float]:
        return timer.nsecsElapsed() / 1e6, _cpu(), _main_cpu()

    s.window.afterAnimating.connect(lambda: begun.append(now()))
    s.window.frameSwapped.connect(lambda: swapped.append(now()))
    ticker = QTimer()
    ticker.setTimerType(Qt.TimerType.PreciseTimer)
    ticker.setInterval(1)
    ticker.timeout.connect(lambda: ticks.append((timer.nsecsElapsed() / 1e6, _main_cpu())))
    rows: dict[str, dict[str, list[float]]] = {}

    def record(kind: str, fire: Any) -> None:
        """The still moment, fired by `fire`, and WINDOW_MS after it."""
        c.pictures_due.disarm()
        c.tap_due.disarm()
        QTest.qWait(800)  # the slide is over (600 ms), the still moment held back
        settle(s.window)
        QTest.qWait(100)
        begun.clear()
        swapped.clear()
        ticks.clear()
        cpu0 = _cpu()
        ticker.start()
        t0 = timer.nsecsElapsed() / 1e6
        fire()
        wait = QEventLoop()  # not QTest.qWait, which sleeps 10 ms between its turns: the ticks would measure that
        QTimer.singleShot(WINDOW_MS, wait.quit)
        wait.exec()
        ticker.stop()
        r = rows.setdefault(kind, {k: [] for k in ("cpu", "main", "work", "frames", "turn", "turn_cpu", "total")})
        r["frames"].append(len(swapped))
        r["total"].append(_cpu() - cpu0)
        for end in swapped:
            start = max((b for b in begun if b[0] <= end[0]), default=None)
            if start is not None:
                r["work"].append(end[0] - start[0])
                r["cpu"].append(end[1] - start[1])
                r["main"].append(end[2] - start[2])
        gaps = [(b[0] - a[0], b[1] - a[1]) for a, b in zip(ticks, ticks[1:], strict=False)]
        r["turn"].append(max((g[0] for g in gaps), default=0.0))
        r["turn_cpu"].append(max((g[1] for g in gaps), default=0.0))
        if dirty or each:
            print(f"--- {w}x{h} {kind}: still moment fired, frames {len(swapped)}", flush=True)
        if each:
            for end in swapped:
                start = max((b for b in begun if b[0] <= end[0]), default=end)
                cpu, main = end[1] - start[1], end[2] - start[2]
                print(f"  frame at {start[0] - t0:6.1f} ms: CPU {cpu:5.1f}, main {main:5.1f}")
            long = [(b[0] - t0, b[0] - a[0], b[1] - a[1]) for a, b in zip(ticks, ticks[1:], strict=False)]
            for at, wall, main in long:
                if wall > 8:
                    print(f"  turn ending at {at:6.1f} ms: {wall:5.1f} wall, main CPU {main:5.1f}")

    def still_now() -> None:
        """As the kiosk's timers fire 0.9 s after a change: the still moment and a visit's first drawing-ahead step."""
        clock.now = engine.last_change + limits.MOTION_SECONDS
        c.pictures_due.arm(0)
        if c.tap_ahead_at() is not None:
            c.tap_due.arm(0)

    def read_on() -> None:
        """The rest of a visit's drawing ahead (pages Next, Back and Home bring), then seconds of reading."""
        while (at := c.tap_ahead_at()) is not None:
            clock.now = max(clock.now, at)
            c.run_tap_ahead()
            settle(s.window)
        QTest.qWait(200)
        clock.now += 2.0

    # The loop's slides: each timed change on the engine's clock, until `changes` slides of the story are timed.
    slides = 0
    guard = 0
    while slides < changes and guard < 400:
        guard += 1
        change = engine.next_deadline()
        assert change is not None
        clock.now = change
        sliding = c.page == story and 0 < c.panel < count
        if dirty and sliding:
            print(f"--- {w}x{h} loop story slide to panel {c.panel + 1}", flush=True)
        c.run_due()
        if sliding:
            record("loop: still after a slide", still_now)
            slides += 1
        else:
            c.pictures_due.disarm()
            QTest.qWait(700)
            still_now()
            settle(s.window)
            QTest.qWait(200)

    # A visitor: Next through the story, then Back, each panel change's still moment timed.
    c.touch()
    c.goTo(story)
    still_now()
    settle(s.window)
    read_on()
    done = 0
    while done < changes:
        back = c.panel >= count
        while (c.panel > 1 if back else c.panel < count) and done < changes:
            if dirty:
                print(f"--- {w}x{h} visit {'Back' if back else 'Next'} to panel {c.panel + (-1 if back else 1)}")
            c.prev() if back else c.next()
            record("visit: still after Back" if back else "visit: still after Next", still_now)
            read_on()
            done += 1
    s.close()
    out = []
    for kind, r in rows.items():
        out.append(
            [
                f"{w}x{h}",
                kind,
                len(r["frames"]),
                f"{median(r['frames']):.0f}-{max(r['frames'])}",
                percentile(r["cpu"], 95) if r["cpu"] else 0.0,
                max(r["cpu"], default=0.0),
                sum(1 for v in r["cpu"] if v > 25),
                max(r["main"], default=0.0),
                median(r["turn"]),
                max(r["turn"]),
                max(r["turn_cpu"]),
                sum(1 for v in r["turn_cpu"] if v > 25),
                median(r["total"]),
                max(r["total"]),
            ]
        )
    return out


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", nargs="+", default=["3840x2160", "2160x3840", "1920x1080"])
    parser.add_argument("--pack", default="cumbria")
    parser.add_argument("--changes", type=int, default=8)
    parser.add_argument("--dirty", action="store_true")
    parser.add_argument("--each", action="store_true", help="print every frame and every turn over 8 ms")
    args = parser.parse_args()
    if args.dirty:
        os.environ["QT_LOGGING_RULES"] = "qt.scenegraph.softwarecontext.renderer=true"

    from kiosk.core import paths
    from kiosk.core.pack import load
    from kiosk.ui import app as qtapp

    os.environ["KIOSK_HOME"] = tempfile.mkdtemp(prefix="bench-still-")
    qtapp.prepare_environment(offscreen=True)
    qtapp.make_application()
    pack = load(paths.resolve_pack(args.pack))
    rows = []
    for size in args.size:
        w, h = (int(v) for v in size.split("x"))
        rows += bench_size(pack, w, h, args.changes, args.dirty, args.each)
    print(f"The still moment after a story panel change, {WINDOW_MS} ms from it, pack {args.pack} (ms)")
    print("frame: sync + render + swap, CPU of all threads (main: the main thread's); turn: the longest gap between")
    print("a 1 ms timer's ticks (a tap waits that long), wall clock and the main thread's CPU; total: all CPU of the")
    print("still moment")
    print(machine())
    headers = ["size", "still moment", "n", "frames", "frame CPU p95", "max", "> 25", "main max"]
    headers += ["turn median", "turn max", "turn CPU max", "> 25", "total CPU median", "max"]
    print(table(headers, rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
