"""Where two features meet: bugs found by using the merged kiosk as a school would."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk import cli
from kiosk.core.settings import Settings, save_settings


@pytest.mark.parametrize("saved, expected", [(None, "cumbria"), ("derbyshire", "derbyshire")])
def test_handout_without_pack_is_for_the_pack_the_kiosk_shows(monkeypatch, tmp_path: Path, saved, expected) -> None:
    """A Derbyshire school printing `kiosk handout --out h.pdf` got Cumbria's handout: it ignored settings.toml."""
    if saved:
        save_settings(Settings(pack=saved))
    written: list[str] = []
    monkeypatch.setattr("kiosk.ui.handout.make_handout", lambda pack, out, audience: written.append(pack.id) or 1)
    assert cli.main(["handout", "--out", str(tmp_path / "h.pdf")]) == 0
    assert written == [expected]
