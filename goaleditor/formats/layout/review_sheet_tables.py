"""Which tables an export prints and in which form: the goal tables, or their 绩效目标审核表.

ExportOptions.review_sheet chooses: "" prints the goal tables; "reviewed" the 审核表 of the
tables a reviewer marked (of every table, as blank forms, when none is marked); "all" the
审核表 of every table, blank where unmarked. Each writer lays out what this says.
"""

from __future__ import annotations

from collections.abc import Callable

from goaleditor.formats.exporting import ExportOptions
from goaleditor.formats.layout import official
from goaleditor.formats.layout.grid import TableGrid
from goaleditor.formats.layout.line_breaking import Width, clean_text
from goaleditor.formats.layout.review_sheet import build_review_grid, printable_chars
from goaleditor.model.document import Document, GoalTable
from goaleditor.model.fields import FIELD_LABELS, REVIEW_HEADER_FIELDS, REVIEW_INDICATOR_FIELDS
from goaleditor.model.review_marks import table_is_reviewed

GridMaker = Callable[
    [Document, GoalTable, int, Width, Width, dict[tuple[str, float], list[str]] | None],
    TableGrid,
]
NONE_REVIEWED = "文档中没有审核标记：导出的是每张表的空白审核表"


def printed_tables(
    document: Document, options: ExportOptions | None
) -> list[tuple[int, GoalTable]]:
    """(number in the document, table) of each table the export prints, in document order."""
    numbered = list(enumerate(document.tables, 1))
    if options is None or options.review_sheet != "reviewed":
        return numbered
    reviewed = [(number, table) for number, table in numbered if table_is_reviewed(table)]
    return reviewed or numbered


def grid_maker(options: ExportOptions | None) -> GridMaker:
    """The layout of each printed table: its goal table, or its 审核表."""
    if options is not None and options.review_sheet:
        return build_review_grid
    return official.build_grid


def with_contents(options: ExportOptions | None) -> bool:
    """Whether a 目录 may precede the tables (it lists goal tables: never before 审核表)."""
    return options is None or not options.review_sheet


def review_sheet_warnings(
    document: Document, options: ExportOptions | None, glyphs: bool = False
) -> list[str]:
    """What the clerk should hear about the 审核表 printed: none marked, so blank forms; with
    glyphs (a PDF), each reviewer's text holding characters the embedded font cannot draw."""
    if options is None or not options.review_sheet:
        return []
    lines = _unprintable(document, options) if glyphs else []
    none_marked = not any(table_is_reviewed(table) for table in document.tables)
    if options.review_sheet == "reviewed" and document.tables and none_marked:
        lines.insert(0, NONE_REVIEWED)
    return lines


def _unprintable(document: Document, options: ExportOptions) -> list[str]:
    """One line per printed table and reviewer's field with characters no font draws (the
    goal table's own fields are glyphs.glyph_warnings's)."""
    covered = printable_chars()
    lines = []
    for number, table in printed_tables(document, options):
        texts = [(name, getattr(table, name)) for name in REVIEW_HEADER_FIELDS]
        texts += [
            (name, getattr(indicator, name))
            for _, _, indicator in table.indicator_rows()
            for name in REVIEW_INDICATOR_FIELDS
        ]
        missing: dict[str, dict[str, None]] = {}
        for name, text in texts:
            for char in clean_text(text):
                if not char.isspace() and ord(char) not in covered:
                    missing.setdefault(name, {})[char] = None
        for name, chars in missing.items():
            shown = "".join(f"“{c}”(U+{ord(c):04X})" for c in list(chars)[:10])
            more = f"等{len(chars)}个字符" if len(chars) > 10 else ""  # as glyph_warnings says
            lines.append(
                f"第{number}张表的{FIELD_LABELS[name]}中有字体无法显示的字符：{shown}{more}，"
                "审核表PDF中会显示为空白"
            )
    return lines
