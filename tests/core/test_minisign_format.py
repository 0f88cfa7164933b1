"""minisign's file formats on PyNaCl (kiosk/core/minisign_format.py), held to files the `minisign` tool (0.11,
Debian 12) made, so the format is proven even where the tool is not installed. A throwaway key made for these
tests only (`minisign -G -W`), never used for anything else. The tool itself: tests/system/test_minisign_interop.py
and tests/system/test_bundle_cli.py."""

from __future__ import annotations

import base64
import io
import subprocess
import sys

import pytest

from kiosk.core import minisign_format as mf

# made by `minisign -G -W`: no passphrase (minisign 0.11 writes zeros where the checksum goes, and the word
# "encrypted" in the comment all the same)
MINISIGN_SECRET = (
    b"untrusted comment: minisign encrypted secret key\n"
    b"RWQAAEIyAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAm3nPpLkmeNBvB9mgwV7AeDt8IAGqXiqaoI0m"
    b"V2E8feasJpLyvmqKxsHBHW2BpWmKuqTauGC817/mt5mtzm2aAU4E8f+/jrzfAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n"
)
MINISIGN_PUBLIC = base64.b64decode("RWSbec+kuSZ40MHBHW2BpWmKuqTauGC817/mt5mtzm2aAU4E8f+/jrzf")
DATA = b"helpline 0800 1111\n"
COMMENT = "timestamp:1764650000\tfile:notice.txt\thashed"
# `minisign -S -s KEY -m notice.txt -t COMMENT`: prehashed, minisign's default
MINISIGN_PREHASHED = (
    b"untrusted comment: signature from minisign secret key\n"
    b"RUSbec+kuSZ40HbwAiSaVE7PPcvRD4BHcJBuSlhWAgUJEXJHlTj1bxXp/rJmFF40jgVvsvZatLSMSFmSKcK4yzhVBid/lOokPAg=\n"
    b"trusted comment: timestamp:1764650000\tfile:notice.txt\thashed\n"
    b"IDreiBkcWwZgB8gwbZ8zWWdOiFaCQKN1VLhWbq5P7dI4LqkPVe0fv+JX2cz1GQI4pnkjzwIzJNcNV0kah/UWCA==\n"
)
# `minisign -S -l ... -t legacy`: the legacy signature of the data itself
MINISIGN_LEGACY = (
    b"untrusted comment: signature from minisign secret key\n"
    b"RWSbec+kuSZ40L+YqxK3MWuLod8ttzwgIb+faDkJ9k1ERlUjj3scXuNWcXB70ui6+7l253Pxgl7ZO9dgKzw63BIe2OUW9nnZ+gI=\n"
    b"trusted comment: legacy\n"
    b"4mhTA0M+pBeGbxnNtdAWZYt+cklDJFRFJ6Ce7A9leY4QHe9Q7LCp/G3+ADvkSDlzh0XdMnSAKfOMZpZhIH+fAA==\n"
)


def test_the_kiosk_signs_byte_for_byte_as_minisign_does() -> None:
    """Ed25519 is deterministic: the same key, file and comment give minisign's own signature file."""
    signer = mf.SecretKey.parse(MINISIGN_SECRET).unlock(None)
    assert signer.sign(DATA, COMMENT) + b"\n" == MINISIGN_PREHASHED
    assert signer.sign(io.BytesIO(DATA), COMMENT) + b"\n" == MINISIGN_PREHASHED, "a file is read as its bytes"
    assert signer.sign(DATA, "legacy", prehashed=False) + b"\n" == MINISIGN_LEGACY


@pytest.mark.parametrize("signature", [MINISIGN_PREHASHED, MINISIGN_LEGACY], ids=["prehashed", "legacy"])
def test_minisign_signatures_verify_and_a_changed_byte_does_not(signature: bytes) -> None:
    parsed = mf.Signature.parse(signature)
    parsed.verify(MINISIGN_PUBLIC, DATA)
    parsed.verify(MINISIGN_PUBLIC, io.BytesIO(DATA))
    with pytest.raises(mf.SignatureMismatchError):
        parsed.verify(MINISIGN_PUBLIC, DATA.replace(b"0800", b"0900"))
    # the trusted comment is signed too: editing it breaks the signature
    forged = signature.replace(b"trusted comment: ", b"trusted comment: x")
    with pytest.raises(mf.SignatureMismatchError):
        mf.Signature.parse(forged).verify(MINISIGN_PUBLIC, DATA)


def test_a_signature_by_another_key_is_refused_before_any_crypto() -> None:
    other_secret, other_public = mf.SecretKey.generate(None)
    with pytest.raises(mf.SignatureMismatchError, match="another key"):
        mf.Signature.parse(MINISIGN_PREHASHED).verify(other_public, DATA)
    other_secret.wipe()


