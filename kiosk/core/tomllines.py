"""Map TOML key paths to line numbers.

The standard library's tomllib parses but forgets where things were. A safeguarding lead fixing a pack needs
`pack.toml:42`, so this scans the text once and remembers the line of every key, table and list item.
No well-kept library does this for read-only use (tomlkit keeps formatting, not line numbers), hence this
small scanner. It only has to be right for files that tomllib has already accepted, and it must never stop a
load: a line it cannot place is answered with the nearest table's line, or 0; a scan that goes wrong part way
keeps the lines found so far (and logs why). Lines are counted the way TOML and every editor count them: only
"\n" ends a line (str.splitlines would also split at U+2028, U+0085, form feeds ... inside strings and comments).
"""

from __future__ import annotations

import logging

log = logging.getLogger(__name__)

Path = tuple[str | int, ...]


def _split_key(raw: str) -> list[str]:
    """Split a dotted TOML key, honouring quoted parts."""
    parts: list[str] = []
    buf = ""
    quote = ""
    for ch in raw.strip():
        if quote:
            if ch == quote:
                quote = ""
            else:
                buf += ch
        elif ch in "\"'":
            quote = ch
        elif ch == ".":
            parts.append(buf.strip())
            buf = ""
        else:
            buf += ch
    parts.append(buf.strip())
    return parts


def _find_unquoted(text: str, target: str) -> int:
    quote = ""
    i = 0
    while i < len(text):
        ch = text[i]
        if quote:
            if ch == "\\" and quote == '"':
                i += 2
                continue
            if ch == quote:
                quote = ""
        elif ch in "\"'":
            quote = ch
        elif ch == target:
            return i
        i += 1
    return -1


def _strip_comment(text: str) -> str:
    pos = _find_unquoted(text, "#")
    return text if pos < 0 else text[:pos]


class LineIndex:
    """Line numbers (1-based) of keys, tables and array items in a TOML document."""

    def __init__(self, text: str) -> None:
        self._lines: dict[Path, int] = {}
        self.count = text.count("\n") + (0 if text.endswith("\n") or not text else 1)
        self.complete = False  # True when the whole text was scanned (tests use it to prove the scanner copes)
        try:
            self._scan(text)
            self.complete = True
        except Exception as error:  # a line number is a courtesy: the load goes on without it
            log.warning("tomllines: line numbers after the first %d found are unknown (%r)", len(self._lines), error)

    def line(self, path: Path) -> int:
        """The line of `path`, or of its nearest ancestor that has one (0 when none does); always a line of the
        text (1 to `count`) or 0."""
        probe = tuple(path)
        while probe:
            number = self._lines.get(probe)
            if number is not None:
                return number if 0 < number <= self.count else 0
            probe = probe[:-1]
        return 0

    def _scan(self, text: str) -> None:
        table: Path = ()
        counters: dict[Path, int] = {}
        lines = [line.removesuffix("\r") for line in text.split("\n")]
        i = 0
        while i < len(lines):
            number = i + 1
            stripped = _strip_comment(lines[i]).strip()
            i += 1
            if not stripped:
                continue
            if stripped.startswith("[[") and "]]" in stripped:
                names = _split_key(stripped[2 : stripped.rindex("]]")])
                parent = self._resolve(names[:-1], counters)
                array_path = parent + (names[-1],)
                index = counters.get(array_path, -1) + 1
                counters[array_path] = index
                table = array_path + (index,)
                self._lines.setdefault(array_path, number)
                self._lines[table] = number
                continue
            if stripped.startswith("[") and "]" in stripped:
                names = _split_key(stripped[1 : stripped.rindex("]")])
                table = self._resolve(names, counters)
                self._lines[table] = number
                continue
            eq = _find_unquoted(stripped, "=")
            if eq < 0:
                continue
            key_path = table + tuple(_split_key(stripped[:eq]))
            self._lines[key_path] = number
            value = stripped[eq + 1 :].strip()
            i = self._skip_value(value, key_path, lines, i)

    def _resolve(self, names: list[str], counters: dict[Path, int]) -> Path:
        """Resolve a header's names to a path, descending into the latest item of each array of tables."""
        path: Path = ()
        for name in names:
            path = path + (name,)
            if path in counters:
                path = path + (counters[path],)
        return path

    def _skip_value(self, value: str, key_path: Path, lines: list[str], i: int) -> int:
        """Step past a value that spans lines (multi-line strings and arrays), noting array item lines."""
        for delim in ('"""', "'''"):
            if value.startswith(delim):
                if value.count(delim) >= 2:
                    return i
                while i < len(lines):
                    i += 1
                    if delim in lines[i - 1]:
                        break
                return i
        if not value.startswith("["):
            return i
        depth, item, pending = self._array_depth(value[1:], 1, 0, key_path, i)
        while depth > 0 and i < len(lines):
            i += 1
            depth, item, pending = self._array_depth(_strip_comment(lines[i - 1]), depth, item, key_path, i)
        return i

    def _array_depth(self, text: str, depth: int, item: int, key_path: Path, number: int) -> tuple[int, int, bool]:
        quote = ""
        started = False
        j = 0
        while j < len(text):
            ch = text[j]
            if quote:
                if ch == "\\" and quote == '"':
                    j += 2
                    continue
                if ch == quote:
                    quote = ""
            elif ch in "\"'":
                quote = ch
                if depth == 1 and not started:
                    self._lines.setdefault(key_path + (item,), number)
                    started = True
            elif ch in "[{":
                if depth == 1 and not started:
                    self._lines.setdefault(key_path + (item,), number)
                    started = True
                depth += 1
            elif ch in "]}":
                depth -= 1
            elif ch == "," and depth == 1:
                item += 1
                started = False
            elif not ch.isspace() and depth == 1 and not started:
                self._lines.setdefault(key_path + (item,), number)
                started = True
            j += 1
        return depth, item, started
