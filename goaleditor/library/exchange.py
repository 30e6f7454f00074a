"""The library as Excel: the bureaus' seven columns, the budget system's, and ours after them."""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from goaleditor.errors import InputError
from goaleditor.library.entries import LibraryEntry, Source, ValuesSeen
from goaleditor.model.values import COMPARATORS

# The bureaus' seven columns, then the budget system's import columns, then ours.
BUREAU_COLUMNS = (
    "资金用途",
    "一级指标",
    "二级指标",
    "三级指标",
    "指标性质",
    "计量单位",
    "指标解释",
)
SYSTEM_COLUMNS = ("计算符号", "指标值", "权重", "指标值说明")
OUR_COLUMNS = (
    "参考值",
    "取值次数",
    "最小值",
    "中位值",
    "最大值",
    "定性取值",
    "常见计算符号",
    "常见计量单位",
    "来源",
    "关键词",
    "功能分类",
    "隐藏",
)
EXPORT_COLUMNS = (*BUREAU_COLUMNS, *SYSTEM_COLUMNS, *OUR_COLUMNS)
# Other spellings of a column's label, as bureaus and the budget system write them.
ALIASES = {
    "项目类型": "资金用途",
    "资金用途/项目类型": "资金用途",
    "三级指标名称": "三级指标",
    "指标名称": "三级指标",
    "度量单位": "计量单位",
    "单位": "计量单位",
    "指标说明": "指标解释",
    "绩效指标描述": "指标解释",
    "运算符号": "计算符号",
    "符号": "计算符号",
}
KNOWN = set(EXPORT_COLUMNS)
HEADER_ROWS = 20  # the header is among a sheet's first rows (a title above it is allowed)
MAX_TEXT = 2000  # one cell of a library row
LIST_SEPARATOR = "\n"
SOURCE_SEPARATOR = "｜"
_YES = ("是", "隐藏", "1", "true", "yes")

Refusal = tuple[int, str]  # (the row's number as Excel shows it, why)


@dataclass
class ImportResult:
    """What a workbook gave: its entries and, per row it could not take, the number and why."""

    entries: list[LibraryEntry] = field(default_factory=list)
    refused: list[Refusal] = field(default_factory=list)
    sheet: str = ""

    def refusal_lines(self) -> list[str]:
        """One line per refused row."""
        return [f"{self.sheet} 第{row}行：{why}" for row, why in self.refused]


def label_of(cell: str) -> str:
    """The column a header cell names ('' for none)."""
    plain = re.sub(r"\s+", "", unicodedata.normalize("NFKC", cell)).strip("*＊:：")
    plain = plain.replace("（", "(").split("(")[0]
    name = ALIASES.get(plain, plain)
    return name if name in KNOWN else ""


def _header(rows: list[list[str]]) -> tuple[int, dict[str, int]] | None:
    for index, row in enumerate(rows[:HEADER_ROWS]):
        columns: dict[str, int] = {}
        for c, cell in enumerate(row):
            name = label_of(cell)
            if name and name not in columns:
                columns[name] = c
        if "三级指标" in columns and "二级指标" in columns:
            return index, columns
    return None


def import_workbook(path: str | os.PathLike[str], origin: str = "personal") -> ImportResult:
    """The entries of a library workbook (.xlsx/.xls/.ods), found by its header's labels.

    A workbook that cannot be read or has no header raises InputError (one line).
    """
    from goaleditor.library.sheet_rows import sheets

    source = Path(path)
    for name, rows in sheets(source):
        found = _header(rows)
        if found is None:
            continue
        index, columns = found
        result = ImportResult(sheet=name)
        _read_rows(rows, index, columns, origin, result)
        return result
    raise InputError(f"{source.name}：找不到指标库的表头（需要“二级指标”和“三级指标”两列）")


def _read_rows(
    rows: list[list[str]],
    header: int,
    columns: dict[str, int],
    origin: str,
    result: ImportResult,
) -> None:
    carried = {"资金用途": "", "一级指标": "", "二级指标": ""}  # of the row above
    first_row: dict[tuple[str, str, str, str], int] = {}
    for index in range(header + 1, len(rows)):
        row = rows[index]
        cells = {name: row[c] if c < len(row) else "" for name, c in columns.items()}
        if not any(cells.values()):
            continue
        number = index + 1
        if not cells.get("二级指标"):  # an indicator always has one: blank means as above
            for name in carried:
                cells[name] = cells.get(name) or carried[name]
        carried = {name: cells.get(name, "") for name in carried}
        try:
            entry = entry_from_cells(cells, origin)
        except ValueError as why:
            result.refused.append((number, str(why)))
            continue
        key = (entry.fund_use, *entry.key)
        if key in first_row:
            result.refused.append((number, f"与第{first_row[key]}行重复"))
            continue
        first_row[key] = number
        result.entries.append(entry)


