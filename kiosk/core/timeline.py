"""Start-up milestones and their times, so a benchmark can see where the time to the first frame goes.

Off unless KIOSK_STARTUP_TIMELINE is set: then each mark reads two clocks, and `dump` prints them on stderr as
`timeline: NAME MONOTONIC_S CPU_S` when the first frame is on screen. CLOCK_MONOTONIC is one clock for every
process, so bench/startup_timeline.py subtracts its own launch time and gets launch -> each milestone. Set to
`modules`, it also prints the modules imported by then (`timeline-modules: a,b,...`): the frozen build's, which
no wrapper script can record (tests/system/test_startup_timeline.py).
Plain Python and only modules the interpreter has loaded anyway: it is imported before anything else.
"""

from __future__ import annotations

import os
import sys
import time

ENV = "KIOSK_STARTUP_TIMELINE"
_ON = bool(os.environ.get(ENV))
_marks: list[tuple[str, float, float]] = []


def enabled() -> bool:
    return _ON


def mark(name: str) -> None:
    """Note that start-up has reached `name` (wall and CPU time of the process, its threads included)."""
    if _ON:
        _marks.append((name, time.monotonic(), time.process_time()))


def dump() -> None:
    """Print the marks taken so far, once (a kiosk that exits on its first frame calls this just before)."""
    if not _ON:
        return
    for name, wall, cpu in _marks:
        print(f"timeline: {name.replace(' ', '_')} {wall:.6f} {cpu:.6f}", file=sys.stderr)
    if os.environ.get(ENV) == "modules":
        print(f"timeline-modules: {','.join(sorted(sys.modules))}", file=sys.stderr)
    _marks.clear()
    sys.stderr.flush()
