"""Cells of a ruled PDF table: which chars fall in which cell, and each row's cells as columns."""

from __future__ import annotations

import bisect
import itertools
import operator
import re
from typing import Any

from goaleditor.formats.layout.line_breaking import NO_LINE_START, is_ideograph
from goaleditor.formats.notes import ImportNote, Warn
from goaleditor.formats.readers.tables.text_lines import starts_table

Key = tuple[int, int]  # (row where the cell starts, its index among that row's cells)
# A row's cell: left, right, text (None: empty or merged down from above), and the room left
# on its last line in ems (the text may go on in the cell on the next page if that is short).
Span = tuple[float, float, str | None, float]

RUN_GAP = 0.5  # points; glyphs of one run touch, text of two cells is apart by their padding
_CJK_RE = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_SLASHES = "/／"
_X0 = operator.itemgetter("x0")
_TEXT = operator.itemgetter("text")
NO_ROOM = 1e9  # an empty cell, or one merged down from above: nothing goes on in it


class RuledTable:
    """One ruled table: each row with the cells crossing it, from that row's own rules."""

    def __init__(self, table: Any) -> None:
        self.bbox = table.bbox
        self.boxes: dict[Key, tuple[float, float, float, float]] = {}
        rows = table.rows  # pdfplumber works them out at each look
        for r, row in enumerate(rows):
            for k, cell in enumerate(c for c in row.cells if c):
                self.boxes[r, k] = cell
        count = len(rows)
        self.tops = [min(c[1] for c in row.cells if c) for row in rows]
        # per row: the cells crossing its band (its own and those merged down from above)
        self.crossing: list[list[tuple[float, float, Key]]] = [[] for _ in range(count)]
        for key, (x0, _, x1, bottom) in self.boxes.items():
            for r in range(key[0], count):
                if r > key[0] and bottom <= self.tops[r] + 1:
                    break
                self.crossing[r].append((x0, x1, key))
        for items in self.crossing:
            items.sort()
        self.lefts = [[item[0] for item in items] for items in self.crossing]

    def cell_at(self, cx: float, cy: float) -> Key | None:
        """The cell holding a point, if any."""
        r = bisect.bisect_right(self.tops, cy) - 1
        if r < 0:
            return None
        i = bisect.bisect_right(self.lefts[r], cx) - 1
        if i < 0:
            return None
        _, x1, key = self.crossing[r][i]
        box = self.boxes[key]
        return key if cx <= x1 and box[3] >= cy else None

    def row_end(self, cy: float) -> Key | None:
        """The last cell of the row whose band holds height cy."""
        r = bisect.bisect_right(self.tops, cy) - 1
        if r < 0 or not self.crossing[r]:
            return None
        key = self.crossing[r][-1][2]
        return key if self.boxes[key][3] >= cy else None

    def split(
        self, chars: list[dict[str, Any]], page: int = 0, warn: Warn | None = None
    ) -> tuple[dict[Key, list[dict[str, Any]]], list[dict[str, Any]]]:
        """The chars in each cell (each cell's in line order), and the chars outside the
        table."""
        x0, top, x1, bottom = self.bbox
        tops, lefts, crossing, boxes = self.tops, self.lefts, self.crossing, self.boxes
        table_chars: list[dict[str, Any]] = []
        keys: list[Key | None] = []  # each table char's cell; None: on a row, no cell
        outside = []
        bisect_right, add_key, add_char = bisect.bisect_right, keys.append, table_chars.append
        for char in chars:
            cx, cy = (char["x0"] + char["x1"]) / 2, (char["top"] + char["bottom"]) / 2
            if not (top <= cy <= bottom and x0 <= cx) or (cx > x1 and self.row_end(cy) is None):
                outside.append(char)
                continue
            key = None
            if cx <= x1:  # self.cell_at(cx, cy), inline: it is asked for every char
                r = bisect_right(tops, cy) - 1
                if r >= 0:
                    i = bisect_right(lefts[r], cx) - 1
                    if i >= 0:
                        _, right, found = crossing[r][i]
                        if cx <= right and boxes[found][3] >= cy:
                            key = found
            add_key(key)
            add_char(char)
        order, lines = _line_order(table_chars)
        run_owner = _run_owners(table_chars, keys, lines)
        # A cell is filled when text starts in it; a run crossing into it is split there.
        filled = {key for n, key in enumerate(keys) if n not in run_owner} if run_owner else set()
        crossed: set[int] = set()
        beyond: set[int] = set()
        inside: dict[Key, list[dict[str, Any]]] = {}
        for n in order:
            key = keys[n]
            if key is not None and not run_owner:  # the most chars: in a cell, no run across
                cell = inside.get(key)
                if cell is None:
                    inside[key] = [table_chars[n]]
                else:
                    cell.append(table_chars[n])
                continue
            owner = run_owner.get(n)
            if owner is not None:
                if key is None:
                    beyond.add(owner[0])
                    key = owner
                elif key in filled:
                    crossed.add(key[0])
                else:
                    key = owner
            char = table_chars[n]
            if key is None:  # off every cell, on a row's line (past the table's right edge)
                cy = (char["top"] + char["bottom"]) / 2
                key = self.row_end(cy) if char["x0"] > x1 - 1 else None
                if key is None:
                    continue
                beyond.add(key[0])
            inside.setdefault(key, []).append(char)
        if warn is not None:
            where = f"第{page}页"
            for r in sorted(crossed):
                warn(ImportNote("文字越过单元格边框，可能不完整", where, r + 1))
            for r in sorted(beyond - crossed):
                merged = "文字超出表格右边框，已并入该行最后一格，请核对"
                warn(ImportNote(merged, where, r + 1))
        return inside, outside

    def spans(self, inside: dict[Key, list[dict[str, Any]]]) -> list[list[Span]]:
        """Each row's cells, left to right; a cell merged down from above is empty below."""
        texts = {
            key: cell_text(inside.get(key, []), box, in_line_order=True)
            for key, box in self.boxes.items()
        }
        return [
            [
                (x0, x1, texts[key][0] or None, texts[key][1])
                if key[0] == r
                else (x0, x1, None, NO_ROOM)
                for x0, x1, key in items
            ]
            for r, items in enumerate(self.crossing)
        ]


