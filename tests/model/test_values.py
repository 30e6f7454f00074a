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
    parse_parenthesized,
    parse_target,
    parse_worded,
    read_comparator_text,
    read_unit_text,
    read_value_text,
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
    ("＞＝95％", ("≥", "95", "%"), "≥95%"),  # full-width ％ is the same %
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
        "‰",
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


# --- every 指标值 form of the samples, read as printed ------------------------------------


def binhai_values() -> list[str]:
    """The printed 指标值 of every indicator of the bundled sample (its raw text, 54 rows)."""
    from tests.conftest import EXAMPLE

    values, inside = [], False
    for block in EXAMPLE.read_text(encoding="utf-8").split("\n\n"):
        lines = [line.strip() for line in block.split("\n")]
        if lines[0] == "一级指标":
            inside = True
        elif inside and len(lines) == 5:
            values.append(lines[4])
    return values


# The Shanghai 申报表 pages (shared/samples/shanghai-2026-shenbaobiao.txt), every 指标值 form.
SHANGHAI = {
    "985米": ("=", "985", "米"),
    "=100.00(%)": ("=", "100.00", "%"),
    "≥90.00(%)": ("≥", "90.00", "%"),
    **{
        word: (QUALITATIVE, word, "")
        for word in ["可控", "及时", "减少", "提升", "健全", "合理", "提高", "降低"]
    },
}
BINHAI_QUALITATIVE = {
    "2026年12月31日前", "2026年12月底前", "保证供热区域温度达到有关政策要求", "审减率3.5%以上",
    "持续优化", "持续有效", "有效保障", "有效推动", "有效提升", "有效提高", "有效改善",
}  # fmt: skip


def test_the_sample_has_all_its_values() -> None:
    values = binhai_values()
    assert len(values) == 54 and "≤6.5万元/人/年" in values and "有效改善" in values


@pytest.mark.parametrize("printed", sorted(set(binhai_values())))
def test_every_binhai_value_reads_back_as_printed(printed: str) -> None:
    parsed = parse_target(printed)
    assert parsed.display() == printed
    assert (parsed.comparator == QUALITATIVE) == (printed in BINHAI_QUALITATIVE)
    # Typed into a cell it prints the same, or the status line says what was kept.
    assert read_value_text(printed, TargetValue("=", "1", "个")).target.display() == printed
    over = read_value_text(printed, TargetValue("≥", "1", "个"))
    assert over.target.display() == printed or "沿用“≥”" in over.note


@pytest.mark.parametrize(("printed", "parts"), SHANGHAI.items())
def test_every_shanghai_value(printed: str, parts: tuple[str, str, str]) -> None:
    parsed = parse_target(printed)
    assert (parsed.comparator, parsed.value, parsed.unit) == parts


CURRENT = TargetValue("≥", "365", "次")


@pytest.mark.parametrize(
    ("typed", "parts", "guessed"),
    [
        ("≥200人次", ("≥", "200", "人次"), False),
        ("90%", ("≥", "90", "%"), True),  # no comparator: the current one is kept, and said
        ("=21个", ("=", "21", "个"), False),
        ("≤0.6万元/个", ("≤", "0.6", "万元/个"), False),
        ("有效提升", (QUALITATIVE, "有效提升", ""), True),
        ("2027年12月31日前", (QUALITATIVE, "2027年12月31日前", ""), True),
        ("＞＝95％", ("≥", "95", "%"), False),
        (">=4期", ("≥", "4", "期"), False),
        ("≥4期", ("≥", "4", "期"), False),
        ("400", ("≥", "400", "次"), False),
        ("≥400", ("≥", "400", "次"), False),
        ("", ("≥", "", "次"), False),
    ],
)
def test_read_value_text(typed: str, parts: tuple[str, str, str], guessed: bool) -> None:
    result = read_value_text(typed, CURRENT)
    target = result.target
    assert (target.comparator, target.value, target.unit) == parts
    assert bool(result.note) == guessed


def test_a_number_typed_over_a_qualitative_value_says_it_is_quantitative_now() -> None:
    result = read_value_text("12", TargetValue(QUALITATIVE, "有效", ""))
    assert result.target == TargetValue("=", "12", "")
    assert "请填写单位" in result.note
    assert read_value_text("有效提升", TargetValue(QUALITATIVE, "", "")).note == ""


@pytest.mark.parametrize(
    ("typed", "parts"),
    [
        (">=", ("≥", "365", "次")),
        ("＜＝", ("≤", "365", "次")),
        ("定性", (QUALITATIVE, "365", "次")),
        ("定", (QUALITATIVE, "365", "次")),  # typed on the drop-down: its first key picks it
        ("=21个", ("=", "21", "个")),
        ("有效", (QUALITATIVE, "有效", "")),
    ],
)
def test_read_comparator_text(typed: str, parts: tuple[str, str, str]) -> None:
    target = read_comparator_text(typed, CURRENT).target
    assert (target.comparator, target.value, target.unit) == parts


