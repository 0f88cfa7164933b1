"""`kiosk report`'s rules: merging outbox files with known totals, bad files left out, small numbers protected."""

from __future__ import annotations

import datetime as dt
import os
import re
from html import escape
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.core import outbox_format, report, report_html
from kiosk.core.outbox_format import DayCounts, Row, to_json

END = dt.date(2026, 11, 27)  # a Friday
PERIOD = report.Period(END - dt.timedelta(days=13), END)  # two weeks


def day_file(
    root: Path,
    kiosk: str,
    day: dt.date,
    visits: int = 10,
    taps: int = 20,
    written: str | None = None,
    extra: tuple[Row, ...] = (),
    folder: str | None = None,
) -> Path:
    rows = (
        Row("cumbria", "foyer", "session", "60", "3", visits),
        Row("cumbria", "foyer", "page-shown-tap", "tips", "", taps),
        Row("cumbria", "foyer", "page-shown-loop", "tips", "", 100),
        *extra,
    )
    counts = DayCounts(kiosk, day, written or f"{day.isoformat()}T16", rows)
    path = root / (folder or kiosk) / f"{day.isoformat()}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(to_json(counts), encoding="utf-8")
    return path


def test_known_totals_merge_across_kiosks_days_and_periods(tmp_path: Path) -> None:
    for k in ("st-bees", "keswick", "kiosk-7f3a9c"):
        for d in range(14):
            day_file(tmp_path, k, END - dt.timedelta(days=d), visits=10 + d)
    day_file(tmp_path, "keswick", END - dt.timedelta(days=20), visits=7)  # the period before
    day_file(tmp_path, "keswick", END - dt.timedelta(days=200), visits=99)  # outside both: not read
    merged = report.merge(tmp_path, PERIOD)
    assert merged.bad == []
    assert merged.files_read == 43 and merged.files_outside == 1
    assert sum(merged.visits_day.values()) == 3 * sum(10 + d for d in range(14))
    assert merged.kiosk_visits[report.CURRENT, "st-bees"] == sum(10 + d for d in range(14))
    assert merged.kiosk_visits[report.PREVIOUS, "keswick"] == 7
    assert merged.visits_day[END] == 30
    fig = report.figures(merged, 5)
    glance = dict(fig.summary.rows)
    assert glance["Foyer visits"][0] == report.Cell(3 * sum(10 + d for d in range(14)))
    assert glance["Foyer visits"][1] == report.Cell(7, hidden=False)
    assert glance["Pages opened by students"][0].value == 3 * 14 * 20


def test_default_period_is_13_weeks_up_to_the_newest_day(tmp_path: Path) -> None:
    day_file(tmp_path, "a", dt.date(2026, 3, 1))
    day_file(tmp_path, "a", dt.date(2026, 6, 30))
    period = report.choose_period(tmp_path, None, None)
    assert period == report.Period(dt.date(2026, 4, 1), dt.date(2026, 6, 30))
    assert period.days == 91 and period.before().end == dt.date(2026, 3, 31)
    assert report.choose_period(tmp_path / "a" / "none", None, None) is None


def test_a_copy_and_a_second_version_of_a_day_are_counted_once(tmp_path: Path) -> None:
    first = day_file(tmp_path, "a", END, visits=10)
    copy = tmp_path / "backup" / "a" / first.name
    copy.parent.mkdir(parents=True)
    copy.write_bytes(first.read_bytes())
    day_file(tmp_path, "c", END, visits=7, written=f"{END}T12")
    day_file(tmp_path, "c", END, visits=25, written=f"{END}T18", folder="moved/c")  # written again, later
    merged = report.merge(tmp_path, PERIOD)
    assert merged.visits_day[END] == 10 + 25
    assert merged.files_read == 2
    reasons = {b.path: b.reason for b in merged.bad}
    assert set(reasons) == {"backup/a/2026-11-27.json", "c/2026-11-27.json"}
    assert reasons["backup/a/2026-11-27.json"].startswith("a copy of a/2026-11-27.json")
    assert "moved/c/2026-11-27.json" in reasons["c/2026-11-27.json"]
    assert "written later (2026-11-27T18) is counted" in reasons["c/2026-11-27.json"]


