"""`kiosk keys new` and `kiosk bundle build|sign|verify` as a publisher runs them, and the other way round with
Debian's `minisign` tool: a force's IT checks the kiosk's signatures with minisign, and a bundle signed with
minisign is accepted by the kiosk. Both with and without a passphrase."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from ..conftest import FIXTURES, MINIMAL

MINISIGN = shutil.which("minisign")
needs_minisign = pytest.mark.skipif(
    MINISIGN is None,
    reason="Debian's minisign is not installed (scripts/system-deps.sh installs it: apt-get install minisign)",
)


def kiosk(*args: str, home: Path, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, KIOSK_HOME=str(home))
    return subprocess.run(
        [sys.executable, "-m", "kiosk", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        input=stdin if stdin is not None else "",
    )


def minisign(*args: str, password: str | None = None) -> subprocess.CompletedProcess[str]:
    """minisign reads a password from standard input when that is not a terminal."""
    assert MINISIGN is not None
    stdin = f"{password}\n{password}\n" if password is not None else ""
    return subprocess.run([MINISIGN, *args], capture_output=True, text=True, timeout=120, input=stdin)


def pack_folder(tmp_path: Path, extra: str = "version = 2\nvalid_from = 2020-01-01") -> Path:
    folder = tmp_path / "minimal"
    shutil.copytree(MINIMAL, folder)
    toml = folder / "pack.toml"
    toml.write_text(toml.read_text().replace("[pack]\n", f"[pack]\n{extra}\n", 1))
    return folder


@needs_minisign
@pytest.mark.parametrize("passphrase", [None, "a long passphrase"], ids=["no-passphrase", "passphrase"])
def test_the_kiosk_signs_and_minisign_verifies(tmp_path: Path, kiosk_home: Path, passphrase: str | None) -> None:
    keys = tmp_path / "keys"
    keys.mkdir()
    secret_args = ["--no-passphrase"]
    if passphrase is not None:
        (tmp_path / "pw").write_text(passphrase + "\n")
        secret_args = ["--passphrase-file", str(tmp_path / "pw")]
    made = kiosk("keys", "new", "--out", str(keys), *secret_args, home=kiosk_home)
    assert made.returncode == 0, made.stderr
    assert stat.S_IMODE((keys / "minisign.key").stat().st_mode) == 0o600
    line = (keys / "minisign.pub").read_text().splitlines()[1]
    assert line in made.stdout

    out = tmp_path / "minimal.kioskpack"
    built = kiosk("bundle", "build", str(pack_folder(tmp_path)), "--out", str(out), home=kiosk_home)
    assert built.returncode == 0, built.stderr
    assert "minimal version 2" in built.stdout

    sign_args = ["--passphrase-file", str(tmp_path / "pw")] if passphrase is not None else []
    signed = kiosk("bundle", "sign", str(out), "--key", str(keys / "minisign.key"), *sign_args, home=kiosk_home)
    assert signed.returncode == 0, signed.stderr
    checked = minisign("-Vm", str(out), "-p", str(keys / "minisign.pub"))
    assert checked.returncode == 0, checked.stderr
    assert "Signature and comment signature verified" in checked.stdout + checked.stderr
    assert "file:minimal.kioskpack" in checked.stdout

    verified = kiosk("bundle", "verify", str(out), "--trust", str(keys / "minisign.pub"), home=kiosk_home)
    assert verified.returncode == 0, verified.stderr
    assert "version: 2" in verified.stdout and "pages: " in verified.stdout


@needs_minisign
@pytest.mark.parametrize("password", [None, "another passphrase"], ids=["no-passphrase", "passphrase"])
def test_minisign_signs_and_the_kiosk_verifies(tmp_path: Path, kiosk_home: Path, password: str | None) -> None:
    public, secret = tmp_path / "force.pub", tmp_path / "force.key"
    generate = ["-G", "-p", str(public), "-s", str(secret)] + (["-W"] if password is None else [])
    made = minisign(*generate, password=password)
    assert made.returncode == 0, made.stderr
    out = tmp_path / "minimal.kioskpack"
    assert kiosk("bundle", "build", str(pack_folder(tmp_path)), "--out", str(out), home=kiosk_home).returncode == 0
    signed = minisign("-S", "-s", str(secret), "-m", str(out), password=password)
    assert signed.returncode == 0, signed.stderr

    verified = kiosk("bundle", "verify", str(out), "--trust", str(public), home=kiosk_home)
    assert verified.returncode == 0, verified.stderr
    assert verified.stdout.splitlines() == [
        f"{out}: OK",
        "pack: minimal (Test pack)",
        "version: 2",
        "publisher: Test Constabulary",
        "valid: 2020-01-01 to no end date",
        f"pages: {verified.stdout.split('pages: ')[1].strip()}",
    ]
    key_line = public.read_text().splitlines()[1]
    assert kiosk("bundle", "verify", str(out), "--trust", key_line, home=kiosk_home).returncode == 0

    # one byte changed after signing: refused, in one line, exit 1
    data = bytearray(out.read_bytes())
    data[len(data) // 2] ^= 1
    out.write_bytes(bytes(data))
    refused = kiosk("bundle", "verify", str(out), "--trust", str(public), home=kiosk_home)
    assert refused.returncode == 1
    assert refused.stdout == ""
    assert refused.stderr.count("\n") == 1 and "was changed after it was signed" in refused.stderr


@needs_minisign
def test_the_kiosk_signs_with_a_key_minisign_made(tmp_path: Path, kiosk_home: Path) -> None:
    public, secret = tmp_path / "force.pub", tmp_path / "force.key"
    assert minisign("-G", "-W", "-p", str(public), "-s", str(secret)).returncode == 0
    out = tmp_path / "minimal.kioskpack"
    assert kiosk("bundle", "build", str(pack_folder(tmp_path)), "--out", str(out), home=kiosk_home).returncode == 0
    signed = kiosk("bundle", "sign", str(out), "--key", str(secret), home=kiosk_home)
    assert signed.returncode == 0, signed.stderr
    assert minisign("-Vm", str(out), "-p", str(public)).returncode == 0


def test_verify_names_the_one_reason(tmp_path: Path, kiosk_home: Path) -> None:
    keys, stranger = tmp_path / "keys", tmp_path / "stranger"
    keys.mkdir()
    stranger.mkdir()
    assert kiosk("keys", "new", "--out", str(keys), "--no-passphrase", home=kiosk_home).returncode == 0
    assert kiosk("keys", "new", "--out", str(stranger), "--no-passphrase", home=kiosk_home).returncode == 0
    out = tmp_path / "old.kioskpack"
    folder = pack_folder(tmp_path, "valid_from = 2020-01-01\nvalid_until = 2020-12-31")
    assert kiosk("bundle", "build", str(folder), "--out", str(out), home=kiosk_home).returncode == 0
    unsigned = kiosk("bundle", "verify", str(out), "--trust", str(keys / "minisign.pub"), home=kiosk_home)
    assert unsigned.returncode == 1 and "it is not signed" in unsigned.stderr
    assert kiosk("bundle", "sign", str(out), "--key", str(keys / "minisign.key"), home=kiosk_home).returncode == 0
    wrong = kiosk("bundle", "verify", str(out), "--trust", str(stranger / "minisign.pub"), home=kiosk_home)
    assert wrong.returncode == 1 and "which is not trusted here" in wrong.stderr
    expired = kiosk("bundle", "verify", str(out), "--trust", str(keys / "minisign.pub"), home=kiosk_home)
    assert expired.returncode == 1
    assert expired.stderr == f"kiosk: {out}: expired: it was valid until 2020-12-31\n"
    bad_key = kiosk("bundle", "verify", str(out), "--trust", "RWnotakey", home=kiosk_home)
    assert bad_key.returncode == 1 and "is not a minisign public key" in bad_key.stderr


def test_keys_are_never_overwritten_and_a_passphrase_is_asked_for(tmp_path: Path, kiosk_home: Path) -> None:
    assert kiosk("keys", "new", "--out", str(tmp_path), "--no-passphrase", home=kiosk_home).returncode == 0
    before = (tmp_path / "minisign.key").read_bytes()
    again = kiosk("keys", "new", "--out", str(tmp_path), "--no-passphrase", home=kiosk_home)
    assert again.returncode == 1 and "already exists; a key is never overwritten" in again.stderr
    assert (tmp_path / "minisign.key").read_bytes() == before
    other = tmp_path / "other"
    other.mkdir()
    silent = kiosk("keys", "new", "--out", str(other), home=kiosk_home)  # no terminal to ask on
    assert silent.returncode == 1 and "--passphrase-file" in silent.stderr
    assert list(other.iterdir()) == []


def test_build_refuses_a_pack_that_check_refuses(tmp_path: Path, kiosk_home: Path) -> None:
    broken = FIXTURES / "broken" / "missing-field"
    out = tmp_path / "broken.kioskpack"
    result = kiosk("bundle", "build", str(broken), "--out", str(out), home=kiosk_home)
    assert result.returncode == 1
    check = kiosk("check", str(broken), home=kiosk_home)
    assert result.stdout == check.stdout != ""  # every problem, as kiosk check lists them
    assert "no bundle was built" in result.stderr
    assert not out.exists()
