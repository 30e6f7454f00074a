"""A comparison's marks on the window: tinted tree cells and header fields with 原：… tips,
and tinted cells in the 页面视图; all cleared when the comparison closes."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit

from goaleditor.model.document import GoalTable, Indicator, Level1, Level2, TreeNode
from goaleditor.ui.field_marks import CHANGED_BASE, CHANGED_FROM
from goaleditor.ui.indicator_model import COL_DISPLAY, COL_NAME, COLUMN_OF_FIELD, HEADERS

if TYPE_CHECKING:  # the compare package (rapidfuzz) loads on the first comparison
    from goaleditor.compare.marks import Mark
    from goaleditor.ui.main_window import MainWindow

_Role = Qt.ItemDataRole
TINT = QColor(CHANGED_BASE)


class ChangeMarks:
    """Shows a comparison's marks in the tree (through the model's change_marks hook), the
    header form (field_marks.CHANGED_FROM) and the page view; `show([])` clears them."""

    def __init__(self, window: MainWindow) -> None:
        self._window = window
        self._cells: dict[tuple[int, int], str] = {}  # (id(node), column) -> tip
        self._header: dict[tuple[int, str], str] = {}  # (id(table), field) -> tip
        self._pages: list[tuple[object, str]] = []  # the page view's (object, field) pairs
        self._kept: list[Mark] = []  # the marked nodes stay alive while their ids are keys
        self._marked_fields: set[str] = set()  # header fields given a tip, to clear again
        window.editor.model.change_marks = self.cell

    @property
    def active(self) -> bool:
        """True while any mark is shown."""
        return bool(self._kept)

    def show(self, marks: Iterable[Mark]) -> None:
        """Show these marks instead of those shown (none: clear every mark)."""
        self._kept = list(marks)
        self._cells, self._header, self._pages = {}, {}, []
        for mark in self._kept:
            node = mark.node
            if isinstance(node, Indicator | Level1 | Level2):
                for column in _columns(node, mark.field):
                    self._cells[(id(node), column)] = mark.tip
                self._pages += _page_fields(node, mark.field)
            elif isinstance(node, GoalTable):
                self._header[(id(node), mark.field)] = mark.tip
                self._pages.append((node, mark.field))
        self._repaint_tree()
        self.mark_form()
        self.mark_pages()

    def cell(self, node: TreeNode, column: int, role: int) -> Any:
        """The tree model's hook: a changed cell's tint (background) or tip (tooltip)."""
        tip = self._cells.get((id(node), column))
        if tip is None:
            return None
        return TINT if role == _Role.BackgroundRole else tip

    def tip(self, node: object, field: str) -> str | None:
        """The tip of a marked tree cell or header field, None when it is not marked."""
        if isinstance(node, GoalTable):
            return self._header.get((id(node), field))
        return self._cells.get((id(node), COLUMN_OF_FIELD.get(field, COL_DISPLAY)))

    def mark_form(self) -> None:
        """Mark the changed header fields of the table the form shows (after it changed)."""
        window = self._window
        table = window.current_table()
        marked: set[str] = set()
        for (table_id, field), tip in self._header.items():
            if table is not None and table_id == id(table) and _marks_field(window, field):
                window.header_form.editor(field).setProperty(CHANGED_FROM, tip)
                marked.add(field)
        for field in self._marked_fields - marked:
            window.header_form.editor(field).setProperty(CHANGED_FROM, None)
        self._marked_fields = marked
        window.header_form.repaint_marks()

    def mark_pages(self) -> None:
        """Tint the changed cells in the 页面视图 (once it is built)."""
        view = self._window.live_dock.view
        if view is not None:
            view.set_changed(self._pages)

    def _repaint_tree(self) -> None:
        model = self._window.editor.model
        table = model.table
        if table is None:
            return
        last = model.columnCount() - 1
        model.dataChanged.emit(
            model.index(0, 0), model.index(model.rowCount() - 1, last), [_Role.BackgroundRole]
        )
        for level1 in table.children:
            parent = model.index_of(level1)
            if level1.children:
                model.dataChanged.emit(
                    model.index(0, 0, parent), model.index(len(level1.children) - 1, last, parent)
                )
            for level2 in level1.children:
                if level2.children:
                    inner = model.index_of(level2)
                    model.dataChanged.emit(
                        model.index(0, 0, inner),
                        model.index(len(level2.children) - 1, last, inner),
                    )


def _columns(node: TreeNode, field: str) -> list[int]:
    """The tree columns that show a marked field of a node."""
    from goaleditor.compare.marks import WHOLE

    if not isinstance(node, Indicator) or field == "name":
        return [COL_NAME]
    if field == WHOLE:
        return list(range(len(HEADERS)))
    column = COLUMN_OF_FIELD.get(field, COL_DISPLAY if field == "display" else None)
    return [] if column is None else [column]


def _page_fields(node: TreeNode, field: str) -> list[tuple[object, str]]:
    """The page view's (object, field) pairs of a marked field of a tree node."""
    if isinstance(node, Level1 | Level2):
        kind = "level1" if isinstance(node, Level1) else "level2"
        return [(row, kind) for row in _indicators(node)]
    from goaleditor.compare.marks import VALUE_PARTS, WHOLE

    row_fields = ("name", "description", "display", *VALUE_PARTS, "weight")  # an added row's
    names = row_fields if field == WHOLE else (field,)
    return [(node, f"indicator.{name}") for name in names]


def _indicators(group: Level1 | Level2) -> list[Indicator]:
    if isinstance(group, Level2):
        return list(group.children)
    return [row for level2 in group.children for row in level2.children]


def _marks_field(window: MainWindow, field: str) -> bool:
    """Whether the header form has a text editor for the field (the unit box is not marked)."""
    try:
        editor = window.header_form.editor(field)
    except KeyError:
        return False
    return isinstance(editor, QLineEdit | QPlainTextEdit)
