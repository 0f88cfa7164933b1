"""Pack bundles (kiosk/core/bundle.py): the same folder gives the same bytes, and nothing from a bundle is used
before its signature, manifest, every hash, path, size and date are checked. Each refusal says why, and leaves
nothing unpacked."""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import stat
import struct
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiosk.core import bundle, signing
from kiosk.core.bundle import BundleError, Manifest, build_bundle, read_manifest, unpack_bundle, verify_bundle
from kiosk.core.limits import BUNDLE_FILE_MAX_BYTES, BUNDLE_MAX_FILES
from kiosk.core.pack import validate
from kiosk.core.signing import PublicKey

from ..conftest import FIXTURES, MINIMAL

TODAY = date(2026, 12, 2)
SIGNED_FIELDS = 'version = 3\npublisher = "Test Force"\nvalid_from = 2026-01-01\nvalid_until = 2026-12-31'


@pytest.fixture(scope="module")
def key(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, PublicKey]:
    secret, public = signing.generate_keypair(tmp_path_factory.mktemp("key"), None)
    return secret, PublicKey.parse(public.read_text())


def make_pack(folder: Path, extra: str = "") -> Path:
    """The minimal test pack, with `extra` lines added to its [pack] table."""
    shutil.copytree(MINIMAL, folder)
    toml = folder / "pack.toml"
    toml.write_text(toml.read_text().replace("[pack]\n", f"[pack]\n{extra}\n", 1))
    return folder


@pytest.fixture(scope="module")
def signed(tmp_path_factory: pytest.TempPathFactory, key: tuple[Path, PublicKey]) -> Path:
    """A good bundle of version 3, valid in 2026, signed by `key`."""
    root = tmp_path_factory.mktemp("signed")
    folder = make_pack(root / "pack", SIGNED_FIELDS)
    out = root / "test.kioskpack"
    build_bundle(folder, out)
    signing.sign_file(out, key[0], None)
    return out


def copy_bundle(source: Path, folder: Path, data: bytes | None = None) -> Path:
    """A copy of `source` and its signature in `folder`, with other bytes when `data` is given."""
    out = folder / source.name
    out.write_bytes(source.read_bytes() if data is None else data)
    shutil.copy(f"{source}.minisig", f"{out}.minisig")
    return out


def craft(
    folder: Path,
    secret: Path,
    files: dict[str, bytes],
    manifest: dict[str, Any] | None = None,
    entries: list[tuple[str, bytes]] | None = None,
    tweak: Any = None,
) -> Path:
    """A bundle made by hand and signed by a trusted key: what a broken or hostile build tool could publish.
    `manifest` overrides fields of the honest manifest of `files`; `entries` replaces the zip's entries."""
    honest: dict[str, Any] = {
        "format": 1,
        "pack": "minimal",
        "version": 1,
        "publisher": "Test Force",
        "valid_from": "2026-01-01",
        "valid_until": None,
        "files": {rel: {"sha256": hashlib.sha256(d).hexdigest(), "size": len(d)} for rel, d in files.items()},
    }
    honest.update(manifest or {})
    if entries is None:
        entries = [("manifest.json", json.dumps(honest).encode())] + [(f"pack/{r}", d) for r, d in files.items()]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = (stat.S_IFREG | 0o644) << 16
            if tweak is not None:
                tweak(info)
            archive.writestr(info, data)
    out = folder / "crafted.kioskpack"
    out.write_bytes(buffer.getvalue())
    signing.sign_file(out, secret, None)
    return out


def minimal_files() -> dict[str, bytes]:
    return {
        str(p.relative_to(MINIMAL)).replace(os.sep, "/"): p.read_bytes()
        for p in sorted(MINIMAL.rglob("*"))
        if p.is_file()
    }


