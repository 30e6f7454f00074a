"""A reviewer's marks on a goal document (DESIGN §5.2): kept in the file, never printed in it."""

from __future__ import annotations

from collections.abc import Iterator

from goaleditor.model.document import Document, GoalTable, Indicator
from goaleditor.model.fields import (
    FAILED,
    REVIEW_HEADER_FIELDS,
    REVIEW_INDICATOR_FIELDS,
    default_of,
)


def drop_review_marks(table: GoalTable) -> None:
    """Clear a table's 审核 opinions and result and its indicators' verdicts and opinions."""
    for name in REVIEW_HEADER_FIELDS:
        setattr(table, name, default_of(name))
    for _, _, indicator in table.indicator_rows():
        for name in REVIEW_INDICATOR_FIELDS:
            setattr(indicator, name, default_of(name))


def table_is_reviewed(table: GoalTable) -> bool:
    """True where the table carries any reviewer's mark."""
    if any(getattr(table, name).strip() for name in REVIEW_HEADER_FIELDS):
        return True
    return any(
        getattr(indicator, name).strip()
        for _, _, indicator in table.indicator_rows()
        for name in REVIEW_INDICATOR_FIELDS
    )


def is_reviewed(document: Document) -> bool:
    """True where any table of the document carries a reviewer's mark."""
    return any(table_is_reviewed(table) for table in document.tables)


def failed_indicators(table: GoalTable) -> Iterator[Indicator]:
    """The table's indicators a reviewer marked 不通过, in print order."""
    for _, _, indicator in table.indicator_rows():
        if indicator.review_verdict.strip() == FAILED:
            yield indicator
