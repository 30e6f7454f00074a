"""The problems a reviewer's marks raise: 不通过 at its row, the table's result at its header."""

from __future__ import annotations

import pytest

from goaleditor.checking import check_document_of_any_kind, check_table_of_any_kind, export_errors
from goaleditor.model.checks import ERROR, WARNING
from goaleditor.review.checks import (
    FAILED_INDICATOR,
    FAILED_TABLE,
    TO_COMPLETE,
    is_review_problem,
    review_problems,
)
from goaleditor.review.verdicts import chosen_result, chosen_verdict
from goaleditor.self_evaluation.start import start_self_evaluation
from tests.review.marking import mark, rows_of


def test_an_unreviewed_document_raises_nothing(example_document) -> None:
    for number, table in enumerate(example_document.tables, 1):
        assert review_problems(table, number) == []
    assert not any(map(is_review_problem, check_document_of_any_kind(example_document)))


def test_a_failed_indicator_is_an_error_at_its_row_with_or_without_opinion(
    example_document,
) -> None:
    mark(example_document)
    rows = rows_of(example_document)
    found = [p for p in review_problems(example_document.tables[0], 1) if p.row]
    assert [(p.severity, p.rule, p.row, p.field) for p in found] == [
        (ERROR, FAILED_INDICATOR, 1, "review_verdict"),
        (ERROR, FAILED_INDICATOR, 3, "review_verdict"),
    ]
    assert [p.message for p in found] == ["审核不通过：指标值应量化", "审核不通过（未填写意见）"]
    assert found[0].node is rows[0] and found[1].node is rows[2]
    assert found[0].line() == "错误\t表1\t第1行\treview.failed\t审核不通过：指标值应量化"


def test_an_opinion_of_several_lines_is_said_in_one(example_document) -> None:
    row = rows_of(example_document)[4]
    row.review_verdict, row.review_opinion = "不通过", "  单位不对\n\n 应为万元 "
    (problem,) = review_problems(example_document.tables[0], 1)
    assert problem.message == "审核不通过：单位不对；应为万元" and problem.row == 5


def test_a_failed_table_is_an_error_at_its_header(example_document) -> None:
    mark(example_document)
    table = example_document.tables[0]
    header = [p for p in review_problems(table, 1) if not p.row]
    assert [(p.severity, p.rule, p.field, p.node) for p in header] == [
        (ERROR, FAILED_TABLE, "review_result", table)
    ]
    assert header[0].message == "审核结果为不通过：补充数量指标；量化效益指标"
    table.review_todo = ""
    assert review_problems(table, 1)[0].message == "审核结果为不通过"


def test_to_be_improved_is_a_warning_naming_what_to_complete(example_document) -> None:
    mark(example_document)
    table = example_document.tables[1]
    (problem,) = review_problems(table, 2)
    assert (problem.severity, problem.rule, problem.row, problem.field) == (
        WARNING,
        TO_COMPLETE,
        0,
        "review_todo",
    )
    assert problem.message == "审核结果为修改完善后通过，需补充完善：补充时效指标"
    table.review_todo = " "
    assert (
        review_problems(table, 2)[0].message == "审核结果为修改完善后通过（未填写需补充完善事项）"
    )
    table.review_result = "通过"
    assert review_problems(table, 2) == []


def test_the_checks_list_them_in_place_and_export_is_not_held_back(example_document) -> None:
    before = check_table_of_any_kind(example_document, example_document.tables[0], 1)
    mark(example_document)
    after = check_table_of_any_kind(example_document, example_document.tables[0], 1)
    added = [p for p in after if is_review_problem(p)]
    assert [p for p in after if not is_review_problem(p)] == before
    assert len(added) == 3 and [p.row for p in after] == sorted(p.row for p in after)
    problems = check_document_of_any_kind(example_document)
    errors = sum(1 for p in problems if p.severity == ERROR)
    assert errors == export_errors(problems) + 3  # the 不通过 marks never hold export back


def test_a_self_evaluation_carries_no_marks_so_raises_none(example_document) -> None:
    mark(example_document)
    started = start_self_evaluation(example_document, "").document
    assert not any(map(is_review_problem, check_document_of_any_kind(started)))


@pytest.mark.parametrize(
    ("typed", "verdict"),
    [
        ("通过", "通过"),
        ("不通过", "不通过"),
        (" t ", "通过"),
        ("TG", "通过"),
        ("√", "通过"),
        ("b", "不通过"),
        ("×", "不通过"),
        ("不", "不通过"),
        ("通", "通过"),
        ("", ""),
        ("  ", ""),
        ("可以", None),
        ("修改完善后通过", None),
    ],
)
def test_a_typed_verdict_is_read_as_one_of_its_choices(typed: str, verdict: str | None) -> None:
    assert chosen_verdict(typed) == verdict


@pytest.mark.parametrize(
    ("typed", "result"),
    [
        ("通过", "通过"),
        ("修改", "修改完善后通过"),
        ("修改后通过", "修改完善后通过"),
        ("xg", "修改完善后通过"),
        ("b", "不通过"),
        ("", ""),
        ("待定", None),
    ],
)
def test_a_typed_result_is_read_as_one_of_its_choices(typed: str, result: str | None) -> None:
    assert chosen_result(typed) == result


def test_marking_several_rows_is_one_step_undone_at_once(example_document) -> None:
    from goaleditor.review.marking import next_indicator, verdict_edit

    rows = rows_of(example_document)
    rows[1].review_verdict = "不通过"
    edit = verdict_edit(rows[:3], "不通过")
    assert edit is not None and edit.text == "标为不通过"
    inverse = edit.apply(example_document)
    assert [r.review_verdict for r in rows[:3]] == ["不通过"] * 3
    inverse.apply(example_document)
    assert [r.review_verdict for r in rows[:3]] == ["", "不通过", ""]
    assert verdict_edit(rows[1:2], "不通过") is None
    single = verdict_edit(rows[:1], "通过")
    assert single is not None and single.text == "修改审核结论"
    assert next_indicator(rows, rows[0]) is rows[1] and next_indicator(rows, rows[-1]) is None


def test_a_verdict_or_result_none_of_its_choices_is_a_warning_in_place(example_document) -> None:
    table = example_document.tables[0]
    rows_of(example_document)[1].review_verdict = "待定"  # pasted, or read from a file
    table.review_result = "基本通过"
    found = review_problems(table, 1)
    assert [(p.severity, p.rule, p.row, p.field, p.message) for p in found] == [
        (
            WARNING,
            "review.unknown-result",
            0,
            "review_result",
            "审核结果“基本通过”应为通过、修改完善后通过、不通过之一",
        ),
        (WARNING, "review.unknown-verdict", 2, "review_verdict", "审核结论“待定”应为通过或不通过"),
    ]


def test_a_verdict_or_opinion_with_hidden_characters_prints_as_one_safe_line(
    example_document,
) -> None:
    """A verdict written into the file as 不通过⏎x, an opinion starting with NUL: `check`
    prints one line per problem, the hidden characters shown as escapes."""
    rows = rows_of(example_document)
    rows[0].review_verdict = "不通过\nx"
    rows[1].review_verdict, rows[1].review_opinion = "不通过", "\x00隐藏\x1b[31m红"
    lines = [p.line() for p in review_problems(example_document.tables[0], 1)]
    assert lines == [
        "警告\t表1\t第1行\treview.unknown-verdict\t审核结论“不通过\\nx”应为通过或不通过",
        "错误\t表1\t第2行\treview.failed\t审核不通过：\\x00隐藏\\x1b[31m红",
    ]
