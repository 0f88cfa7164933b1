"""Everything a pack folder can contain, done wrong: validate() answers with problems, never an exception or a
wait, and the kiosk falls back to the built-in pack (issue 16, "packinput").

The property tests mutate the minimal fixture and a built-in pack at random (bytes flipped, lines dropped or
doubled, values swapped for odd types, huge numbers, NaN, control characters or very long text, pictures cut
short or replaced) and check every answer names the file, a line that exists in it, and a field.
"""

from __future__ import annotations

import math
import os
import shutil
import tempfile
import threading
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import kiosk.core.pack as pack_module
from kiosk.core import paths
from kiosk.core.catalog import load_pack_or_fallback
from kiosk.core.pack import Problem, text_problem, validate

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"
MINIMAL = FIXTURES / "packs" / "minimal"
CUMBRIA = ROOT / "assets" / "packs" / "cumbria"


def copy(source: Path, target: Path) -> Path:
    shutil.copytree(source, target, symlinks=True)
    return target


def edit(folder: Path, old: str, new: str) -> None:
    toml = folder / "pack.toml"
    text = toml.read_text(encoding="utf-8")
    assert old in text, old
    toml.write_text(text.replace(old, new, 1), encoding="utf-8")


def problems_of(folder: Path) -> list[Problem]:
    pack, problems = validate(folder)
    assert (pack is None) == bool(problems)
    return problems


def only(folder: Path) -> Problem:
    problems = problems_of(folder)
    assert len(problems) == 1, problems
    return problems[0]


# --- files that are not files --------------------------------------------------------------------------------


def finishes(fn: object, seconds: float = 10.0) -> object:
    """Run `fn` in a thread; fail (instead of hanging the run) when it has not returned in time."""
    result: list[object] = []
    worker = threading.Thread(target=lambda: result.append(fn()), daemon=True)  # type: ignore[operator]
    worker.start()
    worker.join(seconds)
    assert not worker.is_alive(), "still waiting"
    return result[0]


def test_a_pack_toml_that_is_a_fifo_is_refused_at_once(tmp_path: Path) -> None:
    folder = tmp_path / "p"
    folder.mkdir()
    os.mkfifo(folder / "pack.toml")
    pack, problems = finishes(lambda: validate(folder))  # type: ignore[misc]
    assert pack is None and problems[0].field == "(file)" and "not a regular file" in problems[0].message


def test_a_pack_toml_that_is_a_folder_too_big_or_not_utf8_is_a_problem(tmp_path: Path) -> None:
    folder = copy(MINIMAL, tmp_path / "p")
    toml = folder / "pack.toml"
    with toml.open("ab") as handle:
        handle.truncate(2 * 1024 * 1024)
    assert "bytes" in only(folder).message
    toml.write_bytes(b'[pack]\nname = "\xff"\n')
    assert "not UTF-8" in only(folder).message
    toml.unlink()
    toml.mkdir()
    assert only(folder).field == "(file)"


def test_a_picture_that_is_a_fifo_a_device_or_a_looping_link_is_a_problem(tmp_path: Path) -> None:
    folder = copy(MINIMAL, tmp_path / "p")
    edit(folder, 'image = "art/square.svg"\nimage_alt', 'image = "art/odd.svg"\nimage_alt')
    odd = folder / "art" / "odd.svg"
    os.mkfifo(odd)
    problem = finishes(lambda: only(folder))
    assert isinstance(problem, Problem) and "not a regular file" in problem.message and problem.line == 14
    odd.unlink()
    try:
        os.mknod(odd, 0o600 | 0o020000, os.makedev(1, 5))  # a character device like /dev/zero
    except (PermissionError, OSError):
        pass
    else:
        assert "not a regular file" in only(folder).message
        odd.unlink()
    odd.symlink_to("odd.svg")
    assert "'art/odd.svg'" in only(folder).message


def test_a_picture_link_inside_the_pack_is_followed(tmp_path: Path) -> None:
    folder = copy(MINIMAL, tmp_path / "p")
    (folder / "art" / "link.svg").symlink_to("square.svg")
    edit(folder, 'image = "art/square.svg"\nimage_alt', 'image = "art/link.svg"\nimage_alt')
    assert problems_of(folder) == []


