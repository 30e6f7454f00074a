"""建议指标: entries proposed from the table's words, inserted as one step, marked by identity."""

from __future__ import annotations

from goaleditor.library.entries import LibraryEntry, ValuesSeen
from goaleditor.library.search import SearchIndex
from goaleditor.library.suggest import suggestion_edit, suggestions
from goaleditor.model.document import Document, new_table
from goaleditor.model.edits import RemoveNodes
from tests.model.test_edits import round_trip

LIBRARY = [
    LibraryEntry("数量指标", "培训人次", fund_use="会议培训", comparator="≥", unit="人次"),
    LibraryEntry("数量指标", "举办培训班期数", fund_use="会议培训", unit="期"),
    LibraryEntry("服务对象满意度指标", "参训人员满意度", fund_use="会议培训", unit="%",
                 level1="满意度指标"),
    LibraryEntry("质量指标", "设备验收合格率", fund_use="设备购置", unit="%"),
    LibraryEntry("数量指标", "购置设备数量", fund_use="设备购置", unit="台",
                 values_seen=ValuesSeen(count=40)),
    LibraryEntry("时效指标", "系统故障响应时间", fund_use="信息化建设与运维", unit="小时"),
    LibraryEntry("数量指标", "宣传品发放数量", fund_use="宣传", unit="份", hidden=True),
]  # fmt: skip


def training_table() -> Document:
    table = new_table("classic", "2026年基层干部业务培训")
    table.fund_use = "会议培训费"
    table.goal = "组织基层干部开展业务培训，提升参训人员业务能力和满意度"
    return Document(tables=[table])


def test_the_table_words_choose_the_entries() -> None:
    document = training_table()
    found = suggestions(document.tables[0], SearchIndex(LIBRARY), "classic")
    names = [entry.name for _, entry in found]
    assert names[:3] == ["参训人员满意度", "培训人次", "举办培训班期数"]
    assert "设备验收合格率" not in names and "系统故障响应时间" not in names
    assert "宣传品发放数量" not in names  # hidden entries are never proposed
    assert dict((e.name, level1) for level1, e in found)["培训人次"] == "产出指标"


def test_names_the_table_has_are_not_proposed_again() -> None:
    document = training_table()
    table = document.tables[0]
    edit, _ = suggestion_edit(table, "classic", suggestions(table, SearchIndex(LIBRARY), "classic"))
    assert edit is not None
    edit.apply(document)
    assert suggestions(table, SearchIndex(LIBRARY), "classic") == []


def test_the_edit_inserts_under_their_level2_and_adds_missing_groups() -> None:
    document = training_table()
    table = document.tables[0]
    RemoveNodes(table, 2, 1).apply(document)  # no 满意度指标 group any more
    chosen = suggestions(table, SearchIndex(LIBRARY), "classic")
    edit, made = suggestion_edit(table, "classic", chosen)
    assert edit is not None and edit.text == f"建议指标（{len(chosen)}项）"
    round_trip(document, edit)
    edit.apply(document)
    rows = {ind.name: (l1, l2) for l1, l2, ind in table.indicator_rows()}
    assert rows["参训人员满意度"] == ("满意度指标", "服务对象满意度指标")
    assert rows["培训人次"][1] == "数量指标"
    inserted = [ind for _, _, ind in table.indicator_rows()]
    assert all(any(ind is m for ind in inserted) for m in made)  # the marks' identities
    assert made[1].comparator == "≥" and made[1].unit == "人次"
    assert suggestion_edit(table, "classic", []) == (None, [])


def test_a_table_that_says_nothing_gets_nothing() -> None:
    table = new_table("classic")
    assert suggestions(table, SearchIndex(LIBRARY), "classic") == []
