"""A PDF page read by PDFium, offering what the reader used of a pdfplumber page.

Its chars, lines, rects and curves are pdfminer's (pdfplumber's) dicts, in pdfplumber's
coordinates (top = the page's height − y1, from the MediaBox's corner), built from PDFium's
characters and path objects, so that pdfplumber's own table finder (pure Python, over the
page's edges and chars) finds the same tables in them. A char has only what the reader
and pdfplumber's table finder read of it (text, font, size, upright, x0, x1, top, bottom).
pdfminer's char box: from the glyph's origin across its advance, from the baseline plus the
font's /Descent up by the font size.
"""

from __future__ import annotations

import ctypes
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as raw
from pdfplumber.container import Container
from pdfplumber.table import Table

from goaleditor.formats.readers.pdf import table_finder
from goaleditor.formats.readers.pdf.pdfium_calls import (
    COUNT_SEGMENTS,
    IS_GENERATED,
    LOOSE_BOX,
    TEXT_OBJECT,
    Run,
    RunReader,
    path_segments,
    stand_in_widths,
)

Obj = dict[str, Any]

_GENERATED = frozenset(" \r\n\t\x00\x02\ufffe")  # what PDFium may put between runs itself
_TEXT, _PATH, _FORM = raw.FPDF_PAGEOBJ_TEXT, raw.FPDF_PAGEOBJ_PATH, raw.FPDF_PAGEOBJ_FORM
_MOVE, _LINE, _BEZIER = raw.FPDF_SEGMENT_MOVETO, raw.FPDF_SEGMENT_LINETO, raw.FPDF_SEGMENT_BEZIERTO
Matrix = tuple[float, float, float, float, float, float]


class TooManyObjects(Exception):
    """A page (with its forms) of more objects than the reader takes."""