def refused(bundle_path: Path, key: PublicKey, match: str, tmp_path: Path, today: date = TODAY) -> BundleError:
    """verify_bundle refuses with a message matching `match`, and nothing gets unpacked."""
    with pytest.raises(BundleError, match=match) as caught:
        manifest = verify_bundle(bundle_path, [key], today)
        unpack_bundle(bundle_path, manifest, tmp_path / "unpacked")
    assert not (tmp_path / "unpacked").exists()
    assert caught.value.file == str(bundle_path)
    assert "\n" not in str(caught.value)
    return caught.value


# --- build --------------------------------------------------------------------------------------------------


def test_a_bundle_carries_the_pack_and_its_manifest(signed: Path, key: tuple[Path, PublicKey], tmp_path: Path) -> None:
    manifest = verify_bundle(signed, [key[1]], TODAY)
    assert (manifest.pack, manifest.version, manifest.publisher) == ("minimal", 3, "Test Force")
    assert (manifest.valid_from, manifest.valid_until) == (date(2026, 1, 1), date(2026, 12, 31))
    assert set(manifest.files) == set(minimal_files())
    assert read_manifest(signed) == manifest
    unpacked = unpack_bundle(signed, manifest, tmp_path / "pack")
    for rel, data in minimal_files().items():
        if rel != "pack.toml":
            assert (unpacked / rel).read_bytes() == data
    pack, problems = validate(unpacked)
    assert problems == [] and pack is not None and pack.version == 3
    with zipfile.ZipFile(signed) as archive:
        names = archive.namelist()
        assert names[0] == "manifest.json" and names[1:] == sorted(names[1:])
        assert all(info.date_time == (1980, 1, 1, 0, 0, 0) for info in archive.infolist())


def test_the_same_folder_gives_the_same_bytes(tmp_path: Path) -> None:
    folder = make_pack(tmp_path / "a")
    build_bundle(folder, tmp_path / "one.kioskpack")
    build_bundle(folder, tmp_path / "two.kioskpack")
    copy = tmp_path / "b"
    shutil.copytree(folder, copy)
    for path in copy.rglob("*"):
        os.utime(path, (1_000_000_000, 1_000_000_000))
    build_bundle(copy, tmp_path / "three.kioskpack")
    one = (tmp_path / "one.kioskpack").read_bytes()
    assert (tmp_path / "two.kioskpack").read_bytes() == one
    assert (tmp_path / "three.kioskpack").read_bytes() == one


def test_defaults_publisher_is_the_organisation_and_valid_at_once(tmp_path: Path) -> None:
    manifest = build_bundle(make_pack(tmp_path / "p"), tmp_path / "p.kioskpack")
    assert (manifest.version, manifest.publisher) == (1, "Test Constabulary")
    assert manifest.valid_from == bundle.ALWAYS and manifest.valid_until is None
    assert manifest.in_date(date(2000, 1, 1)) and manifest.in_date(date(2199, 12, 31))


def test_in_date_includes_both_days() -> None:
    manifest = Manifest("p", 1, "x", date(2026, 1, 1), date(2026, 1, 31))
    assert not manifest.in_date(date(2025, 12, 31))
    assert manifest.in_date(date(2026, 1, 1)) and manifest.in_date(date(2026, 1, 31))
    assert not manifest.in_date(date(2026, 2, 1))


def test_hidden_files_are_left_out(tmp_path: Path) -> None:
    folder = make_pack(tmp_path / "p")
    (folder / ".DS_Store").write_bytes(b"\0")
    (folder / ".git").mkdir()
    (folder / ".git" / "HEAD").write_text("ref")
    manifest = build_bundle(folder, tmp_path / "p.kioskpack")
    assert not any(rel.startswith(".") for rel in manifest.files)


