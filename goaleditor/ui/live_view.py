"""The 页面视图 dock: the current table as printed, following each edit, the tree and the form.

Only this module loads with the window; the canvas, the layout and the fonts load when the
dock is first shown. An edit lays out again only the table shown, after the edit's events
(a zero-delay timer gathers a burst of them into one layout).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from goaleditor.model.document import (
    Document,
    GoalTable,
    Indicator,
    Level1,
    Level2,
    containing_table,
)
from goaleditor.model.events import Event, Moved
from goaleditor.model.fields import GOAL_HEADER_FIELDS, HEADER_FIELDS
from goaleditor.ui.indicator_model import (
    COL_ACTUAL,
    COL_DESCRIPTION,
    COL_NAME,
    COL_VALUE,
    COLUMN_FIELDS,
    COLUMN_OF_FIELD,
)

if TYPE_CHECKING:
    from goaleditor.ui.live_pages import LivePageView
    from goaleditor.ui.main_window import MainWindow

# On a narrower screen (a 1366×768 laptop) the tree needs the room: the view starts hidden
# there, one key (F8) away; wider screens show it beside the tree from the start.
WIDE_SCREEN = 1600
DOCK_WIDTH = 620  # pixels, when first shown: an A4 page at about 75%
FIT = "适合宽度"
ZOOM_CHOICES = (FIT, "50%", "75%", "100%", "125%", "150%", "200%")
# Tree columns shown by a printed cell of their own (the 指标值's parts print together).
_TREE_FIELDS = {
    column: f"indicator.{COLUMN_FIELDS[column]}"
    for column in (COL_NAME, COL_DESCRIPTION, *range(COL_ACTUAL, len(COLUMN_FIELDS)))
}


def marks_for_node(node: Any, column: int) -> list[tuple[object, str]]:
    """The (object, field) pairs of the printed cells that show a tree cell."""
    if isinstance(node, Indicator):
        return [(node, _TREE_FIELDS.get(column, "indicator.display"))]
    if isinstance(node, Level2):
        return [(indicator, "level2") for indicator in node.children]
    if isinstance(node, Level1):
        return [(ind, "level1") for level2 in node.children for ind in level2.children]
    return []


class LiveViewDock(QDockWidget):
    """A dock beside the tree showing the current table's pages; hideable (F8)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__("页面视图", window)
        self.setObjectName("live_view_dock")
        self._window = window
        self.view: LivePageView | None = None  # built when first shown
        self._document: Document = window.document
        self._table: GoalTable | None = None
        self._shown: GoalTable | None = None  # the table the view has laid out
        self._stale = True  # the view does not show the table as it is
        self._unsubscribe = self._document.subscribe(self._on_change)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.refresh)
        window.session.replaced.connect(self._follow)
        window.table_list.selectionModel().currentRowChanged.connect(self._table_changed)
        window.editor.view.selectionModel().currentChanged.connect(self._tree_moved)
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        app.focusChanged.connect(self._focus_changed)
        self.visibilityChanged.connect(self._visibility_changed)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self)
        self.setVisible(window.screen().availableGeometry().width() >= WIDE_SCREEN)
        self.toggle_action = self.toggleViewAction()
        self.toggle_action.setText("页面视图(&G)")
        self.toggle_action.setShortcut(QKeySequence("F8"))
        self.toggle_action.setStatusTip("在树旁显示或隐藏当前表的打印版面")

    # --- following the window ---------------------------------------------------------------

    def _follow(self, document: Document) -> None:
        """The session opened another document."""
        self._unsubscribe()
        self._document = document
        self._unsubscribe = document.subscribe(self._on_change)
        self._table = None
        self._schedule()

    def _table_changed(self, *_: Any) -> None:
        self._table = self._window.current_table()
        self._schedule()

    def _on_change(self, event: Event) -> None:
        """A document event: lay out again when it touches the shown table or the list."""
        if event.phase == "before" or self._table is None:
            return
        parents = (event.parent, event.dest) if isinstance(event, Moved) else (event.parent,)
        document, table = self._document, self._table
        # The table list or a document property (agency, numbering, merging) changes the
        # shown table's print too; any other table's edit does not.
        if any(p is document or containing_table(p) is table for p in parents):
            self._schedule()

    def _schedule(self) -> None:
        self._stale = True
        self._timer.start()

    def refresh(self) -> None:
        """Lay out the shown table again if it changed (only while the dock is visible)."""
        if self.view is None or not self.isVisible() or not self._stale:
            return
        self._stale = False
        view = self.view
        view.show_table(self._document, self._table)
        if self._table is not self._shown:
            self._shown = self._table
            view.verticalScrollBar().setValue(0)
        view.reveal()  # the field being edited stays in view
        self._pages.setText(f"共{len(view.pages)}页" if view.pages else "")

    # --- marks and clicks ----------------------------------------------------------------------

    def _tree_moved(self, current: QModelIndex, _previous: QModelIndex | None = None) -> None:
        if self.view is not None:
            node = self._window.editor.model.node(current)
            self.view.set_marks(marks_for_node(node, current.column()))

    def _focus_changed(self, _old: QWidget | None, now: QWidget | None) -> None:
        if self.view is None or now is None or self._table is None:
            return
        form, tree = self._window.header_form, self._window.editor.view
        for name in GOAL_HEADER_FIELDS:  # a 自评表's own fields are not marked on the page yet
            editor = form.editor(name)
            if now is editor or editor.isAncestorOf(now):
                self.view.set_marks([(self._table, name)])
                return
        if now is tree or tree.isAncestorOf(now):
            self._tree_moved(tree.currentIndex())

    def activate(self, source: object, field: str, edit: bool = False) -> None:
        """Go to a printed field: its cell in the tree, or its editor in the header form."""
        window = self._window
        if isinstance(source, Indicator):
            node: Any = source
            column = COL_NAME
            if field == "level1" and source.parent is not None:
                node = source.parent.parent
            elif field == "level2":
                node = source.parent
            else:
                column = COLUMN_OF_FIELD.get(field.removeprefix("indicator."), COL_VALUE)
            view = window.editor.view
            window.editor.select_node(node, column)
            view.setFocus(Qt.FocusReason.MouseFocusReason)
            if edit and isinstance(node, Indicator):
                view.edit(view.currentIndex())
        elif isinstance(source, GoalTable) and source is self._table and field in HEADER_FIELDS:
            window.header_form.editor(field).setFocus(Qt.FocusReason.MouseFocusReason)

    # --- building --------------------------------------------------------------------------------

    def _visibility_changed(self, visible: bool) -> None:
        if not visible:
            return
        if self.view is None:
            QTimer.singleShot(0, self._build)  # after the window's first paint
        else:
            self.refresh()

    def _build(self) -> None:
        if self.view is not None:
            return
        from goaleditor.ui.live_pages import LivePageView

        box = QWidget(self)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        bar = QHBoxLayout()
        bar.setContentsMargins(4, 2, 4, 0)
        self.view = view = LivePageView(box)
        view.setObjectName("live_view")
        self.zoom_box = QComboBox(box)
        self.zoom_box.setEditable(True)
        self.zoom_box.addItems(list(ZOOM_CHOICES))
        self.zoom_box.setToolTip("缩放（Ctrl+滚轮）")
        self.zoom_box.textActivated.connect(self._zoom_chosen)
        self.zoom_out_action = self._zoom_action("－", "缩小", "Ctrl+-", view.zoom_out)
        self.zoom_in_action = self._zoom_action("＋", "放大", "Ctrl+=", view.zoom_in)
        self.zoom_in_action.setShortcuts([QKeySequence("Ctrl+="), QKeySequence("Ctrl++")])
        for action in (self.zoom_out_action, self.zoom_in_action):
            button = QToolButton(box)
            button.setDefaultAction(action)
            bar.addWidget(button)
        bar.insertWidget(1, self.zoom_box)
        self._pages = QLabel(box)
        bar.addWidget(self._pages)
        bar.addStretch(1)
        layout.addLayout(bar)
        layout.addWidget(view, 1)
        self.setWidget(box)
        view.zoom_changed.connect(self._show_zoom)
        view.activated.connect(self.activate)
        view.edit_requested.connect(lambda source, field: self.activate(source, field, True))
        if self.width() < DOCK_WIDTH // 2:  # not sized by the saved window state
            QTimer.singleShot(0, self._widen)
        self._stale = True
        self.refresh()
        self._tree_moved(self._window.editor.view.currentIndex())
        self._show_zoom()

    def _widen(self) -> None:
        width = min(DOCK_WIDTH, self._window.width() * 2 // 5)
        self._window.resizeDocks([self], [width], Qt.Orientation.Horizontal)

    def _zoom_action(self, text: str, tip: str, shortcut: str, slot: Any) -> QAction:
        action = QAction(self)
        action.setText(text)
        action.setToolTip(f"{tip}（{shortcut}）")
        action.setShortcut(QKeySequence(shortcut))
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _zoom_chosen(self, text: str) -> None:
        assert self.view is not None
        if text == FIT:
            self.view.fit_width()
            return
        try:
            percent = float(text.strip().rstrip("%％"))
        except ValueError:
            self._show_zoom()
            return
        self.view.set_zoom(percent / 100)

    def _show_zoom(self, *_: Any) -> None:
        if self.view is not None:
            text = FIT if self.view.fit else f"{round(self.view.zoom * 100)}%"
            self.zoom_box.setEditText(text)
