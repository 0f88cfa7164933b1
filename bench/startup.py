"""Start-up: launch to the first frame of the first page, kiosk (source and frozen) against Chromium.

    python3 bench/startup.py [--runs 9] [--size 1920x1080] [--no-frozen] [--no-headless] [--first-start]

All on one Xvfb display of --size (real xcb windows). Kiosk: whole-process wall time of
`kiosk --exit-after-first-frame` (it quits on the window's first frameSwapped), so the kiosk's own shutdown is
counted too. Chromium (`--kiosk`, the same display): from launch to the page's "BENCH first-frame" console line,
which it logs two requestAnimationFrame callbacks after load (the first frame is painted); Chromium's shutdown is
not counted. Chromium headless (`--headless=new`) the same way. Runs alternate between the contenders; one
warm-up run each first, as on a kiosk that has run before: the kiosk runs for WARM_S seconds (its QML cache, the
pictures kept as PNG and the QR codes are written), Chromium loads the page once (profile and page cache).
Besides wall time, CPU time to the first frame: the kiosk's from wait4 (process and threads), Chromium's summed
over its process tree at its first-frame line; on a machine other work keeps busy it varies less. `--first-start`
adds kiosk starts in an empty home each time (the first start after an install: nothing compiled or kept yet).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import common  # noqa: E402
from peer_page import generate  # noqa: E402

CPU: dict[str, list[float]] = {}  # CPU seconds to the first frame, per contender (other processes inflate it less)


def kiosk_once(frozen: bool, display: str, home: Path, name: str = "") -> float:
    env = common.kiosk_env(home, {"DISPLAY": display, "QT_QPA_PLATFORM": "xcb"})
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # an installed kiosk has its byte code; without it every start compiles
    command = common.kiosk_command(frozen, "--pack", "cumbria", "--exit-after-first-frame")
    start = time.monotonic()
    proc = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)  # wall time, and the CPU time of the process and its threads
    elapsed = time.monotonic() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    assert proc.stderr is not None
    if proc.returncode != 0:
        raise SystemExit(f"kiosk failed ({proc.returncode}): {proc.stderr.read().decode()[-2000:]}")
    proc.stderr.close()
    CPU.setdefault(name, []).append(usage.ru_utime + usage.ru_stime)
    return elapsed


def kiosk_first_start(frozen: bool, display: str, tmp: Path, name: str) -> float:
    """A start in an empty kiosk home, as the first after an install: nothing kept yet (no QML compiled by an
    earlier start, no pictures or QR codes kept)."""
    home = Path(tempfile.mkdtemp(prefix="home-first-", dir=tmp))
    try:
        return kiosk_once(frozen, display, home, name)
    finally:
        shutil.rmtree(home, ignore_errors=True)


WARM_S = 6.0


def kiosk_warm(frozen: bool, display: str, home: Path) -> float:
    """A first run that lasts long enough to write what a kiosk keeps between starts; ended with SIGTERM."""
    env = common.kiosk_env(home, {"DISPLAY": display, "QT_QPA_PLATFORM": "xcb"})
    proc = subprocess.Popen(common.kiosk_command(frozen, "--pack", "cumbria"), env=env, stderr=subprocess.DEVNULL)
    time.sleep(WARM_S)
    common.stop(proc)
    return WARM_S


def chromium_once(
    url: str, display: str, size: tuple[int, int], profile: Path, headless: bool, name: str = ""
) -> float:
    env = dict(os.environ, DISPLAY=display)
    command = common.chromium_command(url, size, profile, headless=headless)
    start = time.monotonic()
    proc = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        assert proc.stderr is not None
        deadline = start + 60
        for line in proc.stderr:
            if "BENCH first-frame" in line:
                elapsed = time.monotonic() - start
                CPU.setdefault(name, []).append(sum(common.cpu_seconds(common.process_tree(proc.pid)).values()))
                return elapsed
            if time.monotonic() > deadline:
                break
        raise SystemExit("Chromium never reported its first frame")
    finally:
        common.stop(proc)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--size", default="1920x1080")
    parser.add_argument("--no-frozen", action="store_true", help="skip the frozen build")
    parser.add_argument("--no-headless", action="store_true", help="skip Chromium headless")
    parser.add_argument("--first-start", action="store_true", help="also: kiosk starts in an empty home (no caches)")
    args = parser.parse_args()
    size = tuple(int(v) for v in args.size.split("x"))
    assert len(size) == 2
    frozen = not args.no_frozen and common.FROZEN.exists()
    if not args.no_frozen and not frozen:
        print(f"(no frozen build at {common.FROZEN}; run python3 build_installer.py --no-packages)")
    times: dict[str, list[float]] = {}
    with common.scratch("startup") as tmp, common.xvfb(size) as display:
        url = generate("cumbria", tmp / "peer").as_uri() + "#static"
        contenders = {"kiosk, source": lambda: kiosk_once(False, display, tmp / "home-src", "kiosk, source")}
        if frozen:
            contenders["kiosk, frozen"] = lambda: kiosk_once(True, display, tmp / "home-frozen", "kiosk, frozen")
        if args.first_start:
            for label, is_frozen in (("kiosk, source, first start", False), ("kiosk, frozen, first start", True)):
                if is_frozen and not frozen:
                    continue
                contenders[label] = lambda f=is_frozen, n=label: kiosk_first_start(f, display, tmp, n)
        contenders["Chromium --kiosk"] = lambda: chromium_once(
            url, display, size, tmp / "chromium", False, "Chromium --kiosk"
        )
        if not args.no_headless:
            contenders["Chromium headless"] = lambda: chromium_once(
                url, display, size, tmp / "chromium-hl", True, "Chromium headless"
            )
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
    chromium_cpu = common.median(CPU.get("Chromium --kiosk", []))
    rows = []
    for name, values in times.items():
        m = common.median(values)
        cpu = common.median(CPU.get(name, []))
        rows.append(
            [
                name,
                m * 1000,
                min(values) * 1000,
                max(values) * 1000,
                f"{m / chromium:.2f}",
                f"{m / headless:.2f}",
                cpu * 1000,
                f"{cpu / chromium_cpu:.2f}",
            ]
        )
    print(f"Start-up to first frame, {args.size} Xvfb, median of {args.runs} alternating warm runs")
    print(common.machine())
    print(
        common.table(
            [
                "",
                "median ms",
                "min ms",
                "max ms",
                "/ Chromium --kiosk",
                "/ Chromium headless",
                "CPU ms (median)",
                "CPU / Chromium --kiosk",
            ],
            rows,
        )
    )
    source = common.median(times["kiosk, source"])
    print(f"target: under half of Chromium's ({source / chromium:.2f}): {common.verdict(source < chromium / 2)}")
    if "kiosk, frozen" in times:
        fz = common.median(times["kiosk, frozen"])
        print(f"target: frozen under half of Chromium's ({fz / chromium:.2f}): {common.verdict(fz < chromium / 2)}")
    print(f"target: under 1 s from source ({source * 1000:.0f} ms): {common.verdict(source < 1.0)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
