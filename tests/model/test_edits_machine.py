"""A state machine applies random edits of every kind, then undoes and redoes them."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from goaleditor.model import edit_rules as rules
from goaleditor.model import paste_rules
from goaleditor.model.checks import FIX_FILL_DESCRIPTION, Problem
from goaleditor.model.document import Document, Indicator, Level1, Level2
from goaleditor.model.edits import (
    Edit,
    InsertTables,
    RemoveNodes,
    SetField,
    SetHeader,
    SetProperties,
)
from goaleditor.model.fields import HEADER_FIELDS, INDICATOR_FIELDS
from goaleditor.model.frameworks import CLASSIC
from goaleditor.model.library import LibraryEntry
from goaleditor.model.problem_fixes import fix_its
from tests.compare import document_snapshot
from tests.strategies import documents, money, tables, text


class EditMachine(RuleBasedStateMachine):
    """Every edit is kept with the snapshot before it; undo must return to each."""

    def __init__(self) -> None:
        super().__init__()
        self.document = Document()
        self.undo: list[tuple[Edit, dict[str, Any]]] = []  # (inverse, snapshot before)
        self.redo: list[tuple[Edit, dict[str, Any]]] = []  # (edit, snapshot after)

    @rule(document=documents())
    def start_over(self, document: Document) -> None:
        self.document, self.undo, self.redo = document, [], []

    def _do(self, edit: Edit | None) -> None:
        if edit is None:
            return
        before = document_snapshot(self.document)
        self.undo.append((edit.apply(self.document), before))
        self.redo = []

    def _nodes(self) -> list[Any]:
        return [
            node
            for table in self.document.tables
            for l1 in table.children
            for node in (l1, *l1.children, *(i for l2 in l1.children for i in l2.children))
        ]

    def _indicators(self) -> list[Indicator]:
        return [n for n in self._nodes() if isinstance(n, Indicator)]

    def _groups(self) -> list[Level2]:
        return [n for n in self._nodes() if isinstance(n, Level2)]

    # --- edits ------------------------------------------------------------------------------

    @precondition(lambda self: self._indicators())
    @rule(data=st.data(), field=st.sampled_from(INDICATOR_FIELDS), value=text)
    def set_field(self, data: st.DataObject, field: str, value: str) -> None:
        node = data.draw(st.sampled_from(self._indicators()))
        self._do(SetField(node, field, value))

    @precondition(lambda self: self.document.tables)
    @rule(data=st.data(), field=st.sampled_from(HEADER_FIELDS))
    def set_header(self, data: st.DataObject, field: str) -> None:
        table = data.draw(st.sampled_from(self.document.tables))
        value = data.draw(money if field.startswith("budget") else text)
        self._do(SetHeader(table, field, value))

    @rule(title=text, year=st.one_of(st.none(), st.integers(1990, 2100)), merge=st.booleans())
    def set_properties(self, title: str, year: int | None, merge: bool) -> None:
        self._do(SetProperties({"title": title, "year": year, "merge_level2": merge}))

    @rule(data=st.data(), names=st.lists(text, min_size=1, max_size=3))
    def insert_or_paste(self, data: st.DataObject, names: list[str]) -> None:
        current = data.draw(st.sampled_from([None, *self._nodes()]))
        table = data.draw(st.sampled_from([None, *self.document.tables]))
        field = data.draw(st.sampled_from([None, *INDICATOR_FIELDS]))
        level2 = data.draw(st.sampled_from(["", "数量指标", "社会效益指标", "无此指标"]))
        rows = [("", level2, Indicator(n)) for n in names]
        self._do(paste_rules.paste_placement(current, field, table, "\t".join(names), rows).edit)

    @precondition(lambda self: self._nodes())
    @rule(data=st.data())
    def delete(self, data: st.DataObject) -> None:
        nodes = data.draw(st.lists(st.sampled_from(self._nodes()), min_size=1, max_size=3))
        self._do(rules.delete_nodes(nodes))

    @precondition(lambda self: self._indicators())
    @rule(data=st.data(), step=st.sampled_from([-1, 1]))
    def move_step(self, data: st.DataObject, step: int) -> None:
        self._do(rules.move_step(data.draw(st.sampled_from(self._indicators())), step))

    @precondition(lambda self: self._indicators())
    @rule(data=st.data(), position=st.sampled_from(["above", "below", "on"]))
    def drag_and_drop(self, data: st.DataObject, position: Any) -> None:
        table = data.draw(st.sampled_from([t for t in self.document.tables if t.indicator_count()]))
        inside = [i for _, _, i in table.indicator_rows()]
        moving = data.draw(st.lists(st.sampled_from(inside), min_size=1, max_size=3, unique=True))
        moving = [i for i in inside if any(i is m for m in moving)]  # tree order
        targets = [n for n in self._nodes() if table is _table(n)]
        place = rules.drop_placement(data.draw(st.sampled_from(targets)), position)
        if place is not None:
            self._do(rules.move_indicators(moving, *place))

    @precondition(lambda self: self.document.tables)
    @rule(data=st.data())
    def add_groups(self, data: st.DataObject) -> None:
        table = data.draw(st.sampled_from(self.document.tables))
        level1 = data.draw(st.sampled_from(CLASSIC.level1_names))
        present = next((l1 for l1 in table.children if l1.name == level1), None)
        if present is None:
            self._do(rules.add_level1(table, "classic", level1))
        else:
            name = data.draw(st.sampled_from(CLASSIC.level2_names(level1)))
            self._do(rules.add_level2(present, "classic", name))

    @precondition(lambda self: self.document.tables)
    @rule(data=st.data(), name=text, unit=text)
    def library(self, data: st.DataObject, name: str, unit: str) -> None:
        table = data.draw(st.sampled_from(self.document.tables))
        level1 = data.draw(st.sampled_from(CLASSIC.level1_names))
        level2 = data.draw(st.sampled_from(CLASSIC.level2_names(level1)))
        entry = LibraryEntry(level2, name, "描述", "≥", unit)
        self._do(rules.insert_from_library(table, "classic", [(level1, entry)]))
        if self._indicators():
            self._do(rules.fill_from_library(data.draw(st.sampled_from(self._indicators())), entry))

    @precondition(lambda self: self._indicators())
    @rule(data=st.data())
    def fix(self, data: st.DataObject) -> None:
        node = data.draw(st.sampled_from(self._indicators()))
        problem = Problem("警告", 1, 1, "r", "m", "", FIX_FILL_DESCRIPTION, node)
        self._do(fix_its(problem)[0].edit())

    @rule(data=st.data(), table=tables())
    def tables(self, data: st.DataObject, table: Any) -> None:
        count = len(self.document.tables)
        row = data.draw(st.integers(0, count))
        choice = data.draw(st.sampled_from(["add", "insert", "duplicate", "delete", "move"]))
        if choice == "add":
            self._do(rules.add_table(self.document, row))
        elif choice == "insert":
            self._do(InsertTables(row, (table,)))
        elif count and choice == "duplicate":
            self._do(rules.duplicate_table(self.document.tables[min(row, count - 1)], row))
        elif count and choice == "delete":
            self._do(rules.delete_table(min(row, count - 1)))
        elif count:
            self._do(rules.move_table(min(row, count - 1), data.draw(st.integers(0, count - 1))))

    @precondition(lambda self: self.document.tables and self.document.tables[0].children)
    @rule()
    def remove_a_level1(self) -> None:
        self._do(RemoveNodes(self.document.tables[0], 0, 1, "删除指标组"))

    # --- undo and redo -----------------------------------------------------------------------

    @precondition(lambda self: self.undo)
    @rule()
    def undo_one(self) -> None:
        inverse, before = self.undo.pop()
        after = document_snapshot(self.document)
        redo = inverse.apply(self.document)
        assert document_snapshot(self.document) == before
        self.redo.append((redo, after))

    @precondition(lambda self: self.redo)
    @rule()
    def redo_one(self) -> None:
        edit, after = self.redo.pop()
        before = document_snapshot(self.document)
        self.undo.append((edit.apply(self.document), before))
        assert document_snapshot(self.document) == after

    @invariant()
    def parents_are_linked(self) -> None:
        for table in self.document.tables:
            assert table.document is self.document
            for l1 in table.children:
                assert l1.parent is table
                for l2 in l1.children:
                    assert l2.parent is l1
                    assert all(i.parent is l2 for i in l2.children)

    def teardown(self) -> None:
        while self.undo:
            self.undo_one()


def _table(node: Level1 | Level2 | Indicator) -> Any:
    while not isinstance(node, Level1):
        node = node.parent  # type: ignore[assignment]
    return node.parent


EditMachine.TestCase.settings = settings(
    max_examples=40,
    stateful_step_count=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
TestEdits = EditMachine.TestCase
