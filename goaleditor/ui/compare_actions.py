"""文件 → 比较…: the document against another file or its saved file, kept current while edited.

The other version (OLD) is read through the same path as 打开 (the reading worker); the
document being edited is NEW. The changes are listed in the 比较 panel and marked in the tree,
the header form and the 页面视图 until 关闭比较; an edit compares again after a short pause,
so a mark never points at the wrong place. Comparing is a view: it edits nothing.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget

from goaleditor.errors import InputError
from goaleditor.model.document import Document, GoalTable, Indicator
from goaleditor.model.events import Event
from goaleditor.model.fields import HEADER_FIELDS
from goaleditor.ui.compare_marks import ChangeMarks
from goaleditor.ui.indicator_model import COL_DISPLAY, COL_NAME, COLUMN_OF_FIELD

if TYPE_CHECKING:  # the compare package (rapidfuzz) loads on the first comparison
    from goaleditor.compare import Change, Comparison
    from goaleditor.ui.compare_panel import ComparePanel
    from goaleditor.ui.main_window import MainWindow

RECOMPARE_MS = 300  # after the last edit of a burst: comparing is fast, typing is faster
STATUS_MS = 8000
DOCK_ROWS_HEIGHT = 170  # pixels: the panel's bar and about six changes
DISK_TIP = "把当前文档与上次保存在磁盘上的版本比较"
NO_DISK = "当前文档还没有保存过，没有磁盘上的版本可比较"
NOT_MODIFIED = "当前文档与磁盘上的版本相同（没有未保存的修改）"


class Comparing(QObject):
    """The window's comparison: its two actions, its panel, its marks and its timer."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self.old: Document | None = None
        self.against = ""  # the other version as the panel names it
        self.comparison: Comparison | None = None
        self.dock: QDockWidget | None = None  # built on the first comparison
        self.panel: ComparePanel | None = None
        self.marks = ChangeMarks(window)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(RECOMPARE_MS)
        self._timer.timeout.connect(self.recompare)
        self._unsubscribe = window.document.subscribe(self._on_change)
        self.with_file = _action(window, "比较(&M)…", self.compare_with_file)
        self.with_file.setStatusTip(
            "选择另一个文件（任何可打开的格式），列出并标记它与当前文档的不同"
        )
        self.with_disk = _action(window, "与磁盘上的版本比较(&K)", self.compare_with_disk)
        self.with_disk.setStatusTip(DISK_TIP)
        session = window.session
        session.replaced.connect(self._follow)
        session.stateChanged.connect(self._update_disk_action)
        # After the window's own slot has shown the new table in the form: mark its fields.
        window.table_list.selectionModel().currentRowChanged.connect(self._table_changed)
        window.live_dock.visibilityChanged.connect(self._pages_shown)
        self._update_disk_action()

    # --- starting and ending ------------------------------------------------------------------

    def compare_with_file(self) -> None:
        """比较…: choose a file (any format 打开 reads) and compare the document with it."""
        from goaleditor.formats import dialog_filter

        window = self._window
        path = window.prompts.open_name(window.recent.last_folder(), dialog_filter("open"))
        if path is not None:
            self.compare_with_path(path)

    def compare_with_disk(self) -> None:
        """与磁盘上的版本比较: the document against its saved file."""
        session = self._window.session
        if session.path is None:
            session.message.emit(NO_DISK, STATUS_MS)
        elif not session.is_modified():
            session.message.emit(NOT_MODIFIED, STATUS_MS)
        else:
            self.compare_with_path(session.path, f"磁盘上的{session.path.name}")

    def compare_with_path(self, path: Path, name: str = "") -> bool:
        """Read path as 打开 does (in the reading worker) and compare the document with it;
        a file that cannot be read is one line in a dialog."""
        from goaleditor.ui.reading_wait import read_file

        window = self._window
        try:
            read = read_file(path, window)
        except InputError as exc:
            window.prompts.error("无法比较", str(exc))
            return False
        if read is None:
            window.session.message.emit(f"已取消读取“{path.name}”，没有比较", STATUS_MS)
            return False
        document, notes = read
        self.start(document, name or path.name)
        if notes:
            said = f"读取“{path.name}”时有{len(notes)}条导入说明：比较的是读到的内容"
            window.session.message.emit(said, STATUS_MS)
        return True

    def start(self, old: Document, against: str) -> None:
        """Compare the document with old (named `against`) and show the panel."""
        self.old, self.against = old, against
        self._show_dock()
        self.recompare()
        assert self.dock is not None
        if not self.dock.isVisible():
            self.dock.show()
            height = max(DOCK_ROWS_HEIGHT, self._window.height() // 4)
            self._window.resizeDocks([self.dock], [height], Qt.Orientation.Vertical)
        self.dock.raise_()

    def close(self) -> None:
        """关闭比较: forget the other version and clear every mark."""
        self._timer.stop()
        self.old, self.comparison = None, None
        self.marks.show([])
        if self.dock is not None:
            self.dock.hide()

    # --- keeping it current -----------------------------------------------------------------

    def recompare(self) -> None:
        """Compare again and show the changes and their marks (nothing while closed)."""
        if self.old is None or self.panel is None:
            return
        from goaleditor.compare import compare_documents
        from goaleditor.compare.marks import marks

        new = self._window.document
        self.comparison = compare_documents(self.old, new)
        self.marks.show(marks(self.comparison, self.old, new))
        self.panel.show_changes(self.comparison.changes, self.against)
        assert self.dock is not None
        count = len(self.comparison.changes)
        self.dock.setWindowTitle(f"比较（{count}处修改）" if count else "比较（相同）")

    def _on_change(self, event: Event) -> None:
        if event.phase != "before" and self.old is not None:
            self._timer.start()

    def _follow(self, document: Document) -> None:
        """Another document replaced this one: the comparison was about the one gone."""
        self._unsubscribe()
        self._unsubscribe = document.subscribe(self._on_change)
        self.close()

    def _table_changed(self, *_: Any) -> None:
        if self.marks.active:
            self.marks.mark_form()

    def _pages_shown(self, visible: bool) -> None:
        if visible:  # the view is built by a zero timer started just before this one
            QTimer.singleShot(0, self, self.marks.mark_pages)

    def _update_disk_action(self) -> None:
        session = self._window.session
        self.with_disk.setEnabled(session.path is not None and session.is_modified())
        self.with_disk.setStatusTip(DISK_TIP if session.path is not None else NO_DISK)

    # --- the panel ------------------------------------------------------------------------------

    def _show_dock(self) -> None:
        if self.dock is not None:
            return
        from goaleditor.ui.compare_panel import ComparePanel

        window = self._window
        self.panel = ComparePanel(window)
        self.panel.activated.connect(self.go_to)
        self.panel.closed.connect(self.close)
        self.dock = QDockWidget("比较", window)
        self.dock.setObjectName("compare_dock")
        self.dock.setWidget(self.panel)
        window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.dock)
        # A tab beside 问题, not a second panel under it: the tree keeps its rows, and closing
        # gives the height back to the tree (问题 shrinks again to what it lists).
        window.tabifyDockWidget(window.problems_dock, self.dock)
        self.dock.toggleViewAction().toggled.connect(window.bottom_docks_changed)

    def go_to(self, change: Change) -> None:
        """Show a change's place: its table, its row in the tree or its header field; for one
        removed, the row or group now where it stood."""
        from goaleditor.compare.marks import node_at, place_in_new

        window = self._window
        if self.comparison is None:
            return
        place = place_in_new(change, self.comparison, window.document)
        if place is None:
            window.session.message.emit(f"{change.line()}（没有可定位的位置）", STATUS_MS)
            return
        window.table_list.setCurrentIndex(window.table_model.index(place[0]))
        node = node_at(window.document, place)
        if change.new_at is None:
            window.session.message.emit(f"已删除，原在此处：{change.line()}", STATUS_MS)
        if isinstance(node, GoalTable):
            if change.field in HEADER_FIELDS and change.new_at is not None:
                window.header_form.editor(change.field).setFocus()
            else:
                window.table_list.setFocus()
            return
        column = COL_NAME
        if isinstance(node, Indicator) and change.field not in ("", "name"):
            column = COLUMN_OF_FIELD.get(change.field, COL_DISPLAY)
            if window.editor.view.isColumnHidden(column):
                column = COLUMN_OF_FIELD["value"]  # the 指标值 where 打印值 is not shown
        if window.editor.view.isColumnHidden(column):
            column = COL_NAME
        window.editor.select_node(node, column)
        window.editor.view.setFocus()


def _action(window: MainWindow, text: str, slot: Any) -> QAction:
    action = QAction(window)
    action.setText(text)
    action.triggered.connect(slot)
    return action
