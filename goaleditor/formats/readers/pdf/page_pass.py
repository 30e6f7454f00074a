"""One pass over a PDF's pages: the look for goal-table pages and the reading of them, each
page loaded by PDFium once.

The reader reads the pages from the first naming a goal-table label to the last (and a few
before the first, for the document's title), then those after the last that go on with its
table. Which page is the last is known only at the end, so the pages from the first on are
read as they come, while their page and text page are loaded for the look anyway; the reading
pauses at a page past the last label seen that does not go on with the table, and goes back
to the page after it if a later page names a label. So the same pages are read in the same
order, with the same notes, as by a look at every page followed by a reading. What the look
refuses (no text, no goal table) is said before a page that could not be read.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from goaleditor.errors import InputError
from goaleditor.formats.notes import ImportNote
from goaleditor.formats.readers import guard
from goaleditor.formats.readers.pdf import page_source
from goaleditor.formats.readers.pdf.chain import Placed, continues, name_row
from goaleditor.formats.readers.pdf.horizontal_rules import Carry
from goaleditor.formats.readers.pdf.pdfium_page import TooManyObjects
from goaleditor.formats.readers.pdf.radicals import ideographs
from goaleditor.formats.readers.pdf.unmapped import UNMAPPED_MESSAGE, UNMAPPED_SHARE, unmapped_share

BlocksOf = Callable[[Any, int, list[ImportNote], Carry], list[Any]]  # reader._page_blocks

_MARKERS = ("项目名称", "绩效目标")
_SPACE_RE = re.compile(r"\s+")


def read_pages(
    path: Path,
    limits: tuple[int, int],
    deadline: guard.Deadline,
    notes: list[ImportNote],
    blocks_of: BlocksOf,
) -> tuple[list[Placed], dict[str, str]]:
    """The blocks of the pages read (page, is a table, rows, extent), and the metadata.
    limits: the most pages and objects the file may have."""
    import pypdfium2 as pdfium

    most_pages, most_objects = limits
    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise InputError(f"{path.name}：PDF已加密，请先去掉密码再导入") from None
        raise InputError(f"{path.name}：文件已损坏：无法打开PDF") from None
    reading = _Reading(path, most_objects, deadline, notes, blocks_of)
    try:
        count = len(pdf)
        if count > most_pages:
            raise InputError(f"{path.name}：PDF页数过多（{count}页），已拒绝读取")
        metadata = {k: str(v) for k, v in pdf.get_metadata_dict(skip_empty=True).items()}
        chars = 0
        unmapped = 0.0  # the largest share of glyphs without Unicode on a page
        for index in range(count):
            deadline.check()
            page = pdf[index]
            textpage = None
            try:
                textpage = page.get_textpage()
                text = textpage.get_text_range()
                chars += len(text.strip())
                unmapped = max(unmapped, unmapped_share(text))
                squeezed = ideographs(_SPACE_RE.sub("", text))
                marked = "一级指标" in squeezed or all(m in squeezed for m in _MARKERS)
            except Exception:
                _close((page, textpage))
                raise
            if reading.wants(index, marked):
                reading.page(index, marked, (page, textpage))  # closes them
            else:
                _close((page, textpage))
    except InputError:
        raise
    except Exception:
        raise InputError(f"{path.name}：文件已损坏：无法读取PDF页面") from None
    finally:
        reading.close()
        with contextlib.suppress(Exception):  # a damaged page tree fails again here
            pdf.close()
    if chars == 0:
        raise InputError(f"{path.name}：PDF中没有文字（可能是扫描件或图片），无法导入")
    if reading.first is None and unmapped > UNMAPPED_SHARE:
        raise InputError(f"{path.name}：{UNMAPPED_MESSAGE}")
    if reading.first is None:
        raise InputError(f"{path.name}：PDF中没有找到绩效目标表（需要“项目名称”和“一级指标”表头）")
    if reading.error is not None:
        raise reading.error
    return reading.placed, metadata


class _Reading:
    """The pages read so far, in the reader's order, and where the reading stands."""

    def __init__(
        self,
        path: Path,
        most_objects: int,
        deadline: guard.Deadline,
        notes: list[ImportNote],
        blocks_of: BlocksOf,
    ) -> None:
        self.path, self.most_objects = path, most_objects
        self.deadline, self.notes, self.blocks_of = deadline, notes, blocks_of
        self.placed: list[Placed] = []
        self.error: InputError | None = None  # said once the look has found goal tables
        self.first: int | None = None  # the first page naming a goal-table label
        self.last = -1  # the last such page seen so far
        self.paused_at: int | None = None  # the page to go on from, if a later page is marked
        self.pages: Any = None
        self.extent: Any = None  # of the last table read
        self.named: list[str] | None = None  # its 项目名称 row (a repeated one goes on with it)
        self.carry = Carry()  # the columns of a table without vertical lines

    def wants(self, index: int, marked: bool) -> bool:
        """Whether the page at index is read now (its loaded page is handed over then)."""
        if self.error is not None:
            return False
        if self.first is None:
            return marked
        return self.paused_at is None or marked

    def page(self, index: int, marked: bool, loaded: tuple[Any, Any]) -> None:
        """Read the page at index (after the pages it needs read before it)."""
        if marked:
            self.last = index
        if self.first is None:
            self.first = index
            if not self._open():
                _close(loaded)
                return
            # the cover and the last pages before the table (at most a 目录): for the title
            for before in sorted({0, *range(max(0, index - 3), index)} - {index}):
                if not self._read(before, None):
                    _close(loaded)
                    return
        elif self.paused_at is not None:
            for between in range(self.paused_at, index):
                if not self._read(between, None):
                    _close(loaded)
                    return
            self.paused_at = None
        self._read(index, loaded)

    def _open(self) -> bool:
        path = self.path
        try:
            self.pages = page_source.open_pages(path, self.most_objects)
        except page_source.Encrypted:
            self.error = InputError(f"{path.name}：PDF已加密，请先去掉密码再导入")
            return False
        except Exception as exc:
            kind = guard.damage_kind(exc)
            self.error = InputError(f"{path.name}：文件已损坏：无法打开PDF（{kind}）")
            return False
        try:
            objects = self.pages.object_count()
        except Exception as exc:
            kind = guard.damage_kind(exc)
            self.error = InputError(f"{path.name}：文件已损坏：无法读取PDF（{kind}）")
            return False
        if objects > self.most_objects:
            self.error = InputError(f"{path.name}：PDF结构异常（{objects}个对象），已拒绝读取")
            return False
        return True

    def _read(self, index: int, loaded: tuple[Any, Any] | None) -> bool:
        """Read one page (loaded: its PDFium page and text page, closed here); False once
        the reading has failed."""
        path = self.path
        try:
            self.deadline.check()
        except InputError:
            if loaded is not None:
                _close(loaded)
            raise
        try:
            if loaded is not None and hasattr(self.pages, "read"):
                page = self.pages.read(index, *loaded)
            else:
                page = self.pages.page(index)
            try:
                found = self.blocks_of(page, index + 1, self.notes, self.carry)
            except InputError as exc:  # a table that cannot be read right
                raise InputError(f"{path.name}：{exc}", exc.kind) from None
            finally:
                page.close()
        except InputError as exc:
            self.error = exc
        except (MemoryError, TooManyObjects):
            self.error = InputError(f"{path.name}：PDF过于复杂，无法读取")
        except Exception as exc:
            kind = guard.damage_kind(exc)
            self.error = InputError(f"{path.name}：文件已损坏：第{index + 1}页无法读取（{kind}）")
        finally:
            if loaded is not None:
                _close(loaded)
        if self.error is not None:
            return False
        self.placed += [(index + 1, t, r, e) for t, r, e in found]
        if index > self.last and not continues(found, self.extent, self.named):
            self.paused_at = index + 1  # this page is read still: a table on it is said unread
        self.extent = next((e for _, _, e in reversed(found) if e), self.extent)
        self.named = name_row(found) or self.named
        return True

    def close(self) -> None:
        """Close the pages read."""
        if self.pages is not None:
            with contextlib.suppress(Exception):
                self.pages.close()


def _close(loaded: tuple[Any, Any]) -> None:
    page, textpage = loaded
    with contextlib.suppress(Exception):
        if textpage is not None:
            textpage.close()
    with contextlib.suppress(Exception):
        page.close()
