"""Layout profiles: how each region prints a goal table, as data (DESIGN §2).

A profile names the title, the header cells (rows of label and field slots with their
spans), the indicator columns, how 指标值 and money are printed, the framework and money
unit the region usually uses. ``formats.layout.official`` turns a profile and a table into the
one grid every writer draws; adding a region is adding a profile here, not editing writers.
"""

from __future__ import annotations

from collections.abc import Mapping
from contextlib import suppress
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Literal

from goaleditor.model.layout_names import DEFAULT_LAYOUT, LAYOUT_LABELS
from goaleditor.model.values import (
    QUALITATIVE,
    TargetValue,
    bare_comparator,
    format_display,
    parse_parenthesized,
    parse_target,
)

if TYPE_CHECKING:
    from goaleditor.model.document import Document, GoalTable

Align = Literal["left", "center", "right"]
ValueStyle = Literal["plain", "parenthesized"]


@dataclass(frozen=True, slots=True)
class Slot:
    """A cell of a layout: a printed label, or the field whose value it shows.

    A label may name the table's money unit as ``{unit}`` (项目资金（{unit}）).
    """

    col: int
    colspan: int
    align: Align
    label: str = ""
    field: str | None = None
    rowspan: int = 1


@dataclass(frozen=True, slots=True)
class LayoutProfile:
    """One region's printed form of a goal table."""

    name: str
    label: str
    title: str  # str.format with number, project, year (“2026”, or “    ” when unknown)
    agency: str  # the line above the table, left: str.format with code, name ("" for none)
    unit: str  # the same line, right: str.format with unit ("" for none)
    column_fractions: tuple[float, ...]
    head_rows: tuple[tuple[Slot, ...], ...]
    indicator_slots: tuple[Slot, ...]
    value_style: ValueStyle = "plain"
    thousands: bool = False  # money printed as 10,308,000.00
    framework: str = "classic"
    money_unit: str = "元"
    weight_total: Decimal | None = None  # what the weights must add up to, when printed
    required: tuple[str, ...] = ("project_name",)  # header fields the form cannot leave blank
    # field key (fields.py) -> the label this region prints for it; labels over several
    # fields (预算规模及资金用途, 项目期, 资金总额) are the slots' own.
    labels: Mapping[str, str] = field(default_factory=dict, hash=False)

    @property
    def columns(self) -> int:
        """How many grid columns the form has."""
        return len(self.column_fractions)

    @property
    def header_row(self) -> int:
        """Grid index of the 一级指标 … row."""
        return len(self.head_rows)

    def printed_fields(self) -> frozenset[str]:
        """Every table and indicator field the form prints (indicator ones as indicator.x)."""
        slots = [slot for row in (*self.head_rows, self.indicator_slots) for slot in row]
        return frozenset(slot.field for slot in slots if slot.field)

    def title_of(self, number: int, table: GoalTable, document: Document) -> str:
        """The printed title of the table numbered number."""
        year = "    " if document.year is None else str(document.year)
        return self.title.format(number=number, project=table.project_name, year=year)

    def display(self, comparator: str, value: str, unit: str) -> str:
        """The printed 指标值 in this region's style."""
        if self.value_style == "plain" or comparator == QUALITATIVE:
            return format_display(comparator, value, unit)
        if not value.strip():
            return comparator  # as format_display: no unit without a value
        with suppress(InvalidOperation, ValueError):  # not a number: printed as typed
            value = f"{Decimal(value):.2f}"
        return f"{comparator}{value}({unit})" if unit else f"{comparator}{value}"

    def parse_display(self, text: str) -> TargetValue:
        """The inverse of display: in the parenthesized style a quantity always prints as
        =100.00(%), so any other text (985米) is a 定性 value as printed."""
        if (missing := bare_comparator(text)) is not None:
            return missing  # a quantity with no value prints its comparator alone
        if self.value_style == "parenthesized":
            return parse_parenthesized(text)
        return parse_target(text)


def _l(col: int, label: str, colspan: int = 1, rowspan: int = 1) -> Slot:
    return Slot(col, colspan, "center", label, rowspan=rowspan)