def test_worker_processes_merge_to_the_same_figures(tmp_path: Path) -> None:
    for k in ("a", "b", "c"):
        for d in range(20):
            day_file(tmp_path, k, END - dt.timedelta(days=d), visits=3 + d)
    day_file(tmp_path, "a", END, visits=50, written=f"{END}T23", folder="later/a")  # a duplicate across chunks
    (tmp_path / "c" / f"{END}.json").write_text("{")
    serial, parallel = report.merge(tmp_path, PERIOD, workers=1), report.merge(tmp_path, PERIOD, workers=3)
    assert parallel.totals == serial.totals and parallel.visits_day == serial.visits_day
    assert parallel.bad == serial.bad and len(serial.bad) == 2
    assert parallel.files_read == serial.files_read == 20 + 20 + 19  # the later copy of a's day replaced one
    assert serial.visits_day[END] == 50 + 3


def test_a_day_the_kiosk_wrote_again_replaces_its_own_file(tmp_path: Path) -> None:
    day_file(tmp_path, "a", END, visits=10, written=f"{END}T12")
    day_file(tmp_path, "a", END, visits=12, written=f"{END}T16")  # same name: the atomic rewrite
    merged = report.merge(tmp_path, PERIOD)
    assert merged.visits_day[END] == 12 and merged.bad == []


def test_bad_files_are_listed_with_a_reason_and_left_out(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    good = day_file(tmp_path, "good", END, visits=9)
    day = END.isoformat()
    (tmp_path / "cut").mkdir()
    (tmp_path / "cut" / f"{day}.json").write_bytes(good.read_bytes()[:-40])
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "export.csv").write_text("date,pack,mode\n2026-11-27,cumbria,foyer\n")
    (tmp_path / "other" / f"{day}.json").write_text('{"name": "package.json", "version": "1.0.0"}')
    newer = good.read_text().replace('"format": 1', '"format": 2')
    (tmp_path / "newer").mkdir()
    (tmp_path / "newer" / f"{day}.json").write_text(newer.replace('"good"', '"newer"'))
    twice = good.read_text().replace('"count": 9}', '"count": 9, "count": 2}').replace('"good"', '"twice"')
    (tmp_path / "twice").mkdir()
    (tmp_path / "twice" / f"{day}.json").write_text(twice)
    (tmp_path / "fifo").mkdir()
    os.mkfifo(tmp_path / "fifo" / f"{day}.json")
    (tmp_path / "link").mkdir()
    (tmp_path / "link" / f"{day}.json").symlink_to(good)
    (tmp_path / "wrong").mkdir()
    (tmp_path / "wrong" / "2026-11-26.json").write_text(good.read_text().replace('"good"', '"wrong"'))
    (tmp_path / "good" / f".{day}.json.x1.tmp").write_text("{")  # a kiosk writing right now: not a file yet
    monkeypatch.setattr(outbox_format, "MAX_BYTES", 4096)
    (tmp_path / "big").mkdir()
    (tmp_path / "big" / f"{day}.json").write_text(" " * 5000 + good.read_text().replace('"good"', '"big"'))

    merged = report.merge(tmp_path, PERIOD)
    reasons = {b.path: b.reason for b in merged.bad}
    assert merged.visits_day[END] == 9 and merged.files_read == 1
    assert "not complete JSON" in reasons[f"cut/{day}.json"]
    assert "name is not YYYY-MM-DD.json" in reasons["other/export.csv"]
    assert "not a day of counts" in reasons[f"other/{day}.json"] or "has no" in reasons[f"other/{day}.json"]
    assert "newer kiosk (format 2" in reasons[f"newer/{day}.json"]
    assert "'count' twice" in reasons[f"twice/{day}.json"]
    assert "not a regular file" in reasons[f"fifo/{day}.json"]
    assert "link" in reasons[f"link/{day}.json"]
    assert "named for 2026-11-26 but holds the counts of 2026-11-27" in reasons["wrong/2026-11-26.json"]
    assert "at most 4,096 are read" in reasons[f"big/{day}.json"]
    assert len(reasons) == 9  # the half-written temporary file is not one of them
    html = report_html.render(report.figures(merged, 5))
    for path, reason in reasons.items():
        assert f"<code>{path}</code>: {escape(reason)}" in html
    assert str(tmp_path) not in html  # paths relative to the folder given


