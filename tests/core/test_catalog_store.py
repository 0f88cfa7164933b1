"""The catalog knows the store: a stored pack wins, expiry falls back, a version that fails to load is rolled back."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from kiosk.core import catalog, paths
from kiosk.core.store import Store

from ..bundle_standin import StandinBundles, build, pack_folder

TODAY = dt.date(2026, 12, 2)


@pytest.fixture
def store(kiosk_home: Path) -> Store:
    return Store(paths.data_dir() / "packs", StandinBundles())


def put(store: Store, tmp_path: Path, pack_id: str, version: int, **kw: object) -> None:
    folder = pack_folder(tmp_path / "src", pack_id, f"{pack_id} {version}")
    store.import_bundle(build(folder, tmp_path / f"{pack_id}-{version}.kioskpack", version, **kw), ("KEY-A",), TODAY)  # type: ignore[arg-type]


def test_a_stored_pack_is_shown_and_offered(store: Store, tmp_path: Path) -> None:
    put(store, tmp_path, "cumbria", 1)
    put(store, tmp_path, "lancashire", 1)
    pack, problems = catalog.load_pack_or_fallback("cumbria", TODAY, store)
    assert (pack.name, problems) == ("cumbria 1", [])
    assert "lancashire" in catalog.available_packs()


def test_expiry_falls_back_to_an_older_version_then_to_the_built_in_pack(store: Store, tmp_path: Path) -> None:
    put(store, tmp_path, "cumbria", 1, valid_until=TODAY + dt.timedelta(days=10))
    put(store, tmp_path, "cumbria", 2, valid_until=TODAY + dt.timedelta(days=5))
    assert catalog.load_pack_or_fallback("cumbria", TODAY, store)[0].name == "cumbria 2"
    assert catalog.load_pack_or_fallback("cumbria", TODAY + dt.timedelta(days=6), store)[0].name == "cumbria 1"
    built_in, problems = catalog.load_pack_or_fallback("cumbria", TODAY + dt.timedelta(days=11), store)
    assert built_in.name != "cumbria 1" and built_in.id == "cumbria" and problems == []


def test_a_stored_pack_with_no_version_left_is_replaced_by_the_default_with_a_reason(
    store: Store, tmp_path: Path
) -> None:
    put(store, tmp_path, "lancashire", 1, valid_until=TODAY)
    pack, problems = catalog.load_pack_or_fallback("lancashire", TODAY + dt.timedelta(days=1), store)
    assert pack.id == paths.DEFAULT_PACK
    assert [p.message for p in problems] == ["no stored version is in date and loads"]


def test_a_stored_version_that_fails_to_load_is_rolled_back(store: Store, tmp_path: Path) -> None:
    put(store, tmp_path, "cumbria", 1)
    put(store, tmp_path, "cumbria", 2)
    spoiled = store.current("cumbria")
    assert spoiled is not None
    (spoiled.pack_dir / "pack.toml").write_text("not toml [")
    pack, problems = catalog.load_pack_or_fallback("cumbria", TODAY, store)
    assert (pack.name, problems) == ("cumbria 1", [])
    assert store.current_version("cumbria") == 1 and 2 in store.bad("cumbria")
