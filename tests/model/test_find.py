"""查找/替换 in the domain, without Qt: reading order, wrapping, case, one-step replace all."""

from __future__ import annotations

from goaleditor.formats.canonical_json import dumps
from goaleditor.model.find import find_all, next_match, replace_all, replace_one, still_there


def test_find_reads_tables_header_first_then_rows_as_printed(example_document) -> None:
    matches = find_all(example_document, "满意度")
    assert matches, "the example has 满意度 indicators"
    first = matches[0]
    assert (first.table, first.row, first.field) == (0, 15, "name")
    assert first.node is not None and first.node.name == "中心工作人员满意度"
    assert [m.position for m in matches] == sorted(m.position for m in matches)
    header = find_all(example_document, "运行经费")[0]
    assert (header.table, header.row, header.node, header.field) == (0, 0, None, "project_name")


def test_find_in_every_field_kind(example_document) -> None:
    fields = {m.field for m in find_all(example_document, "政务服务")}
    assert {"project_name", "fund_use", "name", "description"} <= fields
    assert {m.field for m in find_all(example_document, "平方米")} == {"unit"}
    assert {m.field for m in find_all(example_document, "55853")} == {"value"}
    assert find_all(example_document, "") == []


def test_match_case(example_document) -> None:
    example_document.tables[0].goal += " PDF导出"
    assert len(find_all(example_document, "pdf")) == 1
    assert find_all(example_document, "pdf", match_case=True) == []


def test_next_and_previous_wrap_around(example_document) -> None:
    matches = find_all(example_document, "满意度")
    assert next_match(matches, None) == 0
    assert next_match(matches, None, backwards=True) == len(matches) - 1
    assert next_match(matches, matches[0].position) == 1
    assert next_match(matches, matches[-1].position) == 0
    assert next_match(matches, matches[0].position, backwards=True) == len(matches) - 1
    assert next_match([], None) == -1


def test_several_occurrences_in_one_field(example_document) -> None:
    indicator = next(example_document.tables[0].indicator_rows())[2]
    indicator.description = "面积与面积"
    found = [m for m in find_all(example_document, "面积") if m.node is indicator]
    assert [(m.field, m.start) for m in found] == [
        ("name", 15),
        ("description", 0),
        ("description", 3),
    ]


def test_replace_one_and_stale_matches(example_document) -> None:
    match = find_all(example_document, "运行经费")[0]
    edit = replace_one(example_document, match, "运行经费", "运转费用")
    assert edit is not None
    inverse = edit.apply(example_document)
    assert example_document.tables[0].project_name == "2026年政务服务办运转费用"
    assert not still_there(example_document, match, "运行经费", False)
    assert replace_one(example_document, match, "运行经费", "x") is None
    inverse.apply(example_document)
    assert example_document.tables[0].project_name == "2026年政务服务办运行经费"


def test_replace_all_is_one_reversible_step(example_document) -> None:
    before = dumps(example_document)
    edit, count = replace_all(example_document, "满意度", "满意⑨")
    assert edit is not None and count == len(find_all(example_document, "满意度"))
    inverse = edit.apply(example_document)
    assert find_all(example_document, "满意度") == []
    assert len(find_all(example_document, "满意⑨")) == count
    inverse.apply(example_document)
    assert dumps(example_document) == before
    assert replace_all(example_document, "不存在的词", "x") == (None, 0)


def test_replacement_text_is_literal(example_document) -> None:
    edit, _ = replace_all(example_document, "平方米", r"\1㎡")
    assert edit is not None
    edit.apply(example_document)
    assert next(example_document.tables[0].indicator_rows())[2].unit == r"\1㎡"
