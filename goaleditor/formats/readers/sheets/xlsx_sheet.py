"""One worksheet's cells streamed from its XML by expat, as openpyxl's read-only reader gives
them (values only), within the guard's bounds.

Rows stop at the real cells (the dimension a sheet claims is ignored), a run of
guard.MAX_EMPTY_ROWS empty rows ends the sheet, the deadline is checked as the XML is read.
The XML is as hardened as openpyxl's defusedxml parser, and more: no DTD, no entity
declaration, no external reference.
"""

from __future__ import annotations

import functools
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import IO, Any
from xml.etree.ElementTree import Element, ParseError, TreeBuilder
from xml.parsers import expat

from goaleditor.errors import InputError
from goaleditor.formats.notes import ImportNote
from goaleditor.formats.readers import guard
from goaleditor.formats.readers.sheets.hardened_expat import hardened_parser
from goaleditor.formats.readers.tables.document_reader import MAX_COLUMNS, MAX_ROWS

NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_ROW, _V, _IS, _COL = (f"{NS}}}{local}" for local in ("row", "v", "is", "col"))
_MERGE_CELLS = f"{NS}}}mergeCells"
# Bytes of XML fed at a time, as ElementTree's iterparse reads them: a piece's syntax error is
# found before the cells in it are read, as with openpyxl (and the deadline checked between).
_PIECE = 16 * 1024
_CHECK_ROWS = 256

Cell = tuple[int, Any, Any]  # (column from 1, value, style id)
Row = tuple[int, list[Cell], bool]  # (row number from 1, cells, hidden)


@dataclass
class SheetContent:
    """What a sheet holds: rows of raw values (from row 1, gaps as empty rows), each value's
    style id where it is a number or a date, merges, hidden rows and columns (from 0)."""

    rows: list[list[Any]] = field(default_factory=list)
    styles: list[dict[int, Any]] = field(default_factory=list)  # by column, values not text
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)
    hidden_rows: set[int] = field(default_factory=set)
    hidden_columns: set[int] = field(default_factory=set)
    formulas: dict[tuple[int, int], str] = field(default_factory=dict)  # saved with no value


def _true(flag: Any) -> bool:
    return str(flag).lower() in ("1", "true")


def _element_name(name: str) -> str:
    """expat's "namespace}local" as ElementTree spells it: "{namespace}local"."""
    return "{" + name if "}" in name else name


@functools.lru_cache(maxsize=4096)
def _merge_bounds(ref: str | None) -> tuple[int, int, int, int] | None:
    """A merged range's (row, column, last row, last column) from 0, as openpyxl reads it
    (its errors raised as openpyxl raises them); None for a range without all four."""
    from openpyxl.utils.cell import range_boundaries
    from openpyxl.worksheet.merge import MergeCell

    merged = MergeCell(ref)
    try:
        c1, r1, c2, r2 = range_boundaries(str(merged.ref))
    except (TypeError, ValueError):
        return None
    if c1 is None or r1 is None or c2 is None or r2 is None:
        return None
    return r1 - 1, c1 - 1, r2 - 1, c2 - 1


@functools.lru_cache(maxsize=1 << 16)
def _coordinates(coordinate: str) -> tuple[int, int]:
    """openpyxl's coordinate_to_tuple (the same few hundred cells in sheet after sheet)."""
    from openpyxl.utils.cell import coordinate_to_tuple

    return coordinate_to_tuple(coordinate)  # type: ignore[no-any-return]


