"""What goaleditor writes as PDF, it opens: the page cap holds any document within the limits."""

from __future__ import annotations

import math
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from bench.common import big_document
from goaleditor.formats import read_document
from goaleditor.formats.readers.pdf import reader
from goaleditor.formats.writers.pdf import write as write_pdf
from goaleditor.model.document import Document
from goaleditor.model.limits import MAX_INDICATORS, MAX_TABLES


def _pages(document: Document, path: Path) -> int:
    write_pdf(document, path)
    pdf = pdfium.PdfDocument(str(path))
    try:
        return len(pdf)
    finally:
        pdf.close()


def _bound(indicators: int) -> int:
    """The pages the reader's cap allows a table of that many one-line indicators."""
    return 1 + math.ceil(indicators / reader.MIN_ROWS_PER_PAGE)


@pytest.mark.parametrize("indicators", [0, 1, 17, 18, 40, 120])
def test_a_table_takes_at_most_its_bound_of_pages(tmp_path: Path, indicators: int) -> None:
    """Each table starts a page; each further page holds MIN_ROWS_PER_PAGE rows or more."""
    document = big_document(1, indicators=indicators)
    assert _pages(document, tmp_path / "one.pdf") <= _bound(indicators)


def test_the_page_cap_holds_the_most_pages_within_the_limits() -> None:
    """Tables of n_i indicators (sum n_i <= MAX_INDICATORS, at most MAX_TABLES tables) take
    at most sum(1 + ceil(n_i / R)) <= 2 * MAX_TABLES + MAX_INDICATORS / R pages."""
    most = 2 * MAX_TABLES + MAX_INDICATORS / reader.MIN_ROWS_PER_PAGE
    assert most <= reader.MAX_PAGES
    # the two extremes: every table as large as the indicators allow, or one huge table
    per_table = MAX_INDICATORS // MAX_TABLES
    assert MAX_TABLES * _bound(per_table) <= reader.MAX_PAGES
    assert _bound(MAX_INDICATORS) <= reader.MAX_PAGES


def test_an_export_of_tables_of_every_size_reads_back(tmp_path: Path) -> None:
    """A moderate round trip: tables of 1 to 60 indicators, pages within the bound, every
    table and indicator read back as written."""
    document = big_document(0)
    sizes = [1, 17, 18, 40, 60, 5, 20, 33]
    for n, size in enumerate(sizes):
        part = big_document(1, indicators=size)
        table = part.tables[0]
        table.project_name = f"2026年第{n + 1}个项目运行经费"
        table.document = document
        document.tables.append(table)
    path = tmp_path / "sizes.pdf"
    assert _pages(document, path) <= sum(_bound(size) for size in sizes)
    read = read_document(path)
    assert [t.project_name for t in read.tables] == [t.project_name for t in document.tables]
    assert [t.indicator_count() for t in read.tables] == sizes
    for ours, theirs in zip(read.tables, document.tables, strict=True):
        rows = [(a, b, i.name, i.value) for a, b, i in ours.indicator_rows()]
        assert rows == [(a, b, i.name, i.value) for a, b, i in theirs.indicator_rows()]
