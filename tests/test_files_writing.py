"""Every file is written whole or not at all, and a failure to write is told plainly.

A full disk is a real small tmpfs where mounting is allowed (root on Linux), and otherwise
(also always, as a second case) writes that fail with ENOSPC or EDQUOT.
"""

from __future__ import annotations

import errno
import os
import shutil
import stat
import subprocess
import tempfile
import time
from pathlib import Path

import pytest
from cli_run import run_cli
from hypothesis import given, settings
from hypothesis import strategies as st

from reportgen import generate
from reportgen.errors import UsageError
from reportgen.files import (NAME_MAX, Staging, clean_stale_temporaries, temporary_name,
                             write_atomically)
from reportgen.files import writing as files
from workbooks import build

OLD = b"the old file, which must survive"


def _temporaries(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


@pytest.fixture(params=["tmpfs", "simulated"])
def full_folder(request: pytest.FixtureRequest, tmp_path: Path,
                monkeypatch: pytest.MonkeyPatch):
    """A folder on a full disk holding ``old.docx``: a 64 KB tmpfs filled up but 4 KB (where
    mounting is allowed), or writes failing with ENOSPC."""
    folder = tmp_path / "disk"
    folder.mkdir()
    if request.param == "tmpfs":
        mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(folder)],
                                 capture_output=True)
        if mounted.returncode != 0:
            pytest.skip("mounting a tmpfs is not allowed here (the simulated case runs)")
        request.addfinalizer(lambda: subprocess.run(["umount", "-l", str(folder)]))
        (folder / "old.docx").write_bytes(OLD)
        free = os.statvfs(folder).f_bavail * os.statvfs(folder).f_frsize
        (folder / "filler").write_bytes(b"\0" * (free - 4096))
    else:
        (folder / "old.docx").write_bytes(OLD)

        def full(fd: int, data: object) -> int:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        monkeypatch.setattr(os, "write", full)
    return folder


def test_a_full_disk_is_told_in_chinese_and_the_old_file_stays(full_folder):
    """Writing 100 KB on a full disk: a usage error saying the disk is full and where, the
    old file unchanged, no temporary file left."""
    target = full_folder / "old.docx"
    with pytest.raises(UsageError, match="磁盘已满") as caught:
        write_atomically(target, b"x" * 100_000)
    assert str(target) in str(caught.value) and caught.value.code == "U-DISK-FULL"
    assert target.read_bytes() == OLD
    assert _temporaries(full_folder) == []


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EDQUOT])
def test_a_quota_is_a_full_disk_too(tmp_path, monkeypatch, code):
    """EDQUOT (over the quota) is told like ENOSPC."""
    target = tmp_path / "r.docx"
    target.write_bytes(OLD)

    def refuse(fd: int, data: object) -> int:
        raise OSError(code, os.strerror(code))
    monkeypatch.setattr(os, "write", refuse)
    with pytest.raises(UsageError, match="磁盘已满"):
        write_atomically(target, b"new")
    assert target.read_bytes() == OLD


def test_building_onto_a_full_disk_is_exit_2_with_the_old_report_intact(full_folder, tmp_path):
    """``reportgen WORKBOOK -o FULL/old.docx``: exit code 2 (not 3, an internal error), the
    message says the disk is full; the old report is intact."""
    workbook = build(tmp_path)
    code, _, err = run_cli(str(workbook), "-o", str(full_folder / "old.docx"), "--no-toc")
    assert code == 2, err
    assert "磁盘已满" in err and "程序内部错误" not in err
    assert (full_folder / "old.docx").read_bytes() == OLD
    assert _temporaries(full_folder) == []


