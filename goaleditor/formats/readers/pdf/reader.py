"""Import of published PDFs: ruled tables (PDFium pages), the text around them, continued tables."""

from __future__ import annotations

import itertools
import logging
import re
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from goaleditor.errors import InputError, RefusalKind
from goaleditor.formats.layout.official import DEFAULT_HEADING, table_title
from goaleditor.formats.notes import ImportNote, Warn
from goaleditor.formats.readers import guard
from goaleditor.formats.readers.pdf import page_pass
from goaleditor.formats.readers.pdf.chain import continued, leading_pages
from goaleditor.formats.readers.pdf.columns import column_rows
from goaleditor.formats.readers.pdf.horizontal_rules import Carry, rule_tables
from goaleditor.formats.readers.pdf.pages import named_from_first_row, paged
from goaleditor.formats.readers.pdf.radicals import RADICAL_RE, ideographs
from goaleditor.formats.readers.pdf.ruled_cells import RuledTable, group_lines, join_split_rows
from goaleditor.formats.readers.pdf.tables import read_sheets
from goaleditor.formats.readers.pdf.unmapped import (
    UNMAPPED_RE,
    is_unmapped,
)
from goaleditor.formats.readers.tables.columns import HEADER
from goaleditor.formats.readers.tables.text_lines import (
    agency_from_properties,
    document_title,
    level2_merged,
    line_row,
    sheets_from_blocks,
    starts_table,
)
from goaleditor.model.document import Document
from goaleditor.model.limits import MAX_INDICATORS, MAX_TABLES

MAX_BYTES = 200 * 1024 * 1024
# What goaleditor writes, it opens: its PDF starts each table on a page, and a page of
# one-line indicators holds at least MIN_ROWS_PER_PAGE of them (about 20; pinned by a test),
# so a table of n indicators takes at most 1 + ceil(n / MIN_ROWS_PER_PAGE) pages and a
# document within the limits at most 2 tables' worth of pages plus its indicators' (26,250).
MIN_ROWS_PER_PAGE = 16
MAX_PAGES = 2 * MAX_TABLES + MAX_INDICATORS // MIN_ROWS_PER_PAGE
MAX_OBJECTS = 2_000_000
MAX_PAGE_CHARS = 60_000
# seconds for the whole file: pages read at about 10 ms each (bench/pdf_import.py), so the
# most pages a document within the limits prints (about 16,000) in some 160 s, with room
# for a slower machine
TIME_LIMIT = 600.0
SAME_TOP = 3.0  # points; blocks starting this close in height are side by side
Block = tuple[bool, list[list[Any]], tuple[float, float] | None]  # (x0, x1) of a table

_METRICS_RE = re.compile(r"FontBBox|font width|font descriptor", re.IGNORECASE)
_NAME_RE = re.compile("三级指标|指标名称")
_VALUE_RE = re.compile("指标值|目标值")
_SLICE_RE = re.compile(
    "三级指标|指标名称|绩效指标描述|指标描述|指标性质|年度指标值|指标值|目标值|权重|度量单位|计量单位"
)
_PAGE_NUMBER_RE = re.compile(
    r"^(?:[-—–\s]*\d+[-—–\s]*|第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?)$"
)


def read(path: Path, warn: Warn | None = None) -> Document:
    """Read the goal tables of a PDF; one without any (or a scan without text) is refused."""
    size, head = guard.read_head(path, 1024)
    if b"%PDF-" not in head:
        raise InputError(f"{path.name}：文件已损坏：不是PDF文件")
    guard.check_file_size(path.name, size, MAX_BYTES, "绩效目标表")
    deadline = guard.Deadline(path.name, TIME_LIMIT, "PDF", say_seconds=False)
    notes: list[ImportNote] = []
    with _quiet(notes):
        limits = (MAX_PAGES, MAX_OBJECTS)
        placed, metadata = page_pass.read_pages(path, limits, deadline, notes, _page_blocks)
    creator = metadata.get("Creator", "")
    suspect = _refuse_split_wide([(n, t, rows) for n, t, rows, _ in placed], path)
    placed = continued(placed, notes.append)
    preamble, placed = leading_pages(placed, notes.append)
    blocks = [(n, t, rows) for n, t, rows, _ in placed]
    if not any(is_table for _, is_table, _ in blocks):
        # Text without ruling lines: its columns cannot be told apart (and 项目名称 may be
        # a budget table's column), so reading the lines as a table would shift cells.
        raise InputError(
            f"{path.name}：PDF中的表格没有框线，无法分辨单元格，没有找到绩效目标表"
            "（请导入原来的Excel或Word文件）"
        )
    join_split_rows([rows for _, is_table, rows in blocks if is_table])
    tables = column_rows(((n, rows) for n, is_table, rows in blocks if is_table), notes.append)
    blocks = [(n, t, next(tables) if t else rows) for n, t, rows in blocks]
    sheets = sheets_from_blocks(((f"第{n}页", t, rows) for n, t, rows in blocks), notes.append)
    sheets = named_from_first_row(sheets, blocks)
    own = creator == "goaleditor"
    try:
        document = read_sheets(sheets, path.name, notes.append, own)
    except InputError as exc:
        if suspect is not None and exc.kind is RefusalKind.HEADER_MISSING:
            # The right-hand slices may be pages further on, past the ones read.
            raise _sliced(path, suspect) from None
        raise
    if not own:  # a project name is one line: a break inside it is the cell's wrapping
        for table in document.tables:
            table.project_name = _one_line(table.project_name)
    if warn is not None:  # only once the file is known to hold goal tables
        for note in dict.fromkeys(paged(notes, sheets, blocks)):
            warn(note)
    for _, is_table, rows in blocks:
        if is_table:
            break
        preamble += [" ".join(str(v) for v in row if v is not None) for row in rows]
    if own:  # its own export: the title is in the file's properties
        title = metadata.get("Title", "")
        # Without a document title the export names the PDF after its first table.
        first = (
            table_title(1, document.tables[0], document).replace("\n", " ")
            if document.tables
            else ""
        )
        document.title = "" if title in (DEFAULT_HEADING, first) else title
        document.merge_level2 = level2_merged(sheets)
        if not (document.agency_code or document.agency_name):
            document.agency_code, document.agency_name = agency_from_properties(
                metadata.get("Author", ""), metadata.get("Keywords", "")
            )
    else:
        title = document_title(preamble)
        document.title = "" if _squeeze(title) == DEFAULT_HEADING else title
    return document


