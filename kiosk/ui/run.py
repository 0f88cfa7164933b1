"""`kiosk` with no sub-command: the full-screen kiosk."""

from __future__ import annotations

import argparse
import logging
import os
import signal
import socket
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSocketNotifier, Qt, QThread, QTimer
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtQuick import QQuickWindow

from kiosk.core import paths, timeline
from kiosk.core.vocab import RunMode
from kiosk.ui import app as qtapp
from kiosk.ui import lockdown
from kiosk.ui.admin import AdminController
from kiosk.ui.cursor import CursorHider
from kiosk.ui.incubation import FirstFrameFirst
from kiosk.ui.items import still_loading, walk_visible
from kiosk.ui.scene import Scene, open_presenter_view
from kiosk.ui.settings_bridge import SettingsBridge
from kiosk.ui.splash import Handover, Loaded, choose_audience_screen, describe, overrides_from

if TYPE_CHECKING:
    from kiosk.core.pack import Pack, Problem
    from kiosk.core.stats import StatsStore
    from kiosk.ui.stats_bridge import OutboxRunner

log = logging.getLogger(__name__)

STATS_START_MS = 1500  # the counts' worker starts once the first page is on screen (about 0.3 s from launch)
PACK_WATCH_START_MS = 2000  # the first scan of the pack sources, once the kiosk is on screen
SETTLED_MS = 150  # no frame for this long after a complete one: the first page is shown (the picture's handover)


def open_stats(args: argparse.Namespace) -> StatsStore | None:
    """The anonymous counts' store (kiosk/core/stats.py) in the per-user data folder, unless `--no-stats`."""
    if getattr(args, "no_stats", False):
        log.info("anonymous counts are off (--no-stats)")
        return None
    try:
        from kiosk.core.stats import DB_NAME, StatsStore
    except ImportError as error:  # a build without sqlite3: the kiosk runs, it just counts nothing
        log.error("anonymous counts unavailable (%s)", error)
        return None
    # Not started yet: counts queue up until run_kiosk starts the worker after the first frame, so opening and
    # checking the database does not compete with start-up for the interpreter (bench/startup.py).
    return StatsStore(paths.data_dir() / DB_NAME)


def _exit_when_complete(window: QQuickWindow, instance: lockdown.SingleInstance) -> None:
    """Exit on the first frame that shows the first page complete: no picture on screen still loading."""
    if still_loading(window):
        return
    timeline.mark("first complete frame")
    timeline.dump()
    instance.release()  # os._exit skips aboutToQuit: leave no lock behind
    logging.shutdown()
    os._exit(0)


def layer_held(window: QQuickWindow) -> bool:
    """Whether the page on screen is still drawn from the layer PageHost keeps after it arrived: until the
    controller's still moment (PageHost.qml `holding`, let go at Controller.becameStill), or while it is an image
    drawn ahead or staged. Drawn again without it, ~2 % of the pixels move by a pixel."""
    for item in walk_visible(window.contentItem()):
        if item.property("holding") is None or item.property("shown") is not True:
            continue  # not a PageHost, or not the page on screen
        if any(item.property(name) is True for name in ("holding", "drawnAhead", "staging")):
            return True
    return False


def _hand_over_when_settled(window: QQuickWindow, handover: Handover) -> None:
    """Once the first page is complete and has stopped changing, the live window takes over from the picture.

    Complete is not enough: a page's first complete frame can be followed by a few more while its layout settles
    (a heading fitted again once its column has its final width), so the live page is taken to be shown once no
    frame has come for SETTLED_MS after a complete one, and the page is no longer drawn from the layer PageHost
    holds after a page arrives, until the controller's still moment (`layer_held`). The picture covers those
    frames; a start without one shows them, as it always has, and keeps the settled page for the next start."""
    still = QTimer(window, singleShot=True, interval=SETTLED_MS)
    frames: list[int] = []

    def on_frame() -> None:
        if still_loading(window):
            return
        if not frames:
            timeline.mark("first complete frame")
        frames.append(1)
        still.start()  # again: the page is shown once no frame follows for SETTLED_MS

    def on_still() -> None:
        if still_loading(window):
            return  # a picture started loading: its frame will come
        if layer_held(window):
            still.start()  # the page is still drawn from its layer, and will be drawn again without it: wait
            return
        window.frameSwapped.disconnect(on_frame)
        timeline.mark("live page settled")
        log.debug("first page: settled after %d complete frame(s)", len(frames))
        handover.live_frame_shown(window, window.grabWindow)
        timeline.dump()

    still.timeout.connect(on_still)
    window.frameSwapped.connect(on_frame, Qt.ConnectionType.QueuedConnection)


