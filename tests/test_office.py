""".doc, .wps, .rtf, .odt: converted to .docx by LibreOffice when soffice is on the PATH, linted
under the original's name; without it, the input error naming the command."""

import json
import os
import shutil
import subprocess

import pytest
from click.testing import CliRunner

from linter.cli import main
from linter.readers import office

docx = pytest.importorskip("docx")
HAS_SOFFICE = shutil.which("soffice") is not None


def invoke(*args):
    return CliRunner().invoke(main, ["check", "--no-cache", "-j", "1", *args], env={"GITHUB_ACTIONS": ""}, catch_exceptions=False)


def _word(path):
    """A .docx with a bold run, a table and a header, each with a finding."""
    document = docx.Document()
    paragraph = document.add_paragraph()
    paragraph.add_run("今年全市经济运行")
    paragraph.add_run("总体平稳,稳中有进。").bold = True
    document.add_paragraph("我们要坚持以人民为中心的的发展思想。")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "项目"
    table.cell(0, 1).text = "进展顺利,成效明显。"
    document.sections[0].header.paragraphs[0].text = "某某市人民政府办公室,2024年"
    document.save(path)
    return path


def _convert(source, suffix, folder):
    """What an office would send: the .docx saved by LibreOffice as .doc or .odt."""
    done = subprocess.run(["soffice", f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless", "--convert-to",
                           suffix.lstrip("."), "--outdir", str(folder), str(source)], capture_output=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return folder / (source.stem + suffix)


@pytest.mark.skipif(not HAS_SOFFICE, reason="LibreOffice (soffice) is not installed")
def test_doc_and_wps_are_linted_through_libreoffice_under_their_own_names(tmp_path):
    word = _word(tmp_path / "报告.docx")
    folder = tmp_path / "来文"
    folder.mkdir()
    made = _convert(word, ".doc", tmp_path)
    shutil.move(made, folder / "通知.doc")
    shutil.copy(folder / "通知.doc", folder / "总结.wps")  # WPS saves Word 97 files under its own suffix
    def places(findings):  # LibreOffice adds an empty paragraph after a table: compare 第N段 and parts, not lines
        return sorted((f["rule"], f["column"], f.get("paragraph") or 0, f.get("part") or "") for f in findings)

    expected = places(json.loads(invoke("--format", "json", str(word)).stdout))
    before = (folder / "通知.doc").read_bytes()
    result = invoke("--format", "json", "--fix", "--annotate", str(tmp_path / "批注"), str(folder))
    findings = json.loads(result.stdout)
    assert {f["path"] for f in findings} == {str(folder / "通知.doc"), str(folder / "总结.wps")}
    for name in ("通知.doc", "总结.wps"):
        found = [f for f in findings if f["path"].endswith(name)]
        assert places(found) == expected and len(expected) >= 4
        assert {f.get("paragraph") for f in found if f["line"] == 1} == {1}
        assert all(f["fix"] is None or not f["fix"]["in_place"] for f in found)  # --fix writes no .doc
        copy = tmp_path / "批注" / (name.rsplit(".", 1)[0] + ".docx")
        assert len([c for c in docx.Document(str(copy)).comments if c.author == "reportlint"]) == len(found)
    assert (folder / "通知.doc").read_bytes() == before
    assert not list(folder.glob("*.docx"))  # converted in a temporary folder, not beside the file


@pytest.mark.skipif(not HAS_SOFFICE, reason="LibreOffice (soffice) is not installed")
def test_odt_is_linted_and_its_copy_does_not_take_the_name_of_a_docx_beside_it(tmp_path):
    folder = tmp_path / "来文"
    folder.mkdir()
    word = _word(folder / "报告.docx")
    _convert(word, ".odt", folder)
    result = invoke("--annotate", str(tmp_path / "批注"), str(folder))
    assert "报告.odt:2:" in result.output and "报告.docx:2:" in result.output
    assert "Annotated 2 files" in result.output
    assert sorted(p.name for p in (tmp_path / "批注").iterdir()) == ["报告.docx", "报告.odt.docx"]


def _fake_soffice(folder, script, monkeypatch):
    """A `soffice` on the PATH that runs `script` (a shell command) instead of LibreOffice."""
    folder.mkdir()
    fake = folder / "soffice"
    fake.write_text(f"#!/bin/sh\n{script}\n", encoding="utf-8")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ['PATH']}")


def test_a_conversion_that_hangs_is_stopped_and_named(tmp_path, monkeypatch):
    _fake_soffice(tmp_path / "bin", "sleep 60", monkeypatch)
    monkeypatch.setattr(office, "TIME_LIMIT", 1)
    (tmp_path / "通知.doc").write_bytes(b"\xd0\xcf\x11\xe0")
    result = invoke(str(tmp_path / "通知.doc"))
    assert result.exit_code == 2
    assert "通知.doc: LibreOffice did not convert it to .docx within 1 s" in result.output


def test_a_failed_conversion_is_an_input_error(tmp_path, monkeypatch):
    _fake_soffice(tmp_path / "bin", "echo 'Error: source file could not be loaded' >&2; exit 1", monkeypatch)
    (tmp_path / "通知.wps").write_bytes(b"\xd0\xcf\x11\xe0")
    result = invoke(str(tmp_path / "通知.wps"))
    assert result.exit_code == 2
    assert "通知.wps: LibreOffice could not convert it to .docx (exit status 1: Error: source file could not be loaded)" in result.output


def test_without_libreoffice_the_error_names_the_command(tmp_path, monkeypatch):
    monkeypatch.setattr(office, "soffice", lambda: None)
    (tmp_path / "通知.rtf").write_bytes(b"{\\rtf1 x}")
    result = invoke(str(tmp_path / "通知.rtf"))
    assert result.exit_code == 2
    assert "通知.rtf: .rtf files are not read; convert it first (soffice --headless --convert-to docx" in result.output
