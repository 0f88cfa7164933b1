"""The machine policy: `policy.toml`, written by the school's or the force's IT, never by the staff screen.

It says where signed pack bundles come from and which keys may sign them, which pack and mode the kiosk shows,
where counts go, and which settings staff may not change (`locked`). It is the top layer of the effective
configuration (kiosk.core.config), above settings.toml, the staff screen and, for what it sets or locks, the
command line. Only an administrator may write it: on Linux a policy file that anyone else can write is reported
and not trusted at all (anyone who can write it could add their own signing key).

Like settings.toml, a bad file never stops the kiosk: every problem is reported as `file:line: field: problem`,
the fields that were good are used at start, and a re-read with problems keeps the last good policy
(`reread_policy`). Keys are checked structurally here (a minisign public key line is the base64 of 42 bytes
starting "Ed"); the signature code (kiosk.core.signing) is not imported, so reading the policy stays cheap.
"""

from __future__ import annotations

import base64
import binascii
import logging
import os
import re
import stat
import sys
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kiosk.core.files import FileProblem, read_text
from kiosk.core.limits import POLICY_MAX_KEYS, POLICY_MAX_SOURCES, SETTINGS_FILE_MAX_BYTES, shown
from kiosk.core.pack import Problem, _toml_problem
from kiosk.core.pin import PBKDF2, SCRYPT, PinHash
from kiosk.core.settings import _is_hex, _text_problem
from kiosk.core.tomllines import LineIndex
from kiosk.core.vocab import RunMode

log = logging.getLogger(__name__)

POLICY_ENV = "KIOSK_POLICY"
POLICY_FILE = "policy.toml"
LINUX_POLICY = Path("/etc/campaign-kiosk") / POLICY_FILE
WINDOWS_FOLDER = "Campaign Kiosk"

# Settings that `[kiosk] locked` may name: the staff screen's choices and settings.toml's keys.
LOCKABLE = (
    "pack",
    "mode",
    "idle_timeout",
    "language",
    "text_size",
    "high_contrast",
    "reduced_motion",
    "stats_enabled",
    "durations",
    "schedule",
)
KEY_BYTES = 42  # a minisign public key: "Ed", 8 bytes of key id, 32 bytes of Ed25519 key
LABEL_MAX = 64
_LABEL = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")  # it names the kiosk in logs and count files


@dataclass(frozen=True)
class Policy:
    """What the machine's administrator decided; every field empty means no policy (the default)."""

    sources: tuple[Path, ...] = ()
    trusted_keys: tuple[str, ...] = ()  # base64 key lines of minisign .pub files
    pack: str | None = None
    outbox: Path | None = None
    label: str | None = None
    mode: RunMode | None = None
    staff_pin_hash: PinHash | None = None
    locked: frozenset[str] = frozenset()
    usb: bool = True  # a USB stick with a campaign-kiosk/ folder is a pack source while inserted
    usb_outbox: bool = False  # ... and the outbox for counts

    @property
    def owned(self) -> frozenset[str]:
        """The settings staff may not change: those named in `locked`, and the pack and mode when the policy
        sets them (a value the policy sets is the policy's, locked or not)."""
        extra = {name for name in ("pack", "mode") if getattr(self, name) is not None}
        return self.locked | extra


def policy_path() -> Path:
    """`KIOSK_POLICY` when set (tests and trials), else the system's place for the machine's policy."""
    named = os.environ.get(POLICY_ENV)
    if named:
        return Path(named)
    if sys.platform == "win32":
        base = os.environ.get("ProgramData") or r"C:\ProgramData"
        return Path(base) / WINDOWS_FOLDER / POLICY_FILE
    return LINUX_POLICY


def format_pin_hash(pin: PinHash) -> str:
    """A PIN hash as policy.toml's `staff_pin_hash` holds it: `method$salt$hash` (the [pin] table of a
    settings.toml written by a staff screen, on one line)."""
    return f"{pin.method}${pin.salt}${pin.hash}"


def key_line_problem(value: str) -> str | None:
    """Why `value` is not a minisign public key line (None when it is one); structure only, no crypto."""
    text = value.strip()
    try:
        raw = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        return "must be the base64 key line of a minisign .pub file (it starts with RW)"
    if len(raw) != KEY_BYTES or not raw.startswith(b"Ed"):
        return f"is not a minisign Ed25519 public key (the line decodes to {len(raw)} bytes; a key is {KEY_BYTES})"
    return None


# --- checking one value ------------------------------------------------------------------------------------------

Check = Callable[[Any], tuple[Any, str | None]]


def _text(value: Any) -> tuple[str | None, str | None]:
    if not isinstance(value, str) or not value.strip():
        return None, f"must be text in quotes, not {shown(value)}"
    problem = _text_problem(value)
    return (None, problem) if problem else (value.strip(), None)


def _pack(value: Any) -> tuple[str | None, str | None]:
    text, problem = _text(value)
    if problem or text is None:
        return None, problem
    if "/" in text or "\\" in text or text.startswith("."):
        return None, "must be a pack id like 'cumbria', not a path"
    return text, None


