"""A batch's own outputs among its inputs: a summary never overwrites a file given to read, an
export folder inside the folder read is never read back, a summary in the export folder keeps
its name from the exports."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.helpers import ROOT, run_cli

_GOOD = ROOT / "tests" / "fixtures" / "typed-forms.xlsx"


def _lines(stdout: str) -> list[str]:
    return [line for line in stdout.splitlines() if line]


def test_a_summary_onto_a_file_given_to_read_is_refused_and_the_file_kept(tmp_path: Path) -> None:
    document = tmp_path / "a.xlsx"
    shutil.copy(_GOOD, document)
    result = run_cli("batch", "check", document, "-o", document, "--jobs", "1")
    assert result.returncode == 2, result.stdout + result.stderr
    assert "是要读取的文件之一" in result.stderr and result.stdout == ""
    assert document.read_bytes() == _GOOD.read_bytes()


def test_an_export_folder_inside_the_folder_read_is_never_read_back(tmp_path: Path) -> None:
    folder = tmp_path / "报送"
    folder.mkdir()
    shutil.copy(_GOOD, folder / "a.xlsx")
    out = folder / "导出"
    for _ in range(2):  # the second run finds the first run's exports beside the inputs
        result = run_cli("batch", "export", folder, "--to", "xlsx", "-o", out, "--jobs", "1")
        assert [line.split("\t")[0] for line in _lines(result.stdout)] == [
            str(folder / "a.xlsx")
        ], result.stdout
    assert len(list(out.iterdir())) == 1


def test_a_summary_in_the_export_folder_is_never_overwritten_by_an_export(tmp_path: Path) -> None:
    folder = tmp_path / "报送"
    folder.mkdir()
    shutil.copy(_GOOD, folder / "a.xlsx")
    out = tmp_path / "导出"  # not there yet: made by the run, the summary's folder too
    first = run_cli(
        "batch", "export", folder, "--to", "xlsx", "-o", tmp_path / "探路", "--jobs", "1"
    )
    exported_name = _lines(first.stdout)[0].rpartition("→ ")[2]
    summary = out / exported_name
    result = run_cli(
        "batch", "export", folder, "--to", "xlsx", "-o", out, "--summary", summary, "--jobs", "1"
    )
    assert result.returncode == 1, result.stderr  # the fixture has errors; nothing refused
    exported = _lines(result.stdout)[0].rpartition("→ ")[2]
    assert exported != exported_name and (out / exported).is_file()
    assert sorted(path.name for path in out.iterdir()) == sorted([exported, exported_name])


def test_a_file_met_twice_is_read_once_so_the_totals_count_it_once(tmp_path: Path) -> None:
    folder = tmp_path / "报送"
    folder.mkdir()
    shutil.copy(_GOOD, folder / "a.xlsx")
    (folder / "b.xlsx").symlink_to(folder / "a.xlsx")
    result = run_cli("batch", "check", folder, folder / "a.xlsx", folder, "--jobs", "1")
    assert [line.split("\t")[0] for line in _lines(result.stdout)] == [str(folder / "a.xlsx")]
    assert "共1个文件" in result.stderr


def test_a_summary_onto_a_folder_is_refused_before_any_file_is_read(tmp_path: Path) -> None:
    shutil.copy(_GOOD, tmp_path / "a.xlsx")
    (tmp_path / "汇总.xlsx").mkdir()
    result = run_cli("batch", "check", tmp_path / "a.xlsx", "-o", tmp_path / "汇总.xlsx")
    assert result.returncode == 2 and "是文件夹" in result.stderr and result.stdout == ""


def test_a_folder_fifteen_hundred_deep_is_walked_and_counted(tmp_path: Path) -> None:
    from goaleditor.batch.sources import Walk, count_files

    levels = [tmp_path]
    for _ in range(1_500):  # deeper than Python's recursion limit, within Linux's 4,096 bytes
        levels.append(levels[-1] / "a")
        levels[-1].mkdir()  # one by one: mkdir(parents=True) recurses too
    shutil.copy(_GOOD, levels[-1] / "x.xlsx")
    (tmp_path / "b.xlsx").write_bytes(b"")
    try:
        assert count_files([tmp_path]) == 2
        assert [Path(source.name).name for source in Walk([tmp_path])] == ["x.xlsx", "b.xlsx"]
    finally:  # removed from the bottom up: shutil.rmtree recurses as well
        (levels[-1] / "x.xlsx").unlink()
        for level in reversed(levels[1:]):
            level.rmdir()
