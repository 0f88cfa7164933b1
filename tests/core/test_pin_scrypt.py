"""The staff PIN's scrypt moved from hashlib (OpenSSL) to libsodium (PyNaCl), so the frozen build needs no
OpenSSL (issue 20). Same algorithm, same bytes: a PIN hash stored by an earlier version still opens the staff
screen after an upgrade."""

from __future__ import annotations

import hashlib

import pytest

from kiosk.core.pin import SCRYPT, PinHash, check_pin, hash_pin, scrypt

# written by the version before the move: hashlib.scrypt(b"2468", salt, n=2**14, r=8, p=1, dklen=32)
STORED_BEFORE = PinHash(
    SCRYPT,
    "00112233445566778899aabbccddeeff",
    "f9e3f4915303b2269ab1d8c2017b630f2e7b8d557ec3264dd028464f3cdca09b",
)


def test_a_pin_hash_stored_before_the_move_still_matches() -> None:
    assert check_pin("2468", STORED_BEFORE)
    assert not check_pin("2469", STORED_BEFORE)


def test_the_rfc_7914_test_vectors() -> None:
    assert (
        scrypt(b"password", b"NaCl", n=1024, r=8, p=16, dklen=64).hex().startswith("fdbabe1c9d3472007856e7190d01e9fe")
    )
    assert scrypt(b"pleaseletmein", b"SodiumChloride", n=16384, r=8, p=1, dklen=64).hex() == (
        "7023bdcb3afd7348461c06cd81fd38ebfda8fbba904f8e3ea9b543f6545da1f2"
        "d5432955613f0fcf62d49705242a9af9e61e85dc0d651e40dfcf017b45575887"
    )


@pytest.mark.skipif(not hasattr(hashlib, "scrypt"), reason="this Python's hashlib has no scrypt to compare with")
def test_libsodium_and_openssl_agree_for_new_pins() -> None:
    stored = hash_pin("80517")
    assert stored.method == SCRYPT
    expected = hashlib.scrypt(b"80517", salt=bytes.fromhex(stored.salt), n=2**14, r=8, p=1, dklen=32)
    assert stored.hash == expected.hex()


def test_parameters_scrypt_refuses_are_a_value_error() -> None:
    with pytest.raises(ValueError, match="scrypt"):
        scrypt(b"x", b"salt", n=3)  # N must be a power of two
