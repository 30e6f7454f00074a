"""Reading an untrusted workbook within bounds: damage as one plain line, caps, a deadline."""

from __future__ import annotations

import time
import warnings
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import ParseError

from goaleditor.errors import InputError

MAX_SECONDS = 60.0  # a 1000-table workbook reads in a few seconds
MAX_EMPTY_ROWS = 1_000  # a gap this long ends a sheet (dimension padding costs nothing then)
MAX_PART = 64 * 1024 * 1024  # one sheet or the shared strings, uncompressed
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


class Deadline:
    """The time a workbook may take to read; check() stops the reading after it."""

    def __init__(self, source: str, seconds: float = MAX_SECONDS) -> None:
        self.source = source
        self.seconds = seconds
        self.end = time.monotonic() + seconds

    def check(self) -> None:
        """InputError once the time is spent."""
        if time.monotonic() > self.end:
            raise InputError(
                f"{self.source}：工作簿过于复杂，读取超时（超过{self.seconds:.0f}秒），已停止"
            )


def check_container(path: Path) -> None:
    """Refuse at once what is not a zip workbook at all, naming what it is."""
    try:
        with path.open("rb") as handle:
            magic = handle.read(8)
    except OSError as exc:
        raise InputError(f"无法读取文件 {path}：{exc.strerror or exc}") from None
    if magic == _OLE_MAGIC:
        raise InputError(
            f"{path.name}：工作簿设有打开密码（已加密）或是旧版.xls格式，"
            "请在Excel中取消密码或另存为.xlsx后再导入"
        )


def check_parts(name: str, members: list[zipfile.ZipInfo]) -> None:
    """One part too large to be a goal table's sheet or strings is refused."""
    for member in members:
        if member.file_size > MAX_PART:
            raise InputError(
                f"{name}：文件已损坏或被恶意构造：部件 {member.filename[:80]} "
                f"解压后过大（{member.file_size // 2**20} MB），已拒绝读取"
            )


def damaged(source: str, exc: BaseException, part: str = "") -> InputError:
    """One line a clerk understands for an exception raised while parsing a workbook."""
    where = f"工作表“{part}”" if part else "工作簿"
    if isinstance(exc, ParseError):
        return InputError(f"{source}：文件已损坏：{where}的XML格式错误，无法读取")
    if type(exc).__module__.startswith("defusedxml"):
        return InputError(f"{source}：{where}含有不安全的XML内容（实体或外部引用），已拒绝读取")
    if isinstance(exc, zipfile.BadZipFile | zlib.error | EOFError):
        return InputError(f"{source}：文件已损坏：压缩数据无效（文件可能不完整）")
    if isinstance(exc, NotImplementedError):
        return InputError(f"{source}：文件已损坏：使用了不支持的压缩方式")
    if isinstance(exc, RuntimeError) and "encrypt" in str(exc).lower():
        return InputError(f"{source}：工作簿的部件已加密，无法读取")
    if isinstance(exc, KeyError):
        return InputError(f"{source}：文件已损坏：缺少{where}的组成部分")
    if isinstance(exc, MemoryError):
        return InputError(f"{source}：工作簿过大，内存不足，已停止读取")
    return InputError(f"{source}：文件已损坏：{where}的内容无效（{type(exc).__name__}）")


# What parsing a damaged workbook can raise; anything else is a bug and stays one.
DAMAGE: tuple[type[BaseException], ...] = (
    ParseError,
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
)


class BoundedSheet:
    """A read-only sheet whose rows stop at the real content: the dimension it claims is
    ignored, a run of MAX_EMPTY_ROWS empty rows ends it, and the deadline is checked."""

    def __init__(self, sheet: Any, deadline: Deadline, notes: list[str]) -> None:
        self.sheet = sheet
        self.title = sheet.title
        self.deadline = deadline
        self.notes = notes

    def iter_rows(self, **options: Any) -> Iterator[tuple[Any, ...]]:
        """The sheet's rows as openpyxl gives them, within the bounds."""
        self.sheet.reset_dimensions()  # "A1:XFD1048576" would pad every sheet to a million rows
        empty = 0
        try:
            for number, row in enumerate(self.sheet.iter_rows(**options), start=1):
                if number % 256 == 0:
                    self.deadline.check()
                if any(value is not None and value != "" for value in row):
                    if empty > MAX_EMPTY_ROWS:
                        self.notes.append(
                            f"工作表“{self.title}”第{number}行起的内容在{empty}个空行之后，已忽略"
                        )
                        return
                    empty = 0
                else:
                    empty += 1
                if empty <= MAX_EMPTY_ROWS:
                    yield row
        except InputError:
            raise
        except DAMAGE as exc:
            raise damaged(self.deadline.source, exc, self.title) from None


def library_notes(caught: list[warnings.WarningMessage]) -> list[str]:
    """The library warnings a clerk should hear about, as import notes (the rest dropped)."""
    notes = []
    for warning in caught:
        text = str(warning.message)
        if "date" in text and ("limit" in text or "outside" in text):
            notes.append("工作簿中有日期单元格的值超出范围，已读作空白")
        elif "Duplicate name" in text:
            notes.append("工作簿的压缩包中有重名部件，只读取了其中一个")
    return list(dict.fromkeys(notes))
