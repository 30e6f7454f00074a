"""Seeded structural fuzzing of every importer: mutations inside the zip, the XML, the BIFF
records, the PDF objects, the JSON fields and the .goals rows, not only flipped bytes.

Every mutated file must end as a Document or as one Chinese InputError line (no 内部错误,
no exception class, no library text), each within CASE_SECONDS.

    python -m tests.fuzz --importer xlsx --runs 500 --seed 1     (on demand; all: --importer all)

The test suite runs a sample (tests/formats/test_fuzz_import.py).
"""

from __future__ import annotations

import argparse
import copy
import io
import json
import random
import re
import signal
import sqlite3
import sys
import tempfile
import time
import traceback
import warnings
import zipfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "resources" / "examples" / "binhai-2026-published.txt"
FIXTURES = ROOT / "tests" / "fixtures"
CASE_SECONDS = 10.0
HANG_SECONDS = 120  # a case still running then is stopped and reported as a hang
# An exception class, or a library's English words, in a line meant for the clerk.
ENGLISH = re.compile(r"[A-Za-z_]*(?:Error|Exception|Warning)\b|\b[A-Za-z][a-z]{2,} [a-z]{3,}\b")
# Values that break parsers that trust a file: numbers out of range, not numbers, odd text.
HOSTILE = (
    "",
    "-1",
    "0",
    "1e999",
    "-1e999",
    "NaN",
    "inf",
    "99999999999999999999",
    "9" * 5000,
    "²",
    "٣",
    "A0",
    "XFD1048577",
    "ZZZZZ99999999",
    "A1:XFD1048576",
    "abc",
    "true",
    "\u202e\u200b",
    "\ud7ff" * 3,
    "<x>",
    "&amp;",
    "1.5",
    "-0",
    "0x10",
    "2026",
    "#REF!",
)


@dataclass
class Tally:
    """What the cases of one importer came to."""

    documents: int = 0
    refused: int = 0
    slowest: float = 0.0
    problems: list[str] = field(default_factory=list)


class _Hang(Exception):
    """Raised by the alarm in a case that runs past HANG_SECONDS."""


# ---------------------------------------------------------------------------- zip and XML


def _parts(data: bytes) -> list[tuple[str, bytes]]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return [(info.filename, archive.read(info)) for info in archive.infolist()]


def _zip(parts: list[tuple[str, bytes]]) -> bytes:
    out = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # a duplicated member is the point
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, data in parts:
                archive.writestr(name, data)
    return out.getvalue()


def _namespaces(xml: bytes) -> dict[str, str]:
    found: dict[str, str] = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for _event, (prefix, uri) in ET.iterparse(io.BytesIO(xml), events=("start-ns",)):
            found.setdefault(prefix, uri)
    return found


def _mutate_tree(rng: random.Random, root: ET.Element) -> None:
    """One structural edit of an element tree: nodes and attributes, never raw bytes."""
    nodes = list(root.iter())
    parents = {child: parent for parent in nodes for child in parent}
    node = rng.choice(nodes)
    parent = parents.get(node)
    op = rng.randrange(9)
    if op == 0 and parent is not None:  # drop a node
        parent.remove(node)
    elif op == 1 and parent is not None:  # duplicate it in place
        parent.insert(list(parent).index(node), copy.deepcopy(node))
    elif op == 2 and parent is not None:  # move it under another node
        target = rng.choice(nodes)
        if target is not node and node not in target.iter() and node in list(parent):
            parent.remove(node)
            target.insert(rng.randrange(len(target) + 1), node)
    elif op == 3 and node.attrib:  # an attribute set to a hostile value
        node.set(rng.choice(sorted(node.attrib)), rng.choice(HOSTILE))
    elif op == 4 and node.attrib:  # an attribute dropped
        del node.attrib[rng.choice(sorted(node.attrib))]
    elif op == 5:  # text replaced
        node.text = rng.choice(HOSTILE)
    elif op == 6:  # a tag renamed to another tag of the same part
        node.tag = rng.choice(nodes).tag
    elif op == 7 and parent is not None and len(parent) > 1:  # children swapped
        children = list(parent)
        i, j = rng.sample(range(len(children)), 2)
        children[i], children[j] = children[j], children[i]
        parent[:] = children
    elif op == 8:  # an attribute of another node copied here (a wrong-kind value)
        donor = rng.choice(nodes)
        if donor.attrib:
            name = rng.choice(sorted(donor.attrib))
            node.set(name, donor.attrib[name])


