"""Glyphs a PDF's text layer gives no Unicode for (a font without a ToUnicode map)."""

from __future__ import annotations

import re

# Of a page's text, the share of glyphs without Unicode above which the text is unreadable.
UNMAPPED_SHARE = 0.3
UNMAPPED_MESSAGE = "PDF中的文字无法提取（字体没有Unicode映射），请向对方索取Excel或Word原件"

# A glyph without Unicode: a control character other than \t \n \r (pdfium gives the glyph
# code), a private-use character or U+FFFD. _VISIBLE_RE: those of them that are no space.
_GLYPHS = "\ue000-\uf8ff\ufffd\U000f0000-\U0010ffff"
_UNMAPPED_CHAR_RE = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f{_GLYPHS}]")
_VISIBLE_RE = re.compile(f"[\x00-\x08\x0e-\x1b{_GLYPHS}]")
_SPACE_RE = re.compile(r"\s")
# In a page's characters joined: whether any of them is a glyph without Unicode.
UNMAPPED_RE = re.compile(rf"\(cid:|{_UNMAPPED_CHAR_RE.pattern}")


def is_unmapped(text: str) -> bool:
    """A glyph whose font has no Unicode map: pdfminer's (cid:123), a control character
    (pdfium gives the glyph code), a private-use character or U+FFFD."""
    return text.startswith("(cid:") or _UNMAPPED_CHAR_RE.search(text) is not None


def unmapped_share(text: str) -> float:
    """The share of the text's visible characters that are glyphs without Unicode."""
    visible = len(text) - len(_SPACE_RE.findall(text))
    if not visible:
        return 0.0
    return len(_VISIBLE_RE.findall(text)) / visible
