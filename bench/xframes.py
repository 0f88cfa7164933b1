"""Frame intervals on screen as the X server sees them, while the kiosk's attract loop fades and slides.

Usage: python3 bench/xframes.py [--size 1920x1080 3840x2160] [--seconds 60] [--warm 40]

Each size gets its own Xvfb; the kiosk runs full screen on it (xcb, and Qt Quick's software renderer, which the
kiosk picks itself where there is no GPU driver) with a copy of the cumbria pack whose pages last 5 s (the story
24 s), so a minute holds a dozen fades and slides. A first run of --warm seconds fills the kiosk's caches (QML,
pictures kept as PNG), as on a kiosk that has been round its loop; the second is measured. The probe asks the
X server for every change to the screen (XDamage on the root window, raw rectangles) and takes the server's own
timestamp of each (1 ms resolution): changes within 2 ms of each other are one frame. An interval is the time
between two frames; one over 250 ms is the screen standing still between two animations and is not counted.
"""

from __future__ import annotations

import argparse
import re
import select
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import common  # noqa: E402

SAME_FRAME_MS = 2
STILL_MS = 250


def short_pack(folder: Path) -> Path:
    """The cumbria pack with short page times (5 s, the story 24 s: 3 s a panel), so a minute has many changes."""
    src = common.ROOT / "assets" / "packs" / "cumbria"
    dest = folder / "cumbria-short"
    shutil.copytree(src, dest)
    toml = dest / "pack.toml"
    text = re.sub(r"(?m)^(default_)?duration = \d+", lambda m: f"{m.group(1) or ''}duration = 5", toml.read_text())
    story = text.index('kind = "story"')
    end = text.index("duration = 5", story)
    toml.write_text(text[:end] + "duration = 24" + text[end + len("duration = 5") :])
    return dest


def damage_events(display: str, seconds: float) -> list[tuple[int, int]]:
    """(server ms, area in pixels) of every damage rectangle on `display` during `seconds`."""
    from Xlib import display as xdisplay
    from Xlib.ext import damage

    d = xdisplay.Display(display)
    d.damage_query_version()  # the DAMAGE protocol refuses anything before this
    d.screen().root.damage_create(damage.DamageReportRawRectangles)
    d.flush()
    out: list[tuple[int, int]] = []
    end = time.monotonic() + seconds
    while (left := end - time.monotonic()) > 0:
        if not d.pending_events():
            select.select([d], [], [], min(left, 0.5))
        for _ in range(d.pending_events()):
            ev = d.next_event()
            # python-xlib registers a copy of the event class: match its name (shared/measured.md).
            if type(ev).__name__ == "DamageNotify":
                out.append((int(ev.timestamp), int(ev.area.width) * int(ev.area.height)))
    d.close()
    return out


def damage_frames(display: str, seconds: float) -> list[int]:
    """Server timestamps (ms) of the frames drawn on `display` during `seconds`."""
    frames: list[int] = []
    for t, _ in damage_events(display, seconds):
        if not frames or (t - frames[-1]) % 2**32 > SAME_FRAME_MS:
            frames.append(t)
    return frames


def intervals(frames: list[int]) -> list[float]:
    gaps = [float((b - a) % 2**32) for a, b in zip(frames, frames[1:], strict=False)]
    return [g for g in gaps if g <= STILL_MS]


def run(size: tuple[int, int], seconds: float, warm: float, tmp: Path) -> list[float]:
    pack = short_pack(tmp / f"pack-{size[0]}x{size[1]}")
    with common.xvfb(size) as display:
        home = tmp / f"home-{size[0]}x{size[1]}"
        runtime = tmp / f"run-{size[0]}x{size[1]}"
        runtime.mkdir(mode=0o700)
        env = common.kiosk_env(home, {"DISPLAY": display, "QT_QPA_PLATFORM": "xcb", "XDG_RUNTIME_DIR": str(runtime)})
        command = common.kiosk_command(False, "--pack", str(pack))
        for measured in (False, True):
            proc = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            try:
                time.sleep(3)  # start-up and the first page: not a transition
                if not measured:
                    time.sleep(warm)
                    continue
                return intervals(damage_frames(display, seconds))
            finally:
                common.stop(proc)
    return []


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", nargs="+", default=["1920x1080", "3840x2160"])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--warm", type=float, default=40)
    args = parser.parse_args()
    rows = []
    with common.scratch("xframes") as tmp:
        for size in args.size:
            w, h = (int(v) for v in size.split("x"))
            gaps = run((w, h), args.seconds, args.warm, tmp)
            over = [sum(1 for g in gaps if g > limit) for limit in (25, 33, 50)]
            worst = max(gaps, default=0)
            rows.append([size, len(gaps), common.median(gaps), common.percentile(gaps, 95), worst, *over])
    print(f"Frame intervals on screen during the attract loop's fades and slides, X server, {args.seconds:.0f} s")
    print(common.machine())
    print(common.table(["size", "intervals", "median ms", "p95 ms", "worst ms", "> 25", "> 33", "> 50"], rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
