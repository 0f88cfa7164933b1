"""`kiosk` with no sub-command: the full-screen kiosk."""

from __future__ import annotations

import argparse
import logging
import os
import signal

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QScreen
from PySide6.QtQuick import QQuickWindow

from kiosk.ui import app as qtapp
from kiosk.ui.session import open_presenter_view, start_session

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


def _exit_when_complete(window: QQuickWindow) -> None:
    """Exit on the first frame that shows the first page complete: no picture on screen still loading."""
    from kiosk.ui.render import walk

    if any(i.isVisible() and i.property("loading") is True for i in walk(window.contentItem())):
        return
    logging.shutdown()
    os._exit(0)


def run_kiosk(args: argparse.Namespace) -> int:
    from kiosk.cli import load_pack_or_fallback

    qtapp.prepare_environment()
    qtapp.install_qt_logging()
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
    if args.exit_after_first_frame:
        # For bench/startup.py: the process ends as soon as the first complete frame is on screen. os._exit skips
        # the ~130 ms of QML and Python teardown, which no user sees, so the wall time is launch to first frame.
        window.frameSwapped.connect(lambda: _exit_when_complete(window), Qt.ConnectionType.QueuedConnection)
    # Ctrl+C in a terminal (development) should stop the kiosk; Python only sees signals between Qt events.
    signal.signal(signal.SIGINT, lambda *_: app.quit())
    keepalive = QTimer()
    keepalive.start(500) if args.windowed else None
    keepalive.timeout.connect(lambda: None)
    log.info("kiosk started: pack %s, %d pages, idle %s s", pack.id, len(pages), idle)
    return app.exec()
