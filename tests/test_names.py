"""Names: extraction of people, abbreviations and organisations; the `names`
rule type; the NM rules and the TM1xx term lists; the fact sheet's
people and organisations."""

import datetime
import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from linter.document import Document, read_document
from linter.engine import lint_document
from linter.errors import UserError
from linter.extract.names import abbreviations, may_hold_a_person, organisation_mentions, person_mentions
from linter.factsheet import FactSheet, factsheet_from_data, load_factsheet
from linter.rules import load_catalog
from tests.conftest import CORPORA, SEEDS, codes, corpus_texts, lint_text

SEED_FACTS = FactSheet(
    "<test>",
    people=[
        {"name": "杨德清", "titles": ["党委书记"]},
        {"name": "张先祥", "titles": ["党委副书记", "院长"]},
    ],
    organisations=[
        {
            "name": "重庆大学附属三峡医院",
            "short_names": ["三峡医院"],
            "former_names": [{"name": "重庆三峡中心医院", "renamed": "2020-01"}],
        }
    ],
)

# Real seed sentences (001, 000, 004, 002).
SEED_001_DECLARATION = "2020年1月,重庆三峡中心医院划转成为重庆大学附属三峡医院(简称:三峡医院)。至此,医院踏上了由临床型向高水平研究型教学医院转型升级的新征程。"
SEED_001_SECRETARY = "“市委六届三次全会明确提出加强党建统领,为医院党建指明了前进方向。”三峡医院党委书记杨德清说。"
SEED_001_PRESIDENT = "“这得益于医院坚持党建统领,一手抓学科建设,一手抓运营管理,全面激活高质量发展强劲引擎。”三峡医院党委副书记、院长张先祥说。"
SEED_000_MEETING = "1月18日,我院举行2022年度工作总结暨表彰大会,会议由党委书记杨德清主持。"
SEED_000_REPORT = "会上,院长张先祥作了题为《秉润初心践使命 奋楫扬帆启新程》的总结报告。"
SEED_000_MASTHEAD = "三峡医院\n\n准印证号: (渝) 2022802\n\n主 编: 张先祥 杨德清\n\n联系电话: 023-58103430\n\n2023年2月10日 (总第440期)\n"
SEED_004_SIGNATURES = "踔厉奋发开新局 勇毅前行显担当\n\n荆门市中心医院党委书记 段 睿\n荆门市中心医院院长 余 红\n\n尊敬的各位领导、全体医护人员、同志们、朋友们：\n"
SEED_002_OPENING = "从1951年玉和巷青砖灰瓦间飘散的袅袅药香，到如今国本路上拔地而起的现代化医疗高楼——重庆三峡医药高等专科学校附属人民医院(以下简称“三峡医专附属人民医院”)走过了七十余载峥嵘岁月。"


def names_of(text, factsheet=None):
    return [(m.titles, m.name) for m in person_mentions(Document(text, factsheet=factsheet))]


def nm(text, rule, date="2023-02-10", factsheet=None):
    return codes(lint_text(text, [rule], date=date, factsheet=factsheet))


# -- extraction: people --------------------------------------------------------


def test_title_and_name_from_seed_sentences():
    assert names_of(SEED_000_MEETING) == [(("党委书记",), "杨德清")]
    assert names_of(SEED_001_PRESIDENT) == [(("党委副书记", "院长"), "张先祥")]
    assert names_of(SEED_000_REPORT) == [(("院长",), "张先祥")]


def test_space_aligned_names_are_read_whole():
    assert names_of(SEED_004_SIGNATURES) == [(("党委书记",), "段睿"), (("院长",), "余红")]
    assert names_of("国务院总理　李　强\n") == [(("总理",), "李强")]


def test_masthead_editor_line_names_nobody():
    assert names_of(SEED_000_MASTHEAD) == []


def test_words_after_titles_that_are_not_names():
    assert names_of("院长高度重视，书记亲自部署。") == []
    assert names_of("院长向全院职工致以新春问候。") == []
    assert names_of("主席常常告诉我们要实事求是。") == []


def test_two_or_three_characters_decided_by_what_follows():
    assert names_of("国务委员宋平将对此作出部署。") == [(("国务委员",), "宋平")]
    assert names_of("总经理、党委副书记邵文受到撤职处分。") == [(("总经理", "党委副书记"), "邵文")]
    assert names_of("院长李为民表示，医院将加快发展。") == [(("院长",), "李为民")]


def test_compound_surname():
    assert names_of("党委书记、副董事长欧阳其昭受到党内严重警告处分。") == [(("党委书记", "副董事长"), "欧阳其昭")]


def test_speech_position_without_title():
    assert names_of("“要抓好医疗质量。”杨德清说。") == [((), "杨德清")]
    assert names_of("大家高兴地说，今年收成好。他们说，应该说明的是。") == []
    assert names_of("“谢谢你们。”王主任说。") == []


def test_a_registered_name_settles_an_ambiguous_reading():
    sheet = FactSheet(people=[{"name": "张和", "titles": ["院长"]}])
    assert names_of("院长张和平安抵达。") == []
    assert names_of("院长张和平安抵达。", sheet) == [(("院长",), "张和")]


