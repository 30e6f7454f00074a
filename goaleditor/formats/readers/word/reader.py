"""Import of Word documents (.docx): tables and merges streamed from document.xml by lxml."""

from __future__ import annotations

import posixpath
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from goaleditor.errors import InputError
from goaleditor.formats.layout.official import DEFAULT_HEADING, table_title
from goaleditor.formats.notes import ImportNote, Warn
from goaleditor.formats.readers import guard
from goaleditor.formats.readers.tables.document_reader import (
    MAX_COLUMNS,
    MAX_ROWS,
    document_from_sheets,
)
from goaleditor.formats.readers.tables.text_lines import (
    document_title,
    level2_merged,
    sheets_from_blocks,
)
from goaleditor.formats.readers.word.tabs import tab_tables
from goaleditor.formats.readers.word.text import MC, TextReader, text_boxes
from goaleditor.model import limits
from goaleditor.model.document import Document
from goaleditor.model.year_range import plain_year

# What goaleditor writes, it opens: the Word export of a document at the limits (MAX_TABLES
# tables, MAX_INDICATORS indicators in all, of realistic text) has a document.xml of about
# 340 MB (13 KB a table, 2.3 KB an indicator; tests/formats/readers/word/test_docx_limits.py).
# It is streamed, so its size costs time, not memory.
MAX_PART = 512 * 1024 * 1024  # document.xml, uncompressed
MAX_UNCOMPRESSED = MAX_PART + 128 * 1024 * 1024
# A part packed tighter than this is a zip bomb: XML compresses 15-40 times (goaleditor's
# export: 37), a run of one byte 1,000 times. Small parts are left alone.
MAX_RATIO, RATIO_FROM = 500, 16 * 1024 * 1024
# Rows read in all (non-empty paragraphs, and each table's rows and one more): the export at
# the limits has about 10 a table and one an indicator.
MAX_DOCUMENT_ROWS = 20 * limits.MAX_TABLES + limits.MAX_INDICATORS
LEGACY_WORD = (
    "这是旧版Word文档（.doc）或加了密码的文档，无法直接读取；"
    "请在Word或WPS中“另存为”Word文档（.docx，不设密码）后再打开"
)
META_PREFIX = "goaleditor."  # the custom properties the Word export writes

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_BODY = f"{_W}body"
_ROW_PROPERTIES, _DELETED, _GRID_BEFORE = f"{_W}trPr", f"{_W}del", f"{_W}gridBefore"
_CELL, _CELL_PROPERTIES, _GRID_SPAN = f"{_W}tc", f"{_W}tcPr", f"{_W}gridSpan"
_V_MERGE, _VAL = f"{_W}vMerge", f"{_W}val"
# Where the body's children read so far are read and freed: after each table, at the end.
_STREAMED = (_BODY, f"{_W}tbl")
_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_OFFICE_DOCUMENT = "/officeDocument"


def read(path: Path, warn: Warn | None = None) -> Document:
    """Read every goal table of a Word document; the text around them gives title and agency."""
    try:
        archive = guard.open_zip(path, "Word文档（.docx）")
    except InputError:
        if guard.is_compound_file(path):
            raise InputError(f"{path.name}：{LEGACY_WORD}") from None
        raise
    blocks: list[tuple[bool, list[list[Any]]]] = []
    found: list[ImportNote] = []
    with archive:
        part = _main_part(archive, path.name)
        stored_title = _stored_title(archive)
        stored = _stored_fields(archive)
        reader = TextReader(exact=bool(stored))
        try:
            handle = archive.open(part)
        except Exception as exc:  # a bad header, encryption, an unknown compression
            raise guard.unreadable(path.name, exc, "文档内容") from None
        with handle:  # damage found while it is read is one line from guard.xml_ends
            elements = guard.xml_ends(handle, _STREAMED, path.name, "文档内容")
            if not _read_body(elements, blocks, reader, found):
                raise InputError(f"{path.name}：文件已损坏：文档没有正文")
    blocks = tab_tables(blocks, path.name, found.append)
    named = []
    tables = 0
    for is_table, rows in blocks:
        tables += is_table
        named.append((f"第{tables}个表格", is_table, rows))
    notes: list[ImportNote] = []
    if reader.revisions:
        notes.append(ImportNote("文档中有修订标记：按接受全部修订后的文字读取"))
    if reader.hidden:
        notes.append(ImportNote("文档中的隐藏文字未读取"))
    notes += found
    sheets = sheets_from_blocks(named, notes.append)
    document = document_from_sheets(
        sheets, path.name, notes.append, own_print=bool(stored), scoring=stored.get("scoring", "")
    )
    if warn is not None:  # only once the file is known to hold goal tables
        for note in notes:
            warn(note)
    preamble = []
    for is_table, rows in blocks:
        if is_table:
            break
        preamble += [" ".join(str(v) for v in row if v is not None) for row in rows]
    document.merge_level2 = level2_merged(sheets)
    _fill_unprinted(document, stored)
    first = (
        table_title(1, document.tables[0], document).replace("\n", " ") if document.tables else ""
    )
    title = document_title(preamble)
    # A form whose tables carry no number (申报表) starts with the first table's own title.
    # A single table's title typed without its number is no document title either.
    document.title = "" if _unnumbered(title) == _unnumbered(first) else title
    if not document.title and stored_title not in ("", DEFAULT_HEADING, first):
        # Not printed (one table, no 目录): the export keeps it in the file's properties.
        document.title = stored_title
        if warn is not None:
            warn(ImportNote(f"文档标题“{stored_title}”取自文件属性（正文中没有标题）"))
    return document


