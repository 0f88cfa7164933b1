"""Start-up of the Qt side: environment, fonts, resources, the QML engine, and the input filter."""

from __future__ import annotations

import functools
import importlib.util
import json
import logging
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication, QKeyEvent
from PySide6.QtQml import QJSEngine, QQmlApplicationEngine, QQmlEngine, qmlRegisterSingletonType

from kiosk.core import paths, startgc
from kiosk.core.memory import give_back_library_pages_now
from kiosk.ui import environment as _environment
from kiosk.ui.admin import AdminController
from kiosk.ui.art import ArtCache
from kiosk.ui.controller import KioskController
from kiosk.ui.providers import IconGlyphs, QrImageProvider
from kiosk.ui.stats_bridge import StatsRecorder

log = logging.getLogger(__name__)

# The environment before the QGuiApplication (kiosk.ui.environment), under the names callers have always used.
BUNDLED_QML_CACHE = _environment.BUNDLED_QML_CACHE
M_MMAP_THRESHOLD = _environment.M_MMAP_THRESHOLD
MMAP_THRESHOLD_BYTES = _environment.MMAP_THRESHOLD_BYTES
has_gpu_driver = _environment.has_gpu_driver
install_qt_logging = _environment.install_qt_logging
prepare_environment = _environment.prepare_environment
qml_cache_dir = _environment.qml_cache_dir
return_big_blocks_to_the_system = _environment.return_big_blocks_to_the_system


FONTS = (
    ":/fonts/AtkinsonHyperlegible_400Regular.ttf",
    ":/fonts/AtkinsonHyperlegible_700Bold.ttf",
    ":/fonts/AtkinsonHyperlegible_400Regular_Italic.ttf",
    ":/fonts/ComicNeue_400Regular.ttf",
    ":/fonts/ComicNeue_700Bold.ttf",
    ":/fonts/KioskFigures-Regular.ttf",
    ":/fonts/KioskFigures-Bold.ttf",
    ":/fonts/KioskFigures-Italic.ttf",
)
BODY_FAMILY = "Atkinson Hyperlegible"
# Open-zero digits only (tools/make_figures_font.py): text set in it takes every other character from its
# substitute, Atkinson Hyperlegible, whose slashed zero text recognition misreads (0800 as 08090, 101 as 191).
FIGURES_FAMILY = "Kiosk Figures"
ICON_FONT = "fontawesome6-solid-webfont-6.7.2"
ICONS = {
    "home": "house",
    "back": "arrow-left",
    "next": "arrow-right",
    "help": "life-ring",
    "close": "xmark",
    "check": "check",
    "more": "circle-chevron-right",
    "more-rtl": "circle-chevron-left",  # "more" in a right-to-left layout
    "tap": "hand-pointer",
    "hand": "hand",
    "laugh": "face-laugh-beam",
    "block": "ban",
    "adult": "user-shield",
    "report": "flag",
    "phone": "phone",
    "heart": "heart",
    "info": "circle-info",
    "clock": "clock",
    "scale": "scale-balanced",
    "smile": "face-smile",  # feedback faces (kiosk/core/pack.py FEEDBACK_ICONS)
    "meh": "face-meh",
    "frown": "face-frown",
    "chart": "chart-column",
    "down": "arrow-down",  # a page taller than the screen: more below (ScrollPage.qml)
    "up": "arrow-up",
}


def forget_source_lines() -> None:
    """Drop the Python source lines PySide read into `linecache` for every module imported after it.

    shiboken's import hook reads each new module's whole source (`inspect.getsource`, to see whether it uses
    PySide's `__feature__` switches), and linecache keeps it: 49,000 lines, about 4 MB of Python objects in a
    running kiosk from source (bench/README.md, "mem20"). Nothing needs them; a traceback reads its few lines
    again. Dropped once the kiosk's modules are imported, before the scene is built (whose objects then reuse
    the freed room), and after the modules imported later, at each still moment. A frozen build has no sources."""
    import linecache

    linecache.clearcache()


def give_back_free_memory() -> bool:
    """Have glibc return the free pages inside its heaps to the system (`malloc_trim(0)`, under a millisecond).

    glibc gives back only the free memory at the top of a heap; what start-up and each page change free below
    live blocks stays resident, 1-2.5 MB a minute into the loop (bench/memmap.py). Called when the screen is
    still after a change (Controller.becameStill), never during a fade, after the source lines read since the
    last time are dropped (forget_source_lines). Linux (glibc) only; True if it gave any."""
    forget_source_lines()
    startgc.collect_due()  # cycles, on this (the GUI) thread (kiosk/core/startgc.py), before the heap is trimmed
    if not sys.platform.startswith("linux"):
        return False
    try:
        import ctypes

        return bool(ctypes.CDLL(None).malloc_trim(0))
    except (ImportError, OSError, AttributeError):  # no ctypes in the build, or not glibc (musl)
        return False


