"""What an unattended kiosk needs besides its pages: one instance only, a window that will not close, a screen
that does not sleep, and a heartbeat that proves to `kiosk supervise` that the UI thread is alive.

Each piece is small and separate so that run.py wires them in one line each and tests drive them one by one.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QLockFile, QObject, QTimer
from PySide6.QtGui import QWindow

from kiosk.core import paths
from kiosk.core.supervise import heartbeat_path

log = logging.getLogger(__name__)

LOCK_FILE = "kiosk.lock"
HEARTBEAT_INTERVAL_MS = 5000


class SingleInstance:
    """A QLockFile in the runtime folder. A lock left by a crashed or killed kiosk (its PID is gone) is taken over;
    a running kiosk's lock is never stale, however old (stale time 0: the age alone proves nothing after months)."""

    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder or paths.runtime_dir()
        self.path = self.folder / LOCK_FILE
        self._lock: QLockFile | None = None

    def acquire(self) -> bool:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            log.error("no runtime folder %s (%s); running without the single-instance lock", self.folder, error)
            return True  # showing the campaign matters more than preventing a second copy
        lock = QLockFile(str(self.path))
        lock.setStaleLockTime(0)
        if lock.tryLock(0):
            self._lock = lock
            return True
        if lock.error() == QLockFile.LockError.LockFailedError:
            pid, host, program = lock.getLockInfo()
            log.info("another kiosk is running (%s, pid %s on %s); this one exits", program, pid, host)
            return False
        log.error("lock file %s: error %s; running without the single-instance lock", self.path, lock.error())
        return True

    def release(self) -> None:
        if self._lock is not None:
            self._lock.unlock()
            self._lock = None


class CloseGuard(QObject):
    """Ignores close requests on the kiosk's window (Alt+F4 through a window manager, a close() call, the
    window's own close button) until `allow()`: the staff screen's exit, or a development --windowed run."""

    def __init__(self, window: QWindow, allowed: bool = False) -> None:
        super().__init__(window)
        self.allowed = allowed
        self.refused = 0
        window.installEventFilter(self)

    def allow(self) -> None:
        self.allowed = True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Close and not self.allowed:
            event.ignore()
            self.refused += 1
            log.info("close request ignored (use the staff screen to exit)")
            return True
        return False


class Heartbeat(QObject):
    """The ONE periodic timer in the kiosk: the UI thread rewrites a small file every few seconds.

    If the UI thread hangs the file stops changing and `kiosk supervise` restarts the kiosk. The file is replaced
    atomically (os.replace) so the supervisor never reads half a line.
    """

    def __init__(self, path: Path | None = None, interval_ms: int = HEARTBEAT_INTERVAL_MS) -> None:
        super().__init__()
        self.path = path or heartbeat_path()
        self.count = 0
        self._failed = False
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.beat)

    def start(self) -> None:
        self.beat()
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def beat(self) -> None:
        self.count += 1
        temporary = self.path.with_name(self.path.name + ".tmp")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            temporary.write_text(f"{os.getpid()} {self.count}\n", encoding="ascii")
            os.replace(temporary, self.path)
        except OSError as error:
            if not self._failed:  # once: a full disk must not fill the log every 5 s
                log.error("heartbeat %s not written (%s); a supervisor may restart the kiosk", self.path, error)
            self._failed = True
        else:
            self._failed = False


# Windows SetThreadExecutionState flags (winbase.h)
ES_SYSTEM_REQUIRED = 0x00000001
ES_DISPLAY_REQUIRED = 0x00000002
ES_CONTINUOUS = 0x80000000


def _kernel32() -> Any:
    import ctypes  # here, not at the top: a build without ctypes must still show the campaign

    return ctypes.windll.kernel32  # type: ignore[attr-defined]


class KeepAwake:
    """Keeps the display on while the kiosk runs; `release()` gives it back.

    Windows: SetThreadExecutionState on the UI thread. Linux: org.freedesktop.ScreenSaver.Inhibit on the scene
    bus (GNOME, KDE, Xfce...); the desktop also drops the inhibition if the kiosk dies. No bus (a bare X session):
    logged once, the kiosk goes on (switch off X's own blanking with `xset s off -dpms` in the session script).
    """

    SERVICE = "org.freedesktop.ScreenSaver"
    OBJECT = "/org/freedesktop/ScreenSaver"
    BUS_NAME = "kiosk-keep-awake"  # our own connection, so that closing it ends the inhibition

    def __init__(self, platform: str = sys.platform, kernel32: Callable[[], Any] = _kernel32) -> None:
        self.platform = platform
        self._kernel32 = kernel32
        self.cookie: int | None = None
        self.windows_active = False
        self._bus: Any = None

    def hold(self) -> bool:
        """True when the system agreed to keep the display on. Never raises: a sleeping screen is bad, a kiosk
        that does not start is worse."""
        try:
            return self._hold_windows() if self.platform == "win32" else self._hold_dbus()
        except (ImportError, OSError, AttributeError) as error:
            log.error("cannot keep the display awake (%s): the display may sleep", error)
            return False

    def release(self) -> None:
        if self.windows_active:
            self._kernel32().SetThreadExecutionState(ES_CONTINUOUS)
            self.windows_active = False
        if self._bus is not None:
            # Closing the connection ends the inhibition: screen savers watch the caller's bus name, which also
            # covers a crash. (UnInhibit would need a D-Bus uint32, which PySide cannot marshal from a Python int.)
            from PySide6.QtDBus import QDBusConnection

            self._bus = None
            QDBusConnection.disconnectFromBus(self.BUS_NAME)
            log.info("screen saver inhibition %s released", self.cookie)
            self.cookie = None

    def _hold_windows(self) -> bool:
        previous = self._kernel32().SetThreadExecutionState(ES_CONTINUOUS | ES_DISPLAY_REQUIRED | ES_SYSTEM_REQUIRED)
        self.windows_active = True  # reset on release either way; it also ends with the thread
        if not previous:  # NULL means failure (the previous state of a fresh thread has ES_CONTINUOUS set)
            log.warning("SetThreadExecutionState failed: the display may sleep")
        return bool(previous)

    def _hold_dbus(self) -> bool:
        if os.environ.get("DBUS_SESSION_BUS_ADDRESS", "").startswith("disabled:"):
            log.info("no session bus: the display's sleep is left to the system (xset s off -dpms)")
            return False
        from PySide6.QtDBus import QDBusConnection, QDBusMessage

        bus = QDBusConnection.connectToBus(QDBusConnection.BusType.SessionBus, self.BUS_NAME)
        if not bus.isConnected():
            log.info("session bus unreachable (%s): the display may sleep", bus.lastError().message())
            QDBusConnection.disconnectFromBus(self.BUS_NAME)
            return False
        message = QDBusMessage.createMethodCall(self.SERVICE, self.OBJECT, self.SERVICE, "Inhibit")
        message.setArguments([paths.APP_NAME, "campaign kiosk on display"])
        reply = bus.call(message, timeout=2000)
        if reply.type() != QDBusMessage.MessageType.ReplyMessage or not reply.arguments():
            log.info("no screen saver service on the session bus (%s): the display may sleep", reply.errorMessage())
            QDBusConnection.disconnectFromBus(self.BUS_NAME)
            return False
        self._bus = bus
        self.cookie = int(reply.arguments()[0])
        log.info("screen saver inhibited (cookie %s)", self.cookie)
        return True
