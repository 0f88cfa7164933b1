"""The help pages' phone numbers as a passer-by sees them: large, whole, and clear of their labels."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QRectF

from kiosk.core import paths
from kiosk.ui.render import settle

from ..qml_helpers import find_all, scene_rect

PACKS = [paths.builtin_packs_dir() / n for n in ("cumbria", "derbyshire")]
SIZES = [(1024, 768), (1920, 1080), (1080, 1920), (3840, 2160)]


def painted(item) -> QRectF:  # type: ignore[no-untyped-def]
    """The part of a left-aligned one-line Text its glyphs cover (the box may be wider)."""
    box = scene_rect(item)
    return QRectF(box.x(), box.y(), item.property("contentWidth"), box.height())


@pytest.mark.parametrize("scale", [1.0, 1.5], ids=["100%", "150%"])
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("pack", PACKS, ids=lambda p: p.name)
def test_every_number_is_large_whole_and_a_clear_gap_from_its_label(
    make_kiosk, pack: Path, size: tuple[int, int], scale: float
) -> None:
    s = make_kiosk(pack, size, auto_advance=False, idle_timeout=None)
    s.controller.set_appearance(text_scale=scale)
    unit = min(size) / 30
    pages = [n for n, p in enumerate(s.controller.engine.pages) if p.data.get("phones")]
    assert pages
    for n in pages:
        s.controller.goTo(n)
        settle(s.window)
        s.window.grabWindow()  # a frame places the Grid's tiles
        numbers, labels = find_all(s.window, "phoneNumber"), find_all(s.window, "phoneLabel")
        assert len(numbers) == len(labels) == len(s.controller.engine.pages[n].data["phones"])
        for number, label in zip(numbers, labels, strict=True):
            text = number.property("text")
            assert not number.property("truncated"), f"{text} is cut off"
            assert number.property("contentHeight") >= 1.4 * unit, f"{text} is set small"
            glyphs, words = painted(number), scene_rect(label)
            if words.top() < glyphs.bottom() - 1 and glyphs.top() < words.bottom() - 1:  # side by side
                gap = words.left() - glyphs.right()
                assert gap >= unit, f"{text} ends {gap:.0f} px before its label (a unit is {unit:.0f} px)"
            else:
                assert words.top() >= glyphs.bottom() - 1, f"{text} runs into the label under it"
