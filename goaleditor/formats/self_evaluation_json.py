"""The 自评表's keys of canonical JSON (DESIGN §5.1): written with the scores in force, read
with the rule's scores recomputed (only what the clerk may enter is taken from the file)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from goaleditor.errors import InputError
from goaleditor.model.document import Document, GoalTable
from goaleditor.model.fields import (
    MONEY_FIELDS,
    REPORT_FIELDS,
    SELF_EVALUATION_HEADER_FIELDS,
)
from goaleditor.model.money import MoneyError, format_money, parse_money
from goaleditor.model.values import decimal_value
from goaleditor.self_evaluation.evaluation import indicator_score, profile_of, score_text
from goaleditor.self_evaluation.profiles import DEFAULT_PROFILE, PROFILES, is_known
from goaleditor.self_evaluation.scores import DocumentScores

_MONEY_BLOCK = tuple(name for name in SELF_EVALUATION_HEADER_FIELDS if name in MONEY_FIELDS)
_TABLE_TEXT = ("budget_weight", "budget_score", "goal_result")
# Sichuan's text around the tables: keys of our own, after the contract's (DESIGN §5.1).
_REPORT_TEXT = REPORT_FIELDS
_INDICATOR_TEXT = ("actual", "grade", "deviation")


class Where(Protocol):
    """canonical_json's type checks, which name the offending JSON path."""

    def text(self, value: Any, path: str) -> str:
        """The value as text, or an InputError naming path."""

    def error(self, path: str, message: str) -> InputError:
        """An InputError naming path."""


def to_data(
    document: Document,
    head: dict[str, Any],
    goal_table: Callable[[GoalTable], dict[str, Any]],
) -> dict[str, Any]:
    """A 自评表 as canonical JSON data: the goal keys, then the 自评表's, scores in force."""
    scores = DocumentScores(document)
    try:
        tables = [_table_data(table, goal_table(table), scores) for table in document.tables]
    finally:
        scores.close()
    return {
        **head,
        "kind": document.kind,
        "scoring": document.scoring,
        "tables": tables,
    }


def _table_data(table: GoalTable, data: dict[str, Any], scores: DocumentScores) -> dict[str, Any]:
    scored = scores.of(table)
    indicators = data.pop("indicators")
    for item, result in zip(indicators, scored.indicators, strict=True):
        item.update(
            actual=result.indicator.actual,
            score=score_text(result.score),
            grade=result.indicator.grade,
            deviation=result.indicator.deviation,
        )
    data.update({name: format_money(getattr(table, name)) for name in _MONEY_BLOCK})
    data.update(
        budget_weight=table.budget_weight,
        execution_rate=score_text(scored.execution_rate),
        budget_score=score_text(scored.budget_score),
        goal_result=table.goal_result,
        total_score=score_text(scored.total) if scored.complete else "",
        grade=scored.grade,
        **{name: getattr(table, name) for name in _REPORT_TEXT},
        indicators=indicators,
    )
    return data


def read_into(document: Document, scoring: str, tables: list[Any], where: Where) -> None:
    """Give a document read from JSON its 自评表 keys (tables as the JSON has them)."""
    name = scoring or DEFAULT_PROFILE
    if not is_known(name):
        raise where.error("scoring", f"未知的评分规则 {name!r}（可用：{'、'.join(PROFILES)}）")
    document.kind, document.scoring = "self-evaluation", name
    profile = profile_of(document)
    for number, (table, data) in enumerate(zip(document.tables, tables, strict=True)):
        path = f"tables[{number}]"
        for key in (*_MONEY_BLOCK, *_TABLE_TEXT, *_REPORT_TEXT):
            text = where.text(data.get(key, ""), f"{path}.{key}")
            if key in _MONEY_BLOCK:
                try:
                    setattr(table, key, parse_money(text))
                except MoneyError as exc:
                    raise where.error(f"{path}.{key}", str(exc)) from None
            else:
                setattr(table, key, text)
        if profile.budget_score != "editable":
            table.budget_score = ""  # the rule's: the file's figure is only its copy
        items = data.get("indicators", [])
        rows = [indicator for _, _, indicator in table.indicator_rows()]
        for index, (indicator, item) in enumerate(zip(rows, items, strict=True)):
            place = f"{path}.indicators[{index}]"
            for key in _INDICATOR_TEXT:
                setattr(indicator, key, where.text(item.get(key, ""), f"{place}.{key}"))
            written = where.text(item.get("score", ""), f"{place}.score")
            result = indicator_score(indicator, profile)
            entered = decimal_value(written)
            if result.mode == "entered" or (
                result.mode == "editable" and entered is not None and entered != result.rule
            ):
                indicator.score = written
