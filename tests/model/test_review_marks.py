"""A reviewer's marks: kept with the document, never printed, compared or carried on."""

from __future__ import annotations

import json

from goaleditor.compare import compare_documents
from goaleditor.formats.canonical_json import to_data
from goaleditor.model.document import Document
from goaleditor.model.fields import REVIEW_HEADER_FIELDS, REVIEW_INDICATOR_FIELDS
from goaleditor.model.next_year import next_year_draft
from goaleditor.model.review_marks import (
    drop_review_marks,
    failed_indicators,
    is_reviewed,
    table_is_reviewed,
)
from goaleditor.self_evaluation.start import start_self_evaluation
from tests.compare import document_snapshot


def _mark(document: Document) -> None:
    table = document.tables[0]
    table.review_goal, table.review_result = "总体目标与年度目标混同", "不通过"
    rows = [indicator for _, _, indicator in table.indicator_rows()]
    rows[0].review_verdict, rows[0].review_opinion = "不通过", "指标值应量化"
    rows[1].review_verdict = "通过"


def test_marks_are_found_and_dropped(example_document) -> None:
    assert not is_reviewed(example_document)
    _mark(example_document)
    table = example_document.tables[0]
    assert is_reviewed(example_document) and table_is_reviewed(table)
    assert not table_is_reviewed(example_document.tables[1])
    assert [i.review_opinion for i in failed_indicators(table)] == ["指标值应量化"]
    drop_review_marks(table)
    assert not is_reviewed(example_document)
    assert all(getattr(table, name) == "" for name in REVIEW_HEADER_FIELDS)


def test_marks_change_nothing_the_table_prints_or_compares(example_document) -> None:
    before = to_data(example_document)
    assert "review" not in json.dumps(before)
    unreviewed = Document(tables=[table.clone() for table in example_document.tables])
    _mark(example_document)
    after = to_data(example_document)
    assert after["tables"][1:] == before["tables"][1:]  # an unreviewed table: no review keys
    first, was = after["tables"][0], before["tables"][0]
    assert {k: v for k, v in first.items() if not k.startswith("review")} | {
        "indicators": []
    } == was | {"indicators": []}
    assert list(first)[-6:] == list(REVIEW_HEADER_FIELDS)  # the marks after the contract's keys
    for row, old_row in zip(first["indicators"], was["indicators"], strict=True):
        assert {k: v for k, v in row.items() if not k.startswith("review")} == old_row
    unreviewed.agency_code, unreviewed.agency_name = "", ""
    example = Document(tables=example_document.tables)
    assert compare_documents(unreviewed, example).same


def test_marks_survive_canonical_json(example_document) -> None:
    from goaleditor.formats.canonical_json import dumps, loads
    from tests.compare import document_differences

    _mark(example_document)
    text = dumps(example_document)
    back = loads(text)
    assert dumps(back) == text
    assert back.tables[0].review_goal == "总体目标与年度目标混同"
    assert document_differences(back, example_document) == []


def test_next_year_and_self_evaluation_start_unreviewed(example_document) -> None:
    _mark(example_document)
    for started in (
        next_year_draft(example_document),
        start_self_evaluation(example_document).document,
    ):
        assert not is_reviewed(started)
        snapshot = document_snapshot(started)
        assert all(t[name] == "" for t in snapshot["tables"] for name in REVIEW_HEADER_FIELDS)
    assert is_reviewed(example_document)  # the reviewed document itself keeps its marks
    assert REVIEW_INDICATOR_FIELDS == ("review_verdict", "review_opinion")


def test_marks_are_not_reported_as_filled_but_not_printed(example_document) -> None:
    from goaleditor.checking import check_document_of_any_kind

    before = [p.message for p in check_document_of_any_kind(example_document)]
    table = example_document.tables[0]
    table.review_todo, table.review_benefit = "补充效益指标", "效益指标偏少"
    assert [p.message for p in check_document_of_any_kind(example_document)] == before
