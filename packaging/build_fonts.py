#!/usr/bin/env python3
"""Make the bundled CJK fonts in resources/fonts/ from Noto Serif/Sans CJK SC.

Reproducible from public sources: Debian's `fonts-noto-cjk` package (version
1:20220127+repack1-1, Noto CJK 2.004/2.001, SIL Open Font License 1.1).
Steps, per face: take the Simplified Chinese face out of the TTC, subset it to
ASCII + GBK + the symbols goal tables use, convert its CFF outlines to TrueType
quadratic outlines (reportlab embeds only TrueType), rename the family so it is
not mistaken for the full font, and write the licence beside it.

Usage: python packaging/build_fonts.py   (needs fontTools: pip install fonttools)
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from fontTools import subset
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTCollection, TTFont, newTable

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "resources" / "fonts"
SOURCE_DIR = Path("/usr/share/fonts/opentype/noto")
DEBIAN_COPYRIGHT = Path("/usr/share/doc/fonts-noto-cjk/copyright")
FACES = (
    # (source collection, face family in it, output file, new family name)
    (
        "NotoSerifCJK-Regular.ttc",
        "Noto Serif CJK SC",
        "NotoSerifSC-GB-Regular.ttf",
        "Noto Serif SC GB",
    ),
    ("NotoSansCJK-Regular.ttc", "Noto Sans CJK SC", "NotoSansSC-GB-Regular.ttf", "Noto Sans SC GB"),
)
# Beyond GBK: symbols that tables use and typographic marks typed by IMEs.
EXTRA = "≥≤≧≦＞＜＝％℃①②③④⑤⑥⑦⑧⑨⑩㎡㎞“”‘’、；：，。（）《》【】—…·～￥"
MAX_ERROR = 1.0  # font units; the em is 1000, so this is invisible at any print size


def gbk_characters() -> str:
    """Every character GBK can encode (it includes GB2312), plus ASCII and EXTRA."""
    chars = []
    for code in range(0x20, 0x10000):
        char = chr(code)
        if 0xD800 <= code <= 0xDFFF:
            continue
        try:
            char.encode("gbk")
        except UnicodeEncodeError:
            continue
        chars.append(char)
    return "".join(chars) + EXTRA


def pick_face(collection: Path, family: str) -> TTFont:
    for font in TTCollection(str(collection)).fonts:
        if font["name"].getDebugName(1) == family:
            return font
    raise SystemExit(f"{collection}: no face named {family}")


def subset_font(font: TTFont, text: str) -> None:
    options = subset.Options()
    options.layout_features = []  # horizontal CJK needs none; locl would pull in JP/KR/TC forms
    options.hinting = False
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.drop_tables += ["VORG", "vhea", "vmtx", "BASE"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=text)
    subsetter.subset(font)


def cff_to_truetype(font: TTFont) -> None:
    """Replace CFF cubic outlines by TrueType quadratic ones (glyf/loca)."""
    glyph_order = font.getGlyphOrder()
    glyph_set = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder = glyph_order
    glyf.glyphs = {}
    for name in glyph_order:
        pen = TTGlyphPen(glyph_set)
        glyph_set[name].draw(Cu2QuPen(pen, MAX_ERROR, reverse_direction=True))
        glyf.glyphs[name] = pen.glyph()
    font["glyf"] = glyf
    font["loca"] = newTable("loca")
    del font["CFF "]
    if "VORG" in font:
        del font["VORG"]
    maxp = font["maxp"]
    maxp.tableVersion = 0x00010000
    for attr in (
        "maxZones", "maxTwilightPoints", "maxStorage", "maxFunctionDefs",
        "maxInstructionDefs", "maxStackElements", "maxSizeOfInstructions",
        "maxComponentElements",
    ):  # fmt: skip
        setattr(maxp, attr, 0)
    maxp.maxZones = 1
    post = font["post"]
    post.formatType = 2.0
    post.extraNames = []
    post.mapping = {}
    post.glyphOrder = glyph_order
    font["head"].indexToLocFormat = 1
    font["head"].glyphDataFormat = 0
    font.sfntVersion = "\x00\x01\x00\x00"


def rename(font: TTFont, family: str) -> None:
    postscript = family.replace(" ", "") + "-Regular"
    names = {
        1: family,
        3: f"{postscript};goaleditor",
        4: f"{family} Regular",
        6: postscript,
        16: family,
        17: "Regular",
    }
    table = font["name"]
    for record in list(table.names):
        if record.nameID in names:
            table.removeNames(nameID=record.nameID)
    for name_id, value in names.items():
        table.setName(value, name_id, 3, 1, 0x409)
        table.setName(value, name_id, 1, 0, 0)


def licence_text() -> str:
    text = DEBIAN_COPYRIGHT.read_text(encoding="utf-8")
    block = re.search(r"^License: SIL-1.1\n((?: .*\n)+)", text, re.M)
    if block is None:
        raise SystemExit(f"{DEBIAN_COPYRIGHT}: no SIL-1.1 licence text")
    body = "\n".join("" if line == " ." else line[1:] for line in block.group(1).splitlines())
    return (
        "The fonts in this folder are subsets of Noto Serif CJK SC and Noto Sans CJK SC\n"
        "(https://github.com/googlefonts/noto-cjk), Copyright 2014-2021 Adobe\n"
        "(http://www.adobe.com/), with Reserved Font Name 'Source', converted to\n"
        "TrueType outlines and renamed by packaging/build_fonts.py. They are licensed\n"
        "under the SIL Open Font License, Version 1.1:\n\n" + body + "\n"
    )


def main() -> int:
    missing = [SOURCE_DIR / src for src, *_ in FACES if not (SOURCE_DIR / src).exists()]
    if missing or not DEBIAN_COPYRIGHT.exists():
        print("Install the source fonts first: apt-get install fonts-noto-cjk", file=sys.stderr)
        return 2
    OUT.mkdir(parents=True, exist_ok=True)
    text = gbk_characters()
    for source, family, output, new_family in FACES:
        font = pick_face(SOURCE_DIR / source, family)
        subset_font(font, text)
        cff_to_truetype(font)
        rename(font, new_family)
        font.save(str(OUT / output))
        size = (OUT / output).stat().st_size // 1024
        print(f"{output}: {len(font.getGlyphOrder())} glyphs, {size} KiB")
    (OUT / "OFL.txt").write_text(licence_text(), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
