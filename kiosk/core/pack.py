"""Campaign packs: load a folder's pack.toml, validate every field, and say exactly what is wrong.

A pack is edited by safeguarding leads, not programmers, so validation collects every problem at once with the
file, line and field, and a pack with any problem is never shown (the kiosk falls back to a built-in one).
The rules here mirror docs/pack-format.md; the length limits are what fits on a 1024x768 projector at the
kiosk's minimum body size.
"""

from __future__ import annotations

import logging
import re
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from kiosk.core import pictures
from kiosk.core.files import FileProblem, read_bytes, read_text
from kiosk.core.limits import (
    IDLE_TIMEOUT,
    IMAGE_MAX_BYTES,
    PACK_FILE_MAX_BYTES,
    PACK_MAX_BYTES,
    PACK_VERSION,
    PAGE_DURATION,
    SCHEDULE_YEARS,
    Range,
    shown,
)
from kiosk.core.tomllines import LineIndex
from kiosk.core.vocab import Audience, PageKind

log = logging.getLogger(__name__)

PACK_FILE = "pack.toml"
PAGE_KINDS = tuple(k.value for k in PageKind)
AUDIENCES = tuple(a.value for a in Audience)
PLAN_ICONS = ("hand", "laugh", "block", "adult", "report", "phone", "heart", "info")
BUBBLE_STYLES = ("speech", "thought", "message")
FEEDBACK_ICONS = ("smile", "meh", "frown")
FEEDBACK_AFTER = ("any", "plan")
IMAGE_SUFFIXES = (".svg", ".png", ".jpg", ".jpeg")
_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")
_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
_PHONE = re.compile(r"^[0-9][0-9 ]{1,18}[0-9]$|^[0-9]{3}$")
_URL = re.compile(r"^https://[A-Za-z0-9.-]+\.[A-Za-z]{2,}(/[A-Za-z0-9._~:/?#@!$&'()*+,;=%-]*)?$")
# Every pattern here is used with fullmatch: re.match with "$" also matches before a final newline, which let an
# id end in "\n" (and so put a newline into a file name).
# Characters a text field may not hold: C0 and C1 controls (a tab, a newline) and line or paragraph separators
# (only `notes` may have newlines), and the bidirectional embeddings, overrides and isolates, which reverse how the
# text around them is drawn. Right-to-left letters need none of them; the plain marks U+200E, U+200F and U+061C
# are allowed (they only nudge neutral characters like digits and brackets, as Welsh or Arabic text may need).
_LINE_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_FORBIDDEN_TEXT = re.compile(f"[\x00-\x1f\x7f-\x9f\u2028\u2029{_BIDI_CONTROLS}]")
_FORBIDDEN_NOTES = re.compile(f"[\x00-\x09\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029{_BIDI_CONTROLS}]")

FieldPath = tuple[str | int, ...]


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a pack, located for a human editor."""

    file: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.field}: {self.message}"


class PackError(Exception):
    """A pack that cannot be shown; carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


@dataclass(frozen=True)
class Page:
    """One page of the loop. `data` holds the kind's own fields, validated and with defaults filled in."""

    id: str
    kind: str
    title: str
    duration: float
    audience: str
    notes: str
    questions: tuple[str, ...]
    data: Mapping[str, Any]

    @property
    def panel_count(self) -> int:
        return len(self.data.get("panels", ())) if self.kind == "story" else 0


@dataclass(frozen=True)
class FeedbackAnswer:
    id: str
    label: str
    icon: str


@dataclass(frozen=True)
class FeedbackQuestion:
    """One optional tap question at the end of a visit; `after` = "plan" asks it only after the plan page."""

    id: str
    question: str
    answers: tuple[FeedbackAnswer, ...]
    after: str = "any"


