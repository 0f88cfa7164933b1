"""kiosk.core.tomllines: the line-number scanner may fail to find a line, but never fails a load.

Regressions from issue 16 (Unicode line separators, deep nesting) and a property test: for any text tomllib
accepts, LineIndex scans it whole and answers lines that exist in the file.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from kiosk.core.tomllines import LineIndex

ROOT = Path(__file__).resolve().parents[2]
PACK_TEXTS = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "assets" / "packs").glob("*/pack.toml"))]

# Characters str.splitlines() treats as line ends that TOML does not: inside strings and comments they are text.
ODD_BREAKS = ["\u2028", "\u2029", "\x85"]
# ... and the C0 ones, which TOML refuses raw (tomllib reports them; the scanner still must not fail).
ODD_CONTROLS = ["\x0c", "\x0b", "\x1c", "\x1d", "\x1e"]


def paths_of(value: Any, prefix: tuple[str | int, ...] = ()) -> list[tuple[str | int, ...]]:
    """Every key path and list index in a parsed document."""
    out: list[tuple[str | int, ...]] = []
    if isinstance(value, dict):
        for key, inner in value.items():
            out += [prefix + (key,)] + paths_of(inner, prefix + (key,))
    elif isinstance(value, list):
        for n, inner in enumerate(value):
            out += [prefix + (n,)] + paths_of(inner, prefix + (n,))
    return out


def assert_sound(text: str) -> LineIndex:
    index = LineIndex(text)
    assert index.complete, "the scanner gave up part way"
    for path in paths_of(tomllib.loads(text)):
        assert 0 <= index.line(path) <= index.count, path
    return index


@pytest.mark.parametrize("odd", ODD_BREAKS)
def test_odd_line_breaks_in_comments_and_strings_keep_the_right_lines(odd: str) -> None:
    text = (
        f'# a comment {odd}[not a table\n[pack]\nname = "A{odd}[b"  # and {odd} here\n'
        f"'lit' = 'x{odd}]]'\nid = \"x\"\n"
    )
    tomllib.loads(text)  # TOML accepts it: only "\n" ends a line
    index = assert_sound(text)
    assert index.line(("pack", "name")) == 3
    assert index.line(("pack", "lit")) == 4
    assert index.line(("pack", "id")) == 5
    assert index.count == 5


@pytest.mark.parametrize("odd", ODD_CONTROLS)
def test_raw_control_breaks_never_stop_the_scan(odd: str) -> None:
    text = f'# a comment {odd}[not a table\n[pack]\nname = "A{odd}[b"\nid = "x"\n'
    with pytest.raises(tomllib.TOMLDecodeError):
        tomllib.loads(text)
    index = LineIndex(text)
    assert index.complete and index.line(("pack", "id")) == 4


def test_odd_line_break_in_a_multi_line_string() -> None:
    text = 'a = """\nx\u2028[y\n[[z\n"""\nb = 2\n'
    index = assert_sound(text)
    assert index.line(("b",)) == 5


def test_deep_arrays_never_stop_the_scan() -> None:
    for depth in (300, 1000, 5000):
        text = "x = 1\na = " + "[" * depth + "]" * depth + "\nb = 2\n"
        index = LineIndex(text)  # tomllib itself gives up past a few hundred levels (pack.py reports that)
        assert index.complete and index.line(("b",)) == 3


def test_deep_inline_tables_never_stop_the_scan() -> None:
    depth = 300
    text = "a = " + "{b = " * depth + "1" + "}" * depth + "\nc = [" + "{d = [" * 100 + "]}" * 100 + "]\ne = 3\n"
    tomllib.loads(text)
    index = assert_sound(text)
    assert index.line(("e",)) == 3


def test_a_line_past_the_end_is_never_answered() -> None:
    index = LineIndex('a = 1\nb = """\nx"""')
    assert index.count == 3
    assert index.line(("b",)) == 2 and index.line(("nothing", 4)) == 0


# --- property: generated TOML ----------------------------------------------------------------------------

_text = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=12)
_key = st.one_of(st.from_regex(r"[A-Za-z0-9_-]{1,8}", fullmatch=True), _text)


def _string(value: str, style: int) -> str:
    """A TOML string in one of its four spellings, falling back to the basic one when the text does not fit."""
    if style == 1 and "'" not in value and not any(ord(c) < 32 and c != "\t" or c == "\x7f" for c in value):
        return f"'{value}'"
    if style == 2 and '"""' not in value and not value.endswith('"') and "\\" not in value:
        if not any((ord(c) < 32 and c not in "\t\n") or c == "\x7f" for c in value):
            return f'"""\n{value}"""'
    escaped = "".join(
        "\\\\" if c == "\\" else '\\"' if c == '"' else f"\\u{ord(c):04x}" if ord(c) < 32 or c == "\x7f" else c
        for c in value
    )
    return f'"{escaped}"'


def _key_text(key: str) -> str:
    if key and all(c.isascii() and (c.isalnum() or c in "_-") for c in key):
        return key
    return _string(key, 0)


_scalar = st.one_of(
    st.builds(_string, _text, st.integers(0, 2)),
    st.integers(-(2**63), 2**63 - 1).map(str),
    st.sampled_from(["true", "false", "nan", "-inf", "1e300", "0x1f", "1979-05-27T07:32:00Z", "07:32:00"]),
)


def _values(depth: int) -> st.SearchStrategy[str]:
    if depth == 0:
        return _scalar
    inner = _values(depth - 1)
    return st.one_of(
        _scalar,
        st.lists(inner, max_size=3).map(lambda items: "[" + ", ".join(items) + "]"),
        st.lists(inner, max_size=3).map(lambda items: "[\n  " + ",\n  ".join(items) + ",\n]"),
        st.dictionaries(_key, inner, max_size=3).map(
            lambda d: "{" + ", ".join(f"{_key_text(k)} = {v}" for k, v in d.items()) + "}"
        ),
    )


_comment = st.one_of(st.just(""), _text.map(lambda t: " # " + t.replace("\n", " ").replace("\r", " ")))


@st.composite
def documents(draw: st.DrawFn) -> str:
    lines: list[str] = []
    for key, value, comment in draw(st.lists(st.tuples(_key, _values(2), _comment), max_size=4)):
        lines.append(f"{_key_text(key)} = {value}{comment}")
    for n, (name, array, _) in enumerate(draw(st.lists(st.tuples(_key, st.booleans(), _comment), max_size=3))):
        lines.append(f"[[{_key_text(name)}]]" if array else f"[{_key_text(name)}-{n}]")
        for key, value, comment in draw(st.lists(st.tuples(_key, _values(1), _comment), max_size=3)):
            lines.append(f"{_key_text(key)} = {value}{comment}")
    return "\n".join(lines) + draw(st.sampled_from(["", "\n", "\r\n"]))


@given(documents())
def test_generated_toml_is_scanned_whole_with_lines_in_the_file(text: str) -> None:
    try:
        tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        assume(False)
    assert_sound(text)


@given(
    st.sampled_from(range(len(PACK_TEXTS))),
    st.lists(
        st.tuples(st.integers(0, 10**6), st.sampled_from(["comment", "string", "drop", "table"]), _text), max_size=6
    ),
)
def test_mutated_builtin_packs_are_scanned_whole(which: int, edits: list[tuple[int, str, str]]) -> None:
    """Odd text in comments and strings, lines dropped, tables added: whatever tomllib still accepts."""
    lines = PACK_TEXTS[which].split("\n")
    for where, how, extra in edits:
        n = where % len(lines)
        if how == "comment":
            lines.insert(n, "# " + extra.replace("\n", "").replace("\r", "") + "".join(ODD_BREAKS))
        elif how == "string" and ' = "' in lines[n]:
            lines[n] = lines[n].replace(' = "', " = " + _string(extra + "".join(ODD_BREAKS), 0)[:-1], 1)
        elif how == "drop":
            del lines[n]
        elif how == "table" and lines[n].startswith("[["):
            lines.insert(n, lines[n])  # an empty table of the same array
    text = "\n".join(lines)
    try:
        tomllib.loads(text)
    except (tomllib.TOMLDecodeError, RecursionError):
        assume(False)
    assert_sound(text)
