"""Where a table ends, asked directly: titles, footers, the next table's lines, a table between."""

from __future__ import annotations

from goaleditor.formats.readers.tables.money import NoResult
from goaleditor.formats.readers.tables.table_end import (
    after_block,
    is_footer,
    is_lead_line,
    is_title,
    lead_start,
    title_name,
)


def test_title_name_cuts_the_number_and_the_ending() -> None:
    assert title_name("1.干部培训项目绩效目标表") == "干部培训项目"
    assert title_name("2、 干部培训项目 绩效目标表\n") == "干部培训项目"
    assert title_name("绩效目标表") is None
    assert title_name("干部培训项目绩效目标表说明") is None
    assert is_title("2026年项目支出绩效目标申报表（2026年度）")
    assert not is_title("编制部门：某某区政务服务办公室")


def test_a_footer_is_read_by_its_first_filled_cell() -> None:
    assert is_footer([None, "填报人：张三", None, "联系电话：1234"])
    assert is_footer(["注 1：指标值按年度填写"])
    assert not is_footer([None, "产出指标", "数量指标", "填报人：张三"])
    assert not is_footer([NoResult("=A1"), None])


def test_lead_lines_are_titles_units_and_single_cells_never_footers() -> None:
    assert is_lead_line([None, None])
    assert is_lead_line(["编制部门：某某区政务服务办公室"])
    assert is_lead_line(["编制部门：某某", None, "备用", "金额单位：万元"])
    assert not is_lead_line(["产出指标", "数量指标", "培训人次", "≥200人次"])
    assert not is_lead_line(["说明：本表按项目列示"])


def test_the_next_tables_lines_end_the_table_above() -> None:
    rows = [
        ["效益指标", "社会效益指标", "培训满意度", "≥90%"],  # the last row of a table
        [],
        ["2.会议项目绩效目标表"],
        ["编制部门：某某区政务服务办公室", None, None, "单位：元"],
        ["项目名称", "会议经费"],
    ]
    assert lead_start(rows, 4, 1) == 2
    assert lead_start(rows, 4, 3) == 3  # never above floor


def test_a_table_between_is_skipped_and_said_lines_only_are_the_tables_own() -> None:
    budget = [
        ["三公经费预算表"],
        ["合计", "因公出国（境）费", "公务接待费", "公务用车运行费"],
        [6.8, 0, 1.2, 5.6],
        ["编制单位：某某区政务服务办公室"],
        ["项目名称", "干部培训"],
    ]
    first, note = after_block(budget, 4, 0, "预算")
    assert first == 3
    assert note is not None and (note.sheet, note.row) == ("预算", 2)
    assert note.message == "起的表格不是绩效目标表，已跳过"
    lines = [["说明：本表按项目列示"], ["填表人：张三", None, "日期：2026-01-05"], ["项目名称"]]
    assert after_block(lines, 2, 0, "Sheet1") == (0, None)
