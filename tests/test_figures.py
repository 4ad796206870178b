"""Figures: the shared extraction (linter.extract.figures) and the FG001-FG008 rules,
on the seeds' own sentences and on versions with one figure changed."""

import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from click.testing import CliRunner

from linter.cli import main
from linter.document import Document
from linter.errors import UserError
from linter.extract.figures import chinese_number, figures, parse_quantity
from linter.factsheet import factsheet_from_data, load_factsheet
from tests.conftest import CORPORA, SEEDS, corpus_texts, lint_text

FIGURE_RULES = ["FG001", "FG002", "FG003", "FG004", "FG005", "FG006", "FG007", "FG008"]
SEED_000 = SEEDS / "000_5a305377e07a99ac.txt"
SEED_001 = SEEDS / "001_d7ac26540f259f3d.txt"
SEED_002 = SEEDS / "002_44f594f40d6a3194.txt"
SEED_003 = SEEDS / "003_7ce42fadb002c352.txt"
SEED_004 = SEEDS / "004_0d71b96646b1a74a.txt"


def invoke(*args):
    return CliRunner().invoke(main, list(args), env={"GITHUB_ACTIONS": ""}, catch_exceptions=False)


def extracted(text):
    return figures(Document(text, "<test>")).figures


def mutated(seed, old, new):
    """A seed's text with one unique passage changed, and the line the change is on."""
    text = seed.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    return text.replace(old, new), text[: text.index(old)].count("\n") + 1


def findings(text, rule, **kwargs):
    return [(v.rule, v.line) for v in lint_text(text, [rule], **kwargs) if v.rule == rule]


# -- extraction ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, value",
    [("三千", 3000), ("两百", 200), ("十二", 12), ("一万二千", 12000), ("三十点五", 30.5), ("二十亿", 2e9), ("两三", None), ("三四", None)],
)
def test_chinese_numbers(text, value):
    assert chinese_number(text) == value


@pytest.mark.parametrize(
    "text, low, high, unit",
    [
        ("50亿元", 49.5e8, 50.5e8, "元"),  # rounded to 亿
        ("约50亿元", 47.5e8, 52.5e8, "元"),  # ±5%
        ("2,273台次", 2273, 2273, "台次"),
        ("２２７３台次", 2273, 2273, "台次"),  # full-width digits
        ("1300余例", 1300, float("inf"), "例"),
        ("3万余人", 30000, float("inf"), "人"),
        ("近300人", 0, 300, "人"),
        ("约50000元以上", 47500, float("inf"), "元"),  # both words widen it, in either order
        ("近八百多幅", 0, float("inf"), "幅"),  # a bound each way: no bound
        ("10.34%", 10.335, 10.345, "%"),
        ("1.66万台次", 16550, 16650, "台次"),
        ("三千人", 3000, 3000, "人"),
        ("5个百分点", 4.5, 5.5, "个百分点"),
    ],
)
def test_quantities_become_intervals(text, low, high, unit):
    quantity = parse_quantity(text)
    assert quantity.low == pytest.approx(low) and quantity.high == pytest.approx(high) and quantity.unit == unit


@pytest.mark.parametrize("text", ["两三个月后复查", "每一个环节", "第 2 期", "2024年2月29日", "十四五规划", "一次性"])
def test_not_figures(text):
    assert extracted(text) == []


def test_metric_period_and_qualifiers():
    first, second = extracted("2022年引进博士研究生8名，2023年计划引进博士研究生35名。")
    assert (first.metric, first.period, first.qualifiers) == ("引进博士研究生{}", ("2022年",), ())
    assert (second.metric, second.period, second.qualifiers) == ("计划引进博士研究生{}", ("2023年",), ("计划",))
    (counted,) = extracted("医院引进8名博士研究生。")
    assert counted.metric == "医院引进{}博士研究生"


