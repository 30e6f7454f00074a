"""Small hostile files made on the spot: PDFs that crash, loop or exhaust a parser."""

from __future__ import annotations

import zlib
from pathlib import Path

# A goal table's labels on the page (UTF-16 in a predefined CMap: no font file needed), so
# that the reader gets past its first look and into the page's content.
_LABELS = (
    b"BT /F1 12 Tf 72 800 Td <"
    + "项目名称 一级指标 二级指标 三级指标 指标值".encode("utf-16-be").hex().encode()
    + b"> Tj ET\n"
)
_FONT = (
    b"/Font << /F1 << /Type /Font /Subtype /Type0 /BaseFont /STSong-Light "
    b"/Encoding /UniGB-UCS2-H /DescendantFonts [<< /Type /Font /Subtype /CIDFontType0 "
    b"/BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) "
    b"/Supplement 2 >> >>] >> >>"
)


def _pdf(objects: list[bytes]) -> bytes:
    """A PDF of the numbered objects (1 0 obj …) with a correct cross-reference table."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def _stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d %s >>\nstream\n" % (len(data), extra) + data + b"\nendstream"


def _page(content: int, resources: bytes = b"") -> list[bytes]:
    """Catalog, pages and one page whose content is object `content`."""
    return [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
        b"/Resources << %s %s >> >>" % (content, _FONT, resources),
    ]


def self_length_pdf(path: Path) -> Path:
    """A stream whose /Length is an indirect reference to the stream object itself."""
    body = _LABELS * 4
    stream = b"<< /Length 4 0 R >>\nstream\n" + body + b"\nendstream"
    path.write_bytes(_pdf([*_page(4), stream]))
    return path


def mutual_forms_pdf(path: Path) -> Path:
    """Two form XObjects that draw each other, drawn by the page."""
    content = _stream(_LABELS + b"/Fa Do\n")
    form_a = _stream(
        b"/Fb Do\n",
        b"/Type /XObject /Subtype /Form /BBox [0 0 595 842] "
        b"/Resources << /XObject << /Fb 6 0 R >> >>",
    )
    form_b = _stream(
        b"/Fa Do\n",
        b"/Type /XObject /Subtype /Form /BBox [0 0 595 842] "
        b"/Resources << /XObject << /Fa 5 0 R >> >>",
    )
    path.write_bytes(_pdf([*_page(4, b"/XObject << /Fa 5 0 R >>"), content, form_a, form_b]))
    return path


def double_deflate_pdf(path: Path, megabytes: int = 1024) -> Path:
    """A page content stream of `megabytes` MB of spaces, deflated twice (about 12 KB)."""
    compressor = zlib.compressobj(1)  # fast; still 1 GB in ~5 MB, then ~12 KB
    chunk = b" " * 2**20
    inner = b"".join(compressor.compress(chunk) for _ in range(megabytes)) + compressor.flush()
    outer = zlib.compress(inner, 9)
    content = _stream(outer, b"/Filter [/FlateDecode /FlateDecode]")
    path.write_bytes(_pdf([*_page(4), content]))
    return path


def many_rectangles_pdf(path: Path, count: int = 1_200_000) -> Path:
    """One page whose one path is `count` rectangles under a table's labels, deflated."""
    rects = b"".join(b"%d %d 2 2 re\n" % (i % 500, (i // 500) % 800) for i in range(count))
    data = zlib.compress(_LABELS + rects + b"S\n", 1)
    path.write_bytes(_pdf([*_page(4), _stream(data, b"/Filter /FlateDecode")]))
    return path


def slow_pages_pdf(path: Path, pages: int, count: int) -> Path:
    """pages pages of `count` rectangles each: slow to read, but moving on page by page."""
    rects = b"".join(b"%d %d 2 2 re\n" % (i % 500, (i // 500) % 800) for i in range(count))
    data = zlib.compress(_LABELS + rects + b"S\n", 1)
    kids = b" ".join(b"%d 0 R" % (3 + 2 * n) for n in range(pages))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, pages),
    ]
    for n in range(pages):
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
            b"/Resources << %s >> >>" % (4 + 2 * n, _FONT)
        )
        objects.append(_stream(data, b"/Filter /FlateDecode"))
    path.write_bytes(_pdf(objects))
    return path
