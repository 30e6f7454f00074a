"""Completion of the tree's 三级 cell: library names ranked by the current 二级, the project's
words and frequency, fast enough for every keystroke on a 50,000-entry library."""

from __future__ import annotations

from collections import Counter
from itertools import islice
from typing import Any

from goaleditor.library.search import SearchIndex, bigrams

LEVEL2_CANDIDATES = 300  # matches of the current 二级 ranked per keystroke, at most
OTHER_CANDIDATES = 150  # and of the other 二级
PROJECT_CANDIDATES = 200  # entries the project's words point to, checked per keystroke
FUZZY_MIN = 2  # a typo is looked for (in the current 二级) from this many characters


class Completer:
    """Completion candidates over one search index, for one 二级 and project at a time."""

    def __init__(self, index: SearchIndex) -> None:
        self.index = index
        self._context: tuple[str, str] = ("", "")
        self._boost: dict[int, int] = {}
        self._boosted: list[int] = []
        self._found: dict[str | None, tuple[str, list[int]]] = {}  # 二级 → last query, all its ids

    def set_context(self, level2: str, project_text: str) -> None:
        """The 二级 being filled and the project's words (项目名称, 绩效目标…); cached."""
        if (level2, project_text) == self._context:
            return
        if project_text != self._context[1]:
            self._boost = self._project_boost(project_text)
            self._boosted = sorted(self._boost, key=lambda i: (-self._boost[i], i))
            self._boosted = self._boosted[:PROJECT_CANDIDATES]
        self._context = (level2, project_text)

    def complete(self, typed: str, limit: int = 20) -> list[Any]:
        """The entries to offer for what was typed (text or pinyin), best first."""
        query = typed.strip().lower()
        if not query:
            return []
        index, level2 = self.index, self._context[0]
        candidates = dict.fromkeys(self._matches(query, level2, LEVEL2_CANDIDATES))
        ascii_query = query.isascii()
        for i in self._boosted:
            if query in index.name_lines[i] or (ascii_query and query in index.pinyin_lines[i]):
                candidates[i] = None
        if len(candidates) < limit:  # the current 二级 comes first: others only fill up
            candidates.update(dict.fromkeys(self._matches(query, None, OTHER_CANDIDATES)))
        if not candidates and len(query) >= FUZZY_MIN and not ascii_query:
            candidates = dict.fromkeys(self._typo_ids(query))
        entries, boost, names, pinyin = (
            index.entries,
            self._boost,
            index.names_lower,
            index.pinyin_lines,
        )
        after_tab = "\t" + query

        def starts_with_query(i: int) -> bool:
            if names[i].startswith(query):
                return True
            return ascii_query and (pinyin[i].startswith(query) or after_tab in pinyin[i])

        def rank(i: int) -> tuple[bool, int, bool, int]:
            return (entries[i].level2 != level2, -boost.get(i, 0), not starts_with_query(i), i)

        return [entries[i] for i in sorted(candidates, key=rank)[:limit]]

    def _matches(self, query: str, level2: str | None, cap: int) -> list[int]:
        """The first cap matches of the query (in one 二级, or in all), commonest first.

        Typing narrows: what matches 设备故障 also matched 设备故, so when the last query's
        matches were all found (no more than cap), the next keystroke filters those
        instead of scanning the library again (the rare words were the slow keystrokes).
        """
        last = self._found.get(level2)
        if last is not None and last[0] in query:
            ids = [i for i in last[1] if self._holds(i, query)]
        else:
            ids = list(islice(self.index.match_ids(query, level2), cap + 1))
        if len(ids) <= cap:
            self._found[level2] = (query, ids)
        else:
            self._found.pop(level2, None)
        return ids[:cap]

    def _holds(self, i: int, query: str) -> bool:
        """Whether entry i matches the query as SearchIndex.match_ids finds it."""
        if query in self.index.name_lines[i]:
            return True
        return query.isascii() and query.replace(" ", "") in self.index.pinyin_lines[i]

    def _typo_ids(self, query: str) -> list[int]:
        from rapidfuzz import fuzz, process

        ids = self.index.by_level2.get(self._context[0], [])
        names = [self.index.names_lower[i] for i in ids]
        found = process.extract(query, names, scorer=fuzz.WRatio, score_cutoff=75, limit=10)
        return [ids[at] for _, _, at in found]

    def _project_boost(self, project_text: str) -> dict[int, int]:
        """Per entry, how many of its name's two-character pieces the project's text holds."""
        pieces = bigrams(project_text)
        if not pieces:
            return {}
        ids_of = self.index.bigram_ids()
        counts: Counter[int] = Counter()
        for piece in pieces:
            counts.update(ids_of.get(piece, ()))
        return dict(counts)
