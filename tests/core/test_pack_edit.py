"""The in-place edit writer (kiosk.core.pack_edit): the studio's click-to-edit changes one text in pack.toml and
nothing else the author wrote: comments, order, blank lines and quoting stay byte for byte as they were."""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
import tomllib
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.core import pack_edit
from kiosk.core.pack import validate
from kiosk.core.pack_edit import PackEditError, set_text

from ..conftest import MINIMAL

# A small valid pack written the way people write: comments everywhere, a trailing comment on the edited line,
# literal and multiline strings, odd spacing. The edited lines are marked so a test can cut the file around them.
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10"/></svg>\n'
HEAD = """\
# A pack written by hand.   Comments, odd spacing and quoting styles must all survive an edit.
[pack]
id = "hand"   # the folder name
name    =    'Literal name'
organisation = "Test Constabulary"

[[pages]]  # the first page
id = "poster"
kind = "poster"
"""
TITLE_LINE = 'title = "Take control" # keep this comment\n'
MIDDLE = """\
image = 'art/p.svg'
image_alt = "A picture"
"""
NOTES_LINES = '''notes = """
First line of the notes.
Second line."""
'''
TAIL = """\
questions = [
  "One?",   # first
  'Two?',
  "Three?",
]

[[pages]]
id = "plan"
kind = "plan"
title = "My plan"

[[pages.options]]
id = "no"
label = "Say no"
detail = "Say no."   # why
icon = "block"

[[pages.options]]
id = "tell"
label = "Tell someone"
detail = 'Tell an adult you trust.'
icon = "adult"
"""
SOURCE = HEAD + TITLE_LINE + MIDDLE + NOTES_LINES + TAIL


def write_pack(folder: Path, source: str = SOURCE) -> Path:
    (folder / "art").mkdir(parents=True, exist_ok=True)
    (folder / "art" / "p.svg").write_bytes(SVG)
    toml = folder / "pack.toml"
    toml.write_bytes(source.encode("utf-8"))
    return toml


def test_the_hand_written_pack_is_valid(tmp_path: Path) -> None:
    write_pack(tmp_path)
    pack, problems = validate(tmp_path)
    assert problems == [] and pack is not None


# Single-line text the pack accepts: quotes of both kinds, backslashes, Welsh, Arabic and Hebrew, emoji, and the
# direction marks the pack allows; no controls, no line breaks (those are refused, see below).
ONE_LINE = st.text(
    alphabet=st.sampled_from(
        list("abc XYZ019'\"\\#=[]{}.,;:!?-") + list("ŵŷâêîôûÂŴŶ") + list("مرحباשלום") + ["\u200e", "\u200f", "😀"]
    ),
    min_size=1,
    max_size=60,
).filter(lambda s: s.strip() != "")
MULTI_LINE = st.lists(ONE_LINE, min_size=1, max_size=5).map("\n".join).filter(lambda s: len(s.strip()) <= 600)


