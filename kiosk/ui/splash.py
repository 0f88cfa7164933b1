"""The first page at once: a picture of it kept from the last run, shown while Qt Quick and the QML load.

`kiosk` (cli.cmd_run) calls `start` before it imports the QML engine or the kiosk's own Qt modules: this module
needs QtCore and QtGui only. It takes the single-instance lock, makes the QGuiApplication, reads the settings, the
machine policy and the pack the schedule wants now (kiosk.core, handed on to run_kiosk so nothing is read twice),
and when a picture kept under exactly these inputs exists (kiosk.core.firstpicture: the key), it covers the
audience's screen with it in a plain raster window.

The live window is then shown under it (`Handover.cover`) and, once its first page has settled (kiosk.ui.run:
complete, and no longer changing), the picture window is withdrawn (`Handover.live_frame_shown`): the live
window's pixels are already what the screen shows, so nothing visibly changes. Then the live frame is grabbed
once: compared with the picture pixel for pixel (a difference drops the picture and is logged once), and kept as
the next start's picture (PNG, written in a thread) when there was none. Taps and keys that land on the picture
are kept (InputKeeper: not even the live scene's input filter acts on them) and delivered to the live window, in
order, at the handover: a visitor who tapped the picture gets what a tap on the live page gives (in the loop: the
kiosk wakes). If the live QML fails, run_kiosk withdraws the picture before the error ends the kiosk; if the live
page never settles, the picture is withdrawn after GIVE_UP_MS all the same, never left over a kiosk not there.
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QBuffer, QCoreApplication, QElapsedTimer, QEvent, QEventLoop, QIODevice, QObject, Qt, QTimer
from PySide6.QtGui import (
    QGuiApplication,
    QImage,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QRasterWindow,
    QScreen,
    QWindow,
)

from kiosk.core import firstpicture, paths, timeline
from kiosk.core.pack import Pack, Problem
from kiosk.core.vocab import RunMode

if TYPE_CHECKING:
    from kiosk.core.config import Config, Overrides
    from kiosk.core.policy import Policy
    from kiosk.core.schedule import Slot
    from kiosk.core.settings import Settings

log = logging.getLogger(__name__)

PAINT_WAIT_MS = 500  # the picture window waits this long for the display to map and expose it, at most
GIVE_UP_MS = 8000  # a live window that has not completed a frame by then: withdraw the picture anyway
COMPARED_FORMAT = QImage.Format.Format_RGB32


def describe(screen: QScreen) -> str:
    """A screen as the log should name it: its name (blank under some X servers) and where and how big it is."""
    g = screen.geometry()
    return f"{screen.name() or 'screen'} {g.width()}x{g.height()} at {g.x()},{g.y()}"


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


@dataclass
class Loaded:
    """What the start read before the QML (settings, policy, the pack shown now), handed on to run_kiosk."""

    settings: Settings
    settings_problems: list[Problem]
    policy: Policy
    policy_problems: list[Problem]
    config: Config  # the settings with this run's flags and the policy
    slot: Slot  # the mode and pack wanted now
    pack: Pack
    pack_problems: list[Problem]

    @property
    def pack_name(self) -> str:
        return self.slot.pack

    def load_pack(
        self, fallback: Callable[[str], tuple[Pack, list[Problem]]]
    ) -> Callable[[str], tuple[Pack, list[Problem]]]:
        """A pack loader that answers the pack read here once, then reads from disk as usual."""
        first: list[tuple[Pack, list[Problem]]] = [(self.pack, self.pack_problems)]

        def load(name: str) -> tuple[Pack, list[Problem]]:
            if first and name == self.pack_name:
                return first.pop()
            first.clear()
            return fallback(name)

        return load


KEPT_INPUT = (
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseButtonRelease,
    QEvent.Type.MouseButtonDblClick,
    QEvent.Type.KeyPress,
    QEvent.Type.KeyRelease,
    QEvent.Type.TouchBegin,
    QEvent.Type.TouchUpdate,
    QEvent.Type.TouchEnd,
)


class InputKeeper(QObject):
    """Once the live scene exists, its application-wide input filter (kiosk.ui.app.InputFilter) would act on a key
    pressed on the picture at once (a page change under the picture); this filter, installed after it and so asked
    first, keeps such input for the live window instead."""

    def __init__(self, picture: PictureWindow) -> None:
        super().__init__()
        self.picture = picture

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if watched is self.picture and event.type() in KEPT_INPUT:
            self.picture.kept.append(event.clone())
            return True
        return False


class PictureWindow(QRasterWindow):
    """The kept picture, full screen; keeps the taps and keys it receives for the live window."""

    def __init__(self, image: QImage, title: str) -> None:
        super().__init__()
        self.image = image
        self.painted = False
        self.kept: list[QEvent] = []
        self.setTitle(title)  # a screen reader meets the kiosk's own name, as on the live window

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        painter.drawImage(0, 0, self.image)
        painter.end()
        self.painted = True

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Close:
            event.ignore()  # a window manager's close (Alt+F4): refused, as the live window refuses it (CloseGuard)
            return True
        return super().event(event)

    def _keep(self, event: QEvent) -> None:
        self.kept.append(event.clone())
        event.accept()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        self._keep(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        self._keep(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        self._keep(event)

    def keyReleaseEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        self._keep(event)


@dataclass
class Handover:
    """The first start's picture (if any) and everything needed to hand over to the live window."""

    app: QGuiApplication
    instance: object  # kiosk.ui.lockdown.SingleInstance
    loaded: Loaded
    screen: QScreen
    size: tuple[int, int]
    key: str | None  # None: this start keeps and checks no picture (windowed, another size)
    window: PictureWindow | None = None
    picture: QImage | None = None
    cache: Path = field(default_factory=paths.cache_dir)
    done: bool = False
    _give_up: QTimer | None = None
    writer: threading.Thread | None = None
    live: QWindow | None = None  # the live window, once shown
    _keeper: InputKeeper | None = None

    @property
    def shown(self) -> bool:
        return self.window is not None

    def cover(self, live: QWindow) -> None:
        """The live window has just been shown: keep the picture above it until its first page has settled."""
        self.live = live
        if self.window is None:
            return
        self._keeper = InputKeeper(self.window)
        self.app.installEventFilter(self._keeper)
        self.window.raise_()
        self.window.requestActivate()  # keys go to the picture (kept for the live page) until the handover
        self._give_up = QTimer(singleShot=True, interval=GIVE_UP_MS)
        self._give_up.timeout.connect(self._too_long)
        self._give_up.start()

    def _too_long(self) -> None:
        for event in self.withdraw("the live page took too long"):
            if self.live is not None:
                QCoreApplication.postEvent(self.live, event)

    def withdraw(self, why: str = "") -> list[QEvent]:
        """Take the picture off the screen (idempotent); returns the input it kept. The live window (if shown)
        gets the keyboard: the display would otherwise give it back to no window when the picture goes."""
        window, self.window = self.window, None
        if self._give_up is not None:
            self._give_up.stop()
        if self._keeper is not None:
            self.app.removeEventFilter(self._keeper)
            self._keeper = None
        if window is None:
            return []
        window.hide()
        window.destroy()
        if self.live is not None:
            self.live.requestActivate()
        if why:
            log.warning("first page: picture withdrawn: %s", why)
        kept, window.kept = window.kept, []
        window.deleteLater()
        return kept

    def live_frame_shown(self, live: QWindow, grab: Callable[[], QImage]) -> None:
        """The live window's first page is on screen and settled: withdraw the picture, check it, deliver the input
        that landed on it, and keep this frame for the next start when there was no picture."""
        if self.done:
            return
        self.done = True
        self.live = live
        kept = self.withdraw()
        timeline.mark("picture withdrawn")
        if self.key is not None:
            live_image = grab()  # before the kept input is delivered: the first page as it first showed
            self._check_and_keep(live_image)
        for event in kept:
            QCoreApplication.postEvent(live, event)
        if kept:
            log.info("first page: %d tap(s) or key(s) on the picture passed to the live page", len(kept))

    def _check_and_keep(self, live_image: QImage) -> None:
        assert self.key is not None
        expected = (
            round(self.size[0] * self.screen.devicePixelRatio()),
            round(self.size[1] * self.screen.devicePixelRatio()),
        )
        if live_image.isNull() or (live_image.width(), live_image.height()) != expected:
            log.info("first page: the live frame could not be grabbed at %dx%d; no picture kept", *expected)
            return
        if self.picture is not None:
            picture, self.picture = self.picture, None  # not held while the kiosk runs (33 MB at 4K)
            if same_pixels(picture, live_image):
                log.info("first page: the live page matches the picture")
                return
            where = firstpicture.picture_path(self.cache, self.key)
            log.warning("first page: the live page differs from the picture kept for it; picture dropped (%s)", where)
            firstpicture.drop([where])
            return  # the next start draws without one, and keeps what it shows
        self.writer = threading.Thread(target=self._keep, args=(live_image,), name="first-page", daemon=True)
        self.writer.start()

    def _keep(self, image: QImage) -> None:
        assert self.key is not None
        try:
            data = encode(image)
            firstpicture.keep(self.cache, self.key, data)
            log.info("first page: picture kept for the next start (%d KiB)", len(data) // 1024)
        except (OSError, ValueError) as error:
            log.warning("first page: picture not kept (%s)", error)


def same_pixels(a: QImage, b: QImage) -> bool:
    """Pixel for pixel, whatever the two images' formats (alpha aside: both are opaque full-screen pages)."""
    if a.size() != b.size():
        return False
    return a.convertToFormat(COMPARED_FORMAT) == b.convertToFormat(COMPARED_FORMAT)


def encode(image: QImage) -> bytes:
    """PNG bytes of `image` (fast compression: decoded at every start, written once)."""
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.convertToFormat(COMPARED_FORMAT).save(buffer, "PNG", 80):  # type: ignore[call-overload]
        raise ValueError("the picture could not be encoded")
    return bytes(buffer.data().data())


def read_picture(path: Path, size: tuple[int, int], ratio: float) -> QImage | None:
    """The kept picture, if it decodes to exactly the window's size in device pixels."""
    image = QImage(str(path))
    expected = (round(size[0] * ratio), round(size[1] * ratio))
    if image.isNull() or (image.width(), image.height()) != expected:
        log.warning("first page: %s is not a %dx%d picture; dropped", path, *expected)
        firstpicture.drop([path])
        return None
    image.setDevicePixelRatio(ratio)
    return image


def overrides_from(args: argparse.Namespace) -> Overrides:
    """This run's command-line flags over the settings (kiosk.core.config.Overrides)."""
    from kiosk.core.config import Overrides

    return Overrides(
        pack=args.pack,
        mode=args.mode,
        idle_timeout=args.idle_timeout,
        reduced_motion=args.reduced_motion,
        high_contrast=args.high_contrast,
        text_size=args.text_size,
        language=getattr(args, "lang", None),
    )


def load_inputs(args: argparse.Namespace, now: dt.datetime) -> Loaded:
    """Settings, policy and the pack the schedule wants now, as run_kiosk would read them."""
    from kiosk.core.catalog import load_pack_or_fallback
    from kiosk.core.config import Config
    from kiosk.core.policy import load_policy
    from kiosk.core.settings import load_settings

    policy, policy_problems = load_policy()
    settings, problems = load_settings()
    cfg = Config(settings, overrides_from(args), policy)
    slot = cfg.wanted_slot(now)
    pack, pack_problems = load_pack_or_fallback(slot.pack)
    return Loaded(settings, problems, policy, policy_problems, cfg, slot, pack, pack_problems)


def picture_inputs(loaded: Loaded, size: tuple[int, int], ratio: float, platform: str) -> firstpicture.Inputs:
    """The key's inputs for this start (kiosk.core.firstpicture)."""
    from PySide6.QtCore import qVersion

    return firstpicture.Inputs(
        program=firstpicture.program_identity(),
        qt_version=qVersion(),
        config=repr(loaded.config),
        slot=repr(loaded.slot),
        pack_root=str(loaded.pack.root),
        pack_files=firstpicture.file_stats(loaded.pack.root),
        pack_problems=[str(p) for p in loaded.pack_problems],
        size=size,
        device_pixel_ratio=ratio,
        platform=platform,
        environment=firstpicture.drawing_environment(),
    )


def wait_until_painted(app: QGuiApplication, window: PictureWindow) -> bool:
    """Run the events until the display has mapped the window and it has painted (PAINT_WAIT_MS at most), then
    make sure the display has the picture before the long imports that follow."""
    clock = QElapsedTimer()
    clock.start()
    while not window.painted and clock.elapsed() < PAINT_WAIT_MS:
        app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 20)
    app.processEvents()
    sync = getattr(app, "sync", None)
    if callable(sync):
        sync()  # a round trip: the display has drawn the picture when this returns
    return window.painted


