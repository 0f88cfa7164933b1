"""What the kiosk keeps in memory while it runs, and what it lets go (issue 20; bench/memory.py, bench/memmap.py).

Every page of the loop is built once and kept, so a page change only shows what is already there. Their pictures
are another matter: each is decoded at the size it is shown, 4-6 MB at 1080p and four times that at 4K, and the
pages off screen held theirs for nothing (the poster's and two story panels' at most moments of the loop, 13 MB
at 1080p). So only the pages that may come on screen next keep their pictures; the others let them go and load
them again, from the picture cache in a few milliseconds and in the background, when they become one of these.
"""

from __future__ import annotations

from collections.abc import Sequence

from kiosk.core.limits import MOTION_SECONDS
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


# --- The libraries' start-up pages ------------------------------------------------------------------------------

LIBRARY_PAGES_AFTER_S = 30.0
"""How long the kiosk runs before it gives back the library pages start-up touched (give_back_library_pages_now).
By then start-up's one-off work is over: the first page's picture is kept, the other pages are built, the QR
codes are made, the pictures' cache is drawn (from 2 s on), the counts' worker and the pack sources' watch have
started (1.5 and 2 s), and the outbox has written once (10 s)."""


def give_back_library_pages_now(seconds_running: float, phase: Phase | str, done: bool) -> bool:
    """Whether, at a still moment (no fade, no picture loading), the kiosk asks the kernel to drop the pages of
    its libraries that are resident only for it: once, `LIBRARY_PAGES_AFTER_S` after start, in the attract loop.

    Qt's and PySide's libraries are about 45 MiB of a running kiosk at 1080p (bench/README.md, "mem20"), file
    pages read once and never written, and about half of them are start-up code and data the loop never runs
    again: loading QML, compiling bindings, building the pages. The kernel would drop them itself if the machine
    ran short of memory; asked once, it drops them now, and the pages the loop runs come back from the page
    cache or the disk within one loop (bench/README.md, "full-mem": the page faults over ten minutes). Not in a
    visit (a tap's code is what a visitor waits for), and only once: doing it again would only read back the same
    pages."""
    return not done and phase == Phase.ATTRACT and seconds_running >= LIBRARY_PAGES_AFTER_S


def library_ranges(maps: str) -> list[tuple[int, int]]:
    """The address ranges of the shared libraries' read-only and executable mappings in a /proc/PID/maps text.

    Only file pages that no one wrote: code, read-only data. A writable mapping (relocated data, `.bss`) is the
    process's own memory and could only go to swap; fonts, the QML cache and other mapped files stay (a glyph or a
    compiled binding is needed on the next page change)."""
    ranges = []
    for line in maps.splitlines():
        fields = line.split(None, 5)
        if len(fields) < 6 or "w" in fields[1]:
            continue
        path = fields[5].strip()
        name = path.rsplit("/", 1)[-1]
        if not path.startswith("/") or not (name.endswith(".so") or ".so." in name):
            continue
        start, _, end = fields[0].partition("-")
        ranges.append((int(start, 16), int(end, 16)))
    return ranges


def tips_face_drawn_ahead(
    phase: Phase | str,
    on_tips: bool,
    detail: int,
    pressed: int,
    step: int,
    text_scale: float,
    reduced_motion: bool,
    focused: int = -1,
) -> tuple[int, bool]:
    """What a tips page on screen draws ahead into an image, so that its detail's cut (a tip opened, or the list
    brought back) shows a finished image: (the tip whose detail is drawn ahead, or -1; whether the list is).

    A 4K tips page takes 35-50 ms of CPU to draw its detail or its list (bench/frames.py), two to three frames. At
    most one image is held, as large as the page's content (about 22 MB at 4K), beside the pages a visit draws
    ahead for a tap (KioskController.tap_ahead_at), and let go once the screen is still after the cut:

    - the list on screen: the detail of the tip a finger presses (`pressed`), drawn between the press and the
      release that opens it (a tap is 80-150 ms). A key, a clicker or a screen reader opens a tip without a press,
      from a tile the keyboard's (or the screen reader's) focus rests on: that tile's detail (`focused`, from
      `tip_focus_settles_at` on) is drawn at the still moment after the focus came to it and the screen was still
      (`step` 1 on), never in the frame the focus moved in, and kept while the focus stays there. Enter, Space or
      the reader's press then shows it as the finger's release does (issue 20). Its image is one more page of
      content (33 MB at 4K, 8 MB at 1080p) for as long as the focus rests on a tile of the list on screen, beside
      the visit's three page images: Back's is kept, as a key's Back may come instead;
    - a tip's detail on screen: the list, which Back and "All tips" bring, once the visitor reads (`step`: the tap
      steps' third, where the page Back brings is drawn elsewhere; a detail's Back brings the list);
    - nothing in the loop (a tap only wakes the kiosk), with reduced motion (cuts everywhere, nothing drawn ahead), or
      at larger text, where the page is laid out afresh when the detail opens or closes (it may scroll: an image
      drawn ahead would not be what comes).
    """
    if phase != Phase.INTERACTIVE or not on_tips or reduced_motion or text_scale != 1:
        return (-1, False)
    if detail >= 0:
        return (-1, step >= 3)
    if pressed >= 0:
        return (pressed, False)
    return (focused if step >= 1 else -1, False)


