"""The editor's last-year matches, kept per table: always what matching anew would find."""

from __future__ import annotations

from goaleditor.compare.last_year import last_year_values, lower_targets
from goaleditor.model.document import Document, Indicator
from goaleditor.ui.last_year_matches import LastYearMatches
from tests.comparison.builders import document, indicator


def _same_as_anew(matches: LastYearMatches, old: Document, new: Document) -> list[str]:
    problems = matches.refresh()
    assert matches.values == last_year_values(old, new)
    assert [p.line() for p in problems] == [p.line() for p in lower_targets(old, new)]
    return [p.message for p in problems]


def test_edits_tables_moved_and_another_document_are_followed() -> None:
    old = document("运行保障项目", "信息化建设项目", year=2025)
    new = document("运行保障项目", "信息化建设项目", year=2026)
    matches = LastYearMatches(old, new)
    assert _same_as_anew(matches, old, new) == []
    kept = matches.values[0]
    new.set_field(indicator(new, 1, "验收合格率"), "value", "90")  # an edit of table 2
    assert _same_as_anew(matches, old, new) == ["指标值低于上年：≥90% （上年 ≥98%）"]
    assert matches.values[0] is kept  # table 1 was not matched again
    new.move_tables(1, 1, 0)  # the edited table first: its number changes
    assert _same_as_anew(matches, old, new) == ["指标值低于上年：≥90% （上年 ≥98%）"]
    assert matches.values[0].table_number == 1
    group = new.tables[0].children[0].children[0]
    new.insert_nodes(group, 0, [Indicator("新指标", "", "≥", "1", "个")])  # rows renumbered
    assert [p.row for p in matches.refresh()] == [4]
    _same_as_anew(matches, old, new)
    new.set_header(new.tables[0], "project_name", "2026年另一个项目")  # paired no more
    assert _same_as_anew(matches, old, new) == []
    other = document("运行保障项目", year=2026)
    other.set_field(indicator(other, 0, "群众满意度"), "value", "90")
    matches.follow(other)
    new.set_field(indicator(new, 1, "群众满意度"), "value", "10")  # no longer followed
    assert _same_as_anew(matches, old, other) == ["指标值低于上年：≥90% （上年 ≥95%）"]
    matches.close()
