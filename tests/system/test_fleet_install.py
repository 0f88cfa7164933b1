"""Installing a fleet: the .deb carries the policy as a configuration file upgrades never overwrite, the Windows
installer takes /POLICY with a machine-wide silent install, and the shipped template is a good, empty policy."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

import build_installer as bi
from kiosk.core.policy import LOCKABLE, Policy, parse_policy

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = ROOT / "packaging" / "policy.toml"


def test_the_template_changes_nothing_and_each_example_line_is_good() -> None:
    text = TEMPLATE.read_text()
    assert parse_policy(text, "policy.toml") == (Policy(), []), "as installed, every line is a comment"
    examples = [line for line in text.splitlines() if re.match(r"# [a-z_]+ = ", line) and "<" not in line]
    uncommented = "\n".join(line.removeprefix("# ") if line in examples else line for line in text.splitlines())
    read, problems = parse_policy(uncommented, "policy.toml")
    assert problems == [] and read.pack == "cumbria" and read.locked == {"pack", "mode"} and read.sources
    assert all(name in text for name in LOCKABLE), "the template names every setting that can be locked"


@pytest.mark.skipif(shutil.which("dpkg-deb") is None, reason="needs dpkg-deb")
def test_the_deb_installs_the_policy_as_a_conffile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    app = tmp_path / "app"
    app.mkdir()
    (app / bi.NAME).write_text("#!/bin/sh\n")
    (app / "kiosk.png").write_bytes(b"png")
    monkeypatch.setattr(bi, "DIST", tmp_path / "dist")
    (tmp_path / "dist").mkdir()
    deb = bi.write_deb(app, "9.8.7")
    assert deb is not None
    listing = subprocess.run(["dpkg-deb", "-c", str(deb)], check=True, capture_output=True, text=True).stdout
    line = next(row for row in listing.splitlines() if row.endswith("./etc/campaign-kiosk/policy.toml"))
    assert line.startswith("-rw-r--r-- root/root"), "root's, and only root writes it"
    control = tmp_path / "control"
    subprocess.run(["dpkg-deb", "-e", str(deb), str(control)], check=True)
    assert (control / "conffiles").read_text().splitlines() == ["/etc/campaign-kiosk/policy.toml"]


def test_the_windows_installer_takes_a_policy_with_a_silent_machine_wide_install() -> None:
    iss = bi.inno_script("9.8.7")
    assert "PrivilegesRequiredOverridesAllowed=commandline" in iss, "/ALLUSERS installs for every user"
    assert "{param:POLICY|}" in iss and "{commonappdata}\\Campaign Kiosk" in iss
    assert "\\policy.toml" in iss and "IsAdminInstallMode" in iss, "/POLICY only with an administrator's install"
    assert "/inheritance:r" in iss and "*S-1-5-32-545:(OI)(CI)RX" in iss, "users may read the policy, not write it"
    assert "policy" not in iss.split("[UninstallDelete]")[1].split("[Code]")[0].lower(), "uninstall keeps the policy"
    assert "/VERYSILENT" in iss and "/POLICY=" in iss, "the fleet command line is written down"
