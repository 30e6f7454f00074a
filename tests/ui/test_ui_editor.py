"""The editor window driven through its widgets: delegates, undo, structure, paste, files."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QModelIndex, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit

from goaleditor.formats.canonical_json import dumps
from goaleditor.model.document import Indicator, Level2
from goaleditor.model.edits import SetHeader, SetProperties
from goaleditor.model.store import load_document
from goaleditor.ui.indicator_model import (
    COL_COMPARATOR,
    COL_DESCRIPTION,
    COL_DISPLAY,
    COL_NAME,
    COL_UNIT,
    COL_VALUE,
    IndicatorTreeModel,
)
from tests.helpers import answer as answer_prompts

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def type_text(widget, text: str) -> None:
    """Type text as key events; QTest cannot map CJK characters to keys."""
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char))


def press(widget, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    """A key click, then the queued work it starts (delegates commit on the next loop)."""
    QTest.keyClick(widget, key, modifier)
    QApplication.processEvents()


def cell(window, table_row: int, column: int) -> QModelIndex:
    """Index of the n-th indicator (in print order) of the current table, at a column."""
    model = window.editor.model
    indicator = [i for _, _, i in model.table.indicator_rows()][table_row]
    return model.index_of(indicator, column)


def focus_cell(qtbot, window, index: QModelIndex) -> None:
    view = window.editor.view
    view.setFocus()
    view.setCurrentIndex(index)
    qtbot.waitUntil(lambda: view.hasFocus())


def editor_widget(window):
    widget = QApplication.focusWidget()
    assert widget is not None and widget is not window.editor.view
    return widget


def edit_cell(qtbot, window, row: int, column: int):
    """Start editing an indicator's cell with F2, its text selected; returns the editor."""
    focus_cell(qtbot, window, cell(window, row, column))
    press(window.editor.view, Qt.Key.Key_F2)
    editor = editor_widget(window)
    editor.selectAll()
    return editor


def indicator(window, row: int) -> Indicator:
    return [i for _, _, i in window.current_table().indicator_rows()][row]


def test_model_passes_qt_model_tester(qtmodeltester, example_document) -> None:
    model = IndicatorTreeModel(example_document)
    model.set_table(example_document.tables[0])
    qtmodeltester.check(model, force_py=True)


def test_window_shows_example(window) -> None:
    assert window.table_model.rowCount() == 6
    assert window.table_model.index(1).data() == "2. 2026年水土保持评审经费"
    assert window.header_form.editor("project_name").text() == "2026年政务服务办运行经费"
    assert cell(window, 1, COL_DISPLAY).data() == "≥365次"
    # Imported, not saved anywhere yet: the title names the source and says so.
    assert window.windowTitle().startswith("binhai-2026-published.txt（导入，未保存）[*] — ")
    assert QApplication.translate("QPlatformTheme", "Cancel") == "取消"  # Qt's own dialogs too


def test_print_value_column_is_greyed(window) -> None:
    from PySide6.QtGui import QPalette
    from PySide6.QtWidgets import QStyledItemDelegate, QStyleOptionViewItem

    def text_colour(column: int) -> str:
        option = QStyleOptionViewItem()
        QStyledItemDelegate().initStyleOption(option, cell(window, 1, column))
        return option.palette.color(QPalette.ColorRole.Text).name()

    assert text_colour(COL_DISPLAY) == "#555555"
    assert text_colour(COL_NAME) != "#555555"


def test_edit_name_with_f2_and_undo(qtbot, window) -> None:
    index = cell(window, 0, COL_NAME)
    focus_cell(qtbot, window, index)
    press(window.editor.view, Qt.Key.Key_F2)
    editor = editor_widget(window)
    assert isinstance(editor, QLineEdit)
    editor.selectAll()
    type_text(editor, "办公面积")
    press(editor, Qt.Key.Key_Return)
    assert indicator(window, 0).name == "办公面积"
    assert window.isWindowModified()
    assert window.action.undo.text() == "撤销(&U) 修改三级指标"
    window.action.undo.trigger()
    assert indicator(window, 0).name == "政务服务中心管理办公用房及周围面积"
    assert not window.isWindowModified()
    window.action.redo.trigger()
    assert indicator(window, 0).name == "办公面积"


