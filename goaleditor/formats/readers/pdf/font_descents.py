"""Each font's /Descent as pdfminer takes it, found through the page's resources.

pdfminer (and so pdfplumber) puts a char's box from the baseline plus the font's Descent up
by the font size. PDFium does not give the Descent of the font dictionary: where it is 0 (as
LibreOffice writes it) PDFium puts in the glyphs' own. So the few font dictionaries of a page
are read here, without parsing its content, as pdfminer reads them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from pdfminer.fontmetrics import FONT_METRICS
from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdftypes import resolve1

_SUBSET_RE = re.compile(r"^[A-Z]{6}\+")  # PDFium names a font without its subset tag
MAX_DEPTH = 4  # Form XObjects inside Form XObjects, looked into for their fonts


class FontDescents:
    """The descents (per unit of font size, negative) of the fonts of a document's pages,
    by the font's BaseFont name."""

    def __init__(self, document: PDFDocument) -> None:
        self._pages = _page_resources(document)
        self._read: list[dict[str, float]] = []
        self._by_id: dict[int, dict[str, float]] = {}

    def of_page(self, index: int) -> dict[str, float]:
        """The page's fonts' descents by name, without a subset tag (the first of a name)."""
        while len(self._read) <= index:
            found: dict[str, float] = {}
            try:
                resources = next(self._pages, None)
                if resources is None:
                    return {}
                self._resources(resources, found, 0, set())
            except Exception:  # a damaged page tree or font dictionary: PDFium reads the text
                pass  # still; a font not found takes the Descent 0
            self._read.append(found)
        return self._read[index]

    def _resources(
        self, resources: Any, found: dict[str, float], depth: int, seen: set[int]
    ) -> None:
        resources = resolve1(resources)
        if not isinstance(resources, dict):
            return
        fonts = resolve1(resources.get("Font"))
        if isinstance(fonts, dict):
            for ref in fonts.values():
                key = getattr(ref, "objid", None)
                known = self._by_id.get(key) if key is not None else None
                if known is None:
                    known = _font(resolve1(ref))
                    if key is not None:
                        self._by_id[key] = known
                for name, descent in known.items():
                    found.setdefault(_SUBSET_RE.sub("", name), descent)
        objects = resolve1(resources.get("XObject"))
        if depth >= MAX_DEPTH or not isinstance(objects, dict):
            return
        for ref in objects.values():
            key = getattr(ref, "objid", None)
            if key in seen:
                continue
            if key is not None:
                seen.add(key)
            stream = resolve1(ref)
            attrs = getattr(stream, "attrs", None)
            if isinstance(attrs, dict) and _name(attrs.get("Subtype")) == "Form":
                self._resources(attrs.get("Resources"), found, depth + 1, seen)


def _page_resources(document: PDFDocument) -> Iterator[Any]:
    """Each page's /Resources (inherited from the page tree), in page order, as
    pdfminer's PDFPage.create_pages walks the tree, without reading the pages' contents."""
    root = resolve1(document.catalog.get("Pages"))
    stack: list[tuple[Any, Any]] = [(root, None)]
    seen: set[int] = set()
    while stack:
        node, inherited = stack.pop()
        if not isinstance(node, dict) or id(node) in seen:
            continue
        seen.add(id(node))
        resources = node.get("Resources", inherited)
        kind = _name(node.get("Type", node.get("type")))
        kids = resolve1(node.get("Kids"))
        if kind == "Pages" and isinstance(kids, list):
            stack.extend((resolve1(kid), resources) for kid in reversed(kids))
        elif kind == "Page":
            yield resources


def _font(spec: Any) -> dict[str, float]:
    """A font dictionary's descent by its BaseFont name (a Type0 font's also by its
    descendant's name, the one pdfminer gives its chars)."""
    if not isinstance(spec, dict):
        return {}
    subtype = _name(spec.get("Subtype"))
    base = _name(spec.get("BaseFont")) or "unknown"
    if subtype == "Type0":
        descendants = resolve1(spec.get("DescendantFonts"))
        first = resolve1(descendants[0]) if isinstance(descendants, list) and descendants else {}
        first = first if isinstance(first, dict) else {}
        descent = _descent(resolve1(first.get("FontDescriptor")))
        inner = _name(first.get("BaseFont")) or "unknown"
        return {base: descent, inner: descent}
    if subtype == "Type3":  # pdfminer: the FontBBox's bottom, scaled by the FontMatrix
        descriptor = resolve1(spec.get("FontDescriptor"))
        holder = descriptor if isinstance(descriptor, dict) else spec
        box = resolve1(holder.get("FontBBox"))
        matrix = resolve1(spec.get("FontMatrix"))
        scale = 0.001
        if isinstance(matrix, list) and len(matrix) == 6:
            scale = _number(resolve1(matrix[1])) + _number(resolve1(matrix[3]))
        bottom = _number(resolve1(box[1])) if isinstance(box, list) and len(box) == 4 else 0.0
        return {base: bottom * scale}
    metrics = FONT_METRICS.get(base)
    if metrics is not None:  # pdfminer takes a standard font's own metrics first
        return {base: -abs(_number(metrics[0].get("Descent", 0))) / 1000}
    return {base: _descent(resolve1(spec.get("FontDescriptor")))}


def _descent(descriptor: Any) -> float:
    if not isinstance(descriptor, dict):
        return 0.0
    return -abs(_number(resolve1(descriptor.get("Descent", 0)))) / 1000


def _number(value: Any) -> float:
    return float(value) if isinstance(value, (int, float)) else 0.0


def _name(value: Any) -> str:
    value = resolve1(value)
    name = getattr(value, "name", value)
    if isinstance(name, bytes):
        return name.decode("latin-1")
    return name if isinstance(name, str) else ""
