"""The summary workbook of a batch (XlsxWriter): a sheet of files, the publication's numbers,
a sheet per rule id with its count and files; sorted, filterable, frozen header, printable.
Every text cell is written as text: a file's words are data, never a formula."""

from __future__ import annotations

import math
import os
import re
from collections import defaultdict
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from goaleditor.batch.results import GOAL, SELF_EVALUATION, FileResult
from goaleditor.formats.writers.excel_rows import write_string

FILES_SHEET = "文件"
TOTALS_SHEET = "汇总"
FILE_COLUMNS = (
    ("文件", 40),
    ("类型", 10),  # 绩效目标表, 绩效自评表, or 无法读取: filtered on, it picks those out
    ("单位", 24),
    ("表数", 5),
    ("金额（万元）", 12),
    ("错误", 5),
    ("警告", 5),
    ("提示", 5),
    ("导入说明", 8),
    ("得分", 6),
    ("等级", 10),
    ("主要问题（无法读取的：原因）", 56),
    ("重复（与之内容相同的文件）", 30),
)
UNREADABLE = "无法读取"
RULE_COLUMNS = (("文件", 50), ("单位", 28), ("次数", 8))
_SHEET_NAME_BAD = re.compile(r"[\[\]:*?/\\]")
_MAX_SHEET_NAME = 31
_CENT = Decimal("0.01")
_A4 = 9
_LINE_POINTS = 14.5  # one line of the default 11-point font


def write_summary(
    results: Iterable[FileResult], path: str | os.PathLike[str], *, interrupted: bool = False
) -> None:
    """Write the summary of these results to path (.xlsx), atomically; an interrupted run's
    says so on its 汇总 sheet."""
    from goaleditor.files.atomic import atomic_write

    ordered = sorted(results, key=_problems_first)
    atomic_write(Path(path), lambda temp: _write(ordered, temp, interrupted))


def publication_lines(results: list[FileResult]) -> list[str]:
    """The numbers a publication states: 编报绩效目标的项目N个，涉及资金X万元 (and the 自评's)."""
    lines = []
    for kind, said in ((GOAL, "编报绩效目标的项目"), (SELF_EVALUATION, "绩效自评的项目")):
        read = _once([r for r in results if r.readable and r.kind == kind])
        if kind == SELF_EVALUATION and not read:
            continue
        tables = sum(r.tables for r in read)
        money = sum((r.money_wan for r in read), Decimal(0)).quantize(_CENT, ROUND_HALF_UP)
        money_word = "涉及资金" if kind == GOAL else "涉及预算金额"
        line = f"{said}{tables}个，{money_word}{money:f}万元"
        scored = [r for r in read if r.score is not None]
        if kind == SELF_EVALUATION and scored:
            weight = sum(r.tables for r in scored) or 1
            average = sum((r.score * r.tables for r in scored if r.score), Decimal(0)) / weight
            line += f"，平均得分{average.quantize(_CENT, ROUND_HALF_UP):f}分"
        lines.append(line)
    repeats = sum(1 for r in results if r.readable) - len(_once([r for r in results if r.readable]))
    if repeats:
        lines.append(f"（内容相同的文件只计一次：另有{repeats}个文件与前面的文件内容相同）")
    return lines


def _once(results: list[FileResult]) -> list[FileResult]:
    """Each content once (the same document sent as .docx and .pdf counts once): the first by
    name of each fingerprint."""
    seen: set[str] = set()
    kept = []
    for result in sorted(results, key=lambda r: r.name):
        if result.fingerprint and result.fingerprint in seen:
            continue
        seen.add(result.fingerprint)
        kept.append(result)
    return kept


def _problems_first(result: FileResult) -> tuple[int, int, int, str]:
    return (0 if result.reason else 1, -result.errors, -result.warnings, result.name)


def _write(results: list[FileResult], path: Path, interrupted: bool) -> None:
    import xlsxwriter

    options = {"strings_to_formulas": False, "strings_to_urls": False, "in_memory": False}
    with xlsxwriter.Workbook(str(path), options) as book:
        formats = {
            "head": book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1}),
            "text": book.add_format({"text_wrap": True, "valign": "top"}),
            "money": book.add_format({"num_format": "#,##0.00", "valign": "top"}),
            "number": book.add_format({"valign": "top"}),
            "title": book.add_format({"bold": True, "font_size": 12}),
        }
        _files_sheet(book, formats, results)
        _totals_sheet(book, formats, results, interrupted)
        _rule_sheets(book, formats, results)


def _table_sheet(
    book: Any, formats: dict[str, Any], name: str, columns: Any, rows: int, wide: bool = True
) -> Any:
    sheet = book.add_worksheet(name)
    for column, (label, width) in enumerate(columns):
        sheet.write_string(0, column, label, formats["head"])
        sheet.set_column(column, column, width)
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, max(rows, 1), len(columns) - 1)
    if wide:
        sheet.set_landscape()
    sheet.set_paper(_A4)
    sheet.fit_to_pages(1, 0)
    sheet.repeat_rows(0)
    sheet.set_footer("&C第 &P 页 / 共 &N 页")
    return sheet


