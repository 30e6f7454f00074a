"""文件 → 批量检查…: a folder's files read and checked in worker processes, listed as they
finish (sortable, filterable), each opened in the editor by a double-click or Enter, and the
summary workbook written from there. Closing the window stops the run."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from goaleditor.batch.results import FileResult
from goaleditor.ui.batch_model import COLUMNS, SORT_ROLE, BatchModel
from goaleditor.ui.batch_run import BatchRun
from goaleditor.ui.prompts import Prompts

if TYPE_CHECKING:
    from goaleditor.ui.main_window import MainWindow

TITLE = "批量检查"
SUMMARY_KIND = "Excel 工作簿 (*.xlsx)"
COLUMN_WIDTHS = (250, 210, 44, 100, 44, 44, 44, 100)  # the last column (说明) stretches
_open_windows: list[BatchWindow] = []  # top-level windows of their own, kept until closed


def start_batch(window: MainWindow, jobs: int | None = None) -> BatchWindow | None:
    """批量检查…: ask for a folder and start checking it in a window of its own."""
    folder = window.prompts.folder_name("批量检查：选择文件夹", window.recent.last_folder())
    if folder is None:
        return None
    return show_batch(window, [folder], jobs)


def close_batches() -> None:
    """Close every batch window (退出), stopping the runs."""
    for batch in list(_open_windows):
        batch.close()


def files_filter() -> str:
    """打开's file kinds, with .zip archives among them."""
    from goaleditor.formats import dialog_filter

    everything, _, kinds = dialog_filter("open").partition(";;")
    everything = everything.replace("(", "(*.zip ", 1)
    return f"{everything};;压缩包 (*.zip);;{kinds}"


def show_batch(window: MainWindow, paths: Sequence[Path], jobs: int | None = None) -> BatchWindow:
    """Open a batch window checking paths (folders, files, .zip archives)."""
    batch = BatchWindow(window, paths, jobs)
    _open_windows.append(batch)
    app = QCoreApplication.instance()
    if app is not None:  # however the editor ends, no worker is left reading
        app.aboutToQuit.connect(batch.stop)
    batch.show()
    batch.start()
    return batch


