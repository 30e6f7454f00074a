"""Tables that look like goal tables but are not: 绩效自评表 and 部门整体支出绩效目标表."""

from __future__ import annotations

import re
from collections.abc import Iterable

_SELF_EVAL_LABELS = frozenset(
    {"实际完成值", "实际完成情况", "全年执行数", "执行率", "得分", "年初预算数", "全年预算数"}
)


SELF_EVALUATION_KIND = "绩效自评表"
# Said of a 自评表 where no indicator was read: the form is known, its rows are missing.
NO_SELF_EVALUATION_ROWS = "没有读到指标（需要“一级指标”“三级指标”“年度指标值”表头和其下的指标行）"


def other_kind(lines: str) -> str:
    """The kind of a table that is not a 项目支出绩效目标表, named by its title ('' if none)."""
    squeezed = re.sub(r"\s+", "", lines)
    if "自评表" in squeezed:
        return SELF_EVALUATION_KIND
    if "整体支出绩效目标" in squeezed or "整体绩效目标" in squeezed:
        return "部门整体支出绩效目标表"
    return ""


def table_kind(head: Iterable[str], title: str) -> str:
    """The kind of a found table from its head's labels (得分, 全年执行数…) or its title."""
    if any(h in _SELF_EVAL_LABELS or h.startswith("偏差原因") for h in head):
        return "绩效自评表"
    return other_kind(title)