def test_a_picture_over_its_size_limit_is_a_problem_without_being_read(tmp_path: Path) -> None:
    folder = copy(MINIMAL, tmp_path / "p")
    with (folder / "art" / "square.svg").open("ab") as handle:
        handle.truncate(9 * 1024 * 1024)  # sparse: nothing is written
    problems = problems_of(folder)
    assert len(problems) == 3 and all("8,388,608 are read" in p.message for p in problems)


def test_a_pack_over_its_total_size_is_a_problem(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = copy(MINIMAL, tmp_path / "p")
    shutil.copy(folder / "art" / "square.svg", folder / "art" / "other.svg")
    edit(folder, 'image = "art/square.svg"\nalt = "Second panel"', 'image = "art/other.svg"\nalt = "Second panel"')
    size = (folder / "pack.toml").stat().st_size + (folder / "art" / "square.svg").stat().st_size
    monkeypatch.setattr(pack_module, "PACK_MAX_BYTES", size + 10)
    problem = only(folder)
    assert problem.field == "pages[2].panels[2].image" and "in all" in problem.message


def test_an_image_path_with_a_nul_or_newline_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    folder = copy(MINIMAL, tmp_path / "p")
    edit(folder, 'image = "art/square.svg"\nimage_alt', 'image = "art/square.svg\\u0000x"\nimage_alt')
    assert "control character" in only(folder).message
    folder = copy(MINIMAL, tmp_path / "q")
    edit(folder, 'image = "art/square.svg"\nimage_alt', 'image = "art\\nsquare.svg"\nimage_alt')
    assert "line break" in only(folder).message


# --- text and ids --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "title",
    [
        "Cymerwch reolaeth a dweud na",  # Welsh
        "\u062a\u062d\u0643\u0645 \u0648\u0642\u0644 \u0644\u0627",  # Arabic: right-to-left letters need nothing
        "\u05e9\u05dc\u05d5\u05dd 101\u200f",  # Hebrew with a right-to-left mark after the digits
        "Emoji \U0001f469\u200d\U0001f4bb too",  # a zero-width joiner inside an emoji
    ],
)
def test_other_languages_and_scripts_pass(title: str, tmp_path: Path) -> None:
    folder = copy(MINIMAL, tmp_path / "p")
    edit(folder, 'title = "Take control and say no"', f'title = "{title}"')
    assert problems_of(folder) == []


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("a\\u202eb", "U+202E"),
        ("a\\u2066b\\u2069", "U+2066"),
        ("a\\u202ab", "U+202A"),
        ("a\\tb", "U+0009"),
        ("a\\u0085b", "line break"),
        ("a\\u2028b", "line break"),
        ("a\\u009bb", "control character"),
        ("a\\u007fb", "control character"),
    ],
)
def test_controls_and_direction_overrides_are_refused_in_every_text(value: str, words: str, tmp_path: Path) -> None:
    for n, (old, field) in enumerate(
        [
            ('title = "Take control and say no"', "pages[1].title"),
            ('caption = "One tap."', "pages[2].panels[2].caption"),
            ('speaker = "Alex"', "pages[2].panels[1].bubbles[1].speaker"),
            ('name = "Test pack"', "pack.name"),
        ]
    ):
        folder = copy(MINIMAL, tmp_path / str(n))
        edit(folder, old, old.split(" = ")[0] + f' = "x {value}"')
        problem = only(folder)
        assert problem.field == field and words in problem.message, problem


def test_a_list_item_with_a_control_character_is_refused(tmp_path: Path) -> None:
    folder = copy(MINIMAL, tmp_path / "p")
    edit(folder, 'body = ["A self', 'body = ["A \\u202e self')
    problem = only(folder)
    assert problem.field == "pages[3].body" and problem.message.startswith("item 1 has")


