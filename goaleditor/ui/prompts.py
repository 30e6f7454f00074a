"""Every question and message box the editor shows, behind one object tests can answer."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

if TYPE_CHECKING:
    from goaleditor.formats.notes import ImportNote
    from goaleditor.ui.import_report import ImportReport

SAVE, DISCARD, CANCEL = "保存", "不保存", "取消"
READ_ONLY, COPY, TAKE_OVER = "以只读方式打开", "打开副本", "接管并编辑"
RESTORE, FORGET, LATER = "恢复", "丢弃", "以后再说"
ONE_BY_ONE, ALL_LATER = "逐份查看", "全部以后再说"
OK = "确定"
SAVE_AS = "另存为…"

_ICONS = {
    "question": QMessageBox.Icon.Question,
    "warning": QMessageBox.Icon.Warning,
    "error": QMessageBox.Icon.Critical,
    "information": QMessageBox.Icon.Information,
}


class Prompts:
    """Asks the clerk. Every box goes through choose(), every file name through
    open_name()/save_name() and the import report through import_report(), so a test
    replaces those to answer without a screen."""

    def __init__(self, parent: QWidget | None) -> None:
        self.parent = parent

    def choose(
        self,
        kind: str,
        name: str,
        title: str,
        text: str,
        buttons: Sequence[str],
        detail: str = "",
        default: int = 0,
    ) -> str:
        """Show a message box; the label of the button clicked (the last one on Esc, the
        default one, the first unless said, on Enter)."""
        box = QMessageBox(_ICONS[kind], title, text, parent=self.parent)
        box.setObjectName(name)
        if detail:
            box.setInformativeText(detail)
        last = len(buttons) - 1
        added = []
        for number, label in enumerate(buttons):
            role = QMessageBox.ButtonRole.ActionRole
            if number == 0:
                role = QMessageBox.ButtonRole.AcceptRole
            elif number == last:
                role = QMessageBox.ButtonRole.RejectRole
            added.append(box.addButton(label, role))
        box.setDefaultButton(added[default])
        box.setEscapeButton(added[last])
        box.exec()
        clicked = box.clickedButton()
        return next((b.text() for b in added if b is clicked), buttons[last])

    def open_name(self, start: str, filter: str) -> Path | None:
        """The file to open, or None."""
        name, _ = QFileDialog.getOpenFileName(self.parent, "打开", start, filter)
        return Path(name) if name else None

    def open_names(self, title: str, start: str, filter: str) -> list[Path]:
        """The files to use (none when cancelled)."""
        names, _ = QFileDialog.getOpenFileNames(self.parent, title, start, filter)
        return [Path(name) for name in names]

    def folder_name(self, title: str, start: str) -> Path | None:
        """The folder to use, or None."""
        name = QFileDialog.getExistingDirectory(self.parent, title, start)
        return Path(name) if name else None

    def save_name(self, title: str, start: Path, kind: str) -> Path | None:
        """The file to write, or None."""
        name, _ = QFileDialog.getSaveFileName(self.parent, title, str(start), kind)
        return Path(name) if name else None

    def error(self, title: str, text: str) -> None:
        """One clear line in a dialog."""
        self.choose("error", "error_dialog", title, text, [OK])

    def note(self, title: str, text: str) -> None:
        """Information the clerk should read (about)."""
        self.choose("information", "note", title, text, [OK])

    def import_report(self, source: str, notes: Sequence[ImportNote]) -> ImportReport | None:
        """导入说明: what an import guessed or skipped, shown beside the work (not modal);
        its `located` signal names the table to go to (定位)."""
        from goaleditor.ui.import_report import ImportReport

        dialog = ImportReport(source, notes, self.parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        return dialog

    def unsaved(self, name: str, detail: str = "") -> str:
        """保存/不保存/取消 about unsaved changes: SAVE, DISCARD or CANCEL."""
        text = f"“{name}”有未保存的修改。是否保存？"
        return self.choose(
            "warning", "unsaved_changes", "未保存的修改", text, [SAVE, DISCARD, CANCEL], detail
        )

    def locked(self, name: str, holder: str, problem: str = "", take_over: bool = False) -> str:
        """Another editor has the file open: READ_ONLY, COPY, TAKE_OVER (if offered) or CANCEL."""
        text = f"“{name}”正被 {holder} 打开编辑。" if not problem else f"“{name}”：{problem}。"
        detail = "可以只读方式打开，或打开一个副本另行保存。"
        if take_over:
            detail += "如果确认那边已不再编辑（例如程序已关闭或计算机已关机），可以接管并编辑。"
        buttons = [READ_ONLY, COPY, *([TAKE_OVER] if take_over else []), CANCEL]
        return self.choose("warning", "locked", "文档正在使用", text, buttons, detail)

    def refused(self, name: str, reason: str) -> str:
        """The file cannot be replaced (read-only, hard links): SAVE_AS or CANCEL."""
        text = f"不能覆盖“{name}”：{reason}。"
        detail = "文档没有保存。可以另存为一个新文件。"
        return self.choose("warning", "write_refused", "保存失败", text, [SAVE_AS, CANCEL], detail)

    def recovery_waiting(self, pieces: Sequence[tuple[str, int]]) -> str:
        """Several crashed editors' unsaved work (name and tables of each), announced at once:
        ONE_BY_ONE (a question on each follows, with its time) or ALL_LATER (the next start
        asks again)."""
        lines = [f"· {name}{_tables(tables)}" for name, tables in pieces]
        text = f"上次未正常退出，还有{len(pieces)}份未保存的工作。"
        detail = "\n".join(
            [*lines, "可以逐份查看，决定恢复还是丢弃；也可以全部以后再说，下次启动时再问。"]
        )
        return self.choose(
            "question",
            "recovery_waiting",
            "恢复未保存的工作",
            text,
            [ONE_BY_ONE, ALL_LATER],
            detail,
        )

    def recovery(
        self, name: str, when: str, tables: int = 0, replacing: str = "", place: str = ""
    ) -> str:
        """Unsaved work of a crashed editor: RESTORE, FORGET or LATER (replacing: the
        modified document this window has open, asked about before it is replaced; place:
        which of a series, 第1份（共2份）：)."""
        found = f"发现“{name}”{_tables(tables)}在 {when} 的未保存修改"
        text = f"{place}上次未正常退出，{found}。是否恢复？"
        detail = (
            f"恢复的内容将替换本窗口中的“{replacing}”，它有未保存的修改，恢复前会先询问是否保存。"
            if replacing
            else ""
        )
        return self.choose(
            "question", "recovery", "恢复未保存的工作", text, [RESTORE, FORGET, LATER], detail
        )

    def unexpected(self, error: str, log: str) -> None:
        """An error nobody foresaw: the document is still there, the details are logged."""
        detail = f"文档仍然打开，未保存的修改都还在，请尽快保存。详情已记录在 {log}"
        self.choose(
            "error", "unexpected_error", "程序错误", f"发生了意外错误：{error}", [OK], detail
        )


def _tables(count: int) -> str:
    """（N张表） after a piece of work's name, or nothing when not known."""
    return f"（{count}张表）" if count else ""
