"""The official layout of a goal table as one grid (cells, spans, wrapped lines, row heights).

Computed once from a goal table and a text measure; the PDF writer, the Excel writer
and (through the PDF) the preview all draw this grid. No Qt, no reportlab here.
"""

from __future__ import annotations

import math
import re
from dataclasses import replace
from functools import lru_cache

from goaleditor.formats.layout.grid import (
    BODY_SIZE,
    ELLIPSIS,
    LEADING,
    MIN_ROW_HEIGHT,
    MONEY_MIN_SIZE,
    NUMBER_FLOOR,
    PAD_X,
    PAD_Y,
    PAGE_BREAK_EVERY,
    PAGE_TITLE_LINES,
    TABLE_WIDTH,
    Cell,
    Row,
    RowKind,
    TableGrid,
    cell_height,
)
from goaleditor.formats.layout.line_breaking import Width, wrap, wrap_label
from goaleditor.model.document import Document, GoalTable, Indicator
from goaleditor.model.fields import MONEY_FIELDS
from goaleditor.model.layouts import TIANJIN, LayoutProfile, Slot, profile_of
from goaleditor.model.money import format_money
from goaleditor.self_evaluation.layouts import title_of as self_evaluation_title

_NUMBER_RE = re.compile(r"[-+]?\d[\d,]*(?:\.\d+)?[%％]?")


# The heading of the 目录 and the file's title when a document has no title of its own.
DEFAULT_HEADING = "项目支出绩效目标表"
SELF_EVALUATION_HEADING = "项目支出绩效自评表"
# What an export prints above the 目录 of a document without a title: never a title on import.
EXPORT_HEADINGS = (DEFAULT_HEADING, SELF_EVALUATION_HEADING)


def heading_of(document: Document) -> str:
    """The heading atop the 目录: the document's title, else what kind of document it is."""
    if document.title:
        return document.title
    return SELF_EVALUATION_HEADING if document.is_self_evaluation else DEFAULT_HEADING


def table_title(number: int, table: GoalTable, document: Document | None = None) -> str:
    """The printed title in the document's layout; without a document, Tianjin's
    n.项目名称绩效目标表 (the 目录 names tables by toc_entry, as their pages do)."""
    if document is None:
        return TIANJIN.title_of(number, table, table.document or Document())
    if document.is_self_evaluation:
        return self_evaluation_title(document)
    return profile_of(document).title_of(number, table, document)


def toc_entry(number: int, table: GoalTable, document: Document) -> str:
    """A 目录 entry: the title the table's pages carry, on one line, followed by the project's
    name in brackets where that title names none (Shanghai's and central's form titles)."""
    title = table_title(number, table, document).replace("\n", "")
    if "{project}" in profile_of(document).title and not document.is_self_evaluation:
        return title
    return f"{title}（{table.project_name}）"


def agency_line(document: Document) -> str:
    """Agency code and name as printed above the table ("" where the layout has none)."""
    return profile_of(document).agency.format(code=document.agency_code, name=document.agency_name)


