"""Review mode in the editor: the 审核结论 and 审核意见 columns, marking by list, typing and
Ctrl+1 / Ctrl+2 (each one undoable edit), the 问题 panel going to a 不通过, the 审核意见 dock,
and the marks kept by 另存为 and opening again (which turns review mode on by itself)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox

from goaleditor.model.edits import SetField
from goaleditor.model.store import load_document
from goaleditor.ui.indicator_model import (
    COL_NAME,
    COL_REVIEW_OPINION,
    COL_REVIEW_VERDICT,
    COLUMN_FIELDS,
    IndicatorTreeModel,
)
from goaleditor.ui.review_columns import VERDICT_COLORS
from goaleditor.ui.shortcut_sheet import shortcut_rows
from tests.review.marking import mark
from tests.ui.test_ui_editor import cell, editor_widget, focus_cell, press, type_text

Key = Qt.Key
Role = Qt.ItemDataRole
Ctrl = Qt.KeyboardModifier.ControlModifier


def rows(window) -> list:
    """The current table's indicators, in print order."""
    return [i for _, _, i in window.editor.model.table.indicator_rows()]


def current(window) -> tuple[int, int]:
    """(indicator number, column) of the tree's current cell."""
    index = window.editor.view.currentIndex()
    node = window.editor.model.node(index)
    return next(n for n, i in enumerate(rows(window)) if i is node), index.column()


def shown(window, column: int) -> bool:
    return not window.editor.view.isColumnHidden(column)


def review_on(window) -> None:
    window.review.set_on(True)
    QApplication.processEvents()


def test_the_review_columns_come_last_and_pass_the_model_tester(
    qtmodeltester, example_document
) -> None:
    assert COLUMN_FIELDS[-2:] == ("review_verdict", "review_opinion")
    assert COL_REVIEW_VERDICT + 1 == COL_REVIEW_OPINION == len(COLUMN_FIELDS) - 1
    mark(example_document)
    model = IndicatorTreeModel(example_document)
    model.review_mode = True
    model.set_table(example_document.tables[0])
    qtmodeltester.check(model, force_py=True)
    first = model.index_of(rows_of(example_document)[0], COL_REVIEW_VERDICT)
    assert (
        first.data() == "不通过" and first.data(Role.BackgroundRole) == VERDICT_COLORS["不通过"][0]
    )
    second = first.sibling(1, COL_REVIEW_VERDICT)
    assert second.data(Role.BackgroundRole) == VERDICT_COLORS["通过"][0]
    assert first.siblingAtColumn(COL_REVIEW_OPINION).data() == "指标值应量化"
    assert first.siblingAtColumn(COL_REVIEW_OPINION).flags() & Qt.ItemFlag.ItemIsEditable


def rows_of(document) -> list:
    return [i for _, _, i in document.tables[0].indicator_rows()]


def test_review_mode_shows_the_columns_and_the_dock_on_demand(window) -> None:
    window.resize(1366, 768)
    QApplication.processEvents()
    model = window.editor.model
    assert not window.review.on  # the example carries no marks
    assert not shown(window, COL_REVIEW_VERDICT) and not shown(window, COL_REVIEW_OPINION)
    assert not window.review.pass_action.isEnabled()
    window.review.mode_action.trigger()  # 文档 → 审核 → 审核模式
    QApplication.processEvents()
    assert window.review.on and shown(window, COL_REVIEW_VERDICT)
    assert shown(window, COL_REVIEW_OPINION) and window.review.pass_action.isEnabled()
    heading = Qt.Orientation.Horizontal
    assert model.headerData(COL_REVIEW_VERDICT, heading, Role.DisplayRole) == "审核结论"
    assert model.headerData(COL_REVIEW_OPINION, heading, Role.DisplayRole) == "审核意见"
    view = window.editor.view
    end = view.columnViewportPosition(COL_REVIEW_OPINION) + view.columnWidth(COL_REVIEW_OPINION)
    assert end <= view.viewport().width() + 1  # at 1366 wide every column is in sight
    assert not window.review.dock.isVisible()  # the 审核表 form when asked for
    window.review.opinions_action.trigger()
    assert window.review.dock.isVisible()
    window.review.mode_action.trigger()
    assert not shown(window, COL_REVIEW_VERDICT) and not window.review.dock.isVisible()
    assert not window.stack.count()  # the mode changes no document


