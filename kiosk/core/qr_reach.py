"""Can a phone read a help page's QR code from 2 m on a 1024x768 screen? Drawn, photographed and decoded here.

A help route that cannot be scanned is a help route lost, and a long address makes a dense code: more modules in
the same square, so fewer screen pixels each. `kiosk check` (kiosk.core.checks) answers it for every link:

1. **Where the code is drawn.** The square each link's code gets on its help page at 1024x768 is measured on the
   real layout (kiosk.ui.fit lays out every page for `kiosk check`, and reads each code's tile), at each text size
   the check lays out: one source of truth, HelpPage.qml, so the check follows any change to the page.
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
from dataclasses import dataclass

from kiosk.core import qr

log = logging.getLogger(__name__)

CHECK_SIZE = (1024, 768)  # the smallest screen the kiosk meets: a projector
# The least square a help page that scrolls gives a code, in Theme units (1/30 of the screen's shorter side): 6 units,
# 154 px at 1024x768, is 3 px a module for the densest built-in code (49 modules with its quiet zone: the Zipit
# address), about 2.2 camera pixels for the phone below (2 are needed). Not scaled down for a code of fewer modules:
# the fearless.org code (33 modules) at 3 px a module, 99 px, does not decode in the model below, though 2.2 camera
# pixels a module is the usual rule (tests/core/test_qr_least.py); whether a square reads is decided by decoding it.
LEAST_SIDE_UNITS = 6.0


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


def _round(value: float) -> int:
    """JavaScript's Math.round (halves go up; Python's round() goes to even)."""
    return math.floor(value + 0.5)


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

    def describe(self, text_scale: float = 1.0) -> str:
        at = f" at {text_scale:.0%} text" if text_scale != 1.0 else ""
        return (
            f"its QR code is {self.side} px wide at {CHECK_SIZE[0]}x{CHECK_SIZE[1]}{at} "
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
