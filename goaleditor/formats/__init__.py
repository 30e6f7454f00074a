"""Import and export formats, one module each, behind read_document/write_document. No Qt."""

from __future__ import annotations

from goaleditor.formats.registry import (
    IMPORT_EXTENSIONS,
    dialog_filter,
    export_filter,
    read_document,
    write_document,
)

__all__ = ["IMPORT_EXTENSIONS", "dialog_filter", "export_filter", "read_document", "write_document"]
