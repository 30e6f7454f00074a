"""CJK line breaking: wrap text into lines that never exceed a width (no Qt, no reportlab)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

# Characters that may not start a line (行首禁则) and that may not end one (行尾禁则).
NO_LINE_START = frozenset("，。、；：？！）》」』】〕〉”’％%…·,.;:?!)]}℃、°‰")
NO_LINE_END = frozenset("（《「『【〔〈“‘([{￥$")
# A unit is a Latin word or number (kept whole when it fits), a space run, or one character.
_UNIT_RE = re.compile(r"[A-Za-z0-9_.\-+/@#&'’]+(?:[%％])?| +|.", re.S)
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")

Width = Callable[[str], float]


def clean_text(text: str) -> str:
    """Normalise line ends and drop control characters that no font can draw."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    return _CONTROL_RE.sub("", text)


def wrap(text: str, max_width: float, width: Width) -> list[str]:
    """Break text into lines no wider than max_width (width(s) measures a string)."""
    lines: list[str] = []
    for paragraph in clean_text(text).split("\n"):
        if width(paragraph) <= max_width:
            lines.append(paragraph)
        else:
            lines.extend(_Filler(max_width, width).fill(paragraph))
    return lines


def clusters(units: Iterable[str]) -> list[str]:
    """Join the units no line break may separate: a no-line-start unit to what precedes it,
    what follows to a no-line-end unit; spaces stay with what precedes them."""
    result: list[str] = []
    for unit in units:
        lead = bool(result) and result[-1].isspace()  # a paragraph's leading spaces
        if result and (
            (unit[0] in NO_LINE_START and not lead)
            or unit.isspace()
            or result[-1].rstrip(" ")[-1:] in NO_LINE_END
        ):
            result[-1] += unit
        else:
            result.append(unit)
    return result


class _Filler:
    """Greedy filling of lines with clusters; a cluster wider than a line is broken inside,
    between its characters where the rules allow, else anywhere (the impossible case)."""

    def __init__(self, max_width: float, width: Width) -> None:
        self.max_width = max_width
        self.width = width
        self.lines: list[str] = []
        self.line: list[str] = []
        self.used = 0.0

    def fill(self, paragraph: str) -> list[str]:
        for cluster in clusters(_UNIT_RE.findall(paragraph)):
            self._add(cluster, by_chars=False)
        self._break()
        return self.lines

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
