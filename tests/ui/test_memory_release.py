"""What a running kiosk lets go of, or never loads, to keep its memory small (issue 20, bench/README.md "mem20"):
the Python sources PySide's import hook reads, the code of features a school has not switched on, and the speech
bubbles' tail canvases of story panels that cannot come on screen next."""

from __future__ import annotations

import linecache
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.core import paths
from kiosk.ui.render import settle
from kiosk.ui.scene import Scene

from ..qml_helpers import find_all

CUMBRIA = paths.builtin_packs_dir() / "cumbria"
ROOT = Path(__file__).resolve().parents[2]


def _story(s: Scene) -> int:
    return next(i for i, p in enumerate(s.controller.engine.pages) if p.kind == "story")


def test_source_lines_are_let_go_once_the_screen_is_still(make_kiosk, clock, qtbot) -> None:
    """shiboken reads every module's source into linecache as it is imported; a still screen drops them."""
    import kiosk.core.pack

    s = make_kiosk(CUMBRIA, (1920, 1080), reduced_motion=False)
    assert linecache.getlines(kiosk.core.pack.__file__)  # as PySide's import hook does
    assert kiosk.core.pack.__file__ in linecache.cache
    c = s.controller
    clock.now = c.engine.next_deadline()
    c.run_due()
    assert kiosk.core.pack.__file__ in linecache.cache  # not while the fade runs
    qtbot.waitUntil(lambda: kiosk.core.pack.__file__ not in linecache.cache, timeout=10_000)


def test_the_kiosk_drops_the_source_lines_before_it_builds_its_scene(monkeypatch) -> None:
    """The first thing run_kiosk does, so that the scene's objects reuse the room the lines took."""
    from kiosk.ui import app as qtapp
    from kiosk.ui import run

    order: list[str] = []

    class StopError(Exception):
        pass

    def start(args: object) -> None:  # kiosk.ui.splash.start: the environment, the lock, the application
        order.append("start")
        raise StopError

    from kiosk.ui import splash

    monkeypatch.setattr(qtapp, "forget_source_lines", lambda: order.append("forget"))
    monkeypatch.setattr(splash, "start", start)
    with pytest.raises(StopError):
        run.run_kiosk(run.argparse.Namespace())
    assert order == ["forget", "start"]


def test_no_pack_watching_code_is_loaded_without_trusted_keys_or_sources() -> None:
    """A policy that names no pack source and no trusted key: the sources, signing and bundle code are never
    imported (nor difflib, which only a mistake needs); a folder without a key still gets its warning."""
    script = """
import sys, types
from kiosk.core.policy import Policy
from kiosk.ui.run import watch_pack_sources
bridge = types.SimpleNamespace(config=types.SimpleNamespace(policy=Policy()))
assert watch_pack_sources(bridge) is None
unused = ("kiosk.core.sources", "kiosk.core.signing", "kiosk.core.bundle", "difflib")
print(sorted(m for m in unused if m in sys.modules))
bridge.config.policy = Policy(sources=(__import__("pathlib").Path("/nonexistent"),))
assert watch_pack_sources(bridge) is None
print("kiosk.core.sources" in sys.modules)
"""
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, timeout=120, check=True
    )
    assert out.stdout.split("\n")[:2] == ["[]", "True"], out.stdout + out.stderr


def test_speech_bubble_tails_are_held_only_by_panels_that_may_come_on_screen(make_kiosk, qtbot) -> None:
    """A tail's canvas holds an image (four times larger at 4K): panels that keep their picture keep their tails,
    the others make them again when they may come on screen (StoryPage.qml, Bubble.qml)."""
    s = make_kiosk(CUMBRIA, (1920, 1080), auto_advance=False, idle_timeout=None)
    s.controller.touch()
    settle(s.window)
    # The poster on screen: the story is neither next nor before it, so none of its nine tails is held.
    assert find_all(s.window, "bubbleTail") == []
    s.controller.goTo(_story(s))
    settle(s.window)
    # Panel 1 on screen and panel 2 next hold theirs: in cumbria's story one thought (a phone message has none).
    qtbot.waitUntil(lambda: len(find_all(s.window, "bubbleTail")) == 1, timeout=10_000)
    tails = find_all(s.window, "bubbleTail")
    assert all(t.width() > 0 and t.height() > 0 for t in tails)
    s.controller.goTo(0)
    settle(s.window)
    qtbot.waitUntil(lambda: find_all(s.window, "bubbleTail") == [], timeout=10_000)


def test_the_libraries_start_up_pages_are_given_back_once_a_minute_into_the_loop(make_kiosk, clock, qtbot) -> None:
    """kiosk.core.memory.give_back_library_pages_now, at the controller's still moments: not during start-up's
    first minute, not in a visit (a visitor's next tap would wait for its code to be read back), once."""
    from kiosk.core.memory import LIBRARY_PAGES_AFTER_S
    from kiosk.core.vocab import Phase
    from kiosk.ui.app import LibraryPages

    s = make_kiosk(CUMBRIA, (1024, 768))
    c = s.controller
    started = clock.now
    given: list[float] = []
    LibraryPages(c, give_back=lambda: given.append(clock.now - started) or 1 << 20)

    def still_after(step) -> None:
        with qtbot.waitSignal(c.becameStill, timeout=5_000):
            step()

    def loop_change() -> None:
        clock.now = c.engine.next_deadline()
        c.run_due()

    while clock.now - started < LIBRARY_PAGES_AFTER_S / 2:
        still_after(loop_change)
    assert given == []
    still_after(c.touch)  # a visitor: well past the minute in a visit, nothing is given back
    while clock.now - started < LIBRARY_PAGES_AFTER_S * 2:
        clock.advance(5)
        still_after(c.next)
    assert c.engine.state.phase == Phase.INTERACTIVE
    assert given == []
    while c.engine.state.phase == Phase.INTERACTIVE:  # the visit times out; the loop's first still moment
        still_after(loop_change)
    assert len(given) == 1 and given[0] >= LIBRARY_PAGES_AFTER_S * 2
    for _ in range(5):
        still_after(loop_change)
    assert len(given) == 1  # once: again would only read back the pages the loop runs


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="madvise(MADV_PAGEOUT) is Linux's")
def test_the_kernel_takes_the_advice_for_every_library(qapp) -> None:
    """environment.give_back_library_pages advises each library's code and read-only data, Qt's among them: a
    kernel without MADV_PAGEOUT (before 5.4) refuses, and the kiosk would keep them, as before."""
    from kiosk.core.memory import library_ranges
    from kiosk.ui.environment import give_back_library_pages

    ranges = library_ranges(Path("/proc/self/maps").read_text())
    assert any("libQt6Core" in line for line in Path("/proc/self/maps").read_text().splitlines() if " r-xp " in line)
    assert give_back_library_pages() == sum(end - start for start, end in ranges)
