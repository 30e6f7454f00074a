"""One-line text fields that hold a document field whole (Qt cuts at 32,767 by default)."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QWidget

from goaleditor.model.limits import MAX_FIELD_CHARS


def field_line(parent: QWidget | None, text: str = "") -> QLineEdit:
    """A QLineEdit that takes a field up to the document's cap, so editing never cuts it."""
    edit = QLineEdit(parent)
    edit.setMaxLength(MAX_FIELD_CHARS)
    edit.setText(text)
    return edit