def test_changes_from_a_seed_sentence():
    text = SEED_002.read_text(encoding="utf-8")
    changes = figures(Document(text, "seed")).changes
    assert [(c.before.text, c.after.text, c.direction) for c in changes] == [
        ("21.19万", "65.07万", 1), ("2.0万", "4.81万", 1), ("0.74万台次", "1.66万台次", 1),
        ("22项", "32项", 1)]  # 将护理项目从22项增至32项


# -- the rules on seed sentences ---------------------------------------------------------


def test_seeds_as_written_have_no_figure_findings():
    for seed in sorted(SEEDS.glob("*.txt")):
        assert lint_text(seed.read_text(encoding="utf-8"), FIGURE_RULES) == [], seed.name


def test_consistency_restated_total_investment():
    # 000:117 states the investment; a later restatement must agree with it.
    text, line = mutated(SEED_000, "设置床位3000张。", "设置床位3000张。\n项目总投资60亿元，建成后将成为渝东北最大的医疗中心。")
    assert findings(text, "FG001") == []  # "项目总投资" is another clause than "总投资"
    text, line = mutated(SEED_000, "设置床位3000张。", "设置床位3000张。\n同时,总投资60亿元,一期项目预计2025年底竣工验收。")
    assert findings(text, "FG001") == [("FG001", line + 1)]
    text, _ = mutated(SEED_000, "设置床位3000张。", "设置床位3000张。\n同时,总投资约50亿元,一期项目预计2025年底竣工验收。")
    assert findings(text, "FG001") == []


def test_consistency_subject_carries_to_later_clauses():
    # 000:117 三峡国际健康城三峡医学中心项目占地252亩,总投资50亿元: the investment is the project's.
    text, line = mutated(SEED_000, "设置床位3000张。", "设置床位3000张。\n目前,三峡医学中心项目总投资60亿元,已完成投资12亿元。")
    assert findings(text, "FG001") == [("FG001", line + 1)]
    text, _ = mutated(SEED_000, "设置床位3000张。", "设置床位3000张。\n目前,三峡医学中心项目总投资50亿元,已完成投资12亿元。")
    assert findings(text, "FG001") == []
    # Named first with its subject, then restated in a later sentence's clause.
    earlier = "一、工程建设\n三峡医学中心项目总投资60亿元，已完成投资12亿元。\n目前，三峡医学中心项目占地252亩，总投资50亿元，总建筑面积54万平方米。"
    assert findings(earlier, "FG001") == [("FG001", 3)]


def test_consistency_subject_does_not_carry_from_another_subject():
    # The clause's sentence names another subject: two investments.
    text = "一、工程建设\n三峡医学中心项目总投资60亿元，已完成投资12亿元。\n目前，康复中心占地80亩，总投资50亿元，总建筑面积14万平方米。"
    assert findings(text, "FG001") == []


def test_markdown_emphasis_and_list_markers_are_no_words_of_the_metric():
    plain = extracted("医院全年门诊量达到165.3万人次。")[0]
    for marked in ("医院全年门诊量达到**165.3万人次**。", "- 医院全年门诊量达到165.3万人次。", "* 医院全年门诊量达到_165.3万人次_。"):
        assert extracted(marked)[0].metric == plain.metric == "医院全年门诊量{}"
    assert findings("- 全年新建村级卫生室48个。\n- 全年新建村级卫生室**52个**。", "FG001") == [("FG001", 2)]


def test_consistency_a_subsection_heading_names_its_subject():
    # A statistical bulletin: the city's health workers, then the hospitals' in （一）医院.
    text = ("五、卫生\n年末全市共有医疗卫生机构5600个，其中医院210个。卫生技术人员4.6万人，其中注册护士2.1万人。\n"
            "（一）医院\n全市医院床位3.2万张，卫生技术人员3.1万人。\n")
    assert findings(text, "FG001") == []
    restated = text + "（二）基层医疗卫生机构\n年末全市共有医疗卫生机构5600个，其中医院210个。卫生技术人员4.9万人，其中注册护士2.1万人。\n"
    assert findings(restated, "FG001") == [("FG001", 6)]


