"""minisign's key and signature files, on PyNaCl (libsodium: the library the `minisign` tool itself is built on).

Why not py-minisign: it needs `cryptography`, 11.9 MB of the 110 MB frozen build for one algorithm; PyNaCl is
0.6 MB (issue 20, docs/installer.md). Only the file layout is written here, byte for byte as minisign 0.10+ and
py-minisign write it; every primitive is a library's: Ed25519 signatures and scrypt from libsodium (PyNaCl),
BLAKE2b from hashlib. tests/system/test_bundle_cli.py round-trips with the `minisign` tool both ways.

Layouts (little-endian integers, each file a comment line and a base64 line, a signature two pairs of them):
- public key: "Ed" | key id (8) | Ed25519 public key (32)
- secret key: "Ed" | KDF ("Sc" scrypt, or two zero bytes) | "B2" | salt (32) | opslimit (8) | memlimit (8) |
  key id (8) | Ed25519 secret key (seed 32 + public 32) | BLAKE2b-256 of "Ed", id and secret key (32); with a
  passphrase the last 104 bytes are XORed with scrypt(passphrase, salt, opslimit, memlimit)
- signature: "ED" (BLAKE2b-512 of the file signed, minisign's default) or "Ed" (the file itself) | key id (8) |
  signature (64); then "trusted comment: TEXT" and the signature of (signature + TEXT)
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import logging
import secrets
from dataclasses import dataclass
from typing import Protocol

log = logging.getLogger(__name__)

ED = b"Ed"  # Ed25519 over the data itself (keys; legacy signatures)
ED_PREHASHED = b"ED"  # Ed25519 over BLAKE2b-512 of the data (minisign's default since 0.10)
KDF_NONE = b"\0\0"
KDF_SCRYPT = b"Sc"
CHECKSUM_BLAKE2B = b"B2"
KEY_ID_BYTES = 8
SALT_BYTES = 32
SIGNATURE_BYTES = 64
KEYNUM_SK_BYTES = KEY_ID_BYTES + 64 + 32  # id, Ed25519 secret key (seed + public), checksum
SECRET_KEY_BYTES = 2 + 2 + 2 + SALT_BYTES + 8 + 8 + KEYNUM_SK_BYTES
PUBLIC_KEY_BYTES = 2 + KEY_ID_BYTES + 32
UNTRUSTED = "untrusted comment: "
TRUSTED = "trusted comment: "
DEFAULT_SIGNATURE_COMMENT = "signature from minisign secret key"  # minisign's own
TRUSTED_COMMENT_MAX = 8192 - len(TRUSTED)  # minisign's line buffer
# scrypt cost of a key this module encrypts: py-minisign's (N = 2^15, r = 8, p = 1: 32 MiB, a fraction of a
# second), so keys made before the switch and after it cost the same to unlock
OPSLIMIT = 1_048_576
MEMLIMIT = 33_554_432
# the most a key file may ask for: minisign's own (libsodium's "sensitive" limits: 1 GiB); a key file asking for
# more is refused rather than allowed to exhaust the machine
OPSLIMIT_MAX = 33_554_432
MEMLIMIT_MAX = 1_073_741_824


class FormatError(ValueError):
    """Bytes that are not the minisign file they were read as; the message says what is wrong."""


class WrongPassphraseError(Exception):
    """The passphrase does not unlock this secret key (its checksum does not match)."""


class SignatureMismatchError(Exception):
    """A signature that the key did not make over these bytes (or over this trusted comment)."""


class Readable(Protocol):
    def read(self, size: int = -1, /) -> bytes: ...


def _b64(line: bytes, length: int, what: str) -> bytes:
    try:
        raw = base64.b64decode(line, validate=True)
    except (binascii.Error, ValueError):
        raise FormatError(f"the {what} line is not base64") from None
    if len(raw) != length:
        raise FormatError(f"the {what} line has the wrong length")
    return raw


def _comment(line: bytes, prefix: str, what: str) -> str:
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError:
        raise FormatError(f"the {what} is not UTF-8") from None
    if not text.startswith(prefix):
        raise FormatError(f"the {what} does not start with {prefix.strip()!r}")
    return text[len(prefix) :]


def check_comment(text: str) -> None:
    """A comment is one line of printable ASCII (and tabs), as minisign and py-minisign require."""
    if any(ch != "\t" and not " " <= ch < "\x7f" for ch in text):
        raise FormatError("a comment must be one line of printable characters")


def _checksum(key_id: bytes | bytearray, secret: bytes | bytearray) -> bytes:
    return hashlib.blake2b(ED + bytes(key_id) + bytes(secret), digest_size=32).digest()


def _scrypt_stream(passphrase: str, salt: bytes, opslimit: int, memlimit: int) -> bytearray:
    """The 104-byte XOR stream minisign derives from a passphrase (libsodium's scrypt, minisign's own call)."""
    from nacl.pwhash import scrypt

    if not (0 <= opslimit <= OPSLIMIT_MAX and 0 <= memlimit <= MEMLIMIT_MAX):
        raise FormatError("the key asks for more scrypt work than minisign ever uses")
    return bytearray(scrypt.kdf(KEYNUM_SK_BYTES, passphrase.encode("utf-8"), salt, opslimit, memlimit))


def _xor(data: bytearray, stream: bytearray) -> None:
    for index, byte in enumerate(stream):
        data[index] ^= byte


def message_of(data: bytes | Readable, prehashed: bool) -> bytes:
    """What Ed25519 signs: BLAKE2b-512 of the data (read in chunks), or the data itself."""
    if isinstance(data, (bytes, bytearray)):
        return hashlib.blake2b(data).digest() if prehashed else bytes(data)
    if not prehashed:
        return data.read()
    hasher = hashlib.blake2b()
    while chunk := data.read(1 << 16):
        hasher.update(chunk)
    return hasher.digest()


@dataclass
class SecretKey:
    """A parsed minisign.key. `keynum` (id, secret key, checksum) stays encrypted until `unlock`."""

    kdf: bytes
    salt: bytes
    opslimit: int
    memlimit: int
    keynum: bytearray
    comment: str

    @property
    def encrypted(self) -> bool:
        return self.kdf == KDF_SCRYPT

    @classmethod
    def parse(cls, data: bytes) -> SecretKey:
        lines = data.strip().splitlines()
        if len(lines) != 2:
            raise FormatError("a secret key file has two lines")
        comment = _comment(lines[0], UNTRUSTED, "first line")
        raw = _b64(lines[1], SECRET_KEY_BYTES, "secret key")
        if raw[:2] != ED or raw[4:6] != CHECKSUM_BLAKE2B or raw[2:4] not in (KDF_NONE, KDF_SCRYPT):
            raise FormatError("the secret key uses an algorithm minisign does not")
        return cls(
            kdf=raw[2:4],
            salt=raw[6:38],
            opslimit=int.from_bytes(raw[38:46], "little"),
            memlimit=int.from_bytes(raw[46:54], "little"),
            keynum=bytearray(raw[54:]),
            comment=comment,
        )

    @classmethod
    def generate(cls, passphrase: str | None) -> tuple[SecretKey, bytes]:
        """A new random key, encrypted with `passphrase` when one is given, and its public key's raw bytes."""
        from nacl.signing import SigningKey

        signing_key = SigningKey.generate()
        key_id = secrets.token_bytes(KEY_ID_BYTES)
        secret = bytes(signing_key) + bytes(signing_key.verify_key)
        keynum = bytearray(key_id + secret + _checksum(key_id, secret))
        key = cls(KDF_NONE, bytes(SALT_BYTES), 0, 0, keynum, "minisign secret key")
        public = ED + key_id + bytes(signing_key.verify_key)
        if passphrase is not None:
            key.salt = secrets.token_bytes(SALT_BYTES)
            key.kdf, key.opslimit, key.memlimit = KDF_SCRYPT, OPSLIMIT, MEMLIMIT
            stream = _scrypt_stream(passphrase, key.salt, key.opslimit, key.memlimit)
            _xor(key.keynum, stream)
            stream[:] = bytes(len(stream))
            key.comment = "minisign encrypted secret key"
        return key, public

    def unlock(self, passphrase: str | None) -> Signer:
        """The key ready to sign; WrongPassphraseError when the passphrase (or its absence) does not open it."""
        keynum = bytearray(self.keynum)
        try:
            if self.encrypted:
                if passphrase is None:
                    raise WrongPassphraseError("the secret key is encrypted")
                stream = _scrypt_stream(passphrase, self.salt, self.opslimit, self.memlimit)
                _xor(keynum, stream)
                stream[:] = bytes(len(stream))
            key_id, secret, checksum = keynum[:8], keynum[8:72], keynum[72:]
            # only an encrypted key's checksum is checked, as minisign does: minisign 0.11 writes zeros there
            # in a key without a passphrase (-W)
            if self.encrypted and not hmac.compare_digest(_checksum(key_id, secret), bytes(checksum)):
                raise WrongPassphraseError("wrong passphrase for this secret key")
            return Signer(bytes(key_id), bytearray(secret))
        finally:
            keynum[:] = bytes(len(keynum))

    def __bytes__(self) -> bytes:
        raw = (
            ED
            + self.kdf
            + CHECKSUM_BLAKE2B
            + self.salt
            + self.opslimit.to_bytes(8, "little")
            + self.memlimit.to_bytes(8, "little")
            + bytes(self.keynum)
        )
        return f"{UNTRUSTED}{self.comment}\n".encode() + base64.standard_b64encode(raw)

    def wipe(self) -> None:
        """Best effort: the bytes this object holds are zeroed (Python may hold other copies)."""
        self.keynum[:] = bytes(len(self.keynum))


