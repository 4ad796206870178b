"""Dates: the shared extraction (linter.extract.dates) and the DT rules."""

import datetime
import json
import subprocess
import sys
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from linter.document import Document, read_document
from linter.errors import UserError
from linter.extract.dates import chinese_number, dates, extract
from linter.rules import load_catalog
from tests.conftest import CORPORA, FIXTURE_CORPUS, SEEDS, codes, corpus_texts, lint_text, only_present

MASTHEAD = "2024 年\n2 月 29 日\n星期四\n农历甲辰年一月二十\n\n荆门市中心医院\n\n2024 年第 2 期 总第 368 期\n"
PUBLISHED = datetime.date(2024, 2, 29)


# -- extraction ------------------------------------------------------------------------


def test_masthead_date_weekday_and_lunar_on_separate_lines():
    facts = extract(MASTHEAD, PUBLISHED)
    first = facts.mentions[0]
    assert (first.year, first.month, first.day, first.precision, first.form) == (2024, 2, 29, "day", "arabic")
    assert first.date == PUBLISHED
    assert first.weekday.text == "星期四" and first.weekday.weekday == 3
    lunar = first.lunar
    assert (lunar.ganzhi, lunar.month, lunar.day, lunar.leap) == ("甲辰", 1, 20, False)
    # 2024 年第 2 期 is a year, not a month.
    assert [(m.year, m.precision) for m in facts.mentions[1:]] == [(2024, "year")]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2024年2月29日", (2024, 2, 29, "arabic")),
        ("二〇二四年二月二十九日", (2024, 2, 29, "chinese")),
        ("二〇二四年5月8日", (2024, 5, 8, "mixed")),
        ("2024-02-29", (2024, 2, 29, "numeric")),
        ("2024.02.29", (2024, 2, 29, "numeric")),
        ("2024/2/29", (2024, 2, 29, "numeric")),
        ("一九五〇年十月一日", (1950, 10, 1, "chinese")),
    ],
)
def test_full_date_forms(text, expected):
    (mention,) = extract(f"会议于{text}召开。", None).mentions
    assert (mention.year, mention.month, mention.day, mention.form) == expected


def test_full_width_digits():
    # From the 1997 government work report: 香港将于今年７月１日回归祖国。
    (mention,) = extract("香港将于今年７月１日回归祖国。", datetime.date(1997, 3, 1)).mentions
    assert (mention.year, mention.month, mention.day, mention.year_source) == (1997, 7, 1, "relative")


def test_chinese_numbers():
    assert [chinese_number(t) for t in ("十", "二十九", "廿三", "卅", "初十", "二〇二四", "三十一")] == [10, 29, 23, 30, 10, 2024, 31]


def test_month_day_takes_the_year_of_its_line_or_of_a_relative_word():
    text = "2023年，医院共开展义诊120场。1月18日，我院举行年度工作总结大会。\n今年7月8日召开大会。\n3月5日，开展学雷锋活动。"
    facts = extract(text, PUBLISHED)
    by_text = {m.text: m for m in facts.mentions}
    assert (by_text["1月18日"].year, by_text["1月18日"].year_source) == (2023, "context")
    assert (by_text["7月8日"].year, by_text["7月8日"].year_source) == (2024, "relative")
    # A newsletter dated February tells last year's March: the publication year is not assumed.
    assert (by_text["3月5日"].year, by_text["3月5日"].year_source) == (None, "")
    (month,) = extract("截至今年7月初，三峡医院共开展达芬奇机器人手术2273台次。", PUBLISHED).mentions
    assert (month.year, month.month, month.precision, month.year_source) == (2024, 7, "month", "relative")


def test_a_range_into_the_next_year():
    text = "2023年12月1日至2月29日，我院开展冬季义诊活动。"
    assert [m.year for m in extract(text, None).mentions] == [2023, 2024]
    assert lint_text(text, ["DT"]) == []