class PdfiumPage(Container):
    """One page: chars, lines, rects and curves as pdfplumber gives them, and its tables."""

    is_original = True

    def __init__(
        self,
        page: pdfium.PdfPage,
        number: int,
        max_objects: int,
        descents: dict[str, float],
        textpage: pdfium.PdfTextPage | None = None,
    ) -> None:
        """Read the page (and its text page, loaded here if not given; closed by who
        loaded it)."""
        self.page_number = number
        self.initial_doctop = 0.0
        x0, y0, x1, y1 = page.get_mediabox()
        x0, x1 = sorted((x0, x1))
        y0, y1 = sorted((y0, y1))
        self.rotation = page.get_rotation() % 360
        # pdfplumber's boxes: the MediaBox turned with the page, flipped top to bottom
        box = (y0, x0, y1, x1) if self.rotation in (90, 270) else (x0, y0, x1, y1)
        height = box[3] - box[1]
        self.bbox = self.mediabox = self.cropbox = (
            box[0],
            height - box[3],
            box[2],
            height - box[1],
        )
        self._ctm = _page_matrix(self.rotation, x0, y0, x1, y1)
        self._flip = self.height + self.bbox[1]  # pdfminer's y to pdfplumber's top
        self._objects: dict[str, list[Obj]] = {"char": [], "line": [], "rect": [], "curve": []}
        self._read_paths(page, max_objects)
        self._read_chars(page, descents, textpage)

    @property
    def width(self) -> float:
        return float(self.bbox[2] - self.bbox[0])

    @property
    def height(self) -> float:
        return float(self.bbox[3] - self.bbox[1])

    @property
    def objects(self) -> dict[str, list[Obj]]:
        return self._objects

    def find_tables(self, table_settings: dict[str, Any] | None = None) -> list[Table]:
        """The ruled tables, as pdfplumber's page.find_tables() finds them."""
        return table_finder.find_tables(self, table_settings)

    def close(self) -> None:
        """Nothing to close: the PDFium page was closed once read."""

    # -- characters ---------------------------------------------------------------------------

    def _read_chars(
        self,
        page: pdfium.PdfPage,
        descents: dict[str, float],
        given: pdfium.PdfTextPage | None,
    ) -> None:
        textpage = page.get_textpage() if given is None else given
        try:
            handle = textpage.raw
            count = raw.FPDFText_CountChars(handle)
            text = textpage.get_text_range(0, count) if count > 0 else ""
            if len(text) != count:  # a char outside the BMP: one UTF-16 unit is not one char
                text = "".join(chr(raw.FPDFText_GetUnicode(handle, n)) for n in range(count))
            self._objects["char"] = self._chars(handle, text, count, descents)
        finally:
            if given is None:
                textpage.close()

    def _chars(self, handle: Any, text: str, count: int, descents: dict[str, float]) -> list[Obj]:
        """The page's chars as pdfminer's dicts: per char, PDFium's text object and box
        (written into one array, read back as numbers at once); a run's fields worked out
        once for its chars."""
        handle_address = ctypes.cast(handle, ctypes.c_void_p).value
        boxes_array = (ctypes.c_float * (4 * count))()  # FS_RECTF: left, top, right, bottom
        boxes_address = ctypes.addressof(boxes_array)
        text_object, loose_box, generated = TEXT_OBJECT, LOOSE_BOX, IS_GENERATED
        may_be_generated = _GENERATED
        runs: dict[int, Run] = {}  # by the text object's address
        reader = RunReader(handle_address, descents)
        kept: list[int] = []
        starts: list[int] = []  # where in kept each stretch of one run's chars starts
        start_runs: list[Run] = []
        keep = kept.append
        last_address = -1
        for index in range(count):
            if text[index] in may_be_generated and generated(handle_address, index) == 1:
                continue
            address = text_object(handle_address, index) or 0
            if address != last_address:
                run = runs.get(address)
                if run is None:
                    run = runs[address] = reader.run(index, address)
                last_address = address
                starts.append(len(kept))
                start_runs.append(run)
            loose_box(handle_address, index, boxes_address + 16 * index)
            keep(index)
        lefts, rights = boxes_array[0::4], boxes_array[2::4]
        ends = [*starts[1:], len(kept)] if starts else []
        stretches = list(zip(starts, ends, start_runs, strict=True))
        if any(r.guessed for r in runs.values()):
            kept_runs = [run for begin, end, run in stretches for _ in range(begin, end)]
            stand_in_widths(kept, kept_runs, lefts, rights)
        return self._char_dicts(handle, text, kept, stretches, lefts, rights)

    def _char_dicts(
        self,
        handle: Any,
        text: str,
        kept: list[int],
        stretches: list[tuple[int, int, Run]],
        lefts: list[float],
        rights: list[float],
    ) -> list[Obj]:
        """pdfminer's dict of each kept char, from its box and its run (each stretch of kept
        chars of one run: from, to, run)."""
        dx, dy = self.bbox[0], self.height + self.bbox[1]
        upright = self.rotation in (0, 180)
        plain = self._ctm[:4] == (1.0, 0.0, 0.0, 1.0)
        shift_x, shift_y = self._ctm[4], self._ctm[5]
        chars: list[Obj] = []
        origin_x, origin_y = ctypes.c_double(), ctypes.c_double()
        for begin, end, run in stretches:
            base = run.base
            if plain and base is not None:  # the run's fields, as each of its chars has them
                name = run.name
                y0, y1 = base + shift_y, base + run.size + shift_y
                size, top, bottom = y1 - y0, dy - y1, dy - y0
                chars.extend(
                    [
                        {
                            "text": text[index],
                            "fontname": name,
                            "size": size,
                            "upright": upright,
                            "x0": lefts[index] + shift_x + dx,
                            "x1": rights[index] + shift_x + dx,
                            "top": top,
                            "bottom": bottom,
                            "doctop": top,
                        }
                        for index in kept[begin:end]
                    ]
                )
                continue
            for index in kept[begin:end]:
                left, right, base = lefts[index], rights[index], run.base
                if base is None:  # a turned or skewed run: each char has its baseline
                    raw.FPDFText_GetCharOrigin(
                        handle, index, ctypes.byref(origin_x), ctypes.byref(origin_y)
                    )
                    base = origin_y.value + run.low
                if plain:
                    x0, x1 = left + shift_x, right + shift_x
                    y0, y1 = base + shift_y, base + run.size + shift_y
                else:
                    x0, y0, x1, y1 = self._device(left, base, right, base + run.size)
                top = dy - y1
                chars.append(
                    {
                        "text": text[index],
                        "fontname": run.name,
                        "size": y1 - y0,  # pdfminer: the height, on a turned page too
                        "upright": upright,
                        "x0": x0 + dx,
                        "x1": x1 + dx,
                        "top": top,
                        "bottom": dy - y0,
                        "doctop": top,
                    }
                )
        return chars

    def _device(self, x0: float, y0: float, x1: float, y1: float) -> tuple[float, ...]:
        """A box in the page's user space turned into pdfminer's device space."""
        a, b, c, d, e, f = self._ctm
        if b == 0 and c == 0 and a == 1 and d == 1:
            return (x0 + e, y0 + f, x1 + e, y1 + f)
        corners = [_apply(self._ctm, x, y) for x, y in ((x0, y0), (x1, y1))]
        xs, ys = sorted(p[0] for p in corners), sorted(p[1] for p in corners)
        return (xs[0], ys[0], xs[1], ys[1])

    # -- paths --------------------------------------------------------------------------------

    def _read_paths(self, page: pdfium.PdfPage, max_objects: int) -> None:
        handle = page.raw
        stack: list[tuple[Any, int, Matrix]] = []
        count = raw.FPDFPage_CountObjects(handle)
        if count > max_objects:
            raise TooManyObjects(count)
        for index in range(count):
            self._object(raw.FPDFPage_GetObject(handle, index), self._ctm, stack)
        seen = count
        while stack:
            form, total, ctm = stack.pop()
            seen += total
            if seen > max_objects:
                raise TooManyObjects(seen)
            for index in range(total):
                self._object(raw.FPDFFormObj_GetObject(form, index), ctm, stack)

    def _object(self, obj: Any, ctm: Matrix, stack: list[tuple[Any, int, Matrix]]) -> None:
        kind = raw.FPDFPageObj_GetType(obj)
        if kind == _FORM:
            stack.append((obj, raw.FPDFFormObj_CountObjects(obj), _times(_matrix(obj), ctm)))
        elif kind == _PATH:
            self._path(obj, _times(_matrix(obj), ctm))

    def _path(self, obj: Any, ctm: Matrix) -> None:
        fill = ctypes.c_int()
        stroke = ctypes.c_int()
        raw.FPDFPath_GetDrawMode(obj, ctypes.byref(fill), ctypes.byref(stroke))
        width = ctypes.c_float()
        raw.FPDFPageObj_GetStrokeWidth(obj, ctypes.byref(width))
        handle = ctypes.cast(obj, ctypes.c_void_p).value
        count = COUNT_SEGMENTS(handle)
        kinds, closings, values = path_segments(handle, count)
        shorts = _SHORTS
        ops: list[str] = []  # the path's operators, as pdfminer names them
        points: list[tuple[float, float]] = []  # each operator's point
        start = (0.0, 0.0)
        curve = 0  # PDFium gives a Bézier as three points: its end is the third
        for index, (kind, closes) in enumerate(zip(kinds, closings, strict=True)):
            if kind == _BEZIER:
                curve += 1
                if curve % 3:
                    continue
            x, y = values[2 * index], values[2 * index + 1]
            # 0.0 and -0.0 are one key, but _short keeps the sign: zeros are kept as they are
            short_x, short_y = shorts.get(x) if x else x, shorts.get(y) if y else y
            if short_x is None:
                short_x = shorts[x] = _short(x)
            if short_y is None:
                short_y = shorts[y] = _short(y)
            point = _apply(ctm, short_x, short_y)
            if kind == _MOVE:
                start = point
                ops.append("m")
                points.append(point)
            elif kind in _OPERATORS:
                ops.append(_OPERATORS[kind])
                points.append(point)
            if closes:
                ops.append("h")
                points.append(start)
        if len(_SHORTS) > 100_000:  # numbers of other documents: not kept without end
            _SHORTS.clear()
        self._paint("".join(ops), points, bool(stroke.value), fill.value != 0, width.value)

    def _paint(
        self, ops: str, points: list[tuple[float, float]], stroke: bool, fill: bool, lw: float
    ) -> None:
        """pdfminer's paint_path: each subpath a line, a rect or a curve."""
        if not ops.startswith("m"):
            return
        begin = 0
        while begin < len(ops):
            end = ops.find("m", begin + 1)
            end = len(ops) if end < 0 else end
            shape, pts = ops[begin:end], points[begin:end]
            begin = end
            if len(shape) < 2:
                continue
            if len(shape) > 3 and shape[-2:] == "lh" and pts[-2] == pts[0]:
                shape = shape[:-2] + "h"
                pts.pop()
            if shape in ("mlh", "ml"):
                self._add("line", pts[:2], stroke, fill, lw)
            elif shape in ("mlllh", "mllll"):
                (x0, y0), (x1, y1), (x2, y2), (x3, y3), _ = pts
                square = (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (
                    y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0
                )
                closed = pts[0] == pts[4]
                self._add("rect" if closed and square else "curve", pts, stroke, fill, lw)
            else:
                self._add("curve", pts, stroke, fill, lw)

    def _add(
        self, kind: str, pts: list[tuple[float, float]], stroke: bool, fill: bool, lw: float
    ) -> None:
        if kind == "rect":
            (ax, ay), (bx, by) = pts[0], pts[2]
            x0, x1, y0, y1 = min(ax, bx), max(ax, bx), min(ay, by), max(ay, by)
        else:
            xs, ys = [p[0] for p in pts], [p[1] for p in pts]
            x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
        height, dx = self._flip, self.bbox[0]
        obj: Obj = {
            "object_type": kind,
            "page_number": self.page_number,
            "x0": x0 + dx,
            "x1": x1 + dx,
            "y0": y0,
            "y1": y1,
            "width": x1 - x0,
            "height": y1 - y0,
            "top": height - y1,
            "bottom": height - y0,
            "doctop": height - y1,
            "linewidth": lw,
            "stroke": stroke,
            "fill": fill,
        }
        if kind != "rect":
            obj["pts"] = [(x + dx, height - y) for x, y in pts]
        self._objects[kind].append(obj)


def _matrix(obj: Any) -> Matrix:
    m = raw.FS_MATRIX()
    if not raw.FPDFPageObj_GetMatrix(obj, ctypes.byref(m)):
        return (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    return (_short(m.a), _short(m.b), _short(m.c), _short(m.d), _short(m.e), _short(m.f))


_OPERATORS = {_LINE: "l", _BEZIER: "c"}
_SHORTS: dict[float, float] = {}  # _short's results: a page's rules share few numbers


def _short(value: float) -> float:
    """A number PDFium holds as a float (7 digits) as the content stream wrote it: pdfminer
    reads 104.465 exactly, PDFium as 104.46499634."""
    return float(f"{value:.7g}")


def _times(m: Matrix, n: Matrix) -> Matrix:
    """m then n (PDF's row-vector convention: m × n)."""
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (
        a * a2 + b * c2,
        a * b2 + b * d2,
        c * a2 + d * c2,
        c * b2 + d * d2,
        e * a2 + f * c2 + e2,
        e * b2 + f * d2 + f2,
    )


def _apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f = m
    return (a * x + c * y + e, b * x + d * y + f)


def _page_matrix(rotation: int, x0: float, y0: float, x1: float, y1: float) -> Matrix:
    """pdfminer's page CTM: the MediaBox's corner to the origin, the page turned upright."""
    if rotation == 90:
        return (0.0, -1.0, 1.0, 0.0, -y0, x1)
    if rotation == 180:
        return (-1.0, 0.0, 0.0, -1.0, x1, y1)
    if rotation == 270:
        return (0.0, 1.0, -1.0, 0.0, y1, -x0)
    return (1.0, 0.0, 0.0, 1.0, -x0, -y0)
