"""The format registry: every format declared once; dialogs, help and errors follow it."""

from __future__ import annotations

import inspect
from pathlib import Path

import pytest

from goaleditor.errors import InputError, RefusalKind
from goaleditor.formats import registry
from goaleditor.formats.registry import (
    FORMATS,
    dialog_filter,
    export_filter,
    format_for,
    read_document,
    write_document,
)
from tests.compare import documents_equal
from tests.helpers import run_cli


def test_open_filter_lists_every_readable_format() -> None:
    assert dialog_filter("open") == (
        "所有支持的文件 (*.goals *.xlsx *.xlsm *.xls *.ods *.docx *.txt *.json *.pdf);;"
        "绩效目标表文档 (*.goals);;Excel工作簿 (*.xlsx);;启用宏的Excel工作簿 (*.xlsm);;"
        "Excel 97-2003工作簿 (*.xls);;"
        "OpenDocument表格 (*.ods);;Word文档 (*.docx);;发布的文本 (*.txt);;JSON (*.json);;"
        "PDF (*.pdf)"
    )


def test_export_filter_lists_every_writable_format() -> None:
    assert dialog_filter("export") == (
        "绩效目标表文档 (*.goals);;Excel工作簿 (*.xlsx);;Word文档 (*.docx);;JSON (*.json);;"
        "PDF (*.pdf)"
    )
    assert export_filter(".PDF") == "PDF (*.pdf)"
    with pytest.raises(ValueError, match=r"\.txt"):
        export_filter(".txt")


@pytest.mark.parametrize("fmt", FORMATS, ids=lambda f: f.extensions[0])
def test_every_reader_and_writer_is_a_function_with_the_declared_arguments(fmt) -> None:
    assert fmt.reader or fmt.writer
    assert all(e.startswith(".") and e == e.lower() for e in fmt.extensions)
    if fmt.reader:
        params = inspect.signature(registry._load(fmt.reader)).parameters
        assert ("warn" in params) is fmt.reader_warns
    if fmt.writer:
        assert list(inspect.signature(registry._load(fmt.writer)).parameters)[:2] == [
            "document",
            "path",
        ]


def test_extensions_are_unique() -> None:
    extensions = [e for f in FORMATS for e in f.extensions]
    assert len(extensions) == len(set(extensions))
    assert format_for(".XLSX") is format_for(".xlsx") is not None
    assert format_for(".doc") is None


@pytest.mark.parametrize("suffix", [".goals", ".xlsx", ".json", ".pdf"])
def test_every_format_that_reads_and_writes_round_trips(
    tmp_path: Path, example_document, suffix: str
) -> None:
    path = tmp_path / f"a{suffix}"
    write_document(example_document, path)
    back = read_document(path)
    if suffix == ".json":  # canonical JSON has no merge_level2 (DESIGN §4)
        back.merge_level2 = example_document.merge_level2
    assert documents_equal(back, example_document)


def test_unknown_extensions_name_the_known_ones(tmp_path: Path, example_document) -> None:
    with pytest.raises(
        InputError,
        match=r"“\.doc”（可读取\.goals、\.xlsx、\.xlsm、\.xls、\.ods、\.docx、\.txt、\.json、\.pdf）",
    ):
        read_document(tmp_path / "a.doc")
    with pytest.raises(
        InputError, match=r"“无扩展名”（可导出 \.goals、\.xlsx、\.docx、\.json、\.pdf）"
    ):
        write_document(example_document, tmp_path / "a")
    with pytest.raises(InputError, match="可导出"):
        write_document(example_document, tmp_path / "a.txt")  # read only


def test_cli_help_names_every_format() -> None:
    """Each command's help lists every format it takes (the overview stays short)."""
    help_text = "".join(  # lines are wrapped
        "".join(run_cli(command, "--help").stdout.split()) for command in ("import", "export")
    )
    readable = "、".join(f"{f.label}({'/'.join(f.extensions)})" for f in FORMATS[1:] if f.reader)
    writable = "、".join(f"{f.label}({'/'.join(f.extensions)})" for f in FORMATS[1:] if f.writer)
    assert "".join(f"把{readable}导入为.goals".split()) in help_text
    assert "Word文档(.docx)" in readable and "PDF(.pdf)" in readable
    assert "".join(f"把文档导出为{writable}".split()) in help_text


def test_a_refusal_has_a_kind_and_stays_one_line(tmp_path: Path) -> None:
    """Code tells refusals apart by kind; an ordinary refusal keeps the general kind."""
    assert InputError("无法读取").kind is RefusalKind.GENERAL
    refusal = InputError("表.pdf：第1页\n表头缺少", RefusalKind.HEADER_MISSING)
    assert refusal.kind is RefusalKind.HEADER_MISSING
    assert str(refusal) == "表.pdf：第1页\\n表头缺少"  # one line, as every refusal
    with pytest.raises(InputError) as caught:
        read_document(tmp_path / "x.doc")
    assert caught.value.kind is RefusalKind.GENERAL
