"""`kiosk check` lays pages out without drawing them (kiosk.ui.fit.lay_out) and finds exactly what it found when
it drew a frame of every state: on both built-in packs and on a pack with texts cut off in several places, at 100 %
and 150 % text."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kiosk.core import paths
from kiosk.core.limits import FIT_SIZES
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
    """The built-in packs at one size of each class of screen (3840x2160 is 1920x1080 drawn at twice the pixels,
    and drawing it is what took the time); the broken pack at every size."""
    root = broken(tmp_path) if name == "broken" else paths.builtin_packs_dir() / name
    pack = load(root)
    sizes = FIT_SIZES if name == "broken" else ((1024, 768), (1920, 1080), (1080, 1920))
    fast = lay_out_pack(pack, sizes)
    drawn = lay_out_pack(pack, sizes, drawn=True)
    assert fast.where == drawn.where
    assert fast.squares == drawn.squares
    if name == "broken":
        assert len(fast.where) >= 4, fast.where  # the seeds are found, at several sizes
        assert any(len(conditions) >= 4 for conditions in fast.where.values())
    else:
        assert not fast.where and fast.squares  # nothing cut off; every code measured