def test_a_year_in_a_name_gives_no_context_year():
    text = "我院2023年度工作总结暨表彰大会于2月29日（星期四）召开。"
    (_, mention) = extract(text, None).mentions
    assert (mention.text, mention.year) == ("2月29日", None)
    assert lint_text(text, ["DT001", "DT002"], date="2024-03-01") == []


def test_relative_words_resolve_only_with_a_publication_date():
    text = "去年全院门急诊量突破200万人次，近5年年均增长8%；本月起实行预约诊疗。"
    resolved = {r.text: r for r in extract(text, PUBLISHED).relatives}
    assert resolved["去年"].year == 2023
    assert resolved["近5年"].year is None  # a span of years, not one year
    assert (resolved["本月"].year, resolved["本月"].month) == (2024, 2)
    assert all(r.year is None for r in extract(text, None).relatives)
    assert extract("60岁以上年龄段人群占比提高。", PUBLISHED).relatives == []


def test_ranges_and_lunar_dates_are_not_solar_dates():
    facts = extract("“十四五”规划（2021—2025年）实施以来，农历8月15日前后，1月18日—20日举办培训。", None)
    assert [(r.first, r.last) for r in facts.ranges] == [((2021,), (2025,)), ((1, 18), (1, 20))]
    assert [m.text for m in facts.mentions] == ["1月18日"]
    assert facts.lunars[0].arabic and facts.lunars[0].month == 8


def test_not_dates():
    facts = extract("6月龄婴儿；3号楼；29日；该镇已有1300余年历史；每周5天。", None)
    assert facts.mentions == []


def test_periods_for_the_figures_check():
    text = "2023年，全院门急诊量216万人次；2024年2月，门诊量18万人次；今年2月29日，召开职代会。"
    facts = extract(text, PUBLISHED)
    periods = [m.period for m in facts.mentions if m.end <= text.index("；今年")]
    assert periods == [
        (datetime.date(2023, 1, 1), datetime.date(2023, 12, 31)),
        (datetime.date(2024, 2, 1), datetime.date(2024, 2, 29)),
    ]
    assert facts.mentions[-1].period == (PUBLISHED, PUBLISHED)
    assert extract("2月29日", None).mentions[0].period is None


def test_extraction_runs_once_per_document():
    doc = Document(MASTHEAD, default_date=PUBLISHED)
    assert dates(doc) is dates(doc)


# -- the seed masthead (issue 3's key case) ---------------------------------------------------


def test_weekday_and_lunar_on_the_next_line_only_under_a_masthead_date():
    facts = extract("会议通知于2024年5月8日\n星期三下午召开", None)
    assert facts.mentions[0].weekday is None
    assert extract("2024年5月8日\n星期三", None).mentions[0].weekday.text == "星期三"


def test_seed_004_has_no_date_finding_but_its_lunar_first_month():
    doc_violations = _lint_file(SEEDS / "004_0d71b96646b1a74a.txt", select_lunar_first_month=True)
    # The masthead's 农历甲辰年一月二十: the first lunar month is 正月 (info).
    assert [(v.rule, v.severity, v.line) for v in doc_violations if v.rule.startswith("DT")] == [("DT014", "info", 6)]


def _lint_file(path, text=None, select_lunar_first_month=False):
    from linter.engine import lint_document

    doc = read_document(path) if text is None else Document(text, str(path))
    rules = load_catalog().select([], ["DT"], [] if select_lunar_first_month else ["DT014"])
    return lint_document(doc, rules)


def _seed_004_with(old, new):
    text = (SEEDS / "004_0d71b96646b1a74a.txt").read_text(encoding="utf-8")
    assert old in text
    return text.replace(old, new, 1)


def test_seed_004_with_wrong_weekday_is_reported_on_its_line():
    text = _seed_004_with("星期四", "星期三")
    (violation,) = _lint_file("004.txt", text)
    # The file opens with two blank lines: 2024 年 is line 3, 星期 line 5, 农历 line 6.
    assert (violation.rule, violation.line, violation.column) == ("DT002", 5, 1)
    assert "星期四" in violation.message


