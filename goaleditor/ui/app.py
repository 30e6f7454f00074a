"""Start the editor: QApplication, fonts, error handling, the main window."""

from __future__ import annotations

import os
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from PySide6.QtCore import QLibraryInfo, QLocale, QPoint, QSettings, Qt, QTimer, QTranslator
from PySide6.QtWidgets import QApplication

from goaleditor import APP_NAME, APP_TITLE, __version__
from goaleditor.resources import resources_dir
from goaleditor.ui.fonts import ensure_cjk_fallback, register_bundled_fonts

if TYPE_CHECKING:
    from collections.abc import Iterator
    from types import TracebackType

    from goaleditor.ui.main_window import MainWindow

AFTER_FIRST_PAINT_MS = 200  # what can wait until the window is on screen
NEW_WINDOW_OFFSET = QPoint(32, 32)  # a second window shows a little below-right of the first

# Windows opened with open_window(): Python must hold them, or they would be collected.
_windows: list[MainWindow] = []


def create_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication with names set (for QSettings), Chinese Qt dialogs and the UI font."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        with _chinese_system_dates():
            app = QApplication(argv or [sys.argv[0]])
            QLocale.system()  # read (and kept) while the environment says Chinese
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


class _MissingChinese(QTranslator):
    """The few words of Qt's file dialog that qtbase_zh_CN leaves in English."""

    WORDS: ClassVar[dict[tuple[str, str], str]] = {
        ("QAbstractFileIconProvider", "Folder"): "文件夹",
        ("QAbstractFileIconProvider", "Drive"): "驱动器",
        ("QAbstractFileIconProvider", "File"): "文件",
        ("QAbstractFileIconProvider", "Shortcut"): "快捷方式",
        ("QAbstractFileIconProvider", "Unknown"): "未知",
    }

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str:
        """The Chinese word, or "" (untranslated) for anything else."""
        return self.WORDS.get((context, source), "")

    def isEmpty(self) -> bool:
        """Never empty: Qt skips empty translators."""
        return False


def _install_chinese_translation(app: QApplication) -> None:
    """Qt's own dialogs and context menus (file dialog, 复制/粘贴…) in Chinese."""
    if app.property("goaleditor_translated"):
        return
    # Asked last: the translator installed last is asked first.
    app.installTranslator(_MissingChinese(app))
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if translator.load("qtbase_zh_CN", folder):  # by name: QLocale's enums are slow to load
        app.installTranslator(translator)
    QLocale.setDefault(QLocale("zh_CN"))  # numbers and dates Qt formats itself
    app.setProperty("goaleditor_translated", True)


@contextmanager
def _chinese_system_dates() -> Iterator[None]:
    """Qt's file dialog dates its files in the system locale: Chinese, if it is not already.

    Qt reads LC_ALL/LC_TIME once, when the application starts; the environment is put
    back afterwards so that the programs the editor starts (a PDF viewer) get the clerk's.
    Windows and macOS take the system locale from their settings, not from here.
    """
    names = ("LC_ALL", "LC_TIME") if os.environ.get("LC_ALL") else ("LC_TIME",)
    current = os.environ.get(names[0]) or os.environ.get("LANG", "")
    if sys.platform in ("win32", "darwin") or current.startswith("zh"):
        yield
        return
    saved = {name: os.environ.get(name) for name in names}
    os.environ.update(dict.fromkeys(names, "zh_CN.UTF-8"))
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def show_unexpected(
    kind: type[BaseException], error: BaseException, tb: TracebackType | None
) -> None:
    """Last resort for an exception escaping a Qt slot: log it, say so, keep the document."""
    from goaleditor.errors import said_in_chinese
    from goaleditor.ui.error_log import log_exception
    from goaleditor.ui.prompts import Prompts

    log = log_exception(error.with_traceback(tb)) or "（无法写入日志）"
    if QApplication.instance() is not None:
        said = said_in_chinese(error) or "程序出现了问题"  # never a class or library text
        Prompts(QApplication.activeWindow()).unexpected(said, str(log))


def _after_first_paint(app: QApplication, window: MainWindow) -> None:
    from goaleditor.ui.reading_wait import warm_up

    set_window_icon(app)
    warm_up()  # the reading worker: the first file opens as fast as the next
    _offer_recovery_when_free(window)


def _offer_recovery_when_free(window: MainWindow, spare: bool = False) -> None:
    """Recovery asks once nothing else does (the import report of the file opened first).

    A crash with several windows open left several pieces of work: each one restored takes
    a window, and the next is offered in a new one (spare: closed again if not needed).
    """
    if window.session.reports.is_pending() or QApplication.activeModalWidget() is not None:
        # Tied to the window: the timer dies with it if the window is closed meanwhile.
        QTimer.singleShot(
            AFTER_FIRST_PAINT_MS, window, lambda: _offer_recovery_when_free(window, spare)
        )
        return
    session = window.session
    if not session.offer_recovery():
        if spare:
            window.close()
        return
    if session.recovery.more_waiting():
        other = window.new_window()
        other.session.recovery.round = session.recovery.round
        QTimer.singleShot(
            AFTER_FIRST_PAINT_MS, other, lambda: _offer_recovery_when_free(other, True)
        )


def open_window(settings: QSettings | None = None, near: MainWindow | None = None) -> MainWindow:
    """Another main window in this process: its own document session, undo stack, file lock
    and working copy; deleted when closed. The application quits when the last one closes."""
    from goaleditor.ui.main_window import MainWindow
    from goaleditor.ui.window_layout import fit_on_screen

    window = MainWindow(settings)
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    _windows.append(window)
    window.destroyed.connect(lambda: _windows.remove(window) if window in _windows else None)
    if near is not None:
        # Down and right of the first, smaller if it must be: its corner shows which is which.
        area = near.screen().availableGeometry()
        place = near.geometry().translated(NEW_WINDOW_OFFSET)
        window.resize(
            min(place.width(), area.right() + 1 - place.x()),
            min(place.height(), area.bottom() + 1 - place.y()),
        )
        window.move(near.pos() + NEW_WINDOW_OFFSET)
        fit_on_screen(window, area)
    return window


def main_windows() -> list[MainWindow]:
    """Every main window on screen, the active one last."""
    from goaleditor.ui.main_window import MainWindow

    found = [
        widget
        for widget in QApplication.topLevelWidgets()
        if isinstance(widget, MainWindow) and widget.isVisible()
    ]
    return sorted(found, key=lambda window: window.isActiveWindow())


def close_all_windows() -> bool:
    """退出: close every main window, each asking about its own unsaved work; False (and
    the rest left open) when the clerk cancels one."""
    return all(window.close() for window in main_windows())


def run_editor(path: str | None) -> int:
    """Open the main window (on path, if given) and run until the last window closes."""
    from goaleditor.files.atomic import sweep_leftovers
    from goaleditor.ui.first_paint import after_first_paint
    from goaleditor.ui.session import working_folder

    app = create_application()
    sys.excepthook = show_unexpected
    sweep_leftovers([working_folder()])  # the document's folder: swept by the command line
    if path:  # the reading worker starts while the window is built (after it: the example)
        from goaleditor.ui.reading_wait import is_bundled_example, warm_up

        if not is_bundled_example(Path(path)):
            warm_up()
    window = open_window()
    if path:
        window.open_path(Path(path), ask=False)
        window.problems.check_after_first_paint()
    window.show()
    after_first_paint(
        window,
        lambda: QTimer.singleShot(
            AFTER_FIRST_PAINT_MS, window, lambda: _after_first_paint(app, window)
        ),
    )
    return app.exec()
