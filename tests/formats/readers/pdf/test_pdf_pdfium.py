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
from goaleditor.formats.readers.pdf.pdfium_page import PdfiumPage, TooManyObjects
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


def _drawn(path: Path, rotate: int = 0, origin: tuple[float, float] = (0.0, 0.0)) -> None:
    """A page of text, rules, rectangles and curves (and a form XObject), turned by
    /Rotate, its MediaBox starting at origin."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen.canvas import Canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    x0, y0 = origin
    canvas = Canvas(str(path), pagesize=(500, 700))
    canvas.setPageRotation(rotate)
    canvas.setCropBox((x0, y0, x0 + 500, y0 + 700))
    canvas.translate(x0, y0)
    canvas.setFont("STSong-Light", 10.5)
    canvas.drawString(60, 640, "项目名称：培训经费 Rate 95%")
    canvas.setFont("Helvetica", 9)
    canvas.drawString(60, 620, "Helvetica 123")
    canvas.line(50, 600, 450, 600)
    canvas.rect(50, 500, 400, 80)
    canvas.rect(60, 510, 100, 20, stroke=0, fill=1)
    canvas.roundRect(200, 400, 150, 60, 10)
    canvas.circle(100, 300, 30)
    canvas.bezier(50, 200, 100, 250, 150, 150, 200, 200)
    canvas.beginForm("box")
    canvas.rect(300, 100, 80, 40)
    canvas.line(300, 120, 380, 120)
    canvas.endForm()
    canvas.doForm("box")
    canvas.showPage()
    canvas.save()
    if origin != (0.0, 0.0):  # reportlab writes the MediaBox from 0 0: move it
        data = path.read_bytes()
        old = b"/MediaBox [ 0 0 500 700 ]"
        assert old in data
        new = f"/MediaBox [ {x0:g} {y0:g} {x0 + 500:g} {y0 + 700:g} ]".encode()
        path.write_bytes(data.replace(old, new.ljust(len(old))))


def _in_lines(chars: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted(chars, key=lambda c: (round(c["top"]), round(c["x0"], 1)))


@pytest.mark.parametrize(
    ("rotate", "origin"), [(0, (0.0, 0.0)), (90, (0.0, 0.0)), (270, (0.0, 0.0)), (0, (30.0, 40.0))]
)
def test_pdfium_pages_are_pdfplumbers(
    tmp_path: Path, rotate: int, origin: tuple[float, float]
) -> None:
    """Chars, lines, rects, curves (Béziers: one point each) and their edges as pdfplumber
    gives them, on a page turned by /Rotate or with its MediaBox away from 0 0."""
    path = tmp_path / "drawn.pdf"
    _drawn(path, rotate, origin)
    pages = page_source.PdfiumPages(path, 10**6)
    try:
        mine = pages.page(0)
    finally:
        pages.close()
    with pdfplumber.open(str(path)) as pdf:
        theirs = pdf.pages[0]
        assert (mine.width, mine.height) == pytest.approx((theirs.width, theirs.height))
        # PDFium orders a turned page's chars as read; the reader sorts them into lines
        ours_chars, their_chars = _in_lines(mine.chars), _in_lines(theirs.chars)
        assert [c["text"] for c in ours_chars] == [c["text"] for c in their_chars]
        for n, (a, b) in enumerate(zip(ours_chars, their_chars, strict=True)):
            # A font not in the file (STSong-Light): PDFium may take a char's width from a
            # stand-in; the next char's start gives the file's, but a line's last has none:
            # its far end (x1, or on a turned page its top, bottom and size) may differ.
            after = their_chars[n + 1] if n + 1 < len(their_chars) else None
            same_line = after is not None and round(after["top"]) == round(b["top"])
            keys = ["x0", "x1", "top", "bottom", "size"]
            if b["fontname"] == "STSongStd-Light" and not same_line:
                keys = ["x0", "top", "bottom", "size"] if rotate == 0 else ["x0", "x1"]
            for key in keys:
                assert a[key] == pytest.approx(b[key], abs=0.01), (a["text"], key)
        for kind in ("line", "rect", "curve"):
            ours, reference = mine.objects.get(kind, []), theirs.objects.get(kind, [])
            assert len(ours) == len(reference) > 0, kind
            for a, b in zip(ours, reference, strict=True):
                for key in ("x0", "x1", "top", "bottom"):
                    assert a[key] == pytest.approx(b[key], abs=0.01), (kind, key)
                if kind == "curve":
                    flat = [v for point in a["pts"] for v in point]
                    assert flat == pytest.approx([v for point in b["pts"] for v in point], abs=0.01)

        def edges(page: Any) -> list[tuple[Any, ...]]:
            return sorted(
                (e["orientation"] or "", *(round(e[k], 2) for k in ("x0", "x1", "top", "bottom")))
                for e in page.edges
            )

        assert edges(mine) == edges(theirs)


def test_a_page_of_more_objects_than_taken_is_refused(tmp_path: Path) -> None:
    """The cap on objects holds for a page's objects and those of its forms: the page
    drawn has 9 objects, one a form of 2."""
    path = tmp_path / "drawn.pdf"
    _drawn(path)
    pages = page_source.PdfiumPages(path, 10)
    try:
        with pytest.raises(TooManyObjects):
            pages.page(0)
    finally:
        pages.close()
    pages = page_source.PdfiumPages(path, 11)
    try:
        assert pages.page(0).chars
    finally:
        pages.close()
