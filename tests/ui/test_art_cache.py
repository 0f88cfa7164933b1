"""Pack pictures kept as PNG per size: the same pixels as Qt's own drawing of the SVG, used on the next start,
redrawn when the file changes, and never in the way when the cache folder is damaged or full."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QRect, QUrl

from kiosk.core import paths
from kiosk.ui.art import ArtCache, draw_into_cache, kept_name, prune
from kiosk.ui.render import grab, settle, walk
from kiosk.ui.scene import Scene

from ..qml_helpers import scene_rect

CUMBRIA = paths.builtin_packs_dir() / "cumbria"


def _pictures(s: Scene) -> list[tuple[str, int, int, str]]:
    """(pack file URL, width, height, URL the Image loads) of every picture on screen."""
    out = []
    for holder in walk(s.window.contentItem()):
        if holder.isVisible() and holder.property("pixelWidth") is not None and holder.property("source"):
            image = holder.childItems()[0]
            out.append(
                (
                    holder.property("source"),
                    holder.property("pixelWidth"),
                    holder.property("pixelHeight"),
                    image.property("source").toString(),
                )
            )
    return out


def _boxes(s: Scene) -> list[QRect]:
    """Where the pictures are on screen."""
    return [
        scene_rect(h).toAlignedRect()
        for h in walk(s.window.contentItem())
        if h.isVisible() and h.property("pixelWidth") is not None and h.property("source")
    ]


def test_a_kept_picture_shows_exactly_what_the_svg_showed(make_kiosk) -> None:
    folder = paths.cache_dir() / "art"
    first = make_kiosk(CUMBRIA, (1920, 1080), auto_advance=False, idle_timeout=None)
    story = next(i for i, p in enumerate(first.controller.engine.pages) if p.kind == "story")
    shots, drawn = [], []
    for page in (0, story):
        first.controller.goTo(page)
        settle(first.window)
        pictures = _pictures(first)
        assert pictures and all(url.endswith(".svg") for *_, url in pictures), "nothing kept yet: the SVG itself"
        for source, w, h, _ in pictures:
            drawn.append(draw_into_cache(Path(QUrl(source).toLocalFile()), w, h, folder))
        # drawn whole, as `kiosk render` does: a frame pieced together from earlier ones may be a shade off
        shots.append(grab(first))
    assert all(drawn) and len(list(folder.glob("*.png"))) >= 2

    second = make_kiosk(CUMBRIA, (1920, 1080), auto_advance=False, idle_timeout=None)
    for page, shot in zip((0, story), shots, strict=True):
        second.controller.goTo(page)
        settle(second.window)
        assert all(Path(QUrl(url).toLocalFile()).parent == folder for *_, url in _pictures(second))
        got = grab(second)
        for box in _boxes(second):
            assert got.copy(box) == shot.copy(box), "the same pixels, from the PNG"


def test_a_changed_file_is_not_shown_from_the_old_picture(tmp_path: Path) -> None:
    svg = tmp_path / "poster.svg"
    svg.write_text((CUMBRIA / "art" / "poster.svg").read_text(encoding="utf-8"), encoding="utf-8")
    cache = ArtCache(tmp_path / "art")
    url = QUrl.fromLocalFile(str(svg)).toString()
    assert draw_into_cache(svg, 400, 400, cache.folder) is not None
    assert cache.url(url, 400, 400).endswith(".png")
    assert cache.url(url, 500, 400) == url, "another size is another picture"
    svg.write_text(svg.read_text(encoding="utf-8").replace("#", "#0"), encoding="utf-8")  # edited by staff
    os.utime(svg, ns=(svg.stat().st_atime_ns, svg.stat().st_mtime_ns + 10**9))
    assert cache.url(url, 400, 400) == url, "the edited SVG is drawn, not the kept picture of the old one"
    cache.stop()


def test_pictures_show_when_the_cache_folder_cannot_be_written(tmp_path: Path) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder should be")
    svg = CUMBRIA / "art" / "poster.svg"
    assert draw_into_cache(svg, 300, 300, blocked / "art") is None
    cache = ArtCache(blocked / "art")
    url = QUrl.fromLocalFile(str(svg)).toString()
    assert cache.url(url, 300, 300) == url
    assert cache.url("", 300, 300) == "" and cache.url("qrc:/x.svg", 300, 300) == "qrc:/x.svg"
    cache.stop()


def test_the_cache_folder_stays_under_its_limit_oldest_first(tmp_path: Path) -> None:
    svg = CUMBRIA / "art" / "poster.svg"
    kept = [draw_into_cache(svg, n, n, tmp_path) for n in (100, 200, 300, 400)]
    assert all(kept)
    for age, file in enumerate(reversed(kept)):  # 400 is the newest, 100 the oldest
        os.utime(file, (1_000_000 - age * 100, 1_000_000 - age * 100))
    sizes = {f.name: f.stat().st_size for f in tmp_path.glob("*.png")}
    limit = sizes[kept[3].name] + sizes[kept[2].name]
    assert prune(tmp_path, limit) == 2
    assert sorted(f.name for f in tmp_path.glob("*.png")) == sorted([kept[2].name, kept[3].name])
    assert kept_name(tmp_path / "missing.svg", 10, 10) is None
