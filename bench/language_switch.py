"""How long a live interface-language switch takes (translator swap, QML retranslate, the next frame drawn).

Usage: QT_QPA_PLATFORM=offscreen python bench/language_switch.py [--size 1920x1080] [--pack cumbria] [--runs 20]
Switches English <-> Welsh on the plan page and prints the median and worst time to a drawn frame.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_QUICK_BACKEND", "software")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", default="1920x1080")
    parser.add_argument("--pack", default="cumbria")
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    from kiosk.core import paths
    from kiosk.core.pack import load
    from kiosk.ui import app as qtapp
    from kiosk.ui.render import settle
    from kiosk.ui.scene import start_scene

    qtapp.prepare_environment(offscreen=True)
    app = qtapp.make_application()
    pack = load(paths.resolve_pack(args.pack))
    width, height = (int(v) for v in args.size.split("x"))
    scene = start_scene(pack, list(pack.pages), idle_timeout=None, auto_advance=False, size=(width, height))
    scene.window.show()
    scene.controller.touch()
    scene.controller.goToKind("plan")
    settle(scene.window)
    times = []
    for n in range(args.runs):
        started = time.perf_counter()
        scene.set_language("cy" if n % 2 == 0 else "en")
        app.processEvents()
        scene.window.grabWindow()
        times.append((time.perf_counter() - started) * 1000)
    print(
        f"{args.size} {args.pack}: switch to a drawn frame, median {statistics.median(times):.1f} ms, "
        f"worst {max(times):.1f} ms over {args.runs} switches"
    )
    scene.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
