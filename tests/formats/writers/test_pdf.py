"""PDF export: structure, fonts, layout regression, line breaking, pagination, hostile text."""

from __future__ import annotations

import contextlib
import re
import shutil
import signal
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from goaleditor.formats.exporting import ExportOptions
from goaleditor.formats.layout import grid as layout_grid
from goaleditor.formats.layout import official, pagination
from goaleditor.formats.layout.fonts import HEI, SONG, TextWidth, choose_fonts
from goaleditor.formats.layout.line_breaking import NO_LINE_END, NO_LINE_START, wrap
from goaleditor.formats.writers.pdf import write
from goaleditor.model.document import Document, GoalTable, Indicator

REFERENCE = Path(__file__).resolve().parents[2] / "reference" / "example-table1.pgm"
POPPLER = all(shutil.which(tool) for tool in ("pdftotext", "pdffonts", "pdfinfo", "pdftoppm"))
needs_poppler = pytest.mark.skipif(not POPPLER, reason="poppler-utils is installed by dev.py")


def poppler(*args: str | Path) -> str:
    return subprocess.run(
        [str(a) for a in args], capture_output=True, text=True, check=True, encoding="utf-8"
    ).stdout


@pytest.fixture(scope="module")
def example_pdf(tmp_path_factory) -> Path:
    from goaleditor.formats.readers.published_text import read

    doc = read(Path(__file__).resolve().parents[3] / "resources/examples/binhai-2026-published.txt")
    out = tmp_path_factory.mktemp("pdf") / "example.pdf"
    write(doc, out)
    return out


def test_bundled_fonts_are_used_in_tests() -> None:
    assert not choose_fonts().official  # conftest pins the bundled fonts for reproducibility


@needs_poppler
def test_a4_pages_and_embedded_fonts(example_pdf: Path) -> None:
    info = poppler("pdfinfo", example_pdf)
    assert re.search(r"Pages:\s+7\b", info)  # 目录 + six one-page tables
    assert "595.276 x 841.89 pts (A4)" in info
    rows = poppler("pdffonts", example_pdf).splitlines()[2:]
    assert rows, "no fonts listed"
    for row in rows:
        assert row.split()[-5] == "yes", f"font not embedded: {row}"
    assert not any("Helvetica" in row for row in rows)


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _toc_entries(page: str) -> list[tuple[str, int]]:
    """The 目录 page's entries as printed: (title, page number), in order.

    An entry is its title's lines up to the one ending in the leader dots and a number.
    """
    lines = page.splitlines()
    assert [_flat(line) for line in lines[:2]] == [official.DEFAULT_HEADING, "目录"]
    entries: list[tuple[str, int]] = []
    title = ""
    for line in lines[2:]:
        end = re.fullmatch(r"(.*?)\s*·+\s*(\d+)\s*", line)
        if end is None:
            title += line
            continue
        entries.append((_flat(title + end.group(1)), int(end.group(2))))
        title = ""
    assert _flat(title) == "-1-", title  # only the page number is left
    return entries


@needs_poppler
def test_every_text_in_reading_order(example_pdf: Path, example_document) -> None:
    pages = poppler("pdftotext", "-raw", example_pdf, "-").split("\f")
    titles = [
        _flat(f"{number}.{table.project_name}绩效目标表")
        for number, table in enumerate(example_document.tables, 1)
    ]
    starts = [next(i for i, p in enumerate(pages, 1) if _flat(p).startswith(t)) for t in titles]
    assert starts == list(range(2, len(titles) + 2))  # one page each, after the 目录
    assert _toc_entries(pages[0]) == list(zip(titles, starts, strict=True))
    for number, table in enumerate(example_document.tables, 1):
        text = _flat(pages[number])
        expected = [
            f"{number}.{table.project_name}绩效目标表",
            "319101天津市滨海新区人民政府政务服务办公室",
            "单位：元",
            "项目名称",
            table.project_name,
            "预算规模及资金用途",
            "预算数",
            "其中：财政资金",
            "其他资金",
            table.fund_use,
            "绩效目标",
            "一级指标",
            "二级指标",
            "三级指标",
            "绩效指标描述",
            "指标值",
        ]
        previous = None
        for level1, level2, indicator in table.indicator_rows():
            if level1 != previous:
                expected.append(level1)  # the merged 一级 cell, once per group
                previous = level1
            expected += [level2, indicator.name, indicator.description, indicator.display]
        position = 0
        for item in expected:
            found = text.find(_flat(item), position)
            assert found >= 0, f"table {number}: {item!r} missing or out of order"
            position = found + len(_flat(item))


