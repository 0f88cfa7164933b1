"""Checks before a pack ships: the mistakes that matter in a safeguarding campaign, beyond what validation refuses.

Validation (kiosk.core.pack) decides whether a pack can be shown at all. These checks decide whether it should
go out: contrast, screen-reader descriptions, reading age, links and phone numbers (and, given the campaign's
source texts, that every number, address and quote comes from them), translations and dates. Each finding names
file, line and field as a validation Problem does; an error stops `kiosk check` (exit 1), a warning is printed
and does not. The libraries behind them (phonenumbers, readability, zxing-cpp) are imported by the check that
uses them, never on the kiosk's start-up path. The layout fit check (text cut off at some size) needs Qt and
lives in kiosk.ui.fit.
"""

from __future__ import annotations

import logging
import re
import urllib.parse
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Any

from kiosk.core import paths
from kiosk.core.files import read_text
from kiosk.core.limits import PACK_FILE_MAX_BYTES
from kiosk.core.pack import (
    ACCENT_MIN_CONTRAST,
    DEFAULT_FEEDBACK,
    PACK_FILE,
    FieldPath,
    Pack,
    _field_name,
    contrast_ratio,
    validate,
)
from kiosk.core.tomllines import LineIndex

log = logging.getLogger(__name__)


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Finding:
    """One thing to fix (an error) or to look at (a warning) before a pack ships, located for a human editor."""

    severity: Severity
    file: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        label = "warning: " if self.severity is Severity.WARNING else ""
        return f"{self.file}:{self.line}: {self.field}: {label}{self.message}"


class _Report:
    """Where findings go, each located by its field path in pack.toml."""

    def __init__(self, root: Path) -> None:
        self.file = str(root / PACK_FILE)
        try:
            self.lines = LineIndex(read_text(root / PACK_FILE, PACK_FILE_MAX_BYTES))
        except OSError as error:  # validated a moment ago; a file replaced since then only loses line numbers
            log.warning("checks: %s could not be read again for line numbers (%s)", self.file, error)
            self.lines = LineIndex("")
        self.findings: list[Finding] = []

    def add(self, severity: Severity, path: FieldPath, message: str) -> None:
        self.findings.append(Finding(severity, self.file, self.lines.line(path), _field_name(path), message))

    def error(self, path: FieldPath, message: str) -> None:
        self.add(Severity.ERROR, path, message)

    def warning(self, path: FieldPath, message: str) -> None:
        self.add(Severity.WARNING, path, message)


def check_pack(pack: Pack, root: Path, *, today: date, sources: Path | None = None) -> list[Finding]:
    """Every finding for a validated pack in `root`, in line order. `sources` is a folder of the campaign's
    source texts (*.txt): with it, every phone number, web address and quote must be found in them."""
    report = _Report(Path(root))
    checks: list[tuple[str, Callable[[], None]]] = [
        ("contrast", lambda: check_contrast(pack, report)),
        ("descriptions", lambda: check_descriptions(pack, report)),
        ("reading age", lambda: check_reading_age(pack, report)),
        ("links", lambda: check_links(pack, report)),
        ("phone numbers", lambda: check_phones(pack, report)),
        ("translation", lambda: check_translation(pack, Path(root), report)),
        ("dates", lambda: check_dates(pack, today, report)),
    ]
    if sources is not None:
        checks.append(("sources", lambda: check_sources(pack, sources, report)))
    for name, run in checks:
        try:
            run()
        except Exception as error:  # one check's bug must not hide the others' findings
            log.exception("checks: the %s check failed on %s", name, report.file)
            report.error(("pack",), f"the {name} check could not run ({type(error).__name__}: {error})")
    return sorted(report.findings, key=lambda f: (f.line, f.field))


# --- the pack's texts -------------------------------------------------------------------------------------------

