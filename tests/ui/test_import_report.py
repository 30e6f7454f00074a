"""导入说明: an import's notes carry their table, show in a dialog, and 定位 goes there."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from goaleditor.formats import read_document
from goaleditor.formats.notes import ImportNote, locating, reading_order
from goaleditor.formats.readers.published_text import read as read_text
from goaleditor.formats.writers.excel import write as write_xlsx
from goaleditor.ui.import_report import ImportReport, split_place
from goaleditor.ui.main_window import MainWindow
from tests.helpers import run_cli

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "resources" / "examples" / "binhai-2026-published.txt"


@pytest.fixture
def noted_workbook(tmp_path: Path) -> Path:
    """The example as a workbook, with a cell far below the second table and a notes sheet."""
    path = tmp_path / "noted.xlsx"
    write_xlsx(read_text(EXAMPLE), path)
    book = load_workbook(path)
    book.worksheets[2]["A5000"] = "被隔开的内容"
    book.create_sheet("备注")["A1"] = "随便写写"
    book.save(path)
    return path


def _second_sheet(path: Path) -> str:
    return str(load_workbook(path, read_only=True).sheetnames[2])


def test_notes_name_the_table_they_belong_to(noted_workbook: Path) -> None:
    notes: list[ImportNote] = []
    document = read_document(noted_workbook, notes.append)
    lines = [str(note) for note in notes]
    sheet = _second_sheet(noted_workbook)
    gap = f"工作表“{sheet}”第5000行：此行起的内容在"
    located = [n for n in notes if str(n).startswith(gap)]
    assert len(located) == 1 and located[0].table == 1
    assert (located[0].sheet, located[0].row) == (sheet, 5000)
    assert document.tables[1].project_name in sheet
    assert "工作表“备注”不是绩效目标表，已跳过" in lines
    skipped = notes[lines.index("工作表“备注”不是绩效目标表，已跳过")]
    assert skipped.table is None  # a skipped sheet has no table to go to
    assert (skipped.sheet, skipped.row) == ("备注", None)


def test_an_import_note_is_one_line_rendered_from_its_place_and_message() -> None:
    note = ImportNote("单位已推测", "甲", 7, table=3)
    assert str(note) == note.text() == "工作表“甲”第7行：单位已推测"
    assert f"警告：{note}" == "警告：工作表“甲”第7行：单位已推测"
    assert (note.sheet, note.row, note.table) == ("甲", 7, 3)
    assert ImportNote("单位已推测", "甲", 7).table is None
    assert split_place(note) == ("工作表“甲”第7行", "单位已推测")
    page = ImportNote("跨页续表已合并", "第2页", 4, joiner="，")
    assert str(page) == "第2页第4行，跨页续表已合并"
    assert split_place(page) == ("第2页第4行", "跨页续表已合并")
    whole = ImportNote("文档中有1处文字已损坏")
    assert str(whole) == "文档中有1处文字已损坏" and whole.sheet == ""
    assert split_place(whole) == ("", "文档中有1处文字已损坏")


def test_a_note_goes_on_from_its_place_or_names_it_itself() -> None:
    skipped = ImportNote("不是绩效目标表，已跳过", "乙", joiner="")
    assert str(skipped) == "工作表“乙”不是绩效目标表，已跳过"
    assert split_place(skipped) == ("工作表“乙”", "不是绩效目标表，已跳过")
    table = ImportNote("“项目名称”一行：单元格里嵌套的表格未读取", "第3个表格", joiner="")
    assert str(table) == "第3个表格“项目名称”一行：单元格里嵌套的表格未读取"
    hidden = ImportNote("隐藏的工作表“旧版”未导入", "旧版", named_in_message=True)
    assert str(hidden) == "隐藏的工作表“旧版”未导入" and hidden.sheet == "旧版"
    assert split_place(hidden) == ("", "隐藏的工作表“旧版”未导入")


def test_the_report_shows_a_hostile_place_and_message_escaped(qtbot: QtBot) -> None:
    note = ImportNote("单位\x1b[2J已推测", "甲\n乙", 3)
    dialog = ImportReport("来源.xlsx", [note], None)
    qtbot.addWidget(dialog)
    shown = (dialog.table.item(0, 0).text(), dialog.table.item(0, 1).text())
    assert shown == ("工作表“甲\\n乙”第3行", "单位\\x1b[2J已推测")
    assert dialog.text().splitlines()[1] == "工作表“甲\\n乙”第3行：单位\\x1b[2J已推测"


def test_locating_adds_the_table_from_the_notes_place() -> None:
    asked: list[tuple[str, int | None]] = []

    def locate(sheet: str, row: int | None) -> int | None:
        asked.append((sheet, row))
        return 4 if sheet == "甲" else None

    seen: list[ImportNote] = []
    warn = locating(seen.append, locate)
    for note in (
        ImportNote("单位已推测", "甲", 7),
        ImportNote("不是绩效目标表，已跳过", "乙", joiner=""),
        ImportNote("工作簿中有重名部件"),
    ):
        warn(note)
    assert asked == [("甲", 7), ("乙", None)]  # a note about the whole file has no place
    assert [note.table for note in seen] == [4, None, None]
    assert str(seen[0]) == "工作表“甲”第7行：单位已推测"


def test_the_report_lists_each_note_and_locates_with_the_keyboard(qtbot: QtBot) -> None:
    notes = [
        ImportNote("单位已推测", "甲", 7, table=2),
        ImportNote("不是绩效目标表，已跳过", "乙", joiner=""),
    ]
    dialog = ImportReport("来源.xlsx", notes, None)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.windowTitle() == "导入说明"
    rows = [
        (dialog.table.item(r, 0).text(), dialog.table.item(r, 1).text())
        for r in range(dialog.table.rowCount())
    ]
    assert rows == [("工作表“甲”第7行", "单位已推测"), ("工作表“乙”", "不是绩效目标表，已跳过")]
    assert dialog.table.cellWidget(1, 2) is None  # nothing to go to for a skipped sheet
    (button,) = dialog.buttons
    button.setFocus()
    qtbot.keyClick(button, Qt.Key.Key_Space)
    assert dialog.chosen == 2 and not dialog.isVisible()


def test_opening_shows_the_report_and_goes_to_the_table(qtbot: QtBot, noted_workbook: Path) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    try:
        assert window.open_path(noted_workbook, ask=False)
        dialog = window.findChild(ImportReport, "import_report")
        assert isinstance(dialog, ImportReport) and dialog.isVisible()
        assert not dialog.isModal() and QApplication.activeModalWidget() is None
        assert (dialog.table.rowCount(), len(dialog.buttons)) == (2, 1)
        button = dialog.buttons[0]  # 定位, as the clerk would press it
        button.setFocus()
        qtbot.keyClick(button, Qt.Key.Key_Space)
        assert window.current_table() is window.document.tables[1]
        qtbot.waitUntil(lambda: window.findChild(ImportReport, "import_report") is None)
    finally:
        window.stack.setClean()  # close without asking about the unsaved import


def test_the_report_stays_beside_the_work_and_comes_back_from_the_menu(
    qtbot: QtBot, noted_workbook: Path
) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    try:
        assert not window.action.import_report.isEnabled()
        assert window.open_path(noted_workbook, ask=False)
        dialog = window.findChild(ImportReport, "import_report")
        assert isinstance(dialog, ImportReport)
        tables = len(window.document.tables)
        window.editor.view.setFocus()  # the clerk works while the report stays open
        window.action.add_table.trigger()
        assert dialog.isVisible() and len(window.document.tables) == tables + 1
        qtbot.keyClick(dialog.table, Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda: window.findChild(ImportReport, "import_report") is None)
        assert window.action.import_report.isEnabled()
        window.action.import_report.trigger()  # 文档 → 导入说明
        again = window.findChild(ImportReport, "import_report")
        assert isinstance(again, ImportReport) and again.isVisible()
        assert again.table.rowCount() == 2
        window.action.import_report.trigger()  # once open, the same report comes forward
        assert len(window.findChildren(ImportReport)) == 1
        window.stack.setClean()
        window.session.replace(read_document(noted_workbook, lambda _note: None), None)
        qtbot.waitUntil(lambda: window.findChild(ImportReport, "import_report") is None)
        assert not window.action.import_report.isEnabled()  # not about this document
    finally:
        window.stack.setClean()


def test_a_file_without_notes_shows_no_report(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "clean.xlsx"
    write_xlsx(read_text(EXAMPLE), path)
    window = MainWindow()
    qtbot.addWidget(window)

    def no_report(source: str, notes: object) -> None:
        raise AssertionError(f"unexpected report: {notes}")

    window.prompts.import_report = no_report  # type: ignore[method-assign]
    assert window.open_path(path, ask=False)
    assert window.current_table() is window.document.tables[0]
    window.stack.setClean()


def test_the_command_line_prints_one_line_per_note(noted_workbook: Path) -> None:
    result = run_cli("dump", noted_workbook)
    lines = [line for line in result.stderr.splitlines() if "警告" in line]
    assert "goaleditor: 警告：工作表“备注”不是绩效目标表，已跳过" in lines
    assert any("第5000行：此行起的内容在" in line for line in lines)
    assert result.returncode == 0 and '"tables"' in result.stdout


def _many_notes(count: int) -> list[ImportNote]:
    notes: list[ImportNote] = []
    for n in range(count):
        if n % 3 == 0:
            notes.append(ImportNote("“680万元”按680.00万元读入", f"表{n}", n + 4, table=n))
        elif n % 3 == 1:
            long = "这一行的说明很长，" * 12
            notes.append(ImportNote(f"{long}已按页脚跳过", f"表{n}", 3, table=0))
        else:
            skipped = "不是绩效目标表，已跳过"
            notes.append(ImportNote(skipped, f"附表{n}（参考资料）", joiner=""))
    return notes


def test_the_report_shows_as_many_notes_as_fit_the_screen(qtbot: QtBot) -> None:
    notes = _many_notes(40)
    dialog = ImportReport("同事.xlsx", notes, None)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    area = dialog.screen().availableGeometry()
    assert dialog.height() <= area.height() * 0.7 + 1 and dialog.width() <= area.width()
    table = dialog.table
    visible = [
        r
        for r in range(table.rowCount())
        if table.visualRect(table.model().index(r, 1)).intersects(table.viewport().rect())
    ]
    assert len(visible) >= 4  # not two rows in a small scrolling box
    assert table.height() >= 0.6 * dialog.height()  # the notes get the room
    assert table.verticalScrollBar().maximum() > 0  # the rest scroll
    # The 位置 column never takes the notes' room; a long note wraps to more lines.
    assert table.columnWidth(0) <= table.viewport().width() * 0.35
    assert table.rowHeight(1) > table.rowHeight(0)
    assert table.item(1, 1).toolTip() == str(notes[1])
    dialog.resize(dialog.width() + 200, dialog.height())  # resizable; rows follow the width
    qtbot.waitUntil(lambda: table.columnWidth(1) > 0)


def test_a_few_notes_make_a_small_report(qtbot: QtBot) -> None:
    few = ImportReport("同事.xlsx", _many_notes(3), None)
    many = ImportReport("同事.xlsx", _many_notes(40), None)
    qtbot.addWidget(few)
    qtbot.addWidget(many)
    assert few.height() < many.height()
    rows = sum(few.table.rowHeight(r) for r in range(3))
    assert few.table.height() >= rows  # all three rows show without scrolling


def test_enter_and_double_click_locate_and_esc_closes(qtbot: QtBot) -> None:
    notes = _many_notes(6)
    dialog = ImportReport("同事.xlsx", notes, None)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    table = dialog.table
    assert table.hasFocus() or dialog.focusWidget() is table
    qtbot.keyClick(table, Qt.Key.Key_Down)
    qtbot.keyClick(table, Qt.Key.Key_Down)
    qtbot.keyClick(table, Qt.Key.Key_Down)  # the 4th note belongs to table 3
    qtbot.keyClick(table, Qt.Key.Key_Return)
    assert dialog.chosen == 3 and not dialog.isVisible()

    dialog = ImportReport("同事.xlsx", notes, None)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    rect = dialog.table.visualRect(dialog.table.model().index(1, 1))
    viewport = dialog.table.viewport()
    # A real double click: a click, then the second press that Qt reports as a double click.
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())
    assert dialog.chosen == 0 and not dialog.isVisible()

    dialog = ImportReport("同事.xlsx", notes, None)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.keyClick(dialog.table, Qt.Key.Key_Escape)
    assert dialog.chosen is None and not dialog.isVisible()


def test_copy_all_puts_every_note_on_the_clipboard(qtbot: QtBot) -> None:
    notes = _many_notes(5)
    dialog = ImportReport("同事.xlsx", notes, None)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.copy_button.setFocus()
    qtbot.keyClick(dialog.copy_button, Qt.Key.Key_Space)
    text = QApplication.clipboard().text()
    assert text.splitlines() == ["“同事.xlsx”导入说明（共5处）：", *map(str, notes)]
    assert dialog.isVisible() and dialog.copy_button.text() == "已复制"
    dialog.table.setFocus()
    dialog.table.selectRow(2)
    qtbot.keyClick(dialog.table, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.clipboard().text().splitlines()[1:] == [str(notes[2])]


def test_a_file_opened_before_the_window_shows_reports_over_it(
    qtbot: QtBot, noted_workbook: Path
) -> None:
    """`goaleditor colleague.xlsx`: the file opens first, the report after the window shows."""
    window = MainWindow()
    qtbot.addWidget(window)
    seen: list[bool] = []

    def report(source: str, notes: object) -> None:
        seen.append(window.isVisible())

    window.prompts.import_report = report  # type: ignore[method-assign]
    assert window.open_path(noted_workbook, ask=False)
    assert seen == [] and window.session.reports.is_pending()
    window.show()
    qtbot.waitUntil(lambda: seen == [True])
    assert not window.session.reports.is_pending()
    window.stack.setClean()


def test_notes_are_listed_in_reading_order() -> None:
    notes = [
        ImportNote("表下的“填报人”不是指标，已跳过", "表2", 24),
        ImportNote("一级指标为空，按第17行的“产出指标”填写", "表2", 14),
        ImportNote("文档中有修订标记：按接受全部修订后的文字读取"),
        ImportNote("预算数“/”读作空白", "表1", 3),
        ImportNote("…", "第12页", 5),
        ImportNote("…", "第2页"),
    ]
    assert reading_order(notes) == [notes[2], notes[1], notes[0], notes[3], notes[5], notes[4]]
    assert [str(note) for note in reading_order(notes)][:2] == [
        "文档中有修订标记：按接受全部修订后的文字读取",
        "工作表“表2”第14行：一级指标为空，按第17行的“产出指标”填写",
    ]


def test_pages_and_word_tables_are_ordered_by_their_number() -> None:
    notes = [
        ImportNote("“指标”一行：单元格里嵌套的表格未读取", "第10个表格", joiner=""),
        ImportNote("在文本框中：按文本框所在段落的位置读取", "第2个表格", joiner=""),
        ImportNote("文字越过单元格边框，可能不完整", "第2个表格", 3),
    ]
    assert reading_order(notes) == [notes[1], notes[2], notes[0]]
