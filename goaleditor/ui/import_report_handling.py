"""The 导入说明 of the import that made a session's document: shown once the window is on
screen, brought back on request, closed when the document goes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer

if TYPE_CHECKING:
    from goaleditor.formats.notes import ImportNote
    from goaleditor.model.document import Document
    from goaleditor.ui.import_report import ImportReport
    from goaleditor.ui.session import DocumentSession


class ImportReportHandling:
    """One session's import report: at most one on screen, beside the work (not modal)."""

    def __init__(self, session: DocumentSession) -> None:
        self.session = session
        # The report of an import done before the window was shown, with the document it
        # describes: it comes up over the window, not alone.
        self.pending: tuple[str, list[ImportNote], Document] | None = None
        self.report: ImportReport | None = None  # the report on screen now, if any

    def window_shown(self) -> None:
        """The window is on screen: a report that waited for it comes up now."""
        if self.pending is not None:
            QTimer.singleShot(0, self.show_pending)

    def show_pending(self) -> None:
        """导入说明 of the last import, unless the document was replaced meanwhile."""
        pending, self.pending = self.pending, None
        if pending is None or pending[2] is not self.session.document:
            return
        self.show()

    def show(self) -> None:
        """导入说明 of the import that made the document, beside the work (not modal): brought
        to the front if it is open already."""
        session = self.session
        if session.import_notes is None:
            return
        if self.report is not None and self.report.isVisible():
            self.report.raise_()
            self.report.activateWindow()
            return
        source, notes = session.import_notes
        report = session.prompts.import_report(source, notes)
        if report is None:
            return
        self.report = report
        document = session.document
        report.located.connect(lambda table: self._locate(document, table))
        report.destroyed.connect(lambda: self._forget(report))

    def _locate(self, document: Document, table: int) -> None:
        if document is self.session.document and 0 <= table < len(document.tables):
            self.session.locate.emit(table)

    def _forget(self, report: ImportReport) -> None:
        if self.report is report:
            self.report = None

    def close(self) -> None:
        """Close the 导入说明 on screen (the document it describes is going)."""
        report, self.report = self.report, None
        if report is not None:
            report.close()

    def is_pending(self) -> bool:
        """Whether an import report is still to be shown (recovery waits for it)."""
        return self.pending is not None
