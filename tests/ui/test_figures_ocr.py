"""Every phone number, on every rendered page and every handout page, read back by text recognition exactly.

This is how a pupil or a parent gets a number off a foyer screen or a handout: a phone camera's text recognition.
Set in Atkinson Hyperlegible, whose zero is slashed, Tesseract read `0800 555 111` as `08009 555 111` and `101`
as `191`; on the portrait report page the number ran into its label (`0800 555 1117`). Tesseract runs in sparse
text mode (--psm 11: text anywhere, in no reading order, as a camera app finds it) on the picture as it is, and a
number counts as read only when it comes back digit for digit with its groups, on one line, as often as the page
shows it. Which numbers a page shows comes from the live scene (its visible texts) or, for the handout, from the
PDF's own text layer; the numbers to look for are every phone number of the pack.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from PySide6.QtCore import QRectF

from kiosk.core import paths
from kiosk.core.pack import Pack, load
from kiosk.ui.render import grab, states

from ..qml_helpers import scene_rect, visible_texts
from .test_handout import _make

pytestmark = pytest.mark.skipif(
    shutil.which("tesseract") is None, reason="tesseract missing: scripts/system-deps.sh installs tesseract-ocr"
)

PACKS = ("cumbria", "derbyshire")
SIZES = [(1024, 768), (1080, 1920), (1920, 1080)]


def phone_numbers(pack: Pack) -> set[str]:
    return {phone["number"] for page in pack.pages for phone in page.data.get("phones", ())}


def count(text: str, numbers: set[str]) -> Counter[str]:
    """How often each number stands in `text` whole: no digit touching it, its groups on one line."""
    found: Counter[str] = Counter()
    for line in text.splitlines():
        line = " ".join(line.split())
        for number in numbers:
            hits = len(re.findall(rf"(?<!\d){re.escape(number)}(?!\d)", line))
            if hits:
                found[number] += hits
    return found


def read(png: Path) -> str:
    result = subprocess.run(
        ["tesseract", str(png), "-", "--psm", "11", "-l", "eng"],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "OMP_THREAD_LIMIT": "1"},  # one thread: the machine may be busy with other tests
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def digit_lines(text: str) -> list[str]:
    return [" ".join(line.split()) for line in text.splitlines() if re.search(r"\d", line)]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("name", PACKS)
def test_every_phone_number_on_every_page_reads_back_exactly(
    make_kiosk, tmp_path: Path, name: str, size: tuple[int, int]
) -> None:
    pack = paths.builtin_packs_dir() / name
    numbers = phone_numbers(load(pack))
    s = make_kiosk(pack, size, auto_advance=False, idle_timeout=None)
    screen = QRectF(0, 0, size[0], size[1])
    misread: dict[str, tuple[dict[str, int], dict[str, int], list[str]]] = {}
    checked = 0
    for state in states(s, list(s.controller.engine.pages)):
        image = grab(s)
        shown = sum(
            (count(t.property("text"), numbers) for t in visible_texts(s.window) if screen.contains(scene_rect(t))),
            Counter(),
        )
        if not shown:
            continue
        png = tmp_path / state
        assert image.save(str(png))
        text = read(png)
        got = count(text, numbers)
        checked += 1
        if got != shown:
            misread[state] = (dict(shown), dict(got), digit_lines(text))
    assert checked >= 2, "the help and report pages show phone numbers"
    assert misread == {}, "page: (numbers shown, numbers read back, what was read)"


@pytest.mark.parametrize("audience", ["parents", "students"])
@pytest.mark.parametrize("name", PACKS)
def test_every_phone_number_in_the_handout_reads_back_exactly_at_150_dpi(
    qapp: object, tmp_path: Path, name: str, audience: str
) -> None:
    pack = load(paths.builtin_packs_dir() / name)
    numbers = phone_numbers(pack)
    handout = _make(pack, tmp_path, audience)  # pdftoppm -r 150
    misread: dict[int, tuple[dict[str, int], dict[str, int], list[str]]] = {}
    checked = 0
    for number, png in enumerate(handout.pngs, start=1):
        printed = subprocess.run(
            ["pdftotext", "-raw", "-f", str(number), "-l", str(number), str(handout.pdf), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        shown = count(printed, numbers)
        if not shown:
            continue
        text = read(png)
        got = count(text, numbers)
        checked += 1
        if got != shown:
            misread[number] = (dict(shown), dict(got), digit_lines(text))
    assert checked >= 1, "the help page of the handout prints the phone numbers"
    assert misread == {}, "handout page: (numbers printed, numbers read back, what was read)"


def test_count_takes_a_number_only_whole_and_on_one_line() -> None:
    numbers = {"101", "999", "0800 555 111"}
    assert count("call 101, or 999.\n0800 555 111 (free)", numbers) == {"101": 1, "999": 1, "0800 555 111": 1}
    assert count("08009 555 111 and 191 and 1011", numbers) == {}
    assert count("0800 555\n111", numbers) == {}
    assert count("0800 555 1117", numbers) == {}
