"""指标值 parsing and formatting."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from goaleditor.model.values import (
    QUALITATIVE,
    QUANTITATIVE_COMPARATORS,
    TargetValue,
    decimal_value,
    format_display,
    normalize_comparator,
    parse_target,
)

# Every 指标值 form in the sample, plus spellings from other templates.
CASES = [
    ("55853.63平方米", ("=", "55853.63", "平方米"), "55853.63平方米"),
    ("≥365次", ("≥", "365", "次"), "≥365次"),
    ("≥40人", ("≥", "40", "人"), "≥40人"),
    ("≥90%", ("≥", "90", "%"), "≥90%"),
    ("≤1小时", ("≤", "1", "小时"), "≤1小时"),
    ("≤42万元", ("≤", "42", "万元"), "≤42万元"),
    ("≤5.5万元", ("≤", "5.5", "万元"), "≤5.5万元"),
    ("≥60个", ("≥", "60", "个"), "≥60个"),
    ("≤0.6万元/个", ("≤", "0.6", "万元/个"), "≤0.6万元/个"),
    ("≤6.5万元/人/年", ("≤", "6.5", "万元/人/年"), "≤6.5万元/人/年"),
    ("≤10工作日", ("≤", "10", "工作日"), "≤10工作日"),
    ("≥5000家", ("≥", "5000", "家"), "≥5000家"),
    ("≤0.5工作日", ("≤", "0.5", "工作日"), "≤0.5工作日"),
    ("≤105元/套", ("≤", "105", "元/套"), "≤105元/套"),
    ("≥99%", ("≥", "99", "%"), "≥99%"),
    ("有效改善", (QUALITATIVE, "有效改善", ""), "有效改善"),
    ("持续优化", (QUALITATIVE, "持续优化", ""), "持续优化"),
    ("2026年12月31日前", (QUALITATIVE, "2026年12月31日前", ""), "2026年12月31日前"),
    ("2026年12月底前", (QUALITATIVE, "2026年12月底前", ""), "2026年12月底前"),
    ("审减率3.5%以上", (QUALITATIVE, "审减率3.5%以上", ""), "审减率3.5%以上"),
    (
        "保证供热区域温度达到有关政策要求",
        (QUALITATIVE, "保证供热区域温度达到有关政策要求", ""),
        "保证供热区域温度达到有关政策要求",
    ),
    # Other spellings of the comparators are the same comparators.
    ("＞＝95％", ("≥", "95", "％"), "≥95％"),
    (">=95%", ("≥", "95", "%"), "≥95%"),
    ("≧95%", ("≥", "95", "%"), "≥95%"),
    ("<=3天", ("≤", "3", "天"), "≤3天"),
    ("≦3天", ("≤", "3", "天"), "≤3天"),
    ("＜5次", ("<", "5", "次"), "<5次"),
    ("＞0", (">", "0", ""), ">0"),
    ("＝100%", ("=", "100", "%"), "100%"),
    ("= 12 个", ("=", "12", "个"), "12个"),
    ("１２个", ("=", "12", "个"), "12个"),
    # A unit never holds digits, so dates and sentences stay 定性.
    (
        "3个工作日内完成，确保质量",
        (QUALITATIVE, "3个工作日内完成，确保质量", ""),
        "3个工作日内完成，确保质量",
    ),
]


@pytest.mark.parametrize(("text", "parts", "display"), CASES)
def test_parse_and_display(text: str, parts: tuple[str, str, str], display: str) -> None:
    parsed = parse_target(text)
    assert (parsed.comparator, parsed.value, parsed.unit) == parts
    assert parsed.display() == display


@pytest.mark.parametrize(
    ("spelling", "canonical"),
    [
        (">=", "≥"),
        ("＞＝", "≥"),
        ("≧", "≥"),
        ("<=", "≤"),
        ("≦", "≤"),
        ("＜＝", "≤"),
        ("＝", "="),
        ("==", "="),
        ("＞", ">"),
        ("＜", "<"),
        (" 定性 ", QUALITATIVE),
        ("约", None),
    ],
)
def test_normalize_comparator(spelling: str, canonical: str | None) -> None:
    assert normalize_comparator(spelling) == canonical


def test_display_hides_equals_and_qualitative() -> None:
    assert format_display("=", "12", "个") == "12个"
    assert format_display(QUALITATIVE, "有效改善", "") == "有效改善"
    assert TargetValue("≥", "95", "%").display() == "≥95%"


def test_decimal_value() -> None:
    assert decimal_value("0.6") == Decimal("0.6")
    assert decimal_value("１２") == Decimal(12)
    assert decimal_value("有效") is None
    assert decimal_value("1.2.3") is None


units = st.sampled_from(
    [
        "",
        "%",
        "个",
        "次",
        "人",
        "天",
        "小时",
        "工作日",
        "万元",
        "元/套",
        "万元/人/年",
        "平方米",
        "％",
        "家",
        "km",
    ]
)
numbers = st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False).map(str)


@given(st.sampled_from(QUANTITATIVE_COMPARATORS), numbers, units)
def test_quantitative_round_trip(comparator: str, value: str, unit: str) -> None:
    """format → parse → format gives back the same parts and text."""
    shown = format_display(comparator, value, unit)
    parsed = parse_target(shown)
    assert (parsed.comparator, parsed.value, parsed.unit) == (comparator, value, unit)
    assert parsed.display() == shown


@given(st.text(max_size=40))
def test_parse_is_stable_on_any_text(text: str) -> None:
    """Parsing what we print gives back what we parsed, whatever the clerk typed."""
    first = parse_target(text)
    again = parse_target(first.display())
    assert again == first


@pytest.mark.parametrize(
    ("text", "amount"),
    [("999999999999999.99", "999999999999999.99"), ("-999,999,999,999,999", "-999999999999999.00")],
)
def test_amounts_up_to_fifteen_integer_digits_are_kept(text: str, amount: str) -> None:
    from goaleditor.model.money import parse_money

    assert str(parse_money(text)) == amount


@pytest.mark.parametrize(
    "text", ["1000000000000000", "999999999999999.999", "1" + "0" * 4000, "-10000000000000000000"]
)
def test_amounts_beyond_the_cap_are_refused(text: str) -> None:
    from goaleditor.model.money import MoneyError, parse_money

    with pytest.raises(MoneyError, match="超出金额上限"):
        parse_money(text)
