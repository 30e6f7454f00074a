"""Import of published PDFs: ruled tables (pdfplumber), the text around them, continued tables."""

from __future__ import annotations

import bisect
import contextlib
import itertools
import logging
import re
import time
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from goaleditor.errors import InputError
from goaleditor.formats.import_lines import (
    document_title,
    level2_merged,
    line_row,
    sheets_from_blocks,
    starts_table,
)
from goaleditor.formats.layout import DEFAULT_HEADING, table_title
from goaleditor.formats.linebreak import NO_LINE_START
from goaleditor.formats.xlsx_import import document_from_sheets
from goaleditor.model.document import Document

MAX_BYTES = 200 * 1024 * 1024
MAX_PAGES = 5_000
MAX_OBJECTS = 2_000_000
MAX_PAGE_CHARS = 60_000
COLUMN_SNAP = 10.0  # points; no column of a goal table is narrower
TIME_LIMIT = 300.0  # seconds for the whole file
Warn = Callable[[str], None]
Block = tuple[bool, list[list[Any]]]

_MARKERS = ("项目名称", "绩效目标")
_PAGE_NUMBER_RE = re.compile(
    r"^(?:[-—–\s]*\d+[-—–\s]*|第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?)$"
)
_CJK_RE = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def read(path: Path, warn: Warn | None = None) -> Document:
    """Read the goal tables of a PDF; one without any (or a scan without text) is refused."""
    try:
        size = path.stat().st_size
        with path.open("rb") as file:
            head = file.read(1024)
    except OSError as exc:
        raise InputError(f"无法读取文件 {path}：{exc.strerror or exc}") from None
    if b"%PDF-" not in head:
        raise InputError(f"{path.name}：文件已损坏：不是PDF文件")
    if size > MAX_BYTES:
        raise InputError(f"{path.name}：文件过大（{size // 2**20} MB），不像是绩效目标表")
    deadline = time.monotonic() + TIME_LIMIT
    notes: list[str] = []
    with _quiet(notes):
        pages, metadata = _scan(path)
        columns: dict[int, list[float]] = {}  # left edges of a table's columns, by id of its rows
        blocks = list(_read_pages(path, pages, deadline, notes, columns))
    creator = metadata.get("Creator", "")
    _align_continued(blocks, columns)
    _join_split_rows(blocks)
    sheets = sheets_from_blocks(((f"第{n}页", t, rows) for n, t, rows in blocks), notes.append)
    document = document_from_sheets(sheets, path.name, notes.append)
    if warn is not None:  # only once the file is known to hold goal tables
        for note in dict.fromkeys(notes):
            warn(note)
    preamble = []
    for _, is_table, rows in blocks:
        if is_table:
            break
        preamble += [" ".join(str(v) for v in row if v is not None) for row in rows]
    if creator == "goaleditor":  # its own export: the title is in the file's properties
        title = metadata.get("Title", "")
        # Without a document title the export names the PDF after its first table.
        first = (
            table_title(1, document.tables[0], document).replace("\n", " ")
            if document.tables
            else ""
        )
        document.title = "" if title in (DEFAULT_HEADING, first) else title
        document.merge_level2 = level2_merged(sheets)
    else:
        title = document_title(preamble)
        document.title = "" if _squeeze(title) == DEFAULT_HEADING else title
    return document


def _align_continued(
    blocks: list[tuple[int, bool, list[list[Any]]]], columns_of: dict[int, list[float]]
) -> None:
    """Put a continued table's cells in the columns of the table it continues, by position."""
    base: list[float] | None = None
    for n, (page, is_table, rows) in enumerate(blocks):
        columns = columns_of.get(id(rows)) if is_table else None
        if columns is None:
            continue
        if base is None or any(starts_table(row) for row in rows):
            base = columns
            continue
        if columns == base:
            continue
        targets = [min(range(len(base)), key=lambda b: abs(base[b] - x)) for x in columns]
        aligned = []
        for row in rows:
            new: list[Any] = [None] * len(base)
            for c, value in enumerate(row):
                if value is not None and c < len(targets):
                    t = targets[c]
                    new[t] = value if new[t] is None else f"{new[t]}{value}"
            aligned.append(new)
        blocks[n] = (page, is_table, aligned)


