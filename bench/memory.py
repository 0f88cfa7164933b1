"""Memory: resident memory after 60 s of the attract loop, and its growth over 10,000 page transitions.

    python3 bench/memory.py [--seconds 60] [--transitions 10000] [--size 1920x1080] [--no-frozen]

Everything runs on one Xvfb display of --size. Loop: the kiosk (`kiosk --pack cumbria`, full screen, foyer mode)
and Chromium `--kiosk` with the peer page (#loop: same pages, durations and crossfades), one after the other;
RSS and PSS summed over each process tree (Chromium: all its processes) after --seconds.
Growth: transitions driven as fast as each event loop allows, one every 4 ms (Chromium clamps setTimeout(0) to
4 ms anyway): the kiosk's controller.next() from a QTimer in a kiosk process started like the real one; the
peer page's step() (#fast=N). Growth is memory at transition N minus memory at transition 500 (every page and
panel has been shown many times by then, so caches are full and what remains is a leak), each measured 1.5 s after
the driving pauses there, once the fades in flight have ended.
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

WARM = 500
SETTLE_MS = 1500


def drive(transitions: int, size: tuple[int, int]) -> int:
    """In a child process: the real kiosk scene, driven by a fast timer; prints RSS/PSS at WARM and the end."""
    sys.path.insert(0, str(common.ROOT))
    from PySide6.QtCore import QTimer

    from kiosk.core.catalog import load_pack_or_fallback
    from kiosk.ui import app as qtapp
    from kiosk.ui.scene import start_scene

    qtapp.prepare_environment()
    app = qtapp.make_application()
    pack, _ = load_pack_or_fallback("cumbria")
    scene = start_scene(pack, list(pack.pages_for("students")), idle_timeout=None, auto_advance=False, size=size)
    scene.window.showFullScreen()
    scene.controller.touch()
    done = 0

    def measure() -> None:
        m = common.memory(os.getpid())
        print(f"BENCH fast={done} rss={m.rss_mb:.2f} pss={m.pss_mb:.2f}", flush=True)
        if done >= transitions:
            app.quit()
        else:
            timer.start(4)

    def step() -> None:
        nonlocal done
        scene.controller.next()
        done += 1
        if done in (WARM, transitions):
            # Measured once the fades in flight have ended: at one transition every 4 ms a dozen pages' layers
            # (8 MiB each at 1080p) are alive at any instant, and glibc gives each back when freed, so an instant
            # in the middle of the run says more about how many fades overlap than about a leak.
            timer.stop()
            QTimer.singleShot(SETTLE_MS, measure)

    timer = QTimer()
    timer.timeout.connect(step)
    QTimer.singleShot(1000, lambda: timer.start(4))
    app.exec()
    scene.close()
    return 0


def loop_memory(command: list[str], env: dict[str, str], seconds: float) -> common.Memory:
    proc = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        time.sleep(seconds)
        if proc.poll() is not None:
            raise SystemExit(f"{command[0]} exited early ({proc.returncode})")
        return common.memory(proc.pid)
    finally:
        common.stop(proc)


def growth_kiosk(
    display: str, home: Path, transitions: int, size: tuple[int, int]
) -> tuple[float, float, float, float]:
    env = common.kiosk_env(home, {"DISPLAY": display, "QT_QPA_PLATFORM": "xcb"})
    command = [sys.executable, __file__, "--drive", str(transitions), "--size", f"{size[0]}x{size[1]}"]
    start = time.monotonic()
    out = subprocess.run(command, env=env, capture_output=True, text=True, timeout=900, cwd=common.ROOT)
    marks = {}
    for line in out.stdout.splitlines():
        if line.startswith("BENCH fast="):
            fields = dict(f.split("=") for f in line.split()[1:])
            marks[int(fields["fast"])] = (float(fields["rss"]), float(fields["pss"]))
    if len(marks) < 2:
        raise SystemExit(f"kiosk driver failed: {out.stderr[-2000:]}")
    (rss0, pss0), (rss1, pss1) = marks[WARM], marks[transitions]
    return rss0, rss1, pss1 - pss0, time.monotonic() - start


def growth_chromium(
    url: str, display: str, profile: Path, transitions: int, size: tuple[int, int]
) -> tuple[float, float, float, float]:
    env = dict(os.environ, DISPLAY=display)
    start = time.monotonic()
    proc = subprocess.Popen(
        common.chromium_command(f"{url}#fast={transitions}", size, profile),
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    marks: dict[int, common.Memory] = {}
    try:
        assert proc.stderr is not None
        for line in proc.stderr:
            if "BENCH fast=" in line:
                done = int(line.split("BENCH fast=")[1].split('"')[0])
                marks[done] = common.memory(proc.pid)
                if done == transitions:
                    break
            if time.monotonic() - start > 900:
                break
    finally:
        common.stop(proc)
    if len(marks) < 2:
        raise SystemExit("Chromium did not finish the fast transitions")
    return (
        marks[WARM].rss_mb,
        marks[transitions].rss_mb,
        marks[transitions].pss_mb - marks[WARM].pss_mb,
        time.monotonic() - start,
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--transitions", type=int, default=10_000)
    parser.add_argument("--size", default="1920x1080")
    parser.add_argument("--no-frozen", action="store_true")
    parser.add_argument("--no-loop", action="store_true", help="only the growth runs")
    parser.add_argument("--no-growth", action="store_true", help="only the loop runs")
    parser.add_argument("--drive", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args()
    w, h = (int(v) for v in args.size.split("x"))
    if args.drive:
        return drive(args.drive, (w, h))
    frozen = not args.no_frozen and common.FROZEN.exists()
    loop_rows = []
    with common.scratch("memory") as tmp, common.xvfb((w, h)) as display:
        url = generate("cumbria", tmp / "peer").as_uri()
        if not args.no_loop:
            contenders = {"kiosk, source": common.kiosk_command(False, "--pack", "cumbria")}
            if frozen:
                contenders["kiosk, frozen"] = common.kiosk_command(True, "--pack", "cumbria")
            results = {}
            for name, command in contenders.items():
                env = common.kiosk_env(tmp / f"home-{len(results)}", {"DISPLAY": display, "QT_QPA_PLATFORM": "xcb"})
                results[name] = loop_memory(command, env, args.seconds)
            chromium_cmd = common.chromium_command(url + "#loop", (w, h), tmp / "chromium")
            results["Chromium --kiosk"] = loop_memory(chromium_cmd, dict(os.environ, DISPLAY=display), args.seconds)
            peer = results["Chromium --kiosk"]
            for name, m in results.items():
                loop_rows.append(
                    [
                        name,
                        m.processes,
                        m.rss_mb,
                        m.pss_mb,
                        f"{m.rss_mb / peer.rss_mb:.2f}",
                        f"{m.pss_mb / peer.pss_mb:.2f}",
                    ]
                )
        if not args.no_growth:
            k_rss0, k_rss1, k_pss, k_secs = growth_kiosk(display, tmp / "home-drive", args.transitions, (w, h))
            c_rss0, c_rss1, c_pss, c_secs = growth_chromium(
                url, display, tmp / "chromium-fast", args.transitions, (w, h)
            )
    print(common.machine())
    if loop_rows:
        print(f"\nResident memory after {args.seconds:.0f} s of the attract loop, {w}x{h} Xvfb (MiB, all processes)")
        print(common.table(["", "processes", "RSS", "PSS", "RSS / Chromium", "PSS / Chromium"], loop_rows))
        kiosk = loop_rows[0]
        print(
            f"target: under a third of Chromium's (PSS {kiosk[5]}, RSS {kiosk[4]}): "
            f"{common.verdict(float(kiosk[5]) < 1 / 3 and float(kiosk[4]) < 1 / 3)}"
        )
    if args.no_growth:
        return 0
    print(f"\nGrowth from transition {WARM} to {args.transitions}, one every 4 ms (MiB)")
    print(
        common.table(
            ["", f"RSS at {WARM}", f"RSS at {args.transitions}", "RSS growth", "PSS growth", "run s"],
            [
                ["kiosk, source", f"{k_rss0:.2f}", f"{k_rss1:.2f}", f"{k_rss1 - k_rss0:.2f}", k_pss, k_secs],
                ["Chromium --kiosk", f"{c_rss0:.2f}", f"{c_rss1:.2f}", f"{c_rss1 - c_rss0:.2f}", c_pss, c_secs],
            ],
        )
    )
    growth = k_rss1 - k_rss0
    print(f"target: kiosk growth under 2 MB ({growth:.2f} MiB RSS): {common.verdict(growth * 1.048576 < 2)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