def entry_from_cells(cells: dict[str, str], origin: str) -> LibraryEntry:
    """An entry from one row's cells by column name; ValueError says why it cannot be one."""
    if not cells.get("三级指标"):
        raise ValueError("缺少三级指标")
    if not cells.get("二级指标"):
        raise ValueError("缺少二级指标")
    too_long = [name for name, value in cells.items() if len(value) > MAX_TEXT]
    if too_long:
        raise ValueError(f"“{too_long[0]}”过长（超过{MAX_TEXT}字）")
    comparator = _comparator(cells.get("计算符号", ""))
    return LibraryEntry(
        level2=cells["二级指标"],
        name=cells["三级指标"],
        description=cells.get("指标解释", "") or cells.get("指标值说明", ""),
        comparator=comparator,
        unit=cells.get("计量单位", ""),
        level1=cells.get("一级指标", ""),
        fund_use=cells.get("资金用途", ""),
        function_class=cells.get("功能分类", ""),
        nature=cells.get("指标性质", ""),
        reference_value=cells.get("参考值", "") or cells.get("指标值", ""),
        comparators_seen=tuple(_comparator(c) for c in _list(cells.get("常见计算符号", ""))),
        units_seen=_list(cells.get("常见计量单位", "")),
        values_seen=_values(cells),
        sources=tuple(_source(line) for line in _list(cells.get("来源", ""))),
        keywords=_list(cells.get("关键词", "")),
        origin=origin,
        hidden=cells.get("隐藏", "").strip().lower() in _YES,
    )


def _comparator(text: str) -> str:
    plain = unicodedata.normalize("NFKC", text).strip()
    plain = {">=": "≥", "<=": "≤", "＝": "="}.get(plain, plain)
    if plain and plain not in COMPARATORS:
        raise ValueError(f"计算符号“{text}”不是 {' '.join(COMPARATORS)} 之一")
    return plain


def _list(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in text.split(LIST_SEPARATOR) if part.strip())


def _number(cells: dict[str, str], name: str) -> Decimal | None:
    text = cells.get(name, "").replace(",", "")
    if not text:
        return None
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise ValueError(f"“{name}”不是数字：{cells[name]}") from None
    if not number.is_finite():
        raise ValueError(f"“{name}”不是数字：{cells[name]}")
    return number


def _values(cells: dict[str, str]) -> ValuesSeen:
    count = _number(cells, "取值次数")
    if count is not None and (count < 0 or count != count.to_integral_value()):
        raise ValueError(f"“取值次数”应为非负整数：{cells['取值次数']}")
    return ValuesSeen(
        count=int(count or 0),
        minimum=_number(cells, "最小值"),
        median=_number(cells, "中位值"),
        maximum=_number(cells, "最大值"),
        texts=_list(cells.get("定性取值", "")),
    )


def _source(line: str) -> Source:
    parts = [*line.split(SOURCE_SEPARATOR), "", ""]
    year = parts[2].strip()
    return Source(parts[0].strip(), parts[1].strip(), int(year) if year.isdigit() else None)


def _number_text(number: Decimal | None) -> str:
    return "" if number is None else format(number, "f")


def export_cells(entry: LibraryEntry) -> list[str]:
    """An entry's row in EXPORT_COLUMNS order, every cell text."""
    seen = entry.values_seen
    sources = [
        SOURCE_SEPARATOR.join((s.file, s.project, "" if s.year is None else str(s.year)))
        for s in entry.sources
    ]
    by_name = {
        "资金用途": entry.fund_use,
        "一级指标": entry.level1,
        "二级指标": entry.level2,
        "三级指标": entry.name,
        "指标性质": entry.nature,
        "计量单位": entry.unit,
        "指标解释": entry.description,
        "计算符号": entry.comparator,
        "参考值": entry.reference_value,
        "取值次数": str(seen.count) if seen.count else "",
        "最小值": _number_text(seen.minimum),
        "中位值": _number_text(seen.median),
        "最大值": _number_text(seen.maximum),
        "定性取值": LIST_SEPARATOR.join(seen.texts),
        "常见计算符号": LIST_SEPARATOR.join(entry.comparators_seen),
        "常见计量单位": LIST_SEPARATOR.join(entry.units_seen),
        "来源": LIST_SEPARATOR.join(sources),
        "关键词": LIST_SEPARATOR.join(entry.keywords),
        "功能分类": entry.function_class,
        "隐藏": "是" if entry.hidden else "",
    }
    return [by_name.get(name, "") for name in EXPORT_COLUMNS]


def export_workbook(entries: list[LibraryEntry], path: str | os.PathLike[str]) -> None:
    """Write the entries as one sheet (指标库): text cells, a frozen header and a filter."""
    from goaleditor.files.atomic import atomic_write

    atomic_write(path, lambda temp: _write(entries, temp))


WIDTHS = {"三级指标": 28, "指标解释": 36, "来源": 36, "关键词": 20, "资金用途": 16}


def _write(entries: list[LibraryEntry], path: Path) -> None:
    from goaleditor.formats.writers.excel_workbook import workbook

    with workbook(path) as book:
        sheet: Any = book.add_worksheet("指标库")
        header = book.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
        text = book.add_format({"num_format": "@", "text_wrap": True, "valign": "top"})
        for c, name in enumerate(EXPORT_COLUMNS):
            sheet.set_column(c, c, WIDTHS.get(name, 12), text)
        sheet.freeze_panes(1, 0)
        sheet.set_landscape()
        sheet.set_paper(9)  # A4
        sheet.fit_to_pages(1, 0)  # as wide as the page, as long as it takes
        sheet.repeat_rows(0)
        sheet.autofilter(0, 0, max(1, len(entries)), len(EXPORT_COLUMNS) - 1)
        write: Callable[..., Any] = sheet.write_string
        for c, name in enumerate(EXPORT_COLUMNS):
            write(0, c, name, header)
        for r, entry in enumerate(entries, start=1):
            for c, value in enumerate(export_cells(entry)):
                if value:
                    write(r, c, value, text)