# -- extraction: abbreviations -------------------------------------------------


@pytest.mark.parametrize(
    "sentence, short, full",
    [
        (SEED_002_OPENING, "三峡医专附属人民医院", "重庆三峡医药高等专科学校附属人民医院"),
        (SEED_001_DECLARATION, "三峡医院", "重庆大学附属三峡医院"),
        ("近年来,重庆市急救医疗中心(重庆大学附属中心医院)(以下简称“重庆市急救医疗中心”)积极探索。", "重庆市急救医疗中心", "重庆市急救医疗中心(重庆大学附属中心医院)"),
        ("对事故负有主要责任的杏儿沟煤业有限责任公司（以下简称杏煤公司）", "杏煤公司", "杏儿沟煤业有限责任公司"),
        ("一、原则同意《河北雄安新区总体规划（2018—2035年）》（以下简称《总体规划》）。", "总体规划", "《河北雄安新区总体规划（2018—2035年）》"),
        ("有关部门对太原钢铁（集团）有限公司（以下简称“太钢”）进行了调研。", "太钢", "太原钢铁（集团）有限公司"),
        ("国务院决定对国务院第二次全国污染源普查领导小组（以下简称领导小组）组成人员进行调整。", "领导小组", "国务院第二次全国污染源普查领导小组"),
    ],
)
def test_declared_abbreviations_from_real_texts(sentence, short, full):
    [declared] = abbreviations(Document(sentence))
    assert (declared.short, declared.full) == (short, full)


def test_full_name_unknown_when_the_short_form_cannot_be_read_from_it():
    [declared] = abbreviations(Document("经国务院同意，国家发展改革委、财政部（以下简称两部门）联合印发通知。"))
    assert declared.short == "两部门" and declared.full is None


# -- extraction: organisations -------------------------------------------------


def test_organisation_mentions_longest_name_first():
    doc = Document(SEED_001_DECLARATION + "三峡医院博鳌国际医学部揭牌。重庆三峡医院举行义诊。", factsheet=SEED_FACTS)
    kinds = [(m.name, m.kind) for m in organisation_mentions(doc)]
    assert kinds == [
        ("重庆三峡中心医院", "former"),
        ("重庆大学附属三峡医院", "name"),
        ("三峡医院", "short"),
        ("三峡医院", "short"),
        ("重庆三峡医院", "unregistered"),
        ("三峡医院", "short"),
    ]


def test_no_organisations_without_a_fact_sheet():
    assert organisation_mentions(Document(SEED_001_DECLARATION)) == []


# -- NM001 title (fact sheet) -------------------------------------------------


def test_nm001_wrong_title_for_registered_person():
    assert nm(SEED_000_MEETING.replace("党委书记杨德清", "院长杨德清"), "NM001", factsheet=SEED_FACTS) == ["NM001"]
    assert nm(SEED_000_REPORT.replace("院长张先祥", "副院长张先祥"), "NM001", factsheet=SEED_FACTS) == ["NM001"]
    assert nm(SEED_001_SECRETARY.replace("党委书记杨德清", "党委副书记杨德清"), "NM001", factsheet=SEED_FACTS) == ["NM001"]


def test_nm001_message_names_the_titles_held():
    [violation] = lint_text("会议由院长杨德清主持。", ["NM001"], date="2023-02-10", factsheet=SEED_FACTS)
    assert "杨德清" in violation.message and "党委书记" in violation.message and "院长" in violation.message


def test_nm001_silent_on_correct_and_combined_titles():
    for text in (SEED_000_MEETING, SEED_000_REPORT, SEED_001_SECRETARY, SEED_001_PRESIDENT):
        assert nm(text, "NM001", factsheet=SEED_FACTS) == []
    assert nm("书记杨德清走进放射科。", "NM001", factsheet=SEED_FACTS) == []  # 书记 names 党委书记


def test_nm001_unregistered_titles_and_people_are_not_judged():
    assert nm("会上，教授张先祥作了专题讲座。", "NM001", factsheet=SEED_FACTS) == []
    assert nm("会议由院长王平主持。", "NM001", factsheet=SEED_FACTS) == []


def test_nm001_titles_with_dates():
    sheet = FactSheet(people=[{"name": "王平", "titles": [{"title": "副院长", "until": "2021-06"}, {"title": "院长", "from": "2021-07"}]}])
    assert nm("会议由副院长王平主持。", "NM001", date="2023-02-10", factsheet=sheet) == ["NM001"]
    assert nm("会议由副院长王平主持。", "NM001", date="2021-06-30", factsheet=sheet) == []
    assert nm("会议由院长王平主持。", "NM001", date="2021-06-30", factsheet=sheet) == ["NM001"]
    assert nm("会议由院长王平主持。", "NM001", date=None, factsheet=sheet) == []  # he was 院长 at some time
    assert nm("会议由院长杨德清主持。", "NM001", date=None, factsheet=SEED_FACTS) == ["NM001"]


