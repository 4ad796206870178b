"""The normative modality: in a rule text a figure is a rule for a case, and
two rules are never a contradiction because their figures differ."""

from conftest import lint_text

from linter.document import Document
from linter.extract.outline import NORMATIVE, outline

FIGURES = ["FG001", "FG004", "FG009", "FG010"]

# A 办法 whose articles give each case its own amount, deadline and weight.
RULES = (
    "# 重庆市统计违法行为处理办法\n\n"
    "第八条 单位未按规定报送统计资料的，处2万元以上10万元以下罚款；情节严重的，处10万元以上20万元以下罚款。\n\n"
    "第九条 统计机构应当自受理之日起15个工作日内作出决定；申请人应当自收到决定之日起5个工作日内补正材料。\n\n"
    "第十条 考核指标中，数据质量指标权重为6%，报送及时性指标权重为4%。\n\n"
    "第十一条 申请复核的，应当提交下列材料：\n（一）复核申请书；\n（二）原决定书；\n（三）其他证明材料。\n"
    "申请人应当提出二名保证人。\n"
)


def test_a_rule_text_is_normative_and_its_figures_are_not_compared():
    doc = Document(RULES, reader="markdown")
    assert outline(doc).normative == "办法, title, line 1"
    assert outline(Document(RULES.replace("# 重庆市统计违法行为处理办法", "附件"))).normative == "4 articles (第X条)"
    assert {outline(doc).modality_at(doc.text.index(figure)) for figure in ("2万元", "15个", "6%")} == {NORMATIVE}
    for reader in ("text", "markdown"):
        assert lint_text(RULES, FIGURES, reader=reader) == []


def test_a_normative_sentence_in_a_report_is_not_compared_but_results_still_are():
    report = (
        "一、2024年工作回顾\n\n"
        "全年查处统计违法案件12件。对未按期报送的单位，应当自收到通知之日起15个工作日内整改；"
        "对拒报的单位，应当自收到通知之日起5个工作日内整改。\n\n"
        "三峡医学中心项目总投资50亿元，年内完成主体工程。\n\n"
        "重点项目加快推进。三峡医学中心项目总投资60亿元，年内完成主体工程。\n"
    )
    doc = Document(report)
    assert not outline(doc).normative
    assert outline(doc).modality_at(report.index("15个")) == NORMATIVE
    found = lint_text(report, ["FG001"])
    assert [(v.rule, v.line) for v in found] == [("FG001", 7)]  # 50亿元 restated as 60亿元; the deadlines stay silent


def test_articles_make_a_text_normative_without_a_title():
    text = "".join(f"第{n}条 {body}\n" for n, body in (("一", "为规范管理，制定本办法。"), ("二", "本办法适用于全市。"), ("三", "本办法自发布之日起施行。")))
    assert outline(Document(text)).normative
    assert not outline(Document("一、2024年工作回顾\n全市地区生产总值增长5.2%。\n")).normative


def test_an_abbreviation_inside_longer_words_is_not_used_early():
    declared = "中国农业发展银行重庆市分行（以下简称“银行”）负责实施。\n"
    assert lint_text("中国人民银行和各商业银行加强监管。\n\n" + declared, ["NM008"]) == []
    assert [v.line for v in lint_text("今年，银行将加强监管。\n\n" + declared, ["NM008"])] == [1]


def test_a_year_named_in_passing_does_not_change_the_period():
    from linter.extract.figures import figures

    text = "一、2024年工作回顾\n\n全市地区生产总值比2023年增长5.2%，较2023年末新增市场主体1.2万户。\n\n2023年完成投资20亿元。\n"
    doc = Document(text)
    periods = {figure.text: figure.period for figure in figures(doc).figures}
    assert periods["5.2%"] == ("2024年",) and periods["1.2万户"] == ("2024年",)
    assert periods["20亿元"] == ("2023年",)  # a year stated as the clause's own period


def test_facts_shows_the_normative_modality(tmp_path):
    from click.testing import CliRunner

    from linter.cli import main

    def invoke(*args):
        return CliRunner().invoke(main, list(args), catch_exceptions=False)

    path = tmp_path / "办法.md"
    path.write_text(RULES, encoding="utf-8")
    result = invoke("facts", str(path))
    assert "normative text (办法, title, line 1)" in result.output and "\tnormative\t" in result.output
    report = tmp_path / "report.txt"
    report.write_text("一、2024年工作回顾\n全年查处统计违法案件12件。\n", encoding="utf-8")
    output = invoke("facts", str(report)).output
    assert "normative text" not in output and "\tnormative\t" not in output and "\tachieved\t" in output
