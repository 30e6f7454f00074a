"""The review checks: each fires and does not; the bundled example and the fixtures' output."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from goaleditor.checking import check_document_of_any_kind
from goaleditor.formats.registry import read_document
from goaleditor.model.checks import HINT, WARNING, Problem, check_document
from goaleditor.model.document import Document, GoalTable, Indicator
from goaleditor.model.problem_fixes import fix_its
from goaleditor.model.rejection_checks import (
    ANNUAL_GOAL,
    ANNUAL_MONEY,
    REJECTION_RULES,
    VAGUE_VALUE,
    Span,
    project_span,
    rejection_problems,
)
from goaleditor.model.vague_values import (
    BARE_CHANGES,
    VAGUE_CHANGES,
    VAGUE_DEGREES,
    VAGUE_PHRASES,
    vague_phrase,
)
from goaleditor.resources import example_document
from goaleditor.self_evaluation.start import start_self_evaluation
from tests.helpers import run_cli

ROOT = Path(__file__).resolve().parents[2]
SHANGHAI_FIXTURE = ROOT / "tests" / "fixtures" / "full-shanghai-2026.json"
D = Decimal

# 上海市普陀区城市管理行政执法局 拆违经费, 2026 (samples/shanghai-2026-shenbaobiao.txt): the two
# goals as published, word for word the same but for their line breaks.
PERIOD_GOAL = (
    "1.完成市、区相关部门下达的年度拆违任务。\n2.新增违建“零增长”，坚决做到“无增减存”。\n"
    "3.开展存量违建专项治理，快速降低违建点位数。\n"
    "4.开展普查数据平台“拆一件、销一项、存一档”目标管理。\n"
)
ANNUAL_GOAL_TEXT = (
    "1.完成市、区相关部门下达的年度\n拆违任务。\n2.新增违建“零增长”，坚决做到“\n无增减存”。\n"
    "3.开展存量违建专项治理，快速降低\n违建点位数。\n4.开展普查数据平台“拆一件、销一\n"
    "项、存一档”目标管理。"
)


def _rows(*extra: tuple[str, str, Indicator]) -> list[tuple[str, str, Indicator]]:
    return [
        ("成本指标", "经济成本指标", Indicator("成本控制合理性", "", "定性", "合理")),
        ("产出指标", "数量指标", Indicator("完成年度拆违计划", "", "=", "100", "%")),
        ("产出指标", "质量指标", Indicator("违法建筑销项正确率", "", "=", "100", "%")),
        ("产出指标", "时效指标", Indicator("新增违建处置率", "", "=", "100", "%")),
        ("效益指标", "社会效益指标", Indicator("群众政策知晓度", "", "≥", "90", "%")),
        ("效益指标", "可持续影响指标", Indicator("长效管理制度健全性", "", "定性", "健全")),
        ("满意度指标", "服务对象满意度指标", Indicator("群众满意度", "", "≥", "90", "%")),
        *extra,
    ]


def shanghai(
    start: str = "2024-01-01",
    end: str = "2026-12-31",
    annual: str | None = "3498000",
    period: str | None = "10308000",
    goal: str = ANNUAL_GOAL_TEXT,
    period_goal: str = "2024-2026年完成拆违任务，违建零增长。",
    layout: str = "shanghai",
    rows: list[tuple[str, str, Indicator]] | None = None,
) -> Document:
    """The 拆违经费 table in Shanghai's form; by default nothing a review check says."""
    table = GoalTable.from_rows(
        rows if rows is not None else _rows(),
        project_name="拆违经费",
        project_nature="阶段性项目",
        project_category="特定目标类",
        supervisor="普陀区城市管理行政执法局执法大队",
        implementer="上海市普陀区城市管理行政执法局执法大队",
        start_date=start,
        end_date=end,
        budget_total=None if annual is None else D(annual),
        budget_fiscal=None if annual is None else D(annual),
        period_total=None if period is None else D(period),
        period_fiscal=None if period is None else D(period),
        goal=goal,
        period_goal=period_goal,
    )
    return Document(year=2026, framework="cost-first", layout=layout, tables=[table])


def review(document: Document) -> list[Problem]:
    return [p for p in check_document(document) if p.rule in REJECTION_RULES]