# Packs without [[feedback]] ask these: supportive, about the package, never about the student.
DEFAULT_FEEDBACK: tuple[FeedbackQuestion, ...] = (
    FeedbackQuestion(
        "useful",
        "Was this useful?",
        (
            FeedbackAnswer("yes", "Yes", "smile"),
            FeedbackAnswer("a-bit", "A bit", "meh"),
            FeedbackAnswer("no", "Not really", "frown"),
        ),
    ),
    FeedbackQuestion(
        "ready",
        "Do you feel ready with a plan?",
        (
            FeedbackAnswer("yes", "Yes", "smile"),
            FeedbackAnswer("not-sure", "Not sure", "meh"),
            FeedbackAnswer("no", "No", "frown"),
        ),
        after="plan",
    ),
)


@dataclass(frozen=True)
class Pack:
    """A validated campaign pack."""

    root: Path
    id: str
    name: str
    organisation: str
    language: str
    idle_timeout: float
    accent: str
    pages: tuple[Page, ...]
    feedback: tuple[FeedbackQuestion, ...] = DEFAULT_FEEDBACK
    # What a bundle's manifest says of the pack (kiosk/core/bundle.py): the version only goes up, so a kiosk can
    # tell the newer of two bundles; the dates bound when it may be shown (None: from now on, for ever).
    version: int = 1
    publisher: str = ""
    valid_from: date | None = None
    valid_until: date | None = None
    # Issue 18's checks (kiosk.core.checks): the students' reading age the text is written for, and the pack this
    # one translates (a folder beside it, or a built-in pack's name; "" when it is an original).
    reading_age: tuple[int, int] = (11, 14)
    translation_of: str = ""

    def pages_for(self, audience: str) -> tuple[Page, ...]:
        """The loop for an audience: `students` or `parents`; pages marked `all` are in both."""
        return tuple(p for p in self.pages if p.audience in (audience, "all"))

    def image_path(self, relative: str) -> Path:
        """The file of a picture the pack names. Only a path inside the pack folder is ever answered (validation
        refused any other, so ValueError here means a caller passed a path the pack never named): the kiosk
        gives Qt nothing from outside the pack."""
        path = self.root / relative
        if Path(relative).is_absolute() or not path.resolve().is_relative_to(self.root.resolve()):
            raise ValueError(f"{relative!r} is not a picture inside the pack folder {self.root}")
        return path


# --- the schema -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rule:
    """A field's rule: a checker that returns (value, error message or None)."""

    check: Callable[[Any, _Context], tuple[Any, str | None]]
    required: bool = False
    default: Any = None
    # What the rule accepts, in an author's words ("one line of text, at most 60 characters"): `kiosk new` writes
    # it into pack.toml's comments (kiosk/core/pack_new.py), so the comments always say what the check enforces.
    limits: str = ""


@dataclass(frozen=True)
class Items:
    """An array of tables, each checked against `schema`."""

    schema: Mapping[str, Rule | Items]
    min: int
    max: int
    required: bool = False


Schema = Mapping[str, Rule | Items]


@dataclass
class _Context:
    root: Path
    file: str
    pictures: dict[str, str | None] = field(default_factory=dict)  # relative path -> its problem, checked once
    total_bytes: int = 0  # pack.toml and every picture read so far (PACK_MAX_BYTES)


def text_problem(value: str, multiline: bool = False) -> str | None:
    """Why `value` cannot be shown as it is written (see _FORBIDDEN_TEXT), or None."""
    found = (_FORBIDDEN_NOTES if multiline else _FORBIDDEN_TEXT).search(value)
    if found is None:
        return None
    char = found.group()
    where = f"(character {found.start() + 1}, U+{ord(char):04X})"
    if char in _LINE_BREAKS:
        return f"has a line break {where}; this field is one line"
    if char in _BIDI_CONTROLS:
        return (
            f"has an invisible text-direction control {where}, which can reverse the words shown; "
            "right-to-left letters need none"
        )
    return f"has an invisible control character {where}"


