"""The printed workbook: numbered pages, a 目录 naming what the PDF's does, labels as laid out."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from goaleditor.formats.layout.contents import toc_pages
from goaleditor.formats.layout.fonts import HEI, SONG, TextWidth
from goaleditor.formats.layout.grid import BODY_SIZE, SHEET_GRID_ROW, TITLE_SIZE
from goaleditor.formats.layout.official import build_grid
from goaleditor.formats.writers.excel import TOC_SHEET, write
from goaleditor.formats.writers.pdf import layout_pages
from goaleditor.model.document import Document
from goaleditor.model.layouts import PROFILES

BODY, TITLE = TextWidth(SONG, BODY_SIZE), TextWidth(HEI, TITLE_SIZE)


def _export(document: Document, layout: str, path: Path):
    document.layout = layout
    write(document, path)
    return load_workbook(path)


@pytest.mark.parametrize("layout", sorted(PROFILES))
def test_every_sheet_numbers_its_pages_in_the_footer(
    tmp_path: Path, example_document: Document, layout: str
) -> None:
    book = _export(example_document, layout, tmp_path / "out.xlsx")
    assert len(book.worksheets) == 7
    for sheet in book.worksheets:
        footer = sheet.oddFooter.center
        assert "&P" in footer.text and "&N" in footer.text, sheet.title
        assert footer.text.replace("&P", "1").replace("&N", "7") == "第 1 页 / 共 7 页"


def _toc_entries(book) -> list[tuple[str, str]]:
    """The 目录's entries: (text, the sheet its link goes to)."""
    toc = book[TOC_SHEET]
    entries = []
    for row in toc.iter_rows(min_row=3, max_col=1):
        cell = row[0]
        if cell.value:
            target = cell.hyperlink.location or cell.hyperlink.target
            entries.append((cell.value, target.split("!")[0].strip("#'")))
    return entries


@pytest.mark.parametrize("layout", sorted(PROFILES))
def test_the_toc_names_each_table_as_the_pdf_toc_and_links_its_sheet(
    tmp_path: Path, example_document: Document, layout: str
) -> None:
    book = _export(example_document, layout, tmp_path / "out.xlsx")
    entries = _toc_entries(book)
    pdf_toc = [
        line
        for page in toc_pages(example_document, layout_pages(example_document), BODY, TITLE)
        for line in page
    ]
    pdf_entries: dict[int, str] = {}
    for line in pdf_toc:
        if line.page != -1:
            pdf_entries[line.table] = pdf_entries.get(line.table, "") + line.text
    assert [text for text, _ in entries] == [pdf_entries[n] for n in sorted(pdf_entries)]
    assert [sheet for _, sheet in entries] == book.sheetnames[1:]
    for number, ((text, sheet), table) in enumerate(
        zip(entries, example_document.tables, strict=True), 1
    ):
        title = book[sheet]["A1"].value
        printed = PROFILES[layout].title_of(number, table, example_document)
        assert title == printed
        if "{project}" in PROFILES[layout].title:  # the page's title names its table
            assert text == title
        else:  # a form's title (申报表) names no project: the 目录 entry does
            assert table.project_name in text and table.project_name not in title


def test_toc_entries_equal_the_sheet_titles_with_project_titles(
    tmp_path: Path, example_document: Document
) -> None:
    for layout in ("tianjin", "sichuan"):
        book = _export(example_document, layout, tmp_path / f"{layout}.xlsx")
        titles = [sheet["A1"].value for sheet in book.worksheets[1:]]
        assert [text for text, _ in _toc_entries(book)] == titles


@pytest.mark.parametrize("layout", sorted(PROFILES))
def test_each_toc_entry_is_the_title_its_pages_carry(
    tmp_path: Path, example_document: Document, layout: str
) -> None:
    """Shanghai's and central's pages carry the form's title: the entry says it, then names
    the project (财政项目支出绩效目标申报表（2026年度）（某项目）), not 1.某项目绩效目标表."""
    book = _export(example_document, layout, tmp_path / "out.xlsx")
    tables = example_document.tables
    for (text, sheet), table in zip(_toc_entries(book), tables, strict=True):
        title = book[sheet]["A1"].value.replace("\n", "")
        if "{project}" in PROFILES[layout].title:
            assert text == title
        else:
            assert text == f"{title}（{table.project_name}）"
    toc = toc_pages(example_document, layout_pages(example_document), BODY, TITLE)
    assert [line.text for line in toc[0][1:]][:1] == [_toc_entries(book)[0][0]]


@pytest.mark.parametrize("layout", sorted(PROFILES))
def test_label_cells_hold_the_lines_of_the_layout(
    tmp_path: Path, example_document: Document, layout: str
) -> None:
    book = _export(example_document, layout, tmp_path / "out.xlsx")
    sheet = book.worksheets[1]
    grid = build_grid(example_document, example_document.tables[0], 1, BODY, TITLE)
    wrapped = 0
    for row in grid.rows:
        for cell in row.cells:
            if cell.label:
                value = sheet.cell(row=SHEET_GRID_ROW + 1 + cell.row, column=cell.col + 1).value
                assert (value or "").split("\n") == cell.lines, (layout, cell.text)
                wrapped += len(cell.lines) > 1
    assert wrapped >= 1
