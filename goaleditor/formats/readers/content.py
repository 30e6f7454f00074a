"""What a file holds, by its first bytes (and a zip's members), whatever its name says."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from goaleditor.formats.readers import guard

_ZIP_MAGIC = b"PK\x03\x04"
_PDF_MAGIC = b"%PDF-"
_SQLITE_MAGIC = b"SQLite format 3\x00"
_ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
_HEAD_BYTES = 100  # an SQLite header
WEB_PAGE_WORKBOOK = "这是网页格式的表格，请在Excel或WPS中另存为.xlsx后再导入"
_PAGE_BYTES = 2048  # a web page's first tags come within its first lines
# How a web page (HTML, or an MHTML single-file page) starts, after a BOM, blanks and comments.
_PAGE_STARTS = (b"<!doctype html", b"<html", b"<table", b"<head", b"<meta", b"mime-version:")
_COMMENT_RE = re.compile(rb"^(?:\s|<!--.*?-->|<\?xml[^>]*\?>)*", re.S)


def content_extension(path: Path) -> str | None:
    """The extension of the format a file holds (".xlsx", ".xls", ".ods", ".docx", ".pdf",
    ".goals"), or None when its bytes say none of them (or it cannot be read)."""
    try:
        with path.open("rb") as handle:
            head = handle.read(_HEAD_BYTES)
    except OSError:
        return None
    if head.startswith(_ZIP_MAGIC):
        return _package_extension(path)
    if head.startswith(guard.OLE_MAGIC):
        return ".xls" if guard.is_old_workbook(path) else None
    if head.lstrip().startswith((b"<", b"\xef\xbb\xbf<")) and _is_spreadsheet_xml(path):
        return ".xls"  # Excel 2003 XML, read by the .xls reader
    if head.startswith(_PDF_MAGIC):  # text that quotes %PDF- further on is no PDF
        return ".pdf"
    if head.startswith(_SQLITE_MAGIC) and len(head) == _HEAD_BYTES:
        from goaleditor.model.store import APPLICATION_ID

        return ".goals" if int.from_bytes(head[68:72], "big") == APPLICATION_ID else None
    return None


def _is_spreadsheet_xml(path: Path) -> bool:
    from goaleditor.formats.readers.sheets.spreadsheet_xml import is_spreadsheet_xml

    return is_spreadsheet_xml(path)


def _package_extension(path: Path) -> str | None:
    """A zip package's format, by the members that make it one (None when damaged)."""
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            if "mimetype" in names and "content.xml" in names:
                with archive.open("mimetype") as handle:
                    mimetype = handle.read(len(_ODS_MIMETYPE) + 1).strip()
                return ".ods" if mimetype == _ODS_MIMETYPE else None
    except Exception:  # a damaged zip: its extension's reader says what is wrong
        return None
    if "xl/workbook.xml" in names or any(n.endswith("/workbook.xml") for n in names):
        return ".xlsx"
    if "word/document.xml" in names:
        return ".docx"
    return None


def is_web_page(path: Path) -> bool:
    """Whether the file is a web page (a table many web systems export under an .xls name)."""
    try:
        with path.open("rb") as handle:
            head = handle.read(_PAGE_BYTES)
    except OSError:
        return False
    for bom in (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"):
        if head.startswith(bom):
            head = head[len(bom) :]
            break
    if head[1:2] == b"\x00":  # UTF-16 little-endian: its ASCII letters are what count
        head = head[::2]
    elif head[:1] == b"\x00":
        head = head[1::2]
    head = _COMMENT_RE.sub(b"", head, count=1).lower()
    return head.startswith(_PAGE_STARTS)


_TEXT_BYTES = 4096


def looks_like_text(path: Path) -> bool:
    """Whether the file starts as plain text (UTF-8 or GB18030, no NUL byte): a .txt or a copied
    table saved under a workbook's or a PDF's name."""
    try:
        with path.open("rb") as handle:
            head = handle.read(_TEXT_BYTES)
    except OSError:
        return False
    if not head or b"\x00" in head:
        return False
    for encoding in ("utf-8", "gb18030"):
        try:
            text = head.decode(encoding)
        except UnicodeDecodeError as cut:
            if cut.start < len(head) - 4:  # not only a character cut at the 4 KB edge
                continue
            text = head[: cut.start].decode(encoding)
        return all(c.isprintable() or c in "\r\n\t\ufeff" for c in text)
    return False
