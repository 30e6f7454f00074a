"""Helpers of the main window's layout: fitting the screen, and the hint shown without a table."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

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
