"""Qt's own tooling understands the kiosk's QML: qmllint runs clean and checks what QML reads from Python.

The Python objects QML uses are singletons of the Kiosk module (kiosk/ui/app.py QML_SINGLETONS), described to
the tooling by kiosk/qml/Kiosk/kiosk.qmltypes (scripts/update_qmltypes.py), so a misspelt property is a
qmllint warning here instead of an `undefined` on a school's screen.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MODULE = ROOT / "kiosk" / "qml" / "Kiosk"


def qmllint(module: Path) -> list[str]:
    """Every message qmllint gives for the module's files (`file:line:column: message [category]`)."""
    code = "from PySide6.scripts.pyside_tool import qmllint; qmllint()"
    files = sorted(str(path.relative_to(module.parent)) for path in module.glob("*.qml"))
    run = subprocess.run(
        [sys.executable, "-c", code, "--json", "-", "-I", ".", *files],
        cwd=module.parent,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.stdout, f"qmllint gave no report (exit {run.returncode}): {run.stderr}"
    report = json.loads(run.stdout)
    assert len(report["files"]) == len(files)
    return [
        f"{file['filename']}:{w['line']}:{w['column']}: {w['message']} [{w['id']}]"
        for file in report["files"]
        for w in file["warnings"]
    ]


def test_qmllint_finds_nothing_in_the_kiosk_qml() -> None:
    messages = qmllint(MODULE)
    assert not messages, "qmllint:\n" + "\n".join(messages)


def test_qmllint_reports_a_misspelt_property_of_a_python_object(tmp_path: Path) -> None:
    module = tmp_path / "Kiosk"
    shutil.copytree(MODULE, module)
    view = module / "NavBar.qml"
    text = view.read_text()
    assert "Controller.pageCount" in text
    view.write_text(text.replace("Controller.pageCount", "Controller.pageCuont", 1))
    messages = qmllint(module)
    assert len(messages) == 1 and "Kiosk/NavBar.qml" in messages[0] and '"pageCuont"' in messages[0], messages


def test_the_qmltypes_file_describes_the_python_objects_as_they_are() -> None:
    run = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "update_qmltypes.py"), "--check"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stdout + run.stderr


def test_qmllint_finds_nothing_in_the_studio_qml() -> None:
    """kiosk studio's window (its own module, Studio, with the `Studio` singleton in studio.qmltypes)."""
    messages = qmllint(MODULE.parent / "Studio")
    assert not messages, "qmllint:\n" + "\n".join(messages)