class BatchWindow(QWidget):
    """The table of files, the progress bar, 取消, 导出汇总… and the status line."""

    def __init__(self, editor: MainWindow, paths: Sequence[Path], jobs: int | None = None) -> None:
        super().__init__(None, Qt.WindowType.Window)
        self.setObjectName("batch_window")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.editor = editor
        self.paths = list(paths)
        self.prompts = Prompts(self)
        folder = str(paths[0]) if len(paths) == 1 and paths[0].is_dir() else ""
        self.model = BatchModel(self, folder)
        self.total = 0
        self.skipped = 0
        self.failure = ""
        self.run = BatchRun(self.paths, jobs, self)
        self.run.counted.connect(self._counted)
        self.run.arrived.connect(self._arrived)
        self.run.skipped.connect(self._skipped)
        self.run.failed.connect(self._failed)
        self.run.finished.connect(self._finished)
        self.setWindowTitle(f"{TITLE} - {_shown(self.paths)}")
        self._build()
        self.resize(1280, 660)

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(QLabel(f"检查：{_shown(self.paths)}", self), 1)
        self.filter = QLineEdit(self)
        self.filter.setObjectName("batch_filter")
        self.filter.setPlaceholderText("筛选：文件名、单位或问题")
        self.filter.setClearButtonEnabled(True)
        self.filter.setMinimumWidth(260)
        top.addWidget(self.filter)
        layout.addLayout(top)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.proxy.setFilterKeyColumn(-1)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.filter.textChanged.connect(self._filter_changed)
        self.view = QTableView(self)
        self.view.setObjectName("batch_files")
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # finishing order until asked
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        header = self.view.horizontalHeader()
        for column, width in enumerate(COLUMN_WIDTHS):
            header.resizeSection(column, width)
        header.setSectionResizeMode(len(COLUMNS) - 1, QHeaderView.ResizeMode.Stretch)
        self.view.doubleClicked.connect(self.open_index)
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            enter = QShortcut(QKeySequence(key), self.view)
            enter.setContext(Qt.ShortcutContext.WidgetShortcut)
            enter.activated.connect(lambda: self.open_index(self.view.currentIndex()))
        layout.addWidget(self.view, 1)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 0)  # busy until the files are counted
        self.progress.setFormat("%v / %m")
        layout.addWidget(self.progress)
        bottom = QHBoxLayout()
        self.status = QLabel(self)
        self.status.setObjectName("batch_status")
        bottom.addWidget(self.status, 1)
        self.cancel_button = QPushButton("取消", self)
        self.cancel_button.setToolTip("停止检查；已读取的文件保留在表中")
        self.cancel_button.clicked.connect(self.cancel)
        other = QPushButton("检查其他文件(&O)…", self)
        other.setToolTip("选择若干文件或.zip压缩包，在另一个窗口中批量检查")
        other.clicked.connect(self.check_other_files)
        bottom.addWidget(other)
        self.export_button = QPushButton("导出汇总(&E)…", self)
        self.export_button.setToolTip("把表中所有文件的结果写成汇总工作簿（Excel）")
        self.export_button.clicked.connect(self.export_summary)
        close_button = QPushButton("关闭", self)
        close_button.clicked.connect(self.close)
        for button in (self.cancel_button, self.export_button, close_button):
            bottom.addWidget(button)
        layout.addLayout(bottom)
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.close)
        self._update_status()

    # --- the run ------------------------------------------------------------------------------

    def start(self) -> None:
        """Start reading (in worker processes, driven from a thread)."""
        self.run.start()
        self._update_status()

    def cancel(self) -> None:
        """取消: stop the workers; what was read stays."""
        if self.run.isRunning():
            self.run.cancel()
            self.cancel_button.setEnabled(False)
            self._update_status()

    def running(self) -> bool:
        """True while files are being read."""
        return self.run.isRunning()

    def _counted(self, total: int) -> None:
        self.total = total
        self.progress.setRange(0, max(total, len(self.model.results), 1))
        self.progress.setValue(len(self.model.results))

    def _arrived(self, result: FileResult) -> None:
        self.model.add(result)
        read = len(self.model.results)
        if self.progress.maximum() and read > self.progress.maximum():
            self.progress.setMaximum(read)  # the count was a guess (archives' members)
        if self.progress.maximum():
            self.progress.setValue(read)
        self._update_status()

    def _skipped(self, count: int) -> None:
        self.skipped = count

    def _failed(self, line: str) -> None:
        self.failure = line
        self.prompts.error(TITLE, line)

    def _finished(self) -> None:
        self.cancel_button.setEnabled(False)
        if not self.run.cancelled:
            read = len(self.model.results)
            self.progress.setRange(0, max(read, 1))
            self.progress.setValue(max(read, 1) if read else 0)
        self._update_status()

    def _update_status(self) -> None:
        self.status.setText(status_line(self.model.results, self.total, self.state()))

    def state(self) -> str:
        """正在检查…, 已取消 or 已完成 (as the status line says)."""
        if self.failure:
            return "已中断"
        if self.run.cancelled:
            return "正在停止…" if self.run.isRunning() else "已取消（已读取的保留）"
        if self.run.isRunning():
            return "正在检查…"
        done = "已完成" if self.run.isFinished() else "准备中…"
        if self.skipped and self.run.isFinished():
            done += f"；另有{self.skipped}个非文档文件未检查"
        return done

    def _filter_changed(self, text: str) -> None:
        self.proxy.setFilterFixedString(text.strip())

    # --- opening and exporting ----------------------------------------------------------------

    def open_index(self, index: QModelIndex) -> None:
        """Open the file of a row in the editor (the usual prompts about unsaved work)."""
        if not index.isValid():
            return
        result = self.model.result_at(self.proxy.mapToSource(index).row())
        path = Path(result.name)
        if not path.is_file():
            line = f"“{result.name}”在压缩包中或已不存在，请先解压或找到该文件后再打开"
            self.status.setText(line)
            return
        window = self._editor_window()
        if window.open_path(path, ask=True):
            window.raise_()
            window.activateWindow()

    def _editor_window(self) -> MainWindow:
        """The window the batch was started from, or another editor window when it is gone."""
        import shiboken6

        from goaleditor.ui.app import main_windows, open_window

        if shiboken6.isValid(self.editor) and self.editor.isVisible():
            return self.editor
        windows = main_windows()
        if windows:
            self.editor = windows[-1]  # the active one
        else:
            self.editor = open_window()
            self.editor.show()
        return self.editor

    def check_other_files(self) -> BatchWindow | None:
        """检查其他文件…: files or .zip archives picked, checked in a window of their own."""
        start = str(self.paths[0].parent) if self.paths else ""
        files = self.prompts.open_names("批量检查：选择文件或压缩包", start, files_filter())
        if not files:
            return None
        return show_batch(self._editor_window(), files, self.run.jobs)

    def export_summary(self) -> None:
        """导出汇总…: the summary workbook of every file in the table."""
        from goaleditor.batch.summary import write_summary

        results = list(self.model.results)
        if not results:
            self.prompts.note(TITLE, "还没有读取任何文件，没有可导出的汇总。")
            return
        start = _summary_start(self.paths)
        path = self.prompts.save_name("导出汇总", start, SUMMARY_KIND)
        if path is None:
            return
        if path.suffix.lower() != ".xlsx":
            path = path.with_name(path.name + ".xlsx")
        try:
            write_summary(results, path)
        except OSError as exc:
            from goaleditor.errors import io_failure

            self.prompts.error("导出汇总失败", io_failure(exc))
            return
        self.status.setText(f"汇总已导出到 {path}（{len(results)}个文件）")

    # --- closing ------------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        """Closing stops the run (the workers end) before the window goes."""
        self.stop()
        if self in _open_windows:
            _open_windows.remove(self)
        super().closeEvent(event)

    def stop(self) -> None:
        """Cancel and wait until the workers have ended."""
        if self.run.isRunning():
            self.run.cancel()
            self.run.wait()


def status_line(results: Sequence[FileResult], total: int, state: str) -> str:
    """已读N个（共约M个）：无法读取K个，有错误的E个 … and the run's state."""
    read = len(results)
    unreadable = sum(1 for r in results if not r.readable)
    with_errors = sum(1 for r in results if r.readable and r.errors)
    problems = sum(r.errors + r.warnings + r.hints for r in results)
    of = f"（共约{total}个）" if total and total != read else ""
    said = f"已读{read}个文件{of}：无法读取{unreadable}个，有错误的{with_errors}个"
    return f"{said}，共{problems}个问题。{state}"


def _shown(paths: Sequence[Path]) -> str:
    return "、".join(str(p) for p in paths[:3]) + ("等" if len(paths) > 3 else "")


def _summary_start(paths: Sequence[Path]) -> Path:
    """批量检查汇总.xlsx beside (or in) the first folder checked."""
    first = paths[0] if paths else Path.home()
    folder = first if first.is_dir() else first.parent
    return folder / f"{folder.name or '批量检查'}-批量检查汇总.xlsx"
