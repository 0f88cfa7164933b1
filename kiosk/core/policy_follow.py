"""Following policy.toml while the kiosk runs: IT deploys a new file and every screen takes it without a visit.

The OS moves the file (Intune, a Group Policy Preferences Files item, Ansible); the kiosk only reads it, once it
is stable: the same size, modification and change times, inode, owner and mode (and its folder's owner and mode)
at two looks at least `limits.POLICY_SETTLE_SECONDS` apart. Unlike the pack sources there is no "old enough"
shortcut: Group Policy and `cp -p` copy in place and give the file its old modification time, and a policy cut
short is often valid TOML (a `locked` list lost is a lock lifted), so every change waits out the settle time. A
file that disappears is no policy only once it has stayed away as long (a copy that deletes first, then writes).

A stable file is read as at start (kiosk.core.policy.load_policy): a good one (or none) replaces the policy in
force; one with a problem, or one the kiosk may not trust, changes nothing and its problems are reported. Each
change is one log line: `policy: changed FILE: what changed`.

Plain Python with an injectable clock: kiosk.ui.policy_watch asks `look` when the OS says the folder changed and
when `wait_seconds` has passed; kiosk.core.config decides what the new policy changes on screen.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from kiosk.core import limits
from kiosk.core.pack import Problem
from kiosk.core.policy import Policy, load_policy, policy_path, problem_line

log = logging.getLogger(__name__)

# One version of the file, as far as a look can tell: (inode, size, mtime ns, ctime ns, uid, mode) of the file and
# (uid, mode) of its folder; ("missing",) when there is none; ("error", errno) when it cannot be looked at.
FileKey = tuple[object, ...]
MISSING: FileKey = ("missing",)


def file_key(path: Path) -> FileKey:
    """What a look sees of the policy file: any write, replacement, chown or chmod changes it."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return MISSING
    except OSError as error:
        return ("error", error.errno)
    try:
        folder = os.stat(path.parent)
        where: tuple[int, int] = (folder.st_uid, folder.st_mode)
    except OSError:
        where = (-1, -1)
    return (info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_uid, info.st_mode, *where)


@dataclass(frozen=True)
class PolicyUpdate:
    """A changed policy file, read: the policy in force now and what was wrong with the file."""

    path: Path
    policy: Policy  # the new policy; the one in force before when the file had problems
    problems: tuple[Problem, ...] = ()
    changes: tuple[str, ...] = ()  # what changed, in words (kiosk.core.policy_follow.policy_changes)
    previous: Policy = Policy()  # the policy in force before

    @property
    def sources_changed(self) -> bool:
        """The pack sources must look again: other folders, other trusted keys, USB sticks allowed or not."""
        fields = ("sources", "trusted_keys", "usb")
        return any(getattr(self.policy, f) != getattr(self.previous, f) for f in fields)

    @property
    def applied(self) -> bool:
        return not self.problems

    def line(self) -> str:
        """The log line: `changed FILE: what changed`."""
        if self.problems:
            what = f"{len(self.problems)} problem(s); the policy in force stays"
        else:
            what = "; ".join(self.changes) or "nothing the kiosk uses"
        return f"changed {self.path}: {what}"


def _key_name(line: str) -> str:
    return f"{line[:12]}..."


def _listed(name: str, old: Sequence[object], new: Sequence[object], shown: Callable[[object], str] = str) -> str:
    added = [shown(v) for v in new if v not in old]
    removed = [shown(v) for v in old if v not in new]
    parts = [f"+{v}" for v in added] + [f"-{v}" for v in removed]
    return f"{name} {', '.join(parts)}" if parts else f"{name} reordered"


# what shows on screen first, then what the staff screen shows, then the sources, then what applies at the next start
_SAID_IN_ORDER = (
    "pack",
    "mode",
    "locked",
    "staff_pin_hash",
    "sources",
    "trusted_keys",
    "usb",
    "outbox",
    "usb_outbox",
    "label",
)
assert set(_SAID_IN_ORDER) == {f.name for f in dataclasses.fields(Policy)}


