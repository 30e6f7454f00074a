"""The main window: table list, header form and indicator tree, files, undo/redo, menus."""

from __future__ import annotations

import contextlib
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, QEventLoop, QSettings, QStandardPaths, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QSplitter,
    QToolBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from goaleditor import APP_TITLE, __version__

# Dialogs, the store, exporters and the checks load when first used: that keeps start-up quick.
if TYPE_CHECKING:
    from goaleditor.model.checks import Problem
    from goaleditor.model.file_lock import FileLock
    from goaleditor.model.library import IndicatorLibrary
    from goaleditor.model.working_copy import WorkingCopy
from goaleditor.errors import InputError
from goaleditor.model import edit_rules
from goaleditor.model.document import Document, GoalTable, Indicator, new_table
from goaleditor.model.frameworks import get_framework
from goaleditor.resources import resources_dir
from goaleditor.ui.commands import EditCommand
from goaleditor.ui.header_form import HeaderForm
from goaleditor.ui.indicator_editor import IndicatorEditor
from goaleditor.ui.indicator_model import COL_NAME, COLUMN_OF_FIELD
from goaleditor.ui.problems_panel import ProblemsPanel
from goaleditor.ui.table_list import TableListView
from goaleditor.ui.table_list_model import TableListModel

OPEN_FILTER = (
    "所有支持的文件 (*.goals *.xlsx *.txt *.json);;绩效目标表文档 (*.goals);;"
    "Excel工作簿 (*.xlsx);;发布的文本 (*.txt);;JSON (*.json)"
)
MAX_RECENT = 8
WORKING_COPY_DELAY_MS = 100  # after the first table is on screen


def working_folder() -> Path:
    """Where working copies live: the user's data folder."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(folder or Path.home() / ".goaleditor") / "working"


def _load_library() -> IndicatorLibrary:
    """The built-in library and the clerk's personal one from the user data folder."""
    from goaleditor.model.library import PERSONAL_FILE, IndicatorLibrary

    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    personal = Path(folder) / PERSONAL_FILE if folder else None
    return IndicatorLibrary.load(resources_dir() / "library" / "builtin.json", personal)


def show_error(parent: QWidget, title: str, text: str) -> None:
    """A one-line error message box."""
    from goaleditor.ui.dialogs import show_error as show

    show(parent, title, text)


def _describe_os_error(exc: OSError) -> str:
    reasons = {
        2: "文件夹不存在",
        13: "没有写入权限",
        21: "目标是一个文件夹",
        27: "文件过大或磁盘配额已满",
        28: "磁盘空间不足",
        30: "只读文件系统",
    }
    return reasons.get(exc.errno or 0, exc.strerror or str(exc))


