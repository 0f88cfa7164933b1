"""`kiosk check` judges each QR code in the square the real help page gives it: kiosk.ui.fit reads the squares off
the layout it makes anyway (HelpPage.qml is the one source of truth), at 1024x768 and at every text size it checks,
and kiosk.core.checks.check_qr_reach photographs and decodes each code there."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kiosk.core import paths, qr
from kiosk.core.checks import Severity
from kiosk.core.pack import load
from kiosk.core.qr_reach import CHECK_SIZE, reach, screen_columns
from kiosk.ui.fit import fit_findings, lay_out_pack
from kiosk.ui.render import settle

from ..core.test_checks import CROWD
from ..qml_helpers import find_all

BUILTIN = [paths.builtin_packs_dir() / n for n in paths.builtin_pack_names()]


def crowded(tmp_path: Path) -> Path:
    """Cumbria with four phones and four links on its report page: the layout's hardest case."""
    root = tmp_path / "crowded"
    shutil.copytree(paths.builtin_packs_dir() / "cumbria", root)
    (root / "pack.toml").write_text((root / "pack.toml").read_text(encoding="utf-8") + CROWD, encoding="utf-8")
    return root


def _shown(url: str, side: float) -> int:
    columns, _ = screen_columns(len(qr.matrix(url)), side)
    return len(columns)


def test_each_code_is_judged_in_the_square_the_help_page_draws_it_in(qapp, make_kiosk, tmp_path) -> None:
    """The squares the check reads are what a kiosk at 1024x768 draws, at 100, 150 and 200 % text, for every link
    of the built-in packs and a crowded help page; the model draws each code exactly as wide as the page does."""
    checked = 0
    scales = (1.0, 1.5, 2.0)
    for root in (*BUILTIN, crowded(tmp_path)):
        pack = load(root)
        squares = lay_out_pack(pack, sizes=(CHECK_SIZE,), scales=scales).squares
        wanted = {(n, k) for n, p in enumerate(pack.pages) for k in range(len(p.data.get("links", ())))}
        assert set(squares) == wanted and all(set(s) == set(scales) for s in squares.values()), root.name
        s = make_kiosk(root, CHECK_SIZE, auto_advance=False, idle_timeout=None)
        for scale in scales:
            s.controller.set_appearance(text_scale=scale)
            for (n, k), sides in squares.items():
                url = pack.pages[n].data["links"][k]["url"]
                s.controller.goTo(n)
                settle(s.window)
                s.window.grabWindow()  # a drawn frame: the real polish pass places the Grid's tiles
                item = {i.property("link"): i for i in find_all(s.window, "qr")}[url]
                where = f"{pack.id}/{pack.pages[n].id} {url} at {scale:.0%}"
                assert item.property("sourceSize").width() == round(sides[scale]), where
                assert item.width() == pytest.approx(_shown(url, sides[scale]), abs=0.01), where
                checked += 1
    assert checked >= 30


def test_a_code_a_phone_cannot_read_on_the_real_page_is_an_error(qapp, tmp_path) -> None:
    """The crowded report page (four phones, four links): the long Zipit address gets 1 px a module at 1024x768, two
    others 2 px and 1.5 camera pixels; the shortest, Fearless, still reads."""
    root = crowded(tmp_path)
    found = [f for f in fit_findings(load(root), root, sizes=(CHECK_SIZE,), scales=(1.0,)) if "QR code" in f.message]
    assert {f.severity for f in found} == {Severity.ERROR}
    assert [f.field for f in found] == [f"pages[11].links[{k}].url" for k in (1, 2, 4)]
    assert "49 modules of 1 px" in found[-1].message and found[-1].line == (root / "pack.toml").read_text().count("\n")


@pytest.mark.parametrize("root", BUILTIN, ids=lambda p: p.name)
def test_the_built_in_packs_codes_read_from_2m_at_100_and_150_percent(qapp, root: Path) -> None:
    pack = load(root)
    squares = lay_out_pack(pack, sizes=(CHECK_SIZE,)).squares
    assert squares
    for (n, k), sides in squares.items():
        for side in sides.values():
            seen = reach(pack.pages[n].data["links"][k]["url"], side)
            assert seen.readable and seen.camera_module_pixels >= 2, seen
