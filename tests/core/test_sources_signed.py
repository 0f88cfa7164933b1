"""Sources and store with the real bundles and minisign signatures (kiosk.core.bundle, kiosk.core.signing)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from kiosk.core.signing import PublicKey, generate_keypair
from kiosk.core.sources import Scanner
from kiosk.core.store import Store

from ..bundle_standin import signed

TODAY = dt.date(2026, 12, 2)


def test_signed_bundles_are_chosen_verified_and_imported(tmp_path: Path) -> None:
    share = tmp_path / "share"
    share.mkdir()
    (tmp_path / "keys").mkdir()
    (tmp_path / "other").mkdir()
    secret, public = generate_keypair(tmp_path / "keys", None)
    other_secret, _ = generate_keypair(tmp_path / "other", None)
    signed(tmp_path, share, secret, 1)
    signed(tmp_path, share, secret, 2, valid_until=TODAY + dt.timedelta(days=30))
    signed(tmp_path, share, other_secret, 3)  # newer, signed by a key the kiosk does not trust
    store = Store(tmp_path / "data" / "packs")
    scanner = Scanner(
        store, [PublicKey.parse(public.read_text())], [share], find_usb=list, today=lambda: TODAY, wall=lambda: 4e9
    )
    result = scanner.scan()
    assert [(v.version, v.valid_until) for v in result.imported] == [(2, TODAY + dt.timedelta(days=30))]
    assert [r.path.name for r in result.refused] == ["cumbria-3.kioskpack"]
    assert ".incoming" not in result.refused[0].reason, "the reason names no temporary file of the store"
    stored = store.usable("cumbria", TODAY)
    assert stored is not None and (stored.pack_dir / "pack.toml").is_file()
    assert stored.publisher == "Cumbria Constabulary"
