"""Print preview and printing of a many-page PDF: pages rendered as needed, a bounded cache."""

from __future__ import annotations

import weakref
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, QRect, Qt, QTimer
from PySide6.QtGui import QWheelEvent
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QRadioButton, QSpinBox

TABLES = 40  # 目录 + two pages a table


@pytest.fixture(scope="module")
def big_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The exported PDF of a 40-table document: 81 pages."""
    from bench.common import big_document
    from goaleditor.formats.writers.pdf import write

    path = tmp_path_factory.mktemp("preview") / "big.pdf"
    write(big_document(TABLES), path)
    return path


@pytest.fixture(scope="module")
def small_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The exported PDF of the example document: 7 pages (printing one takes ~0.3 s)."""
    from goaleditor.formats.readers.published_text import read
    from goaleditor.formats.writers.pdf import write
    from tests.conftest import EXAMPLE

    path = tmp_path_factory.mktemp("preview") / "example.pdf"
    write(read(EXAMPLE), path)
    return path


@pytest.fixture
def dialog(qtbot, big_pdf: Path):
    """The preview dialog on the big PDF, shown and painted."""
    from goaleditor.ui.pdf_preview import PreviewDialog

    shown = PreviewDialog(big_pdf)
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitExposed(shown)
    qtbot.waitUntil(lambda: shown.pages.has(0))
    yield shown
    shown.reject()


def settle() -> None:
    """Let queued paints and the render of the next page run."""
    for _ in range(3):
        QApplication.processEvents()


def page_count(path: Path) -> int:
    import pypdfium2

    document = pypdfium2.PdfDocument(str(path))
    try:
        return len(document)
    finally:
        document.close()


def test_first_page_shows_with_few_pages_rendered(dialog) -> None:
    settle()
    assert len(dialog.pdf) == 2 * TABLES + 1
    assert dialog.view.visible_pages()[0] == 0
    assert 1 <= dialog.pdf.renders <= len(dialog.view.visible_pages()) + 1  # plus the next one
    rect = dialog.view.page_rect(0)
    shot = dialog.view.viewport().grab().toImage()
    assert shot.pixelColor(rect.left() + 5, rect.top() + 5).name() == "#ffffff"  # the page
    assert shot.pixelColor(2, 2).name() == "#808080"  # the background around it
    assert dialog.page_label.text() == f"第 1 / {2 * TABLES + 1} 页"


def test_scrolling_renders_each_page_once_and_keeps_the_cache_bounded(qtbot, dialog) -> None:
    last = len(dialog.pdf) - 1
    for number in range(1, last + 2):
        dialog.view.go_to_page(number)
        dialog.view.viewport().repaint()
        settle()
        assert dialog.pages.has(number - 1)
        assert len(dialog.pages.cached()) <= dialog.pages.max_pages
    assert dialog.pages.has(last)
    assert dialog.pdf.renders <= last + 2  # each page once (the first maybe twice: fit)
    assert dialog.page_label.text() == f"第 {last + 1} / {last + 1} 页"


def test_end_key_shows_the_last_page(qtbot, dialog) -> None:
    qtbot.keyClick(dialog.view, Qt.Key.Key_End)
    qtbot.waitUntil(lambda: dialog.pages.has(len(dialog.pdf) - 1))
    assert dialog.page_label.text() == f"第 {len(dialog.pdf)} / {len(dialog.pdf)} 页"
    assert len(dialog.pages.cached()) <= dialog.pages.max_pages
    qtbot.keyClick(dialog.view, Qt.Key.Key_Home)
    assert dialog.page_label.text() == f"第 1 / {len(dialog.pdf)} 页"


def test_page_indicator_follows_scrolling(dialog) -> None:
    dialog.view.go_to_page(10)
    assert dialog.view.current_page() == 10
    assert dialog.page_label.text() == f"第 10 / {len(dialog.pdf)} 页"
    bar = dialog.view.verticalScrollBar()
    bar.setValue(bar.value() + dialog.view.page_rect(9).height() + 12)
    assert dialog.page_label.text() == f"第 11 / {len(dialog.pdf)} 页"


