"""One entry that checks a document of either kind: a 目标表 by the goal checks, a 自评表 by the
goal checks that make sense for it plus its own (self_evaluation/checks.py)."""

from __future__ import annotations

from dataclasses import replace

from goaleditor.model.checks import (
    ERROR,
    CheckSettings,
    Problem,
    check_table,
    document_problems,
)
from goaleditor.model.document import Document, GoalTable
from goaleditor.model.fields import MONEY_FIELDS, SELF_EVALUATION_HEADER_FIELDS
from goaleditor.model.fix_its import FixIt
from goaleditor.model.rejection_checks import REJECTION_RULES
from goaleditor.review.checks import is_review_problem, review_problems
from goaleditor.self_evaluation.checks import scoring_problems, self_evaluation_problems
from goaleditor.self_evaluation.evaluation import TableScore, profile_of, score_table
from goaleditor.self_evaluation.fix_its import self_evaluation_fix_its
from goaleditor.self_evaluation.not_printed import not_printed_problems

# Goal checks that misfire on a 自评表: the goal layout's 权重 total of 100 and its empty-weight
# rule (a 自评表's 分值 are checked to 90 + the budget's 10 instead), the goal's 预算数 sum (the
# 自评表's money block has its own), what the goal layout does not print (a 自评表 prints its own
# form), fields its form has no cell for (资金用途, 绩效指标描述: a 自评表 read from a central
# form has none), and advice on setting targets (a required 二级 group, a satisfaction floor,
# the review checks): the 自评表 reports on the tree that was approved.
NOT_FOR_SELF_EVALUATION = frozenset(
    {
        *REJECTION_RULES,
        "weight.sum",
        "weight.invalid",
        "budget.sum",
        "layout.not-printed",
        "indicator.no-description",
        "header.no-fund-use",
        "framework.missing-level2",
        "satisfaction.below-floor",
    }
)
# The goal table's own money (预算数, 项目资金总额 and their parts): a 自评表's form has its money
# block instead (年初预算数, 全年预算数, 全年执行数), checked by its own rules.
_GOAL_MONEY = frozenset(name for name in MONEY_FIELDS if name not in SELF_EVALUATION_HEADER_FIELDS)
NO_TABLES = "structure.no-tables"


def check_table_of_any_kind(
    document: Document,
    table: GoalTable,
    number: int,
    settings: CheckSettings | None = None,
    score: TableScore | None = None,
) -> list[Problem]:
    """The problems of one table of either kind (header first, then by row); score is the
    table's when the caller keeps the scores (a 自评表 only)."""
    problems = check_table(document, table, number, settings)
    if not document.is_self_evaluation:
        return _with_review(problems, review_problems(table, number))
    profile = profile_of(document)
    kept = [p for p in problems if _applies_to_self_evaluation(p)]
    scored = score if score is not None else score_table(table, profile)
    kept += self_evaluation_problems(table, number, scored, profile)
    kept += not_printed_problems(table, number, document.layout)
    kept.sort(key=lambda p: p.row)
    return _with_review(kept, review_problems(table, number))


def _with_review(problems: list[Problem], review: list[Problem]) -> list[Problem]:
    """The table's problems and its reviewer's (a 不通过 among its row's), header first."""
    if not review:
        return problems
    return sorted(problems + review, key=lambda p: p.row)


def export_errors(problems: list[Problem]) -> int:
    """How many errors to ask about before exporting: a reviewer's 不通过 is for the clerk to
    act on, but never changes what the goal table prints, so it holds no export back."""
    return sum(1 for p in problems if p.severity == ERROR and not is_review_problem(p))


def _applies_to_self_evaluation(problem: Problem) -> bool:
    """Whether a goal check's problem means something on a 自评表 too."""
    if problem.rule in NOT_FOR_SELF_EVALUATION:
        return False
    return not (problem.rule == "layout.required" and problem.field in _GOAL_MONEY)


def document_problems_of_any_kind(
    document: Document, last_year: Document | None = None
) -> list[Problem]:
    """Problems of a document of either kind as a whole (not of any one table); with last
    year's document, the targets set lower than last year's too (compare/last_year.py)."""
    problems = document_problems(document)
    if document.is_self_evaluation:
        said = "文档中没有绩效自评表"
        problems = [replace(p, message=said) if p.rule == NO_TABLES else p for p in problems]
        problems += scoring_problems(document)
    if last_year is not None:
        from goaleditor.compare.last_year import lower_targets

        problems += lower_targets(last_year, document)
    return problems


def check_document_of_any_kind(
    document: Document, settings: CheckSettings | None = None, last_year: Document | None = None
) -> list[Problem]:
    """All problems of a document of either kind, table by table, header first, then by row
    (the targets lower than last year's, when given, with the document's own)."""
    problems = document_problems_of_any_kind(document, last_year)
    for number, table in enumerate(document.tables, 1):
        problems.extend(check_table_of_any_kind(document, table, number, settings))
    return problems


def fix_its_of_any_kind(problem: Problem, document: Document) -> list[FixIt]:
    """The ways to fix a problem of a document of either kind, the likeliest first."""
    from goaleditor.model.problem_fixes import fix_its

    found = fix_its(problem, document.year)
    if document.is_self_evaluation:
        found += self_evaluation_fix_its(problem, document)
    return found
