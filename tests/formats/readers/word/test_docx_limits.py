"""What goaleditor writes in Word, it opens: the importer's caps hold any export within the
document limits, and a large export reads back whole, in bounded memory."""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
import pytest

from bench.common import big_document
from goaleditor.errors import InputError
from goaleditor.formats.readers.word import reader
from goaleditor.formats.writers.word import write
from goaleditor.model.limits import MAX_INDICATORS, MAX_TABLES
from tests.compare import document_differences
from tests.helpers import note_lines


def _measured(path: Path) -> tuple[int, int, int]:
    """document.xml's size, the package's unpacked size, and the rows the importer counts
    (non-empty paragraphs of the body, and each table's rows and one more)."""
    with zipfile.ZipFile(path) as archive:
        members = archive.infolist()
        body = archive.getinfo("word/document.xml").file_size
    word = docx.Document(str(path))
    rows = sum(1 for p in word.paragraphs if p.text.strip())
    rows += sum(len(table.rows) + 1 for table in word.tables)
    return body, sum(m.file_size for m in members), rows


def test_an_export_at_the_document_limits_fits_the_word_importers_caps(tmp_path: Path) -> None:
    """MAX_TABLES tables holding MAX_INDICATORS indicators (the bench's realistic text), measured
    on small exports and extrapolated linearly (a table and an indicator each add their XML and
    rows), stay within the caps on document.xml, on the unpacked package and on rows."""
    sizes = {}
    for tables, indicators in ((2, 2), (4, 2), (2, 12)):
        out = tmp_path / f"{tables}-{indicators}.docx"
        write(big_document(tables, indicators), out)
        sizes[tables, indicators] = _measured(out)
    at_limit = []
    for what in range(3):
        per_indicator = (sizes[2, 12][what] - sizes[2, 2][what]) / (2 * 10)
        per_table = (sizes[4, 2][what] - sizes[2, 2][what]) / 2 - 2 * per_indicator
        assert per_table > 0 and per_indicator > 0
        at_limit.append(sizes[2, 2][what] + MAX_TABLES * per_table + MAX_INDICATORS * per_indicator)
    body, unpacked, rows = at_limit
    assert body <= reader.MAX_PART, f"{body / 2**20:.0f} MB"
    assert unpacked <= reader.MAX_UNCOMPRESSED, f"{unpacked / 2**20:.0f} MB"
    assert rows <= reader.MAX_DOCUMENT_ROWS, rows
    # The caps are the limits' with margin, not far beyond them (a cap is a defence).
    assert body >= reader.MAX_PART / 2 and rows >= reader.MAX_DOCUMENT_ROWS / 2


def test_an_export_past_the_old_row_cap_reads_back_whole(tmp_path: Path) -> None:
    """2,000 tables are some 22,000 rows: the old cap of 20,000 rows in all cut the document
    after about 1,800 tables (the rest said to be 不是绩效目标表)."""
    document = big_document(2000, 1)
    path = tmp_path / "large.docx"
    write(document, path)
    assert _measured(path)[2] > 20_000
    warnings: list[str] = []
    read = reader.read(path, note_lines(warnings))
    assert len(read.tables) == 2000
    # From table 100 on, a numbered title ("100.2026年…") is not an agency code and name.
    assert document_differences(read, document) == []
    assert warnings == []


def test_a_part_packed_like_a_zip_bomb_is_refused_before_it_is_read(tmp_path: Path) -> None:
    """Within the size cap, but packed 1,000:1 (no XML compresses so): refused unread."""
    target = tmp_path / "bomb.docx"
    with (
        zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive,
        archive.open("word/document.xml", "w") as part,
    ):
        part.write(b"<w:document>")
        for _ in range(20):
            part.write(b" " * 2**20)
        part.write(b"</w:document>")
    size = zipfile.ZipFile(target).getinfo("word/document.xml").file_size
    assert reader.RATIO_FROM < size < reader.MAX_PART
    with pytest.raises(InputError, match=r"解压后过大.*恶意文件"):
        reader.read(target)
