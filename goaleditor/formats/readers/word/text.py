"""The printed text of Word paragraphs and cells: revisions accepted, field results, symbols.

What Word would print is read: tracked insertions kept and deletions dropped (as after
"accept all changes"), a field's shown result (not its code), hidden text left out, and
a nested table left out of its cell. Line breaks typed to make text fit a narrow cell are
joined; a break before a numbered item or after a sentence stays. Text boxes are found
here but read by the caller, in the place of the paragraph they are anchored in.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
# Runs, hyperlinks, content controls and the like whose children are read in place.
_CONTAINERS = {
    f"{W}{tag}"
    for tag in (
        "r",
        "hyperlink",
        "smartTag",
        "sdt",
        "sdtContent",
        "customXml",
        "fldSimple",
        "ins",
        "moveTo",
        "dir",
        "bdo",
    )
}
_DELETED = {f"{W}del", f"{W}moveFrom"}
_BOX, _RUN_PROPERTIES, _VANISH = f"{W}txbxContent", f"{W}rPr", f"{W}vanish"
_P, _TABLE, _RUN, _TEXT, _INSERTED = f"{W}p", f"{W}tbl", f"{W}r", f"{W}t", f"{W}ins"
_CELL_WRAPPERS = {f"{W}sdt", f"{W}sdtContent", f"{W}customXml", _INSERTED}
_DELETED_TEXT = {f"{W}delText", f"{W}delInstrText"}
_INSERTIONS = {_INSERTED, f"{W}moveTo"}
_ALTERNATE = f"{MC}AlternateContent"
_TABS = {f"{W}tab", f"{W}ptab"}
_BREAK, _TYPE, _CARRIAGE_RETURN = f"{W}br", f"{W}type", f"{W}cr"
_HYPHEN, _SYMBOL = f"{W}noBreakHyphen", f"{W}sym"
_SKIPPED = {f"{W}pPr", f"{W}rPr", f"{W}instrText", f"{W}delText", f"{W}delInstrText"}
# What _runs reads otherwise than a run's w:t: a paragraph with none of these within it is
# plain text (its runs' w:t in order).
_SPECIAL = tuple(
    (_CONTAINERS | _DELETED | _SKIPPED | _TABS | _INSERTIONS) - {_RUN, _RUN_PROPERTIES, f"{W}pPr"}
    | {_ALTERNATE, _BREAK, _CARRIAGE_RETURN, _HYPHEN, _SYMBOL, _VANISH, _BOX}
)
# Word's Symbol font (Insert → Symbol) stores these in its private range.
_SYMBOL_FONT = {0xB3: "≥", 0xA3: "≤", 0xB1: "±", 0xB4: "×", 0xB8: "÷", 0xB0: "°", 0xB9: "≠"}
_ITEM_RE = re.compile(
    r"^(?:\d{1,2}\s*[.．、)）](?!\d)|[（(]\s*[\d一二三四五六七八九十]+\s*[)）]|[①-⑳]"
    r"|[一二三四五六七八九十]+\s*、|[-•·●▪]\s*)"
)
_SENTENCE_END_RE = re.compile(r"[。；;：:！？!?]$")
BREAK = "\n"


class TextReader:
    """Reads paragraphs and cells; notes what it had to leave out or decide."""

    def __init__(self, exact: bool) -> None:
        self.exact = exact  # goaleditor's own file: every line break is the user's
        self.revisions = False
        self.hidden = False
        self._special: set[Any] | None = None  # see reading

    @contextmanager
    def reading(self, element: Any) -> Iterator[None]:
        """While a part of the body is read: its paragraphs that hold anything but plain runs,
        found in one search in C (the others are read by their w:t alone). They are let go
        after: lxml moves a freed subtree that Python still holds, node by node."""
        self._special = {_paragraph_of(found) for found in element.iter(*_SPECIAL)}
        try:
            yield
        finally:
            self._special = None

    def paragraph(self, paragraph: Any) -> str:
        """A paragraph's text; a w:br is a line break (joined unless exact, see join_lines)."""
        parts: list[str] = []
        self._collect(paragraph, parts)
        lines = "".join(parts).split(BREAK)
        # tabs kept at the ends: a leading tab is an empty first field (docx_tabs)
        return "\n".join(lines) if self.exact else join_lines(lines, keep_tabs=True)

    def cell(self, cell: Any) -> tuple[str, bool]:
        """A cell's text and whether it held a nested table (left out)."""
        lines: list[str] = []
        nested = self._cell_lines(cell, lines)
        while lines and not lines[-1].strip():
            lines.pop()
        if self.exact:
            return "\n".join(line.strip() for line in lines).strip(), nested
        return join_lines(lines), nested

    def _cell_lines(self, container: Any, lines: list[str]) -> bool:
        nested = False
        for child in container:
            tag = child.tag
            if tag == _P:
                parts: list[str] = []
                self._collect(child, parts)
                lines += "".join(parts).split(BREAK)
            elif tag == _TABLE:
                nested = True
            elif tag in _DELETED:
                self.revisions = True
            elif tag in _CELL_WRAPPERS:
                self.revisions |= tag == _INSERTED
                nested |= self._cell_lines(child, lines)
        return nested

    def _collect(self, element: Any, parts: list[str]) -> None:
        if self._special is None:
            plain = next(element.iter(*_SPECIAL), None) is None
        else:
            plain = element not in self._special
        if plain and _plain_texts(element, parts):
            return
        # Whether any run can be hidden is asked once, in C, for the whole paragraph.
        self._runs(element, parts, next(element.iter(_VANISH), None) is not None)

    def _runs(self, element: Any, parts: list[str], may_hide: bool) -> None:
        for child in element:
            tag = child.tag
            if tag == _TEXT:
                parts.append(child.text or "")
            elif tag in _SKIPPED:
                self.revisions |= tag in _DELETED_TEXT
            elif tag in _DELETED:
                self.revisions = True
            elif tag == _RUN and may_hide and _hidden(child):
                self.hidden |= any(t.text for t in child.iter(_TEXT))
            elif tag in _CONTAINERS:
                self.revisions |= tag in _INSERTIONS
                self._runs(child, parts, may_hide)
            elif tag == _ALTERNATE:
                for branch in child[:1]:  # Choice and Fallback hold the same: read one
                    self._runs(branch, parts, may_hide)
            elif tag in _TABS:
                parts.append("\t")
            elif tag == _BREAK:
                if child.get(_TYPE, "textWrapping") == "textWrapping":
                    parts.append(BREAK)
            elif tag == _CARRIAGE_RETURN:
                parts.append(BREAK)
            elif tag == _HYPHEN:
                parts.append("-")
            elif tag == _SYMBOL:
                parts.append(_symbol(child))


