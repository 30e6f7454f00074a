"""Where a comparison's changes show in the new document: marked fields and places to go.

`marks(comparison, old, new)` names each changed field of the new document's nodes (the
document, a table, a 一级 or 二级 group, a 三级 indicator) with its tip (原：… for a changed
text, 新增三级指标 for a row added); a changed 指标值 marks the parts that differ too (指标性质,
指标值, 单位) beside the printed `display`. `place_in_new(change, comparison, new)` is where
the editor goes for a change: where it stands, or, for one removed, where it stood (its group
or neighbour in the new document).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from goaleditor.compare.changes import (
    ADDED,
    CHANGED,
    DISPLAY_FIELD,
    EMPTY_TEXT,
    LEVEL_LABELS,
    MOVED,
    REMOVED,
    RENAMED,
    Change,
    Position,
)
from goaleditor.compare.documents import Comparison
from goaleditor.model.document import Document, GoalTable, Indicator, Level1, Level2

Node = Document | GoalTable | Level1 | Level2 | Indicator
WHOLE = ""  # a mark's field when the whole node is new (every cell of an added row)
NAME = "name"
VALUE_PARTS = ("comparator", "value", "unit")
ORIGINAL = "原："


@dataclass(frozen=True, slots=True)
class Mark:
    """A field of a node of the new document that the comparison marks, and why (its tip)."""

    node: Node
    field: str  # a field key of model/fields.py, "name", "display", or WHOLE
    tip: str


def node_at(document: Document, position: Position | None) -> Node | None:
    """The node at a position (table, 一级, 二级, 三级) of a document; None when it is not
    there (the document changed since)."""
    if position is None:
        return None
    node: Node = document
    for index in position:
        children: list[object] = getattr(node, "tables", None) or getattr(node, "children", [])
        if not 0 <= index < len(children):
            return None
        found = children[index]
        assert isinstance(found, GoalTable | Level1 | Level2 | Indicator)
        node = found
    return node


def marks(comparison: Comparison, old: Document, new: Document) -> list[Mark]:
    """Every marked field of the new document, one mark per (node, field): the tips of two
    changes of one field (a row moved and renamed) stand one under the other."""
    found: dict[tuple[int, str], Mark] = {}
    for change in comparison.changes:
        for mark in _marks_of(change, old, new):
            key = (id(mark.node), mark.field)
            before = found.get(key)
            if before is not None:
                mark = Mark(mark.node, mark.field, f"{before.tip}\n{mark.tip}")
            found[key] = mark
    return list(found.values())


def _marks_of(change: Change, old: Document, new: Document) -> list[Mark]:
    if change.kind == REMOVED:
        return []  # nothing of it is left to mark: the list of changes names it
    node = new if change.level == "document" else node_at(new, change.new_at)
    if node is None:
        return []
    if change.kind == ADDED:
        field = WHOLE if change.level == "indicator" else NAME
        if change.level == "table":
            field = "project_name"
        return [Mark(node, field, f"新增{LEVEL_LABELS[change.level]}")]
    if change.kind == MOVED:
        field = "project_name" if change.level == "table" else NAME
        return [Mark(node, field, f"原位置：{change.old}")]
    field = NAME if change.kind == RENAMED else change.field
    tip = original(change.old)
    if field != DISPLAY_FIELD or change.kind != CHANGED:
        return [Mark(node, field, tip)]
    was = node_at(old, change.old_at)
    parts = [
        part
        for part in VALUE_PARTS
        if not isinstance(was, Indicator) or getattr(was, part) != getattr(node, part)
    ]
    return [Mark(node, name, tip) for name in (DISPLAY_FIELD, *parts)]


def original(text: str) -> str:
    """The tip of a changed field: 原：what it was (（空） for nothing)."""
    return f"{ORIGINAL}{text or EMPTY_TEXT}"


def place_in_new(change: Change, comparison: Comparison, new: Document) -> Position | None:
    """Where the editor shows a change: where it stands in the new document; for one removed,
    where it stood (the row now in its place, else its group, else its table); None for a
    document property or when the new document has no place for it."""
    if change.level == "document":
        return None
    if change.new_at is not None:
        return change.new_at if node_at(new, change.new_at) is not None else None
    if change.old_at is None or not new.tables:
        return None
    old_table, *inner = change.old_at
    partner = dict(comparison.tables).get(old_table)
    if partner is None:  # a removed table: the one now in its place
        return (min(old_table, len(new.tables) - 1),)
    return (partner, *_nearest(new.tables[partner], change.path, inner))


def _nearest(table: GoalTable, path: tuple[str, ...], old_at: list[int]) -> tuple[int, ...]:
    """The place in a table nearest to where a removed group or row stood: its groups found
    by name (else by where they stood), its row by where it stood."""
    place: list[int] = []
    children: Sequence[Level1 | Level2 | Indicator] = table.children
    for depth, index in enumerate(old_at):
        if not children:
            break
        name = path[depth] if depth < len(path) else None
        named = [i for i, child in enumerate(children) if child.name == name]
        last = depth == len(old_at) - 1
        chosen = named[0] if named and not last else min(index, len(children) - 1)
        place.append(chosen)
        if last:
            break
        grand = children[chosen]
        if isinstance(grand, Indicator):
            break
        children = grand.children
    return tuple(place)
