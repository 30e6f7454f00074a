"""Every file format, declared once: extensions, label, reader and writer (loaded on first use).

Reading picks the reader by the file's content where it disagrees with the extension
(see readers/content.py); writing goes through the one writer signature (formats/exporting.py).
"""

from __future__ import annotations

import importlib
import os
import stat
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from goaleditor.errors import InputError, io_failure
from goaleditor.formats.exporting import ExportOptions, ExportWarn, Progress, Writer
from goaleditor.formats.notes import ImportNote, Warn, reading_order

if TYPE_CHECKING:  # the model loads with the first reader or writer: --help needs neither
    from goaleditor.model.document import Document


@dataclass(frozen=True, slots=True)
class Export:
    """How the editor's 导出 menu offers a writable format."""

    name: str  # 导出PDF, the progress dialog's 正在生成PDF…
    key: str  # the menu entry's access key
    tip: str  # the status bar's line
    shortcut: str = ""  # the one entry with a shortcut leads the menu
    progress: bool = True  # written behind a progress dialog that can cancel it


@dataclass(frozen=True, slots=True)
class Format:
    """One file format; reader and writer are "module:function", imported when first used.

    A reader is called as reader(path), or reader(path, warn) when reader_warns; a writer
    as a formats.exporting.Writer, atomically. Formats of one kind are read by their
    content whatever the extension says (a renamed workbook).
    """

    label: str
    extensions: tuple[str, ...]
    reader: str | None = None
    writer: str | None = None
    reader_warns: bool = False
    kind: str = ""
    export: Export | None = None


NATIVE = Format(
    "绩效目标表文档",
    (".goals",),
    reader="goaleditor.model.store:load_document",
    writer="goaleditor.formats.writers.native:write",
    reader_warns=True,
)
_WORKBOOK = "workbook"
_BINARY = (".xlsx", ".xls", ".ods", ".docx", ".pdf", ".goals")  # never plain text
# In the order the open and export dialogs list them.
FORMATS: tuple[Format, ...] = (
    NATIVE,
    Format(
        "Excel工作簿",
        (".xlsx",),
        reader="goaleditor.formats.readers.sheets.xlsx:read",
        writer="goaleditor.formats.writers.excel:write",
        reader_warns=True,
        kind=_WORKBOOK,
        export=Export("Excel", "X", "导出官方版式的Excel工作簿"),
    ),
    # Read only: Excel refuses an .xlsm without the macro-enabled content type.
    Format(
        "启用宏的Excel工作簿",
        (".xlsm",),
        reader="goaleditor.formats.readers.sheets.xlsx:read",
        reader_warns=True,
        kind=_WORKBOOK,
    ),
    Format(
        "Excel 97-2003工作簿",
        (".xls",),
        reader="goaleditor.formats.readers.sheets.xls:read",
        reader_warns=True,
        kind=_WORKBOOK,
    ),
    Format(
        "OpenDocument表格",
        (".ods",),
        reader="goaleditor.formats.readers.sheets.ods:read",
        reader_warns=True,
        kind=_WORKBOOK,
    ),
    Format(
        "Word文档",
        (".docx",),
        reader="goaleditor.formats.readers.word.reader:read",
        writer="goaleditor.formats.writers.word:write",
        reader_warns=True,
        export=Export("Word", "W", "导出官方版式的Word文档"),
    ),
    Format(
        "发布的文本",
        (".txt",),
        reader="goaleditor.formats.readers.published_text:read",
        reader_warns=True,
    ),
    Format(
        "JSON",
        (".json",),
        reader="goaleditor.formats.canonical_json:read",
        writer="goaleditor.formats.canonical_json:write",
        export=Export("JSON", "J", "导出规范JSON", progress=False),
    ),
    Format(
        "PDF",
        (".pdf",),
        reader="goaleditor.formats.readers.pdf.reader:read",
        writer="goaleditor.formats.writers.pdf:write",
        reader_warns=True,
        export=Export("PDF", "P", "导出可打印的PDF", shortcut="Ctrl+E"),
    ),
)
READABLE: tuple[Format, ...] = tuple(f for f in FORMATS if f.reader)
WRITABLE: tuple[Format, ...] = tuple(f for f in FORMATS if f.writer)
IMPORT_EXTENSIONS: tuple[str, ...] = tuple(e for f in READABLE for e in f.extensions)
EXPORT_EXTENSIONS: tuple[str, ...] = tuple(e for f in WRITABLE for e in f.extensions)
# The 导出 menu (the native format is saved with 另存为): the one with a shortcut first.
EXPORT_MENU: tuple[Format, ...] = tuple(
    sorted((f for f in WRITABLE if f.export), key=lambda f: not (f.export and f.export.shortcut))
)


