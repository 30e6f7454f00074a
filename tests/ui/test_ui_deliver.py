"""Delivering from the editor: Word export, copy as a table, characters no font can draw."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest

from goaleditor.model.edits import SetHeader
from tests.helpers import answer


class _Spans(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.cells: list[dict[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "td":
            self.cells.append(dict(attrs))


def test_copy_as_table_puts_html_and_tsv_on_the_clipboard(window) -> None:
    window.editor.view.setFocus()
    QTest.keyClick(
        window,
        Qt.Key.Key_C,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    data = QGuiApplication.clipboard().mimeData()
    assert data.hasHtml() and data.hasText()
    parser = _Spans()
    parser.feed(data.html())
    assert any(cell.get("rowspan") for cell in parser.cells)  # 一级 merged down
    assert any(cell.get("colspan") for cell in parser.cells)  # 描述 across two columns
    assert "2026年政务服务办运行经费" in data.html()
    rows = data.text().split("\r\n")
    assert any(row.startswith("一级指标\t二级指标\t三级指标") for row in rows)


def test_export_word_from_the_menu(window, tmp_path: Path) -> None:
    from goaleditor.formats.readers.word.reader import read
    from tests.compare import document_differences

    target = tmp_path / "导出.docx"
    window.prompts.save_name = lambda title, start, kind: target
    answer(window, "关闭")
    window.action.export_docx.trigger()
    assert document_differences(read(target), window.document) == []


def test_a_pdf_with_characters_no_font_has_asks_first(window, tmp_path: Path) -> None:
    table = window.current_table()
    window.session.apply(SetHeader(table, "project_name", "测试😀项目"))
    target = tmp_path / "x.pdf"
    window.prompts.save_name = lambda title, start, kind: target
    asked = answer(window, "取消")
    window.action.export_pdf.trigger()
    assert "字体无法显示" in asked[0] and not target.exists()