def test_notes_may_have_paragraphs_but_no_other_controls(tmp_path: Path) -> None:
    folder = copy(MINIMAL, tmp_path / "p")
    edit(folder, 'notes = "Start with', 'notes = "One paragraph.\\n\\nAnother. Start with')
    assert problems_of(folder) == []
    edit(folder, "One paragraph.", "One\\u202e paragraph.")
    assert only(folder).field == "pages[1].notes"


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        ('id = "minimal"', 'id = "minimal\\n"', "pack.id"),
        ('id = "poster"', 'id = "poster\\n"', "pages[1].id"),
        ('id = "identity"', 'id = "identity\\n"', "pages[4].tips[1].id"),
        ('id = "say-no"', 'id = "say-no\\n"', "pages[6].options[1].id"),
        ("idle_timeout = 30", 'idle_timeout = 30\nlanguage = "en\\n"', "pack.language"),
        ("idle_timeout = 30", 'idle_timeout = 30\naccent = "#1d4e89\\n"', "pack.accent"),
        ('number = "101"', 'number = "10\\n1"', "pages[7].phones[1].number"),
    ],
)
def test_ids_and_codes_must_match_whole(old: str, new: str, field: str, tmp_path: Path) -> None:
    folder = copy(MINIMAL, tmp_path / "p")
    edit(folder, old, new)
    assert only(folder).field == field


def test_a_web_address_with_a_trailing_newline_is_refused(tmp_path: Path) -> None:
    folder = copy(MINIMAL, tmp_path / "p")
    text = (folder / "pack.toml").read_text()
    start = text.index('url = "https://') + len('url = "')
    end = text.index('"', start)
    (folder / "pack.toml").write_text(text[:end] + "\\n" + text[end:])
    assert only(folder).field == "pages[7].links[1].url"


def test_text_problem_allows_plain_marks() -> None:
    assert text_problem("abc \u200e \u200f \u061c") is None
    assert text_problem("two\nlines", multiline=True) is None
    assert text_problem("two\nlines") is not None


def test_a_stats_id_with_a_trailing_newline_is_refused() -> None:
    from kiosk.core.stats import _check_id

    assert _check_id("poster", "page") == "poster"
    with pytest.raises(ValueError):
        _check_id("poster\n", "page")


# --- every broken fixture falls back to the built-in pack ---------------------------------------------------


@pytest.mark.parametrize("case", sorted(p.name for p in (FIXTURES / "broken").iterdir()))
def test_every_broken_fixture_falls_back_to_the_builtin_pack(case: str) -> None:
    pack, problems = load_pack_or_fallback(str(FIXTURES / "broken" / case))
    assert pack.root == paths.builtin_packs_dir() / paths.DEFAULT_PACK and problems


# --- property: mutated packs ---------------------------------------------------------------------------------

ODD_VALUES = [
    "nan",
    "inf",
    "-inf",
    "1e308",
    "-0.0",
    str(2**63 - 1),
    "-9223372036854775808",
    "true",
    "[]",
    "{}",
    "[1, 'a']",
    "{ x = 1 }",
    "1979-05-27T07:32:00Z",
    '"\\u0000\\u202e\\u2028\\t"',
    '"' + "x" * 5000 + '"',
    '"../../../etc/passwd"',
    '"/dev/zero"',
    '"art/"',
    '"art/square.svg/"',
    "'''\nline\nline'''",
    '"\\\\\\\\server\\\\share\\\\x.png"',
    '"C:/x.png"',
    '"art/square.svg#x"',
]

_mutation = st.one_of(
    st.tuples(st.just("flip"), st.integers(0, 10**6), st.integers(1, 255)),
    st.tuples(st.just("drop"), st.integers(0, 10**6), st.just(0)),
    st.tuples(st.just("double"), st.integers(0, 10**6), st.just(0)),
    st.tuples(st.just("value"), st.integers(0, 10**6), st.integers(0, len(ODD_VALUES) - 1)),
    st.tuples(st.just("picture-cut"), st.integers(0, 10**6), st.integers(0, 10**4)),
    st.tuples(st.just("picture-swap"), st.integers(0, 10**6), st.integers(0, 3)),
    st.tuples(st.just("picture-flip"), st.integers(0, 10**6), st.integers(1, 255)),
)

