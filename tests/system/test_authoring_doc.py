"""docs/authoring.md, the authors' walk-through: reachable from the README, its pictures there and small."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "authoring.md"


def test_the_readme_and_the_format_link_the_walk_through() -> None:
    assert "(docs/authoring.md)" in (ROOT / "README.md").read_text(encoding="utf-8")
    assert "(authoring.md)" in (ROOT / "docs" / "pack-format.md").read_text(encoding="utf-8")


def test_its_pictures_are_there_and_small() -> None:
    text = DOC.read_text(encoding="utf-8")
    pictures = re.findall(r"!\[[^\]]+\]\(([^)]+\.png)\)", text)
    assert len(pictures) >= 4
    sizes = {name: (DOC.parent / name).stat().st_size for name in pictures}
    assert all(size > 5_000 for size in sizes.values())  # a real screenshot, not an empty file
    assert sum(sizes.values()) < 400_000, sizes


def test_its_links_to_other_documents_resolve() -> None:
    text = DOC.read_text(encoding="utf-8")
    for target in re.findall(r"\]\(([^)#]+\.md)(?:#[^)]*)?\)", text):
        assert (DOC.parent / target).is_file(), target
