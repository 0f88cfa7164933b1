"""Make docs/authoring.md's screenshots with `kiosk new`, `set_text` and `kiosk render`, as an author would.

    python scripts/authoring_screenshots.py        # rewrites docs/authoring-*.png

The pictures are what `kiosk render` draws, at 1024x768 (a portrait one scaled to 768 high), stored as 8-bit
palette PNGs of the page's own colours so the four together stay small (a few hundred KB at most).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
sys.path.insert(0, str(ROOT))

from kiosk.core import paths  # noqa: E402
from kiosk.core.pack_edit import set_text  # noqa: E402
from kiosk.core.pack_new import new_pack  # noqa: E402

# The author's first edits, in Cumbria Constabulary's own words (their campaign sources).
EDITS = {
    ("pack", "name"): "Create a plan",
    ("pack", "organisation"): "Cumbria Constabulary",
    ("pages", 0, "title"): "Take control and say no",
    ("pages", 0, "subtitle"): "My main message to anyone asked to send a naked picture of themselves is don't - "
    "Take control and say no.",
    ("pages", 0, "attribution"): "DCI James Yallop, Cumbria Constabulary",
    ("pages", 0, "call_to_action"): "Tap to make your plan",
    ("pages", 0, "image_alt"): "Jay, a teenager in a yellow hoodie, holds up a phone showing a big red block sign.",
}


def render(pack: Path, out: Path, size: str, *extra: str) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", KIOSK_HOME=str(out.parent / "home"))
    env["XDG_RUNTIME_DIR"] = str(out.parent / "run")
    (out.parent / "run").mkdir(mode=0o700, exist_ok=True)
    command = [sys.executable, "-m", "kiosk", "render", "--pack", str(pack), "--size", size, "--out", str(out)]
    subprocess.run([*command, *extra], check=True, env=env, cwd=ROOT, stdout=subprocess.DEVNULL)


def save_small(source: Path, target: Path, height: int = 768) -> None:
    """The PNG scaled to `height` (when taller), in a palette of its own 256 most used colours."""
    image = QImage(str(source)).convertToFormat(QImage.Format.Format_RGB32)
    if image.height() > height:
        image = image.scaledToHeight(height, Qt.TransformationMode.SmoothTransformation)
        image = image.convertToFormat(QImage.Format.Format_RGB32)
    pixels = memoryview(image.constBits()).cast("B").cast("I")
    palette = [0xFF000000 | colour for colour, _ in Counter(pixels).most_common(256)]
    small = image.convertToFormat(QImage.Format.Format_Indexed8, palette, Qt.ImageConversionFlag.AvoidDither)
    if not small.save(str(target), "PNG", 0):
        raise SystemExit(f"{target}: could not be written")
    print(f"{target.relative_to(ROOT)}: {target.stat().st_size:,} bytes")


def main() -> None:
    with tempfile.TemporaryDirectory() as temp:
        work = Path(temp)
        pack = new_pack(work / "our-campaign").parent
        render(pack, work / "blank", "1024x768")
        save_small(work / "blank" / "01-poster.png", DOCS / "authoring-blank.png")

        for field, value in EDITS.items():
            set_text(pack / "pack.toml", field, value)
        shutil.copyfile(paths.builtin_packs_dir() / "cumbria" / "art" / "poster.svg", pack / "art" / "poster.svg")
        render(pack, work / "edited", "1024x768")
        save_small(work / "edited" / "01-poster.png", DOCS / "authoring-edited.png")
        render(pack, work / "portrait", "1080x1920")
        save_small(work / "portrait" / "01-poster.png", DOCS / "authoring-portrait.png")
        render(pack, work / "large", "1024x768", "--text-size", "150")
        save_small(work / "large" / "07-plan.png", DOCS / "authoring-text-150.png")


if __name__ == "__main__":
    main()
