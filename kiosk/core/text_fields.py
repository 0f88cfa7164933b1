"""Which pack.toml field a text on screen comes from: the studio's click-to-edit and the layout fit findings.

The kiosk shows a pack's texts as they were validated (kiosk.core.pack strips them), one field each, so a text on
screen is found by its value among the fields of the page on screen, then of the other pages, then of [pack]. The
answer is a FieldPath as kiosk.core.pack names fields (("pages", 3, "tips", 1, "title")), which is what
kiosk.core.pack_edit.set_text writes and what a Problem or a Finding names with its line.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from kiosk.core.files import read_text
from kiosk.core.limits import PACK_FILE_MAX_BYTES
from kiosk.core.pack import PACK_FILE, FieldPath, Pack, Page, _field_name
from kiosk.core.tomllines import LineIndex

log = logging.getLogger(__name__)

# Fields whose strings are names, ids or choices, never words shown to a reader.
NOT_SHOWN = frozenset({"id", "kind", "audience", "image", "icon", "style", "after"})
PACK_TEXTS = ("name", "organisation")


@dataclass(frozen=True)
class Place:
    """A field located for a human editor: pack.toml, its line and its name (as a Problem names them)."""

    path: FieldPath
    file: str
    line: int
    field: str


def _texts(value: Any, path: FieldPath) -> Iterator[tuple[FieldPath, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, tuple | list):
        for n, item in enumerate(value):
            yield from _texts(item, path + (n,))
    elif isinstance(value, Mapping):
        for key, item in value.items():
            if key not in NOT_SHOWN:
                yield from _texts(item, path + (key,))


def page_texts(pack: Pack, index: int) -> list[tuple[FieldPath, str]]:
    """Every reader-facing text of the pack's page `index` (in pack.toml order), with its field path."""
    page = pack.pages[index]
    base: FieldPath = ("pages", index)
    out: list[tuple[FieldPath, str]] = [(base + ("title",), page.title)]
    out += list(_texts(dict(page.data), base))
    out += [(base + ("notes",), page.notes)] if page.notes else []
    out += [(base + ("questions", n), q) for n, q in enumerate(page.questions)]
    return [(p, t) for p, t in out if t]


def page_index(pack: Pack, page: Page) -> int:
    """The page's place in pack.toml (a loop may show a subset: the parents' loop)."""
    for n, candidate in enumerate(pack.pages):
        if candidate.id == page.id:
            return n
    raise ValueError(f"page {page.id!r} is not in pack {pack.id!r}")


def find_field(pack: Pack, text: str, page: int | None = None, detail: int = -1) -> FieldPath | None:
    """The field that holds `text`: on page `page` first (within tip `detail` first when a tip is open), then on
    the other pages, then in [pack]. None for words that are not the pack's (the interface's own buttons)."""
    wanted = text.strip()
    if not wanted:
        return None
    order = ([page] if page is not None else []) + [n for n in range(len(pack.pages)) if n != page]
    for n in order:
        matches = [path for path, value in page_texts(pack, n) if value == wanted]
        if detail >= 0 and n == page:
            in_tip = [p for p in matches if p[2:4] == ("tips", detail)]
            matches = in_tip or matches
        if matches:
            return matches[0]
    values = {"name": pack.name, "organisation": pack.organisation}
    for key in PACK_TEXTS:
        if values[key] == wanted:
            return ("pack", key)
    return None


def value_at(pack: Pack, path: FieldPath) -> str | None:
    """The validated text at `path`, or None when the path names no text of the pack."""
    if path[:1] == ("pack",) and len(path) == 2 and path[1] in PACK_TEXTS:
        return str(getattr(pack, str(path[1])))
    if len(path) >= 3 and path[0] == "pages" and isinstance(path[1], int) and 0 <= path[1] < len(pack.pages):
        return dict(page_texts(pack, path[1])).get(path)
    return None


class Locator:
    """Names fields with pack.toml's lines, reading the file once (a LineIndex never fails; an unknown line is 0)."""

    def __init__(self, pack: Pack) -> None:
        self.file = str(pack.root / PACK_FILE)
        try:
            source = read_text(pack.root / PACK_FILE, PACK_FILE_MAX_BYTES)
        except OSError as error:  # the file changed under us: the field is still named, at line 0
            log.info("text fields: %s not read (%s)", self.file, error)
            source = ""
        self.lines = LineIndex(source)

    def place(self, path: FieldPath) -> Place:
        return Place(path, self.file, self.lines.line(path), _field_name(path))