# Fields that hold no words a reader reads: ids, choices, pictures, addresses and numbers.
_NOT_TEXT = frozenset({"id", "kind", "audience", "image", "url", "number", "icon", "style", "after"})
# Words for the presenter (speaker notes, discussion questions), not on the students' screen.
_PRESENTER = frozenset({"notes", "questions"})
# Names on screen, not sentences: headings, tile and button labels, speakers.
_LABELS = frozenset(
    {"title", "heading", "label", "speaker", "summary_title", "call_to_action", "attribution", "quote_by"}
)


@dataclass(frozen=True)
class Text:
    path: FieldPath  # where it is in pack.toml
    key: tuple[str | int, ...]  # the same place named by ids where there are ids (a translation's pages match)
    value: str


def pack_texts(pack: Pack) -> Iterator[Text]:
    """Every text of the pack's pages and its own feedback questions, with where it is."""
    for n, page in enumerate(pack.pages):
        fields: dict[str, Any] = {"title": page.title, "notes": page.notes, "questions": page.questions}
        fields.update(page.data)
        yield from _walk(fields, ("pages", n), ("pages", page.id))
    if pack.feedback is not DEFAULT_FEEDBACK:
        for n, question in enumerate(pack.feedback):
            yield Text(("feedback", n, "question"), ("feedback", question.id, "question"), question.question)
            for k, answer in enumerate(question.answers):
                yield Text(
                    ("feedback", n, "answers", k, "label"),
                    ("feedback", question.id, "answers", answer.id, "label"),
                    answer.label,
                )


def _walk(fields: Mapping[str, Any], path: FieldPath, key: tuple[str | int, ...]) -> Iterator[Text]:
    for name, value in fields.items():
        if name in _NOT_TEXT or value is None:
            continue
        if isinstance(value, str):
            if value:
                yield Text(path + (name,), key + (name,), value)
        elif isinstance(value, tuple | list):
            for i, item in enumerate(value):
                if isinstance(item, str):
                    yield Text(path + (name, i), key + (name, i), item)
                elif isinstance(item, Mapping):
                    item_key = item.get("id") or i
                    yield from _walk(item, path + (name, i), key + (name, item_key))


def _is_sentence_text(text: Text) -> bool:
    last = text.path[-1] if not isinstance(text.path[-1], int) else text.path[-2]
    return last not in _PRESENTER and last not in _LABELS


# --- contrast -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TextOnColour:
    """Words of one colour drawn on another (Theme.qml's names), and where a user sees them."""

    where: str
    text: str
    background: str
    body: bool  # running text, read as sentences (7:1 wanted), rather than a heading or a button's label


# What the pages draw with the pack's accent (read from the QML: PageHost, TipsPage, TapButton, LawPage,
# PlanPage, HelpPage, PosterPage, NavBar, FeedbackRow). tests/core/test_checks.py holds THEMES to Theme.qml.
ACCENT_USES = (
    TextOnColour("page titles in the coloured band", "paper", "accent", body=False),
    TextOnColour("a tip's words in its coloured box", "paper", "accent", body=True),
    TextOnColour("button labels and tip numbers", "paper", "accent", body=False),
    TextOnColour("headings, link names and plan titles on white", "accent", "paper", body=False),
    TextOnColour("outlined buttons and the tap hint on the page background", "accent", "surface", body=False),
)
THEMES: Mapping[str, Mapping[str, str]] = {
    "normal": {"paper": "#ffffff", "surface": "#eef1f6"},
    "high contrast": {"paper": "#ffffff", "surface": "#ffffff", "accent": "#000000"},
}
CONTRAST_ERROR = ACCENT_MIN_CONTRAST  # WCAG 2.2 AA for words (validation refuses an accent below it too)
CONTRAST_BODY = 7.0  # WCAG 2.2 AAA: running text for readers with low vision


