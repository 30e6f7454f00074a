"""新建下一年度: the example document moved on to 2027."""

from __future__ import annotations

from goaleditor.formats.canonical_json import to_data
from goaleditor.model.next_year import next_year, next_year_draft


def test_example_moves_to_2027(example_document) -> None:
    before = to_data(example_document)
    draft = next_year_draft(example_document)
    assert draft.year == 2027
    assert [t.project_name for t in draft.tables][:2] == [
        "2027年政务服务办运行经费",
        "2027年水土保持评审经费",
    ]
    values = [i.display for t in draft.tables for _, _, i in t.indicator_rows()]
    assert "2027年12月31日前" in values and "2027年12月底前" in values
    assert not any("2026年" in v for v in values)
    assert to_data(example_document) == before  # the source is untouched
    after = to_data(draft)
    # Everything else is kept: amounts, goals, descriptions, numbers.
    for old, new in zip(before["tables"], after["tables"], strict=True):
        assert old["budget_total"] == new["budget_total"] and old["goal"] == new["goal"]
        for a, b in zip(old["indicators"], new["indicators"], strict=True):
            assert a["description"] == b["description"] and a["name"] == b["name"]
            if a["comparator"] != "定性":
                assert a == b


def test_only_the_document_year_moves(example_document) -> None:
    table = example_document.tables[0]
    table.project_name = "2026年至2028年规划项目（2026）"
    first = next(table.indicator_rows())[2]
    first.comparator, first.value, first.unit = "定性", "2025年基础上提高，12026年不变", ""
    draft = next_year_draft(example_document)
    # a range that is not the table's period is a span of its own: never cut (2027年至2028年)
    assert draft.tables[0].project_name == "2026年至2028年规划项目（2026）"
    assert next(draft.tables[0].indicator_rows())[2].value == "2025年基础上提高，12026年不变"


def test_year_inferred_when_missing(example_document) -> None:
    example_document.year = None
    assert next_year_draft(example_document).year == 2027


def test_dates_move_on_and_the_period_stays(full_document) -> None:
    full_document.tables[0].end_date = "2028-02-29"
    draft = next_year_draft(full_document)
    assert draft.layout == "shanghai"
    table, old = draft.tables[0], full_document.tables[0]
    assert (table.start_date, table.end_date) == ("2025-01-01", "2029-02-28")
    assert (table.period_total, table.period_fiscal, table.period_goal) == (
        old.period_total,
        old.period_fiscal,
        old.period_goal,
    )
    assert [i.weight for _, _, i in table.indicator_rows()] == [
        i.weight for _, _, i in old.indicator_rows()
    ]


def test_free_text_moves_where_it_names_the_year_or_the_period(full_document) -> None:
    """2026年 and the period 2024-2026 move on in every text field; history stays."""
    full_document.title = "2026年度项目支出绩效目标表"
    table = full_document.tables[0]
    assert (table.start_date, table.end_date) == ("2024-01-01", "2026-12-31")
    table.fund_use = "用于2026年度运行，较2025年增长5%，2019年建成的大楼维护"
    table.goal = "2026年底前完成；2024-2026年总体完成率100%；12026年不变；编号（2026）"
    table.period_goal = "（2024 年-2026 年）实施期内完成"
    rows = [i for _, _, i in table.indicator_rows()]
    rows[0].description = "2026年全年受理件数，与2025年相比不减少"
    rows[1].comparator, rows[1].value, rows[1].unit = "定性", "2026-12-31前完成", ""
    rows[2].explanation = "自2024年起逐年统计，2026年为本期末年"
    draft = next_year(full_document)
    moved = draft.document.tables[0]
    assert draft.document.title == "2027年度项目支出绩效目标表"
    assert moved.fund_use == "用于2027年度运行，较2025年增长5%，2019年建成的大楼维护"
    assert moved.goal == "2027年底前完成；2025-2027年总体完成率100%；12026年不变；编号（2026）"
    assert moved.period_goal == "（2025 年-2027 年）实施期内完成"
    new_rows = [i for _, _, i in moved.indicator_rows()]
    assert new_rows[0].description == "2027年全年受理件数，与2025年相比不减少"
    assert new_rows[1].value == "2027-12-31前完成"
    assert new_rows[2].explanation == "自2024年起逐年统计，2027年为本期末年"
    assert (moved.start_date, moved.end_date) == ("2025-01-01", "2027-12-31")
    assert (draft.years_moved, draft.dates_moved) == (8, 2)
    assert draft.summary() == (
        "已生成2027年度的新文档：文中8处年份已改为下一年度，2个计划日期已顺延一年"
    )


def test_a_range_that_is_not_the_period_stays_whole(full_document) -> None:
    """Moving one end would cut it: 2027~2028年 must never become 2028~2028年."""
    table = full_document.tables[0]
    table.goal = "2025—2027年规划；2026年至2030年远景；2026~2027年试点；2026年完成"
    moved = next_year_draft(full_document).tables[0]
    assert moved.goal == "2025—2027年规划；2026年至2030年远景；2026~2027年试点；2027年完成"


def test_a_quantitative_value_is_a_number_and_stays(example_document) -> None:
    first = next(example_document.tables[0].indicator_rows())[2]
    first.comparator, first.value, first.unit = "≥", "2026", "年"
    draft = next_year_draft(example_document)
    assert next(draft.tables[0].indicator_rows())[2].display == "≥2026年"


def test_dates_keep_how_they_were_written(example_document) -> None:
    table = example_document.tables[0]
    table.start_date, table.end_date = "2026/1/1", "2026年12月31日"
    for other in example_document.tables:
        other.project_name = "运行经费"
    draft = next_year(example_document)  # the three 时效指标 still name 2026年
    moved = draft.document.tables[0]
    assert (moved.start_date, moved.end_date) == ("2027/1/1", "2027年12月31日")
    assert (
        draft.summary()
        == "已生成2027年度的新文档：文中3处年份已改为下一年度，2个计划日期已顺延一年"
    )


def test_without_a_year_nothing_in_the_text_moves(example_document) -> None:
    example_document.year = None
    for table in example_document.tables:
        table.project_name = "运行经费"
    draft = next_year(example_document)
    assert draft.document.year is None and draft.years_moved == 0
    assert draft.summary() == "已生成新文档：未能确定文档年度，文中年份未改动"


def test_the_last_printable_year_has_no_next_year(example_document) -> None:
    """9999 + 1 is a year no layout prints and no reader takes back: refused in one line."""
    import pytest

    from goaleditor.errors import InputError

    example_document.year = 9999
    with pytest.raises(InputError) as refused:
        next_year(example_document)
    assert str(refused.value) == "文档年度为9999年，已是最大的年份，无法生成下一年度"
    example_document.year = 9998
    assert next_year(example_document).document.year == 9999


def test_next_year_of_a_self_evaluation_is_a_goal_document(example_document) -> None:
    from decimal import Decimal

    from goaleditor.self_evaluation.start import start_self_evaluation

    evaluation = start_self_evaluation(example_document).document
    table = evaluation.tables[0]
    table.budget_executed, table.goal_result = Decimal(5), "完成"
    first = next(table.indicator_rows())[2]
    first.actual, first.deviation = "12个", "无"
    draft = next_year(evaluation).document
    assert (draft.kind, draft.year) == ("goals", 2027)
    copy = draft.tables[0]
    assert (copy.budget_executed, copy.budget_initial, copy.goal_result) == (None, None, "")
    kept = next(copy.indicator_rows())[2]
    assert (kept.actual, kept.deviation, kept.weight) == ("", "", first.weight)
