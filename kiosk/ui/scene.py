"""Build one running kiosk scene (controller, QML engine, window) for the app, the renderer and the tests.

A *scene* is the Qt side of a running kiosk; a student's time at the screen is a *visit* (kiosk.core.visit).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QSizeF
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtQml import QQmlApplicationEngine
from PySide6.QtQuick import QQuickWindow

from kiosk.core.config import StaffChoices
from kiosk.core.pack import Pack, Page
from kiosk.core.vocab import Audience, RunMode
from kiosk.ui import app as qtapp
from kiosk.ui import i18n
from kiosk.ui.admin import AdminController
from kiosk.ui.controller import KioskController
from kiosk.ui.items import walk
from kiosk.ui.stats_bridge import StatsRecorder

if TYPE_CHECKING:
    from kiosk.core.stats import StatsStore

log = logging.getLogger(__name__)


@dataclass
class Scene:
    """What one start of the kiosk built; `close()` tears it down in the order QML needs."""

    app: QGuiApplication
    controller: KioskController
    engine: QQmlApplicationEngine
    window: QQuickWindow
    input_filter: qtapp.InputFilter
    admin: AdminController
    stats: StatsRecorder | None = None

    def set_language(self, code: str) -> bool:
        """Switch the interface language live (the staff screen's language choice, `--lang`); see kiosk.ui.i18n."""
        found = i18n.set_language(self.app, self.engine, code, content_language=self.controller.pack.language)
        self.controller.redraw_ahead()
        return found

    def close(self) -> None:
        """Tear down QML before the controller it binds to, so no binding sees a dead `Controller`."""
        self.app.removeEventFilter(self.input_filter)
        self.window.close()
        self.engine.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def start_scene(
    pack: Pack,
    pages: list[Page] | None = None,
    clock: Callable[[], float] = time.monotonic,
    idle_timeout: float | None | str = "pack",
    auto_advance: bool = True,
    reduced_motion: bool = False,
    size: tuple[int, int] = (1280, 720),
    run_mode: RunMode | str = RunMode.FOYER,
    admin: AdminController | None = None,
    stats_store: StatsStore | None = None,
    language: str | None = "en",
) -> Scene:
    """Everything up to a window of `size`, not yet shown. The QGuiApplication must exist.

    `idle_timeout`: seconds, None for never (presenter, render), or "pack" for the pack's own setting.
    `language`: the interface language, installed before QML loads; None keeps the one already set.
    """
    idle = pack.idle_timeout if idle_timeout == "pack" else idle_timeout
    assert idle is None or isinstance(idle, float | int)
    app = QGuiApplication.instance()
    assert isinstance(app, QGuiApplication), "create the QGuiApplication first"
    qtapp.load_resources()
    icons = qtapp.load_fonts()
    controller = KioskController(
        pack,
        list(pages or pack.pages_for(Audience.STUDENTS)),
        clock=clock,
        idle_timeout=idle,
        auto_advance=auto_advance,
        run_mode=run_mode,
    )
    controller.set_reduced_motion(reduced_motion)
    admin = admin or memory_admin(controller)
    if language is not None and not i18n.set_language(app, None, language, content_language=pack.language):
        i18n.set_language(app, None, i18n.DEFAULT, content_language=pack.language)
    stats_admin = admin  # anonymous counts follow the staff screen's switch (admin statsEnabled)
    stats = StatsRecorder(controller, stats_store, enabled=lambda: stats_admin.choices.stats_enabled)
    engine = qtapp.create_engine(controller, admin, icons, stats, size)
    # The engine owns the controllers, so QML is torn down before the objects its bindings read.
    controller.setParent(engine)
    admin.setParent(engine)
    stats.setParent(engine)
    window = engine.rootObjects()[0]
    assert isinstance(window, QQuickWindow)
    window.resize(*size)
    window.contentItem().setSize(QSizeF(*size))  # else 0 x 0 until the window is shown: see lay_out_now
    lay_out_now(window)
    input_filter = qtapp.InputFilter(controller, admin)
    app.installEventFilter(input_filter)
    return Scene(app, controller, engine, window, input_filter, admin, stats)


def lay_out_now(window: QQuickWindow) -> None:
    """Run the layouts' polish now, top down, instead of in the first frame: only then are the pictures' final
    sizes known, and asking for them here lets them load while the window is mapped, so the first frame has
    them (bench/startup.py: one frame and ~20 ms sooner to a complete first page)."""
    for item in walk(window.contentItem()):
        if item.isVisible():
            item.ensurePolished()


def memory_admin(controller: KioskController) -> AdminController:
    """A staff screen whose PIN lives in memory only (tests, render); the kiosk itself uses the settings file."""
    import hmac
    import os

    from kiosk.core.pin import scrypt

    store: dict[str, bytes] = {}

    def digest(pin: str, salt: bytes) -> bytes:
        return scrypt(pin.encode(), salt, n=2**12, r=8, p=1, dklen=64)

    def set_pin(pin: str) -> None:
        store["salt"] = os.urandom(16)
        store["hash"] = digest(pin, store["salt"])

    def verify(pin: str) -> bool:
        return "hash" in store and hmac.compare_digest(store["hash"], digest(pin, store["salt"]))

    choices = StaffChoices(pack=controller.pack.id, packs=[controller.pack.id])
    return AdminController(choices, verify, lambda: "hash" in store, set_pin, lambda c: None)


def open_presenter_view(scene: Scene, screen: QScreen | None = None) -> QQuickWindow:
    """The assembly presenter's window (current and next page, notes, questions, clock) on `screen`."""
    scene.engine.loadFromModule("Kiosk", "PresenterView")
    window = scene.engine.rootObjects()[-1]
    assert isinstance(window, QQuickWindow) and window.objectName() == "presenterWindow"
    window.setProperty("audience", scene.window)
    if screen is not None:
        window.setScreen(screen)
        window.setGeometry(screen.availableGeometry())
    return window
