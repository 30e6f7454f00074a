"""Whole-document snapshots: equality for round-trip and undo tests, with a readable diff."""

from __future__ import annotations

from typing import Any

from goaleditor.model.document import Document, GoalTable
from goaleditor.model.fields import DOCUMENT_PROPERTIES, HEADER_FIELDS, INDICATOR_FIELDS


def table_snapshot(table: GoalTable) -> dict[str, Any]:
    """Every field of a table and its whole tree, empty groups included."""
    return {
        **{name: getattr(table, name) for name in HEADER_FIELDS},
        "tree": [
            (
                level1.name,
                [
                    (
                        level2.name,
                        [
                            tuple(getattr(i, name) for name in INDICATOR_FIELDS)
                            for i in level2.children
                        ],
                    )
                    for level2 in level1.children
                ],
            )
            for level1 in table.children
        ],
    }


def document_snapshot(document: Document) -> dict[str, Any]:
    """Every property of a document (merge_level2 too) and every table, as plain data."""
    return {
        **{name: getattr(document, name) for name in DOCUMENT_PROPERTIES},
        "tables": [table_snapshot(table) for table in document.tables],
    }


def document_differences(left: Document, right: Document) -> list[str]:
    """Where two documents differ, one line each (empty when they are equal)."""
    a, b = document_snapshot(left), document_snapshot(right)
    lines = [f"{k}: {a[k]!r} != {b[k]!r}" for k in a if k != "tables" and a[k] != b[k]]
    if len(a["tables"]) != len(b["tables"]):
        lines.append(f"tables: {len(a['tables'])} != {len(b['tables'])}")
    for number, (ta, tb) in enumerate(zip(a["tables"], b["tables"], strict=False), 1):
        lines += [
            f"table {number} {k}: {ta[k]!r} != {tb[k]!r}"
            for k in ta
            if k != "tree" and ta[k] != tb[k]
        ]
        la, lb = _tree_lines(ta["tree"]), _tree_lines(tb["tree"])
        if la != lb:
            at = next((i for i, (x, y) in enumerate(zip(la, lb, strict=False)) if x != y), None)
            at = min(len(la), len(lb)) if at is None else at
            got = la[at] if at < len(la) else "(nothing)"
            other = lb[at] if at < len(lb) else "(nothing)"
            lines.append(f"table {number} tree line {at + 1}: {got} != {other}")
    return lines


def _tree_lines(tree: list[Any]) -> list[str]:
    """The tree as one line per node, so a difference can be named by its place."""
    lines: list[str] = []
    for level1, groups in tree:
        lines.append(f"一级 {level1!r}")
        for level2, indicators in groups:
            lines.append(f"  二级 {level2!r}")
            lines += [f"    三级 {indicator!r}" for indicator in indicators]
    return lines


def documents_equal(left: Document, right: Document) -> bool:
    """True when the two documents have the same properties, tables and trees."""
    return document_snapshot(left) == document_snapshot(right)
