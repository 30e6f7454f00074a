"""A workbook's structure read by openpyxl (parts, strings, styles, sheet list), its sheets
left unread: xlsx_sheet streams each one when its turn comes.

openpyxl's read-only load parses every sheet up to its <dimension> as it lists them (a sheet
without one, as XlsxWriter's constant_memory writes, to its end): a 5000-sheet workbook spent
most of a minute there before the first sign of progress, and the dimension is never used.
"""

from __future__ import annotations

from typing import IO, Any

from goaleditor.formats.readers import guard


def load(source: IO[bytes], deadline: guard.Deadline) -> Any:
    """The workbook as openpyxl's load_workbook(read_only=True, data_only=True,
    keep_links=False) gives it, but each worksheet unsized (not parsed while listed); the
    deadline is checked, and progress said, at each sheet listed."""
    from openpyxl.reader.excel import ExcelReader
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet

    class UnsizedSheet(ReadOnlyWorksheet):  # type: ignore[misc]
        def _get_size(self) -> None:
            """The dimension a sheet claims is not read (rows stop at the real cells)."""

    class Reader(ExcelReader):  # type: ignore[misc]
        def read_worksheets(self) -> None:
            """openpyxl's read-only branch of read_worksheets, with unsized sheets."""
            from openpyxl.packaging.relationship import get_dependents, get_rels_path

            for sheet, rel in self.parser.find_sheets():
                deadline.check()
                if rel.target not in self.valid_files:
                    continue
                if "chartsheet" in rel.Type:
                    self.read_chartsheet(sheet, rel)
                    continue
                rels_path = get_rels_path(rel.target)
                if rels_path in self.valid_files:
                    get_dependents(self.archive, rels_path)  # a damaged one refuses, as before
                worksheet = UnsizedSheet(self.wb, sheet.name, rel.target, self.shared_strings)
                worksheet.sheet_state = sheet.state
                self.wb._sheets.append(worksheet)

    reader = Reader(source, read_only=True, data_only=True, keep_links=False)
    reader.read()
    return reader.wb