def _m(col: int, field: str, colspan: int = 1, rowspan: int = 1) -> Slot:
    return Slot(col, colspan, "right", field=field, rowspan=rowspan)


def _f(col: int, field: str, colspan: int = 1, align: Align = "left", rowspan: int = 1) -> Slot:
    return Slot(col, colspan, align, field=field, rowspan=rowspan)


def _column(labels: Mapping[str, str], col: int, key: str, colspan: int = 1) -> Slot:
    """An indicator column, headed by the layout's label of its field."""
    align: Align = "left" if key in ("name", "description") else "center"
    slot_field = key if key in ("level1", "level2") else f"indicator.{key}"
    return Slot(col, colspan, align, labels[key], slot_field)


_GROUP_LABELS = {"level1": "一级指标", "level2": "二级指标", "name": "三级指标"}
# Tianjin's header, which Sichuan prints too.
_TIANJIN_HEAD_LABELS = {
    "project_name": "项目名称",
    "budget_total": "预算数",
    "budget_fiscal": "其中：财政资金",
    "budget_other": "其他资金",
    "goal": "绩效目标",
}
_TIANJIN_LABELS = {
    **_TIANJIN_HEAD_LABELS,
    **_GROUP_LABELS,
    "description": "绩效指标描述",
    "display": "指标值",
}
_SHANGHAI_LABELS = {
    "project_name": "项目名称",
    "project_nature": "项目性质",
    "project_category": "项目类别",
    "supervisor": "主管部门",
    "implementer": "实施单位",
    "start_date": "计划开始日期",
    "end_date": "计划完成日期",
    "period_total": "项目资金总额",
    "budget_total": "年度资金申请总额",
    "period_fiscal": "其中：财政资金",
    "budget_fiscal": "其中：当年财政拨款",
    "period_other": "其他资金",
    "budget_carryover": "上年结转资金",
    "budget_other": "其他资金",
    "period_goal": "项目总体目标",
    "goal": "年度总体目标",
    **_GROUP_LABELS,
    "display": "年度(/项目)指标值",
}
_CENTRAL_LABELS = {
    "project_name": "项目名称",
    "supervisor": "主管部门及代码",
    "implementer": "实施单位",
    "project_nature": "项目属性",
    "period_total": "中期（实施期）资金总额",
    "budget_total": "年度资金总额",
    "budget_fiscal": "其中：财政拨款",
    "period_fiscal": "其中：财政拨款",
    "budget_other": "其他资金",
    "period_other": "其他资金",
    "period_goal": "中期（实施期）目标",
    "goal": "年度目标",
    **_GROUP_LABELS,
    "display": "指标值",
}
_SICHUAN_LABELS = {
    **_TIANJIN_HEAD_LABELS,
    **_GROUP_LABELS,
    "comparator": "指标性质",
    "value": "指标值",
    "unit": "度量单位",
    "weight": "权重",
}


TIANJIN = LayoutProfile(
    name="tianjin",
    label=LAYOUT_LABELS["tianjin"],
    title="{number}.{project}绩效目标表",
    agency="{code}{name}",
    unit="单位：{unit}",
    # 一级 | 二级 | 三级 | 描述 (2) | 指标值 (2); the budget row uses each one.
    column_fractions=(0.12, 0.14, 0.20, 0.12, 0.18, 0.11, 0.13),
    head_rows=(
        (_l(0, _TIANJIN_LABELS["project_name"]), _f(1, "project_name", 6)),
        (
            _l(0, "预算规模及资金用途", rowspan=2),
            _l(1, _TIANJIN_LABELS["budget_total"]),
            _m(2, "budget_total"),
            _l(3, _TIANJIN_LABELS["budget_fiscal"]),
            _m(4, "budget_fiscal"),
            _l(5, _TIANJIN_LABELS["budget_other"]),
            _m(6, "budget_other"),
        ),
        (_f(1, "fund_use", 6),),
        (_l(0, _TIANJIN_LABELS["goal"]), _f(1, "goal", 6)),
    ),
    indicator_slots=(
        _column(_TIANJIN_LABELS, 0, "level1"),
        _column(_TIANJIN_LABELS, 1, "level2"),
        _column(_TIANJIN_LABELS, 2, "name"),
        _column(_TIANJIN_LABELS, 3, "description", 2),
        _column(_TIANJIN_LABELS, 5, "display", 2),
    ),
    labels=_TIANJIN_LABELS,
)

