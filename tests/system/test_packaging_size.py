"""How build_installer.py packs the one folder (issue 20, download size): the x86 branch filter before LZMA2 in
the .tar.xz, which every xz and `tar xf` read; the .tar.xz and the .deb made side by side; the Windows icon
only in Windows builds. The frozen build itself: tests/system/test_installer.py."""

from __future__ import annotations

import lzma
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

import build_installer as bi


def fake_app(tmp_path: Path) -> Path:
    """A folder like the build's, with some x86 machine code in it (this Python's own binary)."""
    app = tmp_path / "app"
    (app / "_internal").mkdir(parents=True)
    (app / bi.NAME).write_text("#!/bin/sh\n")
    (app / "kiosk.png").write_bytes(b"\x89PNG icon")
    shutil.copy(Path(sys.executable).resolve(), app / "_internal" / "python-binary")
    return app


def test_the_filter_chain_is_x86_code_then_lzma2_and_lzma2_alone_elsewhere() -> None:
    assert [f["id"] for f in bi.tarball_filters("x86_64")] == [lzma.FILTER_X86, lzma.FILTER_LZMA2]
    assert [f["id"] for f in bi.tarball_filters("aarch64")] == [lzma.FILTER_LZMA2]
    assert bi.tarball_filters("x86_64")[-1]["preset"] == 9


@pytest.mark.skipif(shutil.which("xz") is None or shutil.which("tar") is None, reason="needs xz and tar")
def test_the_tarball_unpacks_with_plain_tar_and_xz_byte_for_byte(tmp_path: Path, monkeypatch) -> None:
    app = fake_app(tmp_path)
    monkeypatch.setattr(bi, "DIST", tmp_path)
    out = bi.write_tarball(app, "1.2.3")
    listing = subprocess.run(["xz", "--list", "-vv", str(out)], capture_output=True, text=True, check=True).stdout
    if bi.tarball_filters()[0]["id"] == lzma.FILTER_X86:
        assert "--x86" in listing, listing
    unpacked = tmp_path / "unpacked"
    unpacked.mkdir()
    subprocess.run(["tar", "xf", str(out), "-C", str(unpacked)], check=True)
    root = unpacked / f"{bi.NAME}-1.2.3" / bi.NAME
    assert (root / "_internal" / "python-binary").read_bytes() == (app / "_internal" / "python-binary").read_bytes()
    with tarfile.open(out) as tar:  # Python reads it too (install scripts, tests)
        assert f"{bi.NAME}-1.2.3/install.sh" in tar.getnames()


@pytest.mark.skipif(shutil.which("dpkg-deb") is None, reason="needs dpkg-deb")
def test_the_tarball_and_the_deb_are_made_side_by_side(tmp_path: Path, monkeypatch) -> None:
    app = fake_app(tmp_path)
    monkeypatch.setattr(bi, "DIST", tmp_path / "dist")
    (tmp_path / "dist").mkdir()
    tarball, deb = bi.write_packages(app, "4.5.6")
    assert tarball.exists() and deb is not None and deb.exists()
    listing = subprocess.run(["dpkg-deb", "-c", str(deb)], check=True, capture_output=True, text=True).stdout
    assert "./opt/campaign-kiosk/package/_internal/python-binary" in listing


def test_the_windows_icon_is_only_in_windows_builds() -> None:
    assert bi.app_icons("linux") == ("kiosk.png",)
    assert set(bi.app_icons("win32")) == {"kiosk.png", "kiosk.ico"}
