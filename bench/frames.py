"""Frame intervals during page transitions with Qt Quick's software renderer (a foyer PC without a GPU).

Usage: python3 bench/frames.py [--size 1920x1080 3840x2160] [--pack cumbria] [--transitions 12]
                               [--give-back-library-pages]
Prints median, 95th percentile and frames over 16.7 ms per size: the loop's crossfades and story panel slides, and
what a visitor does (Next, Back, a swipe, Home, a tip's detail opened and closed: by a finger on its tile, pressed and
released 120 ms later with the frames timed from the release, or by a key: the focus comes to its tile, rests there
until the screen is still, then Enter, its frames timed from the key).
Offscreen platform, Qt Quick's software renderer; animations are paced by Qt's 16 ms animation timer, so an
interval over 16.7 ms is a frame that took longer than one 60 Hz refresh. Each transition starts from a settled
page (200 ms of nothing), and its frames are counted for 800 ms (a 450 ms fade or a 600 ms slide, and after).
A visitor reads each page before the next tap: on the engine's clock (moved by hand) the screen is then still, and
what the kiosk draws ahead meanwhile is counted apart ("screen still" rows), as is the loop's drawing ahead.
--each: every change's frames are printed too, their CPU ms in order, with the page it brings.
--give-back-library-pages: the libraries' resident pages are given back just before the first measured change, as
the running kiosk does once 30 s into the loop (kiosk.core.memory.give_back_library_pages_now), so the first
changes read their code back: the frames that cost.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from PySide6.QtCore import QPoint

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import Clock, machine, median, percentile, table  # noqa: E402

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_QUICK_BACKEND", "software")


DRAW_AHEAD = "loop: next page drawn ahead"
TAP_AHEAD = "visit: drawn ahead while read"
PRESS_AHEAD = "tip: pressed, not yet released"
FOCUS_AHEAD = "tip: focus rests on its tile"
STILL = (DRAW_AHEAD, TAP_AHEAD, PRESS_AHEAD, FOCUS_AHEAD)  # work done while the screen is still, not a transition
VISIT = ("tap Next: page", "tap Next: story panel", "swipe: page", "swipe: story panel", "Back: page")
VISIT += ("Back: story panel", "Home", "tip detail open", "tip: focus comes to a tile", "tip detail open: key")
VISIT += ("tip detail close",)
KINDS = (DRAW_AHEAD, "loop crossfade", "loop story slide", TAP_AHEAD, PRESS_AHEAD, FOCUS_AHEAD, *VISIT)


def _cpu_ms() -> float:
    return time.process_time() * 1000  # all threads: the raster painter spreads big fills over a pool


def _row(size: str, kind: str, intervals: list[float], work: list[float], cpu: list[float]) -> list[object]:
    def over(values: list[float], limit: float) -> int:
        return sum(1 for v in values if v > limit)

    row: list[object] = [size, kind, len(work), median(intervals), percentile(intervals, 95)]
    row += [over(intervals, 16.7), over(intervals, 25)]
    row += [percentile(work, 95), max(work), over(work, 16.7), over(work, 25)]
    return [*row, percentile(cpu, 95), max(cpu), over(cpu, 16.7), over(cpu, 25), ""]


def bench_size(
    pack: Any, w: int, h: int, transitions: int, give_back: bool = False, show_each: bool = False
) -> list[list[object]]:
    """The rows of one screen size: the loop's changes, then a visitor's taps."""
    from PySide6.QtCore import QElapsedTimer
    from PySide6.QtTest import QTest

    from kiosk.ui.render import settle
    from kiosk.ui.scene import start_scene

    clock = Clock()
    s = start_scene(pack, list(pack.pages), clock=clock, idle_timeout=None, auto_advance=True, size=(w, h))
    s.window.show()
    settle(s.window)
    for page in range(len(s.controller.engine.pages)):  # every page and panel once: their pictures asked for
        s.controller.goTo(page)
        for _ in range(8):
            settle(s.window)
            s.controller.next() if s.controller.page == page else None
    s.controller.engine.reset()  # back to the attract loop, at its first page
    s.controller.run_due()
    art = s.engine.property("kioskSingleton_ArtCache")  # kiosk.ui.app.create_engine
    deadline = time.monotonic() + 120
    while art.busy and time.monotonic() < deadline:
        QTest.qWait(100)
    settle(s.window)
    if give_back:
        from kiosk.ui.environment import give_back_library_pages

        give_back_library_pages()
    timer = QElapsedTimer()
    timer.start()
    # afterAnimating: the frame's work starts (sync, render, swap follow, all on this thread offscreen);
    # wall clock, and this process's CPU time, which other processes on a busy machine do not inflate.
    begun: list[tuple[float, float]] = []
    swapped: list[tuple[float, float]] = []
    s.window.afterAnimating.connect(lambda b=begun, t=timer: b.append((t.nsecsElapsed() / 1e6, _cpu_ms())))
    s.window.frameSwapped.connect(lambda f=swapped, t=timer: f.append((t.nsecsElapsed() / 1e6, _cpu_ms())))
    intervals: dict[str, list[float]] = {k: [] for k in KINDS}
    work: dict[str, list[float]] = {k: [] for k in KINDS}
    cpu: dict[str, list[float]] = {k: [] for k in KINDS}
    first_frames: list[float] = []
    c = s.controller
    each: list[str] = []  # --each: every change's frames, one line each

    def measure(kind: str, change: Callable[[], object], wait_ms: int = 800, still_ms: int = 200) -> None:
        """Frames from `change` until the screen is still again (a 450 ms fade or a 600 ms slide, and after), from
        a screen still for `still_ms`."""
        settle(s.window)
        QTest.qWait(still_ms)
        begun.clear()
        swapped.clear()
        started = timer.nsecsElapsed() / 1e6
        change()
        QTest.qWait(wait_ms)
        if swapped and kind != DRAW_AHEAD:
            first_frames.append(swapped[0][0] - started)
        intervals[kind].extend(b[0] - a[0] for a, b in zip(swapped, swapped[1:], strict=False))
        frames = []
        for end in swapped:
            start = max((b for b in begun if b[0] <= end[0]), default=None)
            if start is not None:
                work[kind].append(end[0] - start[0])
                cpu[kind].append(end[1] - start[1])
                frames.append(end[1] - start[1])
        if show_each:
            to = engine.pages[c.page]
            each.append(f"{w}x{h} {kind} -> {c.page} {to.kind} p{c.panel}: " + " ".join(f"{v:.0f}" for v in frames))

    # The loop, as a foyer screen shows it: each timed change on the engine's own clock (moved by hand here), the
    # next page drawn ahead a second before a page change (Controller.upcoming), as the kiosk's timer does it.
    engine = c.engine
    predraw = getattr(engine, "predraw", lambda: None)  # None: code from before drawing ahead, for a comparison
    fades = 0
    while fades < transitions:  # and the story's slides on the way
        ahead = predraw()
        if ahead is not None:
            clock.now = ahead[0]
            measure(DRAW_AHEAD, c.run_predraw, 300)
        change = engine.next_deadline()
        assert change is not None
        before = c.page
        clock.now = change
        count = engine.pages[c.page].panel_count
        kind = "loop story slide" if count and c.panel < count else "loop crossfade"
        measure(kind, c.run_due)
        fades += kind == "loop crossfade"
        assert (c.page != before) == (kind == "loop crossfade")
    # A visitor, from a page read for a moment: each step of drawing ahead (KioskController.tap_ahead_at) run on
    # the engine's clock, as the kiosk's timer runs it while the screen is still.
    tap_ahead = getattr(c, "tap_ahead_at", lambda: None)  # None: code from before drawing ahead for taps

    def read_page() -> None:
        while (at := tap_ahead()) is not None:
            clock.now = max(clock.now, at)
            measure(TAP_AHEAD, c.run_tap_ahead, 250)
        clock.now += 2.0  # a visitor reads: the next tap is seconds later, not at the same clock time

    def panel_moves(back: bool = False) -> bool:
        count = engine.pages[c.page].panel_count
        return bool(count and engine.state.detail < 0 and (c.panel > 1 if back else c.panel < count))

    def swipe(dx: float) -> Callable[[], None]:
        """A finger drawn across the page (KioskView.qml's DragHandler); the frames are timed from its release."""
        from PySide6.QtCore import QPoint, Qt

        y = int(h * 0.4)
        x0 = int(w * 0.5 - dx / 2)
        QTest.mousePress(s.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(x0, y))
        for step in range(1, 9):
            QTest.mouseMove(s.window, QPoint(x0 + int(dx * step / 8), y), 8)
        return lambda: QTest.mouseRelease(
            s.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(int(x0 + dx), y)
        )

    c.touch()
    c.goTo(0)  # from the first page, so the visit goes through the story's panels too
    read_page()
    pages_turned = 0
    while pages_turned < transitions:  # Next: a story advances a panel, else the next page
        kind = "tap Next: story panel" if panel_moves() else "tap Next: page"
        measure(kind, c.next)
        pages_turned += kind == "tap Next: page"
        read_page()
    for _ in range(max(2, transitions // 2)):  # Back, the way they came
        kind = "Back: story panel" if panel_moves(back=True) else "Back: page"
        measure(kind, c.prev)
        read_page()
    for _ in range(max(2, transitions // 2)):  # swipes: onwards, then back
        for dx, back in ((-w * 0.4, False), (w * 0.4, True)):
            kind = "swipe: story panel" if panel_moves(back) else "swipe: page"
            measure(kind, swipe(dx))
            read_page()
    tips = next((i for i, p in enumerate(engine.pages) if p.kind == "tips"), None)
    for n in range(max(2, transitions // 4)):  # Home from a page further on
        c.goTo(min(len(engine.pages) - 1, 3 + n))
        read_page()
        measure("Home", c.home)
        read_page()
    if tips is not None:
        from PySide6.QtCore import QPointF, Qt

        from kiosk.ui.render import walk

        def tile_at(index: int) -> QPoint:
            tile = next(i for i in walk(s.window.contentItem()) if i.objectName() == f"tip-{index}" and i.isVisible())
            return tile.mapToScene(QPointF(tile.width() / 2, tile.height() / 2)).toPoint()

        def finger(press: bool, at: QPoint) -> Callable[[], None]:
            act = QTest.mousePress if press else QTest.mouseRelease
            return lambda: act(s.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, at)

        c.goTo(tips)
        read_page()
        count = len(engine.pages[tips].data["tips"])
        for n in range(max(2, transitions // 2)):  # a tip's detail page, opened and closed ("All tips")
            at = tile_at(n % count)  # a finger: press, 120 ms, release (it opens the tip)
            measure(PRESS_AHEAD, finger(True, at), 120)
            measure("tip detail open", finger(False, at), still_ms=0)
            assert engine.state.detail == n % count
            read_page()
            measure("tip detail close", c.closeDetail)
            read_page()
            # A key user: the focus comes to a tile (Tab ... as far as it; here the tile is given the focus, the
            # same change), rests there until the screen is still (the timer's moment, on the engine's clock), and
            # Enter opens it. Code from before drawing ahead for the focus has no such moment.
            key_tile = (n + 1) % count
            tiles = walk(s.window.contentItem())
            tile = next(i for i in tiles if i.objectName() == f"tip-{key_tile}" and i.isVisible())
            measure("tip: focus comes to a tile", tile.forceActiveFocus)
            focus_at = getattr(c, "focus_ahead_at", lambda: None)()
            if focus_at is not None:
                c.focus_due.disarm()  # its timer runs on the real clock: here the bench runs it, on the engine's
                clock.now = max(clock.now, focus_at)
                measure(FOCUS_AHEAD, c.run_focus_ahead, 300)
            measure("tip detail open: key", lambda: QTest.keyClick(s.window, Qt.Key.Key_Return))
            assert engine.state.detail == key_tile
            read_page()
            measure("tip detail close", c.closeDetail)
            read_page()
    s.close()
    print("\n".join(each), flush=True)
    rows = [_row(f"{w}x{h}", k, intervals[k], work[k], cpu[k]) for k in KINDS if work[k]]
    moving = [k for k in KINDS if k not in STILL]  # the ahead drawing happens while the screen is still
    every = ([v for k in moving for v in d[k]] for d in (intervals, work, cpu))
    rows.append(_row(f"{w}x{h}", "all changes", *every))
    rows[-1][-1] = f"{median(first_frames):.1f}"
    return rows


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", nargs="+", default=["1920x1080", "3840x2160"])
    parser.add_argument("--pack", default="cumbria")
    parser.add_argument("--transitions", type=int, default=12)
    parser.add_argument("--give-back-library-pages", action="store_true")
    parser.add_argument("--each", action="store_true", help="print every change's frames (CPU ms, in order)")
    args = parser.parse_args()

    from kiosk.core import paths
    from kiosk.core.pack import load
    from kiosk.ui import app as qtapp

    # A kiosk that has been round its loop once: every picture already kept as PNG at this size (kiosk/ui/art.py),
    # so no background drawing runs while frames are timed. A scratch folder, not the user's own cache.
    os.environ["KIOSK_HOME"] = tempfile.mkdtemp(prefix="bench-frames-")
    qtapp.prepare_environment(offscreen=True)
    qtapp.make_application()
    pack = load(paths.resolve_pack(args.pack))
    rows = []
    for size in args.size:
        w, h = (int(v) for v in size.split("x"))
        rows += bench_size(pack, w, h, args.transitions, args.give_back_library_pages, args.each)
    print(f"Frames during transitions, Qt Quick software renderer, offscreen, pack {args.pack} (ms)")
    print("interval: between frames on screen; work: one frame's sync + render + swap, wall clock and CPU time")
    print(machine())
    headers = ["size", "transition", "frames", "interval median", "p95", "> 16.7", "> 25"]
    headers += ["work p95", "max", "> 16.7", "> 25", "work CPU p95", "max", "> 16.7", "> 25"]
    headers += ["first frame after change"]
    print(table(headers, rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
