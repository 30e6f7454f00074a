"""Every file format, declared once: extensions, label, reader and writer (loaded on first use)."""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from goaleditor.errors import InputError
from goaleditor.formats.notes import ImportNote, Warn, reading_order
from goaleditor.model.document import Document
from goaleditor.model.limits import check_document


@dataclass(frozen=True, slots=True)
class Format:
    """One file format; reader and writer are "module:function", imported when first used.

    A reader is called as reader(path), or reader(path, warn) when reader_warns; a writer
    as writer(document, path), atomically.
    """

    label: str
    extensions: tuple[str, ...]
    reader: str | None = None
    writer: str | None = None
    reader_warns: bool = False


NATIVE = Format(
    "绩效目标表文档",
    (".goals",),
    reader="goaleditor.model.store:load_document",
    writer="goaleditor.model.store:save_document",
    reader_warns=True,
)
# In the order the open and export dialogs list them.
FORMATS: tuple[Format, ...] = (
    NATIVE,
    Format(
        "Excel工作簿",
        (".xlsx",),
        reader="goaleditor.formats.readers.sheets.xlsx:read",
        writer="goaleditor.formats.writers.excel:write",
        reader_warns=True,
    ),
    # Read only: Excel refuses an .xlsm without the macro-enabled content type.
    Format(
        "启用宏的Excel工作簿",
        (".xlsm",),
        reader="goaleditor.formats.readers.sheets.xlsx:read",
        reader_warns=True,
    ),
    Format(
        "Excel 97-2003工作簿",
        (".xls",),
        reader="goaleditor.formats.readers.sheets.xls:read",
        reader_warns=True,
    ),
    Format(
        "OpenDocument表格",
        (".ods",),
        reader="goaleditor.formats.readers.sheets.ods:read",
        reader_warns=True,
    ),
    Format(
        "Word文档",
        (".docx",),
        reader="goaleditor.formats.readers.word.reader:read",
        writer="goaleditor.formats.writers.word:write",
        reader_warns=True,
    ),
    Format("发布的文本", (".txt",), reader="goaleditor.formats.readers.published_text:read"),
    Format(
        "JSON",
        (".json",),
        reader="goaleditor.formats.canonical_json:read",
        writer="goaleditor.formats.canonical_json:write",
    ),
    Format(
        "PDF",
        (".pdf",),
        reader="goaleditor.formats.readers.pdf.reader:read",
        writer="goaleditor.formats.writers.pdf:write",
        reader_warns=True,
    ),
)
READABLE: tuple[Format, ...] = tuple(f for f in FORMATS if f.reader)
WRITABLE: tuple[Format, ...] = tuple(f for f in FORMATS if f.writer)
IMPORT_EXTENSIONS: tuple[str, ...] = tuple(e for f in READABLE for e in f.extensions)
EXPORT_EXTENSIONS: tuple[str, ...] = tuple(e for f in WRITABLE for e in f.extensions)


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


def read_document(path: str | os.PathLike[str], warn: Warn | None = None) -> Document:
    """Read any readable format (see FORMATS) by the file's extension.

    warn receives one note for each guess or skip, in reading order, once the file is read.
    """
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
    if not path.exists():
        raise InputError(f"找不到文件：{path}")
    if path.is_dir():
        raise InputError(f"这是一个文件夹，不是文档：{path}")
    reader = _load(fmt.reader)
    notes: list[ImportNote] = []

    def collect(note: ImportNote | str) -> None:  # the store (no formats import) says lines
        notes.append(note if isinstance(note, ImportNote) else ImportNote(note))

    document: Document = reader(path, collect) if fmt.reader_warns else reader(path)
    if fmt is not NATIVE:  # the store checks its files before reading them
        check_document(document, path.name)  # nothing beyond the caps opens
    if warn is not None:
        for note in reading_order(notes):
            warn(note)
    return document


def write_document(document: Document, path: str | os.PathLike[str]) -> None:
    """Write the document to path atomically, in the writable format of its extension."""
    path = Path(path)
    fmt = format_for(path.suffix)
    if fmt is None or fmt.writer is None:
        known = "、".join(EXPORT_EXTENSIONS)
        raise InputError(f"{path.name}：不能导出为{_kind(path.suffix)}（可导出 {known}）")
    _load(fmt.writer)(document, path)
