"""Logging for an unattended kiosk: a bounded, rotating file in the per-user log folder, plus stderr.

If the log folder cannot be written (a full disk, a read-only profile) the kiosk keeps running and logs to
stderr only: losing a log line must never stop the campaign on screen.
"""

from __future__ import annotations

import logging
import logging.handlers
import sys
from pathlib import Path

from kiosk.core import paths

LOG_FILE = "kiosk.log"
MAX_BYTES = 1_000_000
BACKUPS = 5
FORMAT = "%(asctime)s %(levelname)-7s %(name)s: %(message)s"


class _SafeRotatingHandler(logging.handlers.RotatingFileHandler):
    """A rotating file handler that drops a record it cannot write instead of printing a traceback each time."""

    def handleError(self, record: logging.LogRecord) -> None:  # noqa: N802 - logging's name
        pass


def setup_logging(verbose: bool = False, to_file: bool = True, name: str = LOG_FILE) -> Path | None:
    root = logging.getLogger()
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    for handler in list(root.handlers):
        if getattr(handler, "_kiosk", False):
            root.removeHandler(handler)
    console = logging.StreamHandler(sys.stderr)
    console.setLevel(logging.DEBUG if verbose else logging.WARNING)
    console.setFormatter(logging.Formatter("kiosk: %(levelname)s: %(message)s"))
    console._kiosk = True  # type: ignore[attr-defined]
    root.addHandler(console)
    if not to_file:
        return None
    try:
        folder = paths.log_dir()
        folder.mkdir(parents=True, exist_ok=True)
        handler = _SafeRotatingHandler(folder / name, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8")
    except OSError as error:
        logging.getLogger(__name__).warning("no log file (%s); logging to the console only", error)
        return None
    handler.setFormatter(logging.Formatter(FORMAT))
    handler._kiosk = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    return folder / name


def log_exception(error: BaseException, name: str = LOG_FILE) -> Path | None:
    """Write `error` with its traceback to the log file only (never the console); returns the file, or None
    when no log can be written. For `kiosk` commands, where the user sees one line and IT reads the log."""
    crash = logging.getLogger("kiosk.crash")
    crash.propagate = False  # the console handler would print the traceback
    try:
        folder = paths.log_dir()
        folder.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(
            folder / name, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8"
        )
    except OSError:
        return None
    handler.setFormatter(logging.Formatter(FORMAT))
    crash.addHandler(handler)
    try:
        crash.error("unexpected error in %s", " ".join(sys.argv), exc_info=(type(error), error, error.__traceback__))
    finally:
        crash.removeHandler(handler)
        handler.close()
    return folder / name