def text(max_len: int, required: bool = False, default: str = "", multiline: bool = False) -> Rule:
    def check(value: Any, _: _Context) -> tuple[Any, str | None]:
        if not isinstance(value, str):
            return None, "must be text in quotes"
        value = value.strip()
        if required and not value:
            return None, "must not be empty"
        if len(value) > max_len:
            return None, f"is {len(value)} characters long; at most {max_len} fit the layout"
        bad = text_problem(value, multiline)
        if bad:
            return None, bad
        return value, None

    lines = "text; new lines allowed" if multiline else "one line of text"
    return Rule(check, required, default, limits=f"{lines}, at most {max_len} characters")


def text_list(
    min_items: int, max_items: int, item_max: int, total_max: int | None = None, required: bool = False
) -> Rule:
    def check(value: Any, _: _Context) -> tuple[Any, str | None]:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            return None, 'must be a list of texts, like ["one", "two"]'
        items = [v.strip() for v in value]
        if not min_items <= len(items) <= max_items:
            return None, f"has {len(items)} items; it needs {min_items} to {max_items}"
        for n, item in enumerate(items, 1):
            if not item:
                return None, f"item {n} is empty"
            if len(item) > item_max:
                return None, f"item {n} is {len(item)} characters long; at most {item_max} fit the layout"
            bad = text_problem(item)
            if bad:
                return None, f"item {n} {bad}"
        total = sum(len(i) for i in items)
        if total_max is not None and total > total_max:
            return None, f"is {total} characters long in all; at most {total_max} fit the layout"
        return tuple(items), None

    together = f", {total_max} in all" if total_max is not None else ""
    what = f"a list of {min_items} to {max_items} one-line texts, each at most {item_max} characters{together}"
    return Rule(check, required, (), limits=what)


def number(low: float, high: float, default: float | None = None, required: bool = False) -> Rule:
    def check(value: Any, _: _Context) -> tuple[Any, str | None]:
        if isinstance(value, bool) or not isinstance(value, int | float):
            return None, "must be a number"
        if not low <= value <= high:  # NaN is never between
            return None, f"is {value}; it must be between {low:g} and {high:g}"
        return float(value), None

    return Rule(check, required, default, limits=f"a number from {low:g} to {high:g}")


def within(limit: Range, with_default: bool = True) -> Rule:
    """A number in one of kiosk.core.limits' ranges, so pack, settings and staff screen agree."""
    rule = number(limit.low, limit.high, default=limit.default if with_default else None)
    return replace(rule, limits=f"{limit.low:g} to {limit.high:g} {limit.unit}")


def choice(options: tuple[str, ...], default: str | None = None, required: bool = False) -> Rule:
    def check(value: Any, _: _Context) -> tuple[Any, str | None]:
        if value not in options:
            return None, f"is {value!r}; it must be one of {', '.join(options)}"
        return value, None

    return Rule(check, required, default, limits="one of " + ", ".join(f'"{o}"' for o in options))


def pattern(regex: re.Pattern[str], what: str, required: bool = False, default: str | None = None) -> Rule:
    def check(value: Any, _: _Context) -> tuple[Any, str | None]:
        if not isinstance(value, str) or not regex.fullmatch(value):
            return None, f"is {value!r}; it must be {what}"
        return value, None

    return Rule(check, required, default, limits=what + (", at most 40 characters" if regex is _ID else ""))


def whole_number(limit: Range) -> Rule:
    """A whole number in one of kiosk.core.limits' ranges (a version: 2.0 or true is not one)."""

    def check(value: Any, _: _Context) -> tuple[Any, str | None]:
        if isinstance(value, bool) or not isinstance(value, int):
            return None, f"must be a whole number, not {shown(value)}"
        problem = limit.problem(value)
        return (None, problem) if problem else (value, None)

    return Rule(check, False, int(limit.default), limits=f"a whole number from {limit.low:g} to {limit.high:g}")


