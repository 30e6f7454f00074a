"""A 自评表 table scored end to end: indicators as clerks write them, the budget, total, grade."""

from __future__ import annotations

from decimal import Decimal

from goaleditor.model.document import Document, GoalTable, Indicator
from goaleditor.self_evaluation.evaluation import score_table, score_text
from goaleditor.self_evaluation.profiles import CENTRAL, HUBEI, SHANGHAI
from goaleditor.self_evaluation.scores import DocumentScores

D = Decimal


def _table(*rows: tuple[str, str, Indicator]) -> GoalTable:
    table = GoalTable.from_rows(rows, project_name="p")
    table.budget_adjusted, table.budget_executed = D("100"), D("95")
    return table


def _ind(
    comparator: str, value: str, unit: str, weight: str, actual: str, **more: str
) -> Indicator:
    indicator = Indicator("n", "", comparator, value, unit, weight)
    indicator.actual = actual
    for key, text in more.items():
        setattr(indicator, key, text)
    return indicator


def test_a_central_table_is_scored_totalled_and_graded() -> None:
    table = _table(
        ("产出指标", "数量指标", _ind("≥", "12", "个", "50", "12个")),  # B = A → 50
        ("效益指标", "社会效益指标", _ind("≥", "100", "%", "30", "99.5%")),  # 99.5/100×30 = 29.85
        ("满意度指标", "服务对象满意度指标", _ind("定性", "好", "", "10", "达成", score="9")),
    )
    result = score_table(table, CENTRAL)
    assert [score_text(i.score) for i in result.indicators] == ["50.00", "29.85", "9.00"]
    # 执行率 95.00 % → 9.50 of 10; total 50 + 29.85 + 9 + 9.5 = 98.35 → 优
    assert (result.execution_rate, result.budget_score) == (D("95.00"), D("9.50"))
    assert (result.total, result.grade, result.complete) == (D("98.35"), "优", True)


def test_shanghai_grades_by_its_own_names() -> None:
    table = _table(("产出指标", "数量指标", _ind("≥", "10", "次", "90", "7次")))  # 63
    result = score_table(table, SHANGHAI)
    assert (result.total, result.grade) == (D("72.50"), "合格")  # 63 + 9.5


def test_a_missing_result_leaves_the_grade_open_and_the_total_partial() -> None:
    table = _table(
        ("产出指标", "数量指标", _ind("≥", "12", "个", "45", "12个")),
        ("产出指标", "数量指标", _ind("≥", "12", "个", "45", "")),
    )
    result = score_table(table, CENTRAL)
    assert result.indicators[1].score is None
    assert (result.total, result.grade, result.complete) == (D("54.50"), "", False)


def test_a_typed_score_counts_only_where_the_profile_lets_the_clerk_enter_it() -> None:
    indicator = _ind("≤", "10", "分钟", "10", "15分钟", score="6")  # rule: (20−15)/10×10 = 5
    central = score_table(_table(("产出指标", "时效指标", indicator)), CENTRAL)
    assert (central.indicators[0].rule, central.indicators[0].score) == (D("5.00"), D("5.00"))
    hubei = score_table(_table(("产出指标", "时效指标", indicator)), HUBEI)
    assert (hubei.indicators[0].rule, hubei.indicators[0].score) == (D("5.00"), D("6"))


def test_the_budget_weight_is_the_tables_own_or_the_profiles() -> None:
    table = _table(("产出指标", "数量指标", _ind("≥", "1", "个", "80", "1个")))
    assert score_table(table, HUBEI).budget_weight == D(20)  # 湖北: 20 × 95 % = 19
    assert score_table(table, HUBEI).budget_score == D("19.00")
    table.budget_weight = "10"
    assert score_table(table, HUBEI).budget_score == D("9.50")


def test_one_edit_rescores_one_table_only() -> None:
    tables = [
        _table(("产出指标", "数量指标", _ind("≥", "10", "个", "90", f"{n % 10}个")))
        for n in range(200)
    ]
    document = Document(kind="self-evaluation", tables=tables)
    scores = DocumentScores(document)
    before = scores.all()
    indicator = next(tables[7].indicator_rows())[2]
    document.set_field(indicator, "actual", "10个")
    after = scores.all()
    assert after[7].indicators[0].score == D("90.00")
    assert [a is b for a, b in zip(before, after, strict=True)].count(False) == 1
    document.set_property("scoring", "hubei")  # another profile rescores every table
    assert all(a is not b for a, b in zip(after, scores.all(), strict=True))
    scores.close()
    document.set_field(indicator, "actual", "1个")
    assert DocumentScores(document).of(tables[7]).indicators[0].score == D("9.00")


def test_removed_tables_are_forgotten() -> None:
    tables = [_table(("产出指标", "数量指标", _ind("≥", "1", "个", "1", "1个"))) for _ in range(3)]
    document = Document(kind="self-evaluation", tables=tables)
    scores = DocumentScores(document)
    scores.all()
    document.remove_tables(0, 2)
    assert len(scores._cache) == 1  # what is kept is the point here
    assert [s.indicators[0].score for s in scores.all()] == [D("1.00")]


def test_a_table_without_indicators_is_not_totalled_or_graded() -> None:
    result = score_table(_table(), CENTRAL)
    assert result.budget_score == D("9.50")
    assert (result.complete, result.grade) == (False, "")  # not 差 on the budget's 9.50 alone
