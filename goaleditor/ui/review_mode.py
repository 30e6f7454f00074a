"""Review mode (文档 → 审核): the tree shows 审核结论 and 审核意见, the 审核意见 dock edits the
current table's 绩效目标审核表, and Ctrl+1 / Ctrl+2 mark the current rows 通过 / 不通过.

On by itself when the opened document carries a reviewer's marks; every mark is an undoable
edit of the document, as any other field's."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QItemSelectionModel, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QAbstractItemView, QDockWidget, QMenu

from goaleditor.model.document import Document, Indicator
from goaleditor.model.fields import FAILED, PASSED
from goaleditor.model.review_marks import is_reviewed
from goaleditor.review.marking import has_table_opinions, next_indicator, verdict_edit
from goaleditor.ui.indicator_model import COL_REVIEW_OPINION
from goaleditor.ui.problems_panel import RECHECK_DELAY_MS
from goaleditor.ui.review_form import OPINIONS, ReviewForm
from goaleditor.ui.tree_keys import selected_indicators

if TYPE_CHECKING:
    from goaleditor.ui.main_window import MainWindow

STATUS_MS = 10_000
DOCK_CHROME = 52  # pixels: the dock's title bar and the tabs under it
PASS_KEY, FAIL_KEY = "Ctrl+1", "Ctrl+2"
ASK_OPINION = "已标为不通过：请填写审核意见（Enter 确认）"
MOVED_ON = "已标为{verdict}，转到下一指标"
LAST_ROW = "已标为{verdict}（本表最后一个指标）"


class ReviewMode(QObject):
    """The window's review mode: its actions (in the 审核 menu), columns and dock."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self._chosen = False  # the reviewer turned it on in this window: kept for the next file
        self.form = ReviewForm(window.document, window.session, window)
        self.dock = QDockWidget("审核意见", window)
        self.dock.setObjectName("review_dock")
        self.dock.setWidget(self.form)
        # Under the tree, a tab beside 问题 (and 比较): at 1366 the tree keeps its width (its
        # 三级指标 stays in sight beside 审核意见) and its twelve rows.
        window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.dock)
        window.tabifyDockWidget(window.problems_dock, self.dock)
        self.dock.dockLocationChanged.connect(self._placed)
        self._placed(Qt.DockWidgetArea.BottomDockWidgetArea)
        self.dock.toggleViewAction().toggled.connect(window.bottom_docks_changed)
        self.dock.hide()
        self.mode_action = self._action("审核模式(&M)", self._chose, tip="显示审核结论和审核意见列")
        self.mode_action.setCheckable(True)
        self.mode_action.toggled.connect(self.set_on)
        self.opinions_action = self._action(
            "审核意见(&O)…",
            self.show_opinions,
            tip="填写当前表的绩效目标审核表：各项审核意见和审核结果",
        )
        self.pass_action = self._action(
            "标为通过(&P)", lambda: self.mark(PASSED), PASS_KEY, "把选中的指标标为审核通过"
        )
        self.fail_action = self._action(
            "标为不通过(&F)", lambda: self.mark(FAILED), FAIL_KEY, "把选中的指标标为审核不通过"
        )
        for action in (self.pass_action, self.fail_action):  # in the tree, not in a text field
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            window.editor.view.addAction(action)
        self.menu = QMenu("审核(&R)", window)
        self.menu.addAction(self.mode_action)
        self.menu.addSeparator()
        self.menu.addActions([self.opinions_action, self.pass_action, self.fail_action])
        self._enable(False)
        window.editor.context_actions = self.context_actions
        self._awaiting: Indicator | None = None  # marked 不通过, its opinion asked for
        window.stack.indexChanged.connect(self._opinion_given)
        window.session.replaced.connect(self._document_shown)
        window.table_list.selectionModel().currentRowChanged.connect(self._table_changed)
        QTimer.singleShot(0, self, self._hide_restored_dock)

    def _placed(self, area: Qt.DockWidgetArea) -> None:
        """Under or over the tree the form is wide: three fields a row."""
        across = (Qt.DockWidgetArea.BottomDockWidgetArea, Qt.DockWidgetArea.TopDockWidgetArea)
        self.form.set_wide(area in across)

    def _hide_restored_dock(self) -> None:
        """The window's saved state may show the dock: only review mode does."""
        if not self.on:
            self.dock.hide()

    def _action(self, text: str, slot: Any, shortcut: str = "", tip: str = "") -> QAction:
        action = QAction(self.window)
        action.setText(text)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.setStatusTip(tip or text)
        action.triggered.connect(slot)
        return action

    # --- on and off ----------------------------------------------------------------------------

    @property
    def on(self) -> bool:
        """Whether review mode is on."""
        return self.mode_action.isChecked()

    def set_on(self, on: bool) -> None:
        """Show or hide the reviewer's columns and dock."""
        if self.mode_action.isChecked() != on:
            self.mode_action.setChecked(on)  # comes back here through toggled
            return
        editor = self.window.editor
        editor.model.review_mode = on
        editor.show_columns(self.window.header_form.printed)
        if not on:
            self.dock.hide()  # shown when asked for (审核意见…): the tree keeps its width
        self._enable(on)

    def _chose(self, checked: bool) -> None:
        self._chosen = checked

    def _enable(self, on: bool) -> None:
        for action in (self.opinions_action, self.pass_action, self.fail_action):
            action.setEnabled(on)

    def _document_shown(self, document: Document) -> None:
        """Another document: its marks (if any) turn review mode on."""
        self.form.set_document(document)
        self.set_on(self._chosen or is_reviewed(document))
        if has_table_opinions(document):
            self._show_dock()  # the 审核表's opinions are for the clerk to read

    def context_actions(self) -> list[QAction]:
        """The tree's right-click entries of review mode (none when it is off)."""
        if not self.on:
            return []
        return [self.pass_action, self.fail_action, self.opinions_action]

    def _table_changed(self, *_args: Any) -> None:
        self.form.set_table(self.window.current_table())

    # --- marking --------------------------------------------------------------------------------

    def show_opinions(self) -> None:
        """审核意见: the dock in view, its first opinion ready for typing."""
        self.show_field(OPINIONS[0][0])

    def show_field(self, name: str) -> None:
        """The 审核意见 dock in view (review mode on), a field of it in focus."""
        self.set_on(True)
        self._show_dock()
        self.form.editor(name).setFocus()

    def _show_dock(self) -> None:
        """The dock in front, tall enough for its form (the header form gives way)."""
        if not self.dock.isVisible():
            self.dock.show()
            QTimer.singleShot(0, self, self._fit_dock)  # once the window is laid out
            # and again once a document just opened is checked (问题 then sizes its tabs)
            QTimer.singleShot(RECHECK_DELAY_MS + 100, self, self._fit_dock)
        self.dock.raise_()

    def _fit_dock(self) -> None:
        if not self.window.isVisible():  # opened with the window: sized once it is laid out
            QTimer.singleShot(100, self, lambda: QTimer.singleShot(100, self, self._fit_dock))
            return
        height = self.form.content_height() + DOCK_CHROME
        self.window.resizeDocks([self.dock], [height], Qt.Orientation.Vertical)
        # the tree keeps its rows: measured once the window has laid the docks out anew
        QTimer.singleShot(0, self.window, self.window.bottom_docks_changed)

    def mark(self, verdict: str) -> None:
        """Mark the selected indicators (or the current one) 通过 or 不通过 in one step; one row
        marked moves on to the next (不通过 without an opinion: to its 审核意见, to write why).

        Moving on is what a reviewer going down a list wants (as Enter in a spreadsheet); the
        status line says so, so that ↓ pressed next is no surprise."""
        view = self.window.editor.view
        if not self.on or view.state() == QAbstractItemView.State.EditingState:
            return
        rows = selected_indicators(view)
        if not rows:
            self._say("请先选中要审核的三级指标")
            return
        self.window.session.apply(verdict_edit(rows, verdict))
        if len(rows) > 1:
            self._say(f"已把{len(rows)}个指标标为{verdict}")
            return
        row = rows[0]
        if verdict == FAILED and not row.review_opinion.strip():
            self._go(row, COL_REVIEW_OPINION)
            view.edit(view.currentIndex())
            self._awaiting = row
            self._say(ASK_OPINION)
            return
        table = self.window.editor.model.table
        rows_of_table = [i for _, _, i in table.indicator_rows()] if table is not None else []
        following = next_indicator(rows_of_table, row)
        if isinstance(following, Indicator):
            self._go(following, view.currentIndex().column())
            self._say(MOVED_ON.format(verdict=verdict))
        else:
            self._say(LAST_ROW.format(verdict=verdict))

    def _opinion_given(self, *_args: Any) -> None:
        """The opinion asked for is written: 请填写审核意见 no longer stands."""
        row = self._awaiting
        if row is None or not row.review_opinion.strip():
            return
        self._awaiting = None
        status = self.window.statusBar()
        if status.currentMessage() == ASK_OPINION:
            status.clearMessage()

    def _go(self, node: Indicator, column: int) -> None:
        """Make a cell current and the only one selected (Ctrl, still held from Ctrl+1, would
        otherwise add it to the selection)."""
        view = self.window.editor.view
        index = self.window.editor.model.index_of(node, column)
        view.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
        )
        view.scrollTo(index)

    def _say(self, text: str) -> None:
        self.window.session.message.emit(text, STATUS_MS)
