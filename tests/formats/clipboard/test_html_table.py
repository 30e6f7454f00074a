"""Copy as a table: the HTML's spans are the grid's, user text stays text; TSV positions."""

from __future__ import annotations

import csv
import io
from html.parser import HTMLParser

from hypothesis import given, settings

from goaleditor.formats.clipboard.table import table_grid, table_html, table_tsv
from goaleditor.formats.layout import official
from goaleditor.model.document import Document, GoalTable, Indicator
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
    assert html.count("<col ") == official.COLUMNS and "pt" in html
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
    assert len(body) == len(grid.rows) and all(len(r) == official.COLUMNS for r in body)
    for row, cells in zip(grid.rows, body, strict=True):
        starts = {cell.col: cell.text for cell in row.cells}
        assert cells == [starts.get(c, "") for c in range(official.COLUMNS)]


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
