"""A bureau's folder for the batch tests: documents made by several programs, and damaged and
hostile files among them (each expected to be one line, never lost)."""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest

from goaleditor.formats.readers.published_text import read
from goaleditor.formats.registry import write_document
from tests.conftest import EXAMPLE
from tests.reading.hostile import double_deflate_pdf

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
# Made by other programs: LibreOffice (.xls, .ods, Writer's PDF), python-docx, XlsxWriter.
OTHER_PROGRAMS = (
    "example-libreoffice.xls",
    "example-libreoffice.ods",
    "example-libreoffice-writer.pdf",
    "word-continued.docx",
    "typed-forms.xlsx",
    "self_evaluation/central-clerk.xlsx",
)
BOMB_BYTES = 101 * 2**20  # one byte a MB past the member cap (sources.MAX_MEMBER_BYTES)


@pytest.fixture(scope="session")
def documents(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Readable documents only: our writers' PDF, Word, Excel and .goals, an openpyxl-saved
    workbook, other programs' files, a zip of two, a folder inside."""
    folder = tmp_path_factory.mktemp("documents")
    document = read(EXAMPLE)
    for suffix in (".pdf", ".docx", ".xlsx", ".goals"):
        write_document(document, folder / f"滨海{suffix}")
    book = openpyxl.load_workbook(folder / "滨海.xlsx")
    book.save(folder / "滨海-openpyxl.xlsx")  # a workbook as openpyxl writes it
    inner = folder / "各单位"
    inner.mkdir()
    for name in OTHER_PROGRAMS:
        shutil.copy(FIXTURES / name, inner / Path(name).name)
    with zipfile.ZipFile(folder / "报送.zip", "w", zipfile.ZIP_DEFLATED) as archive:
        archive.write(FIXTURES / "typed-sichuan.xlsx", "四川/typed-sichuan.xlsx")
        archive.write(FIXTURES / "self_evaluation/sichuan-clerk.xlsx", "sichuan-clerk.xlsx")
    (folder / "说明.md").write_text("不是文档", encoding="utf-8")  # passed over, and said
    return folder


# The damaged and hostile files hostile_files makes: each name and a word its line must hold.
HOSTILE = {
    "截断.xlsx": "损坏",
    "不是表格.xlsx": "不是Excel工作簿",
    "空的.docx": "空的",
    "解压崩溃.pdf": "异常退出",
    "炸弹.zip/炸弹.xlsx": "压缩炸弹",
    "炸弹.zip/套娃.zip": "压缩包中的压缩包",
    "坏压缩包.zip": "压缩包无法打开",
}


def hostile_files(folder: Path) -> None:
    """Make the damaged and hostile files of HOSTILE in folder."""
    good = (FIXTURES / "typed-forms.xlsx").read_bytes()
    (folder / "截断.xlsx").write_bytes(good[: len(good) // 3])
    (folder / "不是表格.xlsx").write_bytes(b"just some words, no workbook at all\n" * 20)
    (folder / "空的.docx").write_bytes(b"")
    double_deflate_pdf(folder / "解压崩溃.pdf")
    with zipfile.ZipFile(folder / "炸弹.zip", "w", zipfile.ZIP_DEFLATED) as archive:
        with archive.open("炸弹.xlsx", "w", force_zip64=True) as member:
            chunk = b"\0" * 2**20
            for _ in range(BOMB_BYTES // len(chunk)):
                member.write(chunk)
        archive.writestr("套娃.zip", _zip_of({"a.xlsx": good}))
        archive.writestr("../../越界.xlsx", good)  # read from a temporary file, never there
    (folder / "坏压缩包.zip").write_bytes(b"PK\x03\x04 not really an archive")


def _zip_of(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


@pytest.fixture(scope="session")
def bureau_folder(documents: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The documents and, beside them, the damaged and hostile files of HOSTILE."""
    folder = tmp_path_factory.mktemp("bureau")
    shutil.copytree(documents, folder, dirs_exist_ok=True)
    hostile_files(folder)
    return folder


def expected_names(folder: Path) -> set[str]:
    """Every file a batch of folder must report: readable kinds, and each zip member that is
    a document, a nested zip, or a damaged zip itself."""
    names = set()
    for path in folder.rglob("*"):
        if path.suffix == ".zip":
            try:
                with zipfile.ZipFile(path) as archive:
                    names |= {f"{path}/{m.filename.lstrip('/')}" for m in archive.infolist()}
            except zipfile.BadZipFile:
                names.add(str(path))
        elif path.is_file() and path.suffix != ".md":
            names.add(str(path))
    return names
