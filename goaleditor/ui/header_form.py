"""The header form of the current goal table: name, money unit, budget, fund use, goal.

Each field commits as the clerk types; consecutive typing in one field is one undo step
(EditCommand merges it). Ctrl+Z / Ctrl+Y in a field undo the document, not the field.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from PySide6.QtCore import QEvent, QObject, QRegularExpression, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QRegularExpressionValidator, QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from goaleditor.model.document import Document, GoalTable
from goaleditor.model.edits import SetHeader
from goaleditor.model.events import Edited, Event
from goaleditor.model.money import MONEY_UNITS, MoneyError, format_money, parse_money
from goaleditor.ui.commands import EditCommand

MONEY_RE = QRegularExpression(r"^[0-9０-９,，]*([.．][0-9０-９]{0,2})?$")
TEXT_FIELDS = ("project_name", "fund_use", "goal")
MONEY_FIELDS = ("budget_total", "budget_fiscal", "budget_other")
_REDO_KEYS = (QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z"))


def _undo_or_redo(event: QKeyEvent) -> str:
    """'undo', 'redo' or '' for a key event."""
    if event.matches(QKeySequence.StandardKey.Undo):
        return "undo"
    pressed = QKeySequence(event.keyCombination())
    if event.matches(QKeySequence.StandardKey.Redo) or pressed in _REDO_KEYS:
        return "redo"
    return ""


class HeaderForm(QWidget):
    """Edits one table's header; each change of a field is an undoable edit."""

    def __init__(self, document: Document, stack: QUndoStack, parent: Any = None) -> None:
        super().__init__(parent)
        self._document = document
        self._stack = stack
        self._table: GoalTable | None = None
        self._editors: dict[str, QWidget] = {}
        self._committing = ""  # the field whose own edit is being applied: not echoed back
        self._typing = 0  # counts focus changes: typing merges into one undo step per visit
        self._build()
        self._unsubscribe = document.subscribe(self._on_change)
        self.set_table(None)

    def _line(self, name: str, placeholder: str = "") -> QLineEdit:
        edit = QLineEdit(self)
        edit.setObjectName(name)
        edit.setPlaceholderText(placeholder)
        edit.textEdited.connect(lambda: self._commit(name))
        edit.editingFinished.connect(lambda: self._show_field(name))  # "1.5" shows "1.50"
        edit.installEventFilter(self)
        self._editors[name] = edit
        return edit

    def _text(self, name: str, lines: int, placeholder: str) -> QPlainTextEdit:
        edit = QPlainTextEdit(self)
        edit.setUndoRedoEnabled(False)  # the document's undo stack undoes it
        edit.textChanged.connect(lambda: self._commit(name))
        edit.installEventFilter(self)
        edit.setObjectName(name)
        edit.setPlaceholderText(placeholder)
        edit.setTabChangesFocus(True)
        height = edit.fontMetrics().lineSpacing() * lines + 12
        edit.setFixedHeight(height)
        self._editors[name] = edit
        return edit

    def _build(self) -> None:
        form = QFormLayout(self)
        form.setContentsMargins(4, 4, 4, 4)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        name_row = QHBoxLayout()
        name_row.addWidget(self._line("project_name", "例如：2026年政务服务办运行经费"), 1)
        name_row.addWidget(QLabel("金额单位："))
        unit = QComboBox(self)
        unit.setObjectName("money_unit")
        unit.addItems(list(MONEY_UNITS))
        unit.activated.connect(lambda: self._commit("money_unit"))
        self._editors["money_unit"] = unit
        name_row.addWidget(unit)
        form.addRow("项目名称：", name_row)
        money_row = QHBoxLayout()
        for name, label in (
            ("budget_total", "预算数"),
            ("budget_fiscal", "其中：财政资金"),
            ("budget_other", "其他资金"),
        ):
            edit = self._line(name, "0.00")
            edit.setValidator(QRegularExpressionValidator(MONEY_RE, edit))
            edit.setAlignment(Qt.AlignmentFlag.AlignRight)
            edit.textEdited.connect(self._update_hint)
            if name != "budget_total":
                money_row.addWidget(QLabel(f"{label}："))
            money_row.addWidget(edit, 1)
        form.addRow("预算数：", money_row)
        self._hint = QLabel(self)
        self._hint.setObjectName("budget_hint")
        self._hint.setStyleSheet("color: #b00020;")
        self._hint.setVisible(False)
        form.addRow("", self._hint)
        form.addRow("资金用途：", self._text("fund_use", 2, "例如：用于政务服务中心运行支出"))
        form.addRow("绩效目标：", self._text("goal", 4, "年度绩效目标，如“1.……”"))

    def set_document(self, document: Document) -> None:
        """Edit another document's tables (nothing is committed to the old one)."""
        self._table = None
        self._unsubscribe()
        self._document = document
        self._unsubscribe = document.subscribe(self._on_change)
        self.set_table(None)

    # --- showing a table -------------------------------------------------------------

    def set_table(self, table: GoalTable | None) -> None:
        """Show (and edit) another table, or nothing."""
        self._table = table
        self.setEnabled(table is not None)
        for name in self._editors:
            self._show_field(name)
        self._update_hint()

    def _show_field(self, name: str) -> None:
        editor = self._editors[name]
        value = getattr(self._table, name) if self._table is not None else None
        text = format_money(value) if name in MONEY_FIELDS else (value or "")
        editor.blockSignals(True)
        if isinstance(editor, QLineEdit):
            if editor.text() != text:
                editor.setText(text)
        elif isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(0, editor.findText(text or "元")))
        elif isinstance(editor, QPlainTextEdit) and editor.toPlainText() != text:
            editor.setPlainText(text)
        editor.blockSignals(False)

    def _on_change(self, change: Event) -> None:
        if isinstance(change, Edited) and change.phase == "after" and change.target is self._table:
            if change.name != self._committing:  # the clerk is typing it: leave the text be
                self._show_field(change.name)
            self._update_hint()

    # --- committing edits ----------------------------------------------------------------

    def editor(self, name: str) -> QWidget:
        """The widget that edits a header field (for tests and focus)."""
        return self._editors[name]

    def _widget_text(self, name: str) -> str:
        editor = self._editors[name]
        if isinstance(editor, QLineEdit):
            return editor.text()
        if isinstance(editor, QComboBox):
            return editor.currentText()
        assert isinstance(editor, QPlainTextEdit)
        return editor.toPlainText()

    def _commit(self, name: str) -> None:
        if self._table is None:
            return
        text = self._widget_text(name)
        value: Any = text.strip() if name == "project_name" else text
        if name in MONEY_FIELDS:
            try:
                value = parse_money(text)
            except MoneyError:
                return  # half-typed (the validator makes it rare): the old value shows on leaving
        if value == getattr(self._table, name):
            return
        self._committing = name
        try:
            edit = SetHeader(self._table, name, value, typing=self._typing)
            self._stack.push(EditCommand(self._document, edit))
        finally:
            self._committing = ""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Ctrl+Z / Ctrl+Y in a field undo and redo the document (the fields' own undo is off)."""
        kind = event.type()
        if kind in (QEvent.Type.FocusIn, QEvent.Type.FocusOut):
            self._typing += 1  # coming back to a field later is a new undo step
        if kind in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress):
            assert isinstance(event, QKeyEvent)
            action = _undo_or_redo(event)
            if action:
                event.accept()  # an override accepted here comes back as a key press
                if kind == QEvent.Type.KeyPress:
                    self._stack.undo() if action == "undo" else self._stack.redo()
                return True
        return super().eventFilter(watched, event)

    def _update_hint(self) -> None:
        amounts: list[Decimal | None] = []
        for name in MONEY_FIELDS:
            try:
                amounts.append(parse_money(self._widget_text(name)))
            except MoneyError:
                amounts.append(None)
        total, fiscal, other = amounts
        mismatch = total is not None and (fiscal or other) is not None
        if mismatch:
            parts = (fiscal or Decimal(0)) + (other or Decimal(0))
            mismatch = parts != total
            self._hint.setText(
                f"预算数 {format_money(total)} ≠ 财政资金 + 其他资金 = {format_money(parts)}"
            )
        self._hint.setVisible(bool(mismatch))
