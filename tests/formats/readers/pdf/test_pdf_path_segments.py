"""A path's segments read at once from PDFium's array of points equal those asked one by one,
and a layout not as expected is asked one by one."""

from __future__ import annotations

import ctypes
from collections.abc import Iterator
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as raw
import pytest
from reportlab.pdfgen import canvas

from goaleditor.formats.readers.pdf import pdfium_calls

FIXTURES = Path(__file__).resolve().parents[3] / "fixtures"


def _shapes(path: Path) -> Path:
    """A page of lines, rects, open and closed curves, made with reportlab."""
    page = canvas.Canvas(str(path))
    page.line(10, 20, 300, 20.5)
    page.rect(40.25, 60, 120, 33.3, stroke=1, fill=1)
    page.bezier(10, 400, 60, 450, 110, 350, 160, 400)
    drawn = page.beginPath()
    drawn.moveTo(200, 200)
    drawn.lineTo(250, 260)
    drawn.curveTo(260, 270, 280, 250, 300, 200)
    drawn.close()
    drawn.moveTo(-0.0, 5)
    drawn.lineTo(7, 5)
    page.drawPath(drawn, stroke=1, fill=0)
    page.save()
    return path


def _paths(pdf: pdfium.PdfDocument, pages: list[pdfium.PdfPage]) -> Iterator[int]:
    """The address of every path object of every page, inside forms too (the pages kept
    open in pages while their objects are read)."""
    for page in pdf:
        pages.append(page)
        stack = [(page.raw, raw.FPDFPage_CountObjects(page.raw), raw.FPDFPage_GetObject)]
        while stack:
            holder, count, get = stack.pop()
            for index in range(count):
                obj = get(holder, index)
                kind = raw.FPDFPageObj_GetType(obj)
                if kind == raw.FPDF_PAGEOBJ_FORM:
                    stack.append(
                        (obj, raw.FPDFFormObj_CountObjects(obj), raw.FPDFFormObj_GetObject)
                    )
                elif kind == raw.FPDF_PAGEOBJ_PATH:
                    yield ctypes.cast(obj, ctypes.c_void_p).value or 0


def _files(tmp_path: Path) -> list[Path]:
    return [_shapes(tmp_path / "shapes.pdf"), *sorted(FIXTURES.rglob("*.pdf"))]


def test_read_at_once_equals_asked_one_by_one(tmp_path: Path) -> None:
    seen = 0
    for file in _files(tmp_path):
        try:
            pdf = pdfium.PdfDocument(str(file))
        except pdfium.PdfiumError:
            continue  # an encrypted or damaged fixture
        for path in _paths(pdf, []):
            count = pdfium_calls.COUNT_SEGMENTS(path)
            asked = pdfium_calls._asked_segments(path, count)
            assert pdfium_calls.path_segments(path, count) == asked
            seen += count
        pdf.close()
    assert seen > 20


def test_an_unexpected_layout_is_asked_one_by_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked: list[int] = []
    one_by_one = pdfium_calls._asked_segments

    def counted(path: int | None, count: int) -> tuple[list[int], list[int], list[float]]:
        asked.append(count)
        return one_by_one(path, count)

    monkeypatch.setattr(pdfium_calls, "_asked_segments", counted)
    pdf = pdfium.PdfDocument(str(_shapes(tmp_path / "shapes.pdf")))
    pages: list[pdfium.PdfPage] = []
    paths = list(_paths(pdf, pages))
    expected = [one_by_one(path, pdfium_calls.COUNT_SEGMENTS(path)) for path in paths]
    assert [pdfium_calls.path_segments(p, pdfium_calls.COUNT_SEGMENTS(p)) for p in paths] == (
        expected
    )
    assert asked == []  # the layout as expected: read at once
    monkeypatch.setattr(pdfium_calls, "_POINT_SIZE", 16)  # a layout other than PDFium's
    many = [p for p in paths if pdfium_calls.COUNT_SEGMENTS(p) > 1]
    assert [pdfium_calls.path_segments(p, pdfium_calls.COUNT_SEGMENTS(p)) for p in many] == [
        one_by_one(p, pdfium_calls.COUNT_SEGMENTS(p)) for p in many
    ]
    assert len(asked) == len(many) > 0
    pdf.close()