class Signer:
    """An unlocked secret key."""

    def __init__(self, key_id: bytes, secret: bytearray) -> None:
        self.key_id = key_id
        self._secret = secret

    def sign(
        self,
        data: bytes | Readable,
        trusted_comment: str,
        untrusted_comment: str = DEFAULT_SIGNATURE_COMMENT,
        prehashed: bool = True,
    ) -> bytes:
        """A .minisig file's bytes (four lines, no final newline, as py-minisign's `bytes(signature)`)."""
        from nacl.signing import SigningKey

        check_comment(trusted_comment)
        check_comment(untrusted_comment)
        if len(trusted_comment) > TRUSTED_COMMENT_MAX:
            raise FormatError("the trusted comment is too long")
        signing_key = SigningKey(bytes(self._secret[:32]))
        algorithm = ED_PREHASHED if prehashed else ED
        signature = signing_key.sign(message_of(data, prehashed)).signature
        global_signature = signing_key.sign(signature + trusted_comment.encode()).signature
        return b"\n".join(
            (
                f"{UNTRUSTED}{untrusted_comment}".encode(),
                base64.standard_b64encode(algorithm + self.key_id + signature),
                f"{TRUSTED}{trusted_comment}".encode(),
                base64.standard_b64encode(global_signature),
            )
        )

    def wipe(self) -> None:
        self._secret[:] = bytes(len(self._secret))