class _Stream:
    """expat handlers turning a sheet's XML into rows of (column, value, style) as openpyxl's
    WorkSheetParser.parse_row and parse_cell do with data_only."""

    def __init__(self, workbook: Any, shared_strings: list[Any]) -> None:
        from openpyxl.utils.datetime import from_excel, from_ISO8601
        from openpyxl.worksheet._reader import _cast_number

        self.coordinate_to_tuple = _coordinates
        self.from_excel, self.from_iso = from_excel, from_ISO8601
        self.cast_number = _cast_number
        self.shared_strings = shared_strings
        self.epoch = workbook.epoch
        self.date_formats = workbook._date_formats
        self.timedelta_formats = workbook._timedelta_formats
        self.rows: list[Row] = []
        self.formulas: dict[tuple[int, int], str] = {}
        self.column_dimensions: dict[str, dict[str, str]] = {}
        self.merges: list[tuple[int, int, int, int]] = []
        self.depth = 0
        self.row_counter = self.col_counter = 0
        self.row_depth = 0  # the depth of the row being read (0: none)
        self.cells: list[Cell] = []
        self.hidden = False
        self.cell: dict[str, str] | None = None  # the attributes of the cell being read
        self.value: str | None = None  # its first <v>'s text
        self.seen_value = False
        self.last: dict[str, str] = {}  # its children's text by local name (the last each)
        self.piece: list[str] | None = None  # text of a cell's <v> or <f> as it comes
        self.piece_name = ""
        self.inline: list[tuple[str, Any, Any]] | None = None  # the <is> being read
        self.inline_text: str | None = None
        self.merge_cells: list[tuple[int, int, int, int]] | None = None
        # What a cell or row raised: openpyxl reads them once the piece that holds them parsed.
        self.failure: Exception | None = None

    def attach(self, parser: Any) -> None:
        parser.StartElementHandler = self.start
        parser.EndElementHandler = self.end
        parser.CharacterDataHandler = self.data

    def start(self, name: str, attrs: dict[str, str]) -> None:
        """An element starts (what goes wrong is kept for after the piece: see failure)."""
        if self.failure is not None:
            return
        try:
            self.depth += 1
            depth = self.depth
            if self.inline is not None:
                self.inline.append(("start", name, attrs))
                return
            if self.piece is not None:  # an element inside <v>: its text is what came before
                self._close_piece()
            row_depth = self.row_depth
            if row_depth:
                if depth == row_depth + 1:
                    self.cell, self.value, self.seen_value, self.last = attrs, None, False, {}
                    self.inline_text = None
                elif depth == row_depth + 2:
                    self._cell_child(name, attrs)
                return
            if name == _ROW:
                self._row_start(attrs)
            elif name == _COL:
                from openpyxl.utils import get_column_letter

                self.column_dimensions[get_column_letter(int(attrs["min"]))] = attrs
            elif name == _MERGE_CELLS:
                _check_keywords(attrs, {"count"})
                self.merge_cells = []
            elif self.merge_cells is not None and name.rpartition("}")[2] == "mergeCell":
                _check_keywords(attrs, {"ref"})
                bounds = _merge_bounds(attrs.get("ref"))
                if bounds is not None:
                    self.merge_cells.append(bounds)
        except Exception as exc:
            self.failure = exc

    def _cell_child(self, name: str, attrs: dict[str, str]) -> None:
        local = name.rpartition("}")[2]
        if local in ("v", "f"):
            self.piece, self.piece_name = [], local
            if name == _V and not self.seen_value:
                self.piece_name = "first v"
        elif name == _IS and self.inline_text is None and self._inline_cell():
            self.inline = [("start", name, attrs)]

    def _inline_cell(self) -> bool:
        return self.cell is not None and self.cell.get("t") == "inlineStr"

    def _close_piece(self) -> None:
        """A <v> or <f> ends (or an element starts in it): its text (ElementTree's .text)."""
        text = "".join(self.piece or ())
        self.piece = None
        if self.piece_name == "first v":
            self.value, self.seen_value, self.piece_name = text or None, True, "v"
        self.last[self.piece_name] = text

    def _row_start(self, attrs: dict[str, str]) -> None:
        if "r" in attrs:
            try:
                self.row_counter = int(attrs["r"])
            except ValueError:
                number = float(attrs["r"])
                if not number.is_integer():
                    raise ValueError(f"{attrs['r']} is not a valid row number") from None
                self.row_counter = int(number)
        else:
            self.row_counter += 1
        self.col_counter = 0
        self.row_depth = self.depth
        self.cells = []
        self.hidden = _true(attrs.get("hidden"))

    def data(self, text: str) -> None:
        if self.inline is not None:
            self.inline.append(("data", text, None))
        elif self.piece is not None:
            self.piece.append(text)

    def end(self, name: str) -> None:
        """An element ends (what goes wrong is kept for after the piece: see failure)."""
        if self.failure is not None:
            return
        try:
            depth = self.depth
            self.depth -= 1
            if self.inline is not None:
                self.inline.append(("end", name, None))
                if depth == self.row_depth + 2:
                    self.inline_text, self.inline = _inline_text(self.inline), None
                return
            row_depth = self.row_depth
            if not row_depth:
                if name == _MERGE_CELLS and self.merge_cells is not None:
                    self.merges, self.merge_cells = self.merge_cells, None
                return
            if depth == row_depth + 2:
                if self.piece is not None:
                    self._close_piece()
            elif depth == row_depth + 1:
                self._cell_end(name)
            elif depth == row_depth:
                self.rows.append((self.row_counter, self.cells, self.hidden))
                self.row_depth = 0
        except Exception as exc:
            self.failure = exc

    def _cell_end(self, name: str) -> None:
        attrs = self.cell or {}
        self.cell = None
        kind = attrs.get("t", "n")
        coordinate = attrs.get("r")
        style: Any = attrs.get("s", 0)
        if style:
            style = int(style)
        value: Any = None if kind == "inlineStr" else self.value
        if coordinate:
            _row, column = self.coordinate_to_tuple(coordinate)
            self.col_counter = column
        else:
            self.col_counter += 1
            column = self.col_counter
        if value is not None:
            if kind == "n":
                value = self.cast_number(value)
                if style in self.date_formats:
                    value = self._date(value, style, coordinate)
            elif kind == "s":
                index = int(value)
                if index < 0:  # Python's list would give a string from the end: damaged
                    raise IndexError(f"shared string index {index} out of range")
                value = self.shared_strings[index]
            elif kind == "b":
                value = bool(int(value))
            elif kind == "d":
                value = self.from_iso(value)
        elif kind == "inlineStr" and self.inline_text is not None:
            value = self.inline_text
        self.cells.append((column, value, style))
        last = self.last
        if "f" in last and not last.get("v") and name.rpartition("}")[2] == "c":
            self._formula(attrs.get("r", ""), last["f"])

    def _date(self, value: Any, style: Any, coordinate: str | None) -> Any:
        try:
            return self.from_excel(value, self.epoch, timedelta=style in self.timedelta_formats)
        except (OverflowError, ValueError):
            # openpyxl's own warning, so that guard.library_notes says it as before
            warnings.warn(
                f"Cell {coordinate} is marked as a date but the serial value {value} is outside "
                "the limits for dates. The cell will be treated as an error.",
                stacklevel=1,
            )
            return "#VALUE!"

    def _formula(self, ref: str, formula: str) -> None:
        from openpyxl.utils.cell import column_index_from_string, coordinate_from_string

        try:
            column, row = coordinate_from_string(ref)
        except ValueError:
            return
        self.formulas[row - 1, column_index_from_string(column) - 1] = "=" + formula

    def hidden_columns(self) -> set[int]:
        """The columns (from 0) that <col hidden> elements hide."""
        hidden: set[int] = set()
        for attrs in self.column_dimensions.values():
            if not _true(attrs.get("hidden")):
                continue
            try:
                first, last = int(attrs["min"]), int(attrs.get("max", attrs["min"]))
            except (KeyError, ValueError):
                continue
            hidden.update(range(first - 1, min(last, 16_384)))
        return hidden


