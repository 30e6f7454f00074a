"""Amounts as a clerk types them (375万, 1,234.5元, ￥400) and the money unit's conversion as
one reversible edit."""

from __future__ import annotations

from decimal import Decimal

import pytest

from goaleditor.model import money_unit
from goaleditor.model.document import Document, GoalTable
from goaleditor.model.money import (
    MoneyError,
    convert_amount,
    read_typed_money,
    refused_characters,
)


@pytest.mark.parametrize(
    ("typed", "unit", "amount", "said"),
    [
        ("375万", "元", "3750000.00", "“375万”按本表单位（元）读作3750000.00元"),
        ("375万", "万元", "375.00", "“375万”按本表单位（万元）读作375.00万元"),
        ("375万元", "万元", "375.00", "“375万元”按本表单位（万元）读作375.00万元"),
        ("1,234.5元", "元", "1234.50", "“1,234.5元”按本表单位（元）读作1234.50元"),
        ("￥400", "元", "400.00", "“￥400”读作400.00元"),
        ("¥400", "万元", "400.00", "“¥400”读作400.00万元"),
        ("人民币375万元", "元", "3750000.00", "“人民币375万元”按本表单位（元）读作3750000.00元"),
        ("1.2亿", "万元", "12000.00", "“1.2亿”按本表单位（万元）读作12000.00万元"),
        ("50000元", "万元", "5.00", "“50000元”按本表单位（万元）读作5.00万元"),
        ("３７５．５", "元", "375.50", ""),  # full-width digits: plain
        ("1234.5", "元", "1234.50", ""),
        ("375.", "元", "375.00", ""),
    ],
)
def test_a_typed_amount_is_read_in_the_tables_unit_and_said(
    typed: str, unit: str, amount: str, said: str
) -> None:
    assert read_typed_money(typed, unit) == (Decimal(amount), said)


@pytest.mark.parametrize("typed", ["", "  ", "-"])
def test_nothing_typed_is_no_amount(typed: str) -> None:
    assert read_typed_money(typed, "元") == (None, "")


@pytest.mark.parametrize(
    ("typed", "unit", "message"),
    [
        ("375.123", "元", "“375.123”超过两位小数（金额到分）"),
        ("1元", "万元", "“1元”是0.0001万元，超过两位小数（金额到分）"),
        ("12345元", "万元", "“12345元”是1.2345万元，超过两位小数（金额到分）"),
        ("万", "元", "“万”缺少数字"),
        ("￥", "元", "“￥”不是金额"),
        ("375万5", "元", "“375万5”不是金额"),
        ("abc", "元", "“abc”不是金额"),
        ("1.2.3", "元", "“1.2.3”不是金额"),
        ("999999999999万", "元", "超出金额上限"),
    ],
)
def test_what_is_not_an_amount_is_refused_with_a_reason(
    typed: str, unit: str, message: str
) -> None:
    with pytest.raises(MoneyError, match=message):
        read_typed_money(typed, unit)


def test_refused_characters_are_named_once_each() -> None:
    assert refused_characters("预算375万整整") == "预算整"
    assert refused_characters("￥1,234.50元") == ""
    assert refused_characters("３７５万元") == ""


def test_amounts_convert_between_yuan_and_ten_thousand_yuan() -> None:
    assert convert_amount(Decimal("3750000.00"), "元", "万元") == Decimal("375.00")
    assert convert_amount(Decimal("375.00"), "万元", "元") == Decimal("3750000.00")
    assert convert_amount(Decimal("1234.56"), "元", "万元") == Decimal("0.12")
    assert convert_amount(Decimal("5000.00"), "元", "万元") == Decimal("0.50")


def _table(**amounts: str) -> tuple[Document, GoalTable]:
    table = GoalTable(project_name="甲", **{k: Decimal(v) for k, v in amounts.items()})
    return Document(tables=[table]), table


def test_converting_the_unit_is_one_step_that_undoes_exactly() -> None:
    document, table = _table(
        budget_total="3750000.00", budget_fiscal="3000000.00", budget_other="750000.00"
    )
    edit = money_unit.change_money_unit(table, "万元", convert=True)
    assert edit is not None and edit.text == "修改金额单位（换算金额）"
    undo = edit.apply(document)
    assert table.money_unit == "万元"
    assert (table.budget_total, table.budget_fiscal, table.budget_other) == (
        Decimal("375.00"),
        Decimal("300.00"),
        Decimal("75.00"),
    )
    assert table.period_total is None  # blank stays blank
    redo = undo.apply(document)
    assert table.money_unit == "元"
    assert table.budget_total == Decimal("3750000.00")
    assert table.budget_other == Decimal("750000.00")
    redo.apply(document)
    assert (table.money_unit, table.budget_fiscal) == ("万元", Decimal("300.00"))


def test_keeping_the_numbers_changes_only_the_unit() -> None:
    document, table = _table(budget_total="375.00")
    edit = money_unit.change_money_unit(table, "万元", convert=False)
    assert edit is not None and edit.text == "修改金额单位"
    undo = edit.apply(document)
    assert (table.money_unit, table.budget_total) == ("万元", Decimal("375.00"))
    undo.apply(document)
    assert table.money_unit == "元"
    assert money_unit.change_money_unit(table, "元", convert=True) is None  # no change


def test_conversions_say_which_amounts_are_rounded() -> None:
    _, table = _table(budget_total="1234.56", budget_fiscal="10000.00")
    conversions = money_unit.money_conversions(table, "万元")
    assert [(c.field, c.new, c.rounded) for c in conversions] == [
        ("budget_total", Decimal("0.12"), True),
        ("budget_fiscal", Decimal("1.00"), False),
    ]


def test_a_conversion_beyond_the_limit_is_refused() -> None:
    table = GoalTable(money_unit="万元", budget_total=Decimal("99999999999999.00"))
    with pytest.raises(MoneyError, match="超出金额上限"):
        money_unit.money_conversions(table, "元")
