"""The Python API (`from linter import lint_paths, lint_text`): the findings of
`reportlint check`, as Violations; input errors raised or reported; a cheap import."""

import datetime
import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from linter import InputError, Violation, lint_paths, lint_text
from linter.cli import main
from tests.conftest import FIXTURE_CORPUS, ROOT, SEEDS
from tests.makefiles import write_docx

BAD = "2023年2月10日\n\n会议于2023年2月30日召开，构建新冠肺炎患者分级诊疗服务体系。\n"


def check_json(*args, input=None):
    result = CliRunner().invoke(main, ["check", "--format", "json", "--no-cache", *args], input=input, env={"GITHUB_ACTIONS": ""})
    return result.exit_code, json.loads(result.output)


def test_lint_paths_gives_what_check_reports():
    code, reported = check_json(str(SEEDS), str(FIXTURE_CORPUS))
    found = lint_paths([SEEDS, FIXTURE_CORPUS])
    assert code == 1 and len(found) > 20
    assert all(isinstance(v, Violation) for v in found)
    assert [v.to_dict() for v in found] == reported


def test_lint_text_gives_what_check_reports_for_standard_input():
    _, reported = check_json("-", "--stdin-filename", "report.txt", input=BAD.encode("utf-8"))
    found = lint_text(BAD, filename="report.txt")
    assert [v.to_dict() for v in found] == reported
    assert {(v.rule, v.line, v.column) for v in found} >= {("DT001", 3, 4), ("TM001", 3, 19)}


def test_select_ignore_and_date_take_the_command_line_forms():
    assert {v.rule for v in lint_text(BAD, select="DT001")} == {"DT001"}
    assert {v.rule for v in lint_text(BAD, select=["DT001", "TM"])} == {"DT001", "TM001"}
    assert "TM001" not in {v.rule for v in lint_text(BAD, ignore="terminology")}
    text = "构建新冠肺炎患者分级诊疗服务体系。\n"  # renamed on 2022-12-26: flagged in documents published since
    assert [v.rule for v in lint_text(text, date="2023-01-15", select="TM001")] == ["TM001"]
    assert [v.rule for v in lint_text(text, date=datetime.date(2023, 1, 15), select="TM001")] == ["TM001"]
    assert lint_text(text, date="2022-06-01", select="TM001") == []
    with pytest.raises(ValueError, match="not a real date"):
        lint_text(text, date="2024-02-30")
    with pytest.raises(ValueError, match="errors="):
        lint_text(text, errors="ignore")


def test_input_errors_raise_one_type_or_are_reported(tmp_path, monkeypatch):
    monkeypatch.setattr("linter.readers.office.soffice", lambda: None)  # a .doc is an input error without LibreOffice
    good = tmp_path / "good.txt"
    good.write_text(BAD, encoding="utf-8")
    bad = tmp_path / "old.doc"
    bad.write_bytes(b"\xd0\xcf\x11\xe0 not text")
    with pytest.raises(InputError) as raised:
        lint_paths([good, bad])
    assert raised.value.path == str(bad) and "soffice" in raised.value.reason
    assert [v.rule for v in raised.value.errors] == ["RL001"]
    reported = lint_paths([good, bad], errors="report")
    assert [v.rule for v in reported if v.path == str(bad)] == ["RL001"]
    assert [v for v in reported if v.path == str(good)] == lint_paths(good)
    with pytest.raises(InputError, match="no such file"):
        lint_paths(tmp_path / "missing.txt")
    with pytest.raises(InputError, match="no file to lint"):
        lint_paths(ROOT / "linter" / "schemas")


def test_config_is_found_or_given_and_its_errors_raise(tmp_path):
    (tmp_path / ".reportlint.yaml").write_text("ignore: [DT001]\n", encoding="utf-8")
    document = tmp_path / "a.txt"
    document.write_text(BAD, encoding="utf-8")
    assert "DT001" not in {v.rule for v in lint_paths(document)}  # found upwards from the path
    assert "DT001" not in {v.rule for v in lint_text(BAD, filename=str(tmp_path / "b.txt"))}
    other = tmp_path / "other.yaml"
    other.write_text("packs: [default]\n", encoding="utf-8")
    assert "DT001" in {v.rule for v in lint_paths(document, config=other)}
    broken = tmp_path / "broken.yaml"
    broken.write_text("packs: [default]\nfail-on: sometimes\n", encoding="utf-8")
    with pytest.raises(InputError) as raised:
        lint_paths(document, config=broken)
    assert raised.value.path == str(broken) and raised.value.line == 2


def test_lint_text_reads_a_word_file_given_as_bytes(tmp_path):
    docx = write_docx(tmp_path / "a.docx", ["会议于2023年2月30日召开。"])
    found = lint_text(docx.read_bytes(), filename="a.docx", select="DT001")
    assert [(v.path, v.line, v.rule) for v in found] == [("a.docx", 1, "DT001")]


def test_importing_the_package_does_not_load_the_api():
    code = "import sys, linter; assert not any(m.startswith('linter.') for m in sys.modules), sorted(sys.modules)"
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)