def _refuse_split_wide(blocks: list[tuple[int, bool, list[list[Any]]]], path: Path) -> int | None:
    """A table wider than the page, printed in slices side by side (as Calc prints a sheet
    not scaled to the page width), cannot be put back together: say so.

    Its mark: a 一级指标 header row without 三级指标 and 指标值, or a table continued on a
    page whose first row holds only header labels, but not 一级指标 (the right-hand slice).
    Returns the page of a header row short of labels whose slice was not seen (or None).
    """
    cut = None  # the page of a 一级指标 header row whose 三级指标 or 指标值 are elsewhere
    suspect = None
    for page, is_table, rows in blocks:
        if not is_table or not rows:
            continue
        first = [_squeeze(span[2]) for span in rows[0] if span[2]]
        if (
            not starts_table(first)
            and first
            and all(label in HEADER for label in first)
            and "一级指标" not in first
        ):
            cut = page - 1 if cut is None else cut
        for row in rows:
            line = "".join(_squeeze(span[2]) for span in row)  # cells may lack a rule between
            if "一级指标" in line and not (_NAME_RE.search(line) and _VALUE_RE.search(line)):
                cut = page if cut is None else cut
                labels = [_squeeze(span[2]) for span in row if span[2]]
                if suspect is None and all(label in HEADER for label in labels):
                    suspect = page  # only known labels: cut off at the right, not foreign
            elif cut is not None and "一级指标" not in line and _SLICE_RE.match(line):
                break
        else:
            continue
        raise _sliced(path, cut)
    return suspect


def _one_line(text: str) -> str:
    """Wrapped lines joined: without a space next to CJK text, with one between Latin words."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    out = lines[0] if lines else ""
    for line in lines[1:]:
        out += ("" if ord(out[-1]) > 0x2000 or ord(line[0]) > 0x2000 else " ") + line
    return out


def _sliced(path: Path, page: int | None) -> InputError:
    return InputError(
        f"{path.name}：宽表被分成多页打印（第{page}页起，表的右边几列印在后面的页上），"
        "无法拼回；请打开原表格文件，或在打印设置中选“缩放到一页宽”后重新生成PDF",
        RefusalKind.SLICED_TABLE,
    )


@contextmanager
def _quiet(notes: list[ImportNote]) -> Iterator[None]:
    """Keep pdfminer's log records and library warnings off stderr; note the serious ones."""

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            if record.levelno >= logging.WARNING:
                note = _library_note(record.getMessage())
                if note:
                    notes.append(ImportNote(note))

    logger = logging.getLogger("pdfminer")
    handler, propagate, level = Collect(), logger.propagate, logger.level
    logger.addHandler(handler)
    logger.propagate = False
    logger.setLevel(logging.WARNING)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate
        logger.setLevel(level)


def _library_note(message: str) -> str:
    """pdfminer's warning said in Chinese; "" for a font's odd metrics, which it replaces
    (a missing FontBBox, a bad width entry: the text is read the same)."""
    if _METRICS_RE.search(message):
        return ""
    if "ToUnicode" in message:
        return "PDF中有些字的编码表有误，这些字可能读不出来，请核对导入的文字"
    return "PDF文件有轻微损坏，已尽量读取，请核对导入的内容"


