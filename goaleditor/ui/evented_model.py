"""The shared base of the Qt models that follow a document: domain events become row signals."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex

from goaleditor.model.document import Document
from goaleditor.model.events import Edited, Event, Inserted, Moved, Removed


class EventedModel(QAbstractItemModel):
    """Turns before/after events into begin/end row signals, and never stays half-way.

    Subclasses say where a container's children are shown (``container_index``) and
    what an edit repaints (``edited``). An end is only sent for a begin that was sent;
    a 'before' arriving while an end is still owed, or an 'aborted' operation, ends
    the pending change and resets the model, since the rows can no longer be trusted.
    """

    def __init__(self, document: Document, parent: Any = None) -> None:
        super().__init__(parent)
        self._document = document
        self._owed: Callable[[], None] | None = None
        self._unsubscribe = document.subscribe(self._on_event)

    def follow(self, document: Document) -> None:
        """Follow another document's events (the caller resets what is shown)."""
        self._unsubscribe()
        self._settle()
        self._document = document
        self._unsubscribe = document.subscribe(self._on_event)

    # --- what subclasses say -----------------------------------------------------------

    def container_index(self, container: Any) -> QModelIndex | None:
        """The index whose rows are container's children, or None when not shown here."""
        raise NotImplementedError

    def edited(self, event: Edited) -> None:
        """An edit happened ('after' only): emit dataChanged for what shows it."""

    def will_change(self, event: Event) -> None:
        """Called on every 'before', ahead of the row signals (e.g. to drop a removed table)."""

    def rows_changed(self, event: Inserted | Removed | Moved) -> None:
        """Called after a row change ended normally (e.g. to renumber)."""

    def reset(self) -> None:
        """Everything may have changed."""
        self.beginResetModel()
        self.endResetModel()

    # --- following the document ------------------------------------------------------------

    def _settle(self) -> None:
        if self._owed is not None:
            end, self._owed = self._owed, None
            end()
            self.reset()

    def _on_event(self, event: Event) -> None:
        if isinstance(event, Edited):
            if event.phase == "after":
                self.edited(event)
            return
        if event.phase == "before":
            self._settle()
            self.will_change(event)
            self._begin(event)
            return
        end, self._owed = self._owed, None
        if end is None:
            return  # not shown here, or the begin itself failed
        end()
        if event.phase == "aborted":
            self.reset()
        else:
            self.rows_changed(event)

    def _begin(self, event: Inserted | Removed | Moved) -> None:
        source = self.container_index(event.parent)
        if isinstance(event, Moved):
            dest = self.container_index(event.dest)
            if source is not None and dest is not None:
                if self.beginMoveRows(source, event.first, event.last, dest, event.dest_row):
                    self._owed = self.endMoveRows
                return
            if dest is not None:  # arriving from a container not shown here
                count = event.last - event.first
                self.beginInsertRows(dest, event.dest_row, event.dest_row + count)
                self._owed = self.endInsertRows
                return
        if source is None:
            return
        if isinstance(event, Inserted):
            self.beginInsertRows(source, event.first, event.last)
            self._owed = self.endInsertRows
        else:  # removed, or moved to a container not shown here
            self.beginRemoveRows(source, event.first, event.last)
            self._owed = self.endRemoveRows
