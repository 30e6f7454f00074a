"""Layout profiles: each region's form printed from the one grid (PDF, xlsx) and read back."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

from goaleditor.formats.readers.sheets import xlsx
from goaleditor.formats.writers import excel, pdf
from goaleditor.model.document import Document, GoalTable
from goaleditor.model.fields import HEADER_FIELDS, INDICATOR_FIELDS, MONEY_FIELDS
from goaleditor.model.layout_names import LAYOUT_NAMES
from goaleditor.model.layouts import PROFILES, get_profile
from goaleditor.model.values import TargetValue
from tests.compare import document_differences
from tests.formats.writers.test_pdf import poppler
from tests.helpers import note_lines, run_cli

# What each layout's PDF must show of the full document (tests/fixtures), and must not.
PRINTED = {
    "tianjin": (
        ["1.拆违经费绩效目标表", "单位：元", "绩效指标描述", "3498000.00", "用于违法建筑拆除"],
        ["100%", "≥90%", "合理"],
        ["项目性质", "2024-01-01", "=100", "10,308,000.00", "权重"],
    ),
    "shanghai": (
        ["财政项目支出绩效目标申报表", "（2026年度）", "项目性质", "阶段性项目", "项目类别"],
        ["特定目标类", "计划完成日期", "2024-01-01", "2026-12-31", "项目资金总额"],
        ["10,308,000.00", "3,498,000.00", "上年结转资金", "年度(/项目)指标值"],
        ["=100.00(%)", "≥90.00(%)", "合理", "项目总体目标", "年度总体目标"],
    ),
    "central": (
        ["中央部门项目支出绩效目标申报表", "（2026年度）", "实施单位", "项目属性"],
        ["项目期", "2024-01-01", "年度资金总额", "10308000.00", "3498000.00"],
        ["其中：财政拨款", "100%", "≥90%", "年度目标"],
    ),
    "sichuan": (
        ["1.拆违经费绩效目标表", "指标性质", "度量单位", "权重", "定性", "合理"],
        ["完成年度拆违计划=100%15", "群众满意度≥90%20"],
    ),
}
NOT_PRINTED = {
    "tianjin": ["项目性质", "2024-01-01", "=100", "10,308,000.00", "权重"],
    "shanghai": ["绩效指标描述", "用于违法建筑拆除", "1.拆违经费绩效目标表"],
    "central": ["绩效指标描述", "用于违法建筑拆除", "上年结转资金", "=100"],
    "sichuan": ["绩效指标描述", "2024-01-01", "≥90.00", "项目性质"],
}


@pytest.mark.parametrize("name", LAYOUT_NAMES)
def test_pdf_prints_the_layouts_labels_and_values(
    tmp_path: Path, full_document: Document, name: str
) -> None:
    full_document.layout = name
    out = tmp_path / f"{name}.pdf"
    pdf.write(full_document, out)
    text = "".join(poppler("pdftotext", "-layout", out, "-").split())
    expected = [s for group in PRINTED[name] for s in group if s not in NOT_PRINTED[name]]
    missing = [s for s in expected if s not in text]
    assert not missing, text
    shown = [s for s in NOT_PRINTED[name] if s in text]
    assert not shown, text


def printed_view(document: Document) -> Document:
    """The document as its layout prints it: fields the form has no cell for blanked,
    a 指标值 in the parenthesized style read back with its two printed decimals."""
    profile = get_profile(document.layout)
    printed = profile.printed_fields()
    for table in document.tables:
        for name in HEADER_FIELDS:
            if name not in printed and name != "money_unit":
                setattr(table, name, None if name in MONEY_FIELDS else "")
        for _, _, indicator in table.indicator_rows():
            for name in INDICATOR_FIELDS:
                shown = f"indicator.{name}" in printed or (
                    name in ("comparator", "value", "unit") and "indicator.display" in printed
                )
                if not shown:
                    setattr(indicator, name, "")
            if profile.value_style == "parenthesized" and indicator.comparator != "定性":
                indicator.value = f"{Decimal(indicator.value):.2f}"
        _read_as_numbers(table, profile.name)
    return document


def _read_as_numbers(table: GoalTable, layout: str) -> None:
    """A table whose every number prints with two decimals is read without them (365.00 → 365)."""
    numbers = [i for *_, i in table.indicator_rows() if i.comparator != "定性" and i.value]
    printed = numbers and all(re.fullmatch(r"-?\d+\.\d\d", i.value) for i in numbers)
    if printed and (layout == "shanghai" or len(numbers) >= 3):
        for indicator in numbers:
            indicator.value = format(Decimal(indicator.value).normalize(), "f")


@pytest.mark.parametrize("name", LAYOUT_NAMES)
def test_each_layouts_workbook_reads_back_what_it_prints(
    tmp_path: Path, full_document: Document, name: str
) -> None:
    full_document.layout = name
    out = tmp_path / f"{name}.xlsx"
    excel.write(full_document, out)
    back = xlsx.read(out)
    assert back.layout == name
    expected = printed_view(full_document)
    assert document_differences(back, expected) == []


def test_shanghai_workbook_groups_thousands(tmp_path: Path, full_document: Document) -> None:
    from openpyxl import load_workbook

    out = tmp_path / "sh.xlsx"
    excel.write(full_document, out)
    sheet = load_workbook(out).worksheets[0]
    formats = {c.number_format for row in sheet.iter_rows() for c in row if c.value == 10308000}
    assert formats == {"#,##0.00"}
    assert sheet["A1"].value == "财政项目支出绩效目标申报表\n（2026年度）"


def test_every_profile_is_a_full_grid() -> None:
    """Each head row and the indicator row cover the columns without overlap."""
    for profile in PROFILES.values():
        assert abs(sum(profile.column_fractions) - 1) < 1e-9, profile.name
        covered: dict[int, set[int]] = {}
        for r, slots in enumerate((*profile.head_rows, profile.indicator_slots)):
            for slot in slots:
                for dr in range(slot.rowspan):
                    cols = covered.setdefault(r + dr, set())
                    span = set(range(slot.col, slot.col + slot.colspan))
                    assert not cols & span, (profile.name, r, slot)
                    cols |= span
        for r, cols in covered.items():
            assert cols == set(range(profile.columns)), (profile.name, r)


def test_shanghai_value_style() -> None:
    shanghai = PROFILES["shanghai"]
    assert shanghai.display("=", "100", "%") == "=100.00(%)"
    assert shanghai.display("≥", "90.5", "%") == "≥90.50(%)"
    assert shanghai.display("≤", "3", "") == "≤3.00"
    assert shanghai.display("定性", "及时", "") == "及时"
    assert shanghai.parse_display("=100.00(%)") == TargetValue("=", "100.00", "%")
    assert shanghai.parse_display("≥90.00（万元/人）") == TargetValue("≥", "90.00", "万元/人")
    assert PROFILES["tianjin"].display("=", "100", "%") == "100%"


def test_export_in_another_layout_leaves_the_document_as_it_was(
    tmp_path: Path, full_document: Document
) -> None:
    from goaleditor.formats.canonical_json import dumps
    from goaleditor.model import store

    doc = tmp_path / "d.goals"
    store.save_document(full_document, doc)
    before = doc.read_bytes()
    result = run_cli("export", doc, "-o", tmp_path / "c.pdf", "--layout", "central")
    assert result.returncode == 0, result.stderr
    assert doc.read_bytes() == before
    text = poppler("pdftotext", tmp_path / "c.pdf", "-")
    assert "中央部门项目支出绩效目标申报表" in text
    assert dumps(store.load_document(doc)) == dumps(full_document)
    bad = run_cli("export", doc, "-o", tmp_path / "m.pdf", "--layout", "mars")
    assert bad.returncode == 2 and "mars" in bad.stderr


@pytest.mark.parametrize("suffix", [".pdf", ".docx", ".xlsx"])
@pytest.mark.parametrize("name", LAYOUT_NAMES)
def test_own_exports_read_back_without_a_note(
    tmp_path: Path, full_document: Document, name: str, suffix: str
) -> None:
    """What goaleditor printed (Shanghai's 6,300,000.00 and 365.00) is its style, no guess."""
    from goaleditor.formats.registry import read_document, write_document

    full_document.layout = name
    out = tmp_path / f"{name}{suffix}"
    write_document(full_document, out)
    warnings: list[str] = []
    read_document(out, note_lines(warnings))
    assert warnings == []


@pytest.mark.parametrize("suffix", [".pdf", ".docx"])
@pytest.mark.parametrize("name", LAYOUT_NAMES)
def test_each_layouts_pdf_and_word_read_back_what_they_print(
    tmp_path: Path, full_document: Document, name: str, suffix: str
) -> None:
    """As the workbook: only Tianjin and Sichuan print an agency line, and the xlsx, docx
    and PDF keep it in the file's properties."""
    from goaleditor.formats.registry import read_document, write_document

    full_document.layout = name
    out = tmp_path / f"{name}{suffix}"
    write_document(full_document, out)
    back = read_document(out)
    assert back.layout == name
    expected = printed_view(full_document)
    if name in ("tianjin", "sichuan") and suffix == ".pdf":  # 1.拆违经费绩效目标表: no year
        expected.year = None
    assert document_differences(back, expected) == []