def day() -> Rule:
    """A TOML date written without quotes, like 2026-09-01 (not a time of day, not text)."""

    def check(value: Any, _: _Context) -> tuple[Any, str | None]:
        if isinstance(value, datetime) or not isinstance(value, date):
            return None, f"must be a date without quotes, like 2026-09-01, not {shown(value)}"
        if not SCHEDULE_YEARS[0] <= value.year <= SCHEDULE_YEARS[1]:
            return None, f"is in {value.year}; a year from {SCHEDULE_YEARS[0]} to {SCHEDULE_YEARS[1]} is expected"
        return value, None

    years = f"{SCHEDULE_YEARS[0]} to {SCHEDULE_YEARS[1]}"
    return Rule(check, limits=f"a date without quotes, like 2026-09-01 (a year from {years})")


def contrast_ratio(a: str, b: str) -> float:
    """WCAG 2 contrast ratio of two "#rrggbb" colours (1 to 21)."""

    def luminance(colour: str) -> float:
        channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


ACCENT_MIN_CONTRAST = 4.5  # WCAG 2.2 AA for words: white words on the accent, accent words on the page


def accent_colour(default: str) -> Rule:
    """A pack colour that white words can sit on and that reads as words on the page's pale background."""

    def check(value: Any, _: _Context) -> tuple[Any, str | None]:
        if not isinstance(value, str) or not _COLOUR.fullmatch(value):
            return None, f'is {value!r}; it must be a colour like "#1d4e89"'
        ratio = min(contrast_ratio(value, "#ffffff"), contrast_ratio(value, "#eef1f6"))
        if ratio < ACCENT_MIN_CONTRAST:
            return None, (
                f"is {value!r}: words on it and in it read at {ratio:.1f}:1, below {ACCENT_MIN_CONTRAST}:1; "
                "choose a darker colour"
            )
        return value, None

    limits = f'a colour like "#1d4e89" that white words on it read at {ACCENT_MIN_CONTRAST}:1 or more (a dark one)'
    return Rule(check, False, default, limits=limits)


READING_AGES = (5, 25)  # the youngest and oldest reading age a pack may state


def age_range(default: tuple[int, int]) -> Rule:
    """A reading age range like "11-14" (years), youngest first."""

    def check(value: Any, _: _Context) -> tuple[Any, str | None]:
        found = re.fullmatch(r"\s*(\d{1,2})\s*-\s*(\d{1,2})\s*", value) if isinstance(value, str) else None
        low, high = (int(found.group(1)), int(found.group(2))) if found else (0, 0)
        if not found or not READING_AGES[0] <= low <= high <= READING_AGES[1]:
            return None, (
                f'is {shown(value)}; it must be the readers\' ages in years like "11-14", '
                f"from {READING_AGES[0]} to {READING_AGES[1]}"
            )
        return (low, high), None

    ages = f'the readers\' ages in years, like "11-14", from {READING_AGES[0]} to {READING_AGES[1]}'
    return Rule(check, False, default, limits=ages)


def folder_name() -> Rule:
    """The original of a translation: a pack folder beside this one, or a built-in pack's name."""

    def check(value: Any, _: _Context) -> tuple[Any, str | None]:
        if not isinstance(value, str) or not _ID.fullmatch(value.strip()):
            return None, f'is {shown(value)}; it must be the folder name of the original pack, like "cumbria"'
        return value.strip(), None

    return Rule(check, False, "", limits='the folder name of the original pack, like "cumbria"')


def url(required: bool = False) -> Rule:
    def check(value: Any, _: _Context) -> tuple[Any, str | None]:
        if not isinstance(value, str):
            return None, "must be a web address in quotes"
        if not value.startswith("https://"):
            return None, f"is {value!r}; links must start with https://"
        if len(value) > 160 or not _URL.fullmatch(value):
            return None, f"is {value!r}; that is not a valid web address (at most 160 characters)"
        return value, None

    return Rule(check, required, limits="a web address starting https://, at most 160 characters")


def phone(required: bool = False) -> Rule:
    def check(value: Any, _: _Context) -> tuple[Any, str | None]:
        if not isinstance(value, str) or not _PHONE.fullmatch(value.strip()):
            return None, f'is {value!r}; a phone number is digits and spaces, like "0800 555 111"'
        return value.strip(), None

    return Rule(check, required, limits='digits and spaces, like "0800 555 111"')


