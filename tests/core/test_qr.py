"""QR codes: made by segno once, then kept, so a restarted kiosk shows the same codes without importing segno."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.core import paths, qr

from ..conftest import ROOT

LINK = "https://www.ceop.police.uk/safety-centre/"


@pytest.fixture(autouse=True)
def fresh() -> Iterator[None]:
    """Each test starts as a new process would: nothing remembered in memory."""
    qr.matrix.cache_clear()
    qr._cache.clear()
    yield
    qr.matrix.cache_clear()
    qr._cache.clear()


def _segno(data: str) -> qr.Matrix:
    import segno

    code = segno.make_qr(data, error="m")
    return tuple(tuple(bool(m) for m in row) for row in code.matrix_iter(scale=1, border=qr.QUIET_ZONE))


def test_a_kept_code_is_the_code_segno_makes() -> None:
    made = qr.matrix(LINK)
    assert made == _segno(LINK)
    assert (paths.cache_dir() / qr.CACHE_NAME).is_file()
    qr.matrix.cache_clear()
    qr._cache.clear()
    assert qr.matrix(LINK) == made


def test_a_restarted_kiosk_shows_its_codes_without_segno(kiosk_home: Path) -> None:
    program = (
        f"import sys; sys.path.insert(0, {str(ROOT)!r}); from kiosk.core import qr; m = qr.matrix({LINK!r}); "
        "print(len(m), 'segno' in sys.modules)"
    )

    def run() -> str:
        return subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, check=True).stdout

    size = len(_segno(LINK))
    assert run().split() == [str(size), "True"]  # the first start makes the code
    assert run().split() == [str(size), "False"]  # the next one reads it


def test_a_first_start_makes_its_codes_without_loading_the_web_and_mail_modules(kiosk_home: Path) -> None:
    """segno's import pulls in urllib.request, which holds http.client, email and OpenSSL (7 MB, bench/memmap.py)
    for as long as the kiosk runs: the kiosk never uses them, so they stay unloaded until something does."""
    program = (
        f"import sys; sys.path.insert(0, {str(ROOT)!r}); from kiosk.core import qr; m = qr.matrix({LINK!r}); "
        "heavy = sorted(n for n in ('http.client', 'email.message', 'ssl') if n in sys.modules); "
        "import urllib.request, xml.sax.saxutils; "
        "print(len(m), 'segno' in sys.modules, heavy or '-', "
        "urllib.request.Request.__name__, xml.sax.saxutils.urllib.request.urlopen.__name__)"
    )
    out = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, check=True).stdout
    # made by segno, nothing heavy loaded; and whoever uses urllib.request later still gets the real one
    assert out.split() == [str(len(_segno(LINK))), "True", "-", "Request", "urlopen"]


@pytest.mark.parametrize(
    "damage",
    [
        "{ not json",
        json.dumps({"version": 1, "codes": {LINK: ["0101", "1"]}}),  # not a square QR code
        json.dumps({"version": 99, "codes": {}}),
        "",
    ],
    ids=["not-json", "not-a-code", "other-version", "empty"],
)
def test_a_damaged_file_is_made_again_and_the_code_is_right(damage: str) -> None:
    file = paths.cache_dir() / qr.CACHE_NAME
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(damage, encoding="utf-8")
    assert qr.matrix(LINK) == _segno(LINK)
    assert json.loads(file.read_text(encoding="utf-8"))["codes"][LINK][0] == "0" * len(_segno(LINK))


def test_an_unwritable_cache_folder_still_gives_codes(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the folder should be")
    monkeypatch.setattr(paths, "cache_dir", lambda: blocked / "cache")
    assert qr.matrix(LINK) == _segno(LINK)