def _mark_first_frame_stages(window: QQuickWindow) -> None:
    """Timeline marks for the first frame's stages (render thread included), once each."""
    seen: set[str] = set()

    def once(name: str) -> Callable[[], None]:
        def note() -> None:
            if name not in seen:
                seen.add(name)
                timeline.mark(name)

        return note

    direct = Qt.ConnectionType.DirectConnection
    window.sceneGraphInitialized.connect(once("scene graph initialized"), direct)
    window.beforeSynchronizing.connect(once("first sync"), direct)
    window.beforeRendering.connect(once("first render"), direct)
    window.afterRendering.connect(once("first render done"), direct)
    window.frameSwapped.connect(once("first frame swapped"), direct)


def claim_the_screen() -> lockdown.SingleInstance | None:
    """The single-instance lock, or None when another kiosk already runs (this one then exits 0 at once)."""
    from kiosk.core.supervise import suppress_crash_dialogs

    suppress_crash_dialogs()  # Windows: no crash dialog left over the restarted kiosk
    instance = lockdown.SingleInstance()
    return instance if instance.acquire() else None


def harden(scene: Scene, instance: lockdown.SingleInstance, windowed: bool) -> list[object]:
    """Close requests ignored until the staff screen's exit; display kept awake; heartbeat for a supervisor.
    Returns what must stay referenced while the kiosk runs, the close guard first (connect_exit lifts it)."""
    import os

    from kiosk.core.supervise import HEARTBEAT_ENV

    app = scene.app
    guard = lockdown.CloseGuard(scene.window, allowed=windowed)

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


def settings_from_file_and_flags(args: argparse.Namespace, loaded: Loaded | None = None) -> SettingsBridge:
    """settings.toml from the config folder (defaults if missing or bad), with this run's command-line flags on top,
    and the machine policy (kiosk.core.policy) over both: its good fields apply even when others were bad.
    `loaded`: what the start already read for the first page's picture (kiosk.ui.splash), used as it is."""
    from kiosk.core.catalog import load_pack_or_fallback
    from kiosk.core.policy import load_policy, policy_path
    from kiosk.core.settings import load_settings, settings_path

    load_pack: Callable[[str], tuple[Pack, list[Problem]]] = load_pack_or_fallback
    if loaded is None:
        policy, policy_problems = load_policy()
        settings, problems = load_settings()
    else:
        policy, policy_problems = loaded.policy, loaded.policy_problems
        settings, problems = loaded.settings, loaded.settings_problems
        load_pack = loaded.load_pack(load_pack_or_fallback)
    if policy_problems:
        log.error("policy: %s has problems; the kiosk runs on what it could use", policy_path())
    overrides = overrides_from(args)  # the same flags the first page's picture is keyed on (splash)
    return SettingsBridge(
        settings,
        settings_path(),
        overrides,
        load_pack=load_pack,
        problems=problems,
        policy=policy,
        policy_problems=policy_problems,
    )


def cover_screen(window: QQuickWindow, screen: QScreen) -> None:
    """Full screen on `screen`. Without a window manager (a bare X session on a foyer PC) a full-screen request
    is ignored, so cover the screen explicitly as well."""
    window.setScreen(screen)
    window.setGeometry(screen.geometry())
    window.showFullScreen()


def follow_mode_switches(
    app: QGuiApplication,
    bridge: SettingsBridge,
    scene: Scene,
    wanted_screen: int | None = None,
    windowed: bool = False,
) -> None:
    """A live switch (staff screen, schedule) into assembly mode moves the audience to the projector and opens the
    presenter view on the laptop's screen, as a start in assembly mode does; leaving it closes the presenter view
    and brings the audience back."""
    presenter: list[QQuickWindow] = []

    def on_mode(mode: str) -> None:
        while presenter:
            presenter.pop().close()
        screens = app.screens()
        if not windowed and len(screens) > 1:
            audience = choose_audience_screen(screens, app.primaryScreen(), wanted_screen, mode == RunMode.ASSEMBLY)
            if audience is not scene.window.screen():
                cover_screen(scene.window, audience)
                log.info("audience moved to screen %s for %s mode", describe(audience), mode)
        if mode == RunMode.ASSEMBLY and len(screens) > 1:
            others = [s for s in screens if s is not scene.window.screen()]
            if others:
                presenter.append(open_presenter_view(scene, others[0]))
                presenter[-1].show()

    bridge.modeApplied.connect(on_mode)


