"""The installer's parts that can be tested on Linux: generated scripts, and safe upgrade with rollback."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

import build_installer as bi

from ..conftest import ROOT

NAME = bi.NAME


def test_inno_setup_script_has_what_a_school_needs() -> None:
    iss = bi.inno_script("9.8.7")
    assert "AppVersion=9.8.7" in iss and "@" not in iss
    assert 'DestDir: "{app}\\versions\\9.8.7"' in iss, "each version installs beside the last"
    assert "SelfTestPasses" in iss and "--selftest" in iss, "shortcuts switch only after the selftest passes"
    assert 'Name: "autostart"' in iss and "{userstartup}" in iss, "optional autostart"
    assert "[UninstallDelete]" in iss and "{app}\\versions" in iss, "clean uninstall"
    assert "localappdata}\\CampaignKiosk" not in iss.split("[UninstallDelete]")[1], "user data survives uninstall"
    assert "PrivilegesRequired=lowest" in iss
    assert "UninstallDisplayIcon={app}\\kiosk.ico" in iss and "SetupIconFile=" in iss
    # cmd keeps the space before && in `set X=offscreen && ...`; the quoted form does not
    assert 'set "QT_QPA_PLATFORM=offscreen" &&' in iss and "set QT_QPA_PLATFORM=offscreen &&" not in iss


def test_inno_setup_compresses_with_solid_lzma2() -> None:
    setup = bi.inno_script("1.0.0").split("[Setup]", 1)[1].split("\n[", 1)[0]
    settings = dict(line.split("=", 1) for line in setup.splitlines() if "=" in line and not line.startswith(";"))
    assert settings["Compression"].startswith("lzma2/"), "LZMA2, not zip or bzip"
    assert settings["Compression"] in ("lzma2/max", "lzma2/ultra", "lzma2/ultra64")
    assert settings["SolidCompression"] == "yes", "one solid stream over every file"


def test_the_deb_depends_on_every_system_library_the_build_leaves_out() -> None:
    depends = bi.control_file("1.2.3", "amd64", 1).split("Depends: ", 1)[1].split("\n", 1)[0].split(", ")
    assert set(bi.SYSTEM_LIBRARIES.values()) <= set(depends)
    assert {"libgl1", "libegl1", "libdbus-1-3", "libxcb-cursor0"} <= set(depends)


def test_the_tarball_is_xz(tmp_path: Path, monkeypatch) -> None:
    app = tmp_path / "app"
    app.mkdir()
    (app / NAME).write_text("#!/bin/sh\n")
    (app / "kiosk.png").write_bytes(b"\x89PNG icon")
    monkeypatch.setattr(bi, "DIST", tmp_path)
    out = bi.write_tarball(app, "1.2.3")
    assert out.name.endswith(".tar.xz") and out.read_bytes()[:6] == b"\xfd7zXZ\x00"
    with tarfile.open(out) as tar:
        names = tar.getnames()
    assert f"{NAME}-1.2.3/install.sh" in names and f"{NAME}-1.2.3/{NAME}/{NAME}" in names


def test_desktop_entry_and_control_file() -> None:
    entry = bi.desktop_entry("/usr/bin/campaign-kiosk")
    assert entry.startswith("[Desktop Entry]\n") and "Exec=/usr/bin/campaign-kiosk\n" in entry
    control = bi.control_file("1.2.3", "amd64", 123456)
    assert "Package: campaign-kiosk\nVersion: 1.2.3\nArchitecture: amd64\n" in control
    assert "libxcb-cursor0" in control and control.endswith("\n")


def fake_release(tmp: Path, version: str, selftest_ok: bool) -> Path:
    """An unpacked archive like build_installer's tarball, with a stub app whose --selftest passes or fails."""
    release = tmp / f"release-{version}"
    app = release / NAME
    app.mkdir(parents=True)
    exe = app / NAME
    exe.write_text(f'#!/bin/sh\n[ "$1" = "--selftest" ] && exit {0 if selftest_ok else 1}\necho "{version} running"\n')
    exe.chmod(exe.stat().st_mode | stat.S_IEXEC)
    for script in ("install.sh", "uninstall.sh"):
        (release / script).write_text((ROOT / "packaging" / script).read_text())
        (release / script).chmod(0o755)
    (release / "VERSION").write_text(version + "\n")
    (release / f"{NAME}.desktop").write_text(bi.desktop_entry("/usr/local/bin/" + NAME))
    (release / f"{NAME}.png").write_bytes(b"\x89PNG icon")
    return release


