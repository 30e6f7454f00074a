"""The .goals file: the one module that reads and writes it (schema version, migrations).

A .goals file is an SQLite database made from the SQLModel tables in
``schema.py`` (read and written through their plain-data copy, ``file_schema.py``),
marked with our ``application_id`` and a ``user_version``.
Writing is atomic (a temporary file renamed over the target). Reading never
touches the user's file after copying it into memory: older versions are
migrated in that copy, newer ones refused.
"""

from __future__ import annotations

import gc
import sqlite3
import struct
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from goaleditor.errors import InputError
from goaleditor.files.atomic import atomic_write
from goaleditor.model import (
    file_schema,
    file_schema_v1,
    file_schema_v2,
    file_schema_v3,
    limits,
    untrusted_sqlite,
)
from goaleditor.model.document import Document, GoalTable, Indicator, Level1, Level2
from goaleditor.model.fields import (
    DOCUMENT_KINDS,
    DOCUMENT_PROPERTIES,
    GOALS,
    HEADER_FIELDS,
    INDICATOR_FIELDS,
    MONEY_FIELDS,
)
from goaleditor.model.frameworks import DEFAULT_FRAMEWORK, FRAMEWORKS, detect_framework
from goaleditor.model.migrations import MIGRATIONS
from goaleditor.model.money import MoneyError, format_money, parse_money
from goaleditor.model.store_rows import Decoder, NotUtf8, select_rows
from goaleditor.model.text_clean import encodable
from goaleditor.model.year_range import plain_year

APPLICATION_ID = 0x474F4C53  # "GOLS"
SCHEMA_VERSION = 4
SQLITE_MAGIC = b"SQLite format 3\x00"
MAX_FILE_BYTES = untrusted_sqlite.MAX_FILE_BYTES
# The exact sqlite_master of each file format version we can read (older ones are migrated;
# their schema frozen as data).
KNOWN_SCHEMAS: dict[int, tuple[tuple[str, str, str | None], ...]] = {
    1: file_schema_v1.MASTER,
    2: file_schema_v2.MASTER,
    3: file_schema_v3.MASTER,
    4: file_schema.MASTER,
}


def allowed_objects(version: int = SCHEMA_VERSION) -> frozenset[tuple[str, str]]:
    """What a .goals file of a version may contain (sqlite_master type, name); nothing else."""
    return frozenset((kind, name) for kind, name, _sql in KNOWN_SCHEMAS[version])


class FileHeader:
    """The fields of an SQLite header that identify a .goals file."""

    def __init__(self, raw: bytes) -> None:
        self.is_sqlite = raw[:16] == SQLITE_MAGIC and len(raw) >= 100
        self.user_version = struct.unpack(">I", raw[60:64])[0] if self.is_sqlite else 0
        self.application_id = struct.unpack(">I", raw[68:72])[0] if self.is_sqlite else 0


def read_header(path: Path) -> FileHeader:
    """Read the first 100 bytes of a file as an SQLite header."""
    with path.open("rb") as handle:
        return FileHeader(handle.read(100))


def load_document(path: str | Path, warn: Callable[[str], None] | None = None) -> Document:
    """Read a .goals file into a Document; InputError when it is not one we can read.

    The file is untrusted: read once into memory and checked (see untrusted_sqlite)
    before any query runs; the user's file and its folder are never changed. Text that is
    not valid UTF-8 (a damaged file) is read with replacement characters and warn is told.
    """
    path = Path(path)
    data = untrusted_sqlite.read_bytes(path)
    header = FileHeader(data[:100])
    _check_header(header, path)
    budget = untrusted_sqlite.Budget()
    try:
        data = untrusted_sqlite.resolve_sidecars(path, data, budget)
        memory = untrusted_sqlite.in_memory(data, budget)
    except sqlite3.Error as exc:
        raise _unreadable(path, exc, budget) from None
    del data
    decoder = Decoder()
    try:
        _check_schema(memory, path, header.user_version)
        _migrate(memory, header.user_version)  # in memory only; adds columns, reads nothing
        _check_sizes(memory, path)
        with _no_garbage_collection():
            try:  # SQLite's own UTF-8 decoding first: a damaged text stops it, then read again
                document = _read_document(memory, path)
            except NotUtf8:
                memory.text_factory = decoder
                document = _read_document(memory, path)
    except sqlite3.Error as exc:
        raise _unreadable(path, exc, budget) from None
    except UnicodeDecodeError:  # in the schema: nothing there can be guessed
        raise InputError(
            f"文档已损坏，无法读取：{path.name}（文件结构中有无效的文字编码）"
        ) from None
    finally:
        memory.close()
    if decoder.damaged and warn is not None:
        warn(f"{path.name} 中有{decoder.damaged}处文字已损坏（编码无效），已用“\ufffd”代替，请检查")
    _plain_properties(document, path, warn)
    return document


