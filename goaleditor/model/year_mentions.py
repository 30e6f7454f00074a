"""Years named in free text: which name a document's year or its period, which are history.

A year counts where it is written as one: 2026年, 2026年度, a date (2026-12-31, 2026/1/1,
2026.12) or a range (2025-2027, 2025年至2027年). A bare number (（2026）, 12026年) is not a
year. A year is history where the words around it say so: a comparison (较2024年, 与2025年相比,
2025年基础上, 2025年同期), a starting point (自2025年起, 2025年以来) or a past event told as
one (2019年建成的大楼); history keeps its year when the document moves on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

Period = tuple[int, int]  # first and last year of a project's 实施期

_YEAR = r"(?:19|20)\d\d"
_RANGE_RE = re.compile(
    rf"(?<!\d)(?P<first>{_YEAR})(?:\s*年)?\s*[-－—–~～至到]\s*(?P<last>{_YEAR})(?!\d)(?:\s*年)?"
)
_MONTH = r"(?:1[0-2]|0?[1-9])(?!\d)"
# One year: 2026年 (2026年度 and 2026年12月 start the same way), or a date's year (2026-12,
# 2026/1/1; with dots only as 2026.12.31, since 2026.5万元 is an amount).
_ANY_YEAR_RE = re.compile(_YEAR)  # what both kinds of mention hold
_SINGLE_RE = re.compile(rf"(?<!\d)(?P<first>{_YEAR})(?:\s*年|(?=[-/]{_MONTH}|\.{_MONTH}\.\d))")
# What may follow a year before the words that make it history: 度, 底, 12月31日 …
_TAIL_RE = re.compile(r"(?:度|底|末|初|[-/.]\d{1,2}){0,3}(?:\d{1,2}月份?)?(?:\d{1,2}日)?")
_HISTORY_BEFORE_RE = re.compile(r"(?:较|比|相比|相较于?|同比|对比|自|始于|早于)\s*$")
_HISTORY_AFTER_RE = re.compile(
    r"\s*(?:的)?(?:以来|基础上|同期|水平|相比|起|开始|"
    r"(?:建成|竣工|成立|落成|开工|开通|颁布|印发|出台|批复|购置|购买|采购|建设|实施|完成|"
    r"发生|新增|投入使用)的)"
)
_DATE_YEAR_RE = re.compile(rf"\s*({_YEAR})(?!\d)")


@dataclass(frozen=True, slots=True)
class YearMention:
    """A year (or a range of years) named in a text, where it is and whether it is history."""

    start: int
    end: int
    years: tuple[int, ...]  # one year, or a range's first and last
    digits: tuple[tuple[int, int], ...]  # where each year's four digits are
    history: bool
    dated: bool = False  # two dates joined (2025年12月至2026年2月, 2025年度和2026年度)


def year_mentions(text: str) -> list[YearMention]:
    """Every year and range of years the text names, in order."""
    if _ANY_YEAR_RE.search(text) is None:  # most texts name no year: one search, not two
        return []
    found: list[YearMention] = []
    taken: list[tuple[int, int]] = []
    for match in _RANGE_RE.finditer(text):
        first, last = int(match["first"]), int(match["last"])
        if first < last <= first + 10:
            spans = (match.span("first"), match.span("last"))
            found.append(_mention(text, match.start(), match.end(), (first, last), spans))
            taken.append(match.span())
    for match in _SINGLE_RE.finditer(text):
        if any(start <= match.start() < end for start, end in taken):
            continue
        year = int(match["first"])
        found.append(_mention(text, match.start(), match.end(), (year,), (match.span("first"),)))
    found.sort(key=lambda m: m.start)
    return _joined_dates(text, found)


# Between two dated years joined into one span: months, days, quarters, then 至/和/、 …
_JOIN_RE = re.compile(
    r"[\s\d月日号度第一二三四季上下半年底初末中旬份]*?\s*(?:至|到|～|~|—|－|-|和|与|及|、)\s*"
)


_JOIN_MAX = 16  # 12月31日 至 : what stands between two joined dates is short


def _joined_dates(text: str, found: list[YearMention]) -> list[YearMention]:
    """Two single years joined by 至/和 into one span: they move together or not at all."""
    joined: list[YearMention] = []
    for mention in found:
        last = joined[-1] if joined else None
        if (
            last is not None
            and len(last.years) == 1
            and len(mention.years) == 1
            and last.years[0] <= mention.years[0] <= last.years[0] + 10
            and mention.start - last.end <= _JOIN_MAX
            and _JOIN_RE.fullmatch(text, last.end, mention.start)
        ):
            joined[-1] = YearMention(
                last.start,
                mention.end,
                (last.years[0], mention.years[0]),
                (*last.digits, *mention.digits),
                last.history or mention.history,
                dated=True,
            )
            continue
        joined.append(mention)
    return joined


def _mention(
    text: str, start: int, end: int, years: tuple[int, ...], digits: tuple[tuple[int, int], ...]
) -> YearMention:
    tail = _TAIL_RE.match(text, end)
    after = tail.end() if tail else end
    history = bool(
        _HISTORY_BEFORE_RE.search(text, 0, start) or _HISTORY_AFTER_RE.match(text, after)
    )
    return YearMention(start, end, years, digits, history)


def table_period(start_date: str, end_date: str) -> Period | None:
    """The first and last year of a table's planned dates (None unless both name a year)."""
    first, last = _DATE_YEAR_RE.match(start_date), _DATE_YEAR_RE.match(end_date)
    if first is None or last is None or int(first[1]) > int(last[1]):
        return None
    return int(first[1]), int(last[1])