def check_contrast(pack: Pack, report: _Report) -> None:
    """Every text the pack's colour is part of, in normal and high-contrast modes: 4.5:1 at least (an error),
    7:1 for running text (a warning)."""
    for mode, theme in THEMES.items():
        colours = {"accent": pack.accent, **theme}
        for use in ACCENT_USES:
            ratio = contrast_ratio(colours[use.text], colours[use.background])
            shown = (
                f"{use.where} read at {ratio:.1f}:1 in {mode} mode ({colours[use.text]} on {colours[use.background]})"
            )
            if ratio < CONTRAST_ERROR:
                report.error(("pack", "accent"), f"{shown}; at least {CONTRAST_ERROR}:1 is needed: a darker accent")
            elif use.body and ratio < CONTRAST_BODY:
                report.warning(
                    ("pack", "accent"),
                    f"{shown}; running text should reach {CONTRAST_BODY:g}:1 for readers with low vision: "
                    "a darker accent",
                )


# --- descriptions ---------------------------------------------------------------------------------------------

# Words that say a picture is there, not what it shows.
_PLACEHOLDERS = frozenset(
    "image picture photo photograph panel comic drawing art artwork illustration graphic poster alt description "
    "todo tbd tbc xxx placeholder none n/a na".split()
)


def check_descriptions(pack: Pack, report: _Report) -> None:
    """Every picture and comic panel says what it shows, for screen readers (a file name or "image" does not)."""
    for n, page in enumerate(pack.pages):
        described: list[tuple[FieldPath, str, str]] = []
        if page.kind == "poster":
            described.append(
                (("pages", n, "image_alt"), page.data.get("image_alt") or "", page.data.get("image") or "")
            )
        for p, panel in enumerate(page.data.get("panels") or ()):
            described.append((("pages", n, "panels", p, "alt"), panel.get("alt") or "", panel.get("image") or ""))
        seen: dict[str, FieldPath] = {}
        for path, alt, picture in described:
            words = re.findall(r"\w+", alt.lower())
            stem = Path(picture).stem.lower()
            stem_words = set(re.findall(r"[^\W\d_]+|\d+", stem))
            if not words:
                report.error(path, "a screen reader has nothing to say about this picture: describe what it shows")
            elif alt.strip().lower() in (picture.lower(), Path(picture).name.lower(), stem) or all(
                w in _PLACEHOLDERS or w.isdigit() or w in stem_words for w in words
            ):
                report.error(
                    path, f"{alt!r} says a picture is there, not what it shows: describe it for screen readers"
                )
            elif alt.strip().lower() in seen:
                report.warning(
                    path,
                    f"is the same description as {_field_name(seen[alt.strip().lower()])}: "
                    "say what differs in this picture",
                )
            seen.setdefault(alt.strip().lower(), path)


# --- reading age ----------------------------------------------------------------------------------------------

READING_LANGUAGES = ("en", "de", "nl")  # what the readability library scores
READING_MIN_WORDS = 25  # fewer words of running text give no meaningful score
READING_SLACK_YEARS = 1  # the score's own uncertainty on short texts: warned only above the range by more
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"')\]\u2019\u201d]*\s+")
_TOKEN = re.compile(r"\w+(?:['\u2019\-]\w+)*|[^\w\s]")


def _tokenised(texts: Sequence[str]) -> str:
    """One sentence a line, tokens between spaces: what the readability library reads."""
    lines = []
    for text in texts:
        for sentence in _SENTENCE_END.split(text):
            tokens = _TOKEN.findall(sentence)
            if tokens:
                lines.append(" ".join(tokens))
    return "\n".join(lines)


def grade_level(texts: Sequence[str], language: str = "en") -> tuple[float, int]:
    """The Flesch-Kincaid grade level of some texts (a US school grade) and their number of words."""
    import readability  # only here: kiosk check, never the kiosk's start-up

    tokenised = _tokenised(texts)
    if not tokenised:
        return 0.0, 0
    measures = readability.getmeasures(tokenised, lang=language)
    return float(measures["readability grades"]["Kincaid"]), int(measures["sentence info"]["words"])


def reading_age(grade: float) -> int:
    """A US grade level as a reading age in years (grade 1 is read at 6 to 7)."""
    return round(grade + 5)


