"""The indicator frameworks (classic and cost-first) as data: valid 一级 → 二级 pairs."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

OUTPUT = "产出指标"
BENEFIT = "效益指标"
SATISFACTION = "满意度指标"
COST = "成本指标"

_BENEFIT_LEVEL2 = ("经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标")
_SATISFACTION_LEVEL2 = ("服务对象满意度指标",)


Pair = tuple[str, str]


@dataclass(frozen=True, slots=True)
class Requirement:
    """A table needs at least one indicator under one of these 一级/二级 pairs."""

    label: str
    pairs: tuple[Pair, ...]


@dataclass(frozen=True, slots=True)
class Framework:
    """One indicator framework: its key, Chinese label, 一级 → 二级 lists and requirements."""

    key: str
    label: str
    levels: tuple[tuple[str, tuple[str, ...]], ...]
    required: tuple[Requirement, ...] = ()

    @property
    def level1_names(self) -> tuple[str, ...]:
        """The 一级 indicators in their official order."""
        return tuple(name for name, _ in self.levels)

    def level2_names(self, level1: str) -> tuple[str, ...]:
        """The 二级 indicators allowed under a 一级, in official order (empty if unknown)."""
        for name, children in self.levels:
            if name == level1:
                return children
        return ()

    def is_valid_pair(self, level1: str, level2: str) -> bool:
        """True when 二级 belongs under 一级 in this framework."""
        return level2 in self.level2_names(level1)

    def level1_order(self, level1: str) -> int:
        """Position of a 一级 in the official order; unknown ones sort last."""
        names = self.level1_names
        return names.index(level1) if level1 in names else len(names)


def _one(level1: str, level2: str) -> Requirement:
    return Requirement(level2, ((level1, level2),))


def _any(label: str, level1: str, level2s: tuple[str, ...]) -> Requirement:
    return Requirement(label, tuple((level1, level2) for level2 in level2s))


CLASSIC = Framework(
    key="classic",
    label="常规（产出、效益、满意度）",
    levels=(
        (OUTPUT, ("数量指标", "质量指标", "时效指标", "成本指标")),
        (BENEFIT, _BENEFIT_LEVEL2),
        (SATISFACTION, _SATISFACTION_LEVEL2),
    ),
    required=(
        _one(OUTPUT, "数量指标"),
        _one(OUTPUT, "质量指标"),
        _one(OUTPUT, "时效指标"),
        _one(OUTPUT, "成本指标"),
        _any("效益指标（任一二级）", BENEFIT, _BENEFIT_LEVEL2),
        _one(SATISFACTION, "服务对象满意度指标"),
    ),
)

_COST_LEVEL2 = ("经济成本指标", "社会成本指标", "生态环境成本指标")
COST_FIRST = Framework(
    key="cost-first",
    label="成本优先（2021年中央指引：成本、产出、效益、满意度）",
    levels=(
        (COST, _COST_LEVEL2),
        (OUTPUT, ("数量指标", "质量指标", "时效指标")),
        (BENEFIT, _BENEFIT_LEVEL2),
        (SATISFACTION, _SATISFACTION_LEVEL2),
    ),
    required=(
        _any("成本指标（任一二级）", COST, _COST_LEVEL2),
        _one(OUTPUT, "数量指标"),
        _one(OUTPUT, "质量指标"),
        _one(OUTPUT, "时效指标"),
        _any("效益指标（任一二级）", BENEFIT, _BENEFIT_LEVEL2),
        _one(SATISFACTION, "服务对象满意度指标"),
    ),
)

FRAMEWORKS: dict[str, Framework] = {f.key: f for f in (CLASSIC, COST_FIRST)}
DEFAULT_FRAMEWORK = CLASSIC.key


def get_framework(key: str) -> Framework:
    """The framework with this key; unknown keys fall back to the classic one."""
    return FRAMEWORKS.get(key, CLASSIC)


def counterpart(framework: Framework, level1: str, level2: str) -> Pair | None:
    """The group of framework that holds a row of another framework's group (pasted from a
    table of the other framework): cost indicators are a 一级 in cost-first (成本指标/经济成本指标)
    and a 二级 in classic (产出指标/成本指标). None when framework has no such group."""
    if level1 == COST and (not level2 or level2 in _COST_LEVEL2):
        pair = (OUTPUT, COST)
    elif (level1, level2) == (OUTPUT, COST):
        pair = (COST, next(iter(framework.level2_names(COST)), ""))
    else:
        return None
    return pair if framework.is_valid_pair(*pair) else None


def detect_framework(level1_names: Iterable[str]) -> str:
    """Guess the framework of imported indicators: 成本指标 as a 一级 means cost-first."""
    return COST_FIRST.key if COST in set(level1_names) else CLASSIC.key


# Numbering before a name: 一、 二. （1） (1) 1. 1、 ① ⑴ ⒈ (NFKC has made ①/⑴/⒈ into 1/(1)/1.).
_NUMBERING_RE = re.compile(
    r"^(?:\(?[一二三四五六七八九十\d]{1,3}\)[、.,:]?|[一二三四五六七八九十]{1,3}[、.,:]|\d{1,3}[、.,:]?)"
)
_SUFFIX_RE = re.compile(r"(?:类指标|指标|类)$")


def _core(name: str) -> str:
    """A level name without spaces, numbering and the 类/类指标/指标 suffix."""
    squeezed = re.sub(r"\s+", "", unicodedata.normalize("NFKC", name))
    return _SUFFIX_RE.sub("", _NUMBERING_RE.sub("", squeezed))


def _only(name: str, candidates: Iterable[str]) -> str | None:
    core = _core(name)
    found = {c for c in candidates if _SUFFIX_RE.sub("", c) == core} if core else set()
    return found.pop() if len(found) == 1 else None


def canonical_level1(name: str) -> str | None:
    """The framework's 一级 name meant by name (产出类指标, 一、产出指标, 满意度), or None when
    it is not one unambiguously; a canonical name gives itself."""
    names = {n for f in FRAMEWORKS.values() for n in f.level1_names}
    return name if name in names else _only(name, names)


def canonical_level2(level1: str, name: str) -> str | None:
    """The framework's 二级 name under level1 meant by name (1.数量指标, （1）数量, 经济效益类),
    or None when not unambiguous; under an unknown 一级 every framework 二级 is a candidate."""
    frameworks = FRAMEWORKS.values()
    under = {n for f in frameworks for n in f.level2_names(level1)}
    names = under or {n for f in frameworks for l1 in f.level1_names for n in f.level2_names(l1)}
    return name if name in names else _only(name, names)