def test_build_refuses_a_pack_that_kiosk_check_refuses(tmp_path: Path) -> None:
    with pytest.raises(BundleError, match=r"the pack has \d+ problem\(s\)"):
        build_bundle(FIXTURES / "broken" / "missing-field", tmp_path / "x.kioskpack")
    assert not (tmp_path / "x.kioskpack").exists()


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ("version = 0", "pack.version: must be 1 to 999999"),
        ("version = 1.5", "pack.version: must be a whole number"),
        ('valid_from = "2026-01-01"', "pack.valid_from: must be a date without quotes"),
        ("valid_from = 2026-01-01T10:00:00", "pack.valid_from: must be a date without quotes"),
        ("valid_from = 2026-02-01\nvalid_until = 2026-01-01", "pack.valid_until: is before valid_from"),
    ],
)
def test_the_new_pack_fields_are_checked(tmp_path: Path, extra: str, message: str) -> None:
    pack, problems = validate(make_pack(tmp_path / "p", extra))
    assert pack is None
    assert message in str(problems[0]), problems


def test_build_refuses_a_link_and_a_misnamed_or_misplaced_bundle(tmp_path: Path) -> None:
    folder = make_pack(tmp_path / "p")
    with pytest.raises(BundleError, match=r"must end in \.kioskpack"):
        build_bundle(folder, tmp_path / "p.zip")
    with pytest.raises(BundleError, match="inside the pack folder"):
        build_bundle(folder, folder / "p.kioskpack")
    (folder / "notes.txt").symlink_to("/etc/passwd")
    with pytest.raises(BundleError, match="is a link"):
        build_bundle(folder, tmp_path / "p.kioskpack")
    assert not (tmp_path / "p.kioskpack").exists()


def test_build_refuses_names_another_system_reads_otherwise(tmp_path: Path) -> None:
    folder = make_pack(tmp_path / "p")
    (folder / "Art").mkdir()
    (folder / "Art" / "square.svg").write_bytes((folder / "art" / "square.svg").read_bytes())
    with pytest.raises(BundleError, match="only in capitals"):
        build_bundle(folder, tmp_path / "p.kioskpack")


@pytest.mark.parametrize(
    ("path", "problem"),
    [
        ("../evil.svg", "leave the pack"),
        ("art/../../evil.svg", "leave the pack"),
        ("/etc/passwd", "absolute"),
        ("C:/Windows/evil.dll", "drive letter"),
        ("c:evil", "drive letter"),
        ("art\\evil.svg", "backslash"),
        ("art//x.svg", "empty"),
        ("./x.svg", "empty or '.'"),
        ("art/", "empty"),
        ("CON.svg", "device"),
        ("x.svg.", "dot or space"),
        ("a?b", "Windows does not allow"),
        ("a\nb", "control character"),
        ("x" * 201, "at most 200"),
    ],
)
def test_a_path_that_leaves_the_pack_or_means_something_else_on_windows(path: str, problem: str) -> None:
    found = bundle.path_problem(path)
    assert found is not None and problem in found


def test_ordinary_paths_are_fine() -> None:
    assert bundle.path_problem("pack.toml") is None
    assert bundle.path_problem("art/panel-1.svg") is None
    assert bundle.path_problem("art/Ysgol Gymraeg/poster.png") is None


# --- refusals -------------------------------------------------------------------------------------------------


@given(position=st.integers(min_value=0), value=st.integers(min_value=1, max_value=255))
def test_one_byte_changed_anywhere_is_refused(
    signed: Path, key: tuple[Path, PublicKey], tmp_path_factory: pytest.TempPathFactory, position: int, value: int
) -> None:
    data = bytearray(signed.read_bytes())
    position %= len(data)
    data[position] ^= value
    tmp_path = tmp_path_factory.mktemp("byte")
    changed = copy_bundle(signed, tmp_path, bytes(data))
    refused(changed, key[1], "was changed after it was signed", tmp_path)


def test_a_changed_file_in_a_bundle_signed_again_is_refused_by_its_hash(
    tmp_path: Path, key: tuple[Path, PublicKey]
) -> None:
    """The publisher's own key signed it, but a file differs from the manifest: a broken or tampered build."""
    files = minimal_files()
    honest = {rel: {"sha256": hashlib.sha256(d).hexdigest(), "size": len(d)} for rel, d in files.items()}
    changed = dict(files, **{"art/square.svg": files["art/square.svg"].replace(b"<svg", b"<svg ", 1)})
    honest["art/square.svg"]["size"] = len(changed["art/square.svg"])
    crafted = craft(tmp_path, key[0], changed, {"files": honest})
    refused(crafted, key[1], r"pack/art/square.svg does not match the SHA-256 in its manifest", tmp_path)


