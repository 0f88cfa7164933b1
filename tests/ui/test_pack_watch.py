"""Pack sources in a running kiosk: a new version waits for the visit, a refusal changes nothing, expiry and
rollback bring back what can be shown, and the staff screen says what is on screen."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from kiosk.core import limits, paths
from kiosk.core.catalog import load_pack_or_fallback
from kiosk.core.settings import Settings, save_settings, settings_path
from kiosk.core.sources import Scanner
from kiosk.core.store import Store
from kiosk.ui.pack_watch import PackWatch
from kiosk.ui.render import settle
from kiosk.ui.settings_bridge import SettingsBridge

from ..bundle_standin import StandinBundles, build, pack_folder
from ..qml_helpers import find, finish_loading

KEYS = ("KEY-A",)


class Running:
    def __init__(self, bridge: SettingsBridge, watch: PackWatch, share: Path, today: list[dt.date]) -> None:
        self.bridge, self.watch, self.share, self.today = bridge, watch, share, today
        assert bridge.scene is not None
        self.controller = bridge.scene.controller
        self.window = bridge.scene.window

    @property
    def shown(self) -> str:
        return self.controller.pack.name


@pytest.fixture
def store(kiosk_home: Path) -> Store:
    return Store(paths.data_dir() / "packs", StandinBundles())


def drop(tmp_path: Path, share: Path, version: int, **kw: object) -> Path:
    folder = pack_folder(tmp_path / "src", "cumbria", f"Cumbria version {version}")
    return build(folder, share / f"cumbria-{version}.kioskpack", version, **kw)  # type: ignore[arg-type]


@pytest.fixture
def running(qapp, clock, store: Store, tmp_path: Path) -> Iterator[Callable[..., Running]]:
    made: list[Running] = []

    def make(threaded: bool = False, **scanner_kw: object) -> Running:
        today = [dt.date.today()]
        share = tmp_path / "share"
        share.mkdir(exist_ok=True)
        settings = Settings(pack="cumbria", reduced_motion=True)
        save_settings(settings)
        bridge = SettingsBridge(settings, settings_path(), load_pack=lambda name: load_pack_or_fallback(name, today[0]))
        scene = bridge.start((1080, 1920), clock=clock)
        scene.window.show()
        settle(scene.window)
        finish_loading(scene.window)  # a switch while pages are still built in the background: Qt warnings
        scanner_kw.setdefault("find_usb", list)
        scanner_kw.setdefault("find_usb_parents", list)
        scanner = Scanner(store, KEYS, [share], today=lambda: today[0], wall=lambda: 4e9, **scanner_kw)  # type: ignore[arg-type]
        watch = PackWatch(scanner, bridge, today=lambda: today[0], threaded=threaded)
        made.append(Running(bridge, watch, share, today))
        return made[-1]

    yield make
    for r in made:
        r.watch.timer.disarm()
        finish_loading(r.window)
        r.bridge.scene.close()  # type: ignore[union-attr]
        r.bridge.deleteLater()


def start(r: Running) -> None:
    """The first scan, then a frame (the kiosk renders between a switch and the next one)."""
    r.watch.start()
    settle(r.window)
    finish_loading(r.window)


def open_staff_screen(r: Running) -> None:
    r.bridge.admin.show()
    assert r.bridge.admin.choosePin("1234", "1234")
    settle(r.window)
    finish_loading(r.window)


def end_visit(r: Running, clock) -> None:
    clock.advance(r.controller.engine.idle_timeout + limits.IDLE_WARNING_SECONDS + 1)
    r.controller.engine.update()
    settle(r.window)


def test_a_new_version_dropped_during_a_visit_is_shown_after_the_visit(running, store, tmp_path, qtbot, clock) -> None:
    drop(tmp_path, tmp_path / "share", 1)
    r = running()
    start(r)
    assert r.shown == "Cumbria version 1", "imported at the first scan, shown at once: no visit in progress"
    r.controller.touch()  # a student starts a visit
    r.controller.goToKind("plan")
    drop(tmp_path, r.share, 2)
    r.watch.rescan()
    assert store.current_version("cumbria") == 2
    qtbot.wait(50)
    assert r.shown == "Cumbria version 1", "the visit keeps its pages"
    end_visit(r, clock)
    qtbot.waitUntil(lambda: r.shown == "Cumbria version 2", timeout=2000)
    assert r.controller.attract
    assert "Version 2 from Cumbria Constabulary" in r.bridge.admin.property("storeStatus")
    open_staff_screen(r)
    label = find(r.window, "adminStoreStatus")
    assert "Version 2 from Cumbria Constabulary, valid until no end date" in label.property("text")


def test_the_scan_runs_off_the_gui_thread_and_rearms_one_timer(running, tmp_path, qtbot) -> None:
    drop(tmp_path, tmp_path / "share", 1)
    r = running(threaded=True)
    with qtbot.waitSignal(r.watch.scanned, timeout=10_000):
        r.watch.start()
    qtbot.waitUntil(lambda: r.shown == "Cumbria version 1", timeout=2000)
    assert r.watch.timer.interval_ms == int(limits.SOURCES_RESCAN_SECONDS * 1000)


@pytest.mark.parametrize("change", ["tampered", "unsigned", "wrong key", "out of date"])
def test_a_refused_bundle_leaves_the_screen_unchanged_and_says_why(running, tmp_path, qtbot, change) -> None:
    drop(tmp_path, tmp_path / "share", 1)
    r = running()
    start(r)
    kw: dict[str, object] = {
        "unsigned": {"key": None},
        "wrong key": {"key": "KEY-EVIL"},
        "out of date": {"valid_until": r.today[0] - dt.timedelta(days=1)},
    }.get(change, {})
    path = drop(tmp_path, r.share, 2, **kw)
    if change == "tampered":
        data = bytearray(path.read_bytes())
        data[len(data) // 2] ^= 1
        path.write_bytes(bytes(data))
    r.watch.rescan()
    qtbot.wait(50)
    assert r.shown == "Cumbria version 1"
    assert "Refused: cumbria-2.kioskpack: " in r.bridge.admin.property("storeStatus")


def test_expiry_warns_then_falls_back_to_the_built_in_pack(running, tmp_path, qtbot) -> None:
    today = dt.date.today()
    drop(tmp_path, tmp_path / "share", 1, valid_until=today + dt.timedelta(days=20))
    r = running()
    start(r)
    assert r.shown == "Cumbria version 1" and r.bridge.admin.property("storeWarning") == ""
    r.today[0] = today + dt.timedelta(days=10)
    r.watch.rescan()
    assert "goes out of date in 10 days" in r.bridge.admin.property("storeWarning")
    r.today[0] = today + dt.timedelta(days=21)
    r.watch.rescan()
    qtbot.waitUntil(lambda: r.shown != "Cumbria version 1", timeout=2000)
    assert r.controller.pack.id == "cumbria", "the built-in pack, not an out-of-date helpline"
    assert "built-in pack" in r.bridge.admin.property("storeWarning")
    open_staff_screen(r)
    assert "built-in pack" in find(r.window, "adminStoreWarning").property("text")


def test_a_version_the_kiosk_cannot_show_is_rolled_back(running, store, tmp_path, qtbot, monkeypatch) -> None:
    drop(tmp_path, tmp_path / "share", 1)
    r = running()
    start(r)
    real = r.controller.set_pack

    def refuses_version_2(pack, *args):
        if pack.name == "Cumbria version 2":
            raise RuntimeError("the scene could not be built")
        return real(pack, *args)

    monkeypatch.setattr(r.controller, "set_pack", refuses_version_2)
    drop(tmp_path, r.share, 2)
    r.watch.rescan()
    qtbot.waitUntil(lambda: 2 in store.bad("cumbria"), timeout=2000)
    assert store.current_version("cumbria") == 1
    settle(r.window)
    assert r.shown == "Cumbria version 1"
    r.watch.rescan()
    assert store.current_version("cumbria") == 1, "a bad version is not imported again"


def test_a_usb_stick_inserted_is_looked_at_within_seconds(running, tmp_path, qtbot) -> None:
    """The folder sticks appear in is watched: inserting one arms the short settle timer, not the 3-minute rescan."""
    media = tmp_path / "media" / "staff"
    media.mkdir(parents=True)
    stick = media / "STICK" / "campaign-kiosk"
    r = running(find_usb=lambda: [stick] if stick.is_dir() else [], find_usb_parents=lambda: [media])
    start(r)
    assert r.watch.timer.interval_ms == int(limits.SOURCES_RESCAN_SECONDS * 1000)
    drop(tmp_path, tmp_path / "staging", 1)
    stick.parent.mkdir()
    (tmp_path / "staging").rename(stick)  # the stick is mounted, its folder already full
    qtbot.waitUntil(lambda: r.watch.timer.interval_ms == int(limits.SOURCES_SETTLE_SECONDS * 1000), timeout=5000)
    r.watch.rescan()  # what the timer does when it fires
    finish_loading(r.window)
    assert r.shown == "Cumbria version 1"
