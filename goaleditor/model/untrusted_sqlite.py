"""Opening an SQLite file that may have been crafted to do harm, as SQLite's guidance says.

The file is read into memory once (with a leftover journal or WAL resolved on a private
copy in a temporary folder), so nothing is ever created or changed beside the user's
file. Queries run with small limits, untrusted schema off and a progress handler that
stops any statement after a bounded number of steps or seconds. Python 3.11 has no
``SQLITE_DBCONFIG_DEFENSIVE``; what it would forbid (writing the schema, running code
from it) cannot happen here: the schema is compared with ours before anything else runs,
and the database is a private copy that nobody else reads.
"""

from __future__ import annotations

import re
import sqlite3
import stat
import tempfile
import time
from pathlib import Path

from goaleditor.errors import InputError, os_error_reason

MAX_FILE_BYTES = 256 * 1024 * 1024
# A row holds at most a handful of capped fields (limits.MAX_FIELD_CHARS, ≤ 4 bytes each).
MAX_VALUE_BYTES = 4 * 1024 * 1024
LIMITS = {
    sqlite3.SQLITE_LIMIT_LENGTH: MAX_VALUE_BYTES,
    sqlite3.SQLITE_LIMIT_SQL_LENGTH: 100_000,
    sqlite3.SQLITE_LIMIT_COLUMN: 100,
    sqlite3.SQLITE_LIMIT_EXPR_DEPTH: 100,
    sqlite3.SQLITE_LIMIT_COMPOUND_SELECT: 10,
    sqlite3.SQLITE_LIMIT_VDBE_OP: 25_000,
    sqlite3.SQLITE_LIMIT_FUNCTION_ARG: 8,
    sqlite3.SQLITE_LIMIT_ATTACHED: 0,
    sqlite3.SQLITE_LIMIT_LIKE_PATTERN_LENGTH: 50,
    sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER: 10,
    sqlite3.SQLITE_LIMIT_TRIGGER_DEPTH: 1,
}
# The progress handler runs every STEP_INTERVAL virtual-machine steps. A real document of
# the largest size we accept reads in well under a second; these stop a hostile one.
STEP_INTERVAL = 10_000
MAX_STEPS = 1_000_000_000
MAX_SECONDS = 15.0
# Header bytes 18 and 19: file format write/read version, 2 for a WAL-mode database.
_WAL_VERSION_OFFSETS = (18, 19)


class Budget:
    """A progress handler: stops statements once the step or time budget is spent."""

    def __init__(self) -> None:
        self.calls = 0
        self.deadline = time.monotonic() + MAX_SECONDS
        self.spent = False

    def __call__(self) -> int:
        self.calls += 1
        if self.calls * STEP_INTERVAL > MAX_STEPS or time.monotonic() > self.deadline:
            self.spent = True
        return int(self.spent)


def defensive(connection: sqlite3.Connection, budget: Budget) -> None:
    """Small limits, untrusted schema, cell checks and the step budget on a connection."""
    for limit, value in LIMITS.items():
        connection.setlimit(limit, value)
    connection.execute("PRAGMA trusted_schema = OFF")
    connection.execute("PRAGMA cell_size_check = ON")
    connection.execute("PRAGMA mmap_size = 0")
    connection.set_progress_handler(budget, STEP_INTERVAL)


def read_bytes(path: Path) -> bytes:
    """The bytes of a regular file of at most MAX_FILE_BYTES; InputError otherwise."""
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise InputError(f"这是一个文件夹，不是文档：{path}")
        if not stat.S_ISREG(info.st_mode):
            raise InputError(f"不是普通文件，无法作为文档打开：{path}")
        if info.st_size > MAX_FILE_BYTES:
            raise InputError(
                f"文件过大（{info.st_size // 2**20} MB），不像是绩效目标表文档：{path.name}"
            )
        with path.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise InputError(f"找不到文件：{path}") from None
    except IsADirectoryError:
        raise InputError(f"这是一个文件夹，不是文档：{path}") from None
    except OSError as exc:
        raise InputError(f"无法读取文件 {path}：{os_error_reason(exc, reading=True)}") from None
    if len(data) > MAX_FILE_BYTES:
        raise InputError(f"文件过大，不像是绩效目标表文档：{path.name}")
    return data


