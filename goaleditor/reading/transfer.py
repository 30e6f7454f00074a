"""The reading worker's answers as bytes the editor unpacks without pickle.

A worker that a hostile file took over must not reach the editor through its answer:
unpickling runs whatever the pickle names, so answers are JSON, and a document's text
travels as one string (its values joined by NUL) beside the tree's shape as counts.
That is also cheaper than pickle, which made and then unmade an object per value.
"""

from __future__ import annotations

import json
from decimal import Decimal, InvalidOperation
from operator import attrgetter
from typing import Any

from goaleditor.formats.notes import ImportNote
from goaleditor.model.document import Document, GoalTable, Indicator, Level1, Level2
from goaleditor.model.fields import (
    DOCUMENT_PROPERTIES,
    HEADER_FIELDS,
    INDICATOR_FIELDS,
    MONEY_FIELDS,
)

Answer = tuple[Any, ...]

MAX_ANSWER_BYTES = 2**30  # far above the largest document within the limits
_PLAIN = b"J"  # an answer without a document: JSON
_DOCUMENT = b"D"  # "D", the length of the JSON head (8 bytes), the head, the text
_SEPARATOR = "\x00"
_HEAD_BYTES = 8
_PLAIN_KINDS = {"alive": 0, "refused": 3, "crashed": 0, "failed": 3}
_TEXT_HEADER = tuple(name for name in HEADER_FIELDS if name not in MONEY_FIELDS)
_MONEY_HEADER = tuple(name for name in HEADER_FIELDS if name in MONEY_FIELDS)
# The attributes each object has: a reader that set another would lose it here (said loudly).
_ATTRIBUTES = {
    Indicator: len(INDICATOR_FIELDS) + 1,
    Level2: 3,
    Level1: 3,
    GoalTable: len(HEADER_FIELDS) + 2,
    Document: len(DOCUMENT_PROPERTIES) + 2,
}


class Garbled(ValueError):
    """An answer that is not what a worker sends (a worker taken over, or a bug)."""


def encode(answer: Answer) -> bytes:
    """The bytes of a worker's answer (see worker.read_answer for the kinds)."""
    if answer[0] != "done":
        return _PLAIN + json.dumps(list(answer)).encode("ascii")
    document, notes = answer[1], answer[2]
    strings: list[Any] = []
    shape: list[int] = []
    _check_attributes(document)
    for table in document.tables:
        _pack_table(table, strings, shape)
    text, mode = _joined(strings)
    head = {
        "properties": [getattr(document, name) for name in DOCUMENT_PROPERTIES],
        "notes": [_note_fields(note) for note in notes],
        "tables": len(document.tables),
        "shape": shape,
        "strings": len(strings),
        "mode": mode,
    }
    packed = json.dumps(head).encode("ascii")
    return b"".join((_DOCUMENT, len(packed).to_bytes(_HEAD_BYTES, "big"), packed, text))


def decode(data: bytes) -> Answer:
    """The answer encoded in data; Garbled when it is not one a worker sends."""
    try:
        if data[:1] == _PLAIN:
            return _plain(json.loads(data[1:]))
        if data[:1] == _DOCUMENT:
            return _done(data)
    except (ValueError, TypeError, KeyError, IndexError, StopIteration, InvalidOperation) as exc:
        raise Garbled(str(exc)) from None
    raise Garbled("unknown answer")


def _check_attributes(node: object) -> None:
    if len(vars(node)) != _ATTRIBUTES[type(node)]:
        raise TypeError(f"{type(node).__name__} has attributes the transfer does not carry")


_header_text = attrgetter(*_TEXT_HEADER)
_header_money = attrgetter(*_MONEY_HEADER)
_indicator_fields = attrgetter(*INDICATOR_FIELDS)


def _pack_table(table: GoalTable, strings: list[Any], shape: list[int]) -> None:
    """The table's values onto strings and its tree's counts onto shape, in print order."""
    _check_attributes(table)
    strings += _header_text(table)
    strings += [_money_text(value) for value in _header_money(table)]
    shape.append(len(table.children))
    for level1 in table.children:
        _check_attributes(level1)
        strings.append(level1.name)
        shape.append(len(level1.children))
        for level2 in level1.children:
            _check_attributes(level2)
            strings.append(level2.name)
            shape.append(len(level2.children))
            for indicator in level2.children:
                if len(vars(indicator)) != _ATTRIBUTES[Indicator]:
                    _check_attributes(indicator)
                strings += _indicator_fields(indicator)


