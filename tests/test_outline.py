"""The outline (linter.extract.outline): sections, periods inherited from the
sections above, stances, and the modality of places in sentences."""

import datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from linter.document import Document
from linter.extract.outline import ACHIEVED, CONDITION, PAST, PLAN, REVIEW, STATED, TARGET, outline
from tests.conftest import FIXTURE_CORPUS

WORK_REPORT = """2026年市政府工作报告

各位代表：

一、2025年工作回顾

过去一年，我们坚持稳中求进，全市经济运行稳中有进。

（二）扎实推进民生工程

全年新建保障性住房2.3万套，新建村级卫生室48个。

二、“十五五”时期的主要目标

到2030年，全市地区生产总值力争突破5000亿元。

三、2026年重点工作

（二）扎实推进民生工程

新建保障性住房1.6万套，力争城镇新增就业6万人以上。
"""


def section_of(doc, words):
    return outline(doc).section_at(doc.text.index(words))


def modality_of(doc, words):
    return outline(doc).modality_at(doc.text.index(words))


def test_sections_nest_by_heading_rank():
    doc = Document(WORK_REPORT)
    shape = outline(doc)
    tops = [s.label for s in shape.root.children]
    assert tops == ["2026年市政府工作报告", "一、2025年工作回顾", "二、“十五五”时期的主要目标", "三、2026年重点工作"]
    review, _, plan = shape.root.children[1:]
    assert [c.label for c in review.children] == ["（二）扎实推进民生工程"]
    assert [c.label for c in plan.children] == ["（二）扎实推进民生工程"]
    assert section_of(doc, "全年新建保障性住房").top is review
    assert section_of(doc, "新建保障性住房1.6万套").top is plan
    assert review.end == shape.root.children[2].start  # a section ends at the next one of its rank


def test_a_section_without_a_year_inherits_its_period_and_stance():
    doc = Document(WORK_REPORT)
    built = section_of(doc, "全年新建保障性住房")
    planned = section_of(doc, "新建保障性住房1.6万套")
    assert built.own_period is None and built.period.label == "2025年" and built.stance == REVIEW
    assert planned.own_period is None and planned.period.label == "2026年" and planned.stance == PLAN
    assert section_of(doc, "到2030年").period.label == "2026—2030年"  # “十五五”时期


def test_the_title_line_of_a_numbered_document_names_no_period():
    doc = Document(WORK_REPORT)
    assert section_of(doc, "各位代表").period is None


def test_past_years_resolve_against_the_publication_date():
    text = "一、过去五年工作回顾\n\n五年来，全市新增就业30万人。\n\n二、今年工作安排\n\n新增就业6万人。\n"
    dated = Document(text, default_date=datetime.date(2026, 2, 1))
    assert section_of(dated, "五年来").period.label == "2021—2025年"
    assert section_of(dated, "新增就业6万人").period.label == "2026年"
    undated = Document(text)
    assert section_of(undated, "五年来").period.label == "过去五年"


def test_a_later_year_after_a_review_is_a_plan():
    text = "一、2010年工作回顾\n\n国内生产总值增长10.3%。\n\n三、2011年的工作\n\n国内生产总值增长8%左右。\n"
    doc = Document(text)
    assert section_of(doc, "增长8%").stance == PLAN
    assert modality_of(doc, "8%左右") == TARGET
    assert modality_of(doc, "10.3%") == ACHIEVED


def test_chapters_and_lead_ins():
    text = "第一章　总则\n\n第一条　为了规范医疗机构管理，制定本条例。\n\n第二章　执业\n\n一、基本要求\n\n一是加强组织领导\n\n二是强化督导考核\n"
    doc = Document(text)
    found = [(h.level, h.source, h.text) for h in doc.headings]
    assert found == [(-2, "chapter", "总则"), (-2, "chapter", "执业"), (1, "numbering", "基本要求")]
    shape = outline(doc)
    assert [s.label for s in shape.root.children] == ["第一章　总则", "第二章　执业"]
    assert [s.label for s in shape.root.children[1].children] == ["一、基本要求"]


def test_layout_headings_are_sections_in_a_document_without_numbering():
    text = "2024年工作总结\n\n全年门诊量达到65万人次。\n\n2025年工作计划\n\n门诊量力争达到70万人次。\n"
    doc = Document(text)
    assert [s.label for s in outline(doc).root.children] == ["2024年工作总结", "2025年工作计划"]
    assert section_of(doc, "全年门诊量").period.label == "2024年"
    assert section_of(doc, "门诊量力争").period.label == "2025年"


