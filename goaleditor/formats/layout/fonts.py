"""Fonts for the PDF: the official SimSun/SimHei when installed, else the bundled Noto subsets."""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from goaleditor.resources import resources_dir

SONG, HEI = "GoalSong", "GoalHei"
# Set to 1 to ignore installed fonts (reproducible output, e.g. for reference images).
BUNDLED_ONLY_ENV = "GOALEDITOR_BUNDLED_FONTS"
_SONG_NAMES = ("simsun.ttc", "SimSun.ttc", "simsun.ttf", "SimSun.ttf")
_HEI_NAMES = ("simhei.ttf", "SimHei.ttf")
_BUNDLED_SONG = "NotoSerifSC-GB-Regular.ttf"
_BUNDLED_HEI = "NotoSansSC-GB-Regular.ttf"


@dataclass(frozen=True, slots=True)
class FontChoice:
    """Where the Song and Hei fonts come from."""

    song: Path
    hei: Path
    official: bool


def _font_dirs() -> list[Path]:
    dirs = []
    windir = os.environ.get("WINDIR")
    if windir:
        dirs.append(Path(windir) / "Fonts")
    local = os.environ.get("LOCALAPPDATA")
    if local:
        dirs.append(Path(local) / "Microsoft" / "Windows" / "Fonts")
    dirs += [
        Path.home() / ".fonts",
        Path.home() / ".local/share/fonts",
        Path("/usr/share/fonts"),
        Path("/usr/local/share/fonts"),
        Path("/Library/Fonts"),
    ]
    return [d for d in dirs if d.is_dir()]


def _find(names: tuple[str, ...]) -> Path | None:
    for folder in _font_dirs():
        for name in names:
            direct = folder / name
            if direct.is_file():
                return direct
        for name in names:  # one level of sub-folders, as Linux packages install them
            for found in folder.glob(f"*/{name}"):
                return found
    return None


@cache
def choose_fonts() -> FontChoice:
    """SimSun and SimHei if both are installed, otherwise the bundled fonts."""
    bundled = resources_dir() / "fonts"
    if os.environ.get(BUNDLED_ONLY_ENV) != "1":
        song, hei = _find(_SONG_NAMES), _find(_HEI_NAMES)
        if song and hei:
            return FontChoice(song, hei, True)
    return FontChoice(bundled / _BUNDLED_SONG, bundled / _BUNDLED_HEI, False)


@cache
def register_fonts() -> FontChoice:
    """Register the chosen fonts with reportlab (once per process) under SONG and HEI."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    choice = choose_fonts()
    try:
        pdfmetrics.registerFont(TTFont(SONG, str(choice.song), subfontIndex=0))
        pdfmetrics.registerFont(TTFont(HEI, str(choice.hei), subfontIndex=0))
    except Exception:
        bundled = resources_dir() / "fonts"
        choice = FontChoice(bundled / _BUNDLED_SONG, bundled / _BUNDLED_HEI, False)
        pdfmetrics.registerFont(TTFont(SONG, str(choice.song)))
        pdfmetrics.registerFont(TTFont(HEI, str(choice.hei)))
    return choice


class TextWidth(dict[str, float]):
    """String widths at one size, from a registered font's advance widths (reportlab's C code).

    Called as width(text). Labels, units and values repeat across tables, so each width is
    kept: the call is the dict's own lookup (no Python frame), a new text measured once.
    """

    __slots__ = ("_measure", "_size")
    __call__ = dict.__getitem__

    def __init__(self, font_name: str, size: float) -> None:
        from reportlab.pdfbase import pdfmetrics

        super().__init__()
        register_fonts()
        font = pdfmetrics.getFont(font_name)
        self._measure = font.stringWidth
        self._size = size

    def __missing__(self, text: str) -> float:
        width: float = self._measure(text, self._size)
        self[text] = width
        return width

    def __bool__(self) -> bool:  # a measure, never "empty" (callers write `width or …`)
        return True

    def __eq__(self, other: object) -> bool:  # two measures are the same only if identical
        return self is other

    __hash__ = object.__hash__  # type: ignore[assignment]

    def each(self, texts: list[str]) -> list[float]:
        """The widths of texts, in one call (the line breaker measures every cluster)."""
        return list(map(self.__getitem__, texts))