def _join_split_rows(blocks: list[tuple[int, bool, list[list[Any]]]]) -> None:
    """A row broken over a page: its lower part (fewer cells filled) joins the upper part."""
    previous: list[list[Any]] | None = None
    for _, is_table, rows in blocks:
        if not is_table:
            continue
        if previous and rows and not any(starts_table(row) for row in rows):
            first = 1 if rows and any(_squeeze(v) == "一级指标" for v in rows[0]) else 0
            last = previous[-1]
            if first < len(rows) and len(rows[first]) == len(last):
                part = rows[first]
                filled = [c for c, v in enumerate(part) if v is not None]
                upper = [c for c, v in enumerate(last) if v is not None]
                if filled and len(filled) < len(upper) and set(filled) <= set(upper):
                    for c in filled:
                        last[c] = f"{last[c]}{part[c]}"
                    del rows[first]
        previous = rows or previous


@contextmanager
def _quiet(notes: list[str]) -> Iterator[None]:
    """Keep pdfminer's log records and library warnings off stderr; note the serious ones."""

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            if record.levelno >= logging.WARNING:
                notes.append(f"PDF文件有轻微损坏，已尽量读取（{record.getMessage()[:80]}）")

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


def _scan(path: Path) -> tuple[list[int], dict[str, str]]:
    """Pages worth reading (first to last page naming a goal-table label), and the metadata."""
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise InputError(f"{path.name}：PDF已加密，请先去掉密码再导入") from None
        raise InputError(f"{path.name}：文件已损坏：无法打开PDF") from None
    try:
        count = len(pdf)
        if count > MAX_PAGES:
            raise InputError(f"{path.name}：PDF页数过多（{count}页），已拒绝读取")
        metadata = {k: str(v) for k, v in pdf.get_metadata_dict(skip_empty=True).items()}
        marked: list[int] = []
        chars = 0
        for index in range(count):
            page = pdf[index]
            try:
                textpage = page.get_textpage()
                text = textpage.get_text_range()
                textpage.close()
            finally:
                page.close()
            chars += len(text.strip())
            squeezed = re.sub(r"\s+", "", text)
            if "一级指标" in squeezed or all(m in squeezed for m in _MARKERS):
                marked.append(index)
    except InputError:
        raise
    except Exception:
        raise InputError(f"{path.name}：文件已损坏：无法读取PDF页面") from None
    finally:
        with contextlib.suppress(Exception):  # a damaged page tree fails again here
            pdf.close()
    if chars == 0:
        raise InputError(f"{path.name}：PDF中没有文字（可能是扫描件或图片），无法导入")
    if not marked:
        raise InputError(f"{path.name}：PDF中没有找到绩效目标表（需要“项目名称”和“一级指标”表头）")
    first, last = marked[0], min(count - 1, marked[-1] + 1)
    # Pages before the first table are read for the document's title only (at most a 目录).
    return [*range(max(0, first - 3), first), *range(first, last + 1)], metadata


def _read_pages(
    path: Path, pages: list[int], deadline: float, notes: list[str], columns: dict[int, list[float]]
) -> Iterator[tuple[int, bool, list[list[Any]]]]:
    import pdfplumber

    try:
        pdf = pdfplumber.open(str(path))
    except Exception as exc:
        if "Password" in type(exc).__name__:
            raise InputError(f"{path.name}：PDF已加密，请先去掉密码再导入") from None
        raise InputError(f"{path.name}：文件已损坏：无法打开PDF（{type(exc).__name__}）") from None
    try:
        objects = sum(len(list(xref.get_objids())) for xref in pdf.doc.xrefs)
        if objects > MAX_OBJECTS:
            raise InputError(f"{path.name}：PDF结构异常（{objects}个对象），已拒绝读取")
        for index in pages:
            if time.monotonic() > deadline:
                raise InputError(f"{path.name}：PDF过于复杂，读取超时，已停止")
            try:
                page = pdf.pages[index]
                try:
                    found = _page_blocks(page, index + 1, notes, columns)
                finally:
                    page.close()
                yield from ((index + 1, t, r) for t, r in found)
            except InputError:
                raise
            except MemoryError:
                raise InputError(f"{path.name}：PDF过于复杂，无法读取") from None
            except Exception as exc:
                raise InputError(
                    f"{path.name}：文件已损坏：第{index + 1}页无法读取（{type(exc).__name__}）"
                ) from None
    except InputError:
        raise
    except Exception as exc:
        raise InputError(f"{path.name}：文件已损坏：无法读取PDF（{type(exc).__name__}）") from None
    finally:
        with contextlib.suppress(Exception):  # a damaged page tree fails again here
            pdf.close()


