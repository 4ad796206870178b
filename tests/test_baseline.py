"""--write-baseline and --baseline: adopting reportlint on an archive. Findings
match by path, rule, message and line text, not line number; stale entries
are counted; a bad baseline file is a clear error."""

import json

import pytest
from click.testing import CliRunner

from linter.cli import main

OLD = "2023年2月10日\n\n构建新冠肺炎患者分级诊疗服务体系\n反诈微电影《羊》、《安安》荣获一等奖。\n"


def invoke(*args):
    return CliRunner().invoke(main, ["check", "--no-cache", *args], env={"GITHUB_ACTIONS": ""}, catch_exceptions=False)


@pytest.fixture
def archive(tmp_path, monkeypatch):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.txt").write_text(OLD, encoding="utf-8")
    (tmp_path / "docs" / "b.txt").write_text(OLD, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_a_baseline_hides_todays_findings_and_reports_only_new_ones(archive):
    written = invoke("--write-baseline", "baseline.json", "docs")
    assert written.exit_code == 0 and "Wrote 4 findings to the baseline baseline.json." in written.output
    data = json.loads((archive / "baseline.json").read_text(encoding="utf-8"))
    assert data["format"] == "reportlint-baseline" and {e["path"] for e in data["findings"]} == {"docs/a.txt", "docs/b.txt"}
    assert all(set(e) == {"path", "rule", "message", "line_text", "count"} for e in data["findings"])
    assert invoke("--baseline", "baseline.json", "docs").output == "4 findings in the baseline not shown.\nNo findings in 2 files.\n"

    # Lines added above move every old finding; a new finding is the only one reported.
    (archive / "docs" / "a.txt").write_text("前言,新加的一段。\n\n" + OLD, encoding="utf-8")
    result = invoke("--baseline", "baseline.json", "--format", "json", "docs")
    assert [(f["path"], f["line"], f["rule"]) for f in json.loads(result.stdout)] == [("docs/a.txt", 1, "TY002")]
    assert result.exit_code == 1


def test_fixed_findings_leave_stale_entries_that_are_counted(archive):
    invoke("--write-baseline", "baseline.json", "docs")
    (archive / "docs" / "b.txt").write_text(OLD.replace("《羊》、《安安》", "《羊》《安安》"), encoding="utf-8")
    result = invoke("--baseline", "baseline.json", "docs")
    assert "3 findings in the baseline not shown; 1 baseline entry no longer found (rewrite it with --write-baseline to drop them)." in result.output
    # Linting one file judges only that file's entries.
    assert "no longer found" not in invoke("--baseline", "baseline.json", "docs/a.txt").output


def test_identical_findings_are_counted_so_a_second_one_is_new(archive):
    invoke("--write-baseline", "baseline.json", "docs/a.txt")
    (archive / "docs" / "a.txt").write_text(OLD + "反诈微电影《羊》、《安安》荣获一等奖。\n", encoding="utf-8")
    findings = json.loads(invoke("--baseline", "baseline.json", "--format", "json", "docs/a.txt").stdout)
    assert [(f["rule"], f["line"]) for f in findings] == [("TY008", 5)]


def test_paths_are_relative_to_the_baseline_so_it_works_from_another_folder(archive, monkeypatch):
    invoke("--write-baseline", "baseline.json", "docs")
    monkeypatch.chdir(archive / "docs")
    assert "No findings in 2 files." in invoke("--baseline", "../baseline.json", ".").output


@pytest.mark.parametrize("content,message", [
    (None, "no such baseline file"),
    ("{not json", "is not a reportlint baseline (invalid JSON"),
    ('{"findings": []}', "is not a reportlint baseline"),
    ('{"format": "reportlint-baseline", "version": 9, "findings": []}', "baseline version 9 is not supported"),
    ('{"format": "reportlint-baseline", "version": 1, "findings": [{"path": "a.txt"}]}', "baseline entry 1 needs path, rule, message and line_text"),
])
def test_a_bad_baseline_is_a_clear_error(archive, content, message):
    if content is not None:
        (archive / "baseline.json").write_text(content, encoding="utf-8")
    result = invoke("--baseline", "baseline.json", "docs")
    assert result.exit_code == 2 and message in result.output and "Traceback" not in result.output
