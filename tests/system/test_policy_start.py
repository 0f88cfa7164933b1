"""The real `kiosk` process with a machine policy named by KIOSK_POLICY: a bad file never stops the kiosk, and
what the policy owns beats the settings file and the command line, each said in the log."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def run_kiosk(*args: str, home: Path, policy: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", KIOSK_HOME=str(home), KIOSK_POLICY=str(policy))
    return subprocess.run([sys.executable, "-m", "kiosk", *args], capture_output=True, text=True, timeout=60, env=env)


def test_a_bad_policy_never_stops_the_kiosk_and_its_good_fields_apply(kiosk_home: Path, tmp_path: Path) -> None:
    policy = tmp_path / "policy.toml"
    policy.write_text('[packs]\npack = "derbyshire"\n\n[kiosk]\nmode = "disco"\ncolour = "blue"\n')
    result = run_kiosk("--exit-after-first-frame", home=kiosk_home, policy=policy)
    assert result.returncode == 0, result.stderr
    log = (kiosk_home / "log" / "kiosk.log").read_text()
    assert f"policy: {policy}:5: kiosk.mode: must be one of foyer, assembly, parents, not 'disco'" in log
    assert f"policy: {policy}:6: kiosk.colour: unknown key" in log
    assert "kiosk started: pack derbyshire" in log


def test_the_policy_beats_the_settings_file_and_the_flags(kiosk_home: Path, tmp_path: Path) -> None:
    (kiosk_home / "config").mkdir(parents=True)
    (kiosk_home / "config" / "settings.toml").write_text('pack = "cumbria"\nmode = "parents"\n')
    policy = tmp_path / "policy.toml"
    policy.write_text('[packs]\npack = "derbyshire"\n[kiosk]\nlabel = "st-bees-foyer"\nmode = "foyer"\n')
    result = run_kiosk("--pack", "cumbria", "--exit-after-first-frame", home=kiosk_home, policy=policy)
    assert result.returncode == 0, result.stderr
    log = (kiosk_home / "log" / "kiosk.log").read_text()
    assert "policy: label st-bees-foyer; pack derbyshire; mode foyer" in log
    assert "the command-line flag for pack is ignored: the machine policy sets or locks it" in log
    assert "mode foyer, pack derbyshire (start; settings; mode and pack set by the machine policy)" in log
    assert "kiosk started: pack derbyshire" in log
