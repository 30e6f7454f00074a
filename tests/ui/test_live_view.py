"""The 页面视图 dock: the current table as printed, following edits, clicks and the tree."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, QRectF, QSettings, Qt
from PySide6.QtGui import QColor, QWheelEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from goaleditor.formats.layout import official
from goaleditor.model.document import Indicator, Level1, Level2
from goaleditor.model.edits import SetField, SetHeader, SetProperties
from goaleditor.ui.indicator_model import COL_DESCRIPTION, COL_NAME, COL_VALUE


def show_view(qtbot, window):
    """Press F8 as the clerk does and wait for the view to be built and laid out."""
    window.resize(1366, 768)  # a laptop's screen (the offscreen one is smaller)
    window.activateWindow()
    qtbot.waitActive(window)
    QTest.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_F8)
    dock = window.live_dock
    qtbot.waitUntil(lambda: dock.view is not None and bool(dock.view.pages))
    qtbot.waitUntil(lambda: dock.width() > 500)  # widened to 2/5 of the window
    return dock.view


def indicators(window, number: int = 0) -> list[Indicator]:
    return [ind for _, _, ind in window.document.tables[number].indicator_rows()]


def click(qtbot, view, source: object, field: str, double: bool = False) -> None:
    """Click the middle of where the field is printed (scrolled into view first)."""
    index, box = view.boxes(source, field)[0]
    view.verticalScrollBar().setValue(round(view.page_rect(index).top() + box.top() * view.scale()))
    point = view.view_rect(index, box).center().toPoint()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    if double:
        qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)


def test_starts_hidden_on_a_laptop_screen_and_f8_shows_and_hides_it(qtbot, window) -> None:
    dock = window.live_dock
    assert window.screen().availableGeometry().width() < 1600  # the offscreen screen
    assert not dock.isVisible() and dock.view is None  # nothing laid out, no fonts loaded
    view = show_view(qtbot, window)
    assert dock.isVisible()
    assert view.grid is not None and view.grid.title == "1.2026年政务服务办运行经费绩效目标表"
    assert dock.toggle_action in window.menuBar().actions()[3].menu().actions()
    QTest.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_F8)
    assert not dock.isVisible()


def test_its_visibility_is_remembered(qtbot, window, tmp_path: Path) -> None:
    from goaleditor.ui.main_window import MainWindow

    show_view(qtbot, window)
    window.close()  # saves the window state
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    again = MainWindow(settings)
    again.show()
    qtbot.waitExposed(again)
    assert again.live_dock.isVisible()
    qtbot.waitUntil(lambda: again.live_dock.view is not None)
    again.close()
    again.deleteLater()


def test_draws_the_pdfs_own_pages(qtbot, window) -> None:
    from goaleditor.formats.writers.pdf import layout_pages

    view = show_view(qtbot, window)
    window.table_list.setCurrentIndex(window.table_model.index(2))
    qtbot.waitUntil(lambda: view.grid is not None and view.grid.number == 3)
    pdf_pages = layout_pages(window.document)[2]

    def boxes(pages):
        return [[(c.x, c.y, c.width, c.height, c.lines) for c in page.cells] for page in pages]

    assert boxes(view.pages) == boxes(pdf_pages)
    assert [p.title_lines for p in view.pages] == [p.title_lines for p in pdf_pages]


def test_follows_an_edit_and_its_undo(qtbot, window) -> None:
    view = show_view(qtbot, window)
    third = indicators(window)[2]
    window.session.apply(SetField(third, "description", "新的描述文字"))
    qtbot.waitUntil(lambda: "新的描述文字" in view.text())
    assert "提供服务人数" in view.text()  # its 三级 name
    window.stack.undo()
    qtbot.waitUntil(lambda: "新的描述文字" not in view.text())
    assert view.text().count("提供服务人数") == 2


def test_follows_typing_in_the_header_form(qtbot, window) -> None:
    view = show_view(qtbot, window)
    name = window.header_form.editor("project_name")
    name.setFocus()
    qtbot.waitUntil(name.hasFocus)
    QTest.keyClick(name, Qt.Key.Key_End)
    QTest.keyClicks(name, " B2")  # QTest types ASCII only
    qtbot.waitUntil(lambda: view.grid.title == "1.2026年政务服务办运行经费 B2绩效目标表")


def test_only_the_shown_table_is_laid_out_again(qtbot, window, monkeypatch) -> None:
    view = show_view(qtbot, window)
    laid_out = []
    real = official.build_grid

    def counting(document, table, *args, **kwargs):
        laid_out.append(table)
        return real(document, table, *args, **kwargs)

    monkeypatch.setattr(official, "build_grid", counting)
    document = window.document
    shown, other = document.tables[0], document.tables[3]
    window.session.apply(SetHeader(other, "goal", "另一个表的目标"))
    window.session.apply(SetField(indicators(window, 3)[0], "name", "别的"))
    qtbot.wait(20)
    assert laid_out == []
    for text in ("甲", "甲乙", "甲乙丙"):  # a burst of edits: one layout
        window.session.apply(SetHeader(shown, "fund_use", text))
    qtbot.waitUntil(lambda: "甲乙丙" in view.text())
    assert laid_out == [shown]
    window.session.apply(SetProperties({"agency_name": "某某单位"}))
    qtbot.waitUntil(lambda: view.pages[0].agency.endswith("某某单位"))
    assert laid_out == [shown, shown]  # a document property: the shown table only


def test_hidden_it_lays_out_nothing_until_shown(qtbot, window) -> None:
    view = show_view(qtbot, window)
    before = view.layouts
    window.live_dock.toggle_action.trigger()
    assert not window.live_dock.isVisible()
    for text in ("一", "二"):
        window.session.apply(SetHeader(window.document.tables[0], "goal", text))
    qtbot.wait(20)
    assert view.layouts == before
    window.live_dock.toggle_action.trigger()
    qtbot.waitUntil(lambda: view.layouts == before + 1)
    assert "二" in view.text()


def test_clicking_an_indicator_cell_selects_its_field_in_the_tree(qtbot, window) -> None:
    view = show_view(qtbot, window)
    tree, model = window.editor.view, window.editor.model
    third = indicators(window)[2]
    for field, column in (
        ("indicator.description", COL_DESCRIPTION),
        ("indicator.display", COL_VALUE),
        ("indicator.name", COL_NAME),
    ):
        click(qtbot, view, third, field)
        assert model.node(tree.currentIndex()) is third
        assert tree.currentIndex().column() == column
        assert window.focusWidget() is tree
    click(qtbot, view, third, "level2")
    assert model.node(tree.currentIndex()) is third.parent
    click(qtbot, view, indicators(window)[0], "level1")  # merged: the first row's
    assert model.node(tree.currentIndex()) is third.parent.parent


def test_double_click_starts_editing_the_cell(qtbot, window) -> None:
    view = show_view(qtbot, window)
    click(qtbot, view, indicators(window)[1], "indicator.description", double=True)
    editor = QApplication.focusWidget()
    assert editor is not window.editor.view and window.editor.view.isAncestorOf(editor)
    assert editor.text() == "政务服务中心硬件维护、维修次数"


def test_clicking_the_header_focuses_the_form(qtbot, window) -> None:
    view = show_view(qtbot, window)
    table, form = window.document.tables[0], window.header_form
    for field in ("fund_use", "budget_fiscal", "goal", "project_name"):
        click(qtbot, view, table, field)
        assert window.focusWidget() is form.editor(field), field
    index, title = view.boxes(table, "project_name")[-1]  # the printed title
    view.verticalScrollBar().setValue(0)
    form.editor("goal").setFocus()
    qtbot.mouseClick(
        view.viewport(),
        Qt.MouseButton.LeftButton,
        pos=view.view_rect(index, title).center().toPoint(),
    )
    assert window.focusWidget() is form.editor("project_name")
    printed = view.boxes(table, "budget_total")
    assert len(printed) == 2  # the amount and its label
    label = min((box for _, box in printed), key=QRectF.left)
    point = view.view_rect(0, label).center().toPoint()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert window.focusWidget() is form.editor("budget_total")  # the 预算数 label


def test_the_current_tree_cell_is_marked(qtbot, window) -> None:
    view = show_view(qtbot, window)
    tree = window.editor.view
    second = indicators(window)[1]
    window.editor.select_node(second, COL_NAME)
    tree.setFocus()
    qtbot.waitUntil(tree.hasFocus)
    assert view.marked() == view.boxes(second, "indicator.name")
    QTest.keyClick(tree, Qt.Key.Key_Right)  # 绩效指标描述
    assert view.marked() == view.boxes(second, "indicator.description")
    QTest.keyClick(tree, Qt.Key.Key_Right)  # 指标性质: printed in 指标值
    assert view.marked() == view.boxes(second, "indicator.display")
    QTest.keyClick(tree, Qt.Key.Key_Down)
    assert view.marked() == view.boxes(indicators(window)[2], "indicator.display")
    level1 = window.document.tables[0].children[0]
    assert isinstance(level1, Level1)
    window.editor.select_node(level1)
    assert view.marked() == view.boxes(indicators(window)[0], "level1")
    level2 = level1.children[0]
    assert isinstance(level2, Level2)
    window.editor.select_node(level2)
    assert len(view.marked()) == len(level2.children)  # 二级 printed on each of its rows
    form = window.header_form.editor("budget_total")
    form.setFocus()
    qtbot.waitUntil(form.hasFocus)
    assert view.marked() == view.boxes(window.document.tables[0], "budget_total")


def test_the_mark_is_painted(qtbot, window) -> None:
    view = show_view(qtbot, window)
    fourth = indicators(window)[3]
    window.editor.select_node(fourth, COL_DESCRIPTION)
    index, box = view.marked()[0]
    image = view.viewport().grab().toImage()
    corner = view.view_rect(index, box).topLeft().toPoint() + QPoint(3, 3)
    colour = QColor(image.pixel(corner))
    assert colour.blue() < colour.red() - 40  # the translucent yellow over white paper
    other = view.view_rect(index, view.boxes(fourth, "indicator.name")[0][1])
    assert QColor(image.pixel(other.topLeft().toPoint() + QPoint(3, 3))) == QColor("white")


def test_a_mark_far_down_a_long_table_is_scrolled_into_view(qtbot, window) -> None:
    from bench.common import big_document

    view = show_view(qtbot, window)
    document = big_document(tables=2, indicators=90)
    window.session.replace(document, None, unsaved=True)
    qtbot.waitUntil(lambda: view.grid is not None and len(view.pages) >= 3)
    assert view.verticalScrollBar().value() == 0
    last = list(document.tables[0].indicator_rows())[-1][2]
    window.editor.select_node(last, COL_DESCRIPTION)
    index, box = view.marked()[0]
    assert index == len(view.pages) - 1
    assert QRectF(view.viewport().rect()).contains(view.view_rect(index, box))
    window.stack.setClean()


def test_zoom_combo_buttons_and_ctrl_wheel(qtbot, window) -> None:
    view = show_view(qtbot, window)
    dock = window.live_dock
    assert view.fit and dock.zoom_box.currentText() == "适合宽度"
    width = view.viewport().width()
    assert view.page_rect(0).width() == pytest.approx(width - 24, abs=1)
    dock.zoom_box.setCurrentText("200%")
    dock.zoom_box.textActivated.emit("200%")
    assert view.zoom == 2.0 and not view.fit
    assert view.horizontalScrollBar().maximum() > 0
    dock.zoom_out_action.trigger()
    assert view.zoom == 1.75 and dock.zoom_box.currentText() == "175%"
    wheel = QWheelEvent(
        QPointF(50, 50),
        QPointF(view.viewport().mapToGlobal(QPoint(50, 50))),
        QPoint(),
        QPoint(0, -120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.ControlModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(view.viewport(), wheel)
    assert view.zoom == 1.5
    dock.zoom_box.textActivated.emit("适合宽度")
    assert view.fit and view.page_rect(0).width() == pytest.approx(width - 24, abs=1)


def test_follows_the_table_list_and_another_document(qtbot, window, tmp_path: Path) -> None:
    view = show_view(qtbot, window)
    window.table_list.setCurrentIndex(window.table_model.index(4))
    qtbot.waitUntil(lambda: view.grid.number == 5)
    assert view.grid.title.startswith("5.2026年政务服务办评审工作专项经费")
    from bench.common import big_document

    window.session.replace(big_document(tables=3, indicators=4), None, unsaved=True)
    qtbot.waitUntil(lambda: view.grid is not None and view.grid.title.startswith("1.2026年第1个"))
    window.stack.setClean()
