"""Inline editors for the indicator tree: comparator, unit and 定性等级 drop-downs, value as
printed."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QCompleter,
    QLineEdit,
    QMainWindow,
    QStyledItemDelegate,
    QWidget,
)

from goaleditor.model.document import Indicator
from goaleditor.model.values import COMPARATORS
from goaleditor.review.verdicts import REVIEW_CHOICES, chosen_verdict
from goaleditor.ui import self_evaluation_columns as se
from goaleditor.ui.indicator_model import (
    COL_ACTUAL,
    COL_COMPARATOR,
    COL_GRADE,
    COL_NAME,
    COL_REVIEW_VERDICT,
    COL_SCORE,
    COL_UNIT,
    COL_VALUE,
)
from goaleditor.ui.library_completion import LIBRARY_PICK, LibraryCompletion
from goaleditor.ui.line_fields import field_line

if TYPE_CHECKING:
    from PySide6.QtWidgets import QStyleOptionViewItem

COMMON_UNITS = (
    "%", "个", "次", "人", "人次", "家", "项", "台", "套", "件", "天", "小时", "工作日", "月",
    "年", "元", "万元", "亿元", "元/套", "万元/个", "万元/人/年", "平方米", "立方米", "公里",
    "吨", "户", "份", "场", "所", "批",
)  # fmt: skip
AnyIndex = QModelIndex | QPersistentModelIndex


class IndicatorDelegate(QStyledItemDelegate):
    """Chooses the editor by column: drop-downs for 指标性质 and 单位, 指标值 as printed,
    and for 三级指标 completions from the indicator library."""

    def __init__(
        self,
        units_in_use: Callable[[], list[str]],
        library_entries: Callable[[str | None], list[Any]] | None = None,
        library_pick: Callable[[Any, Any], None] | None = None,
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self._units_in_use = units_in_use
        self._library = (
            LibraryCompletion(lambda: library_entries(None)) if library_entries else None
        )
        self._library_pick = library_pick

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: AnyIndex
    ) -> QWidget:
        column = index.column()
        if column == COL_COMPARATOR:
            combo = DropDownCombo(parent)
            combo.addItems(list(COMPARATORS))
            # ">" must not complete to anything: typed text is read. Qt takes a null
            # completer here; the stubs do not say so.
            combo.setCompleter(None)  # type: ignore[arg-type]
            combo.setToolTip("≥ ≤ = > < 为定量指标；“定性”指标的值可写任意文字（Alt+↓ 或 F4 展开）")
            return combo
        if column == COL_UNIT:
            combo = DropDownCombo(parent)
            seen = dict.fromkeys([*self._units_in_use(), *COMMON_UNITS])
            combo.addItems([u for u in seen if u])
            combo.use_popup_completer()
            combo.setToolTip("输入单位，或从列表中选择（Alt+↓ 或 F4 展开）")
            return combo
        if column == COL_GRADE:
            combo = DropDownCombo(parent)
            combo.addItems(se.grade_names(index.model().scoring))  # type: ignore[attr-defined]
            combo.use_popup_completer()
            combo.setToolTip("定性指标的等级（Alt+↓ 或 F4 展开）")
            combo.picked.connect(lambda c=combo: self._take_pick(c))
            return combo
        if column == COL_REVIEW_VERDICT:  # a reviewer's 通过 / 不通过, picked or typed (t, b)
            combo = DropDownCombo(parent)
            combo.addItems(list(REVIEW_CHOICES))
            combo.use_popup_completer()
            combo.setToolTip("审核结论：通过 / 不通过（Alt+↓ 或 F4 展开；可输入 t 或 b）")
            combo.picked.connect(lambda c=combo: self._take_pick(c))
            return combo
        editor = field_line(parent)
        editor.setFrame(False)
        node = index.internalPointer()
        if column == COL_NAME and self._library is not None and isinstance(node, Indicator):
            self._library.attach(editor, node)
        if column == COL_VALUE:
            editor.setPlaceholderText("如 ≥200人次、90%、有效提升")
        if column == COL_ACTUAL and isinstance(node, Indicator):
            unit = f"数值（单位：{node.unit}）" if node.unit else "数值"
            editor.setPlaceholderText("完成情况（文字）" if se.is_qualitative(node) else unit)
        if column == COL_SCORE:
            editor.setPlaceholderText("留空则按规则计算")
        return editor

    def _take_pick(self, combo: QComboBox) -> None:
        """A 定性等级 picked from the list is the cell's value at once, as in Excel."""
        self.commitData.emit(combo)
        self.closeEditor.emit(combo, QStyledItemDelegate.EndEditHint.NoHint)

    def setEditorData(self, editor: QWidget, index: AnyIndex) -> None:
        # Qt calls this again whenever the edited cell's data changes (a problem marker set by
        # the checks a moment after an insert): never overwrite what the clerk has typed.
        line_edit = editor.lineEdit() if isinstance(editor, QComboBox) else editor
        if isinstance(line_edit, QLineEdit) and line_edit.isModified():
            return
        value = index.data(Qt.ItemDataRole.EditRole) or ""
        if isinstance(editor, QComboBox):
            editor.setEditText(value)
            line = editor.lineEdit()
            if line is not None:
                line.selectAll()  # typing replaces the cell, as in a spreadsheet
            return
        assert isinstance(editor, QLineEdit)
        editor.setText(value)

    def setModelData(self, editor: QWidget, model: Any, index: AnyIndex) -> None:
        if isinstance(editor, QComboBox):
            text = editor.currentText().strip()
            if index.column() == COL_GRADE and text:
                grade = se.chosen_grade(text, model.scoring)
                if grade is None:
                    names = "、".join(se.grade_names(model.scoring))
                    show_status(editor, f"定性等级应为{names}之一，“{text}”未填入")
                    return
                text = grade
            if index.column() == COL_REVIEW_VERDICT:
                verdict = chosen_verdict(text)
                if verdict is None:
                    show_status(editor, f"审核结论应为通过或不通过，“{text}”未填入")
                    return
                text = verdict
        else:
            assert isinstance(editor, QLineEdit)
            text = editor.text().strip()
            entry = editor.property(LIBRARY_PICK)
            if entry is not None and entry.name == text and self._library_pick is not None:
                self._library_pick(index.internalPointer(), entry)
                return
        if model.setData(index, text, Qt.ItemDataRole.EditRole) and index.column() in (
            COL_ACTUAL,
            COL_SCORE,
        ):
            show_status(editor, model.cell_problem(index))  # 单位不符, out of its band

    def updateEditorGeometry(
        self, editor: QWidget, option: QStyleOptionViewItem, index: AnyIndex
    ) -> None:
        editor.setGeometry(option.rect)


