"""The staff screen as staff see it: its chosen buttons measured from the pixels in high contrast, and the idle
time it shows being the one the kiosk runs with."""

from __future__ import annotations

from collections import Counter

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QImage
from PySide6.QtQuick import QQuickItem

from kiosk.core.settings import Settings, load_settings
from kiosk.ui.render import grab, settle
from kiosk.ui.settings_bridge import Overrides

from ..qml_helpers import find, scene_rect
from . import test_settings_gui
from .test_settings_gui import Kiosk, open_staff_screen, tap

make_kiosk = test_settings_gui.make_kiosk  # the staff screen's kiosk fixture: a real settings file and bridge

RGB = tuple[int, int, int]


def luminance(c: RGB) -> float:
    """WCAG 2 relative luminance of an sRGB colour."""

    def channel(v: int) -> float:
        s = v / 255
        return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in c)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: RGB, b: RGB) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def pixels(image: QImage, rect: QRect) -> list[RGB]:
    rect = rect.intersected(image.rect())
    out: list[RGB] = []
    for y in range(rect.top(), rect.bottom() + 1):
        for x in range(rect.left(), rect.right() + 1):
            c = image.pixelColor(x, y)
            out.append((c.red(), c.green(), c.blue()))
    return out


def commonest(colours: list[RGB]) -> RGB:
    return Counter(colours).most_common(1)[0][0]


def show(k: Kiosk, item: QQuickItem) -> None:
    """Scroll the staff screen (or its statistics panel) so that `item` is in view, as a person would."""
    flick = item.parentItem()
    while flick is not None and not flick.inherits("QQuickFlickable"):
        flick = flick.parentItem()
    if flick is not None:
        y = item.mapToItem(flick.property("contentItem"), 0, 0).y()
        flick.setProperty(
            "contentY", max(0.0, min(y - flick.height() / 3, flick.property("contentHeight") - flick.height()))
        )
    settle(k.window)


def measure(k: Kiosk, name: str) -> tuple[float, float]:
    """(words against the button's fill, the fill against the screen around it), from a grab of the screen."""
    button = find(k.window, name)
    show(k, button)
    image = grab(k.session).convertToFormat(QImage.Format.Format_RGB32)
    box = scene_rect(button).toAlignedRect()
    pad = max(3, round(box.height() * 0.12))  # inside the rounded corners
    fill = commonest(pixels(image, box.adjusted(pad, pad, -pad, -pad)))
    words = [i for i in button.childItems()[0].childItems() if i.inherits("QQuickText")][-1]  # after the icon
    inks = sorted((contrast(fill, c) for c in pixels(image, scene_rect(words).toAlignedRect())), reverse=True)
    assert len(inks) > 40, f"{name}: no words drawn"
    ring = [
        *pixels(image, QRect(box.left(), box.top() - 4, box.width(), 2)),
        *pixels(image, QRect(box.left(), box.bottom() + 3, box.width(), 2)),
    ]
    around = commonest(ring)
    return inks[30], contrast(fill, around)  # the 30th strongest: glyph cores, not a stray pixel


CHOSEN = ["pack-cumbria", "mode-foyer", "lang-en", "text-100", "toggle-highContrast", "toggle-statsEnabled"]
FILLED = ["idleShorter", "idleLonger", "adminApply", "adminExit"]


@pytest.mark.parametrize("name", CHOSEN + FILLED)
def test_in_high_contrast_chosen_and_filled_buttons_stand_out_from_the_dark_staff_screen(make_kiosk, name: str) -> None:
    k = make_kiosk(Settings(pack="cumbria", high_contrast=True), size=(1920, 1080))
    open_staff_screen(k)
    if name in CHOSEN:
        assert find(k.window, name).property("checked"), f"{name} is the chosen one"
    words, edge = measure(k, name)
    assert words >= 4.5, f"{name}: its words are {words:.1f}:1 against it (WCAG 1.4.3 asks 4.5:1)"
    assert edge >= 3.0, f"{name}: it is {edge:.1f}:1 against the screen around it (WCAG 1.4.11 asks 3:1)"


def test_in_high_contrast_the_chosen_statistics_period_stands_out(make_kiosk) -> None:
    k = make_kiosk(Settings(high_contrast=True), size=(1080, 1920))
    open_staff_screen(k)
    tap(k, "adminStats")
    words, edge = measure(k, "statsDays-7")
    assert words >= 4.5 and edge >= 3.0, (words, edge)


def test_without_high_contrast_chosen_words_stay_readable(make_kiosk) -> None:
    k = make_kiosk(Settings(pack="cumbria"), size=(1920, 1080))
    open_staff_screen(k)
    words, _ = measure(k, "mode-foyer")
    assert words >= 4.5


def idle_label(k: Kiosk) -> str:
    return find(k.window, "idleShorter").parentItem().childItems()[0].property("text")


def test_the_idle_time_shown_is_the_one_given_on_the_command_line_and_says_so(make_kiosk) -> None:
    k = make_kiosk(Settings(idle_timeout=45), Overrides(idle_timeout=90))
    assert k.controller.engine.idle_timeout == 90, "the flag beats the file for this run"
    open_staff_screen(k)
    assert k.admin.idleTimeout == 90
    assert "90 s" in idle_label(k)
    note = find(k.window, "idleLayerNote")
    assert "--idle-timeout" in note.property("text")
    tap(k, "idleLonger")  # staff's own choice from here on: the note goes
    assert k.admin.idleTimeout == 100 and not note.isVisible()
    tap(k, "adminApply")
    assert load_settings()[0].idle_timeout == 100 and k.controller.engine.idle_timeout == 100


def test_saving_keeps_the_command_line_idle_time_the_screen_showed(make_kiosk) -> None:
    k = make_kiosk(Settings(idle_timeout=45), Overrides(idle_timeout=90))
    open_staff_screen(k)
    tap(k, "text-125")
    tap(k, "adminApply")
    assert load_settings()[0].idle_timeout == 90 and k.controller.engine.idle_timeout == 90


def test_without_a_flag_the_saved_idle_time_is_shown_with_no_note(make_kiosk) -> None:
    k = make_kiosk(Settings(idle_timeout=45))
    assert k.controller.engine.idle_timeout == 45
    open_staff_screen(k)
    assert k.admin.idleTimeout == 45 and "45 s" in idle_label(k)
    assert not find(k.window, "idleLayerNote", visible_only=False).isVisible()
