"""The migrations of a .goals file: each upgrades an older file format version by one."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

Migration = Callable[[sqlite3.Connection], None]

# Version 2 added the fields of other regions' layouts (DESIGN §4), all text.
_V2_COLUMNS = {
    "document": {"layout": "tianjin"},
    "goal_table": dict.fromkeys(
        (
            "project_nature",
            "project_category",
            "supervisor",
            "implementer",
            "start_date",
            "end_date",
            "period_total",
            "period_fiscal",
            "period_other",
            "budget_carryover",
            "period_goal",
        ),
        "",
    ),
    "indicator": dict.fromkeys(("weight", "explanation", "standard", "remark"), ""),
}


def _to_v2(connection: sqlite3.Connection) -> None:
    _add_text_columns(connection, _V2_COLUMNS)


def _to_v3(connection: sqlite3.Connection) -> None:
    """Version 3 added the 绩效自评表 (DESIGN §5.1): the document's kind and scoring profile,
    the money block and results of a table, an indicator's result and score; all text."""
    from goaleditor.model.fields import (
        DEFAULT_SCORING,
        GOALS,
        SELF_EVALUATION_HEADER_FIELDS,
        SELF_EVALUATION_INDICATOR_FIELDS,
    )

    added = {
        "document": {"kind": GOALS, "scoring": DEFAULT_SCORING},
        "goal_table": dict.fromkeys(SELF_EVALUATION_HEADER_FIELDS, ""),
        "indicator": dict.fromkeys(SELF_EVALUATION_INDICATOR_FIELDS, ""),
    }
    _add_text_columns(connection, added)


def _to_v4(connection: sqlite3.Connection) -> None:
    """Version 4 added the reviewer's marks (DESIGN §5.2): a table's 绩效目标审核表 opinions and
    result, an indicator's verdict and opinion; all text, empty when not reviewed."""
    from goaleditor.model.fields import REVIEW_HEADER_FIELDS, REVIEW_INDICATOR_FIELDS

    added = {
        "goal_table": dict.fromkeys(REVIEW_HEADER_FIELDS, ""),
        "indicator": dict.fromkeys(REVIEW_INDICATOR_FIELDS, ""),
    }
    _add_text_columns(connection, added)


def _add_text_columns(connection: sqlite3.Connection, added: dict[str, dict[str, str]]) -> None:
    for table, columns in added.items():
        for name, default in columns.items():
            connection.execute(
                f"ALTER TABLE {table} ADD COLUMN {name} VARCHAR NOT NULL DEFAULT '{default}'"
            )


# MIGRATIONS[n] upgrades a database from user_version n to n + 1, in place.
MIGRATIONS: dict[int, Migration] = {1: _to_v2, 2: _to_v3, 3: _to_v4}
