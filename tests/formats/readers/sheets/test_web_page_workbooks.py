"""A web page saved under a workbook's name is refused with what to do, not called damaged."""

from __future__ import annotations

from pathlib import Path

import pytest

from goaleditor.errors import InputError
from goaleditor.formats.readers.content import is_web_page
from goaleditor.formats.readers.sheets import xls
from goaleditor.formats.registry import read_document

ADVICE = "这是网页格式的表格，请在Excel或WPS中另存为.xlsx后再导入"
TABLE = "<table><tr><td>项目名称</td><td>运维</td></tr><tr><td>一级指标</td></tr></table>"
# What web systems export as 下载Excel: a page that asks to be opened by Excel.
PAGES = {
    "system-export": (
        '<meta http-equiv="Content-Type" content="application/vnd.ms-excel; charset=gb2312">'
        + TABLE
    ).encode("gbk"),
    "excel-web-page": (
        "\ufeff<html xmlns:o='urn:schemas-microsoft-com:office:office'>\r\n<head></head>"
        f"<body>{TABLE}</body></html>"
    ).encode(),
    "doctype-after-comment": f"  <!-- report -->\n<!DOCTYPE html>\n<html>{TABLE}</html>".encode(),
    "bare-table": TABLE.encode(),
    "utf16": f"<html><body>{TABLE}</body></html>".encode("utf-16"),
    "single-file-page": b"MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=x\r\n",
}


@pytest.mark.parametrize("name", sorted(PAGES))
@pytest.mark.parametrize("suffix", [".xls", ".xlsx", ".ods"])
def test_web_page_named_as_workbook_says_save_as_xlsx(
    tmp_path: Path, name: str, suffix: str
) -> None:
    path = tmp_path / f"{name}{suffix}"
    path.write_bytes(PAGES[name])
    with pytest.raises(InputError) as refused:
        read_document(path)
    assert str(refused.value) == f"{path.name}：{ADVICE}"
    assert "损坏" not in str(refused.value)


def test_xls_reader_called_directly_says_the_same(tmp_path: Path) -> None:
    path = tmp_path / "导出.xls"
    path.write_bytes(PAGES["system-export"])
    with pytest.raises(InputError, match=f"^导出.xls：{ADVICE}$"):
        xls.read(path)


@pytest.mark.parametrize(
    ("content", "said"),
    [
        (b"", "文件是空的"),
        (b"\x00\x01garbage", "文件已损坏"),
        (b"project,name\n1,2\n", "这是纯文本文件"),
        ("项目名称\t运维\n<table>".encode(), "这是纯文本文件"),
    ],
)
def test_other_bytes_are_no_web_page(tmp_path: Path, content: bytes, said: str) -> None:
    path = tmp_path / "x.xls"
    path.write_bytes(content)
    assert not is_web_page(path)
    with pytest.raises(InputError, match=said) as refused:
        read_document(path)
    assert ADVICE not in str(refused.value)


def test_a_missing_file_is_no_web_page(tmp_path: Path) -> None:
    assert not is_web_page(tmp_path / "absent.xls")
