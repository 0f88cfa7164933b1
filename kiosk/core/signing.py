"""Publisher keys and detached signatures in minisign's format, so a force's IT can check any bundle with the
standard `minisign` tool (`minisign -Vm NAME.kioskpack -p key.pub`) and the kiosk never invents crypto.

The format is minisign's (Ed25519; a key file is a comment line and a base64 line; a signature is
`NAME.minisig` beside the file it signs, prehashed with BLAKE2b-512 as minisign does by default since 0.10). The
files are read and written by kiosk.core.minisign_format, the cryptography is libsodium's (PyNaCl). Both are
imported only inside the functions that sign or verify: parsing a trusted key line (the policy file, at start-up)
needs nothing but base64.
"""

from __future__ import annotations

import base64
import binascii
import logging
import os
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.core.files import atomic_write, read_bytes, sync_folder
from kiosk.core.limits import KEY_FILE_MAX_BYTES, SIGNATURE_FILE_MAX_BYTES

if TYPE_CHECKING:
    from typing import BinaryIO

    from kiosk.core.minisign_format import Signer

log = logging.getLogger(__name__)

SIGNATURE_SUFFIX = ".minisig"  # minisign's own convention: the signature of FILE is FILE.minisig
SECRET_KEY_NAME = "minisign.key"  # minisign's own default names, so its users recognise them
PUBLIC_KEY_NAME = "minisign.pub"
_ALGORITHM = b"Ed"  # the only key algorithm minisign has
_KEY_BYTES = 2 + 8 + 32  # algorithm, key id, Ed25519 public key
_COMMENT = "untrusted comment:"


class SignatureError(Exception):
    """A signature that cannot be trusted, or a key that cannot be used; the message is one sentence."""


@dataclass(frozen=True)
class PublicKey:
    """A minisign public key: `line` is the base64 line of a .pub file (what the policy lists), `key_id` the
    hexadecimal id minisign prints (and writes in the .pub file's comment)."""

    line: str
    key_id: str

    @classmethod
    def parse(cls, text: str) -> PublicKey:
        """A .pub file's text (comment line and key line) or its key line alone; ValueError saying why not."""
        lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
        if len(lines) == 2 and lines[0].startswith(_COMMENT):
            lines = lines[1:]
        if len(lines) != 1:
            raise ValueError("is not a minisign public key (a .pub file, or its line starting RW)")
        line = lines[0]
        try:
            raw = base64.b64decode(line, validate=True)
        except (binascii.Error, ValueError):
            raise ValueError("is not a minisign public key: the key line is not base64") from None
        if len(raw) != _KEY_BYTES or raw[:2] != _ALGORITHM:
            raise ValueError("is not a minisign public key: the key line has the wrong length or algorithm")
        return cls(line=line, key_id=_key_id(raw[2:10]))

    def __str__(self) -> str:
        return self.key_id


def _key_id(raw: bytes) -> str:
    """As minisign shows it: the 8 id bytes read as a little-endian number, in upper-case hexadecimal."""
    return format(int.from_bytes(raw, "little"), "X")


def public_key_file_text(key: PublicKey) -> str:
    return f"{_COMMENT} minisign public key {key.key_id}\n{key.line}\n"


def generate_keypair(out_dir: Path, passphrase: str | None) -> tuple[Path, Path]:
    """A new key pair in `out_dir` as minisign.key (readable by its owner only; encrypted with scrypt when a
    passphrase is given) and minisign.pub. Refuses to overwrite either file: a lost secret key cannot be
    made again, and every kiosk trusting it would need a new public key."""
    from kiosk.core.minisign_format import SecretKey

    out_dir = Path(out_dir)
    secret, public = out_dir / SECRET_KEY_NAME, out_dir / PUBLIC_KEY_NAME
    for path in (secret, public):
        if os.path.lexists(path):
            raise SignatureError(f"{path} already exists; a key is never overwritten (choose another folder)")
    if not out_dir.is_dir():
        raise SignatureError(f"{out_dir} is not a folder")
    if passphrase is not None and not passphrase:
        raise SignatureError("the passphrase is empty; give one, or choose no passphrase")
    secret_key, public_raw = SecretKey.generate(passphrase)
    key = PublicKey.parse(base64.standard_b64encode(public_raw).decode("ascii"))
    data = bytes(secret_key) + b"\n"
    secret_key.wipe()
    # O_EXCL with mode 0600: the secret is never readable by anyone else, not even for a moment
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0) | getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(secret, flags, 0o600)
    try:
        if hasattr(os, "fchmod"):
            os.fchmod(fd, 0o600)  # whatever the umask
        with os.fdopen(fd, "wb", closefd=False) as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        os.close(fd)
        secret.unlink(missing_ok=True)
        raise
    os.close(fd)
    try:
        atomic_write(public, public_key_file_text(key))
        os.chmod(public, 0o644)  # a public key is for everyone (atomic_write's temporary file was 0600)
    except BaseException:
        secret.unlink(missing_ok=True)
        raise
    sync_folder(out_dir)
    log.info("signing: new key %s in %s", key.key_id, out_dir)
    return secret, public


