"""The first page's kept picture (kiosk.ui.splash): shown only for exactly the start it was kept for, handed over
to the live page with the taps and keys it received, and never left on screen when the QML fails."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage
from PySide6.QtTest import QTest

from kiosk.core import firstpicture
from kiosk.ui import splash
from kiosk.ui.render import settle

from ..conftest import ROOT

# prepare_environment sets these for the process; each test gets them back as they were
PREPARED = ("LC_CTYPE", "QT_QUICK_BACKEND", "DBUS_SESSION_BUS_ADDRESS", "QML_DISK_CACHE_PATH", "QML_DISK_CACHE")


@pytest.fixture
def start(qapp, kiosk_home: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Callable[..., splash.Handover | None]]:
    """splash.start as `kiosk --pack ...` calls it, in the test's own home; the lock is released after each."""
    from kiosk.cli import build_parser

    for name in PREPARED:
        if name in os.environ:
            monkeypatch.setenv(name, os.environ[name])
        else:
            monkeypatch.delenv(name, raising=False)
    started: list[splash.Handover] = []

    def run(*flags: str) -> splash.Handover | None:
        for h in started:
            h.withdraw()
            h.instance.release()  # type: ignore[attr-defined]
        args = build_parser().parse_args(list(flags) or ["--pack", "cumbria"])
        handover = splash.start(args)
        if handover is not None:
            started.append(handover)
        return handover

    yield run
    for h in started:
        h.withdraw()
        h.instance.release()  # type: ignore[attr-defined]


def keep_picture_for(handover: splash.Handover, colour: str = "#2050a0") -> QImage:
    """A picture kept under this start's key (a plain colour: these tests are about which picture shows)."""
    assert handover.key is not None
    w, h = handover.size
    image = QImage(w, h, QImage.Format.Format_RGB32)
    image.fill(QColor(colour))
    firstpicture.keep(handover.cache, handover.key, splash.encode(image))
    return image


def test_a_kept_picture_is_shown_at_once_and_named_for_a_screen_reader(start) -> None:
    first = start()
    assert first is not None and first.key is not None and not first.shown  # nothing kept yet
    image = keep_picture_for(first)
    again = start()
    assert again is not None and again.key == first.key and again.window is not None
    assert again.window.isVisible() and again.window.painted
    assert again.window.title() == again.loaded.pack.name  # the live window's title too (Main.qml)
    assert splash.same_pixels(again.window.image, image)


@pytest.mark.parametrize(
    "flags",
    [
        ("--text-size", "200"),
        ("--high-contrast",),
        ("--lang", "cy"),
        ("--reduced-motion",),
        ("--mode", "assembly"),
        ("--idle-timeout", "45"),
    ],
)
def test_a_picture_kept_for_other_settings_is_never_shown(start, flags: tuple[str, ...]) -> None:
    first = start("--pack", "cumbria")
    assert first is not None
    keep_picture_for(first)
    changed = start("--pack", "cumbria", *flags)
    assert changed is not None and changed.key != first.key
    assert not changed.shown


