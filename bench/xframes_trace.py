"""Where the X server's long frame intervals come from: the kiosk's own frames and steps beside the probe's.

Usage: python3 bench/xframes_trace.py [--size 3840x2160] [--seconds 40] [--warm 20] [--out trace.txt]

As bench/xframes.py (a private Xvfb, the attract loop of cumbria with 5 s pages), but the kiosk runs inside a small
wrapper that logs, on the machine's monotonic clock, every frame it draws (start and end of the frame's work,
CPU time) and every step of its controller (a page change, drawing ahead, becoming still, pictures kept). The X
server stamps its damage events with the same clock (ms), so both lines up in one timeline; each damage frame
carries the area it covered. Printed: each X interval over 33 ms with what the kiosk did just before it.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import common  # noqa: E402
from xframes import SAME_FRAME_MS, STILL_MS, damage_events, short_pack  # noqa: E402

# Runs inside the kiosk's process: hooks the window and the controller as soon as the scene exists.
WRAPPER = r"""
import json, sys, time
log = open(sys.argv.pop(1), "w", buffering=1)
def note(kind, **more):
    row = {"t": time.monotonic() * 1000, "cpu": time.process_time() * 1000, "kind": kind, **more}
    log.write(json.dumps(row) + "\n")
import kiosk.ui.incubation as inc
orig = inc.FirstFrameFirst.__init__
def hooked(self, engine, window):
    orig(self, engine, window)
    window.beforeSynchronizing.connect(lambda: note("sync"))
    window.frameSwapped.connect(lambda: note("swap"))
    c = engine.property("kioskSingleton_Controller")
    if c is None:
        from kiosk.ui.app import _ENGINE_PROPERTY
        c = engine.property(_ENGINE_PROPERTY + "Controller")
    if c is not None:
        c.stateChanged.connect(lambda: note("state", page=c.page, panel=c.panel))
        c.upcomingChanged.connect(lambda: note("upcoming", page=c.upcoming))
        c.becameStill.connect(lambda: note("still"))
        c.picturePagesChanged.connect(lambda: note("pictures", pages=c.picturePages))
        c.aheadChanged.connect(lambda: note("ahead"))
inc.FirstFrameFirst.__init__ = hooked
import runpy
sys.argv[0] = "kiosk"
runpy.run_module("kiosk", run_name="__main__")
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", default="3840x2160")
    parser.add_argument("--seconds", type=float, default=40)
    parser.add_argument("--warm", type=float, default=20)
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    w, h = (int(v) for v in args.size.split("x"))
    with tempfile.TemporaryDirectory(prefix="xtrace-") as t:
        tmp = Path(t)
        pack = short_pack(tmp)
        wrapper = tmp / "wrap.py"
        wrapper.write_text(WRAPPER)
        kiosk_log = tmp / "kiosk.jsonl"
        with common.xvfb((w, h)) as display:
            runtime = tmp / "run"
            runtime.mkdir(mode=0o700)
            env = common.kiosk_env(
                tmp / "home", {"DISPLAY": display, "QT_QPA_PLATFORM": "xcb", "XDG_RUNTIME_DIR": str(runtime)}
            )
            # As bench/xframes.py: a first start fills the caches (QML, pictures), the second is measured.
            warm = subprocess.Popen(
                common.kiosk_command(False, "--pack", str(pack)),
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            try:
                time.sleep(3 + args.warm)
            finally:
                common.stop(warm)
            proc = subprocess.Popen(
                [sys.executable, str(wrapper), str(kiosk_log), "--pack", str(pack)],
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            try:
                time.sleep(3)
                t0 = time.monotonic() * 1000
                events = damage_events(display, args.seconds)
            finally:
                common.stop(proc)
        kiosk = [json.loads(line) for line in kiosk_log.read_text().splitlines() if line.strip()]
    kiosk = [k for k in kiosk if k["t"] >= t0 - 1000]
    frames: list[list[int]] = []  # [server ms, area]
    for ts, area in events:
        if frames and (ts - frames[-1][0]) % 2**32 <= SAME_FRAME_MS:
            frames[-1][1] += area
        else:
            frames.append([ts, area])
    lines = []
    for k in kiosk:
        more = json.dumps({x: v for x, v in k.items() if x not in ("t", "cpu", "kind")})
        lines.append((k["t"], f"kiosk {k['kind']:9} cpu {k['cpu']:9.1f} {more}"))
    for ts, area in frames:
        lines.append((float(ts), f"X     damage    {area / (w * h) * 100:6.1f} % of the screen"))
    lines.sort()
    text = [f"{t:12.1f} {what}" for t, what in lines]
    gaps = []
    for a, b in zip(frames, frames[1:], strict=False):
        gap = (b[0] - a[0]) % 2**32
        if 33 < gap <= STILL_MS:
            gaps.append((gap, b[0]))
    report = [f"X intervals over 33 ms (of {len(frames) - 1}):"]
    for gap, at in gaps:
        before = [k for k in kiosk if at - 400 <= k["t"] <= at + 5]
        kinds = ", ".join(f"{k['kind']}@{k['t'] - at:+.0f}" for k in before if k["kind"] != "sync")
        report.append(f"  {gap} ms ending at {at}: {kinds}")
    out = "\n".join(report + [""] + text) + "\n"
    if args.out:
        args.out.write_text(out)
    print("\n".join(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