def test_typing_starts_editing_and_escape_cancels(qtbot, window) -> None:
    focus_cell(qtbot, window, cell(window, 2, COL_DESCRIPTION))
    type_text(window.editor.view, "x")
    editor = editor_widget(window)
    type_text(editor, "yz")
    press(editor, Qt.Key.Key_Escape)
    assert indicator(window, 2).description == "提供服务人数"
    assert window.stack.count() == 0


def test_f2_starts_editing(qtbot, window) -> None:
    focus_cell(qtbot, window, cell(window, 2, COL_DESCRIPTION))
    press(window.editor.view, Qt.Key.Key_F2)
    editor = editor_widget(window)
    assert isinstance(editor, QLineEdit) and editor.text() == "提供服务人数"


def test_comparator_combo(qtbot, window) -> None:
    focus_cell(qtbot, window, cell(window, 1, COL_COMPARATOR))
    press(window.editor.view, Qt.Key.Key_F2)
    combo = editor_widget(window)
    assert isinstance(combo, QComboBox)
    assert [combo.itemText(i) for i in range(combo.count())] == ["≥", "≤", "=", ">", "<", "定性"]
    combo.setCurrentIndex(1)
    press(combo, Qt.Key.Key_Return)
    assert indicator(window, 1).display == "≤365次"


def test_value_that_is_not_a_number_is_kept_as_typed(qtbot, window) -> None:
    editor = edit_cell(qtbot, window, 1, COL_VALUE)
    type_text(editor, "约12.5次")
    press(editor, Qt.Key.Key_Return)
    assert indicator(window, 1).display == "约12.5次"  # 定性, nothing dropped


def test_value_is_free_text_when_qualitative(qtbot, window) -> None:
    editor = edit_cell(qtbot, window, 5, COL_VALUE)  # 供热标准: 定性
    type_text(editor, "达到国家标准")
    press(editor, Qt.Key.Key_Return)
    assert indicator(window, 5).display == "达到国家标准"


def test_unit_combo_offers_document_units(qtbot, window) -> None:
    focus_cell(qtbot, window, cell(window, 1, COL_UNIT))
    press(window.editor.view, Qt.Key.Key_F2)
    combo = editor_widget(window).parent()
    if not isinstance(combo, QComboBox):
        combo = editor_widget(window)
    assert isinstance(combo, QComboBox) and combo.isEditable()
    units = [combo.itemText(i) for i in range(combo.count())]
    assert "平方米" in units and "工作日" in units and "亿元" in units
    combo.setEditText("项")
    press(combo.lineEdit(), Qt.Key.Key_Return)
    assert indicator(window, 1).display == "≥365项"


def test_tab_moves_to_next_cell_while_editing(qtbot, window) -> None:
    editor = edit_cell(qtbot, window, 0, COL_NAME)
    type_text(editor, "甲")
    press(editor, Qt.Key.Key_Tab)
    assert indicator(window, 0).name == "甲"
    assert window.editor.view.currentIndex().column() == COL_DESCRIPTION
    second = editor_widget(window)
    press(second, Qt.Key.Key_Backtab)
    assert window.editor.view.currentIndex().column() == COL_NAME


def test_header_field_undo(qtbot, window) -> None:
    edit = window.header_form.editor("project_name")
    edit.setFocus()
    edit.selectAll()
    type_text(edit, "新项目")
    press(edit, Qt.Key.Key_Return)
    assert window.current_table().project_name == "新项目"
    assert window.table_model.index(0).data() == "1. 新项目"
    window.action.undo.trigger()
    assert edit.text() == "2026年政务服务办运行经费"
    assert window.table_model.index(0).data() == "1. 2026年政务服务办运行经费"


def test_budget_hint(qtbot, window) -> None:
    hint = window.header_form.findChild(object, "budget_hint")
    fiscal = window.header_form.editor("budget_fiscal")
    assert not hint.isVisible()
    fiscal.setFocus()
    fiscal.selectAll()
    type_text(fiscal, "6000000")
    assert hint.isVisible() and "≠" in hint.text()
    press(fiscal, Qt.Key.Key_Return)
    assert str(window.current_table().budget_fiscal) == "6000000.00"


