"""Follows the machine policy file in the running kiosk, the way kiosk.ui.pack_watch follows the pack sources.

File-system notifications on the policy's folder (a file added, replaced, removed) and on the file itself (written
in place, as a Group Policy copy does), plus one single-shot timer: the rest of the settle time while a change is
pending, else a slow rescan for a notification missed. Nothing ticks faster. When the file has stayed the same
for the settle time, kiosk.core.policy_follow reads it and says what changed; SettingsBridge.follow_policy shows
it (the locks at once, the pack and mode at the end of the visit in progress), and `updated` tells run.py, which
gives the pack sources the new trusted keys and folders.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QFileSystemWatcher, QObject, Signal

from kiosk.core.policy_follow import PolicyFollower, PolicyUpdate
from kiosk.ui.due import DueTimer
from kiosk.ui.settings_bridge import SettingsBridge

log = logging.getLogger(__name__)


class PolicyWatch(QObject):
    """One per running kiosk, started once the kiosk is on screen."""

    updated = Signal(object)  # a PolicyUpdate, after the bridge has taken it

    def __init__(self, follower: PolicyFollower, bridge: SettingsBridge, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.follower = follower
        self.bridge = bridge
        self.timer = DueTimer(self.look, self)
        self._watcher = QFileSystemWatcher(self)
        self._watcher.directoryChanged.connect(self._changed)
        self._watcher.fileChanged.connect(self._changed)

    def start(self) -> None:
        self.follower.start()
        self._rearm()

    def _changed(self, _path: str) -> None:
        """A notification: note what the file looks like now; it is read once it has stayed so (the timer)."""
        self.look()

    def look(self) -> None:
        try:
            update = self.follower.look()
        except Exception:
            log.exception("policy: the policy file could not be looked at; the policy in force stays")
            update = None
        if update is not None:
            self._take(update)
        self._rearm()

    def _take(self, update: PolicyUpdate) -> None:
        try:
            self.bridge.follow_policy(update.policy, list(update.problems))
        except Exception:
            log.exception("policy: the new policy could not be shown; the kiosk keeps what it shows")
        self.updated.emit(update)

    def _rearm(self) -> None:
        """Watch the folder and the file as they are now (a replaced file is a new one to watch), and look again
        after the rest of the settle time, or the rescan."""
        wanted = {str(p) for p in self.follower.watched()}
        watched = set(self._watcher.directories()) | set(self._watcher.files())
        if gone := watched - wanted:
            self._watcher.removePaths(sorted(gone))
        if new := wanted - watched:
            self._watcher.addPaths(sorted(new))
        self.timer.arm(int(self.follower.wait_seconds * 1000))