def test_a_picture_kept_before_a_file_of_the_pack_changed_is_never_shown(start, tmp_path: Path) -> None:
    pack = tmp_path / "cumbria-copy"
    shutil.copytree(ROOT / "assets" / "packs" / "cumbria", pack)
    first = start("--pack", str(pack))
    assert first is not None and first.loaded.pack.root.resolve() == pack.resolve()
    keep_picture_for(first)
    assert start("--pack", str(pack)).shown  # type: ignore[union-attr]
    picture = next(p for p in sorted(pack.rglob("*")) if p.suffix in (".png", ".svg", ".jpg"))
    stat = picture.stat()
    data = picture.read_bytes()
    picture.write_bytes(data)  # the same bytes, size and mtime: only its ctime says it was written
    os.utime(picture, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    after = start("--pack", str(pack))
    assert after is not None and after.key != first.key and not after.shown


def test_a_picture_of_the_wrong_size_is_dropped_not_shown(start) -> None:
    first = start()
    assert first is not None and first.key is not None
    image = QImage(10, 10, QImage.Format.Format_RGB32)
    image.fill(QColor("red"))
    path = firstpicture.keep(first.cache, first.key, splash.encode(image))
    again = start()
    assert again is not None and not again.shown and not path.exists()


def test_a_windowed_start_keeps_and_shows_no_picture(start) -> None:
    handover = start("--pack", "cumbria", "--windowed")
    assert handover is not None and handover.key is None and not handover.shown


def test_taps_and_keys_on_the_picture_reach_the_live_page(start, make_kiosk) -> None:
    first = start()
    assert first is not None
    keep_picture_for(first)
    handover = start()
    assert handover is not None and handover.window is not None
    window = handover.window
    QTest.mouseClick(window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(40, 40))
    assert len(window.kept) == 2  # press and release, kept for the live window
    scene = make_kiosk(size=handover.size)
    assert scene.controller.attract
    handover.live_frame_shown(scene.window, scene.window.grabWindow)
    assert not window.isVisible() and handover.window is None
    settle(scene.window)
    assert not scene.controller.attract  # the tap woke the kiosk, as a tap on the live page does
    QGuiApplication.processEvents()


def test_a_key_on_the_picture_reaches_the_live_page(start, make_kiosk) -> None:
    first = start()
    assert first is not None
    keep_picture_for(first)
    handover = start()
    assert handover is not None and handover.window is not None
    QTest.keyClick(handover.window, Qt.Key.Key_Space)
    scene = make_kiosk(size=handover.size)
    assert scene.controller.attract
    handover.live_frame_shown(scene.window, scene.window.grabWindow)
    settle(scene.window)
    assert not scene.controller.attract  # the first key wakes the kiosk (InputFilter), as on the live page
    assert QGuiApplication.focusWindow() is scene.window  # later keys go to the live page too


def test_a_live_page_that_differs_from_the_picture_drops_it(start, make_kiosk) -> None:
    first = start()
    assert first is not None and first.key is not None
    keep_picture_for(first, "#ff00ff")  # nothing like the poster
    handover = start()
    assert handover is not None and handover.shown
    scene = make_kiosk(size=handover.size)
    handover.live_frame_shown(scene.window, scene.window.grabWindow)
    assert firstpicture.find(handover.cache, first.key) is None
    assert start() is not None and not start().shown  # type: ignore[union-attr]


def test_without_a_picture_the_live_frame_is_kept_for_the_next_start(start, make_kiosk) -> None:
    first = start()
    assert first is not None and first.key is not None and not first.shown
    scene = make_kiosk(size=first.size)
    first.live_frame_shown(scene.window, scene.window.grabWindow)
    assert first.writer is not None
    first.writer.join(10)
    kept = firstpicture.find(first.cache, first.key)
    assert kept is not None
    again = start()
    assert again is not None and again.window is not None
    assert splash.same_pixels(again.window.image, scene.window.grabWindow())


def test_when_the_qml_fails_the_picture_goes_and_the_error_is_what_remains(start, monkeypatch) -> None:
    from kiosk.cli import build_parser
    from kiosk.ui import run, settings_bridge

    first = start()
    assert first is not None
    keep_picture_for(first)
    handover = start()
    assert handover is not None and handover.window is not None
    window = handover.window

    def broken(*_args, **_kw):
        raise RuntimeError("the kiosk's QML did not load (see the log for the QML errors)")

    monkeypatch.setattr(settings_bridge.SettingsBridge, "start", broken)
    with pytest.raises(RuntimeError, match="QML did not load"):
        run.run_kiosk(build_parser().parse_args(["--pack", "cumbria"]), handover)
    assert handover.window is None and not window.isVisible()


def test_without_input_on_the_picture_the_live_page_stays_in_its_loop(start, make_kiosk) -> None:
    """The control for the two tests above: the handover itself wakes nothing."""
    first = start()
    assert first is not None
    keep_picture_for(first)
    handover = start()
    assert handover is not None and handover.window is not None
    scene = make_kiosk(size=handover.size)
    handover.live_frame_shown(scene.window, scene.window.grabWindow)
    settle(scene.window)
    assert scene.controller.attract


def test_the_picture_refuses_a_close_request(start) -> None:
    first = start()
    assert first is not None
    keep_picture_for(first)
    handover = start()
    assert handover is not None and handover.window is not None
    assert handover.window.close() is False  # what Alt+F4 or a window manager's close button asks
    assert handover.window.isVisible()


def test_a_key_on_the_picture_waits_for_the_live_page_even_with_its_input_filter_running(start, make_kiosk) -> None:
    """The live scene's app-wide input filter exists before the handover: a key on the picture must not act on
    the live page under it then (it would change under a picture that no longer shows it), only at the handover."""
    first = start()
    assert first is not None
    keep_picture_for(first)
    handover = start()
    assert handover is not None and handover.window is not None
    scene = make_kiosk(size=handover.size)  # installs kiosk.ui.app.InputFilter on the application
    handover.cover(scene.window)
    before = (scene.controller.attract, scene.controller.page)
    QTest.keyClick(handover.window, Qt.Key.Key_Right)
    QTest.mouseClick(handover.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(40, 40))
    QGuiApplication.processEvents()
    assert (scene.controller.attract, scene.controller.page) == before
    assert len(handover.window.kept) == 4
    handover.live_frame_shown(scene.window, scene.window.grabWindow)
    settle(scene.window)
    assert (scene.controller.attract, scene.controller.page) != before


def test_a_picture_kept_before_the_machine_policy_changed_is_never_shown(start, tmp_path, monkeypatch) -> None:
    """A policy that locks a setting (here the text size, at its default) changes what staff may do, and may
    change the page: the picture kept before it is not shown, even for the same flags."""
    policy = tmp_path / "policy.toml"
    monkeypatch.setenv("KIOSK_POLICY", str(policy))
    first = start()
    assert first is not None
    keep_picture_for(first)
    policy.write_text('[kiosk]\nlocked = ["text_size"]\n')
    locked = start()
    assert locked is not None and locked.key != first.key and not locked.shown
    keep_picture_for(locked)
    policy.write_text('[kiosk]\nmode = "parents"\n')
    other = start()
    assert other is not None and other.key not in (first.key, locked.key) and not other.shown
