"""The bundled fonts are registered once per process.

Registering a font file again is not a no-op in Qt: it adds the file a second time and invalidates every font
cache (QGuiApplication.fontDatabaseChanged), while kiosk.ui.art's worker thread may be drawing a pack picture's
text. The handout and the studio load the fonts while a kiosk runs, so a second registration happened there; a
full test run once died in that worker with a segmentation fault.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QFontDatabase, QGuiApplication

from kiosk.ui import app as qtapp


def test_loading_the_fonts_again_leaves_qt_font_caches_alone(qapp: QGuiApplication) -> None:
    qtapp.load_resources()  # the fonts are in the compiled resources
    glyphs = qtapp.load_fonts()
    families = QFontDatabase.families()
    changes: list[int] = []
    qapp.fontDatabaseChanged.connect(lambda: changes.append(1))
    again = qtapp.load_fonts()  # as the handout and the studio do in a running kiosk
    icons = qtapp.load_icon_font()
    assert changes == []
    assert again == glyphs == icons or not icons
    assert QFontDatabase.families() == families
    assert qtapp.BODY_FAMILY in families


def test_a_font_that_does_not_load_is_tried_again(qapp: QGuiApplication, tmp_path: Path) -> None:
    broken = tmp_path / "broken.ttf"
    broken.write_bytes(b"not a font")
    assert not qtapp._register_font(str(broken))
    assert str(broken) not in qtapp._registered_fonts
