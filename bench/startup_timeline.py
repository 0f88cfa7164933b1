"""Start-up timeline: where the time from launch to the first frame goes, milestone by milestone.

    python3 bench/startup_timeline.py [--runs 9] [--size 1920x1080] NAME=COMMAND [NAME=COMMAND ...]

Each COMMAND is a kiosk command line (run by the shell, `--pack cumbria --exit-after-first-frame` appended),
e.g. `frozen=dist/campaign-kiosk/campaign-kiosk` `source=python3 -m kiosk`. The kiosk is started with
KIOSK_STARTUP_TIMELINE=1 and prints its milestones (kiosk.core.timeline: CLOCK_MONOTONIC, shared by every
process, and its CPU time) when its first complete frame is on screen; this script subtracts its own launch
time. Each command gets its own warm home (a 6 s run first), the commands alternate, the first round is
discarded, and the table shows medians: wall ms from launch and CPU ms of the process at each milestone, then
the whole process (wait4) at its exit.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import common  # noqa: E402


def start(command: str, env: dict[str, str]) -> dict[str, tuple[float, float]]:
    """One start: milestone -> (wall ms since launch, CPU ms of the process)."""
    began = time.monotonic()
    total_wall, total_cpu, err = common.start_to_first_frame(command, env)
    marks: dict[str, tuple[float, float]] = {}
    for line in err.splitlines():
        if line.startswith("timeline: "):
            _, name, wall, cpu = line.split()
            marks[name.replace("_", " ")] = ((float(wall) - began) * 1000, float(cpu) * 1000)
    if not marks:
        raise SystemExit(f"{command!r} printed no timeline (a build without kiosk.core.timeline?)")
    marks["process ended (wait4)"] = (total_wall * 1000, total_cpu * 1000)
    return marks


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--size", default="1920x1080")
    parser.add_argument("variants", nargs="+", metavar="NAME=COMMAND")
    args = parser.parse_args()
    size = tuple(int(v) for v in args.size.split("x"))
    assert len(size) == 2
    variants = [v.split("=", 1) for v in args.variants]
    runs: dict[str, list[dict[str, tuple[float, float]]]] = {name: [] for name, _ in variants}
    with common.scratch("startup-timeline") as tmp, common.xvfb(size) as display:
        envs = {}
        for i, (name, command) in enumerate(variants):
            runtime = tmp / f"runtime-{i}"
            runtime.mkdir(mode=0o700)
            env = dict(os.environ, DISPLAY=display, QT_QPA_PLATFORM="xcb", XDG_RUNTIME_DIR=str(runtime))
            env["KIOSK_HOME"] = str(tmp / f"home-{i}")
            env["KIOSK_STARTUP_TIMELINE"] = "1"
            for key in ("PYTHONDONTWRITEBYTECODE", "QT_QUICK_BACKEND"):
                env.pop(key, None)
            envs[name] = env
            proc = subprocess.Popen(f"exec {command} --pack cumbria", shell=True, env=env, stderr=subprocess.DEVNULL)
            time.sleep(6.0)  # warm: its caches written, as on a kiosk that has run before
            common.stop(proc)
        load_before = os.getloadavg()
        for run in range(args.runs + 1):
            for name, command in variants:
                marks = start(command, envs[name])
                if run:  # the first round only warms the disk cache
                    runs[name].append(marks)
        load_after = os.getloadavg()
    print(f"Start-up timeline, {args.size} Xvfb, median of {args.runs} alternating runs (warm homes)")
    print(common.machine())
    print(f"load before {load_before[0]:.2f}, after {load_after[0]:.2f}")
    for name, found in runs.items():
        order = sorted(found[0], key=lambda m: found[0][m][0])
        rows = []
        last_wall = last_cpu = 0.0
        for mark in order:
            walls = [r[mark][0] for r in found if mark in r]
            cpus = [r[mark][1] for r in found if mark in r]
            wall, cpu = common.median(walls), common.median(cpus)
            rows.append([mark, wall, wall - last_wall, cpu, cpu - last_cpu])
            last_wall, last_cpu = wall, cpu
        print(f"\n{name}")
        print(common.table(["milestone", "wall ms", "+ wall", "CPU ms", "+ CPU"], rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
