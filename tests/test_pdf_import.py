"""PDF import: text that runs past a cell's borders, as Calc and Excel print it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pdfplumber

from goaleditor.formats import read_document
from goaleditor.formats.pdf_grid import RuledTable, column_rows

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def test_calc_overflow_into_empty_cells_reads_the_whole_text() -> None:
    """A bordered table printed by LibreOffice Calc: long texts run over empty neighbours."""
    warnings: list[str] = []
    document = read_document(FIXTURES / "calc-overflow.pdf", warnings.append)
    table = document.tables[0]
    assert table.project_name == "2027年学生资助专项经费"
    assert table.fund_use == "用于家庭经济困难学生资助"
    assert table.goal == "资助家庭经济困难学生1200人次，确保应助尽助。"
    assert table.budget_total is not None and table.budget_fiscal is not None
    names = [i.name for l1 in table.children for l2 in l1.children for i in l2.children]
    assert names[:2] == ["资助学生人次", "资助学校覆盖率"] and len(names) == 9
    assert not [w for w in warnings if "边框" in w]


def _grid_pdf(path: Path, texts: list[tuple[float, int, str]]) -> None:
    """A ruled 3×3 table (columns 100 pt wide, rows 20 pt high) with texts at (x, row)."""
    from reportlab.pdfgen.canvas import Canvas

    canvas = Canvas(str(path), pagesize=(500, 300))
    left, top, width, height = 50, 250, 100, 20
    for c in range(4):
        canvas.line(left + c * width, top, left + c * width, top - 3 * height)
    for r in range(4):
        canvas.line(left, top - r * height, left + 3 * width, top - r * height)
    canvas.setFont("Helvetica", 10)
    for x, row, text in texts:
        canvas.drawString(x, top - (row + 1) * height + 6, text)
    canvas.save()


def _cells(path: Path) -> tuple[list[list[Any]], list[str]]:
    warnings: list[str] = []
    with pdfplumber.open(str(path)) as pdf:
        page = pdf.pages[0]
        grid = RuledTable(page.find_tables()[0])
        inside, outside = grid.split(list(page.chars), 1, warnings.append)
        assert outside == []
        return next(column_rows([grid.spans(inside)])), warnings


def test_a_run_into_an_empty_cell_belongs_to_the_cell_it_starts_in(tmp_path: Path) -> None:
    path = tmp_path / "empty.pdf"
    _grid_pdf(
        path, [(52, 0, "name"), (152, 0, "A long text running over the border"), (52, 1, "x")]
    )
    rows, warnings = _cells(path)
    assert rows[0] == ["name", "A long text running over the border", None]
    assert warnings == []


def test_a_run_into_a_filled_cell_is_split_there_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "filled.pdf"
    _grid_pdf(path, [(52, 1, "Overflowing text of the first"), (230, 1, "own")])
    rows, warnings = _cells(path)
    assert rows[1][0] == "Overflowing text of the"  # split at the border, as before
    assert rows[1][1] is not None and rows[1][1].startswith("first") and rows[1][1].endswith("own")
    assert warnings == ["第1页第2行：文字越过单元格边框，可能不完整"]


def test_a_run_past_the_tables_right_edge_joins_the_rows_last_cell(tmp_path: Path) -> None:
    path = tmp_path / "beyond.pdf"
    _grid_pdf(path, [(52, 2, "a"), (252, 2, "A text running past the right edge")])
    rows, warnings = _cells(path)
    assert rows[2] == ["a", None, "A text running past the right edge"]
    assert len(warnings) == 1 and warnings[0].startswith("第1页第3行：文字超出表格右边框")


def test_a_page_header_above_the_title_is_not_the_title() -> None:
    from goaleditor.formats.import_lines import document_title

    assert document_title(["同事", "2027年度项目支出绩效目标表"]) == "2027年度项目支出绩效目标表"
    assert document_title(["某单位部门预算公开", "目录"]) == "某单位部门预算公开"
