"""The glyph pre-scan finds exactly what a character-by-character look finds."""

from __future__ import annotations

import random
from collections.abc import Iterator

import pytest

from goaleditor.formats.layout import glyphs
from goaleditor.formats.layout.fonts import HEI, SONG
from goaleditor.formats.layout.line_breaking import clean_text
from goaleditor.model.document import Document, GoalTable, Indicator

ALPHABET = "天津市滨海新区宋体黑≥≤%．、\t\r\n \x01\x7f😀𠀀ab1"
SONG_CHARS = frozenset(map(ord, "天津市滨海新区宋体黑元≥≤%．、 ab1"))
HEI_CHARS = SONG_CHARS - {ord("宋")}  # a character the 宋体 has and the 黑体 lacks


def _one_by_one(document: Document) -> list[tuple[int, str, str]]:
    """The pre-scan as it was: every character of every printed text looked up."""
    song, hei = glyphs._coverage(SONG), glyphs._coverage(HEI)
    found: dict[tuple[int, str, str], None] = {}
    for number, name, text in glyphs._texts(document):
        for char in clean_text(text):
            if char in "\n ":
                continue
            if ord(char) not in song or (name in glyphs._HEI_FIELDS and ord(char) not in hei):
                found[(number, name, char)] = None
    return list(found)


@pytest.fixture
def small_fonts(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Fonts with a few characters, the 黑体 one fewer than the 宋体."""
    monkeypatch.setattr(glyphs, "_coverage", {SONG: SONG_CHARS, HEI: HEI_CHARS}.__getitem__)
    glyphs._undrawable.cache_clear()
    yield
    glyphs._undrawable.cache_clear()


def _random_document(rng: random.Random) -> Document:
    def text() -> str:
        return "".join(rng.choice(ALPHABET) for _ in range(rng.randrange(0, 6)))

    tables = []
    for _ in range(4):
        rows = [
            ("产出指标", "数量指标", Indicator(text(), text(), "≥", text(), text()))
            for _ in range(3)
        ]
        tables.append(GoalTable.from_rows(rows, project_name=text(), goal=text()))
    return Document(title=text(), agency_name=text(), tables=tables)


@pytest.mark.usefixtures("small_fonts")
def test_the_pre_scan_finds_what_a_look_at_every_character_finds() -> None:
    rng = random.Random(26)
    for _ in range(300):
        document = _random_document(rng)
        assert glyphs.missing_glyphs(document) == _one_by_one(document)


@pytest.mark.usefixtures("small_fonts")
def test_a_character_only_the_song_font_has_is_missing_only_where_hei_prints() -> None:
    table = GoalTable(project_name="宋体", goal="宋体")
    assert glyphs.missing_glyphs(Document(title="宋", tables=[table])) == [
        (0, "title", "宋"),
        (1, "project_name", "宋"),
    ]
