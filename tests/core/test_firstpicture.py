"""The first page's kept picture (kiosk.core.firstpicture): its key covers every input, and changed files show."""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from kiosk.core import firstpicture
from kiosk.core.firstpicture import Inputs

BASE = Inputs(
    program=["0.1.0", "3.11.7", ["/opt/kiosk/campaign-kiosk", 1, 2, 3, 4]],
    qt_version="6.8.1",
    config="Config(settings=Settings(text_size=100, high_contrast=False, language='en'), overrides=Overrides())",
    slot="Slot(mode='foyer', pack='cumbria', entry='')",
    pack_root="/opt/kiosk/assets/packs/cumbria",
    pack_files=[("pack.toml", 1200, 10, 11, 99), ("art/poster.png", 50000, 12, 13, 100)],
    pack_problems=[],
    size=(1920, 1080),
    device_pixel_ratio=1.0,
    platform="xcb",
    environment=[("LANG", "C.UTF-8")],
)

# One changed value per input: what a school or the machine might change between two starts.
CHANGES: dict[str, st.SearchStrategy[object]] = {
    "program": st.just(["0.1.1", "3.11.7", ["/opt/kiosk/campaign-kiosk", 1, 2, 3, 4]]),
    "qt_version": st.sampled_from(["6.8.2", "6.9.0"]),
    "config": st.sampled_from(
        [
            BASE.config.replace("text_size=100", "text_size=200"),
            BASE.config.replace("high_contrast=False", "high_contrast=True"),
            BASE.config.replace("language='en'", "language='cy'"),
            BASE.config.replace("Overrides()", "Overrides(pack='other')"),
            BASE.config + " Policy(locked={'text_size': 150})",
        ]
    ),
    "slot": st.sampled_from(
        ["Slot(mode='assembly', pack='cumbria', entry='')", "Slot(mode='foyer', pack='x', entry='')"]
    ),
    "pack_root": st.just("/home/kiosk/.local/share/kiosk/store/cumbria/2"),
    "pack_files": st.integers(0, 1).flatmap(
        lambda i: st.sampled_from(["size", "mtime", "ctime", "inode"]).map(
            lambda what: [
                tuple(
                    v + 1 if n == ["size", "mtime", "ctime", "inode"].index(what) + 1 and j == i else v
                    for n, v in enumerate(f)
                )
                for j, f in enumerate(BASE.pack_files)
            ]
        )
    ),
    "pack_problems": st.just(["cumbria: pack.toml line 3: title is empty"]),
    "size": st.sampled_from([(1080, 1920), (3840, 2160), (1024, 768), (1920, 1200)]),
    "device_pixel_ratio": st.sampled_from([1.25, 1.5, 2.0]),
    "platform": st.sampled_from(["wayland", "offscreen", "windows"]),
    "environment": st.sampled_from([[("LANG", "cy_GB.UTF-8")], [("LANG", "C.UTF-8"), ("QT_SCALE_FACTOR", "2")], []]),
}


def test_every_input_is_covered_by_a_change() -> None:
    assert set(CHANGES) == {f.name for f in dataclasses.fields(Inputs)}


@given(st.sampled_from(sorted(CHANGES)).flatmap(lambda name: st.tuples(st.just(name), CHANGES[name])))
def test_any_change_of_an_input_changes_the_key(change: tuple[str, object]) -> None:
    name, value = change
    changed = dataclasses.replace(BASE, **{name: value})
    assert getattr(changed, name) != getattr(BASE, name)
    assert changed.key() != BASE.key()


def test_the_same_inputs_give_the_same_key() -> None:
    again = dataclasses.replace(BASE, pack_files=list(BASE.pack_files), size=(1920, 1080))
    assert again.key() == BASE.key()
    assert len(BASE.key()) == firstpicture.KEY_CHARS


def test_a_picture_rewritten_with_its_old_size_and_time_still_shows_as_changed(tmp_path: Path) -> None:
    """A copy that keeps the file's size and mtime (cp -p, an unzip) changes its ctime; a replace its inode."""
    pack = tmp_path / "pack"
    (pack / "art").mkdir(parents=True)
    poster = pack / "art" / "poster.png"
    poster.write_bytes(b"A" * 100)
    before = firstpicture.file_stats(pack)
    st_before = poster.stat()
    with poster.open("r+b") as f:
        f.write(b"B")  # same size
    os.utime(poster, ns=(st_before.st_atime_ns, st_before.st_mtime_ns))  # same mtime
    after_edit = firstpicture.file_stats(pack)
    assert after_edit != before
    replacement = pack / "art" / "new.png"
    replacement.write_bytes(b"A" * 100)
    os.utime(replacement, ns=(st_before.st_atime_ns, st_before.st_mtime_ns))
    os.replace(replacement, poster)
    assert firstpicture.file_stats(pack) not in (before, after_edit)
    assert [name for name, *_ in before] == [os.path.join("art", "poster.png")]


def test_a_picture_is_found_only_under_its_own_key_and_keeping_one_drops_the_others(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    assert firstpicture.find(cache, "a" * 32) is None
    old = firstpicture.keep(cache, "a" * 32, b"old picture")
    assert firstpicture.find(cache, "a" * 32) == old
    assert firstpicture.find(cache, "b" * 32) is None  # another start's key: the old picture is never opened
    new = firstpicture.keep(cache, "b" * 32, b"new picture")
    assert firstpicture.find(cache, "a" * 32) is None and not old.exists()
    assert new.read_bytes() == b"new picture"
    assert [p.name for p in (cache / firstpicture.FOLDER).iterdir()] == [new.name]  # no temporary file left


def test_the_program_identity_names_the_kiosks_own_files() -> None:
    """From source, an edited QML document or module is another program: its file's stat is in the identity."""
    identity = firstpicture.program_identity()
    files = identity[-1]
    assert isinstance(files, list)
    names = {name for name, *_ in files}
    assert os.path.join("qml", "Kiosk", "Main.qml") in names
    assert os.path.join("ui", "splash.py") in names
