"""The staff PIN, kept only as a salted slow hash: the settings file never holds the PIN itself.

scrypt when this Python has it (it needs OpenSSL's _hashlib, which the frozen build keeps); PBKDF2-HMAC-SHA256
otherwise. The method is stored with the hash, so a file written by one build is checked correctly by another.
hashlib and hmac are imported when a PIN is set or checked, not at start-up: they load OpenSSL's libcrypto
(3.4 MB resident, ~2 ms), which nothing else in a running kiosk needs.
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


def _digest(method: str, pin: str, salt: bytes) -> bytes:
    import hashlib

    if method == SCRYPT:
        return hashlib.scrypt(pin.encode(), salt=salt, n=2**14, r=8, p=1, dklen=32)
    if method == PBKDF2:
        return hashlib.pbkdf2_hmac("sha256", pin.encode(), salt, PBKDF2_ROUNDS, dklen=32)
    raise ValueError(f"unknown PIN hash method {method!r}")


def best_method() -> str:
    import hashlib

    return SCRYPT if hasattr(hashlib, "scrypt") else PBKDF2


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
