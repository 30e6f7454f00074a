"""The editor's 自评表: 新建自评表, the header form's money block and results, the summary."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from goaleditor.model.edits import SetField, SetHeader
from goaleditor.model.fields import TABLE_SPECS
from goaleditor.self_evaluation.summary import summarize
from goaleditor.ui.self_evaluation_dialogs import ScoringDialog, SummaryDialog
from tests.ui.test_ui_editor import press, type_text


def _answer_scoring(name: str | None, seen: list[str] | None = None) -> None:
    """Answer the 新建自评表 dialog: choose a profile (None: 取消)."""

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, ScoringDialog)
        if seen is not None:
            seen.append(dialog.scoring())
        if name is None:
            dialog.reject()
            return
        dialog.choice.setCurrentIndex(dialog.choice.findData(name))
        dialog.accept()

    QTimer.singleShot(0, answer)


def _start(window, scoring: str = "central") -> None:
    window.stack.setClean()
    _answer_scoring(scoring)
    window.action.new_self_evaluation.trigger()
    assert window.document.is_self_evaluation


def _shown(window, widget) -> bool:
    return widget.isVisibleTo(window)


def test_new_self_evaluation_from_the_menu(window) -> None:
    goals = window.document
    seen: list[str] = []
    window.stack.setClean()
    _answer_scoring("sichuan", seen)
    window.action.new_self_evaluation.trigger()
    assert seen == ["tianjin"]  # the document's region, preselected
    document = window.document
    assert document is not goals and not goals.is_self_evaluation
    assert document.is_self_evaluation and document.scoring == "sichuan"
    assert all(i.weight for t in document.tables for _, _, i in t.indicator_rows())
    assert document.tables[0].budget_weight == "10"
    assert window.session.path is None and window.isWindowModified()
    assert "（自评表）" in window.windowTitle()
    message = window.statusBar().currentMessage()
    assert message.startswith("已生成绩效自评表（评分规则：四川）：6张表、54个三级指标")
    assert "表1至表6：分值按默认（产出50、效益30、满意度10，预算执行10）分配" in message
    assert not window.action.new_self_evaluation.isEnabled()
    assert window.action.self_evaluation_summary.isEnabled()
    # 另存为 proposes a name of its own, never the goal document's
    assert (
        window.session.suggested_name(".goals").name == "2026年政务服务办运行经费（自评表）.goals"
    )
    window.stack.setClean()


def test_cancelling_the_scoring_question_keeps_the_goal_document(window) -> None:
    goals = window.document
    _answer_scoring(None)
    window.action.new_self_evaluation.trigger()
    assert window.document is goals and not goals.is_self_evaluation
    assert window.action.new_self_evaluation.isEnabled()
    assert not window.action.self_evaluation_summary.isEnabled()
    assert "自评表" not in window.windowTitle()


def test_a_goal_documents_form_is_unchanged(window) -> None:
    form = window.header_form
    assert not _shown(window, form.results)
    assert _shown(window, form.editor("budget_total"))
    assert not _shown(window, form.editor("goal_result"))
    assert not _shown(window, form.editor("conclusion"))
    assert form.label("goal") == "绩效目标"


def test_every_table_field_has_an_editor(window) -> None:
    """An edit of any header field (an import's, an undo's) finds its editor to show it."""
    _start(window)
    table = window.current_table()
    for spec in TABLE_SPECS:  # a reviewer's fields in the 审核意见 form (ui/review_form.py)
        form = window.review.form if spec.review else window.header_form
        assert form.editor(spec.key).objectName() == spec.key
    window.session.apply(SetHeader(table, "conclusion", "较好地完成了年度目标"))
    assert window.header_form.editor("conclusion").toPlainText() == "较好地完成了年度目标"
    window.stack.setClean()


def test_the_self_evaluation_form(window) -> None:
    _start(window)
    form = window.header_form
    assert _shown(window, form.results)
    assert not _shown(window, form.editor("budget_total"))  # its amounts are 年初预算数
    assert _shown(window, form.editor("budget_initial"))
    assert _shown(window, form.editor("goal_result"))
    assert (form.label("goal"), form.label("goal_result")) == ("预期目标", "实际完成情况")
    assert not _shown(window, form.editor("conclusion"))  # Sichuan's form only
    assert form.editor("budget_initial").text() == "6300000.00"
    assert form.editor("budget_adjusted").text() == "6300000.00"
    assert form.editor("budget_weight").text() == "10"
    assert form.results.rates[""].text() == "—"
    assert "尚有17项未评分" in form.results.result.text()  # 16 indicators and the budget
    assert not form.results.mismatch.isVisibleTo(window)  # the 其中 rows add up
    assert "满分100" in form.results.result.text()
    window.stack.setClean()


def test_typing_the_executed_amount_updates_rate_and_score(window) -> None:
    _start(window)
    form = window.header_form
    table = window.current_table()
    executed = form.editor("budget_executed")
    executed.setFocus()
    type_text(executed, "315万")
    assert table.budget_executed == Decimal("3150000")
    assert form.results.rates[""].text() == "50.00%"
    assert form.results.budget_score.text() == "5.00"
    assert "尚有16项未评分" in form.results.result.text()
    assert window.stack.undoText() == "修改全年执行数"
    window.stack.undo()
    assert table.budget_executed is None
    assert form.results.rates[""].text() == "—"
    assert form.results.budget_score.text() == "—"
    window.stack.redo()
    assert form.results.budget_score.text() == "5.00"
    weight = form.editor("budget_weight")
    weight.setFocus()
    weight.selectAll()
    type_text(weight, "20")
    assert table.budget_weight == "20"
    assert form.results.budget_score.text() == "10.00"  # 50 % of 20
    assert "满分110" in form.results.result.text()
    window.stack.setClean()


def test_each_money_row_has_its_rate_and_esc_takes_the_typing_back(window) -> None:
    _start(window)
    form = window.header_form
    table = window.current_table()
    adjusted = form.editor("budget_adjusted_fiscal")
    executed = form.editor("budget_executed_fiscal")
    adjusted.setFocus()
    adjusted.selectAll()
    type_text(adjusted, "200")
    assert form.results.mismatch.isVisibleTo(window)
    assert form.results.mismatch.text() == (
        "全年预算数：年度资金总额 6300000.00 ≠ 当年财政拨款 + 上年结转资金 + 其他资金 = 200.00"
    )
    executed.setFocus()
    type_text(executed, "150")
    assert form.results.rates["_fiscal"].text() == "75.00%"
    assert form.results.budget_score.text() == "—"  # the score is the 年度资金总额 row's
    type_text(executed, "9")  # 1509: over the budget
    assert form.results.rates["_fiscal"].text() == "754.50%"
    press(executed, Qt.Key.Key_Escape)
    assert table.budget_executed_fiscal is None and executed.text() == ""
    assert form.results.rates["_fiscal"].text() == "—"
    assert table.budget_adjusted_fiscal == Decimal(200)
    window.stack.setClean()


def test_the_grade_shows_once_every_score_is_known(window) -> None:
    _start(window)
    session, table = window.session, window.current_table()
    session.apply(SetHeader(table, "budget_executed", table.budget_adjusted))
    for _, _, indicator in table.indicator_rows():
        if indicator.comparator == "定性":
            session.apply(SetField(indicator, "score", indicator.weight))
        else:
            session.apply(SetField(indicator, "actual", f"{indicator.value}{indicator.unit}"))
    text = window.header_form.results.result.text()
    assert "本表总分：100.00（满分100）" in text and "等级：优" in text
    session.apply(SetField(next(i for _, _, i in table.indicator_rows()), "actual", ""))
    assert "等级：尚有1项未评分" in window.header_form.results.result.text()
    window.stack.setClean()


def test_sichuan_layout_shows_its_own_fields(window) -> None:
    from goaleditor.model.edits import SetProperties

    _start(window, "sichuan")
    window.session.apply(SetProperties({"layout": "sichuan"}))
    form = window.header_form
    for name in ("process_summary", "conclusion", "problems", "improvements"):
        assert _shown(window, form.editor(name)), name
    assert _shown(window, form.editor("project_leader"))
    assert form.label("finance_leader") == "财务负责人"
    window.stack.setClean()


def test_the_summary_dialog_copies_the_sentence(window) -> None:
    _start(window)
    expected = summarize(window.document).text()
    assert expected.startswith("绩效自评的项目6个")
    shown: list[str] = []

    def copy() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, SummaryDialog)
        shown.append(dialog.text.toPlainText())
        assert dialog.text.isReadOnly()
        dialog.copy_button.click()
        dialog.accept()

    QApplication.clipboard().setText("")
    QTimer.singleShot(0, copy)
    window.action.self_evaluation_summary.trigger()
    assert shown == [expected]
    assert QApplication.clipboard().text() == expected
    window.stack.setClean()


def test_the_summary_is_only_for_a_self_evaluation(window) -> None:
    window.action.self_evaluation_summary.setEnabled(True)  # as a stale shortcut might
    window.action.self_evaluation_summary.trigger()
    assert window.statusBar().currentMessage() == "只有绩效自评表有自评结果汇总"


def test_a_profile_that_lets_the_clerk_score_the_budget(window, monkeypatch) -> None:
    """Where the profile makes the budget's score editable, the form types it, the rule's
    score said beside it; no such region is confirmed yet, so a profile is made."""
    from dataclasses import replace

    from goaleditor.self_evaluation import profiles

    editable = replace(profiles.CENTRAL, budget_score="editable")
    monkeypatch.setitem(profiles.PROFILES, "central", editable)
    _start(window)
    form = window.header_form
    table = window.current_table()
    window.session.apply(SetHeader(table, "budget_executed", Decimal(3150000)))
    editor = form.editor("budget_score")
    assert editor.isVisibleTo(window) and not form.results.budget_score.isVisibleTo(window)
    assert form.results.rule_score.text() == "按规则5.00（空着即用此分）"
    assert "本表总分：5.00" in form.results.result.text()
    editor.setFocus()
    type_text(editor, "8")
    assert table.budget_score == "8"
    assert "本表总分：8.00" in form.results.result.text()
    window.stack.setClean()


def test_a_saved_self_evaluation_opens_with_its_form(window, tmp_path) -> None:
    _start(window)
    table = window.current_table()
    window.session.apply(SetHeader(table, "budget_executed", Decimal(6300000)))
    path = tmp_path / "自评.goals"
    assert window.session.save_to(path)
    goals = tmp_path / "目标.goals"
    from goaleditor.formats.readers.published_text import read
    from goaleditor.model.store import save_document
    from tests.conftest import EXAMPLE

    save_document(read(EXAMPLE), goals)
    assert window.open_path(goals, ask=False)
    assert not window.header_form.results.isVisibleTo(window)
    assert window.action.new_self_evaluation.isEnabled()
    assert window.open_path(path, ask=False)
    form = window.header_form
    assert window.document.is_self_evaluation
    assert window.windowTitle().startswith("自评.goals（自评表）")
    assert form.results.isVisibleTo(window)
    assert form.results.rates[""].text() == "100.00%"
    assert form.results.budget_score.text() == "10.00"
    assert not window.action.new_self_evaluation.isEnabled()


def test_the_properties_of_a_self_evaluation_name_its_forms_and_its_scoring(
    qtbot, example_document
) -> None:
    """文档属性 of a 自评表: the 版式 list says which 自评表 form each layout prints, and the
    评分规则 can be changed there (a goal document's dialog has no 评分规则)."""
    from goaleditor.self_evaluation.start import start_self_evaluation
    from goaleditor.ui.dialogs import DocumentPropertiesDialog

    goals = DocumentPropertiesDialog(example_document)
    qtbot.addWidget(goals)
    assert "scoring" not in goals.values()
    started = start_self_evaluation(example_document).document
    dialog = DocumentPropertiesDialog(started)
    qtbot.addWidget(dialog)
    choice = dialog.layout_choice
    labels = [choice.itemText(i) for i in range(choice.count())]
    assert "四川：部门预算项目支出绩效自评表（四川格式）" in labels
    assert "天津：项目支出绩效自评表（中央格式）" in labels
    assert dialog.values()["scoring"] == "tianjin"
    dialog.scoring.setCurrentIndex(dialog.scoring.findData("hubei"))
    assert dialog.values()["scoring"] == "hubei"
