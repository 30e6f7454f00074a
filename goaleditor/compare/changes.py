"""A change between two goal documents as data, and its one line as `goaleditor diff` prints it.

A change says what kind it is, what it concerns (the document, a table, a 一级 or 二级 group,
a 三级 indicator), which table (its number and 项目名称), the place in the tree, the field
(a key of model/fields.py) and the old and the new text as printed. `old_at`/`new_at` are
where it stands in each document as indices (table, 一级, 二级, 三级), for whoever goes to
it (the editor's list, a redline).

Its line is `{table} [{place} ]{what}[：{old} → {new}]`:

- changed   `表2 2022年度运行保障项目 产出指标/质量指标/日常维修的验收合格率 指标值：≥98% → ≥99%`;
            a header field: `表2 2022年度运行保障项目 预算数：630.00万元 → 650.00万元`; a document
            property: `文档 年度：2025 → 2026`. An empty text reads （空）.
- renamed   the place is the group it stands in: `表2 … 产出指标/质量指标 三级指标更名：验收合格率 →
            日常维修的验收合格率`; a group: `表2 … 产出指标 二级指标更名：数量 → 数量指标`.
- moved     the place is where it stands now, the texts where it stood and stands: `表2 …
            产出指标/质量指标/验收合格率 移动：产出指标/数量指标第3项 → 产出指标/质量指标第1项`;
            a table: `表3 … 移动：表5 → 表3`. Moved and edited is one move and one change each.
- added     `表2 … 产出指标/质量指标/验收合格率 新增三级指标：≥98%` (with its 指标值),
            `表2 … 效益指标/生态效益指标 新增二级指标`, `表4 2026年新项目 新增表`.
- removed   the place is where it stood: `表2 … 产出指标/质量指标/验收合格率 删除三级指标：≥98%`; a
            table by its old number: `原表3 2025年旧项目 删除表`.

Line breaks inside a text read ⏎, so that each change stays one line.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from goaleditor.model.fields import FIELD_LABELS

ChangeKind = Literal["added", "removed", "changed", "renamed", "moved"]
ADDED: ChangeKind = "added"
REMOVED: ChangeKind = "removed"
CHANGED: ChangeKind = "changed"
RENAMED: ChangeKind = "renamed"
MOVED: ChangeKind = "moved"

# What a change concerns: the document's properties, a table, a group, a 三级 indicator.
Level = Literal["document", "table", "level1", "level2", "indicator"]
LEVEL_LABELS: dict[Level, str] = {
    "document": "文档",
    "table": "表",
    "level1": "一级指标",
    "level2": "二级指标",
    "indicator": "三级指标",
}
# The printed 指标值 (comparator, value and unit as one text) is compared as one field.
DISPLAY_FIELD = "display"
# Indices in a document: (table,), (table, 一级), (table, 一级, 二级), (table, 一级, 二级, 三级).
Position = tuple[int, ...]
EMPTY_TEXT = "（空）"
LINE_BREAK = "⏎"
ARROW = " → "


@dataclass(frozen=True, slots=True)
class Change:
    """One difference between an old and a new document (see the module docstring)."""

    kind: ChangeKind
    level: Level
    table_number: int  # 1-based; the new document's, the old one's for a removed table; 0: none
    table_name: str  # 项目名称 as printed (the new one; the old one for a removed table)
    path: tuple[str, ...] = ()  # 一级/二级/三级 names (new; old for a removed node)
    field: str = ""  # the compared field's key; "" for a whole node added, removed or moved
    old: str = ""
    new: str = ""
    old_at: Position | None = None  # where it stood in the old document (None: added)
    new_at: Position | None = None  # where it stands in the new document (None: removed)

    @property
    def label(self) -> str:
        """What the clerk calls the changed field (指标值, 预算数, 三级指标, …)."""
        if self.field == DISPLAY_FIELD:
            return FIELD_LABELS["value"]
        if self.field:
            return FIELD_LABELS.get(self.field, self.field)
        return LEVEL_LABELS[self.level]

    def line(self) -> str:
        """The change as one line (the module docstring gives every form)."""
        parts = [self._table_words()]
        place = self.path[:-1] if self.kind == RENAMED else self.path
        if place:
            parts.append("/".join(_one_line(name) for name in place))
        parts.append(self._what())
        return " ".join(part for part in parts if part)

    def _table_words(self) -> str:
        if self.level == "document":
            return LEVEL_LABELS["document"]
        number = f"原表{self.table_number}" if self._removed_table else f"表{self.table_number}"
        return f"{number} {_one_line(self.table_name)}" if self.table_name else number

    @property
    def _removed_table(self) -> bool:
        return self.kind == REMOVED and self.level == "table"

    def _what(self) -> str:
        level = LEVEL_LABELS[self.level]
        if self.kind == ADDED:
            return _with_text(f"新增{level}", self.new)
        if self.kind == REMOVED:
            return _with_text(f"删除{level}", self.old)
        if self.kind == RENAMED:
            return f"{level}更名：{_shown(self.old)}{ARROW}{_shown(self.new)}"
        if self.kind == MOVED:
            return f"移动：{_shown(self.old)}{ARROW}{_shown(self.new)}"
        return f"{self.label}：{_shown(self.old)}{ARROW}{_shown(self.new)}"


def _with_text(words: str, text: str) -> str:
    return f"{words}：{_one_line(text)}" if text else words


def _shown(text: str) -> str:
    return _one_line(text) if text else EMPTY_TEXT


def _one_line(text: str) -> str:
    return text.replace("\r\n", LINE_BREAK).replace("\r", LINE_BREAK).replace("\n", LINE_BREAK)
