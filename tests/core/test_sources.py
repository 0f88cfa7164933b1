"""Scanning the source folders: the newest signed, in-date version wins; half-copied files wait; refusals once."""

from __future__ import annotations

import datetime as dt
import logging
import os
import shutil
from pathlib import Path

import pytest

from kiosk.core import limits
from kiosk.core.sources import Scanner, is_temporary, pack_status
from kiosk.core.store import Store

from ..bundle_standin import StandinBundles, build, pack_folder

TODAY = dt.date(2026, 12, 2)


class Wall:
    """The wall clock the scanner compares file times with; starts long after the files were written."""

    def __init__(self) -> None:
        self.now = 4_000_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def share(tmp_path: Path) -> Path:
    folder = tmp_path / "share"
    folder.mkdir()
    return folder


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / "data" / "packs", StandinBundles())


def drop(tmp_path: Path, share: Path, version: int, pack_id: str = "cumbria", **kw: object) -> Path:
    folder = pack_folder(tmp_path / "src", pack_id, f"Version {version}")
    return build(folder, share / f"{pack_id}-{version}.kioskpack", version, **kw)  # type: ignore[arg-type]


def scanner(store: Store, share: Path, **kw: object) -> Scanner:
    kw.setdefault("find_usb", list)
    kw.setdefault("today", lambda: TODAY)
    kw.setdefault("wall", Wall())
    return Scanner(store, ("KEY-A",), [share], **kw)  # type: ignore[arg-type]


def test_the_newest_signed_in_date_version_of_each_pack_is_imported(store: Store, share: Path, tmp_path: Path) -> None:
    for version in (1, 2, 3):
        drop(tmp_path, share, version)
    drop(tmp_path, share, 9, pack_id="lancashire")
    drop(tmp_path, share, 4, key="KEY-EVIL")  # newer, but signed by a key the policy does not trust
    drop(tmp_path, share, 5, valid_until=TODAY - dt.timedelta(days=1))  # newer, but out of date
    s = scanner(store, share)
    result = s.scan()
    assert sorted((v.pack, v.version) for v in result.imported) == [("cumbria", 3), ("lancashire", 9)]
    assert store.current_version("cumbria") == 3
    reasons = {r.path.name: r.reason for r in result.refused}
    assert "not trusted" in reasons["cumbria-4.kioskpack"]
    assert "out of date" in reasons["cumbria-5.kioskpack"]
    assert s.scan().imported == [], "nothing new: nothing imported again"


