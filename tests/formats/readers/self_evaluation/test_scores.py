"""Typed scores set against the rules, the profile's editable scores, and files of two kinds."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl import Workbook

from goaleditor.formats.readers.self_evaluation.table import EvaluatedTable, read_self_evaluation
from goaleditor.formats.readers.self_evaluation.typed import typed_rate
from goaleditor.formats.readers.self_evaluation.typed_scores import settle_scores
from goaleditor.formats.readers.sheets.xlsx import read
from goaleditor.formats.readers.tables.table_reader import SheetReader
from goaleditor.self_evaluation.profiles import CENTRAL, HUBEI
from tests.helpers import note_lines

FIXTURE = Path(__file__).parents[3] / "fixtures" / "self_evaluation" / "central-clerk.xlsx"


def _grid(sheet: str) -> list[list[Any]]:
    book = openpyxl.load_workbook(FIXTURE)
    return [[cell.value for cell in row] for row in book[sheet].iter_rows()]


def _evaluated(rows: list[list[Any]], sheet: str = "表2") -> EvaluatedTable:
    reader = SheetReader(rows, sheet)
    reader.read_self_evaluation = read_self_evaluation
    (found,) = reader.tables()
    assert isinstance(found, EvaluatedTable)
    return found


def test_an_editable_profile_keeps_the_typed_scores_and_says_nothing() -> None:
    item = _evaluated(_grid("表2"))
    assert settle_scores(1, item, HUBEI) == []  # the typed 7 makes the typed 总分 91.52 right
    stored = {i.name: i.score for _, _, i in item.table.indicator_rows() if i.score}
    # the 定性 two as entered, and the one typed score that is not the rule's (60 / 90 × 10)
    assert stored == {"涉企投诉响应": "7", "热线服务长效机制": "10", "来电群众满意度": "7"}


def test_a_computed_profile_says_each_figure_the_rule_does_not_give() -> None:
    rows = _grid("表2")
    rows[5][7], rows[5][8] = "96%", 9.6  # 执行率 and budget 得分 of 年度资金总额 (199.98 / 210)
    item = _evaluated(rows)
    said = [(note.row, note.table, note.message) for note in settle_scores(1, item, CENTRAL)]
    assert said == [
        (21, 1, "表2 来电群众满意度：文件中的得分7，按规则为6.67"),
        (6, 1, "表2 执行率：文件中的执行率96%，按全年执行数/全年预算数为95.23%"),
        (6, 1, "表2 预算执行：文件中的得分9.6，按规则为9.52"),
        (22, 1, "表2 总分：文件中的总分91.52，按规则为91.19"),
    ]
    assert item.table.budget_score == ""


def test_a_qualitative_result_that_is_no_grade_takes_the_grade_of_its_score() -> None:
    rows = _grid("表2")
    rows[18][5] = "及时"  # 涉企投诉响应 (typed 7 of 10: 部分达成's band)
    item = _evaluated(rows)
    notes = [note.message for note in settle_scores(1, item, CENTRAL)]
    assert "表2 涉企投诉响应：实际完成值“及时”，按得分定为“部分达成”" in notes
    graded = {i.name: (i.actual, i.grade) for _, _, i in item.table.indicator_rows()}
    assert graded["涉企投诉响应"] == ("及时", "部分达成")


def test_a_rate_typed_as_a_number_cell_is_a_fraction() -> None:
    as_number, as_text = typed_rate(0.9523, 0), typed_rate("95.23%", 3)
    assert as_number is not None and as_text is not None
    assert (as_number.shown, as_number.number) == ("95.23%", Decimal("95.23"))
    assert (as_text.shown, as_text.number, as_text.row) == ("95.23%", Decimal("95.23"), 3)
    assert typed_rate("—", 0) is None


def _goal_sheet(name: str) -> list[list[Any]]:
    return [
        [f"1.{name}绩效目标表"],
        ["单位：万元"],
        ["项目名称", name],
        ["预算数", 10],
        ["绩效目标", "完成培训"],
        ["一级指标", "二级指标", "三级指标", "指标值"],
        ["产出指标", "数量指标", "培训人次", "≥200人次"],
    ]


def test_a_workbook_with_more_self_evaluations_opens_as_one_and_says_the_goal_table(
    tmp_path: Path,
) -> None:
    book = Workbook()
    book.remove(book.active)
    sheets = (("表1", _grid("表1")), ("目标", _goal_sheet("甲项目")), ("表2", _grid("表2")))
    for title, rows in sheets:
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    path = tmp_path / "mixed.xlsx"
    book.save(path)
    lines: list[str] = []
    document = read(path, note_lines(lines))
    assert document.kind == "self-evaluation"
    assert [t.project_name for t in document.tables] == [
        "2025年信息系统运维项目",
        "2025年政务服务热线运行经费",
    ]
    skipped = [line for line in lines if "已跳过" in line]
    assert skipped == [
        "工作表“目标”第6行：这张表是绩效目标表（甲项目），已跳过："
        "本文件绩效自评表较多，按绩效自评表打开（一个文档只有一种表）"
    ]


def test_the_texts_under_sichuan_indicators_end_them_without_a_total_row() -> None:
    book = openpyxl.load_workbook(FIXTURE.with_name("sichuan-clerk.xlsx"))
    rows = [[cell.value for cell in row] for row in book["自评表"].iter_rows()]
    del rows[20]  # the 合计 row
    rows.insert(18, [None, None, None, None, None, None, None, None, None, None, "（续）"])
    reader = SheetReader(rows, "自评表")
    reader.read_self_evaluation = read_self_evaluation
    (item,) = reader.tables()
    assert [i.name for _, _, i in item.table.indicator_rows()] == [
        "补助服务对象人数",
        "补助发放及时率",
        "困难老人生活质量",
        "受助老人满意度",
    ]
    assert (item.layout, item.total, item.table.conclusion, item.table.finance_leader) == (
        "sichuan",
        None,
        "项目年度目标基本完成，自评得分95.83分，等级为优。",
        "李某",
    )
    assert [str(note) for note in reader.notes if "已跳过" in str(note)] == [
        "工作表“自评表”第19行：“（续）”不是指标（没有三级指标和指标值），已跳过"
    ]


def test_a_block_stating_no_money_unit_is_read_in_yuan_and_said() -> None:
    rows = _grid("表1")
    rows[4][0] = "项目资金"
    reader = SheetReader(rows, "表1")
    reader.read_self_evaluation = read_self_evaluation
    (item,) = reader.tables()
    assert (item.table.money_unit, item.table.budget_adjusted) == ("元", Decimal("105.00"))
    assert "工作表“表1”第5行：自评表没有写明金额单位，金额按元读取" in map(str, reader.notes)


def test_a_qualitative_score_that_is_no_number_is_said_and_left_to_enter() -> None:
    rows = _grid("表2")
    rows[18][7] = "较好"  # 涉企投诉响应's 得分
    item = _evaluated(rows)
    notes = [(note.row, note.message) for note in settle_scores(1, item, CENTRAL)]
    assert (19, "表2 涉企投诉响应：文件中的得分“较好”不是数，未读取") in notes
    scores = {i.name: i.score for _, _, i in item.table.indicator_rows()}
    assert scores["涉企投诉响应"] == ""


def test_a_typed_rate_without_a_rule_rate_says_why() -> None:
    reasons = []
    for adjusted, executed in ((0, 199.98), (210, -5), ("未知", 199.98)):
        rows = _grid("表2")
        rows[5][4], rows[5][5] = adjusted, executed  # 全年预算数, 全年执行数 of 年度资金总额
        notes = [note.message for note in settle_scores(1, _evaluated(rows), CENTRAL)]
        reasons += [n for n in notes if n.startswith("表2 执行率")]
    assert reasons == [
        "表2 执行率：文件中的执行率95.23%，全年预算数不大于0，无法按规则计算",
        "表2 执行率：文件中的执行率95.23%，全年执行数为负数，无法按规则计算",
        "表2 执行率：文件中的执行率95.23%，全年预算数或全年执行数不是金额，无法按规则计算",
    ]
