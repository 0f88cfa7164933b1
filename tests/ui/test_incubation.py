"""The first page first (kiosk.ui.incubation): pages off screen are built only after the window's first frame.

Without it, Qt built them while the window waited to be shown, before the first page was painted (issue 20,
start-up). With it, nothing off screen is built until a frame has been swapped (or the fallback has waited long
enough for a window that is never shown); then everything is built and the window's own controller takes over.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtQuick import QQuickWindow

from kiosk.core import paths
from kiosk.ui import incubation
from kiosk.ui.items import walk
from kiosk.ui.scene import Scene


def building(window: QQuickWindow) -> int:
    """How many pages are still being built."""
    return sum(
        1
        for i in walk(window.contentItem())
        if i.inherits("QQuickLoader") and not i.property("source").isEmpty() and not i.property("item")
    )


@pytest.fixture
def scene(qapp, clock) -> Iterator[Scene]:
    from kiosk.core.pack import load
    from kiosk.ui.scene import start_scene

    from ..qml_helpers import finish_loading

    pack = load(paths.builtin_packs_dir() / "derbyshire")
    s = start_scene(pack, list(pack.pages), clock=clock, size=(640, 360), reduced_motion=True)
    yield s
    finish_loading(s.window)
    s.close()


def test_pages_off_screen_wait_for_the_first_frame_then_are_all_built(scene: Scene, qtbot) -> None:
    waiting = building(scene.window)
    assert waiting > 5, "the pages off screen are built in the background"
    first = incubation.FirstFrameFirst(scene.engine, scene.window)
    qtbot.wait(300)  # events, timers: the window's own controller would build pages now (the control test)
    assert building(scene.window) == waiting and not first.released
    with qtbot.waitSignal(scene.window.frameSwapped, timeout=10_000):
        scene.window.show()
    qtbot.waitUntil(lambda: building(scene.window) == 0, timeout=20_000)
    assert first.released
    assert scene.engine.incubationController() is scene.window.incubationController(), "Qt's own from now on"


def test_without_it_the_pages_are_built_before_any_frame(scene: Scene, qtbot) -> None:
    """The control: the same wait, window never shown, and Qt builds the pages off screen meanwhile."""
    waiting = building(scene.window)
    qtbot.waitUntil(lambda: building(scene.window) < waiting, timeout=20_000)


def test_a_window_never_shown_still_gets_its_pages(scene: Scene, qtbot, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(incubation, "FIRST_FRAME_WAIT_MS", 50)
    first = incubation.FirstFrameFirst(scene.engine, scene.window)
    qtbot.waitUntil(lambda: first.released and building(scene.window) == 0, timeout=20_000)
    assert scene.engine.incubationController() is scene.window.incubationController()


def test_after_the_first_frame_cycles_are_collected_at_still_moments_on_the_gui_thread(scene: Scene, qtbot) -> None:
    """The entry points pause the collector until then (kiosk.core.startgc); after it, a cycle is freed at the next
    still moment, on this thread, never by a collection another thread's allocations set off."""
    import gc
    import weakref

    from kiosk.core import startgc

    class Cycle:
        pass

    was = gc.isenabled()
    gc.enable()  # as a process starts (tests/conftest.py holds it off during tests)
    startgc.hold()
    try:
        first = incubation.FirstFrameFirst(scene.engine, scene.window)
        assert not gc.isenabled()
        with qtbot.waitSignal(scene.window.frameSwapped, timeout=10_000):
            scene.window.show()
        qtbot.waitUntil(lambda: first.released, timeout=10_000)
        assert not gc.isenabled(), "automatic collection, in whichever thread allocates, stays off"
        junk = Cycle()
        junk.me = junk  # type: ignore[attr-defined]
        gone = weakref.ref(junk)
        del junk
        for _ in range(max(gc.get_threshold()[0], 1) + 1):
            Cycle()  # allocations past the first threshold: a collection is due
        leftover = [Cycle() for _ in range(gc.get_threshold()[0] + 10)]
        assert gone() is not None, "nothing collected it yet"
        scene.controller.becameStill.emit()  # the still moment (kiosk.ui.app.give_back_free_memory)
        assert gone() is None
        del leftover
    finally:
        startgc._on_gui_thread = False  # this test's kiosk is over: the next scene's tests run as before
        startgc.release()
        gc.enable() if was else gc.disable()
