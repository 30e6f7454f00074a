"""Sheets streamed straight from their XML: the values openpyxl's read-only reader gives, as
hardened, and progress said while a large workbook is read."""

from __future__ import annotations

import datetime as dt
import sys
import zipfile
from pathlib import Path
from typing import Any

import pytest

from goaleditor.errors import InputError
from goaleditor.formats import read_document
from goaleditor.formats.readers import guard
from goaleditor.formats.readers.sheets import xlsx, xlsx_sheet
from goaleditor.formats.readers.sheets.xlsx_workbook import load

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def _trimmed(rows: list[list[Any]]) -> list[list[Any]]:
    """Rows without trailing blanks, and no trailing empty rows (widths differ by design)."""
    out = [list(row) for row in rows]
    for row in out:
        while row and row[-1] is None:
            row.pop()
    while out and not out[-1]:
        out.pop()
    return out


def _ours(path: Path) -> dict[str, list[list[Any]]]:
    """Each visible sheet's raw values as xlsx_sheet reads them."""
    deadline = guard.Deadline(path.name)
    with path.open("rb") as source:
        book = load(source, deadline)
        found = {
            sheet.title: _trimmed(xlsx_sheet.read_sheet(sheet, deadline, []).rows)
            for sheet in book.worksheets
        }
        book.close()
    return found


def _openpyxl(path: Path) -> dict[str, list[list[Any]]]:
    """Each sheet's values as openpyxl's read-only reader gives them."""
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True, data_only=True)
    found = {
        sheet.title: _trimmed([list(row) for row in sheet.iter_rows(values_only=True)])
        for sheet in book.worksheets
    }
    book.close()
    return found


def _with_sheet_xml(path: Path, xml: str, part: str = "xl/worksheets/sheet1.xml") -> Path:
    """A copy of the workbook at path whose first sheet is xml."""
    out = path.with_name(f"edited-{path.name}")
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            data = xml.encode() if info.filename == part else source.read(info)
            target.writestr(info, data)
    return out


def _openpyxl_book(path: Path) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "表"
    sheet.append(["项目名称", "甲", 12.5, 3, True, dt.datetime(2026, 3, 1), None, "尾"])
    sheet.append([])
    sheet.append([None, "=1+1", "#N/A"])
    sheet["C40"] = "远处"
    sheet.merge_cells("A1:B2")
    book.save(path)
    return path


def test_cells_written_by_openpyxl_read_as_openpyxl_reads_them(tmp_path: Path) -> None:
    path = _openpyxl_book(tmp_path / "openpyxl.xlsx")
    assert _ours(path) == _openpyxl(path)


def test_cells_written_by_xlsxwriter_read_as_openpyxl_reads_them(tmp_path: Path) -> None:
    import xlsxwriter

    path = tmp_path / "xlsxwriter.xlsx"
    book = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    sheet = book.add_worksheet("表")
    percent = book.add_format({"num_format": "0.0%"})
    bold = book.add_format({"bold": True})
    sheet.write_row(0, 0, ["项目名称", 0.955, 7, False])
    sheet.write_number(1, 1, 0.5, percent)
    sheet.write_rich_string(2, 0, "前", bold, "粗", "后")
    sheet.write_formula(3, 0, "=B2*2", None, 1)
    sheet.write_datetime(4, 0, dt.datetime(2026, 1, 2), book.add_format({"num_format": "yyyy"}))
    sheet.set_row(5, None, None, {"hidden": True})
    sheet.write(5, 2, "藏")
    book.close()
    assert _ours(path) == _openpyxl(path)


def test_hand_written_cells_read_as_openpyxl_reads_them(tmp_path: Path) -> None:
    # Rows and cells without r, a row going back, inline strings plain and rich (a phonetic
    # run left out), a <v> that is empty, a string cell of type str, an error value.
    rows = (
        '<row><c t="inlineStr"><is><t xml:space="preserve"> 甲 </t></is></c><c><v>1.5</v></c>'
        '<c t="inlineStr"><is><r><t>乙</t></r><r><rPr><b/></rPr><t>丙</t></r>'
        '<rPh sb="0" eb="1"><t>ヘイ</t></rPh></is></c></row>'
        '<row r="3"><c r="B3" t="str"><v>算出</v></c><c t="e"><v>#DIV/0!</v></c>'
        '<c r="E3"><v></v></c><c r="F3" t="b"><v>1</v></c></row>'
        '<row r="2"><c r="A2" t="inlineStr"><is><t>回头</t></is></c></row>'
        '<row r="5" hidden="1"><c r="A5"><f>SUM(A1:A2)</f></c><c r="C5"><v>2E3</v></c></row>'
    )
    xml = f'<worksheet xmlns="{_MAIN}"><sheetData>{rows}</sheetData></worksheet>'
    path = _with_sheet_xml(_openpyxl_book(tmp_path / "base.xlsx"), xml)
    ours = _ours(path)
    assert ours == _openpyxl(path)
    assert ours["表"][0] == [" 甲 ", 1.5, "乙丙"]