class LibraryPages(QObject):
    """Gives back the libraries' start-up pages once, at a still moment of the loop (the rule, and why:
    kiosk.core.memory.give_back_library_pages_now). Only the running kiosk makes one (kiosk.ui.run), not a
    render, the studio or a test's scene. `give_back`: environment.give_back_library_pages, or a test's stand-in."""

    def __init__(
        self, controller: KioskController, give_back: Callable[[], int] = _environment.give_back_library_pages
    ) -> None:
        super().__init__(controller)
        self._controller = controller
        self._give_back = give_back
        self._started = controller.clock()
        self.done = False
        controller.becameStill.connect(self._still)

    def _still(self) -> None:
        engine = self._controller.engine
        if engine is None:
            return
        if give_back_library_pages_now(self._controller.clock() - self._started, engine.state.phase, self.done):
            self.done = True
            advised = self._give_back()
            log.info(
                "memory: asked the kernel to drop the libraries' resident pages (%d MiB of mappings)", advised >> 20
            )


def load_resources() -> None:
    """Import the compiled resources.qrc (made by pyside6-rcc at install or build time)."""
    try:
        import kiosk.ui.resources_rc  # noqa: F401
    except ImportError as error:  # pragma: no cover - a broken install
        raise SystemExit(
            "kiosk: compiled resources are missing (kiosk/ui/resources_rc.py). "
            "Reinstall with 'pip install .' or run 'python setup.py build_py'."
        ) from error


_registered_fonts: set[str] = set()  # font files registered in this process


def _register_font(path: str) -> bool:
    """Register a font file once per process. A second registration of the same file is not a no-op: Qt adds it
    again and invalidates every font cache, under a thread that may be drawing a pack picture's text at that
    moment (kiosk.ui.art's worker; the handout and the studio load the fonts again while the kiosk runs)."""
    if path in _registered_fonts:
        return True
    if QFontDatabase.addApplicationFont(path) < 0:
        return False
    _registered_fonts.add(path)
    return True


def load_fonts() -> dict[str, str]:
    """Register the bundled fonts; returns the icon names QML may use, mapped to their glyphs."""
    for font in FONTS:
        if not _register_font(font):
            log.error("font %s did not load", font)
    QFont.insertSubstitution(FIGURES_FAMILY, BODY_FAMILY)
    return load_icon_font()


def _icon_font_dir() -> Path | None:
    if paths.is_frozen():
        return paths.assets_dir().parent / "qtawesome" / "fonts"
    spec = importlib.util.find_spec("qtawesome")  # finds the folder without importing qtawesome (slow)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(list(spec.submodule_search_locations)[0]) / "fonts"


def load_icon_font() -> dict[str, str]:
    """Font Awesome's solid font from qtawesome: icons as text, sharp at any size, no qtawesome import."""
    folder = _icon_font_dir()
    glyphs: dict[str, str] = {}
    try:
        if folder is None:
            raise FileNotFoundError("qtawesome is not installed")
        charmap = json.loads((folder / f"{ICON_FONT.replace('-6.7.2', '-charmap-6.7.2')}.json").read_text())
        if not _register_font(str(folder / f"{ICON_FONT}.ttf")):
            raise OSError("icon font did not load")
        for name, fa_name in ICONS.items():
            glyphs[name] = chr(int(charmap[fa_name], 16))
    except (OSError, KeyError, ValueError) as error:
        log.error("icons unavailable (%s); buttons show words only", error)
    return glyphs


