"""The indicator tree of a 自评表: its own columns, scores as the clerk types, Excel's keys."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit

from goaleditor.formats.readers.published_text import read
from goaleditor.model.document import Document, Indicator
from goaleditor.model.edits import SetField
from goaleditor.model.store import save_document
from goaleditor.model.values import QUALITATIVE
from goaleditor.self_evaluation.scores import DocumentScores
from goaleditor.self_evaluation.start import start_self_evaluation
from goaleditor.ui.indicator_model import (
    COL_ACTUAL,
    COL_DEVIATION,
    COL_DISPLAY,
    COL_GRADE,
    COL_NAME,
    COL_SCORE,
    COL_WEIGHT,
    IndicatorTreeModel,
)
from tests.ui.test_ui_editor import cell, editor_widget, focus_cell, press, type_text

Key = Qt.Key
Role = Qt.ItemDataRole
SELF_EVALUATION_HEADINGS = ["实际完成值", "分值", "得分", "定性等级", "偏差原因分析及改进措施"]


def self_evaluation_of(example_path: Path, scoring: str = "") -> Document:
    """The example goal document started as a 自评表 (分值 given by the profile's defaults)."""
    return start_self_evaluation(read(example_path), scoring).document


def open_window(qtbot, tmp_path: Path, document: Document):
    """A main window with the document open from a .goals file."""
    from PySide6.QtCore import QSettings

    from goaleditor.ui.app import create_application
    from goaleditor.ui.main_window import MainWindow

    path = tmp_path / "se.goals"
    save_document(document, path)
    create_application()
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    win = MainWindow(settings)
    win.resize(1366, 768)
    win.show()
    qtbot.waitExposed(win)
    assert win.open_path(path, ask=False)
    win.stack.setClean()
    return win


def close_window(win) -> None:
    from PySide6.QtWidgets import QApplication

    QApplication.processEvents()
    win.stack.setClean()
    win.close()
    win.deleteLater()


@pytest.fixture
def se_window(qtbot, tmp_path: Path, example_path: Path):
    """The main window with the example document's 自评表 (central scoring) open."""
    win = open_window(qtbot, tmp_path, self_evaluation_of(example_path))
    yield win
    close_window(win)


@pytest.fixture
def hubei_window(qtbot, tmp_path: Path, example_path: Path):
    """A 自评表 scored by 湖北's rules, whose quantitative scores the clerk may type."""
    win = open_window(qtbot, tmp_path, self_evaluation_of(example_path, "hubei"))
    yield win
    close_window(win)


def indicators(window) -> list[Indicator]:
    return [i for _, _, i in window.current_table().indicator_rows()]


def row_of(window, test) -> int:
    """The number (print order) of the first indicator passing test."""
    return next(n for n, i in enumerate(indicators(window)) if test(i))


def shown_headings(window) -> list[str]:
    view = window.editor.view
    model = view.model()
    return [
        model.headerData(c, Qt.Orientation.Horizontal, Role.DisplayRole)
        for c in range(model.columnCount())
        if not view.isColumnHidden(c)
    ]


def type_into(qtbot, window, row: int, column: int, text: str) -> None:
    """Type text over a cell and press Enter, as a clerk does."""
    view = window.editor.view
    focus_cell(qtbot, window, cell(window, row, column))
    type_text(view, text)
    editor = view.indexWidget(view.currentIndex())
    assert editor is not None
    qtbot.waitUntil(lambda: editor.isAncestorOf(QApplication.focusWidget()) or editor.hasFocus())
    press(QApplication.focusWidget(), Key.Key_Return)


def current(window) -> tuple[int, int]:
    index = window.editor.view.currentIndex()
    node = window.editor.model.node(index)
    return next(n for n, i in enumerate(indicators(window)) if i is node), index.column()


# --- the model ---------------------------------------------------------------------------------


def test_the_model_of_a_self_evaluation_passes_the_qt_model_tester(
    qtmodeltester, example_path
) -> None:
    document = self_evaluation_of(example_path)
    model = IndicatorTreeModel(document)
    model.set_table(document.tables[0])
    qtmodeltester.check(model, force_py=True)


@pytest.mark.parametrize("shared", [False, True], ids=["own scores", "the session's scores"])
def test_a_score_cell_read_on_its_signal_is_already_rescored(example_path, shared) -> None:
    document = self_evaluation_of(example_path)
    kept = DocumentScores(document) if shared else None
    model = IndicatorTreeModel(document, scores_for=(lambda _d: kept) if shared else None)
    assert (model.scores is kept) == shared
    table = document.tables[0]
    model.set_table(table)
    node = next(i for _, _, i in table.indicator_rows() if i.comparator == "≥")
    score = model.index_of(node, COL_SCORE)
    assert score.data() == ""
    read: list[str] = []
    model.dataChanged.connect(
        lambda first, _last, _roles=(): (
            read.append(first.data()) if first.column() == COL_SCORE else None
        )
    )
    SetField(node, "actual", node.value).apply(document)
    assert read == [node.weight]  # met: the full 分值, read at the signal itself
    model.set_document(Document())  # another document: the session's scores stay open
    if kept is not None:
        SetField(node, "actual", "0").apply(document)
        again = next(i for i in kept.of(table).indicators if i.indicator is node)
        assert again.rule == 0  # still followed: the edit made after is scored


def test_a_self_evaluation_shows_its_columns_after_the_goal_ones(se_window) -> None:
    headings = shown_headings(se_window)
    # as the 自评表 forms print them: no 描述, 指标值 as one 年度指标值 (this layout prints it so)
    assert headings == ["三级指标", "年度指标值", *SELF_EVALUATION_HEADINGS]
    described = row_of(se_window, lambda i: i.description.strip() and i.description != i.name)
    tip = cell(se_window, described, COL_NAME).data(Role.ToolTipRole)
    assert "指标描述：" + indicators(se_window)[described].description in tip  # 描述 not shown


def test_sichuan_shows_the_parts_of_the_target_and_heads_the_weight_column_so(
    qtbot, tmp_path, example_path
) -> None:
    document = self_evaluation_of(example_path, "sichuan")
    document.layout = "sichuan"
    win = open_window(qtbot, tmp_path, document)
    try:
        headings = shown_headings(win)
        assert headings[:4] == ["三级指标", "指标性质", "指标值", "度量单位"]
        assert headings[4:] == ["实际完成值", "权重", "得分", "定性等级", "偏差原因分析及改进措施"]
    finally:
        close_window(win)


def test_a_goal_document_shows_no_self_evaluation_column(window) -> None:
    headings = shown_headings(window)
    for heading in ("实际完成值", "得分", "定性等级", "偏差原因分析及改进措施"):
        assert heading not in headings
    model = window.editor.model
    index = cell(window, 0, COL_ACTUAL)
    assert not index.flags() & Qt.ItemFlag.ItemIsEditable  # nothing typed there, even hidden
    assert model.headerData(COL_WEIGHT, Qt.Orientation.Horizontal, Role.DisplayRole) == "权重"


# --- scores as the clerk types --------------------------------------------------------------


def test_typing_the_actual_value_updates_the_score_cell_at_once(qtbot, se_window) -> None:
    model = se_window.editor.model
    row = row_of(se_window, lambda i: i.comparator == "≥" and i.unit == "次")
    target = indicators(se_window)[row]
    assert (target.value, target.weight) == ("365", "4.17")
    assert cell(se_window, row, COL_SCORE).data() == ""
    changed: list[tuple[int, int, object]] = []
    model.dataChanged.connect(
        lambda first, last, _roles=(): changed.append(
            (first.column(), last.column(), model.node(first))
        )
    )
    type_into(qtbot, se_window, row, COL_ACTUAL, "300")
    assert target.actual == "300"
    assert cell(se_window, row, COL_SCORE).data() == "3.43"  # 300 ÷ 365 × 4.17
    assert (COL_SCORE, COL_SCORE, target) in changed  # that cell alone
    assert all(node is target for *_, node in changed)
    tip = cell(se_window, row, COL_SCORE).data(Role.ToolTipRole)
    assert tip.startswith("按规则计算：正向指标")
    type_into(qtbot, se_window, row, COL_WEIGHT, "6")
    assert cell(se_window, row, COL_SCORE).data() == "4.93"  # 300 ÷ 365 × 6


def test_undo_restores_the_score(qtbot, se_window) -> None:
    row = row_of(se_window, lambda i: i.comparator == "≥" and i.unit == "次")
    type_into(qtbot, se_window, row, COL_ACTUAL, "300")
    assert cell(se_window, row, COL_SCORE).data() == "3.43"
    type_into(qtbot, se_window, row, COL_ACTUAL, "365")
    assert cell(se_window, row, COL_SCORE).data() == "4.17"
    se_window.stack.undo()  # one typed value, one step
    assert indicators(se_window)[row].actual == "300"
    assert cell(se_window, row, COL_SCORE).data() == "3.43"
    se_window.stack.undo()
    assert cell(se_window, row, COL_SCORE).data() == ""
    se_window.stack.redo()
    assert cell(se_window, row, COL_SCORE).data() == "3.43"


def test_a_computed_score_is_read_only_and_looks_computed(qtbot, se_window) -> None:
    view = se_window.editor.view
    row = row_of(se_window, lambda i: i.comparator == "≥")
    type_into(qtbot, se_window, row, COL_ACTUAL, indicators(se_window)[row].value)
    score = cell(se_window, row, COL_SCORE)
    assert not score.flags() & Qt.ItemFlag.ItemIsEditable
    assert score.data(Role.FontRole).italic()
    assert score.data(Role.ForegroundRole) is not None  # grey
    focus_cell(qtbot, se_window, score)
    press(view, Key.Key_F2)
    assert view.indexWidget(score) is None
    before = se_window.stack.count()
    type_text(view, "5")
    assert view.indexWidget(score) is None
    assert se_window.stack.count() == before
    assert se_window.statusBar().currentMessage().startswith("得分按规则计算")


def test_an_actual_value_in_another_unit_is_marked_with_the_reason(qtbot, se_window) -> None:
    row = row_of(se_window, lambda i: i.comparator == "≥" and i.unit == "次")
    type_into(qtbot, se_window, row, COL_ACTUAL, "300人")
    actual = cell(se_window, row, COL_ACTUAL)
    assert "单位" in actual.data(Role.ToolTipRole) and "无法计分" in actual.data(Role.ToolTipRole)
    assert actual.data(Role.BackgroundRole) is not None
    assert "无法计分" in se_window.statusBar().currentMessage()
    assert cell(se_window, row, COL_SCORE).data() == ""
    type_into(qtbot, se_window, row, COL_ACTUAL, "约300次")
    assert actual.data(Role.BackgroundRole) is None
    assert "约" in actual.data(Role.ToolTipRole)  # how it was read
    assert cell(se_window, row, COL_SCORE).data() == "3.43"


# --- keys ------------------------------------------------------------------------------------


def test_enter_moves_to_the_next_indicators_actual_value_past_the_group_rows(
    qtbot, se_window
) -> None:
    view = se_window.editor.view
    rows = indicators(se_window)
    # the last indicator of a 二级 group: below it comes the next group's row
    last = next(n for n, i in enumerate(rows[:-1]) if rows[n + 1].parent is not i.parent)
    below = view.indexBelow(cell(se_window, last, COL_NAME))
    assert not isinstance(se_window.editor.model.node(below), Indicator)
    type_into(qtbot, se_window, last, COL_ACTUAL, "12")
    assert rows[last].actual == "12"
    assert current(se_window) == (last + 1, COL_ACTUAL)
    type_text(view, "7")
    press(editor_widget(se_window), Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert rows[last + 1].actual == "7"
    assert current(se_window) == (last, COL_ACTUAL)
    press(view, Key.Key_Return)  # without an editor, Enter moves too
    assert current(se_window) == (last + 1, COL_ACTUAL)


def test_tab_goes_from_the_actual_value_to_the_next_cell_typed_in(qtbot, se_window) -> None:
    view = se_window.editor.view
    row = row_of(se_window, lambda i: i.comparator == "≥")
    focus_cell(qtbot, se_window, cell(se_window, row, COL_ACTUAL))
    type_text(view, "5")
    press(editor_widget(se_window), Key.Key_Tab)
    assert indicators(se_window)[row].actual == "5"
    assert current(se_window) == (row, COL_WEIGHT)  # its editor open, as Excel's next cell
    press(editor_widget(se_window), Key.Key_Escape)
    press(view, Key.Key_Tab)  # 得分 (by rule) and 定性等级 (not 定性) are passed by
    assert current(se_window) == (row, COL_DEVIATION)
    press(view, Key.Key_Backtab)
    assert current(se_window) == (row, COL_WEIGHT)


def test_f2_edits_and_delete_clears_the_actual_value(qtbot, se_window) -> None:
    view = se_window.editor.view
    row = row_of(se_window, lambda i: i.comparator == "≥" and i.unit == "次")
    type_into(qtbot, se_window, row, COL_ACTUAL, "300")
    focus_cell(qtbot, se_window, cell(se_window, row, COL_ACTUAL))
    press(view, Key.Key_F2)
    editor = editor_widget(se_window)
    assert isinstance(editor, QLineEdit) and editor.text() == "300"
    type_text(editor, "0")  # F2 keeps the text, the cursor at its end
    press(editor, Key.Key_Escape)
    assert indicators(se_window)[row].actual == "300"
    press(view, Key.Key_Delete)
    assert indicators(se_window)[row].actual == ""
    assert cell(se_window, row, COL_SCORE).data() == ""


# --- 定性 and typed scores ------------------------------------------------------------------


def test_a_qualitative_row_takes_a_grade_from_the_drop_down_and_a_typed_score(
    qtbot, se_window
) -> None:
    view = se_window.editor.view
    row = row_of(se_window, lambda i: i.comparator == QUALITATIVE)
    node = indicators(se_window)[row]
    assert node.weight == "4.17"
    grade = cell(se_window, row, COL_GRADE)
    assert grade.flags() & Qt.ItemFlag.ItemIsEditable
    quantitative = row_of(se_window, lambda i: i.comparator != QUALITATIVE)
    assert not cell(se_window, quantitative, COL_GRADE).flags() & Qt.ItemFlag.ItemIsEditable
    focus_cell(qtbot, se_window, grade)
    press(view, Key.Key_Down, Qt.KeyboardModifier.AltModifier)  # Alt+↓ opens the list
    combo = view.indexWidget(grade)
    assert isinstance(combo, QComboBox)
    assert [combo.itemText(i) for i in range(combo.count())] == ["达成", "部分达成", "未达成"]
    list_view = combo.view()
    assert list_view.isVisible()
    press(list_view, Key.Key_Down)
    press(list_view, Key.Key_Return)  # a pick in the list is the cell's value at once
    assert node.grade == "部分达成"
    assert view.indexWidget(grade) is None
    assert current(se_window) == (row, COL_GRADE)
    score = cell(se_window, row, COL_SCORE)
    assert score.flags() & Qt.ItemFlag.ItemIsEditable
    assert "2.50至3.34分" in score.data(Role.ToolTipRole)  # the band, in points
    type_into(qtbot, se_window, row, COL_SCORE, "4")
    assert node.score == "4"
    assert score.data() == "4.00"
    assert score.data(Role.BackgroundRole) is not None  # out of its band: marked
    assert "得分应不低于2.50分且低于3.34分" in se_window.statusBar().currentMessage()
    type_into(qtbot, se_window, row, COL_SCORE, "3")
    assert score.data() == "3.00" and score.data(Role.BackgroundRole) is None
    assert not score.data(Role.FontRole)  # typed, not computed


def test_a_grade_that_is_none_of_the_three_is_refused(qtbot, se_window) -> None:
    row = row_of(se_window, lambda i: i.comparator == QUALITATIVE)
    type_into(qtbot, se_window, row, COL_GRADE, "很好")
    assert indicators(se_window)[row].grade == ""
    assert se_window.statusBar().currentMessage().startswith("定性等级应为达成、部分达成、未达成")
    type_into(qtbot, se_window, row, COL_GRADE, "达成预期指标")  # the central form's spelling
    node = indicators(se_window)[row]
    assert node.grade == "达成"
    assert node.score == node.weight  # 达成 on an unscored row: its full 分值, said
    assert se_window.statusBar().currentMessage().startswith("评为达成：得分按满分")
    se_window.stack.undo()
    assert (node.grade, node.score) == ("", "")  # one step


def test_an_editable_profile_lets_the_clerk_override_the_rule_and_clear_it(
    qtbot, hubei_window
) -> None:
    view = hubei_window.editor.view
    row = row_of(hubei_window, lambda i: i.comparator == "≥" and i.unit == "次")
    type_into(qtbot, hubei_window, row, COL_ACTUAL, "300")
    score = cell(hubei_window, row, COL_SCORE)
    rule = score.data()
    assert rule and score.data(Role.FontRole).italic()
    assert score.flags() & Qt.ItemFlag.ItemIsEditable
    type_into(qtbot, hubei_window, row, COL_SCORE, "2")
    assert score.data() == "2.00" and not score.data(Role.FontRole)
    assert f"按规则为{rule}分" in score.data(Role.ToolTipRole)
    focus_cell(qtbot, hubei_window, score)
    press(view, Key.Key_Delete)  # back to the rule
    assert indicators(hubei_window)[row].score == ""
    assert score.data() == rule and score.data(Role.FontRole).italic()
    hubei_window.stack.undo()
    assert score.data() == "2.00"


def test_the_target_is_typed_as_printed_and_rescores_the_row(qtbot, se_window) -> None:
    row = row_of(se_window, lambda i: i.comparator == "≥" and i.unit == "次")
    node = indicators(se_window)[row]
    type_into(qtbot, se_window, row, COL_ACTUAL, "300次")
    target = cell(se_window, row, COL_DISPLAY)
    assert target.flags() & Qt.ItemFlag.ItemIsEditable
    assert target.data(Role.EditRole) == "≥365次"
    type_into(qtbot, se_window, row, COL_DISPLAY, "≤300人次")
    assert (node.comparator, node.value, node.unit) == ("≤", "300", "人次")
    assert "单位" in cell(se_window, row, COL_ACTUAL).data(Role.ToolTipRole)  # 次 ≠ 人次
    type_into(qtbot, se_window, row, COL_DISPLAY, "≥300次")
    assert cell(se_window, row, COL_SCORE).data() == "4.17"
    se_window.stack.undo()
    assert (node.comparator, node.value, node.unit) == ("≤", "300", "人次")


def test_a_group_row_has_no_self_evaluation_cells(se_window) -> None:
    model = se_window.editor.model
    group = model.index(0, COL_SCORE, QModelIndex())
    assert group.isValid() and group.data() is None
    assert not group.flags() & Qt.ItemFlag.ItemIsEditable


# --- pasting a column from Excel ----------------------------------------------------------------


def paste(qtbot, window, row: int, column: int, text: str) -> None:
    from PySide6.QtGui import QGuiApplication

    focus_cell(qtbot, window, cell(window, row, column))
    QGuiApplication.clipboard().setText(text)
    window.editor.paste_action.trigger()


def test_a_column_pasted_into_the_actual_values_fills_one_indicator_each(qtbot, se_window) -> None:
    rows = indicators(se_window)
    count = len(rows)
    last = next(n for n, i in enumerate(rows[:-1]) if rows[n + 1].parent is not i.parent)
    start = last - 1  # the pasted column runs on past a group row
    before = se_window.stack.count()
    paste(qtbot, se_window, start, COL_ACTUAL, "10\r\n20\r\n30\r\n")  # as Excel copies it
    assert [i.actual for i in indicators(se_window)[start : start + 3]] == ["10", "20", "30"]
    assert len(indicators(se_window)) == count  # no row was added
    assert se_window.stack.count() == before + 1  # one undo step
    assert se_window.statusBar().currentMessage().startswith("已粘贴3个实际完成值")
    se_window.stack.undo()
    assert [i.actual for i in indicators(se_window)[start : start + 3]] == ["", "", ""]


def test_a_column_pasted_past_the_last_indicator_says_what_was_left(qtbot, se_window) -> None:
    rows = indicators(se_window)
    paste(qtbot, se_window, len(rows) - 1, COL_DEVIATION, "甲\n乙\n丙")
    assert rows[-1].deviation == "甲"
    assert "另有2行超出最后一个指标，未粘贴" in se_window.statusBar().currentMessage()


def test_computed_scores_take_no_pasted_column(qtbot, se_window) -> None:
    rows = indicators(se_window)
    start = row_of(se_window, lambda i: i.comparator == "≥")
    count = len(rows)
    paste(qtbot, se_window, start, COL_SCORE, "1\n2")
    assert len(indicators(se_window)) == count
    assert all(i.score == "" for i in rows[start : start + 2])
    assert "2个单元格不能填入" in se_window.statusBar().currentMessage()


def test_a_goal_document_still_pastes_rows(qtbot, window) -> None:
    count = len(indicators(window))
    paste(qtbot, window, 0, COL_NAME, "新指标甲\n新指标乙")
    assert len(indicators(window)) == count + 2


def test_the_tree_and_the_form_share_the_sessions_scores(se_window) -> None:
    """One set of kept scores per open document: an edit rescores its table once for all."""
    assert se_window.editor.model.scores is se_window.session.scores


def test_a_self_evaluation_opens_on_the_first_result_to_fill(se_window) -> None:
    """Typing at once after opening fills the first 实际完成值, never the indicator's name."""
    from goaleditor.ui.indicator_model import COL_ACTUAL

    current = se_window.editor.view.currentIndex()
    assert current.column() == COL_ACTUAL
    assert se_window.editor.model.node(current) is indicators(se_window)[0]
