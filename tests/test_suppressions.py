"""Suppression comments: codes in any case, unknown codes reported (RL002), and
comments that suppress nothing reported by the opt-in RL003."""

from click.testing import CliRunner

from linter.cli import main
from linter.document import Document
from linter.engine import lint_document
from tests.conftest import catalog, codes

TERM = "构建新冠肺炎患者分级诊疗服务体系\n"


def lint_text(text, rule_ids, date=None):
    """As in a run: a comment may name any rule of the catalog."""
    import datetime

    doc = Document(text, "<test>", default_date=datetime.date.fromisoformat(date) if date else None)
    return lint_document(doc, catalog().select([], rule_ids), known_codes=catalog().rules)


def test_codes_are_case_insensitive():
    assert codes(lint_text("<!-- reportlint-disable-next-line tm001 -->\n" + TERM, ["TM001", "RL002"], date="2023-02-10")) == []
    assert codes(lint_text("<!-- reportlint-disable Tm -->\n" + TERM, ["TM001", "RL002"], date="2023-02-10")) == []


def test_an_unknown_code_is_reported_where_it_is_written():
    found = lint_text("<!-- reportlint-disable-next-line TM01, TY0002 -->\n" + TERM, ["TM001", "RL002"], date="2023-02-10")
    assert sorted((v.rule, v.line, v.column, v.message.split("”")[0]) for v in found) == [
        ("RL002", 1, 35, "抑制注释中的“TM01"), ("RL002", 1, 41, "抑制注释中的“TY0002"), ("TM001", 2, 3, "“新冠肺炎")]
    # Prefixes and the comment without codes are fine.
    assert codes(lint_text("<!-- reportlint-disable TY -->\n<!-- reportlint-disable -->\n句子。\n", ["RL002"])) == []


def test_unused_suppressions_are_opt_in_and_judge_only_rules_that_ran(tmp_path):
    doc = tmp_path / "a.md"
    doc.write_text("---\ndate: 2023-02-10\n---\n<!-- reportlint-disable-next-line TM001 -->\n" + TERM
                   + "<!-- reportlint-disable-next-line TY008 -->\n医院召开会议。\n<!-- reportlint-disable-next-line SE001 -->\n句子。\n",
                   encoding="utf-8")
    runner = CliRunner()
    default = runner.invoke(main, ["check", "--no-cache", "--format", "concise", str(doc)])
    assert "RL003" not in default.output and default.exit_code == 0
    opted = runner.invoke(main, ["check", "--no-cache", "--format", "concise", "--select", "TM001,TY008,RL003", str(doc)])
    # TM001's comment suppressed a finding; TY008's suppressed nothing; SE001 did not run, so its comment is not judged.
    assert [line.split(": ", 1)[0] + " " + line.split()[1] for line in opted.output.splitlines()[:-1]] == [f"{doc}:6:35 RL003"]
