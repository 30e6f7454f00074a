"""Vague 定性 指标值 (有效提升, 进一步提高, 较上年有所改善) as data, and where a reviewer
expects a number instead: the word lists reviewers' rejections and published tables show."""

from __future__ import annotations

import re
import unicodedata

from goaleditor.model.frameworks import COST, OUTPUT, SATISFACTION

# How much, said without a number: the first half of a vague phrase (明显 + 提升). Seen in
# published tables (滨海新区 2026: 有效改善, 有效提升, 持续优化; 上海普陀 2026: 提升, 降低)
# and named in reviewers' rejections (表述模糊，如“有所提高”“逐步完善”，无法衡量).
VAGUE_DEGREES: tuple[str, ...] = (
    "有效",
    "进一步",
    "明显",
    "逐步",
    "有所",
    "不断",
    "显著",
    "大幅度",
    "大幅",
    "持续",
    "稳步",
    "较大",
    "较大幅度",
    "全面",
    "切实",
    "逐年",
    "得到",
    "一定程度上",
    "一定程度",
    "较上年",
    "比上年",
    "较去年",
    "同比",
)
# Which way, said without a number: the second half (提升), or the whole 指标值 alone (提高).
VAGUE_CHANGES: tuple[str, ...] = (
    "提升",
    "提高",
    "改善",
    "完善",
    "增强",
    "加强",
    "优化",
    "降低",
    "下降",
    "减少",
    "增加",
    "增长",
    "上升",
    "扩大",
    "缩短",
    "好转",
    "加快",
    "推进",
    "促进",
    "推动",
    "规范",
    "保障",
    "缓解",
)
# Whole phrases of their own (not a degree and a change).
VAGUE_PHRASES: tuple[str, ...] = ("稳中有升", "稳中有降", "逐年递增", "逐年递减")
# A direction alone as the whole 指标值 (提升城市环境美化指数: 提高). Not a state reached
# (完善, 规范, 保障): 制度健全性 · 完善 reads as 达成 or not.
# A state reached (完善, 规范, 保障) or a push (推进) reads as 达成 or not.
_STATES = ("完善", "推进", "促进", "推动", "规范", "保障", "缓解")
BARE_CHANGES: tuple[str, ...] = tuple(c for c in VAGUE_CHANGES if c not in _STATES)

# The changes that go down: the example number offered is then an upper bound (≤5%).
DOWNWARD: tuple[str, ...] = ("降低", "下降", "减少", "缩短", "缓解", "有降", "递减")


def _alternatives(words: tuple[str, ...]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


# 有效提升, 得到有效改善, 较上年有所提高: one or more degrees, then a change.
_VAGUE_RE = re.compile(
    rf"(?:(?:{_alternatives(VAGUE_DEGREES)})+(?:{_alternatives(VAGUE_CHANGES)})"
    rf"|{_alternatives(VAGUE_PHRASES)})"
)
# A number makes the value measurable: 3.5%, or in words: 两个百分点, 三成, 一倍, 百分之五.
_AMOUNT_RE = re.compile(
    r"\d|百分之|[一二两三四五六七八九十百千万]+(?:个百分点|个|成|倍|项|次|人|户|家|天|%)"
)
# A 三级 name that names something counted or measured (就业率, 新增违建发生数, 办理时间):
# a vague value there could as well be a number.
_MEASURED_NAME_RE = re.compile(
    r"率|比例|占比|比重|指数|满意度|知晓度|人次|数量|总数|发生数|[人户次件个项家所起宗台套]数"
    r"|金额|收入|产值|产量|面积|长度|里程|时长|时间|时限|天数|周期|成本|费用"
)


def plain_text(text: str) -> str:
    """Text in NFKC without whitespace, punctuation and signs (，。、“” ≥ and the like): what
    two texts share when they say the same words (a 、 for a ，, a line break, full width)."""
    normal = unicodedata.normalize("NFKC", text)
    return "".join(c for c in normal if not c.isspace() and unicodedata.category(c)[0] not in "PS")


def vague_phrase(value: str) -> str:
    """The vague phrase of a 定性 指标值 (有效提升; the whole value when it is only a change
    such as 提高); "" when it says how much (a number) or is not vague."""
    plain = plain_text(value)
    if not plain or _AMOUNT_RE.search(plain):
        return ""
    if plain in BARE_CHANGES:
        return plain
    match = _VAGUE_RE.search(plain)
    return match.group(0) if match else ""


def expects_number(level1: str, level2: str, name: str) -> bool:
    """Whether a reviewer expects a number for this indicator: every 产出, 成本 and 满意度
    indicator, and an indicator whose name is something counted or measured (就业率). A 效益
    indicator that is not (优化营商环境) may stay 定性, as the 2021 中央指引 allows for
    what is hard to quantify."""
    if level1 in (OUTPUT, COST, SATISFACTION) or level2 == COST:
        return True
    return bool(_MEASURED_NAME_RE.search(unicodedata.normalize("NFKC", name)))


def example_target(phrase: str) -> str:
    """A target written as a number, to show the clerk what quantified means (≥95%)."""
    return "≤5%" if any(word in phrase for word in DOWNWARD) else "≥95%"
