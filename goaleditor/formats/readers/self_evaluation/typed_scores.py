"""The clerk's typed 得分, 执行率 and 总分 set against the scoring profile's rules: kept where
the profile lets the clerk enter them, else left to the rule and said where they differ."""

from __future__ import annotations

from decimal import Decimal

from goaleditor.formats.notes import ImportNote
from goaleditor.formats.readers.self_evaluation.table import EvaluatedTable
from goaleditor.formats.readers.self_evaluation.typed import Typed
from goaleditor.self_evaluation.evaluation import indicator_score, score_table, score_text
from goaleditor.self_evaluation.profiles import ScoringProfile
from goaleditor.self_evaluation.scoring import round_score


def _grade_of(score: Decimal, weight: Decimal | None, profile: ScoringProfile) -> str:
    """The 定性 grade whose band holds score ('' when none does or W is not a number)."""
    if not weight:
        return ""
    for band in profile.qualitative_bands:
        low, high = band.low * weight, band.high * weight
        if low <= score and (score <= high if band.high_closed else score < high):
            return band.grade
    return ""


def _no_rate_reason(item: EvaluatedTable) -> str:
    """Why the table has no 执行率 (DESIGN §5.1: 全年执行数 / 全年预算数)."""
    adjusted, executed = item.table.budget_adjusted, item.table.budget_executed
    if adjusted is None or executed is None:
        return "全年预算数或全年执行数不是金额"
    return "全年预算数不大于0" if adjusted <= 0 else "全年执行数为负数"


def _differs(typed: Typed, rule: Decimal | None) -> bool:
    return typed.number is None or rule is None or round_score(typed.number) != round_score(rule)


def settle_scores(number: int, item: EvaluatedTable, profile: ScoringProfile) -> list[ImportNote]:
    """Put the typed scores of table number (from 0) where the profile keeps them; one note
    for each typed figure that is not the rule's."""
    notes: list[ImportNote] = []

    def say(typed: Typed, message: str) -> None:
        notes.append(ImportNote(f"表{number + 1} {message}", item.sheet, typed.row + 1, number))

    def differs(typed: Typed, subject: str, noun: str, rule: Decimal | None) -> None:
        should = f"按规则为{score_text(rule)}" if rule is not None else "按规则无法计算"
        say(typed, f"{subject}：文件中的{noun}{typed.shown}，{should}")

    rows = [indicator for _, _, indicator in item.table.indicator_rows()]
    for indicator, typed in zip(rows, item.scores, strict=True):
        if typed is None:
            continue
        result = indicator_score(indicator, profile)
        if typed.number is None and result.mode != "computed":
            say(typed, f"{indicator.name}：文件中的得分“{typed.shown}”不是数，未读取")
            continue
        if result.mode == "editable":  # the clerk's own score where it is not the rule's
            indicator.score = typed.shown if _differs(typed, result.rule) else ""
            continue
        if result.mode == "entered":
            indicator.score = typed.shown
            if not indicator.grade and typed.number is not None:
                indicator.grade = _grade_of(typed.number, result.weight, profile)
                if indicator.grade:
                    said = (
                        f"实际完成值“{indicator.actual}”" if indicator.actual else "实际完成值为空"
                    )
                    say(typed, f"{indicator.name}：{said}，按得分定为“{indicator.grade}”")
            continue
        if _differs(typed, result.rule):
            differs(typed, indicator.name, "得分", result.rule)
    scored = score_table(item.table, profile)
    if item.rate is not None and _differs(item.rate, scored.execution_rate):
        rate = scored.execution_rate
        should = (
            f"按全年执行数/全年预算数为{score_text(rate)}%"
            if rate is not None
            else f"{_no_rate_reason(item)}，无法按规则计算"
        )
        say(item.rate, f"执行率：文件中的执行率{item.rate.shown}，{should}")
    if item.budget_score is not None:
        if profile.budget_score == "editable":
            editable = _differs(item.budget_score, scored.budget_rule)
            item.table.budget_score = item.budget_score.shown if editable else ""
        elif _differs(item.budget_score, scored.budget_rule):
            differs(item.budget_score, "预算执行", "得分", scored.budget_rule)
    scored = score_table(item.table, profile)
    if item.total is not None and _differs(item.total, scored.total if scored.complete else None):
        differs(item.total, "总分", "总分", scored.total if scored.complete else None)
    return notes