def test_seed_004_with_wrong_lunar_day_is_reported_on_its_line():
    text = _seed_004_with("农历甲辰年一月二十", "农历甲辰年一月廿一")
    (violation,) = _lint_file("004.txt", text)
    assert (violation.rule, violation.line, violation.column) == ("DT003", 6, 1)
    assert "农历甲辰年正月二十" in violation.message


def test_seed_004_with_wrong_ganzhi_year():
    text = _seed_004_with("农历甲辰年", "农历癸卯年")
    assert codes(_lint_file("004.txt", text)) == ["DT003"]


def test_cli_on_seed_reports_no_date_finding():
    result = subprocess.run(
        [sys.executable, "-m", "linter", "check", "--select", "DT", "--ignore", "DT014", "--format", "json", str(SEEDS)],
        capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert json.loads(result.stdout) == []


# -- each check ----------------------------------------------------------------------------


def test_dt001_dates_that_do_not_exist():
    assert codes(lint_text("2023年2月29日，医院召开职工代表大会。", ["DT001"])) == ["DT001"]
    assert codes(lint_text("2月30日，我院开展义诊。", ["DT001"])) == ["DT001"]
    assert codes(lint_text("二〇二三年二月二十九日", ["DT001"])) == ["DT001"]
    assert codes(lint_text("2024年13月", ["DT001"])) == ["DT001"]
    assert codes(lint_text("2023-02-29", ["DT001"])) == ["DT001"]
    # Context year: 2023 on the same line makes 2月29日 impossible.
    assert codes(lint_text("2023年，我院共召开职代会2次：2月29日，召开五届三次职代会。", ["DT001"])) == ["DT001"]


def test_dt001_silent_on_real_dates():
    assert lint_text("2024年2月29日，医院召开职工代表大会。", ["DT001"]) == []
    assert lint_text("2月29日，我院开展“世界罕见病日”义诊。", ["DT001"]) == []
    assert lint_text("12月31日，全院门急诊量达216万人次。", ["DT001"]) == []


def test_dt002_weekday_after_a_date():
    assert codes(lint_text("2024年2月29日（星期三），医院召开职代会。", ["DT002"])) == ["DT002"]
    assert codes(lint_text("2024年2月29日 周三", ["DT002"])) == ["DT002"]
    assert lint_text("2024年2月29日（星期四），医院召开职代会。", ["DT002"]) == []
    assert lint_text("2019年2月2日（礼拜六）", ["DT002"]) == []


def test_dt002_a_schedule_after_a_comma_is_not_the_dates_weekday():
    assert lint_text("2024年3月1日，周六、周日照常门诊。", ["DT002"]) == []
    assert lint_text("自2024年3月1日，周一至周五开放夜间门诊。", ["DT002"]) == []
    assert codes(lint_text("2024年3月1日，星期四，我院召开党建工作会议。", ["DT002"])) == ["DT002"]


def test_dt002_needs_a_year():
    # From a real holiday notice (国办发明电〔2018〕15号): the year comes from the title, not the line.
    assert lint_text("2月2日（星期六）、2月3日（星期日）上班。", ["DT002"]) == []
    assert lint_text("2月2日（星期六）、2月3日（星期日）上班。", ["DT002"], date="2018-12-29") == []
    # Without a year, a weekday that fits none of the publication year and the years either side.
    assert codes(lint_text("3月1日（星期二），我院召开党建工作会议。", ["DT002"], date="2024-02-20")) == ["DT002"]
    assert lint_text("3月1日（星期五），我院召开党建工作会议。", ["DT002"], date="2024-02-20") == []
    assert lint_text("今年3月1日（星期五）起施行。", ["DT002"], date="2024-02-20") == []
    assert codes(lint_text("今年3月1日（星期四）起施行。", ["DT002"], date="2024-02-20")) == ["DT002"]


def test_dt003_lunar_against_solar():
    assert codes(lint_text("2024年2月10日（农历甲辰年正月初二）", ["DT003"])) == ["DT003"]
    assert codes(lint_text("2024年2月10日 龙年正月初二", ["DT003"])) == ["DT003"]
    assert codes(lint_text("2023年1月22日（农历龙年正月初一）", ["DT003"])) == ["DT003"]
    assert lint_text("2024年2月10日（农历甲辰年正月初一）", ["DT003"]) == []
    assert lint_text("2023年6月22日，农历五月初五端午节。", ["DT003"]) == []
    # 2023 had a leap 二月: 2023年3月22日 is 闰二月初一.
    assert lint_text("2023年3月22日（农历闰二月初一）", ["DT003"]) == []
    assert codes(lint_text("2023年3月22日（农历二月初一）", ["DT003"])) == ["DT003"]


def test_dt003_a_lone_zodiac_year_after_a_comma_is_a_season():
    assert lint_text("2024年2月9日，龙年春节前夕，院领导走访慰问一线职工。", ["DT003"]) == []
    assert codes(lint_text("2023年5月1日（农历龙年）", ["DT003"])) == ["DT003"]


def test_lunar_dates_without_the_word_nongli():
    facts = extract("腊月廿三是小年，正月初一是春节，冬月和十月不是日期。", None)
    assert [(l.text, l.month, l.day) for l in facts.lunars] == [("腊月廿三", 12, 23), ("正月初一", 1, 1)]


def test_dt003_ganzhi_by_lichun_is_accepted():
    # 2024-02-05 is after 立春 (2月4日) but before 春节: almanacs print 甲辰 or 癸卯.
    assert lint_text("2024年2月5日 农历癸卯年腊月廿六", ["DT003"]) == []
    assert lint_text("2024年2月5日 农历甲辰年腊月廿六", ["DT003"]) == []


def test_dt004_relative_year_against_publication():
    assert codes(lint_text("今年（2023年）是全面贯彻落实党的二十大精神的开局之年。", ["DT004"], date="2024-02-29")) == ["DT004"]
    assert codes(lint_text("去年（2024年）全院门急诊量突破200万人次。", ["DT004"], date="2024-02-29")) == ["DT004"]
    assert lint_text("去年（2023年）全院门急诊量突破200万人次。", ["DT004"], date="2024-02-29") == []
    assert lint_text("今年（2023年）是开局之年。", ["DT004"]) == []


def test_dt005_past_tense_after_publication():
    assert codes(lint_text("今年7月8日，我院隆重举行建院80周年庆祝大会。", ["DT005"], date="2024-02-29")) == ["DT005"]
    assert codes(lint_text("2024年3月，我院顺利通过三级甲等医院复审。", ["DT005"], date="2024-02-29")) == ["DT005"]
    assert lint_text("2024年3月，我院将迎接三级甲等医院复审。", ["DT005"], date="2024-02-29") == []
    assert codes(lint_text("今年7月，我院顺利通过三级甲等医院复审。", ["DT005"], date="2024-02-29")) == ["DT005"]
    assert lint_text("截至今年7月，我院顺利完成手术2273台次。", ["DT005"], date="2024-02-29") == []
    assert lint_text("2024年2月20日，我院召开了2024年工作会议。", ["DT005"], date="2024-02-29") == []
    assert lint_text("2024年6月底前完成了设备采购的医院将获得补助。", ["DT005"], date="2024-02-29") == []
    assert lint_text("今年7月8日，我院隆重举行建院80周年庆祝大会。", ["DT005"]) == []
    # Seed 001, dated before its own events: the unit opens (揭牌) at the end of the sentence.
    seed = "今年7月8日,三峡医院博鳌国际医学部在海南博鳌国际医院揭牌。"
    (violation,) = lint_text(seed, ["DT005"], date="2023-03-01")
    assert (violation.rule, violation.column) == ("DT005", 1)
    assert "“今年7月8日”晚于发布日期（2023-03-01）" in violation.message
    assert lint_text(seed, ["DT005"], date="2023-07-20") == []
    assert lint_text("会议定于2024年7月8日在北京举行。", ["DT005"], date="2024-02-29") == []


def test_dt006_far_dates():
    assert codes(lint_text("2204年3月5日，医院召开职代会。", ["DT006"], date="2024-02-29")) == ["DT006"]
    assert lint_text("预计2050年3月建成。", ["DT006"], date="2024-02-29") == []
    assert lint_text("1921年7月，中国共产党第一次全国代表大会召开。", ["DT006"]) == []


def test_dt007_backwards_ranges():
    assert codes(lint_text("《规划（2025—2021年）》", ["DT007"])) == ["DT007"]
    assert codes(lint_text("2025年至2021年", ["DT007"])) == ["DT007"]
    assert lint_text("2021年至2025年，累计投入5亿元。", ["DT007"]) == []
    assert lint_text("12月28日至1月3日", ["DT007"]) == []
    assert codes(lint_text("执行期限为2023年1月1日至2019年12月31日。", ["DT007"])) == ["DT007"]
    assert codes(lint_text("2019年12月31日至12月1日", ["DT007"])) == ["DT007"]
    # From real texts: full-date ranges, a range ending in the next year, U+2015 dashes.
    assert lint_text("凡未注明具体期限的，执行期限为2019年1月1日至2023年12月31日。", ["DT007"]) == []
    assert lint_text("一、元旦：2018年12月30日至2019年1月1日放假调休，共3天。", ["DT007"]) == []
    assert lint_text("春节：2月4日至10日放假调休，共7天。2018年12月30日至1月1日", ["DT007"]) == []
    assert lint_text("清理整顿时限是1997年4月―1998年2月，具体步骤安排如下：", ["DT007"]) == []
    assert codes(lint_text("清理整顿时限是1998年4月―1997年2月，具体步骤安排如下：", ["DT007"])) == ["DT007"]


def test_form_rules():
    assert codes(lint_text("二〇二四年5月8日", ["DT008"])) == ["DT008"]
    assert codes(lint_text("二零二四年工作要点", ["DT009"])) == ["DT009"]
    assert codes(lint_text("21年3月5日，召开职代会。", ["DT011"])) == ["DT011"]
    assert codes(lint_text("农历8月15日", ["DT012"])) == ["DT012"]
    assert codes(lint_text("星期5上午", ["DT013"])) == ["DT013"]
    assert lint_text("二〇二四年五月八日", ["DT008", "DT009"]) == []
    assert lint_text("2021年3月5日，召开职代会。", ["DT011"]) == []
    assert codes(lint_text("医院于21年3月5日召开职代会。", ["DT011"])) == ["DT011"]
    assert lint_text("她从医30年5月12日获评优秀护士。", ["DT011"]) == []
    assert lint_text("每星期5次", ["DT013"]) == []


STATE_COUNCIL_HEAD = """索 引 号：000014349/2019-00007
主题分类：市场监管、安全生产监管\\工商
发文机关：国务院
成文日期：2019年01月27日
标　　题：国务院关于在市场监管领域全面推行部门联合“双随机、一公开”监管的意见
发文字号：国发〔2019〕5号
发布日期：2019年02月15日

--------------------

国务院关于在市场监管领域全面推行
部门联合“双随机、一公开”监管的意见

国发〔2019〕5号
"""


def test_dt010_zero_padding_only_in_the_closing_date_line():
    body = "\n各省、自治区、直辖市人民政府：\n\n现提出如下意见。\n\n国务院\n"
    assert codes(lint_text(body + "2019年01月27日\n", ["DT010"])) == ["DT010"]
    assert lint_text(body + "2019年1月27日\n", ["DT010"]) == []
    # The catalogue block above a state-council document is metadata, even in a short file.
    assert lint_text(STATE_COUNCIL_HEAD, ["DT010"]) == []
    assert lint_text(STATE_COUNCIL_HEAD + body + "2019年1月27日\n", ["DT"]) == []


def test_labelled_republication_date_is_not_far_ahead():
    head = STATE_COUNCIL_HEAD.replace("2019年01月27日", "1996年03月05日").replace("2019年02月15日", "2018年12月24日")
    assert lint_text(head + "\n现就有关问题通知如下。\n", ["DT"]) == []


def test_form_option_is_required_for_check_form(tmp_path):
    rules = tmp_path / "bad.yaml"
    rules.write_text(
        "rules:\n  - id: OD001\n    category: dates\n    severity: warning\n    type: dates\n    check: form\n"
        "    message: x\n    examples: {bad: [\"二〇二四年5月8日\"], good: [\"2024年5月8日\"]}\n",
        encoding="utf-8",
    )
    with pytest.raises(UserError, match="needs option `form`"):
        load_catalog([rules])


@pytest.mark.parametrize(
    "text",
    ["0年0月0日", "７月１日（星期二）", "２０２４年２月３０日", "9999年12月31日星期五 农历甲辰年闰十三月卅", "0001-01-01", "2024年\n\n", "农历", "星期", "年月日", "1月0日—0日"],
)
def test_odd_input_never_crashes(text):
    lint_text(text, ["DT"], date="2024-02-29")
    lint_text(text, ["DT"])


# -- corpus --------------------------------------------------------------------------------


@pytest.mark.parametrize("corpus", CORPORA)
def test_corpus_findings_are_rare_and_known(corpus):
    from linter.engine import lint_document

    rules = load_catalog().select([], ["DT"])
    found = []
    for path in corpus_texts(corpus):
        found += [(path.name, v.rule, v.line) for v in lint_document(read_document(path), rules)]
    # Only DT009: the 1959 report writes 一九五零年 once (line 122), and reports of
    # 1955–1986 and id47 print the zero of Chinese-numeral years as the circle ○
    # (U+25CB): 一九八○年, 二○○○年 (GB/T 15835 wants 〇, U+3007).
    assert {rule for _, rule, _ in found} <= {"DT009"}
    assert ("1959年中华人民共和国国务院政府工作报告.txt", "DT009", 122) in found
    by_file = Counter(name[:4] for name, _, _ in found)
    expected = {"1955": 6, "1959": 3, "1960": 1, "1964": 3, "1975": 2, "1978": 1, "1982": 34, "1983": 5, "1986": 13, "id47": 1}
    assert by_file == {prefix: count for (prefix, count) in only_present(corpus, list(expected.items()))}


DATE_ALPHABET = "0123456789０１２〇零一二三十廿卅初闰正腊年月日号星期周礼拜天农历甲辰龙至—-./（）， \n"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=DATE_ALPHABET, max_size=40))
def test_date_rules_never_crash_on_date_like_text(text):
    lint_text(text, ["DT"], date="2024-02-29")


