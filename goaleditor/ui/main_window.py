"""The main window: lays out the table list, header form, indicator tree and problems, and
wires them to the document session, the actions and the exporter."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, QSettings, QStandardPaths, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from goaleditor import APP_TITLE

# Dialogs, the store, exporters and the checks load when first used: that keeps start-up quick.
if TYPE_CHECKING:
    from goaleditor.model.checks import Problem
    from goaleditor.model.library import IndicatorLibrary
from goaleditor.model.document import Document, GoalTable, Indicator
from goaleditor.resources import resources_dir
from goaleditor.ui.actions import Actions
from goaleditor.ui.exporting import Exporter
from goaleditor.ui.header_form import HeaderForm
from goaleditor.ui.indicator_editor import IndicatorEditor
from goaleditor.ui.live_view import LiveViewDock
from goaleditor.ui.problems_panel import ProblemsPanel
from goaleditor.ui.prompts import Prompts
from goaleditor.ui.recent_files import RecentFiles
from goaleditor.ui.review_mode import ReviewMode
from goaleditor.ui.self_evaluation_actions import update_actions
from goaleditor.ui.session import DocumentSession
from goaleditor.ui.table_actions import TableActions
from goaleditor.ui.table_list import TableListView
from goaleditor.ui.table_list_model import TableListModel
from goaleditor.ui.window_layout import (
    StartHint,
    fit_on_screen,
    grabbable,
    keep_tree_rows,
    scrolling_form,
    share_form_and_tree,
)


def _bring_to_front(window: QMainWindow) -> None:
    if window.isMinimized():
        window.showNormal()
    window.raise_()
    window.activateWindow()


def _load_library() -> IndicatorLibrary:
    """The built-in library and the clerk's personal one from the user data folder."""
    from goaleditor.model.library import PERSONAL_FILE, IndicatorLibrary

    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    personal = Path(folder) / PERSONAL_FILE if folder else None
    return IndicatorLibrary.load(resources_dir() / "library" / "builtin.json", personal)


