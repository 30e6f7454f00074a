"""An expat parser for XML from untrusted files: no DTD, no entity declaration, no external
reference (each refused with defusedxml's own error, as its parsers raise them)."""

from __future__ import annotations

from typing import Any, NoReturn
from xml.parsers import expat


def _forbid_dtd(name: str, *_: Any) -> NoReturn:
    from defusedxml import DTDForbidden

    raise DTDForbidden(name, None, None)


def _forbid_entity(name: str, *_: Any) -> NoReturn:
    from defusedxml import EntitiesForbidden

    raise EntitiesForbidden(name, None, None, None, None, None)


def _forbid_external(
    context: str, base: str | None, sysid: str | None, pubid: str | None
) -> NoReturn:
    from defusedxml import ExternalReferenceForbidden

    raise ExternalReferenceForbidden(context, base, sysid, pubid)


def hardened_parser(piece: int = 16 * 1024) -> Any:
    """An expat parser with "}" between namespace and name, refusing DTDs and entities;
    text is buffered up to piece bytes."""
    parser = expat.ParserCreate(namespace_separator="}")
    parser.buffer_text = True
    parser.buffer_size = piece
    parser.StartDoctypeDeclHandler = _forbid_dtd
    parser.EntityDeclHandler = _forbid_entity
    parser.UnparsedEntityDeclHandler = _forbid_entity
    parser.ExternalEntityRefHandler = _forbid_external
    return parser
