"""CJK radical code points in a PDF's text layer read as the ideographs they show.

WebKit and some printer drivers map the glyph of 目 or 一 to the Kangxi radical (U+2F6C,
U+2F00) or to a form in the CJK Radicals Supplement (U+2E80–2EFF): the page shows 项目,
the text says 项⽬. NFKC maps the Kangxi radicals; the Supplement needs the table below
(Unicode's EquivalentUnifiedIdeograph data for the forms Chinese text uses).
"""

from __future__ import annotations

import re
import unicodedata

KANGXI = range(0x2F00, 0x2FE0)
SUPPLEMENT = range(0x2E80, 0x2F00)
_SUPPLEMENT = dict(
    zip(
        (
            "⺁⺅⺆⺇⺉⺊⺌⺍⺎⺏⺐⺒⺓⺔⺖⺘⺙⺛⺝⺞⺟⺠⺡⺢⺣⺤⺦⺨⺩⺪⺫⺬⺭⺯⺰⺲"
            "⺹⺺⺻⺼⺾⺿⻀⻁⻂⻃⻄⻅⻆⻈⻉⻋⻍⻏⻐⻑⻒⻓⻔⻖⻗⻘⻙⻚⻛⻜⻝⻟⻠⻢⻣⻤⻥⻦⻧⻨⻩⻪⻫⻬⻭⻮⻯⻰⻱⻲⻳"
        ),
        (
            "厂亻冂几刂卜小小兀尣尢巳幺彑忄扌攵旡月歺母民氵氺灬爫丬犭王疋罒示礻糹纟罒"
            "耂肀聿月艹艹艹虎衤覀西见角讠贝车辶阝钅長镸长门阝雨青韦页风飞食飠饣马骨鬼鱼鸟卤麦黄黾斉齐歯齿竜龙龜亀龟"
        ),
        strict=True,
    )
)


# Every radical code point the NFKC form or the table above maps, as one str.translate table.
_TABLE = {
    code: mapped
    for code in (*KANGXI, *SUPPLEMENT)
    if (mapped := _SUPPLEMENT.get(chr(code)) or unicodedata.normalize("NFKC", chr(code)))
    != chr(code)
}
RADICAL_RE = re.compile("[\u2e80-\u2fdf]")


def ideographs(text: str) -> str:
    """The text with each CJK radical code point replaced by its ideograph."""
    return text.translate(_TABLE) if RADICAL_RE.search(text) else text