def image(required: bool = False) -> Rule:
    def check(value: Any, ctx: _Context) -> tuple[Any, str | None]:
        if not isinstance(value, str) or not value.strip():
            return None, 'must be the path of an image inside the pack folder, like "art/poster.svg"'
        rel = value.strip().replace("\\", "/")
        if text_problem(rel):
            return None, f"is {value!r}; a picture's path {text_problem(rel)}"
        if rel.startswith("/") or re.match(r"[A-Za-z]:", rel):
            return None, f"is {value!r}; use a path inside the pack folder, not an absolute path"
        if ".." in rel.split("/"):
            return None, f"is {value!r}; '..' is not allowed: images must be inside the pack folder"
        if not rel.lower().endswith(IMAGE_SUFFIXES):
            return None, f"is {value!r}; images must be {', '.join(IMAGE_SUFFIXES)}"
        try:
            path = (ctx.root / rel).resolve()
            inside = path.is_relative_to(ctx.root.resolve())
        except (OSError, RuntimeError, ValueError):  # a symbolic link loop (RuntimeError before Python 3.13)
            return None, f"is {value!r}; that path cannot be followed (a link that loops?)"
        if not inside:
            return None, f"is {value!r}; it points outside the pack folder"
        if rel not in ctx.pictures:
            ctx.pictures[rel] = _picture_problem(path, ctx)
        bad = ctx.pictures[rel]
        if bad:
            return None, f"is {value!r}; {bad}"
        return rel, None

    where = f'a picture ({", ".join(IMAGE_SUFFIXES)}) inside the pack folder, like "art/poster.svg"'
    return Rule(check, required, limits=f"{where}, at most {IMAGE_MAX_BYTES // (1024 * 1024)} MB")


def _picture_problem(path: Path, ctx: _Context) -> str | None:
    """Read a picture (a regular file within IMAGE_MAX_BYTES, counted against PACK_MAX_BYTES) and check it."""
    try:
        data = read_bytes(path, IMAGE_MAX_BYTES)
    except FileNotFoundError:
        return "no such file in the pack folder"
    except FileProblem as error:
        return "the file " + str(error).removeprefix(f"{path}: ")
    ctx.total_bytes += len(data)
    if ctx.total_bytes > PACK_MAX_BYTES:
        return f"the pack's files come to over {PACK_MAX_BYTES // (1024 * 1024)} MB in all; a pack may hold no more"
    bad = pictures.problem(data, path.suffix)
    return f"the picture {bad}" if bad else None


