"""Can a phone read a help page's QR code from 2 m on a 1024x768 screen? Drawn, photographed and decoded here.

A help route that cannot be scanned is a help route lost, and a long address makes a dense code: more modules in
the same square, so fewer screen pixels each. `kiosk check` (kiosk.core.checks) answers it for every link:

1. **Where the code is drawn.** `help_layout` is HelpPage.qml's own arithmetic (its text heights are estimates,
   not font measurements, so plain Python gives the same numbers): the square each link's code gets at a screen
   size, given the page's intro, phones and links. tests/ui/test_qr_reach.py holds it to the real layout.
2. **What the screen shows.** The kiosk's own code (kiosk.core.qr, segno, with its quiet zone) at the largest
   whole number of pixels per module that fits the square, as kiosk/ui/providers.py draws it.
3. **What the phone sees** (the model, `Viewer`): the 1024x768 picture is 1.5 m wide (a classroom projection or
   a 75-inch 4:3 screen: 1.46 mm a pixel); the phone is 2 m away and its scanner looks at 1280x720 frames over a
   65-degree field of view (2.0 mm a camera pixel at 2 m), so a screen pixel is 0.74 camera pixels. Each camera
   pixel averages the light that falls on it (sampled half a pixel off the screen's grid, the worst alignment),
   lens, focus and a hand that is not quite still blur by a Gaussian of 1 camera pixel, and a lit screen in a
   room is not black and white (dark modules 16 %, light 82 %). With these, a code decodes from about 2 camera
   pixels a module up (the usual rule for phone scanners) and not at 1.5.
4. **Decoded** with zxing-cpp, the decoder the kiosk's own self-test uses: the link is readable when the code
   decodes to exactly its address.

Only the standard library and zxing-cpp (imported when a code is decoded): the resampling is 30 lines of
arithmetic on a picture of at most a few hundred pixels, where Pillow or NumPy would add tens of MB.
"""

from __future__ import annotations

import functools
import logging
import math
from collections.abc import Sequence
from dataclasses import dataclass

from kiosk.core import qr

log = logging.getLogger(__name__)

CHECK_SIZE = (1024, 768)  # the smallest screen the kiosk meets: a projector


@dataclass(frozen=True)
class Viewer:
    """A phone looking at the screen (see the module's docstring for the numbers and why)."""

    screen_width_mm: float = 1500.0  # the width of the whole 1024x768 picture
    distance_mm: float = 2000.0
    camera_pixels: int = 1280  # across the scanner's frame
    field_of_view_degrees: float = 65.0  # across the same frame
    blur: float = 1.0  # Gaussian sigma, camera pixels: lens, focus at 2 m and a hand that is not quite still
    dark: int = 40  # grey levels (0-255) of a dark and a light module as the camera records them
    light: int = 210
    offset: float = 0.5  # camera pixels between the screen's pixel grid and the camera's

    def camera_pixels_per_screen_pixel(self, screen_pixels: int) -> float:
        """How many camera pixels one screen pixel covers when the screen is `screen_pixels` wide."""
        pitch = self.screen_width_mm / screen_pixels
        seen = 2 * self.distance_mm * math.tan(math.radians(self.field_of_view_degrees / 2))
        return pitch / (seen / self.camera_pixels)


PHONE_AT_2M = Viewer()


# --- where HelpPage.qml draws each code ---------------------------------------------------------------------


def _text_height(text: str, width: float, size: float, max_lines: int) -> float:
    """Theme.qml's textHeight: an estimate (average glyph 0.55 em, line 1.3 em)."""
    if not text or width <= 0:
        return 0.0
    per_line = max(1, math.floor(width / (size * 0.55)))
    lines = min(max_lines or 6, math.ceil(len(text) / per_line))
    return lines * size * 1.3


def _bounded_text_height(text: str, width: float, size: float, max_lines: int, limit: float, scale: float) -> float:
    full = _text_height(text, width, size, max_lines)
    base = _text_height(text, width, size / scale, max_lines)
    return max(base, min(full, limit))


def _round(value: float) -> int:
    """JavaScript's Math.round (halves go up; Python's round() goes to even)."""
    return math.floor(value + 0.5)


