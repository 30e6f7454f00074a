"""A document's table scores kept current: each table is rescored only after an edit in it."""

from __future__ import annotations

from collections.abc import Callable

from goaleditor.model.document import Document, GoalTable, containing_table
from goaleditor.model.events import Edited, Event, Moved
from goaleditor.self_evaluation.evaluation import TableScore, profile_of, score_table


class DocumentScores:
    """The scores of a document's tables, computed on demand and forgotten when a table changes.

    It follows the document's events, so that one edit costs the rescoring of one table.
    """

    def __init__(self, document: Document) -> None:
        self.document = document
        self._cache: dict[int, tuple[GoalTable, TableScore]] = {}
        self._unsubscribe: Callable[[], None] = document.subscribe(self._on_event)

    def close(self) -> None:
        """Stop following the document."""
        self._unsubscribe()
        self._cache.clear()

    def of(self, table: GoalTable) -> TableScore:
        """The table's scores under the document's profile."""
        cached = self._cache.get(id(table))
        if cached is not None and cached[0] is table:
            return cached[1]
        result = score_table(table, profile_of(self.document))
        self._cache[id(table)] = (table, result)
        return result

    def all(self) -> list[TableScore]:
        """Every table's scores, in order."""
        return [self.of(table) for table in self.document.tables]

    def _forget(self, node: object) -> None:
        table = containing_table(node)
        if table is not None:
            self._cache.pop(id(table), None)

    def _on_event(self, event: Event) -> None:
        if event.phase == "before":
            return
        if isinstance(event, Edited):
            if isinstance(event.target, Document):
                self._cache.clear()  # the scoring profile (or the kind) changed
            else:
                self._forget(event.target)
            return
        if isinstance(event.parent, Document):
            self._prune()
            return
        self._forget(event.parent)
        if isinstance(event, Moved):
            self._forget(event.dest)

    def _prune(self) -> None:
        kept = {id(t) for t in self.document.tables}
        for key in [k for k in self._cache if k not in kept]:
            del self._cache[key]
