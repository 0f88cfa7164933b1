"""The school's own settings: `settings.toml` in the config folder, readable and editable by IT staff.

The staff screen writes it; the kiosk reads it at start. A file that is corrupt, truncated or has a bad field
never stops the kiosk: every problem is logged as `file:line: field: message`, the file is set aside as
`settings.toml.bad-<timestamp>` for a human to look at, and defaults stand in for what could not be read.
Writes are atomic (temporary file in the same folder, fsync, rename), so a power cut leaves the old file or the
new one, never half of each. See docs/settings.md.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import os
import re
import time
import tomllib
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kiosk.core import limits, paths
from kiosk.core.files import FileProblem, atomic_write, read_text
from kiosk.core.limits import SETTINGS_FILE_MAX_BYTES, Range, shown
from kiosk.core.pack import Problem, _toml_problem
from kiosk.core.pin import PBKDF2, SCRYPT, PinHash
from kiosk.core.schedule import ScheduleError, parse_entry
from kiosk.core.tomllines import LineIndex
from kiosk.core.vocab import INTERFACE_LANGUAGES, RunMode

log = logging.getLogger(__name__)

SETTINGS_FILE = "settings.toml"
MODES = tuple(m.value for m in RunMode)
TEXT_SIZES = limits.TEXT_SIZES


@dataclass
class Settings:
    """Everything a school can change. `idle_timeout` None means the pack's own value."""

    pack: str = paths.DEFAULT_PACK
    mode: str = "foyer"
    idle_timeout: float | None = None
    durations: dict[str, float] = field(default_factory=dict)  # page id -> seconds, overriding the pack
    language: str = "en"
    reduced_motion: bool = False
    high_contrast: bool = False
    text_size: int = 100
    stats_enabled: bool = True
    pin: PinHash | None = None
    schedule: list[str] = field(default_factory=list)


def settings_path() -> Path:
    return paths.config_dir() / SETTINGS_FILE


# --- reading ----------------------------------------------------------------------------------------------


_PAGE_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")  # as in pack.toml
TEXT_MAX = 200  # characters in a pack name or a schedule entry


def _number(value: Any, limit: Range) -> tuple[float | None, str | None]:
    """A number within its limit (kiosk.core.limits): NaN, infinity, huge numbers, bools and text are refused."""
    problem = limit.problem(value)
    if problem:
        return None, problem
    return float(value), None


def _choice(options: tuple[Any, ...]) -> Any:
    def check(value: Any) -> tuple[Any, str | None]:
        if isinstance(value, bool | float) or not isinstance(value, str | int) or value not in options:
            return None, f"must be one of {', '.join(map(str, options))}, not {shown(value)}"
        return value, None

    return check


def _flag(value: Any) -> tuple[bool | None, str | None]:
    if not isinstance(value, bool):
        return None, f"must be true or false, not {shown(value)}"
    return value, None


def _text_problem(value: str) -> str | None:
    """Why a line of text from the file cannot be used: too long, or control, format or line-break characters
    (a newline or a bidirectional override in a pack name would end up in a path or a message)."""
    if len(value) > TEXT_MAX:
        return f"must be at most {TEXT_MAX} characters, not {len(value):,}"
    for ch in value:
        if unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"):
            return f"must be plain text; it has the control character U+{ord(ch):04X}"
    return None


def _is_hex(value: Any) -> bool:
    if not isinstance(value, str) or not value:
        return False
    try:
        bytes.fromhex(value)
    except ValueError:
        return False
    return True


def _pack_name(value: Any) -> tuple[str | None, str | None]:
    if not isinstance(value, str) or not value.strip():
        return None, "must be a pack name or folder, in quotes"
    problem = _text_problem(value)
    if problem:
        return None, problem
    return value.strip(), None


_SCALARS = {
    "pack": _pack_name,
    "mode": _choice(MODES),
    "idle_timeout": lambda v: _number(v, limits.IDLE_TIMEOUT),
    "language": _choice(INTERFACE_LANGUAGES),
    "reduced_motion": _flag,
    "high_contrast": _flag,
    "text_size": _choice(TEXT_SIZES),
    "stats_enabled": _flag,
}
_TABLES = ("durations", "pin")
_ARRAYS = ("schedule",)


