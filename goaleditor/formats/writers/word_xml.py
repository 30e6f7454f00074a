"""WordprocessingML in pieces: runs and paragraphs as XML text, in the official fonts."""

from __future__ import annotations

import re
from xml.sax.saxutils import escape

from goaleditor.formats.layout.grid import LEADING
from goaleditor.formats.layout.line_breaking import clean_text

SONG_NAME, HEI_NAME = "宋体", "黑体"
# Characters XML 1.0 cannot hold (lxml refuses them); clean_text drops the control ones.
_XML_ILLEGAL = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def twips(points: float) -> int:
    """Points to twentieths of a point, Word's unit for lengths."""
    return round(points * 20)


def _clean(text: str) -> str:
    return _XML_ILLEGAL.sub("", clean_text(text))


def _rpr(font: str, size: float, lang: bool = False) -> str:
    half_points = round(size * 2)
    fonts = f'w:ascii="{font}" w:hAnsi="{font}" w:eastAsia="{font}" w:cs="{font}"'
    language = '<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/>' if lang else ""
    return (
        f'<w:rPr><w:rFonts {fonts}/><w:sz w:val="{half_points}"/>'
        f'<w:szCs w:val="{half_points}"/>{language}</w:rPr>'
    )


def _run(text: str, font: str, size: float) -> str:
    return f'<w:r>{_rpr(font, size)}<w:t xml:space="preserve">{escape(_clean(text))}</w:t></w:r>'


def _lines(lines: list[str], font: str, size: float) -> str:
    """Runs of lines in one paragraph, each after the first on a new line (a w:br)."""
    return "<w:r><w:br/></w:r>".join(_run(line, font, size) for line in lines)


def _field_run(kind: str) -> str:
    return f'<w:r><w:fldChar w:fldCharType="{kind}"/></w:r>'


def _paragraph(
    runs: list[str],
    align: str = "left",
    line: float = LEADING,
    after: float = 0.0,
    keep_next: bool = False,
    page_break: bool = False,
    tabs: str = "",
    hidden: bool = False,
) -> str:
    """One paragraph; pPr children in the schema's order (Word refuses any other)."""
    ppr = [
        "<w:keepNext/>" if keep_next else "",
        "<w:pageBreakBefore/>" if page_break else "",
        tabs,
        f'<w:spacing w:before="0" w:after="{twips(after)}" w:line="{twips(line)}"'
        ' w:lineRule="exact"/>',
        '<w:ind w:left="0" w:right="0" w:firstLine="0"/>',
        f'<w:jc w:val="{ {"left": "left", "center": "center", "right": "right"}[align] }"/>',
        '<w:rPr><w:vanish/><w:sz w:val="2"/></w:rPr>' if hidden else "",
    ]
    return f"<w:p><w:pPr>{''.join(ppr)}</w:pPr>{''.join(runs)}</w:p>"