def test_a_refusal_is_logged_once_per_file_version(
    store: Store, share: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = drop(tmp_path, share, 1, key=None)
    s = scanner(store, share)
    with caplog.at_level(logging.WARNING, "kiosk.core.sources"):
        for _ in range(3):
            result = s.scan()
    lines = [r.getMessage() for r in caplog.records if "refused" in r.getMessage()]
    assert lines == [f"sources: refused {path}: no signature beside it (cumbria-1.kioskpack.minisig)"]
    assert [str(r) for r in result.refused] == [
        "cumbria-1.kioskpack: no signature beside it (cumbria-1.kioskpack.minisig)"
    ]
    build(pack_folder(tmp_path / "src2", "cumbria", "Version 1"), path, 1)  # the publisher signs it after all
    assert [v.version for v in s.scan().imported] == [1]
    assert s.scan().refused == []


def test_a_bundle_still_being_copied_waits_until_it_is_complete(store: Store, share: Path, tmp_path: Path) -> None:
    whole = drop(tmp_path, tmp_path / "elsewhere", 2)
    wall = Wall()
    s = scanner(store, share, wall=wall)
    target = share / whole.name
    shutil.copy(whole.with_name(whole.name + ".minisig"), share)
    data = whole.read_bytes()
    target.write_bytes(data[: len(data) // 2])  # half copied: no central directory yet
    wall.now = os.stat(target).st_mtime + 1  # just written
    first = s.scan()
    assert first.pending and not first.imported and not first.refused
    wall.now += limits.SOURCES_SETTLE_SECONDS
    second = s.scan()  # unchanged since the last look, but not a zip yet: left alone, not refused
    assert not second.imported and not second.refused
    with target.open("ab") as rest:
        rest.write(data[len(data) // 2 :])
    os.utime(target, (wall.now, wall.now))
    assert s.scan().pending, "it changed since the last look"
    assert [v.version for v in s.scan().imported] == [2]


def test_temporary_names_are_ignored(store: Store, share: Path, tmp_path: Path) -> None:
    whole = drop(tmp_path, tmp_path / "elsewhere", 1)
    for name in ("cumbria-1.kioskpack.part", "~$cumbria-1.kioskpack", ".~lock.cumbria-1.kioskpack", ".x.kioskpack"):
        shutil.copy(whole, share / name)
    assert scanner(store, share).scan().imported == []
    assert is_temporary("a.tmp") and not is_temporary("cumbria-1.kioskpack")


def test_a_source_that_disappears_changes_nothing(store: Store, share: Path, tmp_path: Path) -> None:
    drop(tmp_path, share, 1)
    s = scanner(store, share)
    assert [v.version for v in s.scan().imported] == [1]
    shutil.rmtree(share)
    result = s.scan()
    assert result.imported == [] and result.refused == []
    assert store.usable("cumbria", TODAY).version == 1  # type: ignore[union-attr]


def test_a_usb_stick_is_a_source_only_while_inserted_and_when_allowed(store: Store, tmp_path: Path) -> None:
    stick = tmp_path / "media" / "staff" / "STICK" / "campaign-kiosk"
    stick.mkdir(parents=True)
    drop(tmp_path, stick, 4)
    inserted: list[Path] = []
    off = scanner(Store(tmp_path / "other", StandinBundles()), tmp_path / "none", usb=False, find_usb=lambda: [stick])
    assert off.scan().imported == [], "the policy says no USB sources"
    s = scanner(store, tmp_path / "none", find_usb=lambda: list(inserted))
    assert s.scan().imported == []
    inserted.append(stick)
    assert [v.version for v in s.scan().imported] == [4]


def test_an_older_version_is_tried_when_the_newest_is_refused(store: Store, share: Path, tmp_path: Path) -> None:
    drop(tmp_path, share, 1)
    newest = drop(tmp_path, share, 2)
    data = bytearray(newest.read_bytes())
    data[len(data) // 3] ^= 1
    newest.write_bytes(bytes(data))
    result = scanner(store, share).scan()
    assert [v.version for v in result.imported] == [1]
    assert [r.path.name for r in result.refused] == ["cumbria-2.kioskpack"]


def test_the_staff_screen_status_warns_14_days_before(store: Store, share: Path, tmp_path: Path) -> None:
    drop(tmp_path, share, 1, valid_until=TODAY + dt.timedelta(days=20))
    scanner(store, share).scan()
    quiet = pack_status(store, "cumbria", TODAY)
    assert quiet.version == 1 and quiet.warning == "" and quiet.publisher == "Cumbria Constabulary"
    soon = pack_status(store, "cumbria", TODAY + dt.timedelta(days=20 - limits.EXPIRY_WARNING_DAYS))
    assert "in 14 days" in soon.warning
    gone = pack_status(store, "cumbria", TODAY + dt.timedelta(days=21))
    assert gone.version is None and "built-in pack" in gone.warning


def test_a_share_gone_mid_import_changes_nothing_and_is_looked_at_again(
    store: Store, share: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    drop(tmp_path, share, 1)
    s = scanner(store, share)
    s.scan()
    drop(tmp_path, share, 2)
    import kiosk.core.store as store_module

    real = store_module._copy_limited

    def share_goes_offline(source: Path, dest: Path, max_bytes: int) -> None:
        shutil.rmtree(share, ignore_errors=True)
        real(source, dest, max_bytes)

    monkeypatch.setattr(store_module, "_copy_limited", share_goes_offline)
    result = s.scan()
    assert result.imported == [] and result.refused == [] and result.pending
    assert store.usable("cumbria", TODAY).version == 1  # type: ignore[union-attr]
    assert not any((store.root / ".incoming").iterdir())
