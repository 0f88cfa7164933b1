"""tests/core stays the fast, Qt-free layer: its tests run without PySide6 or pytest-qt ever being imported."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CORE = Path(__file__).resolve().parent

# A fresh interpreter runs tests/core without the pytest-qt plugin (which imports PySide6 when it starts) and
# names the first place Qt got imported: at collection (a module-level import) or after a test (an import inside it).
RUNNER = textwrap.dedent(
    """
    import sys
    import pytest

    QT = ("PySide6", "shiboken6", "pytestqt", "qtpy", "qtawesome")

    def qt_loaded():
        return sorted(m for m in sys.modules if m.split(".")[0] in QT)

    class Watch:
        where = None

        def pytest_collection_finish(self, session):
            if self.where is None and qt_loaded():
                self.where = "collecting tests/core (a module-level import)"

        def pytest_runtest_teardown(self, item):
            if self.where is None and qt_loaded():
                self.where = item.nodeid

    watch = Watch()
    code = pytest.main(sys.argv[1:], plugins=[watch])
    print("QT IMPORTED BY:", watch.where, qt_loaded()[:5])
    sys.exit(int(code) or (99 if watch.where else 0))
    """
)


@pytest.mark.slow
def test_core_tests_import_no_qt(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "PYTEST_ADDOPTS"}  # CI's JUnit report is the outer run's
    args = ["-p", "no:pytest-qt", "-p", "no:cacheprovider", "-q", "-W", "ignore::pytest.PytestConfigWarning"]
    args += ["--deselect", f"tests/core/{Path(__file__).name}", "--basetemp", str(tmp_path / "run"), str(CORE)]
    result = subprocess.run(
        [sys.executable, "-c", RUNNER, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert "QT IMPORTED BY: None []" in result.stdout
