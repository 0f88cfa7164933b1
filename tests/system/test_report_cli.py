"""`kiosk report` end to end: the command line, a folder it only reads, and the HTML in a real browser."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.core.outbox_format import DayCounts, Row, to_json

END = dt.date(2026, 11, 27)
LABELS = ("st-bees", "keswick", "penrith", "workington", "carlisle", "kendal")


def outbox(root: Path) -> Path:
    """Six schools, four weeks, one truncated file and one of another program."""
    for i, label in enumerate(LABELS):
        for d in range(28):
            day = END - dt.timedelta(days=d)
            rows = [
                Row("cumbria", "foyer", "session", str(30 * (d % 8)), str(1 + d % 6), 3 + (i + d) % 9),
                Row("cumbria", "foyer", "page-shown-tap", "tips", "", 10 + d),
                Row("cumbria", "foyer", "page-shown-tap", "the-law", "", 6 + i),
                Row("cumbria", "foyer", "plan-option", "tell-an-adult", "", 5 + i),
                Row("cumbria", "foyer", "plan-option", "block-them", "", 1 if i == d == 0 else 0),
                Row("cumbria", "foyer", "feedback", "useful", "yes", 4 + d % 3),
                Row("cumbria", "parents", "page-shown-loop", "tips", "", 30),
            ]
            folder = root / label
            folder.mkdir(parents=True, exist_ok=True)
            text = to_json(DayCounts(label, day, f"{day}T16", tuple(rows)))
            (folder / f"{day}.json").write_text(text, encoding="utf-8")
    (root / "keswick" / f"{END}.json").write_text(to_json(DayCounts("keswick", END, f"{END}T16", ()))[:30])
    (root / "notes.csv").write_text("a,b\n1,2\n")
    return root


def snapshot(root: Path) -> dict[str, tuple[int, int]]:
    return {str(p): (p.stat().st_size, p.stat().st_mtime_ns) for p in sorted(root.rglob("*"))}


def test_the_command_writes_html_and_csv_and_only_reads_the_folder(tmp_path: Path, capsys) -> None:
    root = outbox(tmp_path / "share")
    before = snapshot(root)
    out, csv = tmp_path / "report.html", tmp_path / "report.csv"
    assert main(["report", str(root), "--out", str(out), "--csv", str(csv)]) == 0
    assert snapshot(root) == before
    err = capsys.readouterr().err
    assert "2 file(s) left out" in err
    html = out.read_text(encoding="utf-8")
    assert "keswick/2026-11-27.json" in html and "notes.csv" in html
    assert "This period is 2026-08-29 to 2026-11-27" in html  # 13 weeks up to the newest day
    lines = csv.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "view,row,column,value"
    assert "plans,block-them,Chosen,fewer than 5" in lines
    assert "plans,tell-an-adult,Chosen,not shown" in lines  # the total is shown: one hidden part would be revealed
    plans = html[html.index('<section id="plans"') :]
    assert plans.index("No chart: every figure here is nought or hidden.") < plans.index("</section>")


@pytest.mark.parametrize("value", ["2", "0", "-1", "x"])
def test_a_threshold_below_three_is_refused(tmp_path: Path, capsys, value: str) -> None:
    with pytest.raises(SystemExit) as exit:
        main(["report", str(tmp_path), "--out", str(tmp_path / "r.html"), "--min-count", value])
    assert exit.value.code == 2
    assert "--min-count" in capsys.readouterr().err
    assert not (tmp_path / "r.html").exists()


def test_a_missing_folder_or_an_empty_one_is_one_line(tmp_path: Path, capsys) -> None:
    assert main(["report", str(tmp_path / "nowhere"), "--out", str(tmp_path / "r.html")]) == 1
    assert "does not exist" in capsys.readouterr().err
    assert main(["report", str(tmp_path), "--out", str(tmp_path / "r.html")]) == 1
    assert "no day files" in capsys.readouterr().err
    assert main(["report", str(tmp_path), "--out", str(tmp_path / "r.html"), "--to", "2026-11-30"]) == 0
    assert "No counts in this period" in (tmp_path / "r.html").read_text()


class _Tables(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tables = self.captions = self.row_heads = self.col_heads = self.svgs = self.scripts = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        scope = dict(attrs).get("scope")
        self.tables += tag == "table"
        self.captions += tag == "caption"
        self.svgs += tag == "svg"
        self.scripts += tag == "script"
        self.row_heads += tag == "th" and scope == "row"
        self.col_heads += tag == "th" and scope == "col"


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed (scripts/system-deps.sh installs it)")
def test_the_report_in_a_real_browser_has_drawn_charts_and_its_tables(tmp_path: Path) -> None:
    root = outbox(tmp_path / "share")
    out = tmp_path / "report.html"
    assert main(["report", str(root), "--out", str(out)]) == 0
    assert CHROMIUM is not None
    browser = [CHROMIUM, *FLAGS, f"--user-data-dir={tmp_path / 'profile'}"]
    env = {**os.environ, "HOME": str(tmp_path)}
    dom = subprocess.run(
        [*browser, "--dump-dom", out.as_uri()], capture_output=True, text=True, timeout=120, env=env, check=True
    ).stdout
    parsed = _Tables()
    parsed.feed(dom)
    assert parsed.tables >= 8 and parsed.captions == parsed.tables
    assert parsed.col_heads >= 2 * parsed.tables and parsed.row_heads > 28
    assert parsed.svgs >= 7 and parsed.scripts == 0
    shot = tmp_path / "shot.png"
    subprocess.run(
        [*browser, f"--screenshot={shot}", "--window-size=1240,1754", out.as_uri()],
        capture_output=True,
        timeout=120,
        env=env,
        check=True,
    )
    bars, blank_rows = _bar_pixels(shot)
    assert bars > 20_000, f"only {bars} pixels of bar colour: the charts were not drawn"
    assert blank_rows < 1700  # the page is not empty


def _bar_pixels(png: Path) -> tuple[int, int]:
    """Pixels of the charts' bar colour (pygal fills #1d4f91 at 70%) and rows that are all white, read in a
    fresh interpreter with Qt's image reader (the test itself stays out of Qt)."""
    code = f"""
from PySide6.QtGui import QImage
image = QImage({str(png)!r})
assert not image.isNull() and image.width() == 1240, image.size()
bars = blank = 0
for y in range(image.height()):
    white = True
    for x in range(0, image.width(), 2):
        c = image.pixelColor(x, y)
        r, g, b = c.red(), c.green(), c.blue()
        if b > 150 and r < 130 and b - r > 60:
            bars += 1
        if r < 245 or g < 245 or b < 245:
            white = False
    blank += white
print(bars * 2, blank)
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True)
    bars, blank = out.stdout.split()
    return int(bars), int(blank)
