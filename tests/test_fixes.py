"""--fix, --unsafe-fixes and --diff: what each fix writes, that nothing but the
fixed spans changes (byte for byte, in GB18030, UTF-16, with CRLF and a BOM),
that a second run finds nothing to fix, and that a file is left alone on any doubt."""

import os
import shutil

import pytest
from click.testing import CliRunner

from linter.cli import main
from linter.document import Document, read_document
from linter.engine import lint_document
from linter.fixes import fix_document, reread, write_fixed
from linter.rules import load_catalog
from tests.conftest import SEEDS, catalog
from tests.makefiles import write_docx, write_pdf

DATED = "2023年2月10日\n\n"


def invoke(*args, input=None):
    return CliRunner().invoke(main, ["check", "--no-cache", *args], env={"GITHUB_ACTIONS": ""}, input=input, catch_exceptions=False)


def fixed_text(text, rule_ids, unsafe=False, date=None):
    doc = Document(text, "<test>", default_date=date)
    rules = catalog().select([], list(rule_ids))
    return fix_document(doc, rules, unsafe, default_date=date).text


# -- what the fixes write -----------------------------------------------------------------


def test_half_width_marks_in_chinese_text_become_full_width_but_numbers_and_urls_stay():
    assert fixed_text("2022年,医院紧扣年度主题,在党建引领等方面交出答卷!", ["TY002"]) == "2022年，医院紧扣年度主题，在党建引领等方面交出答卷！"
    assert fixed_text("精准实施重庆首例SRS(高精度立体定向放疗)治疗。", ["TY002"]) == "精准实施重庆首例SRS（高精度立体定向放疗）治疗。"
    # A bracket the rule reports holds a thousands separator and a URL: they are not Chinese text.
    assert fixed_text("共投入资金(1,000万元,详见https://www.gov.cn)用于建设。", ["TY002"]) == "共投入资金（1,000万元，详见https://www.gov.cn）用于建设。"
    assert fixed_text("四级手术同比增长12.5%，时间10:30。", ["TY002"]) == "四级手术同比增长12.5%，时间10:30。"


def test_every_half_width_mark_of_a_line_is_fixed_though_only_the_first_is_reported():
    text = "新征程已经开启,新蓝图催人奋进;齐心协力,聚众智,继续前行!\n"
    assert len(lint_document(Document(text), catalog().select([], ["TY002"]))) == 1
    assert fixed_text(text, ["TY002"]) == "新征程已经开启，新蓝图催人奋进；齐心协力，聚众智，继续前行！\n"


def test_ellipsis_dash_titles_digits_and_chinese_zero():
    assert fixed_text("抓质量、抓服务、抓管理...全面提升。抓管理…全面提升。", ["TY001"]) == "抓质量、抓服务、抓管理……全面提升。抓管理……全面提升。"
    assert fixed_text("这是一堂特殊的党课--“半小时临床思政课”。", ["TY006"]) == "这是一堂特殊的党课——“半小时临床思政课”。"
    assert fixed_text("反诈微电影《羊》、《安安》荣获一等奖。", ["TY008"]) == "反诈微电影《羊》《安安》荣获一等奖。"
    assert fixed_text("全年门急诊量达到１2.5万人次，１９８７年的１０９２０亿元不变。", ["FG105"]) == "全年门急诊量达到12.5万人次，１９８７年的１０９２０亿元不变。"
    assert fixed_text("二零二四年工作要点，二O二三年总结", ["DT009"]) == "二〇二四年工作要点，二〇二三年总结"
    assert fixed_text("门诊时间为每周一至星期5上午。", ["DT013"]) == "门诊时间为每周一至星期五上午。"


def test_unsafe_fixes_need_the_flag():
    text = DATED + "构建新冠肺炎患者分级诊疗服务体系，在子痫产妇产破裂裂的危急时刻出击。\n2024年3月5日（星期一），召开党建工作会议。\n"
    rules = ["TM001", "TY010", "DT002"]
    assert fixed_text(text, rules) == text
    assert fixed_text(text, rules, unsafe=True) == (DATED + "构建新冠病毒感染患者分级诊疗服务体系，在子痫产妇产破裂的危急时刻出击。\n"
                                                   "2024年3月5日（星期二），召开党建工作会议。\n")


def test_no_fix_of_a_shipped_rule_brings_a_finding_of_another_default_rule():
    every = load_catalog()
    default = every.select(["default"])
    for rule in (r for r in every.rules.values() if r.fix is not None):
        for example in rule.bad_examples:
            doc = example.document()
            before = {v.rule for v in lint_document(doc, default)}
            after = {v.rule for v in lint_document(reread(doc, fix_document(doc, [rule], True, default_date=example.date).text, example.date), default)}
            assert after <= before - {rule.id}, (rule.id, example.text, after - before)


def test_a_fix_never_joins_lines_or_touches_front_matter_and_code(tmp_path):
    doc = tmp_path / "a.md"
    source = "---\ndate: 2023-02-10\ntitle: 总结,草稿\n---\n\n医院召开会议,研究工作。\n\n```\n代码,不改\n```\n"
    doc.write_text(source, encoding="utf-8")
    assert invoke("--fix", "--select", "TY002", str(doc)).exit_code == 0
    assert doc.read_text(encoding="utf-8") == source.replace("会议,研究", "会议，研究")