def build_grid(
    document: Document,
    table: GoalTable,
    number: int,
    width: Width,
    title_width: Width,
    wrap_cache: dict[tuple[str, float], list[str]] | None = None,
) -> TableGrid:
    """Lay out one goal table in its document's layout: cells, merges, lines, row heights.

    width measures body text (宋体, BODY_SIZE); title_width measures the title (黑体).
    Pass the same wrap_cache for all tables of a document: their texts repeat a lot.
    A 自评表's table is laid out in its own form (layout/self_evaluation.py).
    """
    if document.is_self_evaluation:
        from goaleditor.formats.layout.self_evaluation import build_self_evaluation_grid

        return build_self_evaluation_grid(document, table, number, width, title_width, wrap_cache)
    profile = profile_of(document)
    col_widths = tuple(TABLE_WIDTH * f for f in profile.column_fractions)
    builder = GridBuilder(col_widths, width, {} if wrap_cache is None else wrap_cache)
    for slots in profile.head_rows:
        builder.add_row("head", [(slot, _head_text(profile, table, slot), table) for slot in slots])
    labels, level1_slot, level2_slot, indicator_slots = _indicator_slots(profile)
    builder.add_row("header", [(slot, slot.label, None) for slot in labels])
    rows = list(table.indicator_rows())
    spans1 = runs([level1 for level1, _, _ in rows])
    spans2 = runs([(l1, l2) for l1, l2, _ in rows]) if document.merge_level2 else {}
    for index, (level1, level2, indicator) in enumerate(rows):
        specs: list[tuple[Slot, str, object]] = []
        if index in spans1:
            specs.append((_spanning(level1_slot, spans1[index]), level1, indicator))
        if not document.merge_level2 or index in spans2:
            rowspan = spans2[index] if document.merge_level2 else 1
            specs.append((_spanning(level2_slot, rowspan), level2, indicator))
        specs += [
            (slot, indicator_text(profile, indicator, slot), indicator) for slot in indicator_slots
        ]
        builder.add_row("indicator", specs)
    builder.fit_spanning_cells()
    title = profile.title_of(number, table, document)
    title_lines = [
        line for part in title.split("\n") for line in wrap(part, TABLE_WIDTH, title_width)
    ]
    return TableGrid(
        number=number,
        title=title,
        title_lines=title_lines,
        short_title_lines=shorten(title_lines, PAGE_TITLE_LINES, TABLE_WIDTH, title_width),
        agency=agency_line(document),
        unit=profile.unit.format(unit=table.money_unit),
        col_widths=col_widths,
        rows=builder.rows,
        header_row=profile.header_row,
        thousands=profile.thousands,
    )


@lru_cache(maxsize=32)
def _indicator_slots(profile: LayoutProfile) -> tuple[list[Slot], Slot, Slot, list[Slot]]:
    """A layout's indicator header labels, and its indicator slots unlabelled (the 一级 and
    二级 ones, then the rest): made once per layout, not once per row."""
    labels = [replace(slot, align="center", field=None) for slot in profile.indicator_slots]
    level1, level2, *others = profile.indicator_slots
    return labels, level1, level2, [replace(slot, label="") for slot in others]


@lru_cache(maxsize=256)
def _spanning(slot: Slot, rowspan: int) -> Slot:
    """slot unlabelled, spanning rowspan rows."""
    return replace(slot, label="", rowspan=rowspan)


def shorten(lines: list[str], count: int, limit: float, width: Width) -> list[str]:
    """The first count lines, the last one ending in "…" when lines were left out."""
    if len(lines) <= count:
        return lines
    last = lines[count - 1]
    while last and width(last + ELLIPSIS) > limit:
        last = last[:-1]
    return [*lines[: count - 1], last + ELLIPSIS]


def label_text(slot: Slot, money_unit: str) -> str:
    """A slot's printed label, the table's money unit put in (项目资金（万元）)."""
    return slot.label.replace("{unit}", money_unit)


def field_text(profile: LayoutProfile, table: GoalTable, name: str) -> str:
    """A header field as the layout prints it (money with two places, maybe 1,234.00)."""
    value = getattr(table, name)
    if name not in MONEY_FIELDS:
        return str(value)
    if profile.thousands and value is not None:
        return f"{value:,.2f}"
    return format_money(value)


def _head_text(profile: LayoutProfile, table: GoalTable, slot: Slot) -> str:
    if slot.field is None:
        return label_text(slot, table.money_unit)
    return field_text(profile, table, slot.field)


def indicator_text(profile: LayoutProfile, indicator: Indicator, slot: Slot) -> str:
    """The text of an indicator's own cell: its field after "indicator.", 指标值 styled."""
    assert slot.field is not None
    name = slot.field.removeprefix("indicator.")
    if name == "display":
        return profile.display(indicator.comparator, indicator.value, indicator.unit)
    return str(getattr(indicator, name))


