"""Document-type packs (newsletter, gov-document, work-report) and choosing
packs per file: config overrides, front matter `type:`, `--select PACK`."""

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from linter.cli import main
from linter.config import Config, load_config
from linter.document import Document
from linter.engine import lint_run
from linter.errors import UserError
from linter.rules import RuleSets, load_catalog
from linter.runner import run
from tests.conftest import CORPORA, SEEDS, codes, lint_text, only_present

CATALOG = load_catalog()

# Seed 000, the masthead block (lines 89-97): 准印证号 but no 内部资料，免费交流.
SEED_000_MASTHEAD = "三峡医院\n\n准印证号: (渝) 2022802\n\n主 编: 张先祥 杨德清\n\n联系电话: 023-58103430\n\n2023年2月10日 (总第440期)\n"
# Seed 004, the front page (lines 1-19).
SEED_004_FRONT = (
    "\n\n2024 年\n2 月 29 日\n星期四\n农历甲辰年一月二十\n\n荆门市中心医院\n\n \n\n\n2024 年第 2 期 总第 368 期\n\n\n\n"
    "湖北省荆门市中心医院主办 荆门市内部资料准印证号(鄂)4208-2022006/ 连\n\n内部资料 免费交流\n\n\n\n"
    "踔厉奋发开新局 勇毅前行显担当\n"
)
# State-council document id24 (国办函〔2004〕36号): the metadata says 04月17日, the signature 四月二十七日.
ID24 = (
    "发文机关：国务院办公厅\n成文日期：2004年04月17日\n"
    "标　　题：国务院办公厅关于同意以哈尔滨市名义申办2009年第二十四届世界大学生冬季运动会的复函\n"
    "发文字号：国办函〔2004〕36号\n发布日期：2018年12月24日\n\n--------------------\n\n"
    "国务院办公厅关于同意以哈尔滨市名义\n申办2009年第二十四届世界\n大学生冬季运动会的复函\n\n国办函〔2004〕36号\n\n"
    "黑龙江省人民政府，教育部、外交部、财政部、体育总局：\n\n"
    "教育部、外交部、财政部、体育总局《关于以哈尔滨市名义申请举办2009年世界大学生冬季运动会的请示》（教外际〔2004〕14号）收悉。\n\n"
    "国务院办公厅\n\n二〇〇四年四月二十七日\n"
)


# -- newsletter ---------------------------------------------------------------


def test_seed_000_masthead_lacks_the_free_exchange_notice_and_the_imprint():
    found = lint_text(SEED_000_MASTHEAD, ["newsletter"])
    assert sorted(codes(found)) == ["SE001", "SE004", "SE005", "SE005", "SE005"]
    assert [v.message for v in found if v.rule == "SE001"] == ["内部资料应在封面标明“内部资料，免费交流”（应出现在文中）"]
    assert "编印单位" in next(v.message for v in found if v.rule == "SE004")
    assert lint_text(SEED_000_MASTHEAD.replace("三峡医院\n", "三峡医院主办\n内部资料，免费交流\n"), ["SE001", "SE003", "SE004"]) == []


def test_seed_004_front_page_only_gets_the_spaced_notice_at_info():
    found = lint_text(SEED_004_FRONT, ["newsletter"])
    assert [(v.rule, v.severity, v.line) for v in found] == [("SE010", "info", 19)]


def test_articles_without_a_masthead_are_not_checked_for_masthead_elements():
    article = "加强党建统领 推动高质量发展\n\n2020年1月,重庆三峡中心医院划转成为重庆大学附属三峡医院(简称:三峡医院)。\n"
    assert lint_text(article, ["newsletter"]) == []
    # An issue number is a masthead: then 准印证号 and the notice are required.
    found = lint_text("2024年第2期 总第368期\n\n" + article, ["newsletter"])
    assert sorted(codes(found)) == ["SE001", "SE003", "SE004", "SE004"]  # SE004: 编印单位 and the date


