"""Money labels that carry their unit (预算数（万元）, 财政资金(元)) are read, amount and unit."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import docx
import xlsxwriter
from openpyxl import Workbook

from goaleditor.formats import read_document
from tests.helpers import note_lines

INDICATORS = [
    ["一级指标", "二级指标", "三级指标", "指标值"],
    ["产出指标", "数量指标", "补贴发放人数", "≥3000人"],
]


def _rows(total: str, fiscal: str, other: str) -> list[list[str]]:
    return [
        ["1.养老服务补贴项目绩效目标表"],
        ["单位名称", "319105天津市滨海新区民政局养老服务中心"],
        ["项目名称", "养老服务补贴项目"],
        [total, "120.50", fiscal, "100.50", other, "20"],
        *INDICATORS,
    ]


def _read(path: Path) -> tuple[tuple[object, ...], list[str]]:
    lines: list[str] = []
    table = read_document(path, note_lines(lines)).tables[0]
    money = (table.money_unit, table.budget_total, table.budget_fiscal, table.budget_other)
    return money, lines


def _openpyxl(path: Path, rows: list[list[str]]) -> Path:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


def _xlsxwriter(path: Path, rows: list[list[str]]) -> Path:
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet()
    for r, row in enumerate(rows):
        sheet.write_row(r, 0, row)
    book.close()
    return path


def _docx(path: Path, rows: list[list[str]]) -> Path:
    document = docx.Document()
    document.add_paragraph(rows[0][0])
    table = document.add_table(rows=len(rows) - 1, cols=6)
    for r, row in enumerate(rows[1:]):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    document.save(path)
    return path


def test_a_hand_made_sheet_reads_the_budget_beside_its_label_in_wan_yuan(tmp_path: Path) -> None:
    rows = _rows("预算数（万元）", "财政资金", "其他资金")
    for make in (_openpyxl, _xlsxwriter):
        money, lines = _read(make(tmp_path / f"{make.__name__}.xlsx", rows))
        assert money == ("万元", Decimal("120.50"), Decimal("100.50"), Decimal("20")), lines


def test_every_money_label_may_carry_its_unit_in_either_bracket(tmp_path: Path) -> None:
    rows = _rows("预算数(元)", "财政资金（元）", "其他资金（单位：元）")
    for make, suffix in ((_openpyxl, "xlsx"), (_docx, "docx")):
        money, lines = _read(make(tmp_path / f"{make.__name__}.{suffix}", rows))
        assert money == ("元", Decimal("120.50"), Decimal("100.50"), Decimal("20")), lines


def test_a_label_unit_against_the_tables_unit_is_said(tmp_path: Path) -> None:
    rows = _rows("预算数（元）", "财政资金", "其他资金")
    rows.insert(1, ["单位：万元"])
    money, lines = _read(_openpyxl(tmp_path / "clash.xlsx", rows))
    assert money == ("万元", Decimal("120.50"), Decimal("100.50"), Decimal("20"))
    assert any("预算数的标签写“元”" in line for line in lines), lines


def test_a_hand_made_head_reads_the_goal_beside_its_overall_label(tmp_path: Path) -> None:
    rows = _rows("预算数（万元）", "财政资金", "其他资金")
    rows.insert(4, ["总体目标", "为辖区老年人提供养老服务补贴。"])
    for make, suffix in ((_openpyxl, "xlsx"), (_docx, "docx")):
        path = make(tmp_path / f"{make.__name__}.{suffix}", rows)
        assert read_document(path).tables[0].goal == "为辖区老年人提供养老服务补贴。"
