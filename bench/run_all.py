"""Every benchmark in turn, each printing its table; about 10 minutes on a 2-core machine.

    python3 bench/run_all.py [--quick] [--out results.md]

--quick shortens the long runs (10 s loop, 2,000 transitions, 10 s idle, 3 start-up runs) to check the scripts
work; the numbers in bench/README.md come from a full run. Needs Chromium and Xvfb (apt-get install -y chromium
xvfb) and, for the frozen rows, a build (python3 build_installer.py --no-packages).
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import common  # noqa: E402

FULL = {
    "startup.py": ["--runs", "7"],
    "memory.py": ["--seconds", "60", "--transitions", "10000"],
    "frames.py": ["--transitions", "12"],
    "idle.py": ["--seconds", "30"],
    "tap_latency.py": ["--taps", "30"],
    "size.py": [],
}
QUICK = {
    "startup.py": ["--runs", "3"],
    "memory.py": ["--seconds", "10", "--transitions", "2000"],
    "frames.py": ["--transitions", "4"],
    "idle.py": ["--seconds", "10"],
    "tap_latency.py": ["--taps", "8"],
    "size.py": [],
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--out", help="also write everything to this file")
    args = parser.parse_args()
    report = [f"# Bench run\n\n{common.machine()}\n"]
    failed = 0
    for script, script_args in (QUICK if args.quick else FULL).items():
        command = [sys.executable, str(HERE / script), *script_args]
        start = time.monotonic()
        out = subprocess.run(command, capture_output=True, text=True, timeout=1200, cwd=common.ROOT)
        text = out.stdout.strip()
        if out.returncode:
            text += f"\n(exit {out.returncode}) {out.stderr.strip()[-1500:]}"
        failed += out.returncode != 0
        section = f"## {script} {' '.join(script_args)} ({time.monotonic() - start:.0f} s)\n\n{text}\n"
        print(section, flush=True)
        report.append(section)
    if args.out:
        Path(args.out).write_text("\n".join(report))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
