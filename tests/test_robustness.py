"""Hostile input: arbitrary text never crashes a rule, locations stay inside the
file, a catastrophic user regex cannot hang a run, huge files are skipped."""

import string
from pathlib import Path

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from linter.cli import main
from linter.document import Document, read_document
from linter.engine import lint_document
from linter.errors import UserError
from linter.rules import load_catalog

import pytest

RULES = list(load_catalog().rules.values())
_EVERY_PACK = ",".join(path.stem for path in (Path(__file__).parents[1] / "rules").glob("*.yaml"))

chinese = st.characters(min_codepoint=0x4E00, max_codepoint=0x4FFF)
punctuation = st.sampled_from(list("，。、；：？！“”‘’（）《》〈〉【】〔〕……——～·.,;:?!()-[]<>#`~*\n\r\t 　\u200b\x00\ud800"))
digits = st.sampled_from(list(string.digits + "〇一二三四五六七八九十百千万亿年月日星期农历第期"))
documents = st.lists(st.one_of(chinese, punctuation, digits, st.characters()), max_size=400).map("".join)
markdown = st.lists(
    st.sampled_from(["---\n", "date: 2024-02-29\n", "type: [x\n", "```\n", "# 标题\n", "<!-- reportlint-disable -->\n",
                     "<!-- reportlint-enable TM -->\n", "构建新冠肺炎患者\n", "准印证号: (渝) 2022802\n", "2024 年\n2 月 29 日\n星期三\n", "\n"]),
    max_size=30,
).map("".join)


def check_locations(doc, violations):
    for v in violations:
        assert 1 <= v.line <= v.end_line <= doc.line_count
        assert 1 <= v.column and 1 <= v.end_column
        assert v.column <= len(doc.source_line(v.line)) + 1
        assert v.end_column <= len(doc.source_line(v.end_line)) + 1


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=documents, date=st.one_of(st.none(), st.dates()))
def test_every_rule_survives_arbitrary_text(text, date):
    doc = Document(text, "<fuzz>", "text", date)
    check_locations(doc, lint_document(doc, RULES))


@settings(max_examples=150, deadline=None)
@given(text=markdown)
def test_every_rule_survives_random_markdown(text):
    try:
        doc = Document(text, "fuzz.md", "markdown")
    except UserError:
        return  # malformed front matter: a clear error, which is the contract
    check_locations(doc, lint_document(doc, RULES))


def test_a_very_long_line_and_surrogates_from_a_broken_decoder():
    text = ("构建新冠肺炎患者分级诊疗服务体系，" * 20000) + "\ud800\udfff" + "抓管理...\n"
    doc = Document(text, "<long>")
    check_locations(doc, lint_document(doc, RULES))


def test_catastrophic_user_regex_is_stopped_and_named(tmp_path):
    rules = tmp_path / "hostile.yaml"
    rules.write_text(
        "rules:\n  - id: XX001\n    category: typography\n    severity: warning\n    type: pattern\n"
        "    pattern: '(a|aa)+$'\n    message: x\n    examples: {bad: [a], good: [b]}\n",
        encoding="utf-8",
    )
    (tmp_path / ".reportlint.yaml").write_text("rules: [hostile.yaml]\n", encoding="utf-8")
    doc = tmp_path / "doc.txt"
    doc.write_text("a" * 40 + "!\n构建新冠肺炎患者分级诊疗服务体系\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--config", str(tmp_path / ".reportlint.yaml"), "--date", "2023-02-10", str(doc)])
    assert result.exit_code == 2
    assert f"{doc}: rule XX001 ({rules}:2) was stopped" in result.stderr
    assert "TM001" in result.stdout  # the other rules still ran


def test_the_cycle_collector_runs_again_after_a_document_whatever_its_rules_did():
    # lint_document pauses the collector while the rules read a document; a rule that
    # raises (here the regex guard's UserError) must not leave it off for the rest of the run.
    import dataclasses
    import gc

    class Hanging:
        name = "pattern"

        def check(self, doc):
            raise TimeoutError

    rule = dataclasses.replace(RULES[0], id="XX002", checker=Hanging(), when=None)
    doc = Document("构建新冠肺炎患者分级诊疗服务体系。", "<doc>")
    assert gc.isenabled()
    with pytest.raises(UserError, match="XX002"):
        lint_document(doc, [rule])
    assert gc.isenabled()
    errors = []
    lint_document(doc, [rule], errors)
    assert gc.isenabled() and "was stopped" in errors[0]


def test_files_over_the_size_limit_are_skipped(tmp_path):
    big = tmp_path / "big.txt"
    big.write_text("正文" * 400_000, encoding="utf-8")
    with pytest.raises(UserError, match=r"big\.txt: is 2\.3 MB, over the 1 MB limit"):
        read_document(big, max_mb=1)
    assert read_document(big).source.startswith("正文")


def test_a_real_text_on_one_long_line_is_linted_whole_by_every_shipped_rule(tmp_path):
    # An export that lost its line breaks: the shipped rules must not need the regex
    # guard (meant for users' rules), so no finding is silently missing and the run exits 0 or 1.
    reports = sorted((Path(__file__).parent / "corpus").rglob("*.txt"))
    text = "".join(path.read_text(encoding="utf-8").replace("\n", "") for path in reports)
    one_line = tmp_path / "一行.txt"
    one_line.write_text(text[:120_000] + "\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--select", _EVERY_PACK, "--no-cache", "--date", "2025-01-01", str(one_line)])
    assert result.exit_code == 1, result.stderr
    assert "was stopped" not in result.stderr
    assert f"{one_line}:1:" in result.stdout
