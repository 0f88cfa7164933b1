"""`kiosk new`: start a pack from something, not from an empty file.

A communications officer or a safeguarding lead starts from a built-in campaign (its texts all come from a police
force's own documents) or from a blank pack with one page of every kind, and edits it. The new pack.toml explains
every field where it first appears, with its limits; the limits are written from the pack's own rules
(kiosk.core.pack's `Rule.limits`, which kiosk.core.limits feeds), so the comments say what `kiosk check`
enforces and cannot drift from it. Fields a table may also have are shown commented out, ready to use.

The pack is made in a hidden folder beside the target and renamed into place once it is complete and valid,
so a failure leaves nothing half-made; a folder that holds anything is never written into.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import tempfile
import textwrap
import tomllib
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from kiosk.core import paths
from kiosk.core.files import read_bytes, read_text, sync_folder
from kiosk.core.limits import IDLE_TIMEOUT, IMAGE_MAX_BYTES, PACK_FILE_MAX_BYTES, PAGE_DURATION
from kiosk.core.pack import (
    COMMON,
    DEFAULT_FEEDBACK,
    FEEDBACK,
    KINDS,
    PACK_FILE,
    PACK_SCHEMA,
    Items,
    Rule,
    validate,
)

log = logging.getLogger(__name__)

BLANK = "blank"
COMMENT_WIDTH = 116


class NewPackError(Exception):
    """A pack that was not made; the message names the folder and says why."""


def templates() -> tuple[str, ...]:
    """What a pack can start from: each built-in pack, and a blank one."""
    return (*paths.builtin_pack_names(), BLANK)


# --- what each field is for ---------------------------------------------------------------------------------------
# Keyed by where the field lives: "pack.X" ([pack]), "pages.X" (every page), "KIND.X" (a page of that kind),
# "KIND.ITEMS.X" (its [[pages.ITEMS]] tables), "feedback.X". The limits come from the rules, not from here.

PURPOSES: Mapping[str, str] = {
    "pack": "what the pack is and who it speaks for",
    "pack.id": "the pack's short name, used for its folder, its bundles and the kiosk's counts",
    "pack.name": "the campaign's name, shown on the staff screen",
    "pack.organisation": "who speaks, e.g. a police force; shown with the campaign",
    "pack.language": "the language the texts are written in, as a code (en, cy, pl ...); one pack per language",
    "pack.idle_timeout": "seconds without a touch before the kiosk goes back to its loop",
    "pack.default_duration": "seconds a page stays on screen in the loop when the page gives no duration",
    "pack.accent": "the pack's colour: buttons and headings; white words sit on it, so it must be dark",
    "pack.version": "raise it by one for every bundle you publish: kiosks take the highest version they trust",
    "pack.publisher": "who signs the pack's bundles, as a kiosk's staff screen shows it (default: organisation)",
    "pack.valid_from": "the first day a kiosk may show the pack's bundle",
    "pack.valid_until": "the last day it may be shown, so an out-of-date number stops being shown by itself",
    # Fields issue 18's checks add to [pack] (kiosk/core/checks.py): explained here so that a merge finds them ready.
    "pack.reading_age": "the students' reading age the texts are written for; kiosk check warns about harder pages",
    "pack.translation_of": "for a translation: the pack it translates (a folder beside this one, or a built-in "
    "pack's name); kiosk check then wants every text in both",
    "pages": "one table per page, in the loop's order; every page has the fields below, and its kind adds more",
    "pages.id": "the page's short name, unique in the pack (counts and links use it)",
    "pages.kind": "what sort of page this is",
    "pages.title": "the page's heading",
    "pages.duration": "seconds the page stays on screen in the loop (a story's panels share them)",
    "pages.notes": "speaker notes for whoever presents the page in an assembly (only the presenter sees them)",
    "pages.questions": "questions for a class to discuss, shown to the presenter",
    "pages.audience": "which loops show the page: students, parents (the parents' evening loop) or all",
    "poster.subtitle": "the line under the title",
    "poster.image": "the poster's picture",
    "poster.image_alt": "what the picture shows, read out by screen readers",
    "poster.call_to_action": "the button's words that start a visit",
    "poster.attribution": "who said the subtitle, when it is a quote",
    "story.intro": "one line that sets the scene above the comic",
    "story.panels": "the comic's panels, shown one by one (picture 1200x900; keep its top 40 % calm for bubbles)",
    "story.panels.image": "the panel's picture",
    "story.panels.alt": "what the panel shows, read out by screen readers",
    "story.panels.caption": "the words under the panel",
    "story.panels.bubbles": "speech bubbles drawn over the panel",
    "story.panels.bubbles.text": "the words in the bubble",
    "story.panels.bubbles.speaker": "who says them; screen readers read it out",
    "story.panels.bubbles.x": "the bubble's left edge, as a fraction of the panel's width",
    "story.panels.bubbles.y": "the bubble's top edge, as a fraction of the panel's height",
    "story.panels.bubbles.width": "the bubble's width, as a fraction of the panel's width (x + width at most 1)",
    "story.panels.bubbles.tail_x": "where the bubble's tail points (the speaker's mouth or phone), across",
    "story.panels.bubbles.tail_y": "where the bubble's tail points, down",
    "story.panels.bubbles.style": "the bubble's shape: speech, thought, or message (a message on a phone)",
    "info.body": "the page's paragraphs",
    "info.quote": "a quote shown large beside the paragraphs, word for word from its source",
    "info.quote_by": "who said the quote",
    "tips.intro": "one line above the tips",
    "tips.tips": "the tips, as tiles that open a page each",
    "tips.tips.id": "the tip's short name, unique on the page",
    "tips.tips.title": "the tile's label",
    "tips.tips.text": "the tip itself, word for word from your source",
    "tips.tips.why": "why it matters",
    "tips.tips.todo": "what to do",
    "law.intro": "one line above the points",
    "law.points": "what the law says, one point each",
    "law.points.heading": "the point in a few words",
    "law.points.text": "what it means, in plain words",
    "plan.intro": "one line that asks the visitor to make a plan",
    "plan.summary_title": "the heading over the choices the visitor made",
    "plan.options": "the choices a visitor can add to their plan (never stored; counted only when counting is on)",
    "plan.options.id": "the choice's short name, unique on the page (the anonymous counts use it)",
    "plan.options.label": "the choice's words on its button",
    "plan.options.detail": "what the choice means, shown when it is picked",
    "plan.options.icon": "the choice's picture",
    "help.intro": "one line above the help routes",
    "help.links": "web addresses, each shown as a QR code with the address printed under it",
    "help.links.label": "who they are",
    "help.links.url": "the web address",
    "help.links.note": "what they help with",
    "help.phones": "phone numbers",
    "help.phones.label": "who they are",
    "help.phones.number": "the number",
    "help.phones.note": "when to call",
    "feedback": "the tap question at the end of a visit (without [[feedback]], the kiosk asks its two standard ones)",
    "feedback.id": "the question's short name, counted with its answers",
    "feedback.question": "the question: ask about the campaign, never about the visitor's own experiences",
    "feedback.after": "when to ask: after any visit, or (plan) only after a visit reached the plan page",
    "feedback.answers": "the answer buttons",
    "feedback.answers.id": "the answer's short name, counted",
    "feedback.answers.label": "the button's words",
    "feedback.answers.icon": "the button's face",
}

KIND_PURPOSES: Mapping[str, str] = {
    "poster": "a poster: the campaign's main message with a picture, and a button that starts a visit",
    "story": "a comic: panels with captions and speech bubbles, revealed one by one",
    "info": "a page of facts: paragraphs and a quote",
    "tips": "tips as tiles; each opens a page with why it matters and what to do",
    "law": "what the law says, point by point",
    "plan": "make your plan: the visitor picks the choices they would make",
    "help": "help and report routes: web addresses as QR codes, and phone numbers (at least one of either)",
}

# Values shown in a commented-out field when its rule has no default to show.
EXAMPLES: Mapping[str, Any] = {
    "pack.publisher": "",
    "pack.valid_from": date(2026, 9, 1),
    "pack.valid_until": date(2027, 7, 31),
    "pages.duration": PAGE_DURATION.default,
    "pages.questions": ["", "", ""],
    "pack.reading_age": "11-14",
    "pack.translation_of": "cumbria",
}


@dataclass(frozen=True)
class Field:
    """One field of the schema where it lives ("KIND.ITEMS.X"), with its rule."""

    name: str
    key: str
    rule: Rule | Items


def _fields_of(prefix: str, schema: Mapping[str, Rule | Items]) -> Iterator[Field]:
    for key, rule in schema.items():
        yield Field(f"{prefix}.{key}", key, rule)
        if isinstance(rule, Items):
            yield from _fields_of(f"{prefix}.{key}", rule.schema)


def schema_fields() -> Iterator[Field]:
    """Every field of the pack schema, nested ones included, named as PURPOSES names them."""
    yield from _fields_of("pack", PACK_SCHEMA)
    yield from _fields_of("pages", COMMON)
    for kind, schema in KINDS.items():
        yield from _fields_of(kind, schema)
    yield Field("feedback", "feedback", FEEDBACK)
    yield from _fields_of("feedback", FEEDBACK.schema)


def describe(name: str, rule: Rule | Items) -> str:
    """A field's comment: what it is for, then what it may be (from its rule)."""
    purpose = PURPOSES.get(name, "")
    if isinstance(rule, Items):
        count = f"{rule.min} to {rule.max} of these" + (", required" if rule.required else "")
        return f"{purpose}. {count[0].upper()}{count[1:]}." if purpose else f"{count}."
    need = "Required" if rule.required else "Optional"
    if not rule.required and isinstance(rule.default, str | int | float) and rule.default != "":
        need += f" (default {_value(rule.default)})"  # a default held in another form (a range) is not shown
    limits = f"; {rule.limits}" if rule.limits else ""
    return f"{purpose}. {need}{limits}." if purpose else f"{need}{limits}."


