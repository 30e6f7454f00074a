"""SQLModel tables of the .goals file format (version 2)."""

from __future__ import annotations

from typing import Any

from sqlmodel import Field, SQLModel


class DocumentRecord(SQLModel, table=True):
    """The single row of document properties."""

    __tablename__ = "document"

    id: int = Field(default=1, primary_key=True)
    agency_code: str = ""
    agency_name: str = ""
    year: int | None = None
    title: str = ""
    framework: str = "classic"
    merge_level2: bool = False
    layout: str = "tianjin"


class TableRecord(SQLModel, table=True):
    """A goal table's header; money is exact decimal text ('' when absent)."""

    __tablename__ = "goal_table"

    id: int = Field(primary_key=True)
    position: int = Field(index=True)
    project_name: str = ""
    money_unit: str = "元"
    budget_total: str = ""
    budget_fiscal: str = ""
    budget_other: str = ""
    fund_use: str = ""
    goal: str = ""
    project_nature: str = ""
    project_category: str = ""
    supervisor: str = ""
    implementer: str = ""
    start_date: str = ""
    end_date: str = ""
    period_total: str = ""
    period_fiscal: str = ""
    period_other: str = ""
    budget_carryover: str = ""
    period_goal: str = ""


class Level1Record(SQLModel, table=True):
    """A 一级 group of a table."""

    __tablename__ = "level1"

    id: int = Field(primary_key=True)
    table_id: int = Field(foreign_key="goal_table.id", index=True)
    position: int
    name: str = ""


class Level2Record(SQLModel, table=True):
    """A 二级 group under a 一级."""

    __tablename__ = "level2"

    id: int = Field(primary_key=True)
    level1_id: int = Field(foreign_key="level1.id", index=True)
    position: int
    name: str = ""


class IndicatorRecord(SQLModel, table=True):
    """A 三级 indicator under a 二级."""

    __tablename__ = "indicator"

    id: int = Field(primary_key=True)
    level2_id: int = Field(foreign_key="level2.id", index=True)
    position: int
    name: str = ""
    description: str = ""
    comparator: str = "≥"
    value: str = ""
    unit: str = ""
    weight: str = ""
    explanation: str = ""
    standard: str = ""
    remark: str = ""


RECORDS: tuple[type[SQLModel], ...] = (
    DocumentRecord,
    TableRecord,
    Level1Record,
    Level2Record,
    IndicatorRecord,
)


def file_schema() -> dict[str, object]:
    """The schema as plain data: what model/file_schema.py holds, for reading without SQLModel.

    ``tables`` maps each table to its columns as (name, kind, role); kind is the Python
    type the reader cleans the value to, role tells keys, parents and positions from fields.
    ``master`` is every row sqlite_master has in a file SQLModel creates: (type, name, sql).
    """
    import sqlite3

    from sqlalchemy import create_engine

    kinds: dict[Any, str] = {bool: "bool", int: "int", int | None: "int"}
    tables: dict[str, list[tuple[str, str, str]]] = {}
    for record in RECORDS:
        table = record.__table__  # type: ignore[attr-defined]
        columns = []
        for column in table.columns:
            role = (
                "key"
                if column.primary_key
                else "parent"
                if column.foreign_keys
                else "position"
                if column.name == "position"
                else "field"
            )
            annotation = record.model_fields[column.name].annotation
            kind = kinds.get(annotation, "text")
            columns.append((column.name, kind, role))
        tables[table.name] = columns
    connection = sqlite3.connect(":memory:")
    engine = create_engine("sqlite://", creator=lambda: connection)
    SQLModel.metadata.create_all(engine, tables=[r.__table__ for r in RECORDS])  # type: ignore[attr-defined]
    master = sorted(connection.execute("SELECT type, name, sql FROM sqlite_master").fetchall())
    return {"tables": tables, "master": master}


def render_file_schema() -> str:
    """The source of model/file_schema.py."""
    data = file_schema()
    tables = "".join(
        f"    {name!r}: (\n" + "".join(f"        {column!r},\n" for column in columns) + "    ),\n"
        for name, columns in data["tables"].items()  # type: ignore[attr-defined]
    )
    master = "".join(f"    {row!r},\n" for row in data["master"])  # type: ignore[attr-defined]
    return (
        "# ruff: noqa: E501\n"
        '"""The .goals schema as plain data, generated from schema.py: do not edit.\n\n'
        "Remake it with `python -m goaleditor.model.schema`; a test checks it is current.\n"
        "The reader uses it, so opening a file does not load SQLModel (≈0.4 s of start-up).\n"
        '"""\n\n'
        "# table -> columns (name, kind, role), in file order\n"
        f"TABLES: dict[str, tuple[tuple[str, str, str], ...]] = {{\n{tables}}}\n"
        "# every sqlite_master row (type, name, sql) of a file we write\n"
        f"MASTER: tuple[tuple[str, str, str | None], ...] = (\n{master})\n"
    )


if __name__ == "__main__":
    from pathlib import Path

    Path(__file__).with_name("file_schema.py").write_text(render_file_schema(), encoding="utf-8")
