"""The reader's cell search finds the cells pdfplumber's intersections_to_cells finds, in the
same order, on every PDF fixture and on grids with merged and broken cells."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pytest
from pdfplumber.table import TableFinder, TableSettings, edges_to_intersections
from pdfplumber.table import intersections_to_cells as plumbers_cells
from reportlab.pdfgen import canvas

from goaleditor.formats.readers.pdf.page_source import PdfiumPages
from goaleditor.formats.readers.pdf.ruled_edges import table_edges
from goaleditor.formats.readers.pdf.table_finder import cells

FIXTURES = Path(__file__).resolve().parents[3] / "fixtures"


def _opens(path: Path) -> bool:
    """Whether PDFium opens the file (not an encrypted or broken fixture)."""
    try:
        pdfium.PdfDocument(str(path)).close()
    except pdfium.PdfiumError:
        return False
    return True


READABLE = [p for p in sorted(FIXTURES.rglob("*.pdf")) if _opens(p)]
FIXTURES_BY_NAME = {p.name: p for p in READABLE}


def _grids(path: Path) -> Path:
    """Two pages of ruled grids: one with merged cells and a rule that stops short, one of
    two tables side by side, one of them missing an inner rule."""
    page = canvas.Canvas(str(path))
    for y in (700, 680, 660, 640, 600):
        page.line(50, y, 400 if y != 660 else 300, y)
    for x in (50, 120, 250, 400):
        page.line(x, 700, x, 600 if x != 120 else 660)
    page.showPage()
    for left in (50, 320):
        for y in (700, 670, 640):
            page.line(left, y, left + 200, y)
        for x in (left, left + 90, left + 200):
            page.line(x, 700 if x != left + 90 else 670, x, 640)
    page.save()
    return path


def _intersections(page: Any) -> dict[Any, Any]:
    finder = TableFinder.__new__(TableFinder)
    finder.settings = TableSettings.resolve(None)
    edges = table_edges(page.objects)
    s = finder.settings
    return edges_to_intersections(edges, s.intersection_x_tolerance, s.intersection_y_tolerance)


@pytest.mark.parametrize("name", ["grids", *(p.name for p in READABLE)])
def test_cells_are_pdfplumbers(tmp_path: Path, name: str) -> None:
    path = _grids(tmp_path / "grids.pdf") if name == "grids" else FIXTURES_BY_NAME[name]
    pages = PdfiumPages(path, 1_000_000)
    found = 0
    try:
        document = pdfium.PdfDocument(str(path))
        count = len(document)
        document.close()
        for index in range(count):
            intersections = _intersections(pages.page(index))
            mine = cells(intersections)
            assert mine == plumbers_cells(intersections)
            found += len(mine)
    finally:
        pages.close()
    if name == "grids":
        assert found >= 9  # the merged grid's cells and both side tables' cells
