"""The .goals file: round trips, identification, versions, migrations, refusals."""

from __future__ import annotations

import sqlite3
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from goaleditor.errors import InputError
from goaleditor.model import schema, store
from goaleditor.model.document import Document, GoalTable, Level1, Level2
from goaleditor.model.fields import DOCUMENT_PROPERTIES, HEADER_FIELDS, INDICATOR_FIELDS
from tests.compare import document_differences, documents_equal
from tests.strategies import documents


def test_round_trip_example(tmp_path: Path, example_document) -> None:
    path = tmp_path / "a.goals"
    store.save_document(example_document, path)
    back = store.load_document(path)
    assert documents_equal(back, example_document), document_differences(back, example_document)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(documents())
def test_round_trip_any_document(tmp_path: Path, document) -> None:
    """Everything survives: both frameworks, merge_level2, empty 一级/二级 groups."""
    path = tmp_path / "h.goals"
    store.save_document(document, path)
    back = store.load_document(path)
    assert documents_equal(back, document), document_differences(back, document)


def test_empty_groups_and_options_survive(tmp_path: Path) -> None:
    table = GoalTable(project_name="p", children=[Level1("产出指标", [Level2("数量指标")])])
    doc = Document(framework="cost-first", merge_level2=True, tables=[table])
    path = tmp_path / "e.goals"
    store.save_document(doc, path)
    back = store.load_document(path)
    assert documents_equal(back, doc), document_differences(back, doc)
    assert back.merge_level2 is True and back.tables[0].children[0].children[0].children == []


def test_file_is_marked(tmp_path: Path, example_document) -> None:
    path = tmp_path / "m.goals"
    store.save_document(example_document, path)
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA application_id").fetchone()[0] == store.APPLICATION_ID
        assert db.execute("PRAGMA user_version").fetchone()[0] == store.SCHEMA_VERSION
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


# Version 4 of the file format, as files in users' hands have it: changing the SQLModel
# tables changes this, and needs a new SCHEMA_VERSION with a migration.
_MONEY_BLOCK = " ".join(
    f"budget_{column}{row}"
    for column in ("initial", "adjusted", "executed")
    for row in ("", "_fiscal", "_carryover", "_other")
)
FORMAT_V4 = {
    "document": "id agency_code agency_name year title framework merge_level2 layout kind scoring",
    "goal_table": "id position project_name money_unit budget_total budget_fiscal budget_other "
    "fund_use goal project_nature project_category supervisor implementer start_date end_date "
    f"period_total period_fiscal period_other budget_carryover period_goal {_MONEY_BLOCK} "
    "budget_weight budget_score goal_result process_summary conclusion problems improvements "
    "project_leader finance_leader review_goal review_output review_benefit "
    "review_satisfaction review_todo review_result",
    "level1": "id table_id position name",
    "level2": "id level1_id position name",
    "indicator": "id level2_id position name description comparator value unit "
    "weight explanation standard remark actual score grade deviation "
    "review_verdict review_opinion",
    "ix_goal_table_position": "position",
    "ix_level1_table_id": "table_id",
    "ix_level2_level1_id": "level1_id",
    "ix_indicator_level2_id": "level2_id",
}


def test_file_format_is_version_4(tmp_path: Path, example_document) -> None:
    path = tmp_path / "v4.goals"
    store.save_document(example_document, path)
    with sqlite3.connect(path) as db:
        objects = db.execute("SELECT type, name FROM sqlite_master").fetchall()
        columns = {
            name: " ".join(
                row[2 if kind == "index" else 1]
                for row in db.execute(f"PRAGMA {kind}_info({name})")
            )
            for kind, name in objects
        }
    assert columns == FORMAT_V4
    assert store.allowed_objects() == set(objects)


def test_every_column_is_structure_or_a_domain_field() -> None:
    structure = {"id", "position", "table_id", "level1_id", "level2_id"}
    domain = {
        "document": DOCUMENT_PROPERTIES,
        "goal_table": HEADER_FIELDS,
        "level1": ("name",),
        "level2": ("name",),
        "indicator": INDICATOR_FIELDS,
    }
    for record in schema.RECORDS:
        table = record.__table__
        assert {c.name for c in table.columns} - structure == set(domain[table.name])


def _set_pragma(path: Path, name: str, value: int) -> None:
    db = sqlite3.connect(path)
    db.execute(f"PRAGMA {name} = {value}")
    db.commit()
    db.close()


