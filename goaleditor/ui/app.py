"""Start the editor: QApplication, fonts, error handling, the main window."""

from __future__ import annotations

import sys
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtWidgets import QApplication, QMessageBox

from goaleditor import APP_NAME, APP_TITLE, __version__
from goaleditor.ui.fonts import ensure_cjk_fallback, register_bundled_fonts


def create_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication with names set (for QSettings) and the bundled fonts registered."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(argv or [sys.argv[0]])
    app.setOrganizationName(APP_NAME)
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_TITLE)
    app.setApplicationVersion(__version__)
    register_bundled_fonts()
    app.setFont(ensure_cjk_fallback(app.font()))
    return app


def _show_unexpected(
    kind: type[BaseException], error: BaseException, tb: TracebackType | None
) -> None:
    """Last resort for an exception escaping a Qt slot: say so instead of dying silently."""
    text = "".join(traceback.format_exception(kind, error, tb))
    print(text, file=sys.stderr)
    if QApplication.instance() is not None:
        QMessageBox.critical(
            None,
            "程序错误",
            f"发生了意外错误：{kind.__name__}: {error}\n文档仍然打开，请尽快保存。",
        )


def run_editor(path: str | None) -> int:
    """Open the main window (on path, if given) and run until it closes."""
    from goaleditor.ui.main_window import MainWindow

    app = create_application()
    sys.excepthook = _show_unexpected
    window = MainWindow()
    window.show()
    if path:
        window.open_path(Path(path), ask=False)
    return app.exec()
