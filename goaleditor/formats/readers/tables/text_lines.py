"""Lines of text around a table (title, agency line, 单位), as rows the sheet reader understands."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from goaleditor.formats.layout.official import EXPORT_HEADINGS
from goaleditor.formats.notes import ImportNote, Warn
from goaleditor.formats.readers.tables.cell_text import collapse_blanks
from goaleditor.formats.readers.tables.money_unit import statement_in
from goaleditor.formats.readers.tables.table_reader import AGENCY_LABEL_RE

_GAP_RE = re.compile(r"\t+|[ \u3000\u00a0]{2,}")
_UNIT_TAIL_RE = re.compile(r"((?:金额)?单位\s*[:：]\s*(?:万元|元))\s*$")
# A 目录 entry's end read backwards (a page number, then dots or blanks): matched from the
# line's end only, in linear time, where a search for "dots then digits at the end" from every
# place was cubic over a long run of blanks.
_TOC_TAIL_REVERSED_RE = re.compile(r"\d+[.…·．_\-\s]{2}")
_TABLE_TITLE_RE = re.compile(r"绩效目标表\s*$")
_CODE_ONLY_RE = re.compile(r"^\d{5,}$")
_SECTION_RE = re.compile(r"^第[一二三四五六七八九十百零\d]+(?:部分|章|篇|节)")
_TOC_TAIL_RE = re.compile(r"(?:表|说明|情况|名词解释)\d{1,3}$")
_PUBLICATION_RE = re.compile(r"\d{4}年度?(?:部门|单位)?(?:预算|决算)(?:公开|报告|草案)?$")
_UNIT_LINE_RE = re.compile(r"单位[:：]|^[（(]\d{4}年度?[）)]")
# The date and time a browser prints in the page header, before the page's title.
_STAMP_RE = re.compile(r"^\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4},?\s+\d{1,2}:\d{2}(?:\s*[AP]M)?\s+")
_COVER_LINES = 6  # a cover's title comes before its date, 目录 and text
_CODE_RE = re.compile(r"^[0-9A-Za-z.\-]{1,30}$")
_HEAD_TABLE_ROWS, _HEAD_TABLE_CELLS = 3, 4  # a borderless table of the lines above a table


def line_row(text: str) -> list[Any]:
    """Split a printed line at wide gaps; a trailing 单位：万元 becomes a cell of its own."""
    cells: list[Any] = []
    for chunk in _GAP_RE.split(collapse_blanks(text).strip()):
        if cells and isinstance(cells[-1], str) and _CODE_ONLY_RE.match(cells[-1]):
            cells[-1] = f"{cells[-1]} {chunk}"  # an agency code, a wide gap, its name
            chunk = cells.pop()
        head, unit = _unit_tail(chunk)
        if head:
            cells += [head, unit]
        elif chunk:
            cells.append(chunk)
    return cells


def _unit_tail(chunk: str) -> tuple[str, str]:
    """The text before a trailing 单位：万元 on one line, and the unit words; ("", "") if none."""
    match = _UNIT_TAIL_RE.search(chunk)
    if match is None:
        return "", ""
    head = chunk[: match.start()].strip()
    if "\n" in head:
        return "", ""  # the unit ends a later line of the cell: not this line's tail
    return head, match.group(1)


def agency_from_properties(author: str, keywords: str) -> tuple[str, str]:
    """Agency code and name from the properties of a file goaleditor exported (author: the
    name; keywords: the code), for layouts that print no agency line."""
    code = keywords.strip()
    return (code if _CODE_RE.match(code) else "", author.strip())


def is_toc_entry(text: str) -> bool:
    """A 目录 line: an entry followed by dots and a page number."""
    return bool(_TOC_TAIL_REVERSED_RE.match(text.strip()[::-1]))


def document_title(lines: list[str]) -> str:
    """The document's own title: the first line before the tables that is not 目录 matter.

    A line naming 绩效目标 wins over lines above it: a spreadsheet printed to PDF carries
    its sheet name or file name as a page header above the real title.
    """
    candidates = [_STAMP_RE.sub("", line.strip()) for line in lines if not _not_a_title(line)]
    for text in candidates[:_COVER_LINES]:
        if _PUBLICATION_RE.search(_squeeze(text)):
            return text  # a publication's cover: its title names the budget, not a table
    named = [text for text in candidates if "绩效目标" in text and not is_toc_entry(text)]
    if named:
        candidates = candidates[candidates.index(named[0]) :]
    for text in candidates:
        if not text or re.sub(r"\s+", "", text) == "目录" or is_toc_entry(text):
            continue
        if re.sub(r"\s+", "", text) in EXPORT_HEADINGS:
            return ""  # what an export prints above the 目录 of a document without a title
        if _TABLE_TITLE_RE.search(text) and re.match(r"^\d+\s*[.．、]", text):
            return ""  # the first table's title: the document has none of its own
        return text
    return ""


def publication_title(lines: list[str]) -> str:
    """A publication cover's title (XX局2026年部门预算) among a page's or sheet's lines, or ""."""
    return next((line.strip() for line in lines if _PUBLICATION_RE.search(_squeeze(line))), "")