def _load_secret_key(path: Path, passphrase: str | None) -> Signer:
    from kiosk.core.minisign_format import FormatError, SecretKey, WrongPassphraseError

    try:
        data = read_bytes(Path(path), KEY_FILE_MAX_BYTES)
    except FileNotFoundError:
        raise SignatureError(f"{path}: no such secret key file") from None
    except OSError as error:
        raise SignatureError(str(error)) from None
    try:
        secret = SecretKey.parse(data)
    except FormatError:
        raise SignatureError(f"{path}: is not a minisign secret key") from None
    if secret.encrypted and passphrase is None:
        raise SignatureError(f"{path}: the secret key is protected by a passphrase; give it")
    try:
        return secret.unlock(passphrase)
    except WrongPassphraseError:
        raise SignatureError(f"{path}: wrong passphrase for this secret key") from None
    except FormatError as error:
        raise SignatureError(f"{path}: cannot be decrypted ({error})") from None
    finally:
        secret.wipe()


def sign_file(path: Path, secret_key_path: Path, passphrase: str | None, trusted_comment: str | None = None) -> Path:
    """Sign `path` with the secret key; writes the detached signature `path` + ".minisig" (prehashed, as
    minisign signs by default) and returns its path. The trusted comment, which the signature covers, defaults
    to minisign's own: the time and the file name."""
    from kiosk.core.minisign_format import FormatError

    path = Path(path)
    if not path.is_file():
        raise SignatureError(f"{path}: no such file to sign")
    if trusted_comment is None:
        name = "".join(ch if " " <= ch < "\x7f" else "?" for ch in path.name)
        trusted_comment = f"timestamp:{int(time.time())}\tfile:{name}\thashed"
    secret = _load_secret_key(Path(secret_key_path), passphrase)
    try:
        with open(path, "rb") as handle:
            signature = secret.sign(handle, trusted_comment=trusted_comment)
    except FormatError as error:
        raise SignatureError(f"cannot sign {path}: {error}") from None
    finally:
        secret.wipe()
    out = Path(f"{path}{SIGNATURE_SUFFIX}")
    atomic_write(out, signature + b"\n")
    log.info("signing: signed %s", path)
    return out


def verify_file(path: Path, signature_path: Path, keys: Sequence[PublicKey]) -> PublicKey:
    """The trusted key that signed `path` (its signature in `signature_path`); SignatureError saying why
    the file cannot be trusted."""
    signature = read_signature(Path(signature_path))
    try:
        with open(path, "rb") as handle:
            return verify_data(handle, signature, keys, str(path))
    except OSError as error:
        raise SignatureError(f"{path}: cannot be read: {error.strerror or error}") from None


def read_signature(signature_path: Path) -> bytes:
    try:
        return read_bytes(signature_path, SIGNATURE_FILE_MAX_BYTES)
    except FileNotFoundError:
        raise SignatureError(f"it is not signed: there is no signature file {signature_path.name} beside it") from None
    except OSError as error:
        raise SignatureError(f"its signature cannot be read: {error}") from None


def verify_data(
    data: bytes | BinaryIO, signature: bytes, keys: Sequence[PublicKey], name: str = "the file"
) -> PublicKey:
    """The trusted key whose signature `signature` (a .minisig file's bytes) covers `data` (bytes or a binary
    file); SignatureError otherwise. Both minisign signatures are accepted: prehashed (minisign's default)
    and the legacy one; the trusted comment's own signature is checked too."""
    from kiosk.core.minisign_format import FormatError, Signature, SignatureMismatchError

    try:
        parsed = Signature.parse(signature)
    except FormatError:
        raise SignatureError("its signature file is not a minisign signature") from None
    signer = _key_id(parsed.key_id)
    key = next((k for k in keys if k.key_id == signer), None)
    if key is None:
        trusted = ", ".join(k.key_id for k in keys) or "none"
        raise SignatureError(f"it is signed by key {signer}, which is not trusted here (trusted: {trusted})")
    try:
        parsed.verify(base64.b64decode(key.line), data)
    except SignatureMismatchError:
        raise SignatureError(
            f"its signature does not match: {name} was changed after it was signed, "
            "or the signature belongs to another file"
        ) from None
    log.debug("signing: %s verified with key %s (%s)", name, key.key_id, parsed.trusted_comment)
    return key


def secret_key_is_encrypted(path: Path) -> bool:
    """Whether signing with this secret key needs its passphrase (False for a file that is no key: signing
    then says what is wrong with it)."""
    try:
        _load_secret_key(path, None).wipe()
    except SignatureError as error:
        return "protected by a passphrase" in str(error)
    return False
