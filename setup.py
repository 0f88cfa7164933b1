"""Compile resources.qrc into kiosk/ui/resources_rc.py with pyside6-rcc as part of every build and install.

The generated module is never edited by hand and never committed; this hook makes it for `pip install .`,
`pip install -e .` (written into the source tree) and the PyInstaller build (which calls compile_resources).
The built-in packs are copied into the package as kiosk/_assets so a wheel install has them too.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent


def compile_translations(ts_files: list[Path] | None = None, out_dir: Path | None = None) -> list[Path]:
    """Run lrelease (shipped in PySide6-Essentials) on translations/*.ts; the .qm files it writes next to them are
    listed in resources.qrc, so they are compiled into the resources and need no data files in the frozen build."""
    code = "from PySide6.scripts.pyside_tool import lrelease; lrelease()"
    written = []
    for ts in ts_files if ts_files is not None else sorted((ROOT / "translations").glob("*.ts")):
        qm = (out_dir or ts.parent) / (ts.stem + ".qm")
        qm.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run([sys.executable, "-c", code, "-silent", str(ts), "-qm", str(qm)], check=True)
        written.append(qm)
    return written


def compile_resources(target: Path) -> None:
    """Run pyside6-rcc on resources.qrc, writing a Python module at `target` (the translations first)."""
    compile_translations()
    # pyside6-rcc is a wrapper around this binary; calling it directly works in pip's isolated build too.
    code = "from PySide6.scripts.pyside_tool import rcc; rcc()"
    target.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [sys.executable, "-c", code, str(ROOT / "resources.qrc"), "-o", str(target)],
        check=True,
    )


class BuildWithResources(build_py):
    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            compile_resources(ROOT / "kiosk" / "ui" / "resources_rc.py")
            return
        build_lib = Path(self.build_lib)
        compile_resources(build_lib / "kiosk" / "ui" / "resources_rc.py")
        packs = build_lib / "kiosk" / "_assets" / "packs"
        if packs.exists():
            shutil.rmtree(packs)
        shutil.copytree(ROOT / "assets" / "packs", packs)


if __name__ == "__main__":  # setuptools runs this file as __main__; build_installer.py imports compile_resources
    setup(cmdclass={"build_py": BuildWithResources})