def test_forbidden_words_fire_only_in_their_masthead_and_byline_forms():
    assert codes(lint_text("本报讯 1月18日，我院举行2022年度工作总结暨表彰大会。", ["newsletter"])) == ["SE002"]
    assert codes(lint_text("我院举行表彰大会\n\n记者 张三 通讯员 李四\n", ["SE006"])) == ["SE006"]
    assert codes(lint_text("三峡医院主办　万州区某药业公司协办\n", ["SE008"])) == ["SE008"]
    assert codes(lint_text("三峡医院报\n", ["SE009"])) == ["SE009"]
    quiet = (
        "记者从市卫健委获悉，全市已建成胸痛中心12家。\n"
        "本报告所列数据截至2023年12月31日。\n"
        "医院配合医保部门开展药品定价和集中带量采购工作。\n"
        "本次义诊活动由万州区卫生健康委主办，三峡医院协办。\n"
        "喜报\n"
        "先后2次被《人民日报》作为典型载文报道。\n"
    )
    assert lint_text(quiet, ["SE002", "SE006", "SE007", "SE008", "SE009"]) == []


def _issue(date, number, total, serial="(鄂)4208-2022006"):
    year, month, day = date.split("-")
    return f"荆门市中心医院\n{year} 年\n{int(month)} 月 {int(day)} 日\n{year} 年第 {number} 期 总第 {total} 期\n准印证号{serial}\n"


def _sequence(texts, rule_ids=("SE011", "SE012")):
    docs = [Document(text, f"{i}.txt") for i, text in enumerate(texts)]
    rules = CATALOG.select([], list(rule_ids))
    return [(v.path, v.rule, v.message) for v in lint_run(docs, rules)]


def test_issue_numbers_across_a_run():
    good = [_issue("2023-12-29", 12, 366), _issue("2024-01-31", 1, 367), _issue("2024-02-29", 2, 368)]
    assert _sequence(good) == []
    assert _sequence(list(reversed(good))) == []  # file order does not matter: dates do
    gap = [good[0], good[2]]
    assert _sequence(gap) == [("1.txt", "SE012", "期号总第368期与上一期总第366期之间缺1期（漏编期号，或该期未一并检查）")]
    duplicate = _sequence([good[1], _issue("2024-02-29", 2, 367)])
    assert [(p, r) for p, r, _ in duplicate] == [("1.txt", "SE011")] and "重复" in duplicate[0][2]
    backwards = _sequence([good[1], _issue("2024-02-29", 2, 366)])
    assert [r for _, r, _ in backwards] == ["SE011"] and "期号更小" in backwards[0][2]
    no_restart = _sequence([good[0], _issue("2024-01-31", 13, 367)])
    assert [r for _, r, _ in no_restart] == ["SE011"] and "应为第1期" in no_restart[0][2]
    # Two newsletters (two 准印证号) are two series: seeds 000 and 004 are not compared.
    assert _sequence([SEED_000_MASTHEAD, SEED_004_FRONT]) == []
    assert _sequence([_issue("2024-01-31", 1, 367), _issue("2024-02-29", 2, 368, serial="(鄂)4208-2022007")]) == []


def test_issue_sequence_needs_named_groups(tmp_path):
    rule_file = tmp_path / "ours.yaml"
    rule_file.write_text(
        "rules:\n  - id: OX001\n    category: sections\n    severity: info\n    type: issue-sequence\n    check: gaps\n"
        "    serial: 准印证号(\\d+)\n    issue: 总第(?P<total>\\d+)期\n    message: x\n"
        "    examples: {bad: [a], good: [b]}\n",
        encoding="utf-8",
    )
    with pytest.raises(UserError, match=r"ours\.yaml:7: rule OX001: the regular expression needs a group named id"):
        load_catalog([rule_file])


# -- gov-document -------------------------------------------------------------


def test_metadata_disagreeing_with_the_body_state_council_id24():
    found = lint_text(ID24, ["gov-document"])
    assert [(v.rule, v.line) for v in found] == [("GD007", 21)]
    assert found[0].message == "落款的成文日期“二〇〇四年四月二十七日”与元数据（第2行）的“2004年04月17日”不一致"
    fixed = ID24.replace("二〇〇四年四月二十七日", "二〇〇四年四月十七日")
    assert lint_text(fixed, ["gov-document"]) == []
    assert codes(lint_text(ID24.replace("\n国办函〔2004〕36号\n", "\n国办函〔2004〕63号\n"), ["GD006"])) == ["GD006"]


