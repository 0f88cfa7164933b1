"""mypy strict over the whole package (pyproject.toml `[tool.mypy]`): a type error fails the suite, not only CI."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_mypy_finds_no_type_errors() -> None:
    # mypy's own cache (.mypy_cache, ignored by git) makes a second run take about a second instead of ~12 s.
    run = subprocess.run([sys.executable, "-m", "mypy"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout + run.stderr