def test_goal_multiline_committed_on_focus_out(qtbot, window) -> None:
    goal = window.header_form.editor("goal")
    goal.setFocus()
    goal.selectAll()
    type_text(goal, "第一条")
    window.editor.view.setFocus()
    qtbot.waitUntil(lambda: window.current_table().goal == "第一条")
    window.action.undo.trigger()
    assert window.current_table().goal.startswith("1.按照区政务服务中心")


def test_insert_below_with_ctrl_enter_and_undo(qtbot, qtmodeltester, window) -> None:
    focus_cell(qtbot, window, cell(window, 1, COL_NAME))
    press(window.editor.view, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    editor = editor_widget(window)
    type_text(editor, "新指标")
    press(editor, Qt.Key.Key_Return)
    assert indicator(window, 2).name == "新指标"
    assert window.current_table().indicator_count() == 17
    qtmodeltester.check(window.editor.model, force_py=True)
    window.action.undo.trigger()
    window.action.undo.trigger()
    assert window.current_table().indicator_count() == 16
    assert window.stack.isClean()


def test_delete_and_move_and_undo(qtbot, qtmodeltester, window) -> None:
    before = dumps(window.document)
    focus_cell(qtbot, window, cell(window, 3, COL_NAME))
    press(window.editor.view, Qt.Key.Key_Delete, Qt.KeyboardModifier.ControlModifier)
    assert window.current_table().indicator_count() == 15
    focus_cell(qtbot, window, cell(window, 0, COL_NAME))
    press(window.editor.view, Qt.Key.Key_Down, CTRL_SHIFT)
    assert indicator(window, 1).name == "政务服务中心管理办公用房及周围面积"
    # At the end of its 二级 group, the row moves into the next group.
    focus_cell(qtbot, window, cell(window, 2, COL_NAME))
    press(window.editor.view, Qt.Key.Key_Down, CTRL_SHIFT)
    moved = indicator(window, 2)
    assert moved.parent.name == "质量指标" and moved.parent.children[0] is moved
    qtmodeltester.check(window.editor.model, force_py=True)
    while window.stack.canUndo():
        window.stack.undo()
    assert dumps(window.document) == before


def test_drag_move_across_groups(qtmodeltester, window) -> None:
    before = dumps(window.document)
    table = window.current_table()
    quantity, quality = table.children[0].children[0], table.children[0].children[1]
    nodes = quantity.children[0:2]
    window.editor.move_indicators(list(nodes), quality, 1)
    assert [i.name for i in quality.children[1:3]] == [n.name for n in nodes]
    assert len(quantity.children) == 2
    qtmodeltester.check(window.editor.model, force_py=True)
    assert window.stack.undoText() == "移动指标"
    window.stack.undo()
    assert dumps(window.document) == before


def test_add_groups_in_framework_order(window) -> None:
    table = window.current_table()
    benefit = table.children[1]
    assert [l2.name for l2 in benefit.children] == ["社会效益指标", "可持续影响指标"]
    window.editor.add_level2(benefit, "经济效益指标")
    window.editor.add_level2(benefit, "生态效益指标")
    assert [l2.name for l2 in benefit.children] == [
        "经济效益指标",
        "社会效益指标",
        "生态效益指标",
        "可持续影响指标",
    ]
    window.stack.undo()
    window.stack.undo()
    assert len(benefit.children) == 2


def test_paste_tsv_from_excel(qtbot, window) -> None:
    QGuiApplication.clipboard().setText(
        '受理件数\t全年受理件数\t≥5000件\r\n办结率\t"按时办结的\n比例"\t≥\t98\t%\r\n'
    )
    focus_cell(qtbot, window, cell(window, 0, COL_NAME))
    press(window.editor.view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    first, second = indicator(window, 1), indicator(window, 2)
    assert (first.name, first.description, first.display) == ("受理件数", "全年受理件数", "≥5000件")
    assert (second.name, second.description, second.display) == (
        "办结率",
        "按时办结的\n比例",
        "≥98%",
    )
    assert window.stack.count() == 1
    window.stack.undo()
    assert window.current_table().indicator_count() == 16


def test_copy_rows_as_tsv(qtbot, window) -> None:
    view = window.editor.view
    focus_cell(qtbot, window, cell(window, 0, COL_NAME))
    press(view, Qt.Key.Key_Down)
    press(view, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    press(view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == (
        "产出指标\t数量指标\t硬件采购、维护数量\t政务服务中心硬件维护、维修次数\t≥365次\n"
        "产出指标\t数量指标\t提供服务人数\t提供服务人数\t≥40人\n"
    )


def test_table_list_add_duplicate_delete_move(qtbot, window) -> None:
    before = dumps(window.document)
    window.action.add_table.trigger()
    assert window.table_model.rowCount() == 7
    assert window.current_table().project_name == ""
    assert [l1.name for l1 in window.current_table().children] == [
        "产出指标",
        "效益指标",
        "满意度指标",
    ]
    window.table_list.setCurrentIndex(window.table_model.index(0))
    window.action.duplicate_table.trigger()
    assert window.table_model.index(1).data() == "2. 2026年政务服务办运行经费（副本）"
    window.table_list.setFocus()
    qtbot.waitUntil(window.table_list.hasFocus)
    press(window.table_list, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert window.table_model.index(2).data() == "3. 2026年政务服务办运行经费（副本）"
    assert window.table_list.currentIndex().row() == 2
    window.action.delete_table.trigger()
    assert window.table_model.rowCount() == 7
    while window.stack.canUndo():
        window.stack.undo()
    assert dumps(window.document) == before


def test_properties_undo(window) -> None:

    window.session.apply(SetProperties({"year": 2027, "agency_name": "某单位"}))
    assert (window.document.year, window.document.agency_name) == (2027, "某单位")
    window.stack.undo()
    assert (window.document.year, window.document.agency_name) == (
        2026,
        "天津市滨海新区人民政府政务服务办公室",
    )


def test_save_reopen_same_json(qtbot, window, tmp_path: Path) -> None:
    focus_cell(qtbot, window, cell(window, 0, COL_NAME))
    press(window.editor.view, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    type_text(editor_widget(window), "保存测试")
    press(editor_widget(window), Qt.Key.Key_Return)
    path = tmp_path / "saved.goals"
    assert window.session.save_to(path)
    assert not window.isWindowModified()
    assert "saved.goals" in window.windowTitle()
    expected = dumps(window.document)
    assert dumps(load_document(path)) == expected
    assert window.open_path(path)
    assert dumps(window.document) == expected
    assert window.stack.count() == 0 and not window.isWindowModified()


def test_imported_document_counts_as_unsaved(window, example_path: Path) -> None:
    window.open_path(example_path, ask=False)
    assert window.isWindowModified()


@pytest.mark.parametrize(("answer", "closes"), [("取消", False), ("不保存", True)])
def test_unsaved_changes_prompt_on_close(qtbot, window, answer: str, closes: bool) -> None:
    window.editor.insert_indicators([Indicator("x")], "插入")
    assert window.isWindowModified()
    asked = answer_prompts(window, answer)
    assert window.close() is closes
    assert len(asked) == 1 and "未保存的修改" in asked[0]
    assert window.isVisible() is not closes


def test_unsaved_changes_prompt_save(qtbot, window, tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "answer.goals"
    assert window.session.save_to(path)
    window.editor.insert_indicators([Indicator("保存我")], "插入")
    answer_prompts(window, "保存")
    assert window.close()
    names = [i.name for t in load_document(path).tables for _, _, i in t.indicator_rows()]
    assert "保存我" in names


def test_open_bad_file_shows_one_line(qtbot, window, tmp_path: Path) -> None:
    bad = tmp_path / "bad.goals"
    bad.write_bytes(b"not a database")
    before = dumps(window.document)
    asked = answer_prompts(window, "确定")
    assert not window.open_path(bad, ask=False)
    assert len(asked) == 1 and "不是绩效目标表文档" in asked[0] and "\n" not in asked[0]
    assert dumps(window.document) == before


def test_group_rows_are_not_editable(window) -> None:
    model = window.editor.model
    level1 = model.index(0, 0)
    assert not (model.flags(level1) & Qt.ItemFlag.ItemIsEditable)
    assert isinstance(model.node(model.index(0, 0, level1)), Level2)


def test_new_table_with_the_keyboard_alone(qtbot, window) -> None:
    """A clerk adds a table and fills it without touching the mouse."""
    window.table_list.setFocus()
    qtbot.waitUntil(window.table_list.hasFocus)
    press(window, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    name = window.header_form.editor("project_name")
    qtbot.waitUntil(name.hasFocus)
    type_text(name, "键盘录入项目")
    for field, text in (
        ("budget_total", "100"),
        ("budget_fiscal", "100"),
        ("budget_other", None),
        ("fund_use", "用于测试"),
        ("goal", "1.完成目标"),
        ("money_unit", None),
    ):
        press(QApplication.focusWidget(), Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is window.header_form.editor(field), field
        if text:
            type_text(QApplication.focusWidget(), text)
    press(QApplication.focusWidget(), Qt.Key.Key_Tab)
    view = window.editor.view
    assert QApplication.focusWidget() is view
    press(view, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    for text in ("受理件数", "全年受理的件数"):
        type_text(QApplication.focusWidget(), text)
        press(QApplication.focusWidget(), Qt.Key.Key_Tab)
    press(QApplication.focusWidget(), Qt.Key.Key_Tab)  # 指标性质: keep ≥
    type_text(QApplication.focusWidget(), "500")
    press(QApplication.focusWidget(), Qt.Key.Key_Tab)
    type_text(QApplication.focusWidget(), "件")
    press(QApplication.focusWidget(), Qt.Key.Key_Return)
    table = window.current_table()
    assert window.table_list.currentIndex().row() == 1
    assert (table.project_name, str(table.budget_total), table.fund_use, table.goal) == (
        "键盘录入项目",
        "100.00",
        "用于测试",
        "1.完成目标",
    )
    rows = [(l1, l2, i.name, i.description, i.display) for l1, l2, i in table.indicator_rows()]
    assert rows == [("产出指标", "数量指标", "受理件数", "全年受理的件数", "≥500件")]


def test_bundled_fonts_are_registered(window) -> None:
    from PySide6.QtGui import QFontDatabase

    assert "Noto Sans SC GB" in QFontDatabase.families()
    assert "Noto Sans SC GB" in QApplication.font().families()


def test_print_preview_shows_the_pdf_pages(qtbot, window, monkeypatch) -> None:
    from goaleditor.ui import pdf_preview

    shown = []
    monkeypatch.setattr(pdf_preview.PreviewDialog, "exec", lambda self: shown.append(self.pages))
    window.action.preview.trigger()
    assert len(shown) == 1 and len(shown[0]) == 7  # 目录 + six tables
    page = shown[0][1]
    assert page.width() < page.height()  # portrait
    assert page.pixelColor(5, 5).name() == "#ffffff"  # white margins, not an empty image
    dark = sum(
        1
        for x in range(0, page.width(), 4)
        for y in range(0, page.height(), 4)
        if page.pixelColor(x, y).lightness() < 128
    )
    assert dark > 200  # the table's lines and text are there


def test_export_pdf_from_the_editor(window, tmp_path: Path) -> None:
    out = tmp_path / "from-editor.pdf"
    assert window.exporter.write_pdf(out)
    assert out.read_bytes().startswith(b"%PDF")


def test_open_colleague_workbook(qtbot, window, tmp_path: Path) -> None:
    from tests.formats.writers.test_xlsx import colleague_workbook

    path = tmp_path / "colleague.xlsx"
    colleague_workbook(path)
    reports: list[tuple[str, list[str]]] = []
    window.prompts.import_report = lambda source, notes: reports.append(
        (source, [str(note) for note in notes])
    )
    assert window.open_path(path, ask=False)
    assert len(reports) == 1 and any("填表说明" in note for note in reports[0][1])
    assert window.current_table().project_name == "2026年信息化运维项目"
    assert window.isWindowModified()  # an import is not saved yet


def test_problems_follow_typing_and_lead_to_the_cell(qtbot, window) -> None:
    panel = window.problems
    window.run_check()
    assert panel.problems == []
    editor = edit_cell(qtbot, window, 4, COL_VALUE)  # 维修质量合格率 ≥90%
    type_text(editor, "120")
    press(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: any(p.rule == "value.percent-range" for p in panel.problems))
    problem = next(p for p in panel.problems if p.rule == "value.percent-range")
    assert (problem.table, problem.row) == (1, 5)
    icon = window.editor.model.data(cell(window, 4, COL_NAME), Qt.ItemDataRole.DecorationRole)
    assert icon is not None and not icon.isNull()
    window.table_list.setCurrentIndex(window.table_model.index(3))
    item = panel.tree.topLevelItem(panel.problems.index(problem))
    panel.tree.itemClicked.emit(item, 0)
    assert window.table_list.currentIndex().row() == 0
    assert window.editor.view.currentIndex() == cell(window, 4, COL_VALUE)
    window.action.undo.trigger()
    qtbot.waitUntil(lambda: not panel.problems)


def test_fix_it_is_one_undoable_step(qtbot, window) -> None:
    from goaleditor.model.problem_fixes import fix_its

    target = indicator(window, 2)
    window.editor._edit_field(target, "description", "")
    window.problems.recheck()
    problem = next(p for p in window.problems.problems if p.rule == "indicator.no-description")
    (fix,) = fix_its(problem, window.document.year)
    window.table_actions.apply_fix(fix)
    assert target.description == "提供服务人数"
    assert window.stack.undoText() == "修复问题"
    window.stack.undo()
    assert target.description == ""


def test_next_year_draft_from_the_menu(window) -> None:
    window.stack.setClean()
    window.action.next_year.trigger()
    assert window.document.year == 2027
    assert window.current_table().project_name == "2027年政务服务办运行经费"
    assert window.session.path is None and window.isWindowModified()
    assert window.statusBar().currentMessage() == (
        "已生成2027年度的新文档：文中9处年份已改为下一年度（尚未保存）"
    )


def test_a_title_naming_last_year_is_fixed_from_the_problems_panel(window) -> None:
    """The draft of 2027 with last year's title: a 警告 whose fix-it sets the title (undoable)."""
    from goaleditor.model.problem_fixes import fix_its

    window.action.next_year.trigger()
    window.session.apply(SetProperties({"title": "2026年度绩效目标表"}))
    window.problems.recheck()
    problem = next(p for p in window.problems.problems if p.rule == "year.past-year")
    assert (problem.table, problem.field) == (0, "title")
    (fix,) = fix_its(problem, window.document.year)
    window.table_actions.apply_fix(fix)
    assert window.document.title == "2027年度绩效目标表"
    assert window.stack.undoText() == "修复问题"
    assert "year.past-year" not in {p.rule for p in window.problems.problems}
    window.stack.undo()
    assert window.document.title == "2026年度绩效目标表"


def test_long_export_with_progress_survives(window, tmp_path: Path) -> None:
    """Thousands of progress callbacks (each pumping events) must not destabilise Qt."""
    from goaleditor.model.document import Document, GoalTable

    tables = [
        GoalTable.from_rows(
            [("产出指标", "数量指标", Indicator(f"指标{n}", "", "≥", "1", "个"))],
            project_name=f"项目{n}",
        )
        for n in range(2500)
    ]
    window.session.replace(Document(tables=tables))
    out = tmp_path / "many.pdf"
    assert window.exporter.write_pdf(out)
    assert out.stat().st_size > 100_000


def test_drop_places(window) -> None:
    """Where a dragged indicator lands, by the row and the part of the row it is dropped on."""
    from PySide6.QtWidgets import QAbstractItemView

    from goaleditor.ui.tree_keys import _drop_place

    Pos = QAbstractItemView.DropIndicatorPosition
    model = window.editor.model
    table = window.current_table()
    quantity = table.children[0].children[0]
    second = quantity.children[1]
    assert _drop_place(model, model.index_of(second), Pos.AboveItem) == (quantity, 1)
    assert _drop_place(model, model.index_of(second), Pos.BelowItem) == (quantity, 2)
    assert _drop_place(model, model.index_of(quantity), Pos.OnItem) == (quantity, 4)
    assert _drop_place(model, model.index_of(quantity), Pos.BelowItem) == (quantity, 0)
    assert _drop_place(model, model.index_of(table.children[1]), Pos.OnItem) == (
        table.children[1].children[0],
        1,
    )


def test_export_excel_from_the_menu(window, tmp_path: Path) -> None:
    from goaleditor.formats.readers.sheets.xlsx import read as read_xlsx

    out = tmp_path / "菜单导出.xlsx"
    window.prompts.save_name = lambda title, start, kind: out
    answer_prompts(window, "关闭")
    window.action.export_xlsx.trigger()
    assert dumps(read_xlsx(out)) == dumps(window.document)


def test_new_document_dialog(qtbot, window) -> None:
    from goaleditor.ui.dialogs import DocumentPropertiesDialog

    def fill() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, DocumentPropertiesDialog)
        dialog.framework.setCurrentIndex(dialog.framework.findData("cost-first"))
        dialog.agency_code.setText("120101")
        dialog.agency_name.setText("某区财政局")
        dialog.year.setValue(2027)
        dialog.accept()

    window.stack.setClean()
    QTimer.singleShot(0, fill)
    window.action.new.trigger()
    doc = window.document
    assert (doc.framework, doc.agency_code, doc.agency_name, doc.year) == (
        "cost-first",
        "120101",
        "某区财政局",
        2027,
    )
    assert [l1.name for l1 in window.current_table().children] == [
        "成本指标",
        "产出指标",
        "效益指标",
        "满意度指标",
    ]
    assert window.session.path is None and not window.isWindowModified()


def test_properties_dialog_is_one_undoable_step(window) -> None:
    from goaleditor.ui.dialogs import DocumentPropertiesDialog

    def change() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, DocumentPropertiesDialog)
        assert dialog.agency_code.text() == "319101"
        dialog.title.setText("滨海新区政务服务办2026年项目支出绩效目标表")
        dialog.merge_level2.setChecked(True)
        dialog.accept()

    QTimer.singleShot(0, change)
    window.action.properties.trigger()
    assert window.document.merge_level2 and window.document.title.startswith("滨海新区")
    assert window.stack.undoText() == "修改文档属性"
    window.stack.undo()
    assert not window.document.merge_level2 and window.document.title == ""


def test_problems_stay_right_when_only_changed_tables_are_rechecked(qtbot, window) -> None:
    """The panel re-checks only tables that changed; numbers follow moves and deletions."""
    from goaleditor.model.checks import check_document

    panel = window.problems
    third = window.document.tables[2]
    window.editor._edit_field(next(third.indicator_rows())[2], "value", "")
    window.session.apply(SetHeader(window.document.tables[4], "goal", ""))
    panel.recheck()
    assert panel.problems == check_document(window.document)
    window.table_list.setCurrentIndex(window.table_model.index(2))
    window.table_actions.move_table(-1)
    window.table_list.setCurrentIndex(window.table_model.index(0))
    window.table_actions.delete_table()
    panel.recheck()
    assert panel.problems == check_document(window.document)
    assert {p.table for p in panel.problems} == {1, 4}
    window.session.apply(SetProperties({"year": 2030}))
    panel.recheck()
    assert panel.problems == check_document(window.document)
    assert any(p.rule == "timeliness.outside-year" for p in panel.problems)


def test_editing_a_cell_longer_than_32767_characters_keeps_it_whole(qtbot, window) -> None:
    """A 40,000-character 描述 that came in a file: F2, End, two more characters, Enter —
    every character stays (Qt's line edit cuts at 32,767 by default)."""
    from goaleditor.ui.indicator_model import COL_DESCRIPTION

    window.editor._edit_field(indicator(window, 0), "description", "长" * 40_000)
    editor = edit_cell(qtbot, window, 0, COL_DESCRIPTION)
    press(editor, Qt.Key.Key_End)
    type_text(editor, "ab")
    press(editor, Qt.Key.Key_Return)
    assert indicator(window, 0).description == "长" * 40_000 + "ab"
