"""A reviewer's marks survive save and open, `goaleditor check` says them, and the goal
table's exports (PDF, Excel, Word) are the same with or without them."""

from __future__ import annotations

from pathlib import Path

import docx
import openpyxl
import pypdfium2 as pdfium
import pytest

from goaleditor.formats import write_document
from goaleditor.model.document import Document
from goaleditor.model.fields import REVIEW_HEADER_FIELDS, REVIEW_INDICATOR_FIELDS
from goaleditor.model.store import load_document, save_document
from tests.helpers import run_cli
from tests.review.marking import mark, rows_of

ROOT = Path(__file__).resolve().parents[2]


def _marks(document: Document) -> list[str]:
    """Every reviewer's mark of the document, table by table."""
    found = []
    for table in document.tables:
        found += [getattr(table, name) for name in REVIEW_HEADER_FIELDS]
        for _, _, indicator in table.indicator_rows():
            found += [getattr(indicator, name) for name in REVIEW_INDICATOR_FIELDS]
    return found


def test_marks_survive_save_and_open(tmp_path: Path, example_document) -> None:
    mark(example_document)
    path = tmp_path / "reviewed.goals"
    save_document(example_document, path)
    again = load_document(path)
    assert _marks(again) == _marks(example_document)
    assert rows_of(again)[0].review_opinion == "指标值应量化"
    assert again.tables[0].review_todo == "补充数量指标\n量化效益指标"


def test_check_prints_the_reviewers_marks_and_fails(tmp_path: Path, example_document) -> None:
    clean = tmp_path / "clean.goals"
    save_document(example_document, clean)
    assert run_cli("check", clean, cwd=ROOT).returncode == 0
    mark(example_document)
    reviewed = tmp_path / "reviewed.goals"
    save_document(example_document, reviewed)
    result = run_cli("check", reviewed, cwd=ROOT)
    assert result.returncode == 1, result.stderr
    lines = result.stdout.splitlines()
    assert lines == [
        "错误\t表1\t表头\treview.table-failed\t审核结果为不通过：补充数量指标；量化效益指标",
        "错误\t表1\t第1行\treview.failed\t审核不通过：指标值应量化",
        "错误\t表1\t第3行\treview.failed\t审核不通过（未填写意见）",
        "警告\t表2\t表头\treview.to-complete\t审核结果为修改完善后通过，需补充完善：补充时效指标",
    ]
    strict = tmp_path / "strict.xlsx"  # the marks print nowhere in it: no reason to refuse
    exported = run_cli("export", reviewed, "-o", strict, "--strict", cwd=ROOT)
    assert exported.returncode == 0 and exported.stderr == "" and strict.exists()


def _xlsx_cells(path: Path) -> list[tuple[str, str, object]]:
    book = openpyxl.load_workbook(path)
    return [
        (sheet.title, cell.coordinate, cell.value)
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.value is not None
    ]


def _pdf_text(path: Path) -> list[str]:
    pdf = pdfium.PdfDocument(path)
    return [page.get_textpage().get_text_range() for page in pdf]


def _docx_text(path: Path) -> list[str]:
    document = docx.Document(str(path))
    texts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        texts += [cell.text for row in table.rows for cell in row.cells]
    return texts


@pytest.mark.parametrize(
    ("suffix", "read"), [(".xlsx", _xlsx_cells), (".pdf", _pdf_text), (".docx", _docx_text)]
)
def test_the_goal_tables_export_the_same_with_marks(
    tmp_path: Path, example_document, suffix: str, read
) -> None:
    before, after = tmp_path / f"before{suffix}", tmp_path / f"after{suffix}"
    write_document(example_document, before)
    mark(example_document)
    write_document(example_document, after)
    printed = read(before)
    assert printed and read(after) == printed
    text = "".join(map(str, printed))
    for said in ("指标值应量化", "总体目标与年度目标混同", "补充时效指标", "修改完善后通过"):
        assert said not in text
