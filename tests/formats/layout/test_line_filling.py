"""The line filler's fast ways (running widths bisected, clusters measured in one call) break
lines exactly where the plain greedy loop does: the loop, as it was before issue 26's speed
work, is kept here as the oracle."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from goaleditor.formats.layout import grid
from goaleditor.formats.layout.fonts import SONG, TextWidth
from goaleditor.formats.layout.line_breaking import (
    _UNIT_RE,
    NO_LINE_END,
    NO_LINE_START,
    Width,
    clusters,
    wrap,
)

BODY = TextWidth(SONG, grid.BODY_SIZE)
PIECES = st.one_of(
    st.text(st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5), min_size=1, max_size=8),
    st.text(st.sampled_from(sorted(NO_LINE_START | NO_LINE_END)), min_size=1, max_size=3),
    st.from_regex(r"[A-Za-z0-9.%]{1,14}", fullmatch=True),
    st.sampled_from(["", " ", "  ", "\n", "\u3000", "第1表指标"]),
)
TEXTS = st.lists(PIECES, max_size=30).map("".join)
WIDTHS = st.sampled_from([8.0, 21.0, 30.5, 64.1, 98.6, 200.0, 434.0])


def _greedy(paragraph: str, max_width: float, width: Width) -> list[str]:
    """The plain loop: each cluster onto the line while it fits, else onto a new line; a
    cluster wider than a line broken between its characters."""
    lines: list[str] = []
    line: list[str] = []
    used = 0.0

    def add(cluster: str, by_chars: bool) -> None:
        nonlocal line, used
        visible = cluster.rstrip(" ")
        fit = width(visible)
        if used + fit <= max_width:
            line.append(cluster)
            used += fit if len(visible) == len(cluster) else width(cluster)
        elif fit <= max_width:
            lines.append("".join(line).rstrip(" "))
            line, used = [cluster], width(cluster)
        elif not by_chars:
            for part in clusters(cluster):
                add(part, by_chars=True)
        else:
            for char in cluster:
                if used + width(char) > max_width and line:
                    lines.append("".join(line).rstrip(" "))
                    line, used = [], 0.0
                    if char == " ":
                        continue
                line.append(char)
                used += width(char)

    for cluster in clusters(_UNIT_RE.findall(paragraph)):
        add(cluster, by_chars=False)
    lines.append("".join(line).rstrip(" "))
    return lines


def _oracle(text: str, max_width: float, width: Width) -> list[str]:
    return [
        line
        for paragraph in text.split("\n")
        for line in (
            [paragraph] if width(paragraph) <= max_width else _greedy(paragraph, max_width, width)
        )
    ]


@settings(max_examples=400, deadline=None)
@given(TEXTS, WIDTHS)
def test_lines_break_where_the_greedy_loop_breaks_them(text: str, max_width: float) -> None:
    assert wrap(text, max_width, BODY) == _oracle(text, max_width, BODY)


@settings(max_examples=200, deadline=None)
@given(TEXTS, WIDTHS)
def test_a_plain_width_function_breaks_alike(text: str, max_width: float) -> None:
    """A width without TextWidth's one-call measuring (a test's, the PDF's) gives the same."""
    assert wrap(text, max_width, lambda s: BODY(s)) == wrap(text, max_width, BODY)
