"""Where pasted rows go: into the current cell, under their 一级/二级, or below the current row."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

from goaleditor.model.document import GoalTable, Indicator, Level2, TreeNode
from goaleditor.model.edit_rules import add_group, group_of, insert_place, typed_field
from goaleditor.model.edits import Edit, InsertNodes, Procedure
from goaleditor.model.frameworks import DEFAULT_FRAMEWORK, counterpart, get_framework


@dataclass(frozen=True, slots=True)
class Paste:
    """What a paste does (None: nothing), what to tell the clerk, and the first new row."""

    edit: Edit | None
    message: str = ""
    first: Indicator | None = None


def _level1_of(level2: str, table: GoalTable, framework: str) -> str:
    """The 一级 a 二级 belongs under when the rows leave it blank (the table's, else the
    framework's), or "" when it is not one."""
    mine = {l1.name for l1 in table.children for l2 in l1.children if l2.name == level2}
    if len(mine) == 1:
        return mine.pop()
    owners = [l1 for l1, l2s in get_framework(framework).levels if level2 in l2s]
    return owners[0] if len(owners) == 1 else ""


def _level2_of(level1: str, table: GoalTable, framework: str) -> str:
    """The 二级 when the rows leave it blank under a 一级 that has only one, else ""."""
    mine = [l2.name for l1 in table.children if l1.name == level1 for l2 in l1.children]
    names = mine if len(mine) == 1 else get_framework(framework).level2_names(level1)
    return names[0] if len(names) == 1 else ""


def paste_placement(
    current: TreeNode | None,
    field: str | None,
    table: GoalTable | None,
    clipboard: str,
    rows: Sequence[tuple[str, str, Indicator]],
    framework: str = DEFAULT_FRAMEWORK,
) -> Paste:
    """Pasting: one plain value goes into the current cell (field), read as typed there;
    rows go under their own 一级/二级 (a missing group the framework allows is added),
    rows without groups below the current row. Rows whose 一级/二级 pair neither the table
    nor the framework has are kept: they go below the current row, and the message says so.
    Cost rows of the other framework (成本指标/经济成本指标 ↔ 产出指标/成本指标) go into this
    framework's cost group, said too.
    """
    single = len(rows) == 1 and "\t" not in clipboard.strip()
    if single and isinstance(current, Indicator) and field is not None:
        edit, note = typed_field(current, field, clipboard.strip())
        return Paste(edit, note)
    if table is None or not rows:
        return Paste(None)
    rules = get_framework(framework)
    fallback = insert_place(current, table)
    plan: list[tuple[tuple[str, str] | None, Indicator]] = []
    misplaced: dict[tuple[str, str], int] = {}
    crossed: dict[tuple[str, str], tuple[str, str]] = {}  # another framework's group -> ours
    for level1, level2, indicator in rows:
        level1 = level1 or (_level1_of(level2, table, framework) if level2 else "")
        level2 = level2 or (_level2_of(level1, table, framework) if level1 else "")
        pair = (level1, level2)
        if not level1 and not level2:
            plan.append((None, indicator))
        elif group_of(table, *pair) is not None or rules.is_valid_pair(*pair):
            plan.append((pair, indicator))
        elif (ours := counterpart(rules, *pair)) is not None:
            crossed[pair] = ours
            plan.append((ours, indicator))
        else:
            misplaced[pair] = misplaced.get(pair, 0) + 1
            plan.append((None, indicator))
    if fallback is None:
        plan = [(pair, ind) for pair, ind in plan if pair is not None]
        if not plan:
            return Paste(None, "无法粘贴：表中没有二级指标组")

    def steps() -> Iterator[Edit]:
        next_row: dict[int, int] = {}  # id(group) -> where its next pasted row goes
        if fallback is not None:
            next_row[id(fallback[0])] = fallback[1]
        for pair, indicator in plan:
            if pair is None:
                assert fallback is not None
                group = fallback[0]
            else:
                found = group_of(table, *pair)
                if found is None:
                    yield from add_group(table, framework, *pair)
                    found = group_of(table, *pair)
                assert found is not None
                group = found
            assert group is not None
            if id(group) not in next_row:
                here = current if isinstance(current, Indicator) else None
                inside = here is not None and here.parent is group
                next_row[id(group)] = (
                    group.children.index(here) + 1 if inside and here else len(group.children)
                )
            at = next_row[id(group)]
            yield InsertNodes(group, at, (indicator,), "粘贴")
            next_row[id(group)] = at + 1

    edit = Procedure(steps, f"粘贴{len(plan)}个指标")
    message = _paste_message(plan, rows, misplaced, fallback) + _crossed_message(crossed)
    return Paste(edit, message, plan[0][1])


def _paste_message(
    plan: Sequence[tuple[tuple[str, str] | None, Indicator]],
    rows: Sequence[tuple[str, str, Indicator]],
    misplaced: Mapping[tuple[str, str], int],
    fallback: tuple[Level2, int] | None,
) -> str:
    """已粘贴8行：产出指标/数量指标 3行，…；2行无法放置…"""
    where: dict[str, int] = {}
    here = (
        f"{fallback[0].parent.name}/{fallback[0].name}"
        if fallback is not None and fallback[0].parent is not None
        else ""
    )
    for pair, _ in plan:
        name = f"{pair[0]}/{pair[1]}" if pair is not None else here
        where[name] = where.get(name, 0) + 1
    text = f"已粘贴{len(plan)}行：" + "，".join(f"{k} {n}行" for k, n in where.items())
    if misplaced:
        pairs = "、".join(f"{a or '（空）'}/{b or '（空）'}" for a, b in misplaced)
        count = sum(misplaced.values())
        text += f"；{count}行的一级/二级（{pairs}）不在指标体系中，已放在当前位置"
    dropped = len(rows) - len(plan)
    if dropped:
        text += f"；{dropped}行无法放置（表中没有二级指标组），未粘贴"
    return text


def _crossed_message(crossed: Mapping[tuple[str, str], tuple[str, str]]) -> str:
    """；成本指标/经济成本指标 来自另一指标体系，已放入本表的产出指标/成本指标"""
    return "".join(
        f"；{a}/{b or '（空）'} 来自另一指标体系，已放入本表的{c}/{d}"
        for (a, b), (c, d) in crossed.items()
    )
