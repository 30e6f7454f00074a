"""Compare two 1000-table documents (`goaleditor diff`'s work), against loading both from .goals.

The new document is the old one revised: a few hundred 指标值 changed, indicators renamed
(a similar name, the same 指标值) and moved to another 二级 group, tables reordered. Prints the
time of each, their ratio (target, issue 25: at most 2×) and the changes found by kind.
"""

from __future__ import annotations

import sys
import tempfile
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.common import best_timing, big_document
from goaleditor.compare import compare_documents
from goaleditor.model.document import Document
from goaleditor.model.store import load_document, save_document

RUNS = 3
EDITS = 300  # of each kind: values changed, indicators renamed, indicators moved


def revise(document: Document) -> Counter[str]:
    """A few hundred edits, each kind in tables of its own; what was done, by kind."""
    done: Counter[str] = Counter()
    tables = document.tables
    for n in range(EDITS):
        rows = [i for _, _, i in tables[3 * n].indicator_rows()]
        rows[n % len(rows)].value = "99.5"
        done["changed"] += 1
        renamed = [i for _, _, i in tables[3 * n + 1].indicator_rows()]
        renamed[(n + 5) % len(renamed)].name += "（调整）"
        done["renamed"] += 1
        table = tables[3 * n + 2]
        source, target = table.children[0].children[0], table.children[0].children[1]
        document.move_nodes(source, 0, 1, target, len(target.children))
        done["moved"] += 1
    document.move_tables(10, 1, 500)  # a table put elsewhere: one move
    done["moved"] += 1
    return done


def main() -> None:
    folder = Path(tempfile.mkdtemp())
    old_path, new_path = folder / "old.goals", folder / "new.goals"
    save_document(big_document(), old_path)
    new = load_document(old_path)
    done = revise(new)
    save_document(new, new_path)

    def load_both() -> tuple[Document, Document]:
        return load_document(old_path), load_document(new_path)

    old_document, new_document = load_both()
    load = best_timing(RUNS, load_both)
    compare = best_timing(RUNS, lambda: compare_documents(old_document, new_document))
    found = Counter(c.kind for c in compare_documents(old_document, new_document).changes)
    indicators = sum(t.indicator_count() for t in old_document.tables)
    print(f"{len(old_document.tables)} tables, {indicators} indicators; edits made: {dict(done)}")
    print(f"changes found: {dict(found)}")
    print(
        f"loading both from .goals:   {load.wall * 1000:8.1f} ms wall,"
        f" {load.cpu * 1000:8.1f} ms CPU"
    )
    print(
        f"comparing them:             {compare.wall * 1000:8.1f} ms wall,"
        f" {compare.cpu * 1000:8.1f} ms CPU"
    )
    ratio_cpu = compare.cpu / load.cpu if load.cpu else float("inf")
    print(f"ratio: {compare.wall / load.wall:.2f}× wall, {ratio_cpu:.2f}× CPU (target ≤ 2×)")


if __name__ == "__main__":
    main()
