"""The working copy: every edit is committed here once made, so a crash loses nothing.

One SQLite file per open document in the user's data folder (never the user's own
file). Each goal table is a row of JSON, rewritten when that table changes, so an
edit costs one small transaction however large the document. The document's listener only
notes what changed; the editor calls flush() once the edit is done, outside any undo
command, so a disk error never interrupts an edit. A process lock file
beside it tells a running editor's copy from one left by a crash.
"""

from __future__ import annotations

import json
import sqlite3
import time
import uuid
from dataclasses import dataclass
from operator import attrgetter
from pathlib import Path
from typing import Any

from goaleditor.files.os_lock import ProcessLock, is_locked
from goaleditor.model.document import (
    Document,
    GoalTable,
    Indicator,
    Level1,
    Level2,
    containing_table,
)
from goaleditor.model.events import Edited, Event, Moved
from goaleditor.model.fields import (
    DOCUMENT_PROPERTIES,
    HEADER_FIELDS,
    INDICATOR_FIELDS,
    MONEY_FIELDS,
)
from goaleditor.model.money import format_money, parse_money

SUFFIX = ".working"
LOCK_SUFFIX = ".lock"


_header_values = attrgetter(*HEADER_FIELDS)
_indicator_values = attrgetter(*INDICATOR_FIELDS)  # a tuple, written as a JSON list
_compact = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def table_to_json(table: GoalTable) -> str:
    """A table, with empty groups, as compact JSON."""
    data: dict[str, Any] = dict(zip(HEADER_FIELDS, _header_values(table), strict=True))
    for name in MONEY_FIELDS:
        data[name] = format_money(data[name])
    data["tree"] = [
        [l1.name, [[l2.name, list(map(_indicator_values, l2.children))] for l2 in l1.children]]
        for l1 in table.children
    ]
    return _compact.encode(data)


def table_from_json(text: str) -> GoalTable:
    """The inverse of table_to_json."""
    data = json.loads(text)
    header = {name: data.get(name, "") for name in HEADER_FIELDS}
    for name in MONEY_FIELDS:
        header[name] = parse_money(header[name])
    children = [
        Level1(l1, [Level2(l2, [Indicator(*fields) for fields in items]) for l2, items in l2s])
        for l1, l2s in data.get("tree", [])
    ]
    return GoalTable(**header, children=children)


def _properties(document: Document) -> str:
    return json.dumps(
        {name: getattr(document, name) for name in DOCUMENT_PROPERTIES}, ensure_ascii=False
    )


@dataclass(frozen=True, slots=True)
class Orphan:
    """A working copy left behind by an editor that did not close cleanly."""

    path: Path
    source: str  # the user's file it belongs to ('' for a new, never saved document)
    modified: float  # when its last edit was committed (epoch seconds)
    tables: int = 0  # how many tables it holds


class Claim:
    """An orphan being offered by this editor: no other editor offers it meanwhile."""

    def __init__(self, lock: ProcessLock) -> None:
        self._lock: ProcessLock | None = lock

    def release(self) -> None:
        """Let other editors offer it again (idempotent)."""
        if self._lock is not None:
            self._lock.release()
            self._lock = None


