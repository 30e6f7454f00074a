"""A fix-it: one way to fix a problem, with the label its menu shows and the edit it makes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from goaleditor.model.document import Document, GoalTable, Indicator
from goaleditor.model.edit_rules import add_indicator_under, group_of
from goaleditor.model.edits import Edit, SetField, SetHeader, SetProperties, Steps

FIX_TEXT = "修复问题"  # what the undo menu calls every fix-it


@dataclass(frozen=True, slots=True)
class FixIt:
    """One way to fix a problem: a field of target gets value, or several fields of an
    indicator get theirs (parts: the 指标值's comparator, value and unit at once), or
    (add_under: 一级, 二级) an empty 三级 goes at the end of that group of the target table,
    its groups added first, or (clears) field is emptied in each of these indicators."""

    label: str  # what the problems panel's menu offers: 使用指标名称作为描述
    target: GoalTable | Indicator | Document  # a Document: field is a document property
    field: str = ""
    value: Any = None
    add_under: tuple[str, str] | None = None
    parts: tuple[tuple[str, str], ...] = ()
    clears: tuple[Indicator, ...] = ()

    def edit(self) -> Edit:
        """The fix as one undoable step."""
        change: Edit
        if self.parts and isinstance(self.target, Indicator):
            indicator = self.target
            changes = tuple(
                SetField(indicator, name, value)
                for name, value in self.parts
                if getattr(indicator, name) != value
            )
            return Steps(changes, FIX_TEXT)
        if self.clears:
            emptied = tuple(SetField(i, self.field, "") for i in self.clears)
            return Steps(emptied, FIX_TEXT)
        if self.add_under is not None and isinstance(self.target, GoalTable):
            change = add_indicator_under(self.target, *self.add_under)
        elif isinstance(self.target, Document):
            change = SetProperties({self.field: self.value})
        elif isinstance(self.target, GoalTable):
            change = SetHeader(self.target, self.field, self.value)
        else:
            change = SetField(self.target, self.field, str(self.value))
        return Steps((change,), FIX_TEXT)

    def added_row(self) -> Indicator | None:
        """Once applied: the empty 三级 it added, ready for its name (None: it adds no row)."""
        if self.add_under is None or not isinstance(self.target, GoalTable):
            return None
        group = group_of(self.target, *self.add_under)
        return group.children[-1] if group is not None and group.children else None
