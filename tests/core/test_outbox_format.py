"""The outbox day file: what the kiosk writes is what the report reads back, and a bad file is refused with why."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.core.outbox_format import (
    DayCounts,
    DayFileError,
    Row,
    from_export_rows,
    parse_day_file,
    parse_day_text,
    to_json,
)

DAY = dt.date(2026, 12, 1)
EXPORT = [
    ("2026-12-01", "cumbria", "foyer", "page-shown-loop", "tips", "", 40),
    ("2026-12-01", "cumbria", "foyer", "page-shown-tap", "tips", "", 12),
    ("2026-12-01", "cumbria", "foyer", "session", "90", "4", 3),
    ("2026-12-01", "cumbria", "foyer", "plan-made", "", "", 2),
    ("2026-12-01", "cumbria", "foyer", "plan-option", "tell-an-adult", "", 2),
    ("2026-12-01", "cumbria", "parents", "help-opened", "helplines", "", 1),
    ("2026-12-01", "cumbria", "foyer", "feedback-offered", "", "", 5),
    ("2026-12-01", "cumbria", "foyer", "feedback", "useful", "yes", 4),
]


def good() -> dict[str, object]:
    return json.loads(from_export_rows("st-bees-foyer", DAY, "2026-12-01T16", EXPORT).to_json())


def test_round_trip_through_a_file(tmp_path: Path) -> None:
    counts = from_export_rows("st-bees-foyer", DAY, "2026-12-01T16", EXPORT)
    path = tmp_path / "st-bees-foyer" / counts.file_name()
    path.parent.mkdir()
    path.write_text(counts.to_json(), encoding="utf-8")
    back = parse_day_file(path)
    assert back == counts
    assert back.relative_path() == Path("st-bees-foyer/2026-12-01.json")
    assert [r.count for r in back.rows] == [40, 12, 3, 2, 2, 1, 5, 4]
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["format"] == 1 and data["kiosk"] == "st-bees-foyer" and data["day"] == "2026-12-01"
    assert data["rows"][2] == {
        "pack": "cumbria",
        "mode": "foyer",
        "measure": "session",
        "item": "90",
        "detail": "4",
        "count": 3,
    }


def test_an_empty_day_round_trips() -> None:
    counts = DayCounts("kiosk-7f3a9c", DAY, "2026-12-02T00", ())
    assert parse_day_text(to_json(counts)) == counts


ids = st.from_regex(r"[a-z0-9][a-z0-9-]{0,10}", fullmatch=True)


@given(
    st.lists(
        st.tuples(ids, st.sampled_from(["foyer", "parents", "assembly"]), ids, st.integers(0, 10**9)),
        unique_by=lambda r: (r[0], r[1], r[2]),
        max_size=20,
    )
)
def test_any_export_rows_round_trip(rows: list[tuple[str, str, str, int]]) -> None:
    export = [("2026-12-01", p, m, "page-shown-tap", page, "", n) for p, m, page, n in rows]
    counts = from_export_rows("kiosk-7f3a9c", DAY, "2026-12-01T09", export)
    assert parse_day_text(counts.to_json()) == counts


def bad(change: dict[str, object] | None = None, row: dict[str, object] | None = None, drop: str = "") -> str:
    data = good()
    data.update(change or {})
    if row is not None:
        data["rows"] = [{**data["rows"][0], **row}]  # type: ignore[index]
    if drop:
        del data[drop]
    return json.dumps(data)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ('{"format": 1, "kiosk": "a", "day": "2026-12-01", "written": "2026-12-01T16", "rows": [', "not complete"),
        ("date,pack,mode,measure,item,detail,count\n2026-12-01,cumbria,foyer,session,30,1,2\n", "not complete JSON"),
        ("[1, 2]", "not a JSON object"),
        (bad({"format": 2}), "newer kiosk (format 2"),
        (bad({"format": "1"}), "no whole-number 'format'"),
        (bad({"format": True}), "no whole-number 'format'"),
        (bad({"format": 0}), "unknown format 0"),
        (bad(drop="rows"), "has no 'rows'"),
        (bad({"extra": 1}), "unknown field(s) 'extra'"),
        (bad({"kiosk": "../etc"}), "'kiosk' must be a label"),
        (bad({"kiosk": "Anne Smith's laptop"}), "'kiosk' must be a label"),
        (bad({"day": "2026-02-30"}), "not a real date"),
        (bad({"day": "1 Dec"}), "'day' must be a date"),
        (bad({"written": "2026-12-01 16:05:33"}), "'written' must be a local hour"),
        (bad({"written": "2026-12-01T25"}), "not a real time"),
        (bad({"rows": {}}), "'rows' must be a list"),
        (bad(row={"count": -1}), "row 1: 'count' must be a whole number"),
        (bad(row={"count": 1.5}), "row 1: 'count'"),
        (bad(row={"count": True}), "row 1: 'count'"),
        (bad(row={"measure": "name"}), "'measure' must be one of"),
        (bad(row={"mode": "home"}), "'mode' must be one of"),
        (bad(row={"pack": "Cumbria"}), "'pack' is not an id"),
        (bad(row={"item": "Jo Bloggs"}), "not an id"),
        (bad(row={"detail": "free text"}), "'detail' must be empty"),
        (bad(row={"measure": "session", "item": "31", "detail": "1"}), "steps of 30"),
        (bad(row={"measure": "session", "item": "30", "detail": "99"}), "0 to 20"),
        (bad(row={"email": "x@y"}), "unknown field 'email'"),
        ('{"format": 1, "format": 1}', "'format' twice"),
    ],
)
def test_refusals_say_why(text: str, reason: str) -> None:
    with pytest.raises(DayFileError, match=None) as caught:
        parse_day_text(text)
    assert reason in str(caught.value)


def test_a_row_counted_twice_is_refused() -> None:
    data = good()
    data["rows"] = [data["rows"][0], data["rows"][0]]  # type: ignore[index]
    with pytest.raises(DayFileError, match="row 2: counts page-shown-loop 'tips' '' a second time"):
        parse_day_text(json.dumps(data))


def test_file_errors_name_the_file(tmp_path: Path) -> None:
    with pytest.raises(DayFileError, match="missing.json: does not exist"):
        parse_day_file(tmp_path / "missing.json")
    (tmp_path / "folder.json").mkdir()
    with pytest.raises(DayFileError, match="folder.json: is not a regular file"):
        parse_day_file(tmp_path / "folder.json")
    cut = tmp_path / "cut.json"
    cut.write_bytes(to_json(from_export_rows("a", DAY, "2026-12-01T16", EXPORT)).encode()[:-30])
    with pytest.raises(DayFileError, match="cut.json: is not complete JSON"):
        parse_day_file(cut)
    latin = tmp_path / "latin.json"
    latin.write_bytes(b'{"kiosk": "\xe9"}')
    with pytest.raises(DayFileError, match="latin.json: is not UTF-8"):
        parse_day_file(latin)


def test_the_kiosk_cannot_build_a_file_the_report_would_refuse() -> None:
    with pytest.raises(DayFileError, match="is not of 2026-12-01"):
        from_export_rows("a", DAY, "2026-12-01T16", [("2026-12-02", "cumbria", "foyer", "plan-made", "", "", 1)])
    with pytest.raises(DayFileError, match="'kiosk' must be a label"):
        from_export_rows("no spaces", DAY, "2026-12-01T16", [])


def test_rows_keep_their_order_and_fields() -> None:
    counts = parse_day_text(json.dumps(good()))
    assert counts.rows[0] == Row("cumbria", "foyer", "page-shown-loop", "tips", "", 40)
