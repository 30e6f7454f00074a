"""文档 → 对照上年文档… and 取消对照: last year's document beside this year's in one window.

Last year's file is read as 打开 reads one (any format, in the reading worker) and kept for
the window's life, never written into the .goals file. While it is chosen the tree shows the
上年指标值 column and the 问题 panel warns of each target set lower than last year's; both
follow this year's edits at every re-check.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction

from goaleditor.ui.last_year_column import LastYearCells, refresh_column

if TYPE_CHECKING:
    from goaleditor.model.checks import Problem
    from goaleditor.model.document import Document
    from goaleditor.ui.last_year_matches import LastYearMatches
    from goaleditor.ui.main_window import MainWindow

STATUS_MS = 10_000


class LastYear(QObject):
    """The window's chosen last-year document and the two actions that choose and drop it."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.document: Document | None = None
        self.matches: LastYearMatches | None = None
        self.path: Path | None = None
        self.choose_action = QAction(window)
        self.choose_action.setText("对照上年文档(&Y)…")
        self.choose_action.setStatusTip("选择上年的文档：树中显示上年指标值，指标值低于上年时提醒")
        self.choose_action.triggered.connect(self.choose)
        self.drop_action = QAction(window)
        self.drop_action.setText("取消对照(&U)")
        self.drop_action.setStatusTip("不再对照上年文档：隐藏上年指标值列和相关提醒")
        self.drop_action.triggered.connect(self.drop)
        self.drop_action.setEnabled(False)
        window.problems.checked.connect(self._follow)

    def choose(self) -> None:
        """对照上年文档…: ask for last year's file and compare with it."""
        from goaleditor.formats import dialog_filter

        path = self.window.prompts.open_name(
            self.window.recent.last_folder(), dialog_filter("open")
        )
        if path is not None:
            self.load(path)

    def load(self, path: Path) -> bool:
        """Read last year's document at path (as 打开 reads a file) and compare with it."""
        from goaleditor.errors import InputError
        from goaleditor.ui.reading_wait import read_file

        try:
            read = read_file(path, self.window)
        except InputError as exc:
            self.window.prompts.error("无法对照上年文档", str(exc))
            return False
        if read is None:
            self._say(f"已取消读取“{path.name}”，对照没有改变")
            return False
        self.set_document(read[0], path)
        return True

    def set_document(self, document: Document | None, path: Path | None = None) -> None:
        """Compare with this last-year document (None: compare with none)."""
        from goaleditor.ui.last_year_matches import LastYearMatches

        window = self.window
        if self.matches is not None:
            self.matches.close()
        self.matches = LastYearMatches(document, window.document) if document else None
        self.document, self.path = document, path
        window.problems.extra_problems = self._problems if document is not None else None
        window.editor.model.last_year = LastYearCells([]) if document is not None else None
        window.editor.show_columns(window.header_form.printed)
        self.drop_action.setEnabled(document is not None)
        window.problems.recheck()  # the warnings, and (by _follow) the column's values
        if self.matches is not None and path is not None:
            matched = len(self.matches.values)
            self._say(f"已对照上年：{path.name}（匹配 {matched} 个指标）")

    def drop(self) -> None:
        """取消对照: no last year any more."""
        name = self.path.name if self.path is not None else ""
        self.set_document(None)
        self._say(f"已取消对照上年文档{f'“{name}”' if name else ''}")

    def _problems(self) -> list[Problem]:
        """At each check: this year's tree (as edited) matched with last year's again."""
        if self.matches is None:
            return []
        self.matches.follow(self.window.document)  # another file may be open by now
        return self.matches.refresh()

    def _follow(self, _problems: list[Problem]) -> None:
        """After each check: the 上年指标值 column shows what the check matched."""
        model = self.window.editor.model
        if self.matches is None or model.last_year is None:
            return
        model.last_year = LastYearCells(self.matches.values)
        refresh_column(model)

    def _say(self, text: str) -> None:
        self.window.session.message.emit(text, STATUS_MS)
