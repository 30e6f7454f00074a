"""CJK line breaking: wrap text into lines that never exceed a width (no Qt, no reportlab)."""

from __future__ import annotations

import re
from collections.abc import Callable

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
            lines.extend(_wrap_paragraph(paragraph, max_width, width))
    return lines


def _wrap_paragraph(paragraph: str, max_width: float, width: Width) -> list[str]:
    lines: list[list[str]] = [[]]
    used = 0.0
    for unit in _UNIT_RE.findall(paragraph):
        unit_width = width(unit)
        line = lines[-1]
        if used + unit_width <= max_width:
            line.append(unit)
            used += unit_width
            continue
        if unit.isspace():  # a space at a line end is dropped
            lines.append([])
            used = 0.0
            continue
        if unit_width > max_width:  # a word longer than a line: break it by characters
            for char in unit:
                char_width = width(char)
                if used + char_width > max_width and lines[-1]:
                    lines.append([])
                    used = 0.0
                lines[-1].append(char)
                used += char_width
            continue
        carried: list[str] = []
        if unit[0] in NO_LINE_START and line:
            carried.append(line.pop())  # take the previous unit along
        while line and line[-1][-1] in NO_LINE_END:
            carried.insert(0, line.pop())
        if not line:  # nothing left to keep: break the rule rather than overflow
            line.extend(carried)
            carried = []
        new_line = [*carried, unit]
        lines.append(new_line)
        used = sum(width(u) for u in new_line)
        if used > max_width:  # carried units plus this one are too wide together
            lines[-1] = [unit]
            lines[-2].extend(carried)
            used = unit_width
    return ["".join(line).rstrip(" ") for line in lines]
