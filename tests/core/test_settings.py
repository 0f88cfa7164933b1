"""The settings file as a school's IT person meets it: written by the staff screen, edited by hand, sometimes
broken by a power cut or a typo. The kiosk must always start, say what was wrong and where, and keep the file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kiosk.core import settings as settings_module
from kiosk.core.pin import PBKDF2, SCRYPT, check_pin, hash_pin
from kiosk.core.settings import Settings, load_settings, save_settings, settings_path


def full_settings() -> Settings:
    return Settings(
        pack="derbyshire",
        mode="parents",
        idle_timeout=90.0,
        durations={"poster": 12.0, "help": 30.5},
        language="cy",
        reduced_motion=True,
        high_contrast=True,
        text_size=150,
        stats_enabled=False,
        pin=hash_pin("2468"),
        schedule=["foyer, cumbria, on school days (mon-fri) 08:00-16:00", "parents, on 2026-12-03 17:00-20:00"],
    )


def bad_files(folder: Path) -> list[Path]:
    return sorted(folder.glob("settings.toml.bad-*"))


def test_round_trip_through_the_config_folder(kiosk_home: Path) -> None:
    original = full_settings()
    written = save_settings(original)
    assert written == kiosk_home / "config" / "settings.toml" == settings_path()
    loaded, problems = load_settings()
    assert problems == [] and loaded == original
    text = written.read_text()
    assert 'language = "cy"' in text and "text_size = 150" in text and "poster = 12" in text


def test_no_file_means_defaults_and_no_complaint(kiosk_home: Path) -> None:
    assert load_settings() == (Settings(), [])
    assert not (kiosk_home / "config").exists(), "reading must not create anything"


def test_the_file_never_contains_the_pin(kiosk_home: Path) -> None:
    for method in (SCRYPT, PBKDF2):
        s = Settings(pin=hash_pin("73915", method))
        text = save_settings(s).read_text()
        assert "73915" not in text
        loaded, _ = load_settings()
        assert loaded.pin is not None and loaded.pin.method == method
        assert check_pin("73915", loaded.pin) and not check_pin("73914", loaded.pin)
    assert hash_pin("1234").salt != hash_pin("1234").salt, "every PIN gets its own salt"


@pytest.mark.parametrize(
    ("text", "line", "field", "words"),
    [
        ('pack = "cumbria"\ntext_size = 130\n', 2, "text_size", "must be one of 100, 125, 150, 200, not 130"),
        ('mode = "foyer"\n\nmode_x = 1\n', 3, "mode_x", "unknown setting"),
        ("[durations]\nposter = 12\nhelp = -4\n", 3, "durations.help", "must be 3 to 120 seconds"),
        (
            'schedule = [\n  "foyer, on mon-fri 08:00-16:00",\n  "foyer, on funday 08:00-16:00",\n]\n',
            3,
            "schedule[1]",
            "'funday' is not a day",
        ),
        ("high_contrast = 1\n", 1, "high_contrast", "must be true or false"),
        ('[pin]\nmethod = "md5"\nsalt = "00"\nhash = "00"\n', 2, "pin.method", "must be 'scrypt'"),
    ],
)
def test_a_bad_field_is_named_with_file_and_line_and_the_rest_is_kept(
    kiosk_home: Path, text: str, line: int, field: str, words: str
) -> None:
    path = settings_path()
    path.parent.mkdir(parents=True)
    path.write_text(text)
    loaded, problems = load_settings()
    assert [str(p) for p in problems] == [f"{path}:{line}: {field}: " + str(problems[0]).split(": ", 2)[2]]
    assert words in problems[0].message
    (kept,) = bad_files(path.parent)
    assert kept.read_text() == text, "the bad file is kept for a human, byte for byte"
    if path.exists():  # the good fields were written back, so the next start is clean
        assert load_settings() == (loaded, [])


def test_a_bad_field_keeps_the_good_ones_including_the_pin(kiosk_home: Path) -> None:
    good = full_settings()
    path = save_settings(good)
    path.write_text(path.read_text().replace("text_size = 150", "text_size = 'huge'"))
    loaded, problems = load_settings()
    assert [(p.field, p.line) for p in problems] == [("text_size", 10)]
    assert loaded.text_size == 100 and loaded.pin == good.pin and loaded.schedule == good.schedule
    assert load_settings() == (loaded, []), "the recovered settings were written back"


@pytest.mark.parametrize("cut", [0.3, 0.55, 0.9])
def test_a_truncated_file_starts_the_kiosk_and_is_set_aside(kiosk_home: Path, cut: float) -> None:
    path = save_settings(full_settings())
    text = path.read_text()
    path.write_text(text[: int(len(text) * cut)])
    loaded, problems = load_settings()
    assert isinstance(loaded, Settings)
    for p in problems:
        assert str(p).startswith(f"{path}:") and p.line >= 1
    assert problems and len(bad_files(path.parent)) == 1


def test_garbage_is_a_syntax_problem_with_its_line(kiosk_home: Path) -> None:
    path = settings_path()
    path.parent.mkdir(parents=True)
    path.write_text('pack = "cumbria"\nmode = "foyer\nidle_timeout = 30\n')
    loaded, problems = load_settings()
    assert loaded == Settings()
    assert [(p.line, p.field) for p in problems] == [(2, "(syntax)")]
    assert str(problems[0]).startswith(f"{path}:2: (syntax): not valid TOML")
    assert not path.exists() and len(bad_files(path.parent)) == 1


def test_binary_junk_is_reported_not_raised(kiosk_home: Path) -> None:
    path = settings_path()
    path.parent.mkdir(parents=True)
    path.write_bytes(b"\xff\xfe\x00garbage\x00")
    loaded, problems = load_settings()
    assert loaded == Settings() and problems[0].field == "(file)" and "cannot be read" in problems[0].message
    assert len(bad_files(path.parent)) == 1


@pytest.mark.parametrize("failing", ["fsync", "replace"])
def test_a_failed_write_leaves_the_old_file_intact(kiosk_home: Path, monkeypatch, failing: str) -> None:
    old = Settings(pack="derbyshire", text_size=125)
    path = save_settings(old)
    before = path.read_bytes()

    def boom(*args, **kwargs):
        raise OSError(28, "No space left on device")

    with monkeypatch.context() as patch:
        patch.setattr(settings_module.os, failing, boom)
        with pytest.raises(OSError):
            save_settings(Settings(pack="cumbria", text_size=150))
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir()) == ["settings.toml"], "no temporary file left behind"
    assert load_settings() == (old, [])


def test_hand_edited_file_with_comments_and_no_pin_loads(kiosk_home: Path) -> None:
    path = settings_path()
    path.parent.mkdir(parents=True)
    path.write_text(
        "# our foyer\n"
        'pack = "derbyshire"   # the PCC pack\n'
        "idle_timeout = 45\n"
        'schedule = ["assembly, on wed 09:00-09:30"]\n'
        "[durations]\n"
        '"panel-story" = 20\n'
    )
    loaded, problems = load_settings()
    assert problems == []
    assert (loaded.pack, loaded.idle_timeout, loaded.durations, loaded.pin) == (
        "derbyshire",
        45.0,
        {"panel-story": 20.0},
        None,
    )
    assert os.listdir(path.parent) == ["settings.toml"]


def test_the_documented_example_is_a_valid_file() -> None:
    import re

    from kiosk.core.settings import parse_settings

    from ..conftest import ROOT

    doc = (ROOT / "docs" / "settings.md").read_text()
    example = re.search(r"```toml\n(.*?)```", doc, re.S)
    assert example is not None
    loaded, problems = parse_settings(example.group(1))
    assert problems == []
    assert loaded.text_size == 125 and len(loaded.schedule) == 3 and loaded.pin is not None