def _folder(value: Any) -> tuple[Path | None, str | None]:
    text, problem = _text(value)
    if problem or text is None:
        return None, problem
    path = Path(text)
    if not path.is_absolute():
        return None, f"must be an absolute folder path, not {shown(text)}"
    return path, None


def _label(value: Any) -> tuple[str | None, str | None]:
    text, problem = _text(value)
    if problem or text is None:
        return None, problem
    if len(text) > LABEL_MAX or not _LABEL.fullmatch(text):
        return None, f"must be up to {LABEL_MAX} letters, digits, '.', '-' or '_' (like 'st-bees-foyer')"
    return text, None


def _mode(value: Any) -> tuple[RunMode | None, str | None]:
    modes = tuple(m.value for m in RunMode)
    if not isinstance(value, str) or value not in modes:
        return None, f"must be one of {', '.join(modes)}, not {shown(value)}"
    return RunMode(value), None


def _flag(value: Any) -> tuple[bool | None, str | None]:
    if not isinstance(value, bool):
        return None, f"must be true or false, not {shown(value)}"
    return value, None


def _pin(value: Any) -> tuple[PinHash | None, str | None]:
    hint = "must be 'method$salt$hash', the [pin] of a settings.toml on one line (see docs/fleet.md)"
    if not isinstance(value, str):
        return None, hint
    parts = value.strip().split("$")
    if len(parts) != 3 or parts[0] not in (SCRYPT, PBKDF2) or not all(_is_hex(p) for p in parts[1:]):
        return None, hint
    return PinHash(*parts), None


# --- the file ----------------------------------------------------------------------------------------------------

# table -> key -> (Policy field, check); the lists (sources, trusted_keys, locked) are read by _Reader itself
_SCALARS: dict[str, dict[str, tuple[str, Check]]] = {
    "packs": {"pack": ("pack", _pack), "usb": ("usb", _flag)},
    "stats": {"outbox": ("outbox", _folder), "usb_outbox": ("usb_outbox", _flag)},
    "kiosk": {"label": ("label", _label), "mode": ("mode", _mode), "staff_pin_hash": ("staff_pin_hash", _pin)},
}
_LISTS = {"packs": ("sources", "trusted_keys"), "kiosk": ("locked",)}


@dataclass
class _Reader:
    file: str
    lines: LineIndex | None
    problems: list[Problem] = field(default_factory=list)

    def report(self, path: tuple[str | int, ...], message: str) -> None:
        line = 0
        if self.lines is not None:
            try:
                line = self.lines.line(path)
            except Exception:  # noqa: BLE001 - a line number is a courtesy, never a failed load
                log.debug("policy: no line for %s", path, exc_info=True)
        name = ".".join(shown(p, 40).strip("'") if isinstance(p, str) else f"[{p}]" for p in path)
        self.problems.append(Problem(self.file, line, name.replace(".[", "["), message))

    def read(self, raw: dict[str, Any]) -> dict[str, Any]:
        """The Policy fields that were good, by name."""
        values: dict[str, Any] = {}
        for table, content in raw.items():
            if table not in _SCALARS:
                self._unknown((table,), tuple(_SCALARS), "table")
                continue
            if not isinstance(content, dict):
                self.report((table,), f"must be a table ([{table}]), not {shown(content)}")
                continue
            known = (*_SCALARS[table], *_LISTS.get(table, ()))
            for key, value in content.items():
                if key in _SCALARS[table]:
                    name, check = _SCALARS[table][key]
                    checked, problem = check(value)
                    if problem:
                        self.report((table, key), problem)
                    else:
                        values[name] = checked
                elif key in _LISTS.get(table, ()):
                    items = self._list(table, key, value)
                    if items is not None:
                        values[key] = items
                else:
                    self._unknown((table, key), known, "key")
        return values

    def _unknown(self, path: tuple[str, ...], known: tuple[str, ...], what: str) -> None:
        import difflib  # only for a file with a mistake: not kept in every running kiosk

        close = difflib.get_close_matches(path[-1], known, n=1)
        hint = f"; did you mean {close[0]!r}?" if close else f"; known: {', '.join(known)}"
        self.report(path, f"unknown {what}{hint}")

    def _list(self, table: str, key: str, value: Any) -> Any:
        if not isinstance(value, list):
            self.report((table, key), f"must be a list in [ ], not {shown(value)}")
            return None
        limit = POLICY_MAX_KEYS if key == "trusted_keys" else POLICY_MAX_SOURCES
        if len(value) > limit:
            self.report((table, key), f"has {len(value):,} entries; at most {limit} are read")
            return None
        good: list[Any] = []
        for n, item in enumerate(value):
            checked: Any
            problem: str | None
            if key == "sources":
                checked, problem = _folder(item)
            elif key == "trusted_keys":
                checked, problem = _text(item)
                problem = problem or key_line_problem(str(checked))
            else:
                checked, problem = _text(item)
                if not problem and checked not in LOCKABLE:
                    import difflib  # only for a file with a mistake: not kept in every running kiosk

                    close = difflib.get_close_matches(str(checked), LOCKABLE, n=1)
                    hint = f"did you mean {close[0]!r}?" if close else f"one of {', '.join(LOCKABLE)}"
                    problem = f"{shown(checked)} is not a setting that can be locked; {hint}"
            if problem:
                self.report((table, key, n), problem)
            elif checked not in good:
                good.append(checked)
        return frozenset(good) if key == "locked" else tuple(good)


