"""`goaleditor library harvest|import|export` on the command line."""

from __future__ import annotations

from pathlib import Path

from goaleditor.library.exchange import import_workbook
from goaleditor.resources import resources_dir
from tests.helpers import run_cli
from tests.library.test_exchange import _bureau_list


def test_harvest_import_and_export(tmp_path: Path) -> None:
    harvested = tmp_path / "收集.xlsx"
    done = run_cli("library", "harvest", resources_dir() / "examples", "-o", harvested)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("收集到 46 个指标")
    assert len(import_workbook(harvested).entries) == 46
    bureau = tmp_path / "bureau.xlsx"
    _bureau_list(bureau, title=True, shuffled=True)
    done = run_cli("library", "import", bureau)
    assert done.returncode == 1  # some rows were refused
    assert done.stdout.strip() == "导入 3 行：新增 3 个，更新 0 个；2 行未导入"
    assert done.stderr.splitlines() == [
        "goaleditor: 未导入：Sheet 第6行：缺少三级指标",
        "goaleditor: 未导入：Sheet 第8行：与第4行重复",
    ]
    exported = tmp_path / "导出.xlsx"
    done = run_cli("library", "export", "-o", exported)
    assert done.returncode == 0, done.stderr
    names = {e.name for e in import_workbook(exported).entries}
    assert {"培训天数", "培训效果", "服务人数"} <= names  # the imported and the built-in ones


def test_a_missing_workbook_is_one_line(tmp_path: Path) -> None:
    done = run_cli("library", "import", tmp_path / "没有.xlsx")
    assert done.returncode == 2 and len(done.stderr.splitlines()) == 1
