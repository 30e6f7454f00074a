"""Lines of text around a table (title, agency line, 单位), as rows the sheet reader understands."""

from __future__ import annotations

import re
from typing import Any

_GAP_RE = re.compile(r"\t+|[ \u3000\u00a0]{2,}")
_UNIT_TAIL_RE = re.compile(r"^(.*?)[\s\u3000]*((?:金额)?单位\s*[:：]\s*(?:万元|元))\s*$")
_TOC_ENTRY_RE = re.compile(r"(?:[.…·．_\-\s]{2,}|……)\s*\d+$")
_TABLE_TITLE_RE = re.compile(r"绩效目标表\s*$")


def line_row(text: str) -> list[Any]:
    """Split a printed line at wide gaps; a trailing 单位：万元 becomes a cell of its own."""
    cells: list[Any] = []
    for chunk in _GAP_RE.split(text.strip()):
        match = _UNIT_TAIL_RE.match(chunk)
        if match and match.group(1):
            cells += [match.group(1).strip(), match.group(2)]
        elif chunk:
            cells.append(chunk)
    return cells


def is_toc_entry(text: str) -> bool:
    """A 目录 line: an entry followed by dots and a page number."""
    return bool(_TOC_ENTRY_RE.search(text.strip()))


def document_title(lines: list[str]) -> str:
    """The document's own title: the first line before the tables that is not 目录 matter."""
    for line in lines:
        text = line.strip()
        if not text or re.sub(r"\s+", "", text) == "目录" or is_toc_entry(text):
            continue
        if _TABLE_TITLE_RE.search(text) and re.match(r"^\d+\s*[.．、]", text):
            return ""  # the first table's title: the document has none of its own
        return text
    return ""
