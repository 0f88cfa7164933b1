"""One type scale per class of screen: how large the kiosk's words are, and how far they may grow to fill a box.

Sizes are multiples of the *unit*, 1/30 of the screen's short side (36 px at 1080p, 72 px at 4K), at 100 % text;
the staff screen's text size multiplies them all. The unit is the smallest size any word is ever set at, so the
layout tests can say "below body size" without knowing the class. Reasons and numbers: docs/type-scale.md.

- A *projector* (landscape, short side under 900 px: 1024x768, 1280x720) is read from 5-15 m, on a picture
  metres wide: its sizes are the ones the pages have always had, and words do not grow (the pages are full).
- A *landscape* screen (1920x1080, 3840x2160) is a foyer screen read from 3-4 m: the same sizes, but words grow
  up to `grow` times to fill a card, as long as a line still holds `measure[0]` characters.
- A *portrait* screen (1080x1920, 2160x3840) is a foyer poster: body text starts larger, because a full-width
  line at the landscape size holds 65 characters (the measure allows 45) and the page is twice as tall.

4K is not a class of its own: the unit is in pixels of the screen, so a 4K page is the 1080p page drawn at twice
the pixels. What a 4K panel changes is its physical size, which the kiosk cannot know (an offscreen render, a
projector and a cloned output all report a made-up DPI).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from enum import StrEnum

PROJECTOR_SHORT_SIDE = 900  # px: a landscape screen with a shorter short side is a projector (or a small panel)
PORTRAIT_RATIO = 1.1  # taller than 1.1x its width is portrait; the pages use the same ratio for their layouts


class ScreenClass(StrEnum):
    PROJECTOR = "projector"
    LANDSCAPE = "landscape"
    PORTRAIT = "portrait"


@dataclass(frozen=True)
class TypeScale:
    """The sizes of one screen class, in units at 100 % text, and how words may grow.

    caption: small print that still has to be read (attributions, web addresses, notes under a phone number);
    body: paragraphs and cards; large: intros, quotes and tip titles; heading: page titles and card headings;
    story: the comic's caption; display: phone numbers and the tip in a tip's detail; headline: the poster's.
    """

    caption: float
    body: float
    large: float
    heading: float
    story: float
    display: float
    headline: float
    grow: float  # words in a box may be set up to this many times their size while the box has room ...
    measure: tuple[int, int]  # ... and a line holds at least measure[0] characters (measure[1]: the most wanted)
    measure_short: int  # the same for a statement of a few lines at heading size (a tip, the story's caption)
    measure_label: int  # the same for a label of a few words on a tile (a tip's title)
    leading: float  # line height of body text, in em; 0: the face's own (Atkinson Hyperlegible 1.24, Comic Neue 1.15)
    heading_leading: float  # the same for headings, phone numbers and the story's caption

    def as_dict(self) -> dict[str, object]:
        values = asdict(self)
        values["measure"] = list(self.measure)
        return values


_BASE = {"caption": 1.0, "large": 1.25, "heading": 1.5, "story": 1.92, "display": 2.4, "headline": 3.0}

TYPE_SCALES: dict[ScreenClass, TypeScale] = {
    # the sizes the pages have always had on a projector, and the faces' own line height: nothing changes there
    ScreenClass.PROJECTOR: TypeScale(
        body=1.0,
        **_BASE,
        grow=1.0,
        measure=(45, 75),
        measure_short=24,
        measure_label=14,
        leading=0.0,
        heading_leading=0.0,
    ),
    ScreenClass.LANDSCAPE: TypeScale(
        body=1.0,
        **_BASE,
        grow=1.6,
        measure=(45, 75),
        measure_short=24,
        measure_label=14,
        leading=1.36,
        heading_leading=1.2,
    ),
    # body 1.15 units: a full-width line (28 units) holds about 56 characters of Atkinson Hyperlegible
    ScreenClass.PORTRAIT: TypeScale(
        body=1.15,
        caption=1.0,
        large=1.35,
        heading=1.5,
        story=1.92,
        display=2.4,
        headline=3.0,
        grow=1.6,
        measure=(45, 75),
        measure_short=24,
        measure_label=14,
        leading=1.4,
        heading_leading=1.2,
    ),
}


def screen_class(width: float, height: float) -> ScreenClass:
    """The class of a screen (or window) of `width` x `height` pixels."""
    if height > width * PORTRAIT_RATIO:
        return ScreenClass.PORTRAIT
    if min(width, height) < PROJECTOR_SHORT_SIDE:
        return ScreenClass.PROJECTOR
    return ScreenClass.LANDSCAPE


def type_scale(width: float, height: float) -> TypeScale:
    return TYPE_SCALES[screen_class(width, height)]


def for_qml(width: float, height: float) -> dict[str, object]:
    """The scale of a screen as QML's Theme reads it: the class's name and its numbers."""
    cls = screen_class(width, height)
    return {"screenClass": str(cls), **TYPE_SCALES[cls].as_dict()}
