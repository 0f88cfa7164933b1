"""No cyclic garbage collection while the kiosk starts, until its first frame is on screen.

Start-up allocates hundreds of thousands of objects that all live on (modules, classes, Qt's enums, QML's
bindings) and almost no garbage, yet the collector ran about 70 times before the first frame, ~11 ms of CPU
(bench/README.md, start-up round 3). The entry points hold it before the first import; the kiosk lets it go
once its first frame is shown (kiosk.ui.incubation), every other command at once (kiosk.cli). Reference
counting frees everything as usual meanwhile: only cycles wait.

After its first frame the kiosk keeps automatic collection off for good and collects on its GUI thread, at each
still moment (`collect_due`, from kiosk.ui.app.give_back_free_memory), what the collector would have collected by
then. Left on, the collector runs in whichever thread allocates when a threshold is passed, the art cache's drawing
thread too (kiosk/ui/art.py), and a Qt object of the GUI thread freed there (a cycle holding a controller and its
armed timers) is deleted on the wrong thread: Qt cannot stop its timers from there, and one fires later into freed
memory (a segmentation fault in QTimerInfoList::activateTimers, seen in the test suite; docs/testing.md).
"""

from __future__ import annotations

import gc

_held = False
_on_gui_thread = False  # release(gui_thread=True): collect_due does the collecting


def hold() -> None:
    """Pause the cyclic collector (an entry point, before its imports)."""
    global _held
    if gc.isenabled():
        gc.disable()
        _held = True


def release(gui_thread: bool = False) -> None:
    """Let the collector run again, if `hold` paused it; safe to call more than once. `gui_thread`: only where
    `collect_due` is called, on the thread that owns the Qt objects (see the module)."""
    global _held, _on_gui_thread
    if _held:
        _held = False
        if gui_thread:
            _on_gui_thread = True
        else:
            gc.enable()


def generation_due(counts: tuple[int, int, int], thresholds: tuple[int, int, int]) -> int:
    """The oldest generation the collector would collect now, as CPython decides (a generation whose count passed
    its threshold, the older ones first), or -1 for none."""
    for generation in (2, 1, 0):
        if thresholds[generation] > 0 and counts[generation] > thresholds[generation]:
            return generation
    return -1


def collect_due() -> int:
    """On the GUI thread, at a still moment: collect what is due (`generation_due`) once the kiosk collects there
    (`release(gui_thread=True)`); returns the generation collected, -1 for none."""
    if not _on_gui_thread or gc.isenabled():
        return -1
    counts = gc.get_count()
    thresholds = gc.get_threshold()
    generation = generation_due((counts[0], counts[1], counts[2]), (thresholds[0], thresholds[1], thresholds[2]))
    if generation >= 0:
        gc.collect(generation)
    return generation
