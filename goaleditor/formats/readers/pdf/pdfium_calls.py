"""PDFium's functions the page reader calls per char and per path segment, called by address
(cheaper per call than the bindings' typed pointers), and a text page's runs."""

from __future__ import annotations

import ctypes
from collections.abc import Callable
from typing import Any, NamedTuple

import pypdfium2.raw as raw


class Run(NamedTuple):
    """What the chars of one text object share."""

    low: float  # the box's bottom below the baseline (the font's Descent, scaled)
    size: float  # the box's height (the font size, scaled as drawn)
    name: str  # the font's name
    guessed: bool  # the font is not in the file (PDFium's widths may be a stand-in's)
    base: float | None  # the box's bottom, where the run is upright (one baseline)


class RunReader:
    """Reads the runs of a text page: PDFium's calls by address into structures made once."""

    def __init__(self, handle_address: int | None, descents: dict[str, float]) -> None:
        self._address, self._descents = handle_address, descents
        self._matrix = raw.FS_MATRIX()
        self._matrix_at = ctypes.addressof(self._matrix)
        self._x, self._y = ctypes.c_double(), ctypes.c_double()
        self._x_at, self._y_at = ctypes.addressof(self._x), ctypes.addressof(self._y)
        self._names: dict[int, tuple[str, bool]] = {}  # fonts' names, not in the file

    def run(self, index: int, text_object: int) -> Run:
        """The run of the text object (by address) of the char at index."""
        matrix = self._matrix
        GET_MATRIX(self._address, index, self._matrix_at)
        size = FONT_SIZE(self._address, index) * abs(matrix.d)
        font = (FONT_OF(text_object) if text_object else 0) or 0
        known = self._names.get(font)
        if known is None:
            typed = ctypes.cast(font, raw.FPDF_FONT)
            known = self._names[font] = (
                font_name(typed) if font else "",
                bool(font) and not raw.FPDFFont_GetIsEmbedded(typed),
            )
        name, guessed = known
        low = self._descents.get(name, 0.0) * size
        base = None
        if matrix.b == 0 and matrix.c == 0:
            CHAR_ORIGIN(self._address, index, self._x_at, self._y_at)
            base = self._y.value + low
        return Run(low, size, name, guessed, base)


def font_name(font: Any) -> str:
    """A font's BaseFont name (PDFium leaves out a subset tag)."""
    if not font:
        return ""
    length = raw.FPDFFont_GetBaseFontName(font, None, 0)
    if length <= 0:
        return ""
    buffer = ctypes.create_string_buffer(length)
    raw.FPDFFont_GetBaseFontName(font, buffer, length)
    return buffer.value.decode("utf-8", "replace")


def by_address(function: Any, result: Any) -> Any:
    """A PDFium function called with plain addresses (ints) for its pointers, and giving
    one for a pointer it returns: cheaper per call than the bindings' typed pointers, and
    an int is a cheap dict key."""
    pointer = ctypes.cast(function, ctypes.c_void_p).value or 0
    kinds = [ctypes.c_void_p if hasattr(kind, "contents") else kind for kind in function.argtypes]
    return ctypes.CFUNCTYPE(result, *kinds)(pointer)