def test_a_caption_standing_alone_is_no_heading():
    text = "2024年工作总结\n\n全年门诊量达到165万人次。\n\n图1 2023年门诊量150万人次\n\n全年门诊量达到165万人次，住院4.2万人次。\n"
    doc = Document(text)
    assert [s.label for s in outline(doc).root.children] == ["2024年工作总结"]
    assert section_of(doc, "住院").period.label == "2024年"
    assert len(outline(Document(text.replace("图1 ", "图书馆"))).root.children) == 2  # a short line of words stays a heading


def test_modality_of_places_in_a_sentence():
    doc = Document("过去这类手术成功率不足50%，如今成功率达95%。如果年手术量超过500台，可申报重点专科。医院力争年内开展新技术20项。全院共有职工3000人。\n")
    assert modality_of(doc, "不足50%") == PAST
    assert modality_of(doc, "达95%") == ACHIEVED  # 如今 ends the past narrative
    assert modality_of(doc, "超过500台") == CONDITION
    assert modality_of(doc, "新技术20项") == TARGET
    assert modality_of(doc, "3000人") == STATED


def test_a_line_ending_in_a_colon_lends_its_modality():
    doc = Document("今年经济社会发展的主要预期目标是：\n\n国内生产总值增长5%左右；城镇新增就业1200万人以上。\n")
    assert modality_of(doc, "增长5%") == TARGET


def test_the_past_year_earlier_in_a_paragraph_makes_a_result():
    doc = Document("三、2011年的工作\n\n过去一年，我们的各项工作取得了很大成绩。国内生产总值增长10.3%。\n")
    assert modality_of(doc, "10.3%") == ACHIEVED


def test_names_of_plans_and_family_planning_are_no_targets():
    doc = Document("全县实行计划生育，出生人口1.2万人。\n")
    assert modality_of(doc, "1.2万人") == STATED


def test_work_report_outline_from_the_corpus():
    doc = Document((FIXTURE_CORPUS / "gov-work-reports" / "2019年中华人民共和国国务院政府工作报告.txt").read_text(encoding="utf-8"))
    review = section_of(doc, "城镇新增就业1361万人")
    plan = section_of(doc, "城镇新增就业1100万人以上")
    assert (review.top.label, review.period.label, review.stance) == ("一、2018年工作回顾", "2018年", REVIEW)
    assert (plan.top.label, plan.period.label, plan.stance) == ("二、2019年经济社会发展总体要求和", "2019年", PLAN)
    assert modality_of(doc, "1100万人以上") == TARGET


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["“", "”", "十", "四", "五", "一", "时期", "期间", "规划", "以来", "三", "12", "个", "方面", "项", "：", ":",
                                 "第", "每", "重点", "工作", "\n", "，", "过去", "的", "这", "年", "来", "两", "1"]), max_size=40).map("".join))
def test_patterns_searched_around_their_anchors_match_as_finditer_does(text):
    # Around each 五, colon, 过去, 这 or 年来 only: the same matches as the pattern tried at every offset.
    from linter.extract import finditer_around, offsets_of
    from linter.extract.enumerations import _COUNT_BEFORE_LIST
    from linter.extract.outline import _FIVE_YEAR_PLAN, _PAST_YEARS

    for pattern, anchors, longest in ((_FIVE_YEAR_PLAN, "五", 7), (_COUNT_BEFORE_LIST, "：:", 19), (_PAST_YEARS, ("过去", "这", "年来"), 6)):
        expected = [(m.span(), m.groups()) for m in pattern.finditer(text)]
        assert [(m.span(), m.groups()) for m in finditer_around(pattern, text, offsets_of(text, anchors), longest)] == expected


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["第", "一", "二", "三", "前", "季度", "季", "1", "0", "12", "3", "月", "底", "份", "上旬", "周", "本", "上",
                                 " ", "\t", "—", "-", "至", "日", "号", ".", "年"]), max_size=30).map("".join))
def test_parts_of_a_year_tried_before_each_mark_match_as_finditer_does(text):
    # Tried only at the offsets before each 季, 月 and 周: the same matches as the pattern tried at every offset.
    from linter.extract import finditer_from_anchors, offsets_of
    from linter.extract.outline import _YEAR_PART, _year_part_start

    found = finditer_from_anchors(_YEAR_PART, text, offsets_of(text, "季月周"), lambda anchor: _year_part_start(text, anchor))
    assert [m.span() for m in found] == [m.span() for m in _YEAR_PART.finditer(text)]
