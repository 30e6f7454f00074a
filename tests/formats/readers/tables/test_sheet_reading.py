"""Colleagues' workbooks read as a person reads them: formats, pairs, stacks, odd cells."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook

from goaleditor.formats.readers.sheets.number_format import shown_number
from goaleditor.formats.readers.sheets.xlsx import read
from goaleditor.formats.readers.tables.document_reader import layout_note
from goaleditor.formats.registry import read_document
from goaleditor.model.document import Document
from tests.helpers import note_lines

HEADER = ["一级指标", "二级指标", "三级指标", "指标性质", "指标值", "计量单位"]


def head(project: str, unit: str = "元", total: Any = 100, fiscal: Any = 80) -> list[list[Any]]:
    """The lines of one table down to its header row, the way a clerk types them."""
    return [
        [f"2026年{project}绩效目标表"],
        ["123456某某区大数据中心", None, None, None, None, f"单位：{unit}"],
        ["项目名称", project],
        ["预算规模及资金用途", "预算数", total, "其中：财政资金", fiscal, "其他资金", None],
        [None, "用于运维"],
        ["年度绩效目标", "保障运行"],
        HEADER,
    ]


def save(path: Path, rows: list[list[Any]], formats: dict[str, str] | None = None) -> Path:
    """One sheet named Sheet1 with these rows from A1; formats: cell → number format."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Sheet1"
    for row in rows:
        sheet.append(row)
    for cell, number_format in (formats or {}).items():
        sheet[cell].number_format = number_format
    book.save(path)
    return path


def indicators(document: Document, n: int = 0) -> list[tuple[str, ...]]:
    return [
        (l1, l2, i.name, i.comparator, i.value, i.unit)
        for l1, l2, i in document.tables[n].indicator_rows()
    ]


@pytest.mark.parametrize(
    ("value", "number_format", "shown"),
    [
        (0.95, "0%", "95%"),
        (1, "0%", "100%"),
        (0.955, "0.00%", "95.50%"),
        (365, '0"天"', "365天"),
        (12, '#,##0"个"', "12个"),
        (1234.5, "#,##0.00", 1234.5),
        (3, "General", 3),
        (45000, "yyyy-mm-dd", 45000),
        (400, '"¥"#,##0.00', 400),
    ],
)
def test_number_formats_are_read_as_shown(value: Any, number_format: str, shown: Any) -> None:
    assert shown_number(value, number_format) == shown


def test_percent_and_unit_formats_keep_their_unit(tmp_path: Path) -> None:
    rows = [
        *head("运维"),
        ["产出指标", "质量指标", "系统可用率", "≥", 0.95, None],
        [None, "数量指标", "全年运行", "=", 365, None],
        [None, "质量指标", "覆盖率", "=", 1, "%"],
        [None, "成本指标", "单价", "≤", 1234.5, "元"],
    ]
    path = save(
        tmp_path / "f.xlsx", rows, {"E8": "0%", "E9": '0"天"', "E10": "0%", "E11": "#,##0.00"}
    )
    warnings: list[str] = []
    doc = read(path, note_lines(warnings))
    assert indicators(doc) == [
        ("产出指标", "质量指标", "系统可用率", "≥", "95", "%"),
        ("产出指标", "数量指标", "全年运行", "=", "365", "天"),
        ("产出指标", "质量指标", "覆盖率", "=", "100", "%"),
        ("产出指标", "成本指标", "单价", "≤", "1234.5", "元"),
    ]
    assert warnings == []


def test_value_and_unit_in_two_cells_under_one_merged_header(tmp_path: Path) -> None:
    rows = [
        *head("运维")[:-1],
        ["一级指标", "二级指标", "三级指标", "指标值", None],
        ["产出指标", "时效指标", "完成时限", "≤365", "天"],
        [None, "数量指标", "系统数量", "12", "个"],
    ]
    book_path = tmp_path / "pair.xlsx"
    save(book_path, rows)
    from openpyxl import load_workbook

    book = load_workbook(book_path)
    book.active.merge_cells("D7:E7")
    book.save(book_path)
    doc = read(book_path)
    assert indicators(doc) == [
        ("产出指标", "时效指标", "完成时限", "≤", "365", "天"),
        ("产出指标", "数量指标", "系统数量", "=", "12", "个"),
    ]


