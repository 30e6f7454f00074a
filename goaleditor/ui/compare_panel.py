"""The 比较 panel: the changes from another version to the document, one row each, to go to."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from goaleditor.compare import Change
from goaleditor.compare.changes import LEVEL_LABELS, RENAMED

# A comparison is of what prints: a reviewer's marks (never printed) are not compared.
SAME = "两个版本打印内容相同（审核标记不参与比较）"
CLOSE = "关闭比较"
COLUMNS = ("表", "位置", "修改", "原", "现")
COLUMN_WIDTHS = (210, 230, 100, 0, 0)  # pixels; 0: the texts share what is left
_KIND_WORDS = {"added": "新增", "removed": "删除", "moved": "移动"}


def change_cells(change: Change) -> tuple[str, str, str, str, str]:
    """A change as the panel's columns: 表, 位置, 修改 (what), 原 (old), 现 (new)."""
    if change.level == "document":
        table = "文档"
    elif change.kind == "removed" and change.level == "table":
        table = f"原表{change.table_number} {change.table_name}"
    else:
        table = f"表{change.table_number} {change.table_name}"
    place = change.path[:-1] if change.kind == RENAMED else change.path
    word = _KIND_WORDS.get(change.kind)
    if word is not None:
        what = f"{word}{LEVEL_LABELS[change.level]}"
    elif change.kind == RENAMED:
        what = f"{LEVEL_LABELS[change.level]}更名"
    else:
        what = change.label
    return table, "/".join(place), what, _one_line(change.old), _one_line(change.new)


def _one_line(text: str) -> str:
    return " ".join(text.split("\n"))


class ComparePanel(QWidget):
    """Lists a comparison's changes; a click, Enter or a double click goes to one (as in 问题)."""

    activated = Signal(object)  # the Change to go to
    closed = Signal()  # 关闭比较

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 4)
        bar = QHBoxLayout()
        self.summary = QLabel(self)
        self.summary.setObjectName("compare_summary")
        self.close_button = QPushButton(CLOSE, self)
        self.close_button.setObjectName("close_compare")
        self.close_button.setToolTip("关闭比较，清除所有比较标记")
        self.close_button.clicked.connect(self.closed)
        bar.addWidget(self.summary, 1)
        bar.addWidget(self.close_button)
        layout.addLayout(bar)
        self.tree = _ChangeTree(self)
        self.tree.setObjectName("compare_changes")
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setHeaderLabels(list(COLUMNS))
        header = self.tree.header()
        header.setStretchLastSection(False)
        for column, width in enumerate(COLUMN_WIDTHS):
            if width:
                header.resizeSection(column, width)
            else:
                header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.tree.itemActivated.connect(self._item_activated)
        self.tree.itemClicked.connect(self._item_activated)
        self.tree.entered.connect(self._go_to_current)
        layout.addWidget(self.tree, 1)
        self.empty = QLabel(SAME, self)
        self.empty.setObjectName("compare_same")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.empty, 1)
        self._changes: tuple[Change, ...] = ()
        self.show_changes((), "")

    @property
    def changes(self) -> tuple[Change, ...]:
        """The changes listed, in order."""
        return self._changes

    def show_changes(self, changes: Sequence[Change], against: str) -> None:
        """List these changes (from the version named `against`); the row chosen stays
        chosen when it is still listed."""
        current = self.tree.currentItem()
        kept = self._changes[self.tree.indexOfTopLevelItem(current)] if current else None
        self._changes = tuple(changes)
        self.tree.clear()
        items = []
        for change in self._changes:
            item = QTreeWidgetItem(list(change_cells(change)))
            item.setToolTip(0, change.line())
            for column in (3, 4):
                item.setToolTip(column, item.text(column))
            items.append(item)
        self.tree.addTopLevelItems(items)
        if kept in self._changes:
            self.tree.setCurrentItem(items[self._changes.index(kept)])
        count = len(self._changes)
        said = f"与“{against}”比较：" if against else ""
        self.summary.setText(f"{said}{count}处修改" if count else f"{said}{SAME}")
        self.tree.setVisible(bool(count))
        self.empty.setVisible(not count)

    def _item_activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        row = self.tree.indexOfTopLevelItem(item)
        if 0 <= row < len(self._changes):
            self.activated.emit(self._changes[row])

    def _go_to_current(self) -> None:
        item = self.tree.currentItem()
        if item is not None:
            self._item_activated(item)


class _ChangeTree(QTreeWidget):
    """The list of changes; Enter goes to the current one (on every platform's style)."""

    entered = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.entered.emit()
            return
        super().keyPressEvent(event)
