"""Damaged input files: each is an input error for that file (exit 2, no traceback),
and every other file of the run is still linted."""

import io
import json
import os
import signal
import zipfile

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from linter.cli import main
from tests.makefiles import add_footnotes, write_docx, write_pdf

import pytest

GOOD = "我们要认真贯彻落实。。会议精神\n"  # TY013 fires on it


def run_check(folder, *names):
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    before = sorted(p.name for p in folder.iterdir())
    result = CliRunner().invoke(main, ["check", "--format", "json", "--no-cache", "--jobs", "1", "--date", "2023-02-10",
                                       str(folder / "good.txt"), *(str(folder / name) for name in names)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    assert result.exit_code in (0, 1, 2)
    findings = json.loads(result.stdout)
    assert any(f["path"].endswith("good.txt") and f["rule"] == "TY013" for f in findings)
    assert sorted(p.name for p in folder.iterdir()) == before  # nothing written
    return result, findings


def rezip(data: bytes, change) -> bytes:
    """The .docx with `change(name, bytes)` applied to each member: bytes, None (dropped) or a list (duplicated)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for name in source.namelist():
            kept = change(name, source.read(name))
            for piece in (kept if isinstance(kept, list) else [kept] if kept is not None else []):
                target.writestr(name, piece)
    return out.getvalue()


@pytest.fixture(scope="module")
def word_file(tmp_path_factory):
    path = write_docx(tmp_path_factory.mktemp("docx") / "报告.docx", ["2023年工作总结", "一、主要工作", "构建分级诊疗体系。"],
                      {1: 1}, header="院报")
    add_footnotes(path, ["见国务院文件。"])
    return path.read_bytes()


@pytest.fixture(scope="module")
def pdf_file(tmp_path_factory):
    return write_pdf(tmp_path_factory.mktemp("pdf") / "报告.pdf", "2023年工作总结\n构建分级诊疗体系。\n").read_bytes()


@pytest.mark.parametrize("part", ["word/document.xml", "word/header1.xml", "word/footnotes.xml", "word/styles.xml",
                                  "word/numbering.xml", "word/_rels/document.xml.rels"])
def test_a_part_that_is_not_well_formed_xml_names_the_part_line_and_column(tmp_path, word_file, part):
    def undefined_prefix(name, data):
        return data.replace(b"?>", b"?>\n<q:broken/>", 1) if name == part else data

    assert part in zipfile.ZipFile(io.BytesIO(word_file)).namelist()
    (tmp_path / "坏.docx").write_bytes(rezip(word_file, undefined_prefix))
    result, findings = run_check(tmp_path, "坏.docx")
    assert result.exit_code == 2
    assert f"坏.docx: is not a readable .docx file: {part} is not well-formed XML at line 2, column " in result.stderr


def test_a_pdf_with_broken_objects_is_an_input_error(tmp_path, pdf_file):
    (tmp_path / "坏.pdf").write_bytes(pdf_file.replace(b"endobj", b"endobjX").replace(b"stream", b"strXam", 1))
    result, findings = run_check(tmp_path, "坏.pdf")
    assert result.exit_code in (0, 1, 2)  # pdfminer reads what it can of a damaged PDF; never a traceback


def _flip(data, positions):
    data = bytearray(data)
    for position in positions:
        data[position % len(data)] ^= 0xFF
    return bytes(data)


byte_mutations = st.one_of(
    st.lists(st.integers(min_value=0), min_size=1, max_size=20).map(lambda ps: lambda d: _flip(d, ps)),
    st.floats(min_value=0, max_value=1).map(lambda f: lambda d: d[: int(len(d) * f)]),
    st.tuples(st.floats(0, 1), st.floats(0, 0.2)).map(lambda t: lambda d: d[: int(len(d) * t[0])] + d[int(len(d) * (t[0] + t[1])):]),
)


def _member_mutation(kind, index, cut):
    def mutate(data):
        names = zipfile.ZipFile(io.BytesIO(data)).namelist()
        target = names[index % len(names)]

        def change(name, blob):
            if name != target:
                return blob
            if kind == "drop":
                return None
            if kind == "duplicate":
                return [blob, blob]
            if kind == "truncate":
                return blob[: int(len(blob) * cut)]
            return blob.replace(b"<w:", b"<x:", 1).replace(b">", b"<", 1)  # corrupt the XML

        return rezip(data, change)

    return mutate


zip_mutations = st.builds(_member_mutation, st.sampled_from(["drop", "duplicate", "truncate", "corrupt"]),
                          st.integers(min_value=0), st.floats(0, 1))

FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


@FUZZ
@given(mutation=st.one_of(zip_mutations, byte_mutations))
def test_a_mutated_word_file_never_ends_the_run(tmp_path_factory, word_file, mutation):
    folder = tmp_path_factory.mktemp("fuzz")
    (folder / "变.docx").write_bytes(mutation(word_file))
    run_check(folder, "变.docx")


@FUZZ
@given(mutation=byte_mutations)
def test_a_mutated_pdf_never_ends_the_run(tmp_path_factory, pdf_file, mutation):
    folder = tmp_path_factory.mktemp("fuzz")
    (folder / "变.pdf").write_bytes(mutation(pdf_file))
    run_check(folder, "变.pdf")


# -- signals and a parent that dies -------------------------------------------------

def _children(pid):
    try:
        return [int(c) for c in open(f"/proc/{pid}/task/{pid}/children").read().split()]
    except OSError:
        return []


def _alive(pid):
    try:
        state = next(line for line in open(f"/proc/{pid}/status") if line.startswith("State:"))
    except (OSError, StopIteration):
        return False
    return " Z " not in state and "zombie" not in state


def _start_big_run(folder, files=2):
    import subprocess
    import sys
    import time

    (folder / "docs").mkdir()
    for i in range(files):  # two workers, each busy for seconds a file
        (folder / "docs" / f"{i}.txt").write_text("2023年，全市地区生产总值增长5.2%，构建分级诊疗服务体系。\n" * 12000, encoding="utf-8")
    process = subprocess.Popen([sys.executable, "-m", "linter", "check", "-j", "2", "--no-cache", "-o", str(folder / "report.txt"),
                                str(folder / "docs")], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    for _ in range(600):  # until the workers are forked
        if len(_children(process.pid)) == 2:
            return process, _children(process.pid)
        time.sleep(0.05)
    pytest.fail("the workers were not started")


def _gone(pids):
    import time

    for _ in range(600):
        if not any(_alive(pid) for pid in pids):
            return True
        time.sleep(0.05)
    return False


@pytest.mark.skipif(not os.path.exists("/proc/self/task"), reason="reads worker processes from /proc (Linux)")
@pytest.mark.parametrize("number", [signal.SIGTERM, signal.SIGINT])
def test_sigterm_and_sigint_stop_the_workers_and_leave_no_report(tmp_path, number):
    process, workers = _start_big_run(tmp_path)
    process.send_signal(number)
    assert process.wait(timeout=60) == 128 + number
    assert _gone(workers)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["docs"]  # no report, no temporary file
    assert b"Traceback" not in process.stderr.read()


@pytest.mark.skipif(not os.path.exists("/proc/self/task"), reason="reads worker processes from /proc (Linux)")
def test_workers_exit_when_their_parent_is_killed(tmp_path):
    process, workers = _start_big_run(tmp_path, files=12)  # more than the workers would lint in the wait below
    process.kill()
    process.wait(timeout=60)
    assert _gone(workers)
