"""实际完成值 as written, read with the indicator's unit."""

from __future__ import annotations

import time
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from goaleditor.self_evaluation.actual_values import read_actual

D = Decimal


@pytest.mark.parametrize(
    ("written", "unit", "value", "note"),
    [
        ("12个", "个", "12", ""),
        ("99.5%", "%", "99.5", ""),
        ("95％", "%", "95", ""),  # full-width percent sign
        ("36分钟", "分钟", "36", ""),
        ("12", "个", "12", ""),  # a bare number is in the target's unit
        ("１２个", "个", "12", ""),  # full-width digits
        ("1,200元", "元", "1200", ""),
        ("完成12个", "个", "12", ""),
        ("50㎡", "平方米", "50", ""),  # another spelling of the same unit
        ("-5%", "%", "-5", ""),
        ("1.2万元", "元", "12000", "实际完成值“1.2万元”按12000元计：由万元换算为元"),
        ("12000元", "万元", "1.2", "实际完成值“12000元”按1.2万元计：由元换算为万元"),
        ("1.5万", "人", "15000", "实际完成值“1.5万”按15000人计：由万换算为人"),
        ("3公里", "米", "3000", "实际完成值“3公里”按3000米计：由千米换算为米"),
        ("≥98%", "%", "98", "实际完成值“≥98%”按98%计：比较符号“≥”已略去"),
        ("98%以上", "%", "98", "实际完成值“98%以上”按98%计：比较符号“≥”已略去"),
        ("约95%", "%", "95", "实际完成值“约95%”按95%计：“约”已略去"),
        ("95%左右", "%", "95", "实际完成值“95%左右”按95%计：“左右”已略去"),
        (
            "100%（已完成）",
            "%",
            "100",
            "实际完成值“100%（已完成）”按100%计：括号内的说明“（已完成）”未计入",
        ),
        (  # a remark that would pass for a unit in parentheses
            "100（已完成）",
            "%",
            "100",
            "实际完成值“100（已完成）”按100%计：括号内的说明“（已完成）”未计入",
        ),
        ("12个", "", "12", "实际完成值“12个”按12计：指标值未写单位，单位“个”未核对"),
    ],
)
def test_read_as_written(written: str, unit: str, value: str, note: str) -> None:
    actual = read_actual(written, unit)
    assert actual.reason == ""
    assert actual.value == D(value)
    assert actual.note == note


@pytest.mark.parametrize(
    ("written", "unit", "reason"),
    [
        ("12次", "个", "实际完成值的单位“次”与指标值的单位“个”不同，无法计分"),
        ("36小时", "分钟", "实际完成值的单位“小时”与指标值的单位“分钟”不同，无法计分"),
        ("达成预期指标", "%", "实际完成值“达成预期指标”不是数值，无法计分"),
        ("按期完成", "", "实际完成值“按期完成”不是数值，无法计分"),
        ("9" * 300, "个", "实际完成值是一段文字，不是数值，无法计分"),
    ],
)
def test_what_cannot_be_scored_is_said(written: str, unit: str, reason: str) -> None:
    actual = read_actual(written, unit)
    assert actual.value is None
    assert actual.reason == reason
    assert not actual.missing


def test_nothing_written_is_missing_not_zero() -> None:
    for blank in ("", "  "):
        actual = read_actual(blank, "%")
        assert actual.value is None
        assert actual.missing


def test_hostile_text_is_read_in_linear_time() -> None:
    texts = ["(" * 100_000, "约" * 100_000 + "1", "1" + "（" * 50_000 + "）" * 50_000]
    # under the length cap, where the patterns do run
    texts += ["1" + "（" * 99 + "）" * 99, "约" * 198 + "1", "1" * 100 + "%" * 99]
    start = time.perf_counter()
    for text in texts:
        assert read_actual(text, "%").value is None
    assert time.perf_counter() - start < 0.5


@given(st.decimals(min_value=-(10**9), max_value=10**9, places=2), st.sampled_from(["个", "%"]))
def test_a_number_with_the_target_unit_reads_back(number: Decimal, unit: str) -> None:
    assert read_actual(f"{number}{unit}", unit).value == number
