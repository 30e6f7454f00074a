"""A 自评表's own fields filled but not on the form its layout prints (上年结转资金 on Sichuan's
form, Sichuan's 评价结论 … on the central one): kept in the document, said as one 提示."""

from __future__ import annotations

from goaleditor.model.checks import HINT, Problem
from goaleditor.model.document import GoalTable
from goaleditor.model.fields import FIELD_LABELS, SELF_EVALUATION_HEADER_FIELDS
from goaleditor.self_evaluation.layouts import form_of, printed_fields

NOT_PRINTED = "layout.not-printed"
# Entered only where a profile lets the clerk score the budget; the form prints the score.
_NEVER_PRINTED = frozenset({"budget_score"})
_FORM_NAMES = {"central": "中央的自评表", "sichuan": "四川的自评表"}


def not_printed_problems(table: GoalTable, number: int, layout: str) -> list[Problem]:
    """One 提示 naming the 自评表 fields of a table filled but not printed by the layout."""
    shown = printed_fields(layout)
    hidden = [
        FIELD_LABELS[name]
        for name in SELF_EVALUATION_HEADER_FIELDS
        if name not in shown
        and name not in _NEVER_PRINTED
        and getattr(table, name) not in (None, "")
    ]
    if not hidden:
        return []
    form = _FORM_NAMES.get(form_of(layout).name, "自评表")
    said = f"{'、'.join(hidden)}已填写，但{form}不打印（数据仍保留在文档中）"
    return [Problem(HINT, number, 0, NOT_PRINTED, said)]
