"""The library's search index: names, keywords, pinyin (full and initials), typos, browsing."""

from __future__ import annotations

from goaleditor.library.entries import LibraryEntry, Source, ValuesSeen
from goaleditor.library.search import NO_FUND_USE, SearchIndex, pinyin_forms
from goaleditor.model.library import LibraryEntry as OldEntry

ENTRIES = [
    LibraryEntry("服务对象满意度指标", "参训人员满意度", fund_use="会议培训", unit="%"),
    LibraryEntry("数量指标", "培训人次", fund_use="会议培训", unit="人次",
                 values_seen=ValuesSeen(count=9), sources=(Source("a.xlsx"),)),
    LibraryEntry("数量指标", "举办培训班次数", fund_use="会议培训", keywords=("培训期数",)),
    LibraryEntry("质量指标", "设备验收合格率", fund_use="设备购置", unit="%"),
    LibraryEntry("时效指标", "故障响应时间", fund_use="信息化建设与运维", unit="小时",
                 description="反映系统故障的响应速度"),
    LibraryEntry("质量指标", "系统正常运行率", fund_use="信息化建设与运维", unit="%"),
]  # fmt: skip


def names(found: list) -> list[str]:
    return [e.name for e in found]


def test_pinyin_forms_give_full_pinyin_and_initials_with_both_readings() -> None:
    assert pinyin_forms("满意度")[:2] == ("manyidu", "myd")
    forms = pinyin_forms("运行率")
    assert {"yunxinglv", "yxl", "yhs"} <= set(forms)  # 行 xing/hang, 率 lv/shuai


def test_search_by_name_keyword_and_pinyin() -> None:
    index = SearchIndex(ENTRIES)
    assert names(index.search("满意")) == ["参训人员满意度"]
    assert names(index.search("培训期数")) == ["举办培训班次数"]  # a keyword
    assert names(index.search("myd")) == ["参训人员满意度"]  # pinyin initials
    assert names(index.search("manyidu")) == ["参训人员满意度"]  # full pinyin
    assert names(index.search("yxl")) == ["系统正常运行率"]
    assert names(index.search("响应速度")) == ["故障响应时间"]  # the 指标解释, after names
    assert names(index.search("培训 人次")) == ["培训人次"]  # every word must match
    assert index.search("绝无此词") == []


def test_the_commoner_entry_comes_first() -> None:
    index = SearchIndex(ENTRIES)
    assert names(index.search("培训"))[0] == "培训人次"  # seen 9 times, from one source


def test_a_typo_still_finds_the_name() -> None:
    index = SearchIndex(ENTRIES)
    assert names(index.search("设备验收合格律"))[:1] == ["设备验收合格率"]


def test_browse_by_fund_use_then_level2() -> None:
    index = SearchIndex([*ENTRIES, OldEntry("数量指标", "服务人数", "", "≥", "人")])
    assert index.fund_uses() == ["会议培训", "信息化建设与运维", "设备购置", NO_FUND_USE]
    assert index.level2s("会议培训") == ["数量指标", "服务对象满意度指标"]
    assert names(index.browse("会议培训", "数量指标")) == ["培训人次", "举办培训班次数"]
    assert names(index.browse(NO_FUND_USE)) == ["服务人数"]  # the old entry has no 资金用途
    assert names(index.search("培训", fund_use="会议培训", level2="数量指标")) == [
        "培训人次",
        "举办培训班次数",
    ]


def test_the_index_is_reused_while_the_entries_are_the_same() -> None:
    from goaleditor.library.search import index_of

    first = index_of(list(ENTRIES))
    assert index_of(list(ENTRIES)) is first  # a new list of the same entries
    fewer = index_of(ENTRIES[1:])
    assert fewer is not first and names(fewer.search("满意")) == []


def test_hidden_entries_are_never_found() -> None:
    hidden = ENTRIES[0].with_changes(hidden=True)
    assert SearchIndex([hidden, *ENTRIES[1:]]).search("满意") == []