@needs_poppler
def test_layout_matches_reference_image(example_pdf: Path, tmp_path: Path) -> None:
    """Page 2 (table 1) rendered small and grey, against a committed reference."""
    prefix = tmp_path / "page"
    poppler("pdftoppm", "-r", "30", "-gray", "-f", "2", "-l", "2", example_pdf, prefix)
    rendered = next(tmp_path.glob("page*.pgm"))
    if not REFERENCE.exists():  # first run on a new layout: write it, then review and commit
        REFERENCE.parent.mkdir(exist_ok=True)
        shutil.copy(rendered, REFERENCE)
        pytest.fail(f"reference image written to {REFERENCE}; look at it and commit it")
    width, height, pixels = _read_pgm(rendered)
    ref_width, ref_height, ref_pixels = _read_pgm(REFERENCE)
    assert (width, height) == (ref_width, ref_height)
    differing = sum(1 for a, b in zip(pixels, ref_pixels, strict=True) if abs(a - b) > 64)
    assert differing / len(pixels) < 0.005, f"{differing} pixels differ from the reference"


def _read_pgm(path: Path) -> tuple[int, int, bytes]:
    data = path.read_bytes()
    header = re.match(rb"P5\s+(\d+)\s+(\d+)\s+(\d+)\s", data)
    assert header is not None
    width, height = int(header.group(1)), int(header.group(2))
    return width, height, data[header.end() :]


@needs_poppler
def test_hostile_text_prints_literally(tmp_path: Path) -> None:
    hostile = [
        "<b>粗体</b>",
        "A & B",
        "<img src='http://example.invalid/x.png'/>",
        "<font color=red>红</font>",
        "=1+1",
        "%PDF-1.4",
        "\\(x\\)",
    ]
    rows = [("产出指标", "数量指标", Indicator(text, text, "定性", text, "")) for text in hostile]
    doc = Document(
        agency_name="<script>", tables=[GoalTable.from_rows(rows, project_name="<项目>&")]
    )
    out = tmp_path / "hostile.pdf"
    write(doc, out)
    text = _flat(poppler("pdftotext", "-raw", out, "-"))
    for item in [*hostile, "<项目>&绩效目标表", "<script>"]:
        assert _flat(item) in text


def test_cancelled_export_writes_nothing(tmp_path: Path, example_document) -> None:
    from goaleditor.formats.exporting import ExportCancelled

    out = tmp_path / "cancel.pdf"
    with pytest.raises(ExportCancelled):
        write(example_document, out, progress=lambda done, total: done < 3)
    assert list(tmp_path.iterdir()) == []


@needs_poppler
def test_options_turn_off_toc_and_page_numbers(tmp_path: Path, example_document) -> None:
    out = tmp_path / "plain.pdf"
    write(example_document, out, options=ExportOptions(toc=False, page_numbers=False))
    assert re.search(r"Pages:\s+6\b", poppler("pdfinfo", out))
    assert "- 1 -" not in poppler("pdftotext", "-raw", out, "-")


# --- line breaking ----------------------------------------------------------------------

BODY = TextWidth(SONG, layout_grid.BODY_SIZE)


def test_breaks_cjk_by_width() -> None:
    lines = wrap("政务服务中心管理办公用房及周围面积", 60, BODY)
    assert all(BODY(line) <= 60 for line in lines)
    assert "".join(lines) == "政务服务中心管理办公用房及周围面积"


def test_closing_punctuation_never_starts_a_line() -> None:
    text = "保障派遣员工的基本合法权益，保障工作顺利推进。计算公式：人数÷总人数×100%"
    for limit in range(30, 200, 3):
        for line in wrap(text, limit, BODY)[1:]:
            assert line[0] not in NO_LINE_START, (limit, line)


def test_opening_punctuation_never_ends_a_line() -> None:
    text = "通过考量（实际）多种用工“人员”经费《发放》人数"
    for limit in range(30, 200, 3):
        for line in wrap(text, limit, BODY)[:-1]:
            assert line[-1] not in NO_LINE_END, (limit, line)


