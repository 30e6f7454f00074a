"""A brand-new table: what is only still empty is 提示 待填写 (named as the layout prints it),
every other problem stays; the plain check (export, command line) still calls it 错误."""

from __future__ import annotations

from decimal import Decimal

import pytest

from goaleditor.model.checks import ERROR, HINT, check_table
from goaleditor.model.document import Indicator, Level1, Level2
from goaleditor.model.new_document import new_document
from goaleditor.model.required import required_header_fields
from goaleditor.model.to_fill import as_to_fill, count_blocking, is_blank


@pytest.mark.parametrize("layout", ["tianjin", "shanghai", "central", "sichuan"])
def test_a_new_tables_gaps_are_hints_to_fill_and_errors_to_a_plain_check(layout: str) -> None:
    document = new_document({"layout": layout})
    table = document.tables[0]
    assert is_blank(table)
    plain = check_table(document, table, 1)
    assert plain and all(p.severity == ERROR for p in plain)  # the export guard counts these
    to_fill = as_to_fill(plain, document)
    assert [p.severity for p in to_fill] == [HINT] * len(plain)
    assert all("待填写" in p.message for p in to_fill)
    assert [(p.rule, p.field) for p in to_fill] == [(p.rule, p.field) for p in plain]


def test_the_hints_speak_the_layouts_labels() -> None:
    document = new_document({"layout": "shanghai"})
    messages = {
        p.field: p.message
        for p in as_to_fill(check_table(document, document.tables[0], 1), document)
    }
    assert messages["budget_total"] == "年度资金申请总额待填写"
    assert messages["goal"] == "年度总体目标待填写"
    assert messages["project_name"] == "项目名称待填写"
    assert messages[""] == "三级指标待填写"


def test_only_gaps_become_hints() -> None:
    document = new_document({"layout": "tianjin"})
    table = document.tables[0]
    table.budget_total, table.budget_fiscal = Decimal(100), Decimal(90)  # a real mistake
    table.children[0].children[0].children.append(Indicator(name="甲", comparator="≥"))
    table.children[0].children[0].children[0].parent = table.children[0].children[0]
    assert not is_blank(table)
    problems = as_to_fill(check_table(document, table, 1), document)
    by_rule = {p.rule: p for p in problems}
    assert by_rule["budget.sum"].severity == ERROR
    assert by_rule["value.empty-quantitative"].severity == ERROR
    assert by_rule["framework.missing-level2"].severity == HINT
    assert by_rule["framework.missing-level2"].message.startswith("待填写：")
    assert by_rule["header.no-goal"].severity == HINT


def test_a_table_with_anything_filled_is_not_blank() -> None:
    document = new_document({"layout": "shanghai"})
    table = document.tables[0]
    table.start_date = "2026-01-01"
    assert not is_blank(table)
    table.start_date = ""
    table.children.append(Level1("产出指标", [Level2("数量指标", [Indicator()])]))
    assert not is_blank(table)


def test_required_fields_follow_the_layout() -> None:
    assert required_header_fields(new_document({"layout": "tianjin"})) == {
        "project_name",
        "fund_use",
        "goal",
    }
    shanghai = required_header_fields(new_document({"layout": "shanghai"}))
    assert {"period_total", "budget_total", "supervisor", "goal"} <= shanghai
    assert "fund_use" not in shanghai  # Shanghai does not print it


def test_no_description_hint_where_the_layout_does_not_print_descriptions() -> None:
    document = new_document({"layout": "tianjin"})
    table = document.tables[0]
    group = table.children[0].children[0]
    group.children.append(Indicator(name="甲", comparator="定性", value="好"))
    group.children[0].parent = group
    assert "indicator.no-description" in {p.rule for p in check_table(document, table, 1)}
    document.layout = "shanghai"
    assert "indicator.no-description" not in {p.rule for p in check_table(document, table, 1)}


def test_a_sum_with_its_parts_still_blank_is_to_fill_and_a_wrong_sum_an_error() -> None:
    document = new_document({"layout": "shanghai"})
    table = document.tables[0]
    table.budget_total = Decimal("3750000.00")
    found = {p.rule: p for p in as_to_fill(check_table(document, table, 1), document)}
    assert (found["budget.sum"].severity, found["budget.sum"].message) == (
        HINT,
        "当年财政拨款待填写",
    )
    table.budget_total, table.period_fiscal = None, Decimal(5)
    found = {p.rule: p for p in as_to_fill(check_table(document, table, 1), document)}
    assert found["budget.period-sum"].message == "项目资金总额待填写"
    table.budget_total, table.budget_fiscal = Decimal(10), Decimal(3)
    found = {p.rule: p for p in as_to_fill(check_table(document, table, 1), document)}
    assert found["budget.sum"].severity == ERROR  # typed, and wrong


@pytest.mark.parametrize("layout", ["tianjin", "shanghai", "central", "sichuan"])
def test_the_gaps_export_would_count_are_counted_from_the_start(layout: str) -> None:
    document = new_document({"layout": layout})
    table = document.tables[0]
    plain = check_table(document, table, 1)
    to_fill = [p for p in as_to_fill(plain, document) if "待填写" in p.message]
    assert count_blocking(document) == len(to_fill) == sum(p.severity == ERROR for p in plain)
    table.project_name = "甲项目"
    assert count_blocking(document) == len(to_fill) - 1


def test_only_gaps_are_counted_not_mistakes_nor_other_hints() -> None:
    document = new_document({"layout": "tianjin"})
    table = document.tables[0]
    group = table.children[0].children[0]
    group.children.append(Indicator(name="甲", comparator="定性", value="好"))  # no 描述: 提示
    group.children[0].parent = group
    gaps = count_blocking(document)
    table.budget_total, table.budget_fiscal = Decimal(100), Decimal(90)  # a wrong sum: 错误
    problems = check_table(document, table, 1)
    assert "indicator.no-description" in {p.rule for p in problems}
    assert {p.rule for p in problems if p.severity == ERROR} >= {"budget.sum"}
    assert count_blocking(document) == gaps
    assert gaps == sum(1 for p in problems if p.severity == ERROR and p.rule != "budget.sum")


def test_the_count_may_be_of_some_tables_only() -> None:
    document = new_document({"layout": "tianjin"})
    document.tables.append(new_document({"layout": "tianjin"}).tables[0])
    first, second = document.tables
    second.project_name = "乙"
    assert count_blocking(document, [first]) == count_blocking(document, [second]) + 1
    assert count_blocking(document) == count_blocking(document, [first]) * 2 - 1
    assert count_blocking(document, []) == 0