def test_an_annotated_copy_onto_a_full_disk_is_exit_2_with_the_old_copy_intact(full_folder, tmp_path):
    """``check --annotate FULL/标注.xlsx`` on a full disk: exit 2, 磁盘已满, old copy intact."""
    workbook = build(tmp_path)
    old_copy = full_folder / "old.docx"
    copy = old_copy.rename(full_folder / "标注.xlsx")
    code, _, err = run_cli("check", str(workbook), "--annotate", str(copy))
    assert code == 2, err
    assert "磁盘已满" in err
    assert copy.read_bytes() == OLD
    assert _temporaries(full_folder) == []


def test_a_245_byte_report_name_is_written_with_its_pdf_name(tmp_path):
    """A name of 245 bytes (80 Chinese characters and .docx) is valid: the temporary names
    are shortened to fit the 255-byte limit, the report and a staged PDF both arrive."""
    report = tmp_path / ("报" * 80 + ".docx")
    assert len(os.fsencode(report.name)) == 245
    generate(build(tmp_path), report, toc=False)
    assert report.stat().st_size > 1000
    with Staging() as staging:
        for target in (report, report.with_suffix(".pdf")):
            files.write_bytes(staging.beside(target), b"new")
        staging.commit()
    assert report.read_bytes() == b"new" == report.with_suffix(".pdf").read_bytes()


@given(st.text(st.characters(exclude_categories=["Cs"], exclude_characters="/\0"),
               min_size=1, max_size=120),
       st.sampled_from([".docx", ".pdf", ".png", ".xlsx", ""]))
@settings(max_examples=200, deadline=None)
def test_temporary_names_fit_beside_their_target_and_are_recognised(stem, suffix):
    """For any name: the temporary name is in the same folder, hidden, within 255 bytes,
    keeps the suffix, and is one the clean-up of a later run recognises."""
    target = Path("/some/folder") / (stem[:60] + suffix)
    name = temporary_name(target)
    assert name.parent == target.parent
    assert name.name.startswith(".") and name.name.endswith(f"{suffix}.tmp")
    assert len(os.fsencode(name.name)) <= NAME_MAX
    assert files._TEMPORARY.match(name.name)


@pytest.fixture
def unprivileged_folder():
    """A folder writable by an ordinary user, and a way to act as that user (``nobody`` when
    the tests run as root: root may write anything, which would hide the problem)."""
    folder = Path(tempfile.mkdtemp(prefix="reportgen-perm-"))
    folder.chmod(0o777)
    yield folder
    folder.chmod(0o777)
    shutil.rmtree(folder)


class _AsUser:
    def __enter__(self) -> None:
        self.root = os.geteuid() == 0
        if self.root:
            os.setegid(65534)
            os.seteuid(65534)

    def __exit__(self, *exc: object) -> None:
        if self.root:
            os.seteuid(0)
            os.setegid(0)


@pytest.mark.skipif(not hasattr(os, "geteuid"), reason="POSIX permissions")
def test_a_read_only_old_report_is_replaced_and_stays_read_only(unprivileged_folder):
    """An old report with permissions 0444 in a writable folder is replaced (as Word would
    save over it), and the new one is 0444 as well."""
    target = unprivileged_folder / "r.docx"
    with _AsUser():
        target.write_bytes(OLD)
        target.chmod(0o444)
        write_atomically(target, b"new")
    assert target.read_bytes() == b"new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o444


@pytest.mark.skipif(not hasattr(os, "geteuid"), reason="POSIX permissions")
def test_a_folder_without_write_permission_is_named_as_the_reason(unprivileged_folder):
    """When the folder itself may not be written, the message says so (not "open in Word")."""
    target = unprivileged_folder / "r.docx"
    with _AsUser():
        target.write_bytes(OLD)
    unprivileged_folder.chmod(0o555)
    try:
        with _AsUser(), pytest.raises(UsageError) as caught:
            write_atomically(target, b"new")
    finally:
        unprivileged_folder.chmod(0o777)
    message = str(caught.value)
    assert "权限" in message and str(unprivileged_folder) in message and "Word" not in message
    assert target.read_bytes() == OLD


