"""The installer: size of the one-folder build and of its archive, against what Chromium needs installed.

    python3 bench/size.py [--xz]

Reads dist/campaign-kiosk (build it first: python3 build_installer.py --no-packages). The archive is made in
memory exactly as a .tar.gz of that folder at the default compression (and .tar.xz with --xz, ~1 min more);
a .tar.gz that build_installer.py already wrote in dist/ is listed too. The peer: Debian's chromium and
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
    args = parser.parse_args()
    folder = common.FROZEN.parent
    if not folder.is_dir():
        raise SystemExit(f"no build at {folder}: python3 build_installer.py --no-packages")
    total, files = folder_size(folder)
    rows: list[list[object]] = [["kiosk one-folder build", files, total / 1e6, archive_size(folder, "w:gz") / 1e6, ""]]
    if args.xz:
        rows[0][4] = archive_size(folder, "w:xz") / 1e6
    for built in sorted(folder.parent.glob("campaign-kiosk-*.tar.gz")):
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
    if peer_installed:
        print(
            f"kiosk / Chromium: installed {total / peer_installed:.2f}, "
            f"archive {float(str(rows[0][3])) * 1e6 / peer_download:.2f} (Chromium's packages alone, "
            "without the X libraries both need)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