TEXT_OBJECT: Callable[[int | None, int], int | None] = by_address(
    raw.FPDFText_GetTextObject, ctypes.c_void_p
)
COUNT_SEGMENTS: Callable[[int | None], int] = by_address(raw.FPDFPath_CountSegments, ctypes.c_int)
SEGMENT: Callable[[int | None, int], int | None] = by_address(
    raw.FPDFPath_GetPathSegment, ctypes.c_void_p
)
SEGMENT_TYPE: Callable[[int | None], int] = by_address(raw.FPDFPathSegment_GetType, ctypes.c_int)
POINT: Callable[[int | None, int, int], int] = by_address(
    raw.FPDFPathSegment_GetPoint, ctypes.c_int
)
CLOSES: Callable[[int | None], int] = by_address(raw.FPDFPathSegment_GetClose, ctypes.c_int)
LOOSE_BOX: Callable[[int | None, int, int], int] = by_address(
    raw.FPDFText_GetLooseCharBox, ctypes.c_int
)
GET_MATRIX: Callable[[int | None, int, int], int] = by_address(raw.FPDFText_GetMatrix, ctypes.c_int)
FONT_SIZE: Callable[[int | None, int], float] = by_address(
    raw.FPDFText_GetFontSize, ctypes.c_double
)
FONT_OF: Callable[[int], int | None] = by_address(raw.FPDFTextObj_GetFont, ctypes.c_void_p)
CHAR_ORIGIN: Callable[[int | None, int, int, int], int] = by_address(
    raw.FPDFText_GetCharOrigin, ctypes.c_int
)
IS_GENERATED: Callable[[int | None, int], int] = by_address(raw.FPDFText_IsGenerated, ctypes.c_int)


def stand_in_widths(
    kept: list[int], runs: list[Run], lefts: list[float], rights: list[float]
) -> None:
    """PDFium may take the width of a font not in the file from a stand-in: a char followed
    by another of its run ends where that one starts (lefts, rights: by the char's index)."""
    for k in range(1, len(kept)):
        run = runs[k]
        if run.guessed and run is runs[k - 1]:
            before, left = kept[k - 1], lefts[kept[k]]
            if rights[before] > left >= lefts[before]:
                rights[before] = left


_POINT_SIZE = 12  # PDFium's CFX_Path::Point: x, y (floats), its type and its close flag (bytes)
_KINDS = {raw.FPDF_SEGMENT_LINETO, raw.FPDF_SEGMENT_BEZIERTO, raw.FPDF_SEGMENT_MOVETO}


def path_segments(path: int | None, count: int) -> tuple[list[int], list[int], list[float]]:
    """A path object's (by address) segments: each one's kind, whether it closes its subpath,
    and its point (x, y in turn). A segment handle is the address of PDFium's point in the
    path's array of points: where the first and last handles and their values show that
    array as expected, it is read at once; else each segment is asked for its own."""
    if count <= 0:
        return [], [], []
    first, last = SEGMENT(path, 0) or 0, SEGMENT(path, count - 1) or 0
    if first and last == first + _POINT_SIZE * (count - 1):
        data = ctypes.string_at(first, _POINT_SIZE * count)
        floats = (ctypes.c_float * (3 * count)).from_buffer_copy(data)[:]
        kinds, closes = list(data[8::_POINT_SIZE]), list(data[9::_POINT_SIZE])
        values = [0.0] * (2 * count)
        values[0::2], values[1::2] = floats[0::3], floats[1::3]
        known = set(kinds) <= _KINDS and set(closes) <= {0, 1}
        if (
            known
            and _agrees(first, kinds[0], closes[0], values[0], values[1])
            and _agrees(last, kinds[-1], closes[-1], values[-2], values[-1])
        ):
            return kinds, closes, values
    return _asked_segments(path, count)


def _agrees(segment: int, kind: int, closes: int, x: float, y: float) -> bool:
    """Whether PDFium's answers for a segment are the values read from its point."""
    numbers = (ctypes.c_float * 2)()
    at = ctypes.addressof(numbers)
    if not POINT(segment, at, at + 4):
        return False
    return (
        SEGMENT_TYPE(segment) == kind
        and bool(CLOSES(segment)) == bool(closes)
        and numbers[0] == x
        and numbers[1] == y
    )


def _asked_segments(path: int | None, count: int) -> tuple[list[int], list[int], list[float]]:
    """Each segment asked for its kind, close flag and point."""
    kinds: list[int] = []
    closes: list[int] = []
    numbers = (ctypes.c_float * (2 * count))()
    at = ctypes.addressof(numbers)
    for index in range(count):
        segment = SEGMENT(path, index)
        kinds.append(SEGMENT_TYPE(segment))
        closes.append(CLOSES(segment))
        POINT(segment, at + 8 * index, at + 8 * index + 4)
    return kinds, closes, numbers[:]