# -- byte for byte ------------------------------------------------------------------------------


def spliced(data: bytes, codec: str, pairs):
    """The bytes with each (old, new) text replaced once, each in the file's encoding: the expected result."""
    for old, new in pairs:
        encoded_old, encoded_new = old.encode(codec), new.encode(codec)
        assert data.count(encoded_old) == 1, old
        data = data.replace(encoded_old, encoded_new)
    return data


@pytest.mark.parametrize("codec,bom,newline", [
    ("utf-8", b"", "\n"),
    ("utf-8", b"\xef\xbb\xbf", "\r\n"),
    ("gb18030", b"", "\r\n"),
    ("gb18030", b"", "\r"),
    ("utf-16-le", b"\xff\xfe", "\r\n"),
])
def test_only_the_fixed_spans_change_in_the_files_own_encoding(tmp_path, codec, bom, newline):
    lines = ["三峡医院2023年工作总结", "", "医院召开职工代表大会,审议通过工作报告。", "我们要抓质量、抓服务、抓管理...全面提升医院水平。",
             "反诈微电影《羊》、《安安》荣获一等奖。", "末行没有换行"]
    data = bom + newline.join(lines).encode(codec)
    path = tmp_path / "report.txt"
    path.write_bytes(data)
    os.chmod(path, 0o640)
    result = invoke("--fix", str(path))
    assert "Fixed 3 findings in 1 file." in result.output
    expected = spliced(data, codec, [("大会,审议", "大会，审议"), ("管理...全面", "管理……全面"), ("《羊》、《安安》", "《羊》《安安》")])
    assert path.read_bytes() == expected
    assert oct(os.stat(path).st_mode & 0o777) == oct(0o640)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.txt"]  # no temporary file left
    again = invoke("--diff", str(path))
    assert again.exit_code == 0 and again.stdout == ""


def test_fixing_copies_of_the_seeds_changes_only_marks_and_a_second_run_has_nothing_to_fix(tmp_path):
    import difflib

    shutil.copytree(SEEDS, tmp_path / "seeds", ignore=shutil.ignore_patterns("*.yaml"))
    before = {p.name: p.read_bytes() for p in (tmp_path / "seeds").iterdir()}
    result = invoke("--fix", str(tmp_path / "seeds"))
    assert "Fixed " in result.output
    changes = set()
    for path in (tmp_path / "seeds").iterdir():
        old, new = before[path.name].decode("utf-8"), path.read_bytes().decode("utf-8")
        assert old.count("\n") == new.count("\n")
        matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
        changes |= {(old[i1:i2], new[j1:j2]) for op, i1, i2, j1, j2 in matcher.get_opcodes() if op != "equal"}
    allowed = {(",", "，"), (";", "；"), (":", "："), ("!", "！"), ("?", "？"), ("(", "（"), (")", "）"), ("、", ""), ("),", "），"),
               (")(", "）（"), ("):", "）："), (");", "）；"), (",(", "，（")}
    assert changes and changes <= allowed, changes - allowed
    again = invoke("--diff", str(tmp_path / "seeds"))
    assert again.exit_code == 0 and again.stdout == ""


# -- on any doubt, nothing is written ---------------------------------------------------------------


def test_a_file_with_mixed_line_endings_is_not_fixed(tmp_path):
    path = tmp_path / "mixed.txt"
    data = "医院召开会议,研究工作。\r\n第二行\n第三行,继续。\r\n".encode("utf-8")
    path.write_bytes(data)
    result = invoke("--fix", str(path))
    assert "not fixed: its bytes would not be written back the same" in result.stderr
    assert path.read_bytes() == data and result.exit_code == 1


