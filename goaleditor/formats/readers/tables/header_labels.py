"""Header fields of other regions' forms found by their labels in someone's workbook."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from goaleditor.formats.readers.tables.columns import label as _label
from goaleditor.formats.readers.tables.money import read_money

# label (whitespace removed) -> field, for a value beside (or under) its label
LABELLED_FIELDS: dict[str, str] = {
    "项目性质": "project_nature",
    "项目属性": "project_nature",
    "项目类别": "project_category",
    "主管部门": "supervisor",
    "主管部门及代码": "supervisor",
    "实施单位": "implementer",
    "计划开始日期": "start_date",
    "开始日期": "start_date",
    "计划完成日期": "end_date",
    "完成日期": "end_date",
    "计划结束日期": "end_date",
}
# Goal labels whose text sits under them (项目总体目标 beside 年度总体目标); prefixes.
GOALS_BELOW: tuple[tuple[str, str], ...] = (
    ("项目总体目标", "period_goal"),
    ("项目总目标", "period_goal"),
    ("中期（实施期）目标", "period_goal"),
    ("中期(实施期)目标", "period_goal"),
    ("中期目标", "period_goal"),
    ("实施期目标", "period_goal"),
    ("长期目标", "period_goal"),
    ("年度总体目标", "goal"),
    ("年度目标", "goal"),
)
# The label over (or before) the money of the whole 实施期, and of the year.
PERIOD_ANCHORS = ("项目资金总额", "中期（实施期）资金总额", "中期(实施期)资金总额", "中期资金总额")
ANNUAL_ANCHORS = ("年度资金申请总额", "年度资金总额")
# Row labels of the money block, per side.
MONEY_ROWS: dict[str, tuple[str, str]] = {
    "资金总额": ("period_total", "budget_total"),
    "其中：财政资金": ("period_fiscal", "budget_fiscal"),
    "其中:财政资金": ("period_fiscal", "budget_fiscal"),
    "财政资金": ("period_fiscal", "budget_fiscal"),
    "其中：财政拨款": ("period_fiscal", "budget_fiscal"),
    "其中:财政拨款": ("period_fiscal", "budget_fiscal"),
    "财政拨款": ("period_fiscal", "budget_fiscal"),
    "其中：当年财政拨款": ("period_fiscal", "budget_fiscal"),
    "其中:当年财政拨款": ("period_fiscal", "budget_fiscal"),
    "当年财政拨款": ("period_fiscal", "budget_fiscal"),
    "上年结转资金": ("", "budget_carryover"),
    "其他资金": ("period_other", "budget_other"),
}
_DATE_RE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
_ALL = frozenset(
    {*LABELLED_FIELDS, *PERIOD_ANCHORS, *ANNUAL_ANCHORS, *MONEY_ROWS}
    | {label for label, _ in GOALS_BELOW}
    | {"项目名称", "项目期", "一级指标", "项目资金（元）", "项目资金（万元）", "总体目标"}
    | {"项目绩效目标", "绩效目标", "预算数"}
)


def _is_label(value: Any) -> bool:
    label = _label(value)
    return label in _ALL or any(label.startswith(prefix) for prefix, _ in GOALS_BELOW)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime | dt.date):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def date_text(value: Any) -> str:
    """A date as YYYY-MM-DD when it reads as one (2026/1/1, 2026年1月1日), else as written."""
    text = _text(value)
    match = _DATE_RE.match(text)
    if match:
        year, month, day = (int(part) for part in match.groups())
        return f"{year:04d}-{month:02d}-{day:02d}"
    return text


def _money(value: Any) -> Decimal | None:
    """An amount read quietly (how a cell beside a label is told to be money)."""
    return read_money(value, "元", lambda _message: None)


class LabelledFields:
    """The fields of the header block (rows start..header) found by their labels."""

    def __init__(
        self,
        rows: list[list[Any]],
        start: int,
        header: int,
        money: Callable[[Any, int, str], Decimal | None] | None = None,
    ) -> None:
        self.rows = rows
        self.start, self.header = start, header
        self.money = money or (lambda value, _row, _name: _money(value))

    def _cells(self) -> list[tuple[int, int, str]]:
        return [
            (r, c, _label(v))
            for r in range(self.start, self.header)
            for c, v in enumerate(self.rows[r])
            if isinstance(v, str)
        ]

    def _right(self, r: int, c: int) -> Any:
        for value in self.rows[r][c + 1 :]:
            if value is not None and _text(value) != "":
                return None if _is_label(value) else value
        return None

    def _below(self, r: int, c: int) -> Any:
        for row in self.rows[r + 1 : self.header]:
            value = row[c] if c < len(row) else None
            if value is not None and _text(value) != "":
                return None if _is_label(value) else value
        return None

    def fields(self) -> dict[str, Any]:
        """Every field found: text, YYYY-MM-DD dates, Decimal money."""
        found: dict[str, Any] = {}
        cells = self._cells()
        for r, c, label in cells:
            name = LABELLED_FIELDS.get(label)
            if name and name not in found:
                value = self._right(r, c)
                if value is not None:
                    found[name] = date_text(value) if name.endswith("_date") else _text(value)
            elif label == "项目期" and "start_date" not in found:
                values = [v for v in self.rows[r][c + 1 :] if _text(v)]
                dates = [date_text(v) for v in values[:2]]
                if len(dates) == 2 and all(_DATE_RE.match(d) for d in dates):
                    found["start_date"], found["end_date"] = dates
            for prefix, field in GOALS_BELOW:
                if label.startswith(prefix) and field not in found:
                    value = self._below(r, c)
                    if value is not None:
                        found[field] = _text(value)
                    break
        found.update(self._money_block(cells))
        return found

    def _money_block(self, cells: list[tuple[int, int, str]]) -> dict[str, Any]:
        """Shanghai: each anchor heads a column of label | value pairs. Central: the
        anchors head value columns, and row labels at the left say what each row is."""
        found: dict[str, Any] = {}
        anchors = [
            (r, c, side)
            for r, c, label in cells
            for side, names in ((0, PERIOD_ANCHORS), (1, ANNUAL_ANCHORS))
            if label in names
        ]
        for r, c, side in anchors:
            beside = self._right(r, c)
            if beside is not None and _money(beside) is not None:  # label | value pairs
                total = ("period_total", "budget_total")[side]
                found[total] = self.money(beside, r, self.rows[r][c].strip())
                for r2, c2, label in cells:
                    same_row = r2 == r and c2 > c
                    if ((r2 > r and c2 == c) or same_row) and label in MONEY_ROWS:
                        name = MONEY_ROWS[label][side]
                        if name and name not in found:
                            found[name] = self.money(self._right(r2, c2), r2, label)
            else:  # a column of values under the anchor
                for r2, c2, label in cells:
                    if r2 > r and c2 < c and label in MONEY_ROWS:
                        name = MONEY_ROWS[label][side]
                        row = self.rows[r2]
                        if name and name not in found and c < len(row):
                            found[name] = self.money(row[c], r2, label)
        return found


def guess_layout(rows: list[list[Any]], start: int, header: int, title: str) -> str:
    """Which layout a found table is printed in, from its title and labels."""
    labels = {_label(v) for row in rows[start : header + 1] for v in row if isinstance(v, str)}
    if "中央部门" in title or labels & {"中期（实施期）资金总额", "中期资金总额", "主管部门及代码"}:
        return "central"
    if "财政项目支出" in title or labels & {"年度资金申请总额", "项目资金总额"}:
        return "shanghai"
    if labels & {"权重", "分值", "指标分值", "指标权重"}:
        return "sichuan"  # its weight column; split 指标性质/指标值/单位 alone are common
    return "tianjin"
