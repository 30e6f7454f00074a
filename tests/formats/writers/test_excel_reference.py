"""The Excel export makes the same workbooks as the openpyxl writer it replaced: every cell's
value, type and style, merges, sizes, print setup and properties, against tests/fixtures/
xlsx_reference (written once by that writer; see its README)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from openpyxl.styles import Alignment

from goaleditor.formats.writers.change_list import write_change_list
from goaleditor.formats.writers.excel import write
from tests.fixtures.xlsx_reference.documents import CHANGE_LISTS, GOAL_DOCUMENTS

REFERENCES = Path(__file__).resolve().parents[2] / "fixtures" / "xlsx_reference"
DEFAULT_ROW_HEIGHT = 15.0  # what Excel uses for a row without a height
# A column width is kept to 1/256 of a character (the unit Excel's own files round widths to).
WIDTH_STEP = 1 / 256


def _number(value: Any) -> Any:
    """1 and 1.0 are the same number in a cell (Excel holds doubles)."""
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else value


def _link(cell: Any) -> str | None:
    """Where a cell's link goes: "#'1.项目'!A1" (a relationship) is the same place as the
    location 'x'!A1 (Excel's own way of writing a link inside the workbook)."""
    link = cell.hyperlink
    if link is None:
        return None
    return link.location or (link.target or "").removeprefix("#")


def _cell(cell: Any) -> dict[str, Any]:
    """Everything the export sets on a cell, as openpyxl reads it."""
    font, align, border = cell.font, cell.alignment, cell.border
    return {
        "value": _number(cell.value),
        # A cell without a value is blank whatever type it names (openpyxl wrote an empty
        # text as an inline string without one).
        "type": None if cell.value is None else cell.data_type,
        "number_format": cell.number_format,
        "font": (font.name, float(font.sz or 11), bool(font.b), bool(font.i)),
        "align": (
            align.horizontal or "general",
            align.vertical or "bottom",
            bool(align.wrap_text),
            bool(align.shrink_to_fit),
        ),
        "border": tuple(
            (side.style, (side.color.rgb[-6:] if side.color is not None and side.style else None))
            for side in (border.left, border.right, border.top, border.bottom)
        ),
        "link": _link(cell),
    }


def _sheet(sheet: Any) -> dict[str, Any]:
    """A sheet's layout and print setup (its cells are compared one by one)."""
    setup, margins = sheet.page_setup, sheet.page_margins
    footer = sheet.oddFooter.center
    return {
        "merges": sorted(str(r) for r in sheet.merged_cells.ranges),
        "print_titles": sheet.print_title_rows,
        "print_area": sheet.print_area,
        "paper": None if setup.paperSize is None else int(setup.paperSize),
        "orientation": setup.orientation,
        # Not written, a fit is 1 page (ECMA-376 §18.3.1.63).
        "fit": (
            1 if setup.fitToWidth is None else setup.fitToWidth,
            1 if setup.fitToHeight is None else setup.fitToHeight,
            sheet.sheet_properties.pageSetUpPr is not None
            and bool(sheet.sheet_properties.pageSetUpPr.fitToPage),
        ),
        "centred": (sheet.print_options.horizontalCentered, sheet.print_options.verticalCentered),
        "margins": (margins.left, margins.right, margins.top, margins.bottom),
        "header_footer_margins": (margins.header, margins.footer),
        "footer": (footer.text, footer.font, footer.size),
        "headers": (sheet.oddHeader.center.text, sheet.oddHeader.left.text),
        "breaks": (list(sheet.row_breaks.brk), list(sheet.col_breaks.brk)),
        "validations": len(sheet.data_validations.dataValidation),
        "protected": bool(sheet.protection.sheet),
        "state": sheet.sheet_state,
    }


def assert_same_workbook(reference: Path, made: Path) -> None:
    """made holds what reference holds, as openpyxl reads both (see the module docstring)."""
    old, new = load_workbook(reference), load_workbook(made)
    assert new.sheetnames == old.sheetnames
    assert (new.properties.title, new.properties.creator) == (
        old.properties.title,
        old.properties.creator,
    )
    assert {p.name: p.value for p in new.custom_doc_props.props} == {
        p.name: p.value for p in old.custom_doc_props.props
    }
    assert sorted(new.defined_names) == sorted(old.defined_names)
    for before, after in zip(old.worksheets, new.worksheets, strict=True):
        where = f"{made.name} {before.title}"
        assert _sheet(after) == _sheet(before), where
        rows = max(before.max_row, after.max_row)
        columns = max(before.max_column, after.max_column)
        for row in range(1, rows + 1):
            for column in range(1, columns + 1):
                old_cell, new_cell = before.cell(row, column), after.cell(row, column)
                assert _cell(new_cell) == _cell(old_cell), f"{where} {old_cell.coordinate}"
        for row in range(1, rows + 2):
            old_height = before.row_dimensions[row].height or DEFAULT_ROW_HEIGHT
            new_height = after.row_dimensions[row].height or DEFAULT_ROW_HEIGHT
            assert new_height == pytest.approx(old_height, abs=1e-9), f"{where} row {row}"
        old_widths, new_widths = _widths(before), _widths(after)
        assert new_widths.keys() == old_widths.keys(), where
        for column, width in old_widths.items():
            assert abs(new_widths[column] - width) <= WIDTH_STEP, f"{where} column {column}"


def _widths(sheet: Any) -> dict[int, float]:
    """The widths set, by column number (one <col> element may set several alike)."""
    widths = {}
    for dimension in sheet.column_dimensions.values():
        if dimension.customWidth:
            for column in range(dimension.min, dimension.max + 1):
                widths[column] = dimension.width
    return widths


@pytest.mark.parametrize("name", sorted(GOAL_DOCUMENTS))
def test_goal_table_workbook_is_the_reference(tmp_path: Path, name: str) -> None:
    out = tmp_path / f"{name}.xlsx"
    write(GOAL_DOCUMENTS[name](), out)
    assert_same_workbook(REFERENCES / f"{name}.xlsx", out)


@pytest.mark.parametrize("name", sorted(CHANGE_LISTS))
def test_change_list_workbook_is_the_reference(tmp_path: Path, name: str) -> None:
    out = tmp_path / f"{name}.xlsx"
    write_change_list(CHANGE_LISTS[name](), "v1.goals", "v2.goals", out)
    assert_same_workbook(_numbered(REFERENCES / f"{name}.xlsx", tmp_path), out)


def _numbered(reference: Path, folder: Path) -> Path:
    """The reference with its 序号 as numbers: they were text when it was made, and are
    numbers since (so that a clerk's sort and filter order them 1, 2 … 10)."""
    from goaleditor.formats.writers.change_list import HEADER_ROW

    book = load_workbook(reference)
    sheet = book.worksheets[0]
    for (cell,) in sheet.iter_rows(min_row=HEADER_ROW + 1, max_col=1):
        if isinstance(cell.value, str) and cell.value.isdigit():
            cell.value = int(cell.value)
    path = folder / f"numbered-{reference.name}"
    book.save(path)
    return path


def test_the_comparison_sees_a_changed_style(tmp_path: Path) -> None:
    """The check above can fail: one cell's alignment changed is found."""
    out = tmp_path / "changed.xlsx"
    book = load_workbook(REFERENCES / "full-tianjin.xlsx")
    sheet = book.worksheets[0]
    sheet["D8"].alignment = Alignment(horizontal="right", vertical="center", wrap_text=True)
    book.save(out)
    with pytest.raises(AssertionError, match="D8"):
        assert_same_workbook(REFERENCES / "full-tianjin.xlsx", out)