def test_nm001_silent_without_fact_sheet():
    assert nm("会议由院长杨德清主持。", "NM001") == []


# -- NM002 title consistency ----------------------------------------------------


def test_nm002_two_incompatible_titles_in_one_document():
    text = SEED_000_MEETING + "\n\n" + SEED_000_REPORT.replace("院长张先祥", "院长杨德清")
    violations = lint_text(text, ["NM002"])
    assert codes(violations) == ["NM002"]
    assert violations[0].line == 3 and "第1行" in violations[0].message


def test_nm002_dropped_fu():
    assert nm("副院长甘家云带队开展义诊。\n院长甘家云表示，将持续推进。", "NM002") == ["NM002"]
    assert nm("党委副书记张三主持会议。\n党委书记张三讲话。", "NM002") == ["NM002"]


def test_nm002_combined_titles_and_subsets_are_consistent():
    text = "\n\n".join([SEED_001_PRESIDENT, SEED_000_REPORT, SEED_001_SECRETARY, SEED_000_MEETING])
    assert nm(text, "NM002") == []
    assert nm("党委书记、院长李明主持会议。\n院长李明讲话。\n党委书记李明总结。", "NM002") == []


def test_nm002_leaves_registered_people_to_nm001():
    text = "会议由党委书记杨德清主持。\n会上，院长杨德清作了总结报告。"
    assert nm(text, "NM002", factsheet=SEED_FACTS) == []


# -- NM003 misspelling (fact sheet) ---------------------------------------------


def test_nm003_one_character_from_a_registered_name():
    violations = lint_text(SEED_000_REPORT.replace("张先祥", "张先详"), ["NM003"], factsheet=SEED_FACTS)
    assert codes(violations) == ["NM003"] and "张先祥" in violations[0].message
    assert nm(SEED_001_SECRETARY.replace("杨德清", "杨德青"), "NM003", factsheet=SEED_FACTS) == ["NM003"]
    assert nm("“要抓好医疗质量。”杨德青说。", "NM003", factsheet=SEED_FACTS) == ["NM003"]


def test_nm003_silent_on_registered_names_other_posts_and_other_surnames():
    assert nm(SEED_000_REPORT, "NM003", factsheet=SEED_FACTS) == []
    assert nm("会上，主任医师张先华作了专题讲座。", "NM003", factsheet=SEED_FACTS) == []
    assert nm("“要抓好医疗质量。”王德清说。", "NM003", factsheet=SEED_FACTS) == []
    assert nm(SEED_000_REPORT.replace("张先祥", "张先详"), "NM003") == []


# -- NM004 misspelling within a document ------------------------------------------


def test_nm004_rare_spelling_next_to_a_frequent_one():
    text = "会议由院长张先祥主持。院长张先祥强调，要抓好医疗质量。院长张先详最后作总结。"
    violations = lint_text(text, ["NM004"])
    assert codes(violations) == ["NM004"] and "张先详" in violations[0].message


def test_nm004_silent_on_two_people_with_similar_names_once_each():
    assert nm("副院长王平和副院长王萍分别发言。", "NM004") == []
    assert nm("院长张先祥主持。院长张先祥强调。副院长张先详作总结。", "NM004") == []


# -- NM005 former names, NM006 short names ------------------------------------------


def test_nm005_former_name_after_renaming():
    text = "今年7月8日,重庆三峡中心医院博鳌国际医学部在海南博鳌国际医院揭牌。"
    assert nm(text, "NM005", date="2023-07-20", factsheet=SEED_FACTS) == ["NM005"]
    assert nm(text, "NM005", date="2020-01-20", factsheet=SEED_FACTS) == []  # renamed some time in January 2020
    assert nm(text, "NM005", date="2020-02-01", factsheet=SEED_FACTS) == ["NM005"]
    assert nm(text, "NM005", date=None, factsheet=SEED_FACTS) == []


def test_nm005_sentences_about_the_renaming_and_citations():
    assert nm(SEED_001_DECLARATION, "NM005", date="2023-07-20", factsheet=SEED_FACTS) == []
    assert nm("原重庆三峡中心医院职工全部划入新院。", "NM005", date="2023-07-20", factsheet=SEED_FACTS) == []
    assert nm("医院的前身是1936年创办的重庆三峡中心医院。", "NM005", date="2023-07-20", factsheet=SEED_FACTS) == []
    assert nm("参照《重庆三峡中心医院章程》执行。", "NM005", date="2023-07-20", factsheet=SEED_FACTS) == []


def test_nm005_undated_former_name_is_always_former():
    sheet = FactSheet(organisations=[{"name": "国家卫生健康委员会", "former_names": ["国家卫生和计划生育委员会"]}])
    assert nm("国家卫生和计划生育委员会发布通知。", "NM005", date=None, factsheet=sheet) == ["NM005"]


def test_nm006_short_form_not_registered():
    assert nm("重庆三峡医院博鳌国际医学部在海南揭牌。", "NM006", factsheet=SEED_FACTS) == ["NM006"]
    assert nm("重大附属三峡医院博鳌国际医学部在海南揭牌。", "NM006", factsheet=SEED_FACTS) == ["NM006"]


