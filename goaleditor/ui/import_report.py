"""导入说明: every guess or skip of an import, one row each, with 定位 where a table exists."""

from __future__ import annotations

import re
from collections.abc import Sequence

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from goaleditor.errors import printable
from goaleditor.formats.notes import table_of

# Where a note says it is: a sheet (and row), or a page (and row) of a PDF or Word file.
_PLACE_RE = re.compile(r"^(工作表“[^”]*”(?:第\d+行)?|第\d+页(?:第\d+行)?)[：:，,]?\s*")


def split_place(note: str) -> tuple[str, str]:
    """(where, what) of a note: "工作表“A”第3行：…" → ("工作表“A”第3行", "…")."""
    match = _PLACE_RE.match(note)
    if match is None or not note[match.end() :]:
        return "", note
    return match.group(1), note[match.end() :]


class ImportReport(QDialog):
    """The notes of one import; chosen is the table the clerk asked to go to (定位), if any."""

    def __init__(self, source: str, notes: Sequence[str], parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setObjectName("import_report")
        self.setWindowTitle("导入说明")
        self.chosen: int | None = None
        layout = QVBoxLayout(self)
        intro = QLabel(
            f"“{printable(source)}”已导入，有{len(notes)}处内容是推测的或未导入，请核对：", self
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.table = QTableWidget(len(notes), 3, self)
        self.table.setObjectName("import_notes")
        self.table.setHorizontalHeaderLabels(["位置", "说明", ""])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.buttons: list[QPushButton] = []
        for row, note in enumerate(notes):
            where, what = split_place(printable(note))
            self.table.setItem(row, 0, QTableWidgetItem(where))
            self.table.setItem(row, 1, QTableWidgetItem(what))
            table = table_of(note)
            if table is not None:
                button = QPushButton("定位", self.table)
                button.setToolTip("关闭本窗口并转到这张表")
                button.clicked.connect(lambda _=False, index=table: self._go_to(index))
                self.table.setCellWidget(row, 2, button)
                self.buttons.append(button)
        self.table.resizeRowsToContents()
        layout.addWidget(self.table, 1)
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok, self)
        box.button(QDialogButtonBox.StandardButton.Ok).setText("确定")
        box.accepted.connect(self.accept)
        layout.addWidget(box)
        self.resize(720, min(520, 140 + 32 * len(notes)))

    def _go_to(self, table: int) -> None:
        self.chosen = table
        self.accept()
