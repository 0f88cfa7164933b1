"""What the kiosk keeps in memory while it runs, and what it lets go (issue 20; bench/memory.py, bench/memmap.py).

Every page of the loop is built once and kept, so a page change only shows what is already there. Their pictures
are another matter: each is decoded at the size it is shown, 4-6 MB at 1080p and four times that at 4K, and the
pages off screen held theirs for nothing (the poster's and two story panels' at most moments of the loop, 13 MB
at 1080p). So only the pages that may come on screen next keep their pictures; the others let them go and load
them again, from the picture cache in a few milliseconds and in the background, when they become one of these.
"""

from __future__ import annotations

from collections.abc import Sequence

from kiosk.core.vocab import Phase


def pages_holding_pictures(phase: Phase | str, page: int, count: int, upcoming: int, wrap: bool) -> tuple[int, ...]:
    """The pages whose pictures are kept, in order:

    - the page on screen (and a page that is leaving keeps its own until its fade is over: PackImage.qml);
    - the page a timed change shows next, drawn ahead a second before it (`upcoming`);
    - the next page: the loop's next change, loaded as soon as the page before it arrives, so its pictures are
      there long before it is drawn ahead; in a visit, where Next and a swipe go;
    - in a visit only: the page before (Back, a swipe back) and the first page (Home, and the return to the loop).

    In the loop nothing else can come next: a tap only wakes the kiosk, and by the time a visitor taps again the
    visit's pages have loaded theirs (a few milliseconds each).
    """
    if count <= 0:
        return ()
    kept = [page]

    def add(index: int) -> None:
        if wrap:
            index %= count
        if 0 <= index < count and index not in kept:
            kept.append(index)

    add(upcoming if upcoming >= 0 else page)
    add(page + 1)
    if phase == Phase.INTERACTIVE:
        add(page - 1)
        add(0)
    return tuple(kept)


def pages_holding_pictures_while_moving(before: Sequence[int], page: int, upcoming: int) -> tuple[int, ...]:
    """While a change animates (limits.MOTION_SECONDS), nothing else starts loading and nothing is let go: the
    pages that held pictures still do, plus the page now on screen and the one drawn ahead (each usually held
    already). Decoding a picture takes tens of milliseconds at 4K, and freeing one is a page of memory to unmap:
    both wait for the screen to be still (the controller then asks pages_holding_pictures again)."""
    kept = list(before)
    for index in (page, upcoming):
        if index >= 0 and index not in kept:
            kept.append(index)
    return tuple(kept)


def panels_holding_pictures(panel: int, count: int) -> tuple[int, ...]:
    """The panels (from 0) of the story on screen that keep their pictures and their speech bubbles' tails, once
    the screen is still: the panel shown (`panel`, from 1) and those next to it, which Next, Back and the loop
    bring. A panel slides in as it is: its picture decoded and its tails made while nothing moved. Decoding a 4K
    panel and painting its tails in a slide's first frame made it 25-58 ms of CPU, over the budget (bench/frames.py).
    """
    if count <= 0:
        return ()
    shown = min(max(panel, 1), count) - 1
    return tuple(i for i in (shown, shown + 1, shown - 1) if 0 <= i < count)


def panels_holding_pictures_while_moving(before: Sequence[int], panel: int, count: int) -> tuple[int, ...]:
    """While a panel slides in, the story's pictures are as they were before it (nothing loads, nothing goes), and
    the panel arriving keeps its own: held already, unless a visitor tapped again before the screen was still."""
    kept = [i for i in before if 0 <= i < count]
    if count > 0:
        shown = min(max(panel, 1), count) - 1
        if shown not in kept:
            kept.append(shown)
    return tuple(kept)


def panels_drawn_ahead(panel: int, count: int, visit: bool) -> tuple[int, int]:
    """The panels (from 0) whose captions the story on screen draws ahead, into an image each, once the screen is
    still: (Next's, Back's), -1 for none. At 4K a caption's large letters take 10-20 ms to draw, over the budget of
    a slide's first frame beside the slide itself (bench/frames.py); drawn ahead, the tap shows a finished image.
    Back's only in a visit: the loop only goes on. An image of a caption is 7 MB at 4K, 2 MB at 1080p."""
    if count <= 0:
        return (-1, -1)
    shown = min(max(panel, 1), count) - 1
    return (shown + 1 if shown + 1 < count else -1, shown - 1 if visit and shown >= 1 else -1)
