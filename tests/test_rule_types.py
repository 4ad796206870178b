"""The four foundation rule types, through rule files written as a user would."""

import textwrap

import pytest

from linter.document import Document
from linter.engine import lint_document
from linter.errors import UserError
from linter.rules import load_catalog


def rules_from(tmp_path, body, name="mine.yaml"):
    path = tmp_path / name
    path.write_text(textwrap.dedent(body), encoding="utf-8")
    catalog = load_catalog([path])
    return [catalog.rules[i] for i in catalog.packs[catalog.user_packs[0]]]


def run(rules, text, **kwargs):
    return lint_document(Document(text, **kwargs), rules)


RULE_HEAD = """\
rules:
  - id: XX001
    category: terminology
    severity: warning
    examples: {bad: ["其它"], good: ["其他"]}
"""


def test_pattern_reports_each_match_with_groups_in_the_message(tmp_path):
    rules = rules_from(tmp_path, RULE_HEAD + "    type: pattern\n    pattern: 中共(\\w{2,6}?)([省市])\\2委\n    message: 应为“中共{1}{2}委”，不用“{found}”\n")
    found = run(rules, "会议由中共湖北省省委书记主持。\n中共湖北省委书记出席。\n")
    assert [(v.line, v.column, v.message) for v in found] == [(1, 4, "应为“中共湖北省委”，不用“中共湖北省省委”")]


def test_required_missing_out_of_place_and_out_of_order(tmp_path):
    rules = rules_from(tmp_path, RULE_HEAD + """\
    type: required
    ordered: true
    message: 缺少“{element}”（{expected}）
    elements:
      - {name: 准印证号, pattern: 准印证号, first_lines: 3}
      - {name: 印数, pattern: 印数}
""")
    assert run(rules, "三峡医院\n准印证号: (渝) 2022802\n正文\n印数：3000份\n") == []
    missing = run(rules, "三峡医院\n准印证号: (渝) 2022802\n正文\n")
    assert [(v.line, v.message) for v in missing] == [(1, "缺少“印数”（应出现在文中）")]
    late = run(rules, "三峡医院\n\n正文\n准印证号: (渝) 2022802\n印数：3000份\n")
    assert [v.message for v in late] == ["缺少“准印证号”（应出现在前3行内）"]
    swapped = run(rules, "印数：3000份\n准印证号: (渝) 2022802\n")
    assert [(v.line, v.message) for v in swapped] == [(1, "缺少“印数”（应位于“准印证号”之后）")]


def test_required_last_lines(tmp_path):
    rules = rules_from(tmp_path, RULE_HEAD + """\
    type: required
    message: 缺少“{element}”
    elements: [{name: 成文日期, pattern: '\\d{4}年\\d{1,2}月\\d{1,2}日', last_lines: 2}]
""")
    assert run(rules, "国务院关于……的通知\n正文。\n\n国务院\n2019年1月27日\n") == []
    assert len(run(rules, "2019年1月27日\n国务院关于……的通知\n正文。\n\n国务院\n")) == 1


def test_substitution_respects_word_boundaries_and_dates(tmp_path):
    rules = rules_from(tmp_path, RULE_HEAD + """\
    type: substitution
    message: 应为“{expected}”
    swap: {政府报告: 政府工作报告}
""")
    assert len(run(rules, "认真学习贯彻政府报告精神。")) == 1
    assert run(rules, "及时向市政府报告工作进展。") == []
    assert run(rules, "市政府报告厅") == []
    # 向本级政府报告 cuts as 向|本级|政府|报告: only not-after tells the verb.
    assert len(run(rules, "机构应当向本级政府报告工作。")) == 1
    verb = rules_from(tmp_path, RULE_HEAD + """\
    type: substitution
    message: 应为“{expected}”
    swap: {政府报告: 政府工作报告}
    not-after: 向[^，。]{0,10}
""", "verb.yaml")
    assert run(verb, "机构应当向本级政府报告工作。") == []
    assert len(run(verb, "我们向大会报告工作，请审议。认真学习贯彻政府报告精神。")) == 1
    dated = rules_from(tmp_path, RULE_HEAD + """\
    type: substitution
    from_date: 2022-12-26
    message: 应为“{expected}”
    swap: {新冠肺炎: 新冠病毒感染}
""", "dated.yaml")
    import datetime
    text = "构建新冠肺炎患者分级诊疗服务体系"
    assert len(run(dated, text, default_date=datetime.date(2023, 2, 10))) == 1
    assert run(dated, text, default_date=datetime.date(2022, 12, 25)) == []
    assert run(dated, text) == []  # no publication date: cannot be sure


def test_consistency_reports_the_minority_variant(tmp_path):
    rules = rules_from(tmp_path, RULE_HEAD + """\
    type: consistency
    message: 本文多用“{expected}”，此处为“{found}”，请统一
    variants: [其他, 其它]
""")
    found = run(rules, "其他科室\n其它科室\n其他医院\n")
    assert [(v.line, v.message) for v in found] == [(2, "本文多用“其他”，此处为“其它”，请统一")]
    assert run(rules, "其他科室\n其他医院\n") == []
    longest = rules_from(tmp_path, RULE_HEAD + "    type: consistency\n    message: 统一为“{expected}”\n    variants: [身份证, 身份证件]\n", "longest.yaml")
    assert run(longest, "凭身份证件办理\n凭身份证件领取\n") == []


