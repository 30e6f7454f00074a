"""The streamed xlsx sheet reader on odd and hostile sheet XML: damaged indexes refused in one
line, never read as some other cell's text."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from goaleditor.errors import InputError
from goaleditor.formats import read_document
from tests.formats.readers.sheets.test_xlsx_sheet import _MAIN, _ours, _with_sheet_xml
from tests.helpers import ROOT


def _sheet_with_shared_string_index(tmp_path: Path, index: str) -> Path:
    xml = (
        f'<worksheet xmlns="{_MAIN}"><sheetData><row r="1"><c r="A1" t="s"><v>{index}</v></c>'
        "</row></sheetData></worksheet>"
    )
    base = tmp_path / "base.xlsx"  # a workbook with shared strings, its first sheet 汇总
    shutil.copy(ROOT / "tests" / "fixtures" / "typed-forms.xlsx", base)
    return _with_sheet_xml(base, xml)


@pytest.mark.parametrize("index", ["-1", "999999"])
def test_a_shared_string_index_out_of_range_is_a_damaged_sheet(tmp_path: Path, index: str) -> None:
    # -1 once read the last shared string (Python's index from the end) as the cell's text.
    path = _sheet_with_shared_string_index(tmp_path, index)
    with pytest.raises(InputError, match="工作表“汇总”的内容无效"):
        read_document(path)


def test_cells_written_out_of_column_order_are_all_read(tmp_path: Path) -> None:
    # Excel writes a row's cells left to right; other writers may not (B1 once was lost).
    cells = "".join(
        f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'
        for ref, text in (("C1", "丙"), ("B1", "乙"), ("A1", "甲"))
    )
    xml = f'<worksheet xmlns="{_MAIN}"><sheetData><row r="1">{cells}</row></sheetData></worksheet>'
    base = tmp_path / "base.xlsx"
    shutil.copy(ROOT / "tests" / "fixtures" / "typed-forms.xlsx", base)
    assert _ours(_with_sheet_xml(base, xml))["汇总"] == [["甲", "乙", "丙"]]
