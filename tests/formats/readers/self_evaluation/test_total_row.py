"""A 总分 row that is not the last row of a 自评表's indicators."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl

from goaleditor.formats.readers.self_evaluation.table import EvaluatedTable, read_self_evaluation
from goaleditor.formats.readers.tables.table_reader import SheetReader

FIXTURE = Path(__file__).parents[3] / "fixtures" / "self_evaluation" / "central-clerk.xlsx"


def _rows() -> list[list[Any]]:
    book = openpyxl.load_workbook(FIXTURE)
    return [[cell.value for cell in row] for row in book["表1"].iter_rows()]


def _read(rows: list[list[Any]]) -> tuple[EvaluatedTable, list[str]]:
    reader = SheetReader(rows, "表1")
    reader.read_self_evaluation = read_self_evaluation
    (found,) = reader.tables()
    assert isinstance(found, EvaluatedTable)
    return found, [str(note) for note in reader.notes]


def test_indicators_below_a_total_row_in_the_middle_are_read_and_said() -> None:
    rows = _rows()
    middle = [None, "总分", None, None, None, None, 50, 47.45, None, None]
    rows.insert(16, middle)  # between 运维成本 (Excel row 16) and the 效益指标 rows
    item, notes = _read(rows)
    names = [i.name for _, _, i in item.table.indicator_rows()]
    assert names == [
        "运维服务器数量",
        "系统可用率",
        "故障响应时间",
        "运维成本",
        "对政务业务的支撑作用",
        "数据备份完整率",
        "使用单位满意度",
    ]
    assert item.total is not None and item.total.number == Decimal("96.97")  # the last 总分
    assert "工作表“表1”第18行：总分行下面还有指标，照样读取（总分行应在全部指标之后）" in notes


def test_a_text_merged_across_the_row_below_the_total_ends_the_indicators() -> None:
    rows = _rows()
    rows.append(["说明：本表由单位自评"] * 10)
    item, notes = _read(rows)
    assert len(list(item.table.indicator_rows())) == 7
    assert not [n for n in notes if "总分行下面" in n]
