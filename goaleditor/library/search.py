"""Find library entries fast: by name, keywords, pinyin (full or initials), then fuzzily."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from functools import cache, lru_cache
from itertools import accumulate, pairwise
from typing import Any, Protocol

NO_FUND_USE = "（未分用途）"  # the browse group of entries that name no 资金用途
FUZZY_CUTOFF = 70  # rapidfuzz WRatio a typo must reach to be offered


class EntryLike(Protocol):
    """What search needs of a library entry (the old and the new LibraryEntry both have it)."""

    @property
    def level2(self) -> str: ...

    @property
    def name(self) -> str: ...

    @property
    def description(self) -> str: ...


def keywords_of(entry: EntryLike) -> tuple[str, ...]:
    """The entry's keywords (other spellings), or none for an entry that has no such field."""
    return tuple(getattr(entry, "keywords", ()) or ())


def fund_use_of(entry: EntryLike) -> str:
    """The entry's 资金用途, or the group of those that name none."""
    return str(getattr(entry, "fund_use", "") or "") or NO_FUND_USE


def frequency_of(entry: EntryLike) -> int:
    """How often the entry was seen: values seen plus sources (0 for an entry without them)."""
    seen = getattr(entry, "values_seen", None)
    return int(getattr(seen, "count", 0) or 0) + len(getattr(entry, "sources", ()) or ())


@cache
def _readings(char: str) -> tuple[str, str]:
    """The char's commonest pinyin reading and its second one (the same if it has one).

    Only ASCII letters and digits are kept: the pinyin lines stay one byte a char, which
    str.find scans several times faster.
    """
    if not "\u3400" <= char <= "\u9fff":
        kept = char.lower() if char.isascii() and char.isalnum() else ""
        return kept, kept
    from pypinyin import Style, pinyin

    found = pinyin(char, style=Style.NORMAL, heteronym=True, errors="ignore")
    readings = [r for r in (found[0] if found else []) if r.isascii() and r.isalnum()]
    if not readings:
        return "", ""
    return readings[0], readings[1] if len(readings) > 1 else readings[0]


# str.translate tables, char → its first reading, its first initial, its second reading's
# initial: filled as chars are met, so a name's pinyin costs three C-speed translate calls.
_TABLES: tuple[dict[int, str], ...] = ({}, {}, {})


@lru_cache(maxsize=65536)
def pinyin_forms(text: str) -> tuple[str, ...]:
    """Full pinyin and initials of the text by each char's commonest reading, and the initials
    by its second reading.

    满意度 gives ("manyidu", "myd"); 完成率 is found as wanchenglv, wcl and wcs. The second
    reading's full pinyin is left out: it would double what each keystroke scans.
    Each char is looked up once (pypinyin's phrase segmentation costs ~0.5 ms a name: too
    slow for 50,000 entries), so a polyphone's initials are indexed by its two commonest
    readings (a name mixing the second reading of one polyphone with the first of another
    is not).
    """
    first_table, first_initials, second_initials = _TABLES
    for char in {c for c in text if ord(c) not in first_table}:
        first, second = _readings(char)
        code = ord(char)
        first_table[code] = first
        first_initials[code], second_initials[code] = first[:1], second[:1]
    forms = (
        text.translate(first_table),
        text.translate(first_initials),
        text.translate(second_initials),
    )
    return tuple(dict.fromkeys(forms))


def bigrams(text: str) -> set[str]:
    """The text's two-character pieces, skipping spaces and punctuation: Chinese 'words'."""
    chars = [c for c in text.lower() if c.isalnum()]
    return {a + b for a, b in pairwise(chars)}


def _clean(text: str) -> str:
    return text.replace("\n", " ").replace("\t", " ").lower()


class Haystack:
    """Lines of text, one per entry, searched at C speed with str.find."""

    def __init__(self, ids: Sequence[int], lines: Iterable[str]) -> None:
        self.ids = list(ids)
        parts = list(lines)
        self.starts = [0, *accumulate(len(p) + 1 for p in parts)][: len(parts)]
        self.text = "\n".join(parts)

    def hits(self, query: str) -> Iterator[int]:
        """The ids of the lines holding query, in line order, each once."""
        starts, find = self.starts, self.text.find
        at = find(query)
        while at >= 0:
            line = bisect_right(starts, at) - 1
            yield self.ids[line]
            following = line + 1
            if following >= len(starts):
                return
            at = find(query, starts[following])


