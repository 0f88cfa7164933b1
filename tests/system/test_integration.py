"""Where two features meet: bugs found by using the merged kiosk as a school would."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QRect

from kiosk import cli
from kiosk.core import paths
from kiosk.core.settings import Settings, save_settings
from kiosk.core.stats import StatsStore

from ..xlib import xvfb_display


@pytest.mark.parametrize("saved, expected", [(None, "cumbria"), ("derbyshire", "derbyshire")])
def test_handout_without_pack_is_for_the_pack_the_kiosk_shows(monkeypatch, tmp_path: Path, saved, expected) -> None:
    """A Derbyshire school printing `kiosk handout --out h.pdf` got Cumbria's handout: it ignored settings.toml."""
    if saved:
        save_settings(Settings(pack=saved))
    written: list[str] = []
    monkeypatch.setattr("kiosk.ui.handout.make_handout", lambda pack, out, audience: written.append(pack.id) or 1)
    assert cli.main(["handout", "--out", str(tmp_path / "h.pdf")]) == 0
    assert written == [expected]


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("Xvfb") is None, reason="needs Xvfb")
def test_sigterm_from_the_supervisor_or_a_shutdown_keeps_the_last_counts(tmp_path: Path) -> None:
    """`kiosk supervise` stops its child with SIGTERM (logout, shutdown) and kills it 5 s later. The kiosk died at
    once without writing the counts it had batched (up to 30 s of them) or the visit in progress, and without a
    word in its log. On a real X screen with nothing moving, Qt runs no Python for seconds, so the handler alone
    was not enough: a signal must wake the event loop."""
    from kiosk.core.stats import DB_NAME

    with xvfb_display() as display:
        env = {**os.environ, "QT_QPA_PLATFORM": "xcb", "DISPLAY": display}
        log_file = paths.log_dir() / "kiosk.log"
        child = subprocess.Popen([sys.executable, "-m", "kiosk", "--pack", "cumbria"], env=env)
        try:
            deadline = time.monotonic() + 90  # a start takes a second or two; the margin is for a loaded machine
            while "kiosk started" not in (log_file.read_text() if log_file.exists() else ""):
                assert child.poll() is None and time.monotonic() < deadline, "the kiosk did not start"
                time.sleep(0.1)
            time.sleep(4.0)  # the first poster stays 10 s: from here to then no Python runs
            child.send_signal(signal.SIGTERM)
            code = child.wait(timeout=5)  # within the supervisor's 5 s before SIGKILL (a second, unloaded)
        finally:
            if child.poll() is None:
                child.kill()
                child.wait(timeout=10)
    assert code == 0, f"the kiosk ended with {code}, not a clean exit"
    assert "stopped by signal 15" in log_file.read_text()
    out = subprocess.run(
        [sys.executable, "-m", "kiosk", "stats", "export", "--out", "-", "--db", str(paths.data_dir() / DB_NAME)],
        env=env,
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    ).stdout
    assert ",page-shown-loop,poster," in out, "the first page shown was counted and kept"


@pytest.fixture
def stats_store(tmp_path: Path) -> Iterator[StatsStore]:
    from ..ui.test_stats import Wall

    store = StatsStore(tmp_path / "stats.db", wall=Wall(), flush_seconds=3600).start()
    yield store
    store.close()