def test_a_changed_manifest_is_refused(signed: Path, key: tuple[Path, PublicKey], tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(signed) as source, zipfile.ZipFile(buffer, "w") as out:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "manifest.json":
                data = data.replace(b'"valid_until": "2026-12-31"', b'"valid_until": "2029-12-31"')
            out.writestr(info, data)
    changed = copy_bundle(signed, tmp_path, buffer.getvalue())
    refused(changed, key[1], "was changed after it was signed", tmp_path)


def test_a_manifest_that_disagrees_with_pack_toml_is_refused(tmp_path: Path, key: tuple[Path, PublicKey]) -> None:
    crafted = craft(tmp_path, key[0], minimal_files(), {"version": 7})
    refused(crafted, key[1], r"manifest says minimal version 7, but its pack.toml says 'minimal' version 1", tmp_path)


def test_the_signature_of_another_file_is_refused(signed: Path, key: tuple[Path, PublicKey], tmp_path: Path) -> None:
    other = tmp_path / "other.kioskpack"
    build_bundle(make_pack(tmp_path / "p"), other)
    signing.sign_file(other, key[0], None)
    moved = tmp_path / "moved"
    moved.mkdir()
    target = moved / "test.kioskpack"
    shutil.copy(signed, target)
    shutil.copy(f"{other}.minisig", f"{target}.minisig")
    refused(target, key[1], "the signature belongs to another file", moved)


def test_a_wrong_key_and_no_signature_are_refused(signed: Path, tmp_path: Path) -> None:
    _, public = signing.generate_keypair(tmp_path, None)
    stranger = PublicKey.parse(public.read_text())
    refused(signed, stranger, "which is not trusted here", tmp_path)
    unsigned = tmp_path / "unsigned.kioskpack"
    shutil.copy(signed, unsigned)
    refused(unsigned, stranger, "it is not signed: there is no signature file unsigned.kioskpack.minisig", tmp_path)


def test_an_expired_or_not_yet_valid_bundle_is_refused(
    signed: Path, key: tuple[Path, PublicKey], tmp_path: Path
) -> None:
    refused(signed, key[1], "expired: it was valid until 2026-12-31", tmp_path, today=date(2027, 1, 1))
    refused(signed, key[1], "is not valid before 2026-01-01", tmp_path, today=date(2025, 12, 31))
    assert verify_bundle(signed, [key[1]], date(2026, 12, 31)).version == 3


def test_a_file_outside_the_manifest_is_refused(tmp_path: Path, key: tuple[Path, PublicKey]) -> None:
    files = minimal_files()
    manifest = json.dumps(
        dict(
            format=1,
            pack="minimal",
            version=1,
            publisher="x",
            valid_from="2026-01-01",
            valid_until=None,
            files={r: {"sha256": hashlib.sha256(d).hexdigest(), "size": len(d)} for r, d in files.items()},
        )
    ).encode()
    entries = [("manifest.json", manifest)] + [(f"pack/{r}", d) for r, d in files.items()]
    refused(
        craft(tmp_path, key[0], files, entries=entries + [("pack/extra.exe", b"MZ")]),
        key[1],
        "a file outside the manifest: 'pack/extra.exe'",
        tmp_path,
    )
    refused(
        craft(tmp_path, key[0], files, entries=entries + [("autorun.inf", b"x")]),
        key[1],
        "a file outside the manifest: 'autorun.inf'",
        tmp_path,
    )
    refused(craft(tmp_path, key[0], files, entries=entries[:-1]), key[1], "which its manifest lists", tmp_path)


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("pack/../../evil.sh", "would leave the pack"),
        ("../evil.sh", "would leave the pack"),
        ("/etc/cron.d/evil", "is absolute"),
        ("C:/Windows/evil.dll", "drive letter"),
        ("pack\\..\\evil.dll", "backslash"),
    ],
)
def test_an_entry_that_leaves_the_pack_is_refused(
    tmp_path: Path, key: tuple[Path, PublicKey], name: str, reason: str
) -> None:
    files = minimal_files()
    honest = craft(tmp_path, key[0], files)
    with zipfile.ZipFile(honest) as archive:
        entries = [(i.filename, archive.read(i)) for i in archive.infolist()]
    refused(craft(tmp_path, key[0], files, entries=entries + [(name, b"x")]), key[1], reason, tmp_path)


