"""`kiosk new` (kiosk.core.pack_new): a complete, valid pack to edit, every field explained with the limits the
pack's check enforces, its art copied, and nothing ever written over."""

from __future__ import annotations

import os
import re
import stat
import tomllib
from pathlib import Path

import pytest

from kiosk.core import pack_new, paths
from kiosk.core.limits import IDLE_TIMEOUT, PACK_VERSION, PAGE_DURATION
from kiosk.core.pack import KINDS, PAGE_KINDS, Items, Rule, _Context, load, validate
from kiosk.core.pack_edit import set_text
from kiosk.core.pack_new import BLANK, NewPackError, describe, new_pack, pack_id, schema_fields, templates

BUILT_IN = paths.builtin_pack_names()
NOT_SHOWN = ("id", "kind", "audience", "image", "icon", "style", "language", "accent")  # values, not words


def comments(text: str) -> str:
    """The file's comments as one flowing text (wrapped lines joined), without the '#' marks."""
    lines = [line.lstrip("#").strip() for line in text.splitlines() if line.startswith("#")]
    return " ".join(" ".join(lines).split())


def test_there_is_something_to_start_from() -> None:
    assert templates() == (*BUILT_IN, BLANK) and {"cumbria", "derbyshire"} <= set(BUILT_IN)


def test_every_field_of_the_schema_has_a_purpose() -> None:
    missing = [f.name for f in schema_fields() if not pack_new.PURPOSES.get(f.name)]
    assert missing == [], "say what these fields are for in kiosk/core/pack_new.py PURPOSES"
    assert set(pack_new.KIND_PURPOSES) == set(PAGE_KINDS) == set(KINDS)


def test_every_rule_says_what_it_accepts() -> None:
    """The words kiosk new writes for a field's limits come from its rule: a rule without them is a rule whose
    limits no author is told (give its factory in kiosk/core/pack.py a `limits=` text)."""
    silent = [f.name for f in schema_fields() if isinstance(f.rule, Rule) and not f.rule.limits]
    assert silent == []


@pytest.mark.parametrize("template", [*BUILT_IN, BLANK])
def test_every_field_of_the_schema_is_commented_in_the_new_pack(tmp_path: Path, template: str) -> None:
    text = new_pack(tmp_path / "mine", template).read_text(encoding="utf-8")
    said = comments(text)
    for field in schema_fields():
        explained = " ".join(describe(field.name, field.rule).split())
        assert explained in said, f"{field.name} is not explained"
        if isinstance(field.rule, Rule):
            assert f"{field.key}: {explained}" in said, f"{field.name} is not explained under its own name"
    for kind in PAGE_KINDS:
        assert f'kind = "{kind}": {pack_new.KIND_PURPOSES[kind]}' in said


def _probe_text(rule: Rule, limit: int) -> None:
    ctx = _Context(Path("."), "pack.toml")
    start = "https://www.example.org/" if "https://" in rule.limits else ""
    value: object = start + "x" * (limit - len(start))
    too_long: object = start + "x" * (limit + 1 - len(start))
    if rule.limits.startswith("a list of"):
        low = int(re.search(r"a list of (\d+) to", rule.limits).group(1))  # type: ignore[union-attr]
        value, too_long = ["x" * limit] * low, ["x" * (limit + 1)] * low
    assert rule.check(value, ctx)[1] is None
    assert rule.check(too_long, ctx)[1] is not None


def test_the_limits_in_the_comments_are_what_the_check_enforces() -> None:
    """Each rule's words are tried against the rule itself: the longest text it names passes, one more fails; the
    ends of a number range pass, just outside them fails."""
    probed = 0
    for field in schema_fields():
        rule = field.rule
        if isinstance(rule, Items):
            continue
        if found := re.search(r"each at most (\d+) characters|at most (\d+) characters", rule.limits):
            if "picture" not in rule.limits:
                _probe_text(rule, int(found.group(1) or found.group(2)))
                probed += 1
        if found := re.fullmatch(r"(?:a number from |a whole number from )?([\d.]+) to ([\d.]+)( .*)?", rule.limits):
            ctx = _Context(Path("."), "pack.toml")
            low, high = float(found.group(1)), float(found.group(2))
            kind = int if "whole" in rule.limits else float
            assert rule.check(kind(low), ctx)[1] is None and rule.check(kind(high), ctx)[1] is None
            step = 1 if kind is int else 0.001
            assert rule.check(kind(low - step), ctx)[1] is not None
            assert rule.check(kind(high + step), ctx)[1] is not None
            probed += 1
    assert probed > 50