def check_reading_age(pack: Pack, report: _Report) -> None:
    """Each page the students see, scored with Flesch-Kincaid and warned about when its reading age is over
    the pack's `reading_age` (by more than the score's own uncertainty); the warning quotes the hardest
    sentence. Pages only for parents, headings, labels and the presenter's notes are not scored."""
    language = pack.language.split("-")[0].lower()
    if language not in READING_LANGUAGES:
        log.info("checks: reading age is not scored for language %r", pack.language)
        return
    low, high = pack.reading_age
    by_page: dict[int, list[Text]] = {}
    for text in pack_texts(pack):
        if text.path[0] == "pages" and _is_sentence_text(text):
            by_page.setdefault(int(text.path[1]), []).append(text)
    for n, page in enumerate(pack.pages):
        texts = by_page.get(n, [])
        if page.audience == "parents" or not texts:
            continue
        grade, words = grade_level([t.value for t in texts], language)
        age = reading_age(grade)
        if words < READING_MIN_WORDS or age <= high + READING_SLACK_YEARS:
            continue
        hardest = max(texts, key=lambda t: grade_level([t.value], language)[0])
        sentence = hardest.value if len(hardest.value) <= 90 else hardest.value[:87] + "..."
        report.warning(
            hardest.path,
            f"page {page.id!r} reads at about age {age} (Flesch-Kincaid grade {grade:.1f}), above its readers' "
            f"{low}-{high} ([pack] reading_age); its hardest text is here: {sentence!r}. Shorter sentences and "
            "everyday words bring it down",
        )


# --- links and phone numbers ------------------------------------------------------------------------------------


def _link_problem(url: str) -> str | None:
    """Why a web address is not one a phone can open as written, or None."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme != "https":
        return "links must start with https://"
    if parts.username or parts.password or "@" in parts.netloc:
        return "has a name before '@' in the address: the phone would open the site after the '@'"
    host = parts.hostname or ""
    labels = host.split(".")
    if len(labels) < 2 or any(not re.fullmatch(r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?", label) for label in labels):
        return f"{host!r} is not a web site's name"
    try:
        parts.port  # noqa: B018 - raises on a port that is not a number in range
    except ValueError:
        return "has a port that is not a number from 1 to 65535"
    if re.search(r"%(?![0-9A-Fa-f]{2})", url):
        return "has a '%' that is not followed by two hex digits"
    return None


def check_links(pack: Pack, report: _Report) -> None:
    """Every link is https and well formed (whether a phone reads its QR code: check_qr_reach)."""
    for n, page in enumerate(pack.pages):
        for k, link in enumerate(page.data.get("links") or ()):
            url = link.get("url") or ""
            bad = _link_problem(url)
            if bad:
                report.error(("pages", n, "links", k, "url"), f"is {url!r}; {bad}")


# The square each link's QR code gets on the help page at kiosk.core.qr_reach.CHECK_SIZE, as laid out by the real
# QML (kiosk.ui.fit): (page's index in pack.pages, link's index) -> {text scale: side in pixels}.
QrSquares = Mapping[tuple[int, int], Mapping[float, float]]


def check_qr_reach(pack: Pack, root: Path, squares: QrSquares) -> list[Finding]:
    """An error for each link whose QR code a phone 2 m from a 1024x768 screen cannot read, drawn in the square
    the help page gives it at each text size (kiosk.core.qr_reach: photographed, decoded)."""
    from kiosk.core import qr_reach

    report = _Report(Path(root))
    for (n, k), sides in sorted(squares.items()):
        path: FieldPath = ("pages", n, "links", k, "url")
        url = pack.pages[n].data["links"][k].get("url") or ""
        if _link_problem(url):  # check_links says why
            continue
        unread: list[tuple[float, qr_reach.Reach]] = []
        for scale, side in sorted(sides.items()):
            try:
                found = qr_reach.reach(url, side)
            except ImportError:
                report.warning(path, "its QR code was not test-read: the zxing-cpp package is not installed")
                return report.findings
            if not found.readable:
                unread.append((scale, found))
        if unread:
            scale, found = unread[0]
            also = "".join(f"; also at {s:.0%} text" for s, _ in unread[1:])
            report.error(
                path,
                f"a phone 2 m away cannot read this QR code: {found.describe(scale)}{also}, and about 2 are needed. "
                "A shorter address, or fewer links or phone numbers on this page, makes each code bigger",
            )
    return report.findings


def phone_problem(number: str) -> str | None:
    """Why `number` is not a UK phone number (short codes like 101, 999 and 116 123 are), or None."""
    import phonenumbers  # only here: kiosk check, never the kiosk's start-up
    from phonenumbers import shortnumberinfo

    digits = re.sub(r"\s+", "", number)
    try:
        parsed = phonenumbers.parse(digits, "GB")
    except phonenumbers.NumberParseException as error:
        return f"is not a phone number ({error})"
    if phonenumbers.is_valid_number_for_region(parsed, "GB") or shortnumberinfo.is_valid_short_number_for_region(
        parsed, "GB"
    ):
        return None
    return "is not a UK phone number or short code that exists: check the digits"


def check_phones(pack: Pack, report: _Report) -> None:
    for n, page in enumerate(pack.pages):
        for k, phone in enumerate(page.data.get("phones") or ()):
            bad = phone_problem(phone.get("number") or "")
            if bad:
                report.error(("pages", n, "phones", k, "number"), f"{phone.get('number')!r} {bad}")


# --- the campaign's own words ------------------------------------------------------------------------------------

_QUOTE_MARKS = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})


def normalised(text: str) -> str:
    """Text as it is compared with the sources: one space for any run of whitespace, straight quotes, lower case."""
    return re.sub(r"\s+", " ", text.translate(_QUOTE_MARKS)).strip().lower()


def read_sources(folder: Path) -> str:
    """The campaign's source texts (every *.txt in `folder`), joined and normalised."""
    files = sorted(Path(folder).glob("*.txt"))
    if not files:
        raise FileNotFoundError(f"{folder}: no source texts (*.txt) in this folder")
    return " ".join(normalised(read_text(f, PACK_FILE_MAX_BYTES * 8)) for f in files)