def address(url: str) -> str:
    """The address printed under a code: without https:// and a final slash."""
    return url.removeprefix("https://").removesuffix("/")


def help_layout(
    intro: str,
    phones: int,
    links: Sequence[tuple[str, str]],
    size: tuple[int, int] = CHECK_SIZE,
    text_scale: float = 1.0,
) -> list[float]:
    """The side of the square each link's code may fill (pixels), in the order of `links` ((label, url) pairs):
    HelpPage.qml, PageHost.qml, NavBar.qml and Theme.qml's arithmetic at a screen size."""
    width, height = size
    unit = min(width, height) / 30
    body = unit * text_scale
    gap, margin, pad = unit * 0.6, unit * 0.8, unit * 0.4
    target = max(unit * 2.1, body * 1.9)
    nav = max(unit * 2.9, target + unit * 0.8)
    page_w = width - 2 * margin
    page_h = height - unit * 2.8 - nav - 2 * margin
    landscape = page_w >= page_h * 1.1
    count = len(links)
    intro_h = _bounded_text_height(intro, page_w, body, 3, page_h * 0.16, text_scale)
    beside = landscape and count > 0 and phones > 0
    free = page_h - intro_h - gap
    phones_w = page_w * min(0.5, 0.36 * text_scale) if beside else page_w
    if phones == 0:
        phones_h = 0.0
    elif beside or count == 0:
        phones_h = free
    else:
        phones_h = min(free * 0.45, phones * (unit * 3.2 + gap))
    links_w = page_w - phones_w - unit if beside else page_w
    if beside or phones == 0:
        top = intro_h + gap
    else:
        top = intro_h + (gap if intro_h > 0 else 0) + phones_h + gap
    links_h = page_h - top
    if count == 0:
        return []
    fitting = max(1, min(count, math.floor(links_w / (unit * 11))))
    columns = 2 if count == 4 and fitting == 3 else fitting
    rows = math.ceil(count / columns)
    cell_w = (links_w - gap * (columns - 1)) / columns
    cell_h = (links_h - gap * (rows - 1)) / rows
    wide = cell_w > cell_h * 1.4
    side_wide = max(0.0, min(cell_h - pad * 2, cell_w * 0.5)) * (0.85 if text_scale > 1 else 1)
    text_w = cell_w - side_wide - pad * 3 if wide else cell_w - pad * 2
    sides: list[float] = []
    for label, url in links:
        label_h = min(_text_height(label, text_w, body, 2), (cell_h - pad * 3) * 0.3)
        code_min = max(unit * 3, min(cell_w - pad * 2, (cell_h - pad * 3) * 0.45))
        address_h = min(
            _text_height(address(url), text_w, body, 7), cell_h - pad * 3 - label_h - (0 if wide else code_min)
        )
        words_h = label_h + address_h + pad
        side_tall = max(0.0, min(cell_w - pad * 2, cell_h - words_h - pad * 3))
        sides.append(side_wide if wide else side_tall)
    return sides


# --- what the screen shows and the phone sees ----------------------------------------------------------------


@dataclass(frozen=True)
class Reach:
    """How one code fares: its size on screen and in the camera, and whether it decoded to its link."""

    url: str
    side: int  # pixels the code is drawn in (modules x pixels per module, at most the square it was given)
    modules: int  # across, with the quiet zone
    module_pixels: float  # screen pixels per module
    camera_module_pixels: float  # camera pixels per module
    readable: bool

    def describe(self) -> str:
        return (
            f"its QR code is {self.side} px wide at {CHECK_SIZE[0]}x{CHECK_SIZE[1]} "
            f"({self.modules} modules of {self.module_pixels:g} px; {self.camera_module_pixels:.1f} camera "
            "pixels each for a phone 2 m away)"
        )


