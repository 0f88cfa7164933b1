"""The outbox in the running kiosk: its one timer (a fake wall clock says when), its writes on the statistics
worker, the write at exit, and its status on the staff screen."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from types import SimpleNamespace

import pytest

from kiosk.core import limits
from kiosk.core.outbox import Outbox
from kiosk.core.outbox_format import parse_day_file
from kiosk.core.policy import Policy
from kiosk.core.stats import StatsDatabase, StatsStore
from kiosk.ui.render import settle
from kiosk.ui.stats_bridge import OutboxRunner

from ..qml_helpers import find, find_all
from . import test_stats
from .test_stats import NOON, Wall, tap

store = test_stats.store  # the fixtures: a store on a fixed wall clock, the minimal pack's kiosk counting into it
stats_kiosk = test_stats.stats_kiosk

LABEL = "st-bees-foyer"


def fill(db: StatsDatabase) -> None:
    db.add({("page_hours", ("2026-11-25 10", "minimal", "foyer", "tap", "plan")): 7})
    db.add({("page_hours", ("2026-11-24 10", "minimal", "foyer", "loop", "poster")): 30})


def outbox_for(tmp_path: Path, share: Path, wall: Wall, extra: list[Path] | None = None) -> Outbox:
    return Outbox(lambda: [share, *(extra or [])], LABEL, tmp_path / "outbox-state.json", wall)


def tap_write(qtbot, s, runner: OutboxRunner) -> None:
    """Tap "Write the counts now" (scrolled into view, as staff would) and wait for the worker's write to come
    back to the GUI thread (a signal, not a sleep)."""
    s.window.grabWindow()  # a rendered frame lays the panel's column out, so its height is known
    button = find(s.window, "outboxWrite")
    flick = button.parentItem()
    while not flick.inherits("QQuickFlickable"):
        flick = flick.parentItem()
    flick.setProperty("contentY", max(0.0, flick.property("contentHeight") - flick.height()))
    settle(s.window)
    with qtbot.waitSignal(runner.changed, timeout=10_000):
        tap(s, "outboxWrite")
    settle(s.window)


def run(qtbot, runner: OutboxRunner) -> None:
    with qtbot.waitSignal(runner.changed, timeout=10_000):
        runner.run_due()


def taps_on_share(share: Path) -> dict[str, int]:
    return {p.stem: sum(r.count for r in parse_day_file(p).rows) for p in sorted((share / LABEL).glob("*.json"))}


def test_the_timer_writes_backs_off_while_the_share_is_away_and_catches_up(
    qapp, qtbot, tmp_path: Path, store: StatsStore
) -> None:
    wall: Wall = store.wall  # type: ignore[assignment]
    share, away = tmp_path / "share", tmp_path / "server"
    share.mkdir()
    store.call(fill)
    runner = OutboxRunner(outbox_for(tmp_path, share, wall), store)
    runner.start()
    assert runner.timer.interval_ms == limits.OUTBOX_START_MS  # the first write waits for the kiosk to be up
    run(qtbot, runner)
    assert taps_on_share(share) == {"2026-11-24": 30, "2026-11-25": 7}
    assert runner.status.last_written == "2026-11-25T12" and runner.status.last_error is None
    midnight = dt.datetime(2026, 11, 26) - NOON
    assert runner.timer.interval_ms == round((midnight.total_seconds() + limits.OUTBOX_DAY_END_SECONDS) * 1000)

    share.rename(away)  # the share goes offline; the day ends and more is counted
    wall.now = dt.datetime(2026, 11, 26, 0, 5)
    store.call(lambda db: db.add({("page_hours", ("2026-11-25 23", "minimal", "foyer", "tap", "plan")): 1}))
    intervals = []
    for _ in range(3):
        run(qtbot, runner)
        assert "not reachable" in runner.status.last_error
        intervals.append(runner.timer.interval_ms)
        wall.now += dt.timedelta(milliseconds=intervals[-1])
    assert intervals == [60_000, 300_000, 900_000]  # backing off: one single-shot timer, never a busy loop
    away.rename(share)
    run(qtbot, runner)
    assert runner.status.last_error is None
    assert taps_on_share(share) == {"2026-11-24": 30, "2026-11-25": 8}  # the day's last count arrived
    assert runner.timer.interval_ms > 20 * 3600 * 1000  # next: just after the coming midnight


def test_a_write_already_running_is_not_started_twice(qapp, qtbot, tmp_path: Path, store: StatsStore) -> None:
    share = tmp_path / "share"
    share.mkdir()
    runner = OutboxRunner(outbox_for(tmp_path, share, store.wall), store)  # type: ignore[arg-type]
    with qtbot.waitSignal(runner.changed, timeout=10_000):
        assert runner.write() is True
        assert runner.write() is False
    assert not runner.busy and runner.timer.armed


def test_with_usb_outboxes_it_looks_for_a_stick_every_ten_minutes(
    qapp, qtbot, tmp_path: Path, store: StatsStore
) -> None:
    share, stick = tmp_path / "share", tmp_path / "stick" / "campaign-kiosk"
    share.mkdir()
    sticks: list[Path] = []
    store.call(fill)
    runner = OutboxRunner(outbox_for(tmp_path, share, store.wall, sticks), store, usb_look=True)  # type: ignore[arg-type]
    run(qtbot, runner)
    assert runner.timer.interval_ms == round(limits.OUTBOX_USB_LOOK_SECONDS * 1000)
    before = (share / LABEL / "2026-11-25.json").stat().st_mtime_ns
    stick.mkdir(parents=True)
    sticks.append(stick)
    run(qtbot, runner)  # a look: the new stick gets every day, the share is left alone
    assert taps_on_share(stick) == {"2026-11-24": 30, "2026-11-25": 7}
    assert (share / LABEL / "2026-11-25.json").stat().st_mtime_ns == before


def test_the_write_at_exit_comes_after_the_last_batch(qapp, tmp_path: Path) -> None:
    share = tmp_path / "share"
    share.mkdir()
    wall = Wall()
    s = StatsStore(tmp_path / "stats.db", wall=wall, flush_seconds=3600).start()
    runner = OutboxRunner(outbox_for(tmp_path, share, wall), s)
    runner.start()
    s.count_page("minimal", "foyer", "tap", "plan")  # still queued when the kiosk closes
    s.close()
    runner.write_at_exit()
    assert taps_on_share(share) == {"2026-11-25": 1}
    assert not runner.timer.armed


def test_open_outbox_follows_the_policy(qapp, kiosk_home: Path, tmp_path: Path, store: StatsStore) -> None:
    from kiosk.ui import run as kiosk_run

    recorded: list[object] = []
    scene = SimpleNamespace(stats=SimpleNamespace(set_outbox=recorded.append))
    no_policy = SimpleNamespace(config=SimpleNamespace(policy=Policy()))
    assert kiosk_run.open_outbox(no_policy, store, scene) is None  # type: ignore[arg-type]
    share = tmp_path / "share"
    with_outbox = SimpleNamespace(config=SimpleNamespace(policy=Policy(outbox=share, label=LABEL)))
    assert kiosk_run.open_outbox(with_outbox, None, scene) is None  # type: ignore[arg-type]  # --no-stats
    runner = kiosk_run.open_outbox(with_outbox, store, scene)  # type: ignore[arg-type]
    assert runner is not None and recorded == [runner]
    assert runner.outbox.label == LABEL and runner.timer.interval_ms == limits.OUTBOX_START_MS
    unnamed = SimpleNamespace(config=SimpleNamespace(policy=Policy(usb_outbox=True)))
    made = kiosk_run.open_outbox(unnamed, store, scene)  # type: ignore[arg-type]
    assert made is not None and made.outbox.label.startswith("kiosk-") and made.usb_look
    runner.timer.disarm()
    made.timer.disarm()


def open_panel(s) -> None:
    s.admin.show()
    s.admin.choosePin("2468", "2468")
    settle(s.window)
    tap(s, "adminStats")


def test_the_staff_screen_shows_the_outbox_status(qtbot, stats_kiosk, store: StatsStore, tmp_path: Path) -> None:
    share, away = tmp_path / "share", tmp_path / "server"
    share.mkdir()
    s = stats_kiosk()
    open_panel(s)
    assert "No outbox" in find(s.window, "outboxStatus").property("text")
    assert not find_all(s.window, "outboxWrite")

    runner = OutboxRunner(outbox_for(tmp_path, share, store.wall), store)  # type: ignore[arg-type]
    s.stats.set_outbox(runner)
    settle(s.window)
    assert find(s.window, "outboxStatus").property("text") == (
        f'This kiosk writes its daily counts as "{LABEL}". Not written yet.'
    )
    tap_write(qtbot, s, runner)  # staff ask for a write now (a share just back, a stick just inserted)
    assert "Last written: 2026-11-25 12:00." in find(s.window, "outboxStatus").property("text")
    assert not find_all(s.window, "outboxError")
    assert (share / LABEL / "2026-11-25.json").is_file()

    share.rename(away)
    tap_write(qtbot, s, runner)
    error = find(s.window, "outboxError")
    assert error.isVisible() and "not reachable" in error.property("text")
    assert error.property("text").startswith("Last error (tried again later): ")
    assert "Last written: 2026-11-25 12:00." in find(s.window, "outboxStatus").property("text")  # still shown
    runner.timer.disarm()


@pytest.mark.parametrize("size", [(1024, 768)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_a_long_error_wraps_inside_the_panel(qtbot, stats_kiosk, store: StatsStore, tmp_path: Path, size) -> None:
    from ..qml_helpers import scene_rect

    runner = OutboxRunner(outbox_for(tmp_path, tmp_path / ("very-long-share-name-" * 8), store.wall), store)  # type: ignore[arg-type]
    s = stats_kiosk(size=size)
    s.stats.set_outbox(runner)
    open_panel(s)
    tap_write(qtbot, s, runner)
    error = find(s.window, "outboxError")
    assert scene_rect(error).right() <= size[0]
    runner.timer.disarm()