def _sidecar(path: Path, suffix: str) -> bytes | None:
    """A journal or WAL file beside the document, if there is a readable non-empty one."""
    side = path.with_name(path.name + suffix)
    try:
        if not stat.S_ISREG(side.stat().st_mode):
            return None
        return read_bytes(side) or None
    except (OSError, InputError):
        return None


def resolve_sidecars(path: Path, data: bytes, budget: Budget) -> bytes:
    """The database as SQLite would see it: a leftover journal rolled back, a WAL applied.

    Done on a private copy in a temporary folder; the user's files are only read.
    """
    journal = _sidecar(path, "-journal")
    wal = _sidecar(path, "-wal") if data[18:19] == b"\x02" else None
    if journal is None and wal is None:
        return data
    with tempfile.TemporaryDirectory(prefix="goaleditor-open-") as folder:
        copy = Path(folder) / "document.goals"
        copy.write_bytes(data)
        if journal is not None:
            copy.with_name(copy.name + "-journal").write_bytes(journal)
        if wal is not None:
            copy.with_name(copy.name + "-wal").write_bytes(wal)
        connection = sqlite3.connect(copy)
        try:
            defensive(connection, budget)
            connection.execute("SELECT count(*) FROM sqlite_master").fetchall()
            if wal is not None:
                connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
            resolved = connection.serialize()
        finally:
            connection.close()
    return resolved


def in_memory(data: bytes, budget: Budget) -> sqlite3.Connection:
    """A private in-memory database holding data, with the defensive settings on."""
    image = bytearray(data)
    for offset in _WAL_VERSION_OFFSETS:  # any WAL content is already in the image
        if len(image) > offset and image[offset] == 2:
            image[offset] = 1
    connection = sqlite3.connect(":memory:")
    try:
        defensive(connection, budget)
        connection.deserialize(bytes(image))
        defensive(connection, budget)
    except BaseException:
        connection.close()
        raise
    return connection


def normalise_sql(sql: str | None) -> str | None:
    """SQL text with layout differences removed: runs of blanks, blanks around ( ) and ,."""
    if sql is None:
        return None
    text = re.sub(r"\s+", " ", sql).strip()
    return re.sub(r" ?([(),]) ?", r"\1", text)


def schema_differences(
    connection: sqlite3.Connection, expected: tuple[tuple[str, str, str | None], ...]
) -> list[str]:
    """What the file's schema has that ours has not, or has otherwise: '' items if equal.

    Only sqlite_master is read, which runs none of the file's SQL.
    """
    rows = connection.execute("SELECT type, name, tbl_name, sql FROM sqlite_master").fetchall()
    wanted = {(kind, name): normalise_sql(sql) for kind, name, sql in expected}
    found: dict[tuple[str, str], str | None] = {}
    problems: list[str] = []
    for kind, name, table, sql in rows:
        key = (str(kind), str(name))
        if key in found or key not in wanted:
            problems.append(f"多余的{_kind(key[0])} {key[1]}")
            continue
        found[key] = sql if isinstance(sql, str) else None
        owner = name if kind == "table" else _index_table(wanted[key])
        if normalise_sql(found[key]) != wanted[key] or table != owner:
            problems.append(f"{_kind(key[0])} {key[1]} 的定义不同")
    problems += [f"缺少{_kind(kind)} {name}" for kind, name in wanted if (kind, name) not in found]
    return problems


def _index_table(sql: str | None) -> str | None:
    match = re.search(r" ON (\w+)", sql or "")
    return match.group(1) if match else None


def _kind(kind: str) -> str:
    return {"table": "表", "index": "索引", "view": "视图", "trigger": "触发器"}.get(
        kind, f"对象（{kind}）"
    )