class WorkingCopy:
    """Follows a document's changes and commits them to the working copy file on flush()."""

    def __init__(self, folder: Path, document: Document, source: Path | None) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.path = folder / f"{uuid.uuid4().hex}{SUFFIX}"
        self._lock = ProcessLock(self.path.with_name(self.path.name + LOCK_SUFFIX))
        self._db = sqlite3.connect(self.path, isolation_level=None)
        self._db.execute("PRAGMA journal_mode = WAL")  # a commit survives the process dying
        self._db.execute("PRAGMA synchronous = NORMAL")
        # No checkpoint in the middle of an edit; the editor calls checkpoint() when idle.
        self._db.execute("PRAGMA wal_autocheckpoint = 0")
        self._db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        self._db.execute("CREATE TABLE goal (uid TEXT PRIMARY KEY, data TEXT NOT NULL)")
        self._document = document
        # Tables are kept referenced so that a deleted table's id() is never reused.
        self._uids: dict[int, tuple[GoalTable, str]] = {}
        self._pending = self._pending_properties = False
        self._pending_tables: dict[int, GoalTable] = {}
        # The tables of the order last committed (ids of tables kept alive by _uids): the order
        # is rewritten, with any table not in it, only after tables were inserted, removed or
        # moved (every change to the table list is an event on the Document).
        self._committed_order: frozenset[int] = frozenset()
        self._writing_order: frozenset[int] = frozenset()
        self._pending_order = True
        with self._db:
            self._db.execute("BEGIN")
            self._set_meta("source", str(source or ""))
            self._set_meta("properties", _properties(document))
            self._write_order()  # writes every table
        self._committed()
        # Folded now, while the document opens, not by the first idle checkpoint: that one
        # would otherwise copy every table (tens of ms at 1000 tables) when an edit may come.
        self.checkpoint()
        self._unsubscribe = document.subscribe(self._on_change)

    def set_source(self, source: Path | None) -> None:
        """The user's file this work belongs to (after 另存为)."""
        self._set_meta("source", str(source or ""))

    def _set_meta(self, key: str, value: str) -> None:
        self._db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, value))

    def _uid(self, table: GoalTable) -> str:
        known = self._uids.get(id(table))
        if known is None:  # a uuid only for a table not seen before (making one costs ~2 µs)
            known = self._uids[id(table)] = (table, uuid.uuid4().hex)
        return known[1]

    def _write_table(self, table: GoalTable) -> None:
        self._db.execute(
            "INSERT OR REPLACE INTO goal VALUES (?, ?)", (self._uid(table), table_to_json(table))
        )

    def _write_order(self) -> None:
        """The time of this commit, and the table order when it changed, with every table
        not in the committed order (new tables and copies, or all on the first commit)."""
        tables = self._document.tables
        if self._pending_order:
            committed = self._committed_order
            for table in tables:
                if id(table) not in committed:
                    self._write_table(table)
            self._set_meta("order", json.dumps([self._uid(t) for t in tables]))
            self._writing_order = frozenset(map(id, tables))
        self._set_meta("modified", str(time.time()))

    def _on_change(self, change: Event) -> None:
        # Inside an edit (an undo command's redo): only note what changed; flush() writes it.
        if change.phase != "after":
            return
        self._pending = True
        if isinstance(change.parent, Document):
            if isinstance(change, Edited):
                self._pending_properties = True
            else:  # tables inserted, removed or moved
                self._pending_order = True
            return
        changed = containing_table(change.parent)
        if isinstance(change, Moved):
            changed = changed or containing_table(change.dest)
        if isinstance(change, Edited) and isinstance(change.target, GoalTable):
            changed = change.target
        if changed is not None:
            self._pending_tables[id(changed)] = changed

    def flush(self) -> None:
        """Commit the edits made since the last flush in one transaction (errors propagate;
        what was pending stays pending, so the next flush tries again)."""
        if not self._pending:
            return
        self._db.execute("BEGIN")
        try:
            if self._pending_properties:
                self._set_meta("properties", _properties(self._document))
            for table in self._pending_tables.values():
                self._write_table(table)
            self._write_order()
            self._set_meta("edited", "1")
            self._db.execute("COMMIT")
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._committed()

    def _committed(self) -> None:
        """What was pending is in the file now."""
        if self._pending_order:
            self._committed_order = self._writing_order
        self._pending = self._pending_properties = self._pending_order = False
        self._pending_tables.clear()

    def mark_saved(self) -> None:
        """The document equals its saved file again: a crash now would lose nothing."""
        self._set_meta("edited", "0")

    def checkpoint(self) -> None:
        """Fold the write-ahead log into the file (between edits, when nobody waits)."""
        self._db.execute("PRAGMA wal_checkpoint(PASSIVE)")

    def close(self) -> None:
        """The document was closed on purpose: forget the working copy."""
        self._unsubscribe()
        self._db.close()
        for path in (
            self.path,
            self.path.with_name(self.path.name + "-wal"),
            self.path.with_name(self.path.name + "-shm"),
        ):
            path.unlink(missing_ok=True)
        self._lock.release()
        self.path.with_name(self.path.name + LOCK_SUFFIX).unlink(missing_ok=True)


def find_orphans(folder: Path) -> list[Orphan]:
    """Working copies whose editor is gone (crashed or killed), newest first."""
    orphans = []
    for path in folder.glob(f"*{SUFFIX}") if folder.is_dir() else []:
        if is_locked(path.with_name(path.name + LOCK_SUFFIX)):
            continue  # another running editor's
        try:
            db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
            try:
                meta = dict(db.execute("SELECT key, value FROM meta").fetchall())
            finally:
                db.close()
        except sqlite3.Error:
            continue
        try:
            tables = len(json.loads(meta.get("order", "[]")))
        except (ValueError, TypeError):
            tables = 0
        orphan = Orphan(path, meta.get("source", ""), float(meta.get("modified", "0")), tables)
        if meta.get("edited") != "1":
            discard(orphan)  # opened but never edited: nothing to give back
            continue
        orphans.append(orphan)
    return sorted(orphans, key=lambda o: o.modified, reverse=True)


def claim(orphan: Orphan) -> Claim | None:
    """Hold an orphan while offering it (two editors starting together never both offer
    it); None when another editor holds it now. Release the claim before discard()."""
    try:
        return Claim(ProcessLock(orphan.path.with_name(orphan.path.name + LOCK_SUFFIX)))
    except OSError:
        return None


def restore(orphan: Orphan) -> Document:
    """The document as it was at the last committed edit."""
    db = sqlite3.connect(orphan.path)  # read-write: SQLite replays the WAL into it
    try:
        meta = dict(db.execute("SELECT key, value FROM meta").fetchall())
        tables = dict(db.execute("SELECT uid, data FROM goal").fetchall())
    finally:
        db.close()
    properties = json.loads(meta.get("properties", "{}"))
    document = Document(**{k: v for k, v in properties.items() if k in DOCUMENT_PROPERTIES})
    for uid in json.loads(meta.get("order", "[]")):
        table = table_from_json(tables[uid])
        table.document = document
        document.tables.append(table)
    return document


def discard(orphan: Orphan) -> None:
    """Delete an orphaned working copy."""
    for suffix in ("", "-wal", "-shm", LOCK_SUFFIX):
        orphan.path.with_name(orphan.path.name + suffix).unlink(missing_ok=True)