def modules() -> tuple[str, ...]:
    """Every reader and writer module, as loaded by name at run time (packaging needs them)."""
    specs = (spec for f in FORMATS for spec in (f.reader, f.writer) if spec)
    return tuple(dict.fromkeys(spec.partition(":")[0] for spec in specs))


def format_for(extension: str) -> Format | None:
    """The format a file extension (".xlsx", any case) belongs to."""
    extension = extension.lower()
    return next((f for f in FORMATS if extension in f.extensions), None)


def _patterns(formats: tuple[Format, ...]) -> str:
    return " ".join(f"*{e}" for f in formats for e in f.extensions)


def _filter_entry(fmt: Format) -> str:
    return f"{fmt.label} ({_patterns((fmt,))})"


def dialog_filter(purpose: Literal["open", "export"]) -> str:
    """A Qt file-dialog filter: every readable (open) or writable (export) format."""
    if purpose == "open":
        entries = [f"所有支持的文件 ({_patterns(READABLE)})", *map(_filter_entry, READABLE)]
    else:
        entries = [_filter_entry(f) for f in WRITABLE]
    return ";;".join(entries)


def export_filter(extension: str) -> str:
    """A Qt file-dialog filter for one writable format, e.g. "Excel工作簿 (*.xlsx)"."""
    fmt = format_for(extension)
    if fmt is None or fmt.writer is None:
        raise ValueError(f"no writer for {extension!r}")
    return _filter_entry(fmt)


def describe(formats: tuple[Format, ...]) -> str:
    """Formats for help texts and messages, native one left out: "Excel工作簿(.xlsx)、…"."""
    return "、".join(f"{f.label}({'/'.join(f.extensions)})" for f in formats if f is not NATIVE)


def _load(spec: str) -> Callable[..., Any]:
    module, _, name = spec.partition(":")
    function: Callable[..., Any] = getattr(importlib.import_module(module), name)
    return function


# Old or vendor formats an office program saves again as one we read.
_SAVE_AS = {".doc": "Word文档（.docx）", ".wps": "Word文档（.docx）", ".rtf": "Word文档（.docx）"}


def _kind(suffix: str) -> str:
    return f"“{suffix or '无扩展名'}”"


def _reader_by_content(path: Path, named: Format) -> tuple[Format, Callable[..., Any]]:
    """The format and reader for what the file holds: a workbook named as another kind of
    workbook is read as what it is, saying so first; a file of another kind is refused."""
    from goaleditor.formats.readers.content import (
        WEB_PAGE_WORKBOOK,
        content_extension,
        is_web_page,
        looks_like_text,
    )

    assert named.reader is not None
    content = format_for(content_extension(path) or "")
    if content is None and named.kind == _WORKBOOK and is_web_page(path):
        raise InputError(f"{path.name}：{WEB_PAGE_WORKBOOK}")
    if content is None and named.extensions[0] in _BINARY and looks_like_text(path):
        raise InputError(
            f"{path.name}：这是纯文本文件，不是{_plain(named)}；"
            "如是公开发布的绩效目标表文字，请把扩展名改为.txt后再导入"
        )
    if content is None or content.reader is None or content.reader == named.reader:
        return named, _load(named.reader)
    suffix, what = path.suffix.lower(), content.extensions[0]
    if not (named.kind and content.kind == named.kind):
        raise InputError(
            f"{path.name}：这是{content.label}（{what}），不是{_plain(named)}，"
            f"请把扩展名改为{what}后再导入"
        )
    read_content = _load(content.reader)

    def read_disguised(path: Path, warn: Warn) -> Document:
        renamed = f"文件扩展名是{suffix}，内容却是{_note_name(content)}（{what}），已按{what}读取"
        warn(ImportNote(f"{path.name}：{renamed}"))
        document: Document = read_content(path, warn)
        return document

    return content, read_disguised


