"""Canonical JSON of a 自评表 (DESIGN §5.1): its keys, the scores in force, and reading it back."""

from __future__ import annotations

import json

import pytest

from goaleditor.errors import InputError
from goaleditor.formats import canonical_json
from goaleditor.self_evaluation.start import start_self_evaluation
from tests.compare import document_differences


def _filled(example_document):
    document = start_self_evaluation(example_document).document
    table = document.tables[0]
    table.budget_executed = table.budget_adjusted * 95 / 100
    table.goal_result = "全年完成"
    for _, _, indicator in table.indicator_rows():
        indicator.actual = f"{indicator.value}{indicator.unit}"
        if indicator.comparator == "定性":
            indicator.grade, indicator.score = "达成", f"{float(indicator.weight):.2f}"
    return document


def test_the_keys_of_a_self_evaluation_in_the_contract_order(example_document) -> None:
    data = canonical_json.to_data(_filled(example_document))
    # the example is printed in Tianjin's layout: scored by Tianjin's rules unless told
    assert (data["kind"], data["scoring"]) == ("self-evaluation", "tianjin")
    assert list(data)[-3:] == ["kind", "scoring", "tables"]
    table = data["tables"][0]
    keys = list(table)
    money = [f"budget_{c}" for c in ("initial", "adjusted", "executed")]
    money = [f"{m}{r}" for m in money for r in ("", "_fiscal", "_carryover", "_other")]
    tail = ["budget_weight", "execution_rate", "budget_score", "goal_result", "total_score"]
    report = ["process_summary", "conclusion", "problems", "improvements"]
    report += ["project_leader", "finance_leader"]
    expected = [*money, *tail, "grade", *report, "indicators"]
    assert keys[-len(expected) :] == expected
    assert (table["execution_rate"], table["budget_score"], table["goal_result"]) == (
        "95.00",
        "9.50",
        "全年完成",
    )
    first = table["indicators"][0]
    assert list(first)[-4:] == ["actual", "score", "grade", "deviation"]
    assert first["score"] == f"{float(first['weight']):.2f}"  # met its target: full weight
    assert table["total_score"] == "99.50" and table["grade"] == "优"
    assert data["tables"][1]["total_score"] == "" and data["tables"][1]["grade"] == ""


def test_a_goal_documents_json_has_no_self_evaluation_keys(example_document) -> None:
    data = canonical_json.to_data(example_document)
    assert "kind" not in data and "scoring" not in data
    assert "budget_initial" not in data["tables"][0]
    assert "actual" not in data["tables"][0]["indicators"][0]


def test_a_self_evaluation_round_trips_and_rule_scores_are_recomputed(example_document) -> None:
    document = _filled(example_document)
    qualitative = next(
        i for _, _, i in document.tables[0].indicator_rows() if i.comparator == "定性"
    )
    qualitative.grade, qualitative.score = "部分达成", "3.00"  # as dump writes every score
    quantitative = [i for _, _, i in document.tables[0].indicator_rows()][1]
    quantitative.score = ""  # central: a rule score is never stored
    text = canonical_json.dumps(document)
    data = json.loads(text)
    data["tables"][0]["indicators"][1]["score"] = "0.01"  # a hand-edited rule score
    back = canonical_json.from_data(data)
    assert document_differences(back, document) == []
    assert canonical_json.dumps(back) == text


def test_an_unknown_kind_or_scoring_is_refused_with_its_place(example_document) -> None:
    data = canonical_json.to_data(_filled(example_document))
    with pytest.raises(InputError, match="未知的评分规则 'mars'"):
        canonical_json.from_data({**data, "scoring": "mars"})
    with pytest.raises(InputError, match="未知的文档类型 'review'"):
        canonical_json.from_data({**data, "kind": "review"})
