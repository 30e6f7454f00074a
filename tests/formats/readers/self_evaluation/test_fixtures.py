"""The clerk-filled 自评表 fixtures, in every container, read as the hand-worked answers say."""

from __future__ import annotations

import json
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import pytest

from goaleditor.formats.canonical_json import to_data
from goaleditor.formats.registry import read_document
from tests.helpers import note_lines

FIXTURES = Path(__file__).parents[3] / "fixtures" / "self_evaluation"
CENTRAL = ("central-clerk.xlsx", "central-xlsxwriter.xlsx", "central-clerk-lo.xls")
CENTRAL += ("central-clerk-lo.ods", "central-clerk-lo.pdf")
# The deliberate errors of 表2 (fixtures README): a typed 7 where the rule gives 6.67, and the
# clerk's 总分 summed with it. Nothing else in these files differs from the rules.
TYPED_SCORE_NOTES = [
    "表2 来电群众满意度：文件中的得分7，按规则为6.67",
    "表2 总分：文件中的总分91.52，按规则为91.19",
]


def _expected(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((FIXTURES / name).read_text(encoding="utf-8"))
    return data


def _same(expected: Any, got: Any) -> bool:
    """Scores and amounts as decimals ("12.50" is 12.5); the year and any text exactly."""
    if not isinstance(expected, str):
        return bool(expected == got)
    try:
        return isinstance(got, str) and Decimal(expected) == Decimal(got)
    except InvalidOperation:
        return expected == got


def _differences(expected: Any, got: Any, path: str = "") -> list[str]:
    """Where got differs from expected, for the keys expected has."""
    if isinstance(expected, dict):
        if not isinstance(got, dict):
            return [f"{path}: {got!r}"]
        return [
            line
            for key, value in expected.items()
            for line in _differences(value, got.get(key, "<missing>"), f"{path}.{key}")
        ]
    if isinstance(expected, list):
        if not isinstance(got, list) or len(got) != len(expected):
            return [f"{path}: {len(expected)} items expected, got {got!r}"]
        return [
            line
            for n, (one, other) in enumerate(zip(expected, got, strict=True))
            for line in _differences(one, other, f"{path}[{n}]")
        ]
    return [] if _same(expected, got) else [f"{path}: expected {expected!r}, got {got!r}"]


def _read(name: str) -> tuple[dict[str, Any], list[str]]:
    lines: list[str] = []
    document = read_document(FIXTURES / name, note_lines(lines))
    return to_data(document), lines


@pytest.mark.parametrize("name", CENTRAL)
def test_central_forms_read_as_the_hand_worked_answer(name: str) -> None:
    data, lines = _read(name)
    assert _differences(_expected("central-clerk-expected.json"), data) == []
    said = [line.split("：", 1)[1] for line in lines if "文件中的" in line]
    assert said == TYPED_SCORE_NOTES
    place = "第2页" if name.endswith(".pdf") else "工作表“表2”"
    assert f"{place}第21行：{TYPED_SCORE_NOTES[0]}" in lines
    assert "按自评表格式（未见地区的评分规则）取评分规则“中央（财预〔2020〕10号）”" in lines[0]
    assert not any("请核对" in line or "不认识" in line for line in lines)


def test_the_sichuan_form_reads_as_the_hand_worked_answer() -> None:
    data, lines = _read("sichuan-clerk.xlsx")
    expected = _expected("sichuan-clerk-expected.json")
    # The expected file says central (Sichuan prints no rules of its own: the same rules);
    # issue 24 names the profile after the form, 四川, which scores alike.
    assert expected["scoring"] == "central"
    expected["scoring"] = "sichuan"
    assert _differences(expected, data) == []
    table = data["tables"][0]
    assert (table["process_summary"], table["conclusion"]) == (
        "按月核定受助老人名单，经社区公示后通过社保卡发放补助。",
        "项目年度目标基本完成，自评得分95.83分，等级为优。",
    )
    assert (table["problems"], table["improvements"]) == (
        "补助对象人数受老人迁出影响未达年初目标。",
        "年初按实有人数测算补助规模，年中动态调整。",
    )
    assert (table["project_leader"], table["finance_leader"]) == ("王某", "李某")
    assert lines == [
        "按四川的自评表格式取评分规则“四川”（可在 文档属性 中更改）",
        "按表头推断为“四川（分栏指标值，带权重）”版式，打印和导出用此版式"
        "（可在 文档属性 中更改，不会丢失内容）",
        "工作表“自评表”第13行：预算执行情况中“财政专户管理资金、单位资金”行在自评表中"
        "没有对应栏目，未导入（已含在总额中）",
    ]


def test_the_typed_scores_that_match_the_rule_are_not_stored() -> None:
    """Quantitative scores are the rule's (computed): only 定性 scores are kept as typed."""
    document = read_document(FIXTURES / "central-clerk.xlsx")
    stored = {i.name: i.score for _, _, i in document.tables[1].indicator_rows() if i.score}
    assert stored == {"涉企投诉响应": "7", "热线服务长效机制": "10"}
    grades = {i.name: i.grade for _, _, i in document.tables[1].indicator_rows() if i.grade}
    assert grades == {"涉企投诉响应": "部分达成", "热线服务长效机制": "达成"}
    assert document.tables[1].budget_score == ""