def test_long_words_and_numbers_break_inside_the_cell() -> None:
    word = "Supercalifragilisticexpialidocious" * 3
    number = "12345678901234567890123456789012345678901234567890.00"
    for text in (word, number, "无空格" * 80):
        lines = wrap(text, 50, BODY)
        assert len(lines) > 1 and all(BODY(line) <= 50 for line in lines)
        assert "".join(lines) == text


def test_latin_words_stay_whole_when_they_fit() -> None:
    lines = wrap("采用 OpenOffice 和 LibreOffice 办公软件", 80, BODY)
    assert any("LibreOffice" in line for line in lines)


@settings(max_examples=200)
@given(st.text(max_size=200), st.floats(min_value=12, max_value=400))
def test_no_line_is_ever_wider_than_the_cell(text: str, limit: float) -> None:
    for line in wrap(text, limit, BODY):
        assert BODY(line) <= limit + 1e-6


# --- pagination ------------------------------------------------------------------------


def _long_table(count: int) -> tuple[Document, GoalTable]:
    rows = [
        (
            "产出指标" if i < count // 2 else "效益指标",
            "数量指标" if i < count // 2 else "社会效益指标",
            Indicator(f"指标{i}", "描述" * (i % 7 + 1), "≥", str(i), "个"),
        )
        for i in range(count)
    ]
    table = GoalTable.from_rows(rows, project_name="八十个指标的项目", goal="目标")
    return Document(tables=[table]), table


def test_eighty_indicators_split_over_pages_with_header_repeated() -> None:
    doc, table = _long_table(80)
    grid = official.build_grid(doc, table, 1, BODY, TextWidth(HEI, layout_grid.TITLE_SIZE))
    pages = pagination.paginate(grid)
    assert len(pages) >= 3
    bottom = layout_grid.PAGE_HEIGHT - layout_grid.MARGIN_BOTTOM
    seen: list[str] = []
    for number, page in enumerate(pages):
        for cell in page.cells:
            assert cell.y + cell.height <= bottom + 0.01
            assert len(cell.lines) * layout_grid.LEADING <= cell.height + 0.01
        top_row = min(page.cells, key=lambda c: (c.y, c.x))
        texts_by_y = sorted((c.y, c.x, "".join(c.lines)) for c in page.cells)
        if number:
            first_y = texts_by_y[0][0]
            header = [t for y, _, t in texts_by_y if y == first_y]
            assert header == ["一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值"]
            labels = {t for _, x, t in texts_by_y if x == top_row.x}
            assert labels & {"产出指标", "效益指标"}, "the 一级 label repeats on the page"
        seen += [t for _, _, t in texts_by_y if t.startswith("指标") and t[2:].isdigit()]
    assert seen == [f"指标{i}" for i in range(80)]


def test_a_row_taller_than_a_page_is_split_not_cut() -> None:
    doc, table = _long_table(3)
    table.goal = "很长的绩效目标。" * 900
    grid = official.build_grid(doc, table, 1, BODY, TextWidth(HEI, layout_grid.TITLE_SIZE))
    pages = pagination.paginate(grid)
    goal_lines = next(c.lines for r in grid.rows for c in r.cells if c.text == table.goal)
    shown = [
        line for p in pages for c in p.cells for line in c.lines if "很长" in line or "。" in line
    ]
    assert len(pages) > 2
    assert "".join(shown) == "".join(goal_lines)


@needs_poppler
def test_toc_page_numbers_point_at_the_tables(tmp_path: Path) -> None:
    """A 目录 over several pages, with long wrapped entries and a long document title."""
    rows = [("产出指标", "数量指标", Indicator("指标", "描述", "≥", "1", "个"))]
    names = [("很长的项目名称" * (6 if n % 7 == 0 else 1)) + f"第{n}号" for n in range(130)]
    doc = Document(
        title="某某单位二〇二六年度项目支出绩效目标表汇编（含各科室、各下属单位的全部项目）" * 2,
        tables=[GoalTable.from_rows(rows, project_name=name) for name in names],
    )
    out = tmp_path / "toc.pdf"
    write(doc, out)
    pages = [_flat(p) for p in poppler("pdftotext", "-raw", out, "-").split("\f")]
    first_table = _flat(f"1.{names[0]}绩效目标表")
    toc_pages = pages[: next(i for i, p in enumerate(pages) if p.startswith(first_table))]
    assert len(toc_pages) >= 3
    toc = "".join(toc_pages)
    for number, name in enumerate(names, 1):
        title = _flat(f"{number}.{name}绩效目标表")
        actual = next(
            i for i, p in enumerate(pages, 1) if i > len(toc_pages) and p.startswith(title)
        )
        # The entry's number is followed by the next entry or by the page footer ("-2-").
        entry = re.search(re.escape(title) + rf"·*{actual}({number + 1}\.|-|$)", toc)
        assert entry is not None, (number, actual)
    bottom_margin_text = poppler(
        "pdftotext",
        "-y",
        "800",
        "-H",
        "42",
        "-W",
        "600",
        "-f",
        "1",
        "-l",
        str(len(toc_pages)),
        out,
        "-",
    )
    assert re.sub(r"[\s\-\d\f]", "", bottom_margin_text) == ""  # only page numbers down there


