"""The editor's rules as domain edits: typing, clearing, inserting, dropping, moving, library."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Literal

from goaleditor.model.document import (
    Container,
    Document,
    GoalTable,
    Indicator,
    Level1,
    Level2,
    TreeNode,
    new_table,
)
from goaleditor.model.edits import (
    Edit,
    InsertNodes,
    InsertTables,
    MoveNodes,
    MoveTables,
    Procedure,
    RemoveNodes,
    RemoveTables,
    SetField,
    SetProperties,
    Steps,
)
from goaleditor.model.frameworks import DEFAULT_FRAMEWORK, get_framework
from goaleditor.model.values import (
    TargetValue,
    TypedValue,
    read_comparator_text,
    read_unit_text,
    read_value_text,
)

# the library loads after the first paint (tests/ui/test_startup.py)
if TYPE_CHECKING:
    from goaleditor.model.library import LibraryEntry

DropPosition = Literal["above", "below", "on"]

# --- typing into and clearing cells -------------------------------------------------------

_READERS = {"value": read_value_text, "comparator": read_comparator_text, "unit": read_unit_text}


def typed_field(node: TreeNode, name: str, text: str) -> tuple[Edit | None, str]:
    """Typing text into a cell as one step, and what the step had to guess ("" if nothing).

    指标值, 指标性质 and 单位 are read as the 指标值 prints (≥4期 fills all three); other
    fields take the text as it is.
    """
    reader = _READERS.get(name)
    if reader is None or not isinstance(node, Indicator):
        return (None if getattr(node, name) == text else SetField(node, name, text)), ""
    current = TargetValue(node.comparator, node.value, node.unit)
    typed: TypedValue = reader(text, current)
    target = typed.target
    parts = (("comparator", target.comparator), ("value", target.value), ("unit", target.unit))
    edits = tuple(SetField(node, n, v) for n, v in parts if getattr(node, n) != v)
    if not edits:
        return None, typed.note
    return (edits[0] if len(edits) == 1 else Steps(edits, "修改指标值")), typed.note


def clear_cells(cells: Iterable[tuple[object, str | None]]) -> Edit | None:
    """Delete on (node, field) cells: empty the indicator fields that have text, as one step.

    指标性质 stays (it is chosen, never typed empty); group rows and cells of no field are
    left alone. None when there is nothing to clear.
    """
    edits = tuple(
        SetField(node, field, "")
        for node, field in cells
        if field and field != "comparator" and isinstance(node, Indicator) and getattr(node, field)
    )
    if len(edits) <= 1:
        return edits[0] if edits else None
    return Steps(edits, f"清除{len(edits)}个单元格")


# --- where inserted and dropped rows go (pasted ones: paste_rules) ---------------------------


def insert_place(current: TreeNode | None, table: GoalTable | None) -> tuple[Level2, int] | None:
    """Where a new indicator goes: below the current row, else at the end of a 二级 group."""
    if isinstance(current, Indicator) and current.parent is not None:
        return current.parent, current.parent.children.index(current) + 1
    if isinstance(current, Level2):
        return current, len(current.children)
    if isinstance(current, Level1) and current.children:
        return current.children[0], len(current.children[0].children)
    for level1 in table.children if table is not None else []:
        if level1.children:
            return level1.children[0], len(level1.children[0].children)
    return None


def insert_indicators(
    current: TreeNode | None, table: GoalTable | None, indicators: Sequence[Indicator], text: str
) -> InsertNodes | None:
    """Insert indicators below the current row (None when there is nowhere to put them)."""
    place = insert_place(current, table)
    if place is None or not indicators:
        return None
    return InsertNodes(place[0], place[1], tuple(indicators), text)


def drop_placement(target: TreeNode | None, position: DropPosition) -> tuple[Container, int] | None:
    """Where dragged indicators land when dropped above, below or on a row."""
    if isinstance(target, Indicator) and target.parent is not None:
        row = target.parent.children.index(target)
        return target.parent, row if position == "above" else row + 1
    if isinstance(target, Level2):
        return (target, 0) if position == "below" else (target, len(target.children))
    if isinstance(target, Level1) and target.children:
        return target.children[0], len(target.children[0].children)
    return None


# --- moving and deleting ------------------------------------------------------------------


def neighbour_group(group: Level2, step: int) -> Level2 | None:
    """The 二级 group before (step -1) or after (step 1) this one in the table."""
    level1 = group.parent
    table = level1.parent if level1 else None
    if table is None:
        return None
    groups = [l2 for l1 in table.children for l2 in l1.children]
    at = next(i for i, g in enumerate(groups) if g is group) + step
    return groups[at] if 0 <= at < len(groups) else None


def move_step(indicator: Indicator, step: int) -> MoveNodes | None:
    """Move an indicator one row up (-1) or down (1), into the next 二级 group at the ends."""
    group = indicator.parent
    if group is None:
        return None
    row = group.children.index(indicator)
    if 0 <= row + step < len(group.children):
        return MoveNodes(group, row, 1, group, row + step if step < 0 else row + 2)
    neighbour = neighbour_group(group, step)
    if neighbour is None:
        return None
    return MoveNodes(group, row, 1, neighbour, len(neighbour.children) if step < 0 else 0)


def move_indicators(nodes: Sequence[Indicator], dest: Container, row: int) -> Edit | None:
    """Move indicators (from anywhere in the table) to dest before row, in their order."""
    if not nodes:
        return None

    def steps() -> Iterator[Edit]:
        at = row
        for node in nodes:
            parent = node.parent
            assert parent is not None
            current = parent.children.index(node)
            if parent is dest and current in (at, at - 1):
                at = current + 1  # already in place
                continue
            yield MoveNodes(parent, current, 1, dest, at)
            siblings: list[Any] = dest.children
            at = siblings.index(node) + 1

    return Procedure(steps, "移动指标")


def _depth(node: TreeNode) -> int:
    return 1 if isinstance(node, Level1) else 2 if isinstance(node, Level2) else 3


def _has_ancestor_in(node: TreeNode, chosen: Sequence[TreeNode]) -> bool:
    parent: Any = node.parent
    while parent is not None and not isinstance(parent, GoalTable):
        if any(parent is other for other in chosen):
            return True
        parent = parent.parent
    return False


def delete_nodes(chosen: Sequence[TreeNode]) -> Edit | None:
    """Delete indicators or groups as one step (a node goes with a chosen ancestor)."""
    unique = list({id(n): n for n in chosen}.values())
    nodes = [n for n in unique if n.parent is not None and not _has_ancestor_in(n, unique)]
    if not nodes:
        return None
    text = "删除指标" if all(isinstance(n, Indicator) for n in nodes) else "删除指标组"

    def steps() -> Iterator[Edit]:
        for node in sorted(nodes, key=_depth, reverse=True):
            parent: Any = node.parent
            yield RemoveNodes(parent, parent.children.index(node), 1, text)

    return Procedure(steps, text)


# --- groups ----------------------------------------------------------------------------


def add_level1(table: GoalTable, framework: str, name: str) -> InsertNodes:
    """Add a 一级 group with its framework's 二级 groups, in the official order."""
    rules = get_framework(framework)
    row = sum(1 for l1 in table.children if rules.level1_order(l1.name) < rules.level1_order(name))
    group = Level1(name, [Level2(n) for n in rules.level2_names(name)])
    return InsertNodes(table, row, (group,), f"添加{name}")