def test_consistency_a_line_label_names_its_subject():
    # 政府信息公开工作年度报告: each line's label names what is counted.
    text = "二、主动公开政府信息情况\n行政许可：本年处理决定数量1230件。\n行政处罚：本年处理决定数量85件。\n行政强制：本年处理决定数量85件。\n"
    assert findings(text, "FG001") == []
    assert findings(text + "行政处罚：本年处理决定数量95件。\n", "FG001") == [("FG001", 5)]
    assert extracted("行政许可：本年处理决定数量1230件。")[0].label == "行政许可"
    # A lead-in before a colon is no label.
    assert [f.label for f in extracted("主要预期目标是：城镇新增就业1100万人。\n具体如下：新建村级卫生室48个。")] == ["", ""]


def test_parts_of_a_year_are_periods():
    # A progress bulletin: months, quarters and weeks named without their year.
    bulletin = ("截至11月底，全市累计接种疫苗120万剂次。截至12月底，全市累计接种疫苗135万剂次。\n"
                "其中，第一季度全市接种疫苗30万剂次，第二季度全市接种疫苗35万剂次。\n"
                "今年1-10月，全市完成固定资产投资320亿元；1-11月，全市完成固定资产投资356亿元。\n"
                "本周新增病例12例，上周新增病例8例。\n")
    assert findings(bulletin, "FG001") == []
    assert [f.period for f in extracted("第一季度全市接种疫苗30万剂次，第二季度全市接种疫苗35万剂次。")] == [("第一季度",), ("第二季度",)]
    assert findings("截至11月底，全市累计接种疫苗120万剂次。\n截至11月底，全市累计接种疫苗135万剂次。", "FG001") == [("FG001", 2)]
    # 12月 inside 2024年12月 is that date, not a second period.
    assert extracted("2024年12月，全市累计接种疫苗135万剂次。")[0].period == ("2024年12月",)


def test_a_clause_stating_its_own_span_of_years_keeps_it():
    # In a section about 2024, 这五年 and 五年来 name the span, not the year.
    text = "一、2024年工作回顾\n这五年，全市累计新增就业岗位52万个。\n全年全市累计新增就业岗位12万个。\n"
    assert findings(text, "FG001") == []
    assert [f.period for f in extracted(text.replace("这五年", "五年来"))] == [("五年来",), ("2024年",)]
    assert findings(text.replace("全年全市", "这五年，全市"), "FG001") == [("FG001", 3)]


def test_consistency_keeps_periods_and_plans_apart():
    assert findings("2022年，医院引进博士研究生8名。2023年计划引进博士研究生35名。", "FG001") == []
    assert findings("联盟新增成员单位4家。联盟现有成员单位22家。", "FG001") == []
    assert findings("2022年，医院引进博士研究生8名。\n2022年，医院引进博士研究生12名。", "FG001") == [("FG001", 2)]


def test_part_whole_in_brackets_from_seed_004():
    text, line = mutated(SEED_004, "SCI 收录 16 篇", "SCI 收录 316 篇")
    assert findings(text, "FG002") == [("FG002", line)]


def test_part_whole_after_qiZhong_from_seed_001():
    text, line = mutated(SEED_001, "机器人肠癌手术已开展1300余例", "机器人肠癌手术已开展3300余例")
    assert findings(text, "FG002") == [("FG002", line)]


def test_parts_that_add_up_to_more_than_the_whole():
    assert findings("全院共有党支部22个，其中临床党支部15个、机关党支部9个。", "FG002") == [("FG002", 1)]
    assert findings("全院共有党支部22个，其中临床党支部15个、机关党支部7个。", "FG002") == []


def test_sum_of_a_fenbie_list():
    assert findings("本次共录取新职工32人，医师、护士、技师分别为12人、15人、6人。", "FG003") == [("FG003", 1)]
    assert findings("本次共录取新职工33人，医师、护士、技师分别为12人、15人、6人。", "FG003") == []


