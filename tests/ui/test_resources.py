"""resources.qrc lists every QML file, font and artwork file, and every SVG in it draws with QtSvg."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QFile
from PySide6.QtSvg import QSvgRenderer

from kiosk.core import paths
from kiosk.core.pack import load

from ..conftest import ROOT

QRC = ROOT / "resources.qrc"


def listed() -> dict[str, Path]:
    """Resource path (":/prefix/alias") -> file on disk."""
    out: dict[str, Path] = {}
    for res in ET.parse(QRC).getroot().iter("qresource"):
        prefix = res.get("prefix", "/").rstrip("/")
        for f in res.iter("file"):
            alias = f.get("alias") or f.text or ""
            out[f":{prefix}/{alias}"] = ROOT / (f.text or "")
    return out


def test_every_listed_file_exists_and_is_compiled_in() -> None:
    import kiosk.ui.resources_rc  # noqa: F401

    for resource, source in listed().items():
        assert source.is_file(), f"{resource}: {source} is missing"
        assert QFile.exists(resource), f"{resource} is not in the compiled resources; reinstall (pip install -e .)"


def test_every_qml_file_font_and_artwork_is_listed() -> None:
    files = set(listed().values())
    wanted = list((ROOT / "kiosk" / "qml" / "Kiosk").iterdir()) + list((ROOT / "assets" / "fonts").glob("*.ttf"))
    wanted += list((ROOT / "kiosk" / "qml" / "Studio").iterdir())  # kiosk studio's window
    wanted += list((ROOT / "assets" / "packs").glob("*/art/*.svg"))
    missing = sorted(str(p.relative_to(ROOT)) for p in wanted if p not in files)
    assert missing == []


def test_qmldir_names_every_qml_file() -> None:
    qmldir = (ROOT / "kiosk" / "qml" / "Kiosk" / "qmldir").read_text()
    for qml in (ROOT / "kiosk" / "qml" / "Kiosk").glob("*.qml"):
        assert re.search(rf"\b{qml.stem} 1\.0 {qml.name}\b", qmldir), f"{qml.name} is not in qmldir"


@pytest.mark.parametrize("resource", [r for r in listed() if r.endswith(".svg")] or ["(no svg yet)"])
def test_every_svg_parses_with_qtsvg(qapp, resource: str) -> None:
    if resource == "(no svg yet)":
        pytest.skip("no artwork listed yet")
    renderer = QSvgRenderer(resource)
    assert renderer.isValid(), f"{resource} does not parse"
    size = renderer.defaultSize()
    assert size.width() >= 1000 and size.height() >= 900, "artwork is drawn at full size, as vectors"
    text = listed()[resource].read_text()
    assert "<text" not in text, "words stay text laid by the app, never drawn into the art"
    assert "<image" not in text, "no embedded bitmaps: the art must stay sharp at 4K"
    assert not re.search(r'#[0-9a-fA-F]{4}"', text), "QtSvg draws #RGBA colours as black"


@pytest.mark.parametrize("name", paths.builtin_pack_names() or ["(none yet)"])
def test_every_panel_a_pack_references_exists(name: str) -> None:
    if name == "(none yet)":
        pytest.skip("no built-in pack yet")
    pack = load(paths.builtin_packs_dir() / name)
    for page in pack.pages:
        images = [page.data.get("image")] + [p["image"] for p in page.data.get("panels", ())]
        for image in filter(None, images):
            assert (pack.root / image).is_file()
            assert (pack.root / image) in set(listed().values()), f"{image} is not in resources.qrc"
