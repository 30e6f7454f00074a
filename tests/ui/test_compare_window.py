"""文件 → 比较…: the changes listed, gone to, marked in the tree, the form and the page view,
kept current while the clerk edits, and cleared by 关闭比较."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from goaleditor.formats.readers.published_text import read
from goaleditor.model.document import Document, Indicator
from goaleditor.model.edits import SetField, SetHeader
from goaleditor.model.store import save_document
from goaleditor.ui.compare_marks import TINT
from goaleditor.ui.compare_panel import SAME
from goaleditor.ui.field_marks import CHANGED_BASE, CHANGED_FROM
from goaleditor.ui.indicator_model import COL_DESCRIPTION, COL_DISPLAY, COL_NAME, COL_VALUE
from tests.ui.test_live_view import show_view

BACKGROUND, TOOLTIP = Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ToolTipRole
OLD_GOAL = "1.去年的绩效目标。"


def row(document: Document, name: str, table: int = 0) -> Indicator:
    """The indicator of that name in a table."""
    return next(i for _, _, i in document.tables[table].indicator_rows() if i.name == name)


@pytest.fixture
def edited_copy(tmp_path: Path, example_path: Path) -> Path:
    """Last version of the example as a .goals file: 提供服务人数 ≥35人, 网络覆盖率 not yet
    there, one more 质量指标 (旧的抽检合格率) and another 绩效目标 in table 1."""
    old = read(example_path)
    row(old, "提供服务人数").value = "35"
    quantity = old.tables[0].children[0].children[0]
    quantity.children.remove(row(old, "网络覆盖率"))
    quality = old.tables[0].children[0].children[1]
    quality.children.insert(1, Indicator("旧的抽检合格率", "", "≥", "80", "%"))
    quality.children[1].parent = quality
    old.tables[0].goal = OLD_GOAL
    path = tmp_path / "去年.goals"
    save_document(old, path)
    return path


def comparing(window):
    return window.action.comparing


def panel_lines(window) -> list[str]:
    return [change.line() for change in comparing(window).panel.changes]


def activate(qtbot, window, text: str) -> None:
    """Choose the change whose line holds text and press Enter, as the clerk does."""
    panel = comparing(window).panel
    number = next(n for n, c in enumerate(panel.changes) if text in c.line())
    panel.tree.setCurrentItem(panel.tree.topLevelItem(number))
    panel.tree.setFocus()
    QTest.keyClick(panel.tree, Qt.Key.Key_Return)


def cell(window, node: Indicator, column: int, role: Qt.ItemDataRole):
    model = window.editor.model
    return model.data(model.index_of(node, column), role)


def test_compare_with_a_file_lists_goes_to_and_marks_the_changes(
    qtbot, window, edited_copy: Path
) -> None:
    window.prompts.open_name = lambda *_args: edited_copy  # type: ignore[method-assign]
    window.action.comparing.with_file.trigger()
    qtbot.waitUntil(lambda: comparing(window).comparison is not None)
    assert window.stack.count() == 0  # comparing is no edit
    assert panel_lines(window) == [
        "表1 2026年政务服务办运行经费 绩效目标：1.去年的绩效目标。 → "
        + window.document.tables[0].goal.replace("\n", "⏎"),
        "表1 2026年政务服务办运行经费 产出指标/数量指标/提供服务人数 指标值：≥35人 → ≥40人",
        "表1 2026年政务服务办运行经费 产出指标/数量指标/网络覆盖率 新增三级指标：≥90%",
        "表1 2026年政务服务办运行经费 产出指标/质量指标/旧的抽检合格率 删除三级指标：≥80%",
    ]
    dock = comparing(window).dock
    assert dock.isVisible() and dock.windowTitle() == "比较（4处修改）"
    assert comparing(window).panel.summary.text() == "与“去年.goals”比较：4处修改"
    serving = row(window.document, "提供服务人数")
    assert cell(window, serving, COL_VALUE, BACKGROUND) == TINT
    assert cell(window, serving, COL_DISPLAY, TOOLTIP) == "原：≥35人"
    assert cell(window, serving, COL_NAME, BACKGROUND) is None  # only what changed
    assert cell(window, serving, COL_DESCRIPTION, BACKGROUND) is None
    added = row(window.document, "网络覆盖率")
    assert cell(window, added, COL_NAME, TOOLTIP) == "新增三级指标"
    goal = window.header_form.editor("goal")
    assert goal.property(CHANGED_FROM) == f"原：{OLD_GOAL}"
    assert goal.viewport().palette().base().color() == CHANGED_BASE  # what is painted
    assert OLD_GOAL in goal.toolTip()

    activate(qtbot, window, "提供服务人数")
    view = window.editor.view
    assert window.editor.model.node(view.currentIndex()) is serving
    assert view.currentIndex().column() == COL_DISPLAY and view.hasFocus()
    activate(qtbot, window, "旧的抽检合格率")  # removed: the row now where it stood
    assert window.editor.model.node(view.currentIndex()) is row(window.document, "供热标准")
    assert "已删除" in window.statusBar().currentMessage()
    activate(qtbot, window, "绩效目标")
    assert goal.hasFocus()


def test_an_edit_is_compared_again_and_its_mark_follows(qtbot, window, edited_copy: Path) -> None:
    assert comparing(window).compare_with_path(edited_copy)
    serving = row(window.document, "提供服务人数")
    window.session.apply(SetField(serving, "value", "35"))  # as last year again
    qtbot.waitUntil(lambda: len(panel_lines(window)) == 3)
    assert cell(window, serving, COL_VALUE, BACKGROUND) is None
    assert cell(window, serving, COL_DISPLAY, TOOLTIP) != "原：≥35人"
    window.stack.undo()  # undo stays the document's: the difference and its mark come back
    qtbot.waitUntil(lambda: len(panel_lines(window)) == 4)
    assert cell(window, serving, COL_VALUE, BACKGROUND) == TINT
    assert window.stack.index() == 0 and window.stack.count() == 1
    rows = window.document.tables[0].children[0].children[0].children
    window.session.apply(SetField(rows[0], "name", "办公用房面积"))  # rows move under marks
    qtbot.waitUntil(lambda: len(panel_lines(window)) == 5)
    assert cell(window, rows[0], COL_NAME, TOOLTIP) == "原：政务服务中心管理办公用房及周围面积"
    assert cell(window, serving, COL_VALUE, BACKGROUND) == TINT


def test_the_forms_marks_follow_the_table_shown_and_closing_clears_every_mark(
    qtbot, window, edited_copy: Path
) -> None:
    view = show_view(qtbot, window)
    assert comparing(window).compare_with_path(edited_copy)
    serving = row(window.document, "提供服务人数")
    printed = view.boxes(serving, "indicator.display")
    assert printed and all(box in view.changed() for box in printed)
    assert not any(box in view.changed() for box in view.boxes(serving, "indicator.name"))
    goal = window.header_form.editor("goal")
    window.table_list.setCurrentIndex(window.table_model.index(1))
    assert goal.property(CHANGED_FROM) is None and goal.palette().base().color() != CHANGED_BASE
    window.table_list.setCurrentIndex(window.table_model.index(0))
    assert goal.property(CHANGED_FROM) == f"原：{OLD_GOAL}"
    qtbot.mouseClick(comparing(window).panel.close_button, Qt.MouseButton.LeftButton)
    assert not comparing(window).dock.isVisible()
    assert cell(window, serving, COL_VALUE, BACKGROUND) is None
    assert cell(window, serving, COL_DISPLAY, TOOLTIP) != "原：≥35人"
    assert goal.property(CHANGED_FROM) is None and goal.palette().base().color() != CHANGED_BASE
    assert view.changed() == []
    window.session.apply(SetHeader(window.document.tables[0], "goal", "再改一次"))
    QTest.qWait(400)  # closed: an edit compares nothing
    assert comparing(window).comparison is None and view.changed() == []


def test_compare_with_the_version_on_disk(qtbot, window, tmp_path: Path) -> None:
    disk = comparing(window).with_disk
    assert not disk.isEnabled()  # an import not saved: no version on disk
    assert window.session.save_to(tmp_path / "本年.goals")
    assert not disk.isEnabled()  # saved and not edited since
    serving = row(window.document, "提供服务人数")
    window.session.apply(SetField(serving, "value", "45"))
    assert disk.isEnabled()
    disk.trigger()
    qtbot.waitUntil(lambda: comparing(window).comparison is not None)
    assert panel_lines(window) == [
        "表1 2026年政务服务办运行经费 产出指标/数量指标/提供服务人数 指标值：≥40人 → ≥45人"
    ]
    assert comparing(window).panel.summary.text() == "与“磁盘上的本年.goals”比较：1处修改"
    assert cell(window, serving, COL_VALUE, TOOLTIP) == "原：≥40人"
    assert window.save()  # saved: the document is the disk's version now
    assert not disk.isEnabled()
    window.session.apply(SetField(serving, "value", "50"))
    assert disk.isEnabled()


def test_the_same_version_says_so(qtbot, window, example_path: Path) -> None:
    assert comparing(window).compare_with_path(example_path)
    panel = comparing(window).panel
    assert panel.changes == () and panel.empty.isVisible() and panel.empty.text() == SAME
    assert panel.summary.text().endswith(SAME)


def test_a_file_that_cannot_be_read_is_one_line(qtbot, window, tmp_path: Path) -> None:
    broken = tmp_path / "坏的.xlsx"
    broken.write_bytes(b"not a workbook at all")
    said: list[tuple[str, str]] = []
    window.prompts.error = lambda title, text: said.append((title, text))  # type: ignore[method-assign]
    assert not comparing(window).compare_with_path(broken)
    ((title, text),) = said
    assert title == "无法比较" and "\n" not in text and text
    assert comparing(window).comparison is None and comparing(window).dock is None


def test_opening_another_document_ends_the_comparison(
    qtbot, window, edited_copy: Path, example_path: Path
) -> None:
    assert comparing(window).compare_with_path(edited_copy)
    assert window.open_path(example_path, ask=False)
    assert comparing(window).comparison is None and not comparing(window).dock.isVisible()
    assert not comparing(window).marks.active


def test_a_double_click_goes_to_a_change(qtbot, window, edited_copy: Path) -> None:
    assert comparing(window).compare_with_path(edited_copy)
    tree = comparing(window).panel.tree
    item = tree.topLevelItem(2)  # 网络覆盖率 added
    assert item.text(2) == "新增三级指标" and item.text(4) == "≥90%"
    tree.scrollToItem(item)
    point = tree.visualItemRect(item).center()
    assert tree.viewport().rect().contains(point)
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=point)  # the press first
    qtbot.mouseDClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=point)
    current = window.editor.view.currentIndex()
    assert window.editor.model.node(current) is row(window.document, "网络覆盖率")


def test_a_single_click_goes_to_a_change_as_in_the_problems_panel(
    qtbot, window, edited_copy: Path
) -> None:
    assert comparing(window).compare_with_path(edited_copy)
    tree = comparing(window).panel.tree
    item = tree.topLevelItem(2)  # 网络覆盖率 added
    assert item.text(2) == "新增三级指标"
    tree.scrollToItem(item)
    point = tree.visualItemRect(item).center()
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=point)
    current = window.editor.view.currentIndex()
    assert window.editor.model.node(current) is row(window.document, "网络覆盖率")


def test_a_long_texts_marks_are_painted_in_its_viewport(qtbot, window) -> None:
    """The palette of a QPlainTextEdit does not reach its viewport by itself: the 待填写 marker
    of an empty 资金用途 was set but never seen."""
    from goaleditor.ui.field_marks import TO_FILL_BASE

    window.session.apply(SetHeader(window.document.tables[0], "fund_use", ""))
    fund_use = window.header_form.editor("fund_use")
    assert fund_use.viewport().palette().base().color() == TO_FILL_BASE
    image = fund_use.grab().toImage()
    assert image.pixelColor(image.width() - 12, image.height() - 6) == TO_FILL_BASE


def test_the_page_view_shown_after_comparing_gets_the_marks(
    qtbot, window, edited_copy: Path
) -> None:
    assert comparing(window).compare_with_path(edited_copy)
    view = show_view(qtbot, window)  # built now, after the comparison
    serving = row(window.document, "提供服务人数")
    qtbot.waitUntil(lambda: bool(view.changed()))
    assert all(box in view.changed() for box in view.boxes(serving, "indicator.display"))
    assert all(box in view.changed() for box in view.boxes(window.document.tables[0], "goal"))


def test_compare_with_a_workbook_read_as_opened(
    qtbot, window, tmp_path: Path, example_path: Path
) -> None:
    """Another format goes through the reading of 打开: last year's version as an .xlsx."""
    from goaleditor.formats.writers.excel import write as write_xlsx

    workbook = tmp_path / "去年.xlsx"
    old = read(example_path)
    row(old, "月均运维成本").value = "6"
    write_xlsx(old, workbook)
    assert comparing(window).compare_with_path(workbook)
    assert panel_lines(window) == [
        "表1 2026年政务服务办运行经费 产出指标/成本指标/月均运维成本 指标值：≤6万元 → ≤5万元"
    ]
