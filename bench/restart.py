"""How fast `kiosk supervise` brings the kiosk back, and how fast a second kiosk gives way.

Usage: python bench/restart.py [--kiosk dist/campaign-kiosk/campaign-kiosk] [--runs 5] [--heartbeat-limit 15]
Without --kiosk it runs `python -m kiosk` from this source tree. Offscreen, in a temporary KIOSK_HOME.
Prints medians: second instance exit; crash (SIGKILL) to the new kiosk's first heartbeat; hang (SIGSTOP) to the
new kiosk's first heartbeat (heartbeat limit + restart delay + start-up).
"""

from __future__ import annotations

import argparse
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def wait_for_new_pid(beat: Path, old: str | None, timeout: float = 120) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            pid = beat.read_text().split()[0]
        except (OSError, IndexError):
            pid = None
        if pid and pid != old:
            return pid
        time.sleep(0.02)
    raise TimeoutError("no new heartbeat")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--kiosk", help="frozen executable (default: python -m kiosk from source)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--heartbeat-limit", type=float, default=15.0)
    args = parser.parse_args()
    kiosk = [str(Path(args.kiosk).resolve())] if args.kiosk else [sys.executable, "-m", "kiosk"]
    home = Path(tempfile.mkdtemp(prefix="kiosk-bench-"))
    env = {**os.environ, "KIOSK_HOME": str(home), "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    beat = home / "runtime" / "heartbeat"
    supervisor = subprocess.Popen(
        [*kiosk, "supervise", "--heartbeat-limit", str(args.heartbeat_limit)], env=env, cwd=home
    )
    second, crash, hang = [], [], []
    try:
        pid = wait_for_new_pid(beat, None)
        for _ in range(args.runs):
            started = time.monotonic()
            subprocess.run(kiosk, env=env, cwd=home, check=True, stderr=subprocess.DEVNULL)
            second.append(time.monotonic() - started)
            started = time.monotonic()
            os.kill(int(pid), signal.SIGKILL)
            pid = wait_for_new_pid(beat, pid)
            crash.append(time.monotonic() - started)
        for _ in range(min(args.runs, 3)):
            started = time.monotonic()
            os.kill(int(pid), signal.SIGSTOP)
            pid = wait_for_new_pid(beat, pid)
            hang.append(time.monotonic() - started)
    finally:
        supervisor.send_signal(signal.SIGTERM)
        supervisor.wait(timeout=30)
    print(f"second instance exits 0 in   {statistics.median(second) * 1000:6.0f} ms (median of {len(second)})")
    print(f"crash -> new kiosk beating   {statistics.median(crash):6.2f} s  (median of {len(crash)})")
    print(f"hang  -> new kiosk beating   {statistics.median(hang):6.2f} s  (limit {args.heartbeat_limit} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