def test_nm006_silent_on_registered_names_and_other_hospitals():
    text = "重庆大学附属三峡医院与三峡医院铁峰山院区、万州三峡医院、重庆大学附属医院、重庆医科大学附属第一医院开展合作。"
    assert nm(text, "NM006", factsheet=SEED_FACTS) == []


# -- NM007-NM009 abbreviations ------------------------------------------------------


def test_nm007_full_name_again_after_declaration():
    text = SEED_002_OPENING + "\n\n如今,重庆三峡医药高等专科学校附属人民医院正以党建为统领。"
    violations = lint_text(text, ["NM007"])
    assert codes(violations) == ["NM007"] and violations[0].severity == "info"


def test_nm007_captions_and_credits_may_repeat_the_full_name():
    text = SEED_002_OPENING + "\n\n重庆三峡医药高等专科学校附属人民医院(高平塘院区)外景\n\n傅星辰 图片由重庆三峡医药高等专科学校附属人民医院提供\n"
    assert nm(text, "NM007") == []


def test_nm007_silent_inside_a_longer_cited_title():
    # From a provincial regulation: the full name is part of the State Council regulation's title.
    text = ("第二条 凡在本省行政区域内制定和实施村庄和集镇（以下简称村镇）规划，以及在村镇规划区内进行建设活动，"
            "必须遵守国务院《村庄和集镇规划建设管理条例》和本条例。")
    assert nm(text, "NM007") == []
    assert nm(text + "\n第三条 村庄和集镇规划由乡级人民政府负责编制。", "NM007") == ["NM007"]


def test_abbreviations_declared_in_a_quoted_passage_belong_to_the_quoted_text():
    # A 决定 quoting the interpretations it amends: each quotation declares its own short forms.
    text = ("十、将第六十三条修改为：\n“依照《中华人民共和国民事诉讼法》（以下简称民事诉讼法）第二百一十九条的规定，公告期间不得少于六十日。”\n"
            "十四、将引言修改为：\n“为了正确审理期货纠纷案件，根据《中华人民共和国民法典》《中华人民共和国民事诉讼法》等有关法律的规定，制定本规定。”")
    assert nm(text, "NM007") == [] and nm(text, "NM009") == []
    unquoted = text.replace("“", "").replace("”", "")
    assert nm(unquoted, "NM007") == ["NM007"]


def test_nm008_short_form_before_declaration():
    text = "三峡医专附属人民医院始建于1951年。\n\n" + SEED_002_OPENING
    violations = lint_text(text, ["NM008"])
    assert codes(violations) == ["NM008"] and violations[0].severity == "warning"


def test_nm008_silent_on_headlines_parts_of_the_full_name_and_generic_words():
    seed_003 = "重庆市急救医疗中心(重庆大学附属中心医院)\n\n近年来,重庆市急救医疗中心(重庆大学附属中心医院)(以下简称“重庆市急救医疗中心”)积极探索构建一体化救治体系。"
    assert nm(seed_003, "NM008") == []
    assert nm("三峡医专附属人民医院的七十年\n\n" + SEED_002_OPENING, "NM008") == []
    generic = "国务院决定成立领导小组。\n国务院第二次全国污染源普查领导小组（以下简称领导小组）负责普查工作。领导小组办公室设在生态环境部。"
    assert nm(generic, "NM008") == []
    partial = "同意组建2008年北京奥运会首都国际机场协调委员会。协调委员会不刻制印章。\n组建2008年北京奥运会首都国际机场协调委员会（以下简称协调委）。协调委负责协调工作。"
    assert nm(partial, "NM008") == []


def test_nm009_declared_but_never_used():
    assert nm("太原钢铁（集团）有限公司（以下简称“太钢”）近年来发展迅速。", "NM009") == ["NM009"]
    assert nm("太原钢铁（集团）有限公司（以下简称“太钢”）近年来发展迅速。太钢要加快技术改造。", "NM009") == []
    assert nm("原则同意《河北雄安新区总体规划（2018—2035年）》（以下简称《总体规划》）。请认真组织实施《总体规划》。", "NM009") == []


# -- dated term lists (substitution) and TM101-TM104 ----------------------------------------------------


def test_tm101_country_names_with_date_range():
    assert nm("北朝鲜问题的和平解决符合各方利益。", "TM101", date=None) == ["TM101"]
    assert nm("我院与南朝鲜多家医院开展学术交流。", "TM101", date="2023-05-01") == ["TM101"]
    assert nm("人民反对美国占领南朝鲜。", "TM101", date="1955-07-05") == []
    assert nm("人民反对美国占领南朝鲜。", "TM101", date=None) == []


def test_tm103_word_boundaries():
    assert nm("在村长的带领下，医疗队走村入户。", "TM103", date=None) == ["TM103"]
    assert nm("这是关系农业农村长远发展的大事。加快推进农业农村长足发展。", "TM103", date=None) == []