def test_alt_down_picks_a_verdict_as_one_undoable_edit(qtbot, window) -> None:
    review_on(window)
    view, node = window.editor.view, rows(window)[0]
    index = cell(window, 0, COL_REVIEW_VERDICT)
    focus_cell(qtbot, window, index)
    press(view, Key.Key_Down, Qt.KeyboardModifier.AltModifier)  # Alt+↓ opens the list
    combo = view.indexWidget(index)
    assert isinstance(combo, QComboBox)
    assert [combo.itemText(i) for i in range(combo.count())] == ["通过", "不通过", "（未审核）"]
    assert combo.view().isVisible()
    press(combo.view(), Key.Key_Down)
    press(combo.view(), Key.Key_Return)  # a pick in the list is the cell's value at once
    assert node.review_verdict == "不通过"
    assert window.stack.count() == 1 and window.stack.undoText() == "修改审核结论"
    assert index.data(Role.BackgroundRole) == VERDICT_COLORS["不通过"][0]
    assert window.isWindowModified()
    window.stack.undo()
    assert node.review_verdict == "" and index.data(Role.BackgroundRole) is None
    window.stack.redo()
    assert node.review_verdict == "不通过"


def test_typing_t_or_b_marks_and_other_text_is_refused(qtbot, window) -> None:
    review_on(window)
    view = window.editor.view
    for row, typed, verdict in ((0, "t", "通过"), (1, "b", "不通过"), (2, "好", "")):
        focus_cell(qtbot, window, cell(window, row, COL_REVIEW_VERDICT))
        type_text(view, typed)
        press(editor_widget(window), Key.Key_Return)
        assert rows(window)[row].review_verdict == verdict
    assert "审核结论应为通过或不通过" in window.statusBar().currentMessage()
    assert window.stack.count() == 2


def test_ctrl_1_and_ctrl_2_mark_going_down_the_rows(qtbot, window) -> None:
    review_on(window)
    view, first, second = window.editor.view, rows(window)[0], rows(window)[1]
    focus_cell(qtbot, window, cell(window, 0, COL_NAME))
    press(view, Key.Key_1, Ctrl)
    assert first.review_verdict == "通过" and current(window) == (1, COL_NAME)
    press(view, Key.Key_2, Ctrl)  # 不通过: its opinion opens, to write why
    assert second.review_verdict == "不通过" and current(window) == (1, COL_REVIEW_OPINION)
    type_text(editor_widget(window), "指标值应量化")
    press(editor_widget(window), Key.Key_Return)
    assert second.review_opinion == "指标值应量化"
    assert window.stack.count() == 3
    window.stack.undo()
    assert second.review_opinion == "" and second.review_verdict == "不通过"
    # several rows selected: one step marks them all
    view.selectionModel().clearSelection()
    for number in (2, 3, 4):
        view.selectionModel().select(
            cell(window, number, COL_NAME), view.selectionModel().SelectionFlag.Select
        )
    press(view, Key.Key_1, Ctrl)
    assert [r.review_verdict for r in rows(window)[2:5]] == ["通过"] * 3
    assert window.stack.undoText() == "标为通过"
    window.stack.undo()
    assert [r.review_verdict for r in rows(window)[2:5]] == [""] * 3


def test_the_quick_keys_are_listed_and_clash_with_nothing(window) -> None:
    listed = shortcut_rows(window)
    assert ("文档 → 审核", "标为通过", "Ctrl+1") in listed
    assert ("文档 → 审核", "标为不通过", "Ctrl+2") in listed
    keys = [
        sequence.toString()
        for action in window.findChildren(type(window.review.pass_action))
        for sequence in action.shortcuts()
    ]
    assert keys.count("Ctrl+1") == 1 and keys.count("Ctrl+2") == 1


