"""`kiosk` with no sub-command: the full-screen kiosk."""

from __future__ import annotations

import argparse
import logging
import signal
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QScreen

from kiosk.ui import app as qtapp
from kiosk.ui import lockdown
from kiosk.ui.session import Session, open_presenter_view, start_session

log = logging.getLogger(__name__)


def choose_audience_screen(screens: list[QScreen], primary: QScreen, wanted: int | None, assembly: bool) -> QScreen:
    """`--screen N` if there is such a screen; in an assembly with two screens, the one that is not the laptop's
    primary (the projector); otherwise the primary."""
    if wanted is not None:
        if 0 <= wanted < len(screens):
            return screens[wanted]
        log.warning("no screen %d (there are %d); using the primary screen", wanted, len(screens))
        return primary
    if assembly and len(screens) > 1:
        return next(s for s in screens if s is not primary)
    return primary


def claim_the_screen() -> lockdown.SingleInstance | None:
    """The single-instance lock, or None when another kiosk already runs (this one then exits 0 at once)."""
    from kiosk.core.supervise import suppress_crash_dialogs

    suppress_crash_dialogs()  # Windows: no crash dialog left over the restarted kiosk
    instance = lockdown.SingleInstance()
    return instance if instance.acquire() else None


def harden(session: Session, instance: lockdown.SingleInstance, windowed: bool) -> list[object]:
    """Close requests ignored until the staff screen's exit; display kept awake; heartbeat for a supervisor.
    Returns what must stay referenced while the kiosk runs."""
    import os

    from kiosk.core.supervise import HEARTBEAT_ENV

    app = session.app
    guard = lockdown.CloseGuard(session.window, allowed=windowed)

    def staff_exit() -> None:
        guard.allow()
        app.exit(0)

    session.admin.exitRequested.connect(staff_exit)
    awake = lockdown.KeepAwake()
    awake.hold()
    app.aboutToQuit.connect(awake.release)
    app.aboutToQuit.connect(instance.release)
    kept: list[object] = [guard, awake]
    if os.environ.get(HEARTBEAT_ENV):  # started by `kiosk supervise`
        heartbeat = lockdown.Heartbeat(Path(os.environ[HEARTBEAT_ENV]))
        app.aboutToQuit.connect(heartbeat.stop)
        heartbeat.start()
        kept.append(heartbeat)
    return kept


def run_kiosk(args: argparse.Namespace) -> int:
    from kiosk.cli import load_pack_or_fallback

    qtapp.prepare_environment()
    qtapp.install_qt_logging()
    instance = claim_the_screen()
    if instance is None:
        return 0
    app = qtapp.make_application()
    pack, problems = load_pack_or_fallback(args.pack)
    assembly = args.mode == "assembly"
    idle = None if assembly else (args.idle_timeout if args.idle_timeout is not None else pack.idle_timeout)
    audience = "parents" if args.mode == "parents" else "students"
    pages = list(pack.pages_for(audience)) or list(pack.pages)
    session = start_session(
        pack,
        pages,
        idle_timeout=idle,
        auto_advance=not assembly,
        reduced_motion=args.reduced_motion,
        size=args.size or (1280, 720),
        run_mode=args.mode,
    )
    session.controller.set_appearance(high_contrast=args.high_contrast, text_scale=args.text_size / 100)
    if problems:
        session.controller.set_pack_problem("\n".join(str(p) for p in problems))
    window = session.window
    screens = app.screens()
    audience_screen = choose_audience_screen(screens, app.primaryScreen(), args.screen, assembly)
    if args.windowed:
        window.show()
    else:
        window.setFlags(window.flags() | Qt.WindowType.FramelessWindowHint | Qt.WindowType.WindowStaysOnTopHint)
        window.setScreen(audience_screen)
        # Without a window manager (a bare X session on a foyer PC) a full-screen request is ignored,
        # so cover the screen explicitly as well.
        window.setGeometry(audience_screen.geometry())
        window.showFullScreen()
    if assembly and len(screens) > 1:
        presenter_screen = next(s for s in screens if s is not audience_screen)
        open_presenter_view(session, presenter_screen).show()
        log.info("presenter view on %s, audience on %s", presenter_screen.name(), audience_screen.name())
    elif assembly:
        log.info("one screen: assembly mode runs audience-only")
    kept = harden(session, instance, args.windowed)
    if args.exit_after_first_frame:
        # exit(), not quit(): Qt 6's quit() asks every window to close first, and the kiosk's window refuses.
        window.frameSwapped.connect(lambda: app.exit(0), Qt.ConnectionType.QueuedConnection)
    # Ctrl+C in a terminal (development) should stop the kiosk; Python only sees signals between Qt events.
    signal.signal(signal.SIGINT, lambda *_: app.exit(0))
    keepalive = QTimer()
    keepalive.start(500) if args.windowed else None
    keepalive.timeout.connect(lambda: None)
    log.info("kiosk started: pack %s, %d pages, idle %s s", pack.id, len(pages), idle)
    status = app.exec()
    del kept
    return status
