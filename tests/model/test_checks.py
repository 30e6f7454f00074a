"""Every check rule: a document that trips it and one that does not; fix-its; the CLI."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pytest

from goaleditor.model.checks import (
    ERROR,
    HINT,
    WARNING,
    check_document,
)
from goaleditor.model.document import Document, GoalTable, Indicator
from goaleditor.model.problem_fixes import fix_its
from goaleditor.model.values import format_display
from tests.helpers import run_cli

ROOT = Path(__file__).resolve().parents[2]


def valid_document(framework: str = "classic") -> Document:
    """A small table that passes every check."""
    rows = [
        ("产出指标", "数量指标", Indicator("受理件数", "全年受理件数", "≥", "500", "件")),
        ("产出指标", "质量指标", Indicator("办结率", "按时办结比例", "≥", "98", "%")),
        ("产出指标", "时效指标", Indicator("完成时间", "全部完成", "定性", "2026年12月31日前", "")),
        ("产出指标", "成本指标", Indicator("单件成本", "每件成本", "≤", "0.5", "万元")),
        ("效益指标", "社会效益指标", Indicator("服务改善", "办事体验", "定性", "有效改善", "")),
        ("满意度指标", "服务对象满意度指标", Indicator("群众满意度", "问卷", "≥", "90", "%")),
    ]
    if framework == "cost-first":
        rows[3] = (
            "成本指标",
            "经济成本指标",
            Indicator("单件成本", "每件成本", "≤", "0.5", "万元"),
        )
        rows.insert(0, rows.pop(3))
    table = GoalTable.from_rows(
        rows,
        project_name="2026年政务服务项目",
        money_unit="元",
        budget_total=Decimal("100000.00"),
        budget_fiscal=Decimal("80000.00"),
        budget_other=Decimal("20000.00"),
        fund_use="用于运行",
        goal="1.保障运行",
    )
    return Document(year=2026, framework=framework, tables=[table])


def indicator(doc: Document, name: str) -> Indicator:
    return next(i for _, _, i in doc.tables[0].indicator_rows() if i.name == name)


def set_field(name: str, field: str, value: str) -> Callable[[Document], None]:
    return lambda doc: setattr(indicator(doc, name), field, value)


def set_header(field: str, value: object) -> Callable[[Document], None]:
    return lambda doc: setattr(doc.tables[0], field, value)


def remove(name: str) -> Callable[[Document], None]:
    def mutate(doc: Document) -> None:
        node = indicator(doc, name)
        assert node.parent is not None
        node.parent.children.remove(node)

    return mutate


def move_to(name: str, level1: str, level2: str) -> Callable[[Document], None]:
    def mutate(doc: Document) -> None:
        rows = [(l1, l2, i) for l1, l2, i in doc.tables[0].indicator_rows()]
        rows = [(level1, level2, i) if i.name == name else (l1, l2, i) for l1, l2, i in rows]
        table = doc.tables[0]
        new = GoalTable.from_rows(rows)
        table.children = new.children
        for child in table.children:
            child.parent = table

    return mutate


RULES = [
    ("budget.sum", ERROR, set_header("budget_fiscal", Decimal("79999.99"))),
    ("budget.negative", ERROR, set_header("budget_other", Decimal("-1.00"))),
    ("header.no-project-name", ERROR, set_header("project_name", "  ")),
    ("header.no-fund-use", ERROR, set_header("fund_use", "")),
    ("header.no-goal", ERROR, set_header("goal", "")),
    ("framework.invalid-pair", ERROR, move_to("服务改善", "效益指标", "数量指标")),
    ("framework.missing-level2", ERROR, remove("完成时间")),
    ("indicator.no-name", ERROR, set_field("受理件数", "name", "")),
    ("value.not-a-number", ERROR, set_field("受理件数", "value", "五百")),
    ("value.no-unit", ERROR, set_field("受理件数", "unit", "")),
    ("value.empty-quantitative", ERROR, set_field("受理件数", "value", " ")),
    ("value.empty-qualitative", ERROR, set_field("服务改善", "value", " ")),
    ("value.percent-range", ERROR, set_field("办结率", "value", "101")),
    ("value.bad-comparator", ERROR, set_field("办结率", "comparator", ">=")),
    ("satisfaction.not-percent", ERROR, set_field("群众满意度", "unit", "分")),
    ("cost.over-budget", ERROR, set_field("单件成本", "value", "10.01")),
    ("satisfaction.below-floor", WARNING, set_field("群众满意度", "value", "75")),
    ("indicator.duplicate-name", WARNING, set_field("办结率", "name", "受理件数")),
    ("timeliness.outside-year", WARNING, set_field("完成时间", "value", "2025年12月31日前")),
    ("indicator.no-description", HINT, set_field("办结率", "description", "")),
]


@pytest.mark.parametrize("framework", ["classic", "cost-first"])
def test_valid_document_has_no_problem(framework: str) -> None:
    assert check_document(valid_document(framework)) == []


@pytest.mark.parametrize(("rule", "severity", "mutate"), RULES, ids=[r[0] for r in RULES])
def test_rule_trips(rule: str, severity: str, mutate: Callable[[Document], None]) -> None:
    doc = valid_document()
    mutate(doc)
    found = [p for p in check_document(doc) if p.rule == rule]
    assert found, [p.line() for p in check_document(doc)]
    assert all(p.severity == severity and p.message for p in found)
    assert rule not in {p.rule for p in check_document(valid_document())}


def test_cost_in_ten_thousand_yuan_table() -> None:
    doc = valid_document()
    table = doc.tables[0]
    table.money_unit, table.budget_total, table.budget_fiscal, table.budget_other = (
        "万元",
        Decimal("10.00"),
        Decimal("10.00"),
        None,
    )
    indicator(doc, "单件成本").value = "9"
    assert "cost.over-budget" not in {p.rule for p in check_document(doc)}
    indicator(doc, "单件成本").unit = "亿元"
    assert "cost.over-budget" in {p.rule for p in check_document(doc)}


def test_cost_first_needs_its_own_cost_level2() -> None:
    doc = valid_document("cost-first")
    remove("单件成本")(doc)
    messages = [p.message for p in check_document(doc) if p.rule == "framework.missing-level2"]
    assert messages and "成本指标" in messages[0]


def test_problem_locations() -> None:
    doc = valid_document()
    set_field("办结率", "description", "")(doc)
    problem = next(p for p in check_document(doc) if p.rule == "indicator.no-description")
    assert (problem.table, problem.row, problem.field) == (1, 2, "description")
    assert problem.node is indicator(doc, "办结率")


@pytest.mark.parametrize(
    ("rule", "mutate", "expected"),
    [
        ("indicator.no-description", set_field("办结率", "description", ""), "办结率"),
        ("value.bad-comparator", set_field("办结率", "comparator", ">="), "≥"),
        ("budget.sum", set_header("budget_fiscal", Decimal(1)), Decimal("80000.00")),
    ],
)
def test_fix_its(rule: str, mutate: Callable[[Document], None], expected: object) -> None:
    doc = valid_document()
    mutate(doc)
    problem = next(p for p in check_document(doc) if p.rule == rule)
    first = fix_its(problem)[0]
    assert first.value == expected
    first.edit().apply(doc)
    assert rule not in {p.rule for p in check_document(doc)}


def test_empty_quantitative_value_says_so() -> None:
    doc = valid_document()
    indicator(doc, "受理件数").value = ""
    (problem,) = [p for p in check_document(doc) if p.field == "value"]
    assert problem.message == "定量指标值为空"


def budget_problem(doc: Document):
    return next(p for p in check_document(doc) if p.rule == "budget.sum")


@pytest.mark.parametrize(
    ("total", "fiscal", "other", "options"),
    [
        (  # the clerk changed 预算数: either put 财政资金 right, or 预算数 back
            "120000.00",
            "80000.00",
            "20000.00",
            [
                ("财政资金改为 预算数 − 其他资金 = 100000.00", "budget_fiscal", "100000.00"),
                ("预算数改为 财政资金 + 其他资金 = 100000.00", "budget_total", "100000.00"),
            ],
        ),
        (  # no 预算数 yet: only the sum of its parts
            None,
            "80000.00",
            "20000.00",
            [("预算数改为 财政资金 + 其他资金 = 100000.00", "budget_total", "100000.00")],
        ),
        (  # 其他资金 above 预算数: a negative 财政资金 is no fix
            "10000.00",
            "80000.00",
            "20000.00",
            [("预算数改为 财政资金 + 其他资金 = 100000.00", "budget_total", "100000.00")],
        ),
    ],
)
def test_budget_fix_in_both_directions(total, fiscal, other, options) -> None:
    for choice, (_label, field, value) in enumerate(options):
        doc = valid_document()
        table = doc.tables[0]
        table.budget_total = None if total is None else Decimal(total)
        table.budget_fiscal, table.budget_other = Decimal(fiscal), Decimal(other)
        found = fix_its(budget_problem(doc), doc.year)
        assert [o.label for o in found] == [o[0] for o in options]
        chosen = found[choice]
        assert (chosen.target, chosen.field, chosen.value) == (table, field, Decimal(value))
        chosen.edit().apply(doc)
        assert "budget.sum" not in {p.rule for p in check_document(doc)}


@pytest.mark.parametrize(
    ("text", "fixed"),
    [
        ("2026年12月31日前", "2027年12月31日前"),
        ("2026 年底前完成", "2027 年底前完成"),
        ("2026年—2028年分期完成", None),  # a span of years: no obvious fix
    ],
)
def test_date_in_another_year_offers_the_document_year(text: str, fixed: str | None) -> None:
    doc = valid_document()
    doc.year = 2027
    indicator(doc, "完成时间").value = text
    problem = next(p for p in check_document(doc) if p.rule == "timeliness.outside-year")
    options = fix_its(problem, doc.year)
    if fixed is None:
        assert options == []
        return
    (fix,) = options
    assert (fix.field, fix.value, fix.label) == ("value", fixed, f"改为本年度：{fixed}")
    fix.edit().apply(doc)
    assert "timeliness.outside-year" not in {p.rule for p in check_document(doc)}


def test_example_document_is_clean(example_document) -> None:
    assert check_document(example_document) == []


def _cli_check(tmp_path: Path, doc: Document) -> subprocess.CompletedProcess[str]:
    from goaleditor.formats.canonical_json import dumps

    path = tmp_path / "doc.json"
    path.write_text(dumps(doc), encoding="utf-8")
    return run_cli("check", path, timeout=60)


def test_cli_check_lines_and_exit_codes(tmp_path: Path) -> None:
    doc = valid_document()
    set_field("办结率", "description", "")(doc)
    hint_only = _cli_check(tmp_path, doc)
    assert hint_only.returncode == 0
    assert (
        hint_only.stdout
        == "提示\t表1\t第2行\tindicator.no-description\t绩效指标描述为空，可使用指标名称\n"
    )
    set_header("goal", "")(doc)
    set_field("群众满意度", "value", "70")(doc)
    with_error = _cli_check(tmp_path, doc)
    assert with_error.returncode == 1
    assert with_error.stdout.splitlines() == [
        "错误\t表1\t表头\theader.no-goal\t绩效目标为空",
        "提示\t表1\t第2行\tindicator.no-description\t绩效指标描述为空，可使用指标名称",
        "警告\t表1\t第6行\tsatisfaction.below-floor\t满意度目标 70% 低于 80%",
    ]
    assert with_error.stderr == ""


def _missing(doc: Document) -> list:
    return [p for p in check_document(doc) if p.rule == "framework.missing-level2"]


def test_an_empty_required_level2_is_said_plainly_at_its_group_and_fixed_by_a_row() -> None:
    doc = valid_document()
    remove("单件成本")(doc)
    (problem,) = _missing(doc)
    assert problem.message == "成本指标下还没有三级指标（本框架要求数量、质量、时效、成本指标都有）"
    cost = doc.tables[0].children[0].children[3]
    assert problem.node is cost and cost.name == "成本指标" and cost.children == []
    assert problem.place == "产出指标/成本指标"
    assert problem.line().split("\t")[2] == "产出指标/成本指标"  # the CLI says where, too
    (fix,) = fix_its(problem, 2026)
    assert fix.label == "在“成本指标”下添加一个三级指标"
    undo = fix.edit().apply(doc)
    assert [i.name for i in cost.children] == [""] and _missing(doc) == []
    undo.apply(doc)
    assert cost.children == [] and len(_missing(doc)) == 1


def test_a_missing_level1_is_placed_at_the_table_and_offers_each_level2() -> None:
    doc = valid_document()
    table = doc.tables[0]
    table.children.remove(next(l1 for l1 in table.children if l1.name == "效益指标"))
    (problem,) = _missing(doc)
    assert problem.message == "效益指标下还没有三级指标（本框架要求产出、效益、满意度指标都有）"
    assert (problem.node, problem.place) == (table, "效益指标（尚未添加）")
    fixes = fix_its(problem, 2026)
    assert [fix.label for fix in fixes] == [
        f"在“{name}”下添加一个三级指标"
        for name in ("经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标")
    ]
    fixes[1].edit().apply(doc)  # 社会效益指标: 效益指标 comes back in its place, with its groups
    assert [l1.name for l1 in table.children] == ["产出指标", "效益指标", "满意度指标"]
    benefit = table.children[1]
    assert [(l2.name, len(l2.children)) for l2 in benefit.children] == [
        ("经济效益指标", 0),
        ("社会效益指标", 1),
        ("生态效益指标", 0),
        ("可持续影响指标", 0),
    ]
    assert _missing(doc) == []


def test_an_empty_level1_is_placed_there_and_offers_its_own_groups() -> None:
    doc = valid_document()
    remove("服务改善")(doc)
    (problem,) = _missing(doc)
    benefit = doc.tables[0].children[1]
    assert (problem.node, problem.place) == (benefit, "效益指标")
    assert [fix.label for fix in fix_its(problem)] == ["在“社会效益指标”下添加一个三级指标"]
    satisfaction_doc = valid_document()
    remove("群众满意度")(satisfaction_doc)
    (only,) = _missing(satisfaction_doc)
    assert only.message == "服务对象满意度指标下还没有三级指标（本框架要求必须有）"


# --- 指标值 written in words or as 定性 text that is a quantity ---------------------------


@pytest.mark.parametrize(
    ("mutate", "field", "parts"),
    [
        (set_field("办结率", "unit", "%以上"), "unit", ("≥", "98", "%")),
        (set_field("办结率", "unit", "%及以上"), "unit", ("≥", "98", "%")),
        (set_field("服务改善", "value", "98%以上"), "value", ("≥", "98", "%")),
        (set_field("服务改善", "value", "不超过30万元"), "value", ("≤", "30", "万元")),
        (set_field("服务改善", "value", "985米"), "value", ("=", "985", "米")),
        (set_field("服务改善", "value", "≥90%"), "value", ("≥", "90", "%")),
    ],
)
def test_a_value_that_holds_its_comparator_is_a_hint_with_a_split(
    mutate: Callable[[Document], None], field: str, parts: tuple[str, str, str]
) -> None:
    doc = valid_document()
    mutate(doc)
    (problem,) = [p for p in check_document(doc) if p.rule == "value.written-in-words"]
    assert (problem.severity, problem.field) == (HINT, field)
    (fix,) = fix_its(problem)
    target = problem.node
    assert isinstance(target, Indicator)
    assert fix.label == f"拆为定量指标值：{format_display(*parts)}"
    undo = fix.edit().apply(doc)  # one step
    assert (target.comparator, target.value, target.unit) == parts
    assert "value.written-in-words" not in {p.rule for p in check_document(doc)}
    undo.apply(doc)
    assert "value.written-in-words" in {p.rule for p in check_document(doc)}


@pytest.mark.parametrize(
    "text", ["审减率3.5%以上", "2026年12月31日前完成", "有效提升", "2026", "3个工作日内完成"]
)
def test_qualitative_sentences_are_no_hint(text: str) -> None:
    doc = valid_document()
    indicator(doc, "服务改善").value = text
    assert "value.written-in-words" not in {p.rule for p in check_document(doc)}


def test_words_against_the_comparator_are_a_hint_without_a_fix() -> None:
    doc = valid_document()
    indicator(doc, "办结率").unit = "%以上"
    indicator(doc, "办结率").comparator = "≤"
    (problem,) = [p for p in check_document(doc) if p.rule == "value.written-in-words"]
    assert problem.message == "单位“%以上”含比较词，与指标性质不一致，请核对"
    assert fix_its(problem) == []


def test_header_messages_use_the_labels_the_layout_prints(example_document) -> None:
    """A Shanghai clerk reads 年度总体目标为空, not Tianjin's 绩效目标为空."""
    table = example_document.tables[0]
    table.goal = ""
    table.budget_fiscal = Decimal("-1")
    messages = {p.message for p in check_document(example_document) if p.table == 1}
    assert {"绩效目标为空", "财政资金为负数：-1.00"} <= messages
    example_document.layout = "shanghai"
    messages = {p.message for p in check_document(example_document) if p.table == 1}
    assert {"年度总体目标为空", "当年财政拨款为负数：-1.00"} <= messages
    assert "绩效目标为空" not in messages
