"""The editor follows the document's layout: 新建 asks for it, 文档属性 switches it (undoable),
the header form and the tree show the fields the layout prints, and unprinted data is named."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from goaleditor.ui.dialogs import DocumentPropertiesDialog
from goaleditor.ui.indicator_model import (
    COL_COMPARATOR,
    COL_DESCRIPTION,
    COL_NAME,
    COL_UNIT,
    COL_WEIGHT,
)
from tests.ui.test_ui_editor import cell, editor_widget, focus_cell, press, type_text

SHANGHAI_ONLY = ("project_nature", "supervisor", "start_date", "period_total", "period_goal")


def _choose_layout(name: str, seen: list[str] | None = None) -> None:
    def choose() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, DocumentPropertiesDialog)
        if seen is not None:
            seen.append(dialog.layout_choice.currentData())
        dialog.layout_choice.setCurrentIndex(dialog.layout_choice.findData(name))
        dialog.accept()

    QTimer.singleShot(0, choose)


def shown(window, name: str) -> bool:
    return window.header_form.editor(name).isVisibleTo(window)


def test_new_asks_for_the_layout_and_remembers_it(window) -> None:
    seen: list[str] = []
    _choose_layout("shanghai", seen)
    window.action.new.trigger()
    doc = window.document
    assert (doc.layout, doc.framework) == ("shanghai", "cost-first")
    assert seen == ["tianjin"]
    assert all(shown(window, name) for name in SHANGHAI_ONLY)
    assert not shown(window, "fund_use") and shown(window, "budget_carryover")
    _choose_layout("central", seen)
    window.action.new.trigger()
    assert seen == ["tianjin", "shanghai"]  # the last choice is offered first
    assert window.document.layout == "central"
    assert window.current_table().money_unit == "万元"


def test_switching_the_layout_is_one_undoable_step(window) -> None:
    assert not any(shown(window, name) for name in SHANGHAI_ONLY)
    assert window.editor.view.isColumnHidden(COL_WEIGHT)
    _choose_layout("sichuan")
    window.action.properties.trigger()
    assert window.document.layout == "sichuan"
    assert not window.editor.view.isColumnHidden(COL_WEIGHT)
    _choose_layout("shanghai")
    window.action.properties.trigger()
    assert all(shown(window, name) for name in SHANGHAI_ONLY)
    assert window.editor.view.isColumnHidden(COL_WEIGHT)
    note = window.header_form.findChild(type(window.header_form._hint), "unprinted_note")
    assert note.isVisibleTo(window) and "资金用途" in note.text()
    assert window.current_table().fund_use  # kept, only not printed
    window.stack.undo()
    window.stack.undo()
    assert window.document.layout == "tianjin"
    assert not any(shown(window, name) for name in SHANGHAI_ONLY) and shown(window, "fund_use")
    assert not note.isVisibleTo(window)


def test_weights_are_typed_in_their_column_and_tab_skips_it_when_hidden(qtbot, window) -> None:
    view = window.editor.view
    focus_cell(qtbot, window, cell(window, 0, COL_UNIT))
    press(view, Qt.Key.Key_Tab)
    assert view.currentIndex().column() != COL_WEIGHT  # hidden in the tianjin layout
    _choose_layout("sichuan")
    window.action.properties.trigger()
    window.activateWindow()  # back from the dialog
    qtbot.waitActive(window)
    focus_cell(qtbot, window, cell(window, 0, COL_UNIT))
    press(view, Qt.Key.Key_Tab)  # past 打印值, which is not editable
    assert view.currentIndex().column() == COL_WEIGHT
    press(view, Qt.Key.Key_F2)
    editor = editor_widget(window)
    type_text(editor, "25")
    press(editor, Qt.Key.Key_Return)
    indicator = next(window.current_table().indicator_rows())[2]
    assert indicator.weight == "25"
    assert window.stack.undoText() == "修改权重"


def test_problems_follow_a_layout_switch(window) -> None:
    window.problems.recheck()
    _choose_layout("sichuan")
    window.action.properties.trigger()
    window.problems.recheck()
    assert window.problems.problems  # no weights in the example: every row is flagged
    assert {p.rule for p in window.problems.problems} >= {"weight.invalid"}


def test_the_printed_value_column_follows_the_layout(window) -> None:
    from goaleditor.model.edits import SetProperties
    from goaleditor.ui.indicator_model import COL_DISPLAY

    index = cell(window, 1, COL_DISPLAY)  # 硬件采购、维护数量: ≥365次
    assert index.data() == "≥365次"
    window.session.apply(SetProperties({"layout": "shanghai"}))
    assert cell(window, 1, COL_DISPLAY).data() == "≥365.00(次)"
    window.stack.undo()
    assert cell(window, 1, COL_DISPLAY).data() == "≥365次"


# --- the form and the tree speak the chosen layout -------------------------------------------


def _switch(window, layout: str) -> None:
    from goaleditor.model.edits import SetProperties

    window.session.apply(SetProperties({"layout": layout}))


def test_the_header_form_labels_fields_as_the_layout_prints_them(window) -> None:
    form = window.header_form
    assert form.label("budget_total") == "预算数"
    assert form.label("budget_fiscal") == "其中：财政资金"
    assert form.label("goal") == "绩效目标"
    _switch(window, "shanghai")
    assert form.label("budget_total") == "年度资金申请总额"
    assert form.label("budget_fiscal") == "其中：当年财政拨款"
    assert form.label("goal") == "年度总体目标"
    assert form.label("period_total") == "项目资金总额"
    _switch(window, "central")
    assert form.label("supervisor") == "主管部门及代码"
    assert form.label("project_nature") == "项目属性"
    assert form.label("budget_total") == "年度资金总额"
    assert form.label("budget_fiscal") == "其中：财政拨款"
    assert form.label("period_goal") == "中期（实施期）目标"
    assert form.label("goal") == "年度目标"
    window.stack.undo()
    window.stack.undo()
    assert form.label("budget_total") == "预算数"


def test_every_shown_label_is_the_one_its_layout_prints() -> None:
    from goaleditor.model.layouts import PROFILES
    from goaleditor.ui.money_fields import form_label

    for profile in PROFILES.values():
        for name, printed in profile.labels.items():
            if name in ("level1", "level2", "name", "display"):
                continue
            if name in profile.printed_fields():
                assert form_label(profile, name) == printed


SHOWN = {
    "tianjin": {"name", "description", "comparator", "value", "unit", "display"},
    "shanghai": {"name", "comparator", "value", "unit", "display"},
    "central": {"name", "comparator", "value", "unit", "display"},
    "sichuan": {"name", "comparator", "value", "unit", "weight"},
}


@pytest.mark.parametrize("layout", list(SHOWN))
def test_the_tree_shows_the_columns_its_layout_prints(window, layout: str) -> None:
    from goaleditor.ui.indicator_model import COLUMN_FIELDS

    _switch(window, layout)
    view = window.editor.view
    shown = {name for c, name in enumerate(COLUMN_FIELDS) if not view.isColumnHidden(c)}
    assert shown == SHOWN[layout]
    widths = [view.columnWidth(c) for c in range(len(COLUMN_FIELDS)) if not view.isColumnHidden(c)]
    assert sum(widths) >= view.viewport().width()  # 三级指标 takes the room 描述 leaves


def test_tab_passes_the_description_by_where_it_is_not_printed(qtbot, window) -> None:
    view = window.editor.view
    focus_cell(qtbot, window, cell(window, 0, COL_NAME))
    press(view, Qt.Key.Key_Tab)
    assert view.currentIndex().column() == COL_DESCRIPTION  # tianjin prints it
    _switch(window, "shanghai")
    focus_cell(qtbot, window, cell(window, 0, COL_NAME))
    press(view, Qt.Key.Key_Tab)
    assert view.currentIndex().column() == COL_COMPARATOR
    press(view, Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
    assert view.currentIndex().column() == COL_NAME


def test_the_tree_heads_columns_as_the_layout_does(window) -> None:
    from goaleditor.ui.indicator_model import COL_DISPLAY

    model = window.editor.model
    horizontal = Qt.Orientation.Horizontal
    assert model.headerData(COL_UNIT, horizontal, Qt.ItemDataRole.DisplayRole) == "单位"
    _switch(window, "sichuan")
    assert model.headerData(COL_UNIT, horizontal, Qt.ItemDataRole.DisplayRole) == "度量单位"
    assert model.headerData(COL_DISPLAY, horizontal, Qt.ItemDataRole.DisplayRole) == "打印值"


# --- a new document: what is still to fill ---------------------------------------------------


def _new(window, layout: str) -> None:
    _choose_layout(layout)
    window.action.new.trigger()
    window.problems.recheck()


@pytest.mark.parametrize("layout", ["tianjin", "shanghai", "central", "sichuan"])
def test_a_new_document_says_what_to_fill_not_errors(window, layout: str) -> None:
    from goaleditor.model.required import required_header_fields

    _new(window, layout)
    problems = window.problems.problems
    assert problems and {p.severity for p in problems} == {"提示"}
    assert all("待填写" in p.message for p in problems)
    form = window.header_form
    for name in required_header_fields(window.document):
        editor = form.editor(name)
        assert editor.placeholderText().startswith("待填写")
        assert editor.property("toFill") is True
    assert "错误 0" in window.problem_summary.text()


def test_the_marker_goes_as_the_field_is_filled(window) -> None:
    _new(window, "shanghai")
    name = window.header_form.editor("project_name")
    name.setFocus()
    type_text(name, "新项目")
    assert name.property("toFill") is False
    window.problems.recheck()
    assert "项目名称待填写" not in {p.message for p in window.problems.problems}
    assert {p.severity for p in window.problems.problems} == {"提示"}  # still being filled


def test_checking_or_leaving_a_new_table_turns_its_gaps_into_errors(window) -> None:
    _new(window, "shanghai")
    window.run_check()
    assert "错误" in {p.severity for p in window.problems.problems}
    _new(window, "tianjin")
    window.table_actions.add_table()  # the first table is left behind, the new one is new
    window.problems.recheck()
    first = [p for p in window.problems.problems if p.table == 1]
    second = [p for p in window.problems.problems if p.table == 2]
    assert first and {p.severity for p in first} == {"错误"}
    assert second and {p.severity for p in second} == {"提示"}


def test_exporting_a_new_document_still_asks_about_its_errors(window) -> None:
    _new(window, "tianjin")
    asked: list[str] = []

    def choose(kind, name, title, text, buttons, detail="", default=0):
        asked.append(name)
        return "取消"

    window.prompts.choose = choose
    assert not window.exporter.errors_accepted("导出")
    assert asked == ["errors_left"]
    assert "错误" in {p.severity for p in window.problems.problems}  # as the question says


def test_a_new_table_says_from_the_start_how_many_fields_are_still_to_fill(window) -> None:
    """The 提示 待填写 that turn into 错误 at export are counted on the status bar from the
    start (a permanent widget), and the export question uses the same words and number."""
    from goaleditor.model.checks import ERROR, check_document

    _new(window, "tianjin")
    summary = window.to_fill_summary
    count = window.problems.to_fill_count()
    assert count > 0 and summary.isVisible() and summary.text() == f"还有{count}项待填写"
    window.statusBar().showMessage("别的消息", 5000)  # a passing message does not hide it
    assert summary.isVisible() and summary.text() == f"还有{count}项待填写"
    name = window.header_form.editor("project_name")
    name.setFocus()
    type_text(name, "新项目")
    window.problems.recheck()
    assert summary.text() == f"还有{count - 1}项待填写"
    asked: list[str] = []

    def choose(kind, name, title, text, buttons, detail="", default=0):
        asked.append(text)
        return "取消"

    window.prompts.choose = choose
    assert not window.exporter.errors_accepted("导出")
    errors = [p for p in check_document(window.document) if p.severity == ERROR]
    assert len(errors) == count - 1  # every one still to fill is an 错误 at export, no other
    assert asked == [f"还有{count - 1}项待填写，仍要导出？"]
    assert not summary.isVisible()  # exporting ended 待填写: they are 错误 now


# --- where a click on a problem leads ---------------------------------------------------------


def _click_problem(qtbot, window, rule: str, field: str | None = None, **placed) -> None:
    """Click, in the 问题 panel, the problem of this rule (and field, if given; its place
    replaced as given)."""
    from dataclasses import replace

    panel = window.problems
    window.problems_dock.show()
    panel.show_hints()
    item = next(
        panel.tree.topLevelItem(n)
        for n, problem in enumerate(panel.problems)
        if problem.rule == rule and field in (None, problem.field)
    )
    problem = item.data(0, Qt.ItemDataRole.UserRole)
    item.setData(0, Qt.ItemDataRole.UserRole, replace(problem, **placed))
    viewport = panel.tree.viewport()
    qtbot.waitUntil(lambda: viewport.height() > 20)  # the panel has grown to list them
    panel.tree.scrollToItem(item)
    spot = panel.tree.visualItemRect(item).center()
    assert viewport.rect().contains(spot)
    qtbot.mouseClick(panel.tree.viewport(), Qt.MouseButton.LeftButton, pos=spot)


def test_a_hint_placed_at_a_group_selects_that_row(qtbot, window) -> None:
    """三级指标待填写 placed where the first row goes (产出指标/数量指标), by its node or only
    by its place: the click selects that group's row of the tree."""
    _new(window, "tianjin")
    table = window.current_table()
    level2 = table.children[0].children[0]
    for placed in ({"node": level2}, {"node": None}):
        window.header_form.editor("project_name").setFocus()
        _click_problem(
            qtbot, window, "structure.no-indicators", place="产出指标/数量指标", **placed
        )
        assert window.editor.model.node(window.editor.view.currentIndex()) is level2
        assert window.focusWidget() is window.editor.view