def _paragraph_of(element: Any) -> Any:
    """The nearest w:p holding element (None when it is in none)."""
    found = element.getparent()
    while found is not None and found.tag != _P:
        found = found.getparent()
    return found


def _plain_texts(paragraph: Any, parts: list[str]) -> bool:
    """A paragraph of plain runs (nothing in _SPECIAL within it) read as _runs reads it, its
    w:t found in C; False, with parts untouched, when a w:t sits elsewhere than in a run of
    the paragraph or in the paragraph (a ruby's text, which _runs leaves out)."""
    texts = []
    for text in paragraph.iter(_TEXT):
        parent = text.getparent()
        if parent is not paragraph and (parent.tag != _RUN or parent.getparent() is not paragraph):
            return False
        texts.append(text.text or "")
    parts += texts
    return True


def text_boxes(element: Any) -> list[Any]:
    """The contents (w:txbxContent) of the text boxes anchored in element, in order, each once.

    A box saved by Word or WPS is a drawing (mc:Choice) and its VML copy (mc:Fallback) for
    older readers: only the first branch that holds a box is read. Boxes inside a box are
    its own content's business.
    """
    if next(element.iter(_BOX), None) is None:  # most cells and paragraphs: searched in C
        return []
    found: list[Any] = []
    for child in element:
        if child.tag == _BOX:
            found.append(child)
        elif child.tag == f"{MC}AlternateContent":
            found += next((boxes for branch in child if (boxes := text_boxes(branch))), [])
        else:
            found += text_boxes(child)
    return found


def _hidden(run: Any) -> bool:
    """Whether a run is hidden: the first w:rPr/w:vanish (as ElementPath finds it) is on."""
    for properties in run.iterchildren(_RUN_PROPERTIES):
        for vanish in properties.iterchildren(_VANISH):
            return vanish.get(f"{W}val", "true") not in ("0", "false", "off")
    return False


def _symbol(element: Any) -> str:
    try:
        code = int(element.get(f"{W}char", ""), 16)
    except ValueError:
        return ""
    if 0xF000 <= code <= 0xF0FF:  # a symbol font's own code: the usual ones are known
        return _SYMBOL_FONT.get(code - 0xF000, "")
    return chr(code) if 0x20 <= code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else ""


def join_lines(lines: list[str], keep_tabs: bool = False) -> str:
    """Lines of one cell or paragraph as one text.

    A break after a sentence (。；：…) or before a numbered item (1. （一） ① 一、) stays;
    any other was typed to make the text fit and is joined (with a space between words).
    """
    text = ""
    for raw in lines:
        line = raw.strip(" \n\r\f\v\u3000\xa0") if keep_tabs else raw.strip()
        if not line.strip():
            continue
        if not text:
            text = line
        elif _SENTENCE_END_RE.search(text) or _ITEM_RE.match(line):
            text += "\n" + line
        elif text[-1].isascii() and text[-1].isalnum() and line[0].isascii() and line[0].isalnum():
            text += " " + line
        else:
            text += line
    return text