def join_split_rows(tables: list[list[list[Span]]]) -> None:
    """A row broken over a page: its lower part joins the upper part.

    The first row after a table's (repeated) header row is such a part when each of its texts
    goes on from a text of the upper part's last row whose last line had no room for its start.

    """
    for upper, lower in itertools.pairwise(tables):
        if not upper or not lower or any(starts_table(_texts(row)) for row in lower):
            continue
        first = 1 if is_header(_texts(lower[0])) else 0
        if first >= len(lower):
            continue
        last, part = upper[-1], lower[first]
        joins: dict[int, str] = {}
        for x0, x1, text, _ in part:
            if text is None:
                continue
            c = max(range(len(last)), key=lambda u: overlap(x0, x1, last[u][0], last[u][1]))
            if last[c][2] is None or last[c][3] > _start_width(text) + 0.25 or c in joins:
                break
            joins[c] = text
        else:
            if joins:
                for c, text in joins.items():
                    x0, x1, above, _ = last[c]
                    last[c] = (x0, x1, f"{above}{text}", NO_ROOM)
                del lower[first]


def _texts(row: list[Span]) -> list[str | None]:
    return [span[2] for span in row]


def is_header(values: list[str | None]) -> bool:
    labels = {re.sub(r"\s+", "", v) for v in values if v}
    return "一级指标" in labels or ("三级指标" in labels and "指标值" in labels)


def overlap(a0: float, a1: float, b0: float, b1: float) -> float:
    """How far two spans overlap; when apart, a negative number: the nearer, the larger."""
    shared = min(a1, b1) - max(a0, b0)
    return shared if shared > 0 else shared - abs((a0 + a1) - (b0 + b1))


def _line_key(char: dict[str, Any]) -> tuple[int, float]:
    return (round(char["top"]), char["x0"])


def group_lines(
    chars: list[dict[str, Any]], in_line_order: bool = False
) -> list[list[dict[str, Any]]]:
    """Chars as lines of text, top to bottom, each left to right (in_line_order: the chars
    are sorted by _line_key already)."""
    lines: list[list[dict[str, Any]]] = []
    line: list[dict[str, Any]] = []
    first_top = 0.0  # the top of the line's first char
    for char in chars if in_line_order else sorted(chars, key=_line_key):
        top = char["top"]
        if line and abs(top - first_top) < char["size"] * 0.5:
            line.append(char)
        else:
            line, first_top = [char], top
            lines.append(line)
    x0 = _X0
    for line in lines:
        if len(line) > 1:
            line.sort(key=x0)
    return lines


def _line_order(chars: list[dict[str, Any]]) -> tuple[list[int], list[list[int]]]:
    """The chars' indices sorted by _line_key, and group_lines over them."""
    line_keys = [(round(c["top"]), c["x0"]) for c in chars]  # _line_key, inline
    order = sorted(range(len(chars)), key=line_keys.__getitem__)
    lines: list[list[int]] = []
    line: list[int] = []
    first_top = 0.0  # the top of the line's first char
    for n in order:
        char = chars[n]
        top = char["top"]
        if line and abs(top - first_top) < char["size"] * 0.5:
            line.append(n)
        else:
            line, first_top = [n], top
            lines.append(line)
    x0 = [key[1] for key in line_keys]  # each char's x0
    for line in lines:
        if len(line) > 1:
            line.sort(key=x0.__getitem__)
    return order, lines


