"""CJK line breaking: wrap text into lines that never exceed a width (no Qt, no reportlab)."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable
from itertools import accumulate, combinations, pairwise

# Characters that may not start a line (行首禁则) and that may not end one (行尾禁则).
NO_LINE_START = frozenset("，。、；：？！）》」』】〕〉”’％%…·,.;:?!)]}℃、°‰")
NO_LINE_END = frozenset("（《「『【〔〈“‘([{￥$")
# A unit is a Latin word or number (kept whole when it fits), a space run, or one character.
_UNIT_RE = re.compile(r"[A-Za-z0-9_.\-+/@#&'’]+(?:[%％])?| +|.", re.S)
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_UNCLEAN_RE = re.compile(r"[\x00-\x09\x0b-\x1f\x7f]")  # what clean_text changes (\r, \t too)

Width = Callable[[str], float]


def clean_text(text: str) -> str:
    """Normalise line ends and drop control characters that no font can draw."""
    if _UNCLEAN_RE.search(text) is None:  # nearly always: one scan, no copies
        return text
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    return _CONTROL_RE.sub("", text)


def wrap(text: str, max_width: float, width: Width, orphans: bool = True) -> list[str]:
    """Break text into lines no wider than max_width (width(s) measures a string); with
    orphans=False a paragraph never ends in one character alone (see no_orphan)."""
    lines: list[str] = []
    for paragraph in clean_text(text).split("\n"):
        if width(paragraph) <= max_width:
            lines.append(paragraph)
        else:
            filled = _Filler(max_width, width).fill(paragraph)
            lines.extend(filled if orphans else no_orphan(filled, max_width, width))
    return lines


def is_ideograph(char: str) -> bool:
    """A CJK ideograph (the characters a line may break between)."""
    return "\u3400" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff"


def no_orphan(lines: list[str], max_width: float, width: Width) -> list[str]:
    """A paragraph's lines with a last line of one character given the ideograph before it
    (可持续影响指/标 → 可持续影响/指标); the line it leaves keeps two characters at least.

    The only short line inside a paragraph: the PDF reader knows it by its last line of two
    characters whose first would have fitted on the line above, but not both (readers/pdf).
    """
    if len(lines) < 2 or len(lines[-1]) != 1 or lines[-1].isspace():
        return lines
    above, last = lines[-2], lines[-1]
    if len(above) < 3 or not is_ideograph(above[-1]) or above[-2] in NO_LINE_END:
        return lines
    if above[-2] == " " or width(above[-1] + last) > max_width:
        return lines
    return [*lines[:-2], above[:-1], above[-1] + last]


# Any character clusters() may join to another: without one, a paragraph's units are its clusters.
_JOINING_RE = re.compile("[" + re.escape("".join(sorted(NO_LINE_START | NO_LINE_END))) + r"\s]")


def clusters(units: Iterable[str]) -> list[str]:
    """Join the units no line break may separate: a no-line-start unit to what precedes it,
    what follows to a no-line-end unit; spaces stay with what precedes them."""
    result: list[str] = []
    last = ""  # the cluster being built ("" before the first)
    open_end = False  # whether last ends (spaces aside) in a no-line-end character
    for unit in units:
        if result and (
            (unit[0] in NO_LINE_START and not last.isspace())  # not a paragraph's leading spaces
            or open_end
            or unit.isspace()
        ):
            last += unit
            result[-1] = last
        else:
            last = unit
            result.append(unit)
        open_end = last.rstrip(" ")[-1:] in NO_LINE_END
    return result


class _Filler:
    """Greedy filling of lines with clusters; a cluster wider than a line is broken inside,
    between its characters where the rules allow, else anywhere (the impossible case).

    Lines are filled as full as they go: a reader of the PDF takes a line that stops short
    of its cell's edge for the end of a paragraph (see readers/pdf).
    """

    def __init__(self, max_width: float, width: Width) -> None:
        self.max_width = max_width
        self.width = width
        self.lines: list[str] = []
        self.line: list[str] = []
        self.used = 0.0

    def fill(self, paragraph: str) -> list[str]:
        units = _UNIT_RE.findall(paragraph)
        parts = units if _JOINING_RE.search(paragraph) is None else clusters(units)
        if parts and " " not in paragraph and not self.lines and not self.line:
            each = getattr(self.width, "each", None)  # a TextWidth measures many in one call
            widths = each(parts) if each is not None else list(map(self.width, parts))
            if max(widths) <= self.max_width:
                return self._fill_fitting(parts, widths)
        # _add's common cases inline, on locals: this loop runs for every cluster of a text
        width, max_width, lines = self.width, self.max_width, self.lines
        line, used = self.line, self.used
        for cluster in parts:
            visible = cluster.rstrip(" ")  # trailing spaces may hang past the line end
            fit = width(visible)
            if used + fit <= max_width:
                line.append(cluster)
                used += fit if len(visible) == len(cluster) else width(cluster)
            elif fit <= max_width:
                lines.append("".join(line).rstrip(" "))
                line = [cluster]
                used = width(cluster)
            else:
                self.line, self.used = line, used
                self._add(cluster, by_chars=False)
                line, used = self.line, self.used
        self.line, self.used = line, used
        self._break()
        return lines

    def _fill_fitting(self, parts: list[str], widths: list[float]) -> list[str]:
        """fill for clusters that each fit a line and hang no spaces: each line's running
        widths summed in C, as the loop sums them, and its end found by bisection."""
        lines, start = self.lines, 0
        while start < len(parts):
            running = list(accumulate(widths[start:]))  # float sums in the loop's order
            end = start + bisect_right(running, self.max_width)
            lines.append("".join(parts[start:end]).rstrip(" "))
            start = end
        return lines

    def _break(self) -> None:
        self.lines.append("".join(self.line).rstrip(" "))
        self.line = []
        self.used = 0.0

    def _add(self, cluster: str, by_chars: bool) -> None:
        visible = cluster.rstrip(" ")  # trailing spaces may hang past the line end
        fit = self.width(visible)
        if self.used + fit <= self.max_width:
            self.line.append(cluster)
            self.used += fit if len(visible) == len(cluster) else self.width(cluster)
        elif fit <= self.max_width:
            self._break()
            self.line.append(cluster)
            self.used = self.width(cluster)
        elif not by_chars:
            for part in clusters(cluster):  # its characters, clustered again
                self._add(part, by_chars=True)
        else:
            for char in cluster:
                char_width = self.width(char)
                if self.used + char_width > self.max_width and self.line:
                    self._break()
                    if char == " ":
                        continue
                self.line.append(char)
                self.used += char_width


# A printed label breaks best after these (其中：|财政资金) and before an opening bracket
# (项目资金|（元）), else between the words of the forms' labels and the framework's level
# names, never inside one: Chinese has no spaces to show where its words end.
_BREAK_AFTER = frozenset("：:，,、；;）)》")
_BREAK_BEFORE = frozenset("（(《")
_LABEL_VOCABULARY = (
    "项目 名称 性质 类别 属性 主管 部门 代码 实施期 实施 单位 计划 开始 完成 结束 日期 资金 总额"
    " 年度 申请 其中 财政 当年 拨款 上年 结转 其他 绩效 目标 总体 中期 预算 规模 用途 指标值"
    " 指标 描述 一级 二级 三级 度量 权重 产出 效益 满意度 数量 质量 时效 成本 经济 社会 生态"
    " 可持续 影响 服务 对象 效果"
)
LABEL_WORDS = tuple(_LABEL_VOCABULARY.split())
# A label of more units than this is wrapped as any text (the search grows fast with it).
_LABEL_UNITS = 24


def wrap_label(text: str, max_width: float, width: Width) -> list[str]:
    """Wrap a short printed label (主管部门及代码) in as few lines as wrap does, choosing among
    the ways to: no line of a single character where one can be avoided, breaks after
    punctuation or between words where they fit, then lines as even as they can be."""
    greedy = wrap(text, max_width, width)
    text = clean_text(text)
    units = clusters(_UNIT_RE.findall(text))
    if len(greedy) <= 1 or "\n" in text or len(units) > _LABEL_UNITS:
        return greedy
    offsets = list(accumulate(len(unit) for unit in units))  # where each unit ends
    penalty = _break_penalties(text)
    best: tuple[tuple[int, int, float, tuple[int, ...]], list[str]] | None = None
    for breaks in combinations(range(1, len(units)), len(greedy) - 1):
        edges = (0, *breaks, len(units))
        lines = ["".join(units[a:b]).strip(" ") for a, b in pairwise(edges)]
        widths = [width(line) for line in lines]
        if max(widths) > max_width or not all(lines):
            continue
        key = (
            sum(len(line) == 1 for line in lines),
            sum(penalty[offsets[b - 1]] for b in breaks),
            max(widths),
            tuple(-b for b in breaks),  # at a tie, the longer first lines, as wrap makes them
        )
        if best is None or key < best[0]:
            best = (key, lines)
    return greedy if best is None else best[1]


def _break_penalties(text: str) -> list[int]:
    """For each offset in text, how badly a line break there reads: 0 after punctuation,
    before a bracket or between known words, 2 inside a known word, 1 anywhere else."""
    penalty = [1] * (len(text) + 1)
    for word in LABEL_WORDS:
        for match in re.finditer(re.escape(word), text):
            penalty[match.start()] = min(penalty[match.start()], 0)
            penalty[match.end()] = min(penalty[match.end()], 0)
    for word in LABEL_WORDS:
        for match in re.finditer(re.escape(word), text):
            for inside in range(match.start() + 1, match.end()):
                penalty[inside] = 2
    for offset in range(1, len(text)):
        before, after = text[offset - 1], text[offset]
        if before in _BREAK_AFTER or after in _BREAK_BEFORE or before == " ":
            penalty[offset] = 0
    return penalty
