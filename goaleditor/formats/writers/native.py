"""The .goals writer: the store's save_document behind the one writer signature."""

from __future__ import annotations

from pathlib import Path

from goaleditor.formats.exporting import ExportOptions, ExportWarn, Progress
from goaleditor.model.document import Document


def write(
    document: Document,
    path: Path,
    *,
    options: ExportOptions | None = None,
    progress: Progress | None = None,
    warn: ExportWarn | None = None,
) -> None:
    """Save the document as a .goals file, atomically; options, progress and warn change nothing."""
    from goaleditor.model.store import save_document

    save_document(document, path)
