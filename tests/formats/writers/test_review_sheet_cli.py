"""`goaleditor export DOC -o OUT --review-sheet [--all-tables]`: 审核表 by command."""

from __future__ import annotations

import re
from pathlib import Path

import pdfplumber
import pytest
from docx import Document as WordDocument

from goaleditor.cli import main
from goaleditor.cli_parser import EXIT_OK, EXIT_USAGE
from goaleditor.formats import write_document
from goaleditor.model.document import Document
from tests.formats.review_sheet_documents import GOAL_OPINION, mark_first_table

TITLE = "2026年度项目支出绩效目标审核表"


@pytest.fixture
def marked(tmp_path: Path, example_document: Document) -> Path:
    """The example with its first table marked, saved as .goals."""
    mark_first_table(example_document)
    path = tmp_path / "marked.goals"
    write_document(example_document, path)
    return path


def pdf_text(path: Path) -> str:
    with pdfplumber.open(path) as document:
        return re.sub(r"\s+", "", "".join(page.extract_text() for page in document.pages))


def test_the_flag_prints_the_marked_tables_sheet(
    tmp_path: Path, marked: Path, example_document: Document, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "review.pdf"
    assert main(["export", str(marked), "-o", str(out), "--review-sheet"]) == EXIT_OK
    text = pdf_text(out)
    assert text.count(TITLE) >= 1 and GOAL_OPINION in text
    assert example_document.tables[0].project_name in text
    assert example_document.tables[1].project_name not in text
    assert "警告" not in capsys.readouterr().err


def test_all_tables_adds_the_blank_forms(tmp_path: Path, marked: Path) -> None:
    out = tmp_path / "all.docx"
    args = ["export", str(marked), "-o", str(out), "--review-sheet", "--all-tables"]
    assert main(args) == EXIT_OK
    titles = [p for p in WordDocument(str(out)).paragraphs if p.text == TITLE]
    assert len(titles) == 6


def test_an_unmarked_document_prints_blank_forms_and_says_so(
    tmp_path: Path, example_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "blank.xlsx"
    assert main(["export", str(example_path), "-o", str(out), "--review-sheet"]) == EXIT_OK
    assert "没有审核标记" in capsys.readouterr().err
    assert out.stat().st_size > 0


def test_without_the_flag_the_goal_tables_print(tmp_path: Path, marked: Path) -> None:
    out = tmp_path / "goals.pdf"
    assert main(["export", str(marked), "-o", str(out)]) == EXIT_OK
    text = pdf_text(out)
    assert TITLE not in text and GOAL_OPINION not in text


@pytest.mark.parametrize("name", ["out.json", "out.goals", "out"])
def test_formats_without_a_printed_form_are_refused_in_one_line(
    tmp_path: Path, marked: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    out = tmp_path / name
    assert main(["export", str(marked), "-o", str(out), "--review-sheet"]) == EXIT_USAGE
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 and "审核表只能导出为 .pdf、.docx、.xlsx" in err
    assert not out.exists()


def test_all_tables_alone_is_refused(
    tmp_path: Path, marked: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out.pdf"
    assert main(["export", str(marked), "-o", str(out), "--all-tables"]) == EXIT_USAGE
    assert "--all-tables 只能与 --review-sheet 同用" in capsys.readouterr().err
    assert not out.exists()


def test_the_help_names_the_flags(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["export", "--help"])
    help_text = capsys.readouterr().out
    assert "--review-sheet" in help_text and "--all-tables" in help_text
