"""Comparing two goal documents (DESIGN §5.2): what changed, as data and as lines.

`compare_documents(old, new)` gives a `Comparison`: its `changes` (each a `Change`: kind,
level, table, place, field, old and new text as printed, and where it stands in each
document) and which old table is which new one. `goaleditor diff` prints `Change.line()`;
a redline, a 修改情况说明 and the editor's list of changes read the same data.

Pure domain: it reads the model and imports no Qt, no formats and no ui.
"""

from goaleditor.compare.changes import (
    ADDED,
    CHANGED,
    MOVED,
    REMOVED,
    RENAMED,
    Change,
    ChangeKind,
    Level,
    Position,
)
from goaleditor.compare.documents import Comparison, compare_documents

__all__ = [
    "ADDED",
    "CHANGED",
    "MOVED",
    "REMOVED",
    "RENAMED",
    "Change",
    "ChangeKind",
    "Comparison",
    "Level",
    "Position",
    "compare_documents",
]
