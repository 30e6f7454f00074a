"""Pasting a column copied from Excel/WPS into a 自评表's own column: one value per indicator,
down from the current one (实际完成值 of every row at once), never new rows."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from goaleditor.model.document import GoalTable, Indicator, TreeNode
from goaleditor.model.edit_rules import typed_field
from goaleditor.model.edits import Edit, Steps
from goaleditor.model.fields import FIELD_LABELS

# The 自评表's columns a pasted column fills down (the goal ones paste rows, as before).
FILLED_DOWN = ("actual", "weight", "score", "grade", "deviation")
_LABELS = {**{name: FIELD_LABELS[name] for name in FILLED_DOWN}, "weight": "分值"}


@dataclass(frozen=True, slots=True)
class ColumnPaste:
    """The edit (one undo step, None when nothing changes) and what the status line says."""

    edit: Edit | None
    message: str


def pasted_lines(clipboard: str) -> list[str]:
    """The lines of a pasted column (Excel ends it with a line break, not an empty cell)."""
    lines = clipboard.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if lines and not lines[-1]:
        lines.pop()
    return lines


def column_paste(
    current: TreeNode | None,
    field: str | None,
    table: GoalTable | None,
    clipboard: str,
    takes: Callable[[Indicator, str, str], str | None],
) -> ColumnPaste | None:
    """Several lines of one column pasted into a 自评 column: each line into the next
    indicator's cell, groups passed by. None when this is no such paste (a single value, rows
    of several columns, or a goal document's column): the ordinary paste then takes it.

    `takes(indicator, field, text)` gives the text as the cell takes it, or None where the
    cell is not typed in (a computed 得分) or the text does not fit (a grade of no band).
    """
    lines = pasted_lines(clipboard)
    if field not in FILLED_DOWN or table is None or not isinstance(current, Indicator):
        return None
    if table.document is None or not table.document.is_self_evaluation:
        return None
    if len(lines) < 2 or any("\t" in line for line in lines):
        return None
    rows = [indicator for _, _, indicator in table.indicator_rows()]
    start = next((n for n, row in enumerate(rows) if row is current), None)
    if start is None:
        return None
    targets = rows[start : start + len(lines)]
    edits: list[Edit] = []
    refused = 0
    for indicator, line in zip(targets, lines, strict=False):
        text = takes(indicator, field, line.strip())
        if text is None:
            refused += 1
            continue
        edit, _note = typed_field(indicator, field, text)
        if edit is not None:
            edits.append(edit)
    label = _LABELS[field]
    said = [f"已粘贴{len(targets) - refused}个{label}（自当前行向下，每个指标一行）"]
    if len(lines) > len(targets):
        said.append(f"另有{len(lines) - len(targets)}行超出最后一个指标，未粘贴")
    if refused:
        said.append(f"{refused}个单元格不能填入（按规则计分的得分，或不是定性指标的等级）")
    edit = Steps(tuple(edits), f"粘贴{label}") if edits else None
    return ColumnPaste(edit, "；".join(said))
