"""No cyclic garbage collection while the kiosk starts, until its first frame is on screen.

Start-up allocates hundreds of thousands of objects that all live on (modules, classes, Qt's enums, QML's
bindings) and almost no garbage, yet the collector ran about 70 times before the first frame, ~11 ms of CPU
(bench/README.md, start-up round 3). The entry points hold it before the first import; the kiosk lets it go
once its first frame is shown (kiosk.ui.incubation), every other command at once (kiosk.cli). Reference
counting frees everything as usual meanwhile: only cycles wait.
"""

from __future__ import annotations

import gc

_held = False


def hold() -> None:
    """Pause the cyclic collector (an entry point, before its imports)."""
    global _held
    if gc.isenabled():
        gc.disable()
        _held = True


def release() -> None:
    """Let the collector run again, if `hold` paused it; safe to call more than once."""
    global _held
    if _held:
        _held = False
        gc.enable()
