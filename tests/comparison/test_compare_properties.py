"""Properties: a document compared with itself has no change; edits applied are each listed."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from goaleditor.compare import ADDED, CHANGED, MOVED, REMOVED, RENAMED, compare_documents
from goaleditor.model.document import Document, GoalTable, Indicator
from goaleditor.model.fields import DOCUMENT_PROPERTIES
from tests.strategies import documents

EDITS = ("value", "rename", "remove", "move", "description")
Expected = tuple[str, str, object, str, tuple[str, ...]]


def copy_of(document: Document) -> Document:
    """A detached copy: the same properties, each table cloned."""
    copy = Document(**{name: getattr(document, name) for name in DOCUMENT_PROPERTIES})
    copy.tables = [table.clone() for table in document.tables]
    copy.__post_init__()
    return copy


def distinct_names(document: Document) -> None:
    """Unique, unlike names for tables and indicators (the generated ones may repeat)."""
    chars = random.Random(0)
    for n, table in enumerate(document.tables):
        table.project_name = f"第{n}号项目"
        for _, _, indicator in table.indicator_rows():
            indicator.name = "".join(chr(chars.randrange(0x4E00, 0x9FA5)) for _ in range(6))


def path_of(indicator: Indicator) -> tuple[str, ...]:
    level2 = indicator.parent
    assert level2 is not None and level2.parent is not None
    return (level2.parent.name, level2.name, indicator.name)


@settings(max_examples=60, deadline=None)
@given(documents())
def test_a_document_compared_with_itself_or_its_copy_has_no_change(document: Document) -> None:
    assert compare_documents(document, document).changes == ()
    assert compare_documents(document, copy_of(document)).lines() == []


@settings(max_examples=80, deadline=None)
@given(documents(), st.data())
def test_each_edit_applied_is_listed_once(document: Document, data: st.DataObject) -> None:
    distinct_names(document)
    new = copy_of(document)
    expected: list[tuple[str, str, GoalTable | int, str, tuple[str, ...] | Indicator]] = []
    rows = [(t, i) for t in new.tables for _, _, i in t.indicator_rows()]
    chosen = data.draw(st.permutations(rows)) if rows else []
    edited_tables: set[int] = set()
    for table, indicator in chosen[: data.draw(st.integers(0, 6))]:
        edit = data.draw(st.sampled_from(EDITS))
        edited_tables.add(id(table))
        level2 = indicator.parent
        assert level2 is not None
        if edit == "value":
            indicator.value += "9"
            expected.append((CHANGED, "indicator", table, "display", indicator))
        elif edit == "description":
            indicator.description += "（修改）"
            expected.append((CHANGED, "indicator", table, "description", indicator))
        elif edit == "rename":
            indicator.name += "乙"
            expected.append((RENAMED, "indicator", table, "name", indicator))
        elif edit == "remove":
            path = path_of(indicator)
            new.remove_nodes(level2, level2.children.index(indicator), 1)
            expected.append((REMOVED, "indicator", table, "", path))
        else:
            groups = [g for l1 in table.children for g in l1.children if g is not level2]
            if not groups:
                continue
            target = data.draw(st.sampled_from(groups))
            row = data.draw(st.integers(0, len(target.children)))
            new.move_nodes(level2, level2.children.index(indicator), 1, target, row)
            expected.append((MOVED, "indicator", table, "", indicator))
    if new.tables and data.draw(st.booleans()):
        table = data.draw(st.sampled_from(new.tables))
        group = data.draw(
            st.sampled_from([None, *(g for l1 in table.children for g in l1.children)])
        )
        if group is not None:
            added = Indicator(f"新增指标{len(expected)}", "", "≥", "1", "个")
            new.insert_nodes(group, data.draw(st.integers(0, len(group.children))), [added])
            expected.append((ADDED, "indicator", table, "", added))
        else:
            table.goal += "（修改）"
            expected.append((CHANGED, "table", table, "goal", ()))
    untouched = [n for n, t in enumerate(new.tables) if id(t) not in edited_tables]
    if untouched and data.draw(st.booleans()):
        index = data.draw(st.sampled_from(untouched))
        new.remove_tables(index, 1)
        expected = [e for e in expected if e[2] in new.tables]  # an added row there goes too
        expected.append((REMOVED, "table", index + 1, "", ()))

    def listed(
        item: tuple[str, str, GoalTable | int, str, tuple[str, ...] | Indicator],
    ) -> Expected:
        kind, level, table, field, place = item
        number = table if isinstance(table, int) else new.tables.index(table) + 1
        path = path_of(place) if isinstance(place, Indicator) else place
        return kind, level, number, field, path

    changes = compare_documents(document, new).changes
    found = sorted((c.kind, c.level, c.table_number, c.field, c.path) for c in changes)
    assert found == sorted(listed(e) for e in expected), [c.line() for c in changes]