def test_document_number_forms():
    assert codes(lint_text("国办发（2019）3号\n", ["GD001"])) == ["GD001"]
    assert lint_text("《关于以哈尔滨市名义申请举办2009年世界大学生冬季运动会的请示》（教外际〔2004〕14号）收悉。", ["GD001"]) == []


def test_heading_levels_state_council_id06():
    text = "二、规范小区配套幼儿园使用\n\n1.城镇小区严格依标配建幼儿园。严格遵循《中华人民共和国城乡规划法》。\n"
    found = lint_text(text, ["GD002"])
    assert [(v.rule, v.severity, v.line, v.column) for v in found] == [("GD002", "info", 3, 1)]
    assert lint_text("# 一、总体要求\n\n### 1.坚持全面覆盖\n", ["GD002"], reader="markdown") == []


def test_attachment_note_state_council_id44():
    text = "经双方协商并按程序报经国务院批准，可提前终止土地使用权。\n\n附件1.深圳湾口岸港方口岸区的查验区界址点坐标\n\n2.深圳湾公路大桥部分桥面界址点坐标\n\n国务院\n"
    assert [(v.rule, v.line) for v in lint_text(text, ["gov-document"])] == [("GD004", 3)]


def test_agreement_needs_a_value_group(tmp_path):
    rule_file = tmp_path / "ours.yaml"
    rule_file.write_text(
        "rules:\n  - id: OX001\n    category: sections\n    severity: info\n    type: agreement\n"
        "    label: 文号：(.*)\n    body: (?P<value>\\S+号)\n    message: x\n    examples: {bad: [a], good: [b]}\n",
        encoding="utf-8",
    )
    with pytest.raises(UserError, match=r"ours\.yaml:6: rule OX001: the regular expression needs a group named value"):
        load_catalog([rule_file])


@pytest.mark.parametrize("corpus", CORPORA)
def test_gov_document_pack_on_the_state_council_documents(corpus):
    results = run([str(corpus / "state-council-documents")], CATALOG.select([], ["gov-document"]), Config())
    found = sorted((Path(r.path).name[:4], v.rule) for r in results for v in r.violations)
    # GD002: 一、 → 1. in id06 (3) and id22 (2); GD004: 附件1.名称 in id44; GD007: id24 (04月17日 vs 四月二十七日).
    assert found == only_present(corpus, [("id06", "GD002")] * 3 + [("id22", "GD002")] * 2 + [("id24", "GD007"), ("id44", "GD004")])


# -- work-report --------------------------------------------------------------


def test_work_report_sections_from_the_2024_government_work_report():
    outline = "一、2023年工作回顾\n\n过去一年，我们坚持稳中求进。\n\n二、2024年经济社会发展总体要求和政策\n\n三、2024年政府工作任务\n"
    assert lint_text(outline, ["work-report"]) == []
    found = lint_text("一、2023年工作回顾\n\n过去一年，我们坚持稳中求进。\n", ["work-report"])
    assert [(v.rule, v.severity) for v in found] == [("WR001", "info")] and "今年工作任务" in found[0].message


@pytest.mark.parametrize("corpus", CORPORA)
def test_work_report_pack_is_silent_on_the_government_work_reports_since_2003(corpus):
    folder = corpus / "gov-work-reports"
    recent = [str(p) for p in sorted(folder.glob("*.txt")) if int(p.name[:4]) >= 2003]
    assert len(recent) >= 4
    assert [v for r in run(recent, CATALOG.select([], ["work-report"]), Config()) for v in r.violations] == []


# -- choosing packs -----------------------------------------------------------