def connect_exit(app: QGuiApplication, admin: AdminController, guard: lockdown.CloseGuard | None = None) -> None:
    """The staff screen's "Exit the kiosk" (behind the PIN) is the only way out of a running kiosk."""

    def leave() -> None:
        log.info("kiosk exit from the staff screen")
        if guard is not None:
            guard.allow()  # the window may close from now on
        app.exit(0)  # not quit(): Qt 6's quit() first asks every window to close, and the kiosk's window refuses

    admin.exitRequested.connect(leave)


def exit_on_signal(app: QGuiApplication) -> Callable[[int, object], None]:
    """The handler for Ctrl+C in a terminal and SIGTERM from `kiosk supervise`, a logout or a shutdown: the kiosk
    ends cleanly, so the batched counts and the visit in progress are written.

    Python runs it between Qt events, or before the event loop has started, when `app.exit()` alone does nothing
    (the signal would be lost and the kiosk would run on): then the exit is also queued for the loop's first turn.
    Only then: a queued exit left over after the loop had ended fired in whatever event loop ran next (in the
    tests, every later QEventLoop.exec() returned at once, and pytest-qt's waits processed no events).
    """

    def stop(signum: int, _frame: object) -> None:
        log.info("kiosk stopped by signal %d", signum)
        app.exit(0)
        if QThread.currentThread().loopLevel() == 0:  # no event loop running yet
            QTimer.singleShot(0, app, lambda: app.exit(0))

    return stop


def open_outbox(bridge: SettingsBridge, store: StatsStore | None, scene: Scene) -> OutboxRunner | None:
    """The policy's outbox (kiosk.core.outbox) with its timer, shown on the staff screen; None when the policy
    names no outbox and allows no USB outbox, or counting is off (`--no-stats`)."""
    policy = bridge.config.policy
    if store is None or (policy.outbox is None and not policy.usb_outbox):
        return None
    from kiosk.core.outbox import STATE_NAME, Outbox, kiosk_label, outbox_folders
    from kiosk.ui.stats_bridge import OutboxRunner

    try:
        label = kiosk_label(policy.label, paths.data_dir())
        outbox = Outbox(outbox_folders(policy.outbox, policy.usb_outbox), label, paths.data_dir() / STATE_NAME)
    except Exception:
        log.exception("outbox: could not be set up; the counts stay on this kiosk")
        return None
    runner = OutboxRunner(outbox, store, usb_look=policy.usb_outbox)
    if scene.stats is not None:
        scene.stats.set_outbox(runner)
    runner.start()
    log.info("outbox: daily counts as %s to %s", label, policy.outbox or "USB sticks")
    return runner


def watch_pack_sources(bridge: SettingsBridge) -> object | None:
    """The policy's pack sources, watched (kiosk.ui.pack_watch) and started, or None when it names none with a
    trusted key. run_kiosk calls it PACK_WATCH_START_MS after launch: the sources, signing and bundle code it
    imports are not needed for the first frame, and the first scan may copy and verify a bundle. A policy with
    no trusted key and no source folder has nothing to watch: that code is then never imported (0.5 MB)."""
    policy = bridge.config.policy
    if not policy.trusted_keys and not policy.sources:
        return None
    from kiosk.core.sources import scanner_from_policy
    from kiosk.core.store import Store

    try:
        scanner = scanner_from_policy(Store(), bridge.config.policy)
    except Exception:
        log.exception("sources: could not read the policy's pack sources; none are watched")
        return None
    if scanner is None:
        return None
    from kiosk.ui.pack_watch import PackWatch

    watch = PackWatch(scanner, bridge)
    watch.start()
    return watch


