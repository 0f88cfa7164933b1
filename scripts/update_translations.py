"""Refresh translations/*.ts from the code (pyside6-lupdate), after adding or changing interface strings.

    python scripts/update_translations.py

New strings arrive as "unfinished" in every .ts: translate them (Qt Linguist, or by hand in the XML), then the
build compiles the .qm files (setup.compile_translations). kiosk_en.ts holds only the English plural forms.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def sources() -> list[str]:
    qml = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "kiosk" / "qml" / "Kiosk").glob("*.qml"))
    # resources_rc.py is generated (and large enough to crash lupdate); only hand-written Python has tr()
    py = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "kiosk" / "ui").glob("*.py") if p.name != "resources_rc.py")
    return qml + py


def main() -> int:
    code = "from PySide6.scripts.pyside_tool import lupdate; lupdate()"
    for ts in sorted((ROOT / "translations").glob("kiosk_*.ts")):
        language = ts.stem.removeprefix("kiosk_")
        extra = ["-pluralonly"] if language == "en" else []
        command = [sys.executable, "-c", code, *sources(), "-no-obsolete", "-locations", "none"]
        command += ["-source-language", "en", "-target-language", language, *extra, "-ts", str(ts)]
        subprocess.run(command, check=True, cwd=ROOT)
    return 0


if __name__ == "__main__":
    sys.exit(main())
