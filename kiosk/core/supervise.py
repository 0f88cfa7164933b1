"""`kiosk supervise`: keep the kiosk on screen for months with nobody watching.

The supervisor starts the kiosk as a child process and restarts it when it crashes or when its UI thread stops
rewriting the heartbeat file (a hang: the child is killed first). A kiosk that crashes again and again is
restarted with growing pauses so it does not spin the CPU. The staff screen's exit (exit code 0) ends the
supervisor too. No Qt here: the clock, the sleep and the process launcher are injectable, so tests run weeks of
supervision in milliseconds.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from kiosk.core import paths

log = logging.getLogger(__name__)

HEARTBEAT_FILE = "heartbeat"
HEARTBEAT_ENV = "KIOSK_HEARTBEAT"  # set by the supervisor for its child: the file the child must keep rewriting


def heartbeat_path() -> Path:
    """Written by the kiosk's UI thread (kiosk.ui.lockdown.Heartbeat), read here; same environment, same path."""
    return paths.runtime_dir() / HEARTBEAT_FILE


class Child(Protocol):
    """The part of subprocess.Popen the supervisor uses."""

    pid: int

    def wait(self, timeout: float | None = None) -> int: ...

    def poll(self) -> int | None: ...

    def kill(self) -> None: ...

    def terminate(self) -> None: ...


@dataclass
class Policy:
    heartbeat_limit: float = 30.0  # seconds without a new heartbeat before the kiosk counts as hung
    poll_interval: float = 1.0
    restart_delay: float = 1.0  # a single crash: back on screen within about 2 s
    crash_threshold: int = 5  # this many crashes, each after less than `stable_after` of running ...
    stable_after: float = 120.0  # ... is a crash loop; a run this long resets the count
    backoff_max: float = 60.0

    def delay(self, crashes: int) -> float:
        """Pause before the next start after `crashes` quick crashes in a row: 1 s, then 1, 2, 4 ... 60 s."""
        if crashes < self.crash_threshold:
            return self.restart_delay
        return float(min(self.backoff_max, 2 ** (crashes - self.crash_threshold)))


def read_heartbeat(path: Path) -> str | None:
    try:
        return path.read_text(encoding="ascii", errors="replace")
    except OSError:
        return None


class Supervisor:
    def __init__(
        self,
        launch: Callable[[], Child],
        heartbeat: Callable[[], str | None],
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
        policy: Policy | None = None,
    ) -> None:
        self.launch = launch
        self.heartbeat = heartbeat
        self.clock = clock
        self.sleep = sleep
        self.policy = policy or Policy()
        self.starts = 0
        self.quick_crashes = 0
        self.delays: list[float] = []  # every pause before a restart, for the log and the tests
        self.stopping = False
        self.child: Child | None = None

    def stop(self) -> None:
        """From a signal handler (logout, shutdown): end the child and return from run()."""
        self.stopping = True

    def run(self) -> int:
        while True:
            outcome = self._run_once()
            if self.stopping:
                log.info("supervisor stopped; the kiosk with it")
                return 0
            if outcome == 0:
                log.info("kiosk exited normally (the staff exit); supervisor ends")
                return 0
            delay = self.policy.delay(self.quick_crashes)
            self.delays.append(delay)
            log.warning(
                "kiosk %s; restart %d in %.0f s (%d quick crash(es) in a row)",
                outcome,
                self.starts,
                delay,
                self.quick_crashes,
            )
            self.sleep(delay)
            if self.stopping:
                return 0

    def _run_once(self) -> int | str:
        """Start the child and watch it; 0 for a normal exit, else a description of what went wrong."""
        started = self.clock()
        self.starts += 1
        try:
            self.child = child = self.launch()
        except OSError as error:  # the executable vanished (a half-done upgrade): retry with the back-off
            log.error("could not start the kiosk: %s", error)
            self.quick_crashes += 1
            return f"did not start ({error})"
        log.info("kiosk started (pid %s, start %d)", child.pid, self.starts)
        seen = self.heartbeat()
        last_change = started
        outcome: int | str
        while True:
            code = self._wait(child, self.policy.poll_interval)
            now = self.clock()
            if code is not None:
                outcome = 0 if code == 0 else f"exited with code {code}"
                break
            if self.stopping:
                self._end(child)
                return 0
            beat = self.heartbeat()
            if beat != seen:
                seen, last_change = beat, now
            elif now - last_change > self.policy.heartbeat_limit:
                log.error("kiosk (pid %s) silent for %.0f s: killing it", child.pid, now - last_change)
                self._end(child, gently=False)
                outcome = f"hung (no heartbeat for {now - last_change:.0f} s)"
                break
        ran_for = self.clock() - started
        if outcome != 0:
            self.quick_crashes = self.quick_crashes + 1 if ran_for < self.policy.stable_after else 1
        return outcome

    @staticmethod
    def _wait(child: Child, timeout: float) -> int | None:
        import subprocess  # here: the kiosk imports this module before its first frame, the supervisor only

        try:
            return child.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            return None

    def _end(self, child: Child, gently: bool = True) -> None:
        if gently:
            child.terminate()
            if self._wait(child, 5.0) is not None:
                return
        child.kill()
        self._wait(child, 5.0)


def kiosk_command(args: Sequence[str] = ()) -> list[str]:
    """The command line that starts the kiosk itself: the frozen executable, or this Python with `-m kiosk`."""
    if paths.is_frozen():
        return [sys.executable, *args]
    return [sys.executable, "-m", "kiosk", *args]


def popen_launcher(command: Sequence[str], heartbeat: Path) -> Callable[[], Child]:
    import subprocess

    def launch() -> Child:
        return subprocess.Popen(list(command), env={**os.environ, HEARTBEAT_ENV: str(heartbeat)})

    return launch


def suppress_crash_dialogs(platform: str = sys.platform, kernel32: Any = None) -> bool:
    """Windows: no "has stopped working" dialog over the restarted kiosk. Child processes inherit the mode."""
    if platform != "win32":
        return False
    SEM_FAILCRITICALERRORS, SEM_NOGPFAULTERRORBOX, SEM_NOOPENFILEERRORBOX = 0x0001, 0x0002, 0x8000  # noqa: N806
    try:
        if kernel32 is None:
            import ctypes  # here, not at the top: a build without ctypes must still run

            kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
        kernel32.SetErrorMode(SEM_FAILCRITICALERRORS | SEM_NOGPFAULTERRORBOX | SEM_NOOPENFILEERRORBOX)
    except (ImportError, OSError, AttributeError) as error:
        log.error("crash dialogs not suppressed (%s)", error)
        return False
    return True


def supervise(kiosk_args: Sequence[str], policy: Policy | None = None) -> int:
    """The real thing: `kiosk supervise [kiosk args...]`."""
    import signal

    suppress_crash_dialogs()
    beat = heartbeat_path()
    launcher = popen_launcher(kiosk_command(kiosk_args), beat)
    supervisor = Supervisor(launcher, lambda: read_heartbeat(beat), policy=policy)

    def on_signal(signum: int, frame: object) -> None:
        log.info("supervisor got signal %d: stopping the kiosk", signum)
        supervisor.stop()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    log.info("supervising %s (pid %d)", " ".join(kiosk_command(kiosk_args)), os.getpid())
    return supervisor.run()