def test_the_limits_come_from_the_limits_table() -> None:
    described = {f.name: describe(f.name, f.rule) for f in schema_fields()}
    assert f"{IDLE_TIMEOUT.low:g} to {IDLE_TIMEOUT.high:g} seconds" in described["pack.idle_timeout"]
    assert f"default {IDLE_TIMEOUT.default:g}" in described["pack.idle_timeout"]
    assert f"{PAGE_DURATION.low:g} to {PAGE_DURATION.high:g} seconds" in described["pages.duration"]
    assert f"{PACK_VERSION.low:g} to {PACK_VERSION.high:g}" in described["pack.version"]


@pytest.mark.parametrize("template", BUILT_IN)
def test_a_pack_from_a_built_in_one_holds_its_texts_and_art(tmp_path: Path, template: str) -> None:
    source = paths.builtin_packs_dir() / template
    toml = new_pack(tmp_path / "Our Campaign", template)
    pack = load(toml.parent)
    assert pack.id == "our-campaign" and pack.version == 1
    want = tomllib.loads((source / "pack.toml").read_text(encoding="utf-8"))
    got = tomllib.loads(toml.read_text(encoding="utf-8"))
    want["pack"]["id"], want["pack"]["version"] = "our-campaign", 1
    assert got == want
    art = sorted(p.relative_to(toml.parent).as_posix() for p in toml.parent.rglob("*") if p.is_file())
    named = sorted({*pack_new._images(want)} | {"pack.toml"})
    assert art == named
    for rel in named:
        if rel != "pack.toml":
            assert (toml.parent / rel).read_bytes() == (source / rel).read_bytes()


def test_the_blank_pack_has_every_kind_and_reads_as_placeholders(tmp_path: Path) -> None:
    toml = new_pack(tmp_path / "blank-one")
    pack = load(toml.parent)
    assert {p.kind for p in pack.pages} == set(PAGE_KINDS)
    assert pack.pages_for("students") and pack.pages_for("parents")
    raw = tomllib.loads(toml.read_text(encoding="utf-8"))
    real_routes = ("label", "url", "note", "number")  # the help page's routes are real ones, on purpose

    def texts(value: object, key: str = "", under: str = "") -> list[str]:
        if isinstance(value, dict):
            return [t for k, v in value.items() for t in texts(v, k, under if k not in ("links", "phones") else k)]
        if isinstance(value, list):
            return [t for v in value for t in texts(v, key, under)]
        if isinstance(value, str) and not (under and key in real_routes):
            return [] if key in NOT_SHOWN else [value]
        return []

    shown = [t for page in raw["pages"] for t in texts(page)]
    placeholders = [t for t in shown if t.startswith("[") and t.endswith("]")]
    assert len(placeholders) >= 50
    assert [t for t in shown if t not in placeholders] == ["Get help and report"]
    assert texts(raw["pack"]) == ["[Your campaign's name]", "[Your organisation]"]
    for picture in ("art/poster.svg", "art/panel-1.svg", "art/panel-2.svg"):
        svg = (toml.parent / picture).read_text(encoding="ascii")
        assert "stroke-dasharray" in svg and "<text" not in svg  # a placeholder card, and no words to translate


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("my-pack", "my-pack"),
        ("Our Campaign 2026", "our-campaign-2026"),
        ("Ysgol_Gymraeg_Aberystwyth", "ysgol-gymraeg-aberystwyth"),
        ("Café Ŵŷ", "cafe-wy"),
        ("--x--", "x"),
        ("a" * 60, "a" * 40),
        ("a" * 39 + "-b", "a" * 39),
    ],
)
def test_the_pack_id_comes_from_the_folder_name(tmp_path: Path, name: str, expected: str) -> None:
    assert pack_id(tmp_path / name) == expected


