"""Completion of the 三级 cell: the current 二级 first, then the project's words, prefix, use."""

from __future__ import annotations

from bench.library import generated_library
from goaleditor.library.completion import Completer
from goaleditor.library.entries import LibraryEntry, ValuesSeen
from goaleditor.library.search import SearchIndex

ENTRIES = [
    LibraryEntry("质量指标", "培训合格率", values_seen=ValuesSeen(count=50)),
    LibraryEntry("数量指标", "参加培训人次"),
    LibraryEntry("数量指标", "培训人次", values_seen=ValuesSeen(count=3)),
    LibraryEntry("数量指标", "消防培训场次"),
    LibraryEntry("服务对象满意度指标", "参训人员满意度"),
    LibraryEntry("服务对象满意度指标", "群众满意度调查覆盖率"),
]


def completed(completer: Completer, typed: str) -> list[str]:
    return [e.name for e in completer.complete(typed)]


def test_the_current_level2_comes_first_then_prefix_then_frequency() -> None:
    completer = Completer(SearchIndex(ENTRIES))
    completer.set_context("数量指标", "")
    assert completed(completer, "培训") == [
        "培训人次",
        "参加培训人次",
        "消防培训场次",
        "培训合格率",
    ]


def test_the_project_words_lift_their_entries() -> None:
    completer = Completer(SearchIndex(ENTRIES))
    completer.set_context("数量指标", "2026年消防安全宣传项目")
    assert completed(completer, "培训")[0] == "消防培训场次"


def test_pinyin_initials_complete() -> None:
    completer = Completer(SearchIndex(ENTRIES))
    completer.set_context("服务对象满意度指标", "")
    assert completed(completer, "myd") == ["参训人员满意度", "群众满意度调查覆盖率"]
    assert completed(completer, "mydd") == ["群众满意度调查覆盖率"]  # 满意度调(diao)查
    assert completed(completer, "pxrc") == ["培训人次", "参加培训人次"]  # initials first


def test_a_typo_completes_within_the_level2() -> None:
    completer = Completer(SearchIndex(ENTRIES))
    completer.set_context("服务对象满意度指标", "")
    assert completed(completer, "参训人员满意渡") == ["参训人员满意度"]


def test_fifty_thousand_entries_complete_every_keystroke() -> None:
    """Results, not time (bench/library.py measures it): the big index finds what is typed."""
    completer = Completer(SearchIndex(generated_library(50_000)))
    completer.set_context("数量指标", "市级培训项目")
    for typed in ("满", "满意度", "pxrc", "peixun"):
        found = completer.complete(typed)
        assert len(found) == 20, typed
    top = completer.complete("市级培训人")
    assert top[0].level2 == "数量指标" and top[0].name.startswith("市级培训人次")
