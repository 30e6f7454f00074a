"""Reading an untrusted file within bounds, for every reader: size caps, zip-bomb and DTD
checks, a deadline, and damage as one plain line."""

from __future__ import annotations

import time
import warnings
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, Any
from xml.etree.ElementTree import ParseError

from goaleditor.errors import InputError, os_error_reason, technical
from goaleditor.formats.notes import ImportNote

MAX_SECONDS = 60.0  # a 1000-table workbook reads in a few seconds
MAX_EMPTY_ROWS = 1_000  # a gap this long ends a sheet (dimension padding costs nothing then)
MAX_UNCOMPRESSED = 200 * 1024 * 1024  # a real goal-table workbook is a few MB at most
# A workbook of limits.MAX_TABLES tables has a sheet part each, a 目录 and about ten parts more.
MAX_MEMBERS = 10_100
MAX_PART = 100 * 1024 * 1024  # one sheet or the shared strings, uncompressed (a 25 MB xlsx
# of long text has a sheet of ~90 MB; the sheet is streamed, only its values are kept)
_PROLOG_BYTES = 64 * 1024  # a DTD comes before the root element
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # an OLE2 compound file (.xls, .doc)


_BEAT_SECONDS = 1.0
_listener: Callable[[], None] | None = None
_last_beat = 0.0


def on_progress(listener: Callable[[], None] | None) -> None:
    """Have listener hear, at most once a second, that a reading moves on (the reading worker
    tells its parent the file is not stuck); None stops it."""
    global _listener, _last_beat
    _listener, _last_beat = listener, 0.0


def progress() -> None:
    """Say that the reading moves on (readers call it where they check their deadline)."""
    global _last_beat
    if _listener is None:
        return
    now = time.monotonic()
    if now - _last_beat >= _BEAT_SECONDS:
        _last_beat = now
        _listener()


class Deadline:
    """The time a file may take to read; check() stops the reading after it."""

    def __init__(
        self,
        source: str,
        seconds: float | None = None,
        what: str = "工作簿",
        *,
        say_seconds: bool = True,
    ) -> None:
        self.source = source
        self.seconds = MAX_SECONDS if seconds is None else seconds
        self.end = time.monotonic() + self.seconds
        self.what = what
        self.say_seconds = say_seconds

    def check(self) -> None:
        """InputError once the time is spent (and, until then, a sign of progress)."""
        progress()
        if time.monotonic() > self.end:
            spent = f"（超过{self.seconds:.0f}秒）" if self.say_seconds else ""
            raise InputError(f"{self.source}：{self.what}过于复杂，读取超时{spent}，已停止")


def cannot_read(path: Path, exc: OSError) -> InputError:
    """The one line for a file the system will not let us read, naming the real cause."""
    reason = os_error_reason(exc, reading=True)
    return InputError(f"无法读取文件 {path}：{reason}", detail=technical(exc))


def read_head(path: Path, count: int) -> tuple[int, bytes]:
    """The file's size and its first count bytes (InputError when it cannot be read)."""
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            return size, handle.read(count)
    except OSError as exc:
        raise cannot_read(path, exc) from None


def check_file_size(name: str, size: int, limit: int, looks_like: str = "") -> None:
    """Refuse a file larger than limit: "文件过大（N MB），不像是{looks_like}"."""
    if size > limit:
        unlike = f"，不像是{looks_like}" if looks_like else ""
        raise InputError(f"{name}：文件过大（{size // 2**20} MB）{unlike}")


def read_capped(path: Path, limit: int, looks_like: str = "") -> bytes:
    """The whole file, refused when larger than limit (see check_file_size)."""
    try:
        check_file_size(path.name, path.stat().st_size, limit, looks_like)
        return path.read_bytes()
    except OSError as exc:
        raise cannot_read(path, exc) from None


def is_compound_file(path: Path) -> bool:
    """An OLE2 compound file: an Excel 97-2003 workbook, a Word 97-2003 document, or an
    Office file with a password."""
    try:
        with path.open("rb") as handle:
            return handle.read(8) == OLE_MAGIC
    except OSError:
        return False


