"""The local pack store: import, switch, keep three, roll back, and survive kill -9 at every step of an import."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from kiosk.core import limits
from kiosk.core.pack import validate
from kiosk.core.store import ImportRefused, Store, StoreError

from ..bundle_standin import StandinBundles, build, pack_folder

TODAY = dt.date(2026, 12, 2)
KEYS = ("KEY-A",)
ROOT = Path(__file__).resolve().parents[2]
STEPS = ("copied", "verified", "unpacked", "moved", "switched", "done")


def bundle(tmp_path: Path, version: int, title: str | None = None, **kw: object) -> Path:
    folder = pack_folder(tmp_path / "src", "cumbria", title or f"Version {version}")
    return build(folder, tmp_path / "share" / f"cumbria-{version}.kioskpack", version, **kw)  # type: ignore[arg-type]


def shown_name(store: Store) -> str | None:
    """What the kiosk would show from the store today: the pack's name, after loading it for real."""
    stored = store.usable("cumbria", TODAY)
    if stored is None:
        return None
    pack, problems = validate(stored.pack_dir)
    assert pack is not None, problems
    return pack.name


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / "data" / "packs", StandinBundles())


def test_an_import_is_switched_to_and_three_versions_are_kept(store: Store, tmp_path: Path) -> None:
    for version in (1, 2, 3, 4, 5):
        stored = store.import_bundle(bundle(tmp_path, version), KEYS, TODAY)
        assert stored.version == version and stored.publisher == "Cumbria Constabulary"
        assert shown_name(store) == f"Version {version}"
    assert [v.version for v in store.versions("cumbria")] == [3, 4, 5][-limits.STORE_VERSIONS_KEPT :]
    assert store.pack_ids() == ["cumbria"]
    assert not (store.root / ".incoming").exists() or not any((store.root / ".incoming").iterdir())


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ("unsigned", "no signature beside it"),
        ("wrong key", "not trusted"),
        ("tampered", "does not match"),
        ("out of date", "out of date"),
    ],
)
def test_a_refused_bundle_leaves_the_store_as_it_was(store: Store, tmp_path: Path, change: str, reason: str) -> None:
    store.import_bundle(bundle(tmp_path, 1), KEYS, TODAY)
    kw: dict[str, object] = {}
    if change == "unsigned":
        kw["key"] = None
    elif change == "wrong key":
        kw["key"] = "KEY-EVIL"
    elif change == "out of date":
        kw["valid_until"] = TODAY - dt.timedelta(days=1)
    path = bundle(tmp_path, 2, **kw)
    if change == "tampered":
        data = bytearray(path.read_bytes())
        data[len(data) // 2] ^= 1
        path.write_bytes(bytes(data))
    with pytest.raises(ImportRefused, match=reason):
        store.import_bundle(path, KEYS, TODAY)
    assert shown_name(store) == "Version 1"
    assert [v.version for v in store.versions("cumbria")] == [1]


def test_a_version_that_does_not_load_is_refused_and_remembered(store: Store, tmp_path: Path) -> None:
    store.import_bundle(bundle(tmp_path, 1), KEYS, TODAY)
    folder = pack_folder(tmp_path / "src", "cumbria", "Broken")
    (folder / "pack.toml").write_text((folder / "pack.toml").read_text().replace('kind = "poster"', 'kind = "nope"'))
    with pytest.raises(ImportRefused, match="does not load"):
        store.import_bundle(build(folder, tmp_path / "share" / "b.kioskpack", 2), KEYS, TODAY)
    assert shown_name(store) == "Version 1"
    assert 2 in store.bad("cumbria") and 2 in store.known("cumbria")


def test_rollback_goes_back_to_the_previous_version_and_never_retries(store: Store, tmp_path: Path) -> None:
    store.import_bundle(bundle(tmp_path, 1), KEYS, TODAY)
    store.import_bundle(bundle(tmp_path, 2), KEYS, TODAY)
    back = store.rollback("cumbria", "the kiosk could not show it", TODAY)
    assert back is not None and back.version == 1
    assert shown_name(store) == "Version 1"
    assert store.bad("cumbria") == {2: "the kiosk could not show it"}
    assert store.usable("cumbria", TODAY).version == 1  # type: ignore[union-attr]
    assert store.rollback("cumbria", "again", TODAY) is None, "nothing older: the built-in pack"
    assert store.usable("cumbria", TODAY) is None


def test_expiry_falls_back_to_the_newest_version_in_date_then_to_none(store: Store, tmp_path: Path) -> None:
    store.import_bundle(bundle(tmp_path, 1, valid_until=TODAY + dt.timedelta(days=30)), KEYS, TODAY)
    store.import_bundle(bundle(tmp_path, 2, valid_until=TODAY + dt.timedelta(days=3)), KEYS, TODAY)
    assert shown_name(store) == "Version 2"
    later = TODAY + dt.timedelta(days=4)
    assert store.usable("cumbria", later).version == 1  # type: ignore[union-attr]
    assert store.usable("cumbria", TODAY + dt.timedelta(days=31)) is None
    assert store.current("cumbria").days_left(TODAY) == 3  # type: ignore[union-attr]


def test_a_share_gone_mid_copy_changes_nothing(store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store.import_bundle(bundle(tmp_path, 1), KEYS, TODAY)
    path = bundle(tmp_path, 2)
    import kiosk.core.store as store_module

    def vanished(source: Path, dest: Path, max_bytes: int) -> None:
        dest.write_bytes(source.read_bytes()[:100])
        raise OSError(112, "Host is down")

    monkeypatch.setattr(store_module, "_copy_limited", vanished)
    with pytest.raises(StoreError, match="could not be imported into the store"):
        store.import_bundle(path, KEYS, TODAY)
    assert shown_name(store) == "Version 1"
    assert not any((store.root / ".incoming").iterdir())


CHILD = textwrap.dedent(
    """
    import datetime as dt, os, signal, sys
    from pathlib import Path
    sys.path.insert(0, {root!r})
    from kiosk.core.store import Store
    from tests.bundle_standin import StandinBundles

    def step(name):
        if name == {at!r}:
            os.kill(os.getpid(), signal.SIGKILL)

    store = Store(Path({store!r}), StandinBundles())
    store.import_bundle(Path({bundle!r}), ("KEY-A",), dt.date(2026, 12, 2), step)
    """
)


@pytest.mark.parametrize("at", [*STEPS[:-1], "prune"])
def test_kill_9_at_each_step_of_an_import_leaves_a_complete_pack(
    store: Store, tmp_path: Path, at: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A kiosk killed mid-import (power cut, kill -9) starts next time with version 1 or 2 whole, never a mix."""
    for version in (1, 2, 3):
        store.import_bundle(bundle(tmp_path, version), KEYS, TODAY)
    new = bundle(tmp_path, 4, title="Version 4")
    code = CHILD.format(root=str(ROOT), at=at, store=str(store.root), bundle=str(new))
    if at == "prune":  # killed while the oldest version is being deleted
        code = code.replace("def step(name):", "import shutil\n_r = shutil.rmtree\ndef step(name):")
        code = code.replace(
            "store = Store(",
            "shutil.rmtree = lambda p, **kw: "
            "os.kill(os.getpid(), signal.SIGKILL) if 'old-' in str(p) else _r(p, **kw)\n"
            "store = Store(",
        )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == -signal.SIGKILL, result.stderr
    restarted = Store(store.root, StandinBundles())
    restarted.clean()  # what the next start does first
    name = shown_name(restarted)
    expected = {"Version 3"} if at in ("copied", "verified", "unpacked", "moved") else {"Version 4"}
    assert name in expected, f"killed after {at!r}: {name}"
    for stored in restarted.versions("cumbria"):  # every version left is complete and loads
        assert validate(stored.pack_dir)[0] is not None
    assert not (restarted.root / ".incoming").exists()
    # and the next import still works
    again = restarted.import_bundle(bundle(tmp_path, 5), KEYS, TODAY)
    assert again.version == 5 and shown_name(restarted) == "Version 5"
    os.sync()


def test_a_version_that_cannot_be_removed_yet_does_not_undo_an_import(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On Windows a file of an old version may still be open: the import stands, the next one prunes it."""
    for version in (1, 2, 3):
        store.import_bundle(bundle(tmp_path, version), KEYS, TODAY)

    def busy(folder: Path) -> None:
        raise PermissionError(13, "The process cannot access the file because it is being used")

    monkeypatch.setattr(store, "_discard", busy)
    assert store.import_bundle(bundle(tmp_path, 4), KEYS, TODAY).version == 4
    assert shown_name(store) == "Version 4" and len(store.versions("cumbria")) == 4
    monkeypatch.undo()
    store.import_bundle(bundle(tmp_path, 5), KEYS, TODAY)
    assert [v.version for v in store.versions("cumbria")] == [3, 4, 5]
