"""The shared guards: every reader refuses an oversized or damaged file in today's one line."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from goaleditor.errors import InputError
from goaleditor.formats import canonical_json, read_document
from goaleditor.formats.readers import guard, published_text
from goaleditor.formats.readers.pdf import reader as pdf_reader
from goaleditor.formats.readers.sheets import xls

MB = 2**20


@pytest.mark.parametrize(
    ("module", "name", "head", "line"),
    [
        (canonical_json, "a.json", b"{}", "a.json：文件过大（1 MB）"),
        (published_text, "a.txt", b"x", "a.txt：文件过大（1 MB），不像是绩效目标表文本"),
        (pdf_reader, "a.pdf", b"%PDF-1.4\n", "a.pdf：文件过大（1 MB），不像是绩效目标表"),
        (xls, "a.xls", guard.OLE_MAGIC, "a.xls：文件过大（1 MB），不像是绩效目标表"),
    ],
)
def test_a_file_over_its_readers_cap_is_refused_in_one_line(
    tmp_path: Path, monkeypatch, module, name: str, head: bytes, line: str
) -> None:
    monkeypatch.setattr(module, "MAX_BYTES", MB)
    path = tmp_path / name
    path.write_bytes(head + b" " * (MB + 1))
    with pytest.raises(InputError) as caught:
        read_document(path)
    assert str(caught.value) == line


@pytest.mark.parametrize(
    ("name", "line"),
    [
        ("a.ods", "a.ods：文件已损坏：不是有效的OpenDocument表格（.ods）"),
        ("a.docx", "a.docx：文件已损坏：不是有效的Word文档（.docx）"),
    ],
)
def test_a_package_that_is_no_zip_is_damaged(tmp_path: Path, name: str, line: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"PK\x03\x04 not really")
    with pytest.raises(InputError) as caught:
        read_document(path)
    assert str(caught.value) == line


@pytest.mark.parametrize(
    ("name", "line"),
    [
        ("a.ods", "a.ods：文件结构异常（10101个部件），已拒绝读取"),
        ("a.docx", "a.docx：文件结构异常（10101个部件），已拒绝读取"),
        ("a.xlsx", "a.xlsx：工作簿结构异常（10101个部件），已拒绝读取"),
    ],
)
def test_a_package_of_too_many_parts_is_refused(tmp_path: Path, name: str, line: str) -> None:
    path = tmp_path / name
    with zipfile.ZipFile(path, "w") as archive:
        for n in range(guard.MAX_MEMBERS + 1):
            archive.writestr(f"p{n}", b"")
    with pytest.raises(InputError) as caught:
        read_document(path)
    assert str(caught.value) == line


def test_the_pdf_deadline_says_pdf_and_no_seconds(monkeypatch) -> None:
    deadline = guard.Deadline("a.pdf", 0.0, "PDF", say_seconds=False)
    deadline.end -= 1
    with pytest.raises(InputError, match=r"^a\.pdf：PDF过于复杂，读取超时，已停止$"):
        deadline.check()
    workbook = guard.Deadline("a.xlsx", 0.0)
    workbook.end -= 1
    with pytest.raises(InputError, match=r"^a\.xlsx：工作簿过于复杂，读取超时（超过0秒），已停止$"):
        workbook.check()


def test_a_file_that_cannot_be_read_says_so(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"^无法读取文件 "):
        guard.read_head(tmp_path / "missing.pdf", 8)
    with pytest.raises(InputError, match=r"^无法读取文件 "):
        guard.read_capped(tmp_path / "missing.txt", MB)