# --- writing pack.toml ----------------------------------------------------------------------------------------------


_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")


def _key(key: str) -> str:
    import tomlkit

    return key if _BARE_KEY.fullmatch(key) else tomlkit.key(key).as_string()


def _value(value: Any) -> str:
    """A value as TOML text; lists of texts one item a line, texts with line breaks as multiline strings."""
    import tomlkit

    if isinstance(value, str):
        if "\n" in value:
            multi = tomlkit.string(value, multiline=True).as_string()
            if tomllib.loads(f"v = {multi}")["v"] == value:
                return multi
        return tomlkit.string(value).as_string()
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple) and value and all(isinstance(v, str) for v in value):
        return "[\n" + "".join(f"  {_value(v)},\n" for v in value) + "]"
    return str(tomlkit.item(value).as_string())


def _is_tables(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)


class _Writer:
    """pack.toml from a pack's data, each field explained where it first appears (or could)."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.explained: set[str] = set()

    def comment(self, text: str, example: bool = False) -> None:
        lead = "# " if not example else "#   "
        for line in textwrap.wrap(text, COMMENT_WIDTH, break_long_words=False, break_on_hyphens=False):
            self.lines.append(f"{lead}{line}")

    def explain(self, name: str, rule: Rule | Items, label: str, example: bool = False) -> None:
        if name in self.explained:
            return
        self.explained.add(name)
        self.comment(f"{label}: {describe(name, rule)}", example)

    def table(self, header: str, raw: Mapping[str, Any], fields: Mapping[str, Field], example: bool = False) -> None:
        """One table: its keys, the fields it may also have (commented out), then its own tables."""
        self.lines.append(("# " if example else "") + header)
        path = header.strip("[]")
        for key, value in raw.items():
            if isinstance(value, dict) or _is_tables(value):
                continue
            if key in fields:
                self.explain(fields[key].name, fields[key].rule, key, example)
            for n, line in enumerate(f"{_key(key)} = {_value(value)}".split("\n")):
                self.lines.append(("# " if example else "") + line if n == 0 or example else line)
        for key, spec in fields.items():
            if key in raw or spec.name in self.explained:
                continue
            if isinstance(spec.rule, Items):
                self.example_tables(f"{path}.{key}", spec)
                continue
            self.explain(spec.name, spec.rule, key, example)
            shown = EXAMPLES.get(spec.name, spec.rule.default)
            shown = "" if shown is None else shown
            self.lines.extend("# " + line for line in f"{_key(key)} = {_value(shown)}".split("\n"))
        for key, value in raw.items():
            if isinstance(value, dict):
                self.lines.append("")
                self.table(f"[{path}.{_key(key)}]", value, {}, example)
            elif _is_tables(value):
                nested = fields.get(key)
                inner = _inner_fields(nested)
                for item in value:
                    self.lines.append("")
                    if nested is not None:
                        self.explain(nested.name, nested.rule, f"[[{path}.{key}]]", example)
                    self.table(f"[[{path}.{_key(key)}]]", item, inner, example)

    def example_tables(self, path: str, spec: Field) -> None:
        """A commented-out table for an array of tables the pack does not use yet, every field explained."""
        assert isinstance(spec.rule, Items)
        self.lines.append("")
        self.explain(spec.name, spec.rule, f"[[{path}]] (remove the '# ' to use one)")
        sample = {k: _sample(r) for k, r in spec.rule.schema.items() if isinstance(r, Rule)}
        self.table(f"[[{path}]]", sample, _inner_fields(spec), example=True)


def _inner_fields(spec: Field | None) -> dict[str, Field]:
    if spec is None or not isinstance(spec.rule, Items):
        return {}
    return {key: Field(f"{spec.name}.{key}", key, rule) for key, rule in spec.rule.schema.items()}


def _sample(rule: Rule) -> Any:
    return "" if rule.default in (None, ()) else rule.default


def _page_fields(kind: str) -> dict[str, Field]:
    fields = {key: Field(f"pages.{key}", key, rule) for key, rule in COMMON.items()}
    fields.update({key: Field(f"{kind}.{key}", key, rule) for key, rule in KINDS.get(kind, {}).items()})
    return fields


def pack_toml(raw: Mapping[str, Any], header: str) -> str:
    """The text of a pack.toml holding `raw`, with `header` and every field explained."""
    out = _Writer()
    for paragraph in header.strip().split("\n\n"):
        out.comment(" ".join(paragraph.split()))
        out.lines.append("#")
    out.lines[-1] = ""
    out.comment(f"[pack]: {PURPOSES['pack']}.")
    pack_fields = {key: Field(f"pack.{key}", key, rule) for key, rule in PACK_SCHEMA.items()}
    out.table("[pack]", raw.get("pack", {}), pack_fields)
    for n, page in enumerate(raw.get("pages", [])):
        out.lines += ["", "# " + "-" * (COMMENT_WIDTH - 2)]
        if n == 0:
            out.comment(f"[[pages]]: {PURPOSES['pages']}.")
        kind = page.get("kind")
        if isinstance(kind, str) and kind in KIND_PURPOSES and f"kind:{kind}" not in out.explained:
            out.explained.add(f"kind:{kind}")
            out.comment(f'kind = "{kind}": {KIND_PURPOSES[kind]}.')
        out.table("[[pages]]", page, _page_fields(str(kind)))
    feedback = Field("feedback", "feedback", FEEDBACK)
    if _is_tables(raw.get("feedback")):
        for question in raw["feedback"]:
            out.lines.append("")
            out.explain("feedback", FEEDBACK, "[[feedback]]")
            out.table("[[feedback]]", question, _inner_fields(feedback))
    else:
        out.lines += ["", "# " + "-" * (COMMENT_WIDTH - 2)]
        out.explain("feedback", FEEDBACK, "[[feedback]] (remove the '# ' to use these)")
        for question in DEFAULT_FEEDBACK:
            answers = [{"id": a.id, "label": a.label, "icon": a.icon} for a in question.answers]
            sample = {"id": question.id, "question": question.question, "after": question.after, "answers": answers}
            out.lines.append("")
            out.table("[[feedback]]", sample, _inner_fields(feedback), example=True)
    for key in raw:
        if key not in ("pack", "pages", "feedback"):  # a section the schema does not know: kept as it was
            out.lines.append("")
            value = raw[key]
            if isinstance(value, dict):
                out.table(f"[{_key(key)}]", value, {})
            elif _is_tables(value):
                for item in value:
                    out.table(f"[[{_key(key)}]]", item, {})
    return "\n".join(out.lines).rstrip("\n") + "\n"


# --- the new pack ---------------------------------------------------------------------------------------------------


def pack_id(folder: Path) -> str:
    """The id a pack in `folder` gets: its name in lower-case letters, digits and '-' (accents dropped)."""
    name = unicodedata.normalize("NFKD", folder.name).encode("ascii", "ignore").decode("ascii").lower()
    slug = re.sub(r"[^a-z0-9]+", "-", name).strip("-")[:40].rstrip("-")
    if not slug:
        raise NewPackError(
            f"{folder}: the folder's name gives the pack its id (letters, digits and '-'), and {folder.name!r} "
            "has none; choose a name like my-campaign"
        )
    return slug


def _images(raw: Any) -> Iterator[str]:
    """Every picture a pack's data names (any `image` field, at any depth)."""
    if isinstance(raw, dict):
        for key, value in raw.items():
            if key == "image" and isinstance(value, str):
                yield value.strip().replace("\\", "/")
            else:
                yield from _images(value)
    elif isinstance(raw, list):
        for value in raw:
            yield from _images(value)