def test_direction_from_seed_003():
    text, line = mutated(SEED_003, "由去年平均10.34%降为10.11%", "由去年平均10.34%降为10.81%")
    assert findings(text, "FG004") == [("FG004", line)]
    text, line = mutated(SEED_002, "从21.19万增长到65.07万", "从21.19万增长到15.07万")
    assert findings(text, "FG004") == [("FG004", line)]


def test_stated_change_from_seed_002():
    # 0.74万 → 1.66万 is +124.3%; with the rounding of both values anything in 122%–127% is right.
    text, _ = mutated(SEED_002, "增长到1.66万台次。", "增长到1.66万台次，增长124%。")
    assert findings(text, "FG005") == []
    text, line = mutated(SEED_002, "增长到1.66万台次。", "增长到1.66万台次，增长150%。")
    assert findings(text, "FG005") == [("FG005", line)]
    text, line = mutated(SEED_003, "由去年平均10.34%降为10.11%", "由去年平均10.34%降为10.11%，下降0.5个百分点")
    assert findings(text, "FG005") == [("FG005", line)]


def test_share_over_100_percent_from_seed_004():
    text, line = mutated(SEED_004, "比例的 32.46%", "比例的 132.46%")
    assert findings(text, "FG006") == [("FG006", line)]
    assert findings("全年完成计划的112%，病床使用率105.3%，门诊量同比增长120%。", "FG006") == []


SEED_FIGURES = {"figures": [{"metric": "总投资", "value": "50亿元"}, {"metric": "床位", "value": "3000张"}]}


def test_fact_sheet_figures():
    sheet = factsheet_from_data(SEED_FIGURES)
    text = SEED_000.read_text(encoding="utf-8")
    assert findings(text, "FG007", factsheet=sheet) == []
    text, line = mutated(SEED_000, "总投资50亿元", "总投资60亿元")
    assert findings(text, "FG007", factsheet=sheet) == [("FG007", line)]


def test_fact_sheet_figure_that_is_not_a_quantity_names_its_line(tmp_path):
    path = tmp_path / "facts.yaml"
    path.write_text("figures:\n  - metric: 总投资\n    value: 五十个亿\n", encoding="utf-8")
    with pytest.raises(UserError) as error:
        load_factsheet(path)
    assert f"{path}:3:" in str(error.value) and "五十个亿" in str(error.value)


# -- the outline keeps facts apart ----------------------------------------------------------

WORK_REPORT = """一、2025年工作回顾

（二）扎实推进民生工程

全年新建保障性住房2.3万套，完成城镇老旧小区改造120个。

三、2026年重点工作

（二）扎实推进民生工程

新建保障性住房1.6万套，改造城镇老旧小区80个。
"""


def test_a_past_result_is_not_compared_with_next_years_target():
    assert findings(WORK_REPORT, "FG001") == []
    # The same two figures in one section do contradict each other.
    same_section = WORK_REPORT.replace("三、2026年重点工作\n\n（二）扎实推进民生工程\n\n", "")
    assert findings(same_section, "FG001") == [("FG001", 7)]


def test_a_bare_verb_takes_its_subject():
    text = "工业园区加快建设，完成投资12.4亿元。\n\n城区污水处理厂提标改造，完成投资3.1亿元。\n"
    assert findings(text, "FG001") == []
    assert findings("完成投资12.4亿元，较上年有所增长。\n\n完成投资3.1亿元，带动社会投资。\n", "FG001") == []  # no subject: silent
    text = "工业园区加快建设，完成投资12.4亿元。\n\n工业园区加快建设，完成投资15.4亿元，同比增长12%。\n"
    assert findings(text, "FG001") == [("FG001", 3)]


def test_a_target_is_never_compared_with_a_result():
    text = "全年城镇新增就业5.8万人。\n\n力争城镇新增就业6.5万人。\n"
    assert findings(text, "FG001") == []