def test_a_printed_permit_number_makes_a_newsletter_without_configuration():
    assert Document(SEED_000_MASTHEAD, "440.txt").metadata.type == "newsletter"
    assert Document("---\ntype: gov-document\n---\n" + SEED_000_MASTHEAD, "440.md", reader="markdown").metadata.type == "gov-document"
    # Naming the regulation is not printing a permit.
    assert Document("依据《内部资料性出版物管理办法》，准印证由省级出版行政主管部门核发。", "x.txt").metadata.type is None
    result = CliRunner().invoke(main, ["check", "--no-cache", str(SEEDS / "000_5a305377e07a99ac.txt")], env={"GITHUB_ACTIONS": ""})
    assert "000_5a305377e07a99ac.txt:91:1: SE001" in result.output


def test_rules_all_marks_document_type_packs_per_file():
    lines = {line.split()[0]: line for line in CliRunner().invoke(main, ["rules", "--all"]).output.splitlines()}
    assert lines["SE001"].endswith("(per file)") and lines["GD001"].endswith("(per file)")
    assert lines["TY101"].endswith("(off)") and not lines["TM001"].endswith(")")


def test_override_and_front_matter_type_add_packs(tmp_path):
    (tmp_path / ".reportlint.yaml").write_text('overrides:\n  - files: "院报/**"\n    packs: [newsletter]\n', encoding="utf-8")
    config = load_config(start=tmp_path)
    assert config.packs_for(str(tmp_path / "院报" / "2024" / "2.txt")) == ["default", "newsletter"]
    assert config.packs_for(str(tmp_path / "总结.txt")) == ["default"]
    assert config.packs_for(str(tmp_path / "a.md"), "gov-document", CATALOG.packs) == ["default", "gov-document"]
    assert config.packs_for(str(tmp_path / "a.md"), "通知", CATALOG.packs) == ["default"]  # a type that names no pack
    assert config.packs_for(str(tmp_path / "a.md"), "院报", CATALOG.packs) == ["default", "newsletter"]  # Chinese names
    assert config.packs_for(str(tmp_path / "a.md"), "政府工作报告", CATALOG.packs) == ["default", "work-report"]


def test_a_run_lints_each_file_with_its_packs(tmp_path):
    # Without its 准印证号 line the masthead is not recognised as a newsletter's.
    masthead = SEED_000_MASTHEAD.replace("准印证号: (渝) 2022802\n\n", "")
    (tmp_path / "院报").mkdir()
    (tmp_path / "院报" / "440.txt").write_text(masthead, encoding="utf-8")
    (tmp_path / "440.txt").write_text(masthead, encoding="utf-8")
    (tmp_path / "notice.md").write_text("---\ntype: gov-document\n---\n国办发（2019）3号\n", encoding="utf-8")
    # The masthead's half-width colons (准印证号: …) are TY002's business; this test is about packs.
    (tmp_path / ".reportlint.yaml").write_text('overrides:\n  - files: "院报/**"\n    packs: [newsletter]\n', encoding="utf-8")
    config = load_config(start=tmp_path)
    for use_cache in (False, True, True):  # the same text under another path is not served from the cache
        results = run([str(tmp_path)], RuleSets(CATALOG, config, ignore=["TY002"]), config, use_cache=use_cache)
        by_file = {r.path[len(str(tmp_path)) + 1:]: sorted(codes(r.violations)) for r in results}
        assert by_file == {"440.txt": [], "notice.md": ["GD001"], "院报/440.txt": ["SE001", "SE003", "SE004", "SE005", "SE005", "SE005"]}


def test_cross_document_rules_compare_only_the_files_that_run_them(tmp_path):
    (tmp_path / "院报").mkdir()
    (tmp_path / "院报" / "366.txt").write_text(_issue("2023-12-29", 12, 366), encoding="utf-8")
    (tmp_path / "院报" / "368.txt").write_text(_issue("2024-02-29", 2, 368), encoding="utf-8")
    # Outside 院报/ and typed 通知 (which names no pack): no newsletter pack, despite its 准印证号.
    (tmp_path / "367.md").write_text("---\ntype: 通知\n---\n" + _issue("2024-01-31", 1, 367), encoding="utf-8")
    (tmp_path / ".reportlint.yaml").write_text('overrides:\n  - files: "院报/**"\n    packs: [newsletter]\n', encoding="utf-8")
    config = load_config(start=tmp_path)
    results = run([str(tmp_path)], RuleSets(CATALOG, config), config)
    found = [(r.path.split("/")[-1], v.rule) for r in results for v in r.violations if v.rule in ("SE011", "SE012")]
    assert found == [("368.txt", "SE012")]  # 367 is linted without the pack, so 366 → 368 misses one