def runs(keys: list[object]) -> dict[int, int]:
    """Start index -> length of each run of equal consecutive keys."""
    found: dict[int, int] = {}
    start = 0
    for i in range(1, len(keys) + 1):
        if i == len(keys) or keys[i] != keys[start]:
            found[start] = i - start
            start = i
    return found


class GridBuilder:
    """Adds rows of slots to a grid: wrapped lines, heights, merged cells made to fit."""

    def __init__(
        self,
        col_widths: tuple[float, ...],
        width: Width,
        cache: dict[tuple[str, float], list[str]],
    ) -> None:
        self.col_widths = col_widths
        self.width = width
        self.rows: list[Row] = []
        self._cache = cache
        self._spans: dict[tuple[int, int], float] = {}  # (col, colspan) -> width

    def lines(self, text: str, span_width: float, label: bool = False) -> list[str]:
        """The text's lines in a cell this wide; a label's chosen to read well (wrap_label)."""
        # A label's lines are cached under the negated width: no cell is that wide.
        key = (text, -span_width if label else span_width)
        found = self._cache.get(key)
        if found is None:
            room = span_width - 2 * PAD_X
            if label:
                found = wrap_label(text, room, self.width)
            else:
                found = wrap(text, room, self.width, orphans=False)
            self._cache[key] = found
        return found

    def add_row(self, kind: RowKind, specs: list[tuple[Slot, str, object]]) -> None:
        """Add a row of (slot, text, source); a slot with a label prints the label."""
        row_index = len(self.rows)
        row = Row(kind, MIN_ROW_HEIGHT)
        cells, height = row.cells, MIN_ROW_HEIGHT
        spans, cache = self._spans, self._cache
        for slot, text, source in specs:
            col, colspan, label = slot.col, slot.colspan, bool(slot.label)
            span = spans.get((col, colspan))
            if span is None:
                span = spans[col, colspan] = sum(self.col_widths[col : col + colspan])
            lines = cache.get((text, -span if label else span))
            if lines is None:
                lines = self.lines(text, span, label)
            size = None
            if len(lines) > 1 and not label:
                size = number_size(text, span, self.width, slot.field in MONEY_FIELDS)
                if size is not None:
                    lines = [text]
            cells.append(
                Cell(
                    row_index,
                    col,
                    slot.rowspan,
                    colspan,
                    text,
                    lines,
                    slot.align,
                    label,
                    slot.field,
                    source,
                    size,
                )
            )
            if slot.rowspan == 1:  # cell_height, inline: a row has many cells
                height = max(height, MIN_ROW_HEIGHT, len(lines) * LEADING + 2 * PAD_Y)
        row.height = height
        self.rows.append(row)

    def fit_spanning_cells(self) -> None:
        """Grow the last row under a merged cell until the merged cell's lines fit."""
        for row in self.rows:
            for cell in row.cells:
                if cell.rowspan > 1:
                    covered = self.rows[cell.row : cell.row + cell.rowspan]
                    needed = cell_height(cell)
                    if needed > PAGE_BREAK_EVERY:  # each page it reaches costs a line or so
                        needed += math.ceil(needed / PAGE_BREAK_EVERY) * (2 * PAD_Y + LEADING)
                    missing = needed - sum(r.height for r in covered)
                    if missing > 0:
                        covered[-1].height += missing


def number_size(text: str, span_width: float, width: Width, money: bool) -> float | None:
    """The font size at which a number too wide for its cell fits on one line.

    In half points, at most BODY_SIZE; None when text is not one number or would need
    less than NUMBER_FLOOR (MONEY_MIN_SIZE for an amount): it is then wrapped.
    """
    if _NUMBER_RE.fullmatch(text) is None:
        return None
    measured = width(text)
    room = span_width - 2 * PAD_X
    if measured <= room:
        return BODY_SIZE
    size = min(BODY_SIZE, math.floor(2 * BODY_SIZE * room / measured) / 2)
    return size if size >= (MONEY_MIN_SIZE if money else NUMBER_FLOOR) else None