def _origin(template: str, raw: Mapping[str, Any], folder: Path) -> str:
    today = date.today().isoformat()
    made = f"A campaign pack for the kiosk, made with `kiosk new {folder.name} --from {template}` on {today}."
    if template == BLANK:
        start = (
            "Every text in [square brackets] is a placeholder: replace each one with your campaign's words, and "
            "each picture in art/ with your own (keep its name, or change the image field). The help page's "
            "routes are real UK ones (Childline, CEOP, 101, 999, CrimeStoppers): keep them, or put your own."
        )
    else:
        who = raw.get("pack", {}).get("organisation", template)
        start = (
            f"It starts as a copy of the built-in '{template}' pack ({who}). Every claim, phone number and web "
            "address in it comes from the campaign's own texts; keep it that way for whatever you change, and "
            "check it against your sources with `kiosk check FOLDER --sources DIR`."
        )
    how = (
        "Every field is explained where it first appears, with its limits; a field a table may also have is shown "
        "commented out: remove the '# ' to use it. After a change run `kiosk check FOLDER`, or keep `kiosk studio "
        "FOLDER` open to see every page at every screen size as you save. The format: docs/pack-format.md; a "
        "walk-through: docs/authoring.md."
    )
    return f"{made}\n\n{start}\n\n{how}"