def _files_sheet(book: Any, formats: dict[str, Any], results: list[FileResult]) -> None:
    sheet = _table_sheet(book, formats, FILES_SHEET, FILE_COLUMNS, len(results))
    text, number = formats["text"], formats["number"]
    for row, result in enumerate(results, 1):
        write_string(sheet, row, 0, _cell(result.name), text)
        sheet.write_string(row, 1, result.kind_label or UNREADABLE, text)
        write_string(sheet, row, 2, _cell(result.unit), text)
        if result.readable:
            sheet.write_number(row, 3, result.tables, number)
            sheet.write_number(row, 4, float(result.money_wan), formats["money"])
            for column, count in enumerate(
                (result.errors, result.warnings, result.hints, result.notes), 5
            ):
                sheet.write_number(row, column, count, number)
        if result.score is not None:
            sheet.write_number(row, 9, float(result.score), number)
        sheet.write_string(row, 10, result.grade, text)
        problems = "\n".join(line.replace("\t", " ") for line in result.top_problems)
        write_string(sheet, row, 11, _cell(result.reason or problems), text)
        if result.same_as:
            write_string(sheet, row, 12, _cell(result.same_as), text)
        wrapped = (result.name, result.unit, result.grade, result.reason or problems)
        sheet.set_row(row, _height(zip(wrapped, (0, 2, 10, 11), strict=True)))


def _cell(text: str) -> str:
    """text as a cell can hold it: a lone surrogate (a file name's undecodable bytes, as
    os.scandir gives them) shown as \\udcNN, as the printed line shows it."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def _height(cells: Iterable[tuple[str, int]]) -> float:
    """The row's height for its wrapped text (no program sizes a written row by itself)."""
    import unicodedata

    lines = 1
    for text, column in cells:
        width = FILE_COLUMNS[column][1]
        count = 0
        for line in text.split("\n"):
            columns = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)
            count += max(
                1, math.ceil(columns / (width * 0.85))
            )  # fonts run wider than Excel counts
        lines = max(lines, count)
    return _LINE_POINTS * lines


def _totals_sheet(
    book: Any, formats: dict[str, Any], results: list[FileResult], interrupted: bool
) -> None:
    sheet = book.add_worksheet(TOTALS_SHEET)
    sheet.set_column(0, 0, 70)
    sheet.set_paper(_A4)
    unread = sum(1 for r in results if not r.readable)
    with_errors = sum(1 for r in results if r.readable and r.errors)
    lines = [
        *(["已中止：此汇总只含中止前处理完的文件，不完整"] if interrupted else []),
        f"共{len(results)}个文件，读取{len(results) - unread}个，无法读取{unread}个，"
        f"有错误的{with_errors}个",
        *publication_lines(results),
    ]
    sheet.write_string(0, 0, "批量检查汇总", formats["title"])
    for row, line in enumerate(lines, 2):
        sheet.write_string(row, 0, line, formats["text"])


def _rule_sheets(book: Any, formats: dict[str, Any], results: list[FileResult]) -> None:
    by_rule: dict[str, list[tuple[FileResult, int]]] = defaultdict(list)
    for result in results:
        for rule, count in result.rules:
            by_rule[rule].append((result, count))
    used: set[str] = {FILES_SHEET, TOTALS_SHEET}
    for rule in sorted(by_rule, key=lambda r: (-sum(c for _, c in by_rule[r]), r)):
        files = sorted(by_rule[rule], key=lambda item: (-item[1], item[0].name))
        name = _sheet_name(rule, used)
        sheet = _table_sheet(book, formats, name, RULE_COLUMNS, len(files), wide=False)
        total = sum(count for _, count in files)
        sheet.write_string(0, 4, f"规则 {rule}：共{total}处，{len(files)}个文件", formats["title"])
        sheet.set_column(4, 4, 40)
        for row, (result, count) in enumerate(files, 1):
            write_string(sheet, row, 0, _cell(result.name), formats["text"])
            write_string(sheet, row, 1, _cell(result.unit), formats["text"])
            sheet.write_number(row, 2, count, formats["number"])


def _sheet_name(rule: str, used: set[str]) -> str:
    """The rule id as a sheet name Excel accepts, unique in the workbook (case aside)."""
    base = _SHEET_NAME_BAD.sub("_", rule)[:_MAX_SHEET_NAME] or "rule"
    name, number = base, 2
    while name.lower() in {u.lower() for u in used}:
        suffix = f"~{number}"
        name, number = base[: _MAX_SHEET_NAME - len(suffix)] + suffix, number + 1
    used.add(name)
    return name
