"""A workbook's shared-string table counted before openpyxl reads it all into memory.

openpyxl reads every shared string before the first cell, used or not: a 60 MB table of four
million tiny strings took a minute and a gigabyte. A goal-table workbook holds a few thousand.
"""

from __future__ import annotations

import re
import zipfile
from typing import IO

from goaleditor.errors import InputError
from goaleditor.model.limits import MAX_INDICATORS

# A document at the caps (100,000 indicators, each with its own name, description and standard)
# saved by Excel holds about 300,000; openpyxl reads 500,000 in under ten seconds.
MAX_SHARED_STRINGS = 5 * MAX_INDICATORS
_DEFAULT_PART = "xl/sharedStrings.xml"
_CONTENT_TYPES = "[Content_Types].xml"
_CONTENT_TYPES_BYTES = 1 << 20
_STRINGS_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
_ITEM_RE = re.compile(rb"<(?:[\w.-]+:)?si[\s/>]")  # <si>, <x:si …>
_OVERLAP = 64  # a tag split between two pieces is seen in the next


def _parts(archive: zipfile.ZipFile) -> set[str]:
    """The shared-string parts the package names ([Content_Types].xml), and the usual one."""
    from defusedxml import ElementTree

    names = {info.filename for info in archive.infolist()}
    parts = {_DEFAULT_PART} & names
    if _CONTENT_TYPES not in names:
        return parts
    with archive.open(_CONTENT_TYPES) as source:
        raw = source.read(_CONTENT_TYPES_BYTES)
    try:
        root = ElementTree.fromstring(raw)
    except Exception:  # openpyxl says what is wrong with it, in its own words
        return parts
    for override in root:
        if override.get("ContentType") == _STRINGS_TYPE:
            part = (override.get("PartName") or "").lstrip("/")
            parts |= {part} & names
    return parts


def count_items(source: IO[bytes], piece: int = 1 << 20) -> int:
    """The number of string items (<si>) in a shared-string part, read in pieces."""
    count = 0
    tail = b""
    while chunk := source.read(piece):
        data = tail + chunk
        keep = max(len(data) - _OVERLAP, 0)
        # count the items starting before keep; the rest is counted with the next piece
        count += sum(1 for match in _ITEM_RE.finditer(data) if match.start() < keep)
        tail = data[keep:]
    return count + len(_ITEM_RE.findall(tail))


def check_shared_strings(name: str, archive: zipfile.ZipFile) -> None:
    """Refuse, in one line, a workbook whose shared-string table passes MAX_SHARED_STRINGS."""
    for part in sorted(_parts(archive)):
        with archive.open(part) as source:
            count = count_items(source)
        if count > MAX_SHARED_STRINGS:
            raise InputError(
                f"{name}：工作簿的共享文字有{count}条，超过上限{MAX_SHARED_STRINGS}条"
                "（绩效目标表只用几千条），已拒绝读取"
            )