@pytest.fixture
def layout(tmp_path: Path) -> dict[str, str]:
    return {
        "PREFIX": str(tmp_path / "opt"),
        "BINDIR": str(tmp_path / "bin"),
        "APPDIR": str(tmp_path / "applications"),
        "AUTOSTART_DIR": str(tmp_path / "autostart"),
        "ICONDIR": str(tmp_path / "icons"),
    }


def install(release: Path, layout: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, **layout)
    return subprocess.run(["sh", str(release / "install.sh"), *args], capture_output=True, text=True, env=env)


def launch(layout: dict[str, str]) -> str:
    return subprocess.run([f"{layout['BINDIR']}/{NAME}"], capture_output=True, text=True).stdout.strip()


def test_upgrade_switches_only_after_the_selftest_passes(tmp_path: Path, layout: dict[str, str]) -> None:
    assert install(fake_release(tmp_path, "1.0.0", True), layout).returncode == 0
    assert launch(layout) == "1.0.0 running"
    bad = install(fake_release(tmp_path, "1.1.0", False), layout)
    assert bad.returncode == 1 and "installed version is unchanged" in bad.stderr
    assert launch(layout) == "1.0.0 running", "a version that fails its selftest never becomes current"
    assert not (Path(layout["PREFIX"]) / "versions" / "1.1.0").exists()
    assert install(fake_release(tmp_path, "1.2.0", True), layout, "--autostart").returncode == 0
    assert launch(layout) == "1.2.0 running"
    assert sorted(p.name for p in (Path(layout["PREFIX"]) / "versions").iterdir()) == ["1.0.0", "1.2.0"]
    autostart = (Path(layout["AUTOSTART_DIR"]) / f"{NAME}.desktop").read_text()
    assert f"Exec={layout['BINDIR']}/{NAME} supervise" in autostart
    assert (Path(layout["ICONDIR"]) / f"{NAME}.png").exists(), "the menu entry has its icon"


def test_uninstall_keeps_user_data(tmp_path: Path, layout: dict[str, str]) -> None:
    release = fake_release(tmp_path, "2.0.0", True)
    install(release, layout)
    user_data = tmp_path / "home" / ".config" / NAME
    user_data.mkdir(parents=True)
    (user_data / "settings.toml").write_text('mode = "foyer"\n')
    env = dict(os.environ, **layout)
    subprocess.run(["sh", str(release / "uninstall.sh")], check=True, capture_output=True, env=env)
    assert not Path(layout["PREFIX"]).exists() and not Path(layout["BINDIR"], NAME).exists()
    assert not Path(layout["ICONDIR"], f"{NAME}.png").exists()
    assert (user_data / "settings.toml").exists()
    assert install(release, layout).returncode == 0 and launch(layout) == "2.0.0 running"


def test_deb_scripts_keep_the_previous_version_on_a_failed_selftest() -> None:
    postinst = (ROOT / "packaging" / "deb-postinst").read_text()
    assert "--selftest" in postinst and "keeping" in postinst and 'mv -T "$PREFIX/current.new"' in postinst
    prerm = (ROOT / "packaging" / "deb-prerm").read_text()
    assert '"remove"' in prerm and ".config" not in prerm and ".local" not in prerm


@pytest.mark.skipif(
    not (ROOT / "dist" / NAME / NAME).exists(), reason="no frozen build here (python build_installer.py)"
)
def test_the_frozen_build_passes_its_selftest_from_outside_the_source_tree() -> None:
    assert bi.selftest(ROOT / "dist" / NAME / NAME) > 0


@pytest.mark.slow
@pytest.mark.skipif(
    not (ROOT / "dist" / NAME / NAME).exists(), reason="no frozen build here (python build_installer.py)"
)
def test_the_frozen_build_renders_every_page_as_the_source_install_does(tmp_path: Path) -> None:
    """What the build leaves out (Qt parts, ICU data, system libraries) changes no pixel of any page."""
    sys.path.insert(0, str(ROOT / "scripts"))
    import compare_frozen_renders as renders

    count, problems = renders.compare(ROOT / "dist" / NAME / NAME, tmp_path)
    assert count >= 2 * 2 * 20, "every page of both packs at both sizes"
    assert not problems, problems[:5]