def test_past_narrative_against_the_present():
    text = "过去这类手术成功率不足50%。\n\n如今，这类手术成功率达95%，位居全省前列。\n"
    assert findings(text, "FG001") == []
    assert findings("过去这类手术成功率不足50%，如今成功率达95%。\n", "FG001") == []


def test_compound_metrics_keep_their_qualifiers():
    assert findings("肝癌术后1年生存率92.1%。\n\n肝癌术后5年生存率68.4%。\n", "FG001") == []
    text = "对新引进的本科毕业生给予一次性补助2万元。\n\n对新引进的专科毕业生给予一次性补助1万元。\n"
    assert findings(text, "FG001") == []
    assert findings("肝癌术后1年生存率92.1%。\n\n肝癌术后1年生存率82.1%。\n", "FG001") == [("FG001", 3)]


def test_parallel_subjects_in_one_sentence_are_not_restatements():
    sentence = "全市高中毕业学生2.1万人，初中毕业学生3.4万人。"
    assert findings(sentence + "\n\n" + sentence + "\n", "FG001") == []


# -- restatements -------------------------------------------------------------------------

RESTATED = """一、2025年工作回顾

全年新建村级卫生室48个，累计培训乡村医生1260人次，基层服务能力明显增强。

我们坚持把基层作为卫生健康工作的重点，推动优质医疗资源下沉。

总的看，新建村级卫生室72个，累计培训乡村医生1890人次，基层服务能力明显增强。
"""


def test_a_restatement_with_another_value_is_reported_with_both_lines():
    violations = [v for v in lint_text(RESTATED, ["FG001"])]
    assert [(v.line, v.rule) for v in violations] == [(7, "FG001"), (7, "FG001")]
    assert "第3行" in violations[0].message and "48个" in violations[0].message and "72个" in violations[0].message
    assert "1260人次" in violations[1].message


def test_a_restatement_with_the_same_value_is_silent():
    assert findings(RESTATED.replace("72个", "48个").replace("1890人次", "1260人次"), "FG001") == []
    assert findings(RESTATED.replace("72个", "约48个").replace("1890人次", "1260人次"), "FG001") == []


def test_restatements_stay_within_their_top_level_section():
    text = RESTATED.replace("我们坚持", "二、2026年工作安排\n\n我们坚持")
    assert findings(text, "FG001") == []


def test_restatements_of_figures_dated_apart_are_silent():
    text = "一、工作回顾\n\n2024年，新建村级卫生室48个。\n\n2025年，新建村级卫生室72个。\n"
    assert findings(text, "FG001") == []


# -- ranks, 分别 lists, 其中 ------------------------------------------------------------------


def test_ranks_a_smaller_number_is_a_rise():
    assert findings("全县综合实力由全省第8位升至第5位。", "FG004") == []
    assert findings("百强县排名由第46位上升到第31位。", "FG004") == []
    assert findings("全县综合实力由全省第8位升至第12位。", "FG004") == [("FG004", 1)]
    assert findings("全县综合实力由全省第5位降至第8位。", "FG004") == []
    (violation,) = lint_text("百强县排名由第31位下降到第22位。", ["FG004"])
    assert "名次前移" in violation.message


def test_fenbie_lists_pair_element_by_element():
    assert findings("城乡低保标准分别从每月350元、520元提高到380元、560元。", "FG004") == []
    assert findings("城乡低保标准分别从每月350元、520元提高到380元、500元。", "FG004") == [("FG004", 1)]
    assert figures(Document("城乡低保标准分别从每月350元、520元提高到380元。")).changes == []  # lengths differ: not compared


def test_qiZhong_closes_at_a_new_metric():
    assert findings("科室现有护士42名，其中主管护师15名，年均培训进修护士120名。", "FG002") == []
    assert findings("科室现有护士42名，其中主管护师55名，年均培训进修护士120名。", "FG002") == [("FG002", 1)]


