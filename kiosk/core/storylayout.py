"""How large a split story's art is on a portrait screen, and which panels that leaves one screenful.

With larger text the story's speech no longer fits on the art, so the page splits a panel (StoryPage.qml): the art,
its speech side by side under it, the dots, and the panel's caption under those where it fits, else on a second
screenful of its own. On a portrait screen at 200 % the art at its largest (as wide as the page) left every caption
of a story a second screenful, two-thirds of it empty. The art gives way instead: it shrinks, for the whole story
at once (one art size, so nothing jumps as the panels turn), as far as the tallest caption that can fit needs, but
never below `MIN_ART_WIDTH_SHARE` of the page's width, the least at which it is still the panel's picture rather
than a thumbnail beside its words. A caption that would need the art smaller than that keeps its own screenful.
Pixels in, pixels out: the page measures its words, this decides. Reasons and numbers: docs/type-scale.md.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

# The art is 4:3. At 60 % of a portrait page's width it is 613 x 460 px on a 1080x1920 screen (39 x 29 cm on a 55"
# panel): a third of the screen's width short of its largest, its figures a hand tall; below that, the words
# around it outweigh it and it reads as a thumbnail.
MIN_ART_WIDTH_SHARE = 0.6
ART_RATIO = 3 / 4  # height over width


@dataclass(frozen=True)
class PortraitStory:
    """The story's art height (every panel's) and how many screenfuls each panel takes (1 or 2)."""

    art_height: float
    screens: tuple[int, ...]


def min_art_height(page_width: float) -> float:
    """The least art height the story gives way to: `MIN_ART_WIDTH_SHARE` of the page's width, at 4:3."""
    return page_width * MIN_ART_WIDTH_SHARE * ART_RATIO


def portrait_story(
    page_height: float,
    page_width: float,
    largest_art: float,
    around: float,
    caption_needs: Sequence[float],
) -> PortraitStory:
    """The art's height and each panel's screenfuls for a split story on a portrait page.

    `largest_art`: the art's height at its largest (as it is when every caption takes a screenful of its own);
    `around`: what stacks with it on a panel's first screenful, its speech, the dots and the gaps between them;
    `caption_needs`: each panel's caption box at the story's one caption size (0 where a panel has no caption).
    A panel is one screenful where art, the things around it and its caption fit the page's height; the art is
    the largest at which every caption that can fit (with the art at its least) does, and no smaller."""
    least = min(largest_art, min_art_height(page_width))
    room = page_height - around  # for the art and a caption together
    fitting = [need for need in caption_needs if need <= room - least]
    art = largest_art
    if fitting:
        art = max(least, min(largest_art, room - max(fitting)))
    screens = tuple(1 if need <= 0 or need <= room - art else 2 for need in caption_needs)
    return PortraitStory(art_height=art, screens=screens)
