"""The installer: size of the one-folder build and of its archive, against what Chromium needs installed.

    python3 bench/size.py [--xz] [--parts] [--folder DIR]

Reads dist/campaign-kiosk (build it first: python3 build_installer.py --no-packages). The archive is made in
memory exactly as a .tar.gz of that folder at the default compression (and .tar.xz with --xz, ~1 min more);
the .tar.gz/.tar.xz and .deb build_installer.py already wrote in dist/ are listed too. --parts splits the folder
into its parts (Qt, ICU data, Python, cryptography, ...), each with its size installed and compressed with xz
(-6, one stream per part), to see where the download goes; --folder measures another build (e.g. a copy kept
from before a change). The peer: Debian's chromium and
chromium-common packages (Installed-Size and download Size from dpkg/apt), which a signage PC needs on top of
its operating system, as the kiosk's folder is.
"""

from __future__ import annotations

import argparse
import io
import subprocess
import sys
import tarfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import common  # noqa: E402


class Counter(io.RawIOBase):
    """A write-only sink that only counts bytes."""

    def __init__(self) -> None:
        self.count = 0

    def writable(self) -> bool:
        return True

    def write(self, data: bytes) -> int:  # type: ignore[override]
        self.count += len(data)
        return len(data)


def archive_size(folder: Path, mode: str) -> int:
    sink = Counter()
    with tarfile.open(fileobj=sink, mode=mode) as tar:  # type: ignore[call-overload]
        tar.add(folder, arcname=folder.name)
    return sink.count


def folder_size(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.is_file() and not p.is_symlink()]
    return sum(p.stat().st_size for p in files), len(files)


# The parts of the one-folder build, first match wins: (name, test on the path relative to _internal/).
PARTS: list[tuple[str, object]] = [
    ("ICU data (libicudata)", lambda p: p.name.startswith("libicudata")),
    ("ICU code (libicuuc, libicui18n)", lambda p: p.name.startswith(("libicuuc", "libicui18n"))),
    ("Qt libraries (libQt6*)", lambda p: p.name.startswith("libQt6")),
    ("Qt plugins and QML modules", lambda p: "PySide6/Qt/plugins" in str(p) or "PySide6/Qt/qml" in str(p)),
    (
        "PySide6 and shiboken bindings",
        lambda p: str(p).startswith(("PySide6", "shiboken6", "libpyside", "libshiboken")),
    ),
    ("cryptography (bundle signatures, before issue 20)", lambda p: str(p).startswith("cryptography")),
    (
        "PyNaCl: libsodium and cffi (bundle signatures, PIN scrypt)",
        lambda p: str(p).startswith(("nacl", "_cffi_backend")),
    ),
    ("OpenSSL libcrypto (PIN hashing, before issue 20)", lambda p: p.name.startswith(("libcrypto", "_hashlib"))),
    ("zxing-cpp (selftest QR decoding)", lambda p: str(p).startswith("zxingcpp")),
    ("msgspec (kiosk report)", lambda p: str(p).startswith("msgspec")),
    ("SQLite", lambda p: "sqlite" in p.name),
    (
        "packs, fonts, icons, licences",
        lambda p: str(p).startswith(("assets", "qtawesome", "licenses", "pygal")) or p.suffix in (".ico", ".png"),
    ),
    (
        "Python: libpython, extension modules, base_library.zip",
        lambda p: p.name.startswith("libpython") or "lib-dynload" in str(p) or p.name == "base_library.zip",
    ),
    ("the executable (bootloader and every Python module, zlib)", lambda p: p.name == "campaign-kiosk"),
    ("other system libraries (glib, libstdc++, ...)", lambda p: p.name.startswith("lib")),
    ("anything else", lambda p: True),
]


def parts(folder: Path, compress: bool) -> list[list[object]]:
    import lzma

    groups: dict[str, list[Path]] = {name: [] for name, _ in PARTS}
    internal = folder / "_internal"
    for path in sorted(folder.rglob("*")):
        if not path.is_file() or path.is_symlink():
            continue
        relative = path.relative_to(internal) if internal in path.parents else Path(path.name)
        name = next(name for name, test in PARTS if test(relative))  # type: ignore[operator]
        groups[name].append(path)
    rows: list[list[object]] = []
    for name, files in groups.items():
        if not files:
            continue
        size = sum(p.stat().st_size for p in files)
        packed = ""
        if compress:
            compressor = lzma.LZMACompressor(preset=6)
            count = sum(len(compressor.compress(p.read_bytes())) for p in files) + len(compressor.flush())
            packed = f"{count / 1e6:.1f}"
        rows.append([name, len(files), f"{size / 1e6:.1f}", packed])
    return rows


def debian_package(name: str) -> tuple[int, int] | None:
    """(installed bytes, download bytes) of an installed Debian package, or None."""
    try:
        installed = subprocess.run(
            ["dpkg-query", "-W", "-f=${Installed-Size}", name], capture_output=True, text=True, check=True
        ).stdout
        show = subprocess.run(["apt-cache", "show", "--no-all-versions", name], capture_output=True, text=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    download = next((int(line.split()[1]) for line in show.splitlines() if line.startswith("Size:")), 0)
    return int(installed) * 1024, download


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--xz", action="store_true")
    parser.add_argument("--parts", action="store_true", help="each part of the build, installed and xz")
    parser.add_argument("--folder", type=Path, default=common.FROZEN.parent, help="the one-folder build")
    args = parser.parse_args()
    folder = args.folder
    if not folder.is_dir():
        raise SystemExit(f"no build at {folder}: python3 build_installer.py --no-packages")
    total, files = folder_size(folder)
    rows: list[list[object]] = [["kiosk one-folder build", files, total / 1e6, archive_size(folder, "w:gz") / 1e6, ""]]
    if args.xz:
        rows[0][4] = archive_size(folder, "w:xz") / 1e6
    for built in sorted([*folder.parent.glob("campaign-kiosk-*.tar.*"), *folder.parent.glob("campaign-kiosk_*.deb")]):
        rows.append([f"dist/{built.name} (from build_installer.py)", "", "", built.stat().st_size / 1e6, ""])
    peer_installed = peer_download = 0
    for name in ("chromium", "chromium-common"):
        sizes = debian_package(name)
        if sizes:
            peer_installed += sizes[0]
            peer_download += sizes[1]
            rows.append([f"Debian {name} (installed; .deb download)", "", sizes[0] / 1e6, sizes[1] / 1e6, ""])
    print("Installer size (MB = 10^6 bytes)")
    print(common.machine())
    print(common.table(["", "files", "installed MB", ".tar.gz / .deb MB", ".tar.xz MB"], rows))
    if args.parts:
        print()
        print(common.table(["part", "files", "installed MB", "xz -6 MB"], parts(folder, compress=True)))
    if peer_installed:
        print(
            f"kiosk / Chromium: installed {total / peer_installed:.2f}, "
            f"archive {float(str(rows[0][3])) * 1e6 / peer_download:.2f} (Chromium's packages alone, "
            "without the X libraries both need)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
