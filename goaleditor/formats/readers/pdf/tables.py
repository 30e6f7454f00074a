"""The goal tables of a PDF's sheets: one that cannot be read is said, the others are read."""

from __future__ import annotations

import dataclasses
from typing import Any

from goaleditor.errors import InputError, RefusalKind
from goaleditor.formats.notes import ImportNote, TableRefusal, Warn
from goaleditor.formats.readers.tables.document_reader import document_from_sheets
from goaleditor.model.document import Document

Sheet = tuple[str, list[list[Any]]]


def read_sheets(sheets: list[Sheet], source: str, warn: Warn, own_print: bool) -> Document:
    """The document of the sheets; a sheet whose table is refused (a header without
    三级指标, …) is left out, said with its page, when another sheet holds a table. A
    refusal names the file."""
    try:
        return document_from_sheets(sheets, source, warn, own_print=own_print)
    except InputError as exc:
        refusal = exc
    kept: list[Sheet] = []
    dropped: list[ImportNote] = []
    for sheet in sheets:
        try:
            document_from_sheets([sheet], source, None, own_print=own_print)
        except InputError as exc:
            if exc.kind is not RefusalKind.NOT_A_GOAL_TABLE:  # not "no table here": a refusal
                dropped.append(_unread(exc))
                continue
        kept.append(sheet)
    if dropped and kept:
        notes: list[ImportNote] = []
        try:
            document = document_from_sheets(kept, source, notes.append, own_print=own_print)
        except InputError:
            pass
        else:
            for note in [*dropped, *notes]:
                warn(note)
            return document
    line = str(refusal)
    raise InputError(line if line.startswith(f"{source}：") else f"{source}：{line}", refusal.kind)


def _unread(refusal: InputError) -> ImportNote:
    """The note that a refused sheet's table is left out, at the place the refusal names."""
    if isinstance(refusal, TableRefusal):
        note = refusal.note
        return dataclasses.replace(note, message=f"{note.message}，该表未读取")
    return ImportNote(f"{refusal}，该表未读取")