def test_invalid_overrides_name_the_file_and_line(tmp_path):
    (tmp_path / ".reportlint.yaml").write_text('fail-on: warning\noverrides:\n  - files: "院报/**"\n', encoding="utf-8")
    with pytest.raises(UserError, match=r"\.reportlint\.yaml:3: .*'packs' is a required property"):
        load_config(start=tmp_path)
    (tmp_path / ".reportlint.yaml").write_text('overrides:\n  - files: "院报/**"\n    packs: [newsleter]\n', encoding="utf-8")
    config = load_config(start=tmp_path)
    with pytest.raises(UserError, match="unknown pack 'newsleter'"):
        RuleSets(CATALOG, config)


def _check(*args):
    return CliRunner().invoke(main, ["check", "--no-cache", *args])


def test_select_a_pack_that_is_not_in_default_on_the_seeds():
    result = _check("--select", "newsletter", "--format", "json", str(SEEDS))
    found = sorted((v["path"].split("/")[-1][:3], v["rule"]) for v in json.loads(result.output))
    assert found == [("000", "SE001"), ("000", "SE004"), ("000", "SE005"), ("000", "SE005"), ("000", "SE005"), ("004", "SE010")]
    assert result.exit_code == 1


def test_default_run_on_the_seeds_runs_the_newsletter_pack_only_where_a_permit_is_printed():
    found = {(v["path"].rsplit("/", 1)[-1][:3], v["rule"]) for v in json.loads(_check("--format", "json", str(SEEDS)).output)}
    newsletter = set(CATALOG.pack_rules("newsletter"))
    other_types = {i for pack in ("gov-document", "work-report") for i in CATALOG.pack_rules(pack)}
    # 000 and 004 print a 准印证号; 001-003 are articles.
    assert {seed for seed, rule in found if rule in newsletter} == {"000", "004"}
    assert not {rule for _, rule in found} & other_types


def test_show_metadata_names_the_packs(tmp_path):
    (tmp_path / "notice.md").write_text("---\ntype: gov-document\n---\n国发〔2019〕5号\n", encoding="utf-8")
    result = _check("--show-metadata", str(tmp_path / "notice.md"))
    assert "type=gov-document (front matter) packs=default,gov-document" in result.output


def test_issue_numbers_across_worker_processes(tmp_path):
    from linter.runner import PARALLEL_MIN_BYTES

    folder = tmp_path / "院报"
    folder.mkdir()
    filler = "三峡医院坚持党建引领，推进医院高质量发展，全面提升医疗服务能力。\n" * 4000
    for date, number, total in (("2023-12-29", 12, 366), ("2024-01-31", 1, 367), ("2024-02-29", 3, 369)):
        (folder / f"{total}.txt").write_text(_issue(date, number, total) + filler, encoding="utf-8")
    assert sum(p.stat().st_size for p in folder.iterdir()) > PARALLEL_MIN_BYTES  # so workers are really used
    (tmp_path / ".reportlint.yaml").write_text('overrides:\n  - files: "院报/**"\n    packs: [newsletter]\n', encoding="utf-8")
    config = load_config(start=tmp_path)
    runs = [run([str(tmp_path)], RuleSets(CATALOG, config), config, jobs=jobs) for jobs in (1, 2)]
    found = [[(r.path.split("/")[-1], v.rule) for r in results for v in r.violations if v.rule in ("SE011", "SE012")] for results in runs]
    assert found[0] == found[1] == [("369.txt", "SE012")]  # 368 missing; 第3期 after 第1期 moves with it
