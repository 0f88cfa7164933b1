"""Cost of the settings file and of a live switch (staff screen or schedule) in the running kiosk.

Usage: QT_QPA_PLATFORM=offscreen python bench/settings_switch.py [--size 1920x1080] [--switches 10]
Prints the median time to save and load settings.toml (with fsync, in a temporary KIOSK_HOME), one PIN hash,
and a mode + pack switch until the next frame is rendered.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_QUICK_BACKEND", "software")


def median_ms(run: object, times: int) -> float:
    samples = []
    for _ in range(times):
        started = time.perf_counter()
        run()  # type: ignore[operator]
        samples.append(time.perf_counter() - started)
    return statistics.median(samples) * 1000


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", default="1920x1080")
    parser.add_argument("--switches", type=int, default=10)
    args = parser.parse_args()
    w, h = (int(v) for v in args.size.split("x"))
    os.environ["KIOSK_HOME"] = tempfile.mkdtemp(prefix="kiosk-bench-")

    from kiosk.core.pin import hash_pin
    from kiosk.core.settings import Settings, load_settings, save_settings, settings_path
    from kiosk.ui import app as qtapp
    from kiosk.ui.render import settle
    from kiosk.ui.settings_bridge import SettingsBridge

    settings = Settings(pin=hash_pin("2468"), schedule=["foyer, on mon-fri 08:00-16:00"], durations={"poster": 12})
    print(f"save settings.toml: {median_ms(lambda: save_settings(settings), 50):.2f} ms")
    print(f"load settings.toml: {median_ms(load_settings, 50):.2f} ms")
    print(f"hash a PIN ({hash_pin('0').method}): {median_ms(lambda: hash_pin('2468'), 10):.1f} ms")

    qtapp.make_application()
    bridge = SettingsBridge(settings, settings_path())
    scene = bridge.start((w, h))
    scene.window.show()
    settle(scene.window)
    scene.window.grabWindow()
    samples = []
    for n in range(args.switches):
        bridge.settings.mode, bridge.settings.pack = [("assembly", "derbyshire"), ("parents", "cumbria")][n % 2]
        started = time.perf_counter()
        bridge.apply_live("bench")
        settle(scene.window)
        scene.window.grabWindow()
        samples.append(time.perf_counter() - started)
    print(
        f"live mode + pack switch to the next frame at {args.size}: median {statistics.median(samples) * 1000:.0f} ms, "
        f"max {max(samples) * 1000:.0f} ms ({args.switches} switches)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
