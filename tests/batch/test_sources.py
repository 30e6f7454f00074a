"""The files of a batch: folders recursed, archives opened member by member under caps, names
for exported files safe on Windows and never two alike."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from goaleditor.batch import sources
from goaleditor.batch.naming import Names, safe_stem, stem_for
from goaleditor.batch.results import FileResult
from goaleditor.batch.sources import Source, Walk, count_files
from tests.batch.conftest import FIXTURES, HOSTILE, hostile_files


def _walk(*paths: Path) -> tuple[dict[str, Source | FileResult], Walk]:
    walk = Walk(paths)
    return {item.name: item for item in walk}, walk


def test_a_folder_is_recursed_and_what_no_reader_reads_is_passed_over(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "表.xlsx").write_bytes(b"x")
    (tmp_path / "说明.md").write_text("x", encoding="utf-8")
    (tmp_path / "~$表.xlsx").write_bytes(b"x")  # Excel's lock file beside an open workbook
    found, walk = _walk(tmp_path)
    assert set(found) == {str(tmp_path / "a" / "b" / "表.xlsx")}
    assert sorted(Path(n).name for n in walk.skipped) == ["~$表.xlsx", "说明.md"]
    assert count_files([tmp_path]) == 1


def test_the_editors_own_lock_files_are_passed_over_silently(tmp_path: Path) -> None:
    (tmp_path / "表.xlsx").write_bytes(b"x")
    (tmp_path / ".~lock.表.xlsx#").write_bytes(b"x")
    (tmp_path / "说明.md").write_text("x", encoding="utf-8")
    found, walk = _walk(tmp_path)
    assert set(found) == {str(tmp_path / "表.xlsx")}
    assert [Path(n).name for n in walk.skipped] == ["说明.md"]


def test_a_file_named_on_the_command_line_is_reported_whatever_its_kind(tmp_path: Path) -> None:
    odd = tmp_path / "说明.md"
    odd.write_text("x", encoding="utf-8")
    found, walk = _walk(odd)
    assert list(found) == [str(odd)] and not walk.skipped


def test_archive_members_are_read_under_caps_each_refusal_one_line(tmp_path: Path) -> None:
    hostile_files(tmp_path)
    found, _ = _walk(tmp_path / "炸弹.zip", tmp_path / "坏压缩包.zip")
    bomb = found[f"{tmp_path}/炸弹.zip/炸弹.xlsx"]
    assert isinstance(bomb, FileResult) and "压缩炸弹" in bomb.reason
    nested = found[f"{tmp_path}/炸弹.zip/套娃.zip"]
    assert isinstance(nested, FileResult) and HOSTILE["炸弹.zip/套娃.zip"] in nested.reason
    broken = found[str(tmp_path / "坏压缩包.zip")]
    assert isinstance(broken, FileResult) and "压缩包无法打开" in broken.reason
    climbing = found[f"{tmp_path}/炸弹.zip/../../越界.xlsx"]
    assert isinstance(climbing, Source) and climbing.path is None  # content, never a path
    assert climbing.data == (FIXTURES / "typed-forms.xlsx").read_bytes()
    assert not (tmp_path.parent / "越界.xlsx").exists()


def test_an_archive_of_too_many_members_is_refused_in_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sources, "MAX_ARCHIVE_MEMBERS", 3)
    archive_path = tmp_path / "多.zip"
    with zipfile.ZipFile(archive_path, "w") as archive:
        for number in range(4):
            archive.writestr(f"{number}.xlsx", b"x")
    found, _ = _walk(archive_path)
    assert list(found) == [str(archive_path)]
    refused = found[str(archive_path)]
    assert isinstance(refused, FileResult) and "4个文件，超过3个" in refused.reason


def test_a_member_that_lies_about_its_size_is_stopped_at_the_cap(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sources, "MAX_MEMBER_BYTES", 1000)
    archive_path = tmp_path / "a.zip"
    with zipfile.ZipFile(archive_path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("a.xlsx", b"\0" * 5000)
    data = bytearray(archive_path.read_bytes())
    # the local header's and the central directory's uncompressed sizes say 10 bytes
    for offset in (22, data.rfind(b"PK\x01\x02") + 24):
        data[offset : offset + 4] = (10).to_bytes(4, "little")
    archive_path.write_bytes(bytes(data))
    found, _ = _walk(archive_path)
    member = found[f"{archive_path}/a.xlsx"]
    assert isinstance(member, FileResult), member
    assert "压缩炸弹" in member.reason or "无法解压" in member.reason


def test_a_member_named_in_gbk_by_chinese_windows_shows_its_chinese_name(tmp_path: Path) -> None:
    archive_path = tmp_path / "gbk.zip"
    gbk = "报表.xlsx".encode("gbk")
    placeholder = b"X" * (len(gbk) - 5) + b".xlsx"
    with zipfile.ZipFile(archive_path, "w") as archive:
        archive.writestr(placeholder.decode(), b"x")
    archive_path.write_bytes(archive_path.read_bytes().replace(placeholder, gbk))
    found, _ = _walk(archive_path)
    assert list(found) == [f"{archive_path}/报表.xlsx"]


def test_names_are_safe_on_windows_and_never_two_alike() -> None:
    assert safe_stem('某局/办公室:"预算"?*') == "某局_办公室_预算_"
    assert safe_stem("CON") == "_CON" and safe_stem("名称. ") == "名称"
    assert len(safe_stem("长" * 300)) == 80
    names = Names()
    assert [names.take("甲", ".pdf") for _ in range(3)] == ["甲.pdf", "甲（2）.pdf", "甲（3）.pdf"]
    assert names.take("A", ".pdf") == "A.pdf" and names.take("a", ".pdf") == "a（2）.pdf"
    several = FileResult(name="x/报送.xlsx", unit="某局", tables=3, project="甲项目")
    assert stem_for(several) == "某局_甲项目等3个项目"
    assert stem_for(FileResult(name="x/报送.xlsx")) == "报送"


def test_a_file_too_large_to_send_to_a_cluster_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from goaleditor.batch.running import _sendable

    monkeypatch.setattr(sources, "MAX_MEMBER_BYTES", 10)
    path = tmp_path / "大.xlsx"
    path.write_bytes(b"x" * 11)
    refused = _sendable(Source(str(path), path=path), as_content=True)
    assert isinstance(refused, FileResult) and "不发送到集群" in refused.reason
    (tmp_path / "小.xlsx").write_bytes(b"x" * 10)
    sent = _sendable(Source("小.xlsx", path=tmp_path / "小.xlsx"), as_content=True)
    assert isinstance(sent, Source) and sent.data == b"x" * 10 and sent.path is None
