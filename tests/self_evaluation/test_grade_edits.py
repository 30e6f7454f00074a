"""Choosing a 定性 grade: 达成 on an unscored indicator fills its full 分值, in one undo step."""

from __future__ import annotations

from goaleditor.model.document import Document, GoalTable, Indicator
from goaleditor.self_evaluation.grade_edits import grade_edit


def _indicator(score: str = "", weight: str = "15") -> tuple[Document, Indicator]:
    indicator = Indicator("服务质量", "", "定性", "有效提升", "", weight)
    indicator.score = score
    table = GoalTable.from_rows([("效益指标", "社会效益指标", indicator)])
    return Document(kind="self-evaluation", tables=[table]), indicator


def test_achieved_fills_the_full_weight_and_undoes_as_one_step() -> None:
    document, indicator = _indicator()
    edit, note = grade_edit(indicator, "达成")
    assert edit is not None and note == "评为达成：得分按满分15填入（可在达成的范围内改低）"
    undo = edit.apply(document)
    assert (indicator.grade, indicator.score) == ("达成", "15")
    undo.apply(document)
    assert (indicator.grade, indicator.score) == ("", "")


def test_a_typed_score_or_another_grade_is_left_to_the_clerk() -> None:
    document, indicator = _indicator(score="13")
    edit, note = grade_edit(indicator, "达成")
    assert edit is not None and note == ""
    edit.apply(document)
    assert indicator.score == "13"
    document, indicator = _indicator()
    edit, _ = grade_edit(indicator, "部分达成")
    assert edit is not None
    edit.apply(document)
    assert (indicator.grade, indicator.score) == ("部分达成", "")
    assert grade_edit(indicator, "部分达成") == (None, "")


def test_the_undo_text_of_a_weight_says_what_the_form_calls_it() -> None:
    from goaleditor.model.edits import SetField

    document, indicator = _indicator()
    assert SetField(indicator, "weight", "10").text == "修改分值"
    document.layout = "sichuan"
    assert SetField(indicator, "weight", "10").text == "修改权重"
    document.kind = "goals"
    assert SetField(indicator, "weight", "10").text == "修改权重"
