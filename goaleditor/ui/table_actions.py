"""Editing the list of tables and whole-document edits: add, copy, delete, move, fix-its."""

from __future__ import annotations

from typing import TYPE_CHECKING

from goaleditor.model import edit_rules
from goaleditor.model.document import GoalTable, Indicator, Level1, Level2
from goaleditor.model.frameworks import get_framework
from goaleditor.ui.commands import EditCommand
from goaleditor.ui.indicator_model import COL_NAME, COLUMN_OF_FIELD

if TYPE_CHECKING:
    from PySide6.QtGui import QUndoCommand, QUndoStack
    from PySide6.QtWidgets import QStatusBar

    from goaleditor.model.checks import Problem
    from goaleditor.model.document import Document
    from goaleditor.model.library import IndicatorLibrary
    from goaleditor.ui.header_form import HeaderForm
    from goaleditor.ui.indicator_editor import IndicatorEditor
    from goaleditor.ui.problems_panel import ProblemsPanel
    from goaleditor.ui.session import DocumentSession
    from goaleditor.ui.table_list import TableListView
    from goaleditor.ui.table_list_model import TableListModel


class TableActions:
    """The main window's table-list and document edits, each one undoable step (a mixin)."""

    if TYPE_CHECKING:  # what the main window provides
        document: Document
        session: DocumentSession
        stack: QUndoStack
        header_form: HeaderForm
        table_list: TableListView
        table_model: TableListModel
        editor: IndicatorEditor
        problems: ProblemsPanel
        library: IndicatorLibrary

        def push(self, command: QUndoCommand) -> None: ...
        def current_table(self) -> GoalTable | None: ...
        def maybe_save(self) -> bool: ...
        def statusBar(self) -> QStatusBar: ...

    def _current_row(self) -> int:
        return self.table_list.currentIndex().row()

    def add_table(self) -> None:
        """Insert a new empty table after the current one and edit its name."""
        row = self._current_row() + 1 if self.document.tables else 0
        self.push(EditCommand(self.document, edit_rules.add_table(self.document, row)))
        self.table_list.setCurrentIndex(self.table_model.index(row))
        self.header_form.editor("project_name").setFocus()

    def duplicate_table(self) -> None:
        """Insert a copy of the current table after it."""
        table = self.current_table()
        if table is None:
            return
        row = self._current_row() + 1
        self.push(EditCommand(self.document, edit_rules.duplicate_table(table, row)))
        self.table_list.setCurrentIndex(self.table_model.index(row))

    def delete_table(self) -> None:
        """Delete the current table (undoable)."""
        row = self._current_row()
        if row < 0:
            return
        self.push(EditCommand(self.document, edit_rules.delete_table(row)))
        remaining = len(self.document.tables)
        if remaining:
            self.table_list.setCurrentIndex(self.table_model.index(min(row, remaining - 1)))

    def move_table(self, step: int) -> None:
        """Move the current table up or down one place."""
        row = self._current_row()
        target = row + step
        if row >= 0 and 0 <= target < len(self.document.tables):
            self._move_table_to(row, target)

    def _move_table_to(self, row: int, target: int) -> None:
        self.push(EditCommand(self.document, edit_rules.move_table(row, target)))
        self.table_list.setCurrentIndex(self.table_model.index(target))

    def goto_problem(self, problem: Problem) -> None:
        """Show the table and select the cell a problem is about."""
        if not 1 <= problem.table <= len(self.document.tables):
            return
        self.table_list.setCurrentIndex(self.table_model.index(problem.table - 1))
        if isinstance(problem.node, (Indicator, Level1, Level2)):
            column = COLUMN_OF_FIELD.get(problem.field, COL_NAME)
            self.editor.select_node(problem.node, column)
            self.editor.view.setFocus()
        elif problem.field:
            self.header_form.editor(problem.field).setFocus()

    def apply_fix(self, problem: Problem, choice: int = 0) -> None:
        """Apply one of a problem's fix-its (the first by default) as one undoable step."""
        from goaleditor.model.checks import ADD_INDICATOR, fix_options

        fixes = edit_rules.fix_edits(problem, self.document.year)
        if not 0 <= choice < len(fixes):
            return
        target, name, value = fix_options(problem, self.document.year)[choice][1][0]
        self.push(EditCommand(self.document, fixes[choice][1]))
        self.problems.recheck()
        if name == ADD_INDICATOR and isinstance(target, GoalTable):
            group = edit_rules.group_of(target, *value)  # type: ignore[misc]
            if group is not None and group.children:  # the new row, ready for its name
                self.editor.select_node(group.children[-1])
                self.editor.view.setFocus()

    def insert_from_library(self) -> None:
        """指标库: choose common indicators and insert them under their 二级 (one step)."""
        from goaleditor.ui.library_dialog import LibraryDialog

        table = self.current_table()
        if table is None:
            return
        framework = get_framework(self.document.framework)
        dialog = LibraryDialog(self.library, framework, self)
        if dialog.exec() != LibraryDialog.DialogCode.Accepted or not dialog.chosen():
            return
        chosen = dialog.chosen()
        edit = edit_rules.insert_from_library(table, self.document.framework, chosen)
        if edit is not None:
            self.push(EditCommand(self.document, edit))

    def copy_table_as_table(self) -> None:
        """复制为表格: the current table in the official layout, as HTML and as TSV."""
        from PySide6.QtCore import QMimeData
        from PySide6.QtGui import QGuiApplication

        from goaleditor.formats.clipboard.table import table_html, table_tsv

        table = self.current_table()
        if table is None:
            return
        data = QMimeData()
        data.setHtml(table_html(self.document, table))
        data.setText(table_tsv(self.document, table))
        QGuiApplication.clipboard().setMimeData(data)
        self.statusBar().showMessage(
            f"已复制“{table.project_name}”的表格，可粘贴到Word、WPS或Excel", 5000
        )

    def new_next_year(self) -> None:
        """新建下一年度: this document moved on by a year, as a new unsaved document."""
        from goaleditor.model.next_year import next_year_draft

        draft = next_year_draft(self.document)
        if not self.maybe_save():
            return
        self.session.replace(draft, None, unsaved=True)
        year = f"{draft.year}年" if draft.year else "下一年度"
        self.statusBar().showMessage(f"已生成{year}的新文档（尚未保存）", 5000)

    def edit_properties(self) -> None:
        """Edit agency, year, title, framework and options."""
        from goaleditor.ui.dialogs import DocumentPropertiesDialog

        dialog = DocumentPropertiesDialog(self.document, self)
        if dialog.exec() != DocumentPropertiesDialog.DialogCode.Accepted:
            return
        edit = edit_rules.set_properties(self.document, dialog.values())
        if edit is not None:
            self.push(EditCommand(self.document, edit))
