"""List models that hand the pack to QML: one row per page, and per-page rows for tips, panels, links..."""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import QAbstractListModel, QByteArray, QModelIndex, QObject, QPersistentModelIndex, Qt, QUrl, Slot

from kiosk.core import qr_reach
from kiosk.core.pack import Pack, Page

log = logging.getLogger(__name__)

_Index = QModelIndex | QPersistentModelIndex


class RowsModel(QAbstractListModel):
    """A read-only list of dicts whose keys are the roles: tips, panels, bubbles, links, phones, options."""

    def __init__(self, rows: Sequence[Mapping[str, Any]], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows = [dict(r) for r in rows]
        keys: list[str] = []
        for row in self._rows:
            keys += [k for k in row if k not in keys]
        self._roles = {Qt.ItemDataRole.UserRole + 1 + n: k for n, k in enumerate(keys)}

    def roleNames(self) -> dict[int, QByteArray]:
        return {r: QByteArray(k.encode()) for r, k in self._roles.items()}

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        key = self._roles.get(role)
        return self._rows[index.row()].get(key) if key else None

    def row(self, n: int) -> dict[str, Any]:
        return self._rows[n]

    @Slot(int, result="QVariantMap")
    def get(self, n: int) -> dict[str, Any]:
        """One row for QML (a tip's detail page); an empty map when out of range."""
        return dict(self._rows[n]) if 0 <= n < len(self._rows) else {}


# Fields that are lists of tables: always a model in QML, even when empty, so `rowCount()` always works.
TABLE_LISTS = frozenset({"panels", "bubbles", "tips", "points", "options", "links", "phones"})


def _image_url(pack: Pack, relative: str | None) -> str:
    return QUrl.fromLocalFile(str(pack.image_path(relative))).toString() if relative else ""


def _qml_value(pack: Pack, key: str, value: Any, parent: QObject) -> Any:
    """Turn a validated pack value into what QML wants: image paths to URLs, tables to models."""
    if key == "image":
        return _image_url(pack, value)
    if key in TABLE_LISTS or (isinstance(value, tuple) and value and isinstance(value[0], Mapping)):
        rows = value or ()
        out = [{k: _qml_value(pack, k, v, parent) for k, v in row.items()} for row in rows]
        if key == "links":
            # the least square a link's code is drawn in (Theme units): one a phone reads from 2 m (HelpPage)
            out = [{**row, "leastUnits": qr_reach.LEAST_SIDE_UNITS} for row in out]
        return RowsModel(out, parent)
    if isinstance(value, tuple):
        return list(value)
    return value


class PageModel(QAbstractListModel):
    """The pages of one loop. Roles: pageId, kind, title, duration, notes, questions, content (a map whose
    list fields are RowsModels)."""

    ROLES = ("pageId", "kind", "title", "duration", "notes", "questions", "content")

    def __init__(self, pack: Pack, pages: Sequence[Page], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pack = pack
        self.pages = list(pages)
        self._content = [{k: _qml_value(pack, k, v, self) for k, v in p.data.items()} for p in self.pages]

    def roleNames(self) -> dict[int, QByteArray]:
        return {Qt.ItemDataRole.UserRole + 1 + n: QByteArray(r.encode()) for n, r in enumerate(self.ROLES)}

    def rowCount(self, parent: _Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.pages)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.pages):
            return None
        page = self.pages[index.row()]
        name = self.ROLES[role - Qt.ItemDataRole.UserRole - 1] if role > Qt.ItemDataRole.UserRole else None
        if name == "pageId":
            return page.id
        if name == "content":
            return self._content[index.row()]
        if name == "questions":
            return list(page.questions)
        return getattr(page, name) if name else None

    def content(self, row: int) -> dict[str, Any]:
        return self._content[row]
