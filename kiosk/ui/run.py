"""`kiosk` with no sub-command: the full-screen kiosk."""

from __future__ import annotations

import argparse
import logging
import signal

from PySide6.QtCore import Qt, QTimer

from kiosk.ui import app as qtapp
from kiosk.ui.session import start_session

log = logging.getLogger(__name__)


def run_kiosk(args: argparse.Namespace) -> int:
    from kiosk.cli import load_pack_or_fallback

    qtapp.prepare_environment()
    qtapp.install_qt_logging()
    app = qtapp.make_application()
    pack, problems = load_pack_or_fallback(args.pack)
    idle = args.idle_timeout if args.idle_timeout is not None else pack.idle_timeout
    pages = list(pack.pages_for(args.audience)) or list(pack.pages)
    session = start_session(
        pack, pages, idle_timeout=idle, reduced_motion=args.reduced_motion, size=args.size or (1280, 720)
    )
    if problems:
        session.controller.set_pack_problem("\n".join(str(p) for p in problems))
    window = session.window
    if args.windowed:
        window.show()
    else:
        screens = app.screens()
        screen = (
            screens[args.screen] if args.screen is not None and 0 <= args.screen < len(screens) else app.primaryScreen()
        )
        if args.screen is not None and not 0 <= args.screen < len(screens):
            log.warning("no screen %d (there are %d); using the primary screen", args.screen, len(screens))
        window.setFlags(window.flags() | Qt.WindowType.FramelessWindowHint | Qt.WindowType.WindowStaysOnTopHint)
        window.setScreen(screen)
        # Without a window manager (a bare X session on a foyer PC) a full-screen request is ignored,
        # so cover the screen explicitly as well.
        window.setGeometry(screen.geometry())
        window.showFullScreen()
    if args.exit_after_first_frame:
        window.frameSwapped.connect(app.quit, Qt.ConnectionType.QueuedConnection)
    # Ctrl+C in a terminal (development) should stop the kiosk; Python only sees signals between Qt events.
    signal.signal(signal.SIGINT, lambda *_: app.quit())
    keepalive = QTimer()
    keepalive.start(500) if args.windowed else None
    keepalive.timeout.connect(lambda: None)
    log.info("kiosk started: pack %s, %d pages, idle %s s", pack.id, len(pages), idle)
    return app.exec()
