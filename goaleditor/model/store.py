"""The .goals file: the one module that reads and writes it (schema version, migrations).

A .goals file is an SQLite database made from the SQLModel tables in
``schema.py``, marked with our ``application_id`` and a ``user_version``.
Writing is atomic (a temporary file renamed over the target). Reading never
touches the user's file after copying it into memory: older versions are
migrated in that copy, newer ones refused.
"""

from __future__ import annotations

import errno
import sqlite3
import struct
from collections.abc import Callable
from pathlib import Path
from typing import Any

from goaleditor.atomic import atomic_write
from goaleditor.errors import InputError
from goaleditor.model.document import Document, GoalTable, Indicator, Level1, Level2
from goaleditor.model.money import MoneyError, format_money, parse_money

APPLICATION_ID = 0x474F4C53  # "GOLS"
SCHEMA_VERSION = 1
SQLITE_MAGIC = b"SQLite format 3\x00"
MAX_FILE_BYTES = 512 * 1024 * 1024

# Columns the reader selects, in order; tests check them against schema.py.
READ_COLUMNS: dict[str, tuple[str, ...]] = {
    "document": ("agency_code", "agency_name", "year", "title", "framework", "merge_level2"),
    "goal_table": (
        "id",
        "project_name",
        "money_unit",
        "budget_total",
        "budget_fiscal",
        "budget_other",
        "fund_use",
        "goal",
    ),
    "level1": ("id", "table_id", "name"),
    "level2": ("id", "level1_id", "name"),
    "indicator": ("level2_id", "name", "description", "comparator", "value", "unit"),
}
_PARENT_ORDER = {
    "goal_table": "position",
    "level1": "table_id, position",
    "level2": "level1_id, position",
    "indicator": "level2_id, position",
}

# What a .goals file may contain (sqlite_master type, name); anything else is refused.
ALLOWED_OBJECTS = frozenset(
    {
        ("table", "document"),
        ("table", "goal_table"),
        ("table", "level1"),
        ("table", "level2"),
        ("table", "indicator"),
        ("index", "ix_goal_table_position"),
        ("index", "ix_level1_table_id"),
        ("index", "ix_level2_level1_id"),
        ("index", "ix_indicator_level2_id"),
    }
)
# Generous for real documents, small enough that a hostile file cannot exhaust memory.
LIMITS = {
    sqlite3.SQLITE_LIMIT_LENGTH: 16 * 1024 * 1024,
    sqlite3.SQLITE_LIMIT_SQL_LENGTH: 100_000,
    sqlite3.SQLITE_LIMIT_COLUMN: 100,
    sqlite3.SQLITE_LIMIT_EXPR_DEPTH: 100,
    sqlite3.SQLITE_LIMIT_ATTACHED: 0,
    sqlite3.SQLITE_LIMIT_TRIGGER_DEPTH: 0,
}

Migration = Callable[[sqlite3.Connection], None]
# MIGRATIONS[n] upgrades a database from user_version n to n + 1, in place.
MIGRATIONS: dict[int, Migration] = {}


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


def load_document(path: str | Path) -> Document:
    """Read a .goals file into a Document; InputError when it is not one we can read."""
    path = Path(path)
    try:
        size = path.stat().st_size
        header = read_header(path)
    except FileNotFoundError:
        raise InputError(f"找不到文件：{path}") from None
    except IsADirectoryError:
        raise InputError(f"这是一个文件夹，不是文档：{path}") from None
    except OSError as exc:
        raise InputError(f"无法读取文件 {path}：{exc.strerror or exc}") from None
    if size > MAX_FILE_BYTES:
        raise InputError(f"文件过大（{size // 2**20} MB），不像是绩效目标表文档：{path}")
    _check_header(header, path)
    memory = _copy_into_memory(path)
    try:
        _migrate(memory, header.user_version)
        return _read_document(memory, path)
    finally:
        memory.close()


def save_document(document: Document, path: str | Path) -> None:
    """Write the document to a .goals file atomically (old file whole until done)."""
    atomic_write(Path(path), lambda temp: _write_database(document, temp))


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
    if header.user_version < 1:
        raise InputError(f"{path.name} 的文件格式版本无效（{header.user_version}）")