def new_pack(folder: Path, template: str = BLANK) -> Path:
    """Make a complete, valid pack in `folder` (missing or empty) from `template`; returns its pack.toml."""
    folder = Path(folder)
    if template not in templates():
        raise NewPackError(f"--from {template!r}: no such pack to start from; choose one of {', '.join(templates())}")
    _check_empty(folder)
    where = folder.resolve()  # "." and "..": the folder they name
    pid = pack_id(where)
    if template == BLANK:
        raw = blank_pack(pid)
        art = {path: placeholder_svg(*size) for path, size in BLANK_ART.items()}
    else:
        source = paths.builtin_packs_dir() / template
        raw = tomllib.loads(read_text(source / PACK_FILE, PACK_FILE_MAX_BYTES))
        raw["pack"]["id"] = pid
        raw["pack"]["version"] = 1  # a new pack's first bundle
        art = {rel: read_bytes(source / rel, IMAGE_MAX_BYTES) for rel in dict.fromkeys(_images(raw))}
    text = pack_toml(raw, _origin(template, raw, folder))
    if tomllib.loads(text) != raw:  # the writer must say exactly what the template holds
        raise NewPackError(f"{folder}: the new pack.toml does not hold what '{template}' does (a bug; please report)")
    where.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{where.name}.", suffix=".new", dir=where.parent))
    try:
        made = work / "pack"
        made.mkdir()  # with the usual permissions (the temporary folder around it is private)
        for rel, data in art.items():
            (made / rel).parent.mkdir(parents=True, exist_ok=True)
            _write_new(made / rel, data)
        _write_new(made / PACK_FILE, text.encode("utf-8"))
        _, problems = validate(made)
        if problems:
            listed = "; ".join(str(p).replace(str(made), str(folder)) for p in problems[:5])
            raise NewPackError(f"{folder}: the new pack would not pass `kiosk check` (a bug; please report): {listed}")
        _check_empty(folder)
        if where.is_dir():  # an empty folder the author made (or is in): filled, pictures first, pack.toml last
            for entry in sorted(made.iterdir(), key=lambda entry: entry.name == PACK_FILE):
                os.rename(entry, where / entry.name)
            sync_folder(where)
        else:
            os.rename(made, where)
            sync_folder(where.parent)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    log.info("pack_new: made %s from %s", where, template)
    return folder / PACK_FILE