def mention_moves(
    mention: YearMention, year: int, period: Period | None
) -> list[tuple[int, int, str]]:
    """Where a mention names year (or the period as a whole), each with its year a year on.

    A range that is the period moves as a whole (2025-2027 → 2026-2028); any other range
    (a 中期规划 2026-2028) is a span of its own and stays: moving one end would cut it
    (2027~2028 → 2028~2028). History never moves."""
    if mention.history:
        return []
    pairs = list(zip(mention.digits, mention.years, strict=True))
    if (period is not None and mention.years == period) or (
        mention.dated and year in mention.years
    ):
        chosen = pairs
    elif len(pairs) > 1:
        chosen = []
    else:
        chosen = [(d, y) for d, y in pairs if y == year]
    return [(start, end, str(value + 1)) for (start, end), value in chosen]


def replace_spans(text: str, moves: list[tuple[int, int, str]]) -> str:
    """The text with each (start, end) span replaced by its new text."""
    for start, end, new in sorted(moves, reverse=True):
        text = text[:start] + new + text[end:]
    return text


def move_years(text: str, year: int, period: Period | None = None) -> tuple[str, int]:
    """The text with the document's year and period moved a year on, and how many places moved."""
    moves: list[tuple[int, int, str]] = []
    places = 0
    for mention in year_mentions(text):
        found = mention_moves(mention, year, period)
        moves += found
        places += bool(found)
    return replace_spans(text, moves), places


def past_year_mentions(text: str, year: int, period: Period | None = None) -> list[YearMention]:
    """The places in a text of year's document that name last year, or last year's period.

    They are what moving last year's document on would have moved. period is the table's
    own (its planned dates): a range naming it is this period, never stale."""
    last_period = None if period is None else (period[0] - 1, period[1] - 1)
    return [
        m
        for m in year_mentions(text)
        if m.years != period and mention_moves(m, year - 1, last_period)
    ]


def move_past_years(text: str, year: int, period: Period | None = None) -> str:
    """The text with its mentions of last year (or last year's period) moved to this year."""
    last_period = None if period is None else (period[0] - 1, period[1] - 1)
    moves = [
        move
        for m in past_year_mentions(text, year, period)
        for move in mention_moves(m, year - 1, last_period)
    ]
    return replace_spans(text, moves)