def _defensive(connection: sqlite3.Connection) -> None:
    """SQLite's settings for reading a database that may have been crafted to do harm."""
    for limit, value in LIMITS.items():
        connection.setlimit(limit, value)
    connection.execute("PRAGMA trusted_schema = OFF")
    connection.execute("PRAGMA cell_size_check = ON")
    defensive = getattr(sqlite3, "SQLITE_DBCONFIG_DEFENSIVE", None)  # Python 3.12+
    if defensive is not None:
        connection.setconfig(defensive, True)  # type: ignore[attr-defined]


def _check_schema(connection: sqlite3.Connection, path: Path) -> None:
    """Only our own tables and indexes: no triggers, views or anything unknown."""
    rows = connection.execute("SELECT type, name FROM sqlite_master").fetchall()
    unknown = sorted(
        {f"{kind} {name}" for kind, name in rows}
        - {f"{kind} {name}" for kind, name in ALLOWED_OBJECTS}
    )
    if unknown:
        raise InputError(
            f"{path.name} 含有绩效目标表文档不应有的内容（{'、'.join(unknown[:3])}），已拒绝打开"
        )
    check = connection.execute("PRAGMA integrity_check(20)").fetchall()
    if check != [("ok",)]:
        raise InputError(f"文档已损坏，无法读取：{path.name}（完整性检查未通过）")


def _copy_into_memory(path: Path) -> sqlite3.Connection:
    """Check the file, then copy it into memory: the user's file is never opened for writing."""
    memory = sqlite3.connect(":memory:")
    try:
        source = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            _defensive(source)
            _check_schema(source, path)
            source.backup(memory)
        finally:
            source.close()
        _defensive(memory)
    except sqlite3.Error as exc:
        memory.close()
        raise InputError(f"文档已损坏，无法读取：{path.name}（{exc}）") from None
    except InputError:
        memory.close()
        raise
    return memory


def _migrate(connection: sqlite3.Connection, version: int) -> None:
    while version < SCHEMA_VERSION:
        MIGRATIONS[version](connection)
        version += 1
        connection.execute(f"PRAGMA user_version = {version}")


def _select(connection: sqlite3.Connection, table: str) -> list[tuple[Any, ...]]:
    columns = ", ".join(READ_COLUMNS[table])
    order = f" ORDER BY {_PARENT_ORDER[table]}" if table in _PARENT_ORDER else ""
    return connection.execute(f"SELECT {columns} FROM {table}{order}").fetchall()


def _read_document(connection: sqlite3.Connection, path: Path) -> Document:
    try:
        doc_rows = _select(connection, "document")
        table_rows = _select(connection, "goal_table")
        level1_rows = _select(connection, "level1")
        level2_rows = _select(connection, "level2")
        indicator_rows = _select(connection, "indicator")
    except sqlite3.Error as exc:
        raise InputError(f"文档已损坏，无法读取：{path.name}（{exc}）") from None
    if len(doc_rows) != 1:
        raise InputError(f"文档已损坏，无法读取：{path.name}（缺少文档属性）")
    code, name, year, title, framework, merge_level2 = doc_rows[0]
    document = Document(
        agency_code=_text(code),
        agency_name=_text(name),
        year=year if isinstance(year, int) else None,
        title=_text(title),
        framework=_text(framework) or "classic",
        merge_level2=bool(merge_level2),
    )
    tables: dict[int, GoalTable] = {}
    try:
        for tid, project, unit, total, fiscal, other, fund_use, goal in table_rows:
            tables[tid] = GoalTable(
                project_name=_text(project),
                money_unit=_text(unit) or "元",
                budget_total=parse_money(_text(total)),
                budget_fiscal=parse_money(_text(fiscal)),
                budget_other=parse_money(_text(other)),
                fund_use=_text(fund_use),
                goal=_text(goal),
                document=document,
            )
    except MoneyError as exc:
        raise InputError(f"文档已损坏，无法读取：{path.name}（{exc}）") from None
    level1s: dict[int, Level1] = {}
    for lid, tid, lname in level1_rows:
        owner = tables.get(tid)
        if owner is None:
            raise InputError(f"文档已损坏，无法读取：{path.name}（一级指标不属于任何表）")
        level1s[lid] = node1 = Level1(_text(lname), parent=owner)
        owner.children.append(node1)
    level2s: dict[int, Level2] = {}
    for lid, pid, lname in level2_rows:
        owner1 = level1s.get(pid)
        if owner1 is None:
            raise InputError(f"文档已损坏，无法读取：{path.name}（二级指标不属于任何一级指标）")
        level2s[lid] = node2 = Level2(_text(lname), parent=owner1)
        owner1.children.append(node2)
    for pid, iname, desc, comparator, value, unit in indicator_rows:
        owner2 = level2s.get(pid)
        if owner2 is None:
            raise InputError(f"文档已损坏，无法读取：{path.name}（三级指标不属于任何二级指标）")
        owner2.children.append(
            Indicator(
                _text(iname),
                _text(desc),
                _text(comparator),
                _text(value),
                _text(unit),
                parent=owner2,
            )
        )
    document.tables = list(tables.values())
    return document