def _page_blocks(page: Any, number: int, notes: list[ImportNote], carry: Carry) -> list[Block]:
    """The page's text lines and ruled tables, top to bottom."""
    lost = 0
    # The tables' cells are read from these chars too. Most pages have neither glyphs without
    # Unicode nor radicals: one look at the page's text spares a pass over each char.
    joined = "".join([char.get("text", "") for char in page.chars])
    if UNMAPPED_RE.search(joined) or RADICAL_RE.search(joined):
        for char in page.chars:
            text = char.get("text", "")
            if is_unmapped(text):
                char["text"], lost = "", lost + 1
            else:
                char["text"] = ideographs(text)
    if lost:
        said = f"有{lost}个字无法提取（字体没有Unicode映射），已略去，请核对"
        notes.append(ImportNote(said, f"第{number}页", joiner=""))
    chars = [c for c in page.chars if (t := c.get("text", "")) == " " or t.strip()]
    if len(chars) > MAX_PAGE_CHARS:
        crowded = f"文字过多（{len(chars)}个字符），不像是绩效目标表，已跳过"
        notes.append(ImportNote(crowded, f"第{number}页", joiner=""))
        return []
    tables = [t for t in page.find_tables() if _is_table(t)]
    placed: list[tuple[float, float, Block]] = []
    rest = chars
    for index, table in enumerate(tables):
        # Text inside another table (one beside this one) is not this table's overflow.
        others = [t.bbox for n, t in enumerate(tables) if n != index]
        theirs = [c for c in rest if any(_holds(box, c) for box in others)] if others else []
        taken = {id(c) for c in theirs}
        grid = RuledTable(table)
        free = [c for c in rest if id(c) not in taken] if taken else rest
        inside, mine = grid.split(free, number, notes.append)
        rest = mine + theirs
        x0, top, x1, _ = (float(v) for v in table.bbox)
        placed.append((top, x0, (True, grid.spans(inside), (x0, x1))))
    if not tables:  # rules across the page only (no vertical lines): columns from the text
        for rows, box in rule_tables(page, rest, number, notes.append, carry):
            rest = [c for c in rest if not _holds(box, c)]
            placed.append((box[1], box[0], (True, rows, (box[0], box[2]))))
    for top, text in _lines(rest):
        placed.append((top, 0.0, (False, [line_row(text)], None)))
    blocks: list[Block] = []
    for is_table, rows, extent in _reading_order(placed):
        if not is_table and blocks and not blocks[-1][0]:
            blocks[-1][1].extend(rows)
        else:
            blocks.append((is_table, rows, extent))
    return blocks


def _is_table(table: Any) -> bool:
    """A ruled table: two rows or three cells, or the 项目名称 row alone (the rest of its
    table is on the next page); not a box around a line of text."""
    if len(table.cells) >= 3 or len(table.rows) >= 2:  # cells first: rows are worked out
        return True
    return any(starts_table(row) for row in table.extract())


def _holds(box: tuple[float, float, float, float], char: dict[str, Any]) -> bool:
    cx, cy = (char["x0"] + char["x1"]) / 2, (char["top"] + char["bottom"]) / 2
    return bool(box[0] <= cx <= box[2] and box[1] <= cy <= box[3])


def _reading_order(placed: list[tuple[float, float, Block]]) -> list[Block]:
    """Blocks top to bottom; those starting at about the same height left to right (two
    tables side by side)."""
    placed = sorted(placed, key=lambda item: item[0])
    ordered: list[tuple[float, float, Block]] = []
    for item in placed:
        band = len(ordered)
        while band and item[0] - ordered[band - 1][0] < SAME_TOP:
            band -= 1  # the run of blocks starting within SAME_TOP of this one
        ordered.insert(band + sum(o[1] <= item[1] for o in ordered[band:]), item)
    return [block for _, _, block in ordered]


def _lines(chars: list[dict[str, Any]]) -> list[tuple[float, str]]:
    """Text outside the tables as lines; wide gaps become tabs; a wrapped title is one line."""
    result: list[tuple[float, str, float]] = []
    for line in group_lines(chars):
        size = max(c["size"] for c in line)
        parts = [line[0]["text"]]
        for a, b in itertools.pairwise(line):
            gap = b["x0"] - a["x1"]
            parts.append(
                ("\t" if gap > 1.5 * size else " " if gap > 0.3 * size else "") + b["text"]
            )
        text = "".join(parts).strip()
        if not text or _PAGE_NUMBER_RE.match(text):
            continue
        top = line[0]["top"]
        joinable = (
            "\t" not in text and _squeeze(text) != "目录" and _squeeze(result[-1][1]) != "目录"
            if result
            else False
        )
        if result and size > 12 and abs(result[-1][2] - size) < 0.5 and joinable:
            previous = result[-1]
            if top - previous[0] < size * 2.2 and not re.search(r"[.…·]{3,}", text):
                result[-1] = (previous[0], previous[1] + text, size)  # a title wrapped
                continue
        result.append((top, text, size))
    return [(top, text) for top, text, _ in result]


def _squeeze(value: Any) -> str:
    return re.sub(r"\s+", "", value) if isinstance(value, str) else ""