def test_a_manifest_path_that_leaves_the_pack_is_refused(tmp_path: Path, key: tuple[Path, PublicKey]) -> None:
    files = dict(minimal_files(), **{"../evil.sh": b"x"})
    refused(craft(tmp_path, key[0], files), key[1], r"lists the path '../evil.sh', which has '..'", tmp_path)


def test_a_symlink_entry_is_refused(tmp_path: Path, key: tuple[Path, PublicKey]) -> None:
    def link(info: zipfile.ZipInfo) -> None:
        if info.filename == "pack/art/square.svg":
            info.external_attr = (stat.S_IFLNK | 0o777) << 16

    refused(craft(tmp_path, key[0], minimal_files(), tweak=link), key[1], "is a symbolic link", tmp_path)


def test_duplicate_names_are_refused(tmp_path: Path, key: tuple[Path, PublicKey]) -> None:
    files = minimal_files()
    honest = craft(tmp_path, key[0], files)
    with zipfile.ZipFile(honest) as archive:
        entries = [(i.filename, archive.read(i)) for i in archive.infolist()]
    twice = entries + [("pack/pack.toml", files["pack.toml"])]
    with pytest.warns(UserWarning, match="Duplicate name"):
        crafted = craft(tmp_path, key[0], files, entries=twice)
    refused(crafted, key[1], "holds 'pack/pack.toml' twice", tmp_path)
    with pytest.warns(UserWarning, match="Duplicate name"):
        crafted = craft(tmp_path, key[0], files, entries=entries + [entries[0]])
    refused(crafted, key[1], "has 2 manifest.json entries", tmp_path)
    folded = craft(tmp_path, key[0], files, entries=entries + [("pack/PACK.toml", b"x")])
    refused(folded, key[1], "holds 'pack/PACK.toml' twice", tmp_path)


def test_a_zip_bomb_is_refused(tmp_path: Path, key: tuple[Path, PublicKey]) -> None:
    bomb = bytes(4 * 1024 * 1024)  # 4 MB of zeros pack into about 4 KB
    files = dict(minimal_files(), **{"art/bomb.png": bomb})
    refused(craft(tmp_path, key[0], files), key[1], r"into [\d,]+: over 200 to 1, the mark of a zip bomb", tmp_path)
    big = dict(minimal_files(), **{"art/big.png": b"x" * 10})
    declared = {r: {"sha256": hashlib.sha256(d).hexdigest(), "size": len(d)} for r, d in big.items()}
    declared["art/big.png"]["size"] = BUNDLE_FILE_MAX_BYTES + 1
    refused(craft(tmp_path, key[0], big, {"files": declared}), key[1], "at most 8,388,608 bytes are allowed", tmp_path)


