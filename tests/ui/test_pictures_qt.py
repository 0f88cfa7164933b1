"""Cross-check of kiosk.core.pictures against Qt: what the core's structural check accepts, Qt draws at its size
(so the check's sums for every PNG layout are right), and what it refuses as damaged, Qt cannot show whole."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QImageReader

from kiosk.core import pictures
from tests.core.test_pictures import JPEG, PNG, png

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


def qt_reads(data: bytes, fmt: str) -> tuple[int, int] | None:
    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    reader = QImageReader(buffer, fmt.encode())
    image = reader.read()
    return None if image.isNull() else (image.width(), image.height())


@pytest.mark.parametrize(("colour", "depth"), [(0, 1), (0, 2), (0, 16), (2, 8), (2, 16), (3, 8), (4, 8), (6, 16)])
@pytest.mark.parametrize("interlace", [0, 1])
def test_pngs_the_check_accepts_qt_draws_at_their_size(qapp: object, colour: int, depth: int, interlace: int) -> None:
    data = png(13, 7, colour, depth, interlace)
    assert pictures.problem(data, ".png") is None
    assert qt_reads(data, "png") == (13, 7)


def test_the_fixture_pictures_are_what_qt_reads(qapp: object) -> None:
    assert qt_reads(PNG, "png") == (48, 32)
    assert qt_reads(JPEG, "jpg") == (48, 32)


@pytest.mark.parametrize(("case", "fmt"), [("png-random-bytes", "png"), ("svg-empty", "svg"), ("svg-truncated", "svg")])
def test_pictures_the_check_refuses_qt_cannot_show(qapp: object, case: str, fmt: str) -> None:
    data = (FIXTURES / "broken" / case / "art" / f"poster.{fmt}").read_bytes()
    assert pictures.problem(data, f".{fmt}") is not None
    assert qt_reads(data, fmt) is None
