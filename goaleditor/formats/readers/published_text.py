"""Import of published documents as plain text (one cell a line, rows split by blank lines)."""

from __future__ import annotations

import codecs
import re
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from goaleditor.errors import InputError
from goaleditor.formats.notes import ImportNote, Warn
from goaleditor.formats.readers import guard
from goaleditor.formats.readers.tables.cell_text import collapse_blanks
from goaleditor.model.document import Document, GoalTable, Indicator
from goaleditor.model.frameworks import detect_framework
from goaleditor.model.money import MoneyError, parse_money
from goaleditor.model.values import TargetValue, read_written, worded_note

MAX_BYTES = 64 * 1024 * 1024

_TITLE_RE = re.compile(r"^(?:(\d+)\s*[.．、]\s*)?(.+?)\s*绩效目标表\s*$")
_AGENCY_RE = re.compile(r"^(\d{3,})\s*(\S.*)$")
_UNIT_RE = re.compile(r"^(?:金额)?单位\s*[:：]\s*(万元|元)$")
# A 目录 entry's end read backwards (page number, dots or blanks): linear from the end.
_TOC_TAIL_REVERSED_RE = re.compile(r"\d+[.…·．\s]{2}")
_YEAR_RE = re.compile(r"((?:19|20)\d\d)\s*年")
_HEADER = ("一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值")
_LABEL_PROJECT = "项目名称"
_LABEL_BUDGET_BLOCK = "预算规模及资金用途"
_LABEL_TOTAL = "预算数"
_LABELS_FISCAL = ("其中：财政资金", "其中:财政资金", "财政资金")
_LABEL_OTHER = "其他资金"
_LABELS_GOAL = ("绩效目标", "年度绩效目标")


@dataclass(frozen=True, slots=True)
class _Cell:
    line: int  # 1-based line number in the file
    text: str  # the cell's text, stripped
    block: int  # rows are blocks of cells separated by empty lines

    @property
    def label(self) -> str:
        return re.sub(r"\s+", "", self.text)


def read(path: Path, warn: Warn | None = None) -> Document:
    """Read a published-text file (UTF-8 or GBK/GB18030); what was read by a guess is said
    through warn."""
    raw = guard.read_capped(path, MAX_BYTES, "绩效目标表文本")
    return parse(decode(raw, path.name), path.name, warn)


