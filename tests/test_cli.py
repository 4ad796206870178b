"""The command line: check on the seeds, output formats, exit codes, errors, rules, explain, init."""

import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET

from click.testing import CliRunner

from linter.cli import main
from linter.engine import JSON_KEYS
from tests.conftest import ROOT, SEEDS

SEED_000 = str(SEEDS / "000_5a305377e07a99ac.txt")


def invoke(*args, env=None):
    return CliRunner().invoke(main, list(args), env=env or {"GITHUB_ACTIONS": ""}, catch_exceptions=False)


def test_check_seeds_reports_the_renamed_covid_term_and_exits_1():
    result = invoke("check", str(SEEDS))
    assert result.exit_code == 1
    assert f"{SEED_000}:83:3: TM001 [warning] “新冠肺炎”已更名，应为“新冠病毒感染”" in result.output
    assert "   83 | 构建新冠肺炎患者分级诊疗服务体系\n      |     ^^^^^^^^\n" in result.output
    assert "Found " in result.output


def test_json_output_is_the_documented_contract():
    result = invoke("check", "--format", "json", SEED_000)
    findings = json.loads(result.output)
    assert findings and all(tuple(f) == JSON_KEYS for f in findings)
    tm001 = next(f for f in findings if f["rule"] == "TM001")
    assert tm001 == {
        "path": SEED_000, "line": 83, "column": 3, "end_line": 83, "end_column": 7, "rule": "TM001",
        "category": "terminology", "severity": "warning", "message": tm001["message"],
        "fix": {"safe": False, "in_place": True, "edits": [{"line": 83, "column": 3, "end_line": 83, "end_column": 7, "content": "新冠病毒感染"}]},
    }


def test_github_output_and_automatic_choice_under_actions():
    result = invoke("check", SEED_000, env={"GITHUB_ACTIONS": "true"})
    assert f"::warning file={SEED_000},line=83,col=3,endLine=83,endColumn=7,title=TM001::TM001 “新冠肺炎”已更名" in result.output


def test_sarif_output_is_sarif_2_1_0():
    log = json.loads(invoke("check", "--format", "sarif", SEED_000).output)
    assert log["version"] == "2.1.0" and log["$schema"].endswith("sarif-2.1.0.json")
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["level"] in ("error", "warning", "note")
        region = result["locations"][0]["physicalLocation"]["region"]
        assert region["startLine"] >= 1 and region["startColumn"] >= 1
    assert any(r["ruleId"] == "TM001" and r["locations"][0]["physicalLocation"]["region"]["startLine"] == 83 for r in run["results"])


def test_junit_output_is_valid_xml_with_one_failure_per_finding():
    root = ET.fromstring(invoke("check", "--format", "junit", str(SEEDS)).output)
    assert root.tag == "testsuites"
    suites = root.findall("testsuite")
    assert len(suites) == 5
    failures = root.findall(".//failure")
    assert len(failures) == int(root.get("failures")) >= 1
    assert any("TM001" in f.text for f in failures)


def test_exit_codes_fail_on_and_exit_zero(tmp_path):
    clean = tmp_path / "clean.txt"
    clean.write_text("三峡医院召开2023年度工作会议。\n", encoding="utf-8")
    assert invoke("check", str(clean)).exit_code == 0
    warned = tmp_path / "warned.txt"  # TM001, a warning
    warned.write_text("2023年2月10日\n\n构建新冠肺炎患者分级诊疗服务体系\n", encoding="utf-8")
    assert invoke("check", "--exit-zero", SEED_000).exit_code == 0
    assert invoke("check", "--fail-on", "error", str(warned)).exit_code == 0
    assert invoke("check", "--fail-on", "warning", str(warned)).exit_code == 1
    assert invoke("check", "--fail-on", "error", SEED_000).exit_code == 1  # SE001 is an error


def test_bad_inputs_are_reported_and_the_others_still_linted(tmp_path):
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    result = invoke("check", str(tmp_path / "binary.txt"), str(tmp_path / "missing"), str(tmp_path / "empty.txt"), SEED_000)
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert "binary.txt: looks like a binary file" in result.stderr
    assert f"{tmp_path / 'missing'}: no such file or directory" in result.stderr
    assert "empty.txt: empty file, nothing to lint" in result.stderr
    assert "TM001" in result.stdout


def test_folders_recurse_skip_hidden_and_honour_exclude(tmp_path):
    for name in ("a/x.txt", "a/b/y.md", ".git/z.txt", "a/skip/w.txt", "a/notes.docx"):
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("本报讯\n", encoding="utf-8")
    result = invoke("check", "--show-metadata", "--exclude", "skip", str(tmp_path / "a"))
    checked = sorted(line.split(":")[0] for line in result.output.splitlines() if " date=" in line)
    assert checked == [str(tmp_path / "a/b/y.md"), str(tmp_path / "a/x.txt")]


def test_statistics_groups_findings_per_rule(tmp_path):
    doc = tmp_path / "many.txt"
    doc.write_text("\n".join(["抓质量...抓服务"] * 300) + "\n", encoding="utf-8")
    result = invoke("check", "--statistics", str(doc))
    assert result.output.splitlines()[0].split()[:2] == ["300", "TY001"]
    assert len(result.output.splitlines()) == 2  # the table row and the summary


