"""The pages of a PDF, rendered one at a time with PDFium, and a small cache of rendered pages."""

from __future__ import annotations

from collections import OrderedDict
from pathlib import Path

import pypdfium2 as pdfium
from PySide6.QtCore import QSizeF
from PySide6.QtGui import QImage

POINTS_PER_INCH = 72


class PdfPages:
    """An open PDF: page count and sizes without rendering, one page rendered on request."""

    def __init__(self, pdf_path: Path) -> None:
        self._document: pdfium.PdfDocument | None = pdfium.PdfDocument(str(pdf_path))
        self.sizes = [
            QSizeF(*self._document.get_page_size(index)) for index in range(len(self._document))
        ]
        self.renders = 0  # pages rendered so far: the seam tests count

    def __len__(self) -> int:
        return len(self.sizes)

    def render(self, index: int, dpi: float) -> QImage:
        """Page index (from 0) as an image at dpi, owning its pixels."""
        if self._document is None:
            raise ValueError("the PDF is closed")
        page = self._document[index]
        try:
            bitmap = page.render(scale=dpi / POINTS_PER_INCH, rev_byteorder=True, prefer_bgrx=True)
            image = QImage(
                bitmap.buffer,
                bitmap.width,
                bitmap.height,
                bitmap.stride,
                QImage.Format.Format_RGBX8888,
            ).copy()  # own the pixels; the bitmap goes away
            bitmap.close()
        finally:
            page.close()
        self.renders += 1
        return image

    @property
    def closed(self) -> bool:
        """True once close() has run."""
        return self._document is None

    def close(self) -> None:
        """Release the file (a Windows file open here cannot be deleted)."""
        if self._document is not None:
            self._document.close()
            self._document = None


class PageImages:
    """Pages at one resolution, rendered on first use; the least recently used are dropped."""

    def __init__(
        self, pdf: PdfPages, dpi: float, max_pages: int = 12, max_bytes: int = 96 << 20
    ) -> None:
        self.pdf = pdf
        self.dpi = dpi
        self.max_pages = max_pages
        self.max_bytes = max_bytes
        self._images: OrderedDict[int, QImage] = OrderedDict()

    def __len__(self) -> int:
        return len(self.pdf)

    def __getitem__(self, index: int) -> QImage:
        if not 0 <= index < len(self.pdf):
            raise IndexError(index)
        image = self._images.pop(index, None)
        if image is None:
            image = self.pdf.render(index, self.dpi)
        self._images[index] = image
        self._drop_old()
        return image

    def has(self, index: int) -> bool:
        """True when page index is rendered and cached."""
        return index in self._images

    def cached(self) -> list[int]:
        """The pages held, least recently used first."""
        return list(self._images)

    def set_dpi(self, dpi: float) -> None:
        """Render at another resolution from now on (the cache empties)."""
        if dpi != self.dpi:
            self.dpi = dpi
            self._images.clear()

    def clear(self) -> None:
        """Drop every cached page."""
        self._images.clear()

    def _drop_old(self) -> None:
        """Keep at most max_pages and max_bytes, but always the three most recent pages."""
        while len(self._images) > 3 and (
            len(self._images) > self.max_pages
            or sum(image.sizeInBytes() for image in self._images.values()) > self.max_bytes
        ):
            self._images.popitem(last=False)