def _unnumbered(title: str) -> str:
    return re.sub(r"^\d+[.．、]", "", "".join(title.split()))


def _stored_title(archive: zipfile.ZipFile) -> str:
    """The title in the file's properties (docProps/core.xml), "" when absent or odd."""
    try:
        info = archive.getinfo("docProps/core.xml")
        if info.file_size > 64 * 1024:
            return ""
        title = _parse(archive.read(info)).find("{http://purl.org/dc/elements/1.1/}title")
    except Exception:  # a missing or damaged property part never spoils the tables
        return ""
    return (title.text or "").strip() if title is not None else ""


def _stored_fields(archive: zipfile.ZipFile) -> dict[str, str]:
    """goaleditor's own custom properties (docProps/custom.xml), {} when absent or odd."""
    try:
        info = archive.getinfo("docProps/custom.xml")
        if info.file_size > 64 * 1024:
            return {}
        root = _parse(archive.read(info))
    except Exception:  # a missing or damaged property part never spoils the tables
        return {}
    found = {}
    for prop in root:
        name = prop.get("name", "")
        if name.startswith(META_PREFIX):
            found[name[len(META_PREFIX) :]] = "".join(prop.itertext()).strip()
    return found


def _fill_unprinted(document: Document, stored: dict[str, str]) -> None:
    """Fields the layout does not print (the agency in a 申报表) come from goaleditor's
    properties; what the pages print wins, so a document edited in Word keeps its edits."""
    if not document.agency_code and not document.agency_name:
        document.agency_code = stored.get("agency_code", "")
        document.agency_name = stored.get("agency_name", "")
    if document.year is None:
        document.year = plain_year(stored.get("year", ""))


def _parse(data: bytes) -> Any:
    return guard.parse_xml(data)


def _read_body(
    elements: Iterator[Any],
    blocks: list[tuple[bool, list[list[Any]]]],
    reader: TextReader,
    notes: list[ImportNote],
) -> bool:
    """Read the blocks of the document's body as its parts end; False when it has none.

    As ElementTree's root.find(w:body): only the first w:body under the root counts. Its
    children are read in order once complete (when a table or the body ends) and then freed,
    so memory follows a table, not the document. The whole part is still parsed, so damage
    after the body is found as before.
    """
    count = [0, 0]  # rows read, tables met
    done = False
    for element in elements:
        if done:
            continue
        parent = element.getparent()
        if element.tag == _BODY and parent is not None and parent.getparent() is None:
            _read_children(element, None, blocks, reader, notes, count)
            done = True
        elif _is_body(parent):
            _read_children(parent, element, blocks, reader, notes, count)
    return done


def _is_body(element: Any) -> bool:
    """The root's w:body (not one deeper in the tree)."""
    if element is None or element.tag != _BODY:
        return False
    root = element.getparent()
    return root is not None and root.getparent() is None


def _read_children(
    body: Any,
    last: Any,
    blocks: list[tuple[bool, list[list[Any]]]],
    reader: TextReader,
    notes: list[ImportNote],
    count: list[int],
) -> None:
    """Read body's children up to last (all when None) and remove them from the tree."""
    while len(body):
        child = body[0]
        if count[0] < MAX_DOCUMENT_ROWS:
            with reader.reading(child):
                _block(child, blocks, reader, notes, count)
        child.clear()  # freed in place: removing a whole subtree makes lxml walk it
        del body[0]
        if child is last:
            return


def _main_part(archive: zipfile.ZipFile, source: str) -> str:
    members = archive.infolist()
    guard.check_member_count(source, members)
    if sum(m.file_size for m in members) > MAX_UNCOMPRESSED:
        raise guard.unpacked_too_large(source)
    sizes = {m.filename: m.file_size for m in members}
    part = "word/document.xml"
    if "_rels/.rels" in sizes and sizes["_rels/.rels"] < 1024 * 1024:
        try:
            rels = _parse(archive.read("_rels/.rels"))
        except Exception:
            raise InputError(f"{source}：文件已损坏：无法读取文档结构（_rels/.rels）") from None
        for rel in rels.iter(f"{_REL}Relationship"):
            if rel.get("Type", "").endswith(_OFFICE_DOCUMENT):
                part = posixpath.normpath(rel.get("Target", part).lstrip("/"))
                break
    if part not in sizes:
        raise InputError(f"{source}：文件已损坏：缺少文档正文（{part}）")
    if sizes[part] > MAX_PART:
        raise InputError(f"{source}：文档正文过大（{sizes[part] // 2**20} MB），已拒绝读取")
    info = archive.getinfo(part)
    if info.file_size > RATIO_FROM and info.file_size > MAX_RATIO * max(1, info.compress_size):
        raise guard.unpacked_too_large(source, info.file_size)
    return part


