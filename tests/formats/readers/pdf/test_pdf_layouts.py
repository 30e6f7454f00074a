"""Every layout's PDF reads back: what it prints (header, money, indicators, title, agency)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from goaleditor.formats import read_document
from goaleditor.formats.canonical_json import loads
from goaleditor.formats.readers.published_text import read as read_text
from goaleditor.formats.readers.tables.document_reader import layout_note
from goaleditor.formats.writers.pdf import write
from goaleditor.model.document import Document, Indicator
from goaleditor.model.fields import HEADER_FIELDS
from goaleditor.model.layout_names import LAYOUT_NAMES
from goaleditor.model.layouts import get_profile
from tests.helpers import note_lines

ROOT = Path(__file__).resolve().parents[4]
EXAMPLE = ROOT / "resources" / "examples" / "binhai-2026-published.txt"
FULL = ROOT / "tests" / "fixtures" / "full-shanghai-2026.json"


def _number(text: str) -> Decimal | str:
    try:
        return Decimal(text)
    except ArithmeticError:
        return text


def _indicator(indicator: Indicator, printed: frozenset[str]) -> tuple[object, ...]:
    """What a layout prints of an indicator (365 and 365.00 print the same amount)."""
    kept: tuple[object, ...] = (indicator.name, indicator.comparator, indicator.unit)
    kept += (_number(indicator.value),)
    if "indicator.description" in printed:
        kept += (indicator.description,)
    if "indicator.weight" in printed:
        kept += (indicator.weight,)
    return kept


def _printed(document: Document) -> dict[str, object]:
    printed = get_profile(document.layout).printed_fields()
    tables = [
        {name: getattr(table, name) for name in HEADER_FIELDS if name in printed}
        | {"money_unit": table.money_unit}
        | {
            "tree": [
                (l1.name, l2.name, _indicator(i, printed))
                for l1 in table.children
                for l2 in l1.children
                for i in l2.children
            ]
        }
        for table in document.tables
    ]
    # The year prints in the Shanghai and central form titles, elsewhere in project names only.
    year = document.year if document.layout in ("shanghai", "central") else None
    return {
        "agency": (document.agency_code, document.agency_name),
        "title": document.title,
        "year": year,
        "layout": document.layout,
        "tables": tables,
    }


@pytest.mark.parametrize("layout", LAYOUT_NAMES)
@pytest.mark.parametrize("source", ["example", "full"])
def test_every_layout_reads_back_what_it_prints(tmp_path: Path, layout: str, source: str) -> None:
    document = read_text(EXAMPLE) if source == "example" else loads(FULL.read_bytes(), FULL.name)
    document.layout = layout
    if source == "full":
        document.title = "普陀区2026年项目支出绩效目标"
        document.agency_code = "305001"
    pdf = tmp_path / f"{layout}.pdf"
    write(document, pdf)
    warnings: list[str] = []
    back = read_document(pdf, note_lines(warnings))
    assert _printed(back) == _printed(document)
    assert back.agency_code and back.agency_name
    assert warnings == []  # Shanghai's 6,300,000.00 is how the export prints, not a guess


def test_thousands_separators_in_another_programs_pdf_are_still_reported(tmp_path: Path) -> None:
    """Only our own export's amounts go unreported: elsewhere 6,300,000.00 is a reading."""
    document = read_text(EXAMPLE)
    document.layout = "shanghai"
    document.tables[1:] = []
    pdf = tmp_path / "other.pdf"
    write(document, pdf)
    data = pdf.read_bytes()
    assert data.count(b"(goaleditor)") == 1
    pdf.write_bytes(data.replace(b"(goaleditor)", b"(WPS Office)"))
    warnings: list[str] = []
    read_document(pdf, note_lines(warnings))
    assert warnings == [
        layout_note("shanghai"),
        "第1页第5行：2个金额带千分位，按数值读取（如年度资金申请总额“6,300,000.00”读作6300000.00）",
        "第1页第11行：本表指标值都印成两位小数（如“365.00”），按数值读取（“365”）",
    ]
