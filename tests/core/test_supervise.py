"""`kiosk supervise`: crashes and hangs are restarted, crash loops back off, the staff exit ends it all."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from kiosk.core.supervise import (
    HEARTBEAT_ENV,
    Policy,
    Supervisor,
    popen_launcher,
    read_heartbeat,
    suppress_crash_dialogs,
)

from ..conftest import FakeClock


class FakeChild:
    """A kiosk that runs on the fake clock: beats every 5 s until it hangs, exits with `code` at `exit_at`."""

    def __init__(self, clock: FakeClock, pid: int, exit_at: float | None, code: int, hang_at: float | None) -> None:
        self.clock, self.pid = clock, pid
        self.started = clock.now
        self.exit_at = None if exit_at is None else self.started + exit_at
        self.hang_at = None if hang_at is None else self.started + hang_at
        self.code = code
        self.returncode: int | None = None
        self.killed = False

    def heartbeat(self) -> str | None:
        end = self.clock.now if self.hang_at is None else min(self.clock.now, self.hang_at)
        return f"{self.pid} {int((end - self.started) // 5)}"

    def poll(self) -> int | None:
        if self.returncode is None and self.exit_at is not None and self.clock.now >= self.exit_at:
            self.returncode = self.code
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        if self.poll() is not None:
            return self.code
        assert timeout is not None
        if self.exit_at is not None and self.clock.now + timeout >= self.exit_at:
            self.clock.now = self.exit_at
            return self.code
        self.clock.advance(timeout)
        raise subprocess.TimeoutExpired("kiosk", timeout)

    def kill(self) -> None:
        self.killed = True
        self.exit_at, self.code = self.clock.now, -9

    def terminate(self) -> None:
        self.exit_at, self.code = self.clock.now, -15


class Scenario:
    """Children made from a script of (exit_at, code, hang_at), one per start; the last one repeats."""

    def __init__(self, clock: FakeClock, script: list[tuple[float | None, int, float | None]]) -> None:
        self.clock, self.script = clock, script
        self.children: list[FakeChild] = []
        self.sleeps: list[float] = []

    def launch(self) -> FakeChild:
        exit_at, code, hang_at = self.script[min(len(self.children), len(self.script) - 1)]
        child = FakeChild(self.clock, 100 + len(self.children), exit_at, code, hang_at)
        self.children.append(child)
        return child

    def heartbeat(self) -> str | None:
        return self.children[-1].heartbeat() if self.children else None

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.clock.advance(seconds)

    def supervisor(self, policy: Policy | None = None) -> Supervisor:
        return Supervisor(self.launch, self.heartbeat, clock=self.clock, sleep=self.sleep, policy=policy)


def test_a_crash_is_restarted_within_5_seconds(clock: FakeClock, caplog) -> None:
    scenario = Scenario(clock, [(600.0, 1, None), (300.0, 0, None)])
    assert scenario.supervisor().run() == 0
    assert "kiosk exited with code 1; restart" in caplog.text
    first, second = scenario.children
    assert second.started - first.exit_at <= 5
    assert first.code == 1 and second.code == 0 and not first.killed


def test_a_hang_is_killed_and_restarted(clock: FakeClock) -> None:
    # beats for 100 s, then the UI thread stops; the next start runs and the staff exit it after an hour
    scenario = Scenario(clock, [(None, 0, 100.0), (3600.0, 0, None)])
    supervisor = scenario.supervisor(Policy(heartbeat_limit=30))
    assert supervisor.run() == 0
    hung, fresh = scenario.children
    assert hung.killed and hung.code == -9
    assert 100 + 30 <= hung.exit_at - hung.started <= 100 + 30 + 5 + 2, "killed about 30 s after its last beat"
    assert fresh.started - hung.exit_at <= 5 and not fresh.killed


def test_a_kiosk_that_never_beats_is_killed_after_the_limit(clock: FakeClock) -> None:
    scenario = Scenario(clock, [(None, 0, 0.0), (10.0, 0, None)])
    scenario.supervisor(Policy(heartbeat_limit=30)).run()
    assert scenario.children[0].killed and scenario.children[0].exit_at - scenario.children[0].started <= 32


def test_a_crash_loop_backs_off_to_a_minute(clock: FakeClock) -> None:
    crashes = 14
    scenario = Scenario(clock, [(2.0, 3, None)] * crashes + [(50.0, 0, None)])
    supervisor = scenario.supervisor()
    assert supervisor.run() == 0
    assert scenario.sleeps == [1, 1, 1, 1, 1, 2, 4, 8, 16, 32, 60, 60, 60, 60]
    assert supervisor.starts == crashes + 1


def test_a_long_run_resets_the_back_off(clock: FakeClock) -> None:
    scenario = Scenario(clock, [(2.0, 3, None)] * 8 + [(3600.0, 3, None), (2.0, 3, None), (5.0, 0, None)])
    scenario.supervisor().run()
    assert scenario.sleeps[:8] == [1, 1, 1, 1, 1, 2, 4, 8]
    assert scenario.sleeps[8:] == [1, 1], "after an hour on screen a crash is a single crash again"


def test_the_staff_exit_ends_the_supervisor_without_a_restart(clock: FakeClock) -> None:
    scenario = Scenario(clock, [(24 * 3600.0, 0, None)])
    assert scenario.supervisor().run() == 0
    assert len(scenario.children) == 1 and scenario.sleeps == []


def test_stop_ends_the_child_and_the_supervisor(clock: FakeClock) -> None:
    scenario = Scenario(clock, [(None, 0, None)])
    supervisor = scenario.supervisor()
    original = scenario.heartbeat

    def heartbeat_then_logout() -> str | None:
        if clock.now > 50:
            supervisor.stop()  # what the SIGTERM handler does when the user logs out
        return original()

    supervisor.heartbeat = heartbeat_then_logout
    assert supervisor.run() == 0
    assert scenario.children[0].code == -15 and len(scenario.children) == 1


def test_crash_dialogs_are_suppressed_on_windows_only() -> None:
    calls: list[int] = []

    class Kernel32:
        def SetErrorMode(self, mode: int) -> int:  # noqa: N802 - the Windows name
            calls.append(mode)
            return 0

    assert suppress_crash_dialogs("linux", Kernel32()) is False and calls == []
    assert suppress_crash_dialogs("win32", Kernel32()) is True
    assert calls == [0x0001 | 0x0002 | 0x8000]


CHILD = textwrap.dedent(
    """
    import os, sys, time
    from pathlib import Path
    runs = Path(sys.argv[1])
    n = len(runs.read_text()) if runs.exists() else 0
    runs.write_text("x" * (n + 1))
    beat = Path(os.environ["{env}"])
    if n == 0:
        sys.exit(3)                      # first start: a crash
    if n == 1:
        beat.write_text("alive")
        time.sleep(60)                   # second start: a hang (one beat, then silence)
    for i in range(3):                   # third start: beats, then the staff exit
        beat.write_text(str(i))
        time.sleep(0.2)
    sys.exit(0)
    """
).format(env=HEARTBEAT_ENV)


@pytest.mark.slow
def test_real_processes_crash_hang_and_exit(tmp_path: Path) -> None:
    runs, beat = tmp_path / "runs", tmp_path / "heartbeat"
    launcher = popen_launcher([sys.executable, "-c", CHILD, str(runs)], beat)
    # 3 s for a child to start and beat: Python starts in milliseconds, but not on a loaded machine
    policy = Policy(heartbeat_limit=3.0, poll_interval=0.1, restart_delay=0.1)
    supervisor = Supervisor(launcher, lambda: read_heartbeat(beat), policy=policy)
    started = time.monotonic()
    assert supervisor.run() == 0
    elapsed = time.monotonic() - started
    assert runs.read_text() == "xxx", "crashed, hung (killed), then exited normally"
    assert supervisor.starts == 3 and supervisor.delays == [0.1, 0.1]
    assert elapsed < 30, "the hung child (60 s) was killed at its heartbeat limit"
    assert supervisor.child is not None and supervisor.child.poll() == 0
    assert os.environ.get(HEARTBEAT_ENV) is None, "the heartbeat path goes to the child only"


def test_a_missing_executable_is_retried_not_fatal(clock: FakeClock) -> None:
    scenario = Scenario(clock, [(10.0, 0, None)])
    failures = iter([FileNotFoundError("campaign-kiosk"), FileNotFoundError("campaign-kiosk")])

    def launch() -> FakeChild:
        error = next(failures, None)
        if error is not None:
            raise error  # a half-finished upgrade: the executable is not there yet
        return scenario.launch()

    supervisor = Supervisor(launch, scenario.heartbeat, clock=clock, sleep=scenario.sleep)
    assert supervisor.run() == 0
    assert supervisor.starts == 3 and scenario.sleeps == [1, 1] and len(scenario.children) == 1


def test_a_heartbeat_limit_shorter_than_three_beats_is_refused(capsys) -> None:
    from kiosk.cli import main

    with pytest.raises(SystemExit) as refused:
        main(["supervise", "--heartbeat-limit", "5"])
    assert refused.value.code == 2 and "at least 15 seconds" in capsys.readouterr().err