def parse_policy(source: str, file: str = POLICY_FILE) -> tuple[Policy, list[Problem]]:
    """A Policy from TOML text: every good field, and what was wrong with the others. Never raises."""
    try:
        raw = tomllib.loads(source)
    except tomllib.TOMLDecodeError as error:
        problem = _toml_problem(file, error)
        count = source.count("\n") + 1
        return Policy(), [problem if problem.line <= count else Problem(file, 0, problem.field, problem.message)]
    except (ValueError, RecursionError):  # a number of thousands of digits; nesting too deep
        return Policy(), [Problem(file, 0, "(syntax)", "not valid TOML: a value too large or nested too deep")]
    try:
        lines: LineIndex | None = LineIndex(source)
    except Exception:  # noqa: BLE001 - the scanner may never fail the load
        lines = None
    reader = _Reader(file, lines)
    values = reader.read(raw)
    return Policy(**values), sorted(reader.problems, key=lambda p: p.line)


def owner_problem(path: Path) -> str | None:
    """Why the policy file cannot be trusted on Linux: someone other than root can write it or its folder (and
    so add a signing key or lift a lock). None when only root can."""
    for target in (path, path.parent):
        try:
            info = os.stat(target)
        except OSError as error:
            return f"its permissions cannot be checked: {error.strerror or error}"
        what = "the file" if target == path else f"its folder {target}"
        if info.st_uid != 0:
            return f"{what} is owned by user {info.st_uid}, not root; only an administrator may own it"
        if info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
            return f"{what} can be written by users other than root (mode {stat.filemode(info.st_mode)})"
    return None


def _must_check_owner(path: Path) -> bool:
    """The system's policy file on Linux is checked; a file named by KIOSK_POLICY (tests, trials) is not."""
    return sys.platform.startswith("linux") and not os.environ.get(POLICY_ENV) and path == LINUX_POLICY


def load_policy(path: Path | None = None) -> tuple[Policy, list[Problem]]:
    """The machine's policy (default: `policy_path()`). Never raises: no file is no policy, no problem; a bad
    file gives the fields that were good and every problem; a file others can write is not trusted at all."""
    path = path or policy_path()
    display = str(path)
    try:
        source = read_text(path, SETTINGS_FILE_MAX_BYTES)
    except FileNotFoundError:
        return Policy(), []
    except OSError as error:
        reason = str(error).removeprefix(f"{path}: ") if isinstance(error, FileProblem) else str(error)
        log.error("policy: %s: cannot be read: %s", display, reason)
        return Policy(), [Problem(display, 0, "(file)", f"cannot be read: {reason}")]
    if _must_check_owner(path):
        distrust = owner_problem(path)
        if distrust:
            log.error("policy: %s: not trusted: %s", display, distrust)
            return Policy(), [Problem(display, 0, "(file)", f"not trusted: {distrust}")]
    policy, problems = parse_policy(source, display)
    for problem in problems:
        log.error("policy: %s", problem)
    if policy != Policy():
        log.info("policy: %s", describe(policy))
    return policy, problems


def reread_policy(last_good: Policy, path: Path | None = None) -> tuple[Policy, list[Problem]]:
    """Read the policy again while the kiosk runs: a file with problems changes nothing (the last good policy
    stays in force, the problems are reported); a good one (or none) replaces it."""
    policy, problems = load_policy(path)
    if problems:
        log.error("policy: the file has problems; the policy read before stays in force")
        return last_good, problems
    return policy, []


def describe(policy: Policy) -> str:
    """One log line saying what the policy decides (never the PIN hash)."""
    parts = []
    if policy.label:
        parts.append(f"label {policy.label}")
    if policy.pack:
        parts.append(f"pack {policy.pack}")
    if policy.mode:
        parts.append(f"mode {policy.mode}")
    if policy.locked:
        parts.append(f"locked {', '.join(sorted(policy.locked))}")
    if policy.staff_pin_hash:
        parts.append("staff PIN set by policy")
    parts.append(f"{len(policy.sources)} source folder(s), {len(policy.trusted_keys)} trusted key(s)")
    parts.append(f"USB sticks {'are' if policy.usb else 'are not'} sources")
    if policy.outbox or policy.usb_outbox:
        parts.append(f"outbox {policy.outbox or '-'}{', USB outbox' if policy.usb_outbox else ''}")
    return "; ".join(parts)