def _blocks(
    container: Any,
    blocks: list[tuple[bool, list[list[Any]]]],
    reader: TextReader,
    notes: list[ImportNote],
    count: list[int] | None = None,
) -> None:
    """(False, paragraph rows) and (True, table rows) in document order; rows are capped.

    A text box's paragraphs and tables come right after the paragraph it is anchored in.
    """
    count = [0, 0] if count is None else count  # rows read, tables met
    for element in container:
        if count[0] >= MAX_DOCUMENT_ROWS:
            return
        _block(element, blocks, reader, notes, count)


def _block(
    element: Any,
    blocks: list[tuple[bool, list[list[Any]]]],
    reader: TextReader,
    notes: list[ImportNote],
    count: list[int],
) -> None:
    """The blocks of one paragraph, table or wrapper of them (see _blocks)."""
    tag = element.tag
    if tag == f"{_W}p":
        text = reader.paragraph(element)
        if text.strip():
            if not blocks or blocks[-1][0]:
                blocks.append((False, []))
            blocks[-1][1].append([text])  # split by tab_tables
            count[0] += 1
        for box in text_boxes(element):
            before = count[1]
            _blocks(box, blocks, reader, notes, count)
            after = count[1]
            for n in range(before + 1, after + 1):
                boxed = "在文本框中：按文本框所在段落的位置读取"
                note = ImportNote(boxed, f"第{n}个表格", joiner="")
                if note not in notes:  # a box inside a box said it already
                    notes.append(note)
    elif tag == f"{_W}tbl":
        rows: list[list[Any]] = []
        count[1] += 1  # the table's number
        room = min(MAX_ROWS, MAX_DOCUMENT_ROWS - count[0])  # a table is a sheet: MAX_ROWS
        _table(element, rows, room, reader, notes, count[1])
        blocks.append((True, rows))
        count[0] += len(rows) + 1
    elif tag in (f"{_W}sdt", f"{_W}sdtContent", f"{_W}customXml", f"{_W}ins"):
        reader.revisions |= tag == f"{_W}ins"
        _blocks(element, blocks, reader, notes, count)
    elif tag == f"{MC}AlternateContent":  # the same content twice: read the first
        for branch in element[:1]:
            _blocks(branch, blocks, reader, notes, count)
    elif tag in (f"{_W}del", f"{_W}moveFrom"):
        reader.revisions = True


def _int(element: Any, name: str, default: int) -> int:
    if element is None:
        return default
    try:
        return max(0, min(MAX_COLUMNS, int(element.get(_VAL, default))))
    except ValueError:
        return default


def _table(
    table: Any,
    rows: list[list[Any]],
    room: int,
    reader: TextReader,
    notes: list[ImportNote],
    number: int,
) -> None:
    """Grid rows of a Word table: a merged range has its text in its first cell only."""
    for index, tr in enumerate(_children(table, f"{_W}tr"), 1):
        if len(rows) >= room:
            return
        pr = _child(tr, _ROW_PROPERTIES)
        if pr is not None and _child(pr, _DELETED) is not None:  # a row deleted in revisions
            reader.revisions = True
            continue
        before = _int(_child(pr, _GRID_BEFORE), "val", 0)
        row: list[Any] = [None] * before
        for tc in _children(tr, _CELL):
            tcpr = _child(tc, _CELL_PROPERTIES)
            span = _int(_child(tcpr, _GRID_SPAN), "val", 1)
            merge = _child(tcpr, _V_MERGE)
            continued = merge is not None and merge.get(_VAL, "continue") != "restart"
            text = ""
            if not continued:
                text, nested = reader.cell(tc)
                boxed = "".join("".join(box.itertext()) for box in text_boxes(tc)).strip()
                if nested or boxed:
                    label = next((str(v) for v in row if v), "")[:12] or f"第{index}行"
                    where = f"第{number}个表格"
                if nested:
                    said = f"“{label}”一行：单元格里嵌套的表格未读取（只读外层表格）"
                    notes.append(ImportNote(said, where, joiner=""))
                if boxed:
                    said = f"“{label}”一行：单元格里文本框中的文字“{boxed[:20]}”未读取"
                    notes.append(ImportNote(said, where, joiner=""))
            row.append(text or None)
            row.extend([None] * (max(1, span) - 1))
            if len(row) >= MAX_COLUMNS:
                break
        rows.append(row[:MAX_COLUMNS])


def _child(element: Any, tag: str) -> Any:
    """The first child with tag (None for none, or for no element), as find(tag)."""
    return None if element is None else next(element.iterchildren(tag), None)


def _children(element: Any, tag: str) -> list[Any]:
    """Direct children with tag, also those wrapped in content controls (w:sdt) or w:customXml."""
    found = []
    for child in element:
        if child.tag == tag:
            found.append(child)
        elif child.tag in (f"{_W}sdt", f"{_W}sdtContent", f"{_W}customXml"):
            found += _children(child, tag)
    return found
