"""Idle load: CPU use while a static page is shown (nothing should tick when nothing moves).

    python3 bench/idle.py [--seconds 30] [--settle 5] [--size 1920x1080]

On one Xvfb display: the kiosk in assembly mode (a page stays until the presenter moves on: no attract loop, no
idle timer) against Chromium `--kiosk` showing the peer page's first page with no timer (#static). After
--settle seconds (start-up, pages built in the background), CPU seconds of the whole process tree are read from
/proc before and after --seconds. The X server's CPU is shown too: it only works when a client draws.
Resolution: one clock tick (10 ms), i.e. 0.03 % over 30 s.
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
from peer_page import generate  # noqa: E402


def xvfb_pid(display: str) -> int | None:
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                cmdline = Path(f"/proc/{entry}/cmdline").read_bytes().split(b"\0")
            except OSError:
                continue
            if cmdline[:2] == [b"Xvfb", display.encode()]:
                return int(entry)
    return None


def idle_cpu(
    command: list[str], env: dict[str, str], display: str, settle: float, seconds: float
) -> tuple[float, float]:
    """Percent of one core used by the process tree, and by the X server, over `seconds`."""
    proc = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    server = xvfb_pid(display)
    try:
        time.sleep(settle)
        if proc.poll() is not None:
            raise SystemExit(f"{command[0]} exited early ({proc.returncode})")
        pids = common.process_tree(proc.pid)
        before = common.cpu_seconds(pids)
        x_before = common.cpu_seconds([server]) if server else {}
        start = time.monotonic()
        time.sleep(seconds)
        after = common.cpu_seconds(pids)
        x_after = common.cpu_seconds([server]) if server else {}
        elapsed = time.monotonic() - start
        used = sum(after.get(p, before[p]) - before[p] for p in before)
        x_used = sum(x_after[p] - x_before[p] for p in x_after)
        return 100 * used / elapsed, 100 * x_used / elapsed
    finally:
        common.stop(proc)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--settle", type=float, default=5)
    parser.add_argument("--size", default="1920x1080")
    args = parser.parse_args()
    w, h = (int(v) for v in args.size.split("x"))
    rows = []
    with common.scratch("idle") as tmp, common.xvfb((w, h)) as display:
        env = common.kiosk_env(tmp / "home", {"DISPLAY": display, "QT_QPA_PLATFORM": "xcb"})
        kiosk = idle_cpu(
            common.kiosk_command(False, "--pack", "cumbria", "--mode", "assembly"),
            env,
            display,
            args.settle,
            args.seconds,
        )
        url = generate("cumbria", tmp / "peer").as_uri() + "#static"
        chromium = idle_cpu(
            common.chromium_command(url, (w, h), tmp / "chromium"),
            dict(os.environ, DISPLAY=display),
            display,
            args.settle,
            args.seconds,
        )
    rows.append(["kiosk, assembly mode (static page)", kiosk[0], kiosk[1]])
    rows.append(["Chromium --kiosk (static page)", chromium[0], chromium[1]])
    print(f"Idle CPU over {args.seconds:.0f} s of a static page, {w}x{h} Xvfb (% of one core)")
    print(common.machine())
    print(common.table(["", "CPU %", "X server CPU %"], rows))
    print(f"target: idle CPU under 0.5 % ({kiosk[0]:.2f} %): {common.verdict(kiosk[0] < 0.5)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