def _money_text(value: object) -> str:
    if value is None:
        return ""
    if not isinstance(value, Decimal):
        raise TypeError(f"an amount of type {type(value).__name__}")
    return str(value)  # never "": Decimal(str(value)) gives it back, exponent included


def _joined(strings: list[Any]) -> tuple[bytes, str]:
    """The values as one NUL-joined UTF-8 text, or as a JSON list where one is not text or
    holds a NUL itself."""
    try:
        text = _SEPARATOR.join(strings)
    except TypeError:
        text = None
    if text is not None and text.count(_SEPARATOR) == max(0, len(strings) - 1):
        return text.encode("utf-8", "surrogatepass"), "split"
    return json.dumps(strings).encode("ascii"), "json"


def _note_fields(note: ImportNote) -> list[Any]:
    return [note.message, note.sheet, note.row, note.table, note.joiner, note.named_in_message]


def _plain(answer: list[Any]) -> Answer:
    kind = answer[0]
    if kind not in _PLAIN_KINDS or len(answer) != _PLAIN_KINDS[kind] + 1:
        raise Garbled("unknown answer")
    if not all(isinstance(item, str) or item is None for item in answer[1:]):
        raise Garbled("an answer's text is not text")
    return tuple(answer)


def _done(data: bytes) -> Answer:
    size = int.from_bytes(data[1 : 1 + _HEAD_BYTES], "big")
    start = 1 + _HEAD_BYTES
    head = json.loads(data[start : start + size])
    text = data[start + size :]
    count = head["strings"]
    if head["mode"] == "split":
        strings = text.decode("utf-8", "surrogatepass").split(_SEPARATOR) if count else []
    else:
        strings = json.loads(text)
    if len(strings) != count:
        raise Garbled("the text does not match its count")
    properties = head["properties"]
    if len(properties) != len(DOCUMENT_PROPERTIES) or not all(
        value is None or isinstance(value, (str, int, bool)) for value in properties
    ):
        raise Garbled("document properties")
    document = Document(**dict(zip(DOCUMENT_PROPERTIES, properties, strict=True)))
    document.tables = _unpack_tables(head["tables"], head["shape"], strings, document)
    return ("done", document, [_note(fields) for fields in head["notes"]])


def _unpack_tables(
    tables: int, shape: list[int], strings: list[Any], document: Document
) -> list[GoalTable]:
    """The tables packed by _pack_table, every value used exactly once."""
    if not all(type(count) is int and count >= 0 for count in shape):
        raise Garbled("a count is not a count")
    counts = iter(shape)
    texts, monies, fields = len(_TEXT_HEADER), len(_MONEY_HEADER), len(INDICATOR_FIELDS)
    at = 0  # the next value's index
    made: list[GoalTable] = []
    for _ in range(tables):
        header = dict(zip(_TEXT_HEADER, strings[at : at + texts], strict=True))
        at += texts
        for name, amount in zip(_MONEY_HEADER, strings[at : at + monies], strict=True):
            header[name] = Decimal(amount) if amount else None
        at += monies
        table = GoalTable(**header, document=document)
        for _ in range(next(counts)):
            level1 = Level1(strings[at], parent=table)
            at += 1
            table.children.append(level1)
            for _ in range(next(counts)):
                level2 = Level2(strings[at], parent=level1)
                at += 1
                level1.children.append(level2)
                children = level2.children
                for _ in range(next(counts)):
                    indicator = Indicator(*strings[at : at + fields])
                    at += fields
                    indicator.parent = level2
                    children.append(indicator)
        made.append(table)
    if next(counts, None) is not None or at != len(strings):
        raise Garbled("the values do not match the shape")
    return made


def _note(fields: list[Any]) -> ImportNote:
    message, sheet, row, table, joiner, named = fields
    if not (isinstance(message, str) and isinstance(sheet, str) and isinstance(joiner, str)):
        raise Garbled("a note's text is not text")
    if not all(value is None or isinstance(value, int) for value in (row, table)):
        raise Garbled("a note's place is not a number")
    return ImportNote(message, sheet, row, table, joiner, bool(named))
