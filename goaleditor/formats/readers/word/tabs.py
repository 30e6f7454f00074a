"""A goal table typed as paragraphs with tabs between the fields (no Word table).

Such paragraphs are read as rows, one field per tab (a leading tab is an empty first field),
when the columns can be trusted: the 一级指标 header has one tab between its labels and no
indicator row has more fields than it. Otherwise the table is refused: a tab too many or too
few, made to line the text up on the page, would shift every field after it.
"""

from __future__ import annotations

import re
from typing import Any

from goaleditor.errors import InputError
from goaleditor.formats.notes import ImportNote, Warn
from goaleditor.formats.readers.tables.text_lines import line_row

Block = tuple[bool, list[list[Any]]]
NOTE = "文档中的表格是用制表符排的（不是Word表格）：已按制表符分列读取，请核对"
_START = ("项目名称", "一级指标")


def tab_tables(blocks: list[Block], source: str, warn: Warn) -> list[Block]:
    """The blocks with paragraph rows (each one raw text) split into fields: a run of
    tabbed paragraphs from a 项目名称 or 一级指标 field on becomes a table block."""
    result: list[Block] = []
    said = False
    for is_table, rows in blocks:
        if is_table:
            result.append((is_table, rows))
            continue
        texts = [str(row[0]) for row in rows]
        lines: list[list[Any]] = []
        n = 0
        while n < len(texts):
            if "\t" in texts[n] and _field(texts[n]) in _START:
                end = n
                while end < len(texts) and "\t" in texts[end]:
                    end += 1
                if lines:
                    result.append((False, lines))
                    lines = []
                if not said:
                    warn(ImportNote(NOTE))
                    said = True
                result.append((True, _checked(texts[n:end], source)))
                n = end
                continue
            lines.append(line_row(texts[n]))
            n += 1
        if lines:
            result.append((False, lines))
    return result


def _field(text: str) -> str:
    return re.sub(r"\s+", "", text.split("\t", 1)[0])


def _fields(text: str) -> list[Any]:
    """A paragraph's fields, one per tab; empty ones None, trailing ones dropped."""
    fields: list[Any] = [part.strip() or None for part in text.split("\t")]
    while fields and fields[-1] is None:
        fields.pop()
    return fields


def _checked(texts: list[str], source: str) -> list[list[Any]]:
    """The paragraphs as rows; refused when their fields do not keep to the header's."""
    rows = [_fields(text) for text in texts]
    width = None
    for text, row in zip(texts, rows, strict=True):
        if width is None:
            if row and re.sub(r"\s+", "", str(row[0])) == "一级指标":
                width = len(row)
                if None in row:
                    raise InputError(_refusal(source, text))
            continue
        if len(row) > width:
            raise InputError(_refusal(source, text))
    return rows


def _refusal(source: str, text: str) -> str:
    shown = " ".join(text.split())
    shown = shown if len(shown) <= 30 else f"{shown[:30]}…"
    return (
        f"{source}：文档中的表格是用制表符排的，不是Word表格，“{shown}”一段的制表符"
        "与表头的列对不上，无法分清各列；请在Word中选中这些段落，"
        "用“插入→表格→文本转换成表格”转成表格后再导入"
    )