def test_tm104_renamed_agency_except_former_and_citations():
    assert nm("医院获评国家卫生计生委脑卒中筛查与防治基地。", "TM104", date="2023-02-10") == ["TM104"]
    assert nm("医院获评原国家卫生计生委脑卒中筛查与防治基地。", "TM104", date="2023-02-10") == []
    assert nm("按照《国家卫生计生委关于印发进一步改善医疗服务行动计划的通知》要求。", "TM104", date="2023-02-10") == []


def test_user_term_list_in_yaml(tmp_path):
    rules = tmp_path / "our-terms.yaml"
    rules.write_text(
        """pack: our-terms
rules:
  - id: OT001
    category: terminology
    severity: warning
    type: substitution
    message: 本院规范表述为“{expected}”，不用“{found}”{note}
    swap:
      万州区人民医院: 三峡医院
      胸痛中心: {preferred: 胸痛救治中心, from: 2024-01-01, note: （2024年起）}
    examples:
      bad: ["万州区人民医院举行义诊。"]
      good: ["三峡医院举行义诊。"]
""",
        encoding="utf-8",
    )
    catalog = load_catalog([rules])
    rule = catalog.rules["OT001"]
    fired = lint_document(Document("万州区人民医院胸痛中心揭牌。", default_date=datetime.date(2024, 3, 1)), [rule])
    assert [v.message for v in fired] == ["本院规范表述为“三峡医院”，不用“万州区人民医院”", "本院规范表述为“胸痛救治中心”，不用“胸痛中心”（2024年起）"]
    fired = lint_document(Document("万州区人民医院胸痛中心揭牌。", default_date=datetime.date(2023, 3, 1)), [rule])
    assert len(fired) == 1


def test_term_list_bad_date_is_a_rule_file_error(tmp_path):
    rules = tmp_path / "bad.yaml"
    rules.write_text(
        """rules:
  - id: OT001
    category: terminology
    severity: warning
    type: substitution
    message: x
    swap:
      胸痛中心: {preferred: 胸痛救治中心, from: 2024-13-01}
    examples: {bad: ["胸痛中心"], good: ["x"]}
""",
        encoding="utf-8",
    )
    with pytest.raises(UserError, match="not a date"):
        load_catalog([rules])


# -- fact sheet ---------------------------------------------------------------------


def test_shipped_seed_fact_sheet_loads():
    sheet = load_factsheet(SEEDS / "facts.yaml")
    assert set(sheet.person_names()) == {"张先祥", "杨德清"}
    assert sheet.titles_held(sheet.person_names()["张先祥"], datetime.date(2023, 2, 10)) == ["党委副书记", "院长"]
    former = [n for n in sheet.organisation_names() if n[2] == "former"]
    assert former[0][1] == "重庆三峡中心医院" and former[0][3] == datetime.date(2020, 1, 31)


def test_fact_sheet_errors_name_the_line(tmp_path):
    path = tmp_path / "facts.yaml"
    path.write_text("people:\n  - name: 张先祥\n    titles:\n      - {title: 院长, from: 2020-13}\n", encoding="utf-8")
    with pytest.raises(UserError) as error:
        load_factsheet(path)
    assert error.value.line == 4
    path.write_text("organisations:\n  - name: 三峡医院\n    nickname: 三医\n", encoding="utf-8")
    with pytest.raises(UserError, match="nickname"):
        load_factsheet(path)


def test_example_fact_sheet_is_validated():
    with pytest.raises(UserError, match="facts"):
        factsheet_from_data({"people": [{"titles": ["院长"]}]})


# -- real documents -----------------------------------------------------------------


def _names_findings(paths, factsheet=None):
    catalog = load_catalog()
    rules = catalog.select([], ["NM"])
    findings = []
    for path in paths:
        findings += lint_document(read_document(path, factsheet=factsheet), rules)
    return findings


def test_seeds_without_fact_sheet_have_no_names_findings():
    assert _names_findings(sorted(SEEDS.glob("*.txt"))) == []


def test_seeds_with_their_fact_sheet_have_no_names_findings():
    assert _names_findings(sorted(SEEDS.glob("*.txt")), load_factsheet(SEEDS / "facts.yaml")) == []


def test_mutated_seed_with_fact_sheet(tmp_path):
    text = (SEEDS / "001_d7ac26540f259f3d.txt").read_text(encoding="utf-8")
    mutated = text.replace("三峡医院党委书记杨德清说", "三峡医院院长杨德清说", 1)
    mutated = mutated.replace("党委副书记、院长张先祥说", "党委副书记、院长张先详说", 1)
    mutated = mutated.replace("今年7月8日,三峡医院博鳌", "今年7月8日,重庆三峡中心医院博鳌", 1)
    path = tmp_path / "001.txt"
    path.write_text(mutated, encoding="utf-8")
    findings = _names_findings([path], load_factsheet(SEEDS / "facts.yaml"))
    # 001 has no masthead date: NM005 needs one; the seed fact sheet's titles have no dates.
    assert sorted(codes(findings)) == ["NM001", "NM003"]
    dated = _names_findings_dated(path, datetime.date(2023, 8, 1))
    assert sorted(codes(dated)) == ["NM001", "NM003", "NM005"]


