"""新建下一年度: the example document moved on to 2027."""

from __future__ import annotations

from goaleditor.formats.canonical_json import to_data
from goaleditor.model.next_year import next_year_draft


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
    assert draft.tables[0].project_name == "2027年至2028年规划项目（2026）"
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