def test_holiday_notice_with_a_wrong_weekday():
    path = next(FIXTURE_CORPUS.glob("state-council-documents/id38_*.txt"))
    text = path.read_text(encoding="utf-8")
    assert lint_text(text, ["DT"]) == []  # dated 2018-12-04 by its 成文日期 line
    # 2019-02-02 was a Saturday; 星期一 fits none of 2017, 2018, 2019.
    mutated = text.replace("2月2日（星期六）", "2月2日（星期一）")
    (violation,) = lint_text(mutated, ["DT"])
    assert (violation.rule, violation.line, violation.column) == ("DT002", 23, 28)
    # 2018年12月29日 has its year: 星期五 is wrong.
    mutated = text.replace("2018年12月29日（星期六）", "2018年12月29日（星期五）")
    assert codes(lint_text(mutated, ["DT"])) == ["DT002"]


def test_state_council_closing_date_forms():
    text = next(FIXTURE_CORPUS.glob("state-council-documents/id01_*.txt")).read_text(encoding="utf-8")
    assert "成文日期：2019年01月27日" in text and "\n2019年1月27日\n" in text
    assert lint_text(text, ["DT"]) == []
    # The body's own 成文日期 padded like the catalogue's is reported; the catalogue line is not.
    padded = text.replace("\n2019年1月27日\n", "\n2019年01月27日\n")
    (violation,) = lint_text(padded, ["DT"])
    assert violation.rule == "DT010" and violation.line == text[: text.index("\n2019年1月27日\n")].count("\n") + 2
    # The 2004 letter closes with 二〇〇四年四月二十七日.
    text = next(FIXTURE_CORPUS.glob("state-council-documents/id24_*.txt")).read_text(encoding="utf-8")
    assert lint_text(text, ["DT"]) == []
    assert codes(lint_text(text.replace("二〇〇四年四月二十七日", "二〇〇四年4月27日"), ["DT"])) == ["DT008"]
    assert codes(lint_text(text.replace("二〇〇四年四月二十七日", "二零零四年四月二十七日"), ["DT"])) == ["DT009"]
    assert codes(lint_text(text.replace("二〇〇四年四月二十七日", "二〇〇四年四月三十一日"), ["DT"])) == ["DT001"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["农历", "阴历", "农", "历", "正月", "冬月", "腊月", "正", "月", "闰", "初一", "廿三", "十五", "甲辰年", "龙年",
                                 "8", "15", "日", " ", "\n", "，", "春节"]), max_size=30).map("".join))
