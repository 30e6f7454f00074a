"""Checks per layout: 实施期 money, dates, 时效 dates, weights, required fields, unprinted data."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest

from goaleditor.model.checks import ERROR, HINT, WARNING, Problem, check_document
from goaleditor.model.document import Document, GoalTable
from goaleditor.model.layout_names import LAYOUT_NAMES
from goaleditor.model.new_document import new_document
from goaleditor.model.problem_fixes import fix_its

NEW_RULES = {
    "layout.required",
    "budget.period-sum",
    "budget.over-period",
    "dates.format",
    "dates.order",
    "timeliness.outside-period",
    "weight.invalid",
    "weight.sum",
}


def rules(document: Document, *severities: str) -> set[str]:
    return {p.rule for p in check_document(document) if p.severity in severities}


@pytest.mark.parametrize("name", LAYOUT_NAMES)
def test_the_full_document_passes_in_every_layout(full_document: Document, name: str) -> None:
    full_document.layout = name
    assert not rules(full_document, ERROR, WARNING) & (NEW_RULES | {"budget.sum"})


def _table(document: Document) -> GoalTable:
    return document.tables[0]


def _set(name: str, value: object) -> Callable[[Document], None]:
    return lambda d: setattr(_table(d), name, value)


def _weight(row: int, value: str) -> Callable[[Document], None]:
    def change(d: Document) -> None:
        list(_table(d).indicator_rows())[row][2].weight = value

    return change


def _timeliness_value(value: str) -> Callable[[Document], None]:
    def change(d: Document) -> None:
        indicator = next(i for _, l2, i in _table(d).indicator_rows() if l2 == "时效指标")
        indicator.comparator, indicator.value, indicator.unit = "定性", value, ""

    return change


# layout, change, rule it trips
TRIPS = [
    ("shanghai", _set("supervisor", ""), "layout.required"),
    ("shanghai", _set("start_date", ""), "layout.required"),
    ("shanghai", _set("period_total", None), "layout.required"),
    ("central", _set("implementer", " "), "layout.required"),
    ("shanghai", _set("budget_carryover", Decimal("1.00")), "budget.sum"),
    ("tianjin", _set("period_other", Decimal("5.00")), "budget.period-sum"),
    ("central", _set("period_total", Decimal("10309000.00")), "budget.period-sum"),
    ("shanghai", _set("budget_total", Decimal("20000000.00")), "budget.over-period"),
    ("shanghai", _set("start_date", "明年"), "dates.format"),
    ("central", _set("start_date", "2027-01-01"), "dates.order"),
    ("shanghai", _timeliness_value("2027年6月30日前"), "timeliness.outside-period"),
    ("sichuan", _timeliness_value("2023年12月底前"), "timeliness.outside-period"),
    ("sichuan", _weight(0, "11"), "weight.sum"),
    ("sichuan", _weight(2, ""), "weight.invalid"),
    ("sichuan", _weight(2, "十"), "weight.invalid"),
]


@pytest.mark.parametrize(("layout", "change", "rule"), TRIPS)
def test_each_rule_trips(full_document: Document, layout: str, change, rule: str) -> None:
    full_document.layout = layout
    assert rule not in rules(full_document, ERROR, WARNING)
    change(full_document)
    assert rule in rules(full_document, ERROR, WARNING)


def test_rules_a_layout_does_not_have_stay_quiet(full_document: Document) -> None:
    """Weights are only checked where they print; Shanghai needs no 资金用途."""
    _weight(0, "11")(full_document)
    _table(full_document).fund_use = ""
    for layout in ("tianjin", "shanghai", "central"):
        full_document.layout = layout
        found = rules(full_document, ERROR, WARNING)
        assert "weight.sum" not in found
        assert ("header.no-fund-use" in found) == (layout == "tianjin")
    full_document.layout = "sichuan"
    assert "weight.sum" in rules(full_document, ERROR)


def test_dates_as_clerks_write_them(full_document: Document) -> None:
    table = _table(full_document)
    table.start_date, table.end_date = "2024/1/1", "2026年12月31日"
    _timeliness_value("2026年12月底前")(full_document)
    assert not rules(full_document, ERROR, WARNING) & {"dates.format", "timeliness.outside-period"}


def test_recompute_fiscal_leaves_room_for_the_carry_over(full_document: Document) -> None:
    table = _table(full_document)
    table.budget_carryover = Decimal("98000.00")
    problem = next(p for p in check_document(full_document) if p.rule == "budget.sum")
    first = fix_its(problem)[0]
    assert (first.target, first.field, first.value) == (
        table,
        "budget_fiscal",
        Decimal("3400000.00"),
    )


def _unprinted(document: Document) -> list[Problem]:
    return [p for p in check_document(document) if p.rule == "layout.not-printed"]


def test_unprinted_data_is_named(full_document: Document) -> None:
    full_document.layout = "tianjin"
    hints = _unprinted(full_document)
    assert hints and all(hint.severity == HINT for hint in hints)
    said = "\n".join(hint.message for hint in hints)
    assert "项目性质" in said and "权重" in said
    assert all("不打印" in hint.message for hint in hints)
    full_document.layout = "shanghai"
    said = "\n".join(hint.message for hint in _unprinted(full_document))
    assert "资金用途" in said and "绩效指标描述" in said
    assert "项目性质" not in said


def test_an_unprinted_description_is_placed_at_the_first_row_holding_one(
    full_document: Document,
) -> None:
    full_document.layout = "shanghai"
    table = _table(full_document)
    rows = [i for _, _, i in table.indicator_rows()]
    rows[0].description = ""
    hint = next(p for p in _unprinted(full_document) if p.field == "description")
    assert (hint.table, hint.row, hint.node) == (1, 2, rows[1])
    assert hint.message.startswith(f"绩效指标描述（{len(rows) - 1}行）已填写，但")
    header = next(p for p in _unprinted(full_document) if p.field != "description")
    assert header.row == 0 and "资金用途" in header.message  # header fields stay at 表头


def test_no_indicators_is_placed_at_the_group_the_first_row_goes_into() -> None:
    document = new_document({"layout": "tianjin"})
    table = document.tables[0]
    problem = next(p for p in check_document(document) if p.rule == "structure.no-indicators")
    assert problem.node is table.children[0].children[0]
    assert problem.place == "产出指标/数量指标"
    table.children[0].children.clear()  # no 二级 under 产出指标: the next 一级's first
    problem = next(p for p in check_document(document) if p.rule == "structure.no-indicators")
    assert (problem.node, problem.place) == (table.children[1].children[0], "效益指标/经济效益指标")


def test_unprinted_descriptions_are_cleared_in_one_step_and_undo_restores_them(
    full_document: Document,
) -> None:
    full_document.layout = "shanghai"
    table = _table(full_document)
    before = [i.description for _, _, i in table.indicator_rows()]
    hint = next(p for p in _unprinted(full_document) if p.field == "description")
    (fix,) = fix_its(hint, full_document.year)
    filled = sum(1 for text in before if text.strip())
    assert fix.label == f"清除本表不打印的绩效指标描述（{filled}行）"
    inverse = fix.edit().apply(full_document)
    assert [i.description for _, _, i in table.indicator_rows()] == [""] * len(before)
    assert not any(p.field == "description" for p in _unprinted(full_document))
    inverse.apply(full_document)
    assert [i.description for _, _, i in table.indicator_rows()] == before
