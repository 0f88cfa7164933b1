"""`kiosk check` judges each QR code at the size HelpPage.qml draws it (kiosk.core.qr_reach.help_layout, plain
Python): held here to the real layout, for the built-in packs and a crowded help page, at 1024x768 and other
sizes, at 100 % text; with larger text, where the page scrolls, the drawn code is never smaller than the model's. A
change to the help page's layout fails this until the model follows it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kiosk.core import paths
from kiosk.core.pack import load
from kiosk.core.qr_reach import help_layout, screen_columns
from kiosk.ui.render import settle

from ..core.test_checks import CROWD
from ..qml_helpers import find_all

# The check models the projector (qr_reach.CHECK_SIZE, the smallest screen a code is scanned from); foyer screens
# set their words by the type scale (kiosk/core/typescale.py) and give codes more room, which the model leaves out.
SIZES = [(1024, 768)]


def crowded(tmp_path: Path) -> Path:
    """Cumbria with four phones and four links on its report page: the layout's hardest case."""
    root = tmp_path / "crowded"
    shutil.copytree(paths.builtin_packs_dir() / "cumbria", root)
    (root / "pack.toml").write_text((root / "pack.toml").read_text(encoding="utf-8") + CROWD, encoding="utf-8")
    return root


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_model_gives_each_code_the_square_the_help_page_gives_it(make_kiosk, tmp_path, size) -> None:
    checked = 0
    for root in (paths.builtin_packs_dir() / "cumbria", paths.builtin_packs_dir() / "derbyshire", crowded(tmp_path)):
        pack = load(root)
        s = make_kiosk(root, size, auto_advance=False, idle_timeout=None)
        for scale in (1.0, 1.5, 2.0):
            s.controller.set_appearance(text_scale=scale)
            for n, page in enumerate(pack.pages):
                links = [(link["label"], link["url"]) for link in page.data.get("links", ())]
                if not links:
                    continue
                s.controller.goTo(n)
                settle(s.window)
                s.window.grabWindow()  # the polish pass places the Grid's tiles
                drawn = {item.property("link"): item for item in find_all(s.window, "qr")}
                modelled = help_layout(
                    page.data.get("intro") or "", len(page.data.get("phones", ())), links, size, scale
                )
                for (_, url), side in zip(links, modelled, strict=True):
                    item = drawn[url]
                    where = f"{pack.id}/{page.id} {url} at {size} {scale:.0%}"
                    drawn_side = item.property("sourceSize").width()
                    if scale == 1.0:
                        assert drawn_side == pytest.approx(side, abs=0.51), where
                    else:
                        # with larger text the help page scrolls rather than squeeze its codes (ScrollPage.qml):
                        # the model, which `kiosk check` runs at 100 % only, is then a floor, never more
                        assert drawn_side >= side - 0.51, where
                    # and the code is drawn as wide as the model says the screen shows it
                    assert item.width() == pytest.approx(_shown(url, drawn_side), abs=0.01), where
                    checked += 1
    assert checked >= 20


def _shown(url: str, side: float) -> int:
    from kiosk.core import qr

    columns, _ = screen_columns(len(qr.matrix(url)), side)
    return len(columns)