@pytest.mark.parametrize("name", ["+++", "مرحبا", "שלום"])
def test_a_folder_name_without_letters_or_digits_is_refused(tmp_path: Path, name: str) -> None:
    with pytest.raises(NewPackError, match="gives the pack its id"):
        new_pack(tmp_path / name)
    assert list(tmp_path.iterdir()) == []


def test_the_folder_one_is_in(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`kiosk new .` in an empty folder fills that folder (it is not replaced: the author's shell is in it)."""
    here = tmp_path / "Our Pack"
    here.mkdir()
    monkeypatch.chdir(here)
    toml = new_pack(Path("."))
    assert toml == Path("pack.toml") and load(here).id == "our-pack"
    assert sorted(p.name for p in here.iterdir()) == ["art", "pack.toml"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["Our Pack"]  # no temporary folder left beside it


def test_an_empty_folder_is_used_and_a_missing_parent_is_made(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    assert validate(new_pack(tmp_path / "empty").parent)[1] == []
    assert validate(new_pack(tmp_path / "a" / "b" / "deep", "derbyshire").parent)[1] == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a", "empty"]  # no temporary folder left


def test_the_files_have_the_usual_permissions(tmp_path: Path) -> None:
    """The author's own files: readable by the team like any file they save (not private, as temporary files are)."""
    mask = os.umask(0o022)
    try:
        toml = new_pack(tmp_path / "p")
    finally:
        os.umask(mask)
    modes = {p.name: stat.S_IMODE(p.stat().st_mode) for p in (toml.parent, toml, toml.parent / "art" / "poster.svg")}
    assert modes == {"p": 0o755, "pack.toml": 0o644, "poster.svg": 0o644}


@pytest.mark.parametrize("what", ["a-file-inside", "a-hidden-file", "a-subfolder", "is-a-file", "a-link"])
def test_anything_in_the_way_is_refused_and_left_as_it_was(tmp_path: Path, what: str) -> None:
    target = tmp_path / "pack"
    if what == "is-a-file":
        target.write_text("mine")
    elif what == "a-link":
        (tmp_path / "elsewhere").mkdir()
        target.symlink_to(tmp_path / "elsewhere")
    else:
        target.mkdir()
        name = {"a-file-inside": "notes.txt", "a-hidden-file": ".keep", "a-subfolder": "art"}[what]
        (target / name).mkdir() if what == "a-subfolder" else (target / name).write_text("mine")
    before = sorted(str(p) for p in tmp_path.rglob("*"))
    with pytest.raises(NewPackError, match=r"is not (empty|a folder)"):
        new_pack(target, "cumbria")
    assert sorted(str(p) for p in tmp_path.rglob("*")) == before


def test_an_unknown_template_is_refused(tmp_path: Path) -> None:
    with pytest.raises(NewPackError, match="no such pack to start from; choose one of cumbria, derbyshire"):
        new_pack(tmp_path / "x", "nope")


@pytest.mark.parametrize("existing", [False, True])
def test_a_full_disk_part_way_leaves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, existing: bool) -> None:
    real = pack_new._write_new
    written: list[Path] = []

    def fills_up(path: Path, data: bytes) -> None:
        if len(written) == 2:
            raise OSError(28, "No space left on device")
        written.append(path)
        real(path, data)

    monkeypatch.setattr(pack_new, "_write_new", fills_up)
    if existing:
        (tmp_path / "x").mkdir()
    with pytest.raises(OSError, match="No space"):
        new_pack(tmp_path / "x")
    assert len(written) == 2
    assert [p.name for p in tmp_path.iterdir()] == (["x"] if existing else [])
    assert not existing or list((tmp_path / "x").iterdir()) == []


def test_the_new_pack_is_edited_in_place_keeping_its_comments(tmp_path: Path) -> None:
    """The studio's click-to-edit on a new pack: one line changes, every comment stays."""
    toml = new_pack(tmp_path / "mine")
    before = toml.read_text(encoding="utf-8")
    set_text(toml, ("pages", 0, "title"), "Take control and say no")
    after = toml.read_text(encoding="utf-8")
    assert after == before.replace('title = "[Your main message]"', 'title = "Take control and say no"', 1)
    assert load(toml.parent).pages[0].title == "Take control and say no"
