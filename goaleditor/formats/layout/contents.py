"""The 目录 of a multi-table export: entries packed into pages, each with its table's page."""

from __future__ import annotations

from collections.abc import Sequence, Sized
from dataclasses import dataclass

from goaleditor.formats.layout.fonts import TextWidth
from goaleditor.formats.layout.grid import (
    LEADING,
    MARGIN_BOTTOM,
    MARGIN_TOP,
    PAGE_HEIGHT,
    PAGE_TITLE_LINES,
    TABLE_WIDTH,
    TITLE_SIZE,
)
from goaleditor.formats.layout.line_breaking import wrap
from goaleditor.formats.layout.official import heading_of, shorten, toc_entry
from goaleditor.model.document import Document

TOC_ENTRY_GAP = 6.0
TOC_ENTRY_LINES = 3  # a longer table title is shortened with "…" in the 目录


@dataclass(slots=True)
class TocLine:
    """One line of the 目录: page -1 for the heading, 0 for a wrapped continuation line."""

    text: str
    page: int
    table: int = 0  # the table number the entry links to


def toc_heading(text: str, title: TextWidth) -> list[str]:
    """The document title atop the 目录, wrapped, at most PAGE_TITLE_LINES lines."""
    return shorten(wrap(text, TABLE_WIDTH, title), PAGE_TITLE_LINES, TABLE_WIDTH, title)


def toc_heading_height(title_lines: int) -> float:
    """Height of the 目录 page's heading: the document title, then 目录 (see the PDF's toc_page)."""
    return title_lines * TITLE_SIZE * 1.3 + 14 + TITLE_SIZE + 20


def toc_page_count(
    document: Document, tables: Sequence[Sized], body: TextWidth, title: TextWidth
) -> int:
    """How many pages the 目录 takes (the first table starts on the page after)."""
    return len(toc_pages(document, tables, body, title))


def toc_pages(
    document: Document, tables: Sequence[Sized], body: TextWidth, title: TextWidth
) -> list[list[TocLine]]:
    """The 目录 entries packed into pages by their real heights, then numbered.

    Numbering after packing keeps the page numbers right however the entries fall.
    """
    heading = heading_of(document)
    usable = PAGE_HEIGHT - MARGIN_TOP - MARGIN_BOTTOM
    packed: list[list[tuple[list[str], int]]] = [[]]  # per page: (entry lines, table index)
    used = toc_heading_height(len(toc_heading(heading, title)))
    for index in range(len(tables)):
        entry = toc_entry(index + 1, document.tables[index], document)
        lines = shorten(
            wrap(entry, TABLE_WIDTH - 60, body), TOC_ENTRY_LINES, TABLE_WIDTH - 60, body
        )
        height = len(lines) * LEADING + TOC_ENTRY_GAP / 2
        if used + height > usable and packed[-1]:
            packed.append([])
            used = 0.0
        packed[-1].append((lines, index))
        used += height
    first_pages = [len(packed) + 1]
    for pages in tables[:-1]:
        first_pages.append(first_pages[-1] + len(pages))
    result = [
        [
            TocLine(line, first_pages[index] if i == len(lines) - 1 else 0, index + 1)
            for lines, index in page
            for i, line in enumerate(lines)
        ]
        for page in packed
    ]
    result[0].insert(0, TocLine(heading, -1))
    return result
