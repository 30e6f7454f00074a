"""Checks that depend on the document's layout: 实施期 money, dates, weights, required fields."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from decimal import Decimal, InvalidOperation

from goaleditor.model.checks import ERROR, FIX_CLEAR_NOT_PRINTED, HINT, WARNING, Problem
from goaleditor.model.document import Document, GoalTable
from goaleditor.model.fields import FIELD_LABELS, HEADER_FIELDS, REVIEW_HEADER_FIELDS
from goaleditor.model.layouts import LayoutProfile, get_profile
from goaleditor.model.money import format_money

TIMELINESS = "时效指标"
NOT_PRINTED = "layout.not-printed"
# Fields the general header rules already report when empty.
_CHECKED_ELSEWHERE = ("project_name", "fund_use", "goal")
_DATE_RE = re.compile(r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*$")
# A date written in a 时效 value: 2026年6月30日, 2026年12月(底), 2026-06-30.
_VALUE_DATE_RE = re.compile(r"(\d{4})\s*(?:年\s*(\d{1,2})\s*月|-(\d{1,2})-\d{1,2})")


def printed_fields(document: Document) -> frozenset[str]:
    """The header fields (and indicator.x fields) the document's layout prints."""
    return get_profile(document.layout).printed_fields()


def parse_date(text: str) -> date | None:
    """A planned date as clerks write it (2026-01-01, 2026/1/1, 2026年1月1日); None if not."""
    match = _DATE_RE.match(text)
    if match is None:
        return None
    try:
        return date(*(int(part) for part in match.groups()))
    except ValueError:
        return None


def layout_problems(document: Document, table: GoalTable, number: int) -> Iterator[Problem]:
    """The problems of one table that its layout's fields and rules bring."""
    profile = get_profile(document.layout)
    yield from _required(profile, table, number)
    yield from _money(table, number)
    yield from _dates(table, number)
    yield from _weights(profile, table, number)
    yield from _not_printed(profile, table, number)


def _required(profile: LayoutProfile, table: GoalTable, n: int) -> Iterator[Problem]:
    for name in profile.required:
        value = getattr(table, name)
        if name not in _CHECKED_ELSEWHERE and (value is None or not str(value).strip()):
            label = FIELD_LABELS.get(name, name)
            message = f"{label}为空（{profile.label}必须填写）"
            yield Problem(ERROR, n, 0, "layout.required", message, name, node=table)


def _money(t: GoalTable, n: int) -> Iterator[Problem]:
    for name in ("period_total", "period_fiscal", "period_other", "budget_carryover"):
        amount = getattr(t, name)
        if amount is not None and amount < 0:
            label = FIELD_LABELS[name]
            message = f"{label}为负数：{format_money(amount)}"
            yield Problem(ERROR, n, 0, "budget.negative", message, name, node=t)
    parts = (t.period_fiscal, t.period_other)
    if t.period_total is not None or any(p is not None for p in parts):
        total = sum((p or Decimal(0) for p in parts), Decimal(0))
        if (t.period_total or Decimal(0)) != total:
            yield Problem(
                ERROR,
                n,
                0,
                "budget.period-sum",
                f"项目资金总额 {format_money(t.period_total) or '（空）'} ≠ 财政资金 + 其他资金 "
                f"{format_money(total)}",
                "period_total",
                node=t,
            )
    annual, period = t.budget_total, t.period_total
    if annual is not None and period is not None and annual > period:
        yield Problem(
            ERROR,
            n,
            0,
            "budget.over-period",
            f"年度资金 {format_money(annual)} 超过项目资金总额 {format_money(period)}",
            "budget_total",
            node=t,
        )


def _dates(t: GoalTable, n: int) -> Iterator[Problem]:
    dates: dict[str, date | None] = {}
    for name in ("start_date", "end_date"):
        text = getattr(t, name)
        dates[name] = parse_date(text) if text.strip() else None
        if text.strip() and dates[name] is None:
            message = f"{FIELD_LABELS[name]}“{text}”不是日期（应写作 2026-01-01）"
            yield Problem(WARNING, n, 0, "dates.format", message, name, node=t)
    start, end = dates["start_date"], dates["end_date"]
    if start and end and start > end:
        message = f"计划开始日期 {start.isoformat()} 晚于计划完成日期 {end.isoformat()}"
        yield Problem(ERROR, n, 0, "dates.order", message, "end_date", node=t)
        return
    for row, (_, level2, indicator) in enumerate(t.indicator_rows(), 1):
        if level2 != TIMELINESS:
            continue
        for match in _VALUE_DATE_RE.finditer(f"{indicator.value} {indicator.unit}"):
            year, month = int(match.group(1)), int(match.group(2) or match.group(3))
            early = start is not None and (year, month) < (start.year, start.month)
            late = end is not None and (year, month) > (end.year, end.month)
            if early or late:
                period = f"{start or '…'} 至 {end or '…'}"
                message = f"时效指标中的 {match.group(0)} 不在项目期 {period} 内"
                yield Problem(
                    WARNING, n, row, "timeliness.outside-period", message, "value", node=indicator
                )
                break


def _weights(profile: LayoutProfile, t: GoalTable, n: int) -> Iterator[Problem]:
    if profile.weight_total is None or "indicator.weight" not in profile.printed_fields():
        return
    total = Decimal(0)
    complete = True
    for row, (_, _, indicator) in enumerate(t.indicator_rows(), 1):
        text = indicator.weight.strip()
        try:
            weight = Decimal(text)
        except InvalidOperation:
            complete = False
            message = "权重为空" if not text else f"权重“{text}”不是数字"
            yield Problem(ERROR, n, row, "weight.invalid", message, "weight", node=indicator)
            continue
        total += weight
    if complete and t.indicator_count() and total != profile.weight_total:
        yield Problem(
            ERROR,
            n,
            0,
            "weight.sum",
            f"权重合计 {total.normalize():f}，应为 {profile.weight_total}",
            "weight",
            node=t,
        )


def _not_printed(profile: LayoutProfile, t: GoalTable, n: int) -> Iterator[Problem]:
    """Filled fields the layout has no cell for: kept in the document, but not printed. Header
    fields in one 提示 at the header; each indicator field in its own, placed at the first
    row that holds it (the problems panel jumps there)."""
    shown = profile.printed_fields()
    hidden = [
        FIELD_LABELS.get(name, name)
        for name in HEADER_FIELDS
        if name not in shown
        and name != "money_unit"
        and name not in REVIEW_HEADER_FIELDS  # a reviewer's marks are never printed
        and getattr(t, name) not in (None, "")
    ]
    if hidden:
        yield Problem(HINT, n, 0, NOT_PRINTED, _not_printed_message(hidden, profile))
    rows = list(enumerate((i for _, _, i in t.indicator_rows()), 1))
    for name in ("description", "weight", "explanation", "standard", "remark"):
        if f"indicator.{name}" in shown:
            continue
        filled = [(row, i) for row, i in rows if getattr(i, name).strip()]
        if filled:
            row, first = filled[0]
            label = FIELD_LABELS[name] + (f"（{len(filled)}行）" if len(filled) > 1 else "")
            message = _not_printed_message([label], profile)
            yield Problem(HINT, n, row, NOT_PRINTED, message, name, FIX_CLEAR_NOT_PRINTED, first)


def _not_printed_message(labels: list[str], profile: LayoutProfile) -> str:
    return f"{'、'.join(labels)}已填写，但{profile.label}不打印（数据仍保留在文档中）"
