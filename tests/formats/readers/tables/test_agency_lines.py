"""The agency line above a table: a code and a name, never a numbered title or a year."""

from __future__ import annotations

from pathlib import Path

from bench.common import big_document
from goaleditor.formats import read_document
from goaleditor.formats.readers.tables.table_reader import AGENCY_RE
from goaleditor.formats.writers.excel import write
from tests.compare import document_differences


def test_a_code_and_name_is_an_agency_a_numbered_title_or_a_year_is_not() -> None:
    assert AGENCY_RE.match("101001 北京市某某局")
    assert AGENCY_RE.match("305某某中心")
    for line in ("100.2026年某某项目", "120、某某项目", "2026年度某某项目", "100，某某"):
        assert not AGENCY_RE.match(line), line


def test_the_hundred_and_first_table_of_an_export_keeps_the_agency(tmp_path: Path) -> None:
    """Tables from 100 on carry a three-digit number in their title ("100.2026年…")."""
    document = big_document(101, 1)
    path = tmp_path / "many.xlsx"
    write(document, path)
    assert document_differences(read_document(path), document) == []
