"""Qt list model of a document's goal tables ("1. 项目名称"), following domain changes."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QMimeData, QModelIndex, QPersistentModelIndex, Qt

from goaleditor.model.document import Change, Document, GoalTable

TABLE_MIME = "application/x-goaleditor-table-row"
AnyIndex = QModelIndex | QPersistentModelIndex


class TableListModel(QAbstractListModel):
    """One row per goal table; moves and edits arrive as domain changes."""

    def __init__(self, document: Document, parent: Any = None) -> None:
        super().__init__(parent)
        self._document = document
        document.listeners.append(self._on_change)

    def set_document(self, document: Document) -> None:
        """List another document's tables."""
        self.beginResetModel()
        if self._on_change in self._document.listeners:
            self._document.listeners.remove(self._on_change)
        self._document = document
        document.listeners.append(self._on_change)
        self.endResetModel()

    def table(self, row: int) -> GoalTable | None:
        """The table at a row, or None."""
        tables = self._document.tables
        return tables[row] if 0 <= row < len(tables) else None

    def row_of(self, table: GoalTable) -> int:
        """The row of a table, or -1."""
        return next((i for i, t in enumerate(self._document.tables) if t is table), -1)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._document.tables)

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

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:
        mime = QMimeData()
        rows = sorted({i.row() for i in indexes if i.isValid()})
        mime.setData(TABLE_MIME, ",".join(map(str, rows)).encode("ascii"))
        return mime

    def _renumber(self, first: int) -> None:
        if first < self.rowCount():
            self.dataChanged.emit(self.index(first), self.index(self.rowCount() - 1))

    def _on_change(self, change: Change) -> None:
        if change.kind == "edit":
            if change.phase == "after" and isinstance(change.target, GoalTable):
                row = self.row_of(change.target)
                if row >= 0:
                    self.dataChanged.emit(self.index(row), self.index(row))
            return
        if change.parent is not self._document:
            return
        before = change.phase == "before"
        if change.kind == "insert":
            if before:
                self.beginInsertRows(QModelIndex(), change.first, change.last)
            else:
                self.endInsertRows()
                self._renumber(change.last + 1)
        elif change.kind == "remove":
            if before:
                self.beginRemoveRows(QModelIndex(), change.first, change.last)
            else:
                self.endRemoveRows()
                self._renumber(change.first)
        elif change.kind == "move":
            if before:
                self.beginMoveRows(
                    QModelIndex(), change.first, change.last, QModelIndex(), change.dest_row
                )
            else:
                self.endMoveRows()
                self._renumber(min(change.first, change.dest_row))
