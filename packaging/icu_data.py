"""Trim ICU's data library (libicudata.so.NN, 32 MB in PySide6's Linux wheel) to the items Qt can use.

Qt Core links ICU for four things only (`readelf --dyn-syms libQt6Core.so.6`): locale-aware case mapping,
time-zone display names, text codecs beyond UTF-8/16/32 and Latin-1, and collation (QCollator). The data
library carries every locale, calendar, dictionary and converter of ICU; this keeps what those four need for
the languages the kiosk ships (English and Welsh) plus ICU's root fallbacks, and rebuilds the library with
the same soname and symbol (`icudtNN_dat`). The item format is ICU's common data package ("CmnD", see
icu4c/source/common/ucmndata.h): a header, a table of contents (count, then name and data offsets), names,
then the items. Used by build_installer.py; `python packaging/icu_data.py LIB` lists the items and sizes.
"""

from __future__ import annotations

import fnmatch
import struct
import subprocess
import sys
import tempfile
from pathlib import Path

# ICU items (names inside the package, without the icudtNNl/ prefix) the kiosk keeps: glob patterns.
KEEP = (
    # the resource-bundle machinery and locale fallback: the root bundles and every locale alias table
    "root.res",
    "res_index.res",
    "pool.res",
    "supplementalData.res",
    "metadata.res",
    "likelySubtags.res",
    "parentLocales.res",
    "*/res_index.res",
    "*/pool.res",
    "*/root.res",
    # the shipped languages, in every kind of bundle (locale, zone, lang, region, curr, unit, coll, brkitr)
    "en.res",
    "en_GB.res",
    "en_001.res",
    "en_150.res",
    "cy.res",
    "cy_GB.res",
    "*/en.res",
    "*/en_GB.res",
    "*/en_001.res",
    "*/cy.res",
    # case mapping, properties and normalisation that are data files rather than compiled in
    "*.nrm",
    "coll/ucadata.icu",
    "uts46.nrm",
    "ulayout.icu",
    # time zones (ucal_open, display names)
    "zoneinfo64.res",
    "timezoneTypes.res",
    "metaZones.res",
    "windowsZones.res",
    "keyTypeData.res",
    "dayPeriods.res",
    "numberingSystems.res",
    "icuver.res",
    "icustd.res",
    "grammaticalFeatures.res",
    "genderList.res",
    "plurals.res",
    # converters: the alias table and the Western single-byte sets (Windows and ISO 8859)
    "cnvalias.icu",
    "ibm-5348_P100-1997.cnv",  # windows-1252
    "ibm-912_P100-1995.cnv",  # ISO 8859-2
    "ibm-913_P100-2000.cnv",
    "ibm-914_P100-1995.cnv",
    "ibm-915_P100-1995.cnv",
    "ibm-923_P100-1998.cnv",  # ISO 8859-15
    "ibm-5346_P100-1998.cnv",
    "ibm-5347_P100-1998.cnv",
    "ibm-5349_P100-1998.cnv",
    "ibm-5350_P100-1998.cnv",
    "ibm-5353_P100-1998.cnv",
    "ibm-5354_P100-1998.cnv",
    "ibm-437_P100-1995.cnv",
    "ibm-850_P100-1995.cnv",
    "macos-0_2-10.2.cnv",
)


def _header_size(blob: bytes) -> int:
    size, magic1, magic2 = struct.unpack_from("<HBB", blob, 0)
    if (magic1, magic2) != (0xDA, 0x27) or blob[12:16] != b"CmnD":
        raise ValueError("not an ICU common data package")
    if blob[8] != 0:
        raise ValueError("big-endian ICU data is not handled")
    return size


def read_package(blob: bytes) -> tuple[bytes, list[tuple[str, bytes]]]:
    """The package's header and its items (full names with the icudtNNl/ prefix, bytes) in ToC order."""
    header_size = _header_size(blob)
    toc = blob[header_size:]
    (count,) = struct.unpack_from("<I", toc, 0)
    entries = [struct.unpack_from("<II", toc, 4 + 8 * i) for i in range(count)]
    items = []
    for i, (name_offset, data_offset) in enumerate(entries):
        name = toc[name_offset : toc.index(b"\0", name_offset)].decode("ascii")
        end = entries[i + 1][1] if i + 1 < count else len(toc)
        items.append((name, toc[data_offset:end]))
    return blob[:header_size], items


