"""The frozen build's trimmed ICU data (packaging/icu_data.py) answers everything Qt asks of ICU as the whole one does.

Qt Core uses ICU for collation, locale-aware case mapping, time-zone names and codecs beyond UTF and Latin-1. A
probe asks each in English and Welsh, once with PySide6's own 32 MB data library and once with the trimmed one
found first on LD_LIBRARY_PATH; the answers must be the same. The probe is not blind: with no ICU data at all
collation and time-zone names come out differently.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ..conftest import ROOT

sys.path.insert(0, str(ROOT / "packaging"))
import icu_data  # noqa: E402

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux") or not (shutil.which("gcc") and shutil.which("readelf")),
    reason="the ICU trim is a Linux build step that needs gcc and readelf",
)

PROBE = """
from PySide6.QtCore import QCollator, QDateTime, QLocale, QStringDecoder, QTimeZone
out = []
for lang in ("en_GB", "cy_GB", "C"):
    words = ["llan", "lyn", "Ängel", "zebra", "ch", "cy", "Ddraig", "dd", "de"]
    out.append(sorted(words, key=QCollator(QLocale(lang)).sortKey))
    out.append(QLocale(lang).toUpper("straße ǆ"))
    out.append(QLocale(lang).toLower("İSTANBUL ΣΑΣ"))
london = QTimeZone(b"Europe/London")
for lang in ("en_GB", "cy_GB"):
    out.append(london.displayName(QTimeZone.TimeType.StandardTime, QTimeZone.NameType.LongName, QLocale(lang)))
out += [QStringDecoder(name).isValid() for name in ("windows-1252", "ISO-8859-15", "ISO-8859-2")]
when = QDateTime.fromSecsSinceEpoch(1700000000, london)
out.append(QLocale("cy").toString(when, QLocale.FormatType.LongFormat))
print(repr(out))
"""


def icu_library() -> Path:
    import PySide6

    found = sorted((Path(PySide6.__file__).parent / "Qt" / "lib").glob("libicudata.so.*"))
    if not found:
        pytest.skip("this PySide6 ships no ICU data library")
    return found[0]


def probe(library_dir: Path | None) -> str:
    env = dict(os.environ)
    env.pop("LD_LIBRARY_PATH", None)
    if library_dir is not None:
        env["LD_LIBRARY_PATH"] = str(library_dir)  # searched before libQt6Core's RUNPATH
    result = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, env=env, timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_the_trimmed_icu_data_answers_as_the_whole_one(tmp_path: Path) -> None:
    library = icu_library()
    trimmed = tmp_path / "trimmed"
    trimmed.mkdir()
    before, after = icu_data.trim(library, trimmed / library.name)
    assert after < before / 10
    assert (trimmed / library.name).stat().st_size < library.stat().st_size / 5
    whole = probe(None)
    assert "Amser Safonol Greenwich" in whole, "Welsh time-zone names come from ICU"
    assert probe(trimmed) == whole

    empty = tmp_path / "empty"
    empty.mkdir()
    icu_data.trim(library, empty / library.name, keep=lambda name: False)
    assert probe(empty) != whole, "the probe notices missing ICU data"


def test_a_repacked_package_holds_the_same_items_in_the_same_space() -> None:
    library = icu_library()
    _symbol, offset, size = icu_data.data_symbol(library)
    blob = library.read_bytes()[offset : offset + size]
    header, items = icu_data.read_package(blob)
    assert len(items) > 1000
    repacked = icu_data.write_package(header, items)
    assert len(repacked) == len(blob)
    assert icu_data.read_package(repacked) == (header, sorted(items, key=lambda item: item[0].encode("ascii")))
