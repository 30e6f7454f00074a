"""The year rules: text naming last year (or last year's period) left over in a later
document, a 警告 per field, and the fix-it that moves it to the document's year."""

from __future__ import annotations

from collections.abc import Iterator

from goaleditor.model.checks import FIX_PAST_YEAR, TIMELINESS, WARNING, Problem
from goaleditor.model.document import Document, GoalTable, Indicator, containing_table
from goaleditor.model.fields import FIELD_LABELS
from goaleditor.model.fix_its import FixIt
from goaleditor.model.layouts import printed_label
from goaleditor.model.next_year import INDICATOR_TEXT_FIELDS, TABLE_TEXT_FIELDS
from goaleditor.model.values import QUALITATIVE
from goaleditor.model.year_mentions import (
    Period,
    move_past_years,
    past_year_mentions,
    table_period,
)

RULE = "year.past-year"


def past_year_problems(document: Document, table: GoalTable, number: int) -> Iterator[Problem]:
    """Free text naming last year or last year's period (left over from last year's document),
    where moving the document on would have moved it: a 警告 per field, fixed by moving it."""
    year = document.year
    if year is None:
        return
    period = table_period(table.start_date, table.end_date)

    def message_for(text: str, name: str) -> str:
        if not past_year_mentions(text, year, period):  # nearly always: no label looked up
            return ""
        return past_year_message(text, printed_label(document.layout, name), year, period)

    for name in TABLE_TEXT_FIELDS:
        message = message_for(getattr(table, name), name)
        if message:
            yield Problem(WARNING, number, 0, RULE, message, name, FIX_PAST_YEAR, table)
    for row, (_, level2, ind) in enumerate(table.indicator_rows(), 1):
        names = [*INDICATOR_TEXT_FIELDS, *(["value"] if ind.comparator == QUALITATIVE else [])]
        for name in names:
            if level2 == TIMELINESS and name in ("value", "unit"):
                continue  # the timeliness rule says it (timeliness.outside-year)
            message = message_for(getattr(ind, name), name)
            if message:
                yield Problem(WARNING, number, row, RULE, message, name, FIX_PAST_YEAR, ind)


def past_year_title_problems(document: Document) -> list[Problem]:
    """The document's title naming last year (a problem of the document as a whole)."""
    if document.year is None:
        return []
    message = past_year_message(document.title, FIELD_LABELS["title"], document.year, None)
    if not message:
        return []
    return [Problem(WARNING, 0, 0, RULE, message, "title", FIX_PAST_YEAR, document)]


def past_year_message(text: str, label: str, year: int, period: Period | None) -> str:
    """Says where text (the field labelled label) names last year ('' when it does not)."""
    mentions = past_year_mentions(text, year, period)
    if not mentions:
        return ""
    first = text[mentions[0].start : mentions[0].end]
    more = f"等{len(mentions)}处" if len(mentions) > 1 else ""
    return f"{label}中的“{first}”{more}是上一年度的年份（文档年度为{year}年）"


def past_year_fix_its(problem: Problem, year: int) -> list[FixIt]:
    """Move last year's mentions in the problem's field to this year."""
    node = problem.node
    if not isinstance(node, (Document, GoalTable, Indicator)):
        return []
    text = getattr(node, problem.field)
    table = node if isinstance(node, GoalTable) else containing_table(node)
    period = None if table is None else table_period(table.start_date, table.end_date)
    mentions = past_year_mentions(text, year, period)
    if not mentions:
        return []
    old = text[mentions[0].start : mentions[0].end]
    new = move_past_years(old, year, period)
    more = f"等{len(mentions)}处" if len(mentions) > 1 else ""
    label = f"把“{old}”改为“{new}”{more}"
    return [FixIt(label, node, problem.field, move_past_years(text, year, period))]
