"""A table without its own 单位 line: the unit looked for wider and what was assumed said,
never 元 without a word; a stacked sheet's title in A1 is the document's."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook

from goaleditor.formats.readers.tables.money_unit import statement_in
from goaleditor.formats.registry import read_document
from goaleditor.model.document import Document, GoalTable
from tests.helpers import note_lines

FIXTURES = Path(__file__).resolve().parents[3] / "fixtures"
HEADER = ["一级指标", "二级指标", "三级指标", "指标性质", "指标值", "计量单位"]
NO_UNIT = "本表没有写金额单位（如“单位：万元”），按元读取，请核对"


def table_rows(
    project: str, unit_line: str | None = None, total: Any = 6.3, cost: Any = None
) -> list[list[Any]]:
    """One Tianjin-like table typed by a clerk; cost: a 成本指标 (comparator, value, unit)."""
    rows = [
        [f"{project}绩效目标表"],
        ["123456某某局", None, None, None, None, unit_line],
        ["项目名称", project],
        ["预算规模及资金用途", "预算数", total, "其中：财政资金", total, "其他资金", None],
        [None, "用于运维"],
        ["年度绩效目标", "保障运行"],
        HEADER,
        ["产出指标", "数量指标", "设备数量", "=", 3, "台"],
    ]
    if cost:
        rows.append(["成本指标", "经济成本指标", "总成本", *cost])
    return [*rows, []]


def read(path: Path, *sheets: tuple[str, list[list[Any]]]) -> tuple[Document, list[str]]:
    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets:
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    book.save(path)
    notes: list[str] = []
    return read_document(path, note_lines(notes)), notes


def money(table: GoalTable) -> tuple[str, Decimal | None, Decimal | None]:
    return (table.money_unit, table.budget_total, table.budget_fiscal)


def test_no_unit_anywhere_is_read_in_yuan_and_said(tmp_path: Path) -> None:
    document, notes = read(tmp_path / "a.xlsx", ("Sheet1", table_rows("运维", total=100)))
    assert money(document.tables[0]) == ("元", Decimal("100.00"), Decimal("100.00"))
    assert notes == [f"工作表“Sheet1”第3行：{NO_UNIT}"]


def test_no_note_when_the_table_holds_no_amount(tmp_path: Path) -> None:
    document, notes = read(tmp_path / "a.xlsx", ("Sheet1", table_rows("运维", total=None)))
    assert money(document.tables[0]) == ("元", None, None)
    assert notes == []


def test_a_budget_far_below_a_cost_indicator_is_read_in_wanyuan(tmp_path: Path) -> None:
    rows = table_rows("购置", total=6.3, cost=("≤", 42, "万元"))
    document, notes = read(tmp_path / "a.xlsx", ("Sheet1", rows))
    assert money(document.tables[0]) == ("万元", Decimal("6.30"), Decimal("6.30"))
    assert notes == [
        "工作表“Sheet1”第3行：本表没有写金额单位，预算数6.3按元读比成本指标“总成本”"
        "（≤42万元）还少，按万元读取"
    ]


@pytest.mark.parametrize(
    ("total", "cost"),
    [
        (630000, ("≤", 42, "万元")),  # in 元 the budget holds the cost
        (6.3, ("≤", 0.6, "万元/台")),  # a cost per item says nothing of the whole
        (6.3, ("≤", 500, "元")),  # 500元 is no far cry from 6.3元
    ],
)
def test_costs_that_do_not_tell_leave_yuan_said(tmp_path: Path, total: Any, cost: Any) -> None:
    rows = table_rows("购置", total=total, cost=cost)
    document, notes = read(tmp_path / "a.xlsx", ("Sheet1", rows))
    assert document.tables[0].money_unit == "元"
    assert notes == [f"工作表“Sheet1”第3行：{NO_UNIT}"]


def test_amounts_written_with_their_unit_give_it(tmp_path: Path) -> None:
    document, notes = read(tmp_path / "a.xlsx", ("Sheet1", table_rows("运维", total="680万元")))
    assert money(document.tables[0]) == ("万元", Decimal("680.00"), Decimal("680.00"))
    assert notes == [
        "工作表“Sheet1”第3行：本表没有写金额单位，金额写作“680万元”，按万元读取",
        "工作表“Sheet1”第4行：预算数“680万元”读作680.00",
        "工作表“Sheet1”第4行：财政资金“680万元”读作680.00",
    ]


def test_the_unit_line_of_the_table_above_serves_the_one_below(tmp_path: Path) -> None:
    rows = [*table_rows("甲", "单位：万元", total=85.5), *table_rows("乙", total=12)]
    document, notes = read(tmp_path / "a.xlsx", ("汇总", rows))
    assert [money(t) for t in document.tables] == [
        ("万元", Decimal("85.50"), Decimal("85.50")),
        ("万元", Decimal("12.00"), Decimal("12.00")),
    ]
    assert notes == ["工作表“汇总”第12行：本表没有写金额单位，按第2行的“单位：万元”读作万元"]


def test_one_unit_line_over_a_stack_serves_every_table(tmp_path: Path) -> None:
    rows = [["金额单位：万元"], *table_rows("甲", total=1), *table_rows("乙", total=2)]
    document, notes = read(tmp_path / "a.xlsx", ("汇总", rows))
    assert [t.money_unit for t in document.tables] == ["万元", "万元"]
    # the line is among the first table's own lines above it; the second borrows it
    assert notes == ["工作表“汇总”第13行：本表没有写金额单位，按第1行的“金额单位：万元”读作万元"]


def test_a_cover_sheet_naming_the_unit_serves_the_file(tmp_path: Path) -> None:
    cover = [["某某局2026年部门预算"], ["（金额单位为万元）"]]
    document, notes = read(
        tmp_path / "a.xlsx", ("封面", cover), ("运维", table_rows("运维", total=50))
    )
    assert money(document.tables[0]) == ("万元", Decimal("50.00"), Decimal("50.00"))
    assert (
        "工作表“运维”第3行：本表没有写金额单位，按工作表“封面”第2行的“金额单位为万元”读作万元"
        in (notes)
    )


def test_units_that_disagree_elsewhere_are_not_borrowed(tmp_path: Path) -> None:
    document, notes = read(
        tmp_path / "a.xlsx",
        ("甲", table_rows("甲", "单位：元", total=1000)),
        ("乙", table_rows("乙", "单位：万元", total=10)),
        ("丙", table_rows("丙", total=20)),
    )
    assert [t.money_unit for t in document.tables] == ["元", "万元", "元"]
    assert notes == [f"工作表“丙”第3行：{NO_UNIT}"]


def test_a_cost_indicator_named_in_wanyuan_is_no_unit_line(tmp_path: Path) -> None:
    rows = table_rows("运维", total=100)
    rows[7] = ["产出指标", "数量指标", "项目总成本（万元）", "≤", 1, None]
    document, notes = read(tmp_path / "a.xlsx", ("Sheet1", rows))
    assert document.tables[0].money_unit == "元"
    assert notes == [f"工作表“Sheet1”第3行：{NO_UNIT}"]


def test_stacked_sheet_title_in_a1_with_its_year_is_the_documents(tmp_path: Path) -> None:
    rows = [
        ["某某区2022年项目支出绩效目标表（2022年）"],
        [],
        *table_rows("甲", "单位：万元"),
        *table_rows("乙", "单位：万元"),
    ]
    document, notes = read(tmp_path / "a.xlsx", ("Sheet1", rows))
    assert (document.title, document.year) == ("某某区2022年项目支出绩效目标表（2022年）", 2022)
    assert [t.project_name for t in document.tables] == ["甲", "乙"]
    assert notes == []


def test_a_document_title_with_its_year_on_the_next_line(tmp_path: Path) -> None:
    rows = [["项目支出绩效目标表"], ["（2023年度）"], *table_rows("甲", "单位：元")]
    document, _ = read(tmp_path / "a.xlsx", ("Sheet1", rows))
    assert (document.title, document.year) == ("项目支出绩效目标表（2023年度）", 2023)


SICHUAN_INDICATORS = [
    ("产出指标", "数量指标", "设备数量", "=", "3", "台", "20"),
    ("产出指标", "质量指标", "验收合格率", "≥", "95", "%", "20"),
    ("成本指标", "经济成本指标", "设备购置成本", "≤", "42", "万元", "20"),
    ("效益指标", "社会效益指标", "检测能力", "定性", "明显提升", "", "20"),
    ("满意度指标", "服务对象满意度指标", "使用人员满意度", "≥", "90", "%", "20"),
]


@pytest.mark.parametrize(
    "name", ["typed-sichuan.xlsx", "typed-sichuan-lo.xls", "typed-sichuan-lo.ods"]
)
def test_sichuan_form_typed_without_a_unit_line(name: str) -> None:
    """XlsxWriter's workbook and LibreOffice's copies (tests/fixtures/make_typed_forms.py)."""
    notes: list[str] = []
    document = read_document(FIXTURES / name, note_lines(notes))
    (table,) = document.tables
    assert (document.title, document.year, document.agency_name, document.layout) == (
        "",
        2026,
        "四川省某某局",
        "sichuan",
    )
    assert (table.project_name, table.fund_use, table.goal) == (
        "设备购置项目",
        "购置检测设备",
        "完成设备购置并投入使用",
    )
    assert money(table) == ("万元", Decimal("6.30"), Decimal("6.30"))
    assert [
        (l1, l2, i.name, i.comparator, i.value, i.unit, i.weight)
        for l1, l2, i in table.indicator_rows()
    ] == SICHUAN_INDICATORS
    assert notes[1:] == [
        "工作表“四川”第3行：本表没有写金额单位，预算数6.3按元读比成本指标“设备购置成本”"
        "（≤42万元）还少，按万元读取"
    ]


@pytest.mark.parametrize("name", ["typed-forms.xlsx", "typed-forms-lo.xls", "typed-forms-lo.ods"])
def test_stacked_sheet_typed_with_one_unit_line(name: str) -> None:
    notes: list[str] = []
    document = read_document(FIXTURES / name, note_lines(notes))
    assert (document.title, document.year, document.agency_code, document.agency_name) == (
        "某某区教育局2022年项目支出绩效目标表（2022年）",
        2022,
        "123001",
        "某某区教育局",
    )
    repair, training = document.tables[:2]
    assert (repair.project_name, repair.fund_use, repair.goal, *money(repair)) == (
        "校舍维修项目",
        "用于校舍维修",
        "完成校舍维修",
        "万元",
        Decimal("85.50"),
        Decimal("85.50"),
    )
    assert (training.project_name, training.goal, *money(training)) == (
        "教师培训项目",
        "完成教师培训",
        "万元",
        Decimal("12.00"),
        Decimal("12.00"),
    )
    assert "工作表“汇总”第15行：本表没有写金额单位，按第4行的“单位：万元”读作万元" in notes


@pytest.mark.parametrize(
    ("cell", "unit"),
    [
        ("单位：万元", "万元"),
        ("金额单位: 元", "元"),
        ("（单位：人民币万元）", "万元"),
        ("注：本表金额单位为万元。", "万元"),
        ("项目资金（万元）", "万元"),
        ("预算数(元)", "元"),
        ("设备购置资金（万元）", None),  # an indicator's name, no unit line
        ("计量单位：元/人", None),
        ("填报单位：某某局", None),
        ("说明：" + "本表所列金额单位为万元，" * 4, None),  # prose that quotes one
        (42, None),
    ],
)
def test_what_counts_as_a_unit_line(cell: Any, unit: str | None) -> None:
    said = statement_in(cell)
    assert (said[0] if said else None) == unit


def test_a_central_form_typed_without_its_unit_is_read_in_wanyuan(tmp_path: Path) -> None:
    rows = [
        ["中央部门项目支出绩效目标申报表（2026年度）"],
        ["项目名称", "某项目"],
        ["主管部门及代码", "[123]某部", "实施单位", "某中心"],
        ["项目资金", "中期资金总额", 300, "年度资金总额", 120],
        [None, "其中：财政拨款", 280, "其中：财政拨款", 100],
        [None, "其他资金", 20, "其他资金", 20],
        ["一级指标", "二级指标", "三级指标", "年度指标值"],
        ["产出指标", "数量指标", "培训人数", "≥50人"],
    ]
    document, notes = read(tmp_path / "c.xlsx", ("Sheet1", rows))
    table = document.tables[0]
    assert (table.money_unit, table.budget_total, table.period_total) == (
        "万元",
        Decimal("120.00"),
        Decimal("300.00"),
    )
    assert (document.layout, table.supervisor, table.implementer) == (
        "central",
        "[123]某部",
        "某中心",
    )
    assert (
        "工作表“Sheet1”第2行：本表没有写金额单位，中央部门项目支出绩效目标申报表的金额以万元填写，"
        "按万元读取"
    ) in notes
