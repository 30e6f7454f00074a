"""Word import's XML, parsed by hardened lxml: no DTD, no entity, no network, bounded depth."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from goaleditor.errors import InputError
from goaleditor.formats.canonical_json import dumps
from goaleditor.formats.readers import guard
from goaleditor.formats.readers.word import reader

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
FIXTURES = Path(__file__).resolve().parents[3] / "fixtures"


def _docx(path: Path, document: bytes, **parts: bytes) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", document)
        for name, data in parts.items():
            archive.writestr(name.replace("__", "/"), data)
    return path


@pytest.mark.parametrize(
    ("name", "document", "kind"),
    [
        (
            "external entity",
            b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
            b'<w:document xmlns:w="' + W_NS.encode() + b'"><w:body><w:p><w:r><w:t>&x;</w:t>'
            b"</w:r></w:p></w:body></w:document>",
            "含有不安全的XML内容",
        ),
        (
            "a DOCTYPE after 70 KB of comment",  # past the prolog scan: lxml's docinfo says it
            b'<?xml version="1.0"?><!--'
            + b"x" * 70_000
            + b'--><!DOCTYPE w:document [<!ENTITY a "b">]>'
            b'<w:document xmlns:w="' + W_NS.encode() + b'"><w:body/></w:document>',
            "含有不安全的XML内容",
        ),
        (
            "an undeclared entity",
            b'<w:document xmlns:w="' + W_NS.encode() + b'"><w:body><w:p><w:r><w:t>&a;</w:t>'
            b"</w:r></w:p></w:body></w:document>",
            "XML格式错误",
        ),
        (
            "nesting 10,000 deep",
            b'<w:document xmlns:w="'
            + W_NS.encode()
            + b'"><w:body>'
            + b"<w:sdt>" * 10_000
            + b"</w:sdt>" * 10_000
            + b"</w:body></w:document>",
            "XML格式错误",
        ),
    ],
)
def test_hostile_xml_is_one_line(tmp_path: Path, name: str, document: bytes, kind: str) -> None:
    with pytest.raises(InputError, match=f"文件已损坏：文档内容无法读取（{kind}") as refusal:
        reader.read(_docx(tmp_path / "hostile.docx", document))
    assert "\n" not in str(refusal.value)


def test_a_dtd_in_the_properties_is_refused_and_the_tables_still_read(tmp_path: Path) -> None:
    """docProps are optional: a hostile one reads as none (never parsed with its entities)."""
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE p [<!ENTITY a "aaaaaaaaaa">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><p>&b;</p>'
    )
    read = []
    for name, properties in (("none", None), ("hostile", bomb)):
        target = tmp_path / f"{name}.docx"
        with (
            zipfile.ZipFile(FIXTURES / "word-people.docx") as old,
            zipfile.ZipFile(target, "w") as new,
        ):
            for item in old.infolist():
                if item.filename not in ("docProps/core.xml", "docProps/custom.xml"):
                    new.writestr(item, old.read(item))
            if properties is not None:
                new.writestr("docProps/core.xml", properties)
                new.writestr("docProps/custom.xml", properties)
        read.append(dumps(reader.read(target)))
    assert read[0] == read[1]


def test_parse_xml_refuses_any_doctype_and_keeps_text_as_elementtree() -> None:
    with pytest.raises(guard.UnsafeXml):
        guard.parse_xml(b'<!DOCTYPE a SYSTEM "http://example.com/a.dtd"><a/>')
    root = guard.parse_xml(b"<a>1<!-- note -->2<?pi x?><b>3</b>4</a>")
    assert root.text == "12" and list(root.itertext()) == ["12", "3", "4"]
