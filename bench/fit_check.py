"""`kiosk check` with its layout fit, this checkout against another (`--src`, e.g. the commit before a change),
alternating runs in the same minutes: wall and CPU time per pack, and whether the two print the same findings.

    git worktree add /tmp/before db98fd0 && cp kiosk/ui/resources_rc.py /tmp/before/kiosk/ui/
    python bench/fit_check.py --src /tmp/before --runs 3 cumbria derbyshire

On a shared machine run it at the top CPU priority in a session of its own (bench/README.md); the load is printed
beside the figures. Findings are compared with the pack's folder name in place of each checkout's path, sorted.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import ROOT, machine, median, scratch, table  # noqa: E402


def run(src: Path, pack: str, home: Path) -> tuple[float, float, list[str]]:
    """One `kiosk check` from checkout `src`: wall seconds, CPU seconds (user + system), its output lines."""
    env = dict(os.environ, KIOSK_HOME=str(home), QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(src))
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "kiosk", "check", pack], cwd=src, env=env, capture_output=True, text=True, check=False
    )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    lines = [line.replace(str(src), "<src>") for line in (done.stdout + done.stderr).splitlines()]
    return wall, cpu, sorted(lines + [f"exit {done.returncode}"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--src", type=Path, required=True, help="the other checkout (its resources_rc.py compiled)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("packs", nargs="*", default=["cumbria", "derbyshire"])
    args = parser.parse_args()
    trees = {"before (--src)": args.src.resolve(), "this checkout": ROOT}
    rows = []
    with scratch("fit-check") as home:
        for pack in args.packs:
            times: dict[str, list[tuple[float, float]]] = {name: [] for name in trees}
            outputs: dict[str, list[str]] = {}
            loads = []
            for _ in range(args.runs):
                for name, src in trees.items():  # alternating, so both meet the same load
                    wall, cpu, out = run(src, pack, home)
                    times[name].append((wall, cpu))
                    outputs[name] = out
                    loads.append(os.getloadavg()[0])
            same = len(set(map(tuple, outputs.values()))) == 1
            base = median([w for w, _ in times["before (--src)"]])
            for name in trees:
                wall = median([w for w, _ in times[name]])
                cpu = median([c for _, c in times[name]])
                rows.append([pack, name, round(wall, 1), round(cpu, 1), round(wall / base, 2), same])
            print(f"{pack}: load {min(loads):.1f}-{max(loads):.1f} during its runs", file=sys.stderr)
    print(f"`kiosk check` (layout fit included), median of {args.runs} alternating runs\n")
    print(machine() + "\n")
    print(table(["pack", "code", "wall s", "CPU s", "/ before", "same findings"], rows))


if __name__ == "__main__":
    main()
