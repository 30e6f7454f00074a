"""Which module reads or writes which file extension."""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

from goaleditor.errors import InputError
from goaleditor.model.document import Document

# Extension -> module path; modules (and the .goals store) load on first use: start-up is quick.
_READERS = {
    ".txt": "goaleditor.formats.published_text",
    ".json": "goaleditor.formats.canonical_json",
    ".xlsx": "goaleditor.formats.xlsx_import",
    ".xlsm": "goaleditor.formats.xlsx_import",
    ".xls": "goaleditor.formats.xls_import",
    ".ods": "goaleditor.formats.ods_import",
    ".docx": "goaleditor.formats.docx_import",
    ".pdf": "goaleditor.formats.pdf_import",
}
_WRITERS = {
    ".json": "goaleditor.formats.canonical_json",
    ".pdf": "goaleditor.formats.pdf",
    ".xlsx": "goaleditor.formats.xlsx_export",
}
IMPORT_EXTENSIONS: tuple[str, ...] = (".goals", *_READERS)


def _module(name: str) -> ModuleType:
    return importlib.import_module(name)


def read_document(
    path: str | os.PathLike[str], warn: Callable[[str], None] | None = None
) -> Document:
    """Read any supported document file (.goals, .txt, .json, .xlsx) by its extension.

    warn receives one line for each part of the input that was skipped.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".goals":
        from goaleditor.model.store import load_document

        return load_document(path)
    if suffix not in _READERS:
        known = "、".join(IMPORT_EXTENSIONS)
        raise InputError(f"{path.name}：不认识的文件类型“{suffix or '无扩展名'}”（可读取{known}）")
    if not path.exists():
        raise InputError(f"找不到文件：{path}")
    if path.is_dir():
        raise InputError(f"这是一个文件夹，不是文档：{path}")
    module = _module(_READERS[suffix])
    if suffix in (".xlsx", ".xlsm", ".xls", ".ods", ".docx", ".pdf"):
        return module.read(path, warn)  # type: ignore[no-any-return]
    return module.read(path)  # type: ignore[no-any-return]


def write_document(document: Document, path: str | os.PathLike[str]) -> None:
    """Write the document to path (.goals, .json) atomically, by its extension."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".goals":
        from goaleditor.model.store import save_document

        save_document(document, path)
    elif suffix in _WRITERS:
        _module(_WRITERS[suffix]).write(document, path)
    else:
        raise InputError(
            f"{path.name}：不能导出为“{suffix or '无扩展名'}”（可导出 .goals、.json、.pdf、.xlsx）"
        )
