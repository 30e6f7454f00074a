"""Import and export formats, one module each, behind read_document/write_document. No Qt."""

from __future__ import annotations

from goaleditor.formats.exporting import ExportCancelled, ExportOptions, Progress
from goaleditor.formats.registry import (
    EXPORT_MENU,
    IMPORT_EXTENSIONS,
    Format,
    dialog_filter,
    export_filter,
    format_for,
    read_document,
    write_document,
)

__all__ = [
    "EXPORT_MENU",
    "IMPORT_EXTENSIONS",
    "ExportCancelled",
    "ExportOptions",
    "Format",
    "Progress",
    "dialog_filter",
    "export_filter",
    "format_for",
    "read_document",
    "write_document",
]
