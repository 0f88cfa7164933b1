"""Studio start-up A/B: `kiosk studio` of two or more builds started in turn, wall and CPU time to its first frame.

    python3 bench/studio_start.py [--runs 15] [--pack DIR] NAME=COMMAND NAME=COMMAND ...

Each COMMAND is a kiosk command line run by the shell with `studio PACK --exit-after-first-frame` appended (the
studio's window with its three previews drawn once), e.g. `before=/work/main/dist/campaign-kiosk/campaign-kiosk`
`after=dist/campaign-kiosk/campaign-kiosk` (`env NAME=VALUE ...` in front sets a variable for one variant). PACK is
a copy of the test pack (tests/fixtures/packs/minimal) unless --pack names another. Each variant gets its own
KIOSK_HOME and XDG_RUNTIME_DIR on a private Xvfb (1920x1080). The variants alternate run by run, the first round
is discarded, and medians are reported: on a machine whose load drifts, only numbers taken in the same minutes
compare.
"""

from __future__ import annotations

import argparse
import os
import shlex
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import common  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--pack", type=Path, default=common.ROOT / "tests" / "fixtures" / "packs" / "minimal")
    parser.add_argument("variants", nargs="+", metavar="NAME=COMMAND")
    args = parser.parse_args()
    variants = [v.split("=", 1) for v in args.variants]
    results: dict[str, tuple[list[float], list[float]]] = {name: ([], []) for name, _ in variants}
    with common.scratch("studio-start") as tmp, common.xvfb((1920, 1080)) as display:
        pack = tmp / "my-pack"
        shutil.copytree(args.pack, pack)
        studio = f"studio {shlex.quote(str(pack))} --exit-after-first-frame"
        envs = {}
        for i, (name, _) in enumerate(variants):
            envs[name] = common.xvfb_kiosk_env(tmp, i, display) | {"KIOSK_POLICY": str(tmp / "no-policy.toml")}
        load_before = os.getloadavg()
        for run in range(args.runs + 1):
            for name, command in variants:
                started = common.start(command, envs[name], studio)
                if run:  # the first round only warms the disk cache
                    results[name][0].append(started.wall * 1000)
                    results[name][1].append(started.cpu * 1000)
        load_after = os.getloadavg()
    print(f"Studio start-up A/B, median of {args.runs} alternating runs")
    print(common.machine())
    print(f"load before {load_before[0]:.2f}, after {load_after[0]:.2f}")
    rows = [[name, common.median(w), min(w), common.median(c), min(c)] for name, (w, c) in results.items()]
    print(common.table(["", "wall median ms", "wall min ms", "CPU median ms", "CPU min ms"], rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
