"""Next year's draft: the same document with its year moved on by one where it is a date.

The planned start and end dates (计划开始/完成日期) move on a year each, so a project of one
year stays one year long; the 实施期 money and goal (period_*) stay as they are, since
they describe the whole project, not one year of it.
"""

from __future__ import annotations

import re

from goaleditor.model.document import Document, GoalTable, Indicator
from goaleditor.model.values import QUALITATIVE


def _infer_year(document: Document) -> int | None:
    years = [
        int(m) for t in document.tables for m in re.findall(r"((?:19|20)\d\d)年", t.project_name)
    ]
    return max(set(years), key=years.count) if years else None


def _shift(text: str, year: int) -> str:
    """Replace the document's year by the next one where it is written as a year (2026年)."""
    return re.sub(rf"(?<!\d){year}(?=\s*年)", str(year + 1), text)


def next_year_draft(document: Document) -> Document:
    """A new document for next year: year, title, project names and date values moved on."""
    year = document.year if document.year is not None else _infer_year(document)
    draft = Document(
        agency_code=document.agency_code,
        agency_name=document.agency_name,
        year=None if year is None else year + 1,
        title=document.title,
        framework=document.framework,
        merge_level2=document.merge_level2,
        layout=document.layout,
    )
    for table in document.tables:
        copy: GoalTable = table.clone()
        if year is not None:
            copy.project_name = _shift(copy.project_name, year)
            for _, _, indicator in copy.indicator_rows():
                _shift_value(indicator, year)
        copy.start_date, copy.end_date = _next_date(copy.start_date), _next_date(copy.end_date)
        copy.document = draft
        draft.tables.append(copy)
    if year is not None:
        draft.title = _shift(document.title, year)
    return draft


def _shift_value(indicator: Indicator, year: int) -> None:
    if indicator.comparator == QUALITATIVE:
        indicator.value = _shift(indicator.value, year)


def _next_date(text: str) -> str:
    """A YYYY-MM-DD date a year on (29 February becomes 28); other text is kept as typed."""
    match = re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)", text.strip())
    if not match:
        return text
    year, month, day = (int(part) for part in match.groups())
    if (month, day) == (2, 29):
        day = 28
    return f"{year + 1:04d}-{month:02d}-{day:02d}"