PACK_SCHEMA: Schema = {
    "id": pattern(_ID, "lower-case letters, digits and '-'", required=True),
    "name": text(60, required=True),
    "organisation": text(60, required=True),
    "language": pattern(re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$"), "a language code like en or cy", default="en"),
    "idle_timeout": within(IDLE_TIMEOUT),
    "default_duration": within(PAGE_DURATION),
    "accent": accent_colour(default="#1d4e89"),
    "version": whole_number(PACK_VERSION),
    "publisher": text(60),
    "valid_from": day(),
    "valid_until": day(),
    "reading_age": age_range(default=(11, 14)),
    "translation_of": folder_name(),
}

COMMON: Schema = {
    "id": pattern(_ID, "lower-case letters, digits and '-'", required=True),
    "kind": choice(PAGE_KINDS, required=True),
    "title": text(60, required=True),
    "duration": within(PAGE_DURATION, with_default=False),
    "notes": text(600, multiline=True),
    "questions": text_list(3, 6, 160),
    "audience": choice(AUDIENCES, default="students"),
}

BUBBLE: Schema = {
    "text": text(70, required=True),
    "speaker": text(30, required=True),
    "x": number(0, 1, default=0.05),
    "y": number(0, 1, default=0.05),
    "width": number(0.15, 0.6, default=0.4),
    "tail_x": number(0, 1, default=0.5),
    "tail_y": number(0, 1, default=0.6),
    "style": choice(BUBBLE_STYLES, default="speech"),
}

KINDS: Mapping[str, Schema] = {
    "poster": {
        "subtitle": text(140),
        "image": image(required=True),
        "image_alt": text(200, required=True),
        "call_to_action": text(50),
        "attribution": text(80),
    },
    "story": {
        "intro": text(120),
        "panels": Items(
            {
                "image": image(required=True),
                "alt": text(200, required=True),
                "caption": text(130),
                "bubbles": Items(BUBBLE, 0, 2),
            },
            2,
            9,
            required=True,
        ),
    },
    "info": {
        "body": text_list(1, 4, 300, total_max=700, required=True),
        "quote": text(220),
        "quote_by": text(80),
    },
    "tips": {
        "intro": text(120),
        "tips": Items(
            {
                "id": pattern(_ID, "lower-case letters, digits and '-'", required=True),
                "title": text(48, required=True),
                "text": text(160, required=True),
                "why": text(260, required=True),
                "todo": text(260, required=True),
            },
            1,
            10,
            required=True,
        ),
    },
    "law": {
        "intro": text(160),
        "points": Items({"heading": text(40, required=True), "text": text(260, required=True)}, 1, 5, required=True),
    },
    "plan": {
        "intro": text(160),
        "summary_title": text(60, default="My plan"),
        "options": Items(
            {
                "id": pattern(_ID, "lower-case letters, digits and '-'", required=True),
                "label": text(32, required=True),
                "detail": text(200, required=True),
                "icon": choice(PLAN_ICONS, default="info"),
            },
            2,
            8,
            required=True,
        ),
    },
    "help": {
        "intro": text(160),
        "links": Items({"label": text(40, required=True), "url": url(required=True), "note": text(90)}, 0, 4),
        "phones": Items({"label": text(40, required=True), "number": phone(required=True), "note": text(90)}, 0, 4),
    },
}


FEEDBACK = Items(
    {
        "id": pattern(_ID, "lower-case letters, digits and '-'", required=True),
        "question": text(60, required=True),
        "after": choice(FEEDBACK_AFTER, default="any"),
        "answers": Items(
            {
                "id": pattern(_ID, "lower-case letters, digits and '-'", required=True),
                "label": text(16, required=True),
                "icon": choice(FEEDBACK_ICONS, default="smile"),
            },
            2,
            3,
            required=True,
        ),
    },
    1,
    4,
)


# --- validation ---------------------------------------------------------------------------------------------


class _Validator:
    def __init__(self, ctx: _Context, lines: LineIndex) -> None:
        self.ctx = ctx
        self.lines = lines
        self.problems: list[Problem] = []

    def report(self, path: FieldPath, message: str) -> None:
        self.problems.append(Problem(self.ctx.file, self.lines.line(path), _field_name(path), message))

    def table(self, raw: Any, schema: Schema, path: FieldPath, strict: bool = True) -> dict[str, Any]:
        """Check a table's fields. `strict=False` skips unknown-field reports (a page whose kind is unknown)."""
        if not isinstance(raw, dict):
            self.report(path, "must be a table")
            return {}
        out: dict[str, Any] = {}
        for key in raw:
            if strict and key not in schema:
                import difflib  # only for a pack with a mistake: not kept in every running kiosk

                hint = difflib.get_close_matches(key, list(schema), n=1)
                known = f"did you mean {hint[0]!r}?" if hint else f"known fields: {', '.join(schema)}"
                self.report(path + (key,), f"unknown field; {known}")
        for key, rule in schema.items():
            here = path + (key,)
            if key not in raw:
                if rule.required:
                    self.report(here, "missing: this field is required")
                    out[key] = None
                elif isinstance(rule, Items):
                    out[key] = ()
                else:
                    out[key] = rule.default
                continue
            if isinstance(rule, Items):
                out[key] = self.items(raw[key], rule, here)
                continue
            value, error = rule.check(raw[key], self.ctx)
            if error:
                self.report(here, error)
            out[key] = value
        return out

    def items(self, raw: Any, rule: Items, path: FieldPath) -> tuple[dict[str, Any], ...]:
        if not isinstance(raw, list) or not all(isinstance(item, dict) for item in raw):
            self.report(path, f"must be a list of [[{_field_name(path)}]] tables")
            return ()
        if not rule.min <= len(raw) <= rule.max:
            self.report(path, f"has {len(raw)} entries; it needs {rule.min} to {rule.max}")
        return tuple(self.table(item, rule.schema, path + (n,)) for n, item in enumerate(raw))


def _field_name(path: FieldPath) -> str:
    name = ""
    for part in path:
        name += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if name else part)
    return name or "(file)"


