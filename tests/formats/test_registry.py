"""The format registry: every format declared once; dialogs, help and errors follow it."""

from __future__ import annotations

import inspect
from pathlib import Path

import pytest

from goaleditor.errors import InputError, RefusalKind
from goaleditor.formats import registry
from goaleditor.formats.exporting import ExportCancelled
from goaleditor.formats.registry import (
    EXPORT_EXTENSIONS,
    EXPORT_MENU,
    FORMATS,
    NATIVE,
    dialog_filter,
    export_filter,
    format_for,
    read_document,
    write_document,
)
from tests.compare import documents_equal
from tests.helpers import note_lines, run_cli

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


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
        params = inspect.signature(registry._load(fmt.writer)).parameters
        assert list(params)[:2] == ["document", "path"]
        # The one writer signature (formats/exporting.py Writer): keywords, all optional.
        keywords = {n: p for n, p in params.items() if p.kind is inspect.Parameter.KEYWORD_ONLY}
        assert set(keywords) == {"options", "progress", "warn"} and len(params) == 5
        assert all(p.default is None for p in keywords.values())


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


def test_cli_output_help_names_every_writable_extension() -> None:
    """export -o names every extension it writes, .goals too; import -o the native one."""
    export_help = "".join(run_cli("export", "--help").stdout.split())
    assert f"输出文件（{''.join(EXPORT_EXTENSIONS)}）" in export_help
    assert ".goals" in EXPORT_EXTENSIONS
    names = [f.export.name for f in EXPORT_MENU if f.export]
    overview = "".join(run_cli("--help").stdout.split())
    assert f"导出为{'、'.join(names[:-1])}或{names[-1]}" in overview


def test_export_menu_is_every_writable_format_but_the_native_one() -> None:
    assert [f.extensions[0] for f in EXPORT_MENU] == [".pdf", ".xlsx", ".docx", ".json"]
    assert set(EXPORT_MENU) == {f for f in FORMATS if f.writer} - {NATIVE}
    entries = [f.export for f in EXPORT_MENU if f.export]
    assert len({e.key for e in entries}) == len(entries)  # access keys unique in the menu
    assert [e.shortcut for e in entries] == ["Ctrl+E", "", "", ""]


def test_write_document_passes_progress_and_options(tmp_path: Path, example_document) -> None:
    from goaleditor.formats import ExportOptions

    seen: list[int] = []

    def progress(done: int, total: int) -> bool:
        seen.append(done)
        return done < 2

    with pytest.raises(ExportCancelled):
        write_document(example_document, tmp_path / "a.docx", progress=progress)
    assert seen[-1] == 2 and not (tmp_path / "a.docx").exists()
    options = ExportOptions(toc=False, page_numbers=False)
    warnings: list[str] = []
    write_document(example_document, tmp_path / "b.pdf", options=options, warn=warnings.append)
    assert (tmp_path / "b.pdf").read_bytes().startswith(b"%PDF-") and warnings == []


def test_write_document_in_a_chosen_format_whatever_the_name(
    tmp_path: Path, example_document
) -> None:
    path = tmp_path / "没有扩展名"
    write_document(example_document, path, as_format=format_for(".pdf"))
    assert path.read_bytes().startswith(b"%PDF-")


def test_a_workbook_under_another_workbook_name_is_read_by_content(
    tmp_path: Path, example_document
) -> None:
    xlsx = tmp_path / "a.xlsx"
    write_document(example_document, xlsx)
    renamed = xlsx.rename(tmp_path / "表.xls")
    notes: list[str] = []
    back = read_document(renamed, note_lines(notes))
    assert notes[0] == "表.xls：文件扩展名是.xls，内容却是Excel工作簿（.xlsx），已按.xlsx读取"
    assert documents_equal(back, example_document)
    ods = tmp_path / "表.xlsx"
    ods.write_bytes((FIXTURES / "example-libreoffice.ods").read_bytes())
    notes.clear()
    assert read_document(ods, note_lines(notes)).tables
    assert notes[0] == "表.xlsx：文件扩展名是.xlsx，内容却是OpenDocument表格（.ods），已按.ods读取"


@pytest.mark.parametrize(
    ("written", "named", "line"),
    [
        (
            ".goals",
            "表.pdf",
            "表.pdf：这是绩效目标表文档（.goals），不是PDF，请把扩展名改为.goals后再导入",
        ),
        (".pdf", "表.docx", "表.docx：这是PDF（.pdf），不是Word文档，请把扩展名改为.pdf后再导入"),
        (
            ".docx",
            "表.xls",
            "表.xls：这是Word文档（.docx），不是Excel工作簿，请把扩展名改为.docx后再导入",
        ),
    ],
)
def test_another_kind_of_file_is_refused_naming_what_it_is(
    tmp_path: Path, example_document, written: str, named: str, line: str
) -> None:
    source = tmp_path / f"a{written}"
    write_document(example_document, source)
    with pytest.raises(InputError) as caught:
        read_document(source.rename(tmp_path / named))
    assert str(caught.value) == line


@pytest.mark.parametrize(
    "suffix", [".xlsx", ".xls", ".ods", ".docx", ".pdf", ".goals", ".json", ".txt"]
)
def test_an_empty_file_is_said_to_be_empty(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"空{suffix}"
    path.write_bytes(b"")
    with pytest.raises(InputError) as refused:
        read_document(path)
    assert str(refused.value) == f"空{suffix}：文件是空的（0字节），没有可读取的内容"


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030", "utf-8-sig"])
@pytest.mark.parametrize("suffix", [".xlsx", ".xls", ".docx", ".pdf"])
def test_plain_text_under_a_binary_name_is_said_to_be_text(
    tmp_path: Path, suffix: str, encoding: str
) -> None:
    path = tmp_path / f"目标表{suffix}"
    path.write_bytes("项目名称\t某某项目\n预算数\t120\n".encode(encoding))
    with pytest.raises(InputError) as refused:
        read_document(path)
    assert "这是纯文本文件" in str(refused.value) and "改为.txt" in str(refused.value)


def test_random_bytes_under_a_workbook_name_are_still_damaged_not_text(tmp_path: Path) -> None:
    path = tmp_path / "坏.xlsx"
    path.write_bytes(bytes(range(256)) * 8)
    with pytest.raises(InputError) as refused:
        read_document(path)
    assert "纯文本" not in str(refused.value)
