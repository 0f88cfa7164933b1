"""The printable handout as a parent gets it: an A4 PDF, read back with poppler (pdftoppm, pdftotext, pdfinfo)."""

from __future__ import annotations

import dataclasses
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from kiosk.core import paths
from kiosk.core.pack import Pack, load

from ..system.test_cli import run_kiosk

pytestmark = pytest.mark.skipif(
    shutil.which("pdftoppm") is None, reason="poppler-utils missing: run scripts/system-deps.sh"
)

PACKS = ("cumbria", "derbyshire")
DPI = 150
A4_POINTS = (595.28, 841.89)


@dataclasses.dataclass
class Handout:
    pack: Pack
    pdf: Path
    pngs: list[Path]
    text: str  # pdftotext in drawing order (columns stay whole), whitespace collapsed


def _make(pack: Pack, folder: Path, audience: str = "parents") -> Handout:
    from kiosk.ui import app as qtapp
    from kiosk.ui.handout import write_handout

    qtapp.load_resources()
    qtapp.load_fonts()
    folder.mkdir(parents=True, exist_ok=True)
    pdf = folder / f"{pack.id}-{audience}.pdf"
    pages = write_handout(pack, pdf, audience)
    subprocess.run(["pdftoppm", "-r", str(DPI), "-png", str(pdf), str(folder / "page")], check=True, timeout=120)
    pngs = sorted(folder.glob("page-*.png"))
    assert len(pngs) == pages
    text = subprocess.run(["pdftotext", "-raw", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return Handout(pack, pdf, pngs, " ".join(text.split()))


@pytest.fixture(scope="module", params=PACKS)
def handout(request: pytest.FixtureRequest, qapp: object, tmp_path_factory: pytest.TempPathFactory) -> Handout:
    pack = load(paths.builtin_packs_dir() / request.param)
    return _make(pack, tmp_path_factory.mktemp(request.param))


def _parents_pages(pack: Pack, kind: str) -> list[dict]:
    return [dict(p.data, title=p.title) for p in pack.pages_for("parents") if p.kind == kind]


def test_every_page_is_a4(handout: Handout) -> None:
    info = subprocess.run(
        ["pdfinfo", "-f", "1", "-l", "999", str(handout.pdf)], capture_output=True, text=True, check=True
    ).stdout
    sizes = re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts", info)
    assert len(sizes) == len(handout.pngs) >= 2
    for width, height in sizes:
        assert abs(float(width) - A4_POINTS[0]) < 0.5 and abs(float(height) - A4_POINTS[1]) < 0.5


def test_every_help_link_is_a_qr_code_that_decodes_to_it(handout: Handout) -> None:
    zxingcpp = pytest.importorskip("zxingcpp")
    from PySide6.QtGui import QImage

    found: list[str] = []
    for png in handout.pngs:
        found += [r.text for r in zxingcpp.read_barcodes(QImage(str(png)))]
    links = {link["url"] for page in _parents_pages(handout.pack, "help") for link in page["links"]}
    assert links and sorted(found) == sorted(links), "each link exactly once, each code decodes"


def test_qr_codes_are_big_enough_to_scan_from_paper(handout: Handout) -> None:
    zxingcpp = pytest.importorskip("zxingcpp")
    from PySide6.QtGui import QImage

    for png in handout.pngs:
        for result in zxingcpp.read_barcodes(QImage(str(png))):
            corners = result.position
            side_px = abs(corners.top_right.x - corners.top_left.x)
            # zxing reports the symbol without its quiet zone; with it the code is wider still
            assert side_px / DPI * 25.4 >= 25, f"{result.text}: {side_px} px at {DPI} dpi"


def test_addresses_phone_numbers_and_key_messages_are_printed(handout: Handout) -> None:
    pack, text = handout.pack, handout.text
    squashed = "".join(text.split())
    wanted: list[str] = [pack.name, pack.organisation, "For parents and carers"]
    for page in _parents_pages(pack, "help"):
        wanted += [phone["number"] for phone in page["phones"]] + [page["title"]]
        for link in page["links"]:
            assert link["url"].removeprefix("https://").rstrip("/") in squashed, link["url"]
    for page in _parents_pages(pack, "info"):
        wanted += [page["title"], *page["body"], page["quote"]]
    for page in _parents_pages(pack, "law"):
        wanted += [page["title"], page["intro"]] + [point["text"] for point in page["points"]]
    for page in _parents_pages(pack, "tips"):
        wanted += [tip["text"] for tip in page["tips"]]
    missing = [w for w in wanted if w and " ".join(w.split()) not in text]
    assert missing == []


def test_no_heading_is_left_alone_at_the_foot_of_a_page(handout: Handout) -> None:
    pages = subprocess.run(
        ["pdftotext", "-raw", str(handout.pdf), "-"], capture_output=True, text=True, check=True
    ).stdout.split("\f")
    headings = {p.title for p in handout.pack.pages} | {
        point["heading"] for p in handout.pack.pages for point in p.data.get("points", ())
    }
    for number, text in enumerate(pages[: len(handout.pngs)], start=1):
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        body = [line for line in lines if not re.search(r"Page \d+ of \d+$", line)]
        assert body, f"page {number} is empty"
        assert body[-1] not in headings, f"page {number} ends with the heading {body[-1]!r}"


def test_parents_handout_leaves_out_the_students_only_pages(handout: Handout) -> None:
    students_only = [p for p in handout.pack.pages if p.audience == "students" and p.kind in ("info", "plan")]
    for page in students_only:
        assert page.title not in handout.text


def test_prints_in_black_and_white(handout: Handout) -> None:
    """No colour at all: every pixel grey (r = g = b within a rounding tolerance), and real black is used."""
    from PySide6.QtGui import QImage

    for png in handout.pngs:
        image = QImage(str(png)).convertToFormat(QImage.Format.Format_RGB888)
        data = bytes(image.constBits())
        r, g, b = data[0::3], data[1::3], data[2::3]
        if not (r == g == b):
            worst = max(max(abs(x - y), abs(y - z)) for x, y, z in zip(r, g, b, strict=True))
            assert worst <= 8, f"{png.name}: a coloured pixel ({worst} apart)"
        assert min(r) < 40, f"{png.name}: nothing printed in black"


def test_everything_stays_inside_the_printers_margins(handout: Handout) -> None:
    """No ink within 15 mm of the paper's edge: the margins (18 mm) survive any school printer."""
    _assert_inside_margins(handout)


INK = re.compile(rb"[\x00-\xc7]")  # darker than 200 of 255


def _assert_inside_margins(handout: Handout) -> None:
    from PySide6.QtGui import QImage

    edge = round(15 / 25.4 * DPI)
    for png in handout.pngs:
        image = QImage(str(png)).convertToFormat(QImage.Format.Format_Grayscale8)
        width, height, stride = image.width(), image.height(), image.bytesPerLine()
        data = bytes(image.constBits())
        rows = [data[y * stride : y * stride + width] for y in range(height)]
        inked = [y for y, row in enumerate(rows) if min(row) < 200]
        assert inked and inked[0] >= edge and inked[-1] < height - edge, png.name
        columns_left = min(INK.search(rows[y]).start() for y in inked)  # type: ignore[union-attr]
        columns_right = max(width - INK.search(rows[y][::-1]).start() for y in inked)  # type: ignore[union-attr]
        assert columns_left >= edge and columns_right <= width - edge, png.name
        # the footer's rule sits 4 mm below the text area (which ends 28 mm above the paper's foot): blank between
        footer_rule = next(
            y for y in reversed(inked) if y < height - round(20 / 25.4 * DPI) and rows[y].count(0) > width // 2
        )
        gap = [y for y in inked if footer_rule - round(3.5 / 25.4 * DPI) <= y < footer_rule - 1]
        assert gap == [], f"{png.name}: text runs into the footer"


def test_long_content_flows_onto_more_pages_and_nothing_is_lost(qapp: object, tmp_path: Path) -> None:
    """Six copies of every key message and one paragraph three pages long: more pages, every word still there
    in order, and no line runs into the footer or off the paper."""
    pack = load(paths.builtin_packs_dir() / "cumbria")
    info = [p for p in pack.pages_for("parents") if p.kind == "info"]
    copies = [
        dataclasses.replace(page, id=f"{page.id}-{n}", title=f"{page.title} (copy {n})")
        for n in range(6)
        for page in info
    ]
    words = [f"w{n:04d}" for n in range(1500)]
    huge = dataclasses.replace(info[0], id="huge", data=dict(info[0].data, body=(" ".join(words),), quote=""))
    longest_url = "https://www.example.org/" + "/".join(["a-very-long-path-segment"] * 6)[:136]  # the pack's limit
    assert len(longest_url) == 160
    help_page = next(p for p in pack.pages if p.kind == "help")
    links = (*help_page.data["links"], {"label": "Longest address", "url": longest_url, "note": ""})
    more_help = dataclasses.replace(help_page, id="more-help", data=dict(help_page.data, links=links))
    long_pack = dataclasses.replace(pack, pages=pack.pages + tuple(copies) + (huge, more_help))
    normal = _make(pack, tmp_path / "normal")
    long = _make(long_pack, tmp_path / "long")
    assert len(long.pngs) > len(normal.pngs) + 4
    for page in copies:
        assert page.title in long.text
        for paragraph in page.data["body"]:
            assert long.text.count(paragraph) == 7, paragraph  # the original and six copies, whole
    assert re.findall(r"w\d{4}", long.text) == words
    assert longest_url.removeprefix("https://") in "".join(long.text.split())
    zxingcpp = pytest.importorskip("zxingcpp")
    from PySide6.QtGui import QImage

    decoded = {r.text for png in long.pngs for r in zxingcpp.read_barcodes(QImage(str(png)))}
    assert longest_url in decoded
    _assert_inside_margins(long)


def test_students_handout_has_the_plan(qapp: object, tmp_path: Path) -> None:
    pack = load(paths.builtin_packs_dir() / "cumbria")
    handout = _make(pack, tmp_path, audience="students")
    assert "For students" in handout.text
    plan = next(p for p in pack.pages if p.kind == "plan")
    assert all(option["label"] in handout.text for option in plan.data["options"])


def test_handout_command_writes_a_pdf(tmp_path: Path, kiosk_home: Path) -> None:
    out = tmp_path / "handout.pdf"
    result = run_kiosk("handout", "--pack", "derbyshire", "--out", str(out), home=kiosk_home)
    assert result.returncode == 0, result.stderr
    assert out.read_bytes()[:5] == b"%PDF-" and "page(s), A4" in result.stdout
    assert not list(tmp_path.glob("*.part"))


@pytest.mark.parametrize("where", ["missing-folder", "a-folder"])
def test_bad_output_path_is_a_clear_error(tmp_path: Path, kiosk_home: Path, where: str) -> None:
    out = tmp_path / "no-such-folder" / "handout.pdf" if where == "missing-folder" else tmp_path
    result = run_kiosk("handout", "--pack", "cumbria", "--out", str(out), home=kiosk_home)
    assert result.returncode == 1
    assert f"kiosk handout: cannot write {out}" in result.stderr
    assert ("does not exist" if where == "missing-folder" else "it is a folder") in result.stderr
    assert list(tmp_path.rglob("*.pdf")) == []


def test_broken_pack_is_refused_with_its_problems(tmp_path: Path, kiosk_home: Path) -> None:
    from ..conftest import FIXTURES

    out = tmp_path / "handout.pdf"
    result = run_kiosk("handout", "--pack", str(FIXTURES / "broken" / "bad-phone"), "--out", str(out), home=kiosk_home)
    assert result.returncode == 1 and "phones[1].number" in result.stdout and not out.exists()
