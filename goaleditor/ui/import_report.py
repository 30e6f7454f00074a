"""导入说明: every guess or skip of an import, one row each, with 定位 where a table exists."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QModelIndex, QRect, Qt, Signal
from PySide6.QtGui import QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QLayout,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from goaleditor.errors import printable
from goaleditor.formats.notes import ImportNote

SCREEN_SHARE = 0.7  # the dialog grows with its notes up to this much of the screen
WIDTH = 860  # wide enough for a note of ~40 characters on one line
PLACE_SHARE = 0.3  # the 位置 column takes at most this much of the table's width


def split_place(note: ImportNote) -> tuple[str, str]:
    """(where, what) of a note as the dialog shows them: ("工作表“A”第3行", "…")."""
    return printable(note.where()), printable(note.message)


class _NotesTable(QTableWidget):
    """The notes; Ctrl+C copies whole notes (the view alone would copy one cell)."""

    def __init__(self, rows: int, copy: Callable[[], None], parent: QWidget) -> None:
        super().__init__(rows, 3, parent)
        self._copy = copy

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Copy):
            self._copy()
            return
        super().keyPressEvent(event)


class ImportReport(QDialog):
    """The notes of one import; chosen is the table the clerk asked to go to (定位), if any.

    Not modal: it stays open beside the work until closed, and 文档 → 导入说明 brings it back.
    定位 by its button, a double click or Enter on the row; 复制全部 (or Ctrl+C on the
    selected rows) puts the notes on the clipboard as lines a clerk can mail; Esc closes.
    """

    located = Signal(int)  # 定位: the table (from 0) the clerk asked to go to

    def __init__(self, source: str, notes: Sequence[ImportNote], parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setObjectName("import_report")
        self.setWindowTitle("导入说明")
        self.setSizeGripEnabled(True)
        self.chosen: int | None = None
        self.source = printable(source)
        self.notes = list(notes)
        self.lines = [printable(str(note)) for note in notes]
        self.tables = [note.table for note in notes]
        layout = QVBoxLayout(self)
        intro = QLabel(
            f"“{self.source}”已导入，有{len(notes)}处内容是推测的或未导入，请核对"
            "（双击一行或按回车转到那张表；关闭后可从“文档→导入说明”再打开）：",
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.table = self._build_table()
        layout.addWidget(self.table, 1)
        box = QDialogButtonBox(self)
        self.copy_button = box.addButton("复制全部", QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.setToolTip("把全部说明复制到剪贴板，可以粘贴到邮件或文档中")
        self.copy_button.setAutoDefault(False)
        self.copy_button.clicked.connect(self.copy_all)
        ok = box.addButton(QDialogButtonBox.StandardButton.Ok)
        ok.setText("确定")
        box.accepted.connect(self.accept)
        layout.addWidget(box)
        self._fit_to_notes(layout)
        self.table.setFocus()
        if self.notes:
            self.table.setCurrentCell(0, 0)

    def _build_table(self) -> QTableWidget:
        table = _NotesTable(len(self.notes), self.copy_selected, self)
        table.setObjectName("import_notes")
        table.setHorizontalHeaderLabels(["位置", "说明", ""])
        table.verticalHeader().hide()
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setWordWrap(True)
        table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        header = table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)  # Stretch once fitted
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.buttons: list[QPushButton] = []
        for row, note in enumerate(self.notes):
            for column, text in enumerate(split_place(note)):
                item = QTableWidgetItem(text)
                item.setToolTip(self.lines[row])
                table.setItem(row, column, item)
            number = self.tables[row]
            if number is not None:
                button = QPushButton("定位", table)
                button.setToolTip("关闭本窗口并转到这张表")
                button.setAutoDefault(False)
                button.clicked.connect(lambda _=False, index=number: self._go_to(index))
                table.setCellWidget(row, 2, button)
                self.buttons.append(button)
        table.activated.connect(self._activated)
        # Wrapped notes need their rows re-measured whenever a column's width changes.
        header.sectionResized.connect(lambda *_: table.resizeRowsToContents())
        return table

    def _fit_to_notes(self, layout: QLayout) -> None:
        """As big as the notes need, up to SCREEN_SHARE of the screen; resizable.

        Measured before the dialog is laid out: the columns get their widths explicitly,
        the wrapped rows are measured at them, then the note column stretches.
        """
        screen = self.screen() or QGuiApplication.primaryScreen()
        area = screen.availableGeometry() if screen is not None else QRect(0, 0, 1366, 768)
        width = min(WIDTH, int(area.width() * SCREEN_SHARE))
        table = self.table
        margins = layout.contentsMargins()
        scroll = table.verticalScrollBar().sizeHint().width()
        inner = width - margins.left() - margins.right() - 2 * table.frameWidth() - scroll
        place = max(80, min(table.sizeHintForColumn(0) + 12, int(inner * PLACE_SHARE)))
        button = max(table.sizeHintForColumn(2), 0)
        table.setColumnWidth(0, place)
        table.setColumnWidth(1, max(200, inner - place - button))
        table.resizeRowsToContents()
        table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        rows = sum(table.rowHeight(row) for row in range(table.rowCount()))
        layout.activate()
        chrome = self.sizeHint().height() - table.sizeHint().height()
        header = table.horizontalHeader().sizeHint().height()
        wanted = chrome + header + rows + 2 * table.frameWidth() + 2
        self.resize(width, max(200, min(wanted, int(area.height() * SCREEN_SHARE))))

    def _activated(self, index: QModelIndex) -> None:
        number = self.tables[index.row()]
        if number is not None:
            self._go_to(number)

    def _go_to(self, table: int) -> None:
        self.chosen = table
        self.accept()
        self.located.emit(table)

    def text(self, rows: Sequence[int] | None = None) -> str:
        """The notes as lines for a mail: the file first, then one note a line."""
        chosen = range(len(self.notes)) if rows is None else rows
        lines = [f"“{self.source}”导入说明（共{len(self.notes)}处）："]
        lines += [self.lines[row] for row in chosen]
        return "\n".join(lines) + "\n"

    def copy_all(self) -> None:
        """复制全部: every note to the clipboard."""
        QGuiApplication.clipboard().setText(self.text())
        self.copy_button.setText("已复制")

    def copy_selected(self) -> None:
        """Ctrl+C: the selected notes (all of them when none is selected)."""
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        QGuiApplication.clipboard().setText(self.text(rows or None))