def decode(raw: bytes, source: str) -> str:
    """Decode UTF-8 (with or without BOM), UTF-16 with its BOM (Windows Notepad's "Unicode"),
    else GB18030 (a superset of GBK and GB2312)."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            raise InputError(f"{source}：文字编码有误（UTF-16文件已损坏）") from None
    if b"\x00" in raw:
        raise InputError(f"{source}：不是文本文件（含有二进制数据）")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise InputError(f"{source}：无法识别的文字编码（应为UTF-8或GBK/GB18030）")


def parse(text: str, source: str = "文本", warn: Warn | None = None) -> Document:
    """Parse the published layout into a Document; InputError names the line at fault.
    A 指标值 in words (98%以上, 不低于95%) is read as comparator + value + unit, said once."""
    lines = [
        collapse_blanks(line) for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    ]
    starts = _table_starts(lines)
    if not starts:
        first = next(((i, s.strip()) for i, s in enumerate(lines, 1) if s.strip()), None)
        if first is None:
            raise InputError(f"{source}：文件是空的，应为绩效目标表文本")
        raise InputError(
            f"{source} 第{first[0]}行：应为表题（如“1.XXX项目绩效目标表”）及其“项目名称”，"
            f"实际为“{_clip(first[1])}”"
        )
    document = Document(title=_document_title(lines[: starts[0]]))
    agency: tuple[str, str] | None = None
    worded: list[tuple[str, TargetValue]] = []
    for n, start in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(lines)
        parsed = _TableParser(lines, start, end, source, worded).parse()
        document.tables.append(parsed.table)
        parsed.table.document = document
        agency = agency or parsed.agency
    if agency:
        document.agency_code, document.agency_name = agency
    document.year = _year([lines[s] for s in starts])
    document.framework = detect_framework(
        level1.name for table in document.tables for level1 in table.children
    )
    if worded and warn is not None:
        warn(ImportNote(worded_note(worded)))
    return document


def _title_match(line: str) -> re.Match[str] | None:
    if not line or line[0].isspace():
        return None
    return _TITLE_RE.match(line.replace("*", "").strip())


def _table_starts(lines: list[str]) -> list[int]:
    """Indexes of title lines that are followed by a 项目名称 before the next title."""
    candidates = [i for i, line in enumerate(lines) if _title_match(line)]
    starts = []
    for n, index in enumerate(candidates):
        end = candidates[n + 1] if n + 1 < len(candidates) else len(lines)
        if any(re.sub(r"\s+", "", s) == _LABEL_PROJECT for s in lines[index + 1 : end]):
            starts.append(index)
    return starts


def _document_title(preamble: list[str]) -> str:
    for line in preamble:
        text = line.strip()
        if text and text != "目录" and not _TOC_TAIL_REVERSED_RE.match(text[::-1]):
            return text
    return ""


def _year(titles: list[str]) -> int | None:
    years = Counter(int(m.group(1)) for t in titles for m in _YEAR_RE.finditer(t))
    return years.most_common(1)[0][0] if years else None


def _clip(text: str, limit: int = 30) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


@dataclass
class _Parsed:
    table: GoalTable
    agency: tuple[str, str] | None


class _TableParser:
    """Reads one table: title line, label/value cells, header row, indicator blocks."""

    def __init__(
        self,
        lines: list[str],
        start: int,
        end: int,
        source: str,
        worded: list[tuple[str, TargetValue]],
    ) -> None:
        self.source = source
        self.worded = worded  # 指标值 read from words, with what they were read as
        self.title_line = start + 1
        match = _title_match(lines[start])
        assert match is not None
        self.title_name = match.group(2).strip().strip("*").strip()
        self.cells = self._cells(lines, start + 1, end)
        self.pos = 0

    @staticmethod
    def _cells(lines: list[str], start: int, end: int) -> list[_Cell]:
        cells: list[_Cell] = []
        block = 0
        for index in range(start, end):
            raw = lines[index]
            if raw == "" or (raw.strip() == "" and "\t" not in raw):
                block += 1  # an empty line ends a row; a line with a tab is an empty cell
                continue
            cells.append(_Cell(index + 1, raw.strip(), block))
        return cells

    def error(self, cell: _Cell | None, message: str) -> InputError:
        line = cell.line if cell else self.title_line
        return InputError(f"{self.source} 第{line}行：{message}")

    def find(self, labels: tuple[str, ...], required: str) -> int:
        """Position of the next cell carrying one of labels, from the current position."""
        for index in range(self.pos, len(self.cells)):
            if self.cells[index].label in labels:
                return index
        last = self.cells[-1] if self.cells else None
        raise self.error(last, f"表“{_clip(self.title_name)}”缺少“{required}”")

    def has_value_cell(self, index: int) -> bool:
        """True when the cell after a label is its value (same row), even if blank."""
        nxt = index + 1
        return nxt < len(self.cells) and self.cells[nxt].block == self.cells[index].block

    def value_after(self, index: int) -> str:
        return self.cells[index + 1].text if self.has_value_cell(index) else ""

    def money(self, index: int) -> Decimal | None:
        try:
            return parse_money(self.value_after(index))
        except MoneyError as exc:
            cell = self.cells[index + 1] if self.has_value_cell(index) else self.cells[index]
            raise self.error(cell, f"{self.cells[index].label}：{exc}") from None

    def parse(self) -> _Parsed:
        agency, money_unit = self.agency_and_unit()
        project_at = self.find((_LABEL_PROJECT,), _LABEL_PROJECT)
        project = self.value_after(project_at).strip("*").strip() or self.title_name
        self.pos = project_at + 1
        total_at = self.pos = self.find((_LABEL_TOTAL,), _LABEL_TOTAL)
        fiscal_at = self.pos = self.find(_LABELS_FISCAL, "其中：财政资金")
        other_at = self.pos = self.find((_LABEL_OTHER,), _LABEL_OTHER)
        goal_at = self.pos = self.find(_LABELS_GOAL, "绩效目标")
        header_at = self.header_row()
        fund_use_at = other_at + (2 if self.has_value_cell(other_at) else 1)
        table = GoalTable.from_rows(
            self.indicator_rows(header_at + len(_HEADER)),
            project_name=project,
            money_unit=money_unit,
            budget_total=self.money(total_at),
            budget_fiscal=self.money(fiscal_at),
            budget_other=self.money(other_at),
            fund_use=self.joined(fund_use_at, goal_at),
            goal=self.joined(goal_at + 1, header_at),
        )
        return _Parsed(table, agency)

    def agency_and_unit(self) -> tuple[tuple[str, str] | None, str]:
        agency = None
        unit = "元"
        for cell in self.cells:
            if cell.label == _LABEL_PROJECT:
                break
            if match := _UNIT_RE.match(cell.label):
                unit = match.group(1)
            elif agency is None and (match := _AGENCY_RE.match(cell.text)):
                agency = (match.group(1), match.group(2).strip())
        return agency, unit

    def header_row(self) -> int:
        at = self.find((_HEADER[0],), "一级指标…指标值 表头")
        found = tuple(c.label for c in self.cells[at : at + len(_HEADER)])
        if found != _HEADER:
            raise self.error(self.cells[at], f"表头应为“{'、'.join(_HEADER)}”")
        return at

    def joined(self, first: int, stop: int) -> str:
        parts = [
            c.text for c in self.cells[first:stop] if c.text and c.label != _LABEL_BUDGET_BLOCK
        ]
        return "\n".join(parts)

    def indicator_rows(self, first: int) -> list[tuple[str, str, Indicator]]:
        blocks: dict[int, list[_Cell]] = {}
        for cell in self.cells[first:]:
            blocks.setdefault(cell.block, []).append(cell)
        rows: list[tuple[str, str, Indicator]] = []
        level1 = level2 = ""
        for cells in blocks.values():
            if all(not c.text for c in cells):
                continue
            texts = [c.text for c in cells]
            if len(texts) == 4:  # the empty 一级 cell was lost (trailing blanks trimmed)
                texts.insert(0, "")
            if len(texts) != 5:
                raise self.error(
                    cells[0],
                    f"指标行应有5个单元格（一级指标、二级指标、三级指标、绩效指标描述、指标值），"
                    f"这里有{len(texts)}个",
                )
            level1 = texts[0] or level1
            level2 = texts[1] or level2
            if not level1:
                raise self.error(cells[0], "第一行指标缺少一级指标")
            target, from_words = read_written(texts[4])
            if from_words:
                self.worded.append((texts[4], target))
            rows.append(
                (
                    level1,
                    level2,
                    Indicator(texts[2], texts[3], target.comparator, target.value, target.unit),
                )
            )
        return rows
