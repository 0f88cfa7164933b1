"""The least square a help page that scrolls gives a code (kiosk.core.qr_reach.LEAST_SIDE_UNITS) is one a phone
reads from 2 m: every link of the built-in packs, drawn that small at 1024x768 (a Theme unit is 1/30 of the shorter
side, KioskView.qml), decodes to its address with the camera model `kiosk check` uses."""

from __future__ import annotations

import pytest

from kiosk.core import paths
from kiosk.core.pack import load
from kiosk.core.qr_reach import CHECK_SIZE, LEAST_SIDE_UNITS, reach

UNIT_AT_CHECK_SIZE = min(CHECK_SIZE) / 30


def _links() -> list[str]:
    return sorted(
        {
            str(link["url"])
            for pack_dir in sorted(paths.builtin_packs_dir().iterdir())
            if (pack_dir / "pack.toml").is_file()
            for page in load(pack_dir).pages
            for link in page.data.get("links", ())
        }
    )


def test_the_built_in_packs_have_codes_to_check() -> None:
    assert len(_links()) >= 4


@pytest.mark.parametrize("url", _links())
def test_each_built_in_code_reads_from_2m_in_the_least_square(url: str) -> None:
    found = reach(url, LEAST_SIDE_UNITS * UNIT_AT_CHECK_SIZE)
    assert found.readable, found.describe()


def test_a_square_scaled_down_to_a_small_codes_modules_would_not_read() -> None:
    """Why the least square is not scaled to a code's modules: the 33-module fearless.org code at 3 px a module (the
    49-module code's share of 6 units) does not decode, though it is 2.2 camera pixels a module."""
    found = reach("https://www.fearless.org/", 33 * LEAST_SIDE_UNITS * UNIT_AT_CHECK_SIZE / 49)
    assert found.modules == 33 and found.module_pixels == 3
    assert not found.readable
