"""What a reviewer types into a 审核结论 or 审核结果 cell, read as one of its choices."""

from __future__ import annotations

from goaleditor.model.fields import FAILED, PASSED, REVIEW_RESULTS

TO_IMPROVE = REVIEW_RESULTS[1]  # 修改完善后通过
NOT_REVIEWED = "（未审核）"  # the choice that empties a verdict or result
# A verdict cell's drop-down list: the verdicts, then the one that takes the mark away.
REVIEW_CHOICES: tuple[str, ...] = (PASSED, FAILED, NOT_REVIEWED)
# Short ways to type a verdict (pinyin initials, the usual ticks and crosses), lower case.
_VERDICT_WORDS: dict[str, tuple[str, ...]] = {
    PASSED: ("通过", "t", "tg", "y", "yes", "pass", "ok", "√", "✓", "✔", "1"),
    FAILED: ("不通过", "b", "btg", "n", "no", "fail", "×", "✗", "✘", "x", "2"),
}
_RESULT_WORDS: dict[str, tuple[str, ...]] = {
    PASSED: _VERDICT_WORDS[PASSED],
    TO_IMPROVE: ("修改完善后通过", "修改后通过", "完善后通过", "xg", "xgwsh"),
    FAILED: _VERDICT_WORDS[FAILED],
}


def _chosen(text: str, words: dict[str, tuple[str, ...]]) -> str | None:
    typed = text.strip().lower()
    if typed in ("", NOT_REVIEWED, NOT_REVIEWED.strip("（）")):
        return ""
    for choice, spelled in words.items():
        if typed in spelled:
            return choice
    starting = [choice for choice in words if choice.startswith(typed)]
    return starting[0] if len(starting) == 1 else None


def chosen_verdict(text: str) -> str | None:
    """The verdict typed (通过 or 不通过; t, b, √, × and the like), "" for an empty cell, None
    when the text is neither."""
    return _chosen(text, _VERDICT_WORDS)


def chosen_result(text: str) -> str | None:
    """The 审核结果 typed (通过, 修改完善后通过 or 不通过), "" for none, None when it is none
    of them."""
    return _chosen(text, _RESULT_WORDS)