def _write_new(path: Path, data: bytes) -> None:
    """A new file, synced to disk before the folder holding it is renamed into place (the usual permissions: the
    author's own file, not a private one as atomic_write's temporary files are)."""
    with open(path, "xb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())


def _check_empty(folder: Path) -> None:
    if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
        raise NewPackError(f"{folder}: is not a folder; give a new folder's name")
    if folder.is_dir() and any(folder.iterdir()):
        raise NewPackError(f"{folder}: is not empty; kiosk new never writes over anything (give a new folder)")


# --- the blank pack -------------------------------------------------------------------------------------------------

BLANK_ART: Mapping[str, tuple[int, int]] = {
    "art/poster.svg": (1000, 1000),
    "art/panel-1.svg": (1200, 900),
    "art/panel-2.svg": (1200, 900),
}


def placeholder_svg(width: int, height: int) -> bytes:
    """A picture that reads as a placeholder: a grey card with a dashed edge and a picture sign, no words (words
    come from the pack, in its language). The sign sits low, so a panel's top 40 % stays calm for bubbles."""
    side = min(width, height) * 0.36
    x, y = (width - side) / 2, height * 0.92 - side
    inset = side * 0.1  # the hills stay inside the frame's rounded corners

    def at(across: float, down: float) -> str:
        return f"{x + inset + (side - 2 * inset) * across:.0f} {y + inset + (side - 2 * inset) * down:.0f}"

    peak = f"M{at(0, 1)} L{at(0.35, 0.42)} L{at(0.6, 0.75)} L{at(0.78, 0.55)} L{at(1, 1)} Z"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}">',
        f'  <rect x="0" y="0" width="{width}" height="{height}" fill="#e4e8ee"/>',
        f'  <rect x="24" y="24" width="{width - 48}" height="{height - 48}" fill="none" stroke="#7a8699" '
        'stroke-width="10" stroke-dasharray="48 28"/>',
        f'  <rect x="{x:.0f}" y="{y:.0f}" width="{side:.0f}" height="{side:.0f}" rx="24" fill="#c9d0da" '
        'stroke="#7a8699" stroke-width="10"/>',
        f'  <circle cx="{x + side * 0.7:.0f}" cy="{y + side * 0.28:.0f}" r="{side * 0.1:.0f}" fill="#7a8699"/>',
        f'  <path d="{peak}" fill="#7a8699"/>',
        "</svg>",
    ]
    return ("\n".join(parts) + "\n").encode("ascii")


