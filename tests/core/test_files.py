"""kiosk.core.files: what is read and what is replaced."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kiosk.core.files import FileProblem, atomic_write, read_bytes, read_text


def test_a_fifo_is_refused_at_once_instead_of_waiting_for_a_writer(tmp_path: Path) -> None:
    fifo = tmp_path / "pack.toml"
    os.mkfifo(fifo)
    with pytest.raises(FileProblem, match="not a regular file"):
        read_text(fifo, 1000)


def test_a_file_over_its_limit_is_refused_with_its_size(tmp_path: Path) -> None:
    big = tmp_path / "big.toml"
    big.write_bytes(b"x" * 2001)
    with pytest.raises(FileProblem, match="2,001 bytes"):
        read_bytes(big, 2000)
    assert read_bytes(big, 2001) == b"x" * 2001


def test_text_that_is_not_utf8_names_the_byte(tmp_path: Path) -> None:
    bad = tmp_path / "a.toml"
    bad.write_bytes(b"ok = 1\n\xff")
    with pytest.raises(FileProblem, match="byte 8"):
        read_text(bad, 100)


def test_a_missing_file_is_file_not_found(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        read_text(tmp_path / "none", 100)


def test_atomic_write_replaces_a_file_and_leaves_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    target.write_text("old")
    atomic_write(target, "new")
    assert target.read_text() == "new"
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]


def test_atomic_write_never_replaces_a_folder_or_a_link(tmp_path: Path) -> None:
    (tmp_path / "folder").mkdir()
    with pytest.raises(FileProblem, match="a folder"):
        atomic_write(tmp_path / "folder", "x")
    (tmp_path / "real").write_text("keep")
    (tmp_path / "link").symlink_to(tmp_path / "real")
    with pytest.raises(FileProblem, match="not a regular file"):
        atomic_write(tmp_path / "link", "x")
    assert (tmp_path / "real").read_text() == "keep"


def test_a_failed_write_keeps_the_old_file_and_leaves_nothing_behind(tmp_path: Path) -> None:
    target = tmp_path / "gone" / "out.csv"
    with pytest.raises(OSError):
        atomic_write(target, "x")  # the folder vanished
    assert not (tmp_path / "gone").exists()
