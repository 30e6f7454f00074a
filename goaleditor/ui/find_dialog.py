"""查找/替换 (Ctrl+F, Ctrl+H): a small non-modal dialog over the whole document."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QDialog,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from goaleditor.model.find import Match, find_all, next_match, replace_all, replace_one
from goaleditor.ui.indicator_model import COLUMN_OF_FIELD

if TYPE_CHECKING:
    from goaleditor.ui.main_window import MainWindow


class FindDialog(QDialog):
    """Find next/previous, replace, replace all (one undo step); shows each match in place."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.setObjectName("find_dialog")
        self.setWindowTitle("查找和替换")
        self._window = window
        self._current: Match | None = None
        self.find_text = QLineEdit(self)
        self.find_text.setObjectName("find_text")
        self.find_text.setPlaceholderText("在所有表的表头和指标中查找")
        self.replace_text = QLineEdit(self)
        self.replace_text.setObjectName("replace_text")
        self.match_case = QCheckBox("区分大小写", self)
        self.status = QLabel(self)
        self.next_button = self._button("查找下一个", lambda: self.find_next(False))
        self.next_button.setDefault(True)  # Enter finds the next one
        self.previous_button = self._button("查找上一个", lambda: self.find_next(True))
        self.replace_button = self._button("替换", self.replace)
        self.replace_all_button = self._button("全部替换", self.replace_everywhere)
        close = self._button("关闭", self.close)
        find_label = QLabel("查找(&N)：", self)
        find_label.setBuddy(self.find_text)
        replace_label = QLabel("替换为(&P)：", self)
        replace_label.setBuddy(self.replace_text)
        grid = QGridLayout(self)
        grid.addWidget(find_label, 0, 0)
        grid.addWidget(self.find_text, 0, 1)
        grid.addWidget(self.next_button, 0, 2)
        grid.addWidget(self.previous_button, 1, 2)
        grid.addWidget(replace_label, 1, 0)
        grid.addWidget(self.replace_text, 1, 1)
        grid.addWidget(self.replace_button, 2, 2)
        grid.addWidget(self.replace_all_button, 3, 2)
        grid.addWidget(self.match_case, 2, 1)
        grid.addWidget(self.status, 3, 0, 1, 2)
        grid.addWidget(close, 4, 2)
        self.find_text.textChanged.connect(self._forget)
        self.match_case.toggled.connect(self._forget)

    def _button(self, text: str, slot: Any) -> QPushButton:
        button = QPushButton(text, self)
        button.setAutoDefault(False)
        button.clicked.connect(slot)
        return button

    def start(self, replacing: bool) -> None:
        """Show the dialog with the 查找 (or 替换为) field ready for typing."""
        self.show()
        self.raise_()
        self.activateWindow()
        field = self.replace_text if replacing and self.find_text.text() else self.find_text
        field.setFocus()
        field.selectAll()

    def _forget(self) -> None:
        self._current = None
        self.status.clear()

    def _matches(self) -> list[Match]:
        return find_all(self._window.document, self.find_text.text(), self.match_case.isChecked())

    def find_next(self, backwards: bool = False) -> Match | None:
        """Go to the next (or previous) match after the last one, wrapping around."""
        matches = self._matches()
        after = self._current.position if self._current is not None else None
        number = next_match(matches, after, backwards)
        if number < 0:
            self._current = None
            self.status.setText(f"找不到“{self.find_text.text()}”" if self.find_text.text() else "")
            return None
        self._current = matches[number]
        self.status.setText(f"第{number + 1}处，共{len(matches)}处")
        self._show(self._current)
        return self._current

    def _show(self, match: Match) -> None:
        """Select the match's table, then its tree cell or header field."""
        window = self._window
        window.table_list.setCurrentIndex(window.table_model.index(match.table))
        if match.node is not None:
            window.editor.select_node(match.node, COLUMN_OF_FIELD[match.field])
            view = window.editor.view
            view.scrollTo(view.currentIndex())
            spot = view.visualRect(view.currentIndex())
            self.keep_clear_of(_on_screen(view.viewport(), spot))
            return
        editor = window.header_form.editor(match.field)
        self.keep_clear_of(_on_screen(editor, editor.rect()))
        if isinstance(editor, QLineEdit):
            editor.setSelection(match.start, match.length)
        elif isinstance(editor, QPlainTextEdit):
            cursor = editor.textCursor()
            cursor.setPosition(match.start)
            cursor.setPosition(match.start + match.length, cursor.MoveMode.KeepAnchor)
            editor.setTextCursor(cursor)
            editor.ensureCursorVisible()

    def keep_clear_of(self, spot: QRect) -> None:
        """Move the dialog off spot (a screen rectangle): below it, above it, beside it,
        whichever fits the screen first, so the clerk sees the match it goes to."""
        frame = self.frameGeometry()
        if spot.isEmpty() or not frame.intersects(spot):
            return
        screen = self.screen() or QApplication.primaryScreen()
        area = screen.availableGeometry() if screen is not None else frame.united(spot)
        gap = 8
        offset = self.pos() - frame.topLeft()  # the frame's title bar and border
        candidates = [
            QPoint(frame.x(), spot.bottom() + gap),
            QPoint(frame.x(), spot.top() - frame.height() - gap),
            QPoint(spot.right() + gap, frame.y()),
            QPoint(spot.left() - frame.width() - gap, frame.y()),
        ]
        for corner in candidates:
            placed = QRect(corner, frame.size())
            # Slide along the side it is on until it is inside the screen, if it can be.
            placed.moveLeft(max(area.left(), min(placed.left(), area.right() - placed.width())))
            placed.moveTop(max(area.top(), min(placed.top(), area.bottom() - placed.height())))
            if area.contains(placed) and not placed.intersects(spot):
                self.move(placed.topLeft() + offset)
                return

    def replace(self) -> None:
        """Replace the match shown (if it is still there), then go to the next one."""
        window = self._window
        text, case = self.find_text.text(), self.match_case.isChecked()
        if self._current is not None:
            edit = replace_one(window.document, self._current, text, self.replace_text.text(), case)
            if edit is not None:
                window.session.apply(edit)
                # Go on after the replacement, not inside it.
                after = self._current.start + len(self.replace_text.text()) - 1
                self._current = dataclasses.replace(self._current, start=after, length=0)
        self.find_next()

    def replace_everywhere(self) -> None:
        """全部替换: every match, as one undoable step."""
        window = self._window
        text = self.find_text.text()
        edit, count = replace_all(
            window.document, text, self.replace_text.text(), self.match_case.isChecked()
        )
        if edit is None:
            self.status.setText(f"找不到“{text}”" if text else "")
            return
        window.session.apply(edit)
        self._current = None
        self.status.setText(f"已替换{count}处（可撤销）")


def _on_screen(widget: QWidget, rect: QRect) -> QRect:
    """A widget's rectangle in screen coordinates."""
    return QRect(widget.mapToGlobal(rect.topLeft()), rect.size())


def show_find(window: MainWindow, replacing: bool) -> FindDialog:
    """Open (or bring back) the window's find dialog."""
    dialog = window.findChild(FindDialog, "find_dialog", Qt.FindChildOption.FindDirectChildrenOnly)
    if not isinstance(dialog, FindDialog):
        dialog = FindDialog(window)
    dialog.start(replacing)
    return dialog