def _toml_problem(file: str, error: tomllib.TOMLDecodeError) -> Problem:
    match = re.search(r"\(at line (\d+), column (\d+)\)", str(error))
    message = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(error)).strip()
    line = int(match.group(1)) if match else 0
    column = f" (column {match.group(2)})" if match else ""
    return Problem(file, line, "(syntax)", f"not valid TOML: {message}{column}")


def validate(root: Path) -> tuple[Pack | None, list[Problem]]:
    """Read and check the pack in `root`. Returns the pack when there is no problem, and every problem found."""
    root = Path(root)
    file = root / PACK_FILE
    display = str(file)
    if not root.is_dir():
        return None, [Problem(str(root), 0, "(folder)", "no such pack folder")]
    try:
        source = read_text(file, PACK_FILE_MAX_BYTES)
    except FileNotFoundError:
        return None, [Problem(display, 0, "(file)", f"missing: a pack folder needs a {PACK_FILE}")]
    except OSError as error:  # FileProblem: a FIFO, a folder, a device, too big, not UTF-8, unreadable
        return None, [Problem(display, 0, "(file)", str(error).removeprefix(f"{file}: "))]
    try:
        raw = tomllib.loads(source)
    except tomllib.TOMLDecodeError as error:
        return None, [_toml_problem(display, error)]
    except RecursionError:  # tomllib gives up on a few hundred nested arrays or tables
        return None, [Problem(display, 0, "(syntax)", "not valid TOML: values are nested too deeply")]
    try:
        return _validate(root, display, source, raw)
    except Exception as error:  # a bug here must not stop the kiosk: the pack is refused and the fallback shown
        log.exception("pack: checking %s failed", display)
        return None, [Problem(display, 0, "(check)", f"could not be checked ({type(error).__name__}: {error})")]


def _validate(root: Path, display: str, source: str, raw: dict[str, Any]) -> tuple[Pack | None, list[Problem]]:
    ctx = _Context(root, display, total_bytes=len(source.encode("utf-8")))
    v = _Validator(ctx, LineIndex(source))
    for key in raw:
        if key not in ("pack", "pages", "feedback"):
            v.report((key,), "unknown section; a pack has [pack], [[pages]] and optionally [[feedback]]")
    meta = v.table(raw.get("pack", {}), PACK_SCHEMA, ("pack",))
    if "pack" not in raw:
        v.report(("pack",), "missing the [pack] section")
    if meta.get("valid_from") and meta.get("valid_until") and meta["valid_until"] < meta["valid_from"]:
        v.report(("pack", "valid_until"), f"is before valid_from ({meta['valid_from']}); the pack would never show")
    pages_raw = raw.get("pages", [])
    if not isinstance(pages_raw, list) or not pages_raw:
        v.report(("pages",), "a pack needs at least one [[pages]] table")
        pages_raw = []
    pages: list[Page] = []
    seen: dict[str, int] = {}
    for n, page_raw in enumerate(pages_raw):
        path: FieldPath = ("pages", n)
        if not isinstance(page_raw, dict):
            v.report(path, "must be a [[pages]] table")
            continue
        kind = page_raw.get("kind")
        known = isinstance(kind, str) and kind in KINDS
        schema = dict(COMMON) | dict(KINDS[str(kind)]) if known else dict(COMMON)
        values = v.table(page_raw, schema, path, strict=known)
        page_id = values.get("id")
        if page_id:
            if page_id in seen:
                v.report(path + ("id",), f"{page_id!r} is already used by page {seen[page_id] + 1}")
            seen[page_id] = n
        _check_page(v, values, path)
        pages.append(_make_page(values, meta))
    feedback = _feedback(v, raw["feedback"]) if "feedback" in raw else DEFAULT_FEEDBACK
    if v.problems:
        return None, sorted(v.problems, key=lambda p: p.line)
    pack = Pack(
        root=root,
        id=meta["id"],
        name=meta["name"],
        organisation=meta["organisation"],
        language=meta["language"],
        idle_timeout=meta["idle_timeout"],
        accent=meta["accent"],
        pages=tuple(pages),
        feedback=feedback,
        version=meta["version"],
        publisher=meta["publisher"] or meta["organisation"],
        valid_from=meta["valid_from"],
        valid_until=meta["valid_until"],
        reading_age=meta["reading_age"],
        translation_of=meta["translation_of"],
    )
    if not pack.pages_for("students") and not pack.pages_for("parents"):
        return None, [Problem(display, 0, "pages", "no page to show")]
    return pack, []


