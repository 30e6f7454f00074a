"""Cells of 100,000 blanks, digits or repeated words are read in linear time by every reader."""

from __future__ import annotations

import re
import time
import zipfile
from collections.abc import Callable
from pathlib import Path
from xml.sax.saxutils import escape

import docx
import pytest
from openpyxl import Workbook

from goaleditor.errors import InputError
from goaleditor.formats import read_document

LONG = 100_000
# Each hostile run, as fuzzing found them: blanks, ideographic spaces, tabs, digits, 万元
# repeats, 、 runs, and blanks between words (no one run long, the cell long).
RUNS = {
    "blanks": " ",
    "ideographic": "\u3000",
    "tabs": "\t",
    "digits": "1",
    "wanyuan": "万元",
    "dunhao": "、",
    "dots": ". ",
    "words": "a ",
}
# A table reads in well under 0.05 s: 5 s is 100 times that, a hang guard, not a benchmark.
BOUND = 5.0


def _long(run: str) -> str:
    return (run * LONG)[:LONG]


def _rows(run: str) -> list[list[str]]:
    """A goal table with the long text wherever a pattern looks: title and unit lines, a
    label-and-value cell, amounts, a value, a description, a footer."""
    h = _long(run)
    return [
        ["1." + h + "绩效目标表"],
        ["单位：" + h + "万元", h],
        ["项目名称", "长格项目" + h],
        ["预算数：" + h + "1x", "其中：财政资金：" + h],
        ["预算数", h + "1x", "资金用途", h + "用途"],
        ["绩效目标", "完成" + h],
        ["一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值"],
        ["产出指标", "数量指标", "检查次数", h, "≥" + h + "次"],
        ["产出指标", "数量指标", "覆盖率", "覆盖率", h + "%以上"],
        ["注：" + h],
    ]


def _xlsx(path: Path, rows: list[list[str]]) -> None:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    book.save(path)


def _ods(path: Path, rows: list[list[str]]) -> None:
    """Hand-written OpenDocument XML: a run of blanks stored as LibreOffice does (a blank and
    <text:s text:c="n"/>), and in the value cells as consecutive <text:s/>, one per blank."""

    def cell(value: str, consecutive: bool) -> str:
        def spaces(run: re.Match[str]) -> str:
            n = len(run.group()) - 1
            return " " + ("<text:s/>" * n if consecutive else f'<text:s text:c="{n}"/>')

        body = re.sub(" {2,}", spaces, escape(value))
        return (
            '<table:table-cell office:value-type="string">'
            f"<text:p>{body}</text:p></table:table-cell>"
        )

    table = "".join(
        "<table:table-row>"
        + "".join(cell(v, c == 4) for c, v in enumerate(row))
        + "</table:table-row>"
        for row in rows
    )
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
        ' xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
        ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
        '<office:body><office:spreadsheet><table:table table:name="表1">'
        f"{table}</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", content)


def _docx(path: Path, rows: list[list[str]]) -> None:
    """Word keeps each tab as an element of its own (w:tab): the long text goes in the three
    cells a table's reading looks at hardest, not in all, so the file stays a few MB."""
    h = _long(next(v for v in rows[2][1:] if v).removeprefix("长格项目")[:1])
    table_rows = [
        ["项目名称", "长格项目" + h],
        ["预算数", "120"],
        ["绩效目标", "完成测试"],
        rows[6],
        ["产出指标", "数量指标", "检查次数", h, "≥" + h + "次"],
    ]
    document = docx.Document()
    document.add_paragraph("1.长格项目绩效目标表")
    document.add_paragraph("单位：万元")
    table = document.add_table(rows=len(table_rows), cols=5)
    for r, row in enumerate(table_rows):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    document.save(path)


def _txt(path: Path, rows: list[list[str]]) -> None:
    """The published plain-text layout: one cell a line, rows split by blank lines."""
    blocks = ["\n".join(row) for row in rows[2:-1]]
    path.write_text("\n".join(rows[0]) + "\n" + "\n\n".join(blocks) + "\n", encoding="utf-8")


WRITERS: dict[str, Callable[[Path, list[list[str]]], None]] = {
    "xlsx": _xlsx,
    "ods": _ods,
    "docx": _docx,
    "txt": _txt,
}


@pytest.mark.parametrize("suffix", sorted(WRITERS))
@pytest.mark.parametrize("kind", sorted(RUNS))
def test_a_table_of_100000_character_cells_reads_in_linear_time(
    tmp_path: Path, suffix: str, kind: str
) -> None:
    path = tmp_path / f"long-{kind}.{suffix}"
    WRITERS[suffix](path, _rows(RUNS[kind]))
    start = time.process_time()  # CPU: a busy machine slows the wall clock, not the work
    try:
        document = read_document(path)
    except InputError as refused:  # a plain refusal is an answer too, if it is quick
        assert "\n" not in str(refused)
    else:
        assert document.tables
    assert time.process_time() - start < BOUND, f"{suffix} {kind}"
