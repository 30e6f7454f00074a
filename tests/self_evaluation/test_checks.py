"""The 自评表's checks, each with its edge, and the entry that checks a document of either kind."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from goaleditor.checking import (
    check_document_of_any_kind,
    check_table_of_any_kind,
    fix_its_of_any_kind,
)
from goaleditor.formats.canonical_json import loads
from goaleditor.model.checks import ERROR, HINT, WARNING, Problem, check_document
from goaleditor.model.document import Document, GoalTable, Indicator
from goaleditor.self_evaluation import checks as se
from goaleditor.self_evaluation.evaluation import score_table
from goaleditor.self_evaluation.fix_its import grade_of_score
from goaleditor.self_evaluation.profiles import CENTRAL
from goaleditor.self_evaluation.start import start_self_evaluation

D = Decimal
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "self_evaluation"


def _ind(
    comparator: str, value: str, unit: str, weight: str, actual: str = "", **more: str
) -> Indicator:
    indicator = Indicator("指标", "", comparator, value, unit, weight)
    indicator.actual = actual
    for key, text in more.items():
        setattr(indicator, key, text)
    return indicator


def _table(*indicators: Indicator, adjusted: str = "100", executed: str | None = "95") -> GoalTable:
    """A table of 产出 rows worth 90 between them (unless weights say otherwise), 执行率 95 %."""
    table = GoalTable.from_rows(
        [("产出指标", "数量指标", i) for i in indicators], project_name="p", goal="g"
    )
    table.budget_adjusted = D(adjusted) if adjusted else None
    table.budget_executed = D(executed) if executed is not None else None
    table.goal_result = "全部完成"
    return table


def _document(*tables: GoalTable, scoring: str = "central") -> Document:
    return Document(kind="self-evaluation", scoring=scoring, tables=list(tables))


def _problems(table: GoalTable, scoring: str = "central") -> list[Problem]:
    document = _document(table, scoring=scoring)
    return check_table_of_any_kind(document, table, 1)


def _rules(problems: list[Problem]) -> list[tuple[str, str, int]]:
    return [(p.severity, p.rule, p.row) for p in problems if p.rule.startswith("self-evaluation")]


# --- 实际完成值 -------------------------------------------------------------------------------


def test_a_table_not_started_says_so_once_as_a_hint() -> None:
    table = _table(_ind("≥", "10", "个", "45"), _ind("≥", "10", "个", "45"), executed=None)
    table.goal_result = ""
    problems = _problems(table)
    assert _rules(problems) == [
        (HINT, se.NO_EXECUTED, 0),
        (HINT, se.NOT_STARTED, 1),
    ]
    hint = next(p for p in problems if p.rule == se.NOT_STARTED)
    assert hint.message == "本表尚未开始自评：2个三级指标的实际完成值待填写"
    assert (hint.field, hint.node) == ("actual", table.children[0].children[0].children[0])
    assert hint.line() == (
        "提示\t表1\t第1行\tself-evaluation.not-started\t本表尚未开始自评：2个三级指标的实际完成值待填写"
    )


def test_a_started_table_warns_of_each_result_still_missing() -> None:
    second = _ind("≥", "10", "个", "45")
    table = _table(_ind("≥", "10", "个", "45", "10个"), second)
    problems = _problems(table)
    assert _rules(problems) == [(WARNING, se.ACTUAL_MISSING, 2)]
    missing = problems[-1]
    assert (missing.field, missing.node, missing.message) == (
        "actual",
        second,
        "“指标”的实际完成值为空",
    )


def test_a_started_table_warns_when_the_goals_result_is_not_written() -> None:
    table = _table(_ind("≥", "10", "个", "90", "10个"))
    table.goal_result = " "
    problems = _problems(table)
    assert _rules(problems) == [(WARNING, se.NO_GOAL_RESULT, 0)]
    assert (problems[0].field, problems[0].node) == ("goal_result", table)


def test_a_result_in_another_unit_cannot_be_scored() -> None:
    table = _table(_ind("≥", "10", "个", "90", "10次"))
    problems = _problems(table)
    assert _rules(problems) == [(ERROR, se.ACTUAL_UNREADABLE, 1)]
    assert problems[-1].message == ("“指标”：实际完成值的单位“次”与指标值的单位“个”不同，无法计分")


# --- 偏差原因 ---------------------------------------------------------------------------------


def test_a_score_below_its_weight_needs_a_deviation() -> None:
    short = _ind("≥", "10", "个", "90", "8个")  # 72 of 90
    problems = _problems(_table(short))
    assert _rules(problems) == [(ERROR, se.NO_DEVIATION, 1)]
    assert problems[-1].message == "“指标”得分72.00低于分值90，偏差原因分析及改进措施为空"
    assert (problems[-1].field, problems[-1].node) == ("deviation", short)
    short.deviation = "采购延期"
    assert _rules(_problems(_table(short))) == []


def test_a_score_equal_to_its_weight_needs_no_deviation() -> None:
    assert _rules(_problems(_table(_ind("≥", "10", "个", "90", "10个")))) == []
    # 反向 met exactly: B = A earns W
    assert _rules(_problems(_table(_ind("≤", "30", "分钟", "90", "30分钟")))) == []


def test_over_achievement_from_130_percent_needs_an_explanation() -> None:
    at = _ind("≥", "100", "个", "90", "130个")
    problems = _problems(_table(at))
    assert _rules(problems) == [(WARNING, se.OVER_ACHIEVEMENT, 1)]
    assert problems[-1].field == "deviation"
    assert "130%以上" in problems[-1].message
    assert _rules(_problems(_table(_ind("≥", "100", "个", "90", "129.99个")))) == []
    at.deviation = "需求增加"
    assert _rules(_problems(_table(at))) == []


# --- 定性 -------------------------------------------------------------------------------------


def _qualitative(grade: str = "", score: str = "", **more: str) -> Indicator:
    return _ind("定性", "有效提升", "", "10", grade=grade, score=score, **more)


def _with_qualitative(indicator: Indicator) -> GoalTable:
    return _table(_ind("≥", "10", "个", "80", "10个"), indicator)


def test_a_qualitative_score_at_its_bands_edges_is_accepted() -> None:
    assert _rules(_problems(_with_qualitative(_qualitative("达成", "10")))) == []
    # 8 of 10 is the bottom of 达成: in band, but below the weight (a hint to explain)
    assert _rules(_problems(_with_qualitative(_qualitative("达成", "8")))) == [
        (HINT, se.NO_DEVIATION, 2)
    ]
    assert _rules(_problems(_with_qualitative(_qualitative("部分达成", "6", deviation="x")))) == []


def test_a_qualitative_score_outside_its_band_is_an_error() -> None:
    problems = _problems(_with_qualitative(_qualitative("部分达成", "8", deviation="x")))
    assert _rules(problems) == [(ERROR, se.SCORE_OUT_OF_BAND, 2)]
    assert problems[-1].message == (
        "“指标”：定性指标评为“部分达成”，得分应不低于6.00分且低于8.00分（现为8）"
    )
    assert problems[-1].field == "score"


def test_a_qualitative_grade_or_score_missing_is_said() -> None:
    no_grade = _rules(_problems(_with_qualitative(_qualitative("", "9", deviation="x"))))
    assert no_grade == [(WARNING, se.NO_GRADE, 2)]
    no_score = _problems(_with_qualitative(_qualitative("达成")))
    assert _rules(no_score) == [(WARNING, se.NO_SCORE, 2)]
    assert no_score[-1].message == "定性指标“指标”已评为“达成”，得分尚未填写（8.00至10.00分）"
    neither = _problems(_with_qualitative(_qualitative()))  # the table is started (row 1)
    assert _rules(neither) == [(WARNING, se.NO_GRADE, 2)]
    assert neither[-1].field == "grade"


def test_a_qualitative_grade_unknown_or_score_not_a_number_is_an_error() -> None:
    assert _rules(_problems(_with_qualitative(_qualitative("很好", "9", deviation="x")))) == [
        (ERROR, se.BAD_GRADE, 2)
    ]
    assert _rules(_problems(_with_qualitative(_qualitative("达成", "九")))) == [
        (ERROR, se.SCORE_NOT_A_NUMBER, 2)
    ]
    over = _rules(_problems(_with_qualitative(_qualitative("达成", "11"))))
    assert (ERROR, se.SCORE_OUT_OF_RANGE, 2) in over  # (it also lifts completion above 执行率)


def test_a_score_typed_where_the_profile_lets_the_clerk_must_lie_within_its_weight() -> None:
    row = _ind("≥", "10", "个", "80", "10个", score="85")  # 湖北: editable, budget 20
    assert (ERROR, se.SCORE_OUT_OF_RANGE, 1) in _rules(_problems(_table(row), scoring="hubei"))
    row.score = "78"  # the unit's own score, below the rule's 80: a reason is needed
    assert _rules(_problems(_table(row), scoring="hubei")) == [(ERROR, se.NO_DEVIATION, 1)]
    # central computes: a score typed there is not in force, and not checked
    assert _rules(_problems(_table(_ind("≥", "10", "个", "90", "10个", score="95")))) == []


def test_the_clerks_spelling_of_a_grade_is_read() -> None:
    assert _rules(_problems(_with_qualitative(_qualitative("达成预期指标", "10")))) == []


# --- 分值 -------------------------------------------------------------------------------------


def test_weights_must_sum_to_90_with_the_budgets_10() -> None:
    assert (
        _rules(
            _problems(_table(_ind("≥", "1", "个", "45", "1个"), _ind("≥", "1", "个", "45", "1个")))
        )
        == []
    )
    problems = _problems(
        _table(_ind("≥", "1", "个", "50", "1个"), _ind("≥", "1", "个", "45", "1个"))
    )
    assert _rules(problems) == [(ERROR, se.WEIGHTS, 0)]
    assert problems[0].message == "三级指标分值合计95，应为90（另有预算执行率10分，共100分）"


def test_a_missing_weight_is_an_error_at_its_row() -> None:
    blank = _ind("≥", "1", "个", "", "1个")
    problems = _problems(_table(_ind("≥", "1", "个", "90", "1个"), blank))
    assert _rules(problems) == [(ERROR, se.WEIGHTS, 2)]
    assert (problems[-1].node, problems[-1].field) == (blank, "weight")


def test_the_tables_own_budget_weight_moves_the_indicators_total() -> None:
    table = _table(_ind("≥", "1", "个", "80", "1个"))
    table.budget_weight = "20"
    assert _rules(_problems(table)) == []
    table.budget_weight = "二十"
    assert _rules(_problems(table)) == [(ERROR, se.BUDGET_WEIGHT, 0)]


# --- 预算执行 ---------------------------------------------------------------------------------


def test_execution_below_80_percent_warns_and_exactly_80_does_not() -> None:
    row = _ind("≥", "1", "个", "90", "1个")
    low = _problems(_table(row, executed="79.99"))
    assert (WARNING, se.LOW_EXECUTION, 0) in _rules(low)
    warning = next(p for p in low if p.rule == se.LOW_EXECUTION)
    assert warning.message == "预算执行率79.99%低于80%"
    assert warning.field == "budget_executed"
    assert se.LOW_EXECUTION not in [p.rule for p in _problems(_table(row, executed="80"))]


def test_completion_more_than_5_points_above_execution_is_high_score_low_execution() -> None:
    row = _ind("≥", "1", "个", "90", "1个")  # completion 100 %
    above = _problems(_table(row, executed="94.99"))
    assert _rules(above) == [(WARNING, se.HIGH_SCORE_LOW_EXECUTION, 0)]
    assert "高自评低执行" in above[0].message
    assert _rules(_problems(_table(row, executed="95"))) == []  # exactly 5 points: not yet


def test_money_to_fill_and_more_spent_than_budgeted() -> None:
    row = _ind("≥", "1", "个", "90", "1个")
    assert _rules(_problems(_table(row, executed=None))) == [(WARNING, se.NO_EXECUTED, 0)]
    assert _rules(_problems(_table(row, adjusted="", executed="10"))) == [
        (WARNING, se.NO_ADJUSTED, 0)
    ]
    over = _problems(_table(row, executed="100.01"))
    assert _rules(over) == [(ERROR, se.OVER_EXECUTED, 0)]
    assert over[0].message == "年度资金总额的全年执行数 100.01元 超过全年预算数 100.00元"
    assert _rules(_problems(_table(row, executed="100"))) == []


def test_a_new_blank_table_only_has_its_money_to_fill() -> None:
    table = GoalTable()
    assert _rules(_problems(table)) == [(HINT, se.NO_ADJUSTED, 0), (HINT, se.NO_EXECUTED, 0)]


def test_a_negative_amount_of_the_money_block_is_an_error() -> None:
    table = _table(_ind("≥", "1", "个", "90", "1个"))
    table.budget_initial_other = D(-1)
    problems = _problems(table)
    assert _rules(problems) == [(ERROR, se.NEGATIVE_MONEY, 0)]
    assert problems[0].message == "其他资金的年初预算数为负数：-1.00元"
    assert problems[0].field == "budget_initial_other"


def test_the_money_blocks_rows_must_add_up() -> None:
    table = _table(_ind("≥", "1", "个", "90", "1个"))
    table.budget_executed_fiscal, table.budget_executed_other = D(90), D(4)
    problems = _problems(table)
    assert _rules(problems) == [(ERROR, se.MONEY_SUM, 0)]
    assert problems[0].field == "budget_executed"
    table.budget_executed_other = D(5)
    assert _rules(_problems(table)) == []
    table.budget_adjusted_fiscal = D(90)
    table.budget_executed_fiscal = D("90.5")  # its row spends more than it had
    table.budget_executed_other = D("4.5")
    assert _rules(_problems(table)) == [(ERROR, se.MONEY_SUM, 0), (ERROR, se.OVER_EXECUTED, 0)]


# --- the document -----------------------------------------------------------------------------


def test_an_unknown_scoring_profile_is_said_once_and_scored_by_central_rules() -> None:
    document = _document(_table(_ind("≥", "1", "个", "90", "1个")), scoring="guangdong")
    problems = check_document_of_any_kind(document)
    assert [(p.severity, p.rule, p.table) for p in problems] == [(WARNING, se.UNKNOWN_SCORING, 0)]
    assert problems[0].message == f"评分规则“guangdong”未知，已按{CENTRAL.label}规则计分"
    assert check_document_of_any_kind(_document(*document.tables, scoring="")) == []


def test_a_goal_document_is_checked_as_before() -> None:
    table = _table(_ind("≥", "10", "个", "90", "8个"))
    document = Document(tables=[table])
    assert check_document_of_any_kind(document) == check_document(document)
    assert not any(p.rule.startswith("self-evaluation") for p in check_document(document))


def test_goal_checks_that_misfire_on_a_self_evaluation_are_left_out(example_path: Path) -> None:
    from goaleditor.formats.readers.published_text import read

    goals = read(example_path)
    goals.layout = "sichuan"  # prints 权重 summing to 100 in a 目标表
    started = start_self_evaluation(goals).document
    started.layout = "sichuan"
    goal_rules = {p.rule for p in check_document(started)}
    assert {"layout.not-printed", "weight.sum"} <= goal_rules  # the goal checks would say so
    rules = {p.rule for p in check_document_of_any_kind(started)}
    assert not rules & {"layout.not-printed", "weight.sum", "weight.invalid"}
    assert "budget.sum" not in rules  # the money block has its own sums
    assert rules == {se.NOT_STARTED, se.NO_EXECUTED}  # only what is still to fill
    assert all(p.severity == HINT for p in check_document_of_any_kind(started))


def test_an_empty_self_evaluation_says_it_has_no_self_evaluation_table() -> None:
    problems = check_document_of_any_kind(_document())
    assert [p.message for p in problems] == ["文档中没有绩效自评表"]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (
            "central-clerk-expected.json",
            [
                "错误\t表2\t第2行\tself-evaluation.no-deviation\t“知识库条目更新数”得分8.00低于分值10，"
                "偏差原因分析及改进措施为空"
            ],
        ),
        (
            "sichuan-clerk-expected.json",
            [
                "提示\t表1\t第3行\tself-evaluation.no-deviation\t“困难老人生活质量”得分27.00低于分值30，"
                "评为达成；如有偏差，请在偏差原因分析及改进措施中说明"
            ],
        ),
    ],
)
def test_the_clerks_fixtures_show_only_what_the_clerk_left_out(
    name: str, expected: list[str]
) -> None:
    document = loads((FIXTURES / name).read_bytes())
    assert document.is_self_evaluation
    assert [p.line() for p in check_document_of_any_kind(document)] == expected


def test_a_score_kept_by_the_caller_is_used() -> None:
    table = _table(_ind("≥", "10", "个", "90", "8个"))
    document = _document(table)
    kept = score_table(table, CENTRAL)
    table.children[0].children[0].children[0].actual = "10个"  # not rescored: the caller's
    problems = check_table_of_any_kind(document, table, 1, score=kept)
    assert se.NO_DEVIATION in [p.rule for p in problems]


# --- fix-its ----------------------------------------------------------------------------------


def _fixed(table: GoalTable, rule: str, scoring: str = "central") -> Document:
    """The document after the first fix-it of the first problem of rule."""
    document = _document(table, scoring=scoring)
    problem = next(p for p in check_document_of_any_kind(document) if p.rule == rule)
    first = fix_its_of_any_kind(problem, document)[0]
    undo = first.edit().apply(document)
    assert rule not in {p.rule for p in check_document_of_any_kind(document)}
    undo.apply(document)
    assert rule in {p.rule for p in check_document_of_any_kind(document)}  # undone in one step
    first.edit().apply(document)
    return document


def test_a_qualitative_score_outside_its_band_is_fixed_by_the_grade_it_fits() -> None:
    row = _qualitative("部分达成", "8", deviation="x")
    _fixed(_with_qualitative(row), se.SCORE_OUT_OF_BAND)
    assert row.grade == "达成"
    blank = _qualitative("", "5.99", deviation="x")
    _fixed(_with_qualitative(blank), se.NO_GRADE)
    assert blank.grade == "未达成"


def test_a_money_total_is_fixed_from_its_rows() -> None:
    table = _table(_ind("≥", "1", "个", "90", "1个"))
    table.budget_executed_fiscal, table.budget_executed_other = D(90), D(4)
    _fixed(table, se.MONEY_SUM)
    assert table.budget_executed == D(94)


def test_an_unknown_scoring_profile_is_fixed_by_the_central_one() -> None:
    document = _fixed(_table(_ind("≥", "1", "个", "90", "1个")), se.UNKNOWN_SCORING, "mars")
    assert document.scoring == "central"


def test_the_grade_a_score_fits() -> None:
    assert [grade_of_score(D(s), D(10), CENTRAL) for s in ("10", "8", "7.99", "6", "0")] == [
        "达成",
        "达成",
        "部分达成",
        "部分达成",
        "未达成",
    ]
    assert grade_of_score(D(11), D(10), CENTRAL) is None
    assert grade_of_score(D(0), D(0), CENTRAL) is None


def test_a_self_evaluation_field_its_form_does_not_print_is_said_once(example_document) -> None:
    from decimal import Decimal

    from goaleditor.checking import check_document_of_any_kind
    from goaleditor.self_evaluation.start import start_self_evaluation

    document = start_self_evaluation(example_document).document
    table = document.tables[0]
    table.budget_adjusted_carryover, table.conclusion = Decimal(5), "较好"
    document.layout = "sichuan"
    hints = [p for p in check_document_of_any_kind(document) if p.rule == "layout.not-printed"]
    assert [(p.table, p.message) for p in hints] == [
        (1, "全年预算数（上年结转资金）已填写，但四川的自评表不打印（数据仍保留在文档中）")
    ]
    document.layout = "central"
    hints = [p for p in check_document_of_any_kind(document) if p.rule == "layout.not-printed"]
    assert [p.message for p in hints] == [
        "评价结论已填写，但中央的自评表不打印（数据仍保留在文档中）"
    ]


def test_a_fraction_against_a_percent_target_is_warned_with_a_fix(example_document) -> None:
    from goaleditor.checking import check_document_of_any_kind, fix_its_of_any_kind
    from goaleditor.self_evaluation.start import start_self_evaluation

    document = start_self_evaluation(example_document).document
    table = document.tables[0]
    percent = next(i for _, _, i in table.indicator_rows() if i.unit == "%" and i.value == "90")
    percent.actual = "0.972"  # a percent cell's value, copied from Excel
    found = [p for p in check_document_of_any_kind(document) if p.node is percent]
    warned = [p for p in found if p.rule == "self-evaluation.actual-fraction"]
    assert [p.severity for p in warned] == ["警告"]
    assert "实际完成值0.972没有写%" in warned[0].message and "若是97.2%请改写" in warned[0].message
    fixes = fix_its_of_any_kind(warned[0], document)
    assert [(f.label, f.value) for f in fixes] == [("实际完成值改为97.2%", "97.2%")]
    percent.actual = "97.2%"
    assert not [p for p in check_document_of_any_kind(document) if p.rule == warned[0].rule]
    percent.actual = "1.5"  # more than 1: a percent without its sign, not a fraction
    assert not [p for p in check_document_of_any_kind(document) if p.rule == warned[0].rule]