def _check_page(v: _Validator, values: Mapping[str, Any], path: FieldPath) -> None:
    """Rules that span fields."""
    kind = values.get("kind")
    if kind == "help" and not values.get("links") and not values.get("phones"):
        v.report(path, "a help page needs at least one [[pages.links]] or [[pages.phones]]")
    for key, inner in (("tips", "id"), ("options", "id")):
        ids = [item.get(inner) for item in values.get(key) or () if item.get(inner)]
        for n, item_id in enumerate(ids):
            if item_id in ids[:n]:
                v.report(path + (key, n, inner), f"{item_id!r} is used twice")
    if kind == "story":
        for p, panel in enumerate(values.get("panels") or ()):
            for b, bubble in enumerate(panel.get("bubbles") or ()):
                if (
                    bubble.get("x") is not None
                    and bubble.get("width") is not None
                    and bubble["x"] + bubble["width"] > 1.0
                ):
                    v.report(
                        path + ("panels", p, "bubbles", b, "width"),
                        "the bubble runs past the panel's right edge (x + width > 1)",
                    )


def _feedback(v: _Validator, raw: Any) -> tuple[FeedbackQuestion, ...]:
    """The pack's own end-of-visit questions ([[feedback]] with [[feedback.answers]])."""
    tables = v.items(raw, FEEDBACK, ("feedback",))
    questions: list[FeedbackQuestion] = []
    for n, table in enumerate(tables):
        if table.get("id") in [q.id for q in questions]:
            v.report(("feedback", n, "id"), f"{table['id']!r} is used twice")
        answers = [
            FeedbackAnswer(a.get("id") or "", a.get("label") or "", a.get("icon") or "smile")
            for a in table.get("answers") or ()
        ]
        for k, answer in enumerate(answers):
            if answer.id in [a.id for a in answers[:k]]:
                v.report(("feedback", n, "answers", k, "id"), f"{answer.id!r} is used twice")
        questions.append(
            FeedbackQuestion(
                table.get("id") or "", table.get("question") or "", tuple(answers), table.get("after") or "any"
            )
        )
    return tuple(questions)


def _make_page(values: Mapping[str, Any], meta: Mapping[str, Any]) -> Page:
    common = set(COMMON)
    return Page(
        id=values.get("id") or "",
        kind=values.get("kind") or "",
        title=values.get("title") or "",
        duration=values.get("duration") or meta.get("default_duration") or PAGE_DURATION.default,
        audience=values.get("audience") or "students",
        notes=values.get("notes") or "",
        questions=tuple(values.get("questions") or ()),
        data={k: v for k, v in values.items() if k not in common},
    )


def load(root: Path) -> Pack:
    """Load a pack or raise PackError with every problem."""
    pack, problems = validate(root)
    if pack is None:
        raise PackError(problems)
    return pack
