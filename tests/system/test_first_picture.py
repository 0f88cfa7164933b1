"""The first page's kept picture on a real X screen (Xvfb, xcb): the live first frame equals it pixel for pixel,
and the screen goes from the picture to the live page with nothing in between.

Each case starts the kiosk twice in one home: the first start keeps its first frame, the second shows it at once
and compares its own live first frame with it (kiosk.ui.splash logs the outcome). Sizes: landscape and portrait;
settings: 200 % text, high contrast, Welsh. Not timed.
"""

from __future__ import annotations

import os
import select
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ..xlib import xvfb_display

pytestmark = [pytest.mark.slow, pytest.mark.skipif(not shutil.which("Xvfb"), reason="needs Xvfb")]

KEPT = "first page: picture kept for the next start"
MATCHES = "first page: the live page matches the picture"
DIFFERS = "first page: the live page differs"
OUTCOMES = (KEPT, MATCHES, DIFFERS, "first page: picture not kept", "could not be grabbed")


def start_until(display: str, home: Path, flags: list[str], watch=None) -> tuple[str, list[object]]:
    """Start the kiosk full screen on `display`; stop it (SIGTERM) once it logs the first page's outcome.
    `watch(proc)` runs meanwhile (the screen probe) and returns what it saw."""
    runtime = home.parent / f"{home.name}-run"
    runtime.mkdir(mode=0o700, exist_ok=True)
    env = dict(os.environ, KIOSK_HOME=str(home), DISPLAY=display, QT_QPA_PLATFORM="xcb", XDG_RUNTIME_DIR=str(runtime))
    env.pop("QT_QUICK_BACKEND", None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "kiosk", "-v", "--pack", "cumbria", *flags],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    assert proc.stderr is not None
    fd = proc.stderr.fileno()
    os.set_blocking(fd, False)

    def read() -> str:
        try:
            return os.read(fd, 1 << 16).decode(errors="replace")
        except BlockingIOError:
            return ""

    log = ""
    seen: list[object] = []
    deadline = time.monotonic() + 60
    try:
        while time.monotonic() < deadline and not any(o in log for o in OUTCOMES):
            if watch is not None:
                seen.extend(watch())
            select.select([fd], [], [], 0.01)
            log += read()
            if proc.poll() is not None:
                break
        after = time.monotonic() + 0.4  # the screen just after the handover, too
        while time.monotonic() < after:
            if watch is not None:
                seen.extend(watch())
            time.sleep(0.01)
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        os.set_blocking(fd, True)
        log += proc.stderr.read().decode(errors="replace")
    return log, seen


@pytest.mark.parametrize(
    ("screen", "flags"),
    [
        ("1024x768x24", []),
        ("1080x1920x24", []),
        ("1024x768x24", ["--text-size", "200"]),
        ("1024x768x24", ["--high-contrast"]),
        ("1024x768x24", ["--lang", "cy"]),
    ],
    ids=["1024x768", "portrait-1080x1920", "text-200", "high-contrast", "welsh"],
)
def test_the_live_first_frame_equals_the_kept_picture(tmp_path: Path, screen: str, flags: list[str]) -> None:
    home = tmp_path / "home"
    with xvfb_display(screen) as display:
        first, _ = start_until(display, home, flags)
        assert KEPT in first, first[-3000:]
        second, _ = start_until(display, home, flags)
    assert MATCHES in second, second[-3000:]
    assert DIFFERS not in second and "Traceback" not in second
    kept = list((home / "cache" / "first-page").glob("*.png"))
    assert len(kept) == 1


def test_the_screen_goes_from_the_picture_to_the_live_page_with_nothing_between(tmp_path: Path) -> None:
    """XDamage on the root window; after every change the whole screen is read back. From the moment the picture
    is on screen until the kiosk has compared its live frame with it, every screen read equals the picture."""
    xlib = pytest.importorskip("Xlib.display", reason="python-xlib (the bench extra) reads the screen")
    from PySide6.QtGui import QImage
    from Xlib import X
    from Xlib.ext import damage

    home = tmp_path / "home"
    with xvfb_display("1024x768x24") as display:
        first, _ = start_until(display, home, [])
        assert KEPT in first, first[-3000:]
        picture = QImage(str(next((home / "cache" / "first-page").glob("*.png"))))
        picture = picture.convertToFormat(QImage.Format.Format_RGB32)
        expected = bytes(picture.constBits())  # BGRX rows, as the X server's 24-bit ZPixmap
        d = xlib.Display(display)
        d.damage_query_version()
        root = d.screen().root
        root.damage_create(damage.DamageReportRawRectangles)
        d.sync()

        def watch() -> list[object]:
            changed = False
            while d.pending_events():
                changed |= type(d.next_event()).__name__ == "DamageNotify"
            if not changed:
                return []
            return [root.get_image(0, 0, 1024, 768, X.ZPixmap, 0xFFFFFFFF).data]

        second, screens = start_until(display, home, [], watch)
        d.close()
    assert MATCHES in second, second[-3000:]
    assert screens, "the probe saw no change on the screen"
    shown = [s == expected for s in screens]
    assert True in shown, "the picture never appeared on the screen"
    after = shown[shown.index(True) :]
    assert all(after), f"{after.count(False)} screen reads between the picture and the live page were not the page"
