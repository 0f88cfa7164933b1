"""What the kiosk has imported when its first page is on screen (issue 20, start-up): only what that frame needs.

The real `kiosk` process, offscreen, with `--exit-after-first-frame` (it ends on the first complete frame); a
wrapper records `sys.modules` at that moment. The handout, the report, the signing and bundle code, the pack
sources, the outbox, the supervisor's subprocess handling and OpenSSL's hashes are each imported when first used,
after the first frame (bench/README.md, start-up round 2). Not timed.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.core import paths, qr
from kiosk.core.pack import validate
from kiosk.core.signing import generate_keypair

ROOT = Path(__file__).resolve().parents[2]

# Exits through os._exit (run.py skips teardown): write sys.modules just before.
WRAPPER = """
import json, os, sys
out, real_exit = sys.argv[1], os._exit
def record_and_exit(code):
    with open(out, "w") as f:
        json.dump(sorted(sys.modules), f)
    real_exit(code)
os._exit = record_and_exit
from kiosk.cli import main
sys.exit(main(sys.argv[2:]))
"""

NOT_BEFORE_THE_FIRST_FRAME = (
    "kiosk.ui.handout",
    "kiosk.ui.render",
    "kiosk.ui.pack_watch",
    "kiosk.core.report",
    "kiosk.core.report_html",
    "kiosk.core.outbox",
    "kiosk.core.outbox_format",
    "kiosk.core.sources",
    "kiosk.core.signing",
    "kiosk.core.bundle",
    "kiosk.core.autostart",
    "subprocess",
    "hashlib",
    "hmac",
    "secrets",
    "segno",
    "pygal",
    "msgspec",
    "multiprocessing",
    "PySide6.QtWidgets",
    "PySide6.QtSvg",
    "PySide6.QtPdf",
)


def modules_at_first_frame(home: Path, out: Path, policy: Path, *args: str) -> set[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", KIOSK_HOME=str(home), KIOSK_POLICY=str(policy))
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    command = [sys.executable, "-c", WRAPPER, str(out), "--pack", "cumbria", "--exit-after-first-frame", *args]
    result = subprocess.run(command, capture_output=True, text=True, timeout=90, env=env)
    assert result.returncode == 0, result.stderr[-3000:]
    return set(json.loads(out.read_text()))


def keep_the_qr_codes(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The QR codes' cache as a kiosk that has shown its help page has it (kiosk.core.qr: segno is imported
    only to make a code that is not kept yet)."""
    monkeypatch.setenv("KIOSK_HOME", str(home))
    pack, problems = validate(paths.builtin_packs_dir() / "cumbria")
    assert pack is not None, problems
    urls = [link["url"] for page in pack.pages for link in page.data.get("links", ())]
    assert urls
    qr.matrix.cache_clear()  # codes an earlier test made in this process are remembered, not written again
    for url in urls:
        qr.matrix(url)
    assert (home / "cache" / qr.CACHE_NAME).is_file()


def test_the_first_frame_comes_before_the_modules_it_does_not_need(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Even with pack sources in the policy (their scan starts two seconds later), a warm start imports none of
    them: the second start, the one every later start repeats."""
    share = tmp_path / "share"
    share.mkdir()
    _secret, public = generate_keypair(tmp_path, None)
    key_line = public.read_text().strip().splitlines()[-1]
    policy = tmp_path / "policy.toml"
    policy.write_text(f'[packs]\nsources = ["{share}"]\ntrusted_keys = ["{key_line}"]\n')
    home = tmp_path / "home"
    keep_the_qr_codes(home, monkeypatch)
    modules_at_first_frame(home, tmp_path / "first.json", policy, "--windowed")
    loaded = modules_at_first_frame(home, tmp_path / "second.json", policy, "--windowed")

    assert "kiosk.ui.run" in loaded and "PySide6.QtQuick" in loaded  # the wrapper saw a real start
    assert sorted(m for m in NOT_BEFORE_THE_FIRST_FRAME if m in loaded) == []