class MainWindow(QMainWindow):
    """One window editing one document, with one undo stack."""

    def __init__(self, settings: QSettings | None = None) -> None:
        super().__init__()
        self.setObjectName("main_window")
        self.settings = settings or QSettings()
        self.document = Document()
        self.path: Path | None = None
        self.stack = QUndoStack(self)
        self.working_copy: WorkingCopy | None = None
        # PySide6 6.12 on Python 3.11 loses a reference to None on every *static* call that
        # returns nothing (QApplication.processEvents, QTimer.singleShot): thousands of them
        # crash the interpreter. Long loops therefore use these instances instead.
        self._events = QEventLoop(self)
        self._working_copy_timer = QTimer(self)
        self._working_copy_timer.setSingleShot(True)
        self._working_copy_timer.setInterval(WORKING_COPY_DELAY_MS)
        self._working_copy_timer.timeout.connect(lambda: self._open_working_copy(self.document))
        self.file_lock: FileLock | None = None
        self.read_only = False
        self._idle = QTimer(self)  # fold the working copy's log when the clerk pauses
        self._idle.setSingleShot(True)
        self._idle.setInterval(3000)
        self._idle.timeout.connect(self._checkpoint)
        self.stack.indexChanged.connect(self._idle.start)
        self.stack.cleanChanged.connect(self._saved_state_changed)
        self.stack.cleanChanged.connect(self._update_title)
        self._build_widgets()
        self._build_actions()
        self._build_menus()
        self.statusBar().showMessage("就绪")
        self._restore_settings()
        # The widgets were built on this empty document; start its checks and working copy as
        # _set_document would, without resetting every model a second time.
        self.problems.set_document(self.document)
        self._working_copy_timer.start()
        self._update_title()

    # --- building -------------------------------------------------------------------------

    def _build_widgets(self) -> None:
        self.table_model = TableListModel(self.document, self)
        self.table_list = TableListView(self._move_table_to, self)
        self.table_list.setObjectName("table_list")
        self.table_list.setModel(self.table_model)
        self.table_list.selectionModel().currentRowChanged.connect(self._current_table_changed)
        self.header_form = HeaderForm(self.document, self.stack, self)
        self._library: IndicatorLibrary | None = None  # read on first use: start quickly
        self.editor = IndicatorEditor(self.document, self.stack, lambda: self.library, self)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(4, 4, 0, 4)
        left_layout.addWidget(QLabel("绩效目标表："))
        left_layout.addWidget(self.table_list, 1)
        self._table_buttons = QHBoxLayout()
        left_layout.addLayout(self._table_buttons)
        right = QSplitter(Qt.Orientation.Vertical, self)
        right.addWidget(self.header_form)
        right.addWidget(self.editor)
        right.setStretchFactor(1, 1)
        right.setChildrenCollapsible(False)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([300, 1100])
        self.setCentralWidget(self.splitter)
        self.problems = ProblemsPanel(self.document, self.apply_fix, self)
        self.problems.activated.connect(self.goto_problem)
        self.problems.checked.connect(self._show_marks)
        self.problems_dock = QDockWidget("问题", self)
        self.problems_dock.setObjectName("problems_dock")
        self.problems_dock.setWidget(self.problems)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.problems_dock)
        self.resizeDocks([self.problems_dock], [130], Qt.Orientation.Vertical)
        self.problem_summary = QLabel(self)
        self.statusBar().addPermanentWidget(self.problem_summary)

    def _action(self, text: str, slot: Any, shortcut: Any = None, tip: str = "") -> QAction:
        action = QAction(self)  # QAction(text, parent) would load QIcon's large enums at start
        action.setText(text)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.setStatusTip(tip or text)
        action.triggered.connect(slot)
        return action

    def _build_actions(self) -> None:
        Key = QKeySequence.StandardKey
        self.new_action = self._action("新建(&N)…", self.new_document, Key.New, "新建文档")
        self.open_action = self._action(
            "打开(&O)…", self.open_dialog, Key.Open, "打开文档或导入文件"
        )
        self.save_action = self._action("保存(&S)", self.save, Key.Save)
        self.save_as_action = self._action("另存为(&A)…", self.save_as, "Ctrl+Shift+S")
        self.export_json_action = self._action("导出JSON…", self.export_json, None, "导出规范JSON")
        self.export_pdf_action = self._action(
            "导出PDF(&P)…", self.export_pdf, "Ctrl+E", "导出可打印的PDF"
        )
        self.preview_action = self._action("打印预览(&V)…", self.print_preview, "Ctrl+Shift+P")
        self.print_action = self._action("打印…", self.print_document, Key.Print)
        self.export_xlsx_action = self._action(
            "导出Excel(&X)…", self.export_xlsx, None, "导出官方版式的Excel工作簿"
        )
        self.quit_action = self._action("退出(&X)", self.close, "Ctrl+Q")
        self.undo_action = self.stack.createUndoAction(self, "撤销")
        self.undo_action.setShortcuts(QKeySequence.keyBindings(Key.Undo))
        self.redo_action = self.stack.createRedoAction(self, "重做")
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Y"), QKeySequence("Ctrl+Shift+Z")])
        self.properties_action = self._action("文档属性(&P)…", self.edit_properties, None)
        self.check_action = self._action("检查(&C)", self.run_check, "F7", "检查整个文档")
        self.library_action = self._action(
            "从指标库插入(&L)…", self.insert_from_library, "Ctrl+L", "浏览常用指标并插入"
        )
        self.next_year_action = self._action(
            "新建下一年度(&Y)…", self.new_next_year, None, "以本文档为底稿，生成下一年度的新文档"
        )
        self.add_table_action = self._action(
            "新建表", self.add_table, "Ctrl+T", "在当前表后新建一个绩效目标表"
        )
        self.duplicate_table_action = self._action(
            "复制表", self.duplicate_table, "Ctrl+Shift+D", "复制当前表"
        )
        self.delete_table_action = self._action("删除表", self.delete_table, None, "删除当前表")
        self.table_up_action = self._action("表上移", lambda: self.move_table(-1), "Alt+Up")
        self.table_down_action = self._action("表下移", lambda: self.move_table(1), "Alt+Down")
        for action in (self.table_up_action, self.table_down_action, self.delete_table_action):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.table_list.addAction(action)
        self.delete_table_action.setShortcut(QKeySequence("Ctrl+Delete"))
        for action, label in (
            (self.add_table_action, "＋ 新建"),
            (self.duplicate_table_action, "复制"),
            (self.delete_table_action, "删除"),
        ):
            button = QToolButton(self)
            button.setDefaultAction(action)
            button.setText(label)
            self._table_buttons.addWidget(button)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("文件(&F)")
        file_menu.addActions([self.new_action, self.next_year_action, self.open_action])
        self.recent_menu = file_menu.addMenu("最近打开(&R)")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        file_menu.addSeparator()
        file_menu.addActions([self.save_action, self.save_as_action])
        export_menu = file_menu.addMenu("导出(&E)")
        export_menu.addActions(
            [self.export_pdf_action, self.export_xlsx_action, self.export_json_action]
        )
        file_menu.addSeparator()
        file_menu.addActions([self.preview_action, self.print_action])
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        edit_menu = bar.addMenu("编辑(&E)")
        edit_menu.addActions([self.undo_action, self.redo_action])
        edit_menu.addSeparator()
        ed = self.editor
        edit_menu.addActions([ed.cut_action, ed.copy_action, ed.paste_action])
        edit_menu.addSeparator()
        edit_menu.addAction(ed.insert_action)
        edit_menu.addMenu(ed.add_level2_menu)
        edit_menu.addMenu(ed.add_level1_menu)
        edit_menu.addActions([ed.up_action, ed.down_action, ed.delete_action])
        edit_menu.addSeparator()
        edit_menu.addAction(self.library_action)
        table_menu = bar.addMenu("表(&T)")
        table_menu.addActions(
            [
                self.add_table_action,
                self.duplicate_table_action,
                self.delete_table_action,
                self.table_up_action,
                self.table_down_action,
            ]
        )
        doc_menu = bar.addMenu("文档(&D)")
        doc_menu.addActions([self.properties_action, self.check_action])
        doc_menu.addAction(self.problems_dock.toggleViewAction())
        help_menu = bar.addMenu("帮助(&H)")
        help_menu.addAction(self._action("关于(&A)", self._about))
        toolbar = QToolBar("工具栏", self)
        toolbar.setObjectName("main_toolbar")
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        toolbar.addActions([self.new_action, self.open_action, self.save_action])
        toolbar.addAction(self.preview_action)
        toolbar.addSeparator()
        toolbar.addActions([self.undo_action, self.redo_action])
        toolbar.addSeparator()
        toolbar.addActions([ed.insert_action, ed.delete_action, ed.up_action, ed.down_action])
        level2_button = QToolButton(self)
        level2_button.setMenu(ed.add_level2_menu)
        level2_button.setText("添加二级指标")
        level2_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        toolbar.addWidget(level2_button)
        toolbar.addSeparator()
        toolbar.addAction(self.properties_action)
        self.addToolBar(toolbar)

    # --- the document -------------------------------------------------------------------------

    def _set_document(self, document: Document, path: Path | None, unsaved: bool = False) -> None:
        self.header_form.set_table(None)
        self.stack.clear()
        self._close_working_copy()
        # The snapshot of a large document takes a moment: show the first table first.
        self._working_copy_timer.start()
        self.document = document
        self.path = path
        self.table_model.set_document(document)
        self.header_form.set_document(document)
        self.editor.set_document(document)
        self.problems.set_document(document)
        if unsaved:
            self.stack.resetClean()  # an import is not saved anywhere yet
        if document.tables:
            self.table_list.setCurrentIndex(self.table_model.index(0))
        self._update_title()

    def current_table(self) -> GoalTable | None:
        """The table being edited."""
        return self.table_model.table(self.table_list.currentIndex().row())

    def _current_table_changed(self, current: Any, _previous: Any = None) -> None:
        table = self.table_model.table(current.row()) if current.isValid() else None
        self.header_form.set_table(table)
        self.editor.set_table(table)

    def _display_name(self) -> str:
        return self.path.name if self.path else "未命名"

    def _update_title(self) -> None:
        mark = "（只读）" if getattr(self, "read_only", False) else ""
        self.setWindowTitle(f"{self._display_name()}{mark}[*] — {APP_TITLE}")
        self.setWindowModified(not self.stack.isClean())

    def push(self, command: QUndoCommand) -> None:
        """Do an edit as one undoable step."""
        self.stack.push(command)

    # --- files ------------------------------------------------------------------------------------

    def maybe_save(self) -> bool:
        """Ask about unsaved changes; True when it is fine to drop the document."""
        if self.stack.isClean():
            return True
        from goaleditor.ui.dialogs import CANCEL, SAVE, ask_unsaved

        answer = ask_unsaved(self, self._display_name())
        if answer == SAVE:
            return self.save()
        return answer != CANCEL

    def _forget_file(self) -> None:
        """The window no longer shows a saved file: drop its lock."""
        self._hold_lock(None)
        self.read_only = False

    def new_document(self) -> None:
        """新建: ask framework, agency and year, then start with one empty table."""
        from goaleditor.ui.dialogs import DocumentPropertiesDialog

        if not self.maybe_save():
            return
        dialog = DocumentPropertiesDialog(None, self)
        if dialog.exec() != DocumentPropertiesDialog.DialogCode.Accepted:
            return
        document = Document(**dialog.values())
        document.tables.append(new_table(document.framework))
        document.tables[0].document = document
        self._forget_file()
        self._set_document(document, None)
        self.header_form.editor("project_name").setFocus()

    def open_dialog(self) -> None:
        """打开: choose a file."""
        from PySide6.QtWidgets import QFileDialog

        if not self.maybe_save():
            return
        start = self.settings.value("lastFolder", "") or ""
        name, _ = QFileDialog.getOpenFileName(self, "打开", str(start), OPEN_FILTER)
        if name:
            self.open_path(Path(name), ask=False)

    def open_path(self, path: Path, ask: bool = True) -> bool:
        """Open a .goals file, or import anything else as a new unsaved document."""
        if ask and not self.maybe_save():
            return False
        from goaleditor.formats import read_document

        skipped: list[str] = []
        try:
            document = read_document(path, skipped.append)
        except InputError as exc:
            show_error(self, "无法打开", str(exc))
            return False
        is_goals = path.suffix.lower() == ".goals"
        lock, read_only = None, False
        if is_goals:
            choice = self._lock_or_ask(path)
            if choice is None:
                return False
            lock, read_only, is_goals = choice
        self._set_document(document, path if is_goals else None, unsaved=not is_goals)
        self._hold_lock(lock)
        self.read_only = read_only
        self._update_title()
        self._remember(path)
        verb = "已打开" if is_goals else "已导入（尚未保存）"
        self.statusBar().showMessage(f"{verb}：{path}", 5000)
        if skipped:
            from PySide6.QtWidgets import QMessageBox

            QMessageBox.information(self, "部分内容未导入", "\n".join(skipped))
        return True

    def _lock_or_ask(self, path: Path) -> tuple[FileLock | None, bool, bool] | None:
        """Lock a .goals file; if another editor holds it, ask: read-only, a copy, or cancel.

        Returns (lock, read only, keep the path) or None when the clerk cancels.
        """
        from goaleditor.model.file_lock import FileLock, LockedByOther

        held_here = self.file_lock
        if held_here is not None and held_here.document.resolve() == path.resolve():
            return held_here, False, True  # reopening our own file
        lock = FileLock(path)
        try:
            return (lock if lock.acquire() else None), False, True
        except LockedByOther as held:
            from PySide6.QtWidgets import QMessageBox

            box = QMessageBox(QMessageBox.Icon.Warning, "文档正在使用", "", parent=self)
            box.setObjectName("locked")
            box.setText(f"“{path.name}”正被 {held.info.describe()} 打开编辑。")
            box.setInformativeText("可以只读方式打开，或打开一个副本另行保存。")
            read_only = box.addButton("以只读方式打开", QMessageBox.ButtonRole.AcceptRole)
            copy = box.addButton("打开副本", QMessageBox.ButtonRole.ActionRole)
            box.addButton("取消", QMessageBox.ButtonRole.RejectRole)
            box.exec()
            if box.clickedButton() is read_only:
                return None, True, True
            if box.clickedButton() is copy:
                return None, False, False
            return None

    def _hold_lock(self, lock: FileLock | None) -> None:
        if self.file_lock is not None and self.file_lock is not lock:
            self.file_lock.release()
        self.file_lock = lock

    def save(self) -> bool:
        """保存 to the current file (or ask for one; a read-only document only 另存为)."""
        if self.path is None or self.read_only:
            return self.save_as()
        return self._save_to(self.path)

    def save_as(self) -> bool:
        """另存为: choose a .goals file."""
        start = self.path or Path(str(self.settings.value("lastFolder", "") or "")) / "未命名.goals"
        path = self._ask_save_path("另存为", start, "绩效目标表文档 (*.goals)")
        if path is None:
            return False
        if path.suffix.lower() != ".goals":
            path = path.with_name(path.name + ".goals")
        return self._save_to(path)

    def _save_to(self, path: Path) -> bool:
        from goaleditor.model.file_lock import FileLock, LockedByOther
        from goaleditor.model.store import save_document

        new_lock = None
        if self.file_lock is None or self.file_lock.document != path:
            new_lock = FileLock(path)
            try:
                if not new_lock.acquire():
                    new_lock = None
            except LockedByOther as held:
                show_error(
                    self, "保存失败", f"“{path.name}”正被 {held.info.describe()} 打开，不能覆盖"
                )
                return False
        try:
            save_document(self.document, path)
        except OSError as exc:
            if new_lock is not None:
                new_lock.release()
            show_error(self, "保存失败", f"无法保存到 {path}：{_describe_os_error(exc)}")
            return False
        if new_lock is not None:
            self._hold_lock(new_lock)
        self.read_only = False
        self.path = path
        self.stack.setClean()
        self._remember(path)
        self._learn()
        if self.working_copy is not None:
            self.working_copy.set_source(path)
            self.working_copy.checkpoint()
        self._update_title()
        self.statusBar().showMessage(f"已保存：{path}", 5000)
        return True

    def export_json(self) -> None:
        """Export canonical JSON."""
        from goaleditor.formats import write_document

        path = self._ask_export_path("导出JSON", ".json", "JSON (*.json)")
        if path is None:
            return
        try:
            write_document(self.document, path)
        except (OSError, InputError) as exc:
            reason = _describe_os_error(exc) if isinstance(exc, OSError) else str(exc)
            show_error(self, "导出失败", f"无法导出到 {path}：{reason}")
            return
        self.statusBar().showMessage(f"已导出：{path}", 5000)

    def _export_with_progress(self, label: str, path: Path, write: Any) -> bool:
        """Run write(document, path, progress) behind a progress dialog that can cancel it."""
        from PySide6.QtWidgets import QProgressDialog

        from goaleditor.formats.pdf import ExportCancelled

        dialog = QProgressDialog(f"正在生成{label}…", "取消", 0, 100, self)
        dialog.setWindowTitle(f"导出{label}")
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(400)

        def progress(done: int, total: int) -> bool:
            dialog.setMaximum(total)
            dialog.setValue(done)
            self._events.processEvents()  # an instance call: see _events in __init__
            return not dialog.wasCanceled()

        try:
            write(self.document, path, progress=progress)
        except ExportCancelled:
            self.statusBar().showMessage("已取消导出，没有写入文件", 5000)
            return False
        except OSError as exc:
            show_error(self, "导出失败", f"无法导出到 {path}：{_describe_os_error(exc)}")
            return False
        finally:
            dialog.reset()
            dialog.deleteLater()
        return True

    def write_pdf(self, path: Path) -> bool:
        """Export the document as PDF with a progress dialog that can cancel it."""
        from goaleditor.formats.pdf import write

        return self._export_with_progress("PDF", path, write)

    def _ask_save_path(self, title: str, start: Path, kind: str) -> Path | None:
        from PySide6.QtWidgets import QFileDialog

        name, _ = QFileDialog.getSaveFileName(self, title, str(start), kind)
        return Path(name) if name else None

    def _ask_export_path(self, title: str, suffix: str, kind: str) -> Path | None:
        base = self.path.with_suffix(suffix) if self.path else Path(f"未命名{suffix}")
        return self._ask_save_path(title, base, kind)

    def export_pdf(self) -> None:
        """导出PDF: choose a file and write it."""
        path = self._ask_export_path("导出PDF", ".pdf", "PDF (*.pdf)")
        if path is not None and self.write_pdf(path):
            self.statusBar().showMessage(f"已导出：{path}", 5000)

    def export_xlsx(self) -> None:
        """导出Excel: the official layout as a workbook."""
        from goaleditor.formats.xlsx_export import write

        path = self._ask_export_path("导出Excel", ".xlsx", "Excel工作簿 (*.xlsx)")
        if path is not None and self._export_with_progress("Excel", path, write):
            self.statusBar().showMessage(f"已导出：{path}", 5000)

    def _with_temporary_pdf(self, use: Any) -> None:
        import tempfile

        with tempfile.TemporaryDirectory(prefix="goaleditor-") as folder:
            pdf = Path(folder) / f"{(self.path.stem if self.path else '未命名')}.pdf"
            if self.write_pdf(pdf):
                use(pdf)

    def print_preview(self) -> None:
        """打印预览: the pages of the exact PDF that 导出PDF writes."""
        from goaleditor.ui.pdf_preview import PreviewDialog

        self._with_temporary_pdf(lambda pdf: PreviewDialog(pdf, self).exec())

    def print_document(self) -> None:
        """打印: print the PDF's pages."""
        from goaleditor.ui.pdf_preview import print_pdf

        self._with_temporary_pdf(lambda pdf: print_pdf(pdf, self))

    def _remember(self, path: Path) -> None:
        recent = [str(path.resolve())]
        recent += [p for p in self._recent_files() if p != recent[0]]
        self.settings.setValue("recentFiles", recent[:MAX_RECENT])
        self.settings.setValue("lastFolder", str(path.resolve().parent))

    def _recent_files(self) -> list[str]:
        value = self.settings.value("recentFiles", []) or []
        return [value] if isinstance(value, str) else [str(v) for v in value]

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        files = self._recent_files()
        if not files:
            self.recent_menu.addAction("（无）").setEnabled(False)
        for number, name in enumerate(files, 1):
            action = self.recent_menu.addAction(f"&{number} {name}")
            action.triggered.connect(lambda _=False, n=name: self.open_path(Path(n)))

    # --- tables -------------------------------------------------------------------------------

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

    def run_check(self) -> None:
        """检查: check now and show the problems."""
        self.problems.recheck()
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
        counts = self.problems.counts()
        self.problem_summary.setText(
            f"错误 {counts[ERROR]}　警告 {counts[WARNING]}　提示 {counts[HINT]}"
        )

    def goto_problem(self, problem: Problem) -> None:
        """Show the table and select the cell a problem is about."""
        if not 1 <= problem.table <= len(self.document.tables):
            return
        self.table_list.setCurrentIndex(self.table_model.index(problem.table - 1))
        if isinstance(problem.node, Indicator):
            column = COLUMN_OF_FIELD.get(problem.field, COL_NAME)
            self.editor.select_node(problem.node, column)
            self.editor.view.setFocus()
        elif problem.field:
            self.header_form.editor(problem.field).setFocus()

    def apply_fix(self, problem: Problem) -> None:
        """Apply a problem's fix-it as one undoable step."""
        edit = edit_rules.fix_edit(problem)
        if edit is None:
            return
        self.push(EditCommand(self.document, edit))
        self.problems.recheck()

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

    def new_next_year(self) -> None:
        """新建下一年度: this document moved on by a year, as a new unsaved document."""
        from goaleditor.model.next_year import next_year_draft

        draft = next_year_draft(self.document)
        if not self.maybe_save():
            return
        self._forget_file()
        self._set_document(draft, None, unsaved=True)
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

    def _about(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.about(
            self,
            "关于",
            f"{APP_TITLE} {__version__}\n离线编写项目支出绩效目标表，保存为 .goals 文件。",
        )

    # --- window state ---------------------------------------------------------------------------

    def _restore_settings(self) -> None:
        geometry = self.settings.value("geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        else:
            screen = self.screen().availableGeometry()
            self.resize(min(1400, int(screen.width() * 0.9)), min(900, int(screen.height() * 0.9)))
        state = self.settings.value("windowState")
        if isinstance(state, QByteArray):
            self.restoreState(state)
        splitter = self.settings.value("splitter")
        if isinstance(splitter, QByteArray):
            self.splitter.restoreState(splitter)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.maybe_save():
            event.ignore()
            return
        self.settings.setValue("geometry", self.saveGeometry())
        self.settings.setValue("windowState", self.saveState())
        self.settings.setValue("splitter", self.splitter.saveState())
        self._close_working_copy()
        self._hold_lock(None)
        event.accept()

    def _open_working_copy(self, document: Document) -> None:
        import sqlite3

        from goaleditor.model.working_copy import WorkingCopy

        if document is not self.document or self.working_copy is not None:
            return
        try:
            self.working_copy = WorkingCopy(working_folder(), document, self.path)
        except (OSError, sqlite3.Error) as exc:  # editing still works; only recovery is lost
            self.working_copy = None
            self.statusBar().showMessage(f"无法建立工作副本（崩溃后将无法恢复）：{exc}", 10000)

    def _saved_state_changed(self, clean: bool) -> None:
        if clean and self.working_copy is not None:
            self.working_copy.mark_saved()

    def _checkpoint(self) -> None:
        if self.working_copy is not None:
            import sqlite3

            with contextlib.suppress(sqlite3.Error):
                self.working_copy.checkpoint()

    def _close_working_copy(self) -> None:
        working = self.working_copy
        if working is not None:
            working.close()
            self.working_copy = None

    def offer_recovery(self) -> None:
        """After a crash: offer to restore the unsaved work, saying which file it belongs to."""
        from PySide6.QtWidgets import QMessageBox

        from goaleditor.model.working_copy import discard, find_orphans
        from goaleditor.model.working_copy import restore as restore_working_copy

        for orphan in find_orphans(working_folder()):
            name = orphan.source or "未命名的新文档"
            when = time.strftime("%Y-%m-%d %H:%M", time.localtime(orphan.modified))
            box = QMessageBox(QMessageBox.Icon.Question, "恢复未保存的工作", "", parent=self)
            box.setObjectName("recovery")
            box.setText(f"上次未正常退出，发现“{name}”在 {when} 的未保存修改。是否恢复？")
            restore_button = box.addButton("恢复", QMessageBox.ButtonRole.AcceptRole)
            discard_button = box.addButton("丢弃", QMessageBox.ButtonRole.DestructiveRole)
            box.addButton("以后再说", QMessageBox.ButtonRole.RejectRole)
            box.exec()
            if box.clickedButton() is restore_button:
                if not self.maybe_save():
                    return
                document = restore_working_copy(orphan)
                source = Path(orphan.source) if orphan.source else None
                self._forget_file()  # the file is locked again when the restored work is saved
                self._set_document(document, source, unsaved=True)
                discard(orphan)
                self.statusBar().showMessage(f"已恢复：{name}（尚未保存）", 8000)
                return
            if box.clickedButton() is discard_button:
                discard(orphan)
