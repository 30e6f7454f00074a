"""A quantity with no value prints its comparator alone, so a re-read copy still lacks it."""

from __future__ import annotations

from pathlib import Path

import pytest

from goaleditor.formats import read_document
from goaleditor.formats.registry import write_document
from goaleditor.model.checks import check_document
from goaleditor.model.document import Document
from goaleditor.model.values import format_display


def test_a_missing_value_prints_nothing_not_its_unit_alone() -> None:
    assert format_display("≥", "", "平方米") == "≥"
    assert format_display("=", "", "平方米") == ""
    assert format_display("≥", "120", "平方米") == "≥120平方米"
    assert format_display("定性", "", "") == ""


@pytest.mark.parametrize("suffix", ["xlsx", "docx", "pdf"])
@pytest.mark.parametrize("layout", ["tianjin", "shanghai"])
def test_the_missing_value_is_still_missing_after_export_and_import(
    tmp_path: Path, example_document: Document, suffix: str, layout: str
) -> None:
    example_document.layout = layout
    *_, indicator = next(example_document.tables[0].indicator_rows())
    indicator.comparator, indicator.value, indicator.unit = "≥", "", "平方米"
    name = indicator.name
    assert indicator.display == "≥"
    before = [p for p in check_document(example_document) if p.field == "value"]
    assert before, "the check must see the missing value before the export"
    out = tmp_path / f"missing.{suffix}"
    write_document(example_document, out)
    back = read_document(out)
    *_, read_back = next(row for row in back.tables[0].indicator_rows() if row[2].name == name)
    assert read_back.value == "" and "平方米" not in read_back.display
    after = [p for p in check_document(back) if p.field == "value" and p.node is read_back]
    assert after, [p.message for p in check_document(back)]