class _Reader:
    def __init__(self, file: str, source: str) -> None:
        self.file = file
        self.line_count = _line_count(source)
        self.lines: LineIndex | None
        try:
            self.lines = LineIndex(source)
        except Exception:  # noqa: BLE001 - the scanner may fail to find lines; it may never fail the load
            log.debug("settings: no line numbers for %s", file, exc_info=True)
            self.lines = None
        self.problems: list[Problem] = []

    def line(self, path: tuple[str | int, ...]) -> int:
        """The line of `path` in the file, or 0 (the whole file) when the scanner cannot say."""
        if self.lines is None:
            return 0
        try:
            line = self.lines.line(path)
        except Exception:  # noqa: BLE001 - as above
            log.debug("settings: no line for %s in %s", path, self.file, exc_info=True)
            return 0
        return line if 0 <= line <= self.line_count else 0

    def report(self, path: tuple[str | int, ...], message: str) -> None:
        name = ".".join(shown(p, 40).strip("'") if isinstance(p, str) else f"[{p}]" for p in path)
        self.problems.append(Problem(self.file, self.line(path), name.replace(".[", "["), message))

    def read(self, raw: dict[str, Any]) -> Settings:
        settings = Settings()
        known = (*_SCALARS, *_TABLES, *_ARRAYS)
        for key, value in raw.items():
            if key in _SCALARS:
                checked, error = _SCALARS[key](value)
                if error:
                    self.report((key,), error)
                else:
                    setattr(settings, key, checked)
            elif key not in known:
                import difflib  # only for a file with a mistake: not kept in every running kiosk

                close = difflib.get_close_matches(key, known, n=1)
                self.report((key,), "unknown setting" + (f"; did you mean {close[0]!r}?" if close else ""))
        settings.durations = self._durations(raw.get("durations", {}))
        settings.pin = self._pin(raw.get("pin"))
        settings.schedule = self._schedule(raw.get("schedule", []))
        return settings

    def _durations(self, table: Any) -> dict[str, float]:
        if not isinstance(table, dict):
            self.report(("durations",), "must be a table of page id = seconds")
            return {}
        durations: dict[str, float] = {}
        for page_id, value in table.items():
            seconds, error = _number(value, limits.PAGE_DURATION)
            if not _PAGE_ID.fullmatch(page_id):
                self.report(("durations", page_id), "is not a page id (lower-case letters, digits and '-')")
            elif error or seconds is None:
                self.report(("durations", page_id), error or "bad value")
            else:
                durations[page_id] = seconds
        return durations

    def _pin(self, table: Any) -> PinHash | None:
        if table is None:
            return None
        if not isinstance(table, dict):
            self.report(("pin",), "must be a table with method, salt and hash")
            return None
        for key in table:
            if key not in ("method", "salt", "hash"):
                self.report(("pin", key), "unknown field; [pin] has method, salt and hash")
        method, salt, digest = table.get("method"), table.get("salt"), table.get("hash")
        if method not in (SCRYPT, PBKDF2):
            self.report(("pin", "method"), f"must be {SCRYPT!r} or {PBKDF2!r}, not {method!r}")
            return None
        for name, value in (("salt", salt), ("hash", digest)):
            if not _is_hex(value):
                self.report(("pin", name), "must be the hex digits the staff screen wrote")
                return None
        assert isinstance(salt, str) and isinstance(digest, str)
        return PinHash(method, salt, digest)

    def _schedule(self, entries: Any) -> list[str]:
        if not isinstance(entries, list):
            self.report(("schedule",), 'must be a list of entries like "foyer, on mon-fri 08:00-16:00"')
            return []
        kept: list[str] = []
        for n, entry in enumerate(entries):
            if not isinstance(entry, str):
                self.report(("schedule", n), f"must be text in quotes, not {shown(entry)}")
                continue
            problem = _text_problem(entry)
            if problem:
                self.report(("schedule", n), problem)
                continue
            try:
                parse_entry(entry)
            except ScheduleError as error:
                self.report(("schedule", n), str(error))
                continue
            kept.append(entry)
        return kept


def _line_count(source: str) -> int:
    """Lines as TOML and an editor count them: only \\n ends a line (U+2028 and \\x85 do not)."""
    return source.count("\n") + (0 if source.endswith("\n") or not source else 1)


