"""Workbooks in every layout made by others (no goaleditor metadata, moved about) import."""

from __future__ import annotations

import copy
import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from goaleditor.formats.readers.sheets import xlsx
from goaleditor.formats.readers.tables.document_reader import layout_note
from goaleditor.formats.writers import excel
from goaleditor.model.document import Document
from goaleditor.model.layout_names import LAYOUT_NAMES
from tests.compare import table_snapshot
from tests.formats.test_layouts import printed_view
from tests.helpers import note_lines


@pytest.mark.parametrize("name", LAYOUT_NAMES)
def test_a_layouts_sheet_without_metadata_is_found_by_its_labels(
    tmp_path: Path, full_document: Document, name: str
) -> None:
    full_document.layout = name
    out = tmp_path / f"{name}.xlsx"
    excel.write(full_document, out)
    book = load_workbook(out)
    book.custom_doc_props.props.clear()  # not ours any more: labels must be found
    for sheet in book.worksheets:
        sheet.insert_rows(1, 2)
        sheet.insert_cols(1)
    book.save(out)
    back = xlsx.read(out)
    assert back.layout == name
    expected = printed_view(copy.deepcopy(full_document))
    assert table_snapshot(back.tables[0]) == table_snapshot(expected.tables[0])


def test_a_shanghai_form_typed_by_hand(tmp_path: Path) -> None:
    """The second page of samples/shanghai-2026-shenbaobiao.txt as a clerk types it."""
    book = Workbook()
    sheet = book.active
    rows: list[list[object]] = [
        ["财政项目支出绩效目标申报表"],
        ["（2026年度）"],
        ["项目名称", "拆违经费", "项目性质", "阶段性项目", "项目类别", "特定目标类"],
        ["主管部门", "普陀区城市管理行政执法局执法大队", None, "实施单位", "执法大队"],
        ["计划开始日期", dt.datetime(2024, 1, 1), None, "计划完成日期", "2026/12/31"],
        ["项目资金（元）", "项目资金总额", "10,308,000.00", "年度资金申请总额", 3498000],
        [None, "其中：财政资金", "10,308,000.00", "其中：当年财政拨款", "3,498,000.00"],
        [None, "其他资金", "0.00", "上年结转资金", 0],
        [None, None, None, "其他资金", "0"],
        ["项目绩效目标", "项目总体目标\n(2024 年-2026 年)", None, "年度总体目标"],
        [None, "1.完成年度拆违任务。", None, "1.完成市、区下达的年度拆违任务。"],
        ["一级指标", "二级指标", "三级指标", "年度(/项目)指标值"],
        ["成本指标", "经济成本指标", "成本控制合理性", "合理"],
        ["产出指标", "数量指标", "完成年度拆违计划", "=100.00(%)"],
        ["满意度指标", "服务对象满意度指标", "群众满意度", "≥90.00(%)"],
    ]
    for row in rows:
        sheet.append(row)
    for cells in sheet.iter_rows():  # typed text, not formulas (=100.00(%) is not one)
        for cell in cells:
            if isinstance(cell.value, str):
                cell.data_type = "s"
    out = tmp_path / "sh.xlsx"
    book.save(out)
    warnings: list[str] = []
    document = xlsx.read(out, note_lines(warnings))
    assert (document.layout, document.year) == ("shanghai", 2026)
    table = document.tables[0]
    assert (table.project_nature, table.project_category) == ("阶段性项目", "特定目标类")
    assert (table.supervisor, table.implementer) == ("普陀区城市管理行政执法局执法大队", "执法大队")
    assert (table.start_date, table.end_date) == ("2024-01-01", "2026-12-31")
    assert (table.period_total, table.period_fiscal, table.period_other) == (
        Decimal("10308000.00"),
        Decimal("10308000.00"),
        Decimal("0.00"),
    )
    assert (table.budget_total, table.budget_fiscal) == (Decimal("3498000.00"),) * 2
    assert (table.budget_carryover, table.budget_other) == (Decimal("0.00"), Decimal("0.00"))
    assert table.period_goal == "1.完成年度拆违任务。"
    assert table.goal == "1.完成市、区下达的年度拆违任务。"
    values = [(i.comparator, i.value, i.unit) for _, _, i in table.indicator_rows()]
    assert values == [("定性", "合理", ""), ("=", "100", "%"), ("≥", "90", "%")]
    assert warnings == [
        "工作表“Sheet”第6行：3个金额带千分位，按数值读取（如项目资金总额“10,308,000.00”读作"
        "10308000.00）",
        "工作表“Sheet”第12行：本表指标值都印成两位小数（如“100.00”），按数值读取（“100”）",
        layout_note("shanghai"),
    ]


def test_a_sichuan_sheet_with_weights(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    for row in [
        ["1.2026年某项目绩效目标表"],
        ["510101某单位", None, None, None, None, None, "单位：万元"],
        ["项目名称", "2026年某项目"],
        ["预算规模及资金用途", "预算数", 10, "其中：财政资金", 10, "其他资金", None],
        [None, "用于某事"],
        ["绩效目标", "完成某事"],
        ["一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "权重"],
        ["产出指标", "数量指标", "培训人次", "≥", 300, "人次", 60],
        ["满意度指标", "服务对象满意度指标", "满意度", "≥", 90, "%", 40],
    ]:
        sheet.append(row)
    out = tmp_path / "sc.xlsx"
    book.save(out)
    document = xlsx.read(out)
    assert document.layout == "sichuan"
    rows = [
        (i.comparator, i.value, i.unit, i.weight) for _, _, i in document.tables[0].indicator_rows()
    ]
    assert rows == [("≥", "300", "人次", "60"), ("≥", "90", "%", "40")]
