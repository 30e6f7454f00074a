"""Import of OpenDocument spreadsheets (.ods): content.xml streamed through defusedxml."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from goaleditor.errors import InputError
from goaleditor.formats.notes import ImportNote, Warn
from goaleditor.formats.readers import guard
from goaleditor.formats.readers.tables.document_reader import (
    MAX_COLUMNS,
    MAX_ROWS,
    document_from_sheets,
)
from goaleditor.formats.readers.tables.sheet_cells import SheetGrid, hidden_sheet_note, hide
from goaleditor.model.document import Document

MAX_CONTENT = 100 * 1024 * 1024  # content.xml, uncompressed
MAX_SHEETS = 2_000
MAX_CELLS = 2_000_000  # cells kept over the whole workbook (repeats included)
MAX_REPEATED_ROWS = 1_000  # copies kept of one row with content (the fuzz run: 20,000 took 29 s)
MIMETYPE = "application/vnd.oasis.opendocument.spreadsheet"

_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
T_TABLE, T_ROW = f"{{{_TABLE}}}table", f"{{{_TABLE}}}table-row"
T_COLUMN = f"{{{_TABLE}}}table-column"
_STYLE = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
T_STYLE = f"{{{_STYLE}}}style"
MAX_MERGES = 100_000
T_CELL, T_COVERED = f"{{{_TABLE}}}table-cell", f"{{{_TABLE}}}covered-table-cell"
_NUMERIC_RE = re.compile(r"^[-+]?[\d,]*(?:\.\d*)?$")  # one way to read each: linear
_GROUPED_RE = re.compile(r"(?<![\d.])\d{1,3}(?:,\d{3})+(?=\.\d|[^\d,]|$)")


def read(path: Path, warn: Warn | None = None) -> Document:
    """Read every goal table of an .ods workbook."""
    with guard.open_zip(path, "OpenDocument表格（.ods）") as archive:
        content = _check_archive(archive, path.name)
        try:
            with archive.open(content) as stream:
                reader = _Sheets(path.name)
                sheets = list(reader.parse(stream))
        except InputError:
            raise
        except Exception as exc:  # ParseError, zlib and zip errors, bad CRC, DTD/entity refusals
            raise guard.unreadable(path.name, exc, "表格内容") from None
    document = document_from_sheets(sheets, path.name, reader.notes.append)
    if warn is not None:
        for note in reader.notes:
            warn(note)
    return document


def _check_archive(archive: zipfile.ZipFile, source: str) -> zipfile.ZipInfo:
    members = archive.infolist()
    guard.check_member_count(source, members)
    names = {member.filename: member for member in members}
    try:
        mimetype = archive.read("mimetype")[:100] if "mimetype" in names else b""
    except Exception:
        raise InputError(f"{source}：文件已损坏：无法读取文件类型标记") from None
    if mimetype and mimetype.strip() != MIMETYPE.encode():
        kind = mimetype.decode("ascii", "replace").rsplit(".", 1)[-1]
        if not re.fullmatch(r"[\w.+-]{1,40}", kind):  # not a type name: the file's text
            raise InputError(f"{source}：文件已损坏：文件类型标记无效")
        raise InputError(f"{source}：不是OpenDocument表格（文件类型为“{kind}”）")
    content = names.get("content.xml")
    if content is None:
        raise InputError(f"{source}：文件已损坏：缺少表格内容（content.xml）")
    if content.file_size > MAX_CONTENT:
        raise guard.unpacked_too_large(source, content.file_size)
    return content


def _repeat(element: Any, name: str) -> int:
    raw = element.get(f"{{{_TABLE}}}{name}", "1")
    try:
        return max(1, int(raw))
    except ValueError:
        return 1


def _text(element: Any) -> str:
    """A cell's text: paragraphs on their own lines, text:s/tab/line-break expanded."""
    paragraphs = []
    for paragraph in element:
        if paragraph.tag not in (f"{{{_TEXT}}}p", f"{{{_TEXT}}}h"):
            continue
        parts: list[str] = []
        _inline(paragraph, parts)
        paragraphs.append("".join(parts))
    return "\n".join(paragraphs)


def _inline(element: Any, parts: list[str]) -> None:
    if element.text:
        parts.append(element.text)
    for child in element:
        tag = child.tag
        if tag == f"{{{_TEXT}}}s":
            try:
                parts.append(" " * min(1000, max(1, int(child.get(f"{{{_TEXT}}}c", "1")))))
            except ValueError:
                parts.append(" ")
        elif tag == f"{{{_TEXT}}}tab":
            parts.append("\t")
        elif tag == f"{{{_TEXT}}}line-break":
            parts.append("\n")
        elif tag != f"{{{_OFFICE}}}annotation":
            _inline(child, parts)
        if child.tail:
            parts.append(child.tail)