def said(document: Document) -> list[tuple[str, str, int, str]]:
    return [(p.severity, p.rule, p.row, p.field) for p in review(document)]


def test_the_default_table_says_nothing() -> None:
    assert review(shanghai()) == []


# --- 1. 年度 money equal to the 实施期 money -------------------------------------------


def test_annual_money_equal_to_the_period_money_of_a_multi_year_project_is_a_warning() -> None:
    document = shanghai(annual="10308000")
    (problem,) = review(document)
    assert (problem.severity, problem.rule, problem.row) == (WARNING, ANNUAL_MONEY, 0)
    assert problem.message == "年度资金与实施期资金相同：多年项目的年度预算应为当年安排数"
    assert problem.field == "budget_total" and problem.node is document.tables[0]
    assert problem.fix == "" and fix_its(problem, 2026) == []  # the year's amount is unknown


def test_annual_money_below_the_period_money_is_right() -> None:
    assert review(shanghai(annual="3498000", period="10308000")) == []


def test_a_one_year_project_may_have_its_period_money_as_its_annual_money() -> None:
    assert review(shanghai(start="2026-01-01", end="2026-12-31", annual="10308000")) == []


def test_a_date_alone_in_another_year_makes_the_project_multi_year() -> None:
    assert said(shanghai(start="2024/1/1", end="", annual="10308000")) == [
        (WARNING, ANNUAL_MONEY, 0, "budget_total")
    ]
    assert said(shanghai(start="", end="2028年12月31日", annual="10308000")) == [
        (WARNING, ANNUAL_MONEY, 0, "budget_total")
    ]


def test_without_dates_equal_money_is_a_hint_that_says_the_doubt() -> None:
    (problem,) = review(shanghai(start="", end="", annual="10308000"))
    assert problem.severity == HINT
    assert "未填计划开始、完成日期，不能确定是否多年项目" in problem.message
    assert problem.message.endswith("年度预算应为当年安排数")


def test_equal_totals_with_different_fiscal_parts_are_not_a_copy() -> None:
    document = shanghai(annual="10308000")
    document.tables[0].budget_fiscal = D("3000000")
    assert ANNUAL_MONEY not in {p.rule for p in review(document)}


def test_equal_fiscal_money_is_said_at_the_fiscal_field_when_the_totals_are_empty() -> None:
    document = shanghai(annual="10308000")
    table = document.tables[0]
    table.budget_total = table.period_total = None
    assert said(document) == [(WARNING, ANNUAL_MONEY, 0, "budget_fiscal")]


def test_zero_money_and_a_layout_without_period_money_say_nothing() -> None:
    assert review(shanghai(annual="0", period="0")) == []
    assert review(shanghai(annual="10308000", layout="tianjin")) == []


# --- 2. 年度目标 equal to the 总体目标 ---------------------------------------------------


def test_the_published_copied_goal_is_a_warning_in_the_layouts_words() -> None:
    document = shanghai(period_goal=PERIOD_GOAL)
    (problem,) = review(document)
    assert (problem.severity, problem.rule, problem.field) == (WARNING, ANNUAL_GOAL, "goal")
    assert problem.message.startswith("年度总体目标与项目总体目标相同：")
    assert problem.node is document.tables[0] and fix_its(problem, 2026) == []


def test_the_central_form_names_its_goals_as_printed() -> None:
    (problem,) = review(shanghai(period_goal=PERIOD_GOAL, layout="central"))
    assert problem.message.startswith("年度目标与中期（实施期）目标相同：")


def test_goals_that_differ_in_a_word_are_not_a_copy() -> None:
    assert review(shanghai(period_goal=PERIOD_GOAL.replace("年度拆违任务", "拆违任务"))) == []
    assert review(shanghai(goal="", period_goal="")) == []


def test_a_one_year_project_may_have_one_goal_for_both() -> None:
    document = shanghai(start="2026-01-01", end="2026-12-31", period_goal=PERIOD_GOAL)
    assert review(document) == []


def test_without_dates_the_money_tells_a_multi_year_project() -> None:
    assert said(shanghai(start="", end="", period_goal=PERIOD_GOAL)) == [
        (WARNING, ANNUAL_GOAL, 0, "goal")
    ]
    (problem,) = review(shanghai(start="", end="", period=None, period_goal=PERIOD_GOAL))
    assert problem.severity == HINT and "不能确定是否多年项目" in problem.message


