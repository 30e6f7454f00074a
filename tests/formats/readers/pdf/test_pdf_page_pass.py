"""One pass over the pages reads the pages a look at every page and then a reading read:
from the first goal-table page to the last (with a few before, for the title) and those
after it that go on, in order, each once; and with the same result."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pytest

from bench.common import big_document
from goaleditor.formats import read_document
from goaleditor.formats.readers.pdf import page_source, reader
from goaleditor.formats.readers.pdf.radicals import ideographs
from goaleditor.formats.writers.pdf import write as write_pdf


def _text_pages(path: Path, count: int) -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen.canvas import Canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    canvas = Canvas(str(path), pagesize=(595, 842))
    for n in range(count):
        canvas.setFont("STSong-Light", 12)
        canvas.drawString(72, 760, f"部门预算说明 第{n + 1}部分")
        canvas.drawString(72, 740, "本部分说明部门收支情况。")
        canvas.showPage()
    canvas.save()


def _composed(folder: Path, parts: list[tuple[str, int]]) -> Path:
    """A PDF of goal-table exports ("tables", n tables) and text pages ("text", n pages)."""
    out = pdfium.PdfDocument.new()
    for number, (kind, n) in enumerate(parts):
        part = folder / f"part{number}.pdf"
        if kind == "tables":
            document = big_document(n)
            for table in document.tables:
                table.project_name = f"{table.project_name}{number}"
            write_pdf(document, part)
        else:
            _text_pages(part, n)
        source = pdfium.PdfDocument(str(part))
        out.import_pages(source)
        source.close()
    path = folder / "composed.pdf"
    out.save(str(path))
    out.close()
    return path


def _expected_order(path: Path) -> list[int]:
    """The pages (from 1) read by a look at every page, then a reading: the cover and up to
    three pages before the first marked page, the first to the last marked, and the page
    after it (text here: it does not go on, but is read)."""
    pdf = pdfium.PdfDocument(str(path))
    marked = []
    for index in range(len(pdf)):
        page = pdf[index]
        textpage = page.get_textpage()
        squeezed = ideographs(re.sub(r"\s+", "", textpage.get_text_range()))
        textpage.close()
        page.close()
        if "一级指标" in squeezed:
            marked.append(index)
    count = len(pdf)
    pdf.close()
    first, last = marked[0], marked[-1]
    leading = sorted({0, *range(max(0, first - 3), first)} - {first})
    return [n + 1 for n in [*leading, *range(first, min(last + 2, count))]]


@pytest.mark.parametrize(
    "parts",
    [
        [("text", 5), ("tables", 2), ("text", 2), ("tables", 1), ("text", 3)],
        [("tables", 1), ("text", 1), ("tables", 2)],
        [("text", 1), ("tables", 2), ("text", 4)],
        [("tables", 1)],
    ],
    ids=["between-and-after", "tables-first-and-last", "cover", "tables-only"],
)
def test_the_pages_read_are_a_look_then_a_readings(
    tmp_path: Path, parts: list[tuple[str, int]], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _composed(tmp_path, parts)
    read: list[int] = []
    real = reader._page_blocks

    def spy(page: Any, number: int, *rest: Any) -> Any:
        read.append(number)
        return real(page, number, *rest)

    loaded_again: list[int] = []  # pages loaded by PDFium a second time (not in the look)
    fresh = page_source.PdfiumPages.page

    def spy_fresh(self: page_source.PdfiumPages, index: int) -> Any:
        loaded_again.append(index + 1)
        return fresh(self, index)

    monkeypatch.setattr(reader, "_page_blocks", spy)
    monkeypatch.setattr(page_source.PdfiumPages, "page", spy_fresh)
    document = read_document(path)
    assert read == _expected_order(path)
    assert len(document.tables) == sum(n for kind, n in parts if kind == "tables")
    # a page is loaded again only to be read after the look has passed it: one before the
    # first goal table (the cover, a 目录), or one skipped while the reading paused
    assert sorted(set(loaded_again)) == loaded_again
    assert set(loaded_again) <= set(read)
    if len(parts) == 1:  # one goal table (no 目录): each page read as the look loads it
        assert loaded_again == []
