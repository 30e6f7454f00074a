"""What a batch knows of one file: read and checked (单位, tables, money, problems, score) or
the one line why it could not be read; small, so a folder of thousands stays in memory."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from goaleditor.model.checks import ERROR, HINT, WARNING, Problem
from goaleditor.model.document import Document, GoalTable
from goaleditor.model.money import UNIT_SCALE, convert_amount

GOAL = "goal"
SELF_EVALUATION = "self_evaluation"
KIND_LABELS = {GOAL: "绩效目标表", SELF_EVALUATION: "绩效自评表"}
TOP_PROBLEMS = 3  # problems named per file (errors first)
_ZERO = Decimal(0)


@dataclass(frozen=True, slots=True)
class FileResult:
    """One file of a batch: what was found in it, or why it could not be read (reason)."""

    name: str  # the file as the user gave it (a zip member as archive.zip/member)
    reason: str = ""  # why it could not be read; "" when it was
    kind: str = ""  # GOAL or SELF_EVALUATION once read
    unit: str = ""  # 单位
    tables: int = 0
    money_wan: Decimal = _ZERO  # 项目资金总额 (a 自评表: 全年预算数) in 万元
    errors: int = 0
    warnings: int = 0
    hints: int = 0
    notes: int = 0  # import notes (guesses and skips)
    top_problems: tuple[str, ...] = ()  # a few problems' lines, errors first
    rules: tuple[tuple[str, int], ...] = ()  # each rule id found and how often
    score: Decimal | None = None  # a 自评表's average score of its scored projects
    grade: str = ""  # a 自评表's grades (优2个、良1个), or its one table's grade
    project: str = ""  # the first table's 项目名称 (names an exported file)
    fingerprint: str = ""  # the printed content's hash: the same document sent as .docx and .pdf
    same_as: str = ""  # set by the run: the earlier file with the same content

    @property
    def readable(self) -> bool:
        """True when the file was read (its problems may still be errors)."""
        return not self.reason

    @property
    def kind_label(self) -> str:
        """绩效目标表 or 绩效自评表 ("" for an unreadable file)."""
        return KIND_LABELS.get(self.kind, "")

    def line(self) -> str:
        """The line printed as the file finishes: file, 单位, tables, 万元, counts, or why not
        (tab-separated; a file's own text never breaks the line or adds a field)."""
        from goaleditor.errors import printable

        name = printable(self.name)
        if self.reason:
            return f"{name}\t无法读取\t{printable(self.reason)}"
        counts = f"错误{self.errors}\t警告{self.warnings}\t提示{self.hints}"
        unit = printable(self.unit) if self.unit else "（未填单位）"
        said = f"{name}\t{unit}\t{self.tables}张表\t{self.money_wan:f}万元\t{counts}"
        if self.kind == SELF_EVALUATION:
            said += (
                f"\t自评表 平均得分{self.score:f}分"
                if self.score is not None
                else "\t自评表 未评分"
            )
        if self.same_as:
            said += f"\t重复：与{printable(self.same_as)}内容相同"
        return said


def unreadable(name: str, reason: str) -> FileResult:
    """The result of a file that could not be read: its one-line reason, on one line."""
    from goaleditor.errors import printable

    return FileResult(name=name, reason=printable(reason).replace("\n", " "))


def checked(name: str, document: Document, notes: int) -> FileResult:
    """The result of a read document: checked as `goaleditor check` does, money summed."""
    from goaleditor.checking import check_document_of_any_kind

    problems = check_document_of_any_kind(document)
    severities = Counter(p.severity for p in problems)
    rules = Counter(p.rule for p in problems)
    score, grade = _score(document)
    money = _self_evaluation_money(document) if document.is_self_evaluation else None
    if money is None:
        money = sum((_goal_money(t) for t in document.tables), _ZERO)
    return FileResult(
        name=name,
        kind=SELF_EVALUATION if document.is_self_evaluation else GOAL,
        unit=_unit(document),
        tables=len(document.tables),
        money_wan=money,
        errors=severities[ERROR],
        warnings=severities[WARNING],
        hints=severities[HINT],
        notes=notes,
        top_problems=tuple(p.line() for p in _top(problems)),
        rules=tuple(sorted(rules.items(), key=lambda item: (-item[1], item[0]))),
        score=score,
        grade=grade,
        project=document.tables[0].project_name.strip() if document.tables else "",
        fingerprint=_fingerprint(document),
    )


def _fingerprint(document: Document) -> str:
    """What a copy in another format reads the same: each table's 项目名称 (spaces aside), its
    money in 万元 and its indicators' names and 指标值 as printed."""
    import hashlib

    def squeezed(text: str) -> str:
        return "".join(text.split())

    digest = hashlib.sha256(document.kind.encode())
    for table in document.tables:
        digest.update(f"\x1e{squeezed(table.project_name)}\x1f{_goal_money(table):f}".encode())
        for _, _, indicator in table.indicator_rows():
            digest.update(
                f"\x1f{squeezed(indicator.name)}\x1d{squeezed(indicator.display)}".encode()
            )
    return digest.hexdigest() if document.tables else ""


def mark_repeats(result: FileResult, seen: dict[str, str]) -> FileResult:
    """result with same_as set when an earlier result (in seen: fingerprint → name) had its
    content; seen learns result's fingerprint otherwise."""
    from dataclasses import replace

    if not result.fingerprint:
        return result
    first = seen.setdefault(result.fingerprint, result.name)
    return result if first == result.name else replace(result, same_as=first)


def _top(problems: list[Problem]) -> list[Problem]:
    order = {ERROR: 0, WARNING: 1, HINT: 2}
    return sorted(problems, key=lambda p: order.get(p.severity, 3))[:TOP_PROBLEMS]


def _unit(document: Document) -> str:
    """单位: the document's 单位名称, else the first table's 实施单位 or 主管部门."""
    if document.agency_name.strip():
        return document.agency_name.strip()
    for table in document.tables:
        for name in (table.implementer, table.supervisor):
            if name.strip():
                return name.strip()
    return ""


def _wan(amount: Decimal | None, unit: str) -> Decimal:
    if amount is None:
        return _ZERO
    return convert_amount(amount, unit if unit in UNIT_SCALE else "元", "万元")


def _goal_money(table: GoalTable) -> Decimal:
    """A goal table's 项目资金总额 (else its 财政拨款) in 万元."""
    amount = table.budget_total if table.budget_total is not None else table.budget_fiscal
    return _wan(amount, table.money_unit)


def _self_evaluation_money(document: Document) -> Decimal:
    from goaleditor.self_evaluation.summary import summarize

    return summarize(document).budget_wan


def _score(document: Document) -> tuple[Decimal | None, str]:
    """A 自评表's average score and its grades (the one table's grade when there is one)."""
    if not document.is_self_evaluation:
        return None, ""
    from goaleditor.self_evaluation.summary import summarize

    summary = summarize(document)
    given = [(name, count) for name, count in summary.grades if count]
    if summary.scored == 1 and len(given) == 1:
        return summary.average, given[0][0]
    return summary.average, "、".join(f"{name}{count}个" for name, count in given)
