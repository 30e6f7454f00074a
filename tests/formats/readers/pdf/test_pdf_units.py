"""One 金额单位 line atop a PDF: the first table's own, the later tables read in it, said once
each by the line's page and words (not a row number no clerk can find on a page)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from goaleditor.formats import read_document
from goaleditor.model.document import Document
from tests.compare import document_differences
from tests.fixtures.make_ruled_pdfs import Page, draw, head_rows, indicator_rows
from tests.fixtures.make_writer_pdfs import UNIT_ONCE, expected
from tests.formats.readers.pdf.test_pdf_page_breaks import _budget_rows, _project
from tests.helpers import note_lines

FIXTURES = Path(__file__).resolve().parents[3] / "fixtures"
PROJECTS = (("泵站维护项目", "120.00"), ("河道保洁项目", "80.00"), ("水闸检修项目", "60.00"))
SAID = "本表没有写金额单位，按第1页“单位：万元”一行，按万元读取"


def _pages(first_lines: list[str], footer: str = "") -> list[Page]:
    pages = []
    for n, (name, total) in enumerate(PROJECTS):
        page = Page(lines=first_lines if n == 0 else [], footer=footer)
        _, rows = _project(name, 4)
        head = head_rows(name, f"{name}按期完成。")
        page.rows = [head[0], *_budget_rows(total), *head[1:], *indicator_rows(rows, page.widths)]
        pages.append(page)
    return pages


def _read(path: Path, pages: list[Page]) -> tuple[Document, list[str]]:
    draw(path, pages)
    warnings: list[str] = []
    document = read_document(path, note_lines(warnings))
    assert [t.money_unit for t in document.tables] == ["万元"] * len(PROJECTS)
    assert [t.budget_total for t in document.tables] == [Decimal(t) for _, t in PROJECTS]
    return document, warnings


def test_lines_before_the_first_table_are_its_own_whatever_stands_between(
    tmp_path: Path,
) -> None:
    """A 说明 line between the unit and the table was taken for a table of its own (skipped,
    said) and the first table said to have no unit, by a row number."""
    lines = ["2026年项目支出绩效目标表", "单位：万元", "说明：金额均为财政拨款"]
    _, warnings = _read(tmp_path / "note.pdf", _pages(lines))
    assert warnings == [f"第2页第1行：{SAID}", f"第3页第1行：{SAID}"]


def test_a_unit_on_a_cover_page_is_named_by_that_page(tmp_path: Path) -> None:
    """The cover's lines go with the first table (on page 2): the note names page 1."""
    cover = Page(lines=["某区水务局", "2026年项目支出绩效目标", "单位：万元"], rows=[])
    _, warnings = _read(tmp_path / "cover.pdf", [cover, *_pages([])])
    assert warnings == [f"第3页第1行：{SAID}", f"第4页第1行：{SAID}"]


def test_a_footer_on_every_page_is_no_table(tmp_path: Path) -> None:
    """填表人 under a page's table goes with the next page's lines: not a table, no note."""
    pages = _pages([], footer="填表人：张三")
    for page in pages:
        page.lines = ["单位：万元"]
    _, warnings = _read(tmp_path / "footers.pdf", pages)
    assert warnings == []


def test_a_writer_pdf_with_one_unit_line_atop(tmp_path: Path) -> None:
    """Printed by LibreOffice from python-docx (make_writer_pdfs.py, UNIT_ONCE)."""
    warnings: list[str] = []
    document = read_document(FIXTURES / f"{UNIT_ONCE.name}.pdf", note_lines(warnings))
    wanted = expected(UNIT_ONCE)
    for table in wanted.tables:
        table.money_unit = "万元"  # the amounts as written, in the unit the line states
    assert document_differences(document, wanted) == []
    assert warnings == [f"第3页第2行：{SAID}", f"第4页第2行：{SAID}"]
