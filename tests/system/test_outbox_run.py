"""The real `kiosk` process with a policy outbox: a clean exit leaves today's counts on the share, and a share
that was away at exit gets them at the next run."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from kiosk.core.outbox_format import parse_day_file


def run_until_started_then_stop(home: Path, policy: Path) -> str:
    """Start the kiosk, wait (polling its log, up to a minute on a loaded machine) until it is up, SIGTERM it."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", KIOSK_HOME=str(home), KIOSK_POLICY=str(policy))
    log = home / "log" / "kiosk.log"
    before = log.read_text() if log.exists() else ""
    proc = subprocess.Popen(
        [sys.executable, "-m", "kiosk", "--windowed"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    try:
        deadline = time.monotonic() + 60
        while "kiosk started" not in (log.read_text()[len(before) :] if log.exists() else ""):
            assert proc.poll() is None, proc.communicate()[1]
            assert time.monotonic() < deadline, "the kiosk did not start within a minute"
            time.sleep(0.2)
        proc.send_signal(signal.SIGTERM)
        _, err = proc.communicate(timeout=30)
        assert proc.returncode == 0, err
    finally:
        if proc.poll() is None:
            proc.kill()
    return log.read_text()[len(before) :]


def test_a_clean_exit_writes_the_day_and_an_absent_share_gets_it_next_time(kiosk_home: Path, tmp_path: Path) -> None:
    share = tmp_path / "share"
    policy = tmp_path / "policy.toml"
    policy.write_text(f'[stats]\noutbox = "{share}"\n\n[kiosk]\nlabel = "st-bees-foyer"\n')

    log = run_until_started_then_stop(kiosk_home, policy)  # the share is not there (not mounted)
    assert "is not reachable" in log
    assert not share.exists()
    state = json.loads((kiosk_home / "data" / "outbox-state.json").read_text())
    assert state["folders"][str(share)]["failures"] >= 1

    share.mkdir()
    log = run_until_started_then_stop(kiosk_home, policy)
    files = sorted((share / "st-bees-foyer").glob("*.json"))
    assert files, log
    counts = parse_day_file(files[-1])
    assert counts.kiosk == "st-bees-foyer"
    shown = sum(r.count for r in counts.rows if r.measure == "page-shown-loop")
    assert shown >= 2  # the first page of each run, both in today's file
    assert "day(s) of counts written to" in log