def open_zip(path: Path, what: str) -> zipfile.ZipFile:
    """The file as a zip package; "文件已损坏：不是有效的{what}" when it is none."""
    try:
        return zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise InputError(f"{path.name}：文件已损坏：不是有效的{what}") from None


def check_member_count(name: str, members: list[zipfile.ZipInfo], what: str = "文件") -> None:
    """Refuse a zip of more than MAX_MEMBERS parts: "{what}结构异常（N个部件）"."""
    if len(members) > MAX_MEMBERS:
        raise InputError(f"{name}：{what}结构异常（{len(members)}个部件），已拒绝读取")


def unpacked_too_large(name: str, size: int | None = None) -> InputError:
    """The one line for a zip whose parts are too large once uncompressed (a zip bomb)."""
    shown = f"（{size // 2**20} MB）" if size is not None else ""
    return InputError(f"{name}：解压后过大{shown}，可能是恶意文件，已拒绝读取")


def unreadable(source: str, exc: BaseException, what: str) -> InputError:
    """The one line for a part that failed to parse: too large, or damaged (saying how)."""
    if isinstance(exc, MemoryError):
        return InputError(f"{source}：文件过大，无法读取", detail=technical(exc))
    return InputError(
        f"{source}：文件已损坏：{what}无法读取（{damage_kind(exc)}）", detail=technical(exc)
    )


def damage_kind(exc: BaseException) -> str:
    """What a parsing exception means for the clerk, in a few words (never its class)."""
    if type(exc).__module__.startswith("defusedxml") or isinstance(exc, UnsafeXml):
        return "含有不安全的XML内容（实体或外部引用）"
    if isinstance(exc, ParseError | SyntaxError):  # lxml's XMLSyntaxError is a SyntaxError
        return "XML格式错误"
    if isinstance(exc, zipfile.BadZipFile | zlib.error | EOFError):
        return "压缩数据无效，文件可能不完整"
    if isinstance(exc, NotImplementedError):
        return "使用了不支持的功能或压缩方式"
    if isinstance(exc, KeyError):
        return "缺少必需的组成部分"
    if isinstance(exc, UnicodeError):
        return "文字编码无效"
    if isinstance(exc, OverflowError):
        return "数值超出范围"
    if isinstance(exc, RecursionError):
        return "嵌套层次过深"
    if isinstance(exc, OSError):
        return os_error_reason(exc, reading=True)
    return "内容不符合文件格式"


def check_container(path: Path) -> None:
    """Refuse at once what is not a zip workbook at all, naming what it is."""
    _, magic = read_head(path, 8)
    if magic == OLE_MAGIC:
        raise InputError(_ole_refusal(path, _ole_streams(path)))


def is_old_workbook(path: Path) -> bool:
    """True when a file is an Excel 97-2003 workbook (an OLE2 file that holds a Workbook
    stream, no password), to be read as .xls whatever its name."""
    if not is_compound_file(path):
        return False
    streams = _ole_streams(path)
    return bool(streams & {"Workbook", "Book"}) and not streams & _ENCRYPTED


_ENCRYPTED = {"EncryptionInfo", "EncryptedPackage"}


def _ole_streams(path: Path) -> set[str]:
    """The stream names in an OLE2 compound file (empty when it cannot be read)."""
    import io

    from xlrd.compdoc import CompDoc

    try:
        if path.stat().st_size > MAX_PART:
            return set()
        return {entry.name for entry in CompDoc(path.read_bytes(), logfile=io.StringIO()).dirlist}
    except Exception:  # a damaged compound file: nothing can be said about it
        return set()


def _ole_refusal(path: Path, streams: set[str]) -> str:
    """Why an OLE2 file named .xlsx cannot be read, as the clerk can act on it."""
    if streams & _ENCRYPTED:
        return f"{path.name}：工作簿设有打开密码（已加密），请在Excel中取消密码后再导入"
    if "WordDocument" in streams:
        return (
            f"{path.name}：这是旧版Word文档（.doc），不是Excel工作簿，请在Word中另存为.docx后再导入"
        )
    return (
        f"{path.name}：工作簿设有打开密码（已加密）或是旧版Office文件，"
        "请在Excel中取消密码或另存为.xlsx后再导入"
    )


