"""The real `kiosk` process follows its policy file: IT replaces it while the kiosk runs, and within seconds the
kiosk logs what changed and shows the new pack and mode (nobody mid-visit), without a restart."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from kiosk.core import paths


def wait_for(text: str, log_file: Path, child: subprocess.Popen[bytes], seconds: float) -> str:
    """The log once it holds `text` (polled; the margin is for a loaded machine)."""
    deadline = time.monotonic() + seconds
    while text not in (log := log_file.read_text() if log_file.exists() else ""):
        assert child.poll() is None, f"the kiosk ended: {log[-2000:]}"
        assert time.monotonic() < deadline, f"no {text!r} in the log: {log[-2000:]}"
        time.sleep(0.2)
    return log


def test_a_running_kiosk_takes_a_new_policy_without_a_restart(tmp_path: Path) -> None:
    policy = tmp_path / "etc" / "policy.toml"
    policy.parent.mkdir()
    policy.write_text('[packs]\npack = "cumbria"\n')
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "KIOSK_POLICY": str(policy)}
    log_file = paths.log_dir() / "kiosk.log"
    child = subprocess.Popen([sys.executable, "-m", "kiosk", "--windowed"], env=env)
    try:
        wait_for("kiosk started: pack cumbria", log_file, child, 90)
        time.sleep(3)  # the policy is watched from 2 s after the start (run.PACK_WATCH_START_MS)
        written = time.monotonic()
        policy.write_text('[packs]\npack = "derbyshire"\n\n[kiosk]\nmode = "parents"\n')  # in place, as GPP does
        log = wait_for("pack derbyshire (machine policy changed", log_file, child, 60)
        took = time.monotonic() - written
        assert f"policy: changed {policy}: pack cumbria -> derbyshire; mode set to parents" in log
        assert "settings: switched to mode parents, pack derbyshire (machine policy changed" in log
        assert took >= 4.5, "read before it had stayed the same for the settle time"
        child.send_signal(signal.SIGTERM)
        assert child.wait(timeout=30) == 0
    finally:
        if child.poll() is None:
            child.kill()
            child.wait(timeout=10)