def _value(cell: Any) -> Any:
    """What a person reads in the cell: numbers as numbers, unless shown with a unit or %."""
    if cell.tag == T_COVERED:
        return None
    kind = cell.get(f"{{{_OFFICE}}}value-type")
    shown = _text(cell)
    if kind in ("float", "currency"):
        raw = cell.get(f"{{{_OFFICE}}}value", "")
        if shown and not _NUMERIC_RE.match(shown.strip()) and kind == "float":
            # 365天, 1.5万元/人: the unit is part of the value; 55,853.63平方米 loses its grouping
            return _GROUPED_RE.sub(lambda m: m.group().replace(",", ""), shown)
        try:
            number = float(raw)
        except ValueError:
            return shown or None
        if number != number or number in (float("inf"), float("-inf")):
            return shown or None
        return int(number) if number.is_integer() and abs(number) < 1e15 else number
    if kind == "percentage":
        return shown or cell.get(f"{{{_OFFICE}}}value")
    return shown if shown != "" else None


class _Sheets:
    """Streams content.xml: one (name, rows) per table:table, repeats capped."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.cells = 0
        self.notes: list[ImportNote] = []  # hidden sheets, rows and columns left out
        self.merges: list[tuple[int, int, int, int]] = []  # of the sheet being read

    def parse(self, stream: IO[bytes]) -> Iterator[tuple[str, list[list[Any]]]]:
        from defusedxml.ElementTree import iterparse

        sheets = 0
        rows: list[list[Any]] = []
        name = ""
        pending_empty = 0
        depth = 0  # nesting of table:table (sub-tables inside cells are read as text)
        hidden_styles: set[str] = set()  # table styles with table:display="false"
        hidden_rows: set[int] = set()
        hidden_columns: set[int] = set()
        columns = 0
        for event, element in iterparse(stream, events=("start", "end")):
            tag = element.tag
            if tag == T_STYLE and event == "end" and depth == 0:
                if any(p.get(f"{{{_TABLE}}}display") == "false" for p in element):
                    hidden_styles.add(element.get(f"{{{_STYLE}}}name", ""))
                continue
            if tag == T_TABLE:
                if event == "start":
                    depth += 1
                    if depth == 1:
                        sheets += 1
                        if sheets > MAX_SHEETS:
                            raise InputError(f"{self.source}：工作表过多，已拒绝读取")
                        name = element.get(f"{{{_TABLE}}}name", f"Sheet{sheets}")
                        rows, pending_empty, self.merges = [], 0, []
                        hidden_rows, hidden_columns, columns = set(), set(), 0
                        hidden = element.get(f"{{{_TABLE}}}style-name") in hidden_styles
                    continue
                depth -= 1
                if depth == 0:
                    if hidden:
                        self.notes.append(hidden_sheet_note(name))
                    else:
                        self.notes.extend(hide(name, rows, hidden_rows, hidden_columns))
                        yield name, SheetGrid(rows, self.merges)
                    element.clear()
                continue
            if tag == T_COLUMN and event == "end" and depth == 1:
                repeat = min(_repeat(element, "number-columns-repeated"), MAX_COLUMNS)
                if element.get(f"{{{_TABLE}}}visibility", "visible") != "visible":
                    hidden_columns.update(range(columns, columns + repeat))
                columns += repeat
                continue
            if event != "end" or depth != 1 or tag != T_ROW:
                continue
            row = self._row(element, len(rows) + pending_empty)
            repeat = _repeat(element, "number-rows-repeated")
            if element.get(f"{{{_TABLE}}}visibility", "visible") != "visible":
                at = len(rows) + pending_empty
                hidden_rows.update(range(at, min(at + repeat, MAX_ROWS)))
            element.clear()
            if not row:
                pending_empty += repeat
                continue
            for _ in range(min(pending_empty, MAX_ROWS - len(rows))):
                rows.append([])
            pending_empty = 0
            if repeat > MAX_REPEATED_ROWS:  # thousands of copies of a row: no goal table's
                said = f"此行重复了{repeat}次，只读取了前{MAX_REPEATED_ROWS}行"
                self.notes.append(ImportNote(said, name, len(rows) + 1))
                repeat = MAX_REPEATED_ROWS
            for _ in range(min(repeat, MAX_ROWS - len(rows))):
                rows.append(list(row))
                self._count(len(row))

    def _row(self, element: Any, number: int) -> list[Any]:
        row: list[Any] = []
        width = 0  # up to the last cell with a value or covered by a merge, as .xlsx rows read
        for cell in element:
            if cell.tag not in (T_CELL, T_COVERED):
                continue
            value = _value(cell)
            room = MAX_COLUMNS - len(row)
            if room <= 0:
                break
            down = _repeat(cell, "number-rows-spanned")
            across = _repeat(cell, "number-columns-spanned")
            if (down, across) != (1, 1) and len(self.merges) < MAX_MERGES:
                at = len(row)
                self.merges.append((number, at, number + down - 1, at + across - 1))
            row.extend([value] * min(room, _repeat(cell, "number-columns-repeated")))
            if value is not None or cell.tag == T_COVERED:
                width = len(row)
        if not any(value is not None for value in row):
            return []
        del row[width:]
        return row

    def _count(self, cells: int) -> None:
        self.cells += max(1, cells)
        if self.cells > MAX_CELLS:
            raise InputError(f"{self.source}：单元格过多，不像是绩效目标表，已拒绝读取")