@pytest.mark.parametrize(
    ("typed", "parts"),
    [
        ("人次", ("≥", "365", "人次")),
        ("万元/人/年", ("≥", "365", "万元/人/年")),
        ("≥4期", ("≥", "4", "期")),
        ("90%", ("≥", "90", "%")),
        ("3", ("≥", "365", "3")),  # a lone number is not a 指标值 here
    ],
)
def test_read_unit_text(typed: str, parts: tuple[str, str, str]) -> None:
    target = read_unit_text(typed, CURRENT).target
    assert (target.comparator, target.value, target.unit) == parts


def test_thousands_grouping_is_read_as_a_number() -> None:
    assert parse_target("≥1,200人次") == TargetValue("≥", "1200", "人次")
    assert parse_target("55,853.63平方米") == TargetValue("=", "55853.63", "平方米")
    # not grouping: a list or a decimal comma stays text
    assert parse_target("1,2个").comparator == QUALITATIVE
    assert parse_target("1,23").comparator == QUALITATIVE


# --- 指标值 as clerks write them, comparator in words ------------------------------------

WORDED = [
    ("98%以上", ("≥", "98", "%")),
    ("95%及以上", ("≥", "95", "%")),
    ("95％或以上", ("≥", "95", "%")),
    ("不低于95%", ("≥", "95", "%")),
    ("不少于12次", ("≥", "12", "次")),
    ("大于等于1,200人次", ("≥", "1200", "人次")),
    ("不小于 3 个", ("≥", "3", "个")),
    ("不超过30万元", ("≤", "30", "万元")),
    ("不高于0.5万元/人", ("≤", "0.5", "万元/人")),
    ("3个以内", ("≤", "3", "个")),
    ("10次以下", ("≤", "10", "次")),
    ("5天及以下", ("≤", "5", "天")),
    ("小于等于2天", ("≤", "2", "天")),
    ("低于5%", ("<", "5", "%")),
    ("小于1小时", ("<", "1", "小时")),
    ("高于90%", (">", "90", "%")),
    ("大于０", (">", "0", "")),
    ("≥95%以上", ("≥", "95", "%")),  # the sign and the words agree
    ("不低于95(%)", ("≥", "95", "%")),
]


@pytest.mark.parametrize(("written", "parts"), WORDED)
def test_comparator_words_read_as_comparator_value_unit(
    written: str, parts: tuple[str, str, str]
) -> None:
    parsed = parse_worded(written)
    assert parsed is not None
    assert (parsed.comparator, parsed.value, parsed.unit) == parts
    # without words-reading the text is 定性 as written, never 98 of the unit “%以上”
    assert parse_target(written).comparator in (parts[0], QUALITATIVE)
    assert "以上" not in parse_target(written).unit and "以下" not in parse_target(written).unit


@pytest.mark.parametrize(
    "sentence",
    [
        "2026年12月31日前完成",
        "有效提升",
        "审减率3.5%以上",  # a sentence: the number is inside words
        "以上",
        "≤95%以上",  # the sign and the words disagree
        "3个工作日内完成，确保质量",
        "覆盖率达到90%以上",
        "不低于",
    ],
)
def test_sentences_with_comparator_words_stay_qualitative(sentence: str) -> None:
    assert parse_worded(sentence) is None
    assert parse_target(sentence) == TargetValue(QUALITATIVE, sentence, "")


@pytest.mark.parametrize(
    ("typed", "parts"),
    [(written, parts) for written, parts in WORDED]
    + [
        ("有效提升", (QUALITATIVE, "有效提升", "")),
        ("审减率3.5%以上", (QUALITATIVE, "审减率3.5%以上", "")),
    ],
)
def test_typing_words_says_the_reading(typed: str, parts: tuple[str, str, str]) -> None:
    result = read_value_text(typed, TargetValue("=", "1", "个"))
    assert (result.target.comparator, result.target.value, result.target.unit) == parts
    if parts[0] != QUALITATIVE:
        assert result.note == f"指标值“{typed}”读作“{result.target.display()}”"
    # over a 定性 value the same
    again = read_value_text(typed, TargetValue(QUALITATIVE, "有效", ""))
    assert again.target == result.target


def test_words_typed_into_the_unit_or_comparator_cell() -> None:
    assert read_unit_text("98%以上", CURRENT).target == TargetValue("≥", "98", "%")
    assert read_comparator_text("不超过", CURRENT).target == TargetValue("≤", "365", "次")
    assert read_comparator_text("以上", CURRENT).target == TargetValue("≥", "365", "次")


@pytest.mark.parametrize(
    ("printed", "parts"),
    [
        ("=100.00(%)", ("=", "100.00", "%")),
        ("≥90.00（万元/人）", ("≥", "90.00", "万元/人")),
        ("≥3.00", ("≥", "3.00", "")),
        ("985米", (QUALITATIVE, "985米", "")),  # not how the form prints a quantity
        ("≥90%", (QUALITATIVE, "≥90%", "")),
        ("98%以上", (QUALITATIVE, "98%以上", "")),
        ("100.00(%)", (QUALITATIVE, "100.00(%)", "")),  # the form always prints =
        ("可控", (QUALITATIVE, "可控", "")),
    ],
)
def test_the_parenthesized_form_tells_a_quantity_from_a_qualitative_value(
    printed: str, parts: tuple[str, str, str]
) -> None:
    parsed = parse_parenthesized(printed)
    assert (parsed.comparator, parsed.value, parsed.unit) == parts