def _names_findings_dated(path, date):
    rules = load_catalog().select([], ["NM"])
    return lint_document(read_document(path, date, load_factsheet(SEEDS / "facts.yaml")), rules)


@pytest.mark.parametrize("corpus", CORPORA)
def test_corpus_has_no_names_findings(corpus):
    findings = _names_findings(corpus_texts(corpus))
    assert findings == [], [f"{f.path}:{f.line} {f.rule} {f.message}" for f in findings]


@pytest.mark.parametrize("corpus", CORPORA)
def test_corpus_has_no_new_term_list_findings(corpus):
    rules = load_catalog().select([], ["TM101", "TM102", "TM103", "TM104"])
    findings = [v for path in corpus_texts(corpus) for v in lint_document(read_document(path), rules)]
    assert findings == []


def test_cli_with_fact_sheet_in_config(tmp_path):
    (tmp_path / ".reportlint.yaml").write_text(f"facts: {json.dumps(str(SEEDS / 'facts.yaml'))}\n", encoding="utf-8")
    doc = tmp_path / "report.txt"
    doc.write_text("2023年2月10日 (总第440期)\n\n会议由院长杨德清主持。\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "linter", "check", "--select", "NM", str(doc)], cwd=tmp_path, capture_output=True, text=True
    )
    assert result.returncode == 1, result.stderr
    assert "NM001" in result.stdout and "杨德清" in result.stdout


# -- the documented fact sheet and term list work as written ---------------------------


