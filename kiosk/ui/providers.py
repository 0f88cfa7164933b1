"""What QML gets besides the controllers: crisp QR codes (image://qr/<url>) and the icon font's glyphs."""

from __future__ import annotations

import logging
from urllib.parse import unquote

from PySide6.QtCore import Property, QObject, QSize, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtQuick import QQuickImageProvider

from kiosk.core import qr

log = logging.getLogger(__name__)


def qr_image(data: str, target: int) -> QImage:
    """The code at the largest whole number of pixels per module that fits `target`: no smoothing, no blur."""
    rows = qr.matrix(data)
    n = len(rows)
    # One byte per module, 0 light and 1 dark, read through a two-colour table: no per-pixel Python calls.
    modules = bytes(on for row in rows for on in row)
    small = QImage(modules, n, n, n, QImage.Format.Format_Indexed8)
    small.setColorTable([QColor("#ffffff").rgb(), QColor("#000000").rgb()])
    scale = max(1, target // n)
    return small.scaled(
        n * scale, n * scale, Qt.AspectRatioMode.IgnoreAspectRatio, Qt.TransformationMode.FastTransformation
    ).convertToFormat(QImage.Format.Format_RGB32)  # a copy: the scaled image owns its pixels


class QrImageProvider(QQuickImageProvider):
    def __init__(self) -> None:
        super().__init__(QQuickImageProvider.ImageType.Image)

    def requestImage(self, id: str, size: QSize, requestedSize: QSize) -> QImage:  # noqa: N802 - Qt's name
        target = max(requestedSize.width(), requestedSize.height(), 64)
        try:
            return qr_image(unquote(id), target)
        except Exception:
            log.exception("cannot make a QR code for %r", id)
            blank = QImage(target, target, QImage.Format.Format_RGB32)
            blank.fill(QColor("#ffffff"))
            return blank


class IconGlyphs(QObject):
    """`Icons` in QML: the icon names QML may use, mapped to their Font Awesome glyphs (app.load_icon_font).

    An object rather than a bare map so that qmllint knows the name `Icons` and its one property."""

    def __init__(self, glyphs: dict[str, str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._glyphs = dict(glyphs)

    @Property("QVariantMap", constant=True)  # type: ignore[arg-type]  # stub: a type only; Qt type names work
    def glyphs(self) -> dict[str, str]:
        return self._glyphs