def _check_keywords(attrs: dict[str, str], known: set[str]) -> None:
    """openpyxl refuses (TypeError) an element with an attribute it does not know."""
    unknown = [key for key in attrs if "}" not in key and key not in known]
    if unknown:
        raise TypeError(f"unexpected attribute {unknown[0]!r}")


def _built(events: list[tuple[str, Any, Any]]) -> Element:
    """The element the recorded expat events describe, as ElementTree would build it."""
    builder = TreeBuilder()
    for kind, name, attrs in events:
        if kind == "start":
            builder.start(_element_name(name), {_element_name(k): v for k, v in attrs.items()})
        elif kind == "data":
            builder.data(name)
        else:
            builder.end(_element_name(name))
    return builder.close()


def _inline_text(events: list[tuple[str, Any, Any]]) -> str:
    """An inline string's text (<is> as expat events), as openpyxl's Text.from_tree(…).content:
    the text of its one <t>, or else what openpyxl makes of it."""
    usual = len(events) == 5 and events[2][0] == "data" and events[1][0] == "start"
    if usual and events[1][1].endswith("}t") and not events[0][2]:
        return str(events[2][1])  # <is><t>text</t></is>
    inner = events[2:-2]
    plain = (
        len(events) >= 4
        and events[1][0] == "start"
        and events[1][1].rpartition("}")[2] == "t"
        and all(kind == "data" for kind, _, _ in inner)
        and all("}" in key for key in events[0][2])
    )
    if plain:
        return "".join(text for _, text, _ in inner)
    from openpyxl.cell.text import Text

    return str(Text.from_tree(_built(events)).content)


