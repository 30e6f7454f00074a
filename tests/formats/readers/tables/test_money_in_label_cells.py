"""Amounts written with their label in one cell (预算数：120) are read, and said, not dropped."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import docx
from openpyxl import Workbook

from goaleditor.formats import read_document
from tests.helpers import note_lines

HEAD = [
    ["项目名称", "测试项目"],
    ["预算数：120", "其中：财政资金：100", "其他资金：20"],
    ["资金用途", "用于测试"],
    ["绩效目标", "完成测试"],
    ["一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值"],
    ["产出指标", "数量指标", "检查次数", "检查次数", "≥12次"],
]


def _amounts(path: Path) -> tuple[object, ...]:
    lines: list[str] = []
    table = read_document(path, note_lines(lines)).tables[0]
    assert any("金额和它的名称写在同一格" in line for line in lines), lines
    return (table.money_unit, table.budget_total, table.budget_fiscal, table.budget_other)


def test_a_workbook_with_label_and_amount_in_one_cell(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    for row in [["1.测试项目绩效目标表"], ["单位：万元"], *HEAD]:
        sheet.append(row)
    path = tmp_path / "one-cell.xlsx"
    book.save(path)
    assert _amounts(path) == ("万元", Decimal("120"), Decimal("100"), Decimal("20"))


def test_a_word_table_with_amounts_written_in_wan_yuan_beside_their_labels(
    tmp_path: Path,
) -> None:
    document = docx.Document()
    document.add_paragraph("1.测试项目绩效目标表")
    document.add_paragraph("单位：元")
    rows = [
        [c.replace("：120", "：120万元").replace("：100", "：100万元") for c in r] for r in HEAD
    ]
    rows[1][2] = "其他资金：20万元"
    table = document.add_table(rows=len(rows), cols=5)
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    path = tmp_path / "one-cell.docx"
    document.save(path)
    unit, *amounts = _amounts(path)
    # 120万元 in a 元 table is 1,200,000 元
    assert (unit, *amounts) == ("元", Decimal("1200000"), Decimal("1000000"), Decimal("200000"))
