"""Browse the indicator library by 二级, or search it, and choose indicators to insert."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
)

from goaleditor.model.frameworks import Framework
from goaleditor.model.library import IndicatorLibrary, LibraryEntry
from goaleditor.model.values import format_display


class LibraryDialog(QDialog):
    """二级 groups on the left, their library indicators (checkable) on the right."""

    def __init__(self, library: IndicatorLibrary, framework: Framework, parent: Any = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("指标库")
        self._library = library
        self._levels = [(l1, l2) for l1, level2s in framework.levels for l2 in level2s]
        self.search = QLineEdit(self)
        self.search.setObjectName("library_search")
        self.search.setPlaceholderText("搜索指标名称或描述（在所有二级指标中）")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._refresh)
        self.groups = QListWidget(self)
        self.groups.setObjectName("library_groups")
        for level1, level2 in self._levels:
            item = QListWidgetItem(f"{level1} / {level2}")
            item.setData(Qt.ItemDataRole.UserRole, (level1, level2))
            self.groups.addItem(item)
        self.entries = QTreeWidget(self)
        self.entries.setObjectName("library_entries")
        self.entries.setHeaderLabels(["三级指标", "绩效指标描述", "指标值样式", "二级指标"])
        self.entries.setRootIsDecorated(False)
        self.entries.setColumnWidth(0, 200)
        self.entries.setColumnWidth(1, 300)
        self._checked: dict[tuple[str, str, str], LibraryEntry] = {}
        self.entries.itemChanged.connect(self._remember_check)
        self.groups.currentRowChanged.connect(self._refresh)
        buttons = QDialogButtonBox(self)
        buttons.addButton("插入选中的指标", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.groups, 1)
        row.addWidget(self.entries, 3)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addLayout(row)
        layout.addWidget(buttons)
        self.resize(900, 500)
        self.groups.setCurrentRow(0)

    def _refresh(self) -> None:
        """The current group's entries; while searching, the matches of every group."""
        words = self.search.text().strip().lower().split()
        if words:
            levels = self._levels
        else:
            item = self.groups.currentItem()
            levels = [item.data(Qt.ItemDataRole.UserRole)] if item is not None else []
        self.entries.blockSignals(True)
        self.entries.clear()
        for level1, level2 in levels:
            for entry in self._library.entries(level2):
                haystack = f"{entry.name} {entry.description}".lower()
                if all(word in haystack for word in words):
                    self.entries.addTopLevelItem(self._line(level1, level2, entry))
        self.entries.blockSignals(False)
        self.groups.setEnabled(not words)

    def _line(self, level1: str, level2: str, entry: LibraryEntry) -> QTreeWidgetItem:
        shown = format_display(entry.comparator, "…", entry.unit)
        line = QTreeWidgetItem([entry.name, entry.description, shown, level2])
        line.setFlags(line.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        checked = (level1, level2, entry.name) in self._checked
        line.setCheckState(0, Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        line.setData(0, Qt.ItemDataRole.UserRole, (level1, entry))
        return line

    def _remember_check(self, item: QTreeWidgetItem, column: int) -> None:
        level1, entry = item.data(0, Qt.ItemDataRole.UserRole)
        key = (level1, entry.level2, entry.name)
        if item.checkState(0) == Qt.CheckState.Checked:
            self._checked[key] = entry
        else:
            self._checked.pop(key, None)

    def chosen(self) -> list[tuple[str, LibraryEntry]]:
        """The checked entries with their 一级, in the order they were checked."""
        return [(level1, entry) for (level1, _, _), entry in self._checked.items()]
