"""Reading and writing files safely: the one place the kiosk touches a file a person or a disk may have spoiled.

Reading: only a regular file is read (a FIFO would wait for ever, a device or a huge file would fill memory), and
never more than its limit (kiosk.core.limits). Writing: to a temporary file in the same folder, flushed and
synced, then renamed over the target, so a power cut, a full disk or a vanished folder leaves the old file or the
new one, never half of one; and only a regular file (or nothing) is ever replaced.
"""

from __future__ import annotations

import logging
import os
import stat
import tempfile
from pathlib import Path

log = logging.getLogger(__name__)


class FileProblem(OSError):  # noqa: N818 - a problem with a file, not a program error
    """A file that cannot be used; the message names the file and says why in a school IT person's words."""


def _read_to_end(fd: int, first: int, max_bytes: int) -> bytes:
    """Read until the end, or just past `max_bytes`: one read when the size fstat gave still holds (plain os.read:
    a buffered file object costs more than the read itself for the report's many small files)."""
    data = os.read(fd, first)
    if len(data) < first:  # a short read of a regular file: its end
        return data
    chunks = [data]
    total = len(data)
    while total <= max_bytes:
        chunk = os.read(fd, max_bytes + 1 - total)
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    return b"".join(chunks)


def read_bytes(path: Path | str, max_bytes: int) -> bytes:
    """The bytes of a regular file of at most `max_bytes`; FileNotFoundError when there is none, else FileProblem."""
    try:
        # O_NONBLOCK: opening a FIFO with no writer must not wait; a regular file ignores the flag.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        raise
    except OSError as error:
        raise FileProblem(f"{path}: cannot be opened: {error.strerror or error}") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise FileProblem(f"{path}: is not a regular file")
        if info.st_size > max_bytes:
            raise FileProblem(f"{path}: is {info.st_size:,} bytes; at most {max_bytes:,} are read")
        data = _read_to_end(fd, min(info.st_size, max_bytes) + 1, max_bytes)
    except OSError as error:
        if isinstance(error, FileProblem):
            raise
        raise FileProblem(f"{path}: cannot be read: {error.strerror or error}") from None
    finally:
        os.close(fd)
    if len(data) > max_bytes:  # it grew while being read
        raise FileProblem(f"{path}: is over {max_bytes:,} bytes; at most {max_bytes:,} are read")
    return data


def read_text(path: Path, max_bytes: int) -> str:
    """A regular UTF-8 text file of at most `max_bytes` (see read_bytes); FileProblem when it is not UTF-8."""
    data = read_bytes(path, max_bytes)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise FileProblem(f"{path}: is not UTF-8 text (byte {error.start + 1})") from None


def check_replaceable(path: Path) -> None:
    """Raise FileProblem unless `path` is missing or a regular file: a folder, link, FIFO or device is never
    replaced by a write."""
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return
    if not stat.S_ISREG(info.st_mode):
        what = "a folder" if stat.S_ISDIR(info.st_mode) else "not a regular file"
        raise FileProblem(f"{path}: is {what}; only a regular file is replaced")


def atomic_write(path: Path, data: bytes | str) -> Path:
    """Write `data` to `path` completely or not at all (see the module's note); raises OSError on failure,
    after removing the temporary file."""
    path = Path(path)
    check_replaceable(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp_name, path)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
    sync_folder(path.parent)
    return path


def sync_folder(folder: Path) -> None:
    """Make a rename durable (POSIX); Windows has no folder handles to sync."""
    if os.name != "posix":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
