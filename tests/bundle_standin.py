"""A stand-in for kiosk.core.bundle + kiosk.core.signing, for the store and sources tests only.

The real bundle and signing modules are built on another branch at the same time; these tests code against the
agreed API (read_manifest, verify_bundle, unpack_bundle, BundleError). The "signature" here is a JSON note of the
signing key's name and the bundle's SHA-256: enough to test what the store and the scanner do with a refusal, not
a test of any cryptography. Swap in kiosk.core.bundle (kiosk.core.store.ModuleBundles) once it is merged.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import tomllib
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path


class BundleError(Exception):
    pass


@dataclass(frozen=True)
class Manifest:
    pack: str
    version: int
    publisher: str
    valid_from: dt.date
    valid_until: dt.date | None
    files: dict[str, dict[str, object]]

    def in_date(self, today: dt.date) -> bool:
        return self.valid_from <= today and (self.valid_until is None or today <= self.valid_until)


def build(
    folder: Path,
    out: Path,
    version: int,
    key: str | None = "KEY-A",
    valid_from: dt.date = dt.date(2026, 1, 1),
    valid_until: dt.date | None = None,
    publisher: str = "Cumbria Constabulary",
) -> Path:
    """A bundle of `folder` (a pack), signed with `key` (None: unsigned)."""
    pack_id = tomllib.loads((folder / "pack.toml").read_text("utf-8"))["pack"]["id"]
    entries = sorted(p for p in folder.rglob("*") if p.is_file())
    manifest = {
        "format": 1,
        "pack": pack_id,
        "version": version,
        "publisher": publisher,
        "valid_from": valid_from.isoformat(),
        "valid_until": valid_until.isoformat() if valid_until else None,
        "files": {
            p.relative_to(folder).as_posix(): {
                "sha256": hashlib.sha256(p.read_bytes()).hexdigest(),
                "size": p.stat().st_size,
            }
            for p in entries
        },
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("manifest.json", json.dumps(manifest))
        for p in entries:
            archive.writestr("pack/" + p.relative_to(folder).as_posix(), p.read_bytes())
    if key is not None:
        sign(out, key)
    return out


def sign(bundle: Path, key: str) -> None:
    note = {"key": key, "sha256": hashlib.sha256(bundle.read_bytes()).hexdigest()}
    bundle.with_name(bundle.name + ".minisig").write_text(json.dumps(note))


def read_manifest(bundle: Path) -> Manifest:
    try:
        with zipfile.ZipFile(bundle) as archive:
            raw = json.loads(archive.read("manifest.json"))
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as error:
        raise BundleError(f"{bundle.name}: not a pack bundle ({error})") from None
    return Manifest(
        pack=raw["pack"],
        version=int(raw["version"]),
        publisher=raw["publisher"],
        valid_from=dt.date.fromisoformat(raw["valid_from"]),
        valid_until=dt.date.fromisoformat(raw["valid_until"]) if raw["valid_until"] else None,
        files=raw["files"],
    )


def verify_bundle(bundle: Path, keys: Sequence[object], today: dt.date) -> Manifest:
    sig = bundle.with_name(bundle.name + ".minisig")
    if not sig.is_file():
        raise BundleError("it is not signed")
    note = json.loads(sig.read_text())
    if note["key"] not in keys:
        raise BundleError("it is signed by a key that is not trusted")
    if note["sha256"] != hashlib.sha256(bundle.read_bytes()).hexdigest():
        raise BundleError("its signature does not match its contents (changed after signing)")
    manifest = read_manifest(bundle)
    with zipfile.ZipFile(bundle) as archive:
        for name, info in manifest.files.items():
            if hashlib.sha256(archive.read("pack/" + name)).hexdigest() != info["sha256"]:
                raise BundleError(f"{name} does not match its hash")
    if not manifest.in_date(today):
        raise BundleError(f"it is out of date (valid {manifest.valid_from} to {manifest.valid_until})")
    return manifest


def unpack_bundle(bundle: Path, manifest: Manifest, dest: Path) -> None:
    dest.mkdir()
    with zipfile.ZipFile(bundle) as archive:
        for name in manifest.files:
            target = dest / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(archive.read("pack/" + name))


class StandinBundles:
    """kiosk.core.store.Bundles over this module."""

    def read_manifest(self, bundle: Path) -> Manifest:
        return read_manifest(bundle)

    def verify(self, bundle: Path, keys: Sequence[object], today: dt.date) -> Manifest:
        return verify_bundle(bundle, keys, today)

    def unpack(self, bundle: Path, manifest: Manifest, dest: Path) -> None:  # type: ignore[override]
        unpack_bundle(bundle, manifest, dest)

    def is_refusal(self, error: BaseException) -> bool:
        return isinstance(error, BundleError)


def pack_folder(root: Path, pack_id: str, title: str, helpline: str = "0800 1111") -> Path:
    """A small valid pack (the minimal fixture with its id and first title changed)."""
    import shutil

    from .conftest import MINIMAL

    folder = root / f"{pack_id}-{title}".replace(" ", "-")
    shutil.copytree(MINIMAL, folder)
    text = (folder / "pack.toml").read_text("utf-8")
    text = text.replace('id = "minimal"', f'id = "{pack_id}"', 1).replace('name = "Test pack"', f'name = "{title}"', 1)
    (folder / "pack.toml").write_text(text, "utf-8")
    return folder


def signed(tmp_path: Path, share: Path, secret: Path, version: int, valid_until: dt.date | None = None) -> Path:
    """A real bundle (kiosk.core.bundle, not the stand-in) of a small pack at `version`, minisign-signed."""
    from kiosk.core.bundle import build_bundle
    from kiosk.core.signing import sign_file

    folder = pack_folder(tmp_path / "src", "cumbria", f"Version {version}")
    text = (folder / "pack.toml").read_text("utf-8")
    extra = f'version = {version}\npublisher = "Cumbria Constabulary"\n'
    if valid_until:
        extra += f"valid_until = {valid_until.isoformat()}\n"
    (folder / "pack.toml").write_text(text.replace('id = "cumbria"\n', 'id = "cumbria"\n' + extra, 1), "utf-8")
    out = share / f"cumbria-{version}.kioskpack"
    build_bundle(folder, out)
    sign_file(out, secret, None)
    return out