def _linked(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """b goes on a's text run: on its baseline, starting where a ends (glyphs of one run
    touch)."""
    same_line = abs(a["bottom"] - b["bottom"]) < 0.2 * max(a["size"], b["size"])
    return bool(same_line and -RUN_GAP < b["x0"] - a["x1"] < RUN_GAP)


def _run_owners(
    chars: list[dict[str, Any]], keys: list[Key | None], lines: list[list[int]]
) -> dict[int, Key]:
    """The chars (by index) of a run crossing cells that are not in the cell it started in:
    that cell. Only where two neighbours in different cells are linked is there such a run."""
    if not any(_crossed(line, keys, chars) for line in lines):
        return {}
    owners: dict[int, Key] = {}
    for line in lines:
        run = [line[0]]
        for a, b in itertools.pairwise(line):
            if _linked(chars[a], chars[b]):
                run.append(b)
                continue
            _own(run, keys, owners)
            run = [b]
        _own(run, keys, owners)
    return owners


def _crossed(line: list[int], keys: list[Key | None], chars: list[dict[str, Any]]) -> bool:
    """Whether two neighbours on the line in different cells touch (a key is one object
    per cell, so a change of cell is a change of object)."""
    before = line[0]
    key = keys[before]
    for n in line[1:]:
        if keys[n] is not key:
            if _linked(chars[before], chars[n]):
                return True
            key = keys[n]
        before = n
    return False


def _own(run: list[int], keys: list[Key | None], owners: dict[int, Key]) -> None:
    owner = next((keys[n] for n in run if keys[n] is not None), None)
    if owner is None:
        return
    for n in run:
        if keys[n] != owner:
            owners[n] = owner


def cell_text(
    chars: list[dict[str, Any]], box: tuple[float, ...], in_line_order: bool = False
) -> tuple[str, float]:
    """A cell's lines joined (a wrapped line without a space (CJK), a short line with a
    newline), and the room left on its last line in ems."""
    if not chars:
        return "", NO_ROOM
    lines = group_lines(chars, in_line_order)
    pad = min(12.0, min(line[0]["x0"] - box[0] for line in lines))
    available = box[2] - box[0] - 2 * max(pad, 0.0) - 0.5
    text_of = _TEXT
    texts = ["".join(map(text_of, line)) for line in lines]
    # ended[n]: line n - 1 ended its paragraph (the next word would have fitted on it)
    ended = [False] + [
        _used(lines[n - 1]) + _cluster_width(lines[n]) <= available for n in range(1, len(lines))
    ]
    ended.append(True)  # the cell's last line ends its paragraph
    out = texts[0]
    for n in range(1, len(lines)):
        pulled = ended[n + 1] and _pulled_down(lines[n - 1], lines[n], available)
        out += "\n" + texts[n] if ended[n] and not pulled else texts[n]
    end = lines[-1]
    room = (available + 0.5 - _used(end)) / max(end[-1]["size"], 1.0)
    return out.strip(), room


def _used(line: list[dict[str, Any]]) -> float:
    return float(line[-1]["x1"] - line[0]["x0"])


def _pulled_down(above: list[dict[str, Any]], last: list[dict[str, Any]], room: float) -> bool:
    """A paragraph's last line of two characters, the first an ideograph the writer took
    from the line above so that the second is not alone (layout/line_breaking.no_orphan):
    both would not have fitted there."""
    return (
        len(last) == 2
        and len(above) >= 2
        and is_ideograph(last[0]["text"])
        and _used(above) + _used(last) > room
    )


def _start_width(text: str) -> float:
    """About how many ems a text's first unbreakable cluster takes (as _cluster_width)."""
    width, n = 0.0, 0
    while n < len(text) and text[n] not in " \n":
        if n and _CJK_RE.match(text[n]) and text[n - 1] not in _SLASHES:
            break
        width += 1.0 if ord(text[n]) > 0x2000 else 0.55
        n += 1
    while n < len(text) and text[n] in NO_LINE_START:
        width += 1.0
        n += 1
    return width


def _cluster_width(line: list[dict[str, Any]]) -> float:
    """Width of what cannot be separated from a line's start (a Latin word, closing marks)."""
    end = 1
    while end < len(line) and line[end]["text"] != " ":
        # Writer keeps 元/人/年 together: no break on either side of a slash
        if _CJK_RE.match(line[end]["text"]) and line[end - 1]["text"] not in _SLASHES:
            break
        end += 1
    while end < len(line) and line[end]["text"] in NO_LINE_START:
        end += 1
    return float(line[end - 1]["x1"] - line[0]["x0"])
