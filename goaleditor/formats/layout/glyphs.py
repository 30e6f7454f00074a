"""Characters the embedded PDF fonts cannot draw (emoji, rare CJK), found before export."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from goaleditor.formats.layout.fonts import HEI, SONG, register_fonts
from goaleditor.formats.layout.line_breaking import clean_text
from goaleditor.model.document import Document
from goaleditor.model.fields import FIELD_LABELS

# Fields printed in 黑体 as well as 宋体 (table titles, the 目录 heading).
_HEI_FIELDS = frozenset({"title", "project_name"})


@cache
def _coverage(font_name: str) -> frozenset[int]:
    from reportlab.pdfbase import pdfmetrics

    register_fonts()
    face = pdfmetrics.getFont(font_name).face
    return frozenset(face.charToGlyph)


@cache
def _undrawable(font_names: tuple[str, ...]) -> re.Pattern[str]:
    """Finds a character that one of the fonts lacks: a text it does not match needs no closer
    look (one search in C; the fonts' characters make about 150 ranges)."""
    ranges: list[list[int]] = []
    for code in sorted(frozenset.intersection(*(_coverage(name) for name in font_names))):
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])
    return re.compile("[^" + "".join(rf"\U{a:08x}-\U{b:08x}" for a, b in ranges) + "]")


def _texts(document: Document) -> Iterator[tuple[int, str, str]]:
    """(table number or 0 for the document, field, text) of everything printed."""
    yield 0, "title", document.title
    yield 0, "agency_code", document.agency_code
    yield 0, "agency_name", document.agency_name
    for number, table in enumerate(document.tables, 1):
        for name in ("project_name", "money_unit", "fund_use", "goal"):
            yield number, name, str(getattr(table, name))
        for level1 in table.children:
            yield number, "level1", level1.name
            for level2 in level1.children:
                yield number, "level2", level2.name
                for indicator in level2.children:
                    yield number, "indicator.name", indicator.name
                    yield number, "indicator.description", indicator.description
                    yield number, "indicator.display", indicator.display


def missing_glyphs(document: Document) -> list[tuple[int, str, str]]:
    """(table number (0: the document), field, character) for each character no font has."""
    song, hei = _coverage(SONG), _coverage(HEI)
    not_in_song, not_in_both = _undrawable((SONG,)), _undrawable((SONG, HEI))
    found: dict[tuple[int, str, str], None] = {}
    for number, name, text in _texts(document):
        if not_in_both.search(text) is None:  # nearly every text
            continue
        if name not in _HEI_FIELDS and not_in_song.search(text) is None:
            continue
        for char in clean_text(text):
            if char in "\n ":
                continue
            code = ord(char)
            if code not in song or (name in _HEI_FIELDS and code not in hei):
                found[(number, name, char)] = None
    return list(found)


def _label(name: str) -> str:
    """What the clerk calls a printed field (a layout slot's indicator.x is the field x)."""
    key = name.removeprefix("indicator.")
    # The printed 指标值 is comparator, value and unit: the clerk knows it as the 指标值.
    return FIELD_LABELS.get("value" if key == "display" else key, name)


def glyph_warnings(document: Document) -> list[str]:
    """One line per table and field: which characters will not print."""
    grouped: dict[tuple[int, str], list[str]] = {}
    for number, name, char in missing_glyphs(document):
        grouped.setdefault((number, name), []).append(char)
    lines = []
    for (number, name), chars in grouped.items():
        where = f"第{number}张表" if number else "文档"
        shown = "".join(f"“{c}”(U+{ord(c):04X})" for c in chars[:10])
        more = f"等{len(chars)}个字符" if len(chars) > 10 else ""
        lines.append(
            f"{where}的{_label(name)}中有字体无法显示的字符：{shown}{more}，"
            "导出后会显示为空白，请改用常用字"
        )
    return lines
