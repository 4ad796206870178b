"""Every shipped rule: its examples behave, and it stays quiet where it must."""

import pytest

from linter.rule_examples import failing_examples
from linter.rules import CATEGORIES, load_catalog
from tests.conftest import CORPORA, codes, lint_text, only_present, report_folders

CATALOG = load_catalog()


@pytest.mark.parametrize("rule_id", sorted(CATALOG.rules))
def test_examples(rule_id):
    assert failing_examples([CATALOG.rules[rule_id]], known_codes=CATALOG.rules) == []


@pytest.mark.parametrize("rule_id", sorted(CATALOG.rules))
def test_every_rule_is_documented(rule_id):
    rule = CATALOG.rules[rule_id]
    assert rule.category in CATEGORIES and rule.description.strip() and rule.bad_examples and rule.good_examples


def test_seed_000_newsletter_without_the_free_exchange_notice():
    text = "三峡医院\n\n准印证号: (渝) 2022802\n\n主 编: 张先祥 杨德清\n\n2023年2月10日 (总第440期)\n"
    found = lint_text(text, ["SE001"])
    assert [(v.line, v.column) for v in found] == [(3, 1)]
    assert lint_text(text + "\n内部资料，免费交流\n", ["SE001"]) == []


def test_terminology_real_sentences():
    assert codes(lint_text("构建新冠肺炎患者分级诊疗服务体系", ["TM001"], date="2023-02-10")) == ["TM001"]
    # 2021 government work report: the old name was then the right one.
    assert lint_text("面对突如其来的新冠肺炎疫情、世界经济深度衰退等多重严重冲击", ["TM001"], date="2021-03-05") == []
    assert lint_text("重大疫情防控救治基地建设项目进入收尾阶段，坚持向市政府报告进展。", ["TM004"]) == []


@pytest.mark.parametrize("corpus", CORPORA)
def test_default_pack_is_silent_on_the_state_council_documents(corpus):
    from linter.config import Config
    from linter.runner import run

    results = run([str(corpus / "state-council-documents")], CATALOG.select(["default"]), Config())
    findings = [v for r in results for v in r.violations if v.category in ("terminology", "sections")]
    assert findings == []


@pytest.mark.parametrize("corpus", CORPORA)
def test_number_forms_on_the_corpus_only_where_the_standard_is_broken(corpus):
    from linter.config import Config
    from linter.runner import run

    results = run([str(folder) for folder in report_folders(corpus)], CATALOG.select(["number-forms"]), Config())
    found = sorted((r.path.split("/")[-1][:4], v.rule, v.message.split("“")[1].split("”")[0]) for r in results for v in r.violations)
    # 1957: 5—6%, 10—15% (GB/T 15835: 5%—6%); 2018: 5千多户, 1万6千多户, 1亿3千多万, 2万5千公里.
    assert found == only_present(corpus, [("1957", "FG103", "10—15%"), ("1957", "FG103", "5—6%")] + [("2018", "FG101", n) for n in ("3千", "5千", "5千", "6千")])


@pytest.mark.parametrize("rule_id", sorted(CATALOG.rules))
def test_the_fields_a_rule_type_declares_are_the_fields_its_hits_carry(rule_id):
    """The declarations the message check relies on stay true: every field of every hit
    of the rule's bad examples is one its type declares."""
    from linter.rule_types import SAME_LINE

    rule = CATALOG.rules[rule_id]
    declared = rule.checker._type.message_fields(rule.checker._spec)
    for example in rule.bad_examples:
        for hit in rule.checker.check(example.document()):
            assert set(hit.fields) - {"groups", SAME_LINE} <= declared, (rule_id, set(hit.fields) - declared)


def test_a_message_naming_a_field_its_type_does_not_fill_in_is_a_load_error(tmp_path):
    from linter.errors import UserError

    path = tmp_path / "ours.yaml"

    def write(pattern, message):
        path.write_text(
            "pack: ours\nrules:\n  - id: OU001\n    category: terminology\n    severity: warning\n    type: pattern\n"
            f"    pattern: '{pattern}'\n    message: '{message}'\n    examples: {{bad: [新冠肺炎], good: [新冠病毒感染]}}\n", encoding="utf-8")

    write("新冠肺炎", "“{found}”应为“{expeted}”")
    with pytest.raises(UserError, match=r"ours\.yaml:8: rule OU001: message names \{expeted\}, which type pattern does not fill in"):
        load_catalog([path])
    write("(?P<old>新冠)(肺炎)", "“{old}{2}”已更名（{found}，{count}处）")  # groups by name or number
    assert "OU001" in load_catalog([path]).rules
    write("(?P<old>新冠)肺炎", "“{2}”已更名")
    with pytest.raises(UserError, match=r"message names \{2\}"):
        load_catalog([path])