def _page_blocks(
    page: Any, number: int, notes: list[str], columns: dict[int, list[float]]
) -> list[Block]:
    """The page's text lines and ruled tables, top to bottom."""
    chars = [c for c in page.chars if c.get("text", "").strip() or c.get("text") == " "]
    if len(chars) > MAX_PAGE_CHARS:
        notes.append(f"第{number}页文字过多（{len(chars)}个字符），不像是绩效目标表，已跳过")
        return []
    tables = [t for t in page.find_tables() if len(t.rows) >= 2]
    placed: list[tuple[float, Block]] = []
    rest = chars
    for table in tables:
        grid = _TableGrid(table)
        inside, rest = grid.split(rest, number, notes.append)
        rows = grid.rows(inside)
        columns[id(rows)] = grid.columns
        placed.append((table.bbox[1], (True, rows)))
    for top, text in _lines(rest):
        placed.append((top, (False, [line_row(text)])))
    placed.sort(key=lambda item: item[0])
    blocks: list[Block] = []
    for _, (is_table, rows) in placed:
        if not is_table and blocks and not blocks[-1][0]:
            blocks[-1][1].extend(rows)
        else:
            blocks.append((is_table, rows))
    return blocks


def _lines(chars: list[dict[str, Any]]) -> list[tuple[float, str]]:
    """Text outside the tables as lines; wide gaps become tabs; a wrapped title is one line."""
    result: list[tuple[float, str, float]] = []
    for line in _group_lines(chars):
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