def test_the_problems_panel_lists_a_failed_indicator_and_goes_to_it(qtbot, window) -> None:
    node = rows(window)[3]
    window.session.apply(SetField(node, "review_verdict", "不通过"))
    window.problems.recheck()
    found = [p for p in window.problems.problems if p.rule == "review.failed"]
    assert [(p.severity, p.table, p.row, p.message) for p in found] == [
        ("错误", 1, 4, "审核不通过（未填写意见）")
    ]
    assert window.review.on is False  # marked while off: the panel still tells the clerk
    review_on(window)
    window.table_list.setCurrentIndex(window.table_model.index(2))
    window.problems.activated.emit(found[0])
    assert window.current_table() is window.document.tables[0]
    assert current(window) == (3, COL_REVIEW_VERDICT)
    window.session.apply(SetField(node, "review_opinion", "单位应为万元"))
    window.problems.recheck()
    assert [p.message for p in window.problems.problems if p.rule == "review.failed"] == [
        "审核不通过：单位应为万元"
    ]


def test_the_opinions_form_edits_the_table_one_step_a_visit(qtbot, window) -> None:
    table = window.current_table()
    window.review.opinions_action.setEnabled(True)
    window.review.show_opinions()  # turns review mode on, the dock in view
    form = window.review.form
    assert window.review.on and window.review.dock.isVisible() and form.table is table
    goal = form.editor("review_goal")
    qtbot.waitUntil(goal.hasFocus)
    type_text(goal, "目标不够具体")
    assert table.review_goal == "目标不够具体"
    assert window.stack.count() == 1 and window.stack.undoText() == "修改总体目标审核意见"
    todo = form.editor("review_todo")
    todo.setFocus()
    qtbot.waitUntil(todo.hasFocus)
    type_text(todo, "补充数量指标")
    result = form.editor("review_result")
    assert isinstance(result, QComboBox)
    result.setCurrentIndex(result.findText("修改完善后通过"))
    result.activated.emit(result.currentIndex())
    assert (table.review_todo, table.review_result) == ("补充数量指标", "修改完善后通过")
    assert window.stack.count() == 3
    window.problems.recheck()
    warning = [p for p in window.problems.problems if p.rule == "review.to-complete"]
    assert [p.message for p in warning] == ["审核结果为修改完善后通过，需补充完善：补充数量指标"]
    window.stack.undo()  # the form follows undo
    assert result.currentText() == "（未审核）" and table.review_result == ""
    window.stack.undo()
    assert todo.toPlainText() == ""
    window.stack.redo()
    window.table_list.setCurrentIndex(window.table_model.index(1))
    assert form.table is window.document.tables[1] and goal.toPlainText() == ""
    assert form.title.text().startswith("表2")
    window.table_list.setCurrentIndex(window.table_model.index(0))
    assert goal.toPlainText() == "目标不够具体" and todo.toPlainText() == "补充数量指标"


def test_a_failed_table_goes_to_its_result(qtbot, window) -> None:
    from goaleditor.model.edits import SetHeader

    table = window.document.tables[1]
    window.session.apply(SetHeader(table, "review_result", "不通过"))
    window.problems.recheck()
    (problem,) = [p for p in window.problems.problems if p.rule == "review.table-failed"]
    assert (problem.severity, problem.table, problem.row) == ("错误", 2, 0)
    window.problems.activated.emit(problem)
    assert window.current_table() is table and window.review.on
    result = window.review.form.editor("review_result")
    qtbot.waitUntil(result.hasFocus)
    assert result.currentText() == "不通过"


