"""The spelling pack (rules/spelling.yaml) and its data (linter/data/spelling/)."""

from pathlib import Path

import jieba
import pytest

from linter.api import lint_text
from linter.rule_types.spelling import known_misspellings, places

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def test_each_misspelling_is_one_character_substitution_of_its_right_form():
    table, _ = known_misspellings()
    assert len(table) >= 300
    for wrong, right in table.items():
        assert len(wrong) == len(right) and wrong != right, wrong


def test_no_misspelling_is_a_word_more_common_than_its_right_form():
    # jieba's dictionary was counted on web text and holds common misspellings
    # too (再接再励, 按步就班), always rarer than the right form; a wrong form
    # that jieba knows better than its right form would be a word of its own.
    jieba.initialize()
    frequency = jieba.dt.FREQ
    table, _ = known_misspellings()
    for wrong, right in table.items():
        assert frequency.get(wrong, 0) <= frequency.get(right, 0), (wrong, right)


def findings(text):
    return [(v.rule, v.message) for v in lint_text(text, select=["SP"])]


def test_known_misspelling_names_the_right_form_and_fixes_it():
    found = lint_text("我们要再接再励，一鼓作气完成全年目标。", select=["SP"])
    assert [(v.rule, v.message) for v in found] == [("SP001", "“再接再励”应为“再接再厉”（常见错别字）")]
    assert found[0].fix.edits[0].content == "再接再厉"


@pytest.mark.parametrize("text", [
    "恋爱带来的烦恼不应影响工作。",  # 爱带 spans 恋爱|带来
    "攻克苦难的关键在于坚持。",  # 克苦 spans 攻克|苦难
    "学习《再接再励》一文的体会。",  # a cited title
    "这既使他一举成名，也让他引以为傲。",  # 既 + 使: not in the table
])
def test_known_misspelling_stays_silent_across_words_and_in_titles(text):
    assert findings(text) == []


def test_places_table_holds_the_current_divisions():
    data = places()
    assert data.prefectures["成都"] == "四川" and data.prefectures["昌都"] == "西藏"
    assert data.prefectures["张家界"] == "湖南" and data.counties["汶川县"] == "四川"
    assert "吉林" not in data.prefectures  # a province too
    assert "朝阳" not in data.prefectures  # 朝阳区 of 北京, 朝阳市 of 辽宁
    assert "日照" not in data.prefectures  # also a word: 甘肃日照充足
    assert set(data.prefectures.values()) | set(data.counties.values()) <= set(data.provinces)


def test_place_under_another_province_names_where_it_is():
    found = lint_text("3月，医院援藏医疗队抵达西藏成都，开展为期一年的对口支援。", select=["SP004"])
    assert [v.message for v in found] == ["“西藏成都”有误：成都属四川省，不属西藏"]
    assert found[0].fix.edits[0].content == "四川成都"
    found = lint_text("组织职工赴四川省张家界市开展疗休养活动。", select=["SP004"])
    assert [v.message for v in found] == ["“四川省张家界市”有误：张家界属湖南省，不属四川省"]
    assert found[0].fix.edits[0].content == "湖南省张家界市"


@pytest.mark.parametrize("text", [
    "医院与内蒙古自治区鄂尔多斯市中心医院开展合作，另派专家赴宁夏固原。",
    "四川成都、湖南张家界、西藏昌都三地的专家参加了会诊。",
    "医疗队从西藏到成都，行程两千余公里。",
    "患者来自西藏、成都、重庆等地。",
    "北京成都两地同步开展义诊。",  # a municipality does not lead
    "今年甘肃日照充足，降水偏少。",  # 日照 is also a word
    "福建海西经济区建设提速。",  # 海西: 海峡西岸, not 青海's 海西州
    "广东中山路改造工程完工。",  # 中山 is also 大连's 中山区
    "吉林省吉林市、海南省海口市",
    "研究《西藏成都》一书的史料价值。",  # a cited title
])
def test_place_check_stays_silent_on_right_or_unrelated_pairs(text):
    assert lint_text(text, select=["SP004"]) == []


def test_renamed_place_is_reported_only_after_the_renaming():
    text = "医院与襄樊市中心医院签订远程会诊协议，专家赴思茅市开展义诊。"
    after = lint_text(text, select=["SP006"], date="2023-06-01")
    assert [v.message for v in after] == ["“襄樊市”已更名为“襄阳市”（2010年12月起）", "“思茅市”已更名为“普洱市”（2007年4月起）"]
    assert [v.rule for v in lint_text(text, select=["SP006"], date="2008-06-01")] == ["SP006"]  # 思茅 only
    assert lint_text(text, select=["SP006"], date="2009-06-01")[0].message.startswith("“思茅市”")
    assert lint_text(text, select=["SP006"]) == []  # no date: not sure
    assert lint_text("原襄樊市更名为襄阳市后，行政区划不变。", select=["SP006"], date="2023-06-01") == []


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus not present")
@pytest.mark.parametrize("folder", ["gov-work-reports", "state-council-documents", "laws"])
def test_spelling_pack_silent_on_proofread_official_text(folder):
    for path in sorted((CORPUS / folder).iterdir()):
        assert findings(path.read_text(encoding="utf-8")) == [], path.name
