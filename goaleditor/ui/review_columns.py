"""How the tree shows a reviewer's 审核结论 and 审核意见 cells: 不通过 in a red tint, 通过 in a
green one (dark text on both, readable in the default palette), the whole opinion as a tip."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from goaleditor.model.document import Indicator
from goaleditor.model.fields import FAILED, PASSED

_Role = Qt.ItemDataRole
_TEXT_ROLES = (_Role.DisplayRole, _Role.EditRole)
# (background, text) per verdict
VERDICT_COLORS = {
    FAILED: (QColor("#fbd5d1"), QColor("#a31515")),
    PASSED: (QColor("#d9f2d6"), QColor("#1b5e20")),
}
VERDICT_TIP = "审核结论：通过 / 不通过（Alt+↓ 展开；也可输入 t 或 b；Ctrl+1 通过，Ctrl+2 不通过）"


def review_cell(node: Indicator, field: str, role: int) -> Any:
    """What an indicator's 审核结论 (review_verdict) or 审核意见 (review_opinion) cell shows in
    a role (None where nothing)."""
    value: str = getattr(node, field)
    if role in _TEXT_ROLES:
        return value
    if field == "review_verdict":
        colors = VERDICT_COLORS.get(value.strip())
        if colors is not None and role == _Role.BackgroundRole:
            return colors[0]
        if colors is not None and role == _Role.ForegroundRole:
            return colors[1]
        if role == _Role.ToolTipRole:
            return VERDICT_TIP
        if role == _Role.TextAlignmentRole:
            return Qt.AlignmentFlag.AlignCenter
    if field == "review_opinion" and role == _Role.ToolTipRole:
        return value or "审核意见（不通过时请写明原因）"
    return None