def add_level2(level1: Level1, framework: str, name: str) -> InsertNodes:
    """Add an empty 二级 group under a 一级, in the framework's order."""
    order = get_framework(framework).level2_names(level1.name)
    row = sum(
        1
        for l2 in level1.children
        if l2.name in order and name in order and order.index(l2.name) < order.index(name)
    )
    return InsertNodes(level1, row, (Level2(name),), f"添加{name}")


def group_of(table: GoalTable, level1: str, level2: str) -> Level2 | None:
    """The table's 二级 group of this name under this 一级 (None when it has none)."""
    for l1 in table.children:
        if l1.name == level1:
            for l2 in l1.children:
                if l2.name == level2:
                    return l2
    return None


def add_group(table: GoalTable, framework: str, level1: str, level2: str) -> Iterator[Edit]:
    """The steps adding a 一级/二级 group the table lacks (its 一级 first when missing too)."""
    level1_node = next((l1 for l1 in table.children if l1.name == level1), None)
    if level1_node is None:
        added = add_level1(table, framework, level1)
        yield added
        level1_node = added.nodes[0]
    if group_of(table, level1, level2) is None:
        assert level1_node is not None
        yield add_level2(level1_node, framework, level2)


def add_indicator_under(table: GoalTable, level1: str, level2: str) -> Procedure:
    """An empty 三级 at the end of a 一级/二级 group, the groups added first when missing."""
    framework = table.document.framework if table.document else DEFAULT_FRAMEWORK

    def steps() -> Iterator[Edit]:
        yield from add_group(table, framework, level1, level2)
        group = group_of(table, level1, level2)
        assert group is not None
        yield InsertNodes(group, len(group.children), (Indicator(),), "添加三级指标")

    return Procedure(steps, f"在{level2}下添加三级指标")


