"""Publisher keys and detached signatures (kiosk/core/signing.py): minisign's format, made and checked by the kiosk.
The interop with Debian's `minisign` tool is in tests/system/test_bundle_cli.py."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.core import signing
from kiosk.core.signing import PublicKey, SignatureError


@pytest.fixture(scope="module")
def keys(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, PublicKey]:
    folder = tmp_path_factory.mktemp("keys")
    secret, public = signing.generate_keypair(folder, None)
    return secret, PublicKey.parse(public.read_text())


@pytest.fixture(scope="module")
def locked_keys(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, PublicKey]:
    folder = tmp_path_factory.mktemp("locked")
    secret, public = signing.generate_keypair(folder, "correct horse")
    return secret, PublicKey.parse(public.read_text())


def test_a_public_key_is_read_from_its_file_or_its_line(keys: tuple[Path, PublicKey]) -> None:
    _, key = keys
    text = signing.public_key_file_text(key)
    assert text.startswith(f"untrusted comment: minisign public key {key.key_id}\n")
    assert PublicKey.parse(text) == key
    assert PublicKey.parse(key.line) == key
    assert PublicKey.parse(f"  {key.line}\n") == key
    assert key.line.startswith("RW")


def test_the_key_id_is_the_one_minisign_shows() -> None:
    # a key made by minisign 0.11: its .pub comment says 9FAFFF2BA64187A
    key = PublicKey.parse("RWR6GGS68v/6CbdQLCqjWXbJx8FJO1N6uoewSAVi5xw9XYXt3fgtqIcH")
    assert key.key_id == "9FAFFF2BA64187A"


@pytest.mark.parametrize(
    "text",
    [
        "",
        "not a key",
        "RWR6GGS68v/6CbdQLCqjWXbJx8FJO1N6uoewSAVi5xw9XYXt3fgtqIc",  # one character short
        "RWR6GGS68v/6CbdQLCqjWXbJx8FJO1N6uoewSAVi5xw9XYXt3fgtqIcHAAAA",  # too long
        "AAR6GGS68v/6CbdQLCqjWXbJx8FJO1N6uoewSAVi5xw9XYXt3fgtqIcH",  # another algorithm
        "one\ntwo\nthree",
    ],
)
def test_anything_else_is_not_a_public_key(text: str) -> None:
    with pytest.raises(ValueError, match="not a minisign public key"):
        PublicKey.parse(text)


def test_a_new_secret_key_is_readable_by_its_owner_only_and_never_overwritten(tmp_path: Path) -> None:
    secret, public = signing.generate_keypair(tmp_path, None)
    assert stat.S_IMODE(secret.stat().st_mode) == 0o600
    assert stat.S_IMODE(public.stat().st_mode) == 0o644
    before = secret.read_bytes()
    with pytest.raises(SignatureError, match="already exists"):
        signing.generate_keypair(tmp_path, None)
    assert secret.read_bytes() == before
    assert sorted(os.listdir(tmp_path)) == ["minisign.key", "minisign.pub"]


def test_signing_and_verifying(tmp_path: Path, keys: tuple[Path, PublicKey]) -> None:
    secret, key = keys
    target = tmp_path / "notice.txt"
    target.write_bytes(b"helpline 0800 1111\n")
    signature = signing.sign_file(target, secret, None)
    assert signature == tmp_path / "notice.txt.minisig"
    lines = signature.read_text().splitlines()
    assert lines[1].startswith("RU"), "prehashed (ED), as minisign signs by default"
    assert lines[2].startswith("trusted comment: timestamp:") and "\tfile:notice.txt\thashed" in lines[2]
    assert signing.verify_file(target, signature, [key]) == key


def test_a_changed_file_another_key_or_no_signature_is_refused(tmp_path: Path, keys: tuple[Path, PublicKey]) -> None:
    secret, key = keys
    target = tmp_path / "notice.txt"
    target.write_bytes(b"helpline 0800 1111\n")
    signature = signing.sign_file(target, secret, None)
    (tmp_path / "other").mkdir()
    other_secret, other_public = signing.generate_keypair(tmp_path / "other", None)
    other = PublicKey.parse(other_public.read_text())
    with pytest.raises(SignatureError, match=f"signed by key {key.key_id}, which is not trusted here"):
        signing.verify_file(target, signature, [other])
    with pytest.raises(SignatureError, match="trusted: none"):
        signing.verify_file(target, signature, [])
    target.write_bytes(b"helpline 0900 1111\n")
    with pytest.raises(SignatureError, match="was changed after it was signed"):
        signing.verify_file(target, signature, [other, key])
    with pytest.raises(SignatureError, match="not signed"):
        signing.verify_file(target, tmp_path / "missing.minisig", [key])
    signature.write_text("untrusted comment: x\nnot base64\n")
    with pytest.raises(SignatureError, match="not a minisign signature"):
        signing.verify_file(target, signature, [key])
    assert other_secret.exists()


def test_a_passphrase_protects_the_secret_key(tmp_path: Path, locked_keys: tuple[Path, PublicKey]) -> None:
    secret, key = locked_keys
    assert signing.secret_key_is_encrypted(secret)
    target = tmp_path / "file"
    target.write_bytes(b"x")
    with pytest.raises(SignatureError, match="protected by a passphrase"):
        signing.sign_file(target, secret, None)
    with pytest.raises(SignatureError, match="wrong passphrase"):
        signing.sign_file(target, secret, "wrong horse")
    assert not (tmp_path / "file.minisig").exists()
    signature = signing.sign_file(target, secret, "correct horse")
    assert signing.verify_file(target, signature, [key]) == key


def test_a_file_that_is_no_secret_key_is_refused(tmp_path: Path, keys: tuple[Path, PublicKey]) -> None:
    _, key = keys
    target = tmp_path / "file"
    target.write_bytes(b"x")
    not_a_key = tmp_path / "key"
    not_a_key.write_text(signing.public_key_file_text(key))
    with pytest.raises(SignatureError, match="is not a minisign secret key"):
        signing.sign_file(target, not_a_key, None)
    with pytest.raises(SignatureError, match="no such secret key file"):
        signing.sign_file(target, tmp_path / "missing.key", None)


def test_the_crypto_library_stays_off_the_start_up_path() -> None:
    """Importing the signing and bundle modules (as the policy and the source watcher do at start-up) loads
    neither py-minisign nor cryptography: only signing and verifying do."""
    code = (
        "import sys, kiosk.core.signing, kiosk.core.bundle\n"
        "from kiosk.core.signing import PublicKey\n"
        "PublicKey.parse('RWR6GGS68v/6CbdQLCqjWXbJx8FJO1N6uoewSAVi5xw9XYXt3fgtqIcH')\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('minisign', 'cryptography')))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