@given(value=ONE_LINE)
def test_a_one_line_edit_changes_only_that_line(value: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        toml = write_pack(Path(folder))
        set_text(toml, ("pages", 0, "title"), value)
        out = toml.read_bytes().decode("utf-8")
    assert tomllib.loads(out)["pages"][0]["title"] == value
    assert out.startswith(HEAD) and out.endswith(MIDDLE + NOTES_LINES + TAIL)
    line = out[len(HEAD) : len(out) - len(MIDDLE + NOTES_LINES + TAIL)]
    assert line.startswith("title = ") and line.endswith(" # keep this comment\n") and line.count("\n") == 1


@given(value=MULTI_LINE)
def test_a_multiline_edit_keeps_the_rest_of_the_file(value: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        toml = write_pack(Path(folder))
        set_text(toml, ("pages", 0, "notes"), value)
        out = toml.read_bytes().decode("utf-8")
    assert tomllib.loads(out)["pages"][0]["notes"] == value
    before = HEAD + TITLE_LINE + MIDDLE
    assert out.startswith(before + "notes = ") and out.endswith("\n" + TAIL)
    written = out[len(before) : len(out) - len(TAIL)]
    if "\n" in value:  # the author's multiline style is kept when the text has lines
        assert written.startswith('notes = """')


@given(value=ONE_LINE)
def test_an_item_in_an_array_of_tables_and_in_a_list(value: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        toml = write_pack(Path(folder))
        set_text(toml, ("pages", 1, "options", 1, "detail"), value)
        set_text(toml, ("pages", 0, "questions", 1), value)
        out = toml.read_bytes().decode("utf-8")
    data = tomllib.loads(out)
    assert data["pages"][1]["options"][1]["detail"] == value
    assert data["pages"][0]["questions"] == ["One?", value, "Three?"]
    changed = [(a, b) for a, b in zip(SOURCE.split("\n"), out.split("\n"), strict=True) if a != b]
    assert [a for a, _ in changed] == ["  'Two?',", "detail = 'Tell an adult you trust.'"]
    assert all(b.startswith(("  ", "detail = ")) for _, b in changed)


def test_the_quoting_style_is_kept_where_it_can_hold_the_text(tmp_path: Path) -> None:
    toml = write_pack(tmp_path)
    set_text(toml, ("pack", "name"), "Still literal")
    set_text(toml, ("pages", 1, "options", 1, "detail"), "It's basic now")  # a literal string cannot hold '
    out = toml.read_text(encoding="utf-8")
    assert "name    =    'Still literal'\n" in out
    assert 'detail = "It\'s basic now"\n' in out


def test_the_pages_3_tips_2_text_of_the_minimal_pack(tmp_path: Path) -> None:
    """The field a click on a tip's text names, in the shared test pack; every other line is unchanged."""
    shutil.copytree(MINIMAL, tmp_path / "p")
    toml = tmp_path / "p" / "pack.toml"
    source = toml.read_text(encoding="utf-8")
    set_text(toml, ("pages", 3, "tips", 1, "why"), 'Nobody "online" is checked \\ ŵ')
    out = toml.read_text(encoding="utf-8")
    diff = [(a, b) for a, b in zip(source.split("\n"), out.split("\n"), strict=True) if a != b]
    assert diff == [('why = "They may not be who they say."', 'why = "Nobody \\"online\\" is checked \\\\ ŵ"')]
    pack, problems = validate(tmp_path / "p")
    assert problems == [] and pack is not None
    assert pack.pages[3].data["tips"][1]["why"] == 'Nobody "online" is checked \\ ŵ'


def test_the_built_in_pack_keeps_every_other_byte(tmp_path: Path) -> None:
    from kiosk.core import paths

    shutil.copytree(paths.builtin_packs_dir() / "cumbria", tmp_path / "c")
    toml = tmp_path / "c" / "pack.toml"
    source = toml.read_bytes()
    old = tomllib.loads(source.decode())["pages"][0]["subtitle"]
    set_text(toml, ("pages", 0, "subtitle"), "Don't send it.")
    out = toml.read_bytes()
    assert out == source.replace(f'subtitle = "{old}"'.encode(), b'subtitle = "Don\'t send it."')


@pytest.mark.parametrize(
    ("field", "value", "words"),
    [
        (("pages", 0, "title"), "x" * 61, "pages[1].title: is 61 characters long; at most 60"),
        (("pages", 0, "title"), "two\nlines", "pages[1].title: has a line break"),
        (("pages", 0, "title"), "evil\u202ereversed", "pages[1].title: has an invisible text-direction control"),
        (("pages", 0, "title"), "   ", "pages[1].title: must not be empty"),
        (("pages", 1, "id"), "poster", "pages[2].id: 'poster' is already used by page 1"),
        (("pages", 1, "options", 1, "id"), "no", "pages[2].options[2].id: 'no' is used twice"),
        (("pages", 0, "questions", 2), "q" * 161, "pages[1].questions[3]: item 3 is 161 characters long"),
        (("pages", 0, "image"), "art/none.svg", "pages[1].image: is 'art/none.svg'; no such file"),
        (("pack", "id"), "Not An Id", "pack.id: is 'Not An Id'; it must be lower-case letters"),
        (("pages", 5, "title"), "x", "pages[6]: is not there (the list has 2 entries)"),
        (("pages", 0, "subtitle"), "x", "pages[1].subtitle: is not there"),
        (("pack", "nope", "deeper"), "x", "pack.nope: is not there"),
        (("pages", 0, "questions", 3), "x", "pages[1].questions[4]: is not there (the list has 3 entries)"),
        (("pages", 0), "x", "pages[1]: is not text"),
        (("pages", 0, "questions"), "x", "pages[1].questions: is not text"),
        (("pages", 0, "kind"), "info", "pages[1].kind: pages[1].body: missing"),
        ((), "x", "(file): no field named"),
    ],
)
def test_a_refused_edit_names_file_and_field_and_writes_nothing(
    tmp_path: Path, field: tuple[str | int, ...], value: str, words: str
) -> None:
    toml = write_pack(tmp_path)
    with pytest.raises(PackEditError) as caught:
        set_text(toml, field, value)
    assert str(caught.value).startswith(f"{toml}: ")
    assert words in str(caught.value)
    assert toml.read_text(encoding="utf-8") == SOURCE
    assert sorted(p.name for p in tmp_path.iterdir()) == ["art", "pack.toml"]  # no temporary file left


def test_a_number_is_not_text(tmp_path: Path) -> None:
    shutil.copytree(MINIMAL, tmp_path / "p")
    with pytest.raises(PackEditError, match=r"pack\.idle_timeout: is not text \(it holds 30\)"):
        set_text(tmp_path / "p" / "pack.toml", ("pack", "idle_timeout"), "40")


def test_a_problem_the_pack_already_had_does_not_stop_an_edit(tmp_path: Path) -> None:
    toml = write_pack(tmp_path, SOURCE.replace("image = 'art/p.svg'", "image = 'art/gone.svg'"))
    set_text(toml, ("pages", 0, "title"), "Fixed title")
    assert tomllib.loads(toml.read_text(encoding="utf-8"))["pages"][0]["title"] == "Fixed title"


@pytest.mark.parametrize("content", ["[pack\nid = 1\n", "not toml at all ==="])
def test_a_file_that_is_not_toml_is_refused(tmp_path: Path, content: str) -> None:
    toml = write_pack(tmp_path, content)
    with pytest.raises(PackEditError, match="not valid TOML"):
        set_text(toml, ("pages", 0, "title"), "x")
    assert toml.read_text(encoding="utf-8") == content


def test_a_missing_file_or_a_fifo_is_refused(tmp_path: Path) -> None:
    with pytest.raises(PackEditError, match="cannot be read"):
        set_text(tmp_path / "pack.toml", ("pages", 0, "title"), "x")
    os.mkfifo(tmp_path / "pack.toml")
    with pytest.raises(PackEditError, match="not a regular file"):
        set_text(tmp_path / "pack.toml", ("pages", 0, "title"), "x")


def test_a_save_by_the_editor_in_between_wins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The author's editor saved while the edit was being made: their save is kept, the edit is refused."""
    toml = write_pack(tmp_path)
    theirs = SOURCE.replace("Take control", "Their title")
    real = pack_edit._check_rules

    def save_meanwhile(*args: object) -> None:
        real(*args)  # type: ignore[arg-type]
        toml.write_text(theirs, encoding="utf-8")

    monkeypatch.setattr(pack_edit, "_check_rules", save_meanwhile)
    with pytest.raises(PackEditError, match="changed by another program"):
        set_text(toml, ("pages", 0, "title"), "Mine")
    assert toml.read_text(encoding="utf-8") == theirs


def test_a_failed_write_leaves_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    toml = write_pack(tmp_path)

    def full_disk(path: Path, data: bytes | str) -> Path:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(pack_edit, "atomic_write", full_disk)
    with pytest.raises(OSError, match="No space"):
        set_text(toml, ("pages", 0, "title"), "Mine")
    assert toml.read_text(encoding="utf-8") == SOURCE


def test_the_file_keeps_its_permissions(tmp_path: Path) -> None:
    toml = write_pack(tmp_path)
    toml.chmod(0o664)
    set_text(toml, ("pages", 0, "title"), "Mine")
    assert stat.S_IMODE(toml.stat().st_mode) == 0o664


def test_crlf_line_ends_are_kept(tmp_path: Path) -> None:
    source = SOURCE.replace("\n", "\r\n")
    toml = write_pack(tmp_path, source)
    set_text(toml, ("pages", 0, "title"), "Windows")
    assert toml.read_bytes() == source.replace('"Take control"', '"Windows"').encode()


def test_the_same_value_writes_nothing(tmp_path: Path) -> None:
    toml = write_pack(tmp_path)
    before = toml.stat().st_mtime_ns
    os.utime(toml, ns=(before - 10**9, before - 10**9))
    set_text(toml, ("pages", 0, "title"), "Take control")
    assert toml.stat().st_mtime_ns == before - 10**9