def test_the_fast_reader_agrees_with_the_strict_one(tmp_path: Path) -> None:
    extra = (
        Row("cumbria", "parents", "page-shown-loop", "law", "", 40),
        Row("cumbria", "foyer", "feedback", "useful", "yes", 3),
        Row("cumbria", "foyer", "plan-option", "tell-an-adult", "", 2),
    )
    path = day_file(tmp_path, "a", END, extra=extra)
    data = path.read_bytes()
    fast = report._fast(data, END.isoformat(), "a")
    strict = outbox_format.parse_day_file(path)
    assert fast is not None
    assert list(zip(fast.keys, fast.counts, strict=True)) == [(r.key(), r.count) for r in strict.rows]
    assert (fast.kiosk, fast.day, fast.written) == (strict.kiosk, strict.day, strict.written)
    assert fast.modes == {"foyer", "parents"}
    spaced = data.replace(b'": ', b'" : ')  # the same JSON spaced otherwise: read the same
    again = report._fast(spaced, END.isoformat(), "a")
    assert again is not None and again.counts == fast.counts and again.visits == fast.visits
    twice = data.replace(b'"count": 40}', b'"count": 40, "count": 0}', 1)  # a decoder keeps the last: refused
    assert report._fast(twice, END.isoformat(), "a") is None
    with pytest.raises(outbox_format.DayFileError):
        outbox_format.parse_day_text(twice.decode())
    (tmp_path / "a" / path.name).write_bytes(twice)
    assert [b.path for b in report.merge(tmp_path, PERIOD).bad] == [f"a/{path.name}"]
    (tmp_path / "a" / path.name).write_bytes(spaced)
    assert report.merge(tmp_path, PERIOD).visits_day[END] == 10
    bad_id = data.replace(b'"tips"', b'"Tips!"', 1)
    assert report._fast(bad_id, END.isoformat(), "a") is None
    negative = data.replace(b'"count": 40}', b'"count": -40}', 1)
    assert report._fast(negative, END.isoformat(), "a") is None


# --- protection -----------------------------------------------------------------------------------------------


def test_one_small_part_hides_a_second_so_the_total_does_not_reveal_it() -> None:
    cells = report.protect({"a": 3, "b": 40, "c": 12, "d": 0}, 5)
    assert cells["a"].hidden and cells["c"].hidden and cells["c"].secondary
    assert not cells["b"].hidden and not cells["d"].hidden  # zero is shown: it hides nothing
    assert cells["a"].shown(5) == "fewer than 5" and cells["c"].shown(5) == "not shown"
    assert report.protect({"a": 3, "b": 40}, 5, total_shown=False)["b"] == report.Cell(40)


@given(st.dictionaries(st.integers(0, 20), st.integers(0, 30), max_size=8), st.integers(3, 10))
def test_no_hidden_part_can_be_worked_out_from_a_shown_total(parts: dict[int, int], n: int) -> None:
    cells = report.protect(parts, n)
    total = report.primary(sum(parts.values()), n)
    hidden = [k for k, c in cells.items() if c.hidden]
    assert all(c.hidden for k, c in cells.items() if 0 < parts[k] < n)
    if not total.hidden:
        assert len(hidden) != 1


@given(
    st.dictionaries(st.integers(0, 5), st.dictionaries(st.integers(0, 6), st.integers(0, 12), max_size=7), max_size=5),
)
def test_nested_groups_never_reveal_a_hidden_figure_by_subtraction(groups: dict[int, dict[int, int]]) -> None:
    outer, inner, total = report.protect_nested(groups, 5)
    if not total.hidden:
        assert sum(c.hidden for c in outer.values()) != 1
    for g, cells in inner.items():
        hidden = sum(c.hidden for c in cells.values())
        if outer[g].hidden:
            assert hidden >= 1 or sum(groups[g].values()) == 0 or not cells
        else:
            assert hidden != 1


