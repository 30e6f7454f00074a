"""Rows written as XML directly, and merged ranges written in one piece, make the very workbook
XlsxWriter's own calls make on its own sheets: every part of the file byte for byte (the core
properties hold the time of writing and are left out)."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest

from bench.common import big_document
from goaleditor.formats.exporting import ExportOptions
from goaleditor.formats.writers import excel
from goaleditor.formats.writers.excel_rows import ApiRows, DirectRows, Rows, rows_for
from goaleditor.formats.writers.excel_workbook import workbook
from goaleditor.model.document import Document, GoalTable, Indicator
from tests.fixtures.xlsx_reference.documents import GOAL_DOCUMENTS

# Text XlsxWriter escapes: XML's own characters, a literal _xHHHH_, a carriage return,
# whitespace at either end and a non-character. (XlsxWriter's rich-string shortcut, "<r>…</r>",
# is not copied: see test_text_that_looks_like_markup_stays_text.)
ESCAPED = [
    "a&b<c>d\"e'",
    "_x0041_ 与 _x00e9_",
    "回车\r换行",
    " 前导",
    "尾随\u3000",
    "\ufffe",
]


def _escapes() -> Document:
    rows = [("产出指标", "数量指标", Indicator(text, text, "≥", text, text)) for text in ESCAPED]
    table = GoalTable.from_rows(rows, project_name=ESCAPED[0], budget_total=Decimal("12.5"))
    return Document(agency_name="某&单位", year=2026, tables=[table])


def _merged() -> Document:
    document = big_document(3)
    document.merge_level2 = True
    return document


DOCUMENTS: dict[str, Callable[[], Document]] = {
    **GOAL_DOCUMENTS,
    "escapes": _escapes,
    "merged": _merged,
    **{
        f"big-{layout}": (lambda layout=layout: _in_layout(layout))  # type: ignore[misc]
        for layout in ("tianjin", "shanghai", "central", "sichuan")
    },
}


def _in_layout(layout: str) -> Document:
    document = big_document(4)
    document.layout = layout
    return document


def _parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {
            name: archive.read(name)
            for name in archive.namelist()
            if name != "docProps/core.xml"  # its creation time
        }


def _export(path: Path, document: Document, direct: bool, **options: object) -> dict[str, bytes]:
    """The export's workbook; not direct: every cell by XlsxWriter's calls, on its own sheets."""
    with workbook(path, stock_sheets=not direct) as book:
        excel.fill(book, document, options=ExportOptions(**options), direct=direct)  # type: ignore[arg-type]
    return _parts(path)


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_direct_rows_make_the_same_workbook(tmp_path: Path, name: str) -> None:
    document = DOCUMENTS[name]()
    direct = _export(tmp_path / "direct.xlsx", document, True)
    through_calls = _export(tmp_path / "calls.xlsx", document, False)
    assert direct.keys() == through_calls.keys()
    for part, data in through_calls.items():
        assert direct[part] == data, part


def test_direct_rows_make_the_same_review_sheets(tmp_path: Path) -> None:
    document = GOAL_DOCUMENTS["example"]()
    direct = _export(tmp_path / "direct.xlsx", document, True, review_sheet="all")
    assert direct == _export(tmp_path / "calls.xlsx", document, False, review_sheet="all")


def _sheet_rows(path: Path, write: Callable[[Rows, object], None], direct: bool) -> bytes:
    with workbook(path, stock_sheets=not direct) as book:
        sheet = book.add_worksheet("表")
        rows = rows_for(sheet, direct)
        assert isinstance(rows, DirectRows if direct else ApiRows)
        write(rows, book.add_format({"bold": True}))
    return _parts(path)["xl/worksheets/sheet1.xml"]


def test_rows_of_every_kind_are_written_alike(tmp_path: Path) -> None:
    """Rows without cells, a hidden row (height 0), the default height, numbers of both kinds,
    a blank, a cell written twice (the last wins) and cells given out of column order."""

    def write(rows: Rows, bold: object) -> None:
        rows.start(0, 30)
        rows.start(2, 0)
        rows.text(3, "后", bold)
        rows.text(1, "前", bold)
        rows.start(3, 15)  # Excel's default height: no height written
        rows.number(0, Decimal("1234.50"), bold)
        rows.number(5, 0.1, bold)
        rows.blank(2, bold)
        rows.text(2, "覆盖", bold)
        rows.start(5, 20)  # no cells, after a row with cells: XlsxWriter writes no such row
        rows.start(7, 12.3)
        rows.finish()

    direct = _sheet_rows(tmp_path / "direct.xlsx", write, True)
    assert direct == _sheet_rows(tmp_path / "calls.xlsx", write, False)
    assert b'<dimension ref="A1:F8"/>' in direct


def test_a_row_is_never_written_twice(tmp_path: Path) -> None:
    with workbook(tmp_path / "x.xlsx") as book:
        rows = rows_for(book.add_worksheet("表"))
        rows.start(3, 20)
        with pytest.raises(ValueError):
            rows.start(3, 20)
        with pytest.raises(ValueError):
            rows.start(1, 20)
        rows.finish()


MARKUP = ["<r>x</r>", "<r><t>注入</t></r>", "<r></r>"]


def test_text_that_looks_like_markup_stays_text(tmp_path: Path) -> None:
    """XlsxWriter writes a string "<r>…</r>" unescaped, as rich-string XML: user text would be
    markup ("<r>x</r>" an empty cell). The export and put_text's users keep it as text."""
    import openpyxl

    from goaleditor.formats.writers.excel_workbook import put_text

    rows = [("产出指标", "数量指标", Indicator(text, "", "≥", "1", "个")) for text in MARKUP]
    table = GoalTable.from_rows(rows, project_name=MARKUP[1])
    path = tmp_path / "markup.xlsx"
    excel.write(Document(agency_name=MARKUP[0], year=2026, tables=[table]), path)
    values = {c.value for row in openpyxl.load_workbook(path).active.iter_rows() for c in row}
    assert set(MARKUP) <= values

    for direct in (True, False):
        calls = tmp_path / f"calls-{direct}.xlsx"
        with workbook(calls, stock_sheets=not direct) as book:
            sheet = book.add_worksheet("表")
            for row, text in enumerate(MARKUP):
                put_text(sheet, row, 0, text, book.add_format({}))
        sheet_values = [c.value for c in openpyxl.load_workbook(calls).active["A"]]
        assert sheet_values == MARKUP
