"""Start-up as the screen shows it: launch to the first page on screen, the kiosk and Chromium by one probe.

    python3 bench/startup_screen.py [--runs 9] [--size 1920x1080] [--no-source] [--before DIR/campaign-kiosk]

bench/startup.py times the kiosk as a whole process (`--exit-after-first-frame`: its shutdown counted) and
Chromium to its "first-frame" console line (its shutdown not counted): two different probes. This one watches
the X server instead, the same way for every contender: XDamage on the root window reports every change to the
screen with the server's timestamp (Xvfb's is CLOCK_MONOTONIC in ms, the clock this script reads at launch);
after each batch of changes the probe samples 20 small patches of the screen. Once the contender says its page
is up (the kiosk's timeline, Chromium's console line) and the screen has stood still for SETTLE_S, the patches
then are the page: the time reported is the last change before the screen first showed them and kept them.
The settled screen is checked not to be blank (at least MIN_COLOURS colours). A kiosk that shows the kept
picture of its first page gets that picture's time; beside it, from its own timeline (`KIOSK_STARTUP_TIMELINE`),
its live page's first complete frame and the moment it settled and took over from the picture (from then on
taps go straight to it; earlier ones were kept and delivered then). The kiosk is then stopped with SIGTERM,
STOP_AFTER_S after its launch, and the time it takes to end is its shutdown. Runs alternate; one warm-up run each
first (the kiosk keeps its picture, Chromium its profile). Chromium's CPU is summed over its tree at its console
line; the kiosk's is its own at its first complete frame.
"""

from __future__ import annotations

import argparse
import os
import select
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import common  # noqa: E402
from peer_page import generate  # noqa: E402

SETTLE_S = 1.0
TIMEOUT_S = 30.0
GRID = (5, 4)
PATCH = 32
MIN_COLOURS = 16
SAME_LEVELS = 8  # of 255, per colour channel: looks_same
SAME_FRACTION = 0.05
STOP_AFTER_S = 4.0  # SIGTERM this long after launch: start-up's work (page building, counts) is over
QUIET_AFTER_S = 3.0  # a contender that never says it is up: done after this, once the screen is still


@dataclass
class Run:
    page_ms: float  # launch -> the last change before the screen showed the page for good
    live_ms: float = float("nan")  # the kiosk's first complete live frame (its timeline), Chromium's console line
    cpu_ms: float = float("nan")
    shutdown_ms: float = float("nan")
    colours: int = 0
    marks: dict[str, float] = field(default_factory=dict)