def check_sizes(name: str, members: list[zipfile.ZipInfo]) -> None:
    """Refuse a zip of too many parts, or too large once uncompressed, whole or in one part."""
    check_member_count(name, members, "工作簿")
    total = sum(member.file_size for member in members)
    if total > MAX_UNCOMPRESSED:
        raise unpacked_too_large(name, total)
    for member in members:
        if member.file_size > MAX_PART:
            raise InputError(
                f"{name}：文件已损坏或被恶意构造：部件 {member.filename[:80]} "
                f"解压后过大（{member.file_size // 2**20} MB），已拒绝读取"
            )


_OTHER_PACKAGES = {
    "word/document.xml": "这是Word文档（.docx），不是Excel工作簿，请把扩展名改为.docx后再导入",
    "ppt/presentation.xml": "这是PowerPoint演示文稿，不是Excel工作簿",
    "content.xml": "这是OpenDocument文件，不是Excel工作簿，请把扩展名改为.ods（表格）后再导入",
}


def check_kind(name: str, parts: set[str]) -> None:
    """Refuse, in one line naming what it is, a zip that is some other kind of document."""
    if "xl/workbook.xml" in parts or any(p.endswith("/workbook.xml") for p in parts):
        return
    for part, message in _OTHER_PACKAGES.items():
        if part in parts:
            raise InputError(f"{name}：{message}")


def check_no_dtd(name: str, archive: zipfile.ZipFile) -> None:
    """Refuse any part that declares a DTD or entities: OOXML has none, so one is an attack
    (billion laughs, external entities), whichever XML parser openpyxl picks for the part."""
    for member in archive.infolist():
        if not member.filename.lower().endswith((".xml", ".rels", ".vml")):
            continue
        with archive.open(member) as handle:
            head = handle.read(_PROLOG_BYTES).replace(b"\x00", b"").upper()
        if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
            raise InputError(
                f"{name}：部件 {member.filename[:80]} 含有不安全的XML内容"
                "（DTD或实体定义），已拒绝读取"
            )


class UnsafeXml(ValueError):
    """A part that declares a DTD or entities: OOXML has none, so one is an attack."""


# lxml hardened (defusedxml.lxml is deprecated): no entity is expanded, nothing is loaded from
# a DTD or the network, libxml2 keeps its caps on depth (256) and on one text's size (10 MB).
_HARDENED = {
    "resolve_entities": False,
    "no_network": True,
    "load_dtd": False,
    "dtd_validation": False,
    "huge_tree": False,
    "remove_comments": True,  # as ElementTree: comments and PIs are no content
    "remove_pis": True,
}
_XML_CHUNK = 1 << 16


def _refuse_doctype(head: bytes, tree: Any = None) -> None:
    """UnsafeXml when the prolog or the parsed tree has a DOCTYPE (entities come with one)."""
    prolog = head[:_PROLOG_BYTES].replace(b"\x00", b"").upper()
    if b"<!DOCTYPE" in prolog or b"<!ENTITY" in prolog:
        raise UnsafeXml("DTD or entity declaration")
    if tree is not None and tree.docinfo.doctype:
        raise UnsafeXml("DTD")


def parse_xml(data: bytes) -> Any:
    """The root of a small XML part, parsed by hardened lxml; UnsafeXml for a DTD."""
    from lxml import etree

    _refuse_doctype(data)
    root = etree.fromstring(data, etree.XMLParser(**_HARDENED))
    _refuse_doctype(b"", root.getroottree())
    return root


