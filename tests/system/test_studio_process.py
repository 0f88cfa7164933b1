"""The studio's tests (tests/ui/studio_cases.py), each run in a fresh process like `kiosk studio` itself.

Qt wants a QML type registered before any engine has loaded QML (see kiosk.ui.studio.register_studio_types). In
the whole suite's one long process the order of imports and engines is the suite's, and there the previews stopped
following saves (8 of 17 studio tests failed in two full runs; none alone), so they would test the suite, not the
studio.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_studio_cases_pass_in_a_process_of_their_own(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "KIOSK_HOME": str(tmp_path / "home")}
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/ui/studio_cases.py"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
    assert " passed" in result.stdout and " failed" not in result.stdout
