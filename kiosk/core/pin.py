"""The staff PIN, kept only as a salted slow hash: the settings file never holds the PIN itself.

scrypt, libsodium's (PyNaCl, which the kiosk has for bundle signatures), so the frozen build needs no OpenSSL
(4.7 MB; issue 20): the same bytes as hashlib's OpenSSL scrypt, so PIN hashes stored by earlier versions still
match (tests/core/test_pin_scrypt.py). PBKDF2-HMAC-SHA256 (hashlib) is still checked for hashes stored by a
Python without scrypt; the method is stored with the hash. The libraries are imported when a PIN is set or
checked, not at start-up.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from kiosk.core import limits

SCRYPT = "scrypt"
PBKDF2 = "pbkdf2-sha256"
PBKDF2_ROUNDS = 200_000
PIN_MIN, PIN_MAX = limits.PIN_LENGTH


@dataclass(frozen=True)
class PinHash:
    method: str
    salt: str  # hex
    hash: str  # hex


def valid_pin(pin: str) -> bool:
    """A staff PIN is digits only (the on-screen keypad has nothing else), 4 to 8 of them."""
    return pin.isdigit() and PIN_MIN <= len(pin) <= PIN_MAX


def scrypt(secret: bytes, salt: bytes, n: int, r: int = 8, p: int = 1, dklen: int = 32) -> bytes:
    """scrypt (RFC 7914) from libsodium; ValueError for parameters it refuses."""
    from nacl.bindings import crypto_pwhash_scryptsalsa208sha256_ll
    from nacl.exceptions import CryptoError

    try:
        return crypto_pwhash_scryptsalsa208sha256_ll(secret, salt, n, r, p, dklen=dklen, maxmem=256 * r * n + (1 << 20))
    except CryptoError as error:
        raise ValueError(f"scrypt refused its parameters: {error}") from None


def _digest(method: str, pin: str, salt: bytes) -> bytes:
    if method == SCRYPT:
        return scrypt(pin.encode(), salt, n=2**14, r=8, p=1, dklen=32)
    if method == PBKDF2:
        import hashlib

        return hashlib.pbkdf2_hmac("sha256", pin.encode(), salt, PBKDF2_ROUNDS, dklen=32)
    raise ValueError(f"unknown PIN hash method {method!r}")


def best_method() -> str:
    return SCRYPT


def hash_pin(pin: str, method: str | None = None) -> PinHash:
    salt = os.urandom(16)
    chosen = method or best_method()
    return PinHash(chosen, salt.hex(), _digest(chosen, pin, salt).hex())


def check_pin(pin: str, stored: PinHash) -> bool:
    """True when `pin` is the one that made `stored`; constant-time comparison."""
    try:
        expected = bytes.fromhex(stored.hash)
        actual = _digest(stored.method, pin, bytes.fromhex(stored.salt))
    except ValueError:
        return False
    import hmac

    return hmac.compare_digest(expected, actual)
