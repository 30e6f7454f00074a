"""CJK line breaking: no-line-start and no-line-end rules (also for runs), widths, no loss."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from goaleditor.formats.layout import grid
from goaleditor.formats.layout.fonts import SONG, TextWidth
from goaleditor.formats.layout.line_breaking import NO_LINE_END, NO_LINE_START, wrap

BODY = TextWidth(SONG, grid.BODY_SIZE)
CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5)
PIECES = st.one_of(
    st.text(CJK, min_size=1, max_size=6),
    st.text(st.sampled_from(sorted(NO_LINE_START)), min_size=1, max_size=4),
    st.text(st.sampled_from(sorted(NO_LINE_END)), min_size=1, max_size=3),
    st.from_regex(r"[A-Za-z]{1,12}", fullmatch=True),
    st.from_regex(r"[0-9]{1,8}(\.[0-9]{1,2})?%?", fullmatch=True),
    st.sampled_from([" ", "  ", "”、", "）。", "“", "《", "》，", "℃", "①"]),
)
TEXTS = st.lists(PIECES, max_size=30).map("".join)


def _forbidden(before: str, after: str) -> bool:
    return after in NO_LINE_START or before in NO_LINE_END


def _run_around(text: str, index: int) -> str:
    """The characters around text[index - 1] | text[index] that no break may separate
    (spaces skipped when looking at neighbours, kept inside)."""
    chars = [(i, c) for i, c in enumerate(text) if c != " "]
    pos = next(k for k, (i, _) in enumerate(chars) if i >= index)
    start, end = pos - 1, pos
    while start > 0 and _forbidden(chars[start - 1][1], chars[start][1]):
        start -= 1
    while end + 1 < len(chars) and _forbidden(chars[end][1], chars[end + 1][1]):
        end += 1
    return text[chars[start][0] : chars[end][0] + 1]


def _check(text: str, limit: float) -> None:
    lines = wrap(text, limit, BODY)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    consumed = 0  # where each line starts in text
    for number, line in enumerate(lines):
        assert BODY(line) <= limit + 1e-6 or len(line) == 1, (line, limit)
        start = text.index(line, consumed) if line else consumed
        consumed = start + len(line)
        if number == 0 or not line or not lines[number - 1]:
            continue
        before, after = lines[number - 1][-1], line[0]
        if _forbidden(before, after):
            run = _run_around(text, start)
            assert BODY(run.strip(" ")) > limit, (lines, number, run)


@settings(max_examples=400, deadline=None)
@given(TEXTS, st.floats(min_value=5, max_value=250))
def test_lines_never_start_or_end_wrongly(text: str, limit: float) -> None:
    _check(text, limit)


def test_a_run_of_two_closing_marks_takes_the_character_before_along() -> None:
    text = "让群众读懂”、动画演示（视频）。等形式"
    for limit in range(22, 120):
        _check(text, limit)
    lines = wrap("读懂”、动画", BODY("读懂”"), BODY)
    assert lines[0] == "读" and lines[1].startswith("懂”、")


def test_opening_runs_go_to_the_next_line_with_what_follows() -> None:
    lines = wrap("一二三四（《五", BODY("一二三四（《"), BODY)
    assert lines == ["一二三四", "（《五"]


def test_a_run_wider_than_the_cell_is_still_broken_without_overflow() -> None:
    text = "好" + "、" * 30
    lines = wrap(text, 40, BODY)
    assert "".join(lines) == text and all(BODY(line) <= 40 for line in lines)


def test_a_character_wider_than_the_cell_stands_alone() -> None:
    assert wrap("中文字", 5, BODY) == ["中", "文", "字"]


def test_leading_spaces_before_closing_marks_may_end_the_first_line() -> None:
    """Found by Hypothesis: ' ’’' in a cell just too narrow for it."""
    _check(" ’’", 21.0)