def run_kiosk(args: argparse.Namespace, handover: Handover | None = None) -> int:
    """The kiosk. `handover`: what kiosk.ui.splash.start did before the QML was imported (the lock, the
    application, the settings and pack, and the first page's picture on screen when one was kept)."""
    qtapp.forget_source_lines()  # the kiosk's modules are imported: their sources need not stay (app.py)
    if handover is None:
        from kiosk.ui import splash

        handover = splash.start(args)
        if handover is None:
            return 0
    instance = handover.instance
    assert isinstance(instance, lockdown.SingleInstance)
    app = qtapp.make_application()
    bridge = settings_from_file_and_flags(args, handover.loaded)
    stats_store = open_stats(args)
    # The size the window will have (the audience's screen, unless windowed), so QML lays out only once.
    audience_screen = handover.screen
    size = handover.size
    try:
        scene = bridge.start(size, CursorHider(app), stats_store=stats_store)
    except BaseException:
        handover.withdraw("the live page did not load")  # the error is what follows, never the picture
        raise
    timeline.mark("pack loaded, QML created")
    if timeline.enabled():
        _mark_first_frame_stages(scene.window)
    if args.exit_after_first_frame:
        # For bench/startup.py: the process ends as soon as the first complete frame is on screen. os._exit skips
        # the ~130 ms of QML and Python teardown, which no user sees, so the wall time is launch to first frame.
        # Connected before FirstFrameFirst: its first slice of page building (~10 ms) comes after that frame.
        scene.window.frameSwapped.connect(
            lambda: _exit_when_complete(scene.window, instance), Qt.ConnectionType.QueuedConnection
        )
    _hand_over_when_settled(scene.window, handover)
    first_page_first = FirstFrameFirst(scene.engine, scene.window)  # the other pages are built after it
    if os.environ.get("KIOSK_KEEP_LIBRARY_PAGES") != "1":  # bench/memory_ab.py's "before", or a very slow disk
        qtapp.LibraryPages(scene.controller)  # the controller keeps it
    if stats_store is not None:
        QTimer.singleShot(STATS_START_MS, stats_store.start)
    follow_mode_switches(app, bridge, scene, args.screen, args.windowed)
    pack_watch: list[object | None] = []  # kept while the kiosk runs
    QTimer.singleShot(PACK_WATCH_START_MS, app, lambda: pack_watch.append(watch_pack_sources(bridge)))
    outbox = open_outbox(bridge, stats_store, scene)
    assert bridge.slot is not None and bridge.pack is not None
    assembly = bridge.slot.mode == RunMode.ASSEMBLY
    engine = scene.controller.engine
    assert engine is not None
    pack, pages, idle = bridge.pack, engine.pages, engine.idle_timeout
    window = scene.window
    screens = app.screens()
    if args.windowed:
        window.show()
    else:
        window.setFlags(window.flags() | Qt.WindowType.FramelessWindowHint | Qt.WindowType.WindowStaysOnTopHint)
        cover_screen(window, audience_screen)
        handover.cover(window)  # the picture stays above the live window until that has drawn a whole frame
    if assembly and len(screens) > 1:
        presenter_screen = next(s for s in screens if s is not audience_screen)
        open_presenter_view(scene, presenter_screen).show()
        log.info("presenter view on %s, audience on %s", describe(presenter_screen), describe(audience_screen))
    elif assembly:
        log.info("one screen: assembly mode runs audience-only")
    timeline.mark("window shown")
    kept = harden(scene, instance, args.windowed)
    guard = kept[0]
    assert isinstance(guard, lockdown.CloseGuard)
    connect_exit(app, bridge.admin, guard)

    stop = exit_on_signal(app)
    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    # Qt's event loop runs no Python while nothing moves (a poster can stay 10 s or more): the signal wakes it
    # through a socket it watches, so the handler runs at once; the supervisor kills a kiosk 5 s after SIGTERM.
    wake_read, wake_write = socket.socketpair()
    wake_read.setblocking(False)
    wake_write.setblocking(False)
    signal.set_wakeup_fd(wake_write.fileno())
    wake = QSocketNotifier(wake_read.fileno(), QSocketNotifier.Type.Read)
    wake.activated.connect(lambda: wake_read.recv(64))
    keepalive = QTimer()
    keepalive.start(500) if args.windowed else None
    keepalive.timeout.connect(lambda: None)
    log.info("kiosk started: pack %s, %d pages, idle %s s", pack.id, len(pages), idle)
    status = app.exec()
    if scene.stats is not None:
        scene.stats.close()  # the visit in progress and the last batch of counts are written
    if outbox is not None:
        outbox.write_at_exit()  # ... and today's counts so far reach the outbox
    signal.set_wakeup_fd(-1)
    del kept, wake, first_page_first
    pack_watch.clear()
    return status
