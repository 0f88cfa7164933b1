"""The counts database the kiosk writes: a path that is no regular file is set aside, never a reason to stop."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kiosk.core.stats import StatsDatabase


@pytest.mark.parametrize("kind", ["fifo", "folder"])
def test_a_counts_database_that_is_no_regular_file_is_set_aside_and_counting_goes_on(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "stats.db"
    if kind == "fifo":
        os.mkfifo(path)
    else:
        path.mkdir()
    db = StatsDatabase(path)
    db.add({("events", ("2026-11-25", "cumbria", "foyer", "plan-made", "")): 1})
    db.close()
    assert path.is_file() and len(list(tmp_path.glob("stats.db.corrupt-*"))) == 1