def test_compound_units_are_not_mixed_numerals():
    assert findings("新一代超级计算机峰值运算速度达到2百亿亿次/秒。", "FG101") == []
    assert findings("新增清洁能源装机1.2百万千瓦，年发电量约3千万千瓦时。", "FG101") == []
    assert findings("日均新设企业由5千多户增加到1.6万多户。", "FG101") == [("FG101", 1)]


# -- enumerations and lower bounds -----------------------------------------------------------


def test_enumeration_counts():
    assert findings("医院打通了四个生命通道：稳定循环、引流毒素、早期营养。", "FG009") == [("FG009", 1)]
    assert findings("医院打通了三个生命通道：稳定循环、引流毒素和早期营养。", "FG009") == []
    text = "今年实现三个突破：一是门诊量突破200万人次；二是手术量突破5万台；三是出院人次突破10万；四是四级手术占比突破25%。"
    assert findings(text, "FG009") == [("FG009", 1)]
    assert findings("全年共完成3项改革：\n1. 薪酬制度改革\n2. 绩效考核改革\n3. 后勤社会化改革\n4. 药品集中采购\n", "FG009") == [("FG009", 1)]
    assert findings("全年共完成4项改革：\n1. 薪酬制度改革\n2. 绩效考核改革\n3. 后勤社会化改革\n4. 药品集中采购\n", "FG009") == []
    assert findings("打好防范化解重大风险、精准脱贫、污染防治三大攻坚战。", "FG009") == []
    assert findings("打好防范化解重大风险、精准脱贫三大攻坚战。", "FG009") == [("FG009", 1)]
    assert findings("重点做好高血压、糖尿病等四类慢性病的健康管理。", "FG009") == []  # 等: an open list
    assert findings("在“巩固、增强、提升、畅通”八个字上下功夫。", "FG009") == []  # a count of characters


def test_enumeration_silent_on_lists_cut_short_and_category_names():
    # News sentences: the list goes on past the sentence (一是 without 二是), or ends in ……
    assert findings("具体表现在三个方面：一是基础理论与核心技术落后。", "FG009") == []
    text = "苏华敏还提出了另四条建议：建议进一步落实家庭、学校、社会“三位一体”的心理防治体系，促进中小学生健康成长；建议禁止中小学生携带手机进入校园……"
    assert findings(text, "FG009") == []
    assert findings(text.replace("校园……", "校园。"), "FG009") == [("FG009", 1)]
    # 二类事项 names the second category; a count of two is 两类.
    assert findings("二类事项：行政许可、行政处罚、行政强制。", "FG009") == []
    assert findings("两类事项：行政许可、行政处罚、行政强制。", "FG009") == [("FG009", 1)]


def test_enumeration_from_seed_002_line_39():
    violations = lint_text(SEED_002.read_text(encoding="utf-8"), ["FG009"])
    assert [(v.line, v.rule) for v in violations] == [(39, "FG009")]
    assert "所列3项（精准构筑稳定循环、引流毒素、早期营养）" in violations[0].message


def test_two_lower_bounds_for_one_target_are_info():
    text = "三、2026年重点工作\n\n新培育国家级专精特新企业30家以上。\n\n全年新培育国家级专精特新企业46家以上。\n"
    (violation,) = lint_text(text, ["FG001", "FG010"])
    assert (violation.rule, violation.severity, violation.line) == ("FG010", "info", 5)
    assert findings(text.replace("46家", "30家"), "FG010") == []


# -- across documents --------------------------------------------------------------------


