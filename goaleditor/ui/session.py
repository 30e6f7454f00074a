"""The document session: one document, its file, lock, working copy and saved state."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QStandardPaths, QTimer, Signal
from PySide6.QtGui import QUndoStack

from goaleditor.errors import InputError, os_error_reason
from goaleditor.model.document import Document
from goaleditor.model.edits import Edit
from goaleditor.self_evaluation.scores import DocumentScores
from goaleditor.ui.commands import EditCommand
from goaleditor.ui.error_log import log_exception
from goaleditor.ui.file_names import documents_folder, suggested_stem
from goaleditor.ui.first_paint import after_first_paint
from goaleditor.ui.import_report_handling import ImportReportHandling
from goaleditor.ui.prompts import (
    CANCEL,
    COPY,
    READ_ONLY,
    SAVE,
    SAVE_AS,
    TAKE_OVER,
)
from goaleditor.ui.recovery_offer import RecoveryOffer

# The store, file locks and the working copy load when first used: that keeps start-up quick.
if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from goaleditor.files.lock import FileLock
    from goaleditor.formats.notes import ImportNote
    from goaleditor.model.working_copy import WorkingCopy
    from goaleditor.ui.prompts import Prompts
    from goaleditor.ui.recent_files import RecentFiles

WORKING_COPY_DELAY_MS = 100  # after the first table is on screen
IDLE_MS = 3000  # fold the working copy's log when the clerk pauses this long


def working_folder() -> Path:
    """Where working copies live: the user's data folder."""
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(folder or Path.home() / ".goaleditor") / "working"


