"""Pseudo-locales made from the real translation sources, to prove the layout before a real language arrives.

    en-XA  every string accented and about 40% longer (German, Polish and Welsh run long)
    ar-XB  every word forced right to left and the layout mirrored (Arabic, Urdu, Hebrew)

    python scripts/pseudo_locale.py DIR      # writes DIR/kiosk_en-XA.qm and DIR/kiosk_ar-XB.qm
    KIOSK_HOME=/tmp/k python scripts/pseudo_locale.py /tmp/k/data/translations
    KIOSK_HOME=/tmp/k python -m kiosk render --lang ar-XB --size 1080x1920 --out /tmp/k/r

Nothing here is committed as a translation: the .ts is generated from translations/kiosk_cy.ts (every message)
each time, so a new string in the QML is in the pseudo-locales as soon as lupdate has picked it up.
"""

from __future__ import annotations

import math
import re
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CATALOGUE = ROOT / "translations" / "kiosk_cy.ts"  # the complete list of messages (lupdate keeps it complete)
PLURALS = ROOT / "translations" / "kiosk_en.ts"
CODES = ("en-XA", "ar-XB")

ACCENTED = dict(
    zip(
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
        "åƀçđéƒĝĥîĵķļɱñöþǫŕšţûṽŵẋýžÅƁÇĐÉƑĜĤÎĴĶĻṀÑÖÞǪŔŠŢÛṼŴẊÝŽ",
        strict=True,
    )
)
PLACEHOLDER = re.compile(r"(%(?:\d+|n|%|L\d+)|\n)")
RLM, RLO, PDF = "\u200f", "\u202e", "\u202c"


def _expand(word: str) -> str:
    accented = "".join(ACCENTED.get(ch, ch) for ch in word)
    letters = [ch for ch in accented if ch.isalpha()]
    extra = math.ceil(len(letters) * 0.4)
    return accented + "".join(letters[i % len(letters)] for i in range(extra)) if letters else accented


def pseudo_text(text: str, code: str) -> str:
    """`text` in the pseudo-locale `code`; placeholders (%1, %n, %%) and line breaks stay as they are."""
    parts = PLACEHOLDER.split(text)
    out = []
    for n, part in enumerate(parts):
        if n % 2:  # a placeholder
            out.append(part)
        elif code == "en-XA":
            out.append(re.sub(r"\S+", lambda m: _expand(m.group(0)), part))
        else:
            out.append(re.sub(r"\S+", lambda m: RLO + m.group(0) + PDF, part))
    joined = "".join(out)
    return f"[{joined}]" if code == "en-XA" else RLM + joined


def pseudo_ts(code: str, catalogue: Path = CATALOGUE, plurals: Path = PLURALS) -> str:
    """A .ts file translating every message of `catalogue` into the pseudo-locale (English plural rules)."""
    english = {}
    if plurals.exists():
        for m in ET.parse(plurals).getroot().iter("message"):
            english[m.findtext("source")] = [f.text or "" for f in m.iter("numerusform")]
    tree = ET.parse(catalogue)
    root = tree.getroot()
    root.set("language", "en")  # English plural rules: the forms below are English ones, dressed up
    for m in root.iter("message"):
        source = m.findtext("source") or ""
        translation = m.find("translation")
        assert translation is not None
        translation.attrib.pop("type", None)
        if m.get("numerus") == "yes":
            for form in list(translation):
                translation.remove(form)
            for text in english.get(source) or [source, source]:
                ET.SubElement(translation, "numerusform").text = pseudo_text(text, code)
        else:
            translation.text = pseudo_text(source, code)
    return '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + ET.tostring(root, encoding="unicode")


def build(out_dir: Path, codes: tuple[str, ...] = CODES) -> list[Path]:
    """Write kiosk_<code>.qm for each pseudo-locale into `out_dir` (lrelease from PySide6)."""
    sys.path.insert(0, str(ROOT))
    from setup import compile_translations

    written = []
    with tempfile.TemporaryDirectory() as tmp:
        for code in codes:
            ts = Path(tmp) / f"kiosk_{code}.ts"
            ts.write_text(pseudo_ts(code), encoding="utf-8")
            written += compile_translations([ts], out_dir)
    return written


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    for path in build(Path(sys.argv[1])):
        print(path)
