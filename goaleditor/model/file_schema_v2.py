# ruff: noqa: E501
"""The .goals schema version 2 as plain data, frozen: what files written before version 3 hold."""

# table -> columns (name, kind, role), in file order
TABLES: dict[str, tuple[tuple[str, str, str], ...]] = {
    "document": (
        ("id", "int", "key"),
        ("agency_code", "text", "field"),
        ("agency_name", "text", "field"),
        ("year", "int", "field"),
        ("title", "text", "field"),
        ("framework", "text", "field"),
        ("merge_level2", "bool", "field"),
        ("layout", "text", "field"),
    ),
    "goal_table": (
        ("id", "int", "key"),
        ("position", "int", "position"),
        ("project_name", "text", "field"),
        ("money_unit", "text", "field"),
        ("budget_total", "text", "field"),
        ("budget_fiscal", "text", "field"),
        ("budget_other", "text", "field"),
        ("fund_use", "text", "field"),
        ("goal", "text", "field"),
        ("project_nature", "text", "field"),
        ("project_category", "text", "field"),
        ("supervisor", "text", "field"),
        ("implementer", "text", "field"),
        ("start_date", "text", "field"),
        ("end_date", "text", "field"),
        ("period_total", "text", "field"),
        ("period_fiscal", "text", "field"),
        ("period_other", "text", "field"),
        ("budget_carryover", "text", "field"),
        ("period_goal", "text", "field"),
    ),
    "level1": (
        ("id", "int", "key"),
        ("table_id", "int", "parent"),
        ("position", "int", "position"),
        ("name", "text", "field"),
    ),
    "level2": (
        ("id", "int", "key"),
        ("level1_id", "int", "parent"),
        ("position", "int", "position"),
        ("name", "text", "field"),
    ),
    "indicator": (
        ("id", "int", "key"),
        ("level2_id", "int", "parent"),
        ("position", "int", "position"),
        ("name", "text", "field"),
        ("description", "text", "field"),
        ("comparator", "text", "field"),
        ("value", "text", "field"),
        ("unit", "text", "field"),
        ("weight", "text", "field"),
        ("explanation", "text", "field"),
        ("standard", "text", "field"),
        ("remark", "text", "field"),
    ),
}
# every sqlite_master row (type, name, sql) of a file we write
MASTER: tuple[tuple[str, str, str | None], ...] = (
    (
        "index",
        "ix_goal_table_position",
        "CREATE INDEX ix_goal_table_position ON goal_table (position)",
    ),
    (
        "index",
        "ix_indicator_level2_id",
        "CREATE INDEX ix_indicator_level2_id ON indicator (level2_id)",
    ),
    ("index", "ix_level1_table_id", "CREATE INDEX ix_level1_table_id ON level1 (table_id)"),
    ("index", "ix_level2_level1_id", "CREATE INDEX ix_level2_level1_id ON level2 (level1_id)"),
    (
        "table",
        "document",
        "CREATE TABLE document (\n\tid INTEGER NOT NULL, \n\tagency_code VARCHAR NOT NULL, \n\tagency_name VARCHAR NOT NULL, \n\tyear INTEGER, \n\ttitle VARCHAR NOT NULL, \n\tframework VARCHAR NOT NULL, \n\tmerge_level2 BOOLEAN NOT NULL, \n\tlayout VARCHAR NOT NULL, \n\tPRIMARY KEY (id)\n)",
    ),
    (
        "table",
        "goal_table",
        "CREATE TABLE goal_table (\n\tid INTEGER NOT NULL, \n\tposition INTEGER NOT NULL, \n\tproject_name VARCHAR NOT NULL, \n\tmoney_unit VARCHAR NOT NULL, \n\tbudget_total VARCHAR NOT NULL, \n\tbudget_fiscal VARCHAR NOT NULL, \n\tbudget_other VARCHAR NOT NULL, \n\tfund_use VARCHAR NOT NULL, \n\tgoal VARCHAR NOT NULL, \n\tproject_nature VARCHAR NOT NULL, \n\tproject_category VARCHAR NOT NULL, \n\tsupervisor VARCHAR NOT NULL, \n\timplementer VARCHAR NOT NULL, \n\tstart_date VARCHAR NOT NULL, \n\tend_date VARCHAR NOT NULL, \n\tperiod_total VARCHAR NOT NULL, \n\tperiod_fiscal VARCHAR NOT NULL, \n\tperiod_other VARCHAR NOT NULL, \n\tbudget_carryover VARCHAR NOT NULL, \n\tperiod_goal VARCHAR NOT NULL, \n\tPRIMARY KEY (id)\n)",
    ),
    (
        "table",
        "indicator",
        "CREATE TABLE indicator (\n\tid INTEGER NOT NULL, \n\tlevel2_id INTEGER NOT NULL, \n\tposition INTEGER NOT NULL, \n\tname VARCHAR NOT NULL, \n\tdescription VARCHAR NOT NULL, \n\tcomparator VARCHAR NOT NULL, \n\tvalue VARCHAR NOT NULL, \n\tunit VARCHAR NOT NULL, \n\tweight VARCHAR NOT NULL, \n\texplanation VARCHAR NOT NULL, \n\tstandard VARCHAR NOT NULL, \n\tremark VARCHAR NOT NULL, \n\tPRIMARY KEY (id), \n\tFOREIGN KEY(level2_id) REFERENCES level2 (id)\n)",
    ),
    (
        "table",
        "level1",
        "CREATE TABLE level1 (\n\tid INTEGER NOT NULL, \n\ttable_id INTEGER NOT NULL, \n\tposition INTEGER NOT NULL, \n\tname VARCHAR NOT NULL, \n\tPRIMARY KEY (id), \n\tFOREIGN KEY(table_id) REFERENCES goal_table (id)\n)",
    ),
    (
        "table",
        "level2",
        "CREATE TABLE level2 (\n\tid INTEGER NOT NULL, \n\tlevel1_id INTEGER NOT NULL, \n\tposition INTEGER NOT NULL, \n\tname VARCHAR NOT NULL, \n\tPRIMARY KEY (id), \n\tFOREIGN KEY(level1_id) REFERENCES level1 (id)\n)",
    ),
)