def test_a_problem_without_a_row_says_so_instead_of_jumping(qtbot, window) -> None:
    """A problem about the whole table (no node, row or place) or the document: the status line
    says it has no row, and the clerk stays where they were (not at 表1 表头)."""
    _new(window, "tianjin")
    window.editor.view.setFocus()
    before = window.editor.view.currentIndex()
    _click_problem(qtbot, window, "structure.no-indicators", node=None, place="")
    message = window.statusBar().currentMessage()
    assert message.startswith("这条问题说的是表1整张表，没有对应的行：") and "三级指标" in message
    assert window.focusWidget() is not window.header_form.editor("project_name")
    assert window.editor.view.currentIndex() == before
    _click_problem(qtbot, window, "structure.no-indicators", table=0, node=None, place="")
    assert (
        window.statusBar().currentMessage().startswith("这条问题说的是整个文档，没有对应的表或行")
    )


def test_a_problem_with_only_a_row_number_selects_that_row(qtbot, window) -> None:
    """A problem placed by its row number alone (第5行) selects that indicator."""
    from tests.ui.test_ui_editor import indicator

    target = indicator(window, 2)
    window.editor._edit_field(target, "description", "")
    window.problems.recheck()
    problem = next(p for p in window.problems.problems if p.rule == "indicator.no-description")
    window.editor.view.setCurrentIndex(window.editor.model.index_of(indicator(window, 0), 0))
    _click_problem(qtbot, window, "indicator.no-description", node=None)
    assert problem.row > 0
    assert window.editor.model.node(window.editor.view.currentIndex()) is target


def test_a_hint_about_an_unprinted_description_selects_the_row_not_the_hidden_cell(
    qtbot, window
) -> None:
    """Shanghai hides 描述: the click on 描述已填写但不打印 selects the row holding it, in a column
    the clerk can see (the name), never the hidden 描述 cell."""
    from goaleditor.ui.indicator_model import COL_DESCRIPTION
    from tests.ui.test_ui_editor import indicator

    _switch(window, "shanghai")
    target = indicator(window, 1)
    window.editor._edit_field(target, "description", "来自粘贴的描述")
    window.problems.recheck()
    window.editor.view.setCurrentIndex(window.editor.model.index_of(indicator(window, 0), 0))
    _click_problem(qtbot, window, "layout.not-printed", field="description")
    current = window.editor.view.currentIndex()
    assert window.editor.view.isColumnHidden(COL_DESCRIPTION)
    assert not window.editor.view.isColumnHidden(current.column())
    assert window.editor.model.node(current) is not None