def _questions(topic: str) -> list[str]:
    return [f"[A question about {topic} for a class to discuss]", "[Another question]", "[A third question]"]


def blank_pack(pid: str) -> dict[str, Any]:
    """A small pack with one page of every kind (and one for parents), every text a placeholder to replace."""
    notes = "[What a presenter could say about this page: a few sentences from your sources.]"
    return {
        "pack": {
            "id": pid,
            "name": "[Your campaign's name]",
            "organisation": "[Your organisation]",
            "language": "en",
            "idle_timeout": int(IDLE_TIMEOUT.default),
            "default_duration": int(PAGE_DURATION.default),
            "accent": "#1d4e89",
            "version": 1,
        },
        "pages": [
            {
                "id": "poster",
                "kind": "poster",
                "audience": "all",
                "title": "[Your main message]",
                "subtitle": "[One sentence that says why it matters]",
                "attribution": "[Who said it, and their role]",
                "call_to_action": "[Tap to find out more]",
                "image": "art/poster.svg",
                "image_alt": "[What the poster's picture shows, for someone who cannot see it]",
                "notes": notes,
                "questions": _questions("the message"),
            },
            {
                "id": "for-parents",
                "kind": "info",
                "audience": "parents",
                "title": "[For parents and carers]",
                "body": ["[What parents and carers should know, from your sources]", "[What they can do]"],
                "quote": "[A quote for parents, word for word from your sources]",
                "quote_by": "[Who said it, and their role]",
            },
            {
                "id": "story",
                "kind": "story",
                "title": "[The story's title]",
                "intro": "[One line that sets the scene]",
                "panels": [
                    {
                        "image": "art/panel-1.svg",
                        "alt": "[What the first panel shows]",
                        "caption": "[What happens first]",
                        "bubbles": [
                            {"text": "[What they say]", "speaker": "[Name]", "x": 0.05, "y": 0.05, "width": 0.4}
                        ],
                    },
                    {
                        "image": "art/panel-2.svg",
                        "alt": "[What the second panel shows]",
                        "caption": "[What happens next]",
                        "bubbles": [
                            {
                                "text": "[A message on a phone]",
                                "speaker": "[Name]",
                                "x": 0.55,
                                "y": 0.05,
                                "width": 0.4,
                                "style": "message",
                            }
                        ],
                    },
                ],
            },
            {
                "id": "facts",
                "kind": "info",
                "title": "[A page of facts]",
                "body": ["[A paragraph of facts from your sources]", "[Another paragraph]"],
                "quote": "[A quote, word for word from your sources]",
                "quote_by": "[Who said it, and their role]",
            },
            {
                "id": "tips",
                "kind": "tips",
                "audience": "all",
                "title": "[Tips to stay safe]",
                "intro": "[Tap a tip to find out why it matters]",
                "tips": [
                    {
                        "id": f"tip-{n}",
                        "title": f"[Tip {n} in a few words]",
                        "text": f"[Tip {n}, word for word from your sources]",
                        "why": "[Why it matters]",
                        "todo": "[What to do]",
                    }
                    for n in (1, 2, 3)
                ],
            },
            {
                "id": "law",
                "kind": "law",
                "title": "[What the law says]",
                "intro": "[One line about the law]",
                "points": [
                    {"heading": f"[Point {n} in a few words]", "text": "[What it means, in plain words]"}
                    for n in (1, 2)
                ],
            },
            {
                "id": "plan",
                "kind": "plan",
                "title": "[Make your plan]",
                "intro": "[What would you do if someone asked you?]",
                "summary_title": "[My plan]",
                "options": [
                    {"id": "say-no", "label": "[A choice]", "detail": "[What this choice means]", "icon": "block"},
                    {"id": "tell", "label": "[Another choice]", "detail": "[What it means]", "icon": "adult"},
                    {"id": "report", "label": "[A third choice]", "detail": "[What it means]", "icon": "report"},
                ],
            },
            {
                "id": "help",
                "kind": "help",
                "audience": "all",
                "title": "Get help and report",
                "intro": "[Who to contact, and when]",
                "links": [
                    {"label": "Childline", "url": "https://www.childline.org.uk/", "note": "Support for young people"},
                    {
                        "label": "CEOP Safety Centre",
                        "url": "https://www.ceop.police.uk/safety-centre/",
                        "note": "Advice on keeping safe online",
                    },
                ],
                "phones": [
                    {"label": "Police", "number": "101", "note": "To report a crime or information"},
                    {"label": "Emergency", "number": "999", "note": "Always dial 999 in an emergency"},
                    {"label": "CrimeStoppers", "number": "0800 555 111", "note": "Completely anonymously"},
                ],
            },
        ],
    }
