"""The goal tables of a PDF's sheets: one that cannot be read is said, the others are read."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from goaleditor.errors import InputError
from goaleditor.formats.readers.tables.document_reader import document_from_sheets
from goaleditor.model.document import Document

Sheet = tuple[str, list[list[Any]]]


def read_sheets(
    sheets: list[Sheet], source: str, warn: Callable[[str], None], own_print: bool
) -> Document:
    """The document of the sheets; a sheet whose table is refused (a header without
    三级指标, …) is left out, said with its page, when another sheet holds a table. A
    refusal names the file."""
    try:
        return document_from_sheets(sheets, source, warn, own_print=own_print)
    except InputError as exc:
        refusal = str(exc)
    kept: list[Sheet] = []
    dropped: list[str] = []
    for sheet in sheets:
        try:
            document_from_sheets([sheet], source, None, own_print=own_print)
        except InputError as exc:
            if not str(exc).startswith(f"{source}："):  # not "no table here": a refusal
                dropped.append(str(exc))
                continue
        kept.append(sheet)
    if dropped and kept:
        notes: list[str] = []
        try:
            document = document_from_sheets(kept, source, notes.append, own_print=own_print)
        except InputError:
            pass
        else:
            for message in dropped:
                warn(f"{message}，该表未读取")
            for note in notes:
                warn(note)
            return document
    raise InputError(refusal if refusal.startswith(f"{source}：") else f"{source}：{refusal}")