def test_a_symbolic_link_at_the_target_is_replaced_not_followed(tmp_path):
    """A link named like the output is replaced by the file; what it pointed to is untouched."""
    precious = tmp_path / "workbook.xlsx"
    precious.write_bytes(OLD)
    link = tmp_path / "page-1.png"
    link.symlink_to(precious)
    write_atomically(link, b"picture")
    assert not link.is_symlink() and link.read_bytes() == b"picture"
    assert precious.read_bytes() == OLD


def test_staged_files_arrive_together_or_not_at_all(tmp_path):
    """Staged files replace their targets only at commit; leaving without committing removes
    the temporary files and leaves the old ones."""
    report, pdf = tmp_path / "r.docx", tmp_path / "r.pdf"
    report.write_bytes(OLD)
    with Staging() as staging:
        files.write_bytes(staging.beside(report), b"new report")
        files.write_bytes(staging.beside(pdf), b"new pdf")
        assert report.read_bytes() == OLD and not pdf.exists()
    assert report.read_bytes() == OLD and not pdf.exists() and _temporaries(tmp_path) == []
    with Staging() as staging:
        files.write_bytes(staging.beside(report), b"new report")
        files.write_bytes(staging.beside(pdf), b"new pdf")
        staging.drop(pdf)
        staging.commit()
    assert report.read_bytes() == b"new report" and not pdf.exists()
    assert _temporaries(tmp_path) == []


def _dead_pid() -> int:
    process = subprocess.Popen(["true"])
    process.wait()
    return process.pid


def test_temporary_files_of_killed_runs_are_removed_by_the_next_run(tmp_path, monkeypatch):
    """The next run writing to a folder removes the temporary files of runs of this machine
    that are gone (SIGKILL); those of live runs, of other machines, newer than this run, and
    other files stay."""
    monkeypatch.setattr(files, "_cleaned", set())
    old = time.time() - 3600
    dead, alive = _dead_pid(), os.getppid()
    names = {
        f".报告~{files._HOST}-{dead}-abc123.docx.tmp": False,
        f".报告~{files._HOST}-{dead}-abc124.pdf.tmp": False,
        f".报告~{files._HOST}-{alive}-abc125.docx.tmp": True,
        f".报告~zzzz-{dead}-abc126.docx.tmp": True,
        "报告.docx": True,
    }
    other_host = f".报告~{'0000' if files._HOST != '0000' else '1111'}-{dead}-abc127.docx.tmp"
    names[other_host] = True
    for name in names:
        (tmp_path / name).write_bytes(b"x")
        os.utime(tmp_path / name, (old, old))
    recent = tmp_path / f".新~{files._HOST}-{dead}-abc128.docx.tmp"
    recent.write_bytes(b"x")
    monkeypatch.setattr(files, "_STARTED", old + 1)
    clean_stale_temporaries(tmp_path)
    kept = {p.name for p in tmp_path.iterdir()}
    assert kept == {name for name, stays in names.items() if stays} | {recent.name}


def test_a_reason_from_the_system_is_said_in_chinese(tmp_path: Path):
    """The system's own words (``No such file or directory``, ``File exists``) never reach the
    clerk: the errno is said in Chinese, an unknown one by its name; an error raised without
    an errno keeps its own text."""
    from reportgen.files import os_reason

    with pytest.raises(OSError) as missing:
        (tmp_path / "没有" / "x").open("rb")
    assert os_reason(missing.value) == "文件或文件夹不存在"
    (tmp_path / "文件").write_bytes(b"")
    with pytest.raises(OSError) as clash:
        (tmp_path / "文件").mkdir()
    assert os_reason(clash.value) == "路径中已有同名的文件，不是文件夹"
    assert os_reason(OSError(errno.ENOEXEC, "Exec format error")) == "系统错误 ENOEXEC"
    assert os_reason(OSError("磁盘已满")) == "磁盘已满"  # ours, not the system's
    assert os_reason(OSError()) == "系统错误 OSError"
