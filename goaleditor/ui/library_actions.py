"""指标库 menu: insert from the library, 建议指标 for the current table, and the suggested
rows' mark (a tint kept in the window, never in the document) until edited or accepted."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QBrush, QColor
from PySide6.QtWidgets import QMenu

if TYPE_CHECKING:
    from goaleditor.model.document import GoalTable, Indicator
    from goaleditor.model.events import Event
    from goaleditor.ui.main_window import MainWindow

SUGGESTED_TINT = QColor(255, 246, 214)  # a pale yellow: proposed, not yet the clerk's
SUGGESTED_TIP = "建议指标：修改此行或选择“指标库 → 接受建议指标”后不再标记"
STATUS_MS = 8000


class SuggestedMarks:
    """Indicators inserted by 建议指标, marked until the clerk edits them or accepts them.

    The mark lives here, by indicator identity, not in the model: it is never saved,
    printed, exported or compared, and a reopened file simply has no suggestions pending.
    """

    def __init__(self, window: MainWindow) -> None:
        self._window = window
        self._marked: dict[int, Indicator] = {}  # id → the indicator (kept alive while marked)
        model = window.editor.model
        self._earlier = model.change_marks  # a comparison's marks come first
        model.change_marks = self._cell
        self._unsubscribe = window.document.subscribe(self._on_event)
        window.session.replaced.connect(self._on_replaced)

    def is_suggested(self, node: object) -> bool:
        """Whether the node is a suggested row not yet edited or accepted."""
        return id(node) in self._marked and self._marked[id(node)] is node

    def mark(self, indicators: Iterable[Indicator]) -> None:
        """Mark these indicators as suggested."""
        self._marked.update((id(i), i) for i in indicators)
        self._repaint()

    def accept(self, table: GoalTable | None = None) -> int:
        """Take the suggested rows as the clerk's (of one table, or all); how many."""
        rows = {id(i) for _, _, i in table.indicator_rows()} if table is not None else None
        taken = [key for key in self._marked if rows is None or key in rows]
        for key in taken:
            del self._marked[key]
        self._repaint()
        return len(taken)

    def _cell(self, node: Any, column: int, role: int) -> Any:
        earlier = self._earlier(node, column, role) if self._earlier is not None else None
        if earlier is not None or not self.is_suggested(node):
            return earlier
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(SUGGESTED_TINT)
        if role == Qt.ItemDataRole.ToolTipRole:
            return SUGGESTED_TIP
        return None

    def _on_event(self, event: Event) -> None:
        from goaleditor.model.events import Edited

        if isinstance(event, Edited) and event.phase == "after" and self.is_suggested(event.target):
            del self._marked[id(event.target)]  # edited: the clerk's own now

    def _on_replaced(self, document: Any) -> None:
        self._unsubscribe()
        self._marked.clear()
        self._unsubscribe = document.subscribe(self._on_event)

    def _repaint(self) -> None:
        self._window.editor.view.viewport().update()


class LibraryActions:
    """The 指标库 submenu and its actions; the library code loads when first used."""

    def __init__(self, window: MainWindow, insert_action: QAction) -> None:
        self._window = window
        self.marks = SuggestedMarks(window)
        self.suggest_action = QAction(window)
        self.suggest_action.setText("建议指标(&S)")
        self.suggest_action.setStatusTip("按项目名称、资金用途和绩效目标，从指标库插入建议的指标")
        self.suggest_action.triggered.connect(self.suggest)
        self.accept_action = QAction(window)
        self.accept_action.setText("接受建议指标(&A)")
        self.accept_action.setStatusTip("把当前表中标记为建议的指标作为正式指标")
        self.accept_action.triggered.connect(self.accept)
        self.menu = QMenu("指标库(&L)", window)
        self.menu.addActions([insert_action, self.suggest_action, self.accept_action])
        editor = window.editor
        earlier = editor.context_actions
        editor.context_actions = lambda: [*earlier(), self.suggest_action]

    def suggest(self) -> None:
        """建议指标: insert the entries the current table's words point to, marked as such."""
        from goaleditor.library.search import index_of
        from goaleditor.library.suggest import suggestion_edit, suggestions

        window = self._window
        table = window.current_table()
        if table is None:
            return
        framework = window.document.framework
        chosen = suggestions(table, index_of(window.library.entries()), framework)
        if not chosen:
            window.statusBar().showMessage(
                "没有可建议的指标：请先填写项目名称、资金用途或绩效目标", STATUS_MS
            )
            return
        edit, made = suggestion_edit(table, framework, chosen)
        if window.session.apply(edit):
            self.marks.mark(made)
            window.statusBar().showMessage(
                f"已插入{len(made)}项建议指标（浅黄色）：不需要的请删除，修改或接受后不再标记",
                STATUS_MS,
            )

    def accept(self) -> None:
        """接受建议指标: the current table's suggested rows become ordinary rows."""
        taken = self.marks.accept(self._window.current_table())
        self._window.statusBar().showMessage(f"已接受{taken}项建议指标", STATUS_MS)