def parse_settings(source: str, file: str = SETTINGS_FILE) -> tuple[Settings, list[Problem]]:
    """Settings from TOML text: every readable field, defaults for the rest, and what was wrong."""
    try:
        raw = tomllib.loads(source)
    except tomllib.TOMLDecodeError as error:
        problem = _toml_problem(file, error)
        if problem.line == 0:  # "at end of document": a truncated file; point at its last line
            problem = dataclasses.replace(problem, line=max(1, _line_count(source)))
        elif problem.line > _line_count(source):  # tomllib counts U+2028 as no line break; be safe
            problem = dataclasses.replace(problem, line=0)
        return Settings(), [problem]
    except ValueError:  # a number of more than 4,300 digits: tomllib's int() refuses it
        return Settings(), [Problem(file, 0, "(syntax)", "not valid TOML: a number with too many digits")]
    except RecursionError:
        return Settings(), [Problem(file, 0, "(syntax)", "not valid TOML: lists or tables nested too deep")]
    reader = _Reader(file, source)
    settings = reader.read(raw)
    return settings, sorted(reader.problems, key=lambda p: p.line)


def set_aside(path: Path) -> Path:
    """Rename a bad settings file so it is kept for a human but no longer read."""
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.bad-{stamp}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.name}.bad-{stamp}-{n}")
    os.replace(path, target)
    return target


def load_settings(path: Path | None = None) -> tuple[Settings, list[Problem]]:
    """The settings in `path` (default: the config folder's settings.toml). Never raises for a bad file.

    No file: defaults, no problem. A file with problems: each one logged, the file set aside, and the fields
    that were good (the PIN above all) written back at once, so the next start reads a clean file.
    """
    path = path or settings_path()
    source: str | None
    try:
        source = read_text(path, SETTINGS_FILE_MAX_BYTES)  # a FIFO, folder, device or huge file is not read
    except FileNotFoundError:
        return Settings(), []
    except OSError as error:
        reason = str(error).removeprefix(f"{path}: ") if isinstance(error, FileProblem) else str(error)
        message = f"cannot be read: {reason}"
        problems = [Problem(str(path), 0, "(file)", message)]
        source = None
    if source is not None:
        settings, problems = parse_settings(source, str(path))
    else:
        settings = Settings()
    if not problems:
        return settings, []
    for problem in problems:
        log.error("settings: %s", problem)
    try:
        kept = set_aside(path)
        log.error("settings: the bad file is kept as %s; using defaults for what could not be read", kept)
        if settings != Settings():
            save_settings(settings, path)
    except OSError as error:
        log.error("settings: could not set the bad file aside: %s", error)
    return settings, problems


# --- writing ----------------------------------------------------------------------------------------------


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value) if isinstance(value, int) or not value.is_integer() else repr(int(value))
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)  # JSON string escapes are valid TOML basic strings
    raise TypeError(f"cannot write {value!r} to TOML")


def _toml_key(key: str) -> str:
    bare = key and all(c.isascii() and (c.isalnum() or c in "-_") for c in key)
    return key if bare else json.dumps(key, ensure_ascii=False)


def dump_settings(settings: Settings) -> str:
    """The settings as TOML, in a fixed order, with comments for a human reader."""
    out = [
        "# Campaign kiosk settings. Written by the staff screen; safe to edit by hand (see docs/settings.md).",
        "# A bad value is reported in the log as file:line: field: message and the default is used instead.",
        "",
    ]
    for key in _SCALARS:
        value = getattr(settings, key)
        if value is None:
            out.append(f"# {key}: not set, the pack's own value is used")
        else:
            out.append(f"{key} = {_toml_value(value)}")
    out.append("")
    out.append("# When a mode or pack applies by itself; outside every entry, mode and pack above apply.")
    if settings.schedule:
        out.append("schedule = [")
        out.extend(f"    {_toml_value(entry)}," for entry in settings.schedule)
        out.append("]")
    else:
        out.append("schedule = []")
    out += [
        "",
        "# Seconds a page stays up in the loop, by page id; pages not listed keep the pack's time.",
        "[durations]",
    ]
    out.extend(f"{_toml_key(k)} = {_toml_value(v)}" for k, v in sorted(settings.durations.items()))
    if settings.pin is not None:
        out += ["", "# The staff PIN as a salted hash; the PIN itself is never stored. Delete [pin] to choose anew."]
        out.append("[pin]")
        out += [f"{k} = {_toml_value(v)}" for k, v in dataclasses.asdict(settings.pin).items()]
    return "\n".join(out) + "\n"


def save_settings(settings: Settings, path: Path | None = None) -> Path:
    """Write atomically (kiosk.core.files.atomic_write): a temporary file in the same folder, flushed and synced,
    then renamed over the old one. If anything fails the old file is untouched and the temporary file removed;
    the error is raised (FileProblem when settings.toml is a folder, link or FIFO).
    """
    path = path or settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(path, dump_settings(settings))  # only a regular file (or none) is replaced
    log.info("settings saved to %s", path)
    return path
