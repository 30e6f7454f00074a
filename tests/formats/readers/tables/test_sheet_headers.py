"""Other regions' indicator headers: two header rows, split 指标方向/指标值/单位 columns,
Shanghai's 申报表 typed by a person; read field by field, with what was guessed said."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import Workbook

from goaleditor.formats.readers.sheets.xlsx import read
from goaleditor.formats.readers.tables.document_reader import layout_note
from goaleditor.formats.registry import read_document
from goaleditor.model.document import Document, GoalTable
from tests.helpers import note_lines

FIXTURES = Path(__file__).resolve().parents[3] / "fixtures"  # made by make_sheet_headers.py


def head(project: str = "运维") -> list[list[Any]]:
    """A Tianjin-style head down to (not including) the indicator header."""
    return [
        [f"2026年{project}绩效目标表"],
        ["123456某某区大数据中心", None, None, None, None, "单位：元"],
        ["项目名称", project],
        ["预算规模及资金用途", "预算数", 100, "其中：财政资金", 80, "其他资金", 20],
        [None, "用于运维"],
        ["年度绩效目标", "保障运行"],
    ]


def save(path: Path, rows: list[list[Any]], merges: tuple[str, ...] = ()) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.title = "Sheet1"
    for row in rows:
        sheet.append(row)
    for cells in merges:
        sheet.merge_cells(cells)
    book.save(path)
    return path


def rows_of(table: GoalTable) -> list[tuple[str, ...]]:
    return [
        (l1, l2, i.name, i.description, i.comparator, i.value, i.unit, i.weight, i.remark)
        for l1, l2, i in table.indicator_rows()
    ]


def tianjin_head(document: Document) -> None:
    """The head that make_sheet_headers.py gives its three Tianjin-style fixtures."""
    table = document.tables[0]
    assert (document.agency_code, document.agency_name, document.year) == (
        "510104",
        "某某区民政局",
        2026,
    )
    assert (table.project_name, table.money_unit) == ("社区服务经费", "万元")
    assert (table.budget_total, table.budget_fiscal, table.budget_other) == (
        Decimal("1250.50"),
        Decimal("1000.50"),
        Decimal("250.00"),
    )
    assert (table.fund_use, table.goal) == ("用于社区服务站运行", "保障30个社区服务站正常运行")


def test_value_and_unit_under_a_merged_header_in_a_second_row_libreoffice_xls() -> None:
    warnings: list[str] = []
    document = read_document(FIXTURES / "headers-two-row-pair.xls", note_lines(warnings))
    tianjin_head(document)
    assert len(document.tables) == 1
    assert rows_of(document.tables[0]) == [
        ("产出指标", "数量指标", "服务站数量", "运行的服务站", "≥", "30", "个", "", ""),
        ("产出指标", "质量指标", "服务合格率", "检查合格", "=", "95", "%", "", ""),
        ("产出指标", "时效指标", "完成时间", "年底前", "定性", "2026年12月31日前", "", "", ""),
        ("满意度指标", "服务对象满意度指标", "居民满意度", "问卷", "=", "90", "%", "", ""),
    ]
    assert warnings == ["工作表“Sheet1”第13行：表下的“填报人：李四”不是指标，已跳过"]


def test_performance_group_label_over_the_three_levels_libreoffice_ods() -> None:
    warnings: list[str] = []
    document = read_document(FIXTURES / "headers-grouped.ods", note_lines(warnings))
    tianjin_head(document)
    assert rows_of(document.tables[0]) == [
        ("产出指标", "数量指标", "服务站数量", "运行的服务站", "≥", "30", "个", "", ""),
        ("产出指标", "成本指标", "单站成本", "每站年均", "≤", "41.7", "万元/个", "", ""),
        ("效益指标", "社会效益指标", "服务便利程度", "居民办事", "定性", "明显提升", "", "", ""),
    ]
    assert warnings == []


def test_central_split_columns_with_direction_weights_and_remarks_libreoffice_xlsx() -> None:
    warnings: list[str] = []
    document = read_document(FIXTURES / "headers-central-split.xlsx", note_lines(warnings))
    tianjin_head(document)
    assert document.framework == "cost-first"
    assert rows_of(document.tables[0]) == [
        ("产出指标", "数量指标", "服务站数量", "", "≥", "30", "个", "20", ""),
        ("产出指标", "质量指标", "服务合格率", "", ">", "95", "%", "20", "抽查"),
        ("成本指标", "经济成本指标", "单站成本", "", "≤", "41.7", "万元/个", "20", ""),
        ("效益指标", "社会效益指标", "服务便利程度", "", "定性", "明显提升", "", "20", ""),
        ("满意度指标", "服务对象满意度指标", "居民满意度", "", "≥", "90", "%", "20", ""),
    ]
    assert warnings == [layout_note("sichuan"), "工作表“Sheet1”第12行：指标方向“正向”按“≥”读取"]


def test_a_shanghai_form_typed_in_wanyuan_libreoffice_xlsx() -> None:
    warnings: list[str] = []
    document = read_document(FIXTURES / "shanghai-typed-wanyuan.xlsx", note_lines(warnings))
    assert (document.layout, document.year, document.agency_name) == ("shanghai", 2026, "")
    table = document.tables[0]
    assert (table.project_name, table.money_unit) == ("公园养护经费", "万元")
    assert (table.project_nature, table.project_category) == ("经常性项目", "一般性项目")
    assert (table.supervisor, table.implementer) == (
        "上海市某某区绿化和市容管理局",
        "某某区公园管理所",
    )
    assert (table.start_date, table.end_date) == ("2026-01-01", "2026-12-31")
    assert (table.period_total, table.period_fiscal, table.period_other) == (
        Decimal("1234.50"),
        Decimal("1000.00"),
        Decimal("234.50"),
    )
    assert (
        table.budget_total,
        table.budget_fiscal,
        table.budget_carryover,
        table.budget_other,
    ) == (Decimal("1234.50"), Decimal("900.00"), Decimal("100.00"), Decimal("234.50"))
    assert (table.period_goal, table.goal, table.fund_use) == (
        "保持公园良好运行",
        "全年养护公园12座",
        "",
    )
    assert rows_of(table) == [
        ("产出指标", "数量指标", "养护公园数", "", "≥", "12", "座", "", ""),
        ("产出指标", "质量指标", "绿化完好率", "", "≥", "95", "%", "", ""),
        ("效益指标", "社会效益指标", "市民游园环境", "", "定性", "改善", "", "", ""),
        ("满意度指标", "服务对象满意度指标", "游客满意度", "", "≥", "90", "%", "", ""),
    ]
    assert warnings == [
        layout_note("shanghai"),
        "工作表“Sheet1”第12行：本表指标值都印成两位小数（如“12.00”），按数值读取（“12”）",
    ]


def test_two_row_headers_typed_in_openpyxl_with_a_continued_page(tmp_path: Path) -> None:
    """指标值 | 度量单位 under a merged 指标值, the two header rows repeated further down."""
    header = [
        ["一级指标", "二级指标", "三级指标", "指标值", None],
        [None] * 3 + ["指标值", "度量单位"],
    ]
    rows = [
        *head(),
        *header,
        ["产出指标", "数量指标", "系统数量", "≥12", "套"],
        [None, "质量指标", "可用率", "99.9", "%"],
        *header,
        ["满意度指标", "服务对象满意度指标", "用户满意度", "≥90", "%"],
    ]
    merges = ("D7:E7", "A7:A8", "B7:B8", "C7:C8", "D11:E11")
    warnings: list[str] = []
    document = read(save(tmp_path / "two.xlsx", rows, merges), note_lines(warnings))
    assert rows_of(document.tables[0]) == [
        ("产出指标", "数量指标", "系统数量", "", "≥", "12", "套", "", ""),
        ("产出指标", "质量指标", "可用率", "", "=", "99.9", "%", "", ""),
        ("满意度指标", "服务对象满意度指标", "用户满意度", "", "≥", "90", "%", "", ""),
    ]
    assert warnings == []


def test_grouped_header_typed_in_openpyxl_with_stacked_tables_and_an_odd_column(
    tmp_path: Path,
) -> None:
    """绩效指标 over 一级|二级|三级, 指标值 merged down; an unknown column said once per sheet."""
    header = [
        ["绩效指标", None, None, "指标值", "核算口径"],
        ["一级指标", "二级指标", "三级指标", None, None],
    ]
    rows = [
        *head("运维"),
        *header,
        ["产出指标", "数量指标", "系统数量", "≥12套", "台账"],
        [],
        *head("培训"),
        *header,
        ["产出指标", "数量指标", "培训人次", "300人次", "签到"],
    ]
    merges = ("A7:C7", "D7:D8", "E7:E8", "A17:C17", "D17:D18", "E17:E18")
    warnings: list[str] = []
    document = read(save(tmp_path / "grouped.xlsx", rows, merges), note_lines(warnings))
    assert [t.project_name for t in document.tables] == ["运维", "培训"]
    assert rows_of(document.tables[0]) == [
        ("产出指标", "数量指标", "系统数量", "", "≥", "12", "套", "", "")
    ]
    assert rows_of(document.tables[1]) == [
        ("产出指标", "数量指标", "培训人次", "", "=", "300", "人次", "", "")
    ]
    assert (document.tables[1].budget_total, document.tables[1].budget_other) == (
        Decimal("100.00"),
        Decimal("20.00"),
    )
    assert warnings == ["工作表“Sheet1”第7行：表头“核算口径”不认识，该列未读取"]


def test_operator_value_unit_columns_agree_or_are_said(tmp_path: Path) -> None:
    """符号 | 指标值 | 单位 | 权重: a value that carries its own comparator, words, 定量."""
    rows = [
        *head(),
        ["一级指标", "二级指标", "三级指标", "符号", "指标值", "单位", "权重"],
        ["产出指标", "数量指标", "系统数量", "≥", "≥12", "套", 10],
        [None, None, "终端数量", "＝", "≥300", "台", 10],
        [None, "质量指标", "可用率", "不低于", 0.999, "%", 10],
        [None, "时效指标", "响应时间", "定量", "≤2小时", None, 10],
        [None, "成本指标", "运维成本", "≤", "控制在预算内", None, 10],
        ["效益指标", "社会效益指标", "服务改善", "定性", "明显", None, "10"],
        ["满意度指标", "服务对象满意度指标", "满意度", "向上", "90", "%", 40],
    ]
    warnings: list[str] = []
    document = read(save(tmp_path / "ops.xlsx", rows), note_lines(warnings))
    assert rows_of(document.tables[0]) == [
        ("产出指标", "数量指标", "系统数量", "", "≥", "12", "套", "10", ""),
        ("产出指标", "数量指标", "终端数量", "", "≥", "300", "台", "10", ""),
        ("产出指标", "质量指标", "可用率", "", "≥", "0.999", "%", "10", ""),
        ("产出指标", "时效指标", "响应时间", "", "≤", "2", "小时", "10", ""),
        ("产出指标", "成本指标", "运维成本", "", "定性", "控制在预算内", "", "10", ""),
        ("效益指标", "社会效益指标", "服务改善", "", "定性", "明显", "", "10", ""),
        ("满意度指标", "服务对象满意度指标", "满意度", "", "=", "90", "%", "40", ""),
    ]
    assert warnings == [
        "工作表“Sheet1”第9行：指标性质“=”与指标值“≥300台”不一致，按指标值读取",
        "工作表“Sheet1”第12行：指标性质“≤”与指标值“控制在预算内”不相符，按定性指标读取",
        "工作表“Sheet1”第14行：指标性质“向上”不认识，按指标值读取",
        layout_note("sichuan"),
    ]


def test_two_printed_decimals_are_taken_off_only_when_the_whole_table_has_them(
    tmp_path: Path,
) -> None:
    header = [["一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值"]]
    printed = [
        ["产出指标", "数量指标", "系统数量", "", "≥12.00套"],
        [None, "质量指标", "可用率", "", "≥99.90%"],
        [None, "成本指标", "单价", "", "≤0.60万元/套"],
        ["效益指标", "社会效益指标", "服务改善", "", "明显"],
    ]
    mixed = [*printed[:2], ["产出指标", "成本指标", "单价", "", "≤0.6万元/套"]]
    warnings: list[str] = []
    document = read(save(tmp_path / "d.xlsx", [*head(), *header, *printed]), note_lines(warnings))
    values = [(i.value, i.unit) for *_, i in document.tables[0].indicator_rows()]
    assert values == [("12", "套"), ("99.9", "%"), ("0.6", "万元/套"), ("明显", "")]
    assert warnings == [
        "工作表“Sheet1”第7行：本表指标值都印成两位小数（如“12.00”），按数值读取（“12”）"
    ]
    warnings.clear()
    document = read(save(tmp_path / "m.xlsx", [*head(), *header, *mixed]), note_lines(warnings))
    values = [(i.value, i.unit) for *_, i in document.tables[0].indicator_rows()]
    assert values == [("12.00", "套"), ("99.90", "%"), ("0.6", "万元/套")]
    document = read(
        save(tmp_path / "o.xlsx", [*head(), *header, *printed[:2]]), note_lines(warnings)
    )
    values = [i.value for *_, i in document.tables[0].indicator_rows()]
    assert (values, warnings) == (["12.00", "99.90"], [])


def test_dates_of_a_shanghai_form_as_calc_stores_them(tmp_path: Path) -> None:
    """Calc and Excel store 2026/1/1 as a date; a person may type 2026.12.31 as text."""
    rows = [
        ["财政项目支出绩效目标申报表"],
        ["（2026年度）"],
        ["项目名称", "拆违经费", "项目性质", "经常性项目"],
        ["计划开始日期", dt.datetime(2026, 1, 1), "计划完成日期", "2026.12.31"],
        ["项目资金（万元）", "项目资金总额", "1,030.80", "年度资金申请总额", "349.80"],
        [None, "其中：财政资金", "1,030.80", "其中：当年财政拨款", "349.80"],
        ["一级指标", "二级指标", "三级指标", "年度(/项目)指标值"],
        ["产出指标", "数量指标", "拆违面积", "≥1000.00(平方米)"],
    ]
    warnings: list[str] = []
    document = read(save(tmp_path / "sh.xlsx", rows), note_lines(warnings))
    table = document.tables[0]
    assert (table.start_date, table.end_date, table.money_unit) == (
        "2026-01-01",
        "2026-12-31",
        "万元",
    )
    assert (table.period_total, table.budget_total, table.budget_fiscal) == (
        Decimal("1030.80"),
        Decimal("349.80"),
        Decimal("349.80"),
    )
    assert rows_of(table) == [
        ("产出指标", "数量指标", "拆违面积", "", "≥", "1000", "平方米", "", "")
    ]
    assert warnings == [
        "工作表“Sheet1”第5行：2个金额带千分位，按数值读取（如项目资金总额“1,030.80”读作1030.80）",
        "工作表“Sheet1”第7行：本表指标值都印成两位小数（如“1000.00”），按数值读取（“1000”）",
        layout_note("shanghai"),
    ]


def test_header_labels_with_a_note_in_brackets(tmp_path: Path) -> None:
    rows = [
        *head(),
        [
            "一级指标",
            "二级指标",
            "三级指标（名称）",
            "指标性质(≥、≤、=、定性)",
            "指标值（含数字及文字描述）",
            "计量单位(如%)",
            "（说明）",
        ],
        ["产出指标", "数量指标", "系统数量", "≥", 12, "套", "按台账"],
    ]
    warnings: list[str] = []
    document = read(save(tmp_path / "notes.xlsx", rows), note_lines(warnings))
    assert rows_of(document.tables[0]) == [
        ("产出指标", "数量指标", "系统数量", "", "≥", "12", "套", "", "")
    ]
    assert warnings == ["工作表“Sheet1”第7行：表头“（说明）”不认识，该列未读取"]


def test_a_head_line_above_the_header_is_not_a_header_row(tmp_path: Path) -> None:
    """备注 | 无 just above the 指标值 of a header merged over a value | unit pair."""
    rows = [
        *head(),
        [None, None, None, "备注", "无"],
        ["一级指标", "二级指标", "三级指标", "指标值", None],
        ["产出指标", "数量指标", "系统数量", "≥12", "套"],
    ]
    warnings: list[str] = []
    document = read(save(tmp_path / "remark.xlsx", rows, ("D8:E8",)), note_lines(warnings))
    assert rows_of(document.tables[0]) == [
        ("产出指标", "数量指标", "系统数量", "", "≥", "12", "套", "", "")
    ]
    assert warnings == []


def test_fund_use_under_a_money_block_labelled_project_funds(tmp_path: Path) -> None:
    """项目资金（万元）/ 资金总额 instead of 预算规模及资金用途 / 预算数: the use row reads."""
    rows = [
        ["2026年运维绩效目标表"],
        ["123456某某区大数据中心"],
        ["项目名称", "运维"],
        ["项目资金（万元）", "资金总额", 680, "其中：财政资金", 600, "其他资金", 80],
        [None, "用于机房设备的日常运行维护"],
        ["绩效目标", "保障运行"],
        ["一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值"],
        ["产出指标", "数量指标", "运维系统数量", "系统数量", "≥12个"],
    ]
    warnings: list[str] = []
    document = read(save(tmp_path / "funds.xlsx", rows, ("A4:A5",)), note_lines(warnings))
    (table,) = document.tables
    assert table.money_unit == "万元"
    assert (table.budget_total, table.budget_fiscal, table.budget_other) == (
        Decimal("680.00"),
        Decimal("600.00"),
        Decimal("80.00"),
    )
    assert table.fund_use == "用于机房设备的日常运行维护"
    assert table.goal == "保障运行"
    assert warnings == []


def test_parts_of_a_value_in_the_levels_row_are_no_unknown_header(tmp_path: Path) -> None:
    """绩效指标 | 指标描述 | 指标值 over 一级|二级|三级 | (merged) | 数量|计量单位: all known."""
    rows = [
        *head(),
        ["绩效指标", None, None, "指标描述", "指标值", None],
        ["一级指标", "二级指标", "三级指标", None, "数量", "计量单位"],
        ["产出指标", "数量指标", "巡检天数", "全年巡检天数", 365, "天"],
        [None, "质量指标", "运行率", "正常运行占比", "≥95", "%"],
    ]
    warnings: list[str] = []
    path = save(tmp_path / "parts.xlsx", rows, ("A7:C7", "D7:D8", "E7:F7"))
    (table,) = read(path, note_lines(warnings)).tables
    assert [(r[0], r[1], r[2], r[3], r[4], r[5], r[6]) for r in rows_of(table)] == [
        ("产出指标", "数量指标", "巡检天数", "全年巡检天数", "=", "365", "天"),
        ("产出指标", "质量指标", "运行率", "正常运行占比", "≥", "95", "%"),
    ]
    assert warnings == []


def test_split_columns_without_weights_keep_the_default_layout(tmp_path: Path) -> None:
    """指标性质|指标值|度量单位 are common to many forms: only a weight column means 四川."""
    header = ["一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位"]
    row = ["产出指标", "数量指标", "巡检天数", "≥", 365, "天"]
    warnings: list[str] = []
    document = read(save(tmp_path / "split.xlsx", [*head(), header, row]), note_lines(warnings))
    assert (document.layout, warnings) == ("tianjin", [])
    weighted = save(tmp_path / "w.xlsx", [*head(), [*header, "权重"], [*row, 20]])
    document = read(weighted, note_lines(warnings))
    assert (document.layout, warnings) == ("sichuan", [layout_note("sichuan")])


def test_agency_line_with_a_seal_note(tmp_path: Path) -> None:
    rows = head()
    rows[1] = ["填报单位（盖章）：510104某某区民政局", None, None, None, None, "单位：元"]
    rows.append(["一级指标", "二级指标", "三级指标", "指标值"])
    rows.append(["产出指标", "数量指标", "站点", "≥3个"])
    warnings: list[str] = []
    document = read(save(tmp_path / "seal.xlsx", rows), note_lines(warnings))
    assert (document.agency_code, document.agency_name, warnings) == ("510104", "某某区民政局", [])


def test_a_publication_cover_sheet_names_the_document(tmp_path: Path) -> None:
    """封面 then a 目录 of plain entries: the cover's 2026年部门预算 line is the title."""
    book = Workbook()
    cover = book.active
    cover.title = "封面"
    cover.append([])
    cover.append(["某某区民政局2026年部门预算"])
    cover.append(["二〇二六年一月"])
    toc = book.create_sheet("目录")
    toc.append(["目录"])
    toc.append(["表1　收支总表"])
    toc.append(["绩效目标表1　运维"])
    sheet = book.create_sheet("绩效目标表1")
    for row in [*head(), ["一级指标", "二级指标", "三级指标", "指标值"]]:
        sheet.append(row)
    sheet.append(["产出指标", "数量指标", "站点", "≥3个"])
    book.save(tmp_path / "pub.xlsx")
    document = read(tmp_path / "pub.xlsx")
    assert document.title == "某某区民政局2026年部门预算"
    assert [t.project_name for t in document.tables] == ["运维"]