@pytest.mark.parametrize("size", [(1080, 1920), (1024, 768), (1920, 1080)])
def test_the_feedback_question_never_covers_a_help_page_qr_code(qapp, clock, stats_store, size) -> None:
    """Reaching the last help page asks the question; its card lay over the bottom of the "Report online" QR code
    (a finder square hidden: no phone could read it) until the student answered or skipped."""
    from kiosk.core.pack import load
    from kiosk.ui.render import settle
    from kiosk.ui.scene import start_scene

    from ..qml_helpers import find, find_all, finish_loading, scene_rect
    from ..ui.test_stats import tap, wake

    pack = load(paths.builtin_packs_dir() / "cumbria")
    pages = list(pack.pages_for("students"))
    s = start_scene(pack, pages, clock=clock, size=size, reduced_motion=True, stats_store=stats_store)
    try:
        s.window.show()
        settle(s.window)
        wake(s)
        tap(s, "nextButton")
        clock.advance(25)  # a real visit
        while s.controller.page < len(pages) - 1:
            tap(s, "nextButton")
        row = find(s.window, "feedbackRow")
        codes = [q for q in find_all(s.window, "qr") if q.opacity() > 0]
        assert codes, "the report page shows its QR code"
        for code in codes:
            overlap = scene_rect(code).intersected(scene_rect(row))
            assert overlap.isEmpty(), (
                f"the question covers {overlap.width():.0f}x{overlap.height():.0f} px of a QR code"
            )
    finally:
        finish_loading(s.window)
        s.close()


@pytest.mark.parametrize(
    "audience, run_mode, offered",
    [("parents", "parents", False), ("students", "foyer", True), ("students", "assembly", False)],
)
def test_poster_offers_a_plan_only_where_there_is_a_plan_page(qapp, clock, audience, run_mode, offered) -> None:
    """In parents' evening mode the poster still said "Tap to make your plan"; the loop has no plan page, so the
    tap did nothing at all. In an assembly nobody in the hall can tap the projected page."""
    from kiosk.core.pack import load
    from kiosk.ui.render import settle
    from kiosk.ui.scene import start_scene

    from ..qml_helpers import find_all, finish_loading

    pack = load(paths.builtin_packs_dir() / "derbyshire")
    s = start_scene(
        pack, list(pack.pages_for(audience)), clock=clock, size=(1080, 1920), reduced_motion=True, run_mode=run_mode
    )
    try:
        s.window.show()
        s.controller.touch()
        settle(s.window)
        assert bool(find_all(s.window, "callToAction")) is offered
    finally:
        finish_loading(s.window)
        s.close()


class _Screen:
    def __init__(self, name: str) -> None:
        self._name = name

    def name(self) -> str:
        return self._name

    def geometry(self) -> QRect:
        return QRect(0 if self._name == "laptop" else 1920, 0, 1920, 1080)


class _Window:
    def __init__(self, screen: _Screen) -> None:
        self._screen, self.geometry = screen, QRect()

    def screen(self) -> _Screen:
        return self._screen

    def setScreen(self, screen: _Screen) -> None:  # noqa: N802 - Qt's name
        self._screen = screen

    def setGeometry(self, geometry: QRect) -> None:  # noqa: N802 - Qt's name
        self.geometry = geometry

    def showFullScreen(self) -> None:  # noqa: N802 - Qt's name
        pass


def test_a_live_switch_to_assembly_puts_the_notes_on_the_laptop_and_the_pages_on_the_projector(monkeypatch) -> None:
    """Started in assembly mode, the audience goes to the projector and the presenter view (speaker notes) to the
    laptop. Switched to assembly from the staff screen or the schedule, the audience stayed on the laptop and the
    speaker notes went up on the projector for the whole hall to read."""
    from types import SimpleNamespace

    from kiosk.ui import run

    laptop, projector = _Screen("laptop"), _Screen("projector")
    app = SimpleNamespace(screens=lambda: [laptop, projector], primaryScreen=lambda: laptop)
    window = _Window(laptop)  # a foyer start: the primary screen
    opened: list[_Screen] = []

    def open_presenter_view(session, screen):
        opened.append(screen)
        return SimpleNamespace(show=lambda: None, close=lambda: opened.remove(screen))

    monkeypatch.setattr(run, "open_presenter_view", open_presenter_view)
    handlers = []
    bridge = SimpleNamespace(modeApplied=SimpleNamespace(connect=handlers.append))
    run.follow_mode_switches(app, bridge, SimpleNamespace(window=window))
    handlers[0]("assembly")
    assert (window.screen(), opened) == (projector, [laptop])
    assert window.geometry == QRect(1920, 0, 1920, 1080), "the audience covers the projector"
    handlers[0]("foyer")
    assert (window.screen(), opened) == (laptop, [])
