"""The undo command: every edit in the editor is one domain edit on the window's QUndoStack."""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand

from goaleditor.model.document import Document
from goaleditor.model.edits import Edit

_MERGEABLE = 1  # QUndoStack only offers mergeWith to commands of equal id()


class EditCommand(QUndoCommand):
    """Redo applies the edit, undo applies its inverse; typing in one field merges."""

    def __init__(self, document: Document, edit: Edit) -> None:
        super().__init__(edit.text)
        self._document = document
        self._edit = edit
        self._inverse: Edit | None = None

    @property
    def edit(self) -> Edit:
        """The edit redo applies."""
        return self._edit

    def redo(self) -> None:
        self._inverse = self._edit.apply(self._document)

    def undo(self) -> None:
        assert self._inverse is not None, "undo before redo"
        self._edit = self._inverse.apply(self._document)

    def id(self) -> int:
        return _MERGEABLE if self._edit.merge_key is not None else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        """Take in the next edit of the same field: one undo step returns to the first value."""
        if not isinstance(other, EditCommand) or other._edit.merge_key != self._edit.merge_key:
            return False
        self._edit = other._edit  # both are applied: undo keeps our inverse, redo their edit
        return True
