"""The garbage collector paused while the kiosk starts (kiosk.core.startgc): held by the entry points, let go by
every command at once and by the kiosk after its first frame (tests/ui/test_incubation.py), never left off."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk import cli
from kiosk.core import startgc


@pytest.fixture(autouse=True)
def collector_restored() -> Iterator[None]:
    was = gc.isenabled()
    gc.enable()  # as a process starts (tests/conftest.py holds it off during tests)
    yield
    startgc.release()
    gc.enable() if was else gc.disable()


def test_hold_pauses_the_collector_and_release_lets_it_run_again() -> None:
    startgc.hold()
    assert not gc.isenabled()
    startgc.release()
    assert gc.isenabled()
    startgc.release()  # twice: still on
    assert gc.isenabled()


def test_release_leaves_alone_a_collector_someone_else_turned_off() -> None:
    gc.disable()
    startgc.hold()  # already off: not ours to turn back on
    startgc.release()
    assert not gc.isenabled()


def test_every_command_but_the_kiosk_gets_its_collector_back_at_once(tmp_path: Path, kiosk_home: Path) -> None:
    startgc.hold()
    assert cli.main(["new", str(tmp_path / "pack"), "--from", "blank"]) == 0
    assert gc.isenabled(), "kiosk new ran with the collector on"


def test_the_generation_due_is_the_oldest_past_its_threshold() -> None:
    assert startgc.generation_due((10, 0, 0), (700, 10, 10)) == -1
    assert startgc.generation_due((701, 0, 0), (700, 10, 10)) == 0
    assert startgc.generation_due((701, 11, 0), (700, 10, 10)) == 1
    assert startgc.generation_due((701, 11, 11), (700, 10, 10)) == 2
    assert startgc.generation_due((701, 0, 0), (0, 10, 10)) == -1  # a threshold of 0: that collection is off


def test_released_to_the_gui_thread_the_collector_stays_off_until_collect_due() -> None:
    import weakref

    class Cycle:
        pass

    startgc.hold()
    startgc.release(gui_thread=True)
    try:
        assert not gc.isenabled()
        junk = Cycle()
        junk.me = junk  # type: ignore[attr-defined]
        gone = weakref.ref(junk)
        del junk
        kept = [Cycle() for _ in range(gc.get_threshold()[0] + 10)]  # a collection is due
        assert gone() is not None
        assert startgc.collect_due() >= 0
        assert gone() is None
        del kept
    finally:
        startgc._on_gui_thread = False