def xml_ends(handle: IO[bytes], tags: Iterable[str], source: str, what: str) -> Iterator[Any]:
    """The elements of a streamed XML part with one of tags, each as it ends (complete), by
    hardened lxml; damage or a DTD is one line (see unreadable). The caller frees what it
    has read (clear()), so memory follows one element, not the part."""
    from lxml import etree

    parser = etree.XMLPullParser(events=("end",), tag=list(tags), **_HARDENED)
    checked = False
    try:
        chunk = handle.read(_XML_CHUNK)
        _refuse_doctype(chunk)
        while chunk:
            progress()  # a large part takes seconds: the reading worker hears it moves on
            parser.feed(chunk)
            for _, element in parser.read_events():
                if not checked:  # the DOCTYPE, if any, came before the first element
                    _refuse_doctype(b"", element.getroottree())
                    checked = True
                yield element
            chunk = handle.read(_XML_CHUNK)
        root = parser.close()
        _refuse_doctype(b"", root.getroottree())
        for _, element in parser.read_events():
            yield element
    except DAMAGE as exc:  # UnsafeXml is a ValueError
        raise unreadable(source, _first_cause(exc, handle), what) from None


def _first_cause(exc: BaseException, handle: IO[bytes]) -> BaseException:
    """A syntax error in a streamed part, or what made it: damaged compressed data, found
    (as reading the part whole found it) once the rest is read."""
    if not isinstance(exc, SyntaxError):
        return exc
    try:
        while handle.read(_XML_CHUNK):
            pass
    except DAMAGE as cause:
        return cause
    return exc


def damaged(source: str, exc: BaseException, part: str = "") -> InputError:
    """One line a clerk understands for an exception raised while parsing a workbook."""
    return InputError(_damaged_line(source, exc, part), detail=technical(exc))


def _damaged_line(source: str, exc: BaseException, part: str) -> str:
    where = f"工作表“{part}”" if part else "工作簿"
    if isinstance(exc, ParseError | SyntaxError):  # lxml's XMLSyntaxError is a SyntaxError
        return f"{source}：文件已损坏：{where}的XML格式错误，无法读取"
    if type(exc).__module__.startswith("defusedxml"):
        return f"{source}：{where}含有不安全的XML内容（实体或外部引用），已拒绝读取"
    if isinstance(exc, zipfile.BadZipFile | zlib.error | EOFError):
        return f"{source}：文件已损坏：压缩数据无效（文件可能不完整）"
    if isinstance(exc, NotImplementedError):
        return f"{source}：文件已损坏：使用了不支持的压缩方式"
    if isinstance(exc, RuntimeError) and "encrypt" in str(exc).lower():
        return f"{source}：工作簿的部件已加密，无法读取"
    if isinstance(exc, KeyError):
        return f"{source}：文件已损坏：缺少{where}的组成部分"
    if isinstance(exc, MemoryError):
        return f"{source}：工作簿过大，内存不足，已停止读取"
    if isinstance(exc, OSError):  # the system's refusal, or (no errno) openpyxl's complaint
        if exc.errno:
            return f"无法读取文件 {source}：{os_error_reason(exc, reading=True)}"
        return f"{source}：文件已损坏：缺少{where}的组成部分"
    return f"{source}：文件已损坏：{where}的内容无效（{damage_kind(exc)}）"


# What parsing a damaged workbook can raise; anything else is a bug and stays one.
DAMAGE: tuple[type[BaseException], ...] = (
    ParseError,
    SyntaxError,
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    NotImplementedError,
    RuntimeError,
    KeyError,
    ValueError,
    TypeError,
    IndexError,
    AttributeError,
    OverflowError,
    MemoryError,
    UnicodeError,
    AssertionError,
    OSError,  # openpyxl: "File contains no valid workbook part"
)


def library_notes(caught: list[warnings.WarningMessage]) -> list[ImportNote]:
    """The library warnings a clerk should hear about, as import notes (the rest dropped)."""
    notes = []
    for warning in caught:
        text = str(warning.message)
        if "date" in text and ("limit" in text or "outside" in text):
            notes.append("工作簿中有日期单元格的值超出范围，已读作空白")
        elif "Duplicate name" in text:
            notes.append("工作簿的压缩包中有重名部件，只读取了其中一个")
    return [ImportNote(note) for note in dict.fromkeys(notes)]
