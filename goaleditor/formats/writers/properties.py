"""Document properties (title, author) cut to what a format's metadata holds, said once."""

from __future__ import annotations

from goaleditor.formats.exporting import ExportWarn

# Word and Excel keep at most 255 characters in a core property (python-docx refuses more).
CORE_PROPERTY_CHARS = 255
# A PDF string holds at most 32,767 bytes (PDF 1.7, Annex C); metadata is UTF-16 with a mark,
# and a character outside the BMP takes four bytes.
PDF_PROPERTY_CHARS = 8_000
CUT_MARK = "…"


def fit_property(text: str, limit: int, label: str, warn: ExportWarn | None) -> str:
    """text as a document property: whole when it fits, else cut to limit and said once."""
    if len(text) <= limit:
        return text
    if warn is not None:
        warn(f"{label}超过{limit}个字符，文档属性中已截短；表格中的{label}完整")
    return text[: limit - len(CUT_MARK)] + CUT_MARK
