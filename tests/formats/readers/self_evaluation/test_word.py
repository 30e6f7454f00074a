"""A 自评表 typed in Word (python-docx, merged cells as clerks merge them) opens as one."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from goaleditor.formats.registry import read_document
from tests.helpers import note_lines

MONEY = ["年初预算数", "全年预算数（A）", "全年执行数（B）", "分值", "执行率（B/A）", "得分"]
HEADER = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"]
# Ten columns: A label | B..C (row labels, 一级) | D..J.
ROWS: list[list[Any]] = [
    ["项目名称", "2025年社区食堂补助", None, None, None, None, None, None, None, None],
    ["主管部门", "201-某某区民政局", None, None, None, "实施单位", "201001-某某街道", None],
    ["项目资金（万元）", None, None, *MONEY, None],
    [None, "年度资金总额", None, "40", "40", "36", "10", "90%", "9", None],
    [None, "其中：本年财政拨款", None, "40", "40", "36", "—", "90%", "—", None],
    [None, "上年结转资金", None, None, None, None, "—", None, "—", None],
    [None, "其他资金", None, None, None, None, "—", None, "—", None],
    ["年度总体目标", "预期目标", None, None, None, "实际完成情况", None, None, None, None],
    [None, "全年供餐不少于3万人次。", None, None, None, "全年供餐3.2万人次。", None, None],
    ["绩效指标", *HEADER, "偏差原因分析及改进措施", None],
    [None, "产出指标（50分）", "数量指标", "供餐人次", "≥30000人次", "32000人次", "50", "50"],
    [None, "效益指标（30分）", "社会效益指标", "老人就餐便利", "明显改善", "达成预期指标"],
    [None, None, None, None, None, None, "30", "27", None, None],
    [None, "满意度指标（10分）", "服务对象满意度指标", "就餐老人满意度", "≥90%", "85%"],
    ["总分", None, None, None, None, None, "100", "95.44", None, None],
]


def _fill(row: list[Any]) -> list[Any]:
    return [*row, *[None] * (10 - len(row))]


def _word(path: Path) -> None:
    """The form in a Word table: label column merged down, row labels over two columns,
    偏差原因 over the last two, 一级 of 效益 merged down two rows, 总分 over six columns."""
    import docx

    word = docx.Document()
    word.add_paragraph("项目支出绩效自评表")
    word.add_paragraph("（2025年度）")
    rows = [_fill(row) for row in ROWS]
    rows[11][6:9], rows[12][6:9] = ["30", "27", None], [None, None, None]
    rows[13][6:8] = ["10", "8"]
    table = word.add_table(rows=len(rows), cols=10)
    table.style = "Table Grid"
    merges = [(2, 0, 6, 0), (7, 0, 8, 0), (9, 0, 13, 0), (14, 0, 14, 5), (0, 1, 0, 9)]
    merges += [(r, 1, r, 2) for r in range(3, 7)] + [(7, 1, 7, 4), (8, 1, 8, 4)]
    merges += [(7, 5, 7, 9), (8, 5, 8, 9), (11, 1, 12, 1), (11, 2, 12, 2), (11, 3, 12, 3)]
    merges += [(11, 4, 12, 4), (11, 5, 12, 5), (11, 6, 12, 6), (11, 7, 12, 7)]
    merges += [(r, 8, r, 9) for r in range(9, 15) if r != 12] + [(11, 8, 12, 9)]
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value is not None:
                table.cell(r, c).text = str(value)
    for top, left, bottom, right in merges:
        kept = table.cell(top, left).text
        merged = table.cell(top, left).merge(table.cell(bottom, right))
        merged.text = kept
    word.save(str(path))


def test_a_word_self_evaluation_opens_with_its_scores_checked(tmp_path: Path) -> None:
    path = tmp_path / "自评.docx"
    _word(path)
    lines: list[str] = []
    document = read_document(path, note_lines(lines))
    assert (document.kind, document.scoring, document.year) == ("self-evaluation", "central", 2025)
    table = document.tables[0]
    assert (table.project_name, table.supervisor, table.implementer) == (
        "2025年社区食堂补助",
        "201-某某区民政局",
        "201001-某某街道",
    )
    assert (table.budget_adjusted, table.budget_executed_fiscal, table.budget_weight) == (
        Decimal("40.00"),
        Decimal("36.00"),
        "10",
    )
    assert (table.goal, table.goal_result) == ("全年供餐不少于3万人次。", "全年供餐3.2万人次。")
    QUALITATIVE = ("达成预期指标", "30", "27", "达成")
    SATISFACTION = ("85%", "10", "", "")
    got = [
        (l1, l2, i.name, i.comparator, i.value, i.unit, i.actual, i.weight, i.score, i.grade)
        for l1, l2, i in table.indicator_rows()
    ]
    assert got == [
        ("产出指标", "数量指标", "供餐人次", "≥", "30000", "人次", "32000人次", "50", "", ""),
        ("效益指标", "社会效益指标", "老人就餐便利", "定性", "明显改善", "", *QUALITATIVE),
        ("满意度指标", "服务对象满意度指标", "就餐老人满意度", "≥", "90", "%", *SATISFACTION),
    ]
    # 85 / 90 × 10 = 9.44 by rule, typed 8; the total 95.44 is the rule's (50 + 27 + 9.44 + 9).
    said = [line for line in lines if "文件中的" in line]
    assert said == ["第1个表格第16行：表1 就餐老人满意度：文件中的得分8，按规则为9.44"]
