"""The indicator tree view with its actions: insert, delete, move, drag, copy and paste."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence, QResizeEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QMenu, QVBoxLayout, QWidget

from goaleditor.formats.clipboard.rows import format_indicator_rows, parse_rows
from goaleditor.model import edit_rules as rules
from goaleditor.model import paste_rules
from goaleditor.model.document import (
    Container,
    Document,
    GoalTable,
    Indicator,
    Level1,
    Level2,
    TreeNode,
)
from goaleditor.model.frameworks import get_framework
from goaleditor.self_evaluation.grade_edits import grade_edit
from goaleditor.ui.column_paste import column_paste
from goaleditor.ui.delegates import IndicatorDelegate, show_status
from goaleditor.ui.indicator_model import (
    COL_ACTUAL,
    COL_DESCRIPTION,
    COL_DISPLAY,
    COL_LAST_YEAR,
    COL_NAME,
    FIELD_OF_COLUMN,
    IndicatorTreeModel,
)
from goaleditor.ui.tree_columns import FIXED_WIDTHS, shown_columns
from goaleditor.ui.tree_keys import IndicatorTreeView, selected_indicators

if TYPE_CHECKING:
    from goaleditor.ui.session import DocumentSession

# 三级指标 and 描述 share the room left by the narrow columns; 描述 never gets less than this.
NAME_SHARE, NAME_MIN, DESCRIPTION_MIN = 0.4, 150, 180


class IndicatorEditor(QWidget):
    """Owns the tree view, its model and delegate, and the actions that edit the tree."""

    def __init__(
        self,
        document: Document,
        session: DocumentSession,
        library: Callable[[], Any] | None = None,
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self._document = document
        self._library = library  # a callable: the library is read when first needed
        self._session = session
        self._printed: frozenset[str] = frozenset()
        # more right-click entries, asked for each time (review mode's: 标为通过…)
        self.context_actions: Callable[[], list[QAction]] = list
        # One set of kept scores per open document: the session's, shared with the form.
        self.model = IndicatorTreeModel(document, self, scores_for=lambda _doc: session.scores)
        self.model.edit_handler = self._edit_field
        self.view = IndicatorTreeView(self.move_indicators, self)
        self.view.setObjectName("indicator_tree")
        self.view.setModel(self.model)
        self.view.clearRequested.connect(self.clear_cells)
        self.view.groupTyped.connect(self.start_in_group)
        self.view.editorClosed.connect(self._editor_closed)
        # after typing on a group row started a row: the undo index then, and the group
        self._typed_insertion: tuple[int, Level2] | None = None
        self.view.setItemDelegate(
            IndicatorDelegate(
                self._units_in_use, self._library_entries, self.fill_from_library, self.view
            )
        )
        header = self.view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in FIXED_WIDTHS.items():
            self.view.setColumnWidth(column, width)
        # 上年指标值 stands right after this year's 指标值 as printed (打印值, else 单位).
        header.moveSection(header.visualIndex(COL_LAST_YEAR), header.visualIndex(COL_DISPLAY) + 1)
        self._name_share = NAME_SHARE
        self._fitting = False
        header.sectionResized.connect(self._column_resized)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._context_menu)
        self.model.modelReset.connect(self.view.expandAll)
        self.model.rowsInserted.connect(self._expand_inserted)
        self.add_level2_menu = QMenu("添加二级指标(&2)", self)
        self.add_level2_menu.aboutToShow.connect(self._fill_level2_menu)
        self.add_level1_menu = QMenu("添加一级指标(&1)", self)
        self.add_level1_menu.aboutToShow.connect(self._fill_level1_menu)
        self._make_actions()

    # --- actions ---------------------------------------------------------------------------

    def _action(
        self,
        text: str,
        shortcuts: list[Any],
        slot: Callable[[], None],
        tip: str,
        tree_only: bool = False,
    ) -> QAction:
        """An action of the tree; tree_only: its keys act in the tree, not in a cell editor."""
        action = QAction(self)  # QAction(text, parent) would load QIcon's large enums at start
        action.setText(text)
        action.setShortcuts([QKeySequence(s) for s in shortcuts])
        action.setShortcutContext(
            Qt.ShortcutContext.WidgetShortcut
            if tree_only
            else Qt.ShortcutContext.WidgetWithChildrenShortcut
        )
        action.setStatusTip(tip)
        plain = text.split("(&")[0]
        action.setToolTip(
            f"{plain}（{QKeySequence(shortcuts[0]).toString()}）" if shortcuts else plain
        )
        action.triggered.connect(slot)
        (self.view if tree_only else self).addAction(action)
        return action

    def _make_actions(self) -> None:
        ctrl_enter = [QKeySequence("Ctrl+Return"), QKeySequence("Ctrl+Enter")]
        self.insert_action = self._action(
            "插入指标(&I)", ctrl_enter, self.insert_below, "在当前行下方插入三级指标"
        )
        self.delete_action = self._action(
            "删除(&D)",
            [QKeySequence("Ctrl+Delete")],
            self.delete_selected,
            "删除选中的指标或指标组",
        )
        # Not Alt+↑/↓: in a cell editor those open the drop-down, as in Excel/WPS.
        self.up_action = self._action(
            "上移(&K)",
            [QKeySequence("Ctrl+Shift+Up")],
            lambda: self.move_current(-1),
            "把指标上移一行（到二级指标组的开头时移入上一组）",
            tree_only=True,
        )
        self.down_action = self._action(
            "下移(&J)",
            [QKeySequence("Ctrl+Shift+Down")],
            lambda: self.move_current(1),
            "把指标下移一行（到二级指标组的末尾时移入下一组）",
            tree_only=True,
        )
        self.clear_action = self._action(
            "清除内容(&Q)",
            [QKeySequence(Qt.Key.Key_Delete)],
            self.clear_cells,
            "清除选中单元格的内容（指标性质不变）",
            tree_only=True,
        )
        self.copy_action = self._action(
            "复制(&C)",
            [QKeySequence.StandardKey.Copy],
            self.copy_rows,
            "复制选中的指标（可粘贴到Excel/WPS）",
        )
        self.cut_action = self._action(
            "剪切(&T)", [QKeySequence.StandardKey.Cut], self.cut_rows, "剪切选中的指标"
        )
        self.paste_action = self._action(
            "粘贴(&P)",
            [QKeySequence.StandardKey.Paste],
            self.paste_rows,
            "粘贴从Excel/WPS复制的行（三级、描述、指标值）",
        )

    def _context_menu(self, point: Any) -> None:
        self.context_menu().exec(self.view.viewport().mapToGlobal(point))

    def context_menu(self) -> QMenu:
        """The tree's right-click menu (with review mode's entries when it is on)."""
        menu = QMenu(self)
        menu.addAction(self.insert_action)
        menu.addMenu(self.add_level2_menu)
        menu.addMenu(self.add_level1_menu)
        menu.addSeparator()
        for action in (self.cut_action, self.copy_action, self.paste_action):
            menu.addAction(action)
        menu.addSeparator()
        for action in (self.up_action, self.down_action, self.clear_action, self.delete_action):
            menu.addAction(action)
        extra = self.context_actions()
        if extra:
            menu.addSeparator()
            menu.addActions(extra)
        return menu

    # --- showing ---------------------------------------------------------------------------

    def show_columns(self, printed: frozenset[str]) -> None:
        """Show the columns of indicator fields the document's layout prints (描述, 权重, the
        parts of 指标值); the others are hidden, so Tab and ←/→ pass them by."""
        self._printed = printed
        shown = shown_columns(self.model, printed)
        for column in range(self.model.columnCount()):
            self.view.setColumnHidden(column, column not in shown)
        current = self.view.currentIndex()
        if current.isValid() and current.column() not in shown:
            self.view.setCurrentIndex(current.siblingAtColumn(COL_NAME))
        self.fit_columns()

    def set_document(self, document: Document) -> None:
        """Edit another document."""
        self._document = document
        self.model.set_document(document)
        self.show_columns(self._printed)  # a 自评表 shows its own columns

    def set_table(self, table: GoalTable | None) -> None:
        """Show another table's tree."""
        if self.view.state() == QAbstractItemView.State.EditingState:
            self.view.setCurrentIndex(QModelIndex())  # closes (and commits) the open editor
        self.model.set_table(table)
        if table is not None:
            first = next((ind for _, _, ind in table.indicator_rows()), None)
            index = self.model.index_of(first) if first else self.model.index(0, 0)
            if first is not None and self._document.is_self_evaluation:
                index = index.siblingAtColumn(COL_ACTUAL)  # a 自评表 is filled in its results
            self.view.setCurrentIndex(index)  # current and selected
            self.view.scrollToTop()  # the first indicator, under its group rows

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.fit_columns()

    def _room(self) -> int:
        """The width 三级指标 and 描述 share."""
        shown = [c for c in FIXED_WIDTHS if not self.view.isColumnHidden(c)]
        fixed = sum(self.view.columnWidth(c) for c in shown)
        return max(0, self.view.viewport().width() - fixed)

    def fit_columns(self) -> None:
        """Share the room between 三级指标 and 描述 (the clerk's last split kept); without
        描述 (a layout that does not print it), 三级指标 takes it all."""
        room = self._room()
        self._fitting = True
        if self.view.isColumnHidden(COL_DESCRIPTION):
            self.view.setColumnWidth(COL_NAME, max(NAME_MIN, room))
        else:
            name = max(NAME_MIN, int(room * self._name_share))
            self.view.setColumnWidth(COL_NAME, name)
            self.view.setColumnWidth(COL_DESCRIPTION, max(DESCRIPTION_MIN, room - name))
        self._fitting = False

    def _column_resized(self, column: int, _old: int, new: int) -> None:
        if self.view.isColumnHidden(COL_DESCRIPTION):
            return  # 三级指标 alone: no split to learn
        if not self._fitting and column == COL_NAME and self._room():
            self._name_share = min(0.8, max(0.1, new / self._room()))

    def _expand_inserted(self, parent: QModelIndex, first: int, last: int) -> None:
        for row in range(first, last + 1):
            self.view.expandRecursively(self.model.index(row, 0, parent))

    def _units_in_use(self) -> list[str]:
        units: dict[str, None] = {}
        for table in self._document.tables[:200]:  # enough to learn the clerk's habits
            for _, _, ind in table.indicator_rows():
                units.setdefault(ind.unit)
        return list(units)

    def select_node(self, node: Any, column: int = COL_NAME) -> None:
        """Make a node current and selected."""
        index = self.model.index_of(node, column)
        if index.isValid():
            self.view.setCurrentIndex(index)
            self.view.scrollTo(index)

    # --- editing ----------------------------------------------------------------------------

    def _edit_field(self, node: Any, name: str, value: str) -> None:
        if name == "grade" and isinstance(node, Indicator):  # 达成 fills its full 分值
            edit, note = grade_edit(node, value)
        else:
            edit, note = rules.typed_field(node, name, value)  # 指标值 cells read as printed
        self._session.apply(edit)
        show_status(self, note)

    def _library_entries(self, level2: str | None) -> list[Any]:
        return self._library().entries(level2) if self._library is not None else []

    def fill_from_library(self, node: Indicator, entry: Any) -> None:
        """Name, comparator, unit and (if empty) description from a library entry: one step."""
        self._session.apply(rules.fill_from_library(node, entry))

    def _current(self) -> TreeNode | None:
        return self.model.node(self.view.currentIndex())

    def insert_below(self) -> None:
        """Insert an empty indicator below the current row and start typing its name."""
        indicator = Indicator()
        if self._session.apply(
            rules.insert_indicators(self._current(), self.model.table, [indicator], "插入指标")
        ):
            self.select_node(indicator)
            self.view.edit(self.view.currentIndex())

    def insert_indicators(self, indicators: list[Indicator], text: str) -> None:
        """Insert indicators below the current row as one undoable step."""
        if self._session.apply(
            rules.insert_indicators(self._current(), self.model.table, indicators, text)
        ):
            self.select_node(indicators[0])

    def clear_cells(self) -> None:
        """Delete: empty the selected cells of indicators as one step (指标性质 stays)."""
        indexes = self.view.selectionModel().selectedIndexes() or [self.view.currentIndex()]
        cells = [(self.model.node(i), FIELD_OF_COLUMN.get(i.column())) for i in indexes]
        self._session.apply(rules.clear_cells(cells))

    def start_in_group(self, group: Level2, text: str) -> None:
        """Typing on a 二级 row: a new indicator at the end of that group, named as typed."""
        indicator = Indicator(name=text)
        if self._session.apply(
            rules.insert_indicators(group, self.model.table, [indicator], "插入指标")
        ):
            self.select_node(indicator)
            if self.view.edit(
                self.view.currentIndex(), QAbstractItemView.EditTrigger.EditKeyPressed, None
            ):
                self._typed_insertion = (self._session.stack.index(), group)

    def _editor_closed(self, cancelled: bool) -> None:
        """Esc in the name of a row that typing started takes the row back, as a spreadsheet
        throws away what was typed; nothing else was done since (the undo index is the same)."""
        started, self._typed_insertion = self._typed_insertion, None
        if cancelled and started is not None and self._session.stack.index() == started[0]:
            self._session.stack.undo()
            self.select_node(started[1])

    def delete_selected(self) -> None:
        """Delete the selected indicators or groups (one undoable step)."""
        indexes = self.view.selectionModel().selectedIndexes()
        chosen = [node for node in map(self.model.node, indexes) if node is not None]
        current = self._current()
        if not chosen and current is not None:
            chosen = [current]
        self._session.apply(rules.delete_nodes(chosen))  # a node chosen twice goes once

    def move_current(self, step: int) -> None:
        """Move the current indicator one row up or down, across 二级 groups at the ends."""
        if self.view.state() == QAbstractItemView.State.EditingState:
            return  # the keys act in the tree; from the menu, finish the cell first
        node = self._current()
        if not isinstance(node, Indicator) or node.parent is None:
            return
        if self._session.apply(rules.move_step(node, step)):
            self.select_node(node, self.view.currentIndex().column())

    def move_indicators(self, nodes: list[Indicator], dest: Container, row: int) -> None:
        """Move indicators (from anywhere in the table) to dest before row, as one step."""
        if self._session.apply(rules.move_indicators(nodes, dest, row)):
            self.select_node(nodes[0])

    def copy_rows(self) -> None:
        """Copy the selected indicators as tab-separated rows."""
        indicators = selected_indicators(self.view)
        if indicators:
            QGuiApplication.clipboard().setText(format_indicator_rows(indicators))

    def cut_rows(self) -> None:
        """Copy, then delete, the selected indicators."""
        self.copy_rows()
        self.delete_selected()

    def paste_rows(self) -> None:
        """Paste rows copied from Excel/WPS (or from here) under their 一级/二级 groups."""
        text = QGuiApplication.clipboard().text()
        index = self.view.currentIndex()
        column_field = FIELD_OF_COLUMN.get(index.column())
        down = column_paste(self._current(), column_field, self.model.table, text, self.model.takes)
        if down is not None:  # a column into a 自评表's column: one value per indicator
            self._session.apply(down.edit)
            show_status(self, down.message)
            return
        editable = bool(index.flags() & Qt.ItemFlag.ItemIsEditable)
        field = FIELD_OF_COLUMN.get(index.column()) if editable else None
        readings: list[str] = []  # 指标值 written in words, said once
        rows = parse_rows(text, readings.append)
        framework = self._document.framework
        paste = paste_rules.paste_placement(
            self._current(), field, self.model.table, text, rows, framework
        )
        if self._session.apply(paste.edit) and paste.first is not None:
            self.select_node(paste.first)
        rows_pasted = paste.first is not None  # a single value says its own reading
        show_status(self, "；".join([paste.message, *readings] if rows_pasted else [paste.message]))

    # --- groups ---------------------------------------------------------------------------------

    def _level1_for_menu(self) -> Level1 | None:
        node = self._current()
        while node is not None and not isinstance(node, Level1):
            node = node.parent
        return node

    def _fill_level2_menu(self) -> None:
        self.add_level2_menu.clear()
        level1 = self._level1_for_menu()
        framework = get_framework(self._document.framework)
        if level1 is None:
            self.add_level2_menu.addAction("（请先选中一个一级指标）").setEnabled(False)
            return
        present = {l2.name for l2 in level1.children}
        for number, name in enumerate(framework.level2_names(level1.name), 1):
            action = self.add_level2_menu.addAction(f"&{number} {name}")
            action.setEnabled(name not in present)
            action.triggered.connect(lambda _=False, n=name, l1=level1: self.add_level2(l1, n))

    def add_level2(self, level1: Level1, name: str) -> None:
        """Add an empty 二级 group under a 一级, in the framework's order."""
        edit = rules.add_level2(level1, self._document.framework, name)
        self._session.apply(edit)
        self.select_node(edit.nodes[0])

    def _fill_level1_menu(self) -> None:
        self.add_level1_menu.clear()
        table = self.model.table
        framework = get_framework(self._document.framework)
        present = {l1.name for l1 in table.children} if table else set()
        for number, name in enumerate(framework.level1_names, 1):
            action = self.add_level1_menu.addAction(f"&{number} {name}")
            action.setEnabled(table is not None and name not in present)
            action.triggered.connect(lambda _=False, n=name: self.add_level1(n))

    def add_level1(self, name: str) -> None:
        """Add a 一级 group (with its framework's 二级 groups) in the official order."""
        table = self.model.table
        if table is None:
            return
        edit = rules.add_level1(table, self._document.framework, name)
        self._session.apply(edit)
        self.select_node(edit.nodes[0])
