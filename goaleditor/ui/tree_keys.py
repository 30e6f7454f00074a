"""The indicator tree view and its keys: it moves, enters and edits like a spreadsheet.

Arrows move one cell (Left never jumps to the parent group), Enter/Shift+Enter move down/up
(committing an open editor), Tab/Shift+Tab walk the editable cells row by row, typing
replaces a cell, F2 edits it keeping its text, Delete clears the selected cells, Ctrl+←/→
(or -/+) collapse and expand a group, Home/End go to the first/last editable cell of the row,
Alt+↓ on a drop-down cell opens its list, and typing on a 二级 row starts a new indicator
there (on a 一级 row, in its first 二级 group). In a 自评表, Enter moves from indicator to
indicator in the same column (实际完成值 after 实际完成值), passing the group rows by; typing on
a cell that is computed (得分 by rule) says so on the status line.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, overload

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QDropEvent, QInputMethodEvent, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QLineEdit,
    QTreeView,
    QWidget,
)

from goaleditor.model import edit_rules as rules
from goaleditor.model.document import Container, Indicator, Level1, Level2
from goaleditor.ui.delegates import show_status
from goaleditor.ui.indicator_model import (
    COL_COMPARATOR,
    COL_GRADE,
    COL_NAME,
    COL_REVIEW_VERDICT,
    COL_UNIT,
    NODE_MIME,
    IndicatorTreeModel,
)

Mover = Callable[[list[Indicator], Container, int], None]
# The keys this view handles itself (the shortcut sheet lists them beside the actions').
TREE_KEYS = (
    ("↑ ↓ ← →", "移动一个单元格（← 不会跳到上级指标）"),
    ("Enter / Shift+Enter", "确认输入并移到下一行 / 上一行（自评表：下一个 / 上一个指标）"),
    ("Tab / Shift+Tab", "移到下一个 / 上一个可编辑单元格（行末换行）"),
    ("直接输入", "替换单元格内容；在一级、二级指标行上输入则新建该组的三级指标"),
    ("Home / End", "移到本行第一个 / 最后一个可编辑单元格"),
    ("Ctrl+Home / Ctrl+End", "移到第一行 / 最后一行"),
    ("F2", "编辑单元格，保留原内容"),
    ("Esc", "取消正在输入的内容"),
    ("Delete", "清除选中单元格的内容"),
    ("Ctrl+← / Ctrl+→，- / +", "折叠 / 展开指标组"),
    ("Alt+↓，F4（编辑时）", "打开指标性质、计量单位、定性等级、审核结论的下拉列表"),
)
_Key = Qt.Key
_Mod = Qt.KeyboardModifier
_ENTER = (_Key.Key_Return, _Key.Key_Enter)
_Action = QAbstractItemView.CursorAction
_Trigger = QAbstractItemView.EditTrigger
AnyIndex = QModelIndex | QPersistentModelIndex
# cells whose editor has a list
DROP_DOWN_COLUMNS = (COL_COMPARATOR, COL_UNIT, COL_GRADE, COL_REVIEW_VERDICT)


def _plain(event: QKeyEvent) -> bool:
    return event.modifiers() & ~_Mod.KeypadModifier == _Mod.NoModifier


def _typed_group(node: object) -> Level2 | None:
    """The group a key typed on a group row starts an indicator in (a 一级's first 二级)."""
    if isinstance(node, Level1):
        return next((child for child in node.children if isinstance(child, Level2)), None)
    return node if isinstance(node, Level2) else None


def _line_edit(editor: QWidget | None) -> QLineEdit | None:
    """The line edit inside a cell editor (a QLineEdit or an editable combo's)."""
    if isinstance(editor, QLineEdit):
        return editor
    if isinstance(editor, QComboBox) and editor.isEditable():
        return editor.lineEdit()
    return None


class IndicatorTreeView(QTreeView):
    """A QTreeView that edits like a spreadsheet and turns drops into undoable moves."""

    clearRequested = Signal()  # Delete in navigation: clear the selected cells
    groupTyped = Signal(object, str)  # (Level2, text): typing on a 二级 row
    editorClosed = Signal(bool)  # a cell editor closed; True: Esc threw its text away

    def __init__(self, on_drop: Mover, parent: Any = None) -> None:
        super().__init__(parent)
        self._on_drop = on_drop
        self._after_commit = 0  # rows to move once the open editor closes (Enter: 1, Shift: -1)
        self._watched: QObject | None = None
        self.setEditTriggers(
            _Trigger.DoubleClicked | _Trigger.EditKeyPressed | _Trigger.AnyKeyPressed
        )
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setDropIndicatorShown(True)
        self.setTabKeyNavigation(True)
        self.setAlternatingRowColors(True)
        self.setUniformRowHeights(True)
        self.setAllColumnsShowFocus(False)
        self.setExpandsOnDoubleClick(False)

    # --- navigation ------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        index = self.currentIndex()
        editing = self.state() == QAbstractItemView.State.EditingState
        editor = self.indexWidget(index) if editing and index.isValid() else None
        if editor is not None and event.text().isprintable() and event.text():
            # A character reached the tree while its cell's editor is open: typed faster than
            # the focus moved (a desktop without a window manager). It belongs to the editor,
            # never to the tree (an editor passes no character on; dropped, it was lost).
            QApplication.sendEvent(editor, event)
            if not editor.hasFocus():
                editor.setFocus()
            return
        if editing and not self.hasFocus():
            event.ignore()  # a key the cell editor left: the delegate commits and closes it
            return
        if key in _ENTER and not event.modifiers() & ~(_Mod.KeypadModifier | _Mod.ShiftModifier):
            self.step_row(-1 if event.modifiers() & _Mod.ShiftModifier else 1)
            return
        if key == _Key.Key_Delete and _plain(event):
            self.clearRequested.emit()
            return
        if key in (_Key.Key_Left, _Key.Key_Right) and event.modifiers() == _Mod.ControlModifier:
            self._fold(index, key == _Key.Key_Right)
            return
        if key == _Key.Key_Down and event.modifiers() & ~_Mod.KeypadModifier == _Mod.AltModifier:
            self.open_drop_down(index)
            return  # never Qt's Alt+↓ (a plain ↓): the row stays where it is
        node = self.model().node(index) if index.isValid() else None  # type: ignore[attr-defined]
        group = _typed_group(node)
        text = event.text()
        if (
            group is not None
            and text.isprintable()
            and text.strip()
            and text not in "+-*"  # expand / collapse, as in any tree
            and not event.modifiers() & (_Mod.ControlModifier | _Mod.AltModifier)
        ):
            self.groupTyped.emit(group, text)
            return
        if text.isprintable() and text.strip() and not editing and self._says_read_only(index):
            return
        super().keyPressEvent(event)

    def _says_read_only(self, index: QModelIndex) -> bool:
        """Typing on an indicator's cell that is not typed in (a computed 得分): say why."""
        model = self.model()
        reason = model.read_only_reason(index) if isinstance(model, IndicatorTreeModel) else ""
        show_status(self, reason)
        return bool(reason)

    def inputMethodEvent(self, event: QInputMethodEvent) -> None:
        group = _typed_group(self.model().node(self.currentIndex()))  # type: ignore[attr-defined]
        if group is not None and event.commitString().strip():
            self.groupTyped.emit(group, event.commitString())
            return
        super().inputMethodEvent(event)

    def open_drop_down(self, index: QModelIndex) -> bool:
        """Alt+↓ on a 指标性质 or 单位 cell: edit it with its list open, as Excel and WPS do."""
        if (
            not index.isValid()
            or index.column() not in DROP_DOWN_COLUMNS
            or not index.flags() & Qt.ItemFlag.ItemIsEditable
            or not self.edit(index, _Trigger.EditKeyPressed, None)
        ):
            return False
        editor = self.indexWidget(index)
        if isinstance(editor, QComboBox):
            editor.showPopup()
        return True

    def _fold(self, index: QModelIndex, expand: bool) -> None:
        """Ctrl+→ expands the group of the current row, Ctrl+← collapses it (and selects it)."""
        group = index.siblingAtColumn(0)
        if not self.model().hasChildren(group):
            group = group.parent()
        if not group.isValid():
            return
        self.setExpanded(group, expand)
        if not expand:
            self.setCurrentIndex(group)

    def step_row(self, step: int) -> None:
        """Move the cursor one visible row down (or up), keeping the column (Enter); in a
        自评表's value columns, to the next indicator row (group rows have nothing there)."""
        index = self.currentIndex()
        if not index.isValid():
            return
        row = self._next_row(index, step)
        if self._passes_groups(index):
            while row.isValid() and not self._is_indicator(row):
                row = self._next_row(row, step)
        if row.isValid():
            self.setCurrentIndex(row.siblingAtColumn(index.column()))

    def _next_row(self, index: QModelIndex, step: int) -> QModelIndex:
        return self.indexBelow(index) if step > 0 else self.indexAbove(index)

    def _is_indicator(self, index: QModelIndex) -> bool:
        model = self.model()
        return isinstance(model, IndicatorTreeModel) and isinstance(model.node(index), Indicator)

    def _passes_groups(self, index: QModelIndex) -> bool:
        """Whether Enter in this cell's column passes group rows by (a 自评表, not 三级指标)."""
        model = self.model()
        return (
            isinstance(model, IndicatorTreeModel)
            and model.self_evaluation
            and index.column() != COL_NAME
            and self._is_indicator(index)
        )

    def moveCursor(self, action: _Action, modifiers: Qt.KeyboardModifier) -> QModelIndex:
        """Left/Right move one cell; Tab and Shift+Tab walk the editable cells row by row."""
        index = self.currentIndex()
        if action in (_Action.MoveLeft, _Action.MoveRight) and index.isValid():
            step = 1 if action == _Action.MoveRight else -1
            header = self.header()  # in the order shown (上年指标值 is moved beside 指标值)
            place = header.visualIndex(index.column()) + step
            while 0 <= place < header.count() and header.isSectionHidden(
                header.logicalIndex(place)
            ):
                place += step  # a column the layout does not show (权重)
            if 0 <= place < header.count():
                return index.siblingAtColumn(header.logicalIndex(place))
            return index
        if (
            action in (_Action.MoveHome, _Action.MoveEnd)
            and index.isValid()
            and not modifiers & _Mod.ControlModifier
        ):
            return self._row_end(index, action == _Action.MoveEnd)
        if action not in (_Action.MoveNext, _Action.MovePrevious):
            return super().moveCursor(action, modifiers)
        step = 1 if action == _Action.MoveNext else -1
        columns = self.model().columnCount()
        while index.isValid():
            column = index.column() + step
            if 0 <= column < columns:
                index = index.siblingAtColumn(column)
            else:
                row = self.indexBelow(index) if step > 0 else self.indexAbove(index)
                index = row.siblingAtColumn(0 if step > 0 else columns - 1)
            if index.flags() & Qt.ItemFlag.ItemIsEditable and not self.isColumnHidden(
                index.column()
            ):
                return index
        return self.currentIndex()

    def _row_end(self, index: QModelIndex, last: bool) -> QModelIndex:
        """Home/End: the first (last) editable, shown cell of the row; a group row's name."""
        columns = range(self.model().columnCount())
        for column in reversed(columns) if last else columns:
            cell = index.siblingAtColumn(column)
            if cell.flags() & Qt.ItemFlag.ItemIsEditable and not self.isColumnHidden(column):
                return cell
        return index.siblingAtColumn(0)

    # --- editing ---------------------------------------------------------------------------

    @overload
    def edit(self, index: AnyIndex) -> None: ...

    @overload
    def edit(self, index: AnyIndex, trigger: _Trigger, event: QEvent | None) -> bool: ...

    def edit(
        self,
        index: AnyIndex,
        trigger: _Trigger | None = None,
        event: QEvent | None = None,
    ) -> bool | None:
        """Open the editor; F2 keeps the text with the cursor at its end, typing replaces it."""
        if trigger is None:
            return super().edit(index)  # Qt's slot, which calls back here with a trigger
        typed = event if trigger == _Trigger.AnyKeyPressed and event is not None else None
        # A typed key is forwarded here, after the old text is gone: an editable combo keeps
        # its text unselected, so Qt's own forwarding would append to it.
        # Qt takes a null event; the stubs do not say so.
        if not super().edit(index, trigger, None if typed else event):  # type: ignore[arg-type]
            return False
        editor = self.indexWidget(index)
        if editor is None:
            return True
        self._watch(editor)
        line = _line_edit(editor)
        if line is not None and trigger == _Trigger.EditKeyPressed:
            line.deselect()
            line.end(False)
        if typed is not None:
            if line is not None:
                line.clear()
            QApplication.sendEvent(line or editor.focusProxy() or editor, typed)
        return True

    def _watch(self, editor: QWidget) -> None:
        """Hear Enter in the editor (before the delegate closes it) to move on afterwards."""
        self._after_commit = 0
        self._watched = editor
        editor.installEventFilter(self)
        line = _line_edit(editor)
        if line is not None and line is not editor:
            line.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() in _ENTER
            and not event.modifiers() & _Mod.ControlModifier
        ):
            self._after_commit = -1 if event.modifiers() & _Mod.ShiftModifier else 1
        return super().eventFilter(watched, event)

    def closeEditor(self, editor: QWidget, hint: Any) -> None:
        step, self._after_commit = self._after_commit, 0
        super().closeEditor(editor, hint)
        self.editorClosed.emit(hint == QAbstractItemDelegate.EndEditHint.RevertModelCache)
        if step:
            self.step_row(step)

    # --- drag and drop ---------------------------------------------------------------------

    def dropEvent(self, event: QDropEvent) -> None:
        model = self.model()
        if event.source() is not self or not event.mimeData().hasFormat(NODE_MIME):
            event.ignore()
            return
        assert isinstance(model, IndicatorTreeModel)
        nodes = selected_indicators(self)
        target = self.indexAt(event.position().toPoint())
        place = _drop_place(model, target, self.dropIndicatorPosition())
        # Copy, not move: the move is done here, so the view must not remove the source rows.
        event.setDropAction(Qt.DropAction.CopyAction)
        event.accept()
        if nodes and place is not None:
            self._on_drop(nodes, *place)


def _drop_place(
    model: IndicatorTreeModel,
    target: QModelIndex,
    position: QAbstractItemView.DropIndicatorPosition,
) -> tuple[Container, int] | None:
    Pos = QAbstractItemView.DropIndicatorPosition
    where: rules.DropPosition = (
        "above" if position == Pos.AboveItem else "below" if position == Pos.BelowItem else "on"
    )
    return rules.drop_placement(model.node(target), where)


def selected_indicators(view: QTreeView) -> list[Indicator]:
    """Selected indicators in tree order (one per row, whatever the selected columns)."""
    model = view.model()
    assert isinstance(model, IndicatorTreeModel)
    table = model.table
    if table is None:
        return []
    chosen = {id(model.node(i)) for i in view.selectionModel().selectedIndexes()}
    current = model.node(view.currentIndex())
    if not chosen and isinstance(current, Indicator):
        chosen = {id(current)}
    return [ind for _, _, ind in table.indicator_rows() if id(ind) in chosen]
