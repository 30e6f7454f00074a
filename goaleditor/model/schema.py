"""SQLModel tables of the .goals file format (version 4); field defaults from fields.py."""

from __future__ import annotations

from typing import Any

from sqlmodel import Field, SQLModel

from goaleditor.model.fields import column_default as _default


class DocumentRecord(SQLModel, table=True):
    """The single row of document properties."""

    __tablename__ = "document"

    id: int = Field(default=1, primary_key=True)
    agency_code: str = _default("agency_code")
    agency_name: str = _default("agency_name")
    year: int | None = _default("year")
    title: str = _default("title")
    framework: str = _default("framework")
    merge_level2: bool = _default("merge_level2")
    layout: str = _default("layout")
    kind: str = _default("kind")
    scoring: str = _default("scoring")


class TableRecord(SQLModel, table=True):
    """A goal table's header; money is exact decimal text ('' when absent)."""

    __tablename__ = "goal_table"

    id: int = Field(primary_key=True)
    position: int = Field(index=True)
    project_name: str = _default("project_name")
    money_unit: str = _default("money_unit")
    budget_total: str = _default("budget_total")
    budget_fiscal: str = _default("budget_fiscal")
    budget_other: str = _default("budget_other")
    fund_use: str = _default("fund_use")
    goal: str = _default("goal")
    project_nature: str = _default("project_nature")
    project_category: str = _default("project_category")
    supervisor: str = _default("supervisor")
    implementer: str = _default("implementer")
    start_date: str = _default("start_date")
    end_date: str = _default("end_date")
    period_total: str = _default("period_total")
    period_fiscal: str = _default("period_fiscal")
    period_other: str = _default("period_other")
    budget_carryover: str = _default("budget_carryover")
    period_goal: str = _default("period_goal")
    budget_initial: str = _default("budget_initial")
    budget_initial_fiscal: str = _default("budget_initial_fiscal")
    budget_initial_carryover: str = _default("budget_initial_carryover")
    budget_initial_other: str = _default("budget_initial_other")
    budget_adjusted: str = _default("budget_adjusted")
    budget_adjusted_fiscal: str = _default("budget_adjusted_fiscal")
    budget_adjusted_carryover: str = _default("budget_adjusted_carryover")
    budget_adjusted_other: str = _default("budget_adjusted_other")
    budget_executed: str = _default("budget_executed")
    budget_executed_fiscal: str = _default("budget_executed_fiscal")
    budget_executed_carryover: str = _default("budget_executed_carryover")
    budget_executed_other: str = _default("budget_executed_other")
    budget_weight: str = _default("budget_weight")
    budget_score: str = _default("budget_score")
    goal_result: str = _default("goal_result")
    process_summary: str = _default("process_summary")
    conclusion: str = _default("conclusion")
    problems: str = _default("problems")
    improvements: str = _default("improvements")
    project_leader: str = _default("project_leader")
    finance_leader: str = _default("finance_leader")
    review_goal: str = _default("review_goal")
    review_output: str = _default("review_output")
    review_benefit: str = _default("review_benefit")
    review_satisfaction: str = _default("review_satisfaction")
    review_todo: str = _default("review_todo")
    review_result: str = _default("review_result")


class Level1Record(SQLModel, table=True):
    """A 一级 group of a table."""

    __tablename__ = "level1"

    id: int = Field(primary_key=True)
    table_id: int = Field(foreign_key="goal_table.id", index=True)
    position: int
    name: str = _default("level1")


class Level2Record(SQLModel, table=True):
    """A 二级 group under a 一级."""

    __tablename__ = "level2"

    id: int = Field(primary_key=True)
    level1_id: int = Field(foreign_key="level1.id", index=True)
    position: int
    name: str = _default("level2")


class IndicatorRecord(SQLModel, table=True):
    """A 三级 indicator under a 二级."""

    __tablename__ = "indicator"

    id: int = Field(primary_key=True)
    level2_id: int = Field(foreign_key="level2.id", index=True)
    position: int
    name: str = _default("name")
    description: str = _default("description")
    comparator: str = _default("comparator")
    value: str = _default("value")
    unit: str = _default("unit")
    weight: str = _default("weight")
    explanation: str = _default("explanation")
    standard: str = _default("standard")
    remark: str = _default("remark")
    actual: str = _default("actual")
    score: str = _default("score")
    grade: str = _default("grade")
    deviation: str = _default("deviation")
    review_verdict: str = _default("review_verdict")
    review_opinion: str = _default("review_opinion")


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
