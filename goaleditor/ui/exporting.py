"""Export to every format of the registry's 导出 menu (with progress and cancel where the
format shows it), print preview and printing; with errors left it asks first, and afterwards
it offers to open what it wrote."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEventLoop, Qt

from goaleditor.errors import InputError, os_error_reason
from goaleditor.ui.prompts import CANCEL

# Enter closes (out of habit after a dialog); opening needs a click or Alt+O / Alt+F.
OPEN_FILE, OPEN_FOLDER, CLOSE = "打开文件(&O)", "打开所在文件夹(&F)", "关闭"

if TYPE_CHECKING:
    from PySide6.QtCore import QUrl
    from PySide6.QtWidgets import QMainWindow

    from goaleditor.formats import Format
    from goaleditor.formats.exporting import ExportOptions, ExportWarn
    from goaleditor.ui.prompts import Prompts
    from goaleditor.ui.session import DocumentSession


class Exporter:
    """Writes the session's document to other formats and to the printer."""

    def __init__(
        self,
        session: DocumentSession,
        prompts: Prompts,
        parent: QMainWindow,
    ) -> None:
        self.session = session
        self.prompts = prompts
        self.parent = parent
        # PySide6 6.12 on Python 3.11 loses a reference to None on every *static* call that
        # returns nothing (QApplication.processEvents): thousands of them crash the
        # interpreter. The progress loop therefore uses this instance instead.
        self._events = QEventLoop(parent)
        self.before_check: Callable[[], None] = lambda: None  # before errors are counted
        # How many fields of new tables are still to fill (their 错误 show as 提示 till now).
        self.to_fill: Callable[[], int] = lambda: 0

    def _status(self, text: str) -> None:
        self.parent.statusBar().showMessage(text, 5000)

    def _ask_path(self, title: str, suffix: str) -> Path | None:
        """Ask first about errors left, then for the file (named after the project)."""
        from goaleditor.formats import export_filter

        if not self.errors_accepted("导出"):
            return None
        if suffix == ".pdf" and not self.glyphs_accepted():
            return None
        path = self.prompts.save_name(
            title, self.session.suggested_name(suffix), export_filter(suffix)
        )
        if path is not None:
            self.session.recent.remember_folder(path)
        return path

    def errors_accepted(self, verb: str) -> bool:
        """With 错误 left, ask whether to export (or print) all the same."""
        from goaleditor.checking import check_document_of_any_kind, export_errors

        to_fill = self.to_fill()
        self.before_check()
        problems = check_document_of_any_kind(self.session.document)
        errors = export_errors(problems)  # a reviewer's 不通过 never changes what prints
        if not errors:
            return True
        text = f"还有{errors}个错误，仍要{verb}？"
        if to_fill:  # the words of the status line, so the count does not jump
            others = f"，另有{errors - to_fill}个错误" if errors > to_fill else ""
            text = f"还有{to_fill}项待填写{others}，仍要{verb}？"
        detail = "错误列在“问题”面板中（F7），点击可定位到单元格。"
        answer = self.prompts.choose(
            "warning", "errors_left", verb, text, [f"仍要{verb}", CANCEL], detail
        )
        return answer != CANCEL

    def glyphs_accepted(self) -> bool:
        """Characters no PDF font can draw print as blanks: say which before a PDF is made."""
        from goaleditor.formats.layout.glyphs import glyph_warnings

        lines = glyph_warnings(self.session.document)
        if not lines:
            return True
        answer = self.prompts.choose(
            "warning",
            "missing_glyphs",
            "字体无法显示的字符",
            f"有{len(lines)}处文字含有字体无法显示的字符，在PDF中会显示为空白。仍要继续？",
            ["仍要继续", CANCEL],
            "\n".join(lines[:10]),
        )
        return answer != CANCEL

    def _done(self, path: Path, warnings: list[str]) -> None:
        """Say where the file is (and, in the details, what the format cut) and offer to open
        it or its folder."""
        self._status(f"已导出：{path}")
        answer = self.prompts.choose(
            "information",
            "exported",
            "导出完成",
            f"已导出：{path}",
            [OPEN_FILE, OPEN_FOLDER, CLOSE],
            "\n".join(dict.fromkeys(warnings)),
            default=2,
        )
        if answer in (OPEN_FILE, OPEN_FOLDER):
            target = path if answer == OPEN_FILE else path.parent
            from PySide6.QtCore import QUrl

            if not self.open_url(QUrl.fromLocalFile(str(target))):
                self.prompts.error("无法打开", f"没有程序能打开 {target}")

    @staticmethod
    def open_url(url: QUrl) -> bool:
        """Open a file or folder with the desktop's program for it (tests replace this)."""
        from PySide6.QtGui import QDesktopServices

        return QDesktopServices.openUrl(url)

    def export(self, extension: str) -> None:
        """导出…: choose a file and write the document in the format of extension."""
        from goaleditor.formats import format_for

        fmt = format_for(extension)
        assert fmt is not None and fmt.export is not None
        path = self._ask_path(f"导出{fmt.export.name}", extension)
        if path is None:
            return
        warnings: list[str] = []  # what the format cannot hold as it is (a cut property)
        if fmt.export.progress:
            written = self._export_with_progress(fmt, path, warnings.append)
        else:
            written = self._export_at_once(fmt, path, warnings.append)
        if written:
            self._done(path, warnings)

    def _export_at_once(self, fmt: Format, path: Path, warn: ExportWarn) -> bool:
        """Write a quick format without a progress dialog."""
        from goaleditor.formats import write_document

        try:
            write_document(self.session.document, path, as_format=fmt, warn=warn)
        except (OSError, InputError) as exc:
            reason = os_error_reason(exc) if isinstance(exc, OSError) else str(exc)
            self.prompts.error("导出失败", f"无法导出到 {path}：{reason}")
            return False
        return True

    def _export_with_progress(
        self,
        fmt: Format,
        path: Path,
        warn: ExportWarn | None = None,
        options: ExportOptions | None = None,
    ) -> bool:
        """Write behind a progress dialog that can cancel it."""
        from PySide6.QtWidgets import QProgressDialog

        from goaleditor.formats import ExportCancelled, write_document

        label = fmt.export.name if fmt.export else fmt.label
        dialog = QProgressDialog(f"正在生成{label}…", "取消", 0, 100, self.parent)
        dialog.setWindowTitle(f"导出{label}")
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(400)

        def progress(done: int, total: int) -> bool:
            dialog.setMaximum(total)
            dialog.setValue(done)
            self._events.processEvents()  # an instance call: see _events in __init__
            return not dialog.wasCanceled()

        try:
            write_document(
                self.session.document,
                path,
                progress=progress,
                as_format=fmt,
                warn=warn,
                options=options,
            )
        except ExportCancelled:
            self._status("已取消导出，没有写入文件")
            return False
        except InputError as exc:  # a refusal with its reason (a read-only file, a huge cell)
            self.prompts.error("导出失败", str(exc))
            return False
        except OSError as exc:
            self.prompts.error("导出失败", f"无法导出到 {path}：{os_error_reason(exc)}")
            return False
        finally:
            dialog.reset()
            dialog.deleteLater()
        return True

    def write_pdf(self, path: Path) -> bool:
        """Export the document as PDF with a progress dialog that can cancel it."""
        from goaleditor.formats import format_for

        pdf = format_for(".pdf")
        assert pdf is not None
        return self._export_with_progress(pdf, path)

    def _with_temporary_pdf(self, use: Callable[[Path], object]) -> None:
        import tempfile

        stem = self.session.suggested_name(".pdf").stem
        with tempfile.TemporaryDirectory(prefix="goaleditor-") as folder:
            pdf = Path(folder) / f"{stem}.pdf"
            if self.write_pdf(pdf):
                use(pdf)

    def print_preview(self) -> None:
        """打印预览: the pages of the exact PDF that 导出PDF writes."""
        from goaleditor.ui.pdf_preview import PreviewDialog

        self._with_temporary_pdf(lambda pdf: PreviewDialog(pdf, self.parent).exec())

    def print_document(self) -> None:
        """打印: print the PDF's pages."""
        from goaleditor.ui.printing import print_pdf

        if not self.errors_accepted("打印") or not self.glyphs_accepted():
            return
        self._with_temporary_pdf(lambda pdf: print_pdf(pdf, self.parent))
