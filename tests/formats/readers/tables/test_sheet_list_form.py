"""A list of projects in one sheet (项目名称 | 年度目标 | 一级指标 … as column labels): one goal
table per project, said; refused with the form's name when no project is found in it."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook

from goaleditor.errors import InputError, RefusalKind
from goaleditor.formats.registry import read_document
from goaleditor.model.document import Document, GoalTable
from tests.helpers import note_lines

FIXTURES = Path(__file__).resolve().parents[3] / "fixtures"
FORM = "项目清单式的表（项目名称、一级指标等都是列标题，每个项目占一行或几行）"


def save(path: Path, rows: list[list[Any]], merges: tuple[str, ...] = ()) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.title = "清单"
    for row in rows:
        sheet.append(row)
    for cells in merges:
        sheet.merge_cells(cells)
    book.save(path)
    return path


def indicators(table: GoalTable) -> list[tuple[str, ...]]:
    return [(l1, l2, i.name, i.comparator, i.value, i.unit) for l1, l2, i in table.indicator_rows()]


def read(path: Path) -> tuple[Document, list[str]]:
    notes: list[str] = []
    return read_document(path, note_lines(notes)), notes


def test_blocks_of_rows_merged_per_project(tmp_path: Path) -> None:
    rows = [
        ["2026年项目支出绩效目标表"],
        [None, None, None, None, None, None, "单位：万元"],
        ["项目名称", "年度目标", "预算数", "一级指标", "二级指标", "三级指标", "指标值"],
        ["甲项目", "完成甲", 6.3, "产出指标", "数量指标", "台数", "3台"],
        [None, None, None, "成本指标", "经济成本指标", "总成本", "≤42万元"],
        ["乙项目", "完成乙", 12, "产出指标", "数量指标", "人数", "≥5人"],
        [None, None, None, None, "时效指标", "完成时限", "≤12个月"],
        ["丙项目", "完成丙", None, "满意度指标", "服务对象满意度指标", "满意度", "≥90%"],
    ]
    path = save(tmp_path / "a.xlsx", rows, ("A4:A5", "B4:B5", "C4:C5", "A6:A7", "B6:B7"))
    document, notes = read(path)
    assert (document.title, document.year) == ("2026年项目支出绩效目标表", 2026)
    assert [(t.project_name, t.goal, t.budget_total, t.money_unit) for t in document.tables] == [
        ("甲项目", "完成甲", Decimal("6.30"), "万元"),
        ("乙项目", "完成乙", Decimal("12.00"), "万元"),
        ("丙项目", "完成丙", None, "万元"),
    ]
    first, second, third = document.tables
    assert indicators(first) == [
        ("产出指标", "数量指标", "台数", "=", "3", "台"),
        ("成本指标", "经济成本指标", "总成本", "≤", "42", "万元"),
    ]
    assert indicators(second) == [
        ("产出指标", "数量指标", "人数", "≥", "5", "人"),
        ("产出指标", "时效指标", "完成时限", "≤", "12", "个月"),
    ]
    assert indicators(third) == [("满意度指标", "服务对象满意度指标", "满意度", "≥", "90", "%")]
    assert notes == [f"工作表“清单”第3行：这是{FORM}，按项目名称分为3张绩效目标表"]


def test_one_row_per_project_with_text_fields_and_no_unit(tmp_path: Path) -> None:
    rows = [
        [
            "项目名称",
            "主管部门",
            "绩效目标",
            "资金总额",
            "一级指标",
            "二级指标",
            "三级指标",
            "指标值",
        ],
        ["甲项目", "某局", "完成甲", 30000, "产出指标", "数量指标", "台数", "3台"],
        ["乙项目", "某局", "完成乙", 45000, "产出指标", "质量指标", "合格率", "≥95%"],
    ]
    document, notes = read(save(tmp_path / "a.xlsx", rows))
    assert [
        (t.project_name, t.supervisor, t.goal, t.budget_total, t.money_unit)
        for t in document.tables
    ] == [
        ("甲项目", "某局", "完成甲", Decimal("30000.00"), "元"),
        ("乙项目", "某局", "完成乙", Decimal("45000.00"), "元"),
    ]
    assert [indicators(t) for t in document.tables] == [
        [("产出指标", "数量指标", "台数", "=", "3", "台")],
        [("产出指标", "质量指标", "合格率", "≥", "95", "%")],
    ]
    assert notes == [
        f"工作表“清单”第1行：这是{FORM}，按项目名称分为2张绩效目标表",
        "工作表“清单”第2行：本表没有写金额单位（如“单位：万元”），按元读取，请核对",
        "工作表“清单”第3行：本表没有写金额单位（如“单位：万元”），按元读取，请核对",
    ]


def test_rows_before_the_first_project_are_said(tmp_path: Path) -> None:
    rows = [
        ["项目名称", "年度目标", "一级指标", "二级指标", "三级指标", "指标值"],
        [None, None, "产出指标", "数量指标", "台数", "3台"],
        ["甲项目", "完成甲", "产出指标", "数量指标", "人数", "5人"],
    ]
    document, notes = read(save(tmp_path / "a.xlsx", rows))
    assert [t.project_name for t in document.tables] == ["甲项目"]
    assert notes == [
        f"工作表“清单”第1行：这是{FORM}，按项目名称分为1张绩效目标表",
        "工作表“清单”第2行：这一行不属于任何项目（项目名称为空），已跳过",
    ]


def test_a_list_without_any_project_name_is_refused_naming_the_form(tmp_path: Path) -> None:
    rows = [
        ["项目名称", "年度目标", "一级指标", "二级指标", "三级指标", "指标值"],
        [None, "完成", "产出指标", "数量指标", "台数", "3台"],
    ]
    with pytest.raises(InputError) as refused:
        read(save(tmp_path / "a.xlsx", rows))
    assert str(refused.value) == f"工作表“清单”第1行：这是{FORM}，没有读出任何项目，未导入"
    assert refused.value.kind == RefusalKind.NOT_A_GOAL_TABLE


def test_a_two_row_header_with_the_project_columns_merged_down(tmp_path: Path) -> None:
    rows = [
        ["项目支出绩效目标表（2023年）"],
        [
            "序号",
            "项目名称",
            "年度目标",
            "预算数（万元）",
            "绩效指标",
            None,
            None,
            "指标值",
            "实施单位",
        ],
        [None, None, None, None, "一级指标", "二级指标", "三级指标", None, None],
        [1, "甲项目", "完成甲", 6.3, "产出指标", "数量指标", "台数", "3台", "某中心"],
        [None, None, None, None, "成本指标", "经济成本指标", "总成本", "≤42万元", None],
        [2, "乙项目", "完成乙", 12, "产出指标", "数量指标", "人数", "≥5人", "某站"],
    ]
    merges = ("A2:A3", "B2:B3", "C2:C3", "D2:D3", "E2:G2", "H2:H3", "I2:I3")
    document, notes = read(save(tmp_path / "a.xlsx", rows, (*merges, "B4:B5", "C4:C5", "D4:D5")))
    assert (document.title, document.year) == ("项目支出绩效目标表（2023年）", 2023)
    assert [
        (t.project_name, t.goal, t.implementer, t.budget_total, t.money_unit)
        for t in document.tables
    ] == [
        ("甲项目", "完成甲", "某中心", Decimal("6.30"), "万元"),
        ("乙项目", "完成乙", "某站", Decimal("12.00"), "万元"),
    ]
    assert [indicators(t) for t in document.tables] == [
        [
            ("产出指标", "数量指标", "台数", "=", "3", "台"),
            ("成本指标", "经济成本指标", "总成本", "≤", "42", "万元"),
        ],
        [("产出指标", "数量指标", "人数", "≥", "5", "人")],
    ]
    assert notes == [f"工作表“清单”第2行：这是{FORM}，按项目名称分为2张绩效目标表"]


@pytest.mark.parametrize("name", ["typed-forms.xlsx", "typed-forms-lo.xls", "typed-forms-lo.ods"])
def test_list_typed_in_xlsxwriter_and_saved_by_libreoffice(name: str) -> None:
    """tests/fixtures/make_typed_forms.py, sheet 清单 (after the stacked sheet 汇总)."""
    notes: list[str] = []
    document = read_document(FIXTURES / name, note_lines(notes))
    care, canteen = document.tables[2:]
    assert (care.project_name, care.goal, care.budget_total, care.money_unit) == (
        "社区养老补贴项目",
        "保障10个站点运营",
        Decimal("120.50"),
        "万元",
    )
    assert indicators(care) == [
        ("产出指标", "数量指标", "补贴站点数", "=", "10", "个"),
        ("产出指标", "质量指标", "服务达标率", "≥", "95", "%"),
        ("满意度指标", "服务对象满意度指标", "老人满意度", "≥", "90", "%"),
    ]
    assert (canteen.project_name, canteen.goal, canteen.budget_total, canteen.money_unit) == (
        "老年食堂运营项目",
        "全年开餐",
        Decimal("36.00"),
        "万元",
    )
    assert indicators(canteen) == [("产出指标", "时效指标", "运营天数", "≥", "300", "天")]
    assert f"工作表“清单”第2行：这是{FORM}，按项目名称分为2张绩效目标表" in notes
    assert not any("年度目标" in t.project_name for t in document.tables)


def test_a_list_without_an_indicator_value_column_is_refused_naming_the_form(
    tmp_path: Path,
) -> None:
    rows = [
        ["项目名称", "年度目标", "一级指标", "二级指标", "三级指标"],
        ["甲项目", "完成", "产出指标", "数量指标", "台数"],
    ]
    with pytest.raises(InputError) as refused:
        read(save(tmp_path / "a.xlsx", rows))
    assert str(refused.value) == f"工作表“清单”第1行：这是{FORM}，表头缺少“三级指标”或“指标值”"
    assert refused.value.kind == RefusalKind.HEADER_MISSING