def test_when_limits_a_rule_to_matching_documents(tmp_path):
    rules = rules_from(tmp_path, RULE_HEAD + "    type: pattern\n    when: 准印证\n    pattern: 本报讯\n    message: 不得使用“{found}”\n")
    assert len(run(rules, "准印证号: (渝) 2022802\n本报讯 今天")) == 1
    assert run(rules, "本报讯 今天") == []


@pytest.mark.parametrize(
    "body, expected",
    [
        (RULE_HEAD + "    type: pattern\n    pattern: '本报(讯'\n    message: x\n", r"mine\.yaml:7: rule XX001: invalid regular expression"),
        (RULE_HEAD + "    type: substitution\n    swap: {a: b}\n    not-after: '向('\n    message: x\n", r"mine\.yaml:8: rule XX001: invalid regular expression '向\('"),
        (RULE_HEAD + "    type: regexp\n    pattern: x\n    message: x\n", r"mine\.yaml:6: unknown rule type 'regexp'"),
        (RULE_HEAD + "    type: pattern\n    message: x\n", r"mine\.yaml:2: rules/0: 'pattern' is a required property"),
        (RULE_HEAD + "    type: pattern\n    pattern: x\n    message: x\n    patern: y\n", r"mine\.yaml:2: rules/0: .*'patern' was unexpected"),
        (RULE_HEAD.replace("warning", "fatal") + "    type: pattern\n    pattern: x\n    message: x\n", r"mine\.yaml:4: rules/0/severity: 'fatal' is not one of"),
        ("rules:\n  - id: [\n", r"mine\.yaml:\d+: invalid YAML"),
        (RULE_HEAD + "    type: pattern\n    pattern: x\n    message: x\n    from_date: 2022-13-01\n", r"mine\.yaml:9: rule XX001: '2022-13-01' is not a date"),
    ],
)
def test_bad_rule_files_fail_with_file_and_line(tmp_path, body, expected):
    with pytest.raises(UserError, match=expected):
        rules_from(tmp_path, body)


def test_duplicate_rule_id_is_an_error(tmp_path):
    with pytest.raises(UserError, match=r"rule id TM001 is already defined at .*terminology\.yaml"):
        rules_from(tmp_path, RULE_HEAD.replace("XX001", "TM001") + "    type: pattern\n    pattern: x\n    message: x\n")


def test_compiled_rule_patterns_are_kept_in_the_user_cache_and_a_broken_cache_is_ignored(tmp_path, monkeypatch):
    import pickle

    import regex

    from linter import rule_types, usercache

    monkeypatch.setenv("REPORTLINT_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(rule_types, "_patterns", None)
    monkeypatch.setattr(rule_types, "_write_scheduled", True)  # written below, not at exit
    first = rule_types.compiled_regex(r"本报讯|(?P<year>\d{4})年")
    rule_types._write_patterns()
    cache = usercache.entry("regex-patterns", rule_types._patterns_key(), ".pickle")
    monkeypatch.setattr(rule_types, "_patterns", None)  # a new process: read back from the cache file
    monkeypatch.setattr(regex, "compile", None)  # which must not compile again
    again = rule_types.compiled_regex(r"本报讯|(?P<year>\d{4})年")
    assert again.search("据2024年统计").group("year") == "2024" and again.groupindex == first.groupindex
    monkeypatch.undo()
    monkeypatch.setenv("REPORTLINT_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(rule_types, "_write_scheduled", True)
    wrong = pickle.dumps({r"本报讯": regex.compile("记者")})  # an entry that is not its pattern
    for broken in (b"not a pickle", pickle.dumps([1, 2]), wrong):
        cache.write_bytes(broken)
        monkeypatch.setattr(rule_types, "_patterns", None)
        assert rule_types.compiled_regex(r"本报讯").search("（本报讯）") is not None


def test_each_rule_type_is_the_module_named_after_it():
    from linter.rule_types import TYPES

    assert {"pattern", "heading-levels", "paired-marks", "issue-sequence", "figures"} <= set(TYPES)
    for name in TYPES:
        assert TYPES[name].name == name
    assert TYPES.get("regexp") is None and "regexp" not in TYPES


def test_a_run_imports_only_the_rule_types_of_its_rules():
    import subprocess
    import sys

    code = ("import sys\nfrom linter.api import lint_text\n"
            "found = lint_text('中文,测试。', select='TY002')\n"
            "print(len(found), sorted(m for m in sys.modules if m.startswith('linter.rule_types.')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["1", "['linter.rule_types.pattern']"]


def test_a_shipped_rule_is_checked_against_its_type_when_first_used():
    from linter.rules import _ShippedChecker
    from linter.yamlfile import YamlFile

    text = RULE_HEAD + "    type: pattern\n    pattern: x\n    message: x\n    patern: y\n"
    shipped = YamlFile("shipped.yaml", text)
    checker = _ShippedChecker(shipped, ["rules", 0], shipped.data["rules"][0], "shipped.yaml:2")
    assert checker.name == "pattern"
    with pytest.raises(UserError, match=r"shipped\.yaml:2: rules/0: .*'patern' was unexpected"):
        checker.check(Document("其它"))