class _Text(HTMLParser):
    """Every text node and attribute value a reader or a screen reader could meet, but not the style sheets."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._style = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._style += tag == "style"
        self.parts.extend(v or "" for k, v in attrs if k in ("aria-label", "title", "alt"))

    def handle_endtag(self, tag: str) -> None:
        self._style -= tag == "style"

    def handle_data(self, data: str) -> None:
        if not self._style:
            self.parts.append(data)


# A standalone whole number: not part of a date, an id like story-1, a decimal or a percentage.
_NUMBER = re.compile(r"(?<![\w.\-:,])\d{1,3}(?:,\d{3})*(?![\w.%\-:])(?!,\d)")


def small_numbers(text: str, n: int) -> list[str]:
    return [m for m in _NUMBER.findall(text) if 0 < int(m.replace(",", "")) < n]


def test_no_count_under_the_threshold_appears_anywhere_in_the_report(tmp_path: Path) -> None:
    small = (
        Row("cumbria", "foyer", "page-shown-tap", "the-law", "", 2),
        Row("cumbria", "foyer", "help-opened", "tips", "", 1),
        Row("cumbria", "foyer", "plan-option", "tell-an-adult", "", 40),
        Row("cumbria", "foyer", "plan-option", "block-them", "", 3),
        Row("cumbria", "foyer", "plan-made", "", "", 4),
        Row("cumbria", "foyer", "feedback", "useful", "yes", 30),
        Row("cumbria", "foyer", "feedback", "useful", "no", 4),
        Row("cumbria", "parents", "page-shown-loop", "tips", "", 3),
        Row("cumbria", "foyer", "session", "600", "12", 1),
        Row("cumbria", "foyer", "help-opened", "", "", 2),  # help opened from no page: in the summary's total
        Row("cumbria", "foyer", "help-opened", "the-law", "", 30),
        Row("cumbria", "foyer", "feedback", "again", "yes", 2),  # a second question, answered twice
    )
    labels = ("st-bees", "keswick", "penrith", "workington", "carlisle", "kendal")
    for i, label in enumerate(labels):
        for d in range(7):  # every kiosk reports a week: days with counts is never a small number
            day = END - dt.timedelta(days=d)
            visits = (2 if d == 0 else 0) if i == 0 else 9
            day_file(tmp_path, label, day, visits=visits, extra=small if d == 0 and i == 1 else ())
    day_file(tmp_path, "keswick", END - dt.timedelta(days=15), visits=3)  # the period before: a small figure
    merged = report.merge(tmp_path, PERIOD)
    fig = report.figures(merged, 5)
    html = report_html.render(fig)
    parser = _Text()
    parser.feed(html)
    text = " ".join(parser.parts)
    assert small_numbers(text, 5) == []
    assert "fewer than 5" in text and "not shown" in text
    assert "<script" not in html and "http://" not in html.replace("http://www.w3.org/", "")
    assert "https://" not in html
    # the charts too: every SVG text, title and description (pygal's tooltips) is in `text`; and a hidden bar
    # is a gap, so the chart holds exactly as many value descriptions as there are shown figures
    kiosks = next(t for t in fig.tables if t.key == "kiosks")
    shown = sum(1 for _l, values in kiosks.rows if not values[1].hidden)
    section = html[html.index('<section id="kiosks"') : html.index("</section>", html.index('<section id="kiosks"'))]
    assert section.count('<desc class="value">') == shown == len(labels) - 2  # st-bees's 2 and the next smallest
    for table in fig.tables:  # no shown total has exactly one hidden part: subtraction reveals nothing
        if table.total is None:
            continue
        for j, total in enumerate(table.total[1]):
            if isinstance(total, report.Cell) and not total.hidden:
                parts = [values[j] for _l, values in table.rows if isinstance(values[j], report.Cell)]
                assert sum(c.hidden for c in parts) != 1, (table.key, j)
    questions = [t for t in fig.tables if t.key.startswith("feedback-")]
    assert sum(1 for t in questions if t.total and t.total[1][0].hidden) == 2  # "again" and, to protect it, "useful"
    rows = [cells for _view, _row, _column, *cells in report.csv_rows(fig)]
    assert small_numbers(" ".join(c for cells in rows for c in cells), 5) == []


def test_a_higher_threshold_hides_more(tmp_path: Path) -> None:
    for d in range(14):
        day_file(tmp_path, "a", END - dt.timedelta(days=d), visits=8)
    html = report_html.render(report.figures(report.merge(tmp_path, PERIOD), 10))
    parser = _Text()
    parser.feed(html[html.index("<section") :])  # the heading says "1 kiosk": not a count of students
    assert small_numbers(" ".join(parser.parts), 10) == []
    assert "fewer than 10" in html
    with pytest.raises(ValueError):
        report.figures(report.merge(tmp_path, PERIOD), 2)


def test_the_report_module_does_not_load_the_plotting_library_until_it_draws() -> None:
    import subprocess
    import sys

    code = "import sys, kiosk.core.report, kiosk.core.report_html; print('pygal' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"
