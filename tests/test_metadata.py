"""Publication date and document type read from the text: datelines, stamps,
成文日期, mastheads; and what must not be taken for them."""

import datetime

import pytest
from click.testing import CliRunner

from linter.cli import main
from linter.document import Document
from linter.extract.dates import dates
from tests.conftest import CORPORA, codes, lint_text, only_present

D = datetime.date
REPORT_TITLE = "2023年政府工作报告\n\n"
BODY = "\n各位代表：\n\n现在，我代表国务院，向大会报告政府工作，请予审议。\n"


def meta(text, path="<test>"):
    return Document(text, path).metadata


@pytest.mark.parametrize("dateline, date", [
    ("——2017年3月5日在第十二届全国人民代表大会第五次会议上", D(2017, 3, 5)),
    ("----2019年2月26日在市第五届人民代表大会第四次会议上", D(2019, 2, 26)),
    ("（2024年1月18日）", D(2024, 1, 18)),
    ("(2024年1月18日在区政协十五届三次会议上)", D(2024, 1, 18)),
    ("1957年6月26日在第一届全国人民代表大会第四次会议上", D(1957, 6, 26)),
    ("——二〇二三年一月十二日在县第十八届人民代表大会第二次会议上", D(2023, 1, 12)),
])
def test_datelines_under_the_title(dateline, date):
    found = meta(REPORT_TITLE + "政府工作报告\n\n" + dateline + "\n" + BODY)
    assert (found.date, found.date_source) == (date, "dateline, line 5")


@pytest.mark.parametrize("stamp, date", [
    ("日期：2016-05-12", D(2016, 5, 12)),
    ("日期：2017-06-08 10:20", D(2017, 6, 8)),
    ("时间：2018-09-03 08:15", D(2018, 9, 3)),
    ("发布时间：2018/09/03 08:15:00  来源：医院办公室", D(2018, 9, 3)),
    ("发布日期：2020年3月2日", D(2020, 3, 2)),
])
def test_article_stamps(stamp, date):
    found = meta("我院召开2020年度党建工作会议\n" + stamp + "\n\n3月2日上午，我院召开党建工作会议。\n")
    assert (found.date, found.date_source) == (date, "stamp, line 2")


@pytest.mark.parametrize("text", [
    "2020年1月,重庆三峡中心医院划转成为重庆大学附属三峡医院。\n",  # a sentence that starts with a date
    "2023年3月5日在北京召开的会议上，代表们审议了政府工作报告。\n",  # a sentence, not a dateline
    "关于召开年度工作会议的通知\n\n时间：2024年3月5日\n地点：行政楼三楼会议室\n",  # a meeting's time, not a stamp
    "日期：2024年3月5日前报送材料。\n",
])
def test_sentences_and_meeting_times_are_not_publication_dates(text):
    assert meta(text).date is None


def test_a_gov_documents_written_date_comes_from_its_signature_block():
    text = ("国务院办公厅关于做好2019年春节期间有关工作的通知\n\n国办发〔2019〕2号\n\n"
            "各省、自治区、直辖市人民政府，国务院各部委、各直属机构：\n\n春节将至，现就有关工作通知如下。\n\n"
            "国务院办公厅\n\n二〇一九年一月一日\n\n（此件公开发布）\n")
    found = meta(text)
    assert (found.type, found.type_source) == ("gov-document", "发文字号 and 主送机关, line 3")
    assert (found.date, found.date_source) == (D(2019, 1, 1), "成文日期, line 11")


def test_a_labelled_written_date_wins_over_a_republication_date():
    text = "发文机关：国务院办公厅\n成文日期：1996年06月29日\n发文字号：国办发〔1996〕25号\n发布日期：2018年12月24日\n\n正文。\n"
    assert (meta(text).date, meta(text).date_source) == (D(1996, 6, 29), "成文日期, line 2")


def test_the_newsletter_masthead_still_gives_the_date():
    found = meta("2024 年\n2 月 29 日\n星期四\n农历甲辰年一月二十\n\n荆门市中心医院\n准印证号：(鄂)4208-2022001\n")
    assert (found.date, found.date_source, found.type) == (D(2024, 2, 29), "masthead, line 1", "newsletter")


def test_document_types_from_the_text():
    assert meta(REPORT_TITLE + BODY).type == "work-report"
    assert meta("三峡医院2023年工作总结\n\n一、主要工作\n").type == "work-report"
    # A sentence that mentions a work report is not a title.
    assert meta("会议审议通过了政府工作报告。\n\n其他内容。\n").type is None
    # A 发文字号 without a 主送机关 (a citation) is not a 公文.
    assert meta("根据国发〔2019〕5号文件精神，我院开展双随机检查。\n").type is None


def test_a_work_report_read_from_its_title_runs_no_work_report_pack(tmp_path):
    (tmp_path / "报告.txt").write_text(REPORT_TITLE + BODY, encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "--no-cache", "--show-metadata", str(tmp_path / "报告.txt")])
    assert "type=work-report (title, line 1) packs=default " in result.output
    assert "WR001" not in result.output


def test_iso_datetimes_in_front_matter():
    doc = Document("---\ndate: 2024-02-29T10:00:00+08:00\n---\n正文\n", "a.md", "markdown")
    assert doc.metadata.date == D(2024, 2, 29)