class SearchIndex:
    """Entries ranked by frequency, with names, keywords and pinyin precomputed once; the
    hidden ones left out."""

    def __init__(self, entries: Iterable[Any]) -> None:
        shown = (e for e in entries if not getattr(e, "hidden", False))  # hidden: never found
        ranked = sorted(shown, key=lambda e: -frequency_of(e))  # stable: the library's order
        self.entries: list[Any] = ranked
        self.names_lower = [_clean(e.name) for e in ranked]
        name_lines = [
            "\t".join([n, *map(_clean, keywords_of(e))])
            for n, e in zip(self.names_lower, ranked, strict=True)
        ]
        pinyin_lines = ["\t".join(self._pinyin_of(e)) for e in ranked]
        self.by_level2: dict[str, list[int]] = {}
        self.browse_tree: dict[str, dict[str, list[int]]] = {}
        for i, entry in enumerate(ranked):
            self.by_level2.setdefault(entry.level2, []).append(i)
            groups = self.browse_tree.setdefault(fund_use_of(entry), {})
            groups.setdefault(entry.level2, []).append(i)
        everyone = range(len(ranked))
        self.names = Haystack(everyone, name_lines)
        self.pinyin = Haystack(everyone, pinyin_lines)
        self._descriptions: Haystack | None = None
        self._bigram_ids: dict[str, list[int]] | None = None
        self._level2_haystacks: dict[str, tuple[Haystack, Haystack]] = {}
        self.name_lines = name_lines
        self.pinyin_lines = pinyin_lines

    @staticmethod
    def _pinyin_of(entry: Any) -> list[str]:
        forms = list(pinyin_forms(entry.name))
        for keyword in keywords_of(entry):
            forms.extend(pinyin_forms(keyword)[:2])
        return forms

    def __len__(self) -> int:
        return len(self.entries)

    def fund_uses(self) -> list[str]:
        """The 资金用途 groups, those that name one first, in name order."""
        return sorted(self.browse_tree, key=lambda f: (f == NO_FUND_USE, f))

    def level2s(self, fund_use: str) -> list[str]:
        """The 二级 of a 资金用途 group, in name order."""
        return sorted(self.browse_tree.get(fund_use, {}))

    def browse(self, fund_use: str, level2: str | None = None) -> list[Any]:
        """A 资金用途 group's entries (of one 二级, if given), commonest first."""
        groups = self.browse_tree.get(fund_use, {})
        chosen = [groups.get(level2, [])] if level2 is not None else list(groups.values())
        return [self.entries[i] for i in sorted(i for ids in chosen for i in ids)]

    def match_ids(self, query: str, level2: str | None = None) -> Iterator[int]:
        """Ids matching query by name or keyword, then by pinyin; commonest first per kind."""
        query = _clean(query.strip())
        if not query:
            return
        names, pinyin = (self.names, self.pinyin) if level2 is None else self._of_level2(level2)
        seen: set[int] = set()
        for i in names.hits(query):
            seen.add(i)
            yield i
        if query.isascii():
            for i in pinyin.hits(query.replace(" ", "")):
                if i not in seen:
                    seen.add(i)
                    yield i

    def bigram_ids(self) -> dict[str, list[int]]:
        """Each two-character piece of a name or keyword → the entries holding it (built once)."""
        if self._bigram_ids is None:
            self._bigram_ids = {}
            for i, line in enumerate(self.name_lines):
                for piece in bigrams(line.replace("\t", " ")):
                    self._bigram_ids.setdefault(piece, []).append(i)
        return self._bigram_ids

    def _of_level2(self, level2: str) -> tuple[Haystack, Haystack]:
        """The names and pinyin haystacks of one 二级, built when first asked for."""
        found = self._level2_haystacks.get(level2)
        if found is None:
            ids = self.by_level2.get(level2, [])
            found = (
                Haystack(ids, (self.name_lines[i] for i in ids)),
                Haystack(ids, (self.pinyin_lines[i] for i in ids)),
            )
            self._level2_haystacks[level2] = found
        return found

    def search(
        self,
        text: str,
        fund_use: str | None = None,
        level2: str | None = None,
        limit: int = 500,
    ) -> list[Any]:
        """Entries matching every word of text (name, keywords, pinyin, 指标解释), typos last.

        Without words it browses. Names and keywords rank before pinyin, pinyin before
        the 指标解释; a name within a few keystrokes of the text (rapidfuzz) comes when
        nothing matches exactly.
        """
        words = _clean(text).split()
        if not words:
            return self.browse(fund_use, level2)[:limit] if fund_use else []
        allowed = self._allowed(fund_use, level2)
        first, rest = words[0], words[1:]
        found: list[int] = []
        for i in self._first_word_ids(first):
            if (allowed is None or i in allowed) and all(self._holds(i, w) for w in rest):
                found.append(i)
                if len(found) >= limit:
                    break
        if not found:
            found = [
                i for i in self._fuzzy(" ".join(words), limit) if allowed is None or i in allowed
            ]
        return [self.entries[i] for i in found]

    def _allowed(self, fund_use: str | None, level2: str | None) -> set[int] | None:
        if fund_use is None and level2 is None:
            return None
        if fund_use is None:
            return set(self.by_level2.get(level2 or "", []))
        groups = self.browse_tree.get(fund_use, {})
        chosen = [groups.get(level2, [])] if level2 is not None else list(groups.values())
        return {i for ids in chosen for i in ids}

    def _first_word_ids(self, word: str) -> Iterator[int]:
        seen: set[int] = set()
        for i in self.match_ids(word):
            seen.add(i)
            yield i
        if self._descriptions is None:
            self._descriptions = Haystack(
                range(len(self.entries)), (_clean(e.description) for e in self.entries)
            )
        for i in self._descriptions.hits(word):
            if i not in seen:
                yield i

    def _holds(self, i: int, word: str) -> bool:
        entry = self.entries[i]
        if word in self.name_lines[i] or word in _clean(entry.description):
            return True
        return word.isascii() and any(word in form for form in self._pinyin_of(entry))

    def _fuzzy(self, text: str, limit: int) -> list[int]:
        """Names like the text despite a typo (满意读 → 满意度), best first."""
        if len(text) < 2:
            return []
        from rapidfuzz import fuzz, process

        matches = process.extract(
            text, self.names_lower, scorer=fuzz.WRatio, score_cutoff=FUZZY_CUTOFF, limit=limit
        )
        return [i for _, _, i in matches]


_LAST: list[tuple[tuple[int, ...], SearchIndex]] = []  # the last index made by index_of


def index_of(entries: Sequence[Any]) -> SearchIndex:
    """The search index of these entries, reused while they are the same objects.

    The dialog, completion and 建议指标 ask for the library's index often; rebuilding it
    costs seconds on 50,000 entries, checking the entries' identities a millisecond.
    """
    key = tuple(map(id, entries))
    if _LAST and _LAST[0][0] == key:
        return _LAST[0][1]
    index = SearchIndex(entries)
    _LAST[:] = [(key, index)]
    return index