def test_a_new_key_has_minisigns_layout_and_signs_what_its_public_key_verifies() -> None:
    secret, public = mf.SecretKey.generate(None)
    text = bytes(secret)
    comment, line = text.split(b"\n")
    assert comment == b"untrusted comment: minisign secret key"
    raw = base64.b64decode(line)
    assert len(raw) == mf.SECRET_KEY_BYTES == 158
    assert raw[:6] == b"Ed\0\0B2"
    assert raw[54:62] == public[2:10], "the key id is the public key's"
    assert raw[94:126] == public[10:], "the secret key holds its public half"
    signer = mf.SecretKey.parse(text).unlock(None)
    mf.Signature.parse(signer.sign(DATA, "c")).verify(public, DATA)


def test_a_passphrase_encrypts_the_key_and_only_it_unlocks_it() -> None:
    secret, public = mf.SecretKey.generate("correct horse")
    text = bytes(secret)
    assert text.startswith(b"untrusted comment: minisign encrypted secret key\n")
    raw = base64.b64decode(text.split(b"\n")[1])
    assert raw[2:4] == b"Sc"
    assert int.from_bytes(raw[38:46], "little") == mf.OPSLIMIT
    assert int.from_bytes(raw[46:54], "little") == mf.MEMLIMIT
    parsed = mf.SecretKey.parse(text)
    assert parsed.encrypted
    with pytest.raises(mf.WrongPassphraseError):
        parsed.unlock("wrong horse")
    with pytest.raises(mf.WrongPassphraseError):
        parsed.unlock(None)
    signer = parsed.unlock("correct horse")
    mf.Signature.parse(signer.sign(DATA, "c")).verify(public, DATA)


def test_a_key_asking_for_more_scrypt_work_than_minisign_uses_is_refused_without_running_it() -> None:
    secret, _ = mf.SecretKey.generate("pass")
    raw = bytearray(base64.b64decode(bytes(secret).split(b"\n")[1]))
    raw[46:54] = (mf.MEMLIMIT_MAX * 64).to_bytes(8, "little")  # 64 GiB of memory
    greedy = b"untrusted comment: x\n" + base64.b64encode(bytes(raw))
    with pytest.raises(mf.FormatError, match="more scrypt work"):
        mf.SecretKey.parse(greedy).unlock("pass")


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"untrusted comment: x\n",
        b"untrusted comment: x\nnot base64!\n",
        b"comment: x\n" + MINISIGN_SECRET.split(b"\n")[1],
        MINISIGN_SECRET.replace(b"RWQAAEIy", b"RWQAAEIz"),  # checksum algorithm B3
        MINISIGN_SECRET[:-10] + b"\n",
    ],
)
def test_anything_else_is_not_a_secret_key(data: bytes) -> None:
    with pytest.raises(mf.FormatError):
        mf.SecretKey.parse(data)


@pytest.mark.parametrize(
    "data",
    [
        MINISIGN_PREHASHED.replace(b"RUSbec", b"RXSbec"),  # an algorithm minisign does not have
        b"\n".join(MINISIGN_PREHASHED.split(b"\n")[:3]),  # no comment signature
        MINISIGN_PREHASHED.replace(b"trusted comment: t", b"trusted: t"),
        MINISIGN_PREHASHED.replace(b"IDrei", b"IDre"),
    ],
)
def test_anything_else_is_not_a_signature(data: bytes) -> None:
    with pytest.raises(mf.FormatError):
        mf.Signature.parse(data)


def test_comments_are_one_printable_line() -> None:
    signer = mf.SecretKey.parse(MINISIGN_SECRET).unlock(None)
    for bad in ("two\nlines", "caf\u00e9", "x" * (mf.TRUSTED_COMMENT_MAX + 1)):
        with pytest.raises(mf.FormatError):
            signer.sign(DATA, bad)


def test_libsodium_stays_off_the_start_up_path() -> None:
    """Reading trusted keys (the policy, the source watcher) loads no crypto library; only signing and verifying do."""
    code = (
        "import sys, kiosk.core.signing, kiosk.core.bundle, kiosk.core.policy\n"
        "from kiosk.core.signing import PublicKey\n"
        "PublicKey.parse('RWR6GGS68v/6CbdQLCqjWXbJx8FJO1N6uoewSAVi5xw9XYXt3fgtqIcH')\n"
        "print(sorted(m for m in sys.modules\n"
        "             if m.split('.')[0] in ('nacl', '_cffi_backend') or m == 'kiosk.core.minisign_format'))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
