"""Fault injection: each fault is survived, logged, and leaves a usable screen."""

from __future__ import annotations

import errno
import logging
import shutil
from pathlib import Path

import pytest

from kiosk.core.pack import load
from kiosk.logsetup import setup_logging
from kiosk.ui.render import settle
from kiosk.ui.scene import start_scene

from ..conftest import MINIMAL
from ..qml_helpers import find, finish_loading


@pytest.fixture
def pack_copy(tmp_path: Path) -> Path:
    shutil.copytree(MINIMAL, tmp_path / "pack")
    return tmp_path / "pack"


def test_an_exception_in_a_handler_returns_to_the_loop(qapp, clock, caplog, monkeypatch) -> None:
    pack = load(MINIMAL)
    s = start_scene(pack, list(pack.pages), clock=clock, reduced_motion=True)
    s.window.show()
    try:
        s.controller.goTo(3)
        assert s.controller.page == 3

        def broken() -> None:
            raise RuntimeError("a bug in a page")

        monkeypatch.setattr(s.controller.engine, "next", broken)
        with caplog.at_level(logging.ERROR):
            s.controller.next()
        settle(s.window)
        assert s.controller.attract and s.controller.page == 0, "back to a known screen, not a half-updated one"
        assert "a bug in a page" in caplog.text and "Traceback" in caplog.text
        assert find(s.window, "page-poster").isVisible()
    finally:
        finish_loading(s.window)
        s.close()


# A deleted image makes Qt's image loader warn that it cannot open the file; that warning is the expected
# symptom here, and the test checks the placeholder that replaces the picture.
@pytest.mark.qt_log_ignore("Cannot open")
def test_a_deleted_image_shows_a_placeholder(qapp, clock, pack_copy: Path) -> None:
    pack = load(pack_copy)
    (pack_copy / "art" / "square.svg").unlink()
    s = start_scene(pack, list(pack.pages), clock=clock, reduced_motion=True)
    s.window.show()
    try:
        settle(s.window)
        poster = find(s.window, "posterImage")
        placeholder = [c for c in poster.childItems() if c.metaObject().className() == "QQuickRectangle"][0]
        assert placeholder.isVisible()
        s.controller.next()
        settle(s.window)
        assert s.window.isVisible() and s.controller.page == 1
    finally:
        finish_loading(s.window)
        s.close()


def test_a_pack_edited_to_nonsense_while_running_keeps_the_screen(qapp, clock, pack_copy: Path) -> None:
    pack = load(pack_copy)
    s = start_scene(pack, list(pack.pages), clock=clock, reduced_motion=True)
    s.window.show()
    try:
        (pack_copy / "pack.toml").write_text("this is [not a pack\x00")
        for _ in range(10):
            clock.advance(10)
            s.controller.run_due()
        settle(s.window)
        page = s.controller.engine.pages[s.controller.page]
        assert page.kind != "poster", "the loop moved on"
        assert find(s.window, "pageTitle").property("text") == page.title, "the loaded pack still shows"
    finally:
        finish_loading(s.window)
        s.close()


def test_a_full_disk_for_the_log_does_not_stop_the_kiosk(kiosk_home: Path, monkeypatch) -> None:
    log_file = setup_logging(to_file=True)
    assert log_file is not None
    root = logging.getLogger()
    handler = next(h for h in root.handlers if getattr(h, "baseFilename", None) == str(log_file))

    class FullDisk:
        def write(self, _text: str) -> int:
            raise OSError(errno.ENOSPC, "No space left on device")

        def tell(self) -> int:
            return 0

        def seek(self, *_args: object) -> int:
            return 0

        def flush(self) -> None:
            raise OSError(errno.ENOSPC, "No space left on device")

        def close(self) -> None:
            pass

    real_stream = handler.stream
    handler.stream = FullDisk()
    logging.getLogger("kiosk.test").error("this line cannot be written")  # must not raise or print a traceback
    handler.stream = real_stream
    logging.getLogger("kiosk.test").error("the disk has space again")
    handler.flush()
    assert "the disk has space again" in log_file.read_text()
    for h in list(root.handlers):
        if getattr(h, "_kiosk", False):
            root.removeHandler(h)
            h.close()


def test_an_unwritable_log_folder_falls_back_to_the_console(tmp_path: Path, monkeypatch) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the log folder should be")
    monkeypatch.setenv("KIOSK_HOME", str(blocker))
    assert setup_logging(to_file=True) is None
    logging.getLogger("kiosk.test").warning("still logging to the console")
    root = logging.getLogger()
    for h in list(root.handlers):
        if getattr(h, "_kiosk", False):
            root.removeHandler(h)
            h.close()