# 财政项目支出绩效目标申报表 of Shanghai's 2026 budgets (samples/shanghai-2026-shenbaobiao.txt).
SHANGHAI = LayoutProfile(
    name="shanghai",
    label=LAYOUT_LABELS["shanghai"],
    title="财政项目支出绩效目标申报表\n（{year}年度）",
    agency="",
    unit="",
    # The first column holds 计划开始日期 and 项目绩效目标 on one line each.
    column_fractions=(0.145, 0.17, 0.165, 0.21, 0.12, 0.19),
    head_rows=(
        (
            _l(0, _SHANGHAI_LABELS["project_name"]),
            _f(1, "project_name"),
            _l(2, _SHANGHAI_LABELS["project_nature"]),
            _f(3, "project_nature"),
            _l(4, _SHANGHAI_LABELS["project_category"]),
            _f(5, "project_category"),
        ),
        (
            _l(0, _SHANGHAI_LABELS["supervisor"]),
            _f(1, "supervisor", 2),
            _l(3, _SHANGHAI_LABELS["implementer"]),
            _f(4, "implementer", 2),
        ),
        (
            _l(0, _SHANGHAI_LABELS["start_date"]),
            _f(1, "start_date", 2),
            _l(3, _SHANGHAI_LABELS["end_date"]),
            _f(4, "end_date", 2),
        ),
        (
            _l(0, "项目资金（{unit}）", rowspan=4),
            _l(1, _SHANGHAI_LABELS["period_total"]),
            _m(2, "period_total"),
            _l(3, _SHANGHAI_LABELS["budget_total"]),
            _m(4, "budget_total", 2),
        ),
        (
            _l(1, _SHANGHAI_LABELS["period_fiscal"]),
            _m(2, "period_fiscal"),
            _l(3, _SHANGHAI_LABELS["budget_fiscal"]),
            _m(4, "budget_fiscal", 2),
        ),
        (
            _l(1, _SHANGHAI_LABELS["period_other"], rowspan=2),
            _m(2, "period_other", rowspan=2),
            _l(3, _SHANGHAI_LABELS["budget_carryover"]),
            _m(4, "budget_carryover", 2),
        ),
        (_l(3, _SHANGHAI_LABELS["budget_other"]), _m(4, "budget_other", 2)),
        (
            _l(0, "项目绩效目标", rowspan=2),
            _l(1, _SHANGHAI_LABELS["period_goal"], 2),
            _l(3, _SHANGHAI_LABELS["goal"], 3),
        ),
        (_f(1, "period_goal", 2), _f(3, "goal", 3)),
    ),
    indicator_slots=(
        _column(_SHANGHAI_LABELS, 0, "level1"),
        _column(_SHANGHAI_LABELS, 1, "level2"),
        _column(_SHANGHAI_LABELS, 2, "name", 2),
        _column(_SHANGHAI_LABELS, 4, "display", 2),
    ),
    value_style="parenthesized",
    thousands=True,
    framework="cost-first",
    required=(
        "project_name",
        "project_nature",
        "project_category",
        "supervisor",
        "implementer",
        "start_date",
        "end_date",
        "period_total",
        "budget_total",
        "period_goal",
        "goal",
    ),
    labels=_SHANGHAI_LABELS,
)

