"""Memory A/B: two kiosk checkouts (or one with two environments) run alternately, RSS sampled through the loop.

    python3 bench/memory_ab.py --a TREE [--a-env NAME=VALUE ...] --b TREE [--b-env ...] [--runs 3]
                               [--size 1920x1080] [--start 30] [--end 90] [--faults-every 60]

A single 60 s instant depends on the page on screen, and PSS depends on what else maps the same libraries (another
process of this virtualenv halves their pages: bench/README.md, "mem20"), so a change's saving is measured here
as the median RSS of samples every 2 s from --start to --end s into the attract loop, A and B alternating (A B A B
...), each run with a fresh kiosk home, its own runtime folder and a private Xvfb. TREE is a checkout root (with
its compiled kiosk/ui/resources_rc.py; `git archive` one and copy that file in) run as `python -m kiosk --pack
cumbria` from that folder. Also prints the process's page faults (minflt/majflt of /proc/PID/stat) at --start and
--end, and every --faults-every s between them: what a page given back and needed again would show.
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


def faults(pid: int) -> tuple[int, int]:
    """(minor, major) page faults of `pid` so far (fields 10 and 12 of /proc/PID/stat)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return int(fields[7]), int(fields[9])


def run_once(
    tree: Path, env_extra: dict[str, str], size: tuple[int, int], args: argparse.Namespace
) -> dict[str, float]:
    with common.scratch("memab") as tmp, common.xvfb(size) as display:
        runtime = tmp / "run"
        runtime.mkdir(mode=0o700)
        env = common.kiosk_env(
            tmp / "home", {"DISPLAY": display, "QT_QPA_PLATFORM": "xcb", "XDG_RUNTIME_DIR": str(runtime)}
        )
        env["PYTHONPATH"] = str(tree)
        env.update(env_extra)
        proc = subprocess.Popen(
            [sys.executable, "-m", "kiosk", "--pack", "cumbria"],
            cwd=tree,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        rss: list[float] = []
        pss: list[float] = []
        fault_rows: list[str] = []
        try:
            begin = time.monotonic()
            next_fault = args.start
            while (t := time.monotonic() - begin) < args.end:
                if proc.poll() is not None:
                    raise SystemExit(f"the kiosk exited early ({proc.returncode})")
                if t >= args.start:
                    m = common.memory(proc.pid)
                    rss.append(m.rss_mb)
                    pss.append(m.pss_mb)
                    if t >= next_fault:
                        minor, major = faults(proc.pid)
                        fault_rows.append(f"{t:.0f}s min {minor} maj {major}")
                        next_fault += args.faults_every
                time.sleep(2.0)
            minor, major = faults(proc.pid)
            fault_rows.append(f"{time.monotonic() - begin:.0f}s min {minor} maj {major}")
        finally:
            common.stop(proc)
    print(f"    faults: {'; '.join(fault_rows)}", flush=True)
    return {"rss": common.median(rss), "pss": common.median(pss), "rss_max": max(rss)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--a", type=Path, default=common.ROOT)
    parser.add_argument("--b", type=Path, default=common.ROOT)
    parser.add_argument("--a-env", action="append", default=[], help="NAME=VALUE for A's kiosk")
    parser.add_argument("--b-env", action="append", default=[], help="NAME=VALUE for B's kiosk")
    parser.add_argument("--runs", type=int, default=3, help="runs of each")
    parser.add_argument("--size", default="1920x1080")
    parser.add_argument("--start", type=float, default=30)
    parser.add_argument("--end", type=float, default=90)
    parser.add_argument("--faults-every", type=float, default=60)
    args = parser.parse_args()
    size = tuple(int(v) for v in args.size.split("x"))
    variants = {
        "A": (args.a.resolve(), dict(e.split("=", 1) for e in args.a_env)),
        "B": (args.b.resolve(), dict(e.split("=", 1) for e in args.b_env)),
    }
    print(common.machine())
    for name, (tree, env) in variants.items():
        print(f"{name}: {tree} {' '.join(f'{k}={v}' for k, v in env.items())}")
    results: dict[str, list[dict[str, float]]] = {"A": [], "B": []}
    for i in range(args.runs):
        for name, (tree, env) in variants.items():
            r = run_once(tree, env, (size[0], size[1]), args)
            results[name].append(r)
            load = os.getloadavg()[0]
            print(
                f"  run {i + 1} {name}: RSS median {r['rss']:.1f} (max {r['rss_max']:.1f}) PSS median {r['pss']:.1f} "
                f"MiB; load {load:.1f}",
                flush=True,
            )
    for name in variants:
        rss = [r["rss"] for r in results[name]]
        pss = [r["pss"] for r in results[name]]
        print(
            f"{name}: RSS median of runs {common.median(rss):.1f} MiB ({', '.join(f'{v:.1f}' for v in rss)}); "
            f"PSS {common.median(pss):.1f} MiB"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