def test_cross_document_only_when_asked(tmp_path):
    (tmp_path / "a.txt").write_text("2023年，医院门诊人次达到65.07万。\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("2023年，医院门诊人次达到61.2万。\n", encoding="utf-8")
    assert invoke("check", str(tmp_path)).exit_code == 0
    assert invoke("check", "--select", "figures", str(tmp_path)).exit_code == 0  # an opt-in pack: not by category
    assert "FG008" in invoke("check", "--select", "figures", "--cross-document", str(tmp_path)).output
    result = invoke("check", "--cross-document", str(tmp_path))
    assert result.exit_code == 1 and f"{tmp_path / 'b.txt'}:1:15: FG008" in result.output and "a.txt 第1行为65.07万" in result.output
    (tmp_path / ".reportlint.yaml").write_text("cross-document: true\n", encoding="utf-8")
    result = invoke("check", "--config", str(tmp_path / ".reportlint.yaml"), str(tmp_path))
    assert result.exit_code == 1 and "FG008" in result.output


def test_cross_document_keeps_organisations_apart(tmp_path):
    (tmp_path / "a.md").write_text("---\norg: 三峡医院\n---\n2023年，医院门诊人次达到65.07万。\n", encoding="utf-8")
    (tmp_path / "b.md").write_text("---\norg: 荆门市中心医院\n---\n2023年，医院门诊人次达到61.2万。\n", encoding="utf-8")
    assert invoke("check", "--cross-document", str(tmp_path)).exit_code == 0
    (tmp_path / "b.md").write_text("---\norg: 三峡医院\n---\n2023年，医院门诊人次达到61.2万。\n", encoding="utf-8")
    assert "FG008" in invoke("check", "--cross-document", str(tmp_path)).output


def test_seeds_agree_across_documents():
    result = invoke("check", "--cross-document", "--select", "FG008", str(SEEDS))
    assert result.exit_code == 0, result.output


# -- reportlint facts ----------------------------------------------------------------------


@pytest.mark.parametrize("seed", sorted(p.name for p in SEEDS.glob("*.txt")))
def test_facts_command_on_every_seed(seed):
    result = invoke("facts", str(SEEDS / seed))
    assert result.exit_code == 0
    assert result.output.startswith(f"{SEEDS / seed}: ") and "figure(s)" in result.output
    data = json.loads(invoke("facts", "--format", "json", str(SEEDS / seed)).output)
    assert data[0]["figures"], seed


def test_facts_command_on_bad_input_says_which_file(tmp_path):
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02")
    result = CliRunner().invoke(main, ["facts", str(tmp_path / "binary.txt")])
    assert result.exit_code == 2 and "binary.txt: looks like a binary file" in result.output and "Traceback" not in result.output


def test_facts_table_shows_value_metric_key_period_modality_and_section():
    result = invoke("facts", str(SEED_004))
    assert "line:col\ttext\tvalue\tunit\tmetric\tkey\tperiod\tmodality\tsection\tqualifiers" in result.output
    # No date in its sentence or paragraph, none in the headings: scoped to its top-level section.
    assert "54:131\t267 篇\t267\t篇\t发表论文{}\t发表|论文{}\t§这一年，我们坚持科教协同提能力\tstated\t这一年，我们坚持科教协同提能力\t-" in result.output


def test_facts_show_the_inherited_period_and_the_modality(tmp_path):
    path = tmp_path / "report.txt"
    path.write_text(WORK_REPORT, encoding="utf-8")
    lines = invoke("facts", str(path)).output.splitlines()
    built = next(line for line in lines if "\t2.3万套\t" in line).split("\t")
    planned = next(line for line in lines if "\t1.6万套\t" in line).split("\t")
    assert built[5:9] == ["新建|保障性|住房{}", "2025年", "achieved", "（二）扎实推进民生工程"]
    assert planned[5:9] == ["新建|保障性|住房{}", "2026年", "target", "（二）扎实推进民生工程"]
    data = json.loads(invoke("facts", "--format", "json", str(path)).output)
    figure = next(f for f in data[0]["figures"] if f["text"] == "1.6万套")
    assert (figure["key"], figure["period"], figure["modality"], figure["section"]) == ("新建|保障性|住房{}", ["2026年"], "target", "（二）扎实推进民生工程")


# -- the corpus ------------------------------------------------------------------------------


@pytest.mark.parametrize("corpus", CORPORA)
def test_corpus_has_no_figure_findings(corpus):
    found = [(v.path, v.line, v.rule) for path in corpus_texts(corpus)
             for v in lint_text(path.read_text(encoding="utf-8"), FIGURE_RULES[:-1] + ["FG009", "FG010"], path=str(path))]
    assert found == []


def test_documented_fact_sheet_figures_load_and_apply(tmp_path):
    page = (SEEDS.parent / "docs" / "facts.md").read_text(encoding="utf-8")
    section = page.split("\n## Figures in the fact sheet", 1)[1].split("\n## ", 1)[0]
    (block,) = re.findall(r"```yaml\n(.*?)```", section, re.S)
    path = tmp_path / "facts.yaml"
    path.write_text(block, encoding="utf-8")
    sheet = load_factsheet(path)
    assert findings("2023年，医院门诊人次约72万人次。", "FG007", factsheet=sheet) == [("FG007", 1)]
    assert findings("2023年，医院门诊人次约65.5万人次。", "FG007", factsheet=sheet) == []


# -- hostile input ------------------------------------------------------------------------

_fragments = st.sampled_from(
    ["总投资", "约", "近", "超过", "50亿元", "第8位", "升至", "四个", "：", "一是", "二是", "过去", "力争", "其中", "年均", "1.66万台次", "２，２７３台次", "10.34%", "三千人", "两三个", "余", "左右", "以上",
     "由", "从", "降为", "增长到", "，增长", "124%", "个百分点", "，其中", "（", "）", "(", "分别为", "12人", "、", "共", "合计",
     "占比", "比例的", "132%", "2023年", "今年", "。", "；", "\n", "一、工作回顾\n", " ", "　", "百分之三十点五", "万亿", "0", ".", ","]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(_fragments, max_size=60).map("".join))
def test_figure_rules_survive_any_mix_of_figure_words(text):
    doc = Document(text, "<hypothesis>")
    facts = figures(doc)
    assert all(0 <= f.start < f.end <= len(text) and f.low <= f.high for f in facts.figures)
    for v in lint_text(text, FIGURE_RULES[:-1] + ["FG009", "FG010", "FG101", "FG102", "FG103", "FG104", "FG105", "FG106"]):
        assert 1 <= v.line <= v.end_line <= doc.line_count


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="，。、（）“” \t\u3000\n甲乙12", max_size=40))
def test_the_last_clause_break_is_the_last_offset_where_a_clause_may_start(text):
    # One match before a figure stands in for the offsets after every match of a
    # lookahead tried at every offset: the last of them in (floor, position], or none
    # (a position is a figure's start or before it: never the end of the text).
    from linter.extract.figures import _CLAUSE_MARKS, _LAST_CLAUSE_BREAK

    breaks = [m.start() + 1 for m in re.finditer(f"(?={_CLAUSE_MARKS})", text)]
    for floor in range(len(text) + 1):
        for position in range(floor, len(text)):
            found = _LAST_CLAUSE_BREAK.match(text, floor, position + 1)
            assert (found.end() if found else None) == max((b for b in breaks if floor < b <= position), default=None)


def test_a_later_clause_s_year_is_the_figure_s_period_after_a_long_clause():
    # The comma that begins the year's clause stands far before it (found among the
    # text's commas, not in the characters just before the year).
    for between in ("", "医院" * 150):
        doc = Document("2021年，" + between + "2022年新建学校3所。2021年" + between + "2022年新建学校5所。")
        assert [f.period for f in figures(doc).figures] == [("2022年",), ("2021年", "2022年")]


def test_a_later_clause_s_year_is_the_figure_s_period_on_a_long_line():
    # The clause before a figure is found among the document's commas by bisection.
    sentence = "2022年，全市新建学校3所，2023年计划新建学校5所。"
    doc = Document(sentence * 300)
    found = figures(doc).figures
    assert [f.period for f in found[:2]] == [("2022年",), ("2023年",)]
    assert {f.period for f in found[::2]} == {("2022年",)} and {f.period for f in found[1::2]} == {("2023年",)}