def test_stacked_tables_with_footers_starting_at_b3(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.title = "汇总"
    rows = [
        ["某某区2026年项目支出绩效目标表"],
        [],
        *head("运维"),
        ["产出指标", "数量指标", "系统数量", "≥", 12, "个"],
        ["效益指标", "社会效益指标", "服务改善", "定性", "明显改善", None],
        ["注：指标值按年度填写"],
        ["填报人：张三", None, "单位负责人：", None, "填报日期：2026年1月5日"],
        *head("培训", unit="万元", total="680万元", fiscal="/"),
        ["产出指标", "数量指标", "培训人次", "≥", 300, "人次"],
        ["满意度指标", "服务对象满意度指标", "学员满意度", "≥", 0.9, None],
        [],
        ["填报人：李四"],
    ]
    for r, row in enumerate(rows, start=3):
        for c, value in enumerate(row, start=2):
            sheet.cell(r, c, value)
    sheet["F24"].number_format = "0%"  # the 满意度 row of the second table
    path = tmp_path / "stack.xlsx"
    book.save(path)
    warnings: list[str] = []
    doc = read(path, note_lines(warnings))
    assert [t.project_name for t in doc.tables] == ["运维", "培训"]
    assert indicators(doc, 0) == [
        ("产出指标", "数量指标", "系统数量", "≥", "12", "个"),
        ("效益指标", "社会效益指标", "服务改善", "定性", "明显改善", ""),
    ]
    assert indicators(doc, 1) == [
        ("产出指标", "数量指标", "培训人次", "≥", "300", "人次"),
        ("满意度指标", "服务对象满意度指标", "学员满意度", "≥", "90", "%"),
    ]
    first, second = doc.tables
    assert (first.money_unit, first.budget_total, first.budget_fiscal) == (
        "元",
        Decimal("100.00"),
        Decimal("80.00"),
    )
    assert (second.money_unit, second.budget_total, second.budget_fiscal) == (
        "万元",
        Decimal("680.00"),
        None,
    )
    assert (doc.title, doc.agency_code, doc.agency_name, doc.year) == (
        "某某区2026年项目支出绩效目标表",
        "123456",
        "某某区大数据中心",
        2026,
    )
    assert warnings == [
        "工作表“汇总”第14行：表下的“注：指标值按年度填写”不是指标，已跳过",
        "工作表“汇总”第15行：表下的“填报人：张三”不是指标，已跳过",
        "工作表“汇总”第19行：预算数“680万元”读作680.00",
        "工作表“汇总”第19行：财政资金“/”不是金额，按空白读取",
        "工作表“汇总”第26行：表下的“填报人：李四”不是指标，已跳过",
    ]


def test_level1_typed_in_the_middle_of_its_group(tmp_path: Path) -> None:
    rows = [
        *head("运维"),
        [None, "数量指标", "系统数量", "≥", 12, "个"],
        ["产出指标", "质量指标", "可用率", "≥", 99, "%"],
        [None, "时效指标", "响应时间", "≤", 2, "小时"],
        [None, "社会效益指标", "服务改善", "定性", "明显改善", None],
        ["效益指标", None, "群众获得感", "定性", "提升", None],
        [None, "经济效益指标", "节约成本", "≥", 10, "万元"],
    ]
    warnings: list[str] = []
    doc = read(save(tmp_path / "mid.xlsx", rows), note_lines(warnings))
    assert [(l1, l2, n) for l1, l2, n, *_ in indicators(doc)] == [
        ("产出指标", "数量指标", "系统数量"),
        ("产出指标", "质量指标", "可用率"),
        ("产出指标", "时效指标", "响应时间"),
        ("效益指标", "社会效益指标", "服务改善"),
        ("效益指标", "社会效益指标", "群众获得感"),
        ("效益指标", "经济效益指标", "节约成本"),
    ]
    assert warnings == [
        "工作表“Sheet1”第8行：一级指标为空，按第9行的“产出指标”填写",
        "工作表“Sheet1”第11行：一级指标为空，按第12行的“效益指标”填写",
    ]


def test_central_form_labels(tmp_path: Path) -> None:
    rows = [
        ["中央部门项目支出绩效目标申报表"],
        [None, None, None, None, "金额单位：万元"],
        ["项目名称", "运维"],
        ["年度资金总额", 500, "其中：财政拨款", 400, "其他资金", 100],
        ["年度绩效目标", "保障运行"],
        ["一级指标", "二级指标", "三级指标", "指标值", "序号", "牵头处室"],
        ["产出指标", "数量指标", "系统数量", "≥12个"],
    ]
    warnings: list[str] = []
    doc = read(save(tmp_path / "central.xlsx", rows), note_lines(warnings))
    table = doc.tables[0]
    assert (table.money_unit, table.budget_total, table.budget_fiscal, table.budget_other) == (
        "万元",
        Decimal("500.00"),
        Decimal("400.00"),
        Decimal("100.00"),
    )
    assert table.goal == "保障运行"
    assert indicators(doc) == [("产出指标", "数量指标", "系统数量", "≥", "12", "个")]
    assert warnings == [
        "工作表“Sheet1”第6行：表头“牵头处室”不认识，该列未读取",
        layout_note("central"),
    ]


@pytest.mark.parametrize(
    ("cell", "unit", "amount", "warning"),
    [
        ("/", "元", None, "预算数“/”不是金额，按空白读取"),
        ("无", "元", None, "预算数“无”不是金额，按空白读取"),
        ("—", "元", None, "预算数“—”不是金额，按空白读取"),
        ("－", "元", None, "预算数“－”不是金额，按空白读取"),
        ("（空）", "元", None, "预算数“（空）”不是金额，按空白读取"),
        ("680万元", "万元", "680.00", "预算数“680万元”读作680.00"),
        ("680万元", "元", "6800000.00", "预算数“680万元”按本表单位（元）读作6800000.00"),
        ("￥400", "元", "400.00", "预算数“￥400”读作400.00"),
        ("1,234.00", "元", "1234.00", "预算数“1,234.00”读作1234.00"),
        ("约三百万", "元", None, "预算数“约三百万”不是金额，已留空"),
    ],
)
def test_one_odd_money_cell(tmp_path: Path, cell: str, unit: str, amount, warning: str) -> None:
    rows = [
        *head("运维", unit=unit, total=cell),
        ["产出指标", "数量指标", "系统数量", "≥", 1, "个"],
    ]
    warnings: list[str] = []
    doc = read(save(tmp_path / "odd.xlsx", rows), note_lines(warnings))
    table = doc.tables[0]
    assert table.budget_total == (Decimal(amount) if amount else None)
    assert table.budget_fiscal == Decimal("80.00")
    assert warnings == [f"工作表“Sheet1”第4行：{warning}"]


def test_formula_without_a_stored_result_is_reported(tmp_path: Path) -> None:
    rows = [*head("运维", total="=E4+G4"), ["产出指标", "数量指标", "系统数量", "≥", "=2*6", "个"]]
    warnings: list[str] = []
    doc = read(save(tmp_path / "formula.xlsx", rows), note_lines(warnings))
    table = doc.tables[0]
    assert table.budget_total is None and table.budget_fiscal == Decimal("80.00")
    assert indicators(doc) == [("产出指标", "数量指标", "系统数量", "≥", "", "个")]
    assert warnings == [
        "工作表“Sheet1”第4行：公式“=E4+G4”没有保存计算结果，按空白读取",
        "工作表“Sheet1”第8行：公式“=2*6”没有保存计算结果，按空白读取",
    ]


def test_title_from_the_table_of_contents_and_from_the_file_properties(tmp_path: Path) -> None:
    book = Workbook()
    toc = book.active
    toc.title = "目录"
    toc["A1"] = "某某局2026年部门项目支出绩效目标"
    toc["A2"] = "1.2026年运维项目绩效目标表 …… 2"
    sheet = book.create_sheet("运维")
    for row in [*head("运维"), ["产出指标", "数量指标", "系统数量", "≥", 1, "个"]]:
        sheet.append(row)
    book.properties.title = "文件属性里的标题"
    path = tmp_path / "toc.xlsx"
    book.save(path)
    assert read(path).title == "某某局2026年部门项目支出绩效目标"
    del book["目录"]
    book.save(path)
    assert read(path).title == "文件属性里的标题"


def test_xls_from_libreoffice_reads_numbers_through_their_format() -> None:
    """0.95 in 0% and 365 in 0"天", saved as .xls by LibreOffice Calc."""
    fixtures = Path(__file__).resolve().parents[3] / "fixtures"
    doc = read_document(fixtures / "libreoffice-percent-formats.xls")
    assert indicators(doc) == [
        ("产出指标", "质量指标", "系统可用率", "≥", "95", "%"),
        ("产出指标", "数量指标", "全年运行", "=", "365", "天"),
    ]