def _mutate_xml(rng: random.Random, xml: bytes) -> bytes:
    try:
        spaces = _namespaces(xml)
        root = ET.fromstring(xml)
    except ET.ParseError:
        return xml[: rng.randrange(len(xml) + 1)]
    for prefix, uri in spaces.items():
        if prefix and not re.match(r"ns\d+$", prefix):
            ET.register_namespace(prefix, uri)
    for _ in range(rng.randint(1, 4)):
        _mutate_tree(rng, root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def _mutate_package(rng: random.Random, data: bytes, favoured: tuple[str, ...]) -> bytes:
    """Edit XML parts (mostly the favoured ones) or the package's members themselves."""
    parts = _parts(data)
    for _ in range(rng.randint(1, 2)):
        names = [name for name, _ in parts]
        xml = [i for i, name in enumerate(names) if name.endswith((".xml", ".rels"))]
        main = [i for i in xml if names[i].startswith(favoured)]
        op = rng.randrange(10)
        if op < 7 and xml:  # inside an XML part
            index = rng.choice(main if main and rng.random() < 0.8 else xml)
            parts[index] = (parts[index][0], _mutate_xml(rng, parts[index][1]))
        elif op == 7 and len(parts) > 1:  # a member dropped
            parts.pop(rng.randrange(len(parts)))
        elif op == 8:  # a member duplicated (the same name twice)
            parts.insert(rng.randrange(len(parts) + 1), rng.choice(parts))
        else:  # a member given another member's content
            index = rng.randrange(len(parts))
            parts[index] = (parts[index][0], rng.choice(parts)[1])
    return _zip(parts)


# -------------------------------------------------------------------------------------- PDF

_OBJECT = re.compile(rb"(\d+) 0 obj\b(.*?)endobj", re.S)
_STREAM = re.compile(rb"stream\r?\n(.*?)\r?\nendstream", re.S)
_NUMBER = re.compile(rb"(?<![\w/])-?\d+(?:\.\d+)?(?![\w])")
_HOSTILE_NUMBERS = (b"0", b"-1", b"999999999", b"1e999", b"-99999.5", b"4294967297", b"3.4e38")


def _fix_length(body: bytes, stream: bytes) -> bytes:
    return re.sub(rb"/Length \d+(?: 0 R)?", b"/Length %d" % len(stream), body, count=1)


def _mutate_content_stream(rng: random.Random, body: bytes) -> bytes:
    """Inflate a page's content stream, change its numbers or operators, deflate it again."""
    match = _STREAM.search(body)
    if match is None:
        return body
    try:
        content = zlib.decompress(match.group(1))
    except zlib.error:
        return body
    numbers = list(_NUMBER.finditer(content))
    for _ in range(rng.randint(1, 6)):
        if numbers and rng.random() < 0.7:
            number = rng.choice(numbers)
            start, end = number.span()
            content = content[:start] + rng.choice(_HOSTILE_NUMBERS) + content[end:]
            numbers = list(_NUMBER.finditer(content))
        else:
            for old, new in (
                (b"Tj", b"TJ"),
                (b"BT", b""),
                (b"ET", b""),
                (b"Tf", b"Tm"),
                (b"re", b"l"),
            ):
                if old in content and rng.random() < 0.3:
                    content = content.replace(old, new, 1)
    packed = zlib.compress(content)
    body = body[: match.start(1)] + packed + body[match.end(1) :]
    return _fix_length(body, packed)


def _mutate_pdf(rng: random.Random, data: bytes) -> bytes:
    """Edit the PDF's objects: drop, duplicate, swap, wrong /Length, broken references and
    xref, hostile numbers in dictionaries, page content streams."""
    objects = list(_OBJECT.finditer(data))
    if not objects:
        return data[: rng.randrange(len(data) + 1)]
    for _ in range(rng.randint(1, 3)):
        objects = list(_OBJECT.finditer(data))
        target = rng.choice(objects)
        start, end = target.span()
        body = target.group(2)
        op = rng.randrange(9)
        if op == 0:  # an object dropped
            data = data[:start] + data[end:]
        elif op == 1:  # an object given another's body (same number)
            donor = rng.choice(objects).group(2)
            data = data[:start] + target.group(1) + b" 0 obj" + donor + b"endobj" + data[end:]
        elif op == 2:  # /Length wrong
            wrong = rng.choice((b"0", b"1", b"99999999", b"-5", b"7 0 R"))
            body = re.sub(rb"/Length \d+", b"/Length " + wrong, body, count=1)
            data = data[:start] + target.group(1) + b" 0 obj" + body + b"endobj" + data[end:]
        elif op == 3:  # a reference to nothing, to itself, to another kind of object
            refs = list(re.finditer(rb"\d+ 0 R", body))
            if refs:
                ref = rng.choice(refs)
                new = rng.choice((b"99999 0 R", target.group(1) + b" 0 R", b"1 0 R"))
                body = body[: ref.start()] + new + body[ref.end() :]
                data = data[:start] + target.group(1) + b" 0 obj" + body + b"endobj" + data[end:]
        elif op == 4:  # a number in the dictionary made hostile (MediaBox, Count, W …)
            head = body.split(b"stream", 1)
            numbers = list(_NUMBER.finditer(head[0]))
            if numbers:
                number = rng.choice(numbers)
                head[0] = (
                    head[0][: number.start()]
                    + rng.choice(_HOSTILE_NUMBERS)
                    + head[0][number.end() :]
                )
                body = b"stream".join(head)
                data = data[:start] + target.group(1) + b" 0 obj" + body + b"endobj" + data[end:]
        elif op == 5:  # a page's content stream changed inside
            body = _mutate_content_stream(rng, body)
            data = data[:start] + target.group(1) + b" 0 obj" + body + b"endobj" + data[end:]
        elif op == 6:  # a stream's data cut short, its /Length kept
            stream = _STREAM.search(body)
            if stream is not None:
                cut = stream.group(1)[: rng.randrange(len(stream.group(1)) + 1)]
                body = body[: stream.start(1)] + cut + body[stream.end(1) :]
                data = data[:start] + target.group(1) + b" 0 obj" + body + b"endobj" + data[end:]
        elif op == 7:  # the xref table's offsets or startxref wrong
            xref = data.rfind(b"startxref")
            if xref >= 0:
                data = data[:xref] + b"startxref\n" + rng.choice(_HOSTILE_NUMBERS) + b"\n%%EOF\n"
        else:  # a dictionary key renamed (/Type /Page → /Type /Pages, /Kids → /Kidz)
            for old, new in ((b"/Page\n", b"/Pages\n"), (b"/Kids", b"/Kidz"), (b"/Font", b"/Fnt")):
                if old in body:
                    body = body.replace(old, new, 1)
                    break
            data = data[:start] + target.group(1) + b" 0 obj" + body + b"endobj" + data[end:]
    return data


# ------------------------------------------------------------------------------------- xls

# BIFF records worth editing: cells, strings, formats, sheets, dimensions, merges.
_BIFF_KINDS = (0x00FD, 0x0203, 0x027E, 0x0204, 0x00FC, 0x00E0, 0x0085, 0x0200, 0x00E5, 0x0208)


def _workbook_stream_offsets(data: bytes) -> list[int] | None:
    """Where each byte of the Workbook stream lies in the file (its sector chain)."""
    import xlrd.compdoc

    doc = xlrd.compdoc.CompDoc(data, logfile=io.StringIO())
    entry = next((e for e in doc.dirlist if e.name in ("Workbook", "Book")), None)
    if entry is None or entry.tot_size < doc.min_size_std_stream:
        return None
    offsets: list[int] = []
    sid = entry.first_SID
    while sid >= 0 and len(offsets) < entry.tot_size:
        base = 512 + sid * doc.sec_size
        offsets.extend(range(base, base + doc.sec_size))
        sid = doc.SAT[sid]
    return offsets[: entry.tot_size]


def _mutate_xls(rng: random.Random, data: bytes) -> bytes:
    """Edit BIFF records in place inside the Workbook stream: their type, their length,
    the row, column, string index and format fields of cells, SST counts and lengths."""
    offsets = _workbook_stream_offsets(data)
    if offsets is None:
        return data
    stream = bytes(data[i] for i in offsets)
    records: list[tuple[int, int, int]] = []  # (offset, type, length)
    at = 0
    while at + 4 <= len(stream):
        kind, length = (
            int.from_bytes(stream[at : at + 2], "little"),
            int.from_bytes(stream[at + 2 : at + 4], "little"),
        )
        records.append((at, kind, length))
        at += 4 + length
    chosen = [r for r in records if r[1] in _BIFF_KINDS and r[2] >= 2] or records
    edited = bytearray(stream)
    for _ in range(rng.randint(1, 4)):
        at, kind, length = rng.choice(chosen)
        op = rng.randrange(10)
        if op == 0:  # the record's type changed to another one of the stream
            edited[at : at + 2] = rng.choice(records)[1].to_bytes(2, "little")
        elif op == 1:  # its length wrong
            edited[at + 2 : at + 4] = rng.choice((0, 1, length + 7, 0xFFFF)).to_bytes(2, "little")
        else:  # a 16-bit field of its body (row, column, XF, SST index, count) made hostile
            field = at + 4 + 2 * rng.randrange(max(1, min(length, 16) // 2))
            value = rng.choice((0, 1, 0x7FFF, 0xFFFF, 255, 65535 - 1))
            edited[field : field + 2] = value.to_bytes(2, "little")
    mutated = bytearray(data)
    for index, byte in zip(offsets, edited, strict=True):
        mutated[index] = byte
    return bytes(mutated)


# ------------------------------------------------------------------------------ JSON, .goals

_ODD_VALUES: tuple[Any, ...] = (
    None,
    True,
    0,
    -1,
    2**63,
    -(2**63) - 1,
    10**300,
    1.5,
    1e308,
    "",
    "²",
    "9" * 5000,
    [],
    {},
    [[]],
    {"a": {}},
    "x" * 3000,
    "\u202e",
)


def _holders(value: Any) -> list[Any]:
    """Every object and array in a JSON value, outermost first."""
    if not isinstance(value, dict | list):
        return []
    children = value.values() if isinstance(value, dict) else value
    return [value, *(inner for child in children for inner in _holders(child))]


def _mutate_json(rng: random.Random, data: bytes) -> bytes:
    """Change the types and shapes of fields: any value anywhere, keys dropped, lists grown."""
    doc = json.loads(data)
    for _ in range(rng.randint(1, 4)):
        holders = _holders(doc)
        holder = rng.choice(holders)
        keys = list(holder) if isinstance(holder, dict) else list(range(len(holder)))
        if not keys:
            continue
        key = rng.choice(keys)
        op = rng.randrange(4)
        if op == 0:
            holder[key] = copy.deepcopy(rng.choice(_ODD_VALUES))
        elif op == 1 and isinstance(holder, dict):
            del holder[key]
        elif op == 2 and isinstance(holder, list):
            holder.insert(rng.randrange(len(holder) + 1), copy.deepcopy(holder[key]))
        else:  # a value of the wrong kind taken from elsewhere in the document
            donor = rng.choice(holders)
            values = list(donor.values()) if isinstance(donor, dict) else donor
            if values:
                holder[key] = copy.deepcopy(rng.choice(values))
    return json.dumps(doc, ensure_ascii=rng.random() < 0.5).encode()


_SQL_VALUES = (
    "NULL",
    "0",
    "-1",
    "9223372036854775807",
    "-9223372036854775808",
    "1e308",
    "-0.5",
    "''",
    "'²'",
    "'9999999999999999999999'",
    "x'00ff'",
    "zeroblob(10)",
    "'abc'",
    "'1,000万'",
)


def _mutate_goals(rng: random.Random, data: bytes) -> bytes:
    """Edit the .goals database through SQL: values of the wrong type, rows dropped or
    doubled, parents pointing nowhere or in a loop (the schema itself stays ours)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "m.goals"
        path.write_bytes(data)
        db = sqlite3.connect(path)
        try:
            tables = ("document", "goal_table", "level1", "level2", "indicator")
            for _ in range(rng.randint(1, 4)):
                table = rng.choice(tables)
                columns = [row[1] for row in db.execute(f"PRAGMA table_info({table})")]
                rows = [row[0] for row in db.execute(f"SELECT rowid FROM {table}")]
                if not rows:
                    continue
                row = rng.choice(rows)
                op = rng.randrange(5)
                if op < 2:
                    column = rng.choice(columns)
                    value = rng.choice(_SQL_VALUES)
                    db.execute(f"UPDATE {table} SET {column} = {value} WHERE rowid = {row}")
                elif op == 2:
                    db.execute(f"DELETE FROM {table} WHERE rowid = {row}")
                elif op == 3:
                    names = ", ".join(c for c in columns if c != "id")
                    db.execute(
                        f"INSERT INTO {table} ({names}) SELECT {names} FROM {table} "
                        f"WHERE rowid = {row}"
                    )
                else:
                    parent = next((c for c in columns if c.endswith("_id")), None)
                    if parent:
                        value = rng.choice(("id", "99999", "-1", "NULL"))
                        db.execute(f"UPDATE {table} SET {parent} = {value} WHERE rowid = {row}")
            db.commit()
        except sqlite3.Error:
            pass  # a constraint refused the edit: the file is as far as it got
        finally:
            db.close()
        return path.read_bytes()


# ---------------------------------------------------------------------------------- seeds


def _example_document() -> Any:
    from goaleditor.formats.readers.published_text import read as read_text

    return read_text(EXAMPLE)


def _written(writer: Callable[..., None], suffix: str, document: Any | None = None) -> bytes:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"seed{suffix}"
        writer(document or _example_document(), path)
        return path.read_bytes()


def _xlsx_seeds() -> list[bytes]:
    from goaleditor.formats.writers.excel import write

    return [_written(write, ".xlsx"), (FIXTURES / "typed-forms.xlsx").read_bytes()]


def _docx_seeds() -> list[bytes]:
    from goaleditor.formats.writers.word import write

    return [_written(write, ".docx"), (FIXTURES / "word-continued.docx").read_bytes()]


def _pdf_seeds() -> list[bytes]:
    from goaleditor.formats.writers.pdf import write

    document = _example_document()
    document.tables = document.tables[:1]  # one page: each case reads in about a second
    return [_written(write, ".pdf", document)]


def _goals_seeds() -> list[bytes]:
    from goaleditor.model.store import save_document

    return [_written(save_document, ".goals"), (FIXTURES / "v1-example.goals").read_bytes()]


def _json_seeds() -> list[bytes]:
    from goaleditor.formats.canonical_json import dumps

    return [
        dumps(_example_document()).encode(),
        (FIXTURES / "full-shanghai-2026.json").read_bytes(),
    ]


@dataclass(frozen=True)
class Importer:
    """How to make seed files of one format and mutate them structurally."""

    suffix: str
    seeds: Callable[[], list[bytes]]
    mutate: Callable[[random.Random, bytes], bytes]


IMPORTERS: dict[str, Importer] = {
    "xlsx": Importer(
        ".xlsx",
        _xlsx_seeds,
        lambda rng, data: _mutate_package(
            rng,
            data,
            ("xl/worksheets/", "xl/sharedStrings.xml", "xl/styles.xml", "xl/workbook.xml"),
        ),
    ),
    "docx": Importer(
        ".docx",
        _docx_seeds,
        lambda rng, data: _mutate_package(rng, data, ("word/document.xml",)),
    ),
    "ods": Importer(
        ".ods",
        lambda: [
            (FIXTURES / "example-libreoffice.ods").read_bytes(),
            (FIXTURES / "typed-forms-lo.ods").read_bytes(),
        ],
        lambda rng, data: _mutate_package(rng, data, ("content.xml",)),
    ),
    "xls": Importer(
        ".xls",
        lambda: [
            (FIXTURES / "example-libreoffice.xls").read_bytes(),
            (FIXTURES / "typed-forms-lo.xls").read_bytes(),
        ],
        _mutate_xls,
    ),
    "pdf": Importer(".pdf", _pdf_seeds, _mutate_pdf),
    "json": Importer(".json", _json_seeds, _mutate_json),
    "goals": Importer(".goals", _goals_seeds, _mutate_goals),
}


# ---------------------------------------------------------------------------------- running


@contextmanager
def _alarm(seconds: int) -> Iterator[None]:
    """Stop a case that hangs (where signals can reach it)."""

    def ring(_signum: int, _frame: object) -> None:
        raise _Hang

    previous = signal.signal(signal.SIGALRM, ring)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def judge(path: Path) -> tuple[str, float, str]:
    """Read one file: ('document' | 'refused' | 'problem', seconds, what was wrong)."""
    from goaleditor.errors import InputError
    from goaleditor.formats import read_document

    started = time.monotonic()
    try:
        with _alarm(HANG_SECONDS), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            read_document(path, lambda note: None)
        outcome, problem = "document", ""
    except InputError as exc:
        line = str(exc)
        plain = line.replace(path.name, "")
        if not line or "\n" in line:
            outcome, problem = "problem", f"not one line: {line!r}"
        elif "内部错误" in line or ENGLISH.search(plain):
            outcome, problem = "problem", f"not plain Chinese: {line!r}"
        else:
            outcome, problem = "refused", ""
    except _Hang:
        outcome, problem = "problem", f"still running after {HANG_SECONDS} s"
    except Exception as exc:
        frame = traceback.extract_tb(exc.__traceback__)[-1]
        where = f"{Path(frame.filename).name}:{frame.lineno}"
        outcome, problem = "problem", f"{type(exc).__name__} at {where}: {str(exc)[:120]}"
    spent = time.monotonic() - started
    if outcome != "problem" and spent > CASE_SECONDS:
        outcome, problem = "problem", f"took {spent:.1f} s"
    return outcome, spent, problem


def cases(name: str, runs: int, seed: int) -> Iterator[tuple[int, bytes]]:
    """The mutated files of one importer: (case number, bytes), the same for the same seed."""
    importer = IMPORTERS[name]
    seeds = importer.seeds()
    rng = random.Random(f"{name}-{seed}")
    for number in range(runs):
        yield number, importer.mutate(rng, seeds[number % len(seeds)])


def run(name: str, runs: int, seed: int, keep: Path | None = None) -> Tally:
    """Read runs mutated files of one importer; keep (a folder) receives the failing ones."""
    tally = Tally()
    suffix = IMPORTERS[name].suffix
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"mutated{suffix}"
        for number, data in cases(name, runs, seed):
            path.write_bytes(data)
            outcome, spent, problem = judge(path)
            tally.slowest = max(tally.slowest, spent)
            if outcome == "document":
                tally.documents += 1
            elif outcome == "refused":
                tally.refused += 1
            else:
                tally.problems.append(f"{name} seed {seed} case {number}: {problem}")
                if keep is not None:
                    keep.mkdir(parents=True, exist_ok=True)
                    (keep / f"{name}-{seed}-{number}{suffix}").write_bytes(data)
    return tally


def main(argv: list[str] | None = None) -> int:
    """Run the fuzzing from the command line; exit 1 when any case went wrong."""
    parser = argparse.ArgumentParser(
        prog="python -m tests.fuzz", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--importer", choices=[*IMPORTERS, "all"], default="all")
    parser.add_argument("--runs", type=int, default=500)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", type=Path, help="a folder for the files that went wrong")
    args = parser.parse_args(argv)
    names = list(IMPORTERS) if args.importer == "all" else [args.importer]
    failed = False
    for name in names:
        started = time.monotonic()
        tally = run(name, args.runs, args.seed, args.keep)
        for problem in tally.problems:
            print(problem)
        print(
            f"{name}: {args.runs} runs, {tally.documents} documents, {tally.refused} refused, "
            f"{len(tally.problems)} problems, slowest {tally.slowest:.1f} s, "
            f"{time.monotonic() - started:.0f} s in all",
            flush=True,
        )
        failed = failed or bool(tally.problems)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