class Screen:
    """The probe: XDamage on the root window, and small samples of the screen."""

    def __init__(self, display: str) -> None:
        from Xlib import display as xdisplay
        from Xlib.ext import damage

        self.d = xdisplay.Display(display)
        self.d.damage_query_version()
        self.root = self.d.screen().root
        geo = self.root.get_geometry()
        self.size = (geo.width, geo.height)
        self.root.damage_create(damage.DamageReportRawRectangles)
        self.d.sync()
        self.drain()

    def drain(self) -> list[int]:
        stamps = []
        while self.d.pending_events():
            ev = self.d.next_event()
            if type(ev).__name__ == "DamageNotify":
                stamps.append(int(ev.timestamp))
        return stamps

    def sample(self) -> tuple[bytes, ...]:
        from Xlib import X

        w, h = self.size
        cols, rows = GRID
        out = []
        for r in range(rows):
            for c in range(cols):
                x = int((c + 0.5) * w / cols) - PATCH // 2
                y = int((r + 0.5) * h / rows) - PATCH // 2
                out.append(self.root.get_image(x, y, PATCH, PATCH, X.ZPixmap, 0xFFFFFFFF).data)
        return tuple(out)

    def colours(self) -> int:
        """Distinct colours in a strip of rows across the whole screen (a blank window has one or two)."""
        from Xlib import X

        w, h = self.size
        seen: set[bytes] = set()
        for y in range(0, h, max(1, h // 24)):
            data = self.root.get_image(0, y, w, 1, X.ZPixmap, 0xFFFFFFFF).data
            seen.update(data[i : i + 4] for i in range(0, len(data), 4))
        return len(seen)

    def watch(self, launched_ms: int, done: Callable[[], bool]) -> tuple[float, int]:
        """Until `done()` and SETTLE_S without a change: launch -> the page on screen (ms), and its colours."""
        records: list[tuple[int, tuple[bytes, ...]]] = []
        last_change = time.monotonic()
        deadline = time.monotonic() + TIMEOUT_S
        while time.monotonic() < deadline:
            if not self.d.pending_events():
                select.select([self.d], [], [], 0.02)
            stamps = self.drain()
            if stamps:
                last_change = time.monotonic()
                records.append((stamps[-1], self.sample()))
            elif done() and time.monotonic() - last_change > SETTLE_S:
                break
        else:
            raise SystemExit("the screen never settled")
        final = self.sample()
        first = len(records)
        while first > 0 and looks_same(records[first - 1][1], final):
            first -= 1
        if first == len(records):
            raise SystemExit("the page changed after the last change the probe saw")
        return float((records[first][0] - launched_ms) % 2**32), self.colours()


def looks_same(a: tuple[bytes, ...], b: tuple[bytes, ...]) -> bool:
    """The same page to the eye: at most SAME_FRACTION of the sampled pixels differ by more than SAME_LEVELS in a
    colour channel. The kiosk's page is drawn again 0.3-0.5 s after its first frame with about 2 % of its pixels
    changed (text and picture edges re-rasterised; the same on main): not a new page. A blank or half-drawn window
    (no poster: a third of the screen) differs in far more."""
    differing = total = 0
    for x, y in zip(a, b, strict=True):
        total += len(x) // 4
        if x == y:
            continue
        for i in range(0, len(x), 4):
            if x[i : i + 3] != y[i : i + 3] and max(abs(x[i + k] - y[i + k]) for k in range(3)) > SAME_LEVELS:
                differing += 1
    return differing <= SAME_FRACTION * total


def read_lines(stream: object, lines: list[str]) -> threading.Thread:
    def pump() -> None:
        for line in stream:  # type: ignore[attr-defined]
            lines.append(line if isinstance(line, str) else line.decode(errors="replace"))

    thread = threading.Thread(target=pump, daemon=True)
    thread.start()
    return thread


def kiosk_run(screen: Screen, command: list[str], display: str, home: Path, runtime: Path) -> Run:
    env = common.kiosk_env(
        home,
        {"DISPLAY": display, "QT_QPA_PLATFORM": "xcb", "XDG_RUNTIME_DIR": str(runtime), "KIOSK_STARTUP_TIMELINE": "1"},
    )
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    screen.drain()
    start = time.monotonic()
    proc = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    lines: list[str] = []
    reader = read_lines(proc.stderr, lines)

    def done() -> bool:
        if any("timeline: first_complete_frame" in line for line in lines) or proc.poll() is not None:
            return True
        return time.monotonic() - start > QUIET_AFTER_S  # a kiosk that prints no timeline while it runs (older)

    try:
        page_ms, colours = screen.watch(int(start * 1000) % 2**32, done)
    finally:
        time.sleep(max(0.0, start + STOP_AFTER_S - time.monotonic()))  # every kiosk stopped at the same point
        stop_at = time.monotonic()
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        shutdown = time.monotonic() - stop_at
        reader.join(2)
    marks = {}
    for line in lines:
        if line.startswith("timeline: "):
            _, name, wall, cpu = line.split()
            marks[name] = (float(wall) - start) * 1000
            marks[name + "/cpu"] = float(cpu) * 1000
    if proc.returncode not in (0, -signal.SIGTERM):
        raise SystemExit(f"kiosk failed ({proc.returncode}): " + "".join(lines)[-2000:])
    return Run(
        page_ms,
        marks.get("first_complete_frame", float("nan")),
        marks.get("first_complete_frame/cpu", float("nan")),
        shutdown * 1000,
        colours,
        marks,
    )


def chromium_run(screen: Screen, url: str, display: str, size: tuple[int, int], profile: Path) -> Run:
    env = dict(os.environ, DISPLAY=display)
    screen.drain()
    start = time.monotonic()
    proc = subprocess.Popen(
        common.chromium_command(url, size, profile), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    lines: list[str] = []
    seen: list[float] = []
    cpu: list[float] = []

    def pump() -> None:
        assert proc.stderr is not None
        for raw in proc.stderr:
            line = raw.decode(errors="replace")
            lines.append(line)
            if "BENCH first-frame" in line and not seen:
                seen.append(time.monotonic() - start)
                cpu.append(sum(common.cpu_seconds(common.process_tree(proc.pid)).values()))

    reader = threading.Thread(target=pump, daemon=True)
    reader.start()
    try:
        page_ms, colours = screen.watch(int(start * 1000) % 2**32, lambda: bool(seen))
    finally:
        common.stop(proc)
        reader.join(2)
    return Run(page_ms, seen[0] * 1000, cpu[0] * 1000, colours=colours)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--size", default="1920x1080")
    parser.add_argument("--no-source", action="store_true", help="skip the kiosk from source")
    parser.add_argument("--no-frozen", action="store_true", help="skip this checkout's frozen build")
    parser.add_argument("--before", action="append", default=[], metavar="NAME=EXE", help="another kiosk to time")
    parser.add_argument("--pack", default="cumbria")
    args = parser.parse_args()
    w, h = (int(v) for v in args.size.split("x"))
    size = (w, h)
    runs: dict[str, list[Run]] = {}
    with common.scratch("startup-screen") as tmp, common.xvfb(size) as display:
        url = generate(args.pack, tmp / "peer").as_uri() + "#static"
        screen = Screen(display)
        kiosks: dict[str, list[str]] = {}
        if not args.no_source:
            kiosks["kiosk, source"] = common.kiosk_command(False, "--pack", args.pack)
        if not args.no_frozen and common.FROZEN.exists():
            kiosks["kiosk, frozen"] = common.kiosk_command(True, "--pack", args.pack)
        for spec in args.before:
            name, _, exe = spec.partition("=")
            kiosks[name] = [exe, "--pack", args.pack]
        contenders: dict[str, Callable[[], Run]] = {}
        for i, (name, command) in enumerate(kiosks.items()):
            home, runtime = tmp / f"home{i}", tmp / f"run{i}"
            runtime.mkdir(mode=0o700)
            contenders[name] = lambda c=command, h=home, r=runtime: kiosk_run(screen, c, display, h, r)
        contenders["Chromium --kiosk"] = lambda: chromium_run(screen, url, display, size, tmp / "chromium")
        for run in contenders.values():  # warm-up, not counted: the kiosk keeps its picture, Chromium its profile
            run()
        for _ in range(args.runs):
            for name, run in contenders.items():
                runs.setdefault(name, []).append(run())
    chromium = common.median([r.page_ms for r in runs["Chromium --kiosk"]])
    rows = []
    for name, rs in runs.items():
        page = common.median([r.page_ms for r in rs])
        rows.append(
            [
                name,
                page,
                min(r.page_ms for r in rs),
                max(r.page_ms for r in rs),
                f"{page / chromium:.2f}",
                common.median([r.live_ms for r in rs]),
                common.median([r.marks.get("live_page_settled", float("nan")) for r in rs]),
                common.median([r.cpu_ms for r in rs]),
                common.median([r.shutdown_ms for r in rs]) if name != "Chromium --kiosk" else "",
                min(r.colours for r in rs),
            ]
        )
    print(f"Start-up to the first page on screen (XDamage probe), {args.size} Xvfb, median of {args.runs} runs")
    print(common.machine())
    print(
        common.table(
            [
                "",
                "page on screen ms",
                "min",
                "max",
                "/ Chromium",
                "live page ms (own)",
                "live page settled ms",
                "CPU ms (own)",
                "shutdown ms (SIGTERM)",
                "colours (min)",
            ],
            rows,
        )
    )
    for name, rs in runs.items():
        if "picture_withdrawn" in rs[0].marks:
            shown = [r.marks.get("first_picture_shown", float("nan")) for r in rs]
            print(f"{name}: picture shown (its own mark) median {common.median(shown):.1f} ms")
    if "kiosk, frozen" in runs:
        fz = common.median([r.page_ms for r in runs["kiosk, frozen"]])
        print(f"target: frozen under half of Chromium's ({fz / chromium:.2f}): {common.verdict(fz < chromium / 2)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