def test_project_span() -> None:
    table = shanghai().tables[0]
    assert project_span(table, 2026) is Span.SEVERAL_YEARS
    table.start_date = "2026-03-01"
    assert project_span(table, 2026) is Span.ONE_YEAR
    table.end_date = ""
    assert project_span(table, 2026) is Span.SEVERAL_YEARS  # by its money
    table.period_total = None
    assert project_span(table, 2026) is Span.UNKNOWN
    assert project_span(table, 2025) is Span.SEVERAL_YEARS  # starts after the document's year


_MARKS = st.lists(st.sampled_from([" ", "\n", "，", "、", "。", "“", "”", ",", ".", "\t"]))


def _goal_warned(goal: str, period_goal: str) -> bool:
    document = shanghai(goal=goal, period_goal=period_goal)
    return any(p.rule == ANNUAL_GOAL for p in rejection_problems(document, document.tables[0], 1))


@settings(max_examples=60, deadline=None)
@given(st.text("拆违任务年度完成1.", min_size=1, max_size=12), st.data())
def test_the_goal_rule_ignores_whitespace_and_punctuation(text: str, data: st.DataObject) -> None:
    """A copy with marks put anywhere is the same text; the rule is symmetric."""
    marks = data.draw(_MARKS)
    spots = data.draw(st.lists(st.integers(0, len(text)), min_size=len(marks)))
    marked = text
    for mark, spot in zip(marks, spots, strict=False):
        marked = marked[:spot] + mark + marked[spot:]
    assert _goal_warned(text, marked) == _goal_warned(marked, text) == bool(re.sub(r"\W", "", text))
    other = data.draw(st.text("拆违任务年度", max_size=8))
    assert _goal_warned(text, other) == _goal_warned(other, text)


# --- 3. vague 定性 values ---------------------------------------------------------------


def _vague(level1: str, level2: str, name: str, value: str) -> list[Problem]:
    document = shanghai(rows=_rows((level1, level2, Indicator(name, "", "定性", value))))
    return [p for p in review(document) if p.rule == VAGUE_VALUE]


def test_a_vague_output_value_is_a_hint_at_its_value() -> None:
    document = shanghai(
        rows=_rows(("产出指标", "质量指标", Indicator("服务质量", "", "定性", "明显提升")))
    )
    (problem,) = review(document)
    assert (problem.severity, problem.rule, problem.row, problem.field) == (
        HINT,
        VAGUE_VALUE,
        8,
        "value",
    )
    assert problem.message == "定性指标值“明显提升”较笼统，建议量化（如 ≥95%）"
    assert problem.node is next(
        i for _, _, i in document.tables[0].indicator_rows() if i.name == "服务质量"
    )
    assert fix_its(problem, 2026) == []  # which number is the clerk's to say


@pytest.mark.parametrize(
    ("level1", "level2", "name", "value"),
    [
        ("产出指标", "数量指标", "培训覆盖面", "进一步扩大"),
        ("成本指标", "经济成本指标", "运行成本", "有效降低"),
        ("满意度指标", "服务对象满意度指标", "群众满意度", "较上年有所提高"),
        ("效益指标", "社会效益指标", "就业率", "明显提高"),
        ("效益指标", "生态效益指标", "提升城市环境美化指数", "提高"),
        ("效益指标", "可持续影响指标", "新增违建发生数", "降低"),
        ("效益指标", "社会效益指标", "群众办事等待时间", "显著缩短。"),
    ],
)
def test_vague_values_where_a_number_is_expected(
    level1: str, level2: str, name: str, value: str
) -> None:
    assert len(_vague(level1, level2, name, value)) == 1


