"""A file's tables of two kinds (目标表, 自评表): the document takes the kind with more."""

from __future__ import annotations

from goaleditor.formats.notes import ImportNote
from goaleditor.formats.readers.self_evaluation.table import SELF_EVALUATION, EvaluatedTable
from goaleditor.formats.readers.self_evaluation.typed_scores import settle_scores
from goaleditor.formats.readers.tables.table_reader import Parsed
from goaleditor.model.document import Document
from goaleditor.self_evaluation.profiles import get_profile, is_known

_GOALS = "绩效目标表"
Found = tuple[str, Parsed, str]  # (sheet, table, layout)


def choose_kind(found: list[Found], notes: list[ImportNote]) -> list[Found]:
    """The tables of the kind the file has more of (目标表 on a tie); each table of the other
    kind said skipped, one note each."""
    evaluated = [entry for entry in found if isinstance(entry[1], EvaluatedTable)]
    goals = [entry for entry in found if not isinstance(entry[1], EvaluatedTable)]
    if not evaluated or not goals:
        return found
    more_evaluated = len(evaluated) > len(goals)
    kept, skipped = (evaluated, goals) if more_evaluated else (goals, evaluated)
    opened, other = (SELF_EVALUATION, _GOALS) if more_evaluated else (_GOALS, SELF_EVALUATION)
    for sheet, item, _ in skipped:
        at = item.name_row if isinstance(item, EvaluatedTable) else item.header_row
        name = f"（{item.table.project_name}）" if item.table.project_name else ""
        message = (
            f"这张表是{other}{name}，已跳过：本文件{opened}较多，"
            f"按{opened}打开（一个文档只有一种表）"
        )
        notes.append(ImportNote(message, sheet, None if at is None else at + 1))
    return kept


def make_self_evaluation(
    document: Document, items: list[Parsed], notes: list[ImportNote], recorded: str = ""
) -> None:
    """Make a document whose tables are 自评表 a self-evaluation: its scoring profile is the
    one the file records (goaleditor's export), else the form's (Sichuan's form → 四川, else
    central; said in one note), and each table's typed scores are settled against it.
    A document of 目标表 is left as it is."""
    evaluated = [item for item in items if isinstance(item, EvaluatedTable)]
    if not evaluated:
        return
    if is_known(recorded):
        scoring, form = recorded, "导出时记下的设置"
    elif evaluated[0].layout == "sichuan":
        scoring, form = "sichuan", "四川的自评表格式"
    else:
        scoring, form = "central", "自评表格式（未见地区的评分规则）"
    document.kind, document.scoring = "self-evaluation", scoring
    profile = get_profile(scoring)
    notes.append(ImportNote(f"按{form}取评分规则“{profile.label}”（可在 文档属性 中更改）"))
    for number, item in enumerate(evaluated):
        notes.extend(settle_scores(number, item, profile))
