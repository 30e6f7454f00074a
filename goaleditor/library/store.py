"""The library file: one SQLite schema for the clerk's own library and a bureau's shared one.

Reading goes through model/untrusted_sqlite (a bureau's file was made by someone else):
the file is read into memory once, its schema must be exactly ours, statements run under
small limits and a step budget. Writing replaces the file atomically.
"""

from __future__ import annotations

import functools
import json
import os
import sqlite3
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from goaleditor.errors import InputError
from goaleditor.library.entries import ORIGINS, LibraryEntry, Source, ValuesSeen
from goaleditor.model.values import COMPARATORS

SCHEMA_VERSION = 1
MAX_ENTRIES = 200_000
MAX_LIST_ITEMS = 1000
APPLICATION_ID = 0x474C4942  # "GLIB": a library file, not a .goals document
TEXT_COLUMNS = (
    "fund_use",
    "function_class",
    "level1",
    "level2",
    "name",
    "description",
    "nature",
    "unit",
    "comparator",
    "reference_value",
)
JSON_COLUMNS = ("comparators_seen", "units_seen", "value_texts", "sources", "keywords")
_COLUMNS_SQL = ", ".join(
    [
        *(f"{name} TEXT NOT NULL" for name in TEXT_COLUMNS),
        "value_count INTEGER NOT NULL",
        "value_min TEXT",
        "value_median TEXT",
        "value_max TEXT",
        *(f"{name} TEXT NOT NULL" for name in JSON_COLUMNS),
        "hidden INTEGER NOT NULL",
    ]
)
# The single source for reading and writing: what is created is what a file must hold.
SCHEMA: tuple[tuple[str, str, str | None], ...] = (
    ("table", "meta", "CREATE TABLE meta (key TEXT NOT NULL, value TEXT NOT NULL)"),
    ("table", "entry", f"CREATE TABLE entry (id INTEGER PRIMARY KEY, {_COLUMNS_SQL})"),
)
COLUMNS = (*TEXT_COLUMNS, "value_count", "value_min", "value_median", "value_max")
ALL_COLUMNS = (*COLUMNS, *JSON_COLUMNS, "hidden")


def _row(entry: LibraryEntry) -> tuple[Any, ...]:
    seen = entry.values_seen
    sources = [[s.file, s.project, s.year] for s in entry.sources]
    return (
        *(getattr(entry, column) for column in TEXT_COLUMNS),
        seen.count,
        *(None if v is None else format(v, "f") for v in (seen.minimum, seen.median, seen.maximum)),
        json.dumps(list(entry.comparators_seen), ensure_ascii=False),
        json.dumps(list(entry.units_seen), ensure_ascii=False),
        json.dumps(list(seen.texts), ensure_ascii=False),
        json.dumps(sources, ensure_ascii=False),
        json.dumps(list(entry.keywords), ensure_ascii=False),
        int(entry.hidden),
    )


def write_library(path: str | os.PathLike[str], entries: Iterable[LibraryEntry]) -> None:
    """Write the entries as a library file, replacing any file at path atomically."""
    from goaleditor.files.atomic import atomic_write

    rows = [_row(e) for e in entries]

    def write(temp: Path) -> None:
        temp.unlink(missing_ok=True)
        connection = sqlite3.connect(temp)
        try:
            connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            for _, _, sql in SCHEMA:
                if sql:
                    connection.execute(sql)
            connection.execute("INSERT INTO meta VALUES ('schema', ?)", (str(SCHEMA_VERSION),))
            marks = ", ".join("?" * len(ALL_COLUMNS))
            connection.executemany(
                f"INSERT INTO entry ({', '.join(ALL_COLUMNS)}) VALUES ({marks})", rows
            )
            connection.commit()
        finally:
            connection.close()

    atomic_write(path, write)


