"""Amounts (and any cell holding one number) print whole on one line, smaller when they must.

A user test found 其他资金 23456789.00 printed as "23456789.0" over "0" in the Tianjin PDF.
"""

from __future__ import annotations

import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from lxml import etree

from goaleditor.formats.layout import grid as layout_grid
from goaleditor.formats.layout import official, pagination
from goaleditor.formats.layout.fonts import HEI, SONG, TextWidth
from goaleditor.formats.layout.grid import BODY_SIZE, MONEY_MIN_SIZE, PAD_X, TABLE_WIDTH
from goaleditor.formats.layout.official import build_grid
from goaleditor.model.document import Document, GoalTable, Indicator
from goaleditor.model.fields import MONEY_FIELDS
from goaleditor.model.layouts import PROFILES
from tests.formats.writers.test_pdf import needs_poppler, poppler

AMOUNTS = ("23456789.00", "100000000.00", "999999999999999.99")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _document(layout_name: str, amount: str) -> Document:
    rows = [("产出指标", "数量指标", Indicator("人数", "发放人数", "≥", "123456789012", "人"))]
    table = GoalTable.from_rows(rows, project_name="资金项目")
    for name in MONEY_FIELDS:
        setattr(table, name, Decimal(amount))
    return Document(tables=[table], layout=layout_name, year=2026)


def _grid(document: Document) -> layout_grid.TableGrid:
    body, title = TextWidth(SONG, BODY_SIZE), TextWidth(HEI, 16.0)
    return build_grid(document, document.tables[0], 1, body, title)


def _printed(amount: str, thousands: bool) -> str:
    return f"{Decimal(amount):,.2f}" if thousands else amount


@pytest.mark.parametrize("name", sorted(PROFILES))
@pytest.mark.parametrize("amount", AMOUNTS)
def test_money_cells_have_one_line_that_fits(name: str, amount: str) -> None:
    grid = _grid(_document(name, amount))
    body = TextWidth(SONG, BODY_SIZE)
    cells = [c for row in grid.rows for c in row.cells if c.field in MONEY_FIELDS]
    assert cells
    for cell in cells:
        assert cell.text == _printed(amount, grid.thousands)
        assert cell.lines == [cell.text]
        size = cell.size or BODY_SIZE
        assert MONEY_MIN_SIZE <= size <= BODY_SIZE
        assert body(cell.text) * size / BODY_SIZE <= grid.span_width(cell) - 2 * PAD_X
    for page in pagination.paginate(grid):
        for placed in page.cells:
            if placed.cell is not None and placed.cell.field in MONEY_FIELDS:
                assert placed.lines == [placed.cell.text]
                assert placed.size == (placed.cell.size or BODY_SIZE)


def test_the_widest_amount_fits_the_narrowest_money_cell_of_every_layout() -> None:
    body = TextWidth(SONG, BODY_SIZE)
    widest = body("999,999,999,999,999.99")
    for profile in PROFILES.values():
        widths = [TABLE_WIDTH * f for f in profile.column_fractions]
        for row in profile.head_rows:
            for slot in row:
                if slot.field in MONEY_FIELDS:
                    room = sum(widths[slot.col : slot.col + slot.colspan]) - 2 * PAD_X
                    assert widest * MONEY_MIN_SIZE / BODY_SIZE <= room, (profile.name, slot)


def test_a_long_number_in_an_indicator_value_cell_is_smaller_not_broken() -> None:
    grid = _grid(_document("sichuan", "1.00"))
    value = next(c for r in grid.rows for c in r.cells if c.field == "indicator.value")
    assert value.text == "123456789012" and value.lines == [value.text]
    assert value.size is not None and value.size < BODY_SIZE


def test_text_and_overlong_numbers_still_wrap_at_body_size() -> None:
    body = TextWidth(SONG, BODY_SIZE)
    assert official.number_size("通过多种用工人员经费发放准确的人数", 40, body, False) is None
    assert official.number_size("1" * 60, 40, body, False) is None  # under NUMBER_FLOOR: wraps
    assert official.number_size("1" * 60, 40, body, True) is None  # under MONEY_MIN_SIZE too


@needs_poppler
@pytest.mark.parametrize("name", sorted(PROFILES))
def test_pdf_prints_each_amount_unbroken(tmp_path: Path, name: str) -> None:
    from goaleditor.formats.writers.pdf import write

    for amount in AMOUNTS:
        document = _document(name, amount)
        out = tmp_path / f"{name}-{amount}.pdf"
        write(document, out)
        text = poppler("pdftotext", "-raw", out, "-")
        printed = _printed(amount, PROFILES[name].thousands)
        lines = [line.strip() for line in text.splitlines()]
        assert sum(line.count(printed) for line in lines) >= 3, (printed, text)
        assert "123456789012" in text


@pytest.mark.parametrize("name", ["tianjin", "sichuan"])
def test_docx_money_cell_is_one_run_at_the_smaller_size(tmp_path: Path, name: str) -> None:
    from goaleditor.formats.writers.word import write

    amount = "999999999999999.99"
    out = tmp_path / "m.docx"
    write(_document(name, amount), out)
    with zipfile.ZipFile(out) as archive:
        root = etree.fromstring(archive.read("word/document.xml"))
    sizes = []
    for cell in root.iter(f"{W}tc"):
        runs = list(cell.iter(f"{W}r"))
        if "".join(t.text or "" for t in cell.iter(f"{W}t")) == amount:
            assert len(runs) == 1
            sizes.append(int(runs[0].find(f"{W}rPr/{W}sz").get(f"{W}val")) / 2)
    assert len(sizes) == 3 and all(MONEY_MIN_SIZE <= s < BODY_SIZE for s in sizes)


def test_xlsx_money_cell_shrinks_to_fit_at_the_grids_size(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from goaleditor.formats.writers.excel import write

    out = tmp_path / "m.xlsx"
    write(_document("tianjin", "23456789.00"), out)
    sheet = load_workbook(out).worksheets[0]
    other = sheet["G4"]  # 其他资金
    assert other.value == Decimal("23456789") or other.value == 23456789
    assert other.alignment.shrink_to_fit and not other.alignment.wrap_text
    assert other.font.size < BODY_SIZE