def test_zoom_buttons_keys_and_wheel_change_the_page_size(qtbot, dialog) -> None:
    view = dialog.view
    view.set_zoom(1.0)
    view.go_to_page(5)
    width = view.page_rect(0).width()
    view.zoom_in()
    assert view.zoom == 1.1
    assert view.page_rect(0).width() == pytest.approx(width * 1.1, abs=2)
    assert view.current_page() == 5  # the page in view stays in view
    settle()
    assert dialog.pages[4].width() == pytest.approx(view.page_rect(4).width(), abs=2)
    view.zoom_out()
    assert view.page_rect(0).width() == pytest.approx(width, abs=2)
    dialog.activateWindow()
    qtbot.waitActive(dialog)
    qtbot.keyClick(view, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert view.page_rect(0).width() > width + 10
    qtbot.keyClick(view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(view, Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert view.page_rect(0).width() < width - 10
    wheel = QWheelEvent(
        QPointF(50, 50),
        QPointF(view.viewport().mapToGlobal(QPoint(50, 50))),
        QPoint(),
        QPoint(0, 120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.ControlModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    before = view.page_rect(0).width()
    QApplication.sendEvent(view.viewport(), wheel)
    assert view.page_rect(0).width() > before
    assert dialog.zoom_label.text() == f"{round(view.zoom * 100)}%"


def test_fit_width_fills_the_view(dialog) -> None:
    dialog.view.set_zoom(0.5)
    buttons = {b.text(): b for b in dialog.findChildren(type(dialog.print_button))}
    buttons["适合宽度"].click()
    fitted = dialog.view.page_rect(0).width()
    assert fitted == pytest.approx(dialog.view.viewport().width() - 24, abs=2)
    buttons["放大"].click()
    assert dialog.view.page_rect(0).width() > fitted
    buttons["缩小"].click()
    buttons["缩小"].click()
    assert dialog.view.page_rect(0).width() < fitted


def test_dialog_fits_a_small_screen_with_its_buttons(dialog) -> None:
    screen = QRect(0, 0, 1366, 768)
    dialog.fit_to(screen)
    QApplication.processEvents()
    assert screen.contains(dialog.geometry())
    for button in (dialog.print_button, *dialog.findChildren(type(dialog.print_button))):
        corner = button.mapTo(dialog, QPoint(button.width(), button.height()))
        assert dialog.rect().contains(corner - QPoint(1, 1)), button.text()
    own_screen = dialog.screen().availableGeometry()  # offscreen: 800 × 600
    dialog.fit_to(own_screen)
    assert own_screen.contains(dialog.geometry())


def test_closing_the_dialog_closes_the_pdf(qtbot, big_pdf: Path) -> None:
    from goaleditor.ui.pdf_preview import PreviewDialog

    shown = PreviewDialog(big_pdf)
    qtbot.addWidget(shown)
    shown.show()
    qtbot.waitUntil(lambda: shown.pages.has(0))
    shown.reject()
    assert shown.pdf.closed and not shown.pages.cached()
    with pytest.raises(ValueError):
        shown.pdf.render(0, 96)


def pdf_printer(out: Path) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(out))
    printer.setFullPage(True)
    return printer


def watch_renders(pdf) -> list[int]:
    """Record each page rendered, failing when an earlier page image is still alive."""
    rendered: list[int] = []
    alive: list[weakref.ref] = []
    render = pdf.render

    def watched(index: int, dpi: float):
        assert all(ref() is None for ref in alive), "two page images alive at once"
        image = render(index, dpi)
        alive.append(weakref.ref(image))
        rendered.append(index)
        return image

    pdf.render = watched
    return rendered


def test_printing_streams_one_page_at_a_time(small_pdf: Path, tmp_path: Path, qapp) -> None:
    from goaleditor.ui.pdf_pages import PdfPages
    from goaleditor.ui.printing import print_pages

    pdf = PdfPages(small_pdf)
    rendered = watch_renders(pdf)
    out = tmp_path / "printed.pdf"
    try:
        assert print_pages(pdf, pdf_printer(out))
    finally:
        pdf.close()
    assert rendered == list(range(7))
    assert page_count(out) == 7
    printed = PdfPages(out)
    try:
        size = printed.sizes[1]
        image = printed.render(1, 36)
    finally:
        printed.close()
    assert (round(size.width()), round(size.height())) == (595, 842)  # A4, page for sheet
    dark = sum(
        1
        for x in range(image.width())
        for y in range(image.height())
        if image.pixelColor(x, y).lightness() < 128
    )
    assert dark > 200  # the table's lines and text are on the paper


def test_page_range_copies_and_order(big_pdf: Path, tmp_path: Path, qapp) -> None:
    from goaleditor.ui.pdf_pages import PdfPages
    from goaleditor.ui.printing import print_pages

    pdf = PdfPages(big_pdf)
    rendered = watch_renders(pdf)
    out = tmp_path / "range.pdf"
    printer = pdf_printer(out)
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setFromTo(2, 3)
    printer.setCopyCount(2)
    printer.setCollateCopies(False)
    try:
        assert print_pages(pdf, printer)
    finally:
        pdf.close()
    assert rendered == [1, 1, 2, 2]
    assert page_count(out) == 4
    printer = pdf_printer(tmp_path / "reversed.pdf")
    printer.setPrintRange(QPrinter.PrintRange.PageRange)
    printer.setFromTo(2, 3)
    printer.setCopyCount(2)
    printer.setCollateCopies(True)
    printer.setPageOrder(QPrinter.PageOrder.LastPageFirst)
    from goaleditor.ui.printing import print_order

    assert print_order(printer, len(pdf)) == [2, 1, 2, 1]


def answer_print_dialog(out: Path, first: int = 0, last: int = 0) -> None:
    """Print to the PDF file out (pages first..last when given) from the print dialog."""
    from PySide6.QtPrintSupport import QPrintDialog

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QPrintDialog) and dialog.windowTitle() == "打印"
        dialog.findChild(QLineEdit, "filename").setText(str(out))
        if first:
            dialog.findChild(QRadioButton, "printRange").setChecked(True)
            dialog.findChild(QSpinBox, "to").setValue(last)
            dialog.findChild(QSpinBox, "from").setValue(first)
        dialog.accept()

    QTimer.singleShot(0, answer)


def test_print_pdf_asks_then_prints_the_chosen_pages(big_pdf: Path, tmp_path: Path, qapp) -> None:
    from goaleditor.ui.printing import print_pdf

    out = tmp_path / "chosen.pdf"
    answer_print_dialog(out, 3, 4)
    assert print_pdf(big_pdf, None)
    assert page_count(out) == 2


def test_print_pdf_cancelled_prints_nothing(big_pdf: Path, tmp_path: Path, qapp) -> None:
    from goaleditor.ui.printing import print_pdf

    QTimer.singleShot(0, lambda: QApplication.activeModalWidget().reject())
    assert not print_pdf(big_pdf, None)


def test_print_button_of_the_preview(dialog, tmp_path: Path) -> None:
    out = tmp_path / "from-preview.pdf"
    answer_print_dialog(out, 80, 81)
    dialog.print_button.click()
    assert page_count(out) == 2
    assert not dialog.pdf.closed  # the preview stays open on its PDF


def test_page_down_and_up_go_to_page_tops(qtbot, dialog) -> None:
    view, bar = dialog.view, dialog.view.verticalScrollBar()
    top = [view.page_rect(index).top() - 12 for index in range(4)]  # 12: the gap above a page
    view.setFocus()
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_Home)
    assert bar.value() == 0
    assert view.page_rect(0).height() > view.viewport().height()  # at 100%, as on a laptop
    for number in (2, 3, 4):
        QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_PageDown)
        assert bar.value() == top[number - 1]
        assert dialog.page_label.text() == f"第 {number} / {len(dialog.pdf)} 页"
    bar.setValue(top[2] + 30)  # scrolled a little into page 3: PageUp goes to its top first
    QTest.keyClick(view, Qt.Key.Key_PageUp)
    assert bar.value() == top[2]
    QTest.keyClick(view, Qt.Key.Key_PageUp)
    assert bar.value() == top[1]
    QTest.keyClick(view, Qt.Key.Key_End)
    assert bar.value() == min(bar.maximum(), view.page_rect(len(dialog.pdf) - 1).top() - 12)
    QTest.keyClick(view, Qt.Key.Key_Home)
    assert bar.value() == 0
