"""Cells holding a label and its value in one (项目名称：…, 预算数：120) split into two cells."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from goaleditor.formats.readers.tables.columns import label
from goaleditor.formats.readers.tables.money import NoResult

GOAL_LABELS = ("绩效目标", "年度绩效目标")
# A label of 2–12 characters, its colon and its text. The label starts and ends with a
# non-blank, so that no two repeats here can take the same blanks (linear time).
_LABEL_VALUE_RE = re.compile(r"^\s*([^\s:：][^:：\n]{0,10}?[^\s:：])\s*[:：]\s*(\S.*)$", re.S)
_MONEY_IN_CELL_RE = re.compile(
    r"^\s*(?P<label>(?:其中\s*[:：]\s*)?(?:预算数|资金总额|年度资金总额|年度预算数|项目预算数"
    r"|预算金额|财政资金|财政拨款|其他资金))\s*[:：]\s*(?P<amount>[-+]?[￥¥]?\d[\d,，]*(?:\.\d+)?"
    r"(?:\s*(?:万?元|万))?)\s*$"
)
_ONE_CELL_LABELS = frozenset({"项目名称", *GOAL_LABELS, "资金用途", "项目绩效目标", "总体目标"})


def _filled(value: Any) -> bool:
    return value is not None and not isinstance(value, NoResult) and str(value).strip() != ""


def _has_colon(value: Any) -> bool:
    return isinstance(value, str) and (":" in value or "：" in value)


def split_label_cells(rows: list[list[Any]], say: Callable[[int, str], None]) -> None:
    """Split, in place, a cell that holds "项目名称：…" (label and value in one, often merged
    across the table) into the label with its value in the next cell, and say so (say(row,
    message), row from 0); so an amount written with its label ("预算数：120", "其中：财政资金：
    100万元")."""
    for r, row in enumerate(rows):
        split: list[Any] = []
        for value in row:
            match = _MONEY_IN_CELL_RE.match(value) if isinstance(value, str) else None
            if match is None:
                split.append(value)
                continue
            split += [match["label"], match["amount"].strip()]
        if len(split) != len(row):
            rows[r] = row = split
            say(r, "金额和它的名称写在同一格，已按名称和金额分开读取")
        for c, value in enumerate(row):
            match = _LABEL_VALUE_RE.match(value) if _has_colon(value) else None
            if match is None or label(match.group(1)) not in _ONE_CELL_LABELS:
                continue
            if any(_filled(v) for v in row[c + 1 :]):
                break  # a value beside it: the colon is part of something else
            name = label(match.group(1))
            rows[r] = [*row[:c], name, match.group(2).strip(), *row[c + 2 :]]
            say(r, f"“{name}”和内容写在同一格，按“{name}”读取")
            break