def sourced_items(pack: Pack) -> Iterator[tuple[FieldPath, str, str]]:
    """What must come from the campaign's sources: (where, what it is, the words to find). Web addresses without
    https:// and a final slash; phone numbers as written; quotes: an info page's quote, a poster's subtitle when
    it names who said it, and the tips (the campaign's own words)."""
    for n, page in enumerate(pack.pages):
        for k, link in enumerate(page.data.get("links") or ()):
            bare = str(link.get("url") or "").removeprefix("https://").rstrip("/")
            yield ("pages", n, "links", k, "url"), "web address", bare
        for k, phone in enumerate(page.data.get("phones") or ()):
            yield ("pages", n, "phones", k, "number"), "phone number", str(phone.get("number") or "")
        if page.data.get("quote"):
            yield ("pages", n, "quote"), "quote", page.data["quote"]
        if page.kind == "poster" and page.data.get("attribution") and page.data.get("subtitle"):
            yield ("pages", n, "subtitle"), "quote", page.data["subtitle"]
        for k, tip in enumerate(page.data.get("tips") or ()):
            yield ("pages", n, "tips", k, "text"), "quote", str(tip.get("text") or "")


def unsourced(pack: Pack, sources: str) -> Iterator[tuple[FieldPath, str, str]]:
    """The items of `sourced_items` not found in `sources` (as read_sources gives them); a quote may drop its
    final full stop (it may end a sentence on screen but not in the source)."""
    for path, what, words in sourced_items(pack):
        if normalised(words).rstrip(".") not in sources:
            yield path, what, words


