"""The 绩效目标审核表 of the current table: the reviewer's opinions on 总体目标, 产出, 效益 and
满意度 指标, what is to be completed (需补充完善事项) and the 审核结果; each change one undoable
edit (a visit's typing in one field merges into one)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QLabel,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from goaleditor.model.document import Document, GoalTable
from goaleditor.model.edits import SetHeader
from goaleditor.model.events import Edited, Event
from goaleditor.model.fields import FIELD_LABELS, REVIEW_RESULTS
from goaleditor.review.verdicts import NOT_REVIEWED, chosen_result
from goaleditor.ui.header_form import undo_or_redo

if TYPE_CHECKING:
    from goaleditor.ui.session import DocumentSession

# The opinions in the order of the 审核表, with a hint of what each is for.
OPINIONS = (
    ("review_goal", "总体目标是否明确、具体，与项目内容是否相符"),
    ("review_output", "产出指标是否完整、可衡量"),
    ("review_benefit", "效益指标是否可衡量、与产出相关"),
    ("review_satisfaction", "满意度指标的调查对象和标准"),
    ("review_todo", "需补充完善的事项（审核结果为“修改完善后通过”时必填）"),
)
RESULT = "review_result"
RESULT_CHOICES = (NOT_REVIEWED, *REVIEW_RESULTS)
TEXT_LINES = 3


class ReviewForm(QWidget):
    """Edits one table's 审核 opinions and result (empty and disabled without a table)."""

    def __init__(self, document: Document, session: DocumentSession, parent: Any = None) -> None:
        super().__init__(parent)
        self._document = document
        self._session = session
        self._table: GoalTable | None = None
        self._committing = ""  # the field whose own edit is being applied: not echoed back
        self._typing = 0  # counts focus changes: a visit's typing is one undo step
        self._editors: dict[str, QPlainTextEdit] = {}
        self.title = QLabel(self)
        self.title.setObjectName("review_table")
        self.title.setWordWrap(True)
        self._boxes: list[QWidget] = []  # a label over its field, each placed in the grid
        for name, hint in OPINIONS:
            self._boxes.append(self._box(FIELD_LABELS[name], self._text(name, hint)))
        self.result = QComboBox(self)
        self.result.setObjectName(RESULT)
        self.result.addItems(list(RESULT_CHOICES))
        self.result.setToolTip("通过 / 修改完善后通过 / 不通过")
        self.result.activated.connect(self._result_chosen)
        self._boxes.append(self._box(FIELD_LABELS[RESULT], self.result))
        self._grid = QGridLayout()
        self._grid.setContentsMargins(0, 0, 0, 0)
        self.wide = True
        self.set_wide(False)
        inner = self._inner = QWidget(self)
        inner_layout = QVBoxLayout(inner)
        inner_layout.setContentsMargins(6, 6, 6, 6)
        inner_layout.addWidget(self.title)
        inner_layout.addLayout(self._grid)
        inner_layout.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(inner)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)
        self._unsubscribe = document.subscribe(self._on_change)
        self.set_table(None)

    def content_height(self) -> int:
        """The height the fields take as laid out now (the form scrolls when given less)."""
        return self._inner.sizeHint().height()

    def _box(self, label: str, field: QWidget) -> QWidget:
        box = QWidget(self)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(QLabel(f"{label}：", box))
        layout.addWidget(field)
        if isinstance(field, QComboBox):  # a one-line field: its box fills out below
            layout.addStretch(1)
        return box

    def set_wide(self, wide: bool) -> None:
        """Lay the fields out three a row (the form under the tree, as wide as the window) or
        one a row (the form beside the tree)."""
        if wide == self.wide:
            return
        self.wide = wide
        per_row = 3 if wide else 1
        for box in self._boxes:
            self._grid.removeWidget(box)
        for number, box in enumerate(self._boxes):
            self._grid.addWidget(box, number // per_row, number % per_row)
        for column in range(3):
            self._grid.setColumnStretch(column, 1 if column < per_row else 0)

    def _text(self, name: str, hint: str) -> QPlainTextEdit:
        edit = QPlainTextEdit(self)
        edit.setObjectName(name)
        edit.setUndoRedoEnabled(False)  # the document's undo stack undoes it
        edit.setPlaceholderText(hint)
        edit.setTabChangesFocus(True)
        edit.setFixedHeight(edit.fontMetrics().lineSpacing() * TEXT_LINES + 12)
        edit.textChanged.connect(lambda: self._commit(name))
        edit.installEventFilter(self)
        self._editors[name] = edit
        return edit

    # --- following the document and the current table -----------------------------------------

    @property
    def table(self) -> GoalTable | None:
        """The table whose 审核 opinions are shown."""
        return self._table

    def editor(self, name: str) -> QWidget:
        """The widget that edits a 审核 field (for tests and focus)."""
        return self.result if name == RESULT else self._editors[name]

    def set_document(self, document: Document) -> None:
        """Follow another document (showing no table until asked)."""
        self._unsubscribe()
        self._document = document
        self._unsubscribe = document.subscribe(self._on_change)
        self.set_table(None)

    def set_table(self, table: GoalTable | None) -> None:
        """Show another table's opinions."""
        self._table = table
        self.setEnabled(table is not None)
        self._show_title()
        for name, _ in OPINIONS:
            self._show(name)
        self._show(RESULT)

    def _show_title(self) -> None:
        """表N and the project's name, as the table list shows it."""
        table = self._table
        if table is None:
            self.title.setText("（未选择表）")
            return
        number = next((n for n, t in enumerate(self._document.tables, 1) if t is table), 0)
        name = table.project_name or "（未命名项目）"
        self.title.setText(f"表{number}　{name}" if number else name)

    def _show(self, name: str) -> None:
        value = getattr(self._table, name) if self._table is not None else ""
        if name == RESULT:
            self.result.setCurrentIndex(max(0, self.result.findText(value or NOT_REVIEWED)))
            return
        editor = self._editors[name]
        if editor.toPlainText() != value:
            editor.blockSignals(True)
            editor.setPlainText(value)
            editor.blockSignals(False)

    def _on_change(self, change: Event) -> None:
        if change.phase != "after":
            return
        if not isinstance(change, Edited):
            if change.parent is self._document:
                self._show_title()  # tables added, removed or moved: its number changes
            return
        if change.target is self._table and change.name != self._committing:
            if change.name == "project_name":
                self._show_title()
            elif change.name == RESULT or change.name in self._editors:
                self._show(change.name)  # undone, redone, or changed elsewhere

    # --- editing ----------------------------------------------------------------------------

    def _apply(self, name: str, value: str, typing: int | None) -> None:
        if self._table is None or getattr(self._table, name) == value:
            return
        self._committing = name
        try:
            self._session.apply(SetHeader(self._table, name, value, typing=typing))
        finally:
            self._committing = ""

    def _commit(self, name: str) -> None:
        self._apply(name, self._editors[name].toPlainText(), self._typing)

    def _result_chosen(self, _row: int) -> None:
        chosen = chosen_result(self.result.currentText())
        self._apply(RESULT, chosen or "", None)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """A new visit to a field is a new undo step; Ctrl+Z / Ctrl+Y undo the document."""
        kind = event.type()
        if kind in (QEvent.Type.FocusIn, QEvent.Type.FocusOut):
            self._typing += 1
        if kind in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress):
            assert isinstance(event, QKeyEvent)
            action = undo_or_redo(event)
            if action:
                event.accept()  # an override accepted here comes back as a key press
                if kind == QEvent.Type.KeyPress:
                    stack = self._session.stack
                    stack.undo() if action == "undo" else stack.redo()
                return True
        return super().eventFilter(watched, event)
