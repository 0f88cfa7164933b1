"""Pack loading and validation: the built-in packs are clean, and every broken fixture is reported with the
right file, line and field, the way a safeguarding lead would read it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.core import paths
from kiosk.core.checks import normalised, sourced_items, unsourced
from kiosk.core.pack import PackError, load, validate
from kiosk.core.tomllines import LineIndex

from ..conftest import FIXTURES, MINIMAL

# case -> (line, field, words the message must contain)
BROKEN = {
    "bad-phone": (109, "pages[7].phones[1].number", "digits and spaces"),
    "duplicate-id": (73, "pages[5].id", "already used by page 4"),
    "http-link": (105, "pages[7].links[1].url", "https://"),
    "image-absolute": (14, "pages[1].image", "not an absolute path"),
    "image-missing": (41, "pages[2].panels[2].image", "no such file"),
    "image-outside": (14, "pages[1].image", "'..' is not allowed"),
    "missing-field": (2, "pack.organisation", "required"),
    "syntax-error": (101, "(syntax)", "not valid TOML"),
    "too-long": (43, "pages[2].panels[2].caption", "at most 130"),
    "typo-field": (13, "pages[1].subtitel", "did you mean 'subtitle'"),
    "unknown-kind": (74, "pages[5].kind", "must be one of"),
    # issue 16: pictures are checked for what they are and may refer to nothing outside themselves
    "svg-outside-image": (14, "pages[1].image", "refers to '../../elsewhere/x.png'"),
    "svg-file-url": (14, "pages[1].image", "refers to 'file:///etc/hostname'"),
    "svg-web-image": (14, "pages[1].image", "refers to 'https://example.org/x.png'"),
    "svg-css-url": (14, "pages[1].image", "only url(#name)"),
    "svg-entity": (14, "pages[1].image", "declares XML entities"),
    "svg-xinclude": (14, "pages[1].image", "XInclude"),
    "svg-empty": (14, "pages[1].image", "'art/poster.svg'; the picture is empty"),
    "svg-truncated": (14, "pages[1].image", "not a readable SVG"),
    "png-truncated": (14, "pages[1].image", "'art/poster.png'; the picture is cut short"),
    "png-random-bytes": (14, "pages[1].image", "named .png but is not a picture"),
    "jpeg-truncated": (14, "pages[1].image", "'art/poster.jpg'; the picture is cut short"),
    "jpeg-is-a-png": (14, "pages[1].image", "named .jpg but is a PNG"),
    "picture-folder": (14, "pages[1].image", "not a regular file"),
    "picture-link-outside": (14, "pages[1].image", "outside the pack folder"),
    # text is drawn as written, ids are plain, and pack.toml's oddities never stop the check
    "text-bidi-override": (12, "pages[1].title", "U+202E"),
    "text-control-character": (12, "pages[1].title", "U+0007"),
    "text-newline": (12, "pages[1].title", "line break"),
    "id-trailing-newline": (10, "pages[1].id", "lower-case letters"),
    "toml-deep-nesting": (0, "(syntax)", "nested too deeply"),
    "toml-line-separator": (18, "pages[1].subtitel", "did you mean 'subtitle'"),
}


@pytest.mark.parametrize("name", paths.builtin_pack_names() or ["(none yet)"])
def test_builtin_packs_are_valid(name: str) -> None:
    pack, problems = validate(paths.builtin_packs_dir() / name)
    assert problems == [] and pack is not None
    kinds = {p.kind for p in pack.pages}
    assert {"poster", "story", "law", "plan", "help"} <= kinds
    if name == "cumbria":  # the letter to parents has the ten tips; Derbyshire's letter has none
        tips = next(p for p in pack.pages if p.kind == "tips")
        assert len(tips.data["tips"]) == 10
    assert all(len(p.questions) >= 3 and p.notes for p in pack.pages), "every page has presenter notes and questions"
    assert pack.pages_for("parents"), "there is a parents' evening loop"
    helps = [p for p in pack.pages if p.kind == "help"]
    numbers = {ph["number"] for p in helps for ph in p.data["phones"]}
    assert {"101", "999", "0800 555 111"} <= numbers


def test_both_campaign_packs_ship() -> None:
    assert {"cumbria", "derbyshire"} <= set(paths.builtin_pack_names())


def test_minimal_fixture_loads_with_defaults() -> None:
    pack = load(MINIMAL)
    assert pack.id == "minimal" and pack.idle_timeout == 30 and pack.language == "en"
    story = next(p for p in pack.pages if p.kind == "story")
    assert story.duration == 9 and story.panel_count == 2
    bubble = story.data["panels"][0]["bubbles"][0]
    assert bubble["style"] == "message" and bubble["width"] == 0.4
    assert next(p for p in pack.pages if p.kind == "info").duration == 5  # default_duration


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_check_reports_file_line_and_field(case: str, capsys: pytest.CaptureFixture[str]) -> None:
    line, field, words = BROKEN[case]
    folder = FIXTURES / "broken" / case
    assert main(["check", str(folder)]) == 1
    out = capsys.readouterr().out.strip().splitlines()
    assert len(out) == 1, out
    assert out[0].startswith(f"{folder / 'pack.toml'}:{line}: {field}: "), out[0]
    assert words in out[0]


def test_every_broken_fixture_is_covered() -> None:
    assert sorted(p.name for p in (FIXTURES / "broken").iterdir()) == sorted(BROKEN)


def test_check_lists_every_problem_not_just_the_first(tmp_path: Path) -> None:
    shutil.copytree(MINIMAL, tmp_path / "p")
    toml = tmp_path / "p" / "pack.toml"
    text = toml.read_text().replace('number = "101"', 'number = "1O1"').replace('url = "https://', 'url = "ftp://')
    toml.write_text(text.replace('id = "minimal"', 'id = "Minimal Pack"'))
    pack, problems = validate(tmp_path / "p")
    assert pack is None
    assert [p.field for p in problems] == ["pack.id", "pages[7].links[1].url", "pages[7].phones[1].number"]
    assert [p.line for p in problems] == sorted(p.line for p in problems)


def test_missing_folder_and_file(tmp_path: Path) -> None:
    _, problems = validate(tmp_path / "nowhere")
    assert "no such pack folder" in problems[0].message
    (tmp_path / "empty").mkdir()
    _, problems = validate(tmp_path / "empty")
    assert problems[0].field == "(file)" and "pack.toml" in problems[0].message
    with pytest.raises(PackError):
        load(tmp_path / "empty")


def test_check_ok_exit_zero(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--no-layout", str(MINIMAL)]) == 0
    assert "OK" in capsys.readouterr().err


def test_bubble_past_the_right_edge_is_refused(tmp_path: Path) -> None:
    shutil.copytree(MINIMAL, tmp_path / "p")
    toml = tmp_path / "p" / "pack.toml"
    toml.write_text(toml.read_text().replace("x = 0.05", "x = 0.7"))
    _, problems = validate(tmp_path / "p")
    assert [p.field for p in problems] == ["pages[2].panels[1].bubbles[1].width"]


def test_help_page_needs_a_route(tmp_path: Path) -> None:
    shutil.copytree(MINIMAL, tmp_path / "p")
    toml = tmp_path / "p" / "pack.toml"
    text = toml.read_text()
    text = text[: text.index("[[pages.links]]")]
    toml.write_text(text)
    _, problems = validate(tmp_path / "p")
    assert any("at least one" in p.message and p.field == "pages[7]" for p in problems)


def test_line_index_handles_arrays_and_multiline_strings() -> None:
    text = '''[pack]
id = "x"  # comment with = sign
notes = """
[not a table]
"""

[[pages]]
id = "a"
questions = [
  "one, with a comma",
  "two [bracket]",
]

[[pages]]
id = "b"

[[pages.tips]]
title = "t"
'''
    idx = LineIndex(text)
    assert idx.line(("pack", "id")) == 2
    assert idx.line(("pages", 0, "questions", 0)) == 10
    assert idx.line(("pages", 0, "questions", 1)) == 11
    assert idx.line(("pages", 1, "id")) == 15
    assert idx.line(("pages", 1, "tips", 0, "title")) == 18
    assert idx.line(("pages", 1, "tips", 0, "missing")) == 17  # falls back to the table's header


def test_builtin_text_comes_from_the_sources(campaign_sources: str) -> None:
    """Every web address and phone number in a built-in pack appears in the campaign sources (the same check as
    `kiosk check --sources`: kiosk.core.checks)."""
    sources = normalised(campaign_sources)
    for name in paths.builtin_pack_names():
        pack = load(paths.builtin_packs_dir() / name)
        missing = [(what, words) for _, what, words in unsourced(pack, sources) if what != "quote"]
        assert missing == [], f"{name}: not in the campaign sources"


@pytest.mark.parametrize("name", ["cumbria", "derbyshire"])
def test_every_builtin_page_has_presenter_notes_and_3_to_6_questions(name: str) -> None:
    pack = load(paths.builtin_packs_dir() / name)
    short = {p.id: len(p.questions) for p in pack.pages if not 3 <= len(p.questions) <= 6}
    assert short == {}, "pages without 3 to 6 discussion questions"
    assert [p.id for p in pack.pages if len(p.notes.strip()) < 40] == [], "pages without real speaker notes"
    assert all(q.strip().endswith("?") for p in pack.pages for q in p.questions)


@pytest.mark.parametrize("name", ["cumbria", "derbyshire"])
def test_parents_loop_covers_what_sexting_is_the_law_talking_tips_and_help(name: str) -> None:
    loop = load(paths.builtin_packs_dir() / name).pages_for("parents")
    ids = [p.id for p in loop]
    kinds = {p.kind for p in loop}
    assert {"info", "law", "tips", "help"} <= kinds
    assert "what-is" in ids and "talk-with-your-child" in ids
    assert (
        ids.index("what-is")
        < ids.index("talk-with-your-child")
        < ids.index(next(p.id for p in loop if p.kind == "help"))
    )
    help_pages = [p for p in loop if p.kind == "help"]
    assert any(p.data["links"] for p in help_pages) and any(p.data["phones"] for p in help_pages)


def test_builtin_quotes_and_tips_are_word_true(campaign_sources: str) -> None:
    """What a page presents as someone's words (quotes, poster lines with an attribution, the letter's tips)
    appears word for word in the campaign sources (letter case aside: a quote may start mid-sentence)."""
    sources = normalised(campaign_sources)
    packs = [load(paths.builtin_packs_dir() / name) for name in paths.builtin_pack_names()]
    quoted = [words for pack in packs for _, what, words in sourced_items(pack) if what == "quote"]
    assert len(quoted) > 20
    wrong = [(pack.id, words) for pack in packs for _, what, words in unsourced(pack, sources) if what == "quote"]
    assert wrong == []