def _text(value: object) -> str:
    return value if isinstance(value, str) else ("" if value is None else str(value))


def _write_database(document: Document, path: Path) -> None:
    from sqlalchemy import event
    from sqlalchemy.exc import SQLAlchemyError
    from sqlmodel import create_engine

    rows = _records(document)
    engine = create_engine(f"sqlite:///{path}")
    # The file is new and private until renamed, so no journal is needed; we fsync it ourselves.
    event.listen(engine, "connect", _fast_pragmas)
    try:
        _insert_all(engine, rows)
    except SQLAlchemyError as exc:
        reason = str(getattr(exc, "orig", exc))
        if "full" in reason:
            raise OSError(errno.ENOSPC, "磁盘空间不足", str(path)) from exc
        if "disk I/O error" in reason:
            raise OSError(errno.EIO, "写入磁盘失败（磁盘空间不足或磁盘出错）", str(path)) from exc
        if "unable to open" in reason or "readonly" in reason:
            raise OSError(errno.EACCES, "没有写入权限", str(path)) from exc
        raise OSError(errno.EIO, reason, str(path)) from exc
    finally:
        engine.dispose()


def _fast_pragmas(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.execute("PRAGMA journal_mode = OFF")
    dbapi_connection.execute("PRAGMA synchronous = OFF")


def _insert_all(engine: Any, rows: dict[str, list[dict[str, Any]]]) -> None:
    from sqlalchemy import insert
    from sqlmodel import SQLModel

    from goaleditor.model import schema

    tables = [record.__table__ for record in schema.RECORDS]  # type: ignore[attr-defined]
    with engine.begin() as connection:
        connection.exec_driver_sql(f"PRAGMA application_id = {APPLICATION_ID}")
        connection.exec_driver_sql(f"PRAGMA user_version = {SCHEMA_VERSION}")
        SQLModel.metadata.create_all(connection, tables=tables)
        for table in tables:
            if rows[table.name]:
                connection.execute(insert(table), rows[table.name])


def _records(document: Document) -> dict[str, list[dict[str, Any]]]:
    rows: dict[str, list[dict[str, Any]]] = {
        "document": [
            {
                "id": 1,
                "agency_code": document.agency_code,
                "agency_name": document.agency_name,
                "year": document.year,
                "title": document.title,
                "framework": document.framework,
                "merge_level2": document.merge_level2,
            }
        ],
        "goal_table": [],
        "level1": [],
        "level2": [],
        "indicator": [],
    }
    level1_id = level2_id = indicator_id = 0
    for table_pos, table in enumerate(document.tables):
        table_id = table_pos + 1
        rows["goal_table"].append(
            {
                "id": table_id,
                "position": table_pos,
                "project_name": table.project_name,
                "money_unit": table.money_unit,
                "budget_total": format_money(table.budget_total),
                "budget_fiscal": format_money(table.budget_fiscal),
                "budget_other": format_money(table.budget_other),
                "fund_use": table.fund_use,
                "goal": table.goal,
            }
        )
        for pos1, level1 in enumerate(table.children):
            level1_id += 1
            rows["level1"].append(
                {"id": level1_id, "table_id": table_id, "position": pos1, "name": level1.name}
            )
            for pos2, level2 in enumerate(level1.children):
                level2_id += 1
                rows["level2"].append(
                    {"id": level2_id, "level1_id": level1_id, "position": pos2, "name": level2.name}
                )
                for pos3, ind in enumerate(level2.children):
                    indicator_id += 1
                    rows["indicator"].append(
                        {
                            "id": indicator_id,
                            "level2_id": level2_id,
                            "position": pos3,
                            "name": ind.name,
                            "description": ind.description,
                            "comparator": ind.comparator,
                            "value": ind.value,
                            "unit": ind.unit,
                        }
                    )
    return rows
