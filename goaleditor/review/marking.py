"""A reviewer's marks as edits: the verdict of several indicators set in one undoable step."""

from __future__ import annotations

from collections.abc import Sequence

from goaleditor.model.document import Document, Indicator
from goaleditor.model.edits import Edit, SetField, Steps
from goaleditor.model.fields import REVIEW_HEADER_FIELDS

VERDICT = "review_verdict"


def verdict_edit(indicators: Sequence[Indicator], verdict: str) -> Edit | None:
    """Mark indicators 通过 or 不通过 ("" takes the mark away) as one step; None when every one
    is marked so already."""
    edits = tuple(
        SetField(indicator, VERDICT, verdict)
        for indicator in indicators
        if indicator.review_verdict != verdict
    )
    if len(edits) <= 1:
        return edits[0] if edits else None
    return Steps(edits, f"标为{verdict}" if verdict else "清除审核结论")


def next_indicator(rows: Sequence[Indicator], after: Indicator) -> Indicator | None:
    """The indicator printed after one (None after the last, or for a stranger)."""
    for number, indicator in enumerate(rows):
        if indicator is after:
            return rows[number + 1] if number + 1 < len(rows) else None
    return None


def has_table_opinions(document: Document) -> bool:
    """Whether any table carries its 审核表's opinions or result (not only marked rows)."""
    return any(
        getattr(table, name).strip() for table in document.tables for name in REVIEW_HEADER_FIELDS
    )