def screen_columns(modules: int, square: float) -> tuple[list[int], float]:
    """Which module each screen pixel across the code shows, and the pixels per module. The provider makes the
    code at whole pixels per module for max(square, 64) (kiosk/ui/providers.py); Qt draws it no wider than the
    square, unsmoothed (HelpPage.qml), so a code that does not fit loses whole pixels."""
    requested = max(_round(square), 64)
    per_module = max(1, requested // modules)
    made = modules * per_module
    shown = min(made, max(0, math.floor(square)))
    return [min(modules - 1, (p * made // shown) // per_module) for p in range(shown)], shown / modules


def _camera_weights(columns: list[int], modules: int, scale: float, offset: float) -> list[list[tuple[int, float]]]:
    """For each camera pixel across, which modules' light falls on it and how much (areas sum to 1)."""
    count = math.ceil(len(columns) * scale + offset)
    step = 1 / scale  # screen pixels per camera pixel
    rows: list[list[tuple[int, float]]] = []
    for c in range(count):
        start, end = (c - offset) * step, (c + 1 - offset) * step
        weights: dict[int, float] = {}
        p = math.floor(start)
        while p < end:
            overlap = min(end, p + 1) - max(start, p)
            if overlap > 0:
                module = columns[p] if 0 <= p < len(columns) else -1  # -1: the white tile around the code
                weights[module] = weights.get(module, 0.0) + overlap / step
            p += 1
        rows.append(list(weights.items()))
    return rows


def _gaussian(sigma: float) -> list[float]:
    radius = max(1, math.ceil(sigma * 3))
    kernel = [math.exp(-(k * k) / (2 * sigma * sigma)) for k in range(-radius, radius + 1)]
    total = sum(kernel)
    return [k / total for k in kernel]


def _blurred_weights(weights: list[list[tuple[int, float]]], sigma: float) -> list[list[tuple[int, float]]]:
    """The camera's weights with the lens's blur folded in (both are linear and act on each axis alone); the
    white around the code (-1) repeats past the edges."""
    kernel = _gaussian(sigma)
    radius = len(kernel) // 2
    count = len(weights)
    out: list[list[tuple[int, float]]] = []
    for i in range(count):
        merged: dict[int, float] = {}
        for k, g in enumerate(kernel):
            j = i + k - radius
            for module, w in weights[j] if 0 <= j < count else [(-1, 1.0)]:
                merged[module] = merged.get(module, 0.0) + g * w
        out.append([(m, w) for m, w in merged.items() if m >= 0])
    return out


def camera_image(matrix: qr.Matrix, square: float, viewer: Viewer = PHONE_AT_2M) -> tuple[bytes, int, float]:
    """The code as the phone's camera records it: grey bytes (a square `size` pixels across), the size, and
    the screen pixels per module."""
    modules = len(matrix)
    columns, per_module = screen_columns(modules, square)
    scale = viewer.camera_pixels_per_screen_pixel(CHECK_SIZE[0])
    weights = _blurred_weights(_camera_weights(columns, modules, scale, viewer.offset), viewer.blur)
    size = len(weights)
    # darkness = W . M . W^T, one axis at a time: first each module row across the camera's columns ...
    across = []
    for row in matrix:
        across.append([sum(w for m, w in wx if row[m]) for wx in weights])
    # ... then the camera's rows, each a weighted sum of a few of those
    span = viewer.light - viewer.dark
    grey = bytearray()
    for wy in weights:
        line = [0.0] * size
        for m, w in wy:
            line = [a + w * b for a, b in zip(line, across[m], strict=True)]
        grey.extend(max(0, min(255, _round(viewer.light - span * d))) for d in line)
    return bytes(grey), size, per_module


@functools.lru_cache(maxsize=256)
def reach(url: str, square: float, viewer: Viewer = PHONE_AT_2M) -> Reach:
    """Draw the kiosk's code for `url` in a square of `square` pixels at 1024x768, photograph it from 2 m, and
    decode it."""
    import zxingcpp  # only here: kiosk check, never the kiosk's start-up

    matrix = qr.matrix(url)
    modules = len(matrix)
    grey, size, per_module = camera_image(matrix, square, viewer)
    found: list[str] = []
    if size >= 21:  # smaller than a version 1 code's modules: nothing to find
        image = memoryview(bytearray(grey)).cast("B", (size, size))
        found = [
            r.text
            for r in zxingcpp.read_barcodes(
                image, formats=zxingcpp.BarcodeFormats(zxingcpp.BarcodeFormat.QRCode), try_rotate=False
            )
        ]
    scale = viewer.camera_pixels_per_screen_pixel(CHECK_SIZE[0])
    shown = round(per_module * modules)
    return Reach(url, shown, modules, round(per_module, 2), per_module * scale, found == [url])
