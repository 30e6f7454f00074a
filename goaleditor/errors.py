"""Errors that carry one line a user understands, and the escaping that keeps them one line."""

from __future__ import annotations

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
    so whoever prints it prints one line. kind tells refusals apart for the code.
    """

    def __init__(self, message: str = "", kind: RefusalKind = RefusalKind.GENERAL) -> None:
        super().__init__(printable(str(message)))
        self.kind = kind


# errno -> why a file could not be written or read, in a few words for the clerk.
_OS_REASONS = {
    2: "文件夹不存在",
    5: "磁盘读写错误",
    13: "没有写入权限",
    21: "目标是一个文件夹",
    27: "文件过大或磁盘配额已满",
    28: "磁盘空间不足",
    30: "只读文件系统",
    36: "文件名过长",
    122: "磁盘配额已满",
}


def os_error_reason(exc: OSError) -> str:
    """Why a file operation failed, in a few Chinese words (the system's text otherwise)."""
    return printable(_OS_REASONS.get(exc.errno or 0, exc.strerror or str(exc)))