def test_newer_version_is_refused(tmp_path: Path, example_document) -> None:
    path = tmp_path / "new.goals"
    store.save_document(example_document, path)
    _set_pragma(path, "user_version", store.SCHEMA_VERSION + 1)
    with pytest.raises(InputError, match="更新版本的goaleditor"):
        store.load_document(path)


def test_older_version_is_migrated_without_touching_the_file(
    tmp_path: Path, example_document, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pretend there is a next format version, whose migration retitles the document."""
    path = tmp_path / "old.goals"
    store.save_document(example_document, path)
    before = path.read_bytes()
    current = store.SCHEMA_VERSION

    def to_next(db: sqlite3.Connection) -> None:
        db.execute("UPDATE document SET title = 'migrated'")

    monkeypatch.setattr(store, "SCHEMA_VERSION", current + 1)
    monkeypatch.setitem(store.KNOWN_SCHEMAS, current + 1, store.KNOWN_SCHEMAS[current])
    monkeypatch.setitem(store.MIGRATIONS, current, to_next)
    assert store.load_document(path).title == "migrated"
    assert path.read_bytes() == before


def test_other_sqlite_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.goals"
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE t (x)")
    db.commit()
    db.close()
    with pytest.raises(InputError, match="其他程序的数据库"):
        store.load_document(path)


@pytest.mark.parametrize("content", [b"", b"hello", b"SQLite format 3\x00" + b"\x00" * 50])
def test_not_sqlite_is_refused(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "x.goals"
    path.write_bytes(content)
    with pytest.raises(InputError, match="不是绩效目标表文档"):
        store.load_document(path)


def test_truncated_file_is_refused(tmp_path: Path, example_document) -> None:
    path = tmp_path / "t.goals"
    store.save_document(example_document, path)
    path.write_bytes(path.read_bytes()[:3000])
    with pytest.raises(InputError):
        store.load_document(path)


def test_failed_save_leaves_old_file_and_no_temp(
    tmp_path: Path, example_document, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "s.goals"
    store.save_document(example_document, path)
    before = path.read_bytes()

    def boom(*args: object) -> None:
        raise RuntimeError("interrupted")

    monkeypatch.setattr(store, "_records", boom)
    with pytest.raises(RuntimeError):
        store.save_document(Document(), path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["s.goals"]


def test_plain_schema_is_generated_from_the_sqlmodel_tables() -> None:
    """model/file_schema.py says what schema.py says (remake: python -m goaleditor.model.schema)."""
    from goaleditor.model import file_schema

    expected = schema.file_schema()
    assert {name: list(columns) for name, columns in file_schema.TABLES.items()} == expected[
        "tables"
    ]
    assert list(file_schema.MASTER) == expected["master"]


def _sqlmodel_written(document: Document) -> sqlite3.Connection:
    """The document written the way SQLModel itself would: create_all, then its rows inserted
    by column name (so a column order of file_schema unlike the records' would show)."""
    from sqlalchemy import insert
    from sqlalchemy.pool import StaticPool
    from sqlmodel import SQLModel, create_engine

    memory = sqlite3.connect(":memory:", check_same_thread=False)
    engine = create_engine("sqlite://", creator=lambda: memory, poolclass=StaticPool)
    tables = [record.__table__ for record in schema.RECORDS]  # type: ignore[attr-defined]
    written = sqlite3.connect(":memory:")
    with engine.begin() as connection:
        SQLModel.metadata.create_all(connection, tables=tables)
        for table in tables:
            rows = [
                dict(zip(table.columns.keys(), row, strict=True))
                for row in store._records(document)[table.name]
            ]
            if rows:
                connection.execute(insert(table), rows)
    memory.backup(written)
    engine.dispose()
    return written


def _dump(connection: sqlite3.Connection) -> dict[str, object]:
    master = sorted(connection.execute("SELECT type, name, tbl_name, sql FROM sqlite_master"))
    rows = {
        name: connection.execute(f"SELECT * FROM {name} ORDER BY id").fetchall()
        for _kind, name, _table, _sql in master
        if _kind == "table"
    }
    return {"master": master, "rows": rows}


def test_the_plain_writer_writes_what_sqlmodel_would(tmp_path: Path, example_document) -> None:
    """Saving without SQLModel: the same schema and the same rows as SQLModel's own inserts."""
    path = tmp_path / "plain.goals"
    store.save_document(example_document, path)
    plain = sqlite3.connect(path)
    assert plain.execute("PRAGMA application_id").fetchone()[0] == store.APPLICATION_ID
    assert plain.execute("PRAGMA user_version").fetchone()[0] == store.SCHEMA_VERSION
    assert _dump(plain) == _dump(_sqlmodel_written(example_document))
    assert documents_equal(store.load_document(path), example_document)


def _wal_pair(path: Path, example_document, title: str) -> bytes:
    """A WAL-mode document whose last change (the title) is still only in its -wal file."""
    store.save_document(example_document, path)
    live = path.with_name("live.goals")
    path.rename(live)
    db = sqlite3.connect(live)
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA wal_autocheckpoint = 0")
    db.execute("UPDATE document SET title = ?", (title,))
    db.commit()
    path.write_bytes(live.read_bytes())
    wal = live.with_name("live.goals-wal").read_bytes()
    db.close()
    for leftover in tmp_files(path.parent, "live.goals"):
        leftover.unlink()
    return wal


def tmp_files(folder: Path, prefix: str) -> list[Path]:
    return [p for p in folder.iterdir() if p.name.startswith(prefix)]


def test_wal_file_opens_and_nothing_appears_beside_it(tmp_path: Path, example_document) -> None:
    path = tmp_path / "w.goals"
    wal = _wal_pair(path, example_document, "已提交但未写回")
    assert path.read_bytes()[18:20] == b"\x02\x02"
    before = path.read_bytes()
    assert store.load_document(path).title == example_document.title  # no -wal: main file
    assert sorted(p.name for p in tmp_path.iterdir()) == ["w.goals"]
    path.with_name("w.goals-wal").write_bytes(wal)
    assert store.load_document(path).title == "已提交但未写回"  # committed in the WAL
    assert sorted(p.name for p in tmp_path.iterdir()) == ["w.goals", "w.goals-wal"]
    assert path.read_bytes() == before and path.with_name("w.goals-wal").read_bytes() == wal


CRASHING_TOOL = """
import os, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.execute("PRAGMA cache_size = 2")
db.execute("BEGIN")
db.execute("UPDATE document SET title = 'half-done'")
db.execute("UPDATE indicator SET description = hex(randomblob(300))")
os._exit(0)  # killed in the middle of its transaction: a hot journal stays beside the file
"""


def test_leftover_journal_is_rolled_back_on_a_copy(tmp_path: Path, example_document) -> None:
    import subprocess
    import sys

    path = tmp_path / "j.goals"
    store.save_document(example_document, path)
    subprocess.run([sys.executable, "-c", CRASHING_TOOL, str(path)], check=True)
    journal = path.with_name("j.goals-journal")
    assert journal.stat().st_size > 0
    before, journal_before = path.read_bytes(), journal.read_bytes()
    back = store.load_document(path)
    assert documents_equal(back, example_document), document_differences(back, example_document)
    assert path.read_bytes() == before and journal.read_bytes() == journal_before


@pytest.mark.parametrize("name", ["data?v2.goals", "a%20b.goals", "x#y&z=1.goals", "百分比%.goals"])
def test_any_file_name_is_written_exactly_there(tmp_path: Path, example_document, name) -> None:
    (tmp_path / "data").write_bytes(b"not a database")  # where a URL reading of "data?v2" goes
    path = tmp_path / name
    store.save_document(example_document, path)
    store.save_document(example_document, path)  # and saved again over itself
    assert documents_equal(store.load_document(path), example_document)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["data", name])
    assert (tmp_path / "data").read_bytes() == b"not a database"


def test_a_runaway_statement_is_stopped(tmp_path: Path, example_document, monkeypatch) -> None:
    from goaleditor.model import untrusted_sqlite

    budget = untrusted_sqlite.Budget()
    db = sqlite3.connect(":memory:")
    untrusted_sqlite.defensive(db, budget)
    endless = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT max(i) FROM n"
    monkeypatch.setattr(untrusted_sqlite, "MAX_STEPS", 5_000_000)
    with pytest.raises(sqlite3.OperationalError, match="interrupted"):
        db.execute(endless).fetchall()
    assert budget.spent
    path = tmp_path / "slow.goals"
    store.save_document(example_document, path)
    monkeypatch.setattr(untrusted_sqlite, "STEP_INTERVAL", 100)
    monkeypatch.setattr(untrusted_sqlite, "MAX_STEPS", 1000)
    with pytest.raises(InputError, match="用时过长"):
        store.load_document(path)


@pytest.mark.parametrize("kind", ["fifo", "device"])
def test_a_special_file_is_refused_without_reading(tmp_path: Path, kind: str) -> None:
    import os

    path = tmp_path / "x.goals"
    if kind == "fifo":
        os.mkfifo(path)
    else:
        path.symlink_to("/dev/zero")
    with pytest.raises(InputError, match="不是普通文件"):
        store.load_document(path)


V2_FILE = Path(__file__).parents[1] / "fixtures" / "v2-example.goals"
V1_FILE = Path(__file__).resolve().parents[1] / "fixtures" / "v1-example.goals"
# Saved by version 3: `import` of the bundled example, then `self-evaluate` (天津 scoring).
V3_FILE = Path(__file__).resolve().parents[1] / "fixtures" / "v3-self-evaluation.goals"


def test_a_version_1_file_opens_upgraded_and_untouched(tmp_path: Path, example_document) -> None:
    """tests/fixtures/v1-example.goals was saved by version 1 (the bundled example)."""
    path = tmp_path / "v1.goals"
    path.write_bytes(V1_FILE.read_bytes())
    assert store.read_header(path).user_version == 1
    with sqlite3.connect(path) as db:
        objects = set(db.execute("SELECT type, name FROM sqlite_master").fetchall())
    assert objects == store.allowed_objects(1)
    before = path.read_bytes()
    document = store.load_document(path)
    assert path.read_bytes() == before
    assert document_differences(document, example_document) == []
    assert document.layout == "tianjin"
    table = document.tables[0]
    assert (table.start_date, table.period_total, table.budget_carryover) == ("", None, None)
    assert {i.weight for _, _, i in table.indicator_rows()} == {""}
    resaved = tmp_path / "v3.goals"
    store.save_document(document, resaved)
    assert store.read_header(resaved).user_version == store.SCHEMA_VERSION
    assert document_differences(store.load_document(resaved), example_document) == []


def test_a_version_2_file_opens_as_a_goal_document(tmp_path: Path, example_document) -> None:
    """tests/fixtures/v2-example.goals was saved by version 2 (the example, one weight and one
    项目资金总额 set): it opens as a 目标表 with every 自评表 field empty, the file untouched."""
    path = tmp_path / "v2.goals"
    path.write_bytes(V2_FILE.read_bytes())
    assert store.read_header(path).user_version == 2
    before = path.read_bytes()
    document = store.load_document(path)
    assert path.read_bytes() == before
    assert (document.kind, document.scoring) == ("goals", "central")
    table = document.tables[0]
    assert (table.period_total, table.budget_initial, table.goal_result) == (
        Decimal("12.5"),
        None,
        "",
    )
    first = next(table.indicator_rows())[2]
    assert (first.weight, first.actual, first.score, first.deviation) == ("5", "", "", "")
    assert (
        document.tables[1:]
        and document_differences(
            Document(tables=document.tables[1:]), Document(tables=example_document.tables[1:])
        )
        == []
    )


def test_the_version_2_snapshot_is_what_version_2_wrote() -> None:
    from goaleditor.model import file_schema_v2

    with sqlite3.connect(f"{V2_FILE.resolve().as_uri()}?mode=ro", uri=True) as db:
        master = sorted(db.execute("SELECT type, name, sql FROM sqlite_master").fetchall())
    assert master == list(file_schema_v2.MASTER)


def test_a_version_3_file_opens_unreviewed_and_untouched(tmp_path: Path) -> None:
    path = tmp_path / "v3.goals"
    path.write_bytes(V3_FILE.read_bytes())
    assert store.read_header(path).user_version == 3
    before = path.read_bytes()
    document = store.load_document(path)
    assert path.read_bytes() == before
    assert (document.kind, document.scoring, len(document.tables)) == (
        "self-evaluation",
        "tianjin",
        6,
    )
    table = document.tables[0]
    assert table.budget_weight == "10"
    assert (table.review_todo, table.review_result) == ("", "")
    assert {(i.review_verdict, i.review_opinion) for _, _, i in table.indicator_rows()} == {
        ("", "")
    }
    resaved = tmp_path / "v4.goals"
    store.save_document(document, resaved)
    assert store.read_header(resaved).user_version == store.SCHEMA_VERSION
    assert document_differences(store.load_document(resaved), document) == []


def test_the_version_3_snapshot_is_what_version_3_wrote() -> None:
    from goaleditor.model import file_schema_v3

    with sqlite3.connect(f"{V3_FILE.resolve().as_uri()}?mode=ro", uri=True) as db:
        master = sorted(db.execute("SELECT type, name, sql FROM sqlite_master").fetchall())
    assert master == list(file_schema_v3.MASTER)


def test_a_reviewers_marks_round_trip(tmp_path: Path, example_document) -> None:
    table = example_document.tables[1]
    table.review_output, table.review_todo = "数量指标不够具体", "补充质量指标；\n细化时效指标"
    table.review_result = "修改完善后通过"
    indicator = list(table.indicator_rows())[2][2]
    indicator.review_verdict, indicator.review_opinion = "不通过", "指标值应量化"
    path = tmp_path / "reviewed.goals"
    store.save_document(example_document, path)
    back = store.load_document(path)
    assert document_differences(back, example_document) == []
    again = list(back.tables[1].indicator_rows())[2][2]
    assert (again.review_verdict, again.review_opinion) == ("不通过", "指标值应量化")
    assert back.tables[1].review_todo == "补充质量指标；\n细化时效指标"


def test_a_self_evaluation_round_trips(tmp_path: Path, example_document) -> None:
    document = example_document
    document.kind, document.scoring = "self-evaluation", "hubei"
    table = document.tables[0]
    table.budget_adjusted_carryover, table.budget_weight = Decimal("3.50"), "20"
    table.goal_result = "完成"
    indicator = next(table.indicator_rows())[2]
    indicator.actual, indicator.score, indicator.grade = "12个", "8.5", "部分达成"
    indicator.deviation = "原因：\n改进："
    path = tmp_path / "se.goals"
    store.save_document(document, path)
    back = store.load_document(path)
    assert document_differences(back, document) == []
    assert (back.kind, back.scoring, back.tables[0].budget_adjusted_carryover) == (
        "self-evaluation",
        "hubei",
        Decimal("3.50"),
    )


def test_an_unknown_document_kind_is_refused(tmp_path: Path, example_document) -> None:
    path = tmp_path / "k.goals"
    store.save_document(example_document, path)
    with sqlite3.connect(path) as db:
        db.execute("UPDATE document SET kind = 'budget'")
    with pytest.raises(InputError, match="文档类型“budget”未知"):
        store.load_document(path)


def test_the_version_1_snapshot_is_what_version_1_wrote() -> None:
    """The frozen MASTER of version 1 matches the fixture file row for row."""
    from goaleditor.model import file_schema_v1

    with sqlite3.connect(f"{V1_FILE.resolve().as_uri()}?mode=ro", uri=True) as db:
        master = sorted(db.execute("SELECT type, name, sql FROM sqlite_master").fetchall())
    assert master == list(file_schema_v1.MASTER)


def test_every_field_of_every_layout_round_trips(tmp_path: Path, full_document) -> None:
    path = tmp_path / "full.goals"
    store.save_document(full_document, path)
    back = store.load_document(path)
    assert document_differences(back, full_document) == []
    table = back.tables[0]
    assert (back.layout, table.period_total, table.end_date) == (
        "shanghai",
        full_document.tables[0].period_total,
        "2026-12-31",
    )
    assert next(table.indicator_rows())[2].standard == "超支扣5分"


def test_a_blob_in_a_text_column_is_read_as_its_text(tmp_path: Path, example_document) -> None:
    """Another program stored a name as a BLOB: it reads as text, never as b'…'."""
    path = tmp_path / "blob.goals"
    store.save_document(example_document, path)
    with sqlite3.connect(path) as connection:
        connection.execute(
            "update indicator set name = ? where rowid = (select min(rowid) from indicator)",
            ("来自别的程序".encode() + b"\xff",),
        )
    connection.close()
    first = next(iter(store.load_document(path).tables[0].indicator_rows()))[2]
    assert first.name == "来自别的程序\ufffd"


def test_a_blob_that_is_not_utf8_is_said_like_damaged_text(
    tmp_path: Path, example_document
) -> None:
    """A reviewer's verdict and opinion SQL-written as BLOBs of no text: read with U+FFFD and
    said, as damaged text is (a valid UTF-8 BLOB reads without a word)."""
    path = tmp_path / "blob.goals"
    store.save_document(example_document, path)
    with sqlite3.connect(path) as connection:
        connection.execute("update indicator set review_verdict = x'00ff10'")
        connection.execute("update goal_table set review_todo = ?", ("补充".encode(),))
    connection.close()
    said: list[str] = []
    back = store.load_document(path, said.append)
    first = next(iter(back.tables[0].indicator_rows()))[2]
    assert first.review_verdict == "\x00\ufffd\x10"
    assert back.tables[0].review_todo == "补充"
    count = sum(1 for table in back.tables for _ in table.indicator_rows())
    assert said == [f"blob.goals 中有{count}处文字已损坏（编码无效），已用“\ufffd”代替，请检查"]
