"""PDF tables with horizontal rules only: columns found from the text, or the table refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from goaleditor.errors import InputError
from goaleditor.formats import read_document
from tests.compare import document_differences
from tests.fixtures.make_rule_only_pdfs import NAME, VARIANT
from tests.fixtures.make_ruled_pdfs import FONT
from tests.fixtures.make_writer_pdfs import expected
from tests.helpers import note_lines

FIXTURES = Path(__file__).resolve().parents[3] / "fixtures"
X = (60, 130, 200, 290, 420)  # the columns' text starts
HEAD = [["项目名称", "", "测试项目"], ["绩效目标", "", "完成测试"]]
HEADER = ["一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值"]
ROWS = [
    ["产出指标", "数量指标", "测试次数", "全年测试的次数", "≥12次"],
    ["", "质量指标", "合格率", "测试合格的比例", "≥95%"],
    ["效益指标", "社会效益指标", "服务提升", "服务水平的变化", "明显提升"],
]


def _draw(path: Path, rows: list[list[str]], ruled: set[int], partial: int = -1) -> None:
    """Rows of texts at the X columns (a head row's third text at the second column);
    a full-width rule above each row in ruled, and below the last; above row partial,
    a rule from the second column on (the first column's cell merged over both rows)."""
    from reportlab.pdfgen.canvas import Canvas

    canvas = Canvas(str(path), pagesize=(595, 842))
    canvas.setFont(FONT, 9)
    canvas.drawString(200, 800, "测试项目绩效目标表")
    y = 770.0
    for r, row in enumerate(rows):
        if r in ruled or r == partial:
            canvas.line(50 if r in ruled else X[1] - 5, y, 540, y)
        x = X if len(row) == len(X) else (X[0], 0, X[1])
        for at, text in zip(x, row, strict=True):
            if text:
                canvas.drawString(at, y - 13, text)
        y -= 20
    canvas.line(50, y, 540, y)
    canvas.save()


def test_a_writer_table_with_horizontal_rules_only_is_read_exactly() -> None:
    """Word borders top, bottom and between rows only, cells centred, printed by Writer;
    the second table runs over two pages, one row broken between them."""
    warnings: list[str] = []
    document = read_document(FIXTURES / f"{NAME}.pdf", note_lines(warnings))
    assert document_differences(expected(VARIANT), document) == []
    assert warnings == [
        f"第{n}页：表格没有竖线，已按文字的位置分列，请核对各列" for n in range(1, 5)
    ]


def test_rows_apart_are_read_column_by_column(tmp_path: Path) -> None:
    """A merged 一级 cell (no rule over its column) and left-aligned text at the columns."""
    path = tmp_path / "rows.pdf"
    _draw(path, [*HEAD, HEADER, *ROWS], {0, 1, 2, 3, 5}, partial=4)
    warnings: list[str] = []
    table = read_document(path, note_lines(warnings)).tables[0]
    assert (table.project_name, table.goal) == ("测试项目", "完成测试")
    got = [
        (l1.name, l2.name, i.name, i.description, i.comparator, i.value, i.unit)
        for l1 in table.children
        for l2 in l1.children
        for i in l2.children
    ]
    assert got == [
        ("产出指标", "数量指标", "测试次数", "全年测试的次数", "≥", "12", "次"),
        ("产出指标", "质量指标", "合格率", "测试合格的比例", "≥", "95", "%"),
        ("效益指标", "社会效益指标", "服务提升", "服务水平的变化", "定性", "明显提升", ""),
    ]
    assert warnings == ["第1页：表格没有竖线，已按文字的位置分列，请核对各列"]


def test_columns_without_a_gap_between_them_refuse_the_table(tmp_path: Path) -> None:
    """A description running up to the 指标值 column leaves no edge to tell them apart."""
    path = tmp_path / "touching.pdf"
    rows = [*ROWS]
    rows[1] = ["", "质量指标", "合格率", "测试合格的比例以及各项指标是否达标", "≥95%"]
    _draw(path, [*HEAD, HEADER, *rows], {0, 1, 2, 3, 4, 5})
    with pytest.raises(InputError) as caught:
        read_document(path)
    assert str(caught.value) == (
        "touching.pdf：第1页：表格没有竖线，无法分清各列；请导入原来的Word或Excel文件，"
        "或给表格加上框线后重新生成PDF"
    )


def test_a_three_line_table_refuses_its_rows(tmp_path: Path) -> None:
    """Rules above the table, under the header and at the bottom only: rows run together."""
    path = tmp_path / "three.pdf"
    _draw(path, [*HEAD, HEADER, *ROWS], {0, 1, 2, 3})
    with pytest.raises(InputError) as caught:
        read_document(path)
    assert str(caught.value) == (
        "three.pdf：第1页：表格的行之间没有横线，无法分清各行；请导入原来的Word或Excel文件，"
        "或给表格加上框线后重新生成PDF"
    )
