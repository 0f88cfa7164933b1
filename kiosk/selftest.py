"""`kiosk --selftest`: prove on this machine that the kiosk can show every built-in page.

The installer runs it before switching to a new version, and CI runs it on the frozen build: it renders every
page of every built-in pack offscreen, decodes every QR code it drew, and checks that the fonts, the artwork
and the QML loaded without a single Qt warning. Prints one line per check, then OK or FAILED; exit 0 or 1.
"""

from __future__ import annotations

import logging
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from kiosk.core import paths
from kiosk.core.pack import Pack, validate

log = logging.getLogger(__name__)

FONT_FAMILIES = ("Atkinson Hyperlegible", "Kiosk Figures", "Comic Neue", "Font Awesome 6 Free Solid")
SIZE = (1280, 720)


class Checks:
    def __init__(self, out: Callable[[str], None]) -> None:
        self.out = out
        self.failed = 0

    def report(self, ok: bool, what: str) -> None:
        self.failed += 0 if ok else 1
        self.out(f"{'ok  ' if ok else 'FAIL'} {what}")


def _decode_qr_codes(pngs: list[Path], pack: Pack, checks: Checks) -> None:
    from PySide6.QtGui import QImage

    try:
        import zxingcpp
    except ImportError:
        # The frozen build bundles the decoder; from source it is a test extra.
        checks.report(not paths.is_frozen(), f"{pack.id}: QR decoder (zxing-cpp) not available")
        return
    for n, page in enumerate(pack.pages):
        links = sorted(link["url"] for link in page.data.get("links", ()))
        if not links:
            continue
        png = next((p for p in pngs if p.name == f"{n + 1:02d}-{page.id}.png"), None)
        found = sorted(r.text for r in zxingcpp.read_barcodes(QImage(str(png)))) if png else []
        checks.report(
            found == links, f"{pack.id}/{page.id}: {len(found)} of {len(links)} QR codes decode to their links"
        )


def _check_pin_hashing(checks: Checks) -> None:
    """The staff PIN needs scrypt (libsodium, as signatures do): the frozen build's trims must keep it."""
    from kiosk.core.pin import SCRYPT, check_pin, hash_pin

    stored = hash_pin("2468")
    ok = stored.method == SCRYPT and check_pin("2468", stored) and not check_pin("2469", stored)
    checks.report(ok, f"staff PIN hashing ({stored.method})")


def _check_translations(checks: Checks) -> None:
    """Every interface language compiled into the resources loads (the Welsh .qm must survive the build)."""
    from PySide6.QtCore import QCoreApplication

    from kiosk.ui import i18n

    app = QCoreApplication.instance()
    assert app is not None
    built_in = [code for code in i18n.available_languages() if code != i18n.DEFAULT]
    loaded = [code for code in built_in if i18n.set_language(app, None, code)]
    i18n.set_language(app, None, i18n.DEFAULT)
    checks.report(bool(built_in) and loaded == built_in, f"interface languages load: en, {', '.join(loaded)}")


def _check_stats_database(checks: Checks, folder: Path) -> None:
    """The anonymous counts need SQLite (the _sqlite3 module and its library) in the bundle."""
    try:
        from kiosk.core.stats import StatsDatabase

        db = StatsDatabase(folder / "stats-selftest.db")
        ok = db.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        db.close()
    except Exception as error:  # ImportError in a build without sqlite3, or a database error
        checks.report(False, f"anonymous counts database (SQLite): {error!r}")
        return
    checks.report(ok, "anonymous counts database (SQLite)")


def _check_signatures(checks: Checks) -> None:
    """Signed pack bundles need libsodium (PyNaCl and its _cffi_backend, which PyInstaller cannot see it import):
    sign a few bytes with a new key and verify them, and refuse them changed."""
    try:
        from kiosk.core import minisign_format as mf

        secret, public = mf.SecretKey.generate(None)
        signer = secret.unlock(None)
        signature = mf.Signature.parse(signer.sign(b"selftest", "selftest"))
        signature.verify(public, b"selftest")
        try:
            signature.verify(public, b"selftesT")
            ok = False
        except mf.SignatureMismatchError:
            ok = True
    except Exception as error:  # ImportError in a build without libsodium or cffi
        checks.report(False, f"bundle signatures (Ed25519, libsodium): {error!r}")
        return
    checks.report(ok, "bundle signatures (Ed25519, libsodium)")


def run_selftest(out: Callable[[str], None] = print) -> int:
    started = time.monotonic()
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler
    from PySide6.QtGui import QFontDatabase

    from kiosk.ui import app as qtapp
    from kiosk.ui.render import render_pack

    warnings: list[str] = []

    def on_message(mode: QtMsgType, _context: object, message: str) -> None:
        if mode != QtMsgType.QtDebugMsg and mode != QtMsgType.QtInfoMsg:
            warnings.append(message)

    checks = Checks(out)
    previous = qInstallMessageHandler(on_message)
    try:
        qtapp.prepare_environment(offscreen=True)
        qtapp.make_application()
        qtapp.load_resources()
        qtapp.load_fonts()
        families = set(QFontDatabase.families())
        for family in FONT_FAMILIES:
            checks.report(family in families, f"font {family}")
        _check_pin_hashing(checks)
        _check_signatures(checks)
        names = paths.builtin_pack_names()
        checks.report(bool(names), f"built-in packs found: {', '.join(names) or 'none'} in {paths.builtin_packs_dir()}")
        _check_translations(checks)
        with tempfile.TemporaryDirectory(prefix="kiosk-selftest-") as tmp:
            _check_stats_database(checks, Path(tmp))
            for name in names:
                pack, problems = validate(paths.builtin_packs_dir() / name)
                checks.report(pack is not None, f"{name}: pack is valid" + (f" ({problems[0]})" if problems else ""))
                if pack is None:
                    continue
                pngs = render_pack(pack, SIZE, Path(tmp) / name)
                blank = [p.name for p in pngs if p.stat().st_size < 4000]
                checks.report(
                    bool(pngs) and not blank,
                    f"{name}: {len(pngs)} pages rendered" + (f", blank: {blank}" if blank else ""),
                )
                _decode_qr_codes(pngs, pack, checks)
        checks.report(not warnings, f"no Qt warnings ({len(warnings)})" + (f": {warnings[0]}" if warnings else ""))
    except Exception as error:  # the self-test reports, it does not crash
        log.exception("selftest crashed")
        checks.report(False, f"selftest crashed: {error!r}")
    finally:
        qInstallMessageHandler(previous)
    out(f"selftest: {'OK' if checks.failed == 0 else 'FAILED'} ({time.monotonic() - started:.1f} s)")
    return 0 if checks.failed == 0 else 1


if __name__ == "__main__":
    sys.exit(run_selftest())