def _not_a_title(line: str) -> bool:
    """A section heading (第四部分…), a 目录 line whose page number follows without dots, or
    the heading of a table that is skipped (部门整体支出绩效目标表)."""
    text = _squeeze(line)
    return bool(
        _SECTION_RE.match(text)
        or _TOC_TAIL_RE.search(text)
        or "整体支出绩效" in text
        or _UNIT_LINE_RE.search(text)  # a table's agency / 单位 line, or its year line
    )


def sheets_from_blocks(
    blocks: Iterable[tuple[str, bool, list[list[Any]]]], warn: Warn | None
) -> list[tuple[str, list[list[Any]]]]:
    """Group text and table blocks into one sheet per goal table.

    A sheet holds the lines above a table that starts with 项目名称, that table, and the
    tables continuing it (on the next pages; their repeated header rows are the sheet
    reader's business). Lines between a table and its continuation that repeat the lines
    above the table (a title printed on every page) are dropped; any other is reported.
    """
    sheets: list[tuple[str, list[list[Any]]]] = []
    lead: set[str] = set()
    lines: list[list[Any]] = []
    for name, is_table, rows in blocks:
        if not is_table or (not any(starts_table(row) for row in rows) and head_lines(rows)):
            lines += rows  # text, or a borderless table holding the agency and 单位 lines
            continue
        if any(starts_table(row) for row in rows) or not sheets:
            sheets.append((name, lines + rows))
            lead = {_joined(row) for row in lines}
        else:
            for row in lines:
                if _joined(row) not in lead and warn is not None:
                    stray = f"续表之前的文字“{_joined(row)[:30]}”不属于表格，已跳过"
                    warn(ImportNote(stray, name))
            sheets[-1][1].extend(rows)
        lines = []
    if lines and not sheets:
        sheets.append(("正文", lines))
    return sheets


def head_lines(rows: list[list[Any]]) -> bool:
    """A small table of the lines above a goal table: each row names the agency or the money
    unit (单位名称：XX局 | 单位：万元), as many put them in a borderless table."""

    def names_agency_or_unit(value: Any) -> bool:
        text = str(value).strip() if value is not None else ""
        return bool(statement_in(text) or AGENCY_LABEL_RE.match(text))

    return 0 < len(rows) <= _HEAD_TABLE_ROWS and all(
        len([v for v in row if _squeeze(v) or not isinstance(v, str | None)]) <= _HEAD_TABLE_CELLS
        and any(names_agency_or_unit(v) for v in row)
        for row in rows
    )


def starts_table(row: list[Any]) -> bool:
    """The row holds a 项目名称 label."""
    return any(isinstance(v, str) and "".join(v.split()) == "项目名称" for v in row)


def _joined(row: list[Any]) -> str:
    return " ".join(str(v) for v in row if v is not None)


def level2_merged(sheets: Iterable[tuple[str, list[list[Any]]]]) -> bool:
    """Whether 二级 cells were merged down: a blank 二级 beside a 三级 under the header row."""
    for _, rows in sheets:
        header = next(
            (r for r, row in enumerate(rows) if row and _squeeze(row[0]) == "一级指标"), None
        )
        if header is None:
            continue
        body = (row for row in rows[header + 1 :] if row and _squeeze(row[0]) != "一级指标")
        if any(len(row) > 2 and row[1] is None and row[2] for row in body):
            return True
    return False


def _squeeze(value: Any) -> str:
    return re.sub(r"\s+", "", value) if isinstance(value, str) else ""
