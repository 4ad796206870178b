"""Output formats and CI signals: every machine format reports input errors and
agrees with the exit code, SARIF validates against the SARIF 2.1.0 schema,
JUnit fails exactly at --fail-on, --output-file, --color, concise, the summary."""

import io
import json
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from linter.cli import _Progress, main
from linter.engine import JSON_KEYS
from linter.formatters import FORMATTERS

SARIF_SCHEMA = json.loads((Path(__file__).parent / "schemas" / "sarif-2.1.0-rtm.5.json").read_text(encoding="utf-8"))
WARNED = "2023年2月10日\n\n构建新冠肺炎患者分级诊疗服务体系\n"  # TM001, a warning
NOTED = "反诈微电影《羊》、《安安》荣获一等奖。\n"  # TY008, info


def invoke(*args, env=None):
    return CliRunner().invoke(main, ["check", "--no-cache", *args], env={"GITHUB_ACTIONS": "", **(env or {})}, catch_exceptions=False)


@pytest.fixture
def folder(tmp_path, monkeypatch):
    """A folder of three files (one with a warning, one with an info, one clean) and an undecodable one; the cwd."""
    (tmp_path / "院报第2期.txt").write_text(WARNED, encoding="utf-8")
    (tmp_path / "notes.txt").write_text(NOTED, encoding="utf-8")
    (tmp_path / "clean.txt").write_text("三峡医院召开2023年度工作会议。\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def add_binary(folder):
    (folder / "broken.txt").write_bytes(b"\x00\x01\x02")


def test_summary_counts_files_linted_not_only_those_with_findings(folder):
    result = invoke(".")
    assert result.output.splitlines()[-1] == "Found 2 findings (1 warning, 1 info) in 2 of 3 files; [*] 1 fixable with --fix (1 more with --fix --unsafe-fixes)."
    assert invoke("clean.txt").output == "No findings in 1 file.\n"


def test_concise_is_one_line_per_finding(folder):
    result = invoke("--format", "concise", "院报第2期.txt")
    assert result.output == "院报第2期.txt:3:3: TM001 [warning] “新冠肺炎”已更名，应为“新冠病毒感染”（国家卫生健康委公告2022年第7号）\n" \
                            "Found 1 finding (1 warning) in 1 of 1 file; 1 fixable with --fix --unsafe-fixes.\n"


def test_input_errors_are_in_every_machine_format_and_agree_with_exit_2(folder):
    add_binary(folder)
    findings = json.loads(invoke("--format", "json", ".").stdout)
    error = next(f for f in findings if f["rule"] == "RL001")
    assert tuple(error) == JSON_KEYS and error["path"] == "broken.txt" and error["severity"] == "error" and error["category"] == "input"
    assert error["line"] == 1 and "binary" in error["message"]
    assert all(tuple(f) == JSON_KEYS for f in findings)

    sarif = json.loads(invoke("--format", "sarif", ".").stdout)
    run = sarif["runs"][0]
    assert run["invocations"] == [{"executionSuccessful": False}]
    result = next(r for r in run["results"] if r["ruleId"] == "RL001")
    assert result["level"] == "error" and result["locations"][0]["physicalLocation"]["region"]["startLine"] == 1
    assert run["tool"]["driver"]["rules"][result["ruleIndex"]]["properties"]["category"] == "input"

    github = invoke("--format", "github", ".")
    assert "::error file=broken.txt,line=1,col=1,endLine=1,endColumn=1,title=RL001::RL001 looks like a binary file" in github.stdout

    junit = ET.fromstring(invoke("--format", "junit", ".").stdout)
    assert junit.get("errors") == "1" and junit.find(".//testsuite[@name='broken.txt']/testcase/error") is not None

    for output_format in ("json", "sarif", "github", "junit", "html", "text", "concise"):
        assert invoke("--format", output_format, ".").exit_code == 2


def test_junit_failures_are_exactly_the_findings_at_or_above_fail_on(folder):
    for fail_on, failures, skipped, exit_code in (("warning", 1, 1, 1), ("error", 0, 2, 0), ("info", 2, 0, 1)):
        result = invoke("--format", "junit", "--fail-on", fail_on, ".")
        root = ET.fromstring(result.stdout)
        assert (int(root.get("failures")), int(root.get("skipped")), result.exit_code) == (failures, skipped, exit_code)
        assert len(root.findall(".//failure")) == failures and len(root.findall(".//skipped")) == skipped


def test_sarif_is_valid_sarif_2_1_0_with_percent_encoded_uris(folder):
    add_binary(folder)
    sarif = json.loads(invoke("--format", "sarif", ".").stdout)
    jsonschema.Draft4Validator(SARIF_SCHEMA).validate(sarif)
    run = sarif["runs"][0]
    assert run["tool"]["driver"]["informationUri"].startswith("https://")
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == folder.resolve().as_uri() + "/"
    locations = {r["ruleId"]: r["locations"][0]["physicalLocation"]["artifactLocation"] for r in run["results"]}
    assert locations["TM001"] == {"uri": "%E9%99%A2%E6%8A%A5%E7%AC%AC2%E6%9C%9F.txt", "uriBaseId": "%SRCROOT%"}
    for location in locations.values():
        assert re.fullmatch(r"[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+", location["uri"])  # RFC 3986 characters only
    fix = next(r for r in run["results"] if r["ruleId"] == "TY008")["fixes"][0]
    assert fix["artifactChanges"][0]["replacements"][0]["insertedContent"] == {"text": "》"}


def test_sarif_outside_the_working_folder_is_an_absolute_file_uri(folder, tmp_path_factory):
    other = tmp_path_factory.mktemp("其他")
    (other / "a.txt").write_text(NOTED, encoding="utf-8")
    sarif = json.loads(invoke("--format", "sarif", str(other / "a.txt")).stdout)
    location = sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location == {"uri": (other / "a.txt").resolve().as_uri()} and "%E5%85%B6%E4%BB%96" in location["uri"]
    jsonschema.Draft4Validator(SARIF_SCHEMA).validate(sarif)


@pytest.mark.network
@pytest.mark.skipif(shutil.which("npx") is None, reason="npx is not installed")
def test_microsofts_sarif_multitool_accepts_the_sarif(folder):
    add_binary(folder)
    (folder / "out.sarif").write_text(invoke("--format", "sarif", ".").stdout, encoding="utf-8")
    done = subprocess.run(["npx", "-y", "@microsoft/sarif-multitool", "validate", "out.sarif"], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    assert ": error " not in done.stdout, done.stdout


def test_output_file_holds_what_standard_output_would(folder):
    for output_format in FORMATTERS:
        printed = invoke("--format", output_format, ".")
        written = invoke("--format", output_format, "--output-file", f"report.{output_format}", ".")
        assert written.stdout == "" and written.exit_code == printed.exit_code == 1
        assert (folder / f"report.{output_format}").read_text(encoding="utf-8") == printed.stdout, output_format
    bad = invoke("--output-file", "missing/folder/report.txt", ".")
    assert bad.exit_code == 2 and "cannot write the report" in bad.output


def test_color_always_never_and_auto(folder):
    assert "\x1b[" in invoke("--color", "always", ".").output
    assert "\x1b[" not in invoke("--color", "never", ".").output
    assert "\x1b[" not in invoke(".").output  # auto, and the output is not a terminal
    assert "\x1b[" not in invoke("--color", "always", "--format", "json", ".").output


class Terminal(io.StringIO):
    def isatty(self):
        return True


def test_progress_bar_only_on_a_terminal_outside_ci_after_a_while(monkeypatch):
    terminal = Terminal()
    monkeypatch.setattr("sys.stderr", terminal)
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setattr(_Progress, "PROGRESS_AFTER", 0.0)
    with _Progress(3, enabled=True) as progress:
        for _ in range(3):
            progress(None)
    assert "reportlint" in terminal.getvalue() and "3/3" in terminal.getvalue()
    monkeypatch.setenv("CI", "true")
    with _Progress(3, enabled=True) as progress:
        assert progress is None
    monkeypatch.delenv("CI")
    with _Progress(3, enabled=False) as progress:  # a machine format
        assert progress is None
