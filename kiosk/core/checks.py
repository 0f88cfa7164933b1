"""Checks before a pack ships: the mistakes that matter in a safeguarding campaign, beyond what validation refuses.

Validation (kiosk.core.pack) decides whether a pack can be shown at all. These checks decide whether it should
go out: contrast, screen-reader descriptions, reading age, links and phone numbers, provenance against the
campaign's own texts, translations and dates. Each finding names file, line and field as a Problem does; an
error stops `kiosk check` (exit 1), a warning is printed and does not.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from pathlib import Path

from kiosk.core.pack import Pack

log = logging.getLogger(__name__)


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Finding:
    """One thing to fix (an error) or to look at (a warning) before a pack ships, located for a human editor."""

    severity: Severity
    file: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        label = "warning: " if self.severity is Severity.WARNING else ""
        return f"{self.file}:{self.line}: {self.field}: {label}{self.message}"


def check_pack(pack: Pack, root: Path, *, today: date, sources: Path | None = None) -> list[Finding]:
    """Every finding for a validated pack in `root`, sorted by line (first version: no checks yet)."""
    return []