def test_tm001_runs_on_a_work_report_dated_by_its_dateline():
    text = REPORT_TITLE + "——2023年3月5日在第十四届全国人民代表大会第一次会议上\n\n有效应对新冠肺炎疫情冲击。\n"
    assert codes(lint_text(text, ["TM001"])) == ["TM001"]
    assert lint_text(text.replace("2023年3月5日", "2021年3月5日"), ["TM001"]) == []


def test_a_dateline_or_stamp_is_metadata_not_a_date_the_text_tells():
    doc = Document(REPORT_TITLE + "——2023年3月5日在第十四届全国人民代表大会第一次会议上\n\n2023年3月5日是星期日。\n")
    assert [m.text for m in dates(doc).mentions] == ["2023年", "2023年3月5日"]
    assert [doc.position(m.start)[0] for m in dates(doc).mentions] == [1, 5]


@pytest.mark.parametrize("corpus", CORPORA)
def test_every_corpus_work_report_with_a_dateline_is_dated_and_typed(corpus):
    reports = sorted((corpus / "gov-work-reports").glob("*.txt"))
    found = {path.name[:4]: meta(path.read_text(encoding="utf-8"), str(path)) for path in reports}
    datelined = only_present(corpus, [(year,) for year in ("1957", "2017", "2021", "2022", "2023", "2024")])
    assert {year for year, m in found.items() if m.date} == {year for (year,) in datelined}
    assert all(m.type == "work-report" for m in found.values())
    assert found["2023"].date == D(2023, 3, 5) and found["2023"].date_source == "dateline, line 5"


@pytest.mark.parametrize("corpus", CORPORA)
def test_every_state_council_document_is_dated(corpus):
    documents = sorted((corpus / "state-council-documents").glob("*.txt"))
    found = [meta(path.read_text(encoding="utf-8"), str(path)) for path in documents]
    assert all(m.date for m in found)
    untyped = sorted((path.name,) for path, m in zip(documents, found) if m.type != "gov-document")
    assert untyped == only_present(corpus, [("id33_国令第707号.txt",), ("id58_国令第706号.txt",)])  # a 国务院令 has no 〔year〕 number


def test_an_articles_footer_dates_it():
    text = ("我院举办护理技能竞赛\n\n8月5日下午，我院在门诊楼五楼会议室举办2014年护理技能竞赛，全院42名护士参赛。\n"
            "竞赛分理论考试和操作考核两部分。\n\n作者：护理部\n来源：院办\n日期：2014-08-06 07:29\n链接：http://www.example.cn/news/1234.html\n")
    found = meta(text)
    assert (found.date, found.date_source) == (D(2014, 8, 6), "stamp, line 8")


def test_a_bare_time_label_with_a_weekday_is_a_stamp():
    found = meta("我院召开安全生产工作会议\n时间：2008年04月21日 星期一\n\n4月21日上午，我院召开安全生产工作会议。\n")
    assert found.date == D(2008, 4, 21)


def test_a_date_in_the_last_sentence_is_no_footer():
    assert meta("我院召开安全生产工作会议\n\n会议要求各科室认真落实。\n日期：2024年3月5日前报送材料。\n").date is None


NOTICE = ("中国人民银行关于进一步优化支付服务的通知（银发〔2024〕17号）\n\n"
          "为进一步优化支付服务，提升支付便利性，现就有关事项通知如下。\n"
          "一、各银行应当持续优化银行卡受理环境。\n\n中国人民银行\n2024年3月1日\n")
ANNOUNCEMENT = ("国家税务总局公告\n公告〔2025〕第3号\n\n国家税务总局关于发布个人所得税汇算清缴有关事项的公告\n\n"
                "现将有关事项公告如下。\n本公告自发布之日起施行。\n\n国家税务总局\n二○二五年二月十八日\n")


@pytest.mark.parametrize("text, date", [(NOTICE, D(2024, 3, 1)), (ANNOUNCEMENT, D(2025, 2, 18))])
def test_a_gov_document_without_an_addressee(text, date):
    found = meta(text)
    assert (found.type, found.date) == ("gov-document", date)


def test_a_number_without_a_signature_block_is_no_gov_document():
    text = "中国人民银行关于进一步优化支付服务的通知（银发〔2024〕17号）\n\n记者从中国人民银行获悉，该通知已于近日印发。\n"
    assert meta(text).type is None


@pytest.mark.parametrize("title, kind", [
    ("# 中华人民共和国个人所得税法实施条例", "条例"),
    ("商业银行互联网贷款管理暂行办法", "办法"),
    ("医疗机构投诉管理办法（试行）", "办法"),
    ("国家税务总局关于发布个人所得税汇算清缴有关事项的公告", "公告"),
])
def test_a_normative_document_by_its_title(title, kind):
    from linter.extract.metadata import normative
    found = normative(Document(title + "\n\n第一条　为了规范管理，制定本办法。\n"))
    assert (found.value, found.source) == (kind, "title, line 1")


@pytest.mark.parametrize("title", ["2024年政府工作报告", "我院召开安全生产工作会议", "关于《专利代理条例》修订的说明", "主题分类：公安、安全、司法\\司法", "基层治理的经验做法"])
def test_a_report_or_an_article_is_not_normative(title):
    from linter.extract.metadata import normative
    assert normative(Document(title + "\n\n2024年，我院门诊量增长5%。\n")) is None
