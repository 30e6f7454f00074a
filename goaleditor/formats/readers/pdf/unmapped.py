"""Glyphs a PDF's text layer gives no Unicode for (a font without a ToUnicode map)."""

from __future__ import annotations

# Of a page's text, the share of glyphs without Unicode above which the text is unreadable.
UNMAPPED_SHARE = 0.3
UNMAPPED_MESSAGE = "PDF中的文字无法提取（字体没有Unicode映射），请向对方索取Excel或Word原件"


def is_unmapped(text: str) -> bool:
    """A glyph whose font has no Unicode map: pdfminer's (cid:123), a control character
    (pdfium gives the glyph code), a private-use character or U+FFFD."""
    if text.startswith("(cid:"):
        return True
    return any(_unmapped_char(ch) for ch in text)


def unmapped_share(text: str) -> float:
    """The share of the text's visible characters that are glyphs without Unicode."""
    visible = [ch for ch in text if not ch.isspace()]
    if not visible:
        return 0.0
    return sum(_unmapped_char(ch) for ch in visible) / len(visible)


def _unmapped_char(ch: str) -> bool:
    code = ord(ch)
    return (
        (code < 0x20 and ch not in "\t\n\r")
        or 0xE000 <= code <= 0xF8FF
        or code >= 0xF0000
        or code == 0xFFFD
    )
