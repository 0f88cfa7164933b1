"""Start-up A/B: two or more kiosk builds started in turn, wall and CPU time to the first frame, in the same minutes.

    python3 bench/startup_ab.py [--runs 15] [--warm] NAME=COMMAND NAME=COMMAND ...

Each COMMAND is a kiosk command line run by the shell with `--pack cumbria --exit-after-first-frame` appended,
e.g. `before=PYTHONPATH=/tmp/main python3 -m kiosk` `after=dist/campaign-kiosk/campaign-kiosk`. Each gets its
own KIOSK_HOME and XDG_RUNTIME_DIR on a private Xvfb (1920x1080). `--warm` first runs each for 6 s (its caches
written, as on a kiosk that has run before). The variants alternate run by run, the first round is discarded,
and medians are reported: on a machine whose load drifts, only numbers taken in the same minutes compare.
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


def start(command: str, env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU seconds (the process and its threads, from wait4) of one start to the first frame."""
    wall, cpu, _ = common.start_to_first_frame(command, env)
    return wall, cpu


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--warm", action="store_true", help="run each for 6 s first, so its caches are written")
    parser.add_argument("variants", nargs="+", metavar="NAME=COMMAND")
    args = parser.parse_args()
    variants = [v.split("=", 1) for v in args.variants]
    results: dict[str, tuple[list[float], list[float]]] = {name: ([], []) for name, _ in variants}
    with common.scratch("startup-ab") as tmp, common.xvfb((1920, 1080)) as display:
        envs = {}
        for name, _ in variants:
            runtime = tmp / f"runtime-{len(envs)}"
            runtime.mkdir(mode=0o700)
            env = dict(os.environ, DISPLAY=display, QT_QPA_PLATFORM="xcb", XDG_RUNTIME_DIR=str(runtime))
            env["KIOSK_HOME"] = str(tmp / f"home-{len(envs)}")
            env.pop("PYTHONDONTWRITEBYTECODE", None)
            env.pop("QT_QUICK_BACKEND", None)
            envs[name] = env
        if args.warm:
            for name, command in variants:
                proc = subprocess.Popen(f"exec {command} --pack cumbria", shell=True, env=envs[name])
                time.sleep(6.0)
                common.stop(proc)
        for run in range(args.runs + 1):
            for name, command in variants:
                wall, cpu = start(command, envs[name])
                if run:  # the first round only warms the disk cache
                    results[name][0].append(wall * 1000)
                    results[name][1].append(cpu * 1000)
    print(f"Start-up A/B, median of {args.runs} alternating runs{' (warm homes)' if args.warm else ''}")
    print(common.machine())
    rows = [[name, common.median(w), min(w), common.median(c), min(c)] for name, (w, c) in results.items()]
    print(common.table(["", "wall median ms", "wall min ms", "CPU median ms", "CPU min ms"], rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