class DocumentSession(QObject):
    """Owns the open document: its path, file lock, working copy and undo stack.

    Every edit goes through apply(); whatever replaces the document (open, new, recover,
    next year's draft) goes through replace(); whatever writes it goes through save_to().
    The working copy is written after each change of the undo stack, never inside an edit;
    a failure there is logged and reported on `message`, and the edit stands.
    """

    aboutToReplace = Signal()  # the document is about to be replaced
    replaced = Signal(object)  # the new Document
    stateChanged = Signal()  # path, read-only or saved state changed
    saved = Signal(object)  # the Path just saved
    message = Signal(str, int)  # status bar text and how long to show it (ms)
    locate = Signal(int)  # the clerk asked to see this table (定位 in the import report)
    notesChanged = Signal()  # the document now has (or no longer has) an import report

    def __init__(self, prompts: Prompts, recent: RecentFiles, parent: QObject | None) -> None:
        super().__init__(parent)
        self.prompts = prompts
        self.recent = recent
        self.document = Document()
        self.scores = DocumentScores(self.document)  # a 自评表's table scores, kept current
        self.path: Path | None = None
        self.source: Path | None = None  # the file an unsaved document was imported from
        self.read_only = False
        self.file_lock: FileLock | None = None
        self.working_copy: WorkingCopy | None = None
        self.stack = QUndoStack(self)
        self._working_copy_timer = QTimer(self)
        self._working_copy_timer.setSingleShot(True)
        self._working_copy_timer.setInterval(WORKING_COPY_DELAY_MS)
        self._working_copy_timer.timeout.connect(lambda: self._open_working_copy(self.document))
        # A window holds the snapshot until it has been painted (see window_shown): counted
        # from the document's opening, a slow start could take it before the first paint.
        self.hold_working_copy = False
        # Likewise the import report waits for the window: it must come up over it, not alone.
        self.on_screen = True
        # The notes of the import that made this document (导入说明 can be reopened).
        self.import_notes: tuple[str, list[ImportNote]] | None = None
        self.reports = ImportReportHandling(self)
        self.recovery = RecoveryOffer(self)
        self._idle = QTimer(self)
        self._idle.setSingleShot(True)
        self._idle.setInterval(IDLE_MS)
        self._idle.timeout.connect(self.checkpoint)
        self.stack.indexChanged.connect(self.flush)
        # Not connect(self._idle.start): indexChanged's index would become start(msec)'s interval.
        self.stack.indexChanged.connect(lambda _index: self._idle.start())
        self._last_index = 0
        self.stack.indexChanged.connect(self._say_undone)
        self.stack.cleanChanged.connect(self._saved_state_changed)
        self.stack.cleanChanged.connect(self.stateChanged)
        self._working_copy_timer.start()

    def _say_undone(self, index: int) -> None:
        """After Ctrl+Z the status line says what was undone, never what the step had said."""
        if index < self._last_index and index < self.stack.count():
            self.message.emit(f"已撤销：{self.stack.text(index)}", 5000)
        self._last_index = index

    def window_shown(self, window: QWidget) -> None:
        """The window is on screen: the working copy's snapshot may follow its first paint,
        and the report of an import done before it was shown comes up over it."""
        if self.hold_working_copy:
            self.hold_working_copy = False
            self._working_copy_timer.stop()  # counted from the session: due before the paint
            after_first_paint(window, self._working_copy_timer.start)
        if not self.on_screen:
            self.on_screen = True
            self.reports.window_shown()

    def show_pending_report(self) -> None:
        """导入说明 of the last import, unless the document was replaced meanwhile."""
        self.reports.show_pending()

    @property
    def _pending_report(self) -> tuple[str, list[ImportNote], Document] | None:
        # open() sets the report to show once the window is on screen under this name.
        return self.reports.pending

    @_pending_report.setter
    def _pending_report(self, pending: tuple[str, list[ImportNote], Document] | None) -> None:
        self.reports.pending = pending

    def display_name(self) -> str:
        """The file's name, the imported file's (marked as not saved yet), or 未命名."""
        if self.path is None and self.source is not None:
            return f"{self.source.name}（导入，未保存）"
        return self.path.name if self.path else "未命名"

    def suggested_name(self, suffix: str) -> Path:
        """Where to save or export: the file's own name, else the document title, the first
        project name or the imported file's name, in the folder used last."""
        if self.path is not None:
            return self.path.with_suffix(suffix)
        stem = suggested_stem(self.document, self.source)
        folder = self.recent.last_folder()
        return (Path(folder) if folder else documents_folder()) / f"{stem}{suffix}"

    def is_modified(self) -> bool:
        """Whether the document differs from its file."""
        return not self.stack.isClean()

    def apply(self, edit: Edit | None) -> bool:
        """Do an edit as one undoable step (typing in one field merges into one); False when
        there is nothing to do."""
        if edit is None:
            return False
        self.stack.push(EditCommand(self.document, edit))
        return True

    # --- replacing the document ---------------------------------------------------------------

    def replace(
        self,
        document: Document,
        path: Path | None = None,
        *,
        unsaved: bool = False,
        lock: FileLock | None = None,
        read_only: bool = False,
        source: Path | None = None,
    ) -> None:
        """Edit another document from now on (unsaved: it is not the file at path yet;
        source: the file it was imported from)."""
        self.aboutToReplace.emit()
        self.reports.close()
        had_notes, self.import_notes = self.import_notes is not None, None
        self.stack.clear()
        self._close_working_copy()
        self.document = document
        self.scores.close()
        self.scores = DocumentScores(document)  # before the window's views follow the document
        self.path = path
        self.source = source
        self._hold_lock(lock)
        self.read_only = read_only
        self.replaced.emit(document)
        # The snapshot of a large document takes a moment: show the first table first (the
        # delay counts from the events after the views' update: their paint comes first).
        if not self.hold_working_copy:
            QTimer.singleShot(0, self._working_copy_timer, self._working_copy_timer.start)
        if unsaved:
            self.stack.resetClean()  # an import is not saved anywhere yet
        self.stateChanged.emit()
        if had_notes:
            self.notesChanged.emit()

    def open(self, path: Path) -> bool:
        """Open a .goals file, or import anything else as a new unsaved document.

        A .goals file is locked before it is read (the clerk's choice when another editor
        holds it), so nothing can change it between the reading and the lock. The file is
        read in the reading worker (ui/reading_wait.py): a file that crashes or hangs its
        parser is one line here, and 取消 leaves the open document as it was.
        """
        from goaleditor.formats.registry import NATIVE, check_readable, format_for
        from goaleditor.ui.reading_wait import read_file

        is_goals = format_for(path.suffix) is NATIVE
        lock: FileLock | None = None
        read_only = False

        def release_new_lock() -> None:  # the file did not open: never the lock held already
            if lock is not None and lock is not self.file_lock:
                lock.release()

        try:
            if is_goals:
                check_readable(path)  # no lock file is made beside a missing file or a folder
                choice = self._lock_or_ask(path)
                if choice is None:
                    return False
                lock, read_only, is_goals = choice
            read = read_file(path, self.prompts.parent)
        except InputError as exc:
            release_new_lock()
            self.prompts.error("无法打开", str(exc))
            return False
        except BaseException:
            release_new_lock()
            raise
        if read is None:
            release_new_lock()
            self.message.emit(f"已取消打开“{path.name}”，当前文档没有改变", 5000)
            return False
        document, skipped = read
        self.replace(
            document,
            path if is_goals else None,
            unsaved=not is_goals,
            lock=lock,
            read_only=read_only,
            source=None if is_goals else path,
        )
        self.recent.add(path)
        verb = "已打开" if is_goals else "已导入（尚未保存）"
        self.message.emit(f"{verb}：{path}", 5000)
        if skipped:
            self.import_notes = (path.name, skipped)
            self.notesChanged.emit()
            self._pending_report = (path.name, skipped, document)
            if self.on_screen:
                self.show_pending_report()
        return True

    def _lock_or_ask(self, path: Path) -> tuple[FileLock | None, bool, bool] | None:
        """Lock a .goals file; if another editor holds it, ask: read-only, a copy, or cancel.

        Returns (lock, read only, keep the path) or None when the clerk cancels.
        """
        from goaleditor.files.lock import FileLock, may_take_over
        from goaleditor.files.lock_reading import LockedByOther

        held_here = self.file_lock
        if held_here is not None and held_here.document.resolve() == path.resolve():
            return held_here, False, True  # reopening our own file
        lock = FileLock(path)
        try:
            return (lock if lock.acquire() else None), False, True
        except LockedByOther as held:
            offer = may_take_over(held)
            answer = self.prompts.locked(path.name, held.info.describe(), held.problem, offer)
            if answer == READ_ONLY:
                return None, True, True
            if answer == COPY:
                return None, False, False
            if answer == TAKE_OVER:
                try:
                    return (lock if lock.force_acquire(held.info) else None), False, True
                except (LockedByOther, OSError):
                    self.prompts.error("无法接管", f"“{path.name}”的锁刚刚又有变化，请稍后再打开")
            return None

    def _hold_lock(self, lock: FileLock | None) -> None:
        if self.file_lock is not None and self.file_lock is not lock:
            self.file_lock.release()
        self.file_lock = lock

    def offer_recovery(self) -> bool:
        """After a crash: offer the dead editors' unsaved work (see RecoveryOffer.offer)."""
        return self.recovery.offer()

    def question_name(self) -> str:
        """The open document as a question names it: its file, the file it was imported
        from, or 未命名."""
        if self.path is None and self.source is not None:
            return f"从{self.source.name}导入的文档"
        return self.display_name()

    # --- saving --------------------------------------------------------------------------------

    def maybe_save(self, detail: str = "") -> bool:
        """Ask about unsaved changes; True when it is fine to drop the document."""
        if self.stack.isClean() or self._untouched_import():
            return True
        answer = self.prompts.unsaved(self.question_name(), detail)
        if answer == SAVE:
            return self.save()
        return answer != CANCEL

    def _untouched_import(self) -> bool:
        """An imported file not edited since: dropping it loses nothing (as a spreadsheet
        closes a CSV it only showed), the file it came from is still there."""
        return self.stack.count() == 0 and self.source is not None and self.source.is_file()

    def save(self) -> bool:
        """保存 to the current file (or ask for one; a read-only document only 另存为)."""
        if self.path is None or self.read_only:
            return self.save_as()
        return self.save_to(self.path)

    def save_as(self) -> bool:
        """另存为: choose a .goals file."""
        from goaleditor.formats.registry import NATIVE, export_filter, format_for

        native = NATIVE.extensions[0]
        start = self.suggested_name(native)
        path = self.prompts.save_name("另存为", start, export_filter(native))
        if path is None:
            return False
        if format_for(path.suffix) is not NATIVE:
            path = path.with_name(path.name + native)
        return self.save_to(path)

    def save_to(self, path: Path) -> bool:
        """Write the document to path and make it the session's file; errors are shown."""
        from goaleditor.files.lock import FileLock
        from goaleditor.files.lock_reading import LockedByOther
        from goaleditor.model.store import save_document

        new_lock = None
        if self.file_lock is None or self.file_lock.document != path:
            new_lock = FileLock(path)
            try:
                if not new_lock.acquire():
                    new_lock = None
            except LockedByOther as held:
                text = f"“{path.name}”正被 {held.info.describe()} 打开，不能覆盖"
                self.prompts.error("保存失败", text)
                return False
        try:
            save_document(self.document, path)
        except OSError as exc:
            from goaleditor.files.atomic import WriteRefused

            if new_lock is not None:
                new_lock.release()
            if isinstance(exc, WriteRefused):
                return self.prompts.refused(path.name, exc.reason) == SAVE_AS and self.save_as()
            self.prompts.error("保存失败", f"无法保存到 {path}：{os_error_reason(exc)}")
            return False
        except BaseException:  # a bug or an interrupt: the new lock goes all the same
            if new_lock is not None:
                new_lock.release()
            raise
        if new_lock is not None:
            self._hold_lock(new_lock)
        self.read_only = False
        self.path = path
        if self.working_copy is not None:
            self._guard(lambda wc: wc.set_source(path))
        self.stack.setClean()
        self.recent.add(path)
        self.checkpoint()
        self.stateChanged.emit()
        self.saved.emit(path)
        self.message.emit(f"已保存：{path}", 5000)
        return True

    def close(self) -> None:
        """The window closes: forget the working copy and release the file."""
        self.reports.close()
        self._close_working_copy()
        self._hold_lock(None)
        self.scores.close()
        self.read_only = False

    # --- the working copy ---------------------------------------------------------------------

    def _open_working_copy(self, document: Document) -> None:
        import sqlite3

        from goaleditor.model.working_copy import WorkingCopy

        if document is not self.document or self.working_copy is not None:
            return
        try:
            self.working_copy = WorkingCopy(working_folder(), document, self.path)
        except (OSError, sqlite3.Error) as exc:  # editing still works; only recovery is lost
            self.working_copy = None
            self.message.emit(f"无法建立工作副本（崩溃后将无法恢复）：{_cause(exc)}", 10000)

    def _guard(self, write: Callable[[WorkingCopy], object]) -> bool:
        """Run write(working copy); a failure is logged and shown, never raised."""
        working = self.working_copy
        if working is None:
            return True
        try:
            write(working)
        except Exception as exc:  # a disk or database error must not undo the clerk's edit
            log_exception(exc)
            self.message.emit(f"工作副本无法写入：{_cause(exc)}", 10000)
            return False
        return True

    def flush(self) -> None:
        """Write the edits made since the last flush to the working copy."""
        self._guard(lambda wc: wc.flush())

    def checkpoint(self) -> None:
        """Flush and fold the working copy's log into its file (when the clerk pauses)."""
        self._guard(_flush_and_checkpoint)

    def _saved_state_changed(self, clean: bool) -> None:
        if clean:
            self._guard(_flush_and_mark_saved)

    def _close_working_copy(self) -> None:
        working = self.working_copy
        if working is not None:
            self.working_copy = None
            working.close()


def _flush_and_checkpoint(working: WorkingCopy) -> None:
    working.flush()
    working.checkpoint()


def _flush_and_mark_saved(working: WorkingCopy) -> None:
    working.flush()
    working.mark_saved()


def _cause(exc: BaseException) -> str:
    """Why the working copy failed, in Chinese (the detail is in the error log)."""
    return os_error_reason(exc) if isinstance(exc, OSError) else "数据库写入失败"
