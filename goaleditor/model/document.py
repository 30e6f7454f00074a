"""The domain: a document of goal tables, each with a 一级 → 二级 → 三级 indicator tree."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from goaleditor.model.events import (
    Edited,
    Event,
    Inserted,
    Listener,
    Moved,
    Phase,
    Removed,
    dispatch,
    subscribe,
    with_phase,
)
from goaleditor.model.fields import (
    DOCUMENT_PROPERTIES,
    HEADER_FIELDS,
    INDICATOR_FIELDS,
    SELF_EVALUATION,
    default_of,
)
from goaleditor.model.frameworks import get_framework
from goaleditor.model.values import format_display


@dataclass(eq=False)
class Indicator:
    """A 三级 indicator: one printed row of a goal table (fields: fields.INDICATOR_SPECS)."""

    name: str = default_of("name")
    description: str = default_of("description")
    comparator: str = default_of("comparator")
    value: str = default_of("value")
    unit: str = default_of("unit")
    weight: str = default_of("weight")
    explanation: str = default_of("explanation")
    standard: str = default_of("standard")
    remark: str = default_of("remark")
    actual: str = default_of("actual")
    score: str = default_of("score")
    grade: str = default_of("grade")
    deviation: str = default_of("deviation")
    review_verdict: str = default_of("review_verdict")
    review_opinion: str = default_of("review_opinion")
    parent: Level2 | None = field(default=None, repr=False)

    @property
    def display(self) -> str:
        """The printed 指标值."""
        return format_display(self.comparator, self.value, self.unit)

    def clone(self) -> Indicator:
        """A detached copy."""
        return Indicator(*(getattr(self, name) for name in INDICATOR_FIELDS))


@dataclass(eq=False)
class Level2:
    """A 二级 indicator group (数量指标, 社会效益指标, …)."""

    name: str
    children: list[Indicator] = field(default_factory=list)
    parent: Level1 | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        for child in self.children:
            child.parent = self

    def clone(self) -> Level2:
        """A detached deep copy."""
        return Level2(self.name, [c.clone() for c in self.children])


@dataclass(eq=False)
class Level1:
    """A 一级 indicator group (产出指标, 效益指标, …)."""

    name: str
    children: list[Level2] = field(default_factory=list)
    parent: GoalTable | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        for child in self.children:
            child.parent = self

    def clone(self) -> Level1:
        """A detached deep copy."""
        return Level1(self.name, [c.clone() for c in self.children])


TreeNode = Level1 | Level2 | Indicator


@dataclass(eq=False)
class GoalTable:
    """One project's goal table: header fields and the indicator tree (its children).

    The fields, their meaning and defaults are declared in fields.py (TABLE_SPECS).
    """

    project_name: str = default_of("project_name")
    money_unit: str = default_of("money_unit")
    budget_total: Decimal | None = field(default=default_of("budget_total"))
    budget_fiscal: Decimal | None = field(default=default_of("budget_fiscal"))
    budget_other: Decimal | None = field(default=default_of("budget_other"))
    fund_use: str = default_of("fund_use")
    goal: str = default_of("goal")
    project_nature: str = default_of("project_nature")
    project_category: str = default_of("project_category")
    supervisor: str = default_of("supervisor")
    implementer: str = default_of("implementer")
    start_date: str = default_of("start_date")
    end_date: str = default_of("end_date")
    period_total: Decimal | None = field(default=default_of("period_total"))
    period_fiscal: Decimal | None = field(default=default_of("period_fiscal"))
    period_other: Decimal | None = field(default=default_of("period_other"))
    budget_carryover: Decimal | None = field(default=default_of("budget_carryover"))
    period_goal: str = default_of("period_goal")
    budget_initial: Decimal | None = None
    budget_initial_fiscal: Decimal | None = None
    budget_initial_carryover: Decimal | None = None
    budget_initial_other: Decimal | None = None
    budget_adjusted: Decimal | None = None
    budget_adjusted_fiscal: Decimal | None = None
    budget_adjusted_carryover: Decimal | None = None
    budget_adjusted_other: Decimal | None = None
    budget_executed: Decimal | None = None
    budget_executed_fiscal: Decimal | None = None
    budget_executed_carryover: Decimal | None = None
    budget_executed_other: Decimal | None = None
    budget_weight: str = default_of("budget_weight")
    budget_score: str = default_of("budget_score")
    goal_result: str = default_of("goal_result")
    process_summary: str = default_of("process_summary")
    conclusion: str = default_of("conclusion")
    problems: str = default_of("problems")
    improvements: str = default_of("improvements")
    project_leader: str = default_of("project_leader")
    finance_leader: str = default_of("finance_leader")
    review_goal: str = default_of("review_goal")
    review_output: str = default_of("review_output")
    review_benefit: str = default_of("review_benefit")
    review_satisfaction: str = default_of("review_satisfaction")
    review_todo: str = default_of("review_todo")
    review_result: str = default_of("review_result")
    children: list[Level1] = field(default_factory=list)
    document: Document | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        for child in self.children:
            child.parent = self

    def indicator_rows(self) -> Iterator[tuple[str, str, Indicator]]:
        """Every 三级 indicator in print order with its 一级 and 二级 names."""
        for level1 in self.children:
            for level2 in level1.children:
                for indicator in level2.children:
                    yield level1.name, level2.name, indicator

    def indicator_count(self) -> int:
        """How many 三级 indicators the table has."""
        return sum(len(l2.children) for l1 in self.children for l2 in l1.children)

    def clone(self) -> GoalTable:
        """A detached deep copy (for duplicating a table)."""
        copy = GoalTable(**{name: getattr(self, name) for name in HEADER_FIELDS})
        copy.children = [c.clone() for c in self.children]
        copy.__post_init__()
        return copy

    @classmethod
    def from_rows(cls, rows: Iterable[tuple[str, str, Indicator]], **header: Any) -> GoalTable:
        """Build a table from flat (一级, 二级, indicator) rows; consecutive equal names group."""
        table = cls(**header)
        for level1_name, level2_name, indicator in rows:
            if not table.children or table.children[-1].name != level1_name:
                table.children.append(Level1(level1_name))
                table.children[-1].parent = table
            level1 = table.children[-1]
            if not level1.children or level1.children[-1].name != level2_name:
                level1.children.append(Level2(level2_name))
                level1.children[-1].parent = level1
            level2 = level1.children[-1]
            indicator.parent = level2
            level2.children.append(indicator)
        return table


Container = GoalTable | Level1 | Level2


def new_table(framework: str, project_name: str = "") -> GoalTable:
    """An empty goal table with every 一级 and 二级 group of the framework."""
    levels = get_framework(framework).levels
    return GoalTable(
        project_name=project_name,
        children=[Level1(l1, [Level2(l2) for l2 in l2s]) for l1, l2s in levels],
    )


def containing_table(container: object) -> GoalTable | None:
    """The goal table a tree node or container belongs to (None for a Document or None)."""
    node: Any = container
    while node is not None and not isinstance(node, GoalTable):
        node = getattr(node, "parent", None)
    return node


@dataclass(eq=False)
class Document:
    """A publication or draft: agency, year, title, framework and its goal tables.

    All edits go through the methods below, which tell listeners before and after,
    so that views can follow a single edit without reloading everything.
    """

    agency_code: str = default_of("agency_code")
    agency_name: str = default_of("agency_name")
    year: int | None = default_of("year")
    title: str = default_of("title")
    framework: str = default_of("framework")
    merge_level2: bool = default_of("merge_level2")
    layout: str = default_of("layout")
    kind: str = default_of("kind")
    scoring: str = default_of("scoring")
    tables: list[GoalTable] = field(default_factory=list)
    listeners: list[Listener] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        for table in self.tables:
            table.document = self

    @property
    def is_self_evaluation(self) -> bool:
        """True for a 绩效自评表 (DESIGN §5.1), False for a 绩效目标表."""
        return self.kind == SELF_EVALUATION

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Follow this document's changes; call the result to stop."""
        return subscribe(self.listeners, listener)

    def _around(self, before: Event) -> _Around:
        return _Around(self.listeners, before)

    # --- document properties ------------------------------------------------

    def set_property(self, name: str, value: Any) -> None:
        """Change a document property (agency, year, title, framework, options)."""
        if name not in DOCUMENT_PROPERTIES:
            raise KeyError(name)
        with self._around(Edited("before", self, self, name)):
            setattr(self, name, value)

    # --- the table list -------------------------------------------------------

    def insert_tables(self, row: int, tables: list[GoalTable]) -> None:
        """Insert tables before position row."""
        with self._around(Inserted("before", self, row, row + len(tables) - 1)):
            for table in tables:
                table.document = self
            self.tables[row:row] = tables

    def remove_tables(self, row: int, count: int) -> list[GoalTable]:
        """Remove count tables from row on, returning them."""
        removed = self.tables[row : row + count]
        with self._around(Removed("before", self, row, row + count - 1)):
            del self.tables[row : row + count]
            for table in removed:
                table.document = None
        return removed

    def move_tables(self, first: int, count: int, dest_row: int) -> bool:
        """Move tables first..first+count-1 before dest_row; False when it is a no-op."""
        if first <= dest_row <= first + count:
            return False
        with self._around(Moved("before", self, first, first + count - 1, self, dest_row)):
            _move_slice(self.tables, first, count, dest_row)
        return True

    def set_header(self, table: GoalTable, name: str, value: Any) -> None:
        """Change one header field of a table."""
        if name not in HEADER_FIELDS:
            raise KeyError(name)
        with self._around(Edited("before", table, table, name)):
            setattr(table, name, value)

    # --- the indicator tree ------------------------------------------------------

    def insert_nodes(self, parent: Container, row: int, nodes: list[Any]) -> None:
        """Insert tree nodes (of the level below parent) before position row."""
        with self._around(Inserted("before", parent, row, row + len(nodes) - 1)):
            for node in nodes:
                node.parent = parent
            parent.children[row:row] = nodes

    def remove_nodes(self, parent: Container, row: int, count: int) -> list[Any]:
        """Remove count child nodes of parent from row on, returning them detached."""
        removed: list[Any] = list(parent.children[row : row + count])
        with self._around(Removed("before", parent, row, row + count - 1)):
            del parent.children[row : row + count]
            for node in removed:
                node.parent = None
        return removed

    def move_nodes(
        self, parent: Container, first: int, count: int, dest: Container, dest_row: int
    ) -> bool:
        """Move child nodes to dest before dest_row (positions as before the move)."""
        if parent is dest and first <= dest_row <= first + count:
            return False
        with self._around(Moved("before", parent, first, first + count - 1, dest, dest_row)):
            if parent is dest:
                _move_slice(parent.children, first, count, dest_row)
            else:
                moving: list[Any] = list(parent.children[first : first + count])
                del parent.children[first : first + count]
                for node in moving:
                    node.parent = dest
                dest.children[dest_row:dest_row] = moving
        return True

    def set_field(self, node: TreeNode, name: str, value: str) -> None:
        """Change a field of a tree node (an indicator field, or a group's name)."""
        allowed = INDICATOR_FIELDS if isinstance(node, Indicator) else ("name",)
        if name not in allowed:
            raise KeyError(name)
        with self._around(Edited("before", node.parent, node, name)):
            setattr(node, name, value)


class _Around:
    """Sends an event's 'before' on entry, its 'after' on a normal exit, else 'aborted'."""

    __slots__ = ("_before", "_listeners")

    def __init__(self, listeners: list[Listener], before: Event) -> None:
        self._listeners = listeners
        self._before = before

    def __enter__(self) -> None:
        dispatch(self._listeners, self._before)

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        phase: Phase = "after" if exc_type is None else "aborted"
        dispatch(self._listeners, with_phase(self._before, phase))


def _move_slice(items: list[Any], first: int, count: int, dest_row: int) -> None:
    moving = items[first : first + count]
    del items[first : first + count]
    if dest_row > first:
        dest_row -= count
    items[dest_row:dest_row] = moving
