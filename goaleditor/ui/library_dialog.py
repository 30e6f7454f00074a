"""Browse the indicator library by 资金用途 → 二级, or search it (names, keywords, pinyin
initials), see the values each indicator was given, and choose indicators to insert."""

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
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
)

from goaleditor.library.search import index_of
from goaleditor.library.suggest import level1_of
from goaleditor.model.frameworks import Framework
from goaleditor.model.values import format_display
from goaleditor.ui.library_changes import can_hide, can_remove, hide_entry, remove_entry
from goaleditor.ui.library_lines import entry_columns, sources_text

ALL_FUND_USES = "全部资金用途"
HEADERS = [
    "三级指标",
    "绩效指标描述",
    "指标值样式",
    "二级指标",
    "取值（次数 最小–中位–最大）",
    "来源",
]


class LibraryDialog(QDialog):
    """资金用途 and 二级 on the left, their indicators (checkable) on the right."""

    def __init__(self, library: Any, framework: Framework, parent: Any = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("指标库")
        self._library = library
        self._framework = framework
        self._index = index_of(library.entries())
        self.search = QLineEdit(self)
        self.search.setObjectName("library_search")
        self.search.setPlaceholderText("搜索指标名称、关键词或拼音首字母（如 myd 找“满意度”）")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._refresh)
        self.fund_uses = QListWidget(self)
        self.fund_uses.setObjectName("library_fund_uses")
        self.fund_uses.addItems([ALL_FUND_USES, *self._index.fund_uses()])
        self.groups = QListWidget(self)
        self.groups.setObjectName("library_groups")
        self.entries = QTreeWidget(self)
        self.entries.setObjectName("library_entries")
        self.entries.setHeaderLabels(HEADERS)
        self.entries.setRootIsDecorated(False)
        for column, width in enumerate((200, 260, 90, 110, 170)):
            self.entries.setColumnWidth(column, width)
        self._checked: dict[tuple[str, str, str], tuple[str, Any]] = {}
        self.entries.itemChanged.connect(self._remember_check)
        self.entries.currentItemChanged.connect(self._show_buttons)
        self.fund_uses.currentRowChanged.connect(self._fill_groups)
        self.groups.currentRowChanged.connect(self._refresh)
        buttons = QDialogButtonBox(self)
        buttons.addButton("插入选中的指标", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        self.hide_button = QPushButton("隐藏此指标", self)
        self.hide_button.setToolTip("不再在指标库、补全和建议中出现")
        self.remove_button = QPushButton("删除此指标", self)
        self.remove_button.setToolTip("只能删除自己收集的指标；内置和单位指标库的指标可以隐藏")
        self.hide_button.clicked.connect(lambda: self._change(hide_entry))
        self.remove_button.clicked.connect(lambda: self._change(remove_entry))
        buttons.addButton(self.hide_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.remove_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        left = QVBoxLayout()
        left.addWidget(self.fund_uses, 1)
        left.addWidget(self.groups, 2)
        row = QHBoxLayout()
        row.addLayout(left, 1)
        row.addWidget(self.entries, 4)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addLayout(row)
        layout.addWidget(buttons)
        self.resize(1100, 560)
        self.fund_uses.setCurrentRow(0)
        self._show_buttons()

    def _fund_use(self) -> str | None:
        item = self.fund_uses.currentItem()
        return None if item is None or item.text() == ALL_FUND_USES else item.text()

    def _fill_groups(self) -> None:
        """The framework's 二级 for every 资金用途; a 资金用途's own 二级 otherwise."""
        fund_use = self._fund_use()
        pairs = [(l1, l2) for l1, level2s in self._framework.levels for l2 in level2s]
        if fund_use is not None:  # its own 二级, in the framework's order, others after
            own = self._index.level2s(fund_use)
            known = [(l1, l2) for l1, l2 in pairs if l2 in own]
            pairs = known + [("", l2) for l2 in own if l2 not in {p[1] for p in known}]
        self.groups.blockSignals(True)
        self.groups.clear()
        for level1, level2 in pairs:
            item = QListWidgetItem(f"{level1} / {level2}" if level1 else level2)
            item.setData(Qt.ItemDataRole.UserRole, level2)
            self.groups.addItem(item)
        self.groups.blockSignals(False)
        self.groups.setCurrentRow(0)
        self._refresh()

    def _refresh(self) -> None:
        """The current group's entries; while searching, the matches of the 资金用途."""
        text = self.search.text().strip()
        fund_use = self._fund_use()
        if text:
            found = self._index.search(text, fund_use)
        else:
            item = self.groups.currentItem()
            level2 = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
            found = self._group(fund_use, level2) if level2 is not None else []
        self.entries.blockSignals(True)
        self.entries.clear()
        for entry in found:
            if not getattr(entry, "hidden", False):
                self.entries.addTopLevelItem(self._line(entry))
        self.entries.blockSignals(False)
        self.groups.setEnabled(not text)
        self._show_buttons()

    def _group(self, fund_use: str | None, level2: str) -> list[Any]:
        if fund_use is not None:
            return self._index.browse(fund_use, level2)
        return [self._index.entries[i] for i in self._index.by_level2.get(level2, [])]

    def _line(self, entry: Any) -> QTreeWidgetItem:
        level1 = level1_of(entry, self._framework.key)
        shown = format_display(entry.comparator, "…", entry.unit)
        values, sources = entry_columns(entry)
        line = QTreeWidgetItem(
            [entry.name, entry.description, shown, entry.level2, values, sources]
        )
        line.setToolTip(5, sources_text(entry, every=True))
        line.setFlags(line.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        checked = (level1, entry.level2, entry.name) in self._checked
        line.setCheckState(0, Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        line.setData(0, Qt.ItemDataRole.UserRole, (level1, entry))
        return line

    def _remember_check(self, item: QTreeWidgetItem, column: int) -> None:
        level1, entry = item.data(0, Qt.ItemDataRole.UserRole)
        key = (level1, entry.level2, entry.name)
        if item.checkState(0) == Qt.CheckState.Checked:
            self._checked[key] = (level1, entry)
        else:
            self._checked.pop(key, None)

    def _current_entry(self) -> Any:
        item = self.entries.currentItem()
        return item.data(0, Qt.ItemDataRole.UserRole)[1] if item is not None else None

    def _show_buttons(self) -> None:
        entry = self._current_entry()
        self.remove_button.setEnabled(entry is not None and can_remove(self._library, entry))
        self.hide_button.setEnabled(entry is not None and can_hide(self._library, entry))

    def _change(self, change: Any) -> None:
        """Remove or hide the current entry, then show the library as it now is."""
        entry = self._current_entry()
        if entry is None or not change(self._library, entry):
            return
        self._index = index_of(self._library.entries())
        self._refresh()

    def chosen(self) -> list[tuple[str, Any]]:
        """The checked entries with their 一级, in the order they were checked."""
        return [(level1, entry) for level1, entry in self._checked.values() if level1]
