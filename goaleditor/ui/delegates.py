"""Inline editors for the indicator tree: comparator combo, checked value, unit combo."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRegularExpression, Qt
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QLineEdit,
    QStyledItemDelegate,
    QWidget,
)

from goaleditor.model.document import Indicator
from goaleditor.model.values import COMPARATORS, QUALITATIVE, normalize_comparator
from goaleditor.ui.indicator_model import COL_COMPARATOR, COL_NAME, COL_UNIT, COL_VALUE

if TYPE_CHECKING:
    from PySide6.QtWidgets import QStyleOptionViewItem

COMMON_UNITS = (
    "%", "个", "次", "人", "人次", "家", "项", "台", "套", "件", "天", "小时", "工作日", "月",
    "年", "元", "万元", "亿元", "元/套", "万元/个", "万元/人/年", "平方米", "立方米", "公里",
    "吨", "户", "份", "场", "所", "批",
)  # fmt: skip
DECIMAL_RE = QRegularExpression(r"^[+-]?(\d+(\.\d*)?|\.\d+)?$")
AnyIndex = QModelIndex | QPersistentModelIndex


LIBRARY_PICK = "library_entry"  # editor property: the library entry the clerk chose


class IndicatorDelegate(QStyledItemDelegate):
    """Chooses the editor by column: combos for 指标性质 and 单位, a checked 指标值,
    and for 三级指标 completions from the indicator library."""

    def __init__(
        self,
        units_in_use: Callable[[], list[str]],
        library_entries: Callable[[str], list[Any]] | None = None,
        library_pick: Callable[[Any, Any], None] | None = None,
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self._units_in_use = units_in_use
        self._library_entries = library_entries
        self._library_pick = library_pick

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: AnyIndex
    ) -> QWidget:
        column = index.column()
        if column == COL_COMPARATOR:
            combo = QComboBox(parent)
            combo.addItems(list(COMPARATORS))
            combo.setToolTip("≥ ≤ = > < 为定量指标；“定性”指标的值可写任意文字")
            return combo
        if column == COL_UNIT:
            combo = QComboBox(parent)
            combo.setEditable(True)
            combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
            seen = dict.fromkeys([*self._units_in_use(), *COMMON_UNITS])
            combo.addItems([u for u in seen if u])
            return combo
        editor = QLineEdit(parent)
        editor.setFrame(False)
        node = index.internalPointer()
        if column == COL_NAME and self._library_entries and isinstance(node, Indicator):
            level2 = node.parent.name if node.parent is not None else ""
            entries = {e.name: e for e in self._library_entries(level2)}
            if entries:
                completer = QCompleter(list(entries), editor)
                completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
                completer.setFilterMode(Qt.MatchFlag.MatchContains)
                completer.activated.connect(
                    lambda text, e=editor: e.setProperty(LIBRARY_PICK, entries.get(text))
                )
                editor.setCompleter(completer)
        if column == COL_VALUE and not _is_qualitative(index):
            editor.setValidator(QRegularExpressionValidator(DECIMAL_RE, editor))
            editor.setPlaceholderText("数字")
        return editor

    def setEditorData(self, editor: QWidget, index: AnyIndex) -> None:
        value = index.data(Qt.ItemDataRole.EditRole) or ""
        if isinstance(editor, QComboBox):
            if editor.isEditable():
                editor.setEditText(value)
            else:
                editor.setCurrentIndex(max(0, editor.findText(value)))
            return
        assert isinstance(editor, QLineEdit)
        if editor.validator() is not None and not DECIMAL_RE.match(value).hasMatch():
            value = ""  # a 定性 text does not fit a number field; start empty
        editor.setText(value)

    def setModelData(self, editor: QWidget, model: Any, index: AnyIndex) -> None:
        if isinstance(editor, QComboBox):
            text = editor.currentText().strip()
            if index.column() == COL_COMPARATOR:
                text = normalize_comparator(text) or text
        else:
            assert isinstance(editor, QLineEdit)
            text = editor.text().strip()
            entry = editor.property(LIBRARY_PICK)
            if entry is not None and entry.name == text and self._library_pick is not None:
                self._library_pick(index.internalPointer(), entry)
                return
        model.setData(index, text, Qt.ItemDataRole.EditRole)

    def updateEditorGeometry(
        self, editor: QWidget, option: QStyleOptionViewItem, index: AnyIndex
    ) -> None:
        editor.setGeometry(option.rect)  # type: ignore[attr-defined]


def _is_qualitative(index: AnyIndex) -> bool:
    node = index.internalPointer()
    return isinstance(node, Indicator) and node.comparator == QUALITATIVE
