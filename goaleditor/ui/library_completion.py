"""The 三级 cell's completion from the library: candidates recomputed on each keystroke by
library.completion (ranked by the row's 二级, the project's words and frequency)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtWidgets import QCompleter, QLineEdit

from goaleditor.library.completion import Completer
from goaleditor.library.search import index_of
from goaleditor.library.suggest import table_words
from goaleditor.model.document import Indicator, containing_table

LIBRARY_PICK = "library_entry"  # editor property: the library entry the clerk chose
SHOWN = 20  # candidates in the popup


class LibraryCompletion:
    """A completer over the library's search index (rebuilt only when the entries change)."""

    def __init__(self, all_entries: Callable[[], list[Any]]) -> None:
        self._all_entries = all_entries
        self._completer: Completer | None = None

    def completer(self) -> Completer | None:
        """The completer over the library as it is now (None for an empty library)."""
        entries = self._all_entries()
        if not entries:
            return None
        index = index_of(entries)
        if self._completer is None or self._completer.index is not index:
            self._completer = Completer(index)
        return self._completer

    def attach(self, editor: QLineEdit, node: Indicator) -> None:
        """Complete the editor's text from the library while the clerk types."""
        completer = self.completer()
        if completer is None:
            return
        level2 = node.parent.name if node.parent is not None else ""
        table = containing_table(node)
        completer.set_context(level2, table_words(table) if table is not None else "")
        model = QStringListModel(editor)
        popup = QCompleter(model, editor)
        popup.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        popup.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        offered: dict[str, Any] = {}

        def refresh(text: str) -> None:
            offered.clear()
            for entry in completer.complete(text, SHOWN):
                offered.setdefault(entry.name, entry)
            model.setStringList(list(offered))
            shown = popup.popup()
            if offered:
                popup.complete()
            elif shown is not None:
                shown.hide()

        popup.activated.connect(lambda text: editor.setProperty(LIBRARY_PICK, offered.get(text)))
        editor.textEdited.connect(refresh)
        editor.setCompleter(popup)
