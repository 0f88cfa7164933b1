"""The frozen build's QML is compiled ahead of time (issue 20, start-up): no start compiles QML, not even the first.

build_installer.compile_qml() runs Qt's qmlcachegen on every QML document in resources.qrc and names each unit as
Qt's QML engine looks for it in QML_DISK_CACHE_PATH; the frozen kiosk points that at its bundled copy
(kiosk.ui.app.qml_cache_dir). The engine writes a unit only for a document it had to compile, so a cache folder
that a real start leaves unchanged proves it compiled nothing. Not timed.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

import build_installer as bi
from kiosk.core import paths
from kiosk.ui import app as qtapp

from ..conftest import ROOT

FROZEN_APP = ROOT / "dist" / bi.NAME


def fingerprint(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def start_once(command: list[str], home: Path, cache: Path | None) -> None:
    """One real start to its first complete frame, offscreen, in its own kiosk home."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", KIOSK_HOME=str(home))
    env.pop("QML_DISK_CACHE_PATH", None)
    env.pop("QML_DISABLE_DISK_CACHE", None)
    if cache is not None:
        env["QML_DISK_CACHE_PATH"] = str(cache)
    if not command[0].endswith(bi.NAME):
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    result = subprocess.run(
        [*command, "--pack", "cumbria", "--windowed", "--exit-after-first-frame"],
        capture_output=True,
        text=True,
        timeout=90,
        env=env,
    )
    assert result.returncode == 0, result.stderr[-3000:]


def test_every_qml_document_is_compiled_under_the_name_the_engine_looks_for(tmp_path: Path) -> None:
    documents = bi.qml_resources()
    qrc = (ROOT / "resources.qrc").read_text()
    on_disk = sorted(p.name for p in (ROOT / "kiosk" / "qml" / "Kiosk").glob("*.qml"))
    assert sorted(Path(d).name for d in documents) == on_disk and all(f"{n}<" in qrc for n in on_disk)
    # QV4::CompiledData::CompilationUnit::localCacheFilePath: SHA-1 of the document's path, suffix + "c"
    assert bi.qml_cache_name(":/qt/qml/Kiosk/Main.qml") == "d5523708138242ed217e19ea2418fc48099622f1.qmlc"
    written = bi.compile_qml(tmp_path / "qmlcache")
    assert sorted(p.name for p in written) == sorted(bi.qml_cache_name(d) for d in documents)
    assert sorted(p.name for p in (tmp_path / "qmlcache").iterdir()) == sorted(p.name for p in written)
    assert all(p.read_bytes().startswith(b"qv4cdata") for p in written)


def test_a_start_with_the_compiled_units_compiles_no_qml(tmp_path: Path) -> None:
    compiled = tmp_path / "compiled"
    bi.compile_qml(compiled)
    before = fingerprint(compiled)
    start_once([sys.executable, "-m", "kiosk"], tmp_path / "home-a", compiled)
    assert fingerprint(compiled) == before, "the engine compiled a document and wrote its unit"

    # The control: with an empty cache folder the same start compiles, and writes, a unit per document loaded.
    empty = tmp_path / "empty"
    empty.mkdir()
    start_once([sys.executable, "-m", "kiosk"], tmp_path / "home-b", empty)
    assert set(fingerprint(empty)) and set(fingerprint(empty)) <= set(before)


def test_the_frozen_kiosk_looks_in_its_bundled_units_and_source_in_the_user_cache(
    tmp_path: Path, kiosk_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert qtapp.qml_cache_dir() == kiosk_home / "cache" / "qmlcache"
    bundle = tmp_path / "_internal"
    monkeypatch.setattr(paths, "is_frozen", lambda: True)
    monkeypatch.setattr(paths, "assets_dir", lambda: bundle / "assets")
    assert qtapp.qml_cache_dir() == kiosk_home / "cache" / "qmlcache"  # a build without them still works
    (bundle / qtapp.BUNDLED_QML_CACHE).mkdir(parents=True)
    assert qtapp.qml_cache_dir() == bundle / qtapp.BUNDLED_QML_CACHE


def test_the_frozen_kiosk_reads_its_bundled_units_and_never_writes_there(
    tmp_path: Path, kiosk_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    environ = {k: v for k, v in os.environ.items() if not k.startswith("QML_DISK_CACHE")}
    monkeypatch.setattr(os, "environ", environ)
    bundle = tmp_path / "_internal"
    (bundle / qtapp.BUNDLED_QML_CACHE).mkdir(parents=True)
    monkeypatch.setattr(paths, "is_frozen", lambda: True)
    monkeypatch.setattr(paths, "assets_dir", lambda: bundle / "assets")
    qtapp.prepare_environment()
    assert environ["QML_DISK_CACHE_PATH"] == str(bundle / qtapp.BUNDLED_QML_CACHE)
    assert environ["QML_DISK_CACHE"] == "aot,qmlc-read"  # a document not compiled ahead is compiled in memory
    # From source (or a build without bundled units) the user's own cache is read and written as Qt does by default.
    source = {k: v for k, v in environ.items() if not k.startswith("QML_DISK_CACHE")}
    monkeypatch.setattr(os, "environ", source)
    monkeypatch.setattr(paths, "is_frozen", lambda: False)
    qtapp.prepare_environment()
    assert source["QML_DISK_CACHE_PATH"] == str(kiosk_home / "cache" / "qmlcache") and "QML_DISK_CACHE" not in source


@pytest.mark.skipif(not (FROZEN_APP / bi.NAME).exists(), reason="no frozen build here (python build_installer.py)")
def test_the_frozen_build_brings_its_qml_compiled_and_compiles_none_at_start(tmp_path: Path) -> None:
    bundled = FROZEN_APP / "_internal" / qtapp.BUNDLED_QML_CACHE
    assert sorted(p.name for p in bundled.iterdir()) == sorted(bi.qml_cache_name(d) for d in bi.qml_resources())
    before = fingerprint(bundled)
    home = tmp_path / "home"
    start_once([str(FROZEN_APP / bi.NAME)], home, None)  # the first start after an install
    assert fingerprint(bundled) == before
    assert not (home / "cache" / "qmlcache").exists(), "the frozen kiosk compiled QML into the user's cache"
    # shiboken6's support code comes as byte code, not compiled from the source in its library at every start
    support = FROZEN_APP / "_internal" / "shiboken6" / "files.dir" / "shibokensupport" / "signature" / "loader.pyc"
    assert support.is_file() and not support.with_suffix(".py").exists()