def test_a_file_longer_than_the_zip_says_is_refused(tmp_path: Path, key: tuple[Path, PublicKey]) -> None:
    """The zip's own sizes are never trusted: an entry whose data runs on past its declared size is refused
    (zipfile stops at the declared size, and the file's checksum then fails)."""
    files = minimal_files()
    long = files["art/square.svg"] + b"<!-- more -->" * 100
    honest = craft(tmp_path, key[0], files)
    with zipfile.ZipFile(honest) as archive:
        entries = [(i.filename, archive.read(i)) for i in archive.infolist()]
    crafted = craft(
        tmp_path, key[0], files, entries=[(n, long if n == "pack/art/square.svg" else d) for n, d in entries]
    )
    data = bytearray(crafted.read_bytes())
    real, declared = len(long), len(files["art/square.svg"])
    for signature_bytes, size_at in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        start = 0
        while (start := data.find(signature_bytes, start)) != -1:
            if struct.unpack_from("<I", data, start + size_at)[0] == real:
                struct.pack_into("<I", data, start + size_at, declared)
            start += 4
    crafted.write_bytes(bytes(data))
    signing.sign_file(crafted, key[0], None)
    refused(crafted, key[1], "is damaged: 'pack/art/square.svg' cannot be unpacked", tmp_path)


def test_too_many_entries_are_refused(tmp_path: Path, key: tuple[Path, PublicKey]) -> None:
    files = minimal_files()
    honest = craft(tmp_path, key[0], files)
    with zipfile.ZipFile(honest) as archive:
        entries = [(i.filename, archive.read(i)) for i in archive.infolist()]
    many = entries + [(f"pack/x{n}.txt", b"") for n in range(BUNDLE_MAX_FILES)]
    refused(
        craft(tmp_path, key[0], files, entries=many),
        key[1],
        r"has 1,0\d\d entries; a bundle may hold at most",
        tmp_path,
    )


def test_a_truncated_bundle_is_refused(signed: Path, key: tuple[Path, PublicKey], tmp_path: Path) -> None:
    data = signed.read_bytes()
    cut = copy_bundle(signed, tmp_path, data[: len(data) // 2])
    refused(cut, key[1], "was changed after it was signed", tmp_path)
    with pytest.raises(BundleError, match="is not a complete zip file"):
        read_manifest(cut)  # a bundle still being copied: the scanner skips it
    signing.sign_file(cut, key[0], None)  # even its own publisher's signature does not make it whole
    refused(cut, key[1], "is not a complete zip file", tmp_path)


def test_unpack_needs_a_new_folder_and_checks_the_hashes_again(
    signed: Path, key: tuple[Path, PublicKey], tmp_path: Path
) -> None:
    manifest = verify_bundle(signed, [key[1]], TODAY)
    (tmp_path / "exists").mkdir()
    with pytest.raises(BundleError, match="already exists"):
        unpack_bundle(signed, manifest, tmp_path / "exists")
    other = tmp_path / "other.kioskpack"
    # swapped after verify: the same pack, one letter of pack.toml changed (so the same sizes)
    build_bundle(make_pack(tmp_path / "p", SIGNED_FIELDS.replace("Test Force", "Test Forcf")), other)
    with pytest.raises(BundleError, match="does not match the SHA-256"):
        unpack_bundle(other, manifest, tmp_path / "swapped")
    assert not (tmp_path / "swapped").exists()


@given(
    cuts=st.lists(st.tuples(st.integers(min_value=0), st.integers(min_value=0, max_value=255)), max_size=8),
    keep=st.floats(min_value=0.0, max_value=1.0),
)
def test_reading_the_manifest_of_any_damaged_file_gives_a_manifest_or_a_reason(
    signed: Path, tmp_path_factory: pytest.TempPathFactory, cuts: list[tuple[int, int]], keep: float
) -> None:
    """The scanner reads manifests of unverified files (half-synced, damaged, hostile): whatever the bytes, the
    answer is a manifest or a BundleError, never another exception."""
    data = bytearray(signed.read_bytes())
    for position, value in cuts:
        data[position % len(data)] = value
    data = data[: max(1, int(len(data) * keep))]
    path = tmp_path_factory.mktemp("damaged") / "damaged.kioskpack"
    path.write_bytes(bytes(data))
    try:
        assert isinstance(read_manifest(path), Manifest)
    except BundleError as error:
        assert error.reason