def read_library(path: str | os.PathLike[str], origin: str = "bureau") -> list[LibraryEntry]:
    """The entries of a library file, read as untrusted; InputError (one line) if refused."""
    from goaleditor.model import untrusted_sqlite as untrusted

    source = Path(path)
    data = untrusted.read_bytes(source)
    if not data.startswith(b"SQLite format 3\x00"):
        raise InputError(f"{source.name}：不是指标库文件")
    budget = untrusted.Budget()
    try:
        data = untrusted.resolve_sidecars(source, data, budget)
        connection = untrusted.in_memory(data, budget)
    except sqlite3.Error:
        raise InputError(f"{source.name}：指标库文件已损坏") from None
    try:
        problems = untrusted.schema_differences(connection, SCHEMA)
        if problems:
            raise InputError(f"{source.name}：不是本程序的指标库文件（{problems[0]}）")
        version = connection.execute("SELECT value FROM meta WHERE key = 'schema'").fetchall()
        if version != [(str(SCHEMA_VERSION),)]:
            raise InputError(f"{source.name}：指标库文件的版本不受支持")
        cursor = connection.execute(
            f"SELECT {', '.join(ALL_COLUMNS)} FROM entry ORDER BY id LIMIT ?", (MAX_ENTRIES + 1,)
        )
        rows = cursor.fetchall()
    except sqlite3.Error:
        reason = "读取超时" if budget.spent else "已损坏"
        raise InputError(f"{source.name}：指标库文件{reason}") from None
    finally:
        connection.close()
    if len(rows) > MAX_ENTRIES:
        raise InputError(f"{source.name}：指标库条目过多（超过{MAX_ENTRIES}条），已拒绝读取")
    try:
        return [_entry(row, origin) for row in rows]
    except (ValueError, TypeError, RecursionError, InvalidOperation) as exc:
        raise InputError(f"{source.name}：指标库文件中有无效的条目（{exc}）") from None


def _texts(value: Any) -> tuple[str, ...]:
    if not isinstance(value, str):
        raise ValueError("列表无效")
    return () if value == "[]" else _parsed_texts(value)


@functools.lru_cache(maxsize=4096)  # entries share their lists of comparators and units
def _parsed_texts(value: str) -> tuple[str, ...]:
    items = json.loads(value)
    if not isinstance(items, list) or len(items) > MAX_LIST_ITEMS:
        raise ValueError("列表无效")
    if not all(isinstance(item, str) for item in items):
        raise ValueError("列表中有非文字项")
    return tuple(items)


def _sources(value: Any) -> tuple[Source, ...]:
    if value == "[]":
        return ()
    items = json.loads(value) if isinstance(value, str) else None
    if not isinstance(items, list) or len(items) > MAX_LIST_ITEMS:
        raise ValueError("来源无效")
    sources = []
    for item in items:
        if not (isinstance(item, list) and len(item) == 3):
            raise ValueError("来源无效")
        file, project, year = item
        if not (isinstance(file, str) and isinstance(project, str)):
            raise ValueError("来源无效")
        if year is not None and (type(year) is not int or not 0 < year < 10000):
            raise ValueError("来源年度无效")
        sources.append(Source(file, project, year))
    return tuple(sources)


def _decimal(value: Any) -> Decimal | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError("数值无效")
    number = Decimal(value)
    if not number.is_finite():
        raise ValueError("数值无效")
    return number


def _entry(row: tuple[Any, ...], origin: str) -> LibraryEntry:
    texts = dict(zip(TEXT_COLUMNS, row[: len(TEXT_COLUMNS)], strict=True))
    if not all(isinstance(value, str) for value in texts.values()):
        raise ValueError("文字列中有非文字值")
    if not texts["name"] or not texts["level2"]:
        raise ValueError("缺少二级或三级指标")
    if texts["comparator"] and texts["comparator"] not in COMPARATORS:
        raise ValueError(f"计算符号“{texts['comparator'][:10]}”无效")
    count, minimum, median, maximum = row[len(TEXT_COLUMNS) : len(COLUMNS)]
    if type(count) is not int or count < 0:
        raise ValueError("取值次数无效")
    seen_comparators, units, value_texts, sources, keywords, hidden = row[len(COLUMNS) :]
    if hidden not in (0, 1):
        raise ValueError("隐藏标记无效")
    return LibraryEntry(
        **texts,
        values_seen=ValuesSeen(
            count, _decimal(minimum), _decimal(median), _decimal(maximum), _texts(value_texts)
        ),
        comparators_seen=_texts(seen_comparators),
        units_seen=_texts(units),
        sources=_sources(sources),
        keywords=_texts(keywords),
        origin=origin if origin in ORIGINS else "bureau",
        hidden=bool(hidden),
    )
