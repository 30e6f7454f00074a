"""Names of a batch export's files: from the documents (单位_项目名称), safe as Windows file
names, never two alike in one folder (letter case aside)."""

from __future__ import annotations

import re
import unicodedata
from pathlib import PurePosixPath

from goaleditor.batch.results import FileResult

MAX_STEM = 80  # characters: the whole path stays within Windows' 260 in most folders
_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]+')
_SPACES = re.compile(r"\s+")
_RESERVED = re.compile(
    r"^(con|prn|aux|nul|conin\$|conout\$|(com|lpt)[\d¹²³])(\..*)?$", re.IGNORECASE
)
# Format characters (a right-to-left override shows "fdp.exe" as "exe.pdf"), lone surrogates
# (no file system encodes them) and line separators: never in a name written.
_HIDDEN = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})


def stem_for(result: FileResult) -> str:
    """单位_项目名称 (…等N个项目 for more tables), else the source file's own name."""
    project = result.project
    if project and result.tables > 1:
        project = f"{project}等{result.tables}个项目"
    parts = [part for part in (result.unit, project) if part]
    stem = safe_stem("_".join(parts))
    return stem or safe_stem(PurePosixPath(result.name).stem) or "文档"


def safe_stem(text: str) -> str:
    """text as a file name's stem on Windows too: no reserved characters or names, no
    trailing dot or space, at most MAX_STEM characters."""
    shown = "".join("_" if unicodedata.category(ch) in _HIDDEN else ch for ch in text)
    stem = _SPACES.sub(" ", _UNSAFE.sub("_", shown)).strip()[:MAX_STEM].rstrip(". ")
    if _RESERVED.match(stem):
        stem = f"_{stem}"
    return stem


class Names:
    """Hands out distinct names in one folder: 名称.pdf, 名称（2）.pdf, … ."""

    def __init__(self) -> None:
        self._taken: set[str] = set()
        self._next: dict[str, int] = {}  # per name: the number to try first (all below taken)

    def reserve(self, name: str) -> None:
        """Never hand out name (a file the run writes there itself, as the summary)."""
        self._taken.add(name.lower())

    def take(self, stem: str, suffix: str) -> str:
        """A name not handed out before in this run."""
        first = f"{stem}{suffix}"
        name, number = first, self._next.get(first.lower(), 2)
        if name.lower() in self._taken:
            name = f"{stem}（{number}）{suffix}"
        while name.lower() in self._taken:
            number += 1
            name = f"{stem}（{number}）{suffix}"
        if name != first:
            self._next[first.lower()] = number + 1
        self._taken.add(name.lower())
        return name
