"""Editing the list of tables and whole-document edits: add, copy, delete, move, fix-its."""

from __future__ import annotations

from typing import TYPE_CHECKING

from goaleditor.model import edit_rules
from goaleditor.model.fields import HEADER_FIELDS, REVIEW_HEADER_FIELDS
from goaleditor.model.frameworks import get_framework
from goaleditor.ui.indicator_model import COL_NAME, COLUMN_OF_FIELD
from goaleditor.ui.problem_place import no_row_message, row_of

STATUS_MS = 10_000

if TYPE_CHECKING:
    from goaleditor.model.checks import Problem
    from goaleditor.model.document import Document
    from goaleditor.model.fix_its import FixIt
    from goaleditor.ui.main_window import MainWindow


class TableActions:
    """The main window's table-list and document edits, each one undoable step."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window

    @property
    def document(self) -> Document:
        """The document being edited."""
        return self.window.session.document

    def _current_row(self) -> int:
        return self.window.table_list.currentIndex().row()

    def _show_table(self, row: int) -> None:
        self.window.table_list.setCurrentIndex(self.window.table_model.index(row))

    def add_table(self) -> None:
        """Insert a new empty table after the current one and edit its name."""
        row = self._current_row() + 1 if self.document.tables else 0
        self.window.session.apply(edit_rules.add_table(self.document, row))
        self._show_table(row)
        self.window.header_form.editor("project_name").setFocus()

    def duplicate_table(self) -> None:
        """Insert a copy of the current table after it."""
        table = self.window.current_table()
        if table is None:
            return
        row = self._current_row() + 1
        self.window.session.apply(edit_rules.duplicate_table(table, row))
        self._show_table(row)

    def delete_table(self) -> None:
        """Delete the current table (undoable)."""
        row = self._current_row()
        if row < 0:
            return
        self.window.session.apply(edit_rules.delete_table(row))
        remaining = len(self.document.tables)
        if remaining:
            self._show_table(min(row, remaining - 1))

    def move_table(self, step: int) -> None:
        """Move the current table up or down one place."""
        row = self._current_row()
        target = row + step
        if row >= 0 and 0 <= target < len(self.document.tables):
            self.move_table_to(row, target)

    def move_table_to(self, row: int, target: int) -> None:
        """Move the table at row so that it ends up at target (the list's drag and drop)."""
        self.window.session.apply(edit_rules.move_table(row, target))
        self._show_table(target)

    def goto_problem(self, problem: Problem) -> None:
        """Show the table and select the row (or header field) a problem is about; one about
        a whole table or the document says so on the status line and stays where it is."""
        tables = self.document.tables
        table = tables[problem.table - 1] if 1 <= problem.table <= len(tables) else None
        row = row_of(table, problem) if table is not None else None
        if table is not None and row is not None:
            self._show_table(problem.table - 1)
            column = COLUMN_OF_FIELD.get(problem.field, COL_NAME)
            if self.window.editor.view.isColumnHidden(column):  # a field the layout does not print
                column = COL_NAME
            self.window.editor.select_node(row, column)
            self.window.editor.view.setFocus()
        elif table is not None and problem.field in REVIEW_HEADER_FIELDS:  # the 审核意见 dock
            self._show_table(problem.table - 1)
            self.window.review.show_field(problem.field)
        elif table is not None and problem.field in HEADER_FIELDS:
            self._show_table(problem.table - 1)
            try:
                self.window.header_form.editor(problem.field).setFocus()
            except KeyError:  # a 自评表 field the header form has no editor for (yet)
                self.window.session.message.emit(no_row_message(problem), STATUS_MS)
        else:
            self.window.session.message.emit(no_row_message(problem), STATUS_MS)

    def apply_fix(self, fix: FixIt) -> None:
        """Apply a fix-it as one undoable step; a row it adds is selected, ready for its name."""
        if not self.window.session.apply(fix.edit()):
            return
        self.window.problems.recheck()
        added = fix.added_row()
        if added is not None:
            self.window.editor.select_node(added)
            self.window.editor.view.setFocus()

    def insert_from_library(self) -> None:
        """指标库: choose common indicators and insert them under their 二级 (one step)."""
        from goaleditor.ui.library_dialog import LibraryDialog

        table = self.window.current_table()
        if table is None:
            return
        framework = get_framework(self.document.framework)
        dialog = LibraryDialog(self.window.library, framework, self.window)
        if dialog.exec() != LibraryDialog.DialogCode.Accepted or not dialog.chosen():
            return
        chosen = dialog.chosen()
        edit = edit_rules.insert_from_library(table, self.document.framework, chosen)
        self.window.session.apply(edit)

    def copy_table_as_table(self) -> None:
        """复制为表格: the current table in the official layout, as HTML and as TSV."""
        from PySide6.QtCore import QMimeData
        from PySide6.QtGui import QGuiApplication

        from goaleditor.formats.clipboard.table import table_html, table_tsv

        table = self.window.current_table()
        if table is None:
            return
        data = QMimeData()
        data.setHtml(table_html(self.document, table))
        data.setText(table_tsv(self.document, table))
        QGuiApplication.clipboard().setMimeData(data)
        self.window.statusBar().showMessage(
            f"已复制“{table.project_name}”的表格，可粘贴到Word、WPS或Excel", 5000
        )

    def new_next_year(self) -> None:
        """新建下一年度: this document moved on by a year, as a new unsaved document."""
        from goaleditor.errors import InputError
        from goaleditor.model.next_year import next_year

        try:
            draft = next_year(self.document)
        except InputError as refused:
            self.window.prompts.error("无法新建下一年度", str(refused))
            return
        if not self.window.maybe_save():
            return
        self.window.session.replace(draft.document, None, unsaved=True)
        self.window.statusBar().showMessage(f"{draft.summary()}（尚未保存）", 10000)

    def edit_properties(self) -> None:
        """Edit agency, year, title, framework and options."""
        from goaleditor.ui.dialogs import DocumentPropertiesDialog

        dialog = DocumentPropertiesDialog(self.document, self.window)
        if dialog.exec() != DocumentPropertiesDialog.DialogCode.Accepted:
            return
        self.window.session.apply(edit_rules.set_properties(self.document, dialog.values()))