def test_marked_lunar_dates_are_the_lookahead_s_matches(text):
    # Found from the marks by str.find: the same matches as the lookahead tried at every offset.
    import re

    from linter.extract.dates import _LUNAR, _marked_lunars

    expected = [m.span() for m in re.finditer(r"(?=农历|阴历|[正冬腊]月)" + _LUNAR.pattern, text)]
    assert [m.span() for m in _marked_lunars(text)] == expected


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["于", "在", "21", "3", "5", "12", "年", "月", "日", "号", "，", "\n", " ", "\u3000", "a", "（", "星期", "礼拜",
                                 "每", "7", "8", "次"]), max_size=30).map("".join))
def test_form_patterns_with_their_look_behinds_moved_match_as_before(text):
    # The look-behind after the first characters tests the same characters as before them.
    import re

    from linter.rule_types.dates import _TWO_DIGIT_YEAR, _WEEKDAY_ARABIC

    before = {_TWO_DIGIT_YEAR: re.compile(r"(?:^|(?<=[\s，,。；：:（(“、于在自从至到]))(\d{2})年(\d{1,2})月(\d{1,2})[日号]", re.M),
              _WEEKDAY_ARABIC: re.compile(r"(?<!每)(星期|礼拜)([1-7])(?![\d次天个日小])")}
    for now, was in before.items():
        assert [(m.span(), m.groups()) for m in now.finditer(text)] == [(m.span(), m.groups()) for m in was.finditer(text)]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(["2024", "20", "1", "29", "年", "月", "日", "号", "龄", " ", "\u3000", "\n", "二〇二四", "十", "二", "三", "一",
                                 "O", "○", "零", ".", "/", "-", "今", "医院"]), max_size=30).map("".join))
def test_solar_dates_tried_before_each_year_and_month_mark_match_as_finditer_does(text):
    # Tried only at the offsets before each 年 and 月: the same matches as the pattern tried at every offset.
    from linter.extract.dates import _SOLAR, _solar_matches

    assert [(m.span(), m.groups()) for m in _solar_matches(text)] == [(m.span(), m.groups()) for m in _SOLAR.finditer(text)]
