"""Start-up round 3 (issue 20): the timeline a start can report, and what the frozen build no longer does first.

Not timed. The timeline (kiosk.core.timeline, bench/startup_timeline.py) must name every stage in order and
cost nothing unless asked for; the frozen build must not run the run-time hooks it does not need, must read its
Python modules without inflating them, and must still not import before its first frame what the source
install does not (tests/system/test_startup_imports.py).
"""

from __future__ import annotations

import marshal
import os
import subprocess
import sys
from pathlib import Path

import pytest

import build_installer as bi

from ..conftest import ROOT
from .test_startup_imports import NOT_BEFORE_THE_FIRST_FRAME

FROZEN = ROOT / "dist" / bi.NAME / bi.NAME
needs_frozen = pytest.mark.skipif(not FROZEN.exists(), reason="no frozen build here (python build_installer.py)")

STAGES = [
    "python ready",
    "kiosk.cli imported",
    "QGuiApplication made",  # before the QML's imports: the first page's kept picture needs QtGui only
    "settings and counts opened",
    "PySide6 imported",
    "kiosk.ui.run imported",
    "pack loaded, QML created",
    "window shown",
    "first render",
    "first frame swapped",
    "first complete frame",
]


def start(command: list[str], home: Path, timeline: str | None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", KIOSK_HOME=str(home))
    env.pop("KIOSK_STARTUP_TIMELINE", None)
    if timeline is not None:
        env["KIOSK_STARTUP_TIMELINE"] = timeline
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    command = [*command, "--pack", "cumbria", "--exit-after-first-frame"]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120, env=env)
    assert result.returncode == 0, result.stderr[-3000:]
    return result


def marks(stderr: str) -> list[tuple[str, float, float]]:
    found = []
    for line in stderr.splitlines():
        if line.startswith("timeline: "):
            _, name, wall, cpu = line.split()
            found.append((name.replace("_", " "), float(wall), float(cpu)))
    return found


def test_a_start_reports_every_stage_in_order_only_when_asked(tmp_path: Path) -> None:
    found = marks(start([sys.executable, "-m", "kiosk"], tmp_path / "home", "1").stderr)
    names = [name for name, _, _ in found]
    assert [n for n in names if n in STAGES] == STAGES
    walls = [wall for _, wall, _ in found]
    assert walls == sorted(walls), "each stage after the one before it"
    assert all(cpu > 0 for _, _, cpu in found)

    quiet = start([sys.executable, "-m", "kiosk"], tmp_path / "home", None)
    assert "timeline" not in quiet.stderr


def test_the_build_stores_the_python_archive_for_the_folder_build_only() -> None:
    assert bi.startup_archive_env(onefile=False) == {"PYINSTALLER_ZLIB_COMPRESSION_LEVEL": "0"}
    assert bi.startup_archive_env(onefile=True) == {}, "the one-file build keeps its libraries compressed"


@needs_frozen
def test_the_frozen_build_runs_only_the_run_time_hooks_it_needs_and_reads_its_modules_as_stored() -> None:
    readers = pytest.importorskip("PyInstaller.archive.readers")
    package = readers.CArchiveReader(str(FROZEN))
    hooks = {name for name in package.toc if name.startswith("pyi_rth_")}
    assert "pyi_rth_pyside6" in hooks, "Qt's plugin and QML paths are still set up"
    assert hooks.isdisjoint({"pyi_rth_inspect", "pyi_rth_multiprocessing", "pyi_rth_pkgutil"})
    modules = package.open_embedded_archive("PYZ.pyz")
    for name in ("kiosk.ui.run", "kiosk.core.pack", "PySide6"):
        _typ, _offset, stored = modules.toc[name]
        assert stored > len(marshal.dumps(modules.extract(name))), f"{name} is stored, not compressed"


@needs_frozen
def test_the_frozen_first_frame_comes_before_the_modules_it_does_not_need(tmp_path: Path) -> None:
    result = start([str(FROZEN)], tmp_path / "home", "modules")
    line = next(line for line in result.stderr.splitlines() if line.startswith("timeline-modules: "))
    loaded = set(line.split(": ", 1)[1].split(","))
    assert "kiosk.ui.run" in loaded and "PySide6.QtQuick" in loaded  # a real start
    not_needed = (*NOT_BEFORE_THE_FIRST_FRAME, "multiprocessing", "pkgutil")
    assert sorted(m for m in not_needed if m in loaded) == []
