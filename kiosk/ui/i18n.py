"""Interface language: one QTranslator swapped live, right-to-left mirroring, and QML retranslated in place.

The kiosk's chrome (buttons, warnings, the staff screen) is translated with Qt's tools: qsTr/tr in the code,
translations/kiosk_<code>.ts as the sources, compiled to .qm by lrelease at install and build time and compiled
into the resources as :/i18n/kiosk_<code>.qm. A school can add a language without a rebuild by putting
kiosk_<code>.qm into <data dir>/translations/. Pack content has its own per-language text (docs/pack-format.md).

    from kiosk.ui import i18n
    i18n.set_language(app, engine, "cy")   # or scene.set_language("cy"); True when the language was found
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QFile, QLocale, Qt, QTranslator
from PySide6.QtGui import QGuiApplication
from PySide6.QtQml import QQmlEngine

from kiosk.core import paths

log = logging.getLogger(__name__)

BUILTIN = ":/i18n"
DEFAULT = "en"
# Written right to left: the layout mirrors (navigation, grids, alignment) for these.
RTL_LANGUAGES = frozenset({"ar", "arc", "dv", "fa", "ha-arab", "he", "ks", "ku-arab", "ps", "sd", "ug", "ur", "yi"})
# The test pseudo-locales: expanded English (en-XA) and mirrored English (ar-XB), see scripts/pseudo_locale.py.
PSEUDO_RTL = frozenset({"ar-xb"})

_state: dict[str, object] = {"code": DEFAULT, "translator": None}


def is_rtl(code: str) -> bool:
    code = code.lower().replace("_", "-")
    return code in PSEUDO_RTL or code in RTL_LANGUAGES or code.split("-")[0] in RTL_LANGUAGES


def user_translations_dir() -> Path:
    """Where a school puts extra interface languages (kiosk_<code>.qm), beside the user's packs."""
    return paths.data_dir() / "translations"


def find_translation(code: str, extra_dirs: tuple[Path, ...] = ()) -> str | None:
    """The .qm for `code`: given folders first (tests, pseudo-locales), then the user's folder, then built in."""
    name = f"kiosk_{code}.qm"
    for folder in (*extra_dirs, user_translations_dir()):
        if (folder / name).is_file():
            return str(folder / name)
    if QFile.exists(f"{BUILTIN}/{name}"):
        return f"{BUILTIN}/{name}"
    return None


def available_languages(extra_dirs: tuple[Path, ...] = ()) -> list[str]:
    """Codes with a translation: always "en", the built-in ones, and any a school added."""
    from PySide6.QtCore import QDir

    codes = {DEFAULT}
    codes.update(n.removeprefix("kiosk_").removesuffix(".qm") for n in QDir(BUILTIN).entryList(["kiosk_*.qm"]))
    for folder in (*extra_dirs, user_translations_dir()):
        if folder.is_dir():
            codes.update(p.stem.removeprefix("kiosk_") for p in folder.glob("kiosk_*.qm"))
    return sorted(codes)


def current_language() -> str:
    return str(_state["code"])


def set_language(
    app: QCoreApplication,
    engine: QQmlEngine | None,
    code: str,
    extra_dirs: tuple[Path, ...] = (),
    content_language: str = "",
) -> bool:
    """Switch the interface to `code` now; False (and nothing changed) when there is no such translation.

    English needs no translation file for its words (the source strings are English), but its .qm carries the
    plural forms ("1 second", "2 seconds"), so it is loaded when present. `engine` None: before QML loads.
    `content_language`: the pack's language; an Urdu or Arabic pack mirrors the layout even while the interface
    chrome is still English.
    """
    code = code.strip() or DEFAULT
    source = find_translation(code, extra_dirs)
    if source is None and code != DEFAULT:
        log.warning("no interface translation for %r; keeping %r", code, current_language())
        return False
    translator = QTranslator(app)
    if source is not None and not translator.load(source):
        log.error("interface translation %s did not load; keeping %r", source, current_language())
        return False
    old = _state["translator"]
    if isinstance(old, QTranslator):
        QCoreApplication.removeTranslator(old)
        old.deleteLater()
    if source is not None:
        QCoreApplication.installTranslator(translator)
        _state["translator"] = translator
    else:
        _state["translator"] = None
        translator.deleteLater()
    _state["code"] = code
    QLocale.setDefault(QLocale(code.split("-")[0]) if code.lower() not in ("en-xa", "ar-xb") else QLocale("en"))
    rtl = is_rtl(code) or is_rtl(content_language)
    direction = Qt.LayoutDirection.RightToLeft if rtl else Qt.LayoutDirection.LeftToRight
    if isinstance(app, QGuiApplication):
        app.setLayoutDirection(direction)
    if engine is not None:
        engine.retranslate()
    log.info("interface language %s (%s)", code, "right to left" if rtl else "left to right")
    return True