@pytest.mark.parametrize(
    ("level1", "level2", "name", "value"),
    [
        ("效益指标", "社会效益指标", "优化营商环境，助力新区高质量发展", "有效提升"),
        ("效益指标", "可持续影响指标", "完善多种用工人员经费管理制度", "持续有效"),
        ("效益指标", "经济效益指标", "节约财政资金", "审减率3.5%以上"),
        ("产出指标", "质量指标", "办结率", "较上年提高两个百分点"),
        ("产出指标", "质量指标", "供热标准", "保证供热区域温度达到有关政策要求"),
        ("产出指标", "时效指标", "完成时间", "2026年12月底前"),
        ("产出指标", "质量指标", "管理制度", "完善"),
        ("产出指标", "质量指标", "项目完成及时性", "及时"),
    ],
)
def test_values_that_are_not_vague_or_need_no_number(
    level1: str, level2: str, name: str, value: str
) -> None:
    assert _vague(level1, level2, name, value) == []


def test_a_quantity_is_never_vague() -> None:
    indicator = Indicator("服务质量", "", "≥", "95", "%")
    assert review(shanghai(rows=_rows(("产出指标", "质量指标", indicator)))) == []


def test_a_long_value_names_its_vague_phrase_and_a_fall_offers_an_upper_bound() -> None:
    (problem,) = _vague("产出指标", "质量指标", "投诉处理", "通过加强管理，投诉数量有效减少")
    assert problem.message == "定性指标值中的“有效减少”较笼统，建议量化（如 ≤5%）"


def test_every_listed_degree_and_change_is_vague() -> None:
    for degree in VAGUE_DEGREES:
        for change in VAGUE_CHANGES:
            assert vague_phrase(f"服务{degree}{change}") == f"{degree}{change}"
    assert all(vague_phrase(phrase) == phrase for phrase in (*VAGUE_PHRASES, *BARE_CHANGES))
    assert vague_phrase("有 效 提 升") == "有效提升"
    assert vague_phrase("有效提升至95%") == ""


# --- 4 and 5: said by older rules, not repeated --------------------------------------


@pytest.mark.parametrize("framework", ["classic", "cost-first"])
def test_benefit_empty_while_satisfaction_is_filled_is_the_missing_group_error(
    framework: str,
) -> None:
    rows = [r for r in _rows() if r[0] != "效益指标"]
    document = shanghai(rows=rows)
    document.framework = framework
    missing = [p for p in check_document(document) if p.place.startswith("效益指标")]
    assert [(p.severity, p.rule) for p in missing] == [("错误", "framework.missing-level2")]
    assert review(document) == []


def test_a_quantity_without_a_unit_is_the_no_unit_error() -> None:
    rows = _rows(("产出指标", "数量指标", Indicator("拆违面积", "", "≥", "5000", "")))
    problems = check_document(shanghai(rows=rows))
    assert [(p.rule, p.row) for p in problems if p.field == "unit"] == [("value.no-unit", 8)]


# --- a 自评表, the example, the fixtures ----------------------------------------------


def test_a_self_evaluation_is_not_given_advice_on_its_approved_targets() -> None:
    rows = _rows(("产出指标", "质量指标", Indicator("服务质量", "", "定性", "明显提升")))
    goals = shanghai(annual="10308000", period_goal=ANNUAL_GOAL_TEXT, rows=rows)
    assert {p.rule for p in review(goals)} == REJECTION_RULES
    evaluation = start_self_evaluation(goals).document
    assert {p.rule for p in check_document(evaluation)} >= REJECTION_RULES  # the goal checks say it
    assert not {p.rule for p in check_document_of_any_kind(evaluation)} & REJECTION_RULES


def test_the_bundled_example_is_not_at_fault() -> None:
    """Its vague 效益 values (有效改善, 持续优化…) name nothing measured: 定性 is allowed."""
    document = read_document(example_document())
    assert [p.line() for p in check_document_of_any_kind(document)] == []


def test_the_check_command_says_the_shanghai_fixtures_vague_values() -> None:
    result = run_cli("check", SHANGHAI_FIXTURE)
    lines = [line for line in result.stdout.splitlines() if VAGUE_VALUE in line]
    assert lines == [
        "提示\t表1\t第6行\tvalue.vague-qualitative\t定性指标值“提高”较笼统，建议量化（如 ≥95%）",
        "提示\t表1\t第7行\tvalue.vague-qualitative\t定性指标值“降低”较笼统，建议量化（如 ≤5%）",
    ]
    assert not any(rule in result.stdout for rule in (ANNUAL_GOAL, ANNUAL_MONEY))