@dataclass(frozen=True)
class Signature:
    """A parsed .minisig file."""

    algorithm: bytes
    key_id: bytes
    signature: bytes
    trusted_comment: str
    global_signature: bytes

    @classmethod
    def parse(cls, data: bytes) -> Signature:
        lines = data.strip().splitlines()
        if len(lines) != 4:
            raise FormatError("a signature file has four lines")
        _comment(lines[0], UNTRUSTED, "first line")
        raw = _b64(lines[1], 2 + KEY_ID_BYTES + SIGNATURE_BYTES, "signature")
        if raw[:2] not in (ED, ED_PREHASHED):
            raise FormatError("the signature uses an algorithm minisign does not")
        return cls(
            algorithm=raw[:2],
            key_id=raw[2:10],
            signature=raw[10:],
            trusted_comment=_comment(lines[2], TRUSTED, "third line"),
            global_signature=_b64(lines[3], SIGNATURE_BYTES, "trusted comment's signature"),
        )

    def verify(self, public_key: bytes, data: bytes | Readable) -> None:
        """SignatureMismatchError unless the key (raw .pub bytes: "Ed", id, key) signed `data` and the comment."""
        from nacl.exceptions import BadSignatureError
        from nacl.signing import VerifyKey

        if len(public_key) != PUBLIC_KEY_BYTES or public_key[:2] != ED:
            raise FormatError("not a minisign public key")
        if public_key[2:10] != self.key_id:
            raise SignatureMismatchError("the signature was made by another key")
        key = VerifyKey(public_key[10:])
        try:
            key.verify(message_of(data, self.algorithm == ED_PREHASHED), self.signature)
            key.verify(self.signature + self.trusted_comment.encode(), self.global_signature)
        except BadSignatureError:
            raise SignatureMismatchError("the signature does not match") from None