# --- the indicator library --------------------------------------------------------------


def fill_from_library(node: Indicator, entry: LibraryEntry) -> Edit | None:
    """Name, comparator, unit and (if empty) description from a library entry: one step."""
    changes = [("name", entry.name), ("comparator", entry.comparator), ("unit", entry.unit)]
    if not node.description.strip():
        changes.append(("description", entry.description))
    edits = tuple(SetField(node, n, v) for n, v in changes if getattr(node, n) != v)
    return Steps(edits, f"从指标库填入“{entry.name}”") if edits else None


def insert_from_library(
    table: GoalTable, framework: str, chosen: Sequence[tuple[str, LibraryEntry]]
) -> Edit | None:
    """Insert chosen (一级, entry) indicators under their 二级, adding missing groups."""
    if not chosen:
        return None

    def steps() -> Iterator[Edit]:
        for level1_name, entry in chosen:
            level1 = next((l1 for l1 in table.children if l1.name == level1_name), None)
            if level1 is None:
                added = add_level1(table, framework, level1_name)
                yield added
                level1 = added.nodes[0]
            assert level1 is not None
            level2 = next((l2 for l2 in level1.children if l2.name == entry.level2), None)
            if level2 is None:
                added = add_level2(level1, framework, entry.level2)
                yield added
                level2 = added.nodes[0]
            assert level2 is not None
            yield InsertNodes(level2, len(level2.children), (entry.indicator(),), "插入")

    return Procedure(steps, "从指标库插入指标")


# --- tables and properties --------------------------------------------------------------


def add_table(document: Document, row: int) -> InsertTables:
    """A new empty table of the document's framework before row, in the money unit most of
    the document's tables use (万元 in a 万元 document)."""
    table = new_table(document.framework)
    units = Counter(t.money_unit for t in document.tables if t.money_unit)
    if units:
        table.money_unit = units.most_common(1)[0][0]
    return InsertTables(row, (table,), "新建绩效目标表")


def duplicate_table(table: GoalTable, row: int) -> InsertTables:
    """A copy of a table, named （副本）, inserted before row."""
    copy = table.clone()
    copy.project_name = f"{table.project_name}（副本）"
    return InsertTables(row, (copy,), "复制绩效目标表")


def delete_table(row: int) -> RemoveTables:
    """Delete the table at row."""
    return RemoveTables(row, 1, "删除绩效目标表")


def move_table(row: int, target: int) -> MoveTables:
    """Move one table so that it ends up at index target."""
    return MoveTables(row, 1, target + 1 if target > row else target, "调整表的顺序")


def set_properties(document: Document, values: Mapping[str, Any]) -> SetProperties | None:
    """Set the document properties that differ (None when none does)."""
    changed = {k: v for k, v in values.items() if getattr(document, k) != v}
    return SetProperties(changed) if changed else None
