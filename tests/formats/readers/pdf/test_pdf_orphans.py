"""Cells whose last character was pulled down with the one before it read back whole."""

from __future__ import annotations

from pathlib import Path

import pytest

from goaleditor.formats import read_document
from goaleditor.formats.writers.pdf import write
from goaleditor.model.document import Document
from goaleditor.model.layout_names import LAYOUT_NAMES
from goaleditor.model.layouts import get_profile
from tests.formats.layout.test_orphans import orphan_document
from tests.helpers import note_lines


def _tree(document: Document) -> list[tuple[str, str, str]]:
    described = "indicator.description" in get_profile(document.layout).printed_fields()
    return [
        (l2.name, i.name, i.description if described else "")
        for table in document.tables
        for l1 in table.children
        for l2 in l1.children
        for i in l2.children
    ]


@pytest.mark.parametrize("layout", LAYOUT_NAMES)
def test_names_without_orphans_read_back_exactly(tmp_path: Path, layout: str) -> None:
    document = orphan_document(layout)
    table = document.tables[0]
    # paragraphs of two characters after a full line or one short by a character stay apart
    table.children[0].children[0].children[0].description = "目标一\n达成"
    pdf = tmp_path / f"{layout}.pdf"
    write(document, pdf)
    warnings: list[str] = []
    back = read_document(pdf, note_lines(warnings))
    assert _tree(back) == _tree(document)
    assert warnings == []