class InputFilter(QObject):
    """Sees every key and press before QML does: key map actions, and any press restarts the idle clock.

    A press in the attract loop is left to the QML overlay, which wakes the kiosk without also pressing the
    button that happens to lie under the finger.
    """

    def __init__(self, controller: KioskController, admin: AdminController | None = None) -> None:
        super().__init__()
        self.controller = controller
        self.admin = admin

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        kind = event.type()
        if kind == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            chord = (
                Qt.KeyboardModifier.ControlModifier
                | Qt.KeyboardModifier.AltModifier
                | Qt.KeyboardModifier.ShiftModifier
            )
            if self.admin is not None and event.key() == Qt.Key.Key_K and (event.modifiers() & chord) == chord:
                self.admin.show()
                return True
            if self.admin is not None and self.admin.open:
                self.admin.activity.emit()  # a keyboard user is still at work: the screen must not close on them
                return False  # the staff screen handles its own keys
            if event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier):
                return True  # Ctrl+W, Ctrl+Q, Alt+F4 and friends do nothing on a public kiosk
            try:
                name = Qt.Key(event.key()).name.removeprefix("Key_")
            except ValueError:  # a key Qt has no name for (media keys on odd keyboards)
                name = ""
            if event.isAutoRepeat() and self.controller.keys.keymap.get(name):
                return True  # a held key must not race through the pages
            if self.controller.press_key(name):
                return True
            if self.controller.attract and not self.controller.presenting:
                # As with the first tap: the first key only wakes the kiosk, it does not press a focused button.
                self.controller.touch()
                return name in ("Tab", "Backtab", "Return", "Enter", "Space")
            self.controller.touch()  # tabbing through a page is use too: the idle clock starts again
            return False
        if kind in (QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin) and not self.controller.attract:
            self.controller.touch()
        return False


QML_MODULE = "Kiosk"
# The Python objects QML reaches, as singletons of the Kiosk module: QML's name -> the class QML sees.
# scripts/update_qmltypes.py describes these classes to Qt's tooling in kiosk/qml/Kiosk/kiosk.qmltypes, so
# qmllint checks every property and method QML uses on them (tests/system/test_qml_types.py).
QML_SINGLETONS: dict[str, type[QObject]] = {
    "Controller": KioskController,
    "Admin": AdminController,
    "Stats": StatsRecorder,
    "ArtCache": ArtCache,
    "Icons": IconGlyphs,
}
_ENGINE_PROPERTY = "kioskSingleton_"  # + QML's name: where each engine keeps its own instances


def _singleton_for(name: str) -> Callable[[QQmlEngine], QObject]:
    def create(engine: QQmlEngine) -> QObject:
        instance = engine.property(_ENGINE_PROPERTY + name)
        if not isinstance(instance, QObject):
            raise RuntimeError(f"QML asked for {name} in an engine create_engine did not make")
        return instance

    return create


@functools.cache
def register_qml_types() -> None:
    """Register the singletons once per process; each engine's instances come from create_engine, so tests
    and render runs that make several kiosks in one process each see their own controller."""
    for name, cls in QML_SINGLETONS.items():
        # The stub types qml_name as bytes, but PySide takes only a str there (bytes raise ValueError).
        qmlRegisterSingletonType(cls, QML_MODULE, 1, 0, name, _singleton_for(name))  # type: ignore[call-overload]


def create_engine(
    controller: KioskController,
    admin: AdminController,
    icons: dict[str, str],
    stats: StatsRecorder,
    size: tuple[int, int] | None = None,
    *,
    art: ArtCache | None = None,
    main: str | None = "Main",
) -> QQmlApplicationEngine:
    """The QML scene. With `size`, the window has it from the start: pages are laid out and their pictures
    drawn once, at that size, not first at QML's default size and again after a resize (bench/startup.py).
    `art`: the pictures' cache (the studio's always reads the file as it is now); `main`: the component to load,
    or None for an engine that loads nothing yet (the studio makes one KioskView per preview in it)."""
    register_qml_types()
    engine = QQmlApplicationEngine()
    if size is not None:
        engine.setInitialProperties({"width": size[0], "height": size[1]})
    engine.addImageProvider("qr", QrImageProvider())
    controller.becameStill.connect(give_back_free_memory)
    if art is None:
        art = ArtCache(parent=engine)
    else:
        art.setParent(engine)
    engine.destroyed.connect(art.stop)
    instances: dict[str, QObject] = {
        "Controller": controller,
        "Admin": admin,
        "Stats": stats,
        "ArtCache": art,
        "Icons": IconGlyphs(icons, parent=engine),
    }
    for name, instance in instances.items():
        assert isinstance(instance, QML_SINGLETONS[name])
        # Python and the engine's parent own these: QML must not delete them with the engine's singletons.
        QJSEngine.setObjectOwnership(instance, QJSEngine.ObjectOwnership.CppOwnership)
        engine.setProperty(_ENGINE_PROPERTY + name, instance)
    if main is None:
        return engine
    engine.loadFromModule(QML_MODULE, main)
    if not engine.rootObjects():
        raise RuntimeError("the kiosk's QML did not load (see the log for the QML errors)")
    return engine


def make_application(argv: list[str] | None = None) -> QGuiApplication:
    app = QGuiApplication.instance() or QGuiApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationName(paths.APP_NAME)
    app.setOrganizationName(paths.APP_AUTHOR)
    return app  # type: ignore[return-value]
