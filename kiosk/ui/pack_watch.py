"""Watches the pack sources and brings a new stored version to the screen at the end of the visit in progress.

File-system notifications plus one single-shot rescan timer (network shares and sync clients miss notifications):
after a scan the timer is armed for limits.SOURCES_RESCAN_SECONDS, or SOURCES_SETTLE_SECONDS while a file is still
being copied; a notification re-arms it for the settle time. Nothing ticks faster. The scan (kiosk.core.sources:
listing, manifests, the one import) runs on a worker thread, so copying and verifying a bundle never drops a
frame; its result comes back to the GUI thread as a queued signal.

What to show is decided in the core (kiosk.core.store.usable: the current version while in date, else an older
one, else the built-in pack); the switch itself is SettingsBridge.pack_updated, which waits for the loop exactly
as a scheduled change does. A version that fails to show is rolled back (kiosk.core.store.Store.rollback).
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Callable

from PySide6.QtCore import QFileSystemWatcher, QObject, Signal

from kiosk.core import limits
from kiosk.core.sources import Scanner, ScanResult, pack_status
from kiosk.ui.due import DueTimer
from kiosk.ui.settings_bridge import SettingsBridge

log = logging.getLogger(__name__)


class PackWatch(QObject):
    """One per running kiosk; `threaded=False` scans on the calling thread (tests)."""

    scanned = Signal()  # after each scan's result is applied
    _result = Signal(object)  # from the worker thread

    def __init__(
        self,
        scanner: Scanner,
        bridge: SettingsBridge,
        today: Callable[[], dt.date] = dt.date.today,
        threaded: bool = True,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.scanner = scanner
        self.store = scanner.store
        self.bridge = bridge
        self._today = today
        self._threaded = threaded
        self._busy = False
        self._again = False
        self._refused: list[str] = []
        self._shown = self._shown_key()
        self.timer = DueTimer(self.rescan, self)
        self._watcher = QFileSystemWatcher(self)
        self._watcher.directoryChanged.connect(self._changed)
        self._result.connect(self._apply)
        bridge.packFailed.connect(self._roll_back)

    def start(self) -> None:
        self.rescan()

    # --- scanning ------------------------------------------------------------------------------------------

    def _changed(self, folder: str) -> None:
        """A notification: something moved in a source; look once it has had time to settle."""
        remaining = self.timer.remaining_ms
        settle = int(limits.SOURCES_SETTLE_SECONDS * 1000)
        if remaining is None or remaining > settle:
            self.timer.arm(settle)

    def rescan(self) -> None:
        if self._busy:
            self._again = True
            return
        self._busy = True
        self.timer.disarm()
        if self._threaded:
            threading.Thread(target=self._work, name="pack-sources", daemon=True).start()
        else:
            self._work()

    def _work(self) -> None:
        try:
            result: ScanResult | None = self.scanner.scan()
        except Exception:
            log.exception("sources: the scan failed; the kiosk keeps what it shows")
            result = None
        self._result.emit(result)

    def _apply(self, result: ScanResult | None) -> None:
        self._busy = False
        self._watch_folders()
        if result is not None:
            self._refused = [str(r) for r in result.refused]
        self.check_shown()
        pending = result is not None and result.pending
        seconds = limits.SOURCES_SETTLE_SECONDS if pending else limits.SOURCES_RESCAN_SECONDS
        self.timer.arm(int(seconds * 1000))
        self.scanned.emit()
        if self._again:
            self._again = False
            self.rescan()

    def _watch_folders(self) -> None:
        wanted = {str(p) for p in self.scanner.folders() + self.scanner.usb_parents() if p.is_dir()}
        watched = set(self._watcher.directories())
        if gone := watched - wanted:
            self._watcher.removePaths(sorted(gone))
        if new := wanted - watched:
            self._watcher.addPaths(sorted(new))

    # --- what is on screen ---------------------------------------------------------------------------------

    def _shown_key(self) -> tuple[str, int | None] | None:
        slot = self.bridge.slot or self.bridge.wanted_slot()
        stored = self.store.usable(slot.pack, self._today())
        return (slot.pack, stored.version if stored else None)

    def check_shown(self) -> None:
        """A new version of the pack on screen, or the one shown gone out of date: switch after the visit."""
        key = self._shown_key()
        previous, self._shown = self._shown, key
        if previous is not None and key is not None and previous[0] == key[0] and previous[1] != key[1]:
            log.info("sources: %s is now version %s; shown after the visit in progress", key[0], key[1] or "built-in")
            self.bridge.pack_updated()
        self._show_status()

    def _show_status(self) -> None:
        slot = self.bridge.slot or self.bridge.wanted_slot()
        status = pack_status(self.store, slot.pack, self._today())
        lines = status.lines() + [f"Refused: {r}" for r in self._refused]
        self.bridge.admin.set_store_status("\n".join(lines), status.warning)

    def _roll_back(self, name: str, reason: str) -> None:
        """The kiosk could not show the stored version: back to the one before (or the built-in pack), once."""
        if self.store.usable(name, self._today()) is not None:
            self.store.rollback(name, reason, self._today())
            self._shown = self._shown_key()
            self.bridge.pack_updated()
        self._show_status()
