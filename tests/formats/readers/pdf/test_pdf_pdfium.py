"""PDF import on PDFium reads every test PDF as it read on pdfplumber (pdfminer).

The reader takes its pages from PDFium (pdf/page_source.py, pdf/pdfium_page.py). The
reference here is the page source it had before: pdfplumber's pages, with pdfminer's log
warnings said as notes, kept only in this test. Each PDF fixture, and PDFs of the shapes the
other tests make, must give the same canonical JSON and the same import notes (or the same
refusal) on both.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pdfplumber
import pytest

from goaleditor.errors import InputError
from goaleditor.formats import canonical_json, read_document
from goaleditor.formats.readers.pdf import page_source
from goaleditor.formats.readers.pdf.pdfium_page import PdfiumPage
from tests.helpers import note_lines

FIXTURES = Path(__file__).resolve().parents[3] / "fixtures"
PDFS = sorted(FIXTURES.rglob("*.pdf"))


class PlumberPages:
    """The reference: pages of pdfplumber, as the reader read them before PDFium."""

    def __init__(self, path: Path, max_objects: int) -> None:
        try:
            self._pdf = pdfplumber.open(str(path))
        except Exception as exc:
            if "Password" in type(exc).__name__:
                raise page_source.Encrypted from None
            raise

    def object_count(self) -> int:
        return sum(len(list(xref.get_objids())) for xref in self._pdf.doc.xrefs)

    def repaired(self) -> bool:
        return False  # pdfminer says its repairs in log warnings (the reader notes them)

    def page(self, index: int) -> Any:
        return self._pdf.pages[index]

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self._pdf.close()


@contextlib.contextmanager
def plumber(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    with monkeypatch.context() as patch:
        patch.setattr(page_source, "open_pages", PlumberPages)
        yield


def outcome(path: Path) -> tuple[str, list[str]]:
    """The canonical JSON and the notes of reading path, or its refusal line."""
    notes: list[str] = []
    try:
        document = read_document(path, note_lines(notes))
    except InputError as exc:
        return f"refused: {exc}", notes
    return canonical_json.dumps(document), notes


def test_there_are_pdf_fixtures() -> None:
    assert len(PDFS) >= 10


@pytest.mark.parametrize("path", PDFS, ids=[str(p.relative_to(FIXTURES)) for p in PDFS])
def test_every_pdf_fixture_reads_as_on_pdfplumber(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ours = outcome(path)
    with plumber(monkeypatch):
        reference = outcome(path)
    assert ours == reference


def test_the_reference_is_another_backend(monkeypatch: pytest.MonkeyPatch) -> None:
    """The reference reads pdfplumber's pages, the reader PDFium's."""
    seen: list[type] = []
    real = page_source.PdfiumPages.page

    def spy(self: page_source.PdfiumPages, index: int) -> PdfiumPage:
        page = real(self, index)
        seen.append(type(page))
        return page

    monkeypatch.setattr(page_source.PdfiumPages, "page", spy)
    path = FIXTURES / "example-goaleditor.pdf"
    outcome(path)
    assert seen and set(seen) == {PdfiumPage}
    seen.clear()
    with plumber(monkeypatch):
        outcome(path)
    assert seen == []


def test_pdfium_chars_are_pdfminers(monkeypatch: pytest.MonkeyPatch) -> None:
    """Char for char, the same text and boxes (to a hundredth of a point) as pdfminer's,
    on a page of goaleditor's export and of LibreOffice's (a font whose /Descent is 0)."""
    for name in ("example-goaleditor.pdf", "example-libreoffice-calc.pdf"):
        path = FIXTURES / name
        pages = page_source.PdfiumPages(path, 10**6)
        try:
            mine = pages.page(1).chars
        finally:
            pages.close()
        with pdfplumber.open(str(path)) as pdf:
            theirs = pdf.pages[1].chars
        assert len(mine) == len(theirs) > 100
        for a, b in zip(mine, theirs, strict=True):
            assert a["text"] == b["text"]
            for key in ("x0", "x1", "top", "bottom", "size"):
                assert a[key] == pytest.approx(b[key], abs=0.01), (name, a["text"], key)
