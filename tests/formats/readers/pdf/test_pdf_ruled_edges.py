"""The table finder's edges made in place are pdfplumber's own, edge for edge, in order."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pdfplumber.table import TableFinder, TableSettings

from goaleditor.formats.readers.pdf import page_source
from goaleditor.formats.readers.pdf.ruled_edges import table_edges
from tests.formats.readers.pdf.test_pdf_pdfium import PDFS, _drawn

Row = tuple[Any, ...]


def _theirs(page: Any) -> list[Row]:
    finder = TableFinder.__new__(TableFinder)
    finder.page = page
    finder.settings = TableSettings.resolve(None)
    return [(e["x0"], e["x1"], e["top"], e["bottom"], e["orientation"]) for e in finder.get_edges()]


def _mine(page: Any) -> list[Row]:
    return [
        (e["x0"], e["x1"], e["top"], e["bottom"], e["orientation"])
        for e in table_edges(page.objects)
    ]


def _pages(path: Path, limit: int = 6) -> list[Any]:
    pages = page_source.PdfiumPages(path, 10**6)
    try:
        return [pages.page(n) for n in range(min(limit, len(pages._pdf)))]
    finally:
        pages.close()


@pytest.mark.parametrize("rotate", [0, 90])
def test_lines_rects_and_curves_give_pdfplumbers_edges(tmp_path: Path, rotate: int) -> None:
    """A page of a line, rects, a rounded rect, a circle, a Bézier and a form."""
    path = tmp_path / "drawn.pdf"
    _drawn(path, rotate)
    (page,) = _pages(path)
    assert _mine(page) == _theirs(page)
    assert len(_mine(page)) > 6


def test_edges_snapped_and_joined_as_pdfplumber(tmp_path: Path) -> None:
    """Rules a little apart (snapped to their mean), pieces of one rule with gaps (joined
    where the gap is at most 3 pt), and short stubs (dropped)."""
    from reportlab.pdfgen.canvas import Canvas

    path = tmp_path / "rules.pdf"
    canvas = Canvas(str(path), pagesize=(400, 400))
    for y, x0, x1 in [(300, 50, 150), (301.3, 152, 250), (302.1, 255, 350), (200, 50, 52)]:
        canvas.line(x0, y, x1, y)
    for x, y0, y1 in [(50, 100, 300), (51.7, 300.5, 310), (150, 100, 200), (149, 203.5, 300)]:
        canvas.line(x, y0, x, y1)
    canvas.rect(60.4, 120.2, 80.3, 40.7)
    canvas.showPage()
    canvas.save()
    (page,) = _pages(path)
    assert _mine(page) == _theirs(page)


@pytest.mark.parametrize("path", PDFS[:8], ids=[p.name for p in PDFS[:8]])
def test_fixtures_give_pdfplumbers_edges(path: Path) -> None:
    for page in _pages(path):
        assert _mine(page) == _theirs(page)