def _plain(fmt: Format) -> str:
    """A format's name in a refusal: any Excel workbook is an Excel工作簿 there."""
    return "Excel工作簿" if "Excel" in fmt.label else fmt.label


def _note_name(fmt: Format) -> str:
    """A format's name in the note on a renamed workbook, as the clerk knows it."""
    return "旧版Excel工作簿" if fmt.extensions == (".xls",) else fmt.label


def check_readable(path: str | os.PathLike[str]) -> Format:
    """The format to read path with, once the file is known to be one we can read: InputError
    for an unknown kind, a missing file, a folder, or no regular file (a pipe or a device,
    whose reading would block for ever). Only stats the file, never opens it."""
    path = Path(path)
    fmt = format_for(path.suffix)
    if fmt is None or fmt.reader is None:
        known = "、".join(IMPORT_EXTENSIONS)
        hint = _SAVE_AS.get(path.suffix.lower(), "")
        if hint:
            hint = f"；请在Word或WPS中把它“另存为”{hint}后再打开"
        raise InputError(
            f"{path.name}：不认识的文件类型{_kind(path.suffix)}（可读取{known}）{hint}"
        )
    try:
        status = os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        raise InputError(f"找不到文件：{path}") from None
    except OSError as exc:
        raise InputError(io_failure(exc, reading=True)) from None
    if stat.S_ISDIR(status.st_mode):
        raise InputError(f"这是一个文件夹，不是文档：{path}")
    if not stat.S_ISREG(status.st_mode):
        raise InputError(f"{path.name}：这不是普通文件（管道或设备），无法读取")
    if status.st_size == 0:
        raise InputError(f"{path.name}：文件是空的（0字节），没有可读取的内容")
    return fmt


def read_document(path: str | os.PathLike[str], warn: Warn | None = None) -> Document:
    """Read any readable format (see FORMATS) by the file's extension, or by its content
    where that is another kind of workbook.

    warn receives one note for each guess or skip, in reading order, once the file is read.
    """
    path = Path(path)
    fmt, reader = _reader_by_content(path, check_readable(path))
    notes: list[ImportNote] = []

    def collect(note: ImportNote | str) -> None:  # the store (no formats import) says lines
        notes.append(note if isinstance(note, ImportNote) else ImportNote(note))

    document: Document = reader(path, collect) if fmt.reader_warns else reader(path)
    if fmt is not NATIVE:  # the store checks its files before reading them
        from goaleditor.model.limits import check_document

        check_document(document, path.name)  # nothing beyond the caps opens
    if warn is not None:
        for note in reading_order(notes):
            warn(note)
    return document


def write_document(
    document: Document,
    path: str | os.PathLike[str],
    *,
    progress: Progress | None = None,
    warn: ExportWarn | None = None,
    options: ExportOptions | None = None,
    as_format: Format | None = None,
) -> None:
    """Write the document to path atomically, in the writable format of its extension (or
    as_format, whatever the name the clerk typed ends in).

    progress may cancel it (ExportCancelled); warn hears what the format cannot show.
    """
    path = Path(path)
    fmt = as_format or format_for(path.suffix)
    if fmt is None or fmt.writer is None:
        known = "、".join(EXPORT_EXTENSIONS)
        raise InputError(f"{path.name}：不能导出为{_kind(path.suffix)}（可导出 {known}）")
    writer: Writer = _load(fmt.writer)
    writer(document, path, options=options, progress=progress, warn=warn)