def write_package(header: bytes, items: list[tuple[str, bytes]]) -> bytes:
    """A package with these items (sorted by name: ICU finds them by binary search), each 16-byte aligned."""
    items = sorted(items, key=lambda item: item[0].encode("ascii"))
    names = b"".join(name.encode("ascii") + b"\0" for name, _ in items)
    toc_size = 4 + 8 * len(items)
    data_start = toc_size + len(names)
    data_start += -(len(header) + data_start) % 16
    offsets, data = [], bytearray()
    name_offset = toc_size
    for name, item in items:
        offsets.append((name_offset, data_start + len(data)))
        name_offset += len(name) + 1
        data += item
        data += b"\0" * (-(len(header) + data_start + len(data)) % 16)
    toc = struct.pack("<I", len(items)) + b"".join(struct.pack("<II", *o) for o in offsets)
    padding = b"\0" * (data_start - toc_size - len(names))
    return header + toc + names + padding + bytes(data)


def data_symbol(library: Path) -> tuple[str, int, int]:
    """The data symbol's name, file offset and size in libicudata (readelf: symbol value and .rodata)."""
    symbols = subprocess.run(["readelf", "--dyn-syms", "-W", str(library)], capture_output=True, text=True, check=True)
    for line in symbols.stdout.splitlines():
        fields = line.split()
        if len(fields) >= 8 and fields[7].startswith("icudt") and fields[7].endswith("_dat"):
            value, size, name = int(fields[1], 16), int(fields[2], 0), fields[7]
            break
    else:
        raise ValueError(f"{library}: no icudtNN_dat symbol")
    sections = subprocess.run(["readelf", "-S", "-W", str(library)], capture_output=True, text=True, check=True)
    for line in sections.stdout.splitlines():
        fields = line.replace("[ ", "[").split()
        if len(fields) > 4 and fields[1] == ".rodata":
            address, offset = int(fields[3], 16), int(fields[4], 16)
            return name, value - address + offset, size
    raise ValueError(f"{library}: no .rodata section")


# ... but not transliteration (1 MB; Qt has no transliteration API)
DROP = ("translit/*",)


def kept(name: str) -> bool:
    item = name.split("/", 1)[1] if "/" in name else name
    if any(fnmatch.fnmatchcase(item, pattern) for pattern in DROP):
        return False
    return any(fnmatch.fnmatchcase(item, pattern) for pattern in KEEP)


def trim(library: Path, out: Path, keep: object = kept) -> tuple[int, int]:
    """Write a libicudata with only the kept items to `out`; (items before, items after). Needs gcc."""
    symbol, offset, size = data_symbol(library)
    blob = library.read_bytes()[offset : offset + size]
    header, items = read_package(blob)
    chosen = [item for item in items if keep(item[0])]  # type: ignore[operator]
    package = write_package(header, chosen)
    soname = library.name
    with tempfile.TemporaryDirectory(prefix="icu-data-") as tmp:
        dat = Path(tmp) / "icudt.dat"
        dat.write_bytes(package)
        asm = Path(tmp) / "icudt.s"
        asm.write_text(
            "\t.section .rodata\n"
            f"\t.globl {symbol}\n\t.type {symbol}, @object\n\t.balign 16\n"
            f'{symbol}:\n\t.incbin "{dat}"\n\t.size {symbol}, . - {symbol}\n'
            '\t.section .note.GNU-stack,"",@progbits\n'
        )
        subprocess.run(
            ["gcc", "-shared", "-nostdlib", "-s", f"-Wl,-soname,{soname}", "-o", str(out), str(asm)], check=True
        )
    return len(items), len(chosen)


def main(argv: list[str]) -> int:
    library = Path(argv[1])
    _symbol, offset, size = data_symbol(library)
    _header, items = read_package(library.read_bytes()[offset : offset + size])
    for name, data in sorted(items, key=lambda item: -len(item[1])):
        print(f"{len(data):10d} {'keep' if kept(name) else '    '} {name}")
    total = sum(len(d) for n, d in items if kept(n))
    print(f"{len(items)} items, {size} bytes; kept {sum(kept(n) for n, _ in items)} items, {total} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
