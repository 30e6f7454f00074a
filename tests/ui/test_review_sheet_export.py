"""文件 → 导出 → 绩效目标审核表…: which tables, which format, and the file written."""

from __future__ import annotations

import re
from pathlib import Path

import pdfplumber
from docx import Document as WordDocument

from tests.formats.review_sheet_documents import GOAL_OPINION, mark_first_table
from tests.helpers import answer

TITLE = "2026年度项目支出绩效目标审核表"


def pdf_text(path: Path) -> str:
    with pdfplumber.open(path) as document:
        return re.sub(r"\s+", "", "".join(page.extract_text() for page in document.pages))


def test_the_entry_is_in_the_export_menu(window) -> None:
    action = window.action.export_review_sheet
    file_top = window.menuBar().actions()[0]
    assert file_top.text() == "文件(&F)"
    export = next(a for a in file_top.menu().actions() if a.text() == "导出(&E)")
    assert action in export.menu().actions()
    assert action.text() == "绩效目标审核表(&R)…"


def test_the_marked_tables_only_when_the_clerk_says_so(window, tmp_path: Path) -> None:
    mark_first_table(window.document)
    target = tmp_path / "审核表.pdf"
    offered: list[tuple[str, str]] = []

    def save_name(title: str, start: Path, kind: str) -> Path:
        offered.append((start.name, kind))
        return target

    window.prompts.save_name = save_name
    asked = answer(window, "仅已审核的1张表", "关闭")
    window.action.export_review_sheet.trigger()
    assert "6张表中有1张有审核标记" in asked[0]
    assert "已导出" in asked[1]
    start, kinds = offered[0]
    assert start.endswith("_绩效目标审核表.pdf")
    assert "*.pdf" in kinds and "*.docx" in kinds and "*.xlsx" in kinds
    text = pdf_text(target)
    assert GOAL_OPINION in text
    assert window.document.tables[0].project_name in text
    assert window.document.tables[1].project_name not in text


def test_all_tables_as_word(window, tmp_path: Path) -> None:
    mark_first_table(window.document)
    target = tmp_path / "审核表.docx"
    window.prompts.save_name = lambda title, start, kind: target
    answer(window, "全部6张表", "关闭")
    window.action.export_review_sheet.trigger()
    titles = [p for p in WordDocument(str(target)).paragraphs if p.text == TITLE]
    assert len(titles) == 6


def test_cancel_writes_nothing(window, tmp_path: Path) -> None:
    mark_first_table(window.document)
    target = tmp_path / "审核表.pdf"
    chosen: list[Path] = []
    window.prompts.save_name = lambda title, start, kind: chosen.append(start) or target
    answer(window, "取消")
    window.action.export_review_sheet.trigger()
    assert not chosen and not target.exists()


def test_an_unmarked_document_gives_blank_forms_without_asking_which(
    window, tmp_path: Path
) -> None:
    typed = tmp_path / "空白审核表"  # no extension typed: a PDF
    window.prompts.save_name = lambda title, start, kind: typed
    asked = answer(window, "关闭")
    window.action.export_review_sheet.trigger()
    assert len(asked) == 1 and "已导出" in asked[0]
    written = tmp_path / "空白审核表.pdf"
    assert pdf_text(written).count(TITLE) >= 6
