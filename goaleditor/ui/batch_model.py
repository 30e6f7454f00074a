"""批量检查's table: a Qt model over a plain list of FileResult, one row added per file read,
with numeric sort keys (money and counts sort as numbers, not as text)."""

from __future__ import annotations

import os
from pathlib import PurePosixPath
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from goaleditor.batch.results import FileResult

COLUMNS = ("文件", "单位", "表数", "金额（万元）", "错误", "警告", "提示", "得分/等级", "说明")
(
    COL_FILE,
    COL_UNIT,
    COL_TABLES,
    COL_MONEY,
    COL_ERRORS,
    COL_WARNINGS,
    COL_HINTS,
    COL_SCORE,
    COL_NOTE,
) = range(len(COLUMNS))
SORT_ROLE = Qt.ItemDataRole.UserRole + 1  # a number for the numeric columns, else the text
UNREADABLE = "无法读取"
# An unreadable file sorts above every read one by its problems (it is the worst problem).
_UNREADABLE_PROBLEMS = 1_000_000
_NUMERIC = (COL_TABLES, COL_MONEY, COL_ERRORS, COL_WARNINGS, COL_HINTS, COL_SCORE)
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter

Index = QModelIndex | QPersistentModelIndex


class BatchModel(QAbstractTableModel):
    """The files of a batch as rows, in the order they were read."""

    def __init__(self, parent: Any = None, folder: str = "") -> None:
        super().__init__(parent)
        self.results: list[FileResult] = []
        self.folder = folder  # names under it are shown relative to it

    def shown_name(self, result: FileResult) -> str:
        """The file's name relative to the folder checked (the window names the folder)."""
        for separator in ("/", os.sep):
            prefix = self.folder.rstrip(separator) + separator
            if self.folder and result.name.startswith(prefix):
                return result.name[len(prefix) :]
        return result.name

    def add(self, result: FileResult) -> None:
        """One more file read (or refused): appended as a row."""
        row = len(self.results)
        self.beginInsertRows(QModelIndex(), row, row)
        self.results.append(result)
        self.endInsertRows()

    def result_at(self, row: int) -> FileResult:
        """The file of a row."""
        return self.results[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        """Files read so far (a table: no children)."""
        return 0 if parent.isValid() else len(self.results)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        """The columns of COLUMNS."""
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """The column names; rows are numbered."""
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section] if 0 <= section < len(COLUMNS) else None
        return str(section + 1)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """A cell's text, tooltip, alignment and sort key."""
        if not index.isValid() or index.row() >= len(self.results):
            return None
        result = self.results[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self.shown_name(result) if column == COL_FILE else display(result, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip(result, column)
        if role == SORT_ROLE:
            return self.shown_name(result) if column == COL_FILE else sort_key(result, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in _NUMERIC:
            return int(_RIGHT.value)
        return None


def display(result: FileResult, column: int) -> str:
    """What a cell shows; an unreadable file shows only its name and its reason."""
    if column == COL_FILE:
        return result.name
    if column == COL_NOTE:
        return f"{UNREADABLE}：{reason(result)}" if result.reason else _note(result)
    if not result.readable:
        return ""
    if column == COL_UNIT:
        return result.unit or "（未填单位）"
    if column == COL_TABLES:
        return str(result.tables)
    if column == COL_MONEY:
        return f"{result.money_wan:,.2f}"
    if column == COL_ERRORS:
        return str(result.errors)
    if column == COL_WARNINGS:
        return str(result.warnings)
    if column == COL_HINTS:
        return str(result.hints)
    if column == COL_SCORE:
        return _score(result)
    return ""


def sort_key(result: FileResult, column: int) -> Any:
    """A number for the numeric columns (an unreadable file: most problems, least money)."""
    if column == COL_TABLES:
        return result.tables if result.readable else -1
    if column == COL_MONEY:
        return float(result.money_wan) if result.readable else -1.0
    if column in (COL_ERRORS, COL_WARNINGS, COL_HINTS):
        if not result.readable:
            return _UNREADABLE_PROBLEMS
        return {COL_ERRORS: result.errors, COL_WARNINGS: result.warnings}.get(column, result.hints)
    if column == COL_SCORE:
        return float(result.score) if result.score is not None else -1.0
    return display(result, column)


def tooltip(result: FileResult, column: int) -> str:
    """The whole name, the whole reason, or the file's top problems, one per line."""
    if column == COL_FILE:
        return result.name
    if result.reason:
        return f"{UNREADABLE}：{result.reason}"
    if column == COL_NOTE or column in (COL_ERRORS, COL_WARNINGS, COL_HINTS):
        lines = [line.replace("\t", " ") for line in result.top_problems]
        if result.notes:
            lines.append(f"导入说明{result.notes}条（打开文件后在 文档 → 导入说明 中查看）")
        return "\n".join(lines) or "未发现问题"
    return ""


def reason(result: FileResult) -> str:
    """Why the file could not be read, without its own name in front (the row names it)."""
    name = PurePosixPath(result.name.replace("\\", "/")).name
    return result.reason.removeprefix(f"{name}：")


def problem_text(line: str) -> str:
    """A problem's line (tab-separated fields) as 表1 位置：message."""
    parts = line.split("\t")
    if len(parts) < 5:
        return line.replace("\t", " ")
    return f"{parts[1]} {parts[2]}：{parts[-1]}"


def _score(result: FileResult) -> str:
    if result.score is None:
        return result.grade
    score = f"{result.score:.2f}分"
    return f"{score} {result.grade}" if result.grade else score


def _note(result: FileResult) -> str:
    """The kind, the first problem and the import notes' count."""
    parts = [result.kind_label]
    if result.top_problems:
        parts.append(problem_text(result.top_problems[0]))
    if result.notes:
        parts.append(f"导入说明{result.notes}条")
    return "；".join(p for p in parts if p)
