"""Guarding the output: errors asked about before export and print, names and folders
suggested for saving and exporting, and the offer to open what was exported."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from PySide6.QtCore import QSettings

from goaleditor.model.edits import SetField, SetHeader
from tests.helpers import answer


def _two_errors(window) -> None:
    first, second = window.document.tables[0], window.document.tables[1]
    window.session.apply(SetHeader(first, "budget_fiscal", Decimal("1")))
    name = next(second.indicator_rows())[2]
    window.session.apply(SetField(name, "name", ""))


def test_export_with_errors_asks_first_and_cancel_writes_nothing(window, tmp_path: Path) -> None:
    _two_errors(window)
    out = tmp_path / "out.pdf"
    asked_for_name: list[Path] = []
    window.prompts.save_name = lambda title, start, kind: asked_for_name.append(start) or out
    asked = answer(window, "取消")
    window.action.export_pdf.trigger()
    assert asked == ["还有2个错误，仍要导出？"]
    assert not asked_for_name and not out.exists()


def test_export_with_errors_all_the_same_then_open_the_folder(window, tmp_path: Path) -> None:
    _two_errors(window)
    out = tmp_path / "导出" / "out.xlsx"
    out.parent.mkdir()
    window.prompts.save_name = lambda title, start, kind: out
    opened: list[str] = []
    window.exporter.open_url = lambda url: opened.append(url.toLocalFile()) or True
    asked = answer(window, "仍要导出", "打开所在文件夹(&F)")
    window.action.export_xlsx.trigger()
    assert asked == ["还有2个错误，仍要导出？", f"已导出：{out}"]
    assert out.exists() and opened == [str(out.parent)]


def test_export_without_errors_asks_nothing_before_and_offers_to_open(window, tmp_path) -> None:
    out = tmp_path / "doc.json"
    window.prompts.save_name = lambda title, start, kind: out
    opened: list[str] = []
    window.exporter.open_url = lambda url: opened.append(url.toLocalFile()) or True
    asked = answer(window, "打开文件(&O)")
    window.action.export_json.trigger()
    assert asked == [f"已导出：{out}"] and opened == [str(out)]


def test_print_with_errors_asks_first(window, monkeypatch) -> None:
    import goaleditor.ui.printing as printing

    printed: list[Path] = []
    monkeypatch.setattr(printing, "print_pdf", lambda pdf, parent: printed.append(pdf))
    _two_errors(window)
    asked = answer(window, "取消", "仍要打印")
    window.action.print.trigger()
    assert not printed
    window.action.print.trigger()
    assert asked == ["还有2个错误，仍要打印？"] * 2
    assert [p.name for p in printed] == ["2026年政务服务办运行经费.pdf"]


def test_names_come_from_the_document_and_the_folder_from_the_last_one_used(
    window, tmp_path: Path, example_path: Path
) -> None:
    session = window.session
    pdf_start: list[Path] = []
    window.prompts.save_name = lambda title, start, kind: pdf_start.append(start)
    window.action.export_pdf.trigger()
    # Imported, never saved: the first project's name, where the import came from.
    assert pdf_start == [example_path.parent.resolve() / "2026年政务服务办运行经费.pdf"]
    window.session.apply(_title("滨海新区/政务服务办 2026"))
    assert session.suggested_name(".goals").name == "滨海新区_政务服务办 2026.goals"
    target = tmp_path / "存档" / "a.goals"
    target.parent.mkdir()
    assert session.save_to(target)
    assert session.suggested_name(".pdf") == target.with_suffix(".pdf")
    assert window.windowTitle().startswith("a.goals[*] — ") and not window.isWindowModified()


def test_without_names_the_source_file_and_documents_folder(qtbot, tmp_path: Path) -> None:
    from goaleditor.model.document import Document
    from goaleditor.ui.app import create_application
    from goaleditor.ui.main_window import MainWindow
    from goaleditor.ui.session import documents_folder

    create_application()
    settings = QSettings(str(tmp_path / "fresh.ini"), QSettings.Format.IniFormat)
    window = MainWindow(settings)
    qtbot.addWidget(window)
    start = window.session.suggested_name(".goals")
    assert start == documents_folder() / "未命名.goals"
    assert start.parent != Path.cwd() and start.parent != Path(__file__).parents[1]
    window.session.replace(Document(), None)
    window.session.source = tmp_path / "来源表格.xlsx"
    assert window.session.suggested_name(".pdf").name == "来源表格.pdf"


def _title(text: str):
    from goaleditor.model.edits import SetProperties

    return SetProperties({"title": text})


def test_enter_in_the_export_done_box_closes_it_without_opening(window, tmp_path: Path) -> None:
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication, QMessageBox

    out = tmp_path / "doc.json"
    window.prompts.save_name = lambda title, start, kind: out
    opened: list[str] = []
    window.exporter.open_url = lambda url: opened.append(url.toLocalFile()) or True
    seen: list[str] = []

    def press(key: Qt.Key, modifier: Qt.KeyboardModifier) -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox) and box.objectName() == "exported"
        seen.append(box.defaultButton().text())
        # To the box's window, as the keyboard does: Alt+O is a shortcut, seen there first.
        QTest.keyClick(box.windowHandle(), key, modifier)
        for _ in range(100):  # a shortcut clicks its button after a short animation
            if not box.isVisible():
                return
            QTest.qWait(20)
        if box.isVisible():
            box.reject()  # the key did nothing: fail below, do not hang

    no_modifier = Qt.KeyboardModifier.NoModifier
    QTimer.singleShot(0, lambda: press(Qt.Key.Key_Return, no_modifier))
    window.action.export_json.trigger()
    assert seen == ["关闭"] and opened == [] and out.exists()
    QTimer.singleShot(0, lambda: press(Qt.Key.Key_O, Qt.KeyboardModifier.AltModifier))
    window.action.export_json.trigger()
    assert opened == [str(out)]  # Alt+O: 打开文件


def test_export_of_a_title_too_long_for_word_properties_says_so_in_chinese(
    window, tmp_path: Path
) -> None:
    out = tmp_path / "long.docx"
    window.session.apply(_title("标" * 300))
    window.prompts.save_name = lambda title, start, kind: out
    shown: list[tuple[str, str]] = []

    def choose(kind, name, title, text, buttons, detail="", default=0):
        shown.append((text, detail))
        return "关闭"

    window.prompts.choose = choose
    window.action.export_docx.trigger()
    assert out.exists()
    assert shown == [(f"已导出：{out}", "标题超过255个字符，文档属性中已截短；表格中的标题完整")]
