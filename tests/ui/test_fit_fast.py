"""`kiosk check` lays pages out without drawing them (kiosk.ui.fit.lay_out) and finds exactly what it found when
it drew a frame of every state: on both built-in packs and on a pack with texts cut off in several places, at every
size and text size the check uses."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kiosk.core import paths
from kiosk.core.pack import load
from kiosk.ui.fit import lay_out_pack

from ..conftest import MINIMAL

# texts that fit at some sizes and not at others, on a page title, a tip, a plan step and a story bubble
SEEDS = {
    'title = "Tips"': 'title = "' + "W" * 60 + '"',
    'title = "Never meet up"': 'title = "Neverendinglyneverendinglyneverendingly"',
    'label = "Block"': 'label = "Blockblockblockblockblockblock"',
    'text = "Send me a pic?"': 'text = "Send me a pic right now please, send me a pic right now pls!!"',
}


def broken(tmp_path: Path) -> Path:
    root = tmp_path / "broken"
    shutil.copytree(MINIMAL, root)
    text = (root / "pack.toml").read_text(encoding="utf-8")
    for old, new in SEEDS.items():
        assert old in text, old
        text = text.replace(old, new)
    (root / "pack.toml").write_text(text, encoding="utf-8")
    return root


@pytest.mark.parametrize("name", ["cumbria", "derbyshire", "broken"])
def test_laying_out_without_frames_finds_what_drawing_every_frame_found(qapp, tmp_path: Path, name: str) -> None:
    root = broken(tmp_path) if name == "broken" else paths.builtin_packs_dir() / name
    pack = load(root)
    fast = lay_out_pack(pack)
    drawn = lay_out_pack(pack, drawn=True)
    assert fast.where == drawn.where
    assert fast.squares == drawn.squares
    if name == "broken":
        assert len(fast.where) >= 4, fast.where  # the seeds are found, at several sizes
        assert any(len(conditions) >= 4 for conditions in fast.where.values())
    else:
        assert not fast.where and fast.squares  # nothing cut off; every code measured
