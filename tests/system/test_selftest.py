"""`kiosk --selftest` passes on a good install and fails, saying why, on a broken one."""

from __future__ import annotations

import shutil
from pathlib import Path

from kiosk import selftest
from kiosk.core import paths

from ..conftest import FIXTURES


def test_selftest_passes_from_source(qapp) -> None:
    lines: list[str] = []
    assert selftest.run_selftest(lines.append) == 0
    assert lines[-1].startswith("selftest: OK")
    assert any("QR codes decode to their links" in line for line in lines)
    assert "ok   interface languages load: en, cy" in lines, "the Welsh translation is compiled in"
    assert "ok   anonymous counts database (SQLite)" in lines
    assert "ok   staff PIN hashing (scrypt)" in lines
    assert "ok   bundle signatures (Ed25519, libsodium)" in lines
    assert not [line for line in lines if line.startswith("FAIL")]


def test_selftest_fails_on_a_broken_builtin_pack(qapp, tmp_path: Path, monkeypatch) -> None:
    packs = tmp_path / "assets" / "packs"
    shutil.copytree(FIXTURES / "broken" / "http-link", packs / "broken")
    monkeypatch.setattr(paths, "builtin_packs_dir", lambda: packs)
    lines: list[str] = []
    assert selftest.run_selftest(lines.append) == 1
    assert lines[-1].startswith("selftest: FAILED")
    assert any(line.startswith("FAIL broken: pack is valid") and "https://" in line for line in lines)
