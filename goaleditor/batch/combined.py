"""The single combined PDF of a batch export: each file's PDF in turn, one bookmark per file
(pypdf: BSD-3-Clause; PDFium, already a dependency, cannot write bookmarks)."""

from __future__ import annotations

import io
import os
from pathlib import Path


class CombinedPdf:
    """Pages added file by file (each bookmarked with its title); written atomically."""

    def __init__(self) -> None:
        from pypdf import PdfWriter

        self._writer = PdfWriter()
        self.files = 0

    def add(self, title: str, pdf: bytes) -> None:
        """Append a file's pages under a bookmark named title."""
        from pypdf import PdfReader

        reader = PdfReader(io.BytesIO(pdf))
        first = len(self._writer.pages)
        for page in reader.pages:
            self._writer.add_page(page)
        if len(self._writer.pages) > first:
            self._writer.add_outline_item(title=title, page_number=first)
            self.files += 1

    def write(self, path: str | os.PathLike[str]) -> None:
        """Write the combined PDF to path."""
        from goaleditor.files.atomic import atomic_write

        def write(temp: Path) -> None:
            with open(temp, "wb") as file:
                self._writer.write(file)

        atomic_write(Path(path), write)
