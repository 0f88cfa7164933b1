"""`kiosk check`'s layout fit: every text laid out by the real QML at every size, and at 150 % text."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.core import paths
from kiosk.core.checks import Severity
from kiosk.core.pack import load
from kiosk.ui.fit import fit_findings

from ..conftest import MINIMAL

BUILTIN = [paths.builtin_packs_dir() / n for n in paths.builtin_pack_names()]
LONG = "W" * 60  # within the title's 60 characters, but one word far wider than a 1024x768 screen


def _seeded(tmp_path: Path) -> tuple[Path, int]:
    folder = tmp_path / "long-title"
    shutil.copytree(MINIMAL, folder)
    toml = folder / "pack.toml"
    text = toml.read_text()
    toml.write_text(text.replace('title = "Tips"', f'title = "{LONG}"'))
    return folder, text[: text.index('title = "Tips"')].count("\n") + 1


def test_a_seeded_too_long_text_is_an_error_naming_file_line_and_field(qapp, tmp_path: Path) -> None:
    folder, line = _seeded(tmp_path)
    pack = load(folder)  # valid: the character count alone does not catch it
    findings = fit_findings(pack, folder, sizes=((1024, 768),), scales=(1.0, 1.5))
    assert [(f.severity, f.line, f.field) for f in findings] == [(Severity.ERROR, line, "pages[4].title")]
    assert (
        str(findings[0])
        == f"{folder / 'pack.toml'}:{line}: pages[4].title: is cut off at 1024x768, 1024x768 at 150% text; shorten it"
    )


def test_kiosk_check_runs_the_fit_unless_told_not_to(qapp, tmp_path: Path, capsys, monkeypatch) -> None:
    folder, line = _seeded(tmp_path)
    import kiosk.ui.fit as fit

    calls = []
    real = fit.fit_findings
    monkeypatch.setattr(
        fit, "fit_findings", lambda p, r: calls.append(r) or real(p, r, sizes=((1024, 768),), scales=(1.0,))
    )
    assert main(["check", str(folder)]) == 1
    out = capsys.readouterr()
    assert f"pack.toml:{line}: pages[4].title: is cut off at 1024x768; shorten it" in out.out
    assert main(["check", "--no-layout", str(folder)]) == 0 and len(calls) == 1


@pytest.mark.parametrize("pack", [MINIMAL, *BUILTIN], ids=lambda p: p.name)
def test_the_built_in_packs_fit_at_every_size_and_at_150_percent(qapp, pack: Path) -> None:
    assert fit_findings(load(pack), pack) == []
