"""Import of a 200-page published PDF and of a 1000-table workbook, against generic readers.

PDF: goaleditor's import of its own export of 100 tables (about 200 pages) against
pdfplumber's extract_tables() alone on every page of the same file. Target: <= 1x.
Workbook: the import of a 1000-table export against openpyxl's load_workbook alone
(read-only, values only, every cell visited).
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("GOALEDITOR_BUNDLED_FONTS", "1")

from bench.common import best_of, big_document
from goaleditor.formats import read_document
from goaleditor.formats.pdf import write as write_pdf
from goaleditor.formats.xlsx_export import write as write_xlsx


def plumber_tables(path: Path) -> int:
    """pdfplumber alone: every table of every page as lists of strings."""
    import pdfplumber

    count = 0
    with pdfplumber.open(str(path)) as pdf:
        for page in pdf.pages:
            count += len(page.extract_tables())
            page.close()
    return count


def openpyxl_cells(path: Path) -> int:
    """openpyxl alone: load the workbook and visit every cell value."""
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True, data_only=True)
    count = sum(1 for sheet in book.worksheets for row in sheet.iter_rows(values_only=True))
    book.close()
    return count


def main() -> None:
    folder = Path(tempfile.mkdtemp())
    pdf = folder / "published.pdf"
    document = big_document(100, indicators=24)
    write_pdf(document, pdf)
    import pypdfium2

    pages = len(pypdfium2.PdfDocument(str(pdf)))
    floor = best_of(2, lambda: plumber_tables(pdf))
    ours = best_of(2, lambda: read_document(pdf))
    assert len(read_document(pdf).tables) == 100
    print(f"pdfplumber extract_tables, {pages} pages:      {floor:6.2f} s")
    print(f"goaleditor import of the same PDF:         {ours:6.2f} s")
    print(f"ratio import / extract_tables:             {ours / floor:6.2f}x (target <= 1x)")

    book = folder / "tables.xlsx"
    write_xlsx(big_document(1000), book)
    floor = best_of(2, lambda: openpyxl_cells(book))
    ours = best_of(2, lambda: read_document(book))
    print(f"openpyxl load_workbook, 1000 sheets:       {floor:6.2f} s")
    print(f"goaleditor import of the same workbook:    {ours:6.2f} s")
    print(f"ratio import / load_workbook:              {ours / floor:6.2f}x")


if __name__ == "__main__":
    main()
