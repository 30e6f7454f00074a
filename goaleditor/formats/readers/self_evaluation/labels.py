"""The labels of the 自评表 forms (central 财预〔2020〕10号, Sichuan 510000_0013zp) as read."""

from __future__ import annotations

import re
from typing import Any

from goaleditor.formats.readers.tables.columns import label

# （A）, （B）, （B/A） after a column label; （50分） after a level or block name.
_MARK_RE = re.compile(r"[（(]\s*(?:[AB](?:/[AB])?|\d+(?:\.\d+)?分)\s*[)）]$")
_POINTS_RE = re.compile(r"^(.+?)\s*[（(]\s*\d+(?:\.\d+)?\s*分\s*[)）]$")
_NUMBERED_RE = re.compile(r"^\d+\s*[.．、]\s*")  # 2.项目实施内容及过程概述

# The money block's columns, by the bare label (marks and money unit taken off).
MONEY_COLUMNS: dict[str, str] = {
    "年初预算数": "initial",
    "年初预算": "initial",
    "全年预算数": "adjusted",
    "调整后预算数": "adjusted",
    "调整后预算": "adjusted",
    "全年执行数": "executed",
    "预算执行数": "executed",
    "分值": "weight",
    "权重": "weight",
    "执行率": "rate",
    "预算执行率": "rate",
    "得分": "score",
}
# The money block's rows → the field suffix of DESIGN §5.1 ("" for 年度资金总额).
MONEY_ROWS: dict[str, str] = {
    "年度资金总额": "",
    "资金总额": "",
    "总额": "",
    "当年财政拨款": "_fiscal",
    "本年财政拨款": "_fiscal",
    "财政资金": "_fiscal",
    "财政拨款": "_fiscal",
    "上年结转资金": "_carryover",
    "上年结转": "_carryover",
    "其他资金": "_other",
}
# Rows Sichuan's form prints that have no field of their own (their amounts are in 总额).
UNMAPPED_MONEY_ROWS = frozenset({"财政专户管理资金", "单位资金"})

# 年度总体目标: the goal and its result, side by side over their texts.
GOAL_LABELS = frozenset({"预期目标", "年初预期目标", "项目年度目标", "年度目标"})
RESULT_LABELS = frozenset({"实际完成情况", "年度实际完成情况", "年度目标完成情况"})
PROCESS_LABELS = frozenset({"项目实施内容及过程概述"})

# The indicator columns of the 自评表 that a 目标表 has not.
INDICATOR_COLUMNS: dict[str, str] = {
    "实际完成值": "actual",
    "完成值": "actual",
    "实际值": "actual",
    "得分": "score",
    "偏差原因分析及改进措施": "deviation",
    "偏差原因分析": "deviation",
    "偏差原因": "deviation",
    "未完成原因分析": "deviation",
}
# Labels of the indicator header that name no column (绩效指标（90分） down the left).
GROUP_LABELS = frozenset({"绩效指标"})

TOTAL_LABELS = frozenset({"总分", "合计", "总计", "自评总分", "合计得分"})
# Below Sichuan's 合计: labelled texts, then the two signatures.
TEXT_BELOW: dict[str, str] = {
    "评价结论": "conclusion",
    "自评结论": "conclusion",
    "存在问题": "problems",
    "改进措施": "improvements",
}
SIGNATURES: dict[str, str] = {"项目负责人": "project_leader", "财务负责人": "finance_leader"}

# 定性 results as clerks write them in 实际完成值 → the grade.
GRADE_WORDS: dict[str, str] = {
    "达成预期指标": "达成",
    "达成": "达成",
    "已达成": "达成",
    "部分达成预期指标": "部分达成",
    "部分达成": "部分达成",
    "未达成预期指标": "未达成",
    "未达成": "未达成",
}

SICHUAN_CLUES = ("510000_0013zp", "部门预算项目支出绩效自评表")
SICHUAN_LABELS = frozenset({"项目基本情况", "未完成原因分析", "预算执行情况", "度量单位"})


def bare(value: Any) -> str:
    """A label as matched here: no whitespace, no trailing colon, no (A)/(B)/(50分) mark."""
    return _MARK_RE.sub("", label(value))


def without_points(name: str) -> str:
    """产出指标（50分） → 产出指标; any other name as it is."""
    match = _POINTS_RE.match(name.strip())
    return match.group(1) if match else name


def unnumbered(text: str) -> str:
    """2.项目实施内容及过程概述 → 项目实施内容及过程概述."""
    return _NUMBERED_RE.sub("", text)


def money_row(name: str) -> str | None:
    """The field suffix of a money block row's label (其中： taken off), None if not one."""
    plain = name.removeprefix("其中").lstrip(":：")
    return MONEY_ROWS.get(plain)


def is_total(value: Any) -> bool:
    """True for the 总分 / 合计 cell that ends the indicators."""
    return bare(value) in TOTAL_LABELS


def ends_indicators(value: Any) -> bool:
    """True for the first cell of a line under the indicators: 评价结论, 项目负责人：…"""
    plain = bare(value)
    return plain in TEXT_BELOW or any(plain.startswith(name) for name in SIGNATURES)
