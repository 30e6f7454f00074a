"""Typed document change events, and a dispatch where every listener runs whatever the others do."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from goaleditor.model.document import Container, Document, GoalTable, TreeNode

log = logging.getLogger("goaleditor")

# "aborted" replaces "after" when the operation raised between the two: whoever began
# something on "before" (a Qt model's beginInsertRows) must end it and resynchronise.
Phase = Literal["before", "after", "aborted"]


@dataclass(frozen=True, slots=True)
class Inserted:
    """Children first..last (inclusive) of parent are inserted (the Document: tables)."""

    phase: Phase
    parent: Document | Container
    first: int
    last: int


@dataclass(frozen=True, slots=True)
class Removed:
    """Children first..last (inclusive) of parent are removed."""

    phase: Phase
    parent: Document | Container
    first: int
    last: int


@dataclass(frozen=True, slots=True)
class Moved:
    """Children first..last of parent move before dest_row of dest (Qt's beginMoveRows rule)."""

    phase: Phase
    parent: Document | Container
    first: int
    last: int
    dest: Document | Container
    dest_row: int


@dataclass(frozen=True, slots=True)
class Edited:
    """Field name of target changes; parent is the Document, the table, or the node's group."""

    phase: Phase
    parent: Document | Container | None
    target: Document | GoalTable | TreeNode
    name: str


Event = Inserted | Removed | Moved | Edited
Listener = Callable[[Event], None]


def dispatch(listeners: list[Listener], event: Event) -> None:
    """Tell every listener; one that raises is logged and the others still run."""
    for listener in tuple(listeners):
        try:
            listener(event)
        except Exception:
            log.exception("a document listener failed on %s", type(event).__name__)


def subscribe(listeners: list[Listener], listener: Listener) -> Callable[[], None]:
    """Add a listener; the returned callable removes it again (safe to call twice)."""
    listeners.append(listener)

    def unsubscribe() -> None:
        if listener in listeners:
            listeners.remove(listener)

    return unsubscribe


def with_phase(event: Any, phase: Phase) -> Event:
    """The same event at another phase."""
    cls = type(event)
    values = [getattr(event, name) for name in cls.__slots__]
    values[0] = phase
    return cls(*values)  # type: ignore[no-any-return]