def test_marks_survive_save_as_and_turn_review_mode_on_when_opened(
    qtbot, window, tmp_path: Path
) -> None:
    mark(window.document)
    window.problems.recheck()
    path = tmp_path / "审核后.goals"
    window.prompts.save_name = lambda title, start, kind: path
    assert window.save_as()  # 文件 → 另存为
    assert window.session.path == path and not window.isWindowModified()
    copy = tmp_path / "副本.goals"
    copy.write_bytes(path.read_bytes())
    saved = load_document(copy)
    first = [i for _, _, i in saved.tables[0].indicator_rows()]
    assert (first[0].review_verdict, first[0].review_opinion) == ("不通过", "指标值应量化")
    assert saved.tables[0].review_todo == "补充数量指标\n量化效益指标"
    assert saved.tables[1].review_result == "修改完善后通过"
    other = window.new_window()
    try:
        assert not other.review.on
        assert other.open_path(copy, ask=False)
        assert other.session.path == copy
        assert other.review.on and not other.editor.view.isColumnHidden(COL_REVIEW_VERDICT)
        assert other.review.dock.isVisible()  # the tables' 审核 opinions, for the clerk
        assert other.review.form.editor("review_goal").toPlainText() == "总体目标与年度目标混同"
        assert cell(other, 0, COL_REVIEW_OPINION).data() == "指标值应量化"
    finally:
        other.stack.setClean()
        other.close()


def test_export_is_the_same_with_marks_and_asks_nothing_about_them(window, tmp_path: Path) -> None:
    from tests.helpers import answer
    from tests.review.test_review_files import _xlsx_cells

    window.exporter.open_url = lambda url: True
    before, after = tmp_path / "before.xlsx", tmp_path / "after.xlsx"
    for out in (before, after):
        if out is after:
            first, third = rows(window)[0], rows(window)[2]
            window.session.apply(SetField(first, "review_verdict", "不通过"))
            window.session.apply(SetField(third, "review_opinion", "口径不清"))
            window.session.apply(SetField(third, "review_verdict", "不通过"))
            window.problems.recheck()
            assert window.problems.counts()["错误"] == 2  # the clerk sees them
        window.prompts.save_name = lambda title, start, kind, out=out: out
        asked = answer(window, "关闭")
        window.action.export_xlsx.trigger()
        assert asked == [f"已导出：{out}"]  # no 还有N个错误 for a reviewer's 不通过
    assert _xlsx_cells(after) == _xlsx_cells(before)


def test_the_form_names_its_table_as_it_moves_and_is_renamed(window) -> None:
    from goaleditor.model.edits import SetHeader

    window.review.show_opinions()
    form, table = window.review.form, window.current_table()
    assert form.title.text() == f"表1　{table.project_name}"
    window.table_actions.move_table(1)
    assert window.current_table() is table and form.title.text().startswith("表2　")
    window.session.apply(SetHeader(table, "project_name", "新的项目名称"))
    assert form.title.text() == "表2　新的项目名称"
    window.stack.undo()
    window.stack.undo()
    assert form.title.text() == f"表1　{table.project_name}"


def test_the_trees_menu_marks_and_the_status_line_says_what_happened(qtbot, window) -> None:
    from goaleditor.ui.review_mode import ASK_OPINION, LAST_ROW, MOVED_ON

    texts = [a.text() for a in window.editor.context_menu().actions()]
    assert "标为通过(&P)" not in texts  # review mode off: not offered
    review_on(window)
    menu = window.editor.context_menu()
    texts = [a.text() for a in menu.actions()]
    assert {"标为通过(&P)", "标为不通过(&F)", "审核意见(&O)…"} <= set(texts)
    view, first, second = window.editor.view, rows(window)[0], rows(window)[1]
    focus_cell(qtbot, window, cell(window, 0, COL_NAME))
    next(a for a in menu.actions() if a.text() == "标为通过(&P)").trigger()
    assert first.review_verdict == "通过" and current(window) == (1, COL_NAME)
    status = window.statusBar()
    assert status.currentMessage() == MOVED_ON.format(verdict="通过") == "已标为通过，转到下一指标"
    press(view, Key.Key_2, Ctrl)
    assert second.review_verdict == "不通过" and status.currentMessage() == ASK_OPINION
    type_text(editor_widget(window), "指标值应量化")
    press(editor_widget(window), Key.Key_Return)
    assert second.review_opinion == "指标值应量化"
    assert status.currentMessage() == ""  # 请填写审核意见 no longer stands
    last = len(rows(window)) - 1
    focus_cell(qtbot, window, cell(window, last, COL_NAME))
    press(view, Key.Key_1, Ctrl)
    assert status.currentMessage() == LAST_ROW.format(verdict="通过")