_COMMIT_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab, Qt.Key.Key_Backtab)


def _opens_list(event: QKeyEvent) -> bool:
    """Alt+↓ or F4, the keys that open a drop-down list in Excel and WPS."""
    modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
    if event.key() == Qt.Key.Key_Down:
        return modifiers == Qt.KeyboardModifier.AltModifier
    return event.key() == Qt.Key.Key_F4 and modifiers == Qt.KeyboardModifier.NoModifier


class DropDownCombo(QComboBox):
    """An editable combo for a cell: typed text is kept as typed; Alt+↓ and F4 open the list
    (taken before any shortcut of the window, such as moving the row)."""

    picked = Signal()  # an item was chosen from the open list (Enter or a click in it)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setFrame(False)
        self._listing = False  # the list is open, or closing on a pick
        self.activated.connect(self._activated)

    def showPopup(self) -> None:
        self._listing = True
        super().showPopup()

    def hidePopup(self) -> None:
        super().hidePopup()
        # Qt says which item was picked right after the list closes: until then, it counts.
        QTimer.singleShot(0, self, self._list_closed)

    def _list_closed(self) -> None:
        self._listing = False

    def _activated(self, _row: int) -> None:
        if self._listing:
            self._listing = False
            self.picked.emit()

    def use_popup_completer(self) -> None:
        """Suggest matching items in a popup, taken only when the clerk picks one."""
        completer = QCompleter(self.model(), self)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setCompleter(completer)
        popup = completer.popup()
        if popup is not None:
            popup.installEventFilter(self)

    def event(self, event: QEvent) -> bool:
        # PySide hands a ShortcutOverride event over as the QKeyEvent it is.
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and _opens_list(event)
        ):
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if _opens_list(event):
            self.showPopup()
            return
        super().keyPressEvent(event)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Enter or Tab in the suggestions: take the highlighted one (if any), then commit
        as the cell would (the completer would otherwise eat the key)."""
        completer = self.completer()
        popup = completer.popup() if completer is not None else None
        if (
            popup is not None
            and watched is popup
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in _COMMIT_KEYS
        ):
            chosen = popup.currentIndex()
            if chosen.isValid() and popup.selectionModel().isSelected(chosen):
                self.setEditText(str(chosen.data()))
            popup.hide()
            forwarded = QKeyEvent(event.type(), event.key(), event.modifiers(), event.text())
            QApplication.sendEvent(self, forwarded)
            return True
        return super().eventFilter(watched, event)


def show_status(widget: QWidget, text: str) -> None:
    """Say something on the status line of the widget's main window (if it has one)."""
    window = widget.window()
    if text and isinstance(window, QMainWindow):
        window.statusBar().showMessage(text, 10_000)
