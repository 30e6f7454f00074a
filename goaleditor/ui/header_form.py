"""The header form of the current goal table: the fields its document's layout prints.

Each field commits as the clerk types; consecutive typing in one field is one undo step
(the session merges it). Ctrl+Z / Ctrl+Y in a field undo the document, not the field.
Fields the layout does not print are hidden (their data is kept, and a note says so); the
others carry the labels the layout prints. Amounts are read as clerks write them (375万,
1,234.5元, ￥400) in the table's money unit, and what was read or refused is said on the status
line. Required fields still empty are marked 待填写.
"""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSizePolicy,
    QWidget,
)

from goaleditor.model.document import Document, GoalTable
from goaleditor.model.edits import SetHeader
from goaleditor.model.events import Edited, Event
from goaleditor.model.fields import FIELD_LABELS, MONEY_FIELDS, SPECS
from goaleditor.model.layouts import get_profile
from goaleditor.model.money import (
    MONEY_UNITS,
    MoneyError,
    format_money,
    read_typed_money,
)
from goaleditor.model.required import required_header_fields
from goaleditor.ui.field_marks import MONEY_PLACEHOLDER, paint, placeholder
from goaleditor.ui.header_rows import PLACEHOLDERS, ROWS, TEXT_LINES
from goaleditor.ui.line_fields import field_line
from goaleditor.ui.money_fields import (
    BUDGET_FIELDS,
    MoneyValidator,
    budget_mismatch,
    change_unit,
    form_label,
    refused_message,
)
from goaleditor.ui.self_evaluation_form import (
    GOAL_BUDGET_FIELDS,
    LABELS,
    SelfEvaluationBlock,
    shown_fields,
)

if TYPE_CHECKING:
    from goaleditor.ui.session import DocumentSession