def _plain_properties(document: Document, path: Path, warn: Callable[[str], None] | None) -> None:
    """A year no layout can print, or a framework we do not know, read as a clerk would."""
    said: list[str] = []
    if document.year is not None and plain_year(document.year) is None:
        said.append(f"{path.name} 的年度“{str(document.year)[:24]}”不是四位数的年份，已留空")
        document.year = None
    if document.framework not in FRAMEWORKS:
        document.framework = detect_framework(
            l1.name for table in document.tables for l1 in table.children
        )
        label = FRAMEWORKS[document.framework].label
        said.append(f"{path.name} 的指标体系无法识别，已按一级指标取为“{label}”")
    if warn is not None:
        for line in said:
            warn(f"{line}（可在 文档属性 中更改）")


@contextmanager
def _no_garbage_collection() -> Iterator[None]:
    """No cycle collection while the document is built: every object made is kept, and the
    collector's passes over them (the model's parent links are cycles) took a third of it."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def save_document(document: Document, path: str | Path) -> None:
    """Write the document to a .goals file atomically (old file whole until done)."""
    atomic_write(Path(path), lambda temp: _write_database(document, temp))


def _unreadable(path: Path, exc: sqlite3.Error, budget: untrusted_sqlite.Budget) -> InputError:
    if budget.spent:
        return InputError(
            f"读取 {path.name} 用时过长（文件结构异常，可能是恶意构造的文件），已停止"
        )
    if "too big" in str(exc):
        return InputError(f"{path.name} 含有过大的内容，不像是绩效目标表文档，已拒绝读取")
    return InputError(f"文档已损坏，无法读取：{path.name}（{_damage(exc)}）", detail=str(exc))


def _damage(exc: sqlite3.Error) -> str:
    """What SQLite found wrong, in words a clerk can pass on."""
    text = str(exc)
    if "decode" in text:
        return "文件结构中有无效的文字编码"
    if "malformed" in text or "not a database" in text:
        return "数据库结构损坏"
    if "locked" in text or "busy" in text:
        return "文件被其他程序占用"
    return "数据库无法读取"


def _check_header(header: FileHeader, path: Path) -> None:
    if not header.is_sqlite:
        raise InputError(f"不是绩效目标表文档（.goals）：{path.name} 不是SQLite数据库文件")
    if header.application_id != APPLICATION_ID:
        raise InputError(f"不是绩效目标表文档（.goals）：{path.name} 是其他程序的数据库")
    if header.user_version > SCHEMA_VERSION:
        raise InputError(
            f"{path.name} 由更新版本的goaleditor保存（文件格式版本{header.user_version}，"
            f"本程序支持到版本{SCHEMA_VERSION}），请升级goaleditor后再打开"
        )
    if header.user_version < 1 or header.user_version not in KNOWN_SCHEMAS:
        raise InputError(f"{path.name} 的文件格式版本无效（{header.user_version}）")


def _check_schema(connection: sqlite3.Connection, path: Path, version: int) -> None:
    """Exactly our tables, columns and indexes (nothing runs before this), then integrity."""
    problems = untrusted_sqlite.schema_differences(connection, KNOWN_SCHEMAS[version])
    if problems:
        raise InputError(
            f"{path.name} 含有绩效目标表文档不应有的内容（{'、'.join(problems[:3])}），已拒绝打开"
        )
    check = connection.execute("PRAGMA integrity_check(20)").fetchall()
    if check != [("ok",)]:
        raise InputError(f"文档已损坏，无法读取：{path.name}（完整性检查未通过）")


def _check_sizes(connection: sqlite3.Connection, path: Path) -> None:
    """Row counts and the longest value of each column, before any value is fetched."""
    counts = {
        table: connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
        for table in file_schema.TABLES
    }
    name = path.name
    limits.check_count(name, "绩效目标表", counts["goal_table"], limits.MAX_TABLES)
    limits.check_count(name, "三级指标", counts["indicator"], limits.MAX_INDICATORS)
    limits.check_count(name, "指标分组", counts["level1"] + counts["level2"], limits.MAX_GROUPS)
    limits.check_count(name, "文档属性", counts["document"], 1)
    for table, columns in file_schema.TABLES.items():
        texts = [column for column, kind, _role in columns if kind == "text"]
        if not texts:
            continue
        longest = connection.execute(
            f"SELECT {', '.join(f'max(length({c}))' for c in texts)} FROM {table}"
        ).fetchone()
        for column, length in zip(texts, longest, strict=True):
            if isinstance(length, int) and length > limits.MAX_FIELD_CHARS:
                field = table if table in ("level1", "level2") else column
                raise limits.too_long(name, field, length)


def _migrate(connection: sqlite3.Connection, version: int) -> None:
    while version < SCHEMA_VERSION:
        MIGRATIONS[version](connection)
        version += 1
        connection.execute(f"PRAGMA user_version = {version}")


Row = dict[str, Any]


def _read_document(connection: sqlite3.Connection, path: Path) -> Document:
    try:
        doc_rows = select_rows(connection, "document", DOCUMENT_PROPERTIES)
        table_rows = select_rows(connection, "goal_table", ("id", *HEADER_FIELDS))
        level1_rows = select_rows(connection, "level1", ("id", "table_id", "name"))
        level2_rows = select_rows(connection, "level2", ("id", "level1_id", "name"))
        indicator_rows = select_rows(connection, "indicator", ("level2_id", *INDICATOR_FIELDS))
    except sqlite3.Error as exc:
        raise InputError(f"文档已损坏，无法读取：{path.name}（{_damage(exc)}）") from None
    if len(doc_rows) != 1:
        raise InputError(f"文档已损坏，无法读取：{path.name}（缺少文档属性）")
    document = Document(**dict(zip(DOCUMENT_PROPERTIES, doc_rows[0], strict=True)))
    document.framework = document.framework or DEFAULT_FRAMEWORK
    document.kind = document.kind or GOALS
    if document.kind not in DOCUMENT_KINDS:
        raise InputError(f"无法读取 {path.name}：文档类型“{document.kind[:40]}”未知")
    money = [HEADER_FIELDS.index(name) for name in MONEY_FIELDS]
    tables: dict[Any, GoalTable] = {}
    try:
        for tid, *header in table_rows:
            for index in money:  # most amounts are absent: no call for those
                header[index] = parse_money(header[index]) if header[index] else None
            values = dict(zip(HEADER_FIELDS, header, strict=True))
            tables[tid] = table = GoalTable(**values, document=document)
            table.money_unit = table.money_unit or "元"
    except MoneyError as exc:
        raise InputError(f"无法读取 {path.name}：金额{exc}") from None
    level1s: dict[Any, Level1] = {}
    for lid, tid, lname in level1_rows:
        owner = tables.get(tid)
        if owner is None:
            raise InputError(f"文档已损坏，无法读取：{path.name}（一级指标不属于任何表）")
        level1s[lid] = node1 = Level1(lname, parent=owner)
        owner.children.append(node1)
    level2s: dict[Any, Level2] = {}
    for lid, pid, lname in level2_rows:
        owner1 = level1s.get(pid)
        if owner1 is None:
            raise InputError(f"文档已损坏，无法读取：{path.name}（二级指标不属于任何一级指标）")
        level2s[lid] = node2 = Level2(lname, parent=owner1)
        owner1.children.append(node2)
    for pid, *fields in indicator_rows:
        owner2 = level2s.get(pid)
        if owner2 is None:
            raise InputError(f"文档已损坏，无法读取：{path.name}（三级指标不属于任何二级指标）")
        indicator = Indicator(*fields)  # INDICATOR_FIELDS are its fields, in order
        indicator.parent = owner2
        owner2.children.append(indicator)
    document.tables = list(tables.values())
    return document


def _write_database(document: Document, path: Path) -> None:
    """Build the database in memory, then write its bytes to path ourselves.

    SQLite reports a failed write as "disk I/O error" whatever the cause; written here,
    a full disk, a refused permission or a busy file each raise their own errno. The
    statements come from file_schema (generated from schema.py and pinned by a test), so
    saving does not load SQLModel.
    """
    memory = sqlite3.connect(":memory:")
    try:
        with memory:
            memory.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            memory.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            for kind in ("table", "index"):
                for entry_kind, _name, sql in file_schema.MASTER:
                    if entry_kind == kind and sql:
                        memory.execute(sql)
            for table, rows in _records(document).items():
                if rows:
                    names = ", ".join(name for name, _kind, _role in file_schema.TABLES[table])
                    marks = ", ".join("?" * len(file_schema.TABLES[table]))
                    memory.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows)
        data = memory.serialize()
    finally:
        memory.close()
    with path.open("wb") as handle:
        handle.write(data)


def _records(document: Document) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table, in file_schema's column order; structure (id, position,
    parent) here, the rest by name."""
    rows: dict[str, list[tuple[object, ...]]] = {table: [] for table in file_schema.TABLES}

    def add(table: str, source: object, **structure: int) -> None:
        row: list[object] = []
        for name, _kind, _role in file_schema.TABLES[table]:
            if name in structure:
                row.append(structure[name])
                continue
            value = getattr(source, name)
            if name in MONEY_FIELDS:
                value = format_money(value)
            row.append(encodable(value) if isinstance(value, str) else value)
        rows[table].append(tuple(row))

    add("document", document, id=1)
    level1_id = level2_id = indicator_id = 0
    for table_pos, table in enumerate(document.tables):
        table_id = table_pos + 1
        add("goal_table", table, id=table_id, position=table_pos)
        for pos1, level1 in enumerate(table.children):
            level1_id += 1
            add("level1", level1, id=level1_id, table_id=table_id, position=pos1)
            for pos2, level2 in enumerate(level1.children):
                level2_id += 1
                add("level2", level2, id=level2_id, level1_id=level1_id, position=pos2)
                for pos3, ind in enumerate(level2.children):
                    indicator_id += 1
                    add("indicator", ind, id=indicator_id, level2_id=level2_id, position=pos3)
    return rows
