"""A workbook whose shared-string table holds a million strings is refused at once, in a line."""

from __future__ import annotations

import io
import time
import zipfile
from pathlib import Path

import pytest

from goaleditor.errors import InputError
from goaleditor.formats import read_document
from goaleditor.formats.readers.sheets.shared_strings import MAX_SHARED_STRINGS, count_items

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
_TYPES = "application/vnd.openxmlformats-officedocument.spreadsheetml"
ROWS = [
    ["1.测试项目绩效目标表"],
    ["单位：万元"],
    ["项目名称", "测试项目"],
    ["一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值"],
    ["产出指标", "数量指标", "检查次数", "检查次数", "≥12次"],
]


def _workbook(path: Path, unused: int) -> None:
    """A workbook written by hand: the table's texts as shared strings, then unused ones."""
    used = [text for row in ROWS for text in row]
    rows = "".join(
        f'<row r="{r}">'
        + "".join(
            f'<c r="{"ABCDE"[c]}{r}" t="s"><v>{used.index(text)}</v></c>'
            for c, text in enumerate(row)
        )
        + "</row>"
        for r, row in enumerate(ROWS, 1)
    )
    strings = "".join(f"<si><t>{text}</t></si>" for text in used)
    strings += "<si><t>x</t></si>" * unused
    files = {
        "[Content_Types].xml": (
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType='
            '"application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/xl/workbook.xml" ContentType="{_TYPES}.sheet.main+xml"/>'
            f'<Override PartName="/xl/worksheets/sheet1.xml" '
            f'ContentType="{_TYPES}.worksheet+xml"/>'
            f'<Override PartName="/xl/sharedStrings.xml" '
            f'ContentType="{_TYPES}.sharedStrings+xml"/></Types>'
        ),
        "_rels/.rels": (
            f'<Relationships xmlns="{_PKG}"><Relationship Id="rId1" '
            f'Type="{_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
        ),
        "xl/workbook.xml": (
            f'<workbook xmlns="{_MAIN}" xmlns:r="{_REL}"><sheets>'
            '<sheet name="表1" sheetId="1" r:id="rId1"/></sheets></workbook>'
        ),
        "xl/_rels/workbook.xml.rels": (
            f'<Relationships xmlns="{_PKG}">'
            f'<Relationship Id="rId1" Type="{_REL}/worksheet" Target="worksheets/sheet1.xml"/>'
            f'<Relationship Id="rId2" Type="{_REL}/sharedStrings" Target="sharedStrings.xml"/>'
            "</Relationships>"
        ),
        "xl/worksheets/sheet1.xml": (
            f'<worksheet xmlns="{_MAIN}"><sheetData>{rows}</sheetData></worksheet>'
        ),
        "xl/sharedStrings.xml": f'<sst xmlns="{_MAIN}">{strings}</sst>',
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in files.items():
            archive.writestr(name, text)


def test_the_hand_written_workbook_reads_with_few_strings(tmp_path: Path) -> None:
    path = tmp_path / "few.xlsx"
    _workbook(path, unused=1000)
    table = read_document(path).tables[0]
    assert table.project_name == "测试项目"
    assert [i.name for l1 in table.children for l2 in l1.children for i in l2.children] == [
        "检查次数"
    ]


def test_a_million_unused_shared_strings_are_refused_quickly_in_one_line(tmp_path: Path) -> None:
    path = tmp_path / "million.xlsx"
    _workbook(path, unused=1_000_000)
    start = time.perf_counter()
    with pytest.raises(InputError) as refused:
        read_document(path)
    # reading them all took most of a minute; counting them, under a second: 5 s is a hang guard
    assert time.perf_counter() - start < 5
    message = str(refused.value)
    assert "\n" not in message
    assert f"共享文字有{1_000_000 + 14}条" in message and "已拒绝读取" in message


def test_items_split_between_two_pieces_are_counted_once() -> None:
    data = b"<sst>" + b"<si><t>a</t></si>" * 50 + b"<x:si>b</x:si><si/></sst>"
    for piece in (1, 7, 64, 100, 10_000):
        assert count_items(io.BytesIO(data), piece) == 52
    assert MAX_SHARED_STRINGS < 1_000_000
