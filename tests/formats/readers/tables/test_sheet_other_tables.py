"""Tables that are not 项目支出绩效目标表 (自评表, 部门整体, budget tables) beside goal tables."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook

from goaleditor.errors import InputError
from goaleditor.formats.readers.sheets.xlsx import read
from tests.helpers import note_lines

GOAL_HEADER = ["一级指标", "二级指标", "三级指标", "指标值"]
GOAL_ROWS = [
    ["产出指标", "数量指标", "培训人次", "≥200人次"],
    ["满意度指标", "服务对象满意度指标", "学员满意度", "≥90%"],
]


def goal_table(unit_line: list[Any]) -> list[list[Any]]:
    """A goal table whose agency and unit line is unit_line."""
    return [
        ["1.2026年干部培训经费绩效目标表"],
        unit_line,
        ["项目名称", "2026年干部培训经费"],
        ["预算规模及资金用途", "预算数", 50000, "其中：财政资金", 50000],
        ["绩效目标", "完成年度培训"],
        GOAL_HEADER,
        *GOAL_ROWS,
    ]


def self_eval(project: str) -> list[list[Any]]:
    """A 项目支出绩效自评表 without 自评 in any line: only its columns tell."""
    return [
        ["（2025年度）", None, None, None, None, "单位：万元"],
        ["项目名称", project],
        ["项目资金", "年初预算数", "全年执行数", "执行率"],
        ["年度资金总额", 30, 29.5, "98.3%"],
        ["一级指标", "二级指标", "三级指标", "年度指标值", "实 际 完 成 值", "偏差原因分析"],
        ["产出指标", "数量指标", "培训人次", "≥200人次", "210人次", None],
    ]


def save(path: Path, sheets: dict[str, list[list[Any]]]) -> Path:
    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def test_self_evaluation_stacked_above_a_goal_table_is_skipped_and_said(tmp_path: Path) -> None:
    rows = [*self_eval("2025年干部培训经费"), [], [], *goal_table(["单位：元"])]
    warnings: list[str] = []
    doc = read(save(tmp_path / "a.xlsx", {"决算": rows}), note_lines(warnings))
    assert [t.project_name for t in doc.tables] == ["2026年干部培训经费"]
    table = doc.tables[0]
    assert (table.money_unit, table.budget_total) == ("元", Decimal("50000.00"))
    assert [i.name for _, _, i in table.indicator_rows()] == ["培训人次", "学员满意度"]
    assert warnings == [  # one of each kind: the goal table wins the tie (issue 24)
        "工作表“决算”第2行：这张表是绩效自评表（2025年干部培训经费），已跳过："
        "本文件绩效目标表较多，按绩效目标表打开（一个文档只有一种表）",
    ]


def test_a_workbook_of_self_evaluations_only_opens_as_a_self_evaluation(tmp_path: Path) -> None:
    """Once refused; issue 24 opens it as a 自评表 document (tests/formats/readers/
    self_evaluation/ reads the forms in full)."""
    rows = [["2025年度项目支出绩效自评表"], *self_eval("甲项目"), [], *self_eval("乙项目")]
    doc = read(save(tmp_path / "b.xlsx", {"自评": rows}))
    assert doc.kind == "self-evaluation"
    assert [t.project_name for t in doc.tables] == ["甲项目", "乙项目"]
    assert [i.actual for _, _, i in doc.tables[1].indicator_rows()] == ["210人次"]


def test_a_department_whole_sheet_is_named_when_skipped(tmp_path: Path) -> None:
    whole = [
        ["2026年部门整体支出绩效目标表"],
        ["部门名称", "某某区政务服务办公室"],
        ["年度主要任务", "任务名称", "预算数"],
        [None, "政务服务", 300],
        ["年度绩效指标", "一级指标", "二级指标", "三级指标", "指标值"],
    ]
    warnings: list[str] = []
    path = save(tmp_path / "c.xlsx", {"整体": whole, "项目": goal_table(["单位：元"])})
    doc = read(path, note_lines(warnings))
    assert len(doc.tables) == 1
    assert warnings == ["工作表“整体”是部门整体支出绩效目标表，不是绩效目标表，已跳过"]
    with pytest.raises(InputError, match="这是部门整体支出绩效目标表，不是项目支出绩效目标表"):
        read(save(tmp_path / "d.xlsx", {"整体": whole}))


def test_a_budget_table_above_lends_neither_unit_nor_agency(tmp_path: Path) -> None:
    """The 三公 table's 万元 and 编制部门 line stay its own; the goal table's own line counts."""
    budget = [
        ["某某区2026年部门预算"],
        ["三公经费预算表"],
        ["编制部门：某某区政务服务办公室", None, None, "金额单位：万元"],
        ["合计", "因公出国（境）费", "公务接待费", "公务用车运行费"],
        [6.8, 0, 1.2, 5.6],
        [],
    ]
    own = ["编制单位：319101某某区政务服务办公室", None, None, None, "（元）"]
    warnings: list[str] = []
    doc = read(
        save(tmp_path / "e.xlsx", {"预算": [*budget, *goal_table(own)]}), note_lines(warnings)
    )
    table = doc.tables[0]
    assert (table.money_unit, table.budget_total, table.budget_fiscal) == (
        "元",
        Decimal("50000.00"),
        Decimal("50000.00"),
    )
    assert (doc.agency_code, doc.agency_name) == ("319101", "某某区政务服务办公室")
    assert table.project_name == "2026年干部培训经费"
    assert warnings == ["工作表“预算”第4行起的表格不是绩效目标表，已跳过"]


def test_a_project_budget_table_with_a_project_name_column_is_not_borrowed(
    tmp_path: Path,
) -> None:
    """项目支出预算表 has a 项目名称 column: the goal table below keeps its own lines."""
    budget = [
        ["项目支出预算表"],
        ["编制部门：某某区政务服务办公室", None, None, "单位：万元"],
        ["序号", "项目名称", "预算数", "其中：财政拨款"],
        [1, "2026年干部培训经费", 5, 5],
        ["注：本表按项目列示"],
    ]
    own = ["编制部门：某某区政务服务办公室", None, None, None, "单位：元"]
    warnings: list[str] = []
    doc = read(
        save(tmp_path / "f.xlsx", {"Sheet1": [*budget, *goal_table(own)]}), note_lines(warnings)
    )
    table = doc.tables[0]
    assert (table.money_unit, table.budget_total) == ("元", Decimal("50000.00"))
    assert (doc.agency_code, doc.agency_name) == ("", "某某区政务服务办公室")
    assert warnings == ["工作表“Sheet1”第3行起的表格不是绩效目标表，已跳过"]


def test_a_department_whole_table_stacked_above_is_named(tmp_path: Path) -> None:
    """No 项目名称 in it: it is only a block above the goal table, named by its title."""
    whole = [
        ["某某区政务服务办公室部门整体绩效目标表"],
        ["部门名称", "某某区政务服务办公室", "单位：万元"],
        ["年度主要任务", "任务名称", "预算数"],
        [None, "政务服务", 300],
        [],
    ]
    warnings: list[str] = []
    doc = read(
        save(tmp_path / "g.xlsx", {"表": [*whole, *goal_table(["单位：元"])]}), note_lines(warnings)
    )
    assert (doc.tables[0].money_unit, doc.tables[0].budget_total) == ("元", Decimal("50000.00"))
    assert warnings == ["工作表“表”第3行起的表格是部门整体支出绩效目标表，不是绩效目标表，已跳过"]


def test_a_self_evaluation_without_indicators_is_said_as_such(tmp_path: Path) -> None:
    """A 自评表 is read now: one whose indicator rows are missing is not called 'no goal table'."""
    head = [["2025年度项目支出绩效自评表"], ["项目名称", "甲项目"], ["年度总体目标", "完成培训"]]
    warnings: list[str] = []
    path = save(tmp_path / "e.xlsx", {"空": head, "自评": self_eval("乙项目")})
    doc = read(path, note_lines(warnings))
    assert [t.project_name for t in doc.tables] == ["乙项目"]
    assert warnings[0] == (
        "工作表“空”是绩效自评表，但没有读到指标（需要“一级指标”“三级指标”“年度指标值”表头和"
        "其下的指标行），已跳过"
    )
    with pytest.raises(InputError, match="这是绩效自评表，但没有读到指标") as refused:
        read(save(tmp_path / "f.xlsx", {"空": head}))
    assert "不是项目支出绩效目标表" not in str(refused.value)