def test_a_file_changed_since_it_was_read_is_not_written(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("医院召开会议,研究工作。\n", encoding="utf-8")
    doc = read_document(path)
    path.write_text("医院召开会议,研究工作。编辑刚加了一句。\n", encoding="utf-8")
    assert write_fixed(doc, "医院召开会议，研究工作。\n") == "it changed since it was read"
    assert path.read_text(encoding="utf-8") == "医院召开会议,研究工作。编辑刚加了一句。\n"


def test_hard_links_are_left_alone_and_symbolic_links_keep_pointing_at_the_fixed_file(tmp_path):
    target = tmp_path / "real.txt"
    target.write_text("医院召开会议,研究工作。\n", encoding="utf-8")
    os.link(target, tmp_path / "other-name.txt")
    assert "not fixed: it has other hard links" in invoke("--fix", str(target)).stderr
    assert target.read_text(encoding="utf-8") == "医院召开会议,研究工作。\n"
    os.unlink(tmp_path / "other-name.txt")
    link = tmp_path / "link.txt"
    link.symlink_to(target)
    invoke("--fix", str(link))
    assert link.is_symlink() and target.read_text(encoding="utf-8") == "医院召开会议，研究工作。\n"


def test_pdf_files_are_not_written_and_say_the_fix_is_for_the_text_version(tmp_path):
    path = write_pdf(tmp_path / "a.pdf", "医院召开会议,研究工作。")
    data = path.read_bytes()
    result = invoke("--fix", "--select", "TY002", str(path))
    assert "TY002" in result.output and "(fix available in the text version)" in result.output
    assert "Fixed 0 findings in 0 files." in result.output
    assert path.read_bytes() == data
    assert invoke("--format", "json", "--select", "TY002", str(path)).stdout.count('"in_place": false') == 1


def test_word_files_get_their_fixes_as_tracked_changes(tmp_path):
    path = write_docx(tmp_path / "a.docx", ["医院召开会议,研究工作。"])
    assert invoke("--format", "json", "--select", "TY002", str(path)).stdout.count('"in_place": true') == 1
    result = invoke("--fix", "--select", "TY002", str(path))
    assert "Fixed 1 finding in 1 file." in result.output
    assert read_document(path).source == "医院召开会议，研究工作。"  # tests/test_revisions.py checks the XML


def test_diff_writes_nothing_and_exits_1_when_there_is_something_to_fix(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("医院召开会议,研究工作。\n", encoding="utf-8")
    result = invoke("--diff", str(path))
    assert result.exit_code == 1
    assert result.stdout == f"--- a/{path}\n+++ b/{path}\n@@ -1 +1 @@\n-医院召开会议,研究工作。\n+医院召开会议，研究工作。\n"
    assert "Would fix 1 finding in 1 file." in result.stderr
    assert path.read_text(encoding="utf-8") == "医院召开会议,研究工作。\n"


def test_fix_summary_says_how_many_were_fixed_and_how_many_remain(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(DATED + "医院召开会议,研究工作。构建新冠肺炎患者分级诊疗服务体系。\n", encoding="utf-8")
    listed = invoke(str(path))
    assert "[*]" in listed.output and "1 fixable with --fix (1 more with --fix --unsafe-fixes)" in listed.output
    result = invoke("--fix", str(path))
    assert "Fixed 1 finding in 1 file.\nFound 1 finding (1 warning) in 1 of 1 file." in result.output
    assert result.exit_code == 1  # TM001 remains
    assert invoke("--fix", "--unsafe-fixes", str(path)).exit_code == 0


def test_standard_input_gets_a_diff_but_cannot_be_fixed():
    diffed = invoke("--diff", "--stdin-filename", "a.txt", "-", input="医院召开会议,研究工作。\n")
    assert diffed.exit_code == 1 and "+医院召开会议，研究工作。" in diffed.stdout
    refused = invoke("--fix", "-", input="医院召开会议,研究工作。\n")
    assert refused.exit_code == 2 and "--fix cannot write to standard input" in refused.output


def test_per_file_ignores_hold_for_fixes(tmp_path):
    (tmp_path / ".reportlint.yaml").write_text('per-file-ignores:\n  "keep/*": [TY002]\n', encoding="utf-8")
    (tmp_path / "keep").mkdir()
    kept = tmp_path / "keep" / "a.txt"
    kept.write_text("医院召开会议,研究工作...下一步。\n", encoding="utf-8")
    invoke("--fix", "--config", str(tmp_path / ".reportlint.yaml"), str(kept))
    assert kept.read_text(encoding="utf-8") == "医院召开会议,研究工作……下一步。\n"


def test_explain_says_whether_a_rule_has_a_fix_and_whether_it_is_safe():
    assert "自动修复: 安全，--fix 即修复" in CliRunner().invoke(main, ["explain", "TY002"]).output
    assert "自动修复: 需人工确认" in CliRunner().invoke(main, ["explain", "TM001"]).output
    assert "自动修复" not in CliRunner().invoke(main, ["explain", "FG001"]).output


def test_rule_files_declare_fixes_and_bad_ones_fail_loudly(tmp_path):
    rule_file = tmp_path / "ours.yaml"
    rule = ("rules:\n  - id: OT001\n    category: terminology\n    severity: warning\n    type: pattern\n    pattern: 三峡中心医院\n"
            "    message: 不用“{found}”\n    fix: {safe: true%s}\n"
            "    examples: {bad: [三峡中心医院召开大会。], good: [重庆大学附属三峡医院召开大会。]}\n")
    rule_file.write_text(rule % ', replace: "重庆大学附属三峡医院"', encoding="utf-8")
    assert CliRunner().invoke(main, ["test-rules", str(rule_file)]).exit_code == 0
    rule_file.write_text(rule % "", encoding="utf-8")  # a pattern rule computes no {expected}
    missing = CliRunner().invoke(main, ["test-rules", str(rule_file)])
    assert missing.exit_code == 2 and "give `replace` (a template) or `translate`" in missing.output
    rule_file.write_text(rule % ', replace: "三峡中心医院"', encoding="utf-8")  # a fix that changes nothing
    assert "has no fix" in CliRunner().invoke(main, ["test-rules", str(rule_file)]).output