_REPLACEMENTS = [b"", b"\x89PNG\r\n\x1a\n", b"<svg", os.urandom(64)]


def _mutate(folder: Path, mutations: list[tuple[str, int, int]]) -> None:
    toml = folder / "pack.toml"
    data = bytearray(toml.read_bytes())
    art = sorted(p for p in (folder / "art").iterdir() if p.is_file())
    for how, where, what in mutations:
        lines = bytes(data).split(b"\n")
        n = where % len(lines)
        if how == "flip" and data:
            data[where % len(data)] ^= what
        elif how == "drop":
            del lines[n]
            data = bytearray(b"\n".join(lines))
        elif how == "double":
            lines.insert(n, lines[n])
            data = bytearray(b"\n".join(lines))
        elif how == "value" and b" = " in lines[n]:
            key = lines[n].split(b" = ", 1)[0]
            lines[n] = key + b" = " + ODD_VALUES[what].encode()
            data = bytearray(b"\n".join(lines))
        elif how == "picture-cut" and art:
            picture = art[where % len(art)]
            picture.write_bytes(picture.read_bytes()[:what])
        elif how == "picture-swap" and art:
            art[where % len(art)].write_bytes(_REPLACEMENTS[what])
        elif how == "picture-flip" and art:
            picture = art[where % len(art)]
            flipped = bytearray(picture.read_bytes())
            if flipped:
                flipped[where % len(flipped)] ^= what
                picture.write_bytes(bytes(flipped))
    toml.write_bytes(bytes(data))


def _assert_answers_are_located(folder: Path) -> None:
    pack, problems = validate(folder)  # must not raise
    assert (pack is None) == bool(problems)
    try:
        line_count = len((folder / "pack.toml").read_text(encoding="utf-8").split("\n"))
    except (OSError, UnicodeDecodeError):
        line_count = 0
    for problem in problems:
        assert problem.file and problem.field and problem.message, problem
        assert problem.field != "(check)", f"the validator itself failed: {problem}"
        assert 0 <= problem.line <= line_count, problem
    if pack is None:
        shown, reasons = load_pack_or_fallback(str(folder))
        assert shown.root == paths.builtin_packs_dir() / paths.DEFAULT_PACK and reasons == problems
    else:
        assert all(isinstance(p.duration, float) and math.isfinite(p.duration) for p in pack.pages)
        assert math.isfinite(pack.idle_timeout)


@given(st.lists(_mutation, min_size=1, max_size=4))
def test_mutated_minimal_packs_are_answered_never_raised(mutations: list[tuple[str, int, int]]) -> None:
    with tempfile.TemporaryDirectory() as temp:
        folder = copy(MINIMAL, Path(temp) / "p")
        _mutate(folder, mutations)
        _assert_answers_are_located(folder)


@given(st.lists(_mutation, min_size=1, max_size=3))
def test_mutated_builtin_packs_are_answered_never_raised(mutations: list[tuple[str, int, int]]) -> None:
    with tempfile.TemporaryDirectory() as temp:
        folder = copy(CUMBRIA, Path(temp) / "p")
        _mutate(folder, mutations)
        _assert_answers_are_located(folder)


# --- only pictures from inside the pack reach Qt ---------------------------------------------------------------


def test_image_path_answers_only_paths_inside_the_pack(tmp_path: Path) -> None:
    folder = copy(MINIMAL, tmp_path / "p")
    pack, _ = validate(folder)
    assert pack is not None
    pictures = {p.data["image"] for p in pack.pages if p.kind == "poster"}
    pictures |= {panel["image"] for p in pack.pages if p.kind == "story" for panel in p.data["panels"]}
    assert pictures == {"art/square.svg"}
    assert pack.image_path("art/square.svg") == folder / "art" / "square.svg"
    (folder / "art" / "away.svg").symlink_to(ROOT / "kiosk" / "qml" / "Kiosk" / "PackImage.qml")
    for outside in ("../minimal/art/square.svg", "/etc/hostname", "art/away.svg"):
        with pytest.raises(ValueError):
            pack.image_path(outside)