def start(args: argparse.Namespace) -> Handover | None:
    """Everything before the QML: the lock, the application, what to show, and its picture when one is kept.

    None when another kiosk already holds the screen (this one exits 0)."""
    from kiosk.ui import environment, lockdown

    environment.prepare_environment()
    environment.install_qt_logging()
    from kiosk.core.supervise import suppress_crash_dialogs

    suppress_crash_dialogs()  # Windows: no crash dialog left over the restarted kiosk
    instance = lockdown.SingleInstance()
    if not instance.acquire():
        return None
    app = QGuiApplication.instance() or QGuiApplication(["kiosk"])
    assert isinstance(app, QGuiApplication)
    app.setApplicationName(paths.APP_NAME)
    app.setOrganizationName(paths.APP_AUTHOR)
    timeline.mark("QGuiApplication made")
    from kiosk.core.store import Store

    Store().clean()  # an import a kill or power cut interrupted (after the lock: no other kiosk is importing)
    now = dt.datetime.now()
    loaded = load_inputs(args, now)
    mode = loaded.slot.mode
    screen = choose_audience_screen(app.screens(), app.primaryScreen(), args.screen, mode == RunMode.ASSEMBLY)
    full = screen.geometry().size()
    size = args.size or ((1280, 720) if args.windowed else (full.width(), full.height()))
    handover = Handover(app, instance, loaded, screen, tuple(size), None)
    timeline.mark("settings and counts opened")
    if args.windowed or tuple(size) != (full.width(), full.height()) or getattr(args, "no_first_picture", False):
        return handover  # a picture covers a whole screen only
    ratio = screen.devicePixelRatio()
    handover.key = picture_inputs(loaded, handover.size, ratio, app.platformName()).key()
    found = firstpicture.find(handover.cache, handover.key)
    if found is None:
        log.info("first page: no picture kept for this start; the live page keeps one")
        return handover
    image = read_picture(found, handover.size, ratio)
    if image is None:
        return handover
    window = PictureWindow(image, loaded.pack.name)
    window.setFlags(window.flags() | Qt.WindowType.FramelessWindowHint | Qt.WindowType.WindowStaysOnTopHint)
    window.setScreen(screen)
    window.setGeometry(screen.geometry())
    window.showFullScreen()
    if not wait_until_painted(app, window):
        log.warning("first page: the display did not show the picture within %d ms", PAINT_WAIT_MS)
    handover.window, handover.picture = window, image
    timeline.mark("first picture shown")
    return handover


__all__ = ["Handover", "Loaded", "PictureWindow", "choose_audience_screen", "describe", "same_pixels", "start"]
