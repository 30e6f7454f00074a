"""An exported 自评表 records its scoring rules, and reading it back takes them, not 中央's."""

from __future__ import annotations

from pathlib import Path

import pytest

from goaleditor.formats import read_document
from goaleditor.formats.registry import write_document
from goaleditor.model.document import Document
from tests.formats.self_evaluation_documents import filled
from tests.helpers import note_lines


@pytest.mark.parametrize("suffix", ["xlsx", "docx"])
@pytest.mark.parametrize("scoring", ["shanghai", "jiangxi", "central"])
def test_a_scored_self_evaluation_comes_back_with_its_scoring(
    tmp_path: Path, example_document: Document, suffix: str, scoring: str
) -> None:
    document = filled(example_document, "central", scoring)
    assert document.scoring == scoring
    out = tmp_path / f"se.{suffix}"
    write_document(document, out)
    lines: list[str] = []
    back = read_document(out, note_lines(lines))
    assert (back.kind, back.scoring) == ("self-evaluation", scoring)
    assert not any("未见地区的评分规则" in line for line in lines), lines


def test_a_form_recording_no_scoring_is_still_read_as_central_and_said(
    tmp_path: Path, example_document: Document
) -> None:
    from openpyxl import load_workbook

    out = tmp_path / "se.xlsx"
    write_document(filled(example_document, "central", "shanghai"), out)
    book = load_workbook(out)  # a copy whose properties are gone (as a hand re-save may)
    book.custom_doc_props.props = []
    book.save(out)
    lines: list[str] = []
    back = read_document(out, note_lines(lines))
    assert back.scoring == "central"
    assert any("未见地区的评分规则" in line for line in lines), lines
