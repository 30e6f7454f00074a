"""Word export: amounts and other number cells stay on one line in Word, WPS and LibreOffice.

LibreOffice without 宋体 draws digits in DejaVu Sans (0.636 em instead of 0.5): the Sichuan
其中：财政资金 cell printed 6300000.00 as "6300000.0" over "0".
"""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from lxml import etree

from goaleditor.formats.layout.grid import BODY_SIZE, PAD_X
from goaleditor.formats.writers.word import write
from goaleditor.formats.writers.word_numbers import fitting_size, is_number, wide_width
from goaleditor.model.document import Document, GoalTable, Indicator
from goaleditor.model.fields import MONEY_FIELDS
from goaleditor.model.layouts import PROFILES
from tests.formats.writers.test_pdf import needs_poppler, poppler

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
AMOUNTS = ("6300000.00", "23456789.00", "999999999999999.99")


def _document(layout_name: str, amount: str) -> Document:
    rows = [
        ("产出指标", "数量指标", Indicator("面积", "管理面积", "=", "55853.63", "平方米")),
        ("产出指标", "质量指标", Indicator("合格率", "维修合格率", "≥", "99.99", "%")),
    ]
    table = GoalTable.from_rows(rows, project_name="资金项目")
    for name in MONEY_FIELDS:
        setattr(table, name, Decimal(amount))
    return Document(tables=[table], layout=layout_name, year=2026, agency_name="某单位")


def _printed(amount: str, layout_name: str) -> str:
    return f"{Decimal(amount):,.2f}" if PROFILES[layout_name].thousands else amount


def _number_cells(path: Path) -> list[tuple[str, float, float, bool]]:
    """(text, run size, cell width in points, noWrap) of every cell holding one number."""
    with zipfile.ZipFile(path) as archive:
        root = etree.fromstring(archive.read("word/document.xml"))
    found = []
    for cell in root.iter(f"{W}tc"):
        text = "".join(t.text or "" for t in cell.iter(f"{W}t"))
        if not is_number(text):
            continue
        sizes = {int(sz.get(f"{W}val")) / 2 for sz in cell.iter(f"{W}sz")}
        assert len(sizes) == 1, text
        width = int(cell.find(f"{W}tcPr/{W}tcW").get(f"{W}w")) / 20
        no_wrap = cell.find(f"{W}tcPr/{W}noWrap") is not None
        found.append((text, sizes.pop(), width, no_wrap))
    return found


def test_numbers_are_recognised() -> None:
    for text in ("6300000.00", "6,300,000.00", "≥90", "95%", "=100.00(%)", "55853.63", "1"):
        assert is_number(text), text
    for text in ("有效改善", "≥365次", "2026年12月31日前", "", "1\n2", "审减率3.5%以上"):
        assert not is_number(text), text


def test_fitting_size_uses_the_wider_fallback_metrics() -> None:
    room = 69 - 2 * PAD_X  # the Sichuan 其中：财政资金 cell
    assert wide_width("6300000.00", BODY_SIZE) > room  # what wrapped in LibreOffice
    size = fitting_size("6300000.00", room, BODY_SIZE)
    assert size < BODY_SIZE and size * 2 == int(size * 2)
    assert wide_width("6300000.00", size) <= room
    assert fitting_size("90", room, BODY_SIZE) == BODY_SIZE


@pytest.mark.parametrize("name", sorted(PROFILES))
@pytest.mark.parametrize("amount", AMOUNTS)
def test_every_number_cell_is_no_wrap_and_fits_a_wide_font(
    tmp_path: Path, name: str, amount: str
) -> None:
    out = tmp_path / "n.docx"
    write(_document(name, amount), out)
    cells = _number_cells(out)
    printed = _printed(amount, name)
    assert sum(text == printed for text, *_ in cells) >= 2
    for text, size, width, no_wrap in cells:
        assert no_wrap, text
        assert wide_width(text, size) <= width - 2 * PAD_X, (text, size, width)
        assert size <= BODY_SIZE


def test_sichuan_fiscal_amount_is_smaller_than_body_text(tmp_path: Path) -> None:
    out = tmp_path / "s.docx"
    write(_document("sichuan", "6300000.00"), out)
    sizes = {size for text, size, width, _ in _number_cells(out) if text == "6300000.00"}
    assert min(sizes) < BODY_SIZE  # the 69 pt cell: 宋体 fits, DejaVu Sans would not


SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@needs_poppler
@pytest.mark.skipif(
    SOFFICE is None,
    reason="LibreOffice (soffice) not installed: Word rendering of number cells not checked; "
    "apt-get install libreoffice-writer-nogui",
)
@pytest.mark.parametrize("name", sorted(PROFILES))
def test_libreoffice_prints_each_amount_on_one_line(tmp_path: Path, name: str) -> None:
    sources = []
    for index, amount in enumerate(AMOUNTS):
        source = tmp_path / f"{name}-{index}.docx"
        write(_document(name, amount), source)
        sources.append(source)
    profile = f"file://{tmp_path / 'profile'}"  # its own profile: no clash with another soffice
    command = [SOFFICE, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf"]
    subprocess.run(
        [*command, "--outdir", str(tmp_path), *map(str, sources)],
        capture_output=True,
        timeout=240,
        check=True,
    )
    for index, amount in enumerate(AMOUNTS):
        text = poppler("pdftotext", "-raw", tmp_path / f"{name}-{index}.pdf", "-")
        lines = [line.strip() for line in text.splitlines()]
        printed = _printed(amount, name)
        assert sum(line.count(printed) for line in lines) >= 2, (printed, text)
        assert "55853.63" in text and "99.99" in text
