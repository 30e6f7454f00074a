"""SQLModel tables of the .goals file format (version 1)."""

from __future__ import annotations

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


RECORDS: tuple[type[SQLModel], ...] = (
    DocumentRecord,
    TableRecord,
    Level1Record,
    Level2Record,
    IndicatorRecord,
)