def _parsed(source: IO[bytes], stream: _Stream, check: Callable[[], None]) -> Iterator[Row]:
    """The rows of the XML in source as they are parsed, piece by piece."""
    parser = hardened_parser(_PIECE)
    stream.attach(parser)
    try:
        while piece := source.read(_PIECE):
            check()
            parser.Parse(piece, False)
            yield from _taken(stream)
        parser.Parse(b"", True)
    except expat.ExpatError as exc:
        error = ParseError(str(exc))
        error.code, error.position = exc.code, (exc.lineno, exc.offset)
        raise error from None
    yield from _taken(stream)


def _taken(stream: _Stream) -> Iterator[Row]:
    """The rows read so far (taken from stream), then what went wrong after them, if anything."""
    rows, stream.rows = stream.rows, []
    failure, stream.failure = stream.failure, None
    yield from rows
    if failure is not None:
        raise failure


def _bounded_rows(
    sheet: Any, deadline: guard.Deadline, notes: list[ImportNote], content: SheetContent
) -> Iterator[tuple[list[Any], dict[int, Any]]]:
    """The sheet's rows from row 1 (a gap as empty rows) as (values, style of each cell),
    within MAX_EMPTY_ROWS; its merges, hidden rows and columns go to content once the rows
    are all read. A damaged sheet is one InputError line naming it."""
    stream = _Stream(sheet.parent, sheet._shared_strings)
    expected = 1
    try:
        with sheet._get_source() as source:
            rows = _parsed(source, stream, deadline.check)
            for number, (index, cells, hidden) in enumerate(rows):
                if number % _CHECK_ROWS == 0:
                    deadline.check()
                if index < expected:
                    continue  # a row number repeated or going back: the first one counts
                if hidden:
                    content.hidden_rows.add(index - 1)
                # As wide as the row's rightmost cell (within MAX_COLUMNS): openpyxl's _get_row
                # took the last one, losing cells written out of order before it.
                width = min(MAX_COLUMNS, max(cell[0] for cell in cells) if cells else 1)
                values: list[Any] = [None] * width
                styles: dict[int, Any] = {}
                for column, value, style in cells:
                    if 0 < column <= width:
                        values[column - 1] = value
                        if value is not None and type(value) is not str:
                            styles[column - 1] = style  # a number's format is shown
                if index - expected > guard.MAX_EMPTY_ROWS:
                    if any(v is not None and v != "" for v in values):
                        gap = f"此行起的内容在{index - expected}个空行之后，已忽略"
                        notes.append(ImportNote(gap, sheet.title, index))
                    return
                for _gap in range(expected, index):
                    yield [], {}
                expected = index + 1
                yield values, styles
            content.hidden_columns = stream.hidden_columns()
            content.merges = stream.merges
            content.formulas = stream.formulas
    except InputError:
        raise
    except guard.DAMAGE as exc:
        raise guard.damaged(deadline.source, exc, sheet.title) from None


def read_sheet(sheet: Any, deadline: guard.Deadline, notes: list[ImportNote]) -> SheetContent:
    """A read-only sheet's raw values (at most MAX_ROWS rows of MAX_COLUMNS), merges, hidden
    rows and columns and formulas saved without a value, read straight from its XML."""
    content = SheetContent()
    for number, (values, styles) in enumerate(_bounded_rows(sheet, deadline, notes, content)):
        if number >= MAX_ROWS:
            break
        content.rows.append(values)
        content.styles.append(styles)
    return content
