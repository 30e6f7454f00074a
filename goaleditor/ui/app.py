"""Start the editor: QApplication, fonts, error handling, the main window."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLibraryInfo, QTimer, QTranslator
from PySide6.QtWidgets import QApplication

from goaleditor import APP_NAME, APP_TITLE, __version__
from goaleditor.resources import resources_dir
from goaleditor.ui.fonts import ensure_cjk_fallback, register_bundled_fonts

if TYPE_CHECKING:
    from types import TracebackType

    from goaleditor.ui.main_window import MainWindow

AFTER_FIRST_PAINT_MS = 200  # what can wait until the window is on screen


def create_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication with names set (for QSettings), Chinese Qt dialogs and the UI font."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(argv or [sys.argv[0]])
    app.setOrganizationName(APP_NAME)
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_TITLE)
    app.setApplicationVersion(__version__)
    _install_chinese_translation(app)
    register_bundled_fonts()
    app.setFont(ensure_cjk_fallback(app.font()))
    return app


def set_window_icon(app: QApplication) -> None:
    """The goaleditor icon on every window."""
    from PySide6.QtGui import QIcon  # its enums take a few ms to load: not before the first paint

    app.setWindowIcon(QIcon(str(resources_dir() / "icons" / "goaleditor-256.png")))


def _install_chinese_translation(app: QApplication) -> None:
    """Qt's own dialogs and context menus (file dialog, 复制/粘贴…) in Chinese."""
    if app.property("goaleditor_translated"):
        return
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if translator.load("qtbase_zh_CN", folder):  # by name: QLocale's enums are slow to load
        app.installTranslator(translator)
    app.setProperty("goaleditor_translated", True)


def show_unexpected(
    kind: type[BaseException], error: BaseException, tb: TracebackType | None
) -> None:
    """Last resort for an exception escaping a Qt slot: log it, say so, keep the document."""
    from goaleditor.ui.error_log import log_exception
    from goaleditor.ui.prompts import Prompts

    log = log_exception(error.with_traceback(tb)) or "（无法写入日志）"
    if QApplication.instance() is not None:
        Prompts(QApplication.activeWindow()).unexpected(f"{kind.__name__}: {error}", str(log))


def _after_first_paint(app: QApplication, window: MainWindow) -> None:
    set_window_icon(app)
    _offer_recovery_when_free(window)


def _offer_recovery_when_free(window: MainWindow) -> None:
    """Recovery asks once nothing else does (the import report of the file opened first)."""
    if window.session.report_pending() or QApplication.activeModalWidget() is not None:
        QTimer.singleShot(AFTER_FIRST_PAINT_MS, lambda: _offer_recovery_when_free(window))
        return
    window.session.offer_recovery()


def run_editor(path: str | None) -> int:
    """Open the main window (on path, if given) and run until it closes."""
    from goaleditor.ui.main_window import MainWindow

    app = create_application()
    sys.excepthook = show_unexpected
    window = MainWindow()
    if path:
        window.open_path(Path(path), ask=False)
    window.show()
    QTimer.singleShot(AFTER_FIRST_PAINT_MS, lambda: _after_first_paint(app, window))
    return app.exec()
