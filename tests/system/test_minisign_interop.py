"""The one way round tests/system/test_bundle_cli.py leaves out: a passphrase-protected key made by Debian's
`minisign` tool (scrypt at minisign's own cost, 1 GiB, which the kiosk's keys do not use) unlocked by the kiosk
to sign, and the signature checked by the tool. Proves kiosk/core/minisign_format.py reads minisign's encrypted
keys as minisign writes them."""

from __future__ import annotations

from pathlib import Path

from .test_bundle_cli import kiosk, minisign, needs_minisign, pack_folder


@needs_minisign
def test_the_kiosk_signs_with_a_passphrase_key_minisign_made(tmp_path: Path, kiosk_home: Path) -> None:
    public, secret = tmp_path / "force.pub", tmp_path / "force.key"
    made = minisign("-G", "-p", str(public), "-s", str(secret), password="the force's passphrase")
    assert made.returncode == 0, made.stderr
    out = tmp_path / "minimal.kioskpack"
    assert kiosk("bundle", "build", str(pack_folder(tmp_path)), "--out", str(out), home=kiosk_home).returncode == 0

    (tmp_path / "wrong").write_text("not the passphrase\n")
    refused = kiosk(
        "bundle", "sign", str(out), "--key", str(secret), "--passphrase-file", str(tmp_path / "wrong"), home=kiosk_home
    )
    assert refused.returncode == 1
    assert "wrong passphrase for this secret key" in refused.stderr
    assert not Path(f"{out}.minisig").exists()

    (tmp_path / "pw").write_text("the force's passphrase\n")
    signed = kiosk(
        "bundle", "sign", str(out), "--key", str(secret), "--passphrase-file", str(tmp_path / "pw"), home=kiosk_home
    )
    assert signed.returncode == 0, signed.stderr
    checked = minisign("-Vm", str(out), "-p", str(public))
    assert checked.returncode == 0, checked.stderr
    assert "Signature and comment signature verified" in checked.stdout + checked.stderr
