"""Years in free text: which move with the document, and the check for last year's left over."""

from __future__ import annotations

import pytest

from goaleditor.model.checks import WARNING, check_document
from goaleditor.model.document import Document
from goaleditor.model.next_year import next_year_draft
from goaleditor.model.problem_fixes import fix_its
from goaleditor.model.year_mentions import move_years, table_period, year_mentions


@pytest.mark.parametrize(
    ("text", "moved"),
    [
        ("2025年度工作", "2026年度工作"),
        ("2025 年底前", "2026 年底前"),
        ("截至2025年12月31日", "截至2026年12月31日"),
        ("2025-12-31前", "2026-12-31前"),
        ("2025/6/30前", "2026/6/30前"),
        ("2025.12.31前", "2026.12.31前"),
        ("从2025年1月至12月", "从2026年1月至12月"),
        ("2025-2027年", "2026-2028年"),  # the period
        ("2025年至2027年", "2026年至2028年"),
        ("（2025 年-2027 年）", "（2026 年-2028 年）"),
        # History and numbers stay.
        ("较2025年增长", None),
        ("与2025年相比", None),
        ("比2025年同期", None),
        ("在2025年基础上提高", None),
        ("保持2025年度水平", None),
        ("自2025年起实施", None),
        ("从2025年1月开始", None),
        ("2025年以来", None),
        ("2025年建成的大楼", None),
        ("2025年12月投入使用的设备", None),
        ("编号（2025）", None),
        ("12025年", None),
        ("20250人次", None),
        ("预算2025.5万元", None),
        ("2025万元", None),
        ("2019年建成", None),
    ],
)
def test_what_moves_in_a_2025_text(text: str, moved: str | None) -> None:
    assert move_years(text, 2025, (2025, 2027)) == (moved or text, 0 if moved is None else 1)


def test_mentions_say_where_the_years_are() -> None:
    text = "2024-2026年规划，2025年完成，较2023年"
    assert [(m.years, m.history, text[m.start : m.end]) for m in year_mentions(text)] == [
        ((2024, 2026), False, "2024-2026年"),
        ((2025,), False, "2025年"),
        ((2023,), True, "2023年"),
    ]


@pytest.mark.parametrize(
    ("start", "end", "period"),
    [
        ("2025-01-01", "2027-12-31", (2025, 2027)),
        ("2025/1/1", "2025年12月31日", (2025, 2025)),
        ("", "2027-12-31", None),
        ("2028-01-01", "2027-12-31", None),
    ],
)
def test_table_period(start: str, end: str, period: tuple[int, int] | None) -> None:
    assert table_period(start, end) == period


def past_year_problems(document: Document) -> list:
    return [p for p in check_document(document) if p.rule == "year.past-year"]


def test_last_years_text_in_a_later_document_is_a_warning_with_a_fix(full_document) -> None:
    """A 2027 Shanghai document whose 年度总体目标 (绩效目标) still says 2026年度 (and last
    year's period); the message names the field as the Shanghai form labels it."""
    full_document.year = 2027
    table = full_document.tables[0]
    table.start_date, table.end_date = "2025-01-01", "2027-12-31"
    table.goal = "完成2026年度任务；2024-2026年总体目标；较2026年增长；2025-2027年实施"
    table.fund_use = "2019年建成的大楼维护"
    (problem,) = past_year_problems(full_document)
    assert (problem.severity, problem.table, problem.row, problem.field) == (
        WARNING,
        1,
        0,
        "goal",
    )
    assert problem.node is table
    assert problem.message == "年度总体目标中的“2026年”等2处是上一年度的年份（文档年度为2027年）"
    (fix,) = fix_its(problem, full_document.year)
    assert fix.label == "把“2026年”改为“2027年”等2处"
    fix.edit().apply(full_document)
    assert table.goal == "完成2027年度任务；2025-2027年总体目标；较2026年增长；2025-2027年实施"
    assert past_year_problems(full_document) == []


def test_indicator_text_and_the_title_are_checked(example_document) -> None:
    example_document.year = 2027
    example_document.title = "2026年度绩效目标"
    table = example_document.tables[0]
    table.project_name = "2027年政务服务办运行经费"
    rows = [i for _, _, i in table.indicator_rows()]
    rows[0].description = "2026年受理件数"
    found = past_year_problems(example_document)
    # The other five tables' names still say 2026年 too.
    assert [(p.table, p.field) for p in found] == [
        (0, "title"),
        (1, "description"),
        *((number, "project_name") for number in range(2, 7)),
    ]
    title, description = found[0], found[1]
    assert (title.table, title.field, title.node) == (0, "title", example_document)
    assert (description.table, description.row, description.field) == (1, 1, "description")
    assert description.node is rows[0]
    for problem in (title, description):
        (fix,) = fix_its(problem, example_document.year)
        fix.edit().apply(example_document)
    assert example_document.title == "2027年度绩效目标"
    assert rows[0].description == "2027年受理件数"


def test_a_timeliness_date_is_left_to_its_own_rule(example_document) -> None:
    example_document.year = 2027
    for table in example_document.tables:
        table.project_name = table.project_name.replace("2026", "2027")
    rules = {p.rule for p in check_document(example_document)}
    assert "timeliness.outside-year" in rules and "year.past-year" not in rules


def test_the_draft_of_next_year_has_no_past_year(example_document, full_document) -> None:
    for document in (example_document, full_document):
        document.tables[0].goal = "2026年度目标；较2025年增长"
        draft = next_year_draft(document)
        assert past_year_problems(draft) == []
        assert draft.tables[0].goal == "2027年度目标；较2025年增长"


@pytest.mark.parametrize(
    ("text", "moved"),
    [
        ("2025年12月至2026年2月", "2026年12月至2027年2月"),
        ("2025年第四季度至2026年第一季度", "2026年第四季度至2027年第一季度"),
        ("2025年12月31日至2026年6月30日", "2026年12月31日至2027年6月30日"),
        ("2024年9月至2025年6月", "2025年9月至2026年6月"),
        ("2025年度和2026年度", "2026年度和2027年度"),
        ("2023年1月至2024年6月", "2023年1月至2024年6月"),  # names no year of the document
    ],
)
def test_two_dates_joined_into_a_span_move_together(text: str, moved: str) -> None:
    """Moving one end would make a span end before it starts (2026年12月至2026年2月)."""
    assert move_years(text, 2025)[0] == moved


def test_the_year_warning_names_the_field_as_each_layout_labels_it(full_document) -> None:
    full_document.year = 2027
    full_document.tables[0].goal = "完成2026年度任务"
    labels = (("shanghai", "年度总体目标"), ("tianjin", "绩效目标"), ("central", "年度目标"))
    for layout, label in labels:
        full_document.layout = layout
        (problem,) = past_year_problems(full_document)
        assert problem.message.startswith(f"{label}中的“2026年”"), layout
