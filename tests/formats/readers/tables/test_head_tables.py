"""The agency and 单位 lines typed in a borderless table above each Word goal table are that
table's lines, not a table of their own nor a continuation of the table before."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import docx

from goaleditor.formats.readers.tables.text_lines import head_lines
from goaleditor.formats.registry import read_document
from tests.helpers import note_lines

HEADER = ["一级指标", "二级指标", "三级指标", "指标值"]


def _word(path: Path, units: list[tuple[str, str, str]]) -> Path:
    """python-docx: per project a title, a 1×2 borderless table (单位名称 | 单位), a goal table."""
    word = docx.Document()
    word.add_paragraph("2026年项目支出绩效目标表")
    for project, unit, total in units:
        word.add_paragraph(f"{project}绩效目标表")
        lines = word.add_table(rows=1, cols=2)  # python-docx's default table has no borders
        lines.cell(0, 0).text, lines.cell(0, 1).text = "单位名称：某某局", f"单位：{unit}"
        rows = [
            ["项目名称", project, "", ""],
            ["预算数", total, "", ""],
            ["绩效目标", "完成", "", ""],
            HEADER,
            ["产出指标", "数量指标", "台数", "=3台"],
        ]
        table = word.add_table(rows=len(rows), cols=4)
        table.style = "Table Grid"
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                table.cell(r, c).text = value
    word.save(str(path))
    return path


def test_each_tables_own_borderless_unit_line_gives_its_unit(tmp_path: Path) -> None:
    path = _word(tmp_path / "a.docx", [("甲项目", "万元", "6.3"), ("乙项目", "元", "63000")])
    notes: list[str] = []
    document = read_document(path, note_lines(notes))
    assert (document.title, document.agency_name) == ("2026年项目支出绩效目标表", "某某局")
    assert [(t.project_name, t.money_unit, t.budget_total) for t in document.tables] == [
        ("甲项目", "万元", Decimal("6.30")),
        ("乙项目", "元", Decimal("63000.00")),
    ]
    assert [
        [(l1, l2, i.name, i.comparator, i.value, i.unit) for l1, l2, i in t.indicator_rows()]
        for t in document.tables
    ] == [[("产出指标", "数量指标", "台数", "=", "3", "台")]] * 2
    assert notes == []


def test_what_counts_as_a_table_of_head_lines() -> None:
    assert head_lines([["单位名称：某某局", None, "单位：万元"]])
    assert head_lines([["编制单位：某某局"], ["金额单位：元"]])
    assert not head_lines([["单位名称：某某局", "单位：万元"]] * 4)  # too long for head lines
    assert not head_lines([["产出指标", "数量指标", "台数", "3台"]])
    assert not head_lines([["单位：万元", "a", "b", "c", "d"]])  # a row of a table
    assert not head_lines([])