def test_a_formula_saved_without_its_result_and_hidden_bands_are_kept(tmp_path: Path) -> None:
    rows = (
        '<row r="1" hidden="1"><c r="A1"><f>B1*2</f></c><c r="B1"><v>4</v></c></row>'
        '<row r="2"><c r="A2"><f>B1</f><v>4</v></c></row>'
    )
    xml = (
        f'<worksheet xmlns="{_MAIN}"><cols><col min="2" max="3" hidden="1"/></cols>'
        f'<sheetData>{rows}</sheetData><mergeCells count="1"><mergeCell ref="A2:B3"/>'
        "</mergeCells></worksheet>"
    )
    path = _with_sheet_xml(_openpyxl_book(tmp_path / "base.xlsx"), xml)
    deadline = guard.Deadline(path.name)
    with path.open("rb") as source:
        sheet = load(source, deadline).worksheets[0]
        content = xlsx_sheet.read_sheet(sheet, deadline, [])
    assert content.formulas == {(0, 0): "=B1*2"}
    assert content.hidden_rows == {0} and content.hidden_columns == {1, 2}
    assert content.merges == [(1, 0, 2, 1)]


def test_a_dtd_anywhere_in_a_sheet_is_refused(tmp_path: Path) -> None:
    # Past the first 64 KB that guard.check_no_dtd looks at: the parser itself refuses it.
    comment = "<!--" + "x" * 70_000 + "-->"
    xml = (
        f'<?xml version="1.0"?>{comment}<!DOCTYPE worksheet [<!ENTITY a "aaaa">]>'
        f'<worksheet xmlns="{_MAIN}"><sheetData><row r="1"><c r="A1" t="inlineStr">'
        "<is><t>&a;</t></is></c></row></sheetData></worksheet>"
    )
    path = _with_sheet_xml(_openpyxl_book(tmp_path / "base.xlsx"), xml)
    with pytest.raises(InputError, match="不安全的XML内容"):
        read_document(path)


def test_broken_sheet_xml_is_one_line_naming_the_sheet(tmp_path: Path) -> None:
    xml = f'<worksheet xmlns="{_MAIN}"><sheetData><row r="1"><c r="A1"><v>1</v></row>'
    path = _with_sheet_xml(_openpyxl_book(tmp_path / "base.xlsx"), xml)
    with pytest.raises(InputError, match="工作表“表”的XML格式错误"):
        read_document(path)


def _big_workbook(path: Path, sheets: int, rows: int) -> Path:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    for s in range(sheets):
        sheet = book.create_sheet(f"表{s + 1}")
        sheet.append(["项目名称", f"项目{s + 1}"])
        sheet.append(["一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值"])
        for r in range(rows):
            sheet.append(["产出指标", "数量指标", f"指标{r}", "描述", f"≥{r}次"])
    book.save(path)
    return path


def _beats_while_reading(
    monkeypatch: pytest.MonkeyPatch, path: Path
) -> tuple[list[str | None], list[str]]:
    """Every sign of progress (the sheet being read then, or None), and the sheets read."""
    monkeypatch.setattr(guard, "_BEAT_SECONDS", 0.0)  # every sign is heard, not one a second
    reading: list[str | None] = [None]
    beats: list[str | None] = []
    read: list[str] = []
    original = xlsx.read_sheet

    def read_sheet(sheet: Any, *args: Any) -> Any:
        reading[0] = sheet.title
        read.append(sheet.title)
        try:
            return original(sheet, *args)
        finally:
            reading[0] = None

    monkeypatch.setattr(xlsx, "read_sheet", read_sheet)
    guard.on_progress(lambda: beats.append(reading[0]))
    try:
        xlsx.read(path)
    finally:
        guard.on_progress(None)
    return beats, read


def test_progress_is_said_while_a_large_sheet_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _big_workbook(tmp_path / "big.xlsx", 1, 5_000)
    beats, read = _beats_while_reading(monkeypatch, path)
    assert read == ["表1"]
    # One sheet: said many times within its reading, not only once before it.
    assert beats.count("表1") >= 5_000 // 256


def test_progress_is_said_while_a_workbook_of_many_sheets_is_opened(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _big_workbook(tmp_path / "many.xlsx", 60, 1)
    beats, read = _beats_while_reading(monkeypatch, path)
    assert len(read) == 60
    before_any_sheet = beats[: beats.index("表1")]
    assert len(before_any_sheet) >= 60  # each sheet listed is a sign, before any is read


@pytest.mark.skipif(sys.platform != "linux", reason="the fork start method carries the patch")
def test_a_reading_worker_hears_the_workbook_move_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from goaleditor.reading import worker as reading_worker

    path = _big_workbook(tmp_path / "many.xlsx", 60, 1)
    monkeypatch.setattr(guard, "_BEAT_SECONDS", 0.0)  # in the forked child too
    heard: list[None] = []
    moved_on = reading_worker.Job._moved_on

    def hear(job: reading_worker.Job) -> None:
        heard.append(None)
        moved_on(job)

    monkeypatch.setattr(reading_worker.Job, "_moved_on", hear)
    child = reading_worker.Worker("fork")
    try:
        document, _notes = child.submit(path, 120.0).result()
    finally:
        child.close()
    assert len(document.tables) == 60
    assert len(heard) >= 2 * 60  # each sheet listed, then each sheet read


def test_a_workbook_of_many_parts_has_the_guards_time_for_each_thousand(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _big_workbook(tmp_path / "many.xlsx", 60, 1)
    with zipfile.ZipFile(path) as archive:
        parts = len(archive.infolist())
    given: list[float] = []
    deadline = guard.Deadline

    def recorded(source: str, seconds: float | None = None, *args: Any, **kw: Any) -> Any:
        given.append(guard.MAX_SECONDS if seconds is None else seconds)
        return deadline(source, seconds, *args, **kw)

    monkeypatch.setattr(xlsx, "PARTS_PER_DEADLINE", 20)
    monkeypatch.setattr(guard, "Deadline", recorded)
    xlsx.read(path)
    assert given == [guard.MAX_SECONDS * -(-parts // 20)]
    assert given[0] > guard.MAX_SECONDS