STATUS_MS = 10_000
_REDO_KEYS = (QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z"))


def undo_or_redo(event: QKeyEvent) -> str:
    """'undo', 'redo' or '' for a key event (a field's own undo is off: the document's)."""
    if event.matches(QKeySequence.StandardKey.Undo):
        return "undo"
    pressed = QKeySequence(event.keyCombination())
    if event.matches(QKeySequence.StandardKey.Redo) or pressed in _REDO_KEYS:
        return "redo"
    return ""


class HeaderForm(QWidget):
    """Edits one table's header; each change of a field is an undoable edit."""

    printedChanged = Signal(object)  # the frozenset of fields the layout now prints

    def __init__(self, document: Document, session: DocumentSession, parent: Any = None) -> None:
        super().__init__(parent)
        self._document = document
        self._session = session
        self._stack = session.stack
        self._table: GoalTable | None = None
        self._editors: dict[str, QWidget] = {}
        self._committing = ""  # the field whose own edit is being applied: not echoed back
        self._labels: dict[str, QLabel] = {}  # field -> the label before its editor
        self._examples: dict[str, str] = {}  # field -> its placeholder when not required
        self._refusal: dict[str, str] = {}  # money field -> why its text is not taken (yet)
        self._typing = 0  # counts focus changes: typing merges into one undo step per visit
        # field -> its value when this visit's typing began: Esc, or an amount refused when
        # leaving, goes back to it (typing commits each keystroke, so "98%以上" stored "98")
        self._before: dict[str, Any] = {}
        self._build()
        self._unsubscribe = document.subscribe(self._on_change)
        self.set_table(None)
        self._apply_layout()

    def _line(self, name: str, placeholder: str = "") -> QLineEdit:
        edit = field_line(self)
        edit.setObjectName(name)
        edit.setPlaceholderText(placeholder)
        self._examples[name] = placeholder
        edit.textEdited.connect(lambda: self._commit(name))
        edit.editingFinished.connect(lambda: self._finish(name))  # "1.5" shows "1.50"
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
        self._examples[name] = placeholder
        edit.setTabChangesFocus(True)
        height = edit.fontMetrics().lineSpacing() * lines + 12
        edit.setFixedHeight(height)
        self._editors[name] = edit
        return edit

    def _build(self) -> None:
        form = self._form = QFormLayout(self)
        form.setContentsMargins(4, 4, 4, 4)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._parts: dict[str, list[QWidget]] = {}  # field -> its widgets (label, editor)
        self._rows: list[tuple[QWidget, tuple[str, ...]]] = []
        for names in ROWS:
            row = QWidget(self)
            row.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
            box = QHBoxLayout(row)
            box.setContentsMargins(0, 0, 0, 0)
            for name in names:
                parts: list[QWidget] = []
                if name != names[0]:
                    self._labels[name] = QLabel(f"{SPECS[name].in_form}：", row)
                    parts.append(self._labels[name])
                    box.addWidget(parts[-1])
                parts.append(self._editor(name))
                box.addWidget(parts[-1], 0 if name == "money_unit" else 1)
                self._parts[name] = parts
            self._labels[names[0]] = QLabel(f"{SPECS[names[0]].in_form}：", self)
            form.addRow(self._labels[names[0]], row)
            self._rows.append((row, names))
            if names[0] == "budget_total":
                self._hint = QLabel(self)
                self._hint.setObjectName("budget_hint")
                self._hint.setStyleSheet("color: #b00020;")
                self._hint.setVisible(False)
                form.addRow("", self._hint)
                # A 自评表's money block, its scores and the table's 总分 (hidden otherwise).
                self.results = SelfEvaluationBlock(self._editor, lambda: self._session.scores, self)
                form.addRow("项目资金：", self.results)
        # Tab goes from 项目名称 to the amounts, as the clerk types them; 金额单位 comes last.
        chain = [e for n, e in self._editors.items() if n != "money_unit"]
        chain.append(self._editors["money_unit"])
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)
        self._unprinted = QLabel(self)
        self._unprinted.setObjectName("unprinted_note")
        self._unprinted.setStyleSheet("color: #666666;")
        self._unprinted.setWordWrap(True)
        form.addRow("", self._unprinted)

    def _editor(self, name: str) -> QWidget:
        kind = SPECS[name].kind
        if name == "money_unit":
            unit = QComboBox(self)
            unit.setObjectName(name)
            unit.addItems(list(MONEY_UNITS))
            unit.activated.connect(self._unit_chosen)
            self._editors[name] = unit
            return unit
        if kind == "long_text":
            return self._text(name, TEXT_LINES[name], PLACEHOLDERS.get(name, ""))
        # A blank amount must not look like 0.00: it is missing, and checks say so.
        edit = self._line(
            name, MONEY_PLACEHOLDER if kind == "money" else PLACEHOLDERS.get(name, "")
        )
        if kind == "money":
            validator = MoneyValidator(edit)
            validator.refused.connect(lambda chars: self._say_refused(name, chars))
            edit.setValidator(validator)
            edit.setAlignment(Qt.AlignmentFlag.AlignRight)
            edit.textEdited.connect(self._update_hint)
        return edit

    @property
    def printed(self) -> frozenset[str]:
        """The fields the document's layout prints."""
        return get_profile(self._document.layout).printed_fields()

    def label(self, name: str) -> str:
        """The label shown before a field (for tests): as the layout prints it."""
        return self._labels[name].text().removesuffix("：") if name in self._labels else ""

    def _shown(self) -> set[str]:
        """The fields shown: the layout's (the money unit always), a 自评表's results."""
        return shown_fields(self._document, self._table, self.printed) | {"money_unit"}

    def _apply_layout(self) -> None:
        """Show the fields the layout prints (the money unit always) under the labels it
        prints, and a 自评表's results; hide the rest."""
        self._show_rows()
        self._update_unprinted()
        self._mark_to_fill()
        self.printedChanged.emit(self.printed)

    def _show_rows(self) -> None:
        profile = get_profile(self._document.layout)
        printed = self._shown()
        evaluation = self._document.is_self_evaluation
        for name, parts in self._parts.items():
            for widget in parts:
                widget.setVisible(name in printed)
        for name, label in self._labels.items():
            text = LABELS.get(name, "") if evaluation else ""
            label.setText(f"{text or form_label(profile, name)}：")
        for row, names in self._rows:
            self._form.setRowVisible(row, any(name in printed for name in names))
        self._form.setRowVisible(self.results, evaluation)

    def _mark_to_fill(self) -> None:
        """Mark the required fields still empty: 待填写 in them and a light background."""
        required = required_header_fields(self._document) if self._table is not None else ()
        for name, editor in self._editors.items():
            if not isinstance(editor, QLineEdit | QPlainTextEdit):
                continue
            empty = not self._widget_text(name).strip()
            to_fill = name in required and empty
            example = self._examples.get(name, "")
            if self._document.year is not None:  # examples name the document's own year
                example = example.replace("2026", str(self._document.year))
            grey = placeholder(name in MONEY_FIELDS, name in required, example)
            if editor.placeholderText() != grey:
                editor.setPlaceholderText(grey)
            self._paint(name, to_fill)

    repaint_marks = _mark_to_fill  # a comparison's marks changed (field_marks.CHANGED_FROM)

    def _paint(self, name: str, to_fill: bool | None = None) -> None:
        """The marker of a field: light when still to fill, red text when refused."""
        editor = self._editors[name]
        if to_fill is None:
            to_fill = bool(editor.property("toFill"))
        paint(editor, self.palette(), to_fill, self._refusal.get(name, ""))

    def _update_unprinted(self) -> None:
        """Say which filled fields the layout will not print (they are kept all the same)."""
        printed = self._shown()
        if self._document.is_self_evaluation:  # the 预算数 row's amounts: 年初预算数
            printed.update(GOAL_BUDGET_FIELDS)
        table = self._table
        hidden = [
            FIELD_LABELS.get(name, name)
            for name in self._parts
            if table is not None and name not in printed and getattr(table, name) not in (None, "")
        ]
        self._unprinted.setText(
            f"已填写但当前版式不打印（数据仍保留）：{'、'.join(hidden)}" if hidden else ""
        )
        self._form.setRowVisible(self._unprinted, bool(hidden))

    def set_document(self, document: Document) -> None:
        """Edit another document's tables (nothing is committed to the old one)."""
        self._table = None
        self._unsubscribe()
        self._document = document
        self._unsubscribe = document.subscribe(self._on_change)
        self.set_table(None)
        self._apply_layout()

    # --- showing a table -------------------------------------------------------------

    def set_table(self, table: GoalTable | None) -> None:
        """Show (and edit) another table, or nothing."""
        self._table = table
        self.setEnabled(table is not None)
        for name in self._editors:
            self._show_field(name)
        self._refusal.clear()
        self.results.set_table(table)
        self._show_rows()  # Sichuan's text fields show where filled
        self._update_hint()
        self._update_unprinted()
        self._mark_to_fill()

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
        if change.phase == "after" and self._document.is_self_evaluation:
            self.results.refresh()  # an indicator's score changes the table's total
        if not isinstance(change, Edited) or change.phase != "after":
            return
        if change.target is self._document and change.name == "layout":
            self._apply_layout()
        elif change.target is self._table:
            if change.name != self._committing:  # the clerk is typing it: leave the text be
                self._show_field(change.name)
            self._update_hint()
            self._update_unprinted()
            self._mark_to_fill()

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

    def _say(self, text: str) -> None:
        """Say something on the window's status line."""
        self._session.message.emit(text, STATUS_MS)

    def _say_refused(self, name: str, characters: str) -> None:
        label = form_label(get_profile(self._document.layout), name)
        self._say(refused_message(label, characters))

    def _commit(self, name: str) -> None:
        if self._table is None:
            return
        text = self._widget_text(name)
        value: Any = text.strip() if name == "project_name" else text
        if name in MONEY_FIELDS:
            try:
                value, note = read_typed_money(text, self._table.money_unit)
            except MoneyError as refused:
                # half-typed or not an amount: the document keeps its amount; said now, and
                # again on leaving, when the field shows that amount again
                self._refusal[name] = str(refused)
                self._paint(name)
                self._say(f"{refused}，未采用")
                return
            if self._refusal.pop(name, None) is not None:
                self._paint(name)
            if note:
                self._say(note)
        if value == getattr(self._table, name):
            return
        self._before.setdefault(name, getattr(self._table, name))
        self._committing = name
        try:
            edit = SetHeader(self._table, name, value, typing=self._typing)
            self._session.apply(edit)
        finally:
            self._committing = ""

    def _finish(self, name: str) -> None:
        """Leaving a line field (or Enter): it shows the document's value, and a refused
        amount is said to be dropped."""
        refused = self._refusal.pop(name, None)
        typed = name in self._before
        before = self._before.pop(name, None)
        if refused is not None and self._table is not None:
            if typed:
                self._restore(name, before)
            kept = format_money(getattr(self._table, name)) or "空"
            self._say(f"{refused}，未采用：仍为{kept}")
            self._paint(name)
        self._show_field(name)
        if name in BUDGET_FIELDS:
            self._update_hint()  # the field shows the document's amount again

    def _restore(self, name: str, value: Any) -> None:
        """Put back the value the field had when this visit's typing began (one undo step
        with the typing, so nothing is left on the stack)."""
        if self._table is None or getattr(self._table, name) == value:
            return
        self._committing = name
        try:
            self._session.apply(SetHeader(self._table, name, value, typing=self._typing))
        finally:
            self._committing = ""

    def _cancel_typing(self, name: str) -> None:
        """Esc: the field goes back to what it held when the clerk came to it."""
        before = self._before.pop(name, None)
        self._refusal.pop(name, None)
        self._restore(name, before)
        self._say("已取消输入（Esc）")
        self._paint(name)
        self._show_field(name)
        self._update_hint()  # the text went back without an edit signal

    def _unit_chosen(self) -> None:
        """A new 金额单位: with amounts filled, ask whether to convert them or keep the
        numbers (either is one undo step); without, just set it."""
        table = self._table
        if table is None or self._widget_text("money_unit") == table.money_unit:
            return
        done = change_unit(self._session, table, self._widget_text("money_unit"))
        if done is None:
            self._show_field("money_unit")
        else:
            self._say(done)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Ctrl+Z / Ctrl+Y in a field undo and redo the document (the fields' own undo is off)."""
        kind = event.type()
        if kind in (QEvent.Type.FocusIn, QEvent.Type.FocusOut):
            self._typing += 1  # coming back to a field later is a new undo step
        if kind == QEvent.Type.FocusIn:
            self._before.pop(watched.objectName(), None)
        if kind in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress):
            assert isinstance(event, QKeyEvent)
            if event.key() == Qt.Key.Key_Escape and watched.objectName() in self._before:
                event.accept()
                if kind == QEvent.Type.KeyPress:
                    self._cancel_typing(watched.objectName())
                return True
            action = undo_or_redo(event)
            if action:
                event.accept()  # an override accepted here comes back as a key press
                if kind == QEvent.Type.KeyPress:
                    self._stack.undo() if action == "undo" else self._stack.redo()
                return True
        return super().eventFilter(watched, event)

    def _update_hint(self) -> None:
        unit = self._table.money_unit if self._table is not None else "元"
        texts = [self._widget_text(name) for name in BUDGET_FIELDS]
        mismatch = budget_mismatch(texts, unit)
        self._hint.setText(mismatch)
        self._hint.setVisible(bool(mismatch) and not self._document.is_self_evaluation)
