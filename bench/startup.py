"""Start-up: launch to the first frame of the first page, kiosk (source and frozen) against Chromium.

    python3 bench/startup.py [--runs 7] [--size 1920x1080] [--no-frozen] [--no-headless]

All on one Xvfb display of --size (real xcb windows). Kiosk: whole-process wall time of
`kiosk --exit-after-first-frame` (it quits on the window's first frameSwapped), so the kiosk's own shutdown is
counted too. Chromium (`--kiosk`, the same display): from launch to the page's "BENCH first-frame" console line,
which it logs two requestAnimationFrame callbacks after load (the first frame is painted); Chromium's shutdown is
not counted. Chromium headless (`--headless=new`) the same way. Runs alternate between the contenders; one
warm-up run each first, as on a kiosk that has run before: the kiosk runs for WARM_S seconds (its QML cache, the
pictures kept as PNG and the QR codes are written), Chromium loads the page once (profile and page cache).
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


def kiosk_once(frozen: bool, display: str, home: Path) -> float:
    env = common.kiosk_env(home, {"DISPLAY": display, "QT_QPA_PLATFORM": "xcb"})
    command = common.kiosk_command(frozen, "--pack", "cumbria", "--exit-after-first-frame")
    start = time.monotonic()
    proc = subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=60)
    elapsed = time.monotonic() - start
    if proc.returncode != 0:
        raise SystemExit(f"kiosk failed ({proc.returncode}): {proc.stderr.decode()[-2000:]}")
    return elapsed


WARM_S = 6.0


def kiosk_warm(frozen: bool, display: str, home: Path) -> float:
    """A first run that lasts long enough to write what a kiosk keeps between starts; ended with SIGTERM."""
    env = common.kiosk_env(home, {"DISPLAY": display, "QT_QPA_PLATFORM": "xcb"})
    proc = subprocess.Popen(common.kiosk_command(frozen, "--pack", "cumbria"), env=env, stderr=subprocess.DEVNULL)
    time.sleep(WARM_S)
    common.stop(proc)
    return WARM_S


def chromium_once(url: str, display: str, size: tuple[int, int], profile: Path, headless: bool) -> float:
    env = dict(os.environ, DISPLAY=display)
    command = common.chromium_command(url, size, profile, headless=headless)
    start = time.monotonic()
    proc = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        assert proc.stderr is not None
        deadline = start + 60
        for line in proc.stderr:
            if "BENCH first-frame" in line:
                return time.monotonic() - start
            if time.monotonic() > deadline:
                break
        raise SystemExit("Chromium never reported its first frame")
    finally:
        common.stop(proc)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--size", default="1920x1080")
    parser.add_argument("--no-frozen", action="store_true", help="skip the frozen build")
    parser.add_argument("--no-headless", action="store_true", help="skip Chromium headless")
    args = parser.parse_args()
    size = tuple(int(v) for v in args.size.split("x"))
    assert len(size) == 2
    frozen = not args.no_frozen and common.FROZEN.exists()
    if not args.no_frozen and not frozen:
        print(f"(no frozen build at {common.FROZEN}; run python3 build_installer.py --no-packages)")
    times: dict[str, list[float]] = {}
    with common.scratch("startup") as tmp, common.xvfb(size) as display:
        url = generate("cumbria", tmp / "peer").as_uri() + "#static"
        contenders = {"kiosk, source": lambda: kiosk_once(False, display, tmp / "home-src")}
        if frozen:
            contenders["kiosk, frozen"] = lambda: kiosk_once(True, display, tmp / "home-frozen")
        contenders["Chromium --kiosk"] = lambda: chromium_once(url, display, size, tmp / "chromium", False)
        if not args.no_headless:
            contenders["Chromium headless"] = lambda: chromium_once(url, display, size, tmp / "chromium-hl", True)
        warm_ups = dict(contenders)
        warm_ups["kiosk, source"] = lambda: kiosk_warm(False, display, tmp / "home-src")
        if frozen:
            warm_ups["kiosk, frozen"] = lambda: kiosk_warm(True, display, tmp / "home-frozen")
        for run in warm_ups.values():  # not counted
            run()
        for _ in range(args.runs):
            for name, run in contenders.items():
                times.setdefault(name, []).append(run())
    chromium = common.median(times["Chromium --kiosk"])
    headless = common.median(times.get("Chromium headless", [float("nan")]))
    rows = []
    for name, values in times.items():
        m = common.median(values)
        rows.append(
            [name, m * 1000, min(values) * 1000, max(values) * 1000, f"{m / chromium:.2f}", f"{m / headless:.2f}"]
        )
    print(f"Start-up to first frame, {args.size} Xvfb, median of {args.runs} alternating warm runs")
    print(common.machine())
    print(
        common.table(
            ["", "median ms", "min ms", "max ms", "/ Chromium --kiosk", "/ Chromium headless"],
            rows,
        )
    )
    source = common.median(times["kiosk, source"])
    print(f"target: under half of Chromium's ({source / chromium:.2f}): {common.verdict(source < chromium / 2)}")
    print(f"target: under 1 s from source ({source * 1000:.0f} ms): {common.verdict(source < 1.0)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
