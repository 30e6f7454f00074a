"""The indicator columns of a found table, from its header row or a header of two rows."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

# header label (whitespace removed) -> indicator field
HEADER = {
    "年度(/项目)指标值": "value",
    "年度（/项目）指标值": "value",
    "年度指标值": "value",
    "项目指标值": "value",
    "目标值": "value",
    "年度目标值": "value",
    "指标目标值": "value",
    "绩效指标值": "value",
    "权重": "weight",
    "分值": "weight",
    "指标分值": "weight",
    "指标权重": "weight",
    "权重（分）": "weight",
    "权重(分)": "weight",
    "权重(%)": "weight",
    "权重（%）": "weight",
    "指标解释": "explanation",
    "评(扣)分标准": "standard",
    "评（扣）分标准": "standard",
    "评分标准": "standard",
    "评分细则": "standard",
    "备注": "remark",
    "一级指标": "level1",
    "二级指标": "level2",
    "三级指标": "name",
    "三级指标名称": "name",
    "指标名称": "name",
    "绩效指标描述": "description",
    "指标描述": "description",
    "指标内容": "description",
    "指标值": "value",
    "指标性质": "comparator",
    "指标方向": "comparator",
    "比较符号": "comparator",
    "运算符号": "comparator",
    "运算符": "comparator",
    "符号": "comparator",
    "指标符号": "comparator",
    "指标值符号": "comparator",
    "计算符号": "comparator",
    "计量单位": "unit",
    "度量单位": "unit",
    "单位": "unit",
    "指标单位": "unit",
}
# Under a merged 指标值 only: the parts of a value | unit pair.
SUB_HEADER = {**HEADER, "值": "value", "数值": "value", "数量": "value"}
# Labels over several columns (绩效指标 over 一级|二级|三级): no field of their own.
GROUP_LABELS = frozenset({"绩效指标", "指标", "指标名称及内容", "绩效目标指标"})
IGNORED = frozenset({"序号", "编号", "指标编号"})
_NOTE_RE = re.compile(r"^(.+?)[（(][^（()）]*[)）]$")  # 指标值（含数字及文字描述）, 指标性质(≥≤=)


def label(value: Any) -> str:
    """A cell's text as a label is matched: no whitespace and no trailing colon (中期资金总额：
    is 中期资金总额); '' for a non-text cell. Every sheet reader matches labels through it."""
    return "".join(value.split()).rstrip(":：") if isinstance(value, str) else ""


_label = label


def field_of(text: str, table: dict[str, str] = HEADER) -> str | None:
    """The indicator field a header label names, or None."""
    if text in table:
        return table[text]
    note = _NOTE_RE.match(text)  # a label with a note in brackets after it
    return table.get(note.group(1)) if note else None


def is_header_row(row: list[Any], table: dict[str, str] = HEADER) -> bool:
    """True when every filled cell of row is a header label (and one is)."""
    labels = [_label(v) for v in row if v is not None and str(v).strip()]
    return bool(labels) and all(_known(lab, table) for lab in labels)


def _mostly_header(row: list[Any], table: dict[str, str]) -> bool:
    """True when row names a field or group, and most of its filled cells are labels
    (a header row may hold a column nobody else uses: 核算口径)."""
    labels = [_label(v) for v in row if v is not None and str(v).strip()]
    known = sum(_known(lab, table) for lab in labels)
    return known > 0 and known * 2 >= len(labels)


def _fills(above: list[Any], main: list[Any]) -> bool:
    """True when a header-like row above names a field over a column the main row leaves
    blank (指标值 merged down beside 绩效指标), not a head line such as 备注 | 无."""
    blank = [c for c, value in enumerate(above) if c >= len(main) or not _label(main[c])]
    return _mostly_header(above, HEADER) and any(field_of(_label(above[c])) for c in blank)


def _known(lab: str, table: dict[str, str]) -> bool:
    return bool(field_of(lab, table)) or lab in GROUP_LABELS or lab in IGNORED


@dataclass
class Columns:
    """Where each indicator field is, and how many header rows follow the 一级指标 row."""

    fields: dict[str, int]
    extra_rows: int = 0


def find_columns(
    rows: list[list[Any]], header: int, floor: int, say: Callable[[int, str], None]
) -> Columns:
    """The columns of the header row at header (rows from floor up may be above it).

    A row of group labels just above (绩效指标 over 一级|二级|三级, 指标值 beside) or a row of
    parts just below (值 | 单位 under a merged 指标值) is part of the header: for each column
    the lowest label that names a field wins.
    """
    main = rows[header]
    above = rows[header - 1] if header - 1 >= floor else None
    upper = above if above is not None and _fills(above, main) else None
    below = rows[header + 1] if header + 1 < len(rows) else None
    lower = below if below is not None and _mostly_header(below, SUB_HEADER) else None
    width = max(len(row) for row in (main, upper or [], lower or []))
    main_table = SUB_HEADER if upper is not None else HEADER  # 数值 | 单位 under 指标值
    layers = (
        (header + 1, lower, SUB_HEADER),
        (header, main, main_table),
        (header - 1, upper, HEADER),
    )
    fields: dict[str, int] = {}
    unknown: list[tuple[int, str]] = []
    for c in range(width):
        named = None
        strange: list[tuple[int, str]] = []
        for r, row, table in layers:
            value = row[c] if row is not None and c < len(row) else None
            lab = _label(value)
            if not lab:
                continue
            named = field_of(lab, table)
            if named is None and lab not in GROUP_LABELS | IGNORED:
                strange.append((r, str(value).strip()))
            if named is not None:
                break
        if named is None:
            unknown += strange  # a label under or over one that names the column is fine
        elif named not in fields:
            fields[named] = c
    for r, shown in unknown:
        say(r, shown)
    after = fields.get("value", -1) + 1
    layers_rows = [row for row in (lower, upper) if row is not None]
    pair = "value" in fields and "unit" not in fields and after < width
    if pair and all(after >= len(row) or row[after] is None for row in (main, *layers_rows)):
        fields["unit"] = after  # 指标值 merged over a value | unit pair
    return Columns(fields, 1 if lower is not None else 0)
