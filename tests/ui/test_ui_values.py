"""指标值 typed as printed in the tree's cells, the unit and comparator drop-downs (real keys)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit

from goaleditor.ui.indicator_model import COL_COMPARATOR, COL_UNIT, COL_VALUE
from tests.ui.test_ui_editor import cell, edit_cell, focus_cell, indicator, press, type_text

ALT = Qt.KeyboardModifier.AltModifier


def key(code, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    """A real key click where a real key would go: an open popup first, else the focus."""
    target = QApplication.activePopupWidget() or QApplication.focusWidget()
    assert target is not None
    QTest.keyClick(target, code, modifier)
    QApplication.processEvents()


def type_keys(text: str) -> None:
    """Type text one key at a time into whatever has the focus (as a keyboard would)."""
    for char in text:
        type_text(QApplication.focusWidget(), char)
        QApplication.processEvents()


@pytest.mark.parametrize(
    ("typed", "parts", "display"),
    [
        ("≥200人次", ("≥", "200", "人次"), "≥200人次"),
        ("=21个", ("=", "21", "个"), "21个"),
        ("≤0.6万元/个", ("≤", "0.6", "万元/个"), "≤0.6万元/个"),
        ("＞＝95％", ("≥", "95", "%"), "≥95%"),  # full-width ％ is the same %
        (">=4期", ("≥", "4", "期"), "≥4期"),
        ("≥4期", ("≥", "4", "期"), "≥4期"),
        ("=100.00(%)", ("=", "100.00", "%"), "100.00%"),
        ("有效提升", ("定性", "有效提升", ""), "有效提升"),
        ("2027年12月31日前", ("定性", "2027年12月31日前", ""), "2027年12月31日前"),
        ("400", ("≥", "400", "次"), "≥400次"),  # a bare number keeps comparator and unit
    ],
)
def test_value_cell_takes_the_printed_form(qtbot, window, typed, parts, display) -> None:
    editor = edit_cell(qtbot, window, 1, COL_VALUE)  # ≥365次
    type_text(editor, typed)
    press(editor, Qt.Key.Key_Return)
    target = indicator(window, 1)
    assert (target.comparator, target.value, target.unit) == parts
    assert target.display == display
    assert window.stack.count() == 1  # one undoable step
    window.stack.undo()
    assert target.display == "≥365次"


def test_value_without_comparator_says_what_it_kept(qtbot, window) -> None:
    editor = edit_cell(qtbot, window, 4, COL_VALUE)  # 维修质量合格率 ≥90%
    type_text(editor, "95%")
    press(editor, Qt.Key.Key_Return)
    assert indicator(window, 4).display == "≥95%"
    assert "沿用“≥”" in window.statusBar().currentMessage()


def test_qualitative_text_needs_no_comparator_first(qtbot, window) -> None:
    focus_cell(qtbot, window, cell(window, 1, COL_VALUE))
    type_keys("有效提升")  # typing starts the editor, replacing the cell
    key(Qt.Key.Key_Return)
    assert indicator(window, 1).display == "有效提升"
    assert indicator(window, 1).comparator == "定性"
    assert "定性" in window.statusBar().currentMessage()


def test_comparator_cell_takes_ascii_and_full_width_spellings(qtbot, window) -> None:
    focus_cell(qtbot, window, cell(window, 1, COL_COMPARATOR))
    type_keys(">=")
    key(Qt.Key.Key_Return)
    assert indicator(window, 1).display == "≥365次"  # unchanged, not ">=" nor ≥>=
    focus_cell(qtbot, window, cell(window, 1, COL_COMPARATOR))
    type_keys("＜＝")
    key(Qt.Key.Key_Return)
    assert indicator(window, 1).display == "≤365次"
    focus_cell(qtbot, window, cell(window, 1, COL_COMPARATOR))
    type_keys("=21个")  # a whole 指标值 typed in the comparator cell
    key(Qt.Key.Key_Return)
    assert indicator(window, 1).display == "21个"


def test_typing_over_a_unit_replaces_it(qtbot, window) -> None:
    focus_cell(qtbot, window, cell(window, 2, COL_UNIT))  # ≥40人
    type_keys("人次")
    key(Qt.Key.Key_Return)
    assert indicator(window, 2).unit == "人次"


def test_unit_box_stores_what_was_typed_not_a_longer_suggestion(qtbot, window) -> None:
    focus_cell(qtbot, window, cell(window, 1, COL_UNIT))
    key(Qt.Key.Key_F2)
    combo = QApplication.focusWidget()
    assert isinstance(combo, QComboBox)
    assert combo.findText("万元/人/年") >= 0
    combo.lineEdit().selectAll()
    type_text(combo, "万元/人")
    assert combo.completer().popup().isVisible()  # suggestions are offered…
    key(Qt.Key.Key_Return)  # …but Enter takes what was typed
    assert indicator(window, 1).unit == "万元/人"
    assert window.editor.view.state() != window.editor.view.State.EditingState


def test_unit_suggestion_is_taken_when_chosen(qtbot, window) -> None:
    focus_cell(qtbot, window, cell(window, 1, COL_UNIT))
    key(Qt.Key.Key_F2)
    combo = QApplication.focusWidget()
    combo.lineEdit().selectAll()
    type_text(combo, "万元/人")
    key(Qt.Key.Key_Down)  # highlight the first suggestion
    key(Qt.Key.Key_Return)
    assert indicator(window, 1).unit == "万元/人/年"


@pytest.mark.parametrize("column", [COL_COMPARATOR, COL_UNIT])
@pytest.mark.parametrize("opener", [(Qt.Key.Key_Down, ALT), (Qt.Key.Key_F4, None)])
def test_alt_down_and_f4_open_the_list_and_do_not_move_the_row(qtbot, window, column, opener):
    moving = indicator(window, 1)
    focus_cell(qtbot, window, cell(window, 1, column))
    key(Qt.Key.Key_F2)
    combo = QApplication.focusWidget()
    assert isinstance(combo, QComboBox)
    key(opener[0], opener[1] or Qt.KeyboardModifier.NoModifier)
    assert combo.view().isVisible()
    assert indicator(window, 1) is moving and window.stack.count() == 0
    key(Qt.Key.Key_Escape)  # closes the list, the editor stays
    assert not combo.view().isVisible()


def test_pasting_a_printed_value_into_one_cell(qtbot, window) -> None:
    for column in (COL_VALUE, COL_COMPARATOR, COL_UNIT):
        QGuiApplication.clipboard().setText("≥96%\n")
        focus_cell(qtbot, window, cell(window, 1, column))
        key(Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
        assert indicator(window, 1).display == "≥96%"  # never ≥≥96%%
        window.stack.undo()
        assert indicator(window, 1).display == "≥365次"


def test_value_editor_is_free_text(qtbot, window) -> None:
    editor = edit_cell(qtbot, window, 1, COL_VALUE)
    assert isinstance(editor, QLineEdit) and editor.validator() is None


def test_copy_then_paste_into_a_new_table_round_trips(qtbot, window) -> None:
    source = window.current_table()
    view = window.editor.view
    focus_cell(qtbot, window, cell(window, 0, COL_VALUE))
    view.selectAll()
    key(Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    copied = QGuiApplication.clipboard().text()
    assert copied.startswith("产出指标\t数量指标\t")
    window.table_list.setFocus()
    key(Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)  # a new, empty table
    assert window.current_table() is not source and window.current_table().indicator_count() == 0
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)
    key(Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)

    def rows(table):
        return [(a, b, i.name, i.description, i.display) for a, b, i in table.indicator_rows()]

    assert rows(window.current_table()) == rows(source)
    message = window.statusBar().currentMessage()
    assert message.startswith(f"已粘贴{source.indicator_count()}行：产出指标/数量指标 ")
    window.stack.undo()
    assert window.current_table().indicator_count() == 0


def test_official_rows_with_a_header_paste_under_their_groups(qtbot, window) -> None:
    QGuiApplication.clipboard().setText(
        "一级指标\t二级指标\t三级指标\t绩效指标描述\t指标值\r\n"
        "产出指标\t时效指标\t办结时限\t按时办结\t≤3工作日\r\n"
        '\t\t受理时限\t"当日\n受理"\t≤1工作日\r\n'
        "满意度指标\t服务对象满意度指标\t群众满意度\t满意度\t≥95%\r\n"
    )
    focus_cell(qtbot, window, cell(window, 0, COL_VALUE))
    key(Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    rows = [(a, b, i.name, i.display) for a, b, i in window.current_table().indicator_rows()]
    timely = [r for r in rows if r[1] == "时效指标"]
    assert timely[-2:] == [
        ("产出指标", "时效指标", "办结时限", "≤3工作日"),
        ("产出指标", "时效指标", "受理时限", "≤1工作日"),
    ]
    assert rows[-1] == ("满意度指标", "服务对象满意度指标", "群众满意度", "≥95%")
    assert "一级指标" not in {r[2] for r in rows}  # the header line is not a row
    assert window.statusBar().currentMessage() == (
        "已粘贴3行：产出指标/时效指标 2行，满意度指标/服务对象满意度指标 1行"
    )
    assert window.stack.count() == 1


@pytest.mark.parametrize(
    ("typed", "parts", "display"),
    [
        ("98%以上", ("≥", "98", "%"), "≥98%"),
        ("95%及以上", ("≥", "95", "%"), "≥95%"),
        ("不低于95%", ("≥", "95", "%"), "≥95%"),
        ("不少于12次", ("≥", "12", "次"), "≥12次"),
        ("不超过30万元", ("≤", "30", "万元"), "≤30万元"),
        ("不高于0.5万元/人", ("≤", "0.5", "万元/人"), "≤0.5万元/人"),
        ("3个以内", ("≤", "3", "个"), "≤3个"),
        ("10次以下", ("≤", "10", "次"), "≤10次"),
        ("小于等于2天", ("≤", "2", "天"), "≤2天"),
        ("低于5%", ("<", "5", "%"), "<5%"),
        ("高于90%", (">", "90", "%"), ">90%"),
    ],
)
def test_value_cell_reads_comparator_words(qtbot, window, typed, parts, display) -> None:
    editor = edit_cell(qtbot, window, 1, COL_VALUE)  # ≥365次
    type_text(editor, typed)
    press(editor, Qt.Key.Key_Return)
    target = indicator(window, 1)
    assert (target.comparator, target.value, target.unit) == parts
    assert target.display == display
    assert window.statusBar().currentMessage() == f"指标值“{typed}”读作“{display}”"
    assert window.stack.count() == 1  # one undoable step
    window.stack.undo()
    assert target.display == "≥365次"


@pytest.mark.parametrize("sentence", ["审减率3.5%以上", "2026年12月31日前完成", "有效提升"])
def test_value_cell_keeps_sentences_qualitative(qtbot, window, sentence) -> None:
    editor = edit_cell(qtbot, window, 1, COL_VALUE)
    type_text(editor, sentence)
    press(editor, Qt.Key.Key_Return)
    target = indicator(window, 1)
    assert (target.comparator, target.value, target.unit) == ("定性", sentence, "")


def test_pasted_rows_in_words_say_the_reading_once(qtbot, window) -> None:
    QGuiApplication.clipboard().setText(
        "一级指标\t二级指标\t三级指标\t绩效指标描述\t指标值\r\n"
        "产出指标\t时效指标\t办结时限\t按时办结\t3个工作日以内\r\n"
        "满意度指标\t服务对象满意度指标\t群众满意度\t满意度\t95%及以上\r\n"
    )
    focus_cell(qtbot, window, cell(window, 0, COL_VALUE))
    key(Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    rows = [(b, i.name, i.display) for _, b, i in window.current_table().indicator_rows()]
    assert ("时效指标", "办结时限", "≤3个工作日") in rows
    assert rows[-1] == ("服务对象满意度指标", "群众满意度", "≥95%")
    assert window.statusBar().currentMessage() == (
        "已粘贴2行：产出指标/时效指标 1行，满意度指标/服务对象满意度指标 1行；"
        "2个指标值的比较词按符号读取（如“3个工作日以内”读作“≤3个工作日”）"
    )


def test_pasting_words_into_one_cell_says_it_once(qtbot, window) -> None:
    QGuiApplication.clipboard().setText("98%以上\n")
    focus_cell(qtbot, window, cell(window, 1, COL_VALUE))
    key(Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert indicator(window, 1).display == "≥98%"
    assert window.statusBar().currentMessage() == "指标值“98%以上”读作“≥98%”"


def test_a_qualitative_value_in_words_is_split_by_its_fix_it(qtbot, window) -> None:
    from goaleditor.model.edits import SetField, Steps
    from tests.ui.test_ui_fixes import menu_actions

    target = indicator(window, 1)  # ≥365次, as an old file may hold it: 定性 “98%以上”
    parts = (("comparator", "定性"), ("value", "98%以上"), ("unit", ""))
    window.session.apply(Steps(tuple(SetField(target, n, v) for n, v in parts), "旧文件"))
    actions = menu_actions(window, "value.written-in-words")
    assert actions[1].text() == "&1 修复：拆为定量指标值：≥98%"
    actions[1].trigger()
    assert (target.comparator, target.value, target.unit) == ("≥", "98", "%")
    assert window.stack.undoText() == "修复问题"
    window.stack.undo()
    assert (target.comparator, target.value) == ("定性", "98%以上")
