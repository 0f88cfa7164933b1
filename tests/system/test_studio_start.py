"""`kiosk studio` starts and draws its previews, from source and from the frozen build (PyInstaller leaves out what
nothing imports at start; the studio is imported only by its command), from an empty folder, offscreen."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import build_installer as bi

from ..conftest import MINIMAL, ROOT

FROZEN = ROOT / "dist" / bi.NAME / bi.NAME


def _start(command: list[str], tmp_path: Path) -> subprocess.CompletedProcess[str]:
    pack = tmp_path / "my-pack"
    shutil.copytree(MINIMAL, pack)
    runtime = tmp_path / "run"
    runtime.mkdir(mode=0o700)
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(tmp_path),
        "KIOSK_HOME": str(tmp_path / "home"),
        "XDG_RUNTIME_DIR": str(runtime),
        "QT_QPA_PLATFORM": "offscreen",
        "KIOSK_POLICY": "/nonexistent/campaign-kiosk-tests/policy.toml",
    }
    return subprocess.run(
        [*command, "studio", str(pack), "--exit-after-first-frame"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_kiosk_studio_draws_its_previews(tmp_path: Path) -> None:
    result = _start([sys.executable, "-m", "kiosk"], tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]
    assert not [line for line in result.stderr.splitlines() if line.strip()], result.stderr[-3000:]


@pytest.mark.skipif(not FROZEN.exists(), reason="no frozen build here (python build_installer.py)")
def test_the_frozen_build_starts_kiosk_studio(tmp_path: Path) -> None:
    bundled = FROZEN.parent / "_internal" / "qmlcache"
    before = sorted((p.name, p.stat().st_mtime_ns) for p in bundled.iterdir())
    result = _start([str(FROZEN)], tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]
    assert not [line for line in result.stderr.splitlines() if line.strip()], result.stderr[-3000:]
    # The studio's own QML is not compiled ahead of time: it is compiled in memory, never into the install folder
    # (read-only under /opt; it made tests/system/test_qml_aot.py's check of the bundled units fail after it).
    assert sorted((p.name, p.stat().st_mtime_ns) for p in bundled.iterdir()) == before
