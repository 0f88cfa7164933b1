"""The handout PDF is written whole or not at all, and only over a regular file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kiosk.core import paths
from kiosk.core.pack import load


def test_a_full_disk_leaves_no_pdf_and_no_temporary_file(
    qapp: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kiosk.ui import app as qtapp
    from kiosk.ui.handout import HandoutError, write_handout

    qtapp.load_resources()
    qtapp.load_fonts()
    pack = load(paths.builtin_packs_dir() / "cumbria")
    folder = tmp_path / "out"
    folder.mkdir()
    out = folder / "handout.pdf"
    out.write_bytes(b"%PDF- the old handout")

    def full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    with monkeypatch.context() as patch:
        patch.setattr(os, "fsync", full)
        with pytest.raises(HandoutError, match="No space left on device"):
            write_handout(pack, out)
    assert out.read_bytes() == b"%PDF- the old handout"  # the old file, whole
    assert sorted(p.name for p in folder.iterdir()) == ["handout.pdf"]
    assert write_handout(pack, out) >= 1 and out.read_bytes()[:5] == b"%PDF-"
