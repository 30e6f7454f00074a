"""Errors that carry one line a user understands, and the escaping that keeps them one line."""

from __future__ import annotations

import errno
import re
import unicodedata
from enum import Enum

# Controls, format characters (bidi overrides, isolates), line/paragraph separators, lone
# surrogates: none may reach a terminal or a dialog raw (escape sequences, fake lines).
_HIDDEN = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})


def printable(text: str) -> str:
    """text as one safe line: hidden characters shown as \\xNN, \\uNNNN or \\UNNNNNNNN."""
    return "".join(
        ascii(ch)[1:-1] if unicodedata.category(ch) in _HIDDEN else ch for ch in str(text)
    )


class RefusalKind(Enum):
    """Why an input is refused, where code must tell refusals apart (not by their text)."""

    GENERAL = "general"  # any other refusal: its line says why
    NOT_A_GOAL_TABLE = "not_a_goal_table"  # read, but no goal table in it
    HEADER_MISSING = "header_missing"  # a goal table whose header lacks 三级指标 or 指标值
    SLICED_TABLE = "sliced_table"  # a wide table printed in slices on several pages
    PARSER_FAILED = "parser_failed"  # the reading process died (crash, abort, memory)
    TOO_SLOW = "too_slow"  # still reading at the deadline: stopped


class InputError(Exception):
    """An input that cannot be read; str() is a single line in Chinese for the user.

    Control characters in the message (a hostile file or table name) are escaped here,
    so whoever prints it prints one line. kind tells refusals apart for the code; detail
    keeps the technical cause (an exception's class and text), never shown to the clerk.
    """

    def __init__(
        self, message: str = "", kind: RefusalKind = RefusalKind.GENERAL, *, detail: str = ""
    ) -> None:
        super().__init__(printable(str(message)))
        self.kind = kind
        self.detail = detail  # the technical cause, for a developer (GOALEDITOR_DEBUG=1)


# errno -> why a file could not be written or read, in a few words for the clerk. Never the
# system's own text: it is English (or the locale's), and names no cause a clerk acts on.
_OS_REASONS = {
    errno.EACCES: "没有{action}权限",
    errno.EPERM: "没有{action}权限",
    errno.ENOSPC: "磁盘已满",
    errno.EDQUOT: "磁盘已满（超出磁盘配额）",
    errno.EFBIG: "文件过大，磁盘或文件系统放不下",
    errno.ENOENT: "路径不存在",
    errno.ENOTDIR: "路径不存在（其中一级不是文件夹）",
    errno.EBUSY: "文件被其他程序占用",
    errno.ETXTBSY: "文件被其他程序占用",
    errno.EROFS: "只读的磁盘，不能写入",
    errno.ENAMETOOLONG: "路径过长",
    errno.EIO: "磁盘读写错误（磁盘或网络驱动器出错）",
    errno.EISDIR: "目标是一个文件夹",
    errno.EEXIST: "文件已存在",
    errno.ELOOP: "路径中的链接过多（可能循环）",
    errno.EMLINK: "文件的链接过多",
    errno.EINTR: "操作被中断，请重试",
    errno.EAGAIN: "文件暂时无法访问，请稍后重试",
    errno.EINVAL: "文件名或路径无效",
    errno.ETIMEDOUT: "网络驱动器连接超时",
    errno.ESTALE: "网络驱动器上的文件已失效，请重新打开文件夹",
    errno.ENXIO: "设备不存在或未连接",
    errno.ENODEV: "设备不存在或未连接",
}
# Windows error codes that say more than the errno Python maps them to (EACCES).
_WINDOWS_REASONS = {
    32: "文件被其他程序占用",  # ERROR_SHARING_VIOLATION
    33: "文件被其他程序占用（部分内容已锁定）",  # ERROR_LOCK_VIOLATION
    112: "磁盘已满",  # ERROR_DISK_FULL
    206: "路径过长",  # ERROR_FILENAME_EXCED_RANGE
}
_OURS = re.compile(r"[\u4e00-\u9fff]")  # a reason we wrote ourselves is Chinese


def technical(exc: BaseException) -> str:
    """An exception's class and text, for the detail a developer reads (never the clerk)."""
    return f"{type(exc).__module__}.{type(exc).__qualname__}: {exc}"[:2000]


def said_in_chinese(exc: BaseException) -> str | None:
    """The exception's own text when goaleditor wrote it for the clerk (Chinese), else None."""
    text = str(exc)
    return printable(text) if _OURS.search(text) else None


def os_error_reason(exc: OSError, *, reading: bool = False) -> str:
    """Why a file operation failed, in a few Chinese words: its real cause, by errno.

    A reason goaleditor raised itself (in Chinese) is kept; the system's text never shows.
    """
    winerror = getattr(exc, "winerror", None)
    if winerror in _WINDOWS_REASONS:
        return _WINDOWS_REASONS[winerror]
    if exc.strerror and _OURS.search(exc.strerror):
        return printable(exc.strerror)
    reason = _OS_REASONS.get(exc.errno or 0)
    if reason is not None:
        return reason.format(action="读取" if reading else "写入")
    return f"系统错误（错误码 {exc.errno}）" if exc.errno else "系统错误"


def io_failure(exc: OSError, *, reading: bool = False) -> str:
    """One line for a failed read or write: the file it was about and why."""
    target = printable(str(exc.filename or ""))
    reason = os_error_reason(exc, reading=reading)
    verb = "读取" if reading else "写入"
    return f"无法{verb} {target}：{reason}" if target else f"文件操作失败：{reason}"
