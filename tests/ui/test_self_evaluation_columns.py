"""What the 自评 cells say, without a window: rules, reasons, bands, pasted columns."""

from __future__ import annotations

from decimal import Decimal

from goaleditor.model.document import Document, GoalTable, Indicator, Level1, Level2
from goaleditor.model.fields import SELF_EVALUATION
from goaleditor.self_evaluation.evaluation import indicator_score
from goaleditor.self_evaluation.profiles import CENTRAL, HUBEI
from goaleditor.ui.column_paste import column_paste, pasted_lines
from goaleditor.ui.self_evaluation_columns import (
    actual_tooltip,
    actual_unscorable,
    band_text,
    chosen_grade,
    score_cell,
)


def scored(comparator: str, value: str, unit: str, weight: str, actual: str, profile=CENTRAL):
    indicator = Indicator(
        name="甲", comparator=comparator, value=value, unit=unit, weight=weight, actual=actual
    )
    return indicator_score(indicator, profile)


def test_a_computed_score_says_its_rule_with_the_weight() -> None:
    cell = score_cell(scored("≤", "5", "万元", "10", "6"), CENTRAL)
    assert cell.computed and cell.text == "8.00"  # (2×5 − 6) ÷ 5 × 10
    assert cell.tooltip.startswith("按规则计算：反向指标：实际完成值不超过指标值得满分10分")
    assert not cell.problem
    equal = score_cell(scored("=", "4", "个", "8", "3"), CENTRAL)
    assert "“=”指标（按正向计分）" in equal.tooltip and equal.text == "6.00"


def test_a_missing_score_says_what_is_missing() -> None:
    assert score_cell(scored("≥", "5", "个", "", "4"), CENTRAL).problem == "分值未填写或不是数字"
    assert score_cell(scored("≥", "5", "个", "10", ""), CENTRAL).problem == "实际完成值未填写"
    unit = score_cell(scored("≥", "5", "个", "10", "4次"), CENTRAL)
    assert unit.text == "" and "单位" in unit.problem and "无法计分" in unit.tooltip


def test_the_actual_value_says_how_it_was_read_or_why_not() -> None:
    converted = scored("≥", "1", "万元", "10", "12000元")
    assert "换算" in actual_tooltip(converted) and not actual_unscorable(converted)
    text = scored("≥", "1", "万元", "10", "基本完成")
    assert actual_unscorable(text) and "不是数值" in actual_tooltip(text)
    assert actual_tooltip(scored("≥", "1", "万元", "10", "")) == "填写实际完成的数值（单位：万元）"


def test_an_editable_profile_says_the_rule_beside_a_typed_score() -> None:
    typed = Indicator(comparator="≥", value="10", unit="个", weight="10", actual="5", score="3")
    cell = score_cell(indicator_score(typed, HUBEI), HUBEI)
    assert not cell.computed and cell.text == "3.00"
    assert cell.tooltip.startswith("已手工填写得分（按规则为5.00分）；清除后恢复按规则计算")
    typed.score = ""
    by_rule = score_cell(indicator_score(typed, HUBEI), HUBEI)
    assert by_rule.computed and by_rule.text == "5.00" and "可直接输入得分" in by_rule.tooltip


def test_a_qualitative_score_says_its_band() -> None:
    assert band_text("达成", Decimal(10), CENTRAL) == "评为“达成”：得分应在8.00至10.00分之间"
    assert "（不含）" in band_text("部分达成", Decimal(10), CENTRAL)
    assert band_text("", Decimal(10), CENTRAL).startswith("先选定性等级（达成 80%–100%")
    assert chosen_grade("部分达成预期指标", CENTRAL) == "部分达成"
    assert chosen_grade("良好", CENTRAL) is None


def test_pasted_lines_drop_excels_last_line_break_only() -> None:
    assert pasted_lines("1\r\n\r\n3\r\n") == ["1", "", "3"]  # an empty cell stays a line


def test_no_column_paste_in_a_goal_document_nor_for_one_value() -> None:
    indicator = Indicator(name="甲")
    table = GoalTable(children=[Level1("产出指标", [Level2("数量指标", [indicator])])])
    document = Document(tables=[table])
    table.document = document
    assert column_paste(indicator, "weight", table, "1\n2", lambda *_: "") is None
    document.kind = SELF_EVALUATION
    assert column_paste(indicator, "weight", table, "1", lambda *_: "") is None
    assert column_paste(indicator, "weight", table, "1\t2\n3\t4", lambda *_: "") is None
    pasted = column_paste(indicator, "weight", table, "7\n8", lambda _i, _f, text: text)
    assert pasted is not None and pasted.edit is not None
    assert "另有1行超出最后一个指标" in pasted.message