def check_sources(pack: Pack, folder: Path, report: _Report) -> None:
    try:
        sources = read_sources(folder)
    except OSError as error:
        report.error(("pack",), f"the campaign sources could not be read: {error}")
        return
    for path, what, words in unsourced(pack, sources):
        shown = words if len(words) <= 80 else words[:77] + "..."
        report.error(
            path, f"this {what} is not in the campaign's source texts ({folder}): {shown!r}; copy it word for word"
        )


# --- translations -------------------------------------------------------------------------------------------------

TRANSLATION_SAME_WORDS = 4  # a text this long that is word for word the original's was probably not translated


def original_folder(pack: Pack, root: Path) -> Path | None:
    """The folder of the pack this one translates: beside it, else a built-in pack of that name."""
    beside = Path(root).resolve().parent / pack.translation_of
    if (beside / PACK_FILE).is_file():
        return beside
    builtin = paths.builtin_packs_dir() / pack.translation_of
    return builtin if (builtin / PACK_FILE).is_file() else None


def check_translation(pack: Pack, root: Path, report: _Report) -> None:
    """A translation (`translation_of` in [pack]) has every text of its original, and no text it lacks."""
    if not pack.translation_of:
        return
    where: FieldPath = ("pack", "translation_of")
    folder = original_folder(pack, root)
    if folder is None:
        report.error(where, f"no pack {pack.translation_of!r} beside this one ({Path(root).resolve().parent})")
        return
    if folder.resolve() == Path(root).resolve():
        report.error(where, "names this pack itself; name the pack it translates")
        return
    original, problems = validate(folder)
    if original is None:
        report.error(where, f"the original ({folder}) has {len(problems)} problem(s): run kiosk check on it first")
        return
    if original.language == pack.language:
        report.error(
            ("pack", "language"), f"is {pack.language!r}, the same as the original's: set this pack's language"
        )
    theirs = {t.key: t for t in pack_texts(original)}
    ours = {t.key: t for t in pack_texts(pack)}
    page_paths: dict[tuple[str | int, ...], FieldPath] = {
        ("pages", page.id): ("pages", n) for n, page in enumerate(pack.pages)
    }
    for key, text in theirs.items():
        if key in ours:
            same = normalised(ours[key].value) == normalised(text.value)
            if same and len(text.value.split()) >= TRANSLATION_SAME_WORDS:
                report.warning(ours[key].path, f"is word for word the original's ({original.id}): not translated yet?")
            continue
        nearest = page_paths.get(tuple(key[:2]), where)
        here = nearest + tuple(key[2:]) if nearest != where else where
        shown = text.value if len(text.value) <= 60 else text.value[:57] + "..."
        report.error(
            _best_path(here, nearest),
            f"missing in this translation: the original ({original.id}) has {_field_name(text.path)} = {shown!r}",
        )
    for key, text in ours.items():
        if key not in theirs:
            report.error(text.path, f"is not in the original ({original.id}): a translation has the same texts")


def _best_path(path: FieldPath, fallback: FieldPath) -> FieldPath:
    """A path whose ids (a tip's, an option's) are not this file's indexes is named by its page instead."""
    return path if all(isinstance(p, int) or i % 2 == 0 for i, p in enumerate(path)) else fallback


# --- dates ----------------------------------------------------------------------------------------------------

EXPIRY_SOON_DAYS = 30


def check_dates(pack: Pack, today: date, report: _Report) -> None:
    """A pack about to go out of date is warned about (a kiosk falls back by itself on the day after)."""
    if pack.valid_until is None:
        return
    days = (pack.valid_until - today).days
    path: FieldPath = ("pack", "valid_until")
    if days < 0:
        report.error(path, f"the pack went out of date on {pack.valid_until.isoformat()}: no kiosk will show it")
    elif days <= EXPIRY_SOON_DAYS:
        when = "today" if days == 0 else ("tomorrow" if days == 1 else f"in {days} days")
        report.warning(
            path,
            f"the pack goes out of date {when} ({pack.valid_until.isoformat()}): publish a new version before then",
        )
