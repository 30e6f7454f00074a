"""快捷键一览 (F1): every shortcut of the window's actions, read from them, plus the tree keys."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QMenu,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
)

from goaleditor.ui.tree_keys import TREE_KEYS

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMainWindow


def _label(action: QAction) -> str:
    return action.text().replace("&", "").replace("…", "").split("(")[0].strip()


_ARROWS = {"Up": "↑", "Down": "↓", "Left": "←", "Right": "→", "Del": "Delete", "Return": "Enter"}


def _keys(action: QAction) -> str:
    """The action's shortcuts as the README writes them: Ctrl+Shift+↓ 或 Alt+↓."""
    texts = []
    for sequence in action.shortcuts():
        parts = sequence.toString(QKeySequence.SequenceFormat.PortableText).split("+")
        texts.append("+".join(_ARROWS.get(part, part) for part in parts))
    return " 或 ".join(dict.fromkeys(texts))  # Return and Enter both print as Enter


def shortcut_rows(window: QMainWindow) -> list[tuple[str, str, str]]:
    """(where, command, keys) for every action with a shortcut in the menus, then the tree's."""
    rows: list[tuple[str, str, str]] = []
    seen: set[int] = set()

    def walk(menu: QMenu, where: str) -> None:
        for action in menu.actions():
            if action.menu() is not None:
                walk(action.menu(), f"{where} → {_label(action)}")  # type: ignore[arg-type]
            elif action.shortcuts() and id(action) not in seen:
                seen.add(id(action))
                rows.append((where, _label(action), _keys(action)))

    for top in window.menuBar().actions():
        if top.menu() is not None:
            walk(top.menu(), _label(top))  # type: ignore[arg-type]
    rows.extend(("指标表格", text, keys) for keys, text in TREE_KEYS)
    return rows


class ShortcutSheet(QDialog):
    """A list of every shortcut, generated from the actions so it never goes stale."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self.setObjectName("shortcut_sheet")
        self.setWindowTitle("快捷键一览")
        self.list = QTreeWidget(self)
        self.list.setObjectName("shortcuts")
        self.list.setHeaderLabels(["位置", "命令", "快捷键"])
        self.list.setRootIsDecorated(False)
        self.list.addTopLevelItems([QTreeWidgetItem(list(row)) for row in shortcut_rows(window)])
        header = self.list.header()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list)
        layout.addWidget(buttons)
        self.resize(640, 560)