def tip_focus_settles_at(focused_at: float, last_change: float) -> float:
    """When the tile the focus came to at `focused_at` counts as `focused` for tips_face_drawn_ahead: once the
    screen is still after both the focus's move (its ring is drawn in that frame) and the page's last change
    (`last_change`). Tabbing on through the tiles draws nothing until the focus rests: each Tab restarts it."""
    return max(focused_at, last_change) + MOTION_SECONDS


def tap_pages_drawn_ahead(
    targets: tuple[int | None, int | None, int | None],
    held: Sequence[int],
    step: int,
    same_page: bool,
    tip_pressed: bool = False,
    arrived: int = -1,
) -> tuple[int, int, int]:
    """The pages drawn ahead for a visitor's Next, Back and Home (kiosk.core.engine.Engine.tap_targets: `targets`),
    -1 where none: each once the visitor reads, one step of KioskController.tap_ahead_at at a time (`step` 2, 3
    and 4). After a change within the same page (`same_page`), one already drawn (`held`) stays drawn while its key
    still leads there, and one that no longer does is let go once the screen is still (`step` 1), not in the change.

    A change within a page (a tip's detail opened or closed, a story's panel, a plan's choice) mostly leaves Next and
    Home where they were: their images (a 4K page is 33 MB) are kept, not let go at the change and drawn again a
    second later. Letting one go in the change's frame removes a whole page's parts from the scene, 10-30 ms of the
    software renderer's work at 4K in the frame a tip's detail opens in (bench/frames.py); like a picture
    (`pages_holding_pictures_while_moving`), it waits for the screen to be still.

    While a finger presses a tip (`tip_pressed`), Back's page is let go: the release opens the tip's detail, where
    Back only closes it, and the detail's image (tips_face_drawn_ahead) takes its place, so a visit holds three
    images at most. A finger lifted without a tap has it drawn again.

    A change of page that brings one of the pages drawn ahead (`arrived`: Next's, Back's or Home's, by a tap, a key or
    a swipe) keeps all of them until the screen is still (`step` 0), then each that its key on the new page still
    leads to (Home's, mostly): letting the other two go in the change's frame took their pages' parts out of the scene
    in the very frame the arriving image starts to slide, 10-30 ms of sync and the renderer's preparation at 4K, over
    the frame budget with the slide's own work (bench/README.md, "tap4k"). The images held are the same three, one of
    them now on screen. A change to a page not drawn ahead (a link, Help, a tap before the screen was still) lets them
    go at once, as it draws that page anyway: a fourth image is never held.
    """
    if all(target is None for target in targets):
        return (-1, -1, -1)  # not a visit, or nothing a key could bring: nothing is kept for one
    if step == 0 and arrived >= 0 and arrived in held:
        same_page = True  # held until the still moment, as after a change within the page
    out = []
    for slot, target in enumerate(targets):
        had = held[slot] if slot < len(held) else -1
        if slot == 1 and tip_pressed:
            out.append(-1)
        elif target is not None and (step >= slot + 2 or (same_page and target == had)):
            out.append(target)
        elif same_page and step == 0:
            out.append(had)  # let go at the still moment
        else:
            out.append(-1)
    return (out[0], out[1], out[2])


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
