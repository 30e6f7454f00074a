"""Helpers of the main window's layout: fitting the screen, and the hint shown without a table."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QFrame,
    QLabel,
    QMainWindow,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from goaleditor.ui.main_window import MainWindow


def fit_on_screen(window: QWidget, screen: QRect) -> None:
    """Keep the whole window (frame included) inside the screen's available area."""
    frame = window.frameGeometry()
    extra_w = frame.width() - window.width()
    extra_h = frame.height() - window.height()
    width = min(window.width(), screen.width() - extra_w)
    height = min(window.height(), screen.height() - extra_h)
    window.resize(width, height)
    x = min(max(frame.x(), screen.left()), screen.right() + 1 - width - extra_w)
    y = min(max(frame.y(), screen.top()), screen.bottom() + 1 - height - extra_h)
    window.move(x, y)


TREE_ROWS = 12  # the indicator rows a 1366×768 screen shows below the header form
HANDLE_WIDTH = 8  # a splitter handle a mouse can find and grab


def scrolling_form(form: QWidget, parent: QWidget) -> QScrollArea:
    """The header form in a frameless scroll area: on a small screen it gives up height to
    the indicator tree and scrolls, instead of squeezing the tree to a few rows."""
    area = QScrollArea(parent)
    area.setObjectName("header_form_area")
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidgetResizable(True)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setWidget(form)
    area.setMinimumHeight(80)
    return area


def grabbable(splitter: QSplitter) -> QSplitter:
    """A splitter whose handle is wide enough to grab, drawn as a visible grip."""
    splitter.setHandleWidth(HANDLE_WIDTH)
    splitter.setStyleSheet("QSplitter::handle:hover { background: palette(highlight); }")
    return splitter


def tree_height_for(tree: QAbstractItemView, rows: int) -> int:
    """The height the tree needs to show rows rows (header, frame and a half row included)."""
    model = tree.model()
    row = tree.sizeHintForRow(0) if model is not None and model.rowCount() else -1
    if row <= 0:
        row = tree.fontMetrics().height() + 6
    chrome = tree.height() - tree.viewport().height()
    return chrome + row * rows + row // 2


def share_form_and_tree(splitter: QSplitter, form: QWidget, tree: QAbstractItemView) -> None:
    """The header form as tall as it likes, unless the tree would then show fewer
    than TREE_ROWS rows: the form gives up what the tree lacks (and scrolls)."""
    sizes = splitter.sizes()
    total = sum(sizes)
    area, below = splitter.widget(0), splitter.widget(1)
    if len(sizes) != 2 or total <= 0 or area is None or below is None:
        return
    tree_needs = tree_height_for(tree, TREE_ROWS) - tree.height() + below.height()
    room = total - tree_needs
    form_height = max(area.minimumHeight(), min(form.sizeHint().height(), room))
    if form_height != sizes[0]:
        splitter.setSizes([form_height, total - form_height])


def keep_tree_rows(
    window: QMainWindow, dock: QDockWidget, splitter: QSplitter, tree: QAbstractItemView
) -> None:
    """The bottom docks (问题 and its tabs) give up what the tree lacks of TREE_ROWS rows once
    the header form is down to its least height: any panel open, the tree keeps its rows."""
    area = splitter.widget(0)
    if area is None or dock.isFloating() or not dock.isVisible() or not tree.isVisible():
        return
    lacking = tree_height_for(tree, TREE_ROWS) - tree.height()
    lacking -= area.height() - area.minimumHeight()
    if lacking > 0:
        height = max(dock.minimumSizeHint().height(), dock.height() - lacking)
        window.resizeDocks([dock], [height], Qt.Orientation.Vertical)


class StartHint(QWidget):
    """Centred over the editor area when there is no table: how to begin, with buttons."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.setObjectName("start_hint")
        self._window = window
        self.label = QLabel(self)
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label.setStyleSheet("font-size: 16px; color: #555;")
        self.buttons: list[QPushButton] = []
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.label)
        for text in ("新建文档", "打开文档", "新建表"):
            button = QPushButton(text, self)
            button.setMinimumWidth(160)
            layout.addWidget(button, 0, Qt.AlignmentFlag.AlignHCenter)
            self.buttons.append(button)
        layout.addStretch(2)
        new, open_, table = self.buttons
        new.clicked.connect(lambda: _trigger(window, "new"))
        open_.clicked.connect(lambda: _trigger(window, "open"))
        table.clicked.connect(lambda: _trigger(window, "add_table"))

    def show_for(self, fresh: bool) -> None:
        """A fresh start offers 新建/打开; a document without tables offers 新建表."""
        if fresh:
            self.label.setText("新建（Ctrl+N）或打开（Ctrl+O）一个文档")
        else:
            self.label.setText("这个文档还没有绩效目标表：新建表（Ctrl+T）")
        new, open_, table = self.buttons
        new.setVisible(fresh)
        open_.setVisible(fresh)
        table.setVisible(not fresh)


def _trigger(window: Any, name: str) -> None:
    getattr(window.action, name).trigger()