class _TooSlow(Exception):
    pass


@contextlib.contextmanager
def _deadline(seconds: int) -> Iterator[None]:
    """Fail (instead of hanging the suite) when the block runs longer than seconds."""

    def stop(*_args: object) -> None:
        raise _TooSlow(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


HUGE_FIELDS = ("project_name", "fund_use", "goal", "level1", "level2", "name", "description")


def _with_huge(field: str, text: str) -> Document:
    doc, table = _long_table(12)
    if field in ("level1", "level2"):
        table.children[0].name = text if field == "level1" else table.children[0].name
        table.children[0].children[0].name = text if field == "level2" else "数量指标"
    elif field in ("name", "description"):
        setattr(table.children[0].children[0].children[1], field, text)
    else:
        setattr(table, field, text)
    doc.title = doc.agency_name = text
    return doc


def _check_pages(pages: list[pagination.Page]) -> None:
    bottom = layout_grid.PAGE_HEIGHT - layout_grid.MARGIN_BOTTOM
    for page in pages:
        assert len(page.title_lines) * layout_grid.TITLE_LEADING + layout_grid.MARGIN_TOP <= bottom
        for cell in page.cells:
            assert cell.y + cell.height <= bottom + 0.01
            assert len(cell.lines) * layout_grid.LEADING <= cell.height + 0.01


@pytest.mark.parametrize("length", [1_100, 20_000])
@pytest.mark.parametrize("field", HUGE_FIELDS)
def test_pagination_ends_for_any_long_text_and_shows_all_of_it(field: str, length: int) -> None:
    """A field longer than a page (≈1,050 characters of title used to loop forever)."""
    from goaleditor.formats.writers.pdf import layout_pages

    doc = _with_huge(field, "甲" * length)
    with _deadline(20):
        (pages,) = layout_pages(doc, width=BODY, title_width=TextWidth(HEI, layout_grid.TITLE_SIZE))
    _check_pages(pages)
    in_cells = sum("".join(c.lines).count("甲") for p in pages for c in p.cells)
    repeated = 6 if field == "level2" else 1  # 二级 is printed on each of its 6 rows
    assert in_cells == length * repeated, "every character of the field is printed"
    if field == "project_name":
        first = next(i for i, p in enumerate(pages) if p.unit)
        title = "".join(line for p in pages[: first + 1] for line in p.title_lines)
        assert title == f"1.{'甲' * length}绩效目标表"
        assert all(len(p.title_lines) <= layout_grid.PAGE_TITLE_LINES for p in pages[first:])


@settings(max_examples=15, deadline=None)
@given(
    field=st.sampled_from(HUGE_FIELDS),
    text=st.text(st.sampled_from("甲a 1。（\n≥W—"), min_size=900, max_size=12_000),
)
def test_pdf_export_of_any_long_text_ends(field: str, text: str) -> None:
    from goaleditor.formats.writers.pdf import layout_pages

    with _deadline(20):
        (pages,) = layout_pages(
            _with_huge(field, text), width=BODY, title_width=TextWidth(HEI, layout_grid.TITLE_SIZE)
        )
    _check_pages(pages)


def test_a_title_longer_than_a_page_exports(tmp_path: Path) -> None:
    doc = _with_huge("project_name", "很长的项目名称" * 3000)
    doc.tables.append(_long_table(3)[1])
    with _deadline(60):
        write(doc, tmp_path / "long.pdf")
    assert (tmp_path / "long.pdf").read_bytes().startswith(b"%PDF")