def test_select_and_ignore_on_the_command_line():
    assert "TM001" not in invoke("check", "--ignore", "TM001", SEED_000).output
    only = invoke("check", "--select", "sections", SEED_000).output
    assert "SE001" in only and "TM001" not in only
    bad = invoke("check", "--select", "XX999", SEED_000)
    assert bad.exit_code == 2 and "unknown rule, category or pack 'XX999'" in bad.output


def test_config_errors_exit_2_with_file_and_line(tmp_path):
    (tmp_path / "bad.yaml").write_text("packs: [default\n", encoding="utf-8")
    result = invoke("check", "--config", str(tmp_path / "bad.yaml"), SEED_000)
    assert result.exit_code == 2 and f"{tmp_path / 'bad.yaml'}:2: invalid YAML" in result.output


def test_date_option_sets_the_publication_date(tmp_path):
    doc = tmp_path / "a.txt"
    doc.write_text("构建新冠肺炎患者分级诊疗服务体系\n", encoding="utf-8")
    assert invoke("check", str(doc)).exit_code == 0
    assert invoke("check", "--date", "2023-02-10", str(doc)).exit_code == 1
    bad = invoke("check", "--date", "2023-02-30", str(doc))
    assert bad.exit_code == 2 and "not a real date" in bad.output


def test_rules_explain_and_test_rules():
    listing = invoke("rules").output
    assert "TM001   terminology  warning  terminology" in listing
    explained = invoke("explain", "tm001")
    assert explained.exit_code == 0 and "国家卫生健康委员会公告2022年第7号" in explained.output and "✗ 构建新冠肺炎" in explained.output
    assert invoke("explain", "XX999").exit_code == 2
    tested = invoke("test-rules")
    assert tested.exit_code == 0 and " 0 failed" in tested.output


def test_test_rules_fails_loudly_on_a_rule_that_never_matches(tmp_path):
    rule_file = tmp_path / "ours.yaml"
    rule_file.write_text(
        "rules:\n  - id: XX001\n    category: terminology\n    severity: warning\n    type: pattern\n"
        "    pattern: '\\b新冠肺炎\\b'\n    message: 不用“{found}”\n"
        "    examples: {bad: [构建新冠肺炎患者分级诊疗服务体系], good: [构建分级诊疗服务体系]}\n",
        encoding="utf-8",
    )
    result = invoke("test-rules", str(rule_file))
    assert result.exit_code == 1
    assert f"{rule_file}:2: XX001 bad example did not fire" in result.output


def test_init_writes_a_valid_starter_config(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = invoke("init")
    assert result.exit_code == 0 and "wrote .reportlint.yaml" in result.output
    assert invoke("init").exit_code == 2  # will not overwrite
    assert invoke("check", SEED_000).exit_code == 1  # the starter config loads and is used


def test_python_dash_m_and_console_script_agree():
    result = subprocess.run([sys.executable, "-m", "linter", "check", "--format", "json", SEED_000], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 1 and json.loads(result.stdout)


def test_the_program_ends_with_the_exit_status_the_whole_output_and_its_cache_written(tmp_path):
    """linter.__main__.run ends the process without the interpreter's teardown: what that
    teardown did for us (the exit status, flushed output, the exit handlers) is still done."""
    environment = {**os.environ, "REPORTLINT_CACHE_DIR": str(tmp_path / "cache"), "GITHUB_ACTIONS": ""}

    def program(*args):
        return subprocess.run([sys.executable, "-m", "linter", *args], capture_output=True, text=True, cwd=ROOT, env=environment)

    done = program("check", "--no-cache", str(SEEDS))
    assert done.returncode == 1 and done.stdout == invoke("check", "--no-cache", str(SEEDS)).output
    assert any(p.name.startswith("regex-patterns.") for p in (tmp_path / "cache").iterdir())  # written by an exit handler
    assert program("check", "--no-cache", "--exit-zero", SEED_000).returncode == 0
    missing = program("check", str(tmp_path / "none.txt"))
    assert missing.returncode == 2 and "no such file" in missing.stderr
    assert program("check", "--bogus").returncode == 2


def test_the_readme_rule_file_example_works_as_written(tmp_path):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    example = readme.split("### Writing a rule", 1)[1].split("```yaml", 1)[1].split("```", 1)[0]
    (tmp_path / "our-terms.yaml").write_text(example, encoding="utf-8")
    result = invoke("test-rules", str(tmp_path / "our-terms.yaml"))
    assert result.exit_code == 0 and "1 rules, 2 examples, 0 failed" in result.output


def test_facts_option_loads_the_fact_sheet(tmp_path):
    doc = tmp_path / "a.txt"
    doc.write_text("2023年2月10日\n\n会上，院长杨德清作了题为《秉润初心践使命 奋楫扬帆启新程》的总结报告。\n", encoding="utf-8")
    assert "NM001" not in invoke("check", str(doc)).output
    assert "NM001" in invoke("check", "--facts", str(SEEDS / "facts.yaml"), str(doc)).output
    missing = invoke("check", "--facts", str(tmp_path / "none.yaml"), str(doc))
    assert missing.exit_code == 2 and "none.yaml: no such file" in missing.output