def _doc_yaml_blocks():
    """The fact sheet and the rule examples with facts (docs/facts.md), and the term list (docs/rule-types.md)."""
    import re

    docs = Path(__file__).resolve().parent.parent / "docs"
    people = (docs / "facts.md").read_text(encoding="utf-8").split("\n## The fact sheet", 1)[1].split("\n## ", 1)[0]
    terms = (docs / "rule-types.md").read_text(encoding="utf-8").split("\n## Term lists", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```yaml\n(.*?)```", people, re.S)[:2] + re.findall(r"```yaml\n(.*?)```", terms, re.S)[:1]


def test_docs_fact_sheet_example_loads(tmp_path):
    facts, _, _ = _doc_yaml_blocks()
    path = tmp_path / "facts.yaml"
    path.write_text(facts, encoding="utf-8")
    sheet = load_factsheet(path)
    assert nm("会议由副院长王平主持。", "NM001", date="2023-02-10", factsheet=sheet) == ["NM001"]


def test_docs_rule_examples_with_facts_and_term_list(tmp_path):
    _, examples, term_list = _doc_yaml_blocks()
    rule = "  - id: OT102\n    category: names\n    severity: warning\n    type: names\n    check: title\n    message: x\n"
    rule += "".join("    " + line + "\n" for line in examples.splitlines())
    (tmp_path / "with-facts.yaml").write_text("rules:\n" + rule, encoding="utf-8")
    (tmp_path / "our-terms.yaml").write_text(term_list, encoding="utf-8")
    from linter.rule_examples import failing_examples

    catalog = load_catalog([tmp_path / "with-facts.yaml", tmp_path / "our-terms.yaml"])
    assert failing_examples([catalog.rules["OT102"], catalog.rules["OT101"]]) == []


def test_nm001_dropped_fu_with_fact_sheet():
    sheet = FactSheet(people=[{"name": "甘家云", "titles": ["副院长"]}])
    assert nm("院长甘家云带队开展义诊。", "NM001", factsheet=sheet) == ["NM001"]
    assert nm("副院长甘家云带队开展义诊。", "NM001", factsheet=sheet) == []


def test_registered_names_are_kept_whole_by_segmentation():
    from linter.segment import tokens

    text = "重庆大学附属三峡医院召开职工代表大会。"
    assert "重庆大学附属三峡医院" in [w for w, _, _ in tokens(Document(text, factsheet=SEED_FACTS))]


def test_nm006_one_character_before_the_short_name_is_not_a_name():
    assert nm("全力打造大三峡医院集团。", "NM006", factsheet=SEED_FACTS) == []


def test_odd_text_does_not_crash_the_names_rules():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    rules = load_catalog().select([], ["NM"])
    alphabet = st.sampled_from(list("院长副党委书记张先祥杨德清欧阳说表示（）以下简称“”《》、，。 　\n重庆三峡中心医院大学附属"))

    @settings(max_examples=200, deadline=None)
    @given(st.text(alphabet, max_size=60))
    def lint(text):
        lint_document(Document(text, default_date=datetime.date(2023, 2, 10), factsheet=SEED_FACTS), rules)

    lint()
    assert names_of("欧阳说。欧阳表示，") == []


def test_past_titles_are_not_judged():
    assert nm("原院长杨德清出席活动并讲话。", "NM001", factsheet=SEED_FACTS) == []
    assert nm("时任副院长张先祥带队驰援武汉。", "NM001", factsheet=SEED_FACTS) == []
    text = "2019年，时任副院长甘家云带队驰援湖北。\n如今，院长甘家云表示，医院将持续推进分级诊疗。"
    assert nm(text, "NM002") == []
    assert nm(text.replace("时任", ""), "NM002") == ["NM002"]


def test_declaration_variants():
    [declared] = abbreviations(Document("积极支持以深圳市名义申办2011年第26届世界大学生夏季运动会（下称“大运会”）。"))
    assert (declared.short, declared.full) == ("大运会", "2011年第26届世界大学生夏季运动会")
    [declared] = abbreviations(Document("国务院同意建设中国（海南）自由贸易试验区（以下称自贸试验区）。"))
    assert declared.full == "中国（海南）自由贸易试验区"


def test_nm007_full_name_inside_a_longer_name_is_kept():
    text = "国务院同意建设自由贸易试验区（以下简称自贸试验区）。要不断提高自贸试验区建设和管理水平。国务院自由贸易试验区工作部际联席会议办公室要切实发挥统筹协调作用。"
    assert nm(text, "NM007") == []
    assert nm(SEED_002_OPENING + "医院与重庆三峡医药高等专科学校附属人民医院签约。", "NM007") == ["NM007"]


def test_bad_example_fact_sheet_is_a_rule_file_error_at_its_line(tmp_path):
    rules = tmp_path / "bad.yaml"
    rules.write_text(
        """rules:
  - id: OT001
    category: names
    severity: warning
    type: names
    check: title
    message: x
    examples:
      bad:
        - text: 会议由院长杨德清主持。
          facts: {people: [{name: 杨德清, titles: [{title: 院长, from: 2020-13}]}]}
      good: ["x"]
""",
        encoding="utf-8",
    )
    with pytest.raises(UserError, match="example fact sheet.*not a date") as error:
        load_catalog([rules])
    assert error.value.line is not None


ORDERED_FACTS = FactSheet(
    people=[{"name": "杨德清", "titles": ["党委书记"], "order": 1}, {"name": "张先祥", "titles": ["党委副书记", "院长"], "order": 2}]
)


def test_nm010_leaders_listed_out_of_order():
    violations = lint_text("3月5日，院长张先祥、党委书记杨德清带队深入临床一线调研。", ["NM010"], factsheet=ORDERED_FACTS)
    assert codes(violations) == ["NM010"] and "杨德清、张先祥" in violations[0].message


def test_nm010_silent_in_order_apart_or_without_titles():
    assert nm("3月5日，党委书记杨德清，党委副书记、院长张先祥带队深入临床一线调研。", "NM010", factsheet=ORDERED_FACTS) == []
    assert nm(SEED_000_MASTHEAD, "NM010", factsheet=ORDERED_FACTS) == []
    assert nm(SEED_000_REPORT + SEED_000_MEETING, "NM010", factsheet=ORDERED_FACTS) == []
    assert nm("3月5日，院长张先祥、党委书记杨德清带队调研。", "NM010", factsheet=SEED_FACTS) == []  # no order given


def test_name_before_its_title_for_registered_people():
    assert nm("张先详院长表示，医院将坚持党建统领。", "NM003", factsheet=SEED_FACTS) == ["NM003"]
    assert nm("杨德清院长表示，医院将坚持党建统领。", "NM001", factsheet=SEED_FACTS) == ["NM001"]
    assert nm("杨德清书记指出，要坚持党建引领。张先祥院长强调，要抓好医疗质量。", "NM", factsheet=SEED_FACTS) == []
    assert nm("张先详院长表示，医院将坚持党建统领。", "NM003") == []
    assert names_of("常务副院长主持会议。", SEED_FACTS) == []


def test_two_character_names_one_apart_are_two_people():
    sheet = FactSheet(people=[{"name": "王平", "titles": ["院长"]}])
    assert nm("会议由院长王强主持。", "NM003", factsheet=sheet) == []
    assert nm("院长王平主持。院长王平强调。院长王萍总结。", "NM004") == []


def test_declaration_with_wei_and_xiatong():
    [declared] = abbreviations(Document("重庆大学附属三峡医院（简称“三峡医院”，下同）召开大会。"))
    assert (declared.short, declared.full) == ("三峡医院", "重庆大学附属三峡医院")
    [declared] = abbreviations(Document("重庆大学附属三峡医院（以下简称为三峡医院）召开大会。"))
    assert declared.short == "三峡医院"
    assert abbreviations(Document("国家发展改革委、财政部（以下分别简称“发改委”“财政部”）联合发文。")) == []


def test_abbreviation_unused_only_for_the_text_below_without_quotes():
    assert codes(lint_text("国家医疗保障局（下称“国家医保局”）印发通知。\n\n各地要认真落实。", ["NM009"])) == ["NM009"]
    assert lint_text("开展腹腔镜辅助根治术（以下简称‘LARC’）。\n\n今年共完成LARC手术120例。", ["NM009"]) == []
    assert lint_text("重庆三峡中心医院划转成为重庆大学附属三峡医院（简称：三峡医院）。", ["NM009"]) == []


def test_one_person_spelt_two_ways_in_one_story():
    text = "“我想快点出院。”王乐说。\n\n护士长陈敏说，王乐恢复得很好。\n\n王乐乐的家人送来了锦旗。"
    (found,) = lint_text(text, ["NM011"])
    assert (found.line, found.message) == (5, "第5行的“王乐乐”与第1行起的“王乐”（共2处）只差一字，疑为同一人名的两种写法")
    changed = "主任医师张先祥说，要抓好医疗质量。\n“我们还要加强学科建设。”张先祥表示。\n会后，张先详说，将继续努力。"
    assert [v.line for v in lint_text(changed, ["NM011"])] == [3]
    assert lint_text("副院长王平和副院长王萍分别发言。院长张先祥说，要抓好质量。张先祥表示，将继续努力。", ["NM011"]) == []


def test_a_speaker_label_misspelt_once():
    text = ("陈志刚：今年我们村新修了三条路。\n记者：村民怎么看？\n陈志刚：大家都说好。\n"
            "村委会主任陈志刚介绍，明年还要修桥。\n陈志钢：资金已经落实了。")
    (found,) = lint_text(text, ["NM011"])
    assert (found.line, found.column) == (5, 1)
    assert found.message == "第5行的“陈志钢”与第1行起的“陈志刚”（共3处）只差一字，疑为同一人名的两种写法"
    assert [m.name for m in person_mentions(Document(text))] == ["陈志刚", "陈志刚", "陈志刚", "陈志钢"]


def test_speaker_labels_that_are_words_or_sayings_are_no_names():
    text = "解读：新规明确了责任。\n关键词：绿色发展\n古人云：民为邦本。\n常言道：众人拾柴火焰高。"
    assert person_mentions(Document(text)) == []


def test_a_two_character_name_misspelt_with_a_homophone():
    text = "董事长于冬表示，要提高质量。\n“我们还会加大投入。”于冬说。\n于冬介绍，今年票房增长较快。\n于栋认为，观众更看重内容。"
    (found,) = lint_text(text, ["NM011"])
    assert found.line == 4 and "“于栋”与第1行起的“于冬”" in found.message
    # A two-character name that sounds different is another person (王平/王强).
    assert lint_text(text.replace("于栋", "于强"), ["NM011"]) == []


def test_two_people_one_character_apart_stay_silent():
    # Both named more than once: two people who share a surname and a character.
    twins = "李建君说，要抓好落实。\n李建君表示，将继续努力。\n李建军说，资金已到位。\n李建军介绍，工程将于年底完工。\n李建君强调，要确保安全。"
    assert lint_text(twins, ["NM011"]) == []
    # Named side by side in one sentence.
    together = "王平说，要抓好落实。\n王平表示，将继续努力。\n会上，院长王平和副院长王萍分别讲话。\n王平强调，要确保安全。"
    assert lint_text(together, ["NM011"]) == []


def test_a_variant_after_a_title_used_once_with_the_same_title_is_nm011s():
    """NM004 compares a title+name pair used twice; after a title the frequent name holds once, NM011 reports."""
    text = "党委书记王士永说，要抓好落实。\n王士永表示，将继续努力。\n王士永强调，要确保安全。\n党委书记王士勇最后作总结。"
    assert codes(lint_text(text, ["NM004", "NM011"])) == ["NM011"]


def test_the_quick_person_test_never_says_no_where_a_person_mention_holds_the_text():
    """TY010 asks may_hold_a_person before reading a document's people: it must be
    true of every two characters inside every person mention, and false far from one."""
    sheet = factsheet_from_data({"people": [{"name": "张先祥", "titles": ["院长"]}]})
    texts = ["党委书记、院长王乐乐主持会议，副院长欧阳明明出席。", "院长　　李晶晶讲话。", "会上，王乐乐表示，要抓好落实。",
             "记者：你怎么看？\n王晶晶：我们会坚持下去。", "张先详院长强调，要提高认识。"]
    docs = [Document(text) for text in texts[:4]] + [Document(texts[4], factsheet=sheet)]
    docs += [read_document(path) for path in sorted(SEEDS.glob("*.txt"))]
    pairs = [(doc, a) for doc in docs for m in person_mentions(doc) for a in range(m.start, m.end - 1)]
    assert len(pairs) >= 8
    assert all(may_hold_a_person(doc, a, a + 2) for doc, a in pairs)
    far = Document("医院坚持人人参与，常常开展义诊。")
    assert not any(may_hold_a_person(far, a, a + 2) for a in range(len(far.text) - 1))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["张", "明", "李建", "君", "说", "表示", "指出", "，", "。", "\n", "“", "：", "a", " ", "他"]), max_size=30).map("".join))
def test_names_before_speech_verbs_are_the_look_behind_s_matches(text):
    # The clause's mark matched, or the text's start: the same names as a look-behind tried at every offset.
    import re

    from linter.extract.names import HAN, SPEECH_VERBS, _speeches

    before = re.compile(rf"(?:^|(?<=[，。；：！？“”\n,;:!?]))({HAN}{{2,4}})(?:{'|'.join(SPEECH_VERBS)})", re.M)
    assert [m.span(1) for m in _speeches(text)] == [m.span(1) for m in before.finditer(text)]