class MainWindow(QMainWindow):
    """One window editing one document session, with one undo stack."""

    def __init__(self, settings: QSettings | None = None) -> None:
        super().__init__()
        self.setObjectName("main_window")
        self.settings = settings or QSettings()
        self.prompts = Prompts(self)
        self.recent = RecentFiles(self.settings)
        self.session = DocumentSession(self.prompts, self.recent, self)
        self.session.hold_working_copy = True  # until shown: see showEvent
        self.session.on_screen = False  # an import report waits for the window too
        self.stack = self.session.stack
        self.table_actions = TableActions(self)
        self._build_widgets()
        self.exporter = Exporter(self.session, self.prompts, self)
        self.exporter.before_check = self.problems.settle  # exporting ends 待填写
        self.exporter.to_fill = self.problems.to_fill_count
        self.review = ReviewMode(self)  # 文档 → 审核: a reviewer's columns, dock and keys
        self.action = Actions(self)
        self.statusBar().showMessage("就绪")
        self._restore_settings()
        session = self.session
        session.aboutToReplace.connect(lambda: self.header_form.set_table(None))
        session.replaced.connect(self._show_document)
        session.stateChanged.connect(self._update_title)
        session.saved.connect(lambda _path: self._learn())
        session.message.connect(self.statusBar().showMessage)
        session.locate.connect(self.show_table)
        session.notesChanged.connect(self._update_report_action)
        session.replaced.connect(lambda _document: update_actions(self))
        update_actions(self)
        self._update_title()
        self._update_report_action()
        self._show_hint_if_no_table()

    @property
    def document(self) -> Document:
        """The document being edited (the session's)."""
        return self.session.document

    # --- building -------------------------------------------------------------------------

    def _build_widgets(self) -> None:
        self.table_model = TableListModel(self.document, self)
        self.table_list = TableListView(self.table_actions.move_table_to, self)
        self.table_list.setObjectName("table_list")
        self.table_list.setModel(self.table_model)
        self.table_list.selectionModel().currentRowChanged.connect(self._current_table_changed)
        self.header_form = HeaderForm(self.document, self.session, self)
        self._library: IndicatorLibrary | None = None  # read on first use: start quickly
        self.editor = IndicatorEditor(self.document, self.session, lambda: self.library, self)
        self.header_form.printedChanged.connect(self.editor.show_columns)
        self.editor.show_columns(self.header_form.printed)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(4, 4, 0, 4)
        left_layout.addWidget(QLabel("绩效目标表："))
        left_layout.addWidget(self.table_list, 1)
        self.table_buttons = QHBoxLayout()
        left_layout.addLayout(self.table_buttons)
        right = grabbable(QSplitter(Qt.Orientation.Vertical, self))
        right.setObjectName("form_splitter")
        right.addWidget(scrolling_form(self.header_form, right))
        right.addWidget(self.editor)
        right.setStretchFactor(1, 1)
        right.setChildrenCollapsible(False)
        self.form_splitter = right
        self._form_height_chosen = False  # the clerk dragged the handle: keep their choice
        right.splitterMoved.connect(self._form_height_dragged)
        self.hint = StartHint(self)
        self.right = QStackedWidget(self)
        self.right.addWidget(right)
        self.right.addWidget(self.hint)
        left.setMinimumWidth(150)
        self.splitter = grabbable(QSplitter(Qt.Orientation.Horizontal, self))
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.right)
        self.splitter.setChildrenCollapsible(False)
        # The table list grows with the window too, a fifth of what the tables get.
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 4)
        self.setCentralWidget(self.splitter)
        for signal in (
            self.table_model.modelReset,
            self.table_model.rowsInserted,
            self.table_model.rowsRemoved,
        ):
            signal.connect(self._show_hint_if_no_table)
        self.problems = ProblemsPanel(
            self.document, self.table_actions.apply_fix, self, lambda: self.session.scores
        )
        self.problems.activated.connect(self.table_actions.goto_problem)
        self.problems.checked.connect(self._show_marks)
        self.problems_dock = QDockWidget("问题", self)
        self.problems_dock.setObjectName("problems_dock")
        self.problems_dock.setWidget(self.problems)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.problems_dock)
        self._problem_count = -1
        self.live_dock = LiveViewDock(self)  # 页面视图 beside the tree (F8), built on first show
        self.to_fill_summary = QLabel(self)  # 还有N项待填写, while a new table has gaps
        self.to_fill_summary.setObjectName("to_fill_summary")
        self.to_fill_summary.setContentsMargins(0, 0, 12, 0)  # apart from 错误 0 警告 0
        self.to_fill_summary.hide()
        self.statusBar().addPermanentWidget(self.to_fill_summary)
        self.problem_summary = QLabel(self)
        self.statusBar().addPermanentWidget(self.problem_summary)

    # --- the document -------------------------------------------------------------------------

    def _show_document(self, document: Document) -> None:
        self.table_model.set_document(document)
        self.header_form.set_document(document)
        self.editor.set_document(document)
        self.problems.set_document(document)
        QTimer.singleShot(0, self._share_form_and_tree)  # a 自评表's form is taller
        if document.tables:
            self.table_list.setCurrentIndex(self.table_model.index(0))
            self.editor.view.setFocus()  # typing goes to the first indicator, as in a sheet

    def _show_hint_if_no_table(self, *_args: Any) -> None:
        """No table to edit: say how to start instead of showing an empty grey form."""
        if self.document.tables:
            self.right.setCurrentIndex(0)
            return
        fresh = self.session.path is None and self.session.source is None
        self.hint.show_for(fresh)
        self.right.setCurrentIndex(1)

    def current_table(self) -> GoalTable | None:
        """The table being edited."""
        return self.table_model.table(self.table_list.currentIndex().row())

    def show_table(self, number: int) -> None:
        """Make table number (from 0) the one being edited, its form in view."""
        self.table_list.setCurrentIndex(self.table_model.index(number))
        self.header_form.editor("project_name").setFocus()

    def _current_table_changed(self, current: Any, _previous: Any = None) -> None:
        table = self.table_model.table(current.row()) if current.isValid() else None
        self.header_form.set_table(table)
        self.editor.set_table(table)
        self.problems.set_current(table)  # a new table left behind: its gaps are 错误 now

    def _update_title(self) -> None:
        mark = "（只读）" if self.session.read_only else ""
        kind = "（自评表）" if self.document.is_self_evaluation else ""
        self.setWindowTitle(f"{self.session.display_name()}{kind}{mark}[*] — {APP_TITLE}")
        self.setWindowModified(self.session.is_modified())

    # --- files ------------------------------------------------------------------------------------

    def maybe_save(self) -> bool:
        """Ask about unsaved changes; True when it is fine to drop the document."""
        return self.session.maybe_save()

    def save(self) -> bool:
        """保存 (another file for a new or read-only document)."""
        return self.session.save()

    def save_as(self) -> bool:
        """另存为: choose a .goals file."""
        return self.session.save_as()

    def new_document(self) -> None:
        """新建: ask framework, agency and year, then start with one empty table."""
        from goaleditor.model.new_document import new_document
        from goaleditor.ui.dialogs import DocumentPropertiesDialog

        if not self.maybe_save():
            return
        layout = str(self.settings.value("newDocumentLayout", "") or "tianjin")
        dialog = DocumentPropertiesDialog(None, self, layout)
        if dialog.exec() != DocumentPropertiesDialog.DialogCode.Accepted:
            return
        document = new_document(dialog.values())
        self.settings.setValue("newDocumentLayout", document.layout)  # asked first next time
        self.session.replace(document, None)
        self.header_form.editor("project_name").setFocus()

    def _choose_file(self) -> Path | None:
        from goaleditor.formats import dialog_filter

        return self.prompts.open_name(self.recent.last_folder(), dialog_filter("open"))

    def open_dialog(self) -> None:
        """打开: choose a file; it opens in a new window when this one holds edited work."""
        path = self._choose_file()
        if path is not None:
            self.open_file(path)

    def open_in_new_window_dialog(self) -> None:
        """在新窗口中打开: choose a file and open it in a window of its own."""
        path = self._choose_file()
        if path is not None:
            self.open_in_new_window(path)

    def open_file(self, path: Path) -> bool:
        """Open path here, or beside this window when its document has unsaved edits (a
        colleague's file opened while drafting); a file open in a window already is shown."""
        if self.session.is_modified() and self.window_showing(path) is None:
            return self.open_in_new_window(path)
        return self.open_path(path, ask=False)

    def open_in_new_window(self, path: Path) -> bool:
        """Open path in a new window (or show the window that has it open already)."""
        shown = self.window_showing(path)
        if shown is not None:
            _bring_to_front(shown)
            return True
        window = self.new_window()
        if window.open_path(path, ask=False):
            return True
        window.close()  # nothing was opened: the empty window goes again
        return False

    def new_window(self) -> MainWindow:
        """新建窗口: another window beside this one, with its own document and undo."""
        from goaleditor.ui.app import open_window

        window = open_window(self.settings, near=self)
        window.show()
        fit_on_screen(window, window.screen().availableGeometry())  # its frame is known now
        window.activateWindow()
        return window

    def window_showing(self, path: Path) -> MainWindow | None:
        """The other window editing the .goals file at path, if any."""
        from goaleditor.ui.app import main_windows

        wanted = path.resolve()
        for window in main_windows():
            own = window.session.path
            if window is not self and own is not None and own.resolve() == wanted:
                return window
        return None

    def open_path(self, path: Path, ask: bool = True) -> bool:
        """Open a .goals file, or import anything else as a new unsaved document (a file
        another window has open is shown there instead)."""
        shown = self.window_showing(path)
        if shown is not None:
            _bring_to_front(shown)
            self.session.message.emit(f"“{path.name}”已在另一个窗口中打开", 5000)
            return True
        if ask and not self.maybe_save():
            return False
        return self.session.open(path)

    def show_import_report(self) -> None:
        """文档 → 导入说明: the notes of the import that made this document, again."""
        self.session.reports.show()

    def _update_report_action(self) -> None:
        self.action.import_report.setEnabled(self.session.import_notes is not None)

    # --- checks and the library ---------------------------------------------------------------

    def run_check(self) -> None:
        """检查: check now and show the problems (new tables' gaps as 错误 too)."""
        self.problems.settle()
        self.problems.recheck()
        self.problems.show_hints()
        self.problems_dock.show()
        self.problems_dock.raise_()

    def _show_marks(self, problems: list[Problem]) -> None:
        from goaleditor.model.checks import ERROR, HINT, WARNING

        worst: dict[int, tuple[str, list[str]]] = {}
        order = {ERROR: 0, WARNING: 1, HINT: 2}
        for problem in problems:
            if isinstance(problem.node, Indicator):
                severity, messages = worst.get(id(problem.node), (HINT, []))
                if order[problem.severity] < order[severity] or not messages:
                    severity = problem.severity
                worst[id(problem.node)] = (severity, [*messages, problem.message])
        icons = {s: self.problems.icon(s) for s in (ERROR, WARNING, HINT)}
        self.editor.model.set_marks(
            {key: (icons[sev], "\n".join(msgs)) for key, (sev, msgs) in worst.items()}
        )
        self._fit_problems_dock(self.problems.shown_count())
        counts = self.problems.counts()
        self.problem_summary.setText(
            f"错误 {counts[ERROR]}　警告 {counts[WARNING]}　提示 {counts[HINT]}"
        )
        to_fill = self.problems.to_fill_count()
        self.to_fill_summary.setText(f"还有{to_fill}项待填写" if to_fill else "")
        self.to_fill_summary.setVisible(bool(to_fill))

    def bottom_docks_changed(self, *_args: object) -> None:
        """A panel tabbed with 问题 (比较, 审核意见) opened or closed: size the tabs again."""
        self._fit_problems_dock(self.problems.shown_count(), again=True)

    def _fit_problems_dock(self, count: int, again: bool = False) -> None:
        """The 问题 panel shrinks to one line when it lists nothing (no problems, or only 提示
        not asked for) and grows when problems appear; a panel tabbed with it sizes the tabs."""
        dock, panel = self.problems_dock, self.problems
        was, self._problem_count = self._problem_count, count
        if dock.isFloating() or (not again and was >= 0 and (count > 0) == (was > 0)):
            return
        # The form gives the tree back what the panel takes (or takes what it gives up); the
        # window as context: no call once it is gone.
        QTimer.singleShot(0, self, self._share_form_and_tree)
        tabs = [d for d in self.tabifiedDockWidgets(dock) if d.toggleViewAction().isChecked()]
        if tabs:  # a one-line 问题 would make its tabs one line (tabs share a height cap)
            panel.setMaximumHeight(16777215)  # QWIDGETSIZE_MAX
            return
        if not count:
            panel.setMaximumHeight(panel.empty.sizeHint().height() + 4)
            return
        panel.setMaximumHeight(16777215)  # QWIDGETSIZE_MAX
        row = panel.tree.sizeHintForRow(0) if panel.tree.topLevelItemCount() else 20
        wanted = panel.tree.header().sizeHint().height() + row * min(count, 8) + 12
        self.resizeDocks([dock], [min(wanted, self.height() // 3)], Qt.Orientation.Vertical)

    @property
    def library(self) -> IndicatorLibrary:
        """The indicator library (built-in and personal), read when first needed."""
        if self._library is None:
            self._library = _load_library()
        return self._library

    def _learn(self) -> None:
        """Teach the personal indicator library this document's indicators."""
        if self.library.learn(self.document):
            with contextlib.suppress(
                OSError
            ):  # a library that cannot be saved is no reason to fail
                self.library.save()

    # --- window state ---------------------------------------------------------------------------

    def _restore_settings(self) -> None:
        screen = self.screen().availableGeometry()
        geometry = self.settings.value("geometry")
        if not isinstance(geometry, QByteArray) or not self.restoreGeometry(geometry):
            share = 1.0 if screen.width() <= 1440 else 0.92  # a small screen: all of it
            width = min(1800, int(screen.width() * share))
            self.resize(width, min(1100, int(screen.height() * share)))
        fit_on_screen(self, screen)
        state = self.settings.value("windowState")
        if isinstance(state, QByteArray):
            self.restoreState(state)
        splitter = self.settings.value("splitter")
        if not isinstance(splitter, QByteArray) or not self.splitter.restoreState(splitter):
            left = max(180, min(420, self.width() // 5))
            self.splitter.setSizes([left, self.width() - left])

    def _form_height_dragged(self, *_args: Any) -> None:
        self._form_height_chosen = True

    def _share_form_and_tree(self) -> None:
        if not self._form_height_chosen:
            share_form_and_tree(self.form_splitter, self.header_form, self.editor.view)
        for dock in (self.problems_dock, *self.tabifiedDockWidgets(self.problems_dock)):
            if dock.isVisible():  # the tab in front sizes the group
                keep_tree_rows(self, dock, self.form_splitter, self.editor.view)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.session.window_shown(self)
        QTimer.singleShot(0, self._share_form_and_tree)  # once laid out

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.isVisible():
            QTimer.singleShot(0, self._share_form_and_tree)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.maybe_save():
            event.ignore()
            return
        self.settings.setValue("geometry", self.saveGeometry())
        self.settings.setValue("windowState", self.saveState())
        self.settings.setValue("splitter", self.splitter.saveState())
        self.session.close()
        event.accept()
