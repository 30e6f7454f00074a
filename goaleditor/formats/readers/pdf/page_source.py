"""The pages of a PDF to read tables from: PDFium's characters and paths, pdfminer's fonts."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

from goaleditor.formats.readers.pdf.font_descents import FontDescents
from goaleditor.formats.readers.pdf.pdfium_page import PdfiumPage


class Encrypted(Exception):
    """The PDF asks for a password."""


class PdfiumPages:
    """An open PDF: its object count, damage, and each page as a PdfiumPage."""

    def __init__(self, path: Path, max_objects: int) -> None:
        import pypdfium2 as pdfium
        from pdfminer.pdfdocument import PDFDocument, PDFPasswordIncorrect
        from pdfminer.pdfparser import PDFParser

        self._max_objects = max_objects
        try:
            self._pdf = pdfium.PdfDocument(str(path))
        except pdfium.PdfiumError as exc:
            if "password" in str(exc).lower():
                raise Encrypted from None
            raise
        self._file = path.open("rb")
        try:
            # pdfminer reads the cross-reference table and, per page, the fonts' Descent
            self._document = PDFDocument(PDFParser(self._file))
        except PDFPasswordIncorrect:
            self.close()
            raise Encrypted from None
        except BaseException:
            self.close()
            raise
        self._descents = FontDescents(self._document)

    def object_count(self) -> int:
        """How many objects the cross-reference table lists."""
        return sum(len(list(xref.get_objids())) for xref in self._document.xrefs)

    def page(self, index: int) -> PdfiumPage:
        """The page at index (from 0), read whole."""
        page = self._pdf[index]
        try:
            return PdfiumPage(page, index + 1, self._max_objects, self._descents.of_page(index))
        finally:
            page.close()

    def read(self, index: int, page: Any, textpage: Any) -> PdfiumPage:
        """The page at index (from 0), read whole from a PDFium page and text page loaded
        already (of a document of the same file; the caller closes them)."""
        descents = self._descents.of_page(index)
        return PdfiumPage(page, index + 1, self._max_objects, descents, textpage)

    def close(self) -> None:
        """Close the file and PDFium's document."""
        with contextlib.suppress(Exception):
            self._pdf.close()
        with contextlib.suppress(Exception):
            self._file.close()


def open_pages(path: Path, max_objects: int) -> Any:
    """The PDF's pages as the reader reads them (PDFium)."""
    return PdfiumPages(path, max_objects)
