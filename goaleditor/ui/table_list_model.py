"""Qt list model of a document's goal tables ("1. 项目名称"), following domain changes."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QMimeData, QModelIndex, QPersistentModelIndex, Qt

from goaleditor.model.document import Document, GoalTable
from goaleditor.model.events import Edited, Inserted, Moved, Removed
from goaleditor.ui.evented_model import EventedModel

TABLE_MIME = "application/x-goaleditor-table-row"
AnyIndex = QModelIndex | QPersistentModelIndex


class TableListModel(EventedModel):
    """One row per goal table; moves and edits arrive as domain events (EventedModel)."""

    def set_document(self, document: Document) -> None:
        """List another document's tables."""
        self.beginResetModel()
        self.follow(document)
        self.endResetModel()

    def table(self, row: int) -> GoalTable | None:
        """The table at a row, or None."""
        tables = self._document.tables
        return tables[row] if 0 <= row < len(tables) else None

    def row_of(self, table: GoalTable) -> int:
        """The row of a table, or -1."""
        return next((i for i, t in enumerate(self._document.tables) if t is table), -1)

    def index(self, row: int, column: int = 0, parent: AnyIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        if parent.isValid() or column != 0 or not 0 <= row < len(self._document.tables):
            return QModelIndex()
        return self.createIndex(row, 0)

    def parent(self, child: AnyIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        return QModelIndex()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._document.tables)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 1

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        table = self.table(index.row()) if index.isValid() else None
        if table is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{index.row() + 1}. {table.project_name or '（未命名项目）'}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{table.project_name}\n{table.indicator_count()} 个三级指标"
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsDragEnabled
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [TABLE_MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        mime = QMimeData()
        rows = sorted({i.row() for i in indexes if i.isValid()})
        mime.setData(TABLE_MIME, ",".join(map(str, rows)).encode("ascii"))
        return mime

    def _renumber(self, first: int) -> None:
        if first < self.rowCount():
            self.dataChanged.emit(self.index(first), self.index(self.rowCount() - 1))

    def container_index(self, container: Any) -> QModelIndex | None:
        return QModelIndex() if container is self._document else None

    def edited(self, event: Edited) -> None:
        if isinstance(event.target, GoalTable):
            row = self.row_of(event.target)
            if row >= 0:
                self.dataChanged.emit(self.index(row), self.index(row))

    def rows_changed(self, event: Inserted | Removed | Moved) -> None:
        if isinstance(event, Inserted):
            self._renumber(event.last + 1)
        elif isinstance(event, Removed):
            self._renumber(event.first)
        else:
            self._renumber(min(event.first, event.dest_row))
