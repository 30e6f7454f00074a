"""Rows of an untrusted .goals read as field values: text decoded (damaged text counted), each
column's value of its field's type, children ordered by parent and position."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from operator import call
from typing import Any

from goaleditor.model import file_schema


class NotUtf8(Exception):
    """A text value is not valid UTF-8: read again with Decoder."""


class Decoder:
    """SQLite text as str; bytes that are not UTF-8 replaced by U+FFFD and counted."""

    def __init__(self) -> None:
        self.damaged = 0

    def __call__(self, raw: bytes) -> str:
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            self.damaged += 1
            return raw.decode("utf-8", errors="replace")


def select_rows(
    connection: sqlite3.Connection, table: str, names: tuple[str, ...]
) -> list[tuple[Any, ...]]:
    """Columns of a table's rows, children by parent and position, values of the right type.

    Keys (id, parent) are kept as the file has them: they only link rows.
    """
    columns = {name: (kind, role) for name, kind, role in file_schema.TABLES[table]}
    order = [name for name, (_kind, role) in columns.items() if role == "parent"]
    order += [name for name, (_kind, role) in columns.items() if role == "position"]
    sql = f"SELECT {', '.join(names)} FROM {table}"
    if order:
        sql += f" ORDER BY {', '.join(order)}"
    decoder = connection.text_factory  # load_document's: it counts what is not UTF-8
    known = dict(_CLEANERS)
    if isinstance(decoder, Decoder):  # a BLOB is text another program stored: counted too
        known["text"] = lambda value: decoder(value) if isinstance(value, bytes) else _text(value)
    else:  # the first pass: a BLOB that is no UTF-8 is damaged text, read again and counted
        known["text"] = _strict_text
    cleaners = [
        _as_is if columns[name][1] in ("key", "parent") else known[columns[name][0]]
        for name in names
    ]
    try:
        rows = connection.execute(sql).fetchall()
    except sqlite3.OperationalError as exc:
        if "decode" in str(exc) and connection.text_factory is str:
            raise NotUtf8 from None
        raise
    if _already_clean(rows, cleaners):
        return rows
    return [tuple(map(call, cleaners, row)) for row in rows]


def _already_clean(rows: list[tuple[Any, ...]], cleaners: list[Callable[[object], object]]) -> bool:
    """Whether the rows are as the cleaners would make them: only keys and text columns,
    and every text column holding only str (column by column, without a call per value)."""
    texts = (_text, _strict_text)
    if not all(c is _as_is or c in texts for c in cleaners):
        return False
    columns = list(zip(*rows, strict=True))
    return all(
        set(map(type, values)) <= {str}
        for values, cleaner in zip(columns, cleaners, strict=False)
        if cleaner in texts
    )


def _text(value: object) -> str:
    """A text column's value as text: a BLOB another program stored there is decoded (never
    shown as b'…'), a number written as it reads."""
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace")
    return value if isinstance(value, str) else ("" if value is None else str(value))


def _strict_text(value: object) -> str:
    """_text, but a BLOB that is not UTF-8 stops the first pass (see store.load_document)."""
    if isinstance(value, bytes):
        try:
            return value.decode("utf-8")
        except UnicodeDecodeError:
            raise NotUtf8 from None
    return _text(value)


def _as_is(value: object) -> object:
    return value


def _integer(value: object) -> int | None:
    return value if isinstance(value, int) else None


# How a value read from an untrusted file becomes its field's type (text by default).
_CLEANERS: dict[str, Callable[[object], object]] = {"bool": bool, "int": _integer, "text": _text}
