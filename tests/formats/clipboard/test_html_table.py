"""Copy as a table: the HTML's spans are the grid's, user text stays text; TSV positions."""

from __future__ import annotations

import csv
import io
from html.parser import HTMLParser

import pytest
from hypothesis import given, settings

from goaleditor.formats.clipboard.table import table_grid, table_html, table_tsv
from goaleditor.formats.layout import official
from goaleditor.model.document import Document, GoalTable, Indicator
from goaleditor.model.layout_names import LAYOUT_NAMES
from goaleditor.model.layouts import get_profile, profile_of
from tests.strategies import documents


class _Tables(HTMLParser):
    """Every <table> as rows of (attrs, text); every tag seen; paragraph texts."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[list[list[tuple[dict[str, str | None], str]]]] = []
        self.tags: list[str] = []
        self.paragraphs: list[str] = []
        self._text: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self.tables[-1].append([])
        elif tag == "td":
            self.tables[-1][-1].append((dict(attrs), ""))
            self._text = []
        elif tag == "p":
            self._text = []
        elif tag == "br" and self._text is not None:
            self._text.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "td" and self._text is not None:
            attrs, _ = self.tables[-1][-1][-1]
            self.tables[-1][-1][-1] = (attrs, "".join(self._text))
            self._text = None
        elif tag == "p" and self._text is not None:
            self.paragraphs.append("".join(self._text))
            self._text = None

    def handle_data(self, data: str) -> None:
        if self._text is not None:
            self._text.append(data)


def _parse(html: str) -> _Tables:
    parser = _Tables()
    parser.feed(html)
    parser.close()
    return parser


def _check_html(document: Document, table: GoalTable) -> _Tables:
    grid = table_grid(document, table)
    columns = len(grid.col_widths)  # the document's layout: 6 or 7 columns
    parsed = _parse(table_html(document, table))
    assert parsed.paragraphs[0] == grid.title.replace("\n", " ")
    agency, main = parsed.tables
    assert [text for _, text in agency[0]] == [grid.agency, grid.unit]
    assert len(main) == len(grid.rows)
    covered: set[tuple[int, int]] = set()
    for r, (row, html_row) in enumerate(zip(grid.rows, main, strict=True)):
        assert len(row.cells) == len(html_row)
        for cell, (attrs, text) in zip(row.cells, html_row, strict=True):
            assert int(attrs.get("rowspan") or 1) == cell.rowspan
            assert int(attrs.get("colspan") or 1) == cell.colspan
            assert text == cell.text
            assert f"text-align:{cell.align}" in (attrs["style"] or "")
            col = next(c for c in range(columns) if (r, c) not in covered)
            assert col == cell.col, "an HTML cell lands where the grid puts it"
            for rr in range(r, r + cell.rowspan):
                for cc in range(col, col + cell.colspan):
                    assert (rr, cc) not in covered
                    covered.add((rr, cc))
    assert covered == {(r, c) for r in range(len(grid.rows)) for c in range(columns)}
    return parsed


def test_example_tables_keep_spans_fonts_and_widths(example_document) -> None:
    for table in example_document.tables:
        _check_html(example_document, table)
    html = table_html(example_document, example_document.tables[2])
    columns = profile_of(example_document).columns
    assert html.count("<col ") == columns and "pt" in html
    assert "宋体" in html and "黑体" in html and "0.5pt solid" in html
    assert "3.2026年编制外长聘人员经费项目" in html  # its number in the document


def test_user_text_is_escaped_and_kept_as_text() -> None:
    evil = '<img src=x onerror="alert(1)">&amp;</td><script>'
    table = GoalTable.from_rows(
        [("产出指标", "数量指标", Indicator(evil, "=SUM(A1)", "定性", "第一\n第二", ""))],
        project_name=evil,
    )
    doc = Document(agency_name=evil, tables=[table])
    parsed = _check_html(doc, table)
    assert not {"img", "script"} & set(parsed.tags)
    html = table_html(doc, table)
    assert "mso-number-format" in html and "mso-data-placement:same-cell" in html


def test_tsv_puts_each_text_at_its_grid_position(example_document) -> None:
    table = example_document.tables[0]
    grid = table_grid(example_document, table)
    text = table_tsv(example_document, table)
    assert text.endswith("\r\n")
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter="\t"))
    assert rows[0][0] == grid.title and rows[1][0] == grid.agency and rows[1][-1] == "单位：元"
    body = rows[2:]
    columns = profile_of(example_document).columns
    assert len(body) == len(grid.rows) and all(len(r) == columns for r in body)
    for row, cells in zip(grid.rows, body, strict=True):
        starts = {cell.col: cell.text for cell in row.cells}
        assert cells == [starts.get(c, "") for c in range(columns)]


def test_tsv_quotes_multiline_cells_and_defuses_formulas() -> None:
    table = GoalTable.from_rows(
        [("产出指标", "数量指标", Indicator("=HYPERLINK(1)", 'a\tb"c', "定性", "x\ny", ""))]
    )
    doc = Document(tables=[table])
    rows = list(csv.reader(io.StringIO(table_tsv(doc, table), newline=""), delimiter="\t"))
    indicator = rows[-1]
    assert indicator[2] == "'=HYPERLINK(1)"
    assert indicator[3] == 'a b"c'  # a tab inside a cell prints as a space
    assert indicator[5] == "x\ny"


@settings(max_examples=30, deadline=None)
@given(documents())
def test_any_table_gives_a_consistent_html_table(doc: Document) -> None:
    for table in doc.tables:
        _check_html(doc, table)


def _expected_rows(document: Document, table: GoalTable) -> list[dict[int, str]]:
    """Each grid row as {column: text} of the cells starting there, from the layout profile."""
    profile = profile_of(document)
    rows = [
        {
            slot.col: official.label_text(slot, table.money_unit)
            if slot.field is None
            else official.field_text(profile, table, slot.field)
            for slot in slots
        }
        for slots in profile.head_rows
    ]
    rows.append({slot.col: slot.label for slot in profile.indicator_slots})
    level1_slot, level2_slot, *indicator_slots = profile.indicator_slots
    previous: tuple[str, str] | None = None
    for level1, level2, indicator in table.indicator_rows():
        row = {
            slot.col: official.indicator_text(profile, indicator, slot) for slot in indicator_slots
        }
        if previous is None or previous[0] != level1:
            row[level1_slot.col] = level1
        if not document.merge_level2 or previous != (level1, level2):
            row[level2_slot.col] = level2
        rows.append(row)
        previous = (level1, level2)
    return rows


def _html_rows(
    html_table: list[list[tuple[dict[str, str | None], str]]],
) -> tuple[list[dict[int, str]], int]:
    """Each HTML row as {column: text} (columns found by skipping spanned positions), and
    how many columns the rows fill."""
    covered: set[tuple[int, int]] = set()
    rows: list[dict[int, str]] = []
    for r, html_row in enumerate(html_table):
        row: dict[int, str] = {}
        col = 0
        for attrs, text in html_row:
            while (r, col) in covered:
                col += 1
            row[col] = text
            for rr in range(r, r + int(attrs.get("rowspan") or 1)):
                for cc in range(col, col + int(attrs.get("colspan") or 1)):
                    covered.add((rr, cc))
        rows.append(row)
    width = {c for _, c in covered}
    assert all((r, c) in covered for r in range(len(rows)) for c in width), "a ragged table"
    return rows, len(width)


def _quoted(text: str) -> str:
    """A cell's text as TSV holds it (a leading = + @ defused)."""
    return "'" + text if text.startswith(("=", "+", "@")) else text


@pytest.mark.parametrize("merge_level2", [False, True])
@pytest.mark.parametrize("name", LAYOUT_NAMES)
def test_each_layouts_copy_has_its_own_columns(
    full_document: Document, name: str, merge_level2: bool
) -> None:
    full_document.layout = name
    full_document.merge_level2 = merge_level2
    table = full_document.tables[0]
    columns = get_profile(name).columns
    expected = _expected_rows(full_document, table)

    parsed = _parse(table_html(full_document, table))
    assert parsed.paragraphs[0] == official.table_title(1, table, full_document).replace("\n", " ")
    assert table_html(full_document, table).count("<col ") == columns
    assert _html_rows(parsed.tables[1]) == (expected, columns)

    text = table_tsv(full_document, table)
    title, agency, *body = csv.reader(io.StringIO(text, newline=""), delimiter="\t")
    assert len(title) == len(agency) == columns
    assert title[0] == official.table_title(1, table, full_document)
    assert agency[0] == official.agency_line(full_document)
    assert agency[-1] == get_profile(name).unit.format(unit=table.money_unit)
    assert all(len(row) == columns for row in body)
    assert body == [[_quoted(row.get(c, "")) for c in range(columns)] for row in expected]
