"""The working copy's commit: only what changed is written, and it restores what was edited."""

from __future__ import annotations

import sqlite3
import uuid
from pathlib import Path

import pytest

from goaleditor.formats.canonical_json import dumps
from goaleditor.formats.readers.published_text import read
from goaleditor.model.working_copy import WorkingCopy, find_orphans, restore

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "resources" / "examples" / "binhai-2026-published.txt"


class UuidCounter:
    """Counts the uuids made through uuid.uuid4 while patched in."""

    def __init__(self) -> None:
        self.calls = 0
        self._real = uuid.uuid4

    def __call__(self) -> uuid.UUID:
        self.calls += 1
        return self._real()


class StatementLog:
    """The SQL statements a connection runs, with their parameters."""

    def __init__(self) -> None:
        self.statements: list[tuple[str, tuple[object, ...]]] = []

    def writes_to(self, table: str) -> list[tuple[object, ...]]:
        """The parameters of each write to a table."""
        return [args for sql, args in self.statements if f"INTO {table} " in sql]


def _logged(copy: WorkingCopy) -> StatementLog:
    log = StatementLog()
    real = copy._db

    class Logging:
        def execute(self, sql: str, args: tuple[object, ...] = ()) -> sqlite3.Cursor:
            log.statements.append((sql, args))
            return real.execute(sql, args)

    copy._db = Logging()  # type: ignore[assignment]
    return log


def _restored(copy: WorkingCopy) -> str:
    copy._lock.release()
    (orphan,) = find_orphans(copy.path.parent)
    return dumps(restore(orphan))


def test_an_edit_commit_makes_no_uuid_and_writes_only_the_edited_table(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    document = read(EXAMPLE)
    assert len(document.tables) > 2
    counter = UuidCounter()
    monkeypatch.setattr(uuid, "uuid4", counter)
    copy = WorkingCopy(tmp_path, document, None)
    made = counter.calls  # one for the file's name, one per table
    assert made == 1 + len(document.tables)
    log = _logged(copy)
    indicator = next(document.tables[1].indicator_rows())[2]
    for n in range(5):
        document.set_field(indicator, "value", str(n))
        copy.flush()
    assert counter.calls == made
    assert len(log.writes_to("goal")) == 5
    assert not [args for args in log.writes_to("meta") if args[0] == "order"]
    assert _restored(copy) == dumps(document)


def test_a_new_table_gets_one_uuid_and_the_order_follows_moves_and_removals(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    document = read(EXAMPLE)
    counter = UuidCounter()
    monkeypatch.setattr(uuid, "uuid4", counter)
    copy = WorkingCopy(tmp_path, document, None)
    made = counter.calls
    log = _logged(copy)
    document.insert_tables(1, [document.tables[0].clone()])
    copy.flush()
    assert counter.calls == made + 1
    assert len(log.writes_to("goal")) == 1
    document.move_tables(0, 1, len(document.tables))
    copy.flush()
    removed = document.remove_tables(2, 1)
    copy.flush()
    document.insert_tables(0, removed)  # as an undo puts it back
    copy.flush()
    assert counter.calls == made + 1
    assert len([args for args in log.writes_to("meta") if args[0] == "order"]) == 4
    assert _restored(copy) == dumps(document)


def test_a_table_inserted_by_a_failed_commit_is_written_by_the_next(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    document = read(EXAMPLE)
    copy = WorkingCopy(tmp_path, document, None)
    document.insert_tables(0, [document.tables[1].clone()])

    def full_disk(*args: object) -> None:
        raise sqlite3.OperationalError("database or disk is full")

    with monkeypatch.context() as patch:
        patch.setattr(copy, "_set_meta", full_disk)
        with pytest.raises(sqlite3.OperationalError):
            copy.flush()
    copy.flush()
    assert _restored(copy) == dumps(document)