def policy_changes(old: Policy, new: Policy) -> list[str]:
    """What differs between two policies, a few words each, for the log (never a PIN hash)."""
    changes: list[str] = []
    for name in _SAID_IN_ORDER:
        before, after = getattr(old, name), getattr(new, name)
        if before == after:
            continue
        label = name.replace("_", " ")
        if name == "staff_pin_hash":
            changes.append("staff PIN " + ("set" if before is None else "removed" if after is None else "changed"))
        elif name == "locked":
            changes.append(_listed("locked", sorted(before), sorted(after)))
        elif name == "trusted_keys":
            changes.append(_listed("trusted keys", before, after, lambda v: _key_name(str(v))))
        elif name == "sources":
            changes.append(_listed("source folders", before, after))
        elif before is None:
            changes.append(f"{label} set to {after}")
        elif after is None:
            changes.append(f"{label} no longer set (was {before})")
        else:
            changes.append(f"{label} {before} -> {after}")
        if name in ("outbox", "usb_outbox", "label"):
            changes[-1] += " (applies at the next start)"
    return changes


class PolicyFollower:
    """The policy in force and the file it came from; one per running kiosk.

    `start` takes the file as it is now for the one read at start (a file that differs is a change, read once
    stable); `look` is called after every notification and when `wait_seconds` has passed.
    """

    def __init__(
        self,
        policy: Policy,
        problems: Sequence[Problem] = (),
        path: Path | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.path = path or policy_path()
        self.policy = policy
        self.problems: tuple[Problem, ...] = tuple(problems)
        self._clock = clock
        self._read: FileKey | None = None  # the version last read (good or not): never read twice
        self._candidate: FileKey | None = None  # a version seen since, not yet stable
        self._since = 0.0  # when the candidate was first seen

    @property
    def pending(self) -> bool:
        """A change was seen and is not read yet (still being written, or not yet settled)."""
        return self._candidate is not None

    @property
    def wait_seconds(self) -> float:
        """When to look again if nothing is heard before: the rest of the settle time while a change is pending,
        else the rescan (a notification missed: a folder made after start, a platform without them)."""
        if self._candidate is None:
            return limits.POLICY_RESCAN_SECONDS
        return max(0.0, limits.POLICY_SETTLE_SECONDS - (self._clock() - self._since))

    def watched(self) -> list[Path]:
        """What the OS should tell us about: the folder (a file added, replaced or removed) and the file (written
        in place), those of them that exist."""
        return [p for p in (self.path.parent, self.path) if p.exists()]

    def start(self) -> PolicyUpdate | None:
        """The file now against what was read at start: the same outcome is taken as that read; a different one
        is a change that waits to be stable (it may be a copy in progress)."""
        key = file_key(self.path)
        policy, problems = load_policy(self.path, report=False)
        if (policy, tuple(problems)) == (self.policy, self.problems):
            self._read = key
            return None
        self._candidate, self._since = key, self._clock()
        log.info("policy: %s changed since the kiosk started; read once it is stable", self.path)
        return None

    def look(self) -> PolicyUpdate | None:
        """Read the file if it changed and has stayed the same for the settle time; None when there is nothing
        (yet) to apply."""
        key = file_key(self.path)
        if key == self._read:
            self._candidate = None  # written and put back, or a notification about another file
            return None
        if key != self._candidate:
            self._candidate, self._since = key, self._clock()
            return None
        if self._clock() - self._since < limits.POLICY_SETTLE_SECONDS:
            return None
        self._candidate, self._read = None, key
        return self._apply()

    def _apply(self) -> PolicyUpdate:
        new, problems = load_policy(self.path, report=False)
        if problems:
            update = PolicyUpdate(self.path, self.policy, tuple(problems), previous=self.policy)
            log.error("policy: %s", update.line())
            for problem in problems:
                log.error("policy: %s", problem_line(problem))
        else:
            update = PolicyUpdate(self.path, new, (), tuple(policy_changes(self.policy, new)), self.policy)
            log.info("policy: %s", update.line())
        self.policy, self.problems = update.policy, update.problems
        return update