# 中央部门项目支出绩效目标申报表 (财预〔2015〕88号 附件, with its 中期/实施期 columns).
CENTRAL = LayoutProfile(
    name="central",
    label=LAYOUT_LABELS["central"],
    title="中央部门项目支出绩效目标申报表\n（{year}年度）",
    agency="",
    unit="",
    # The first column holds 项目名称 … 总体目标 in six characters a line (主管部门/及代码);
    # the fourth 中期（实施期）on its first line.
    column_fractions=(0.145, 0.16, 0.19, 0.165, 0.17, 0.17),
    head_rows=(
        (_l(0, _CENTRAL_LABELS["project_name"]), _f(1, "project_name", 5)),
        (
            _l(0, _CENTRAL_LABELS["supervisor"]),
            _f(1, "supervisor", 2),
            _l(3, _CENTRAL_LABELS["implementer"]),
            _f(4, "implementer", 2),
        ),
        (
            _l(0, _CENTRAL_LABELS["project_nature"]),
            _f(1, "project_nature", 2),
            _l(3, "项目期"),
            _f(4, "start_date", align="center"),
            _f(5, "end_date", align="center"),
        ),
        (
            _l(0, "项目资金（{unit}）", rowspan=4),
            _l(1, "", 2),
            _l(3, _CENTRAL_LABELS["period_total"]),
            _l(4, _CENTRAL_LABELS["budget_total"], 2),
        ),
        (
            _l(1, "资金总额", 2),
            _m(3, "period_total"),
            _m(4, "budget_total", 2),
        ),
        (
            _l(1, "其中：财政拨款", 2),
            _m(3, "period_fiscal"),
            _m(4, "budget_fiscal", 2),
        ),
        (
            _l(1, "其他资金", 2),
            _m(3, "period_other"),
            _m(4, "budget_other", 2),
        ),
        (
            _l(0, "总体目标", rowspan=2),
            _l(1, _CENTRAL_LABELS["period_goal"], 3),
            _l(4, _CENTRAL_LABELS["goal"], 2),
        ),
        (_f(1, "period_goal", 3), _f(4, "goal", 2)),
    ),
    indicator_slots=(
        _column(_CENTRAL_LABELS, 0, "level1"),
        _column(_CENTRAL_LABELS, 1, "level2"),
        _column(_CENTRAL_LABELS, 2, "name", 2),
        _column(_CENTRAL_LABELS, 4, "display", 2),
    ),
    framework="cost-first",
    money_unit="万元",
    required=("project_name", "supervisor", "implementer", "budget_total", "goal"),
    labels=_CENTRAL_LABELS,
)

# Tianjin's header with the 指标值 split into its parts, and a weight per indicator.
_SICHUAN_COLUMNS = ("level1", "level2", "name", "comparator", "value", "unit", "weight")
SICHUAN = LayoutProfile(
    name="sichuan",
    label=LAYOUT_LABELS["sichuan"],
    title=TIANJIN.title,
    agency=TIANJIN.agency,
    unit=TIANJIN.unit,
    column_fractions=(0.12, 0.14, 0.22, 0.16, 0.14, 0.11, 0.11),
    head_rows=TIANJIN.head_rows,
    indicator_slots=(
        *(_column(_SICHUAN_LABELS, col, key) for col, key in enumerate(_SICHUAN_COLUMNS)),
    ),
    weight_total=Decimal(100),
    labels=_SICHUAN_LABELS,
)

PROFILES: dict[str, LayoutProfile] = {p.name: p for p in (TIANJIN, SHANGHAI, CENTRAL, SICHUAN)}


def get_profile(name: str) -> LayoutProfile:
    """The profile of a layout name; the default one for an unknown name."""
    return PROFILES.get(name, PROFILES[DEFAULT_LAYOUT])


def profile_of(document: Document) -> LayoutProfile:
    """The profile a document prints in."""
    return get_profile(document.layout)


def printed_label(layout: str, name: str, label: str = "") -> str:
    """A field's label as the layout prints it (Shanghai: 年度总体目标), on one line; else
    label, else the clerk's name for the field."""
    from goaleditor.model.fields import FIELD_LABELS

    printed = get_profile(layout).labels.get(name) or label or FIELD_LABELS.get(name, name)
    return "".join(printed.split()).removeprefix("其中：").removeprefix("其中:")