def _group_lines(chars: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    lines: list[list[dict[str, Any]]] = []
    for char in sorted(chars, key=lambda c: (round(c["top"]), c["x0"])):
        if lines and abs(char["top"] - lines[-1][0]["top"]) < char["size"] * 0.5:
            lines[-1].append(char)
        else:
            lines.append([char])
    for line in lines:
        line.sort(key=lambda c: c["x0"])
    return lines


class _TableGrid:
    """One ruled table: which chars fall in which cell, and the cells' text as rows."""

    def __init__(self, table: Any) -> None:
        self.bbox = table.bbox
        rows = table.rows
        # Left edges closer than a narrow column are one column (rows drawn a little apart).
        xs: list[float] = []
        for x in sorted({cell[0] for row in rows for cell in row.cells if cell}):
            if not xs or x - xs[-1] >= COLUMN_SNAP:
                xs.append(x)
        self.columns = xs
        self.shape = (len(rows), len(xs))
        # per column: covering cells (top, bottom, row, col, box) sorted by top
        self.cover: list[list[tuple[float, float, int, int, tuple[float, ...]]]] = [[] for _ in xs]
        for r, row in enumerate(rows):
            for cell in row.cells:
                if not cell:
                    continue
                first = max(0, bisect.bisect_right(xs, cell[0] + 0.01) - 1)
                for c in range(first, len(xs)):
                    if xs[c] >= cell[2] - COLUMN_SNAP / 2:
                        break
                    self.cover[c].append((cell[1], cell[3], r, first, cell))
        for items in self.cover:
            items.sort()
        self.tops = [[item[0] for item in items] for items in self.cover]

    def split(
        self, chars: list[dict[str, Any]], page: int = 0, warn: Warn | None = None
    ) -> tuple[dict[tuple[int, int], list[dict[str, Any]]], list[dict[str, Any]]]:
        """The chars in each cell (keyed by row and first column), and the chars outside."""
        x0, top, x1, bottom = self.bbox
        self.cells = {(item[2], item[3]): item[4] for items in self.cover for item in items}
        key_of: dict[int, tuple[int, int] | None] = {}  # by id(char); None: on a row, no cell
        table_chars: list[dict[str, Any]] = []
        outside = []
        for char in chars:
            cx, cy = (char["x0"] + char["x1"]) / 2, (char["top"] + char["bottom"]) / 2
            if not (top <= cy <= bottom and x0 <= cx) or (cx > x1 and self._row_end(cy) is None):
                outside.append(char)
                continue
            key_of[id(char)] = self._cell_at(cx, cy) if cx <= x1 else None
            table_chars.append(char)
        crossed: set[int] = set()
        beyond: set[int] = set()
        run_owner: dict[int, tuple[int, int]] = {}  # by id(char): the cell its run started in
        for run in _runs(table_chars):
            keys = [key_of[id(c)] for c in run]
            owner = next((k for k in keys if k is not None), None)
            if owner is None or all(k == owner for k in keys):
                continue
            for char, key in zip(run, keys, strict=True):
                if key != owner:
                    run_owner[id(char)] = owner
        # A cell is filled when text starts in it; a run crossing into it is split there.
        filled = {key_of[id(c)] for c in table_chars if id(c) not in run_owner}
        inside: dict[tuple[int, int], list[dict[str, Any]]] = {}
        for char in table_chars:
            key = key_of[id(char)]
            owner = run_owner.get(id(char))
            if owner is not None:
                if key is None:
                    beyond.add(owner[0])
                    key = owner
                elif key in filled:
                    crossed.add(key[0])
                else:
                    key = owner
            if key is None:  # off every cell, on a row's line (past the table's right edge)
                cy = (char["top"] + char["bottom"]) / 2
                key = self._row_end(cy) if char["x0"] > x1 - 1 else None
                if key is None:
                    continue
                beyond.add(key[0])
            inside.setdefault(key, []).append(char)
        if warn is not None:
            for r in sorted(crossed):
                warn(f"第{page}页第{r + 1}行：文字越过单元格边框，可能不完整")
            for r in sorted(beyond - crossed):
                warn(f"第{page}页第{r + 1}行：文字超出表格右边框，已并入该行最后一格，请核对")
        return inside, outside

    def _cell_at(self, cx: float, cy: float) -> tuple[int, int] | None:
        c = bisect.bisect_right(self.columns, cx) - 1
        if c < 0:
            return None
        items = self.cover[c]
        i = bisect.bisect_right(self.tops[c], cy) - 1
        if i >= 0 and items[i][1] >= cy:
            return items[i][2], items[i][3]
        return None

    def _row_end(self, cy: float) -> tuple[int, int] | None:
        """The last cell of the row whose line is at height cy."""
        for c in range(len(self.columns) - 1, -1, -1):
            items = self.cover[c]
            i = bisect.bisect_right(self.tops[c], cy) - 1
            if i >= 0 and items[i][1] >= cy:
                return items[i][2], items[i][3]
        return None

    def rows(self, inside: dict[tuple[int, int], list[dict[str, Any]]]) -> list[list[Any]]:
        count, width = self.shape
        grid: list[list[Any]] = [[None] * width for _ in range(count)]
        for (r, c), box in self.cells.items():
            grid[r][c] = _cell_text(inside.get((r, c), []), box) or None
        return grid


RUN_GAP = 0.5  # points; glyphs of one run touch, text of two cells is apart by their padding


def _runs(chars: list[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    """Text runs: chars on one baseline, each starting where the one before it ends."""
    for line in _group_lines(chars):
        run = [line[0]]
        for a, b in itertools.pairwise(line):
            same_line = abs(a["bottom"] - b["bottom"]) < 0.2 * max(a["size"], b["size"])
            if same_line and -RUN_GAP < b["x0"] - a["x1"] < RUN_GAP:
                run.append(b)
            else:
                yield run
                run = [b]
        yield run


def _cell_text(chars: list[dict[str, Any]], box: tuple[float, ...]) -> str:
    """A cell's lines joined: a wrapped line without a space (CJK), a short line with a newline."""
    if not chars:
        return ""
    lines = _group_lines(chars)
    pad = min(6.0, min(line[0]["x0"] - box[0] for line in lines))
    available = box[2] - box[0] - 2 * max(pad, 0.0)
    texts = ["".join(c["text"] for c in line) for line in lines]
    out = texts[0]
    for n in range(1, len(lines)):
        previous, line = lines[n - 1], lines[n]
        used = previous[-1]["x1"] - previous[0]["x0"]
        if used + _cluster_width(line) <= available - 0.5:
            out += "\n" + texts[n]  # the next word would have fitted: the line was ended
        else:
            out += texts[n]
    return out.strip()


def _cluster_width(line: list[dict[str, Any]]) -> float:
    """Width of what cannot be separated from a line's start (a Latin word, closing marks)."""
    end = 1
    while end < len(line) and not _CJK_RE.match(line[end]["text"]) and line[end]["text"] != " ":
        end += 1
    while end < len(line) and line[end]["text"] in NO_LINE_START:
        end += 1
    return float(line[end - 1]["x1"] - line[0]["x0"])


def _squeeze(value: Any) -> str:
    return re.sub(r"\s+", "", value) if isinstance(value, str) else ""
