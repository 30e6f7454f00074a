"""The list of a document's goal tables, reordered by drag or Alt+↑/↓."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QAbstractItemView, QListView

from goaleditor.ui.table_list_model import TABLE_MIME


class TableListView(QListView):
    """A list of tables whose internal drops become one undoable move."""

    def __init__(self, on_move: Callable[[int, int], None], parent: Any = None) -> None:
        super().__init__(parent)
        self._on_move = on_move
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setDropIndicatorShown(True)
        self.setUniformItemSizes(True)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)

    def dropEvent(self, event: QDropEvent) -> None:
        if event.source() is not self or not event.mimeData().hasFormat(TABLE_MIME):
            event.ignore()
            return
        source = self.currentIndex().row()
        target = self.indexAt(event.position().toPoint())
        rows = self.model().rowCount()
        if not target.isValid():
            dest = rows - 1
        else:
            below = (
                self.dropIndicatorPosition() == QAbstractItemView.DropIndicatorPosition.BelowItem
            )
            dest = target.row() + (1 if below else 0)
            if dest > source:
                dest -= 1
        event.setDropAction(Qt.DropAction.CopyAction)  # the move is ours; keep the source row
        event.accept()
        if source >= 0 and dest != source:
            self._on_move(source, max(0, min(dest, rows - 1)))
