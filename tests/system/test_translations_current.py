"""Every interface string in the code has its Welsh words: strings added by one branch while another wrote the
translations reached the screen in English (the staff screen's "Language", the feedback row's "Skip")."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from scripts.update_translations import ROOT, sources


def test_welsh_translation_holds_every_string_the_code_shows(tmp_path: Path) -> None:
    ts = tmp_path / "kiosk_cy.ts"
    shutil.copy(ROOT / "translations" / "kiosk_cy.ts", ts)
    code = "from PySide6.scripts.pyside_tool import lupdate; lupdate()"
    command = [sys.executable, "-c", code, *sources(), "-no-obsolete", "-locations", "none"]
    command += ["-source-language", "en", "-target-language", "cy", "-ts", str(ts)]
    subprocess.run(command, check=True, cwd=ROOT, capture_output=True, timeout=120)
    missing = [
        message.findtext("source")
        for message in ET.parse(ts).getroot().iter("message")
        if message.find("translation") is not None and message.find("translation").get("type") == "unfinished"
    ]
    assert missing == [], "run scripts/update_translations.py and translate these"
