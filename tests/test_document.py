"""Reading documents: decoding, positions, Markdown structure, metadata, suppressions."""

import datetime

import pytest

from linter.document import Document, read_document
from linter.errors import UserError
from tests.conftest import SEEDS, codes, lint_text


def test_utf8_with_and_without_bom_and_gb18030(tmp_path):
    text = "构建新冠肺炎患者分级诊疗服务体系\n"
    (tmp_path / "a.txt").write_bytes(text.encode("utf-8"))
    (tmp_path / "b.txt").write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    (tmp_path / "c.txt").write_bytes(text.encode("gb18030"))
    for name in ("a.txt", "b.txt", "c.txt"):
        assert read_document(tmp_path / name).source == text


def test_binary_and_undecodable_files_give_one_line_errors(tmp_path):
    (tmp_path / "img.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    (tmp_path / "bad.txt").write_bytes(b"\xfe\xfa\x80\x81 abc\xff")
    with pytest.raises(UserError, match=r"img\.txt: looks like a binary file"):
        read_document(tmp_path / "img.txt")
    with pytest.raises(UserError, match=r"bad\.txt: cannot tell its encoding .*encoding:"):
        read_document(tmp_path / "bad.txt")
    with pytest.raises(UserError, match="no such file"):
        read_document(tmp_path / "missing.txt")


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
def test_positions_count_characters_and_handle_crlf_and_cr(newline):
    doc = Document(newline.join(["三峡医院", "", "构建新冠肺炎患者分级诊疗服务体系"]))
    offset = doc.text.index("新冠肺炎")
    assert doc.position(offset) == (3, 3)
    assert doc.source_line(3) == "构建新冠肺炎患者分级诊疗服务体系"


def test_front_matter_sets_metadata_and_is_not_linted():
    doc = Document("---\ndate: 2023-02-10\ntype: newsletter\norg: 三峡医院\n---\n正文\n", "a.md", reader="markdown")
    assert doc.metadata.date == datetime.date(2023, 2, 10)
    assert (doc.metadata.type, doc.metadata.org, doc.metadata.date_source) == ("newsletter", "三峡医院", "front matter")
    assert "newsletter" not in doc.text and len(doc.text) == len(doc.source)


def test_front_matter_date_wins_over_config_date_which_wins_over_masthead():
    masthead = "2024 年\n2 月 29 日\n星期四\n"
    assert Document("---\ndate: 2023-02-10\n---\n" + masthead, reader="markdown", default_date=datetime.date(2020, 1, 1)).metadata.date == datetime.date(2023, 2, 10)
    assert Document(masthead, default_date=datetime.date(2020, 1, 1)).metadata.date == datetime.date(2020, 1, 1)
    assert Document(masthead).metadata.date == datetime.date(2024, 2, 29)


def test_malformed_front_matter_names_file_and_line():
    with pytest.raises(UserError, match=r"x\.md:4: front matter is not valid YAML"):
        Document("---\ndate: 2023-02-10\ntype: [newsletter\n---\n正文\n", "x.md", reader="markdown")
    with pytest.raises(UserError, match=r"x\.md:1: front matter date '2023-02-30' is not a real date"):
        Document("---\ndate: '2023-02-30'\n---\n正文\n", "x.md", reader="markdown")


def test_fenced_code_and_html_comments_are_not_linted():
    text = "---\ndate: 2023-02-10\n---\n正文\n\n```\n构建新冠肺炎患者分级诊疗服务体系\n```\n\n<!-- 新冠肺炎 -->\n"
    assert lint_text(text, ["TM001"], reader="markdown") == []
    assert codes(lint_text(text.replace("```\n构建", "构建").replace("体系\n```", "体系"), ["TM001"], reader="markdown")) == ["TM001"]


def test_masthead_dates_from_the_seeds():
    seed_004 = read_document(SEEDS / "004_0d71b96646b1a74a.txt")
    assert seed_004.metadata.date == datetime.date(2024, 2, 29)
    assert seed_004.metadata.date_source == "masthead, line 3"
    seed_000 = read_document(SEEDS / "000_5a305377e07a99ac.txt")  # "2023年2月10日 (总第440期)" on line 97
    assert (seed_000.metadata.date, seed_000.metadata.date_source) == (datetime.date(2023, 2, 10), "masthead, line 97")


def test_masthead_date_ignores_dates_inside_sentences_and_accepts_labels():
    assert Document("2020年1月,重庆三峡中心医院划转成为重庆大学附属三峡医院。\n").metadata.date is None
    assert Document("今年7月8日,三峡医院博鳌国际医学部揭牌。\n").metadata.date is None
    assert Document("发文机关：国务院\n成文日期：2019年01月27日\n").metadata.date == datetime.date(2019, 1, 27)
    assert Document("2023年2月30日\n").metadata.date is None  # not a real date: left to the dates rules


def test_headings_in_plain_text_and_markdown():
    text = "一、总体要求\n\n（一）坚持全面覆盖。将“双随机、一公开”作为基本手段。\n1. 抽查事项清单\n（1）随机抽取检查对象\n\n党建统领\n\n正文一句话很长很长，不是标题。\n"
    headings = Document(text).headings
    assert [(h.level, h.numbering, h.text) for h in headings] == [
        (1, "一、", "总体要求"), (2, "（一）", "坚持全面覆盖"), (3, "1.", "抽查事项清单"), (4, "（1）", "随机抽取检查对象"), (0, "", "党建统领"),
    ]
    # In Markdown, `#` adds the unnumbered headings; a numbered one ranks by its
    # numbering, typed with `#` or not, as in every other format.
    md = Document("# 年度工作总结\n\n## 一、主要工作\n\n（一）门诊服务\n\n```\n# 不是标题\n```\n", reader="markdown").headings
    assert [(h.level, h.source, h.marked, h.text) for h in md] == [
        (1, "markup", True, "年度工作总结"), (1, "numbering", True, "主要工作"), (2, "numbering", False, "门诊服务"),
    ]


def test_clauses_and_list_items_are_not_headings():
    text = (
        "第十二条 有下列情形之一的，由市场监督管理部门责令改正：\n"
        "（一）未取得许可擅自从事经营活动的；\n"
        "（二）超出许可范围经营的；\n"
        "（三）法律、法规规定的其他情形。\n"
        "一、违反本办法第八条规定，未按期报送统计资料的，处1万元以上3万元以下罚款。\n"
        "二、总体要求\n"
        "（一）坚持稳中求进。全年地区生产总值增长5.2%。\n"
    )
    assert [(h.numbering, h.text) for h in Document(text).headings] == [("二、", "总体要求"), ("（一）", "坚持稳中求进")]


def test_suppression_comments():
    body = "构建新冠肺炎患者分级诊疗服务体系\n"
    dated = "---\ndate: 2023-02-10\n---\n"
    assert lint_text(dated + "<!-- reportlint-disable-next-line TM001 -->\n" + body, ["TM001"], reader="markdown") == []
    assert codes(lint_text(dated + "<!-- reportlint-disable-next-line TM002 -->\n" + body, ["TM001"], reader="markdown")) == ["TM001"]
    text = dated + "<!-- reportlint-disable TM -->\n" + body + "<!-- reportlint-enable TM -->\n" + body
    assert [v.line for v in lint_text(text, ["TM001"], reader="markdown")] == [7]
    assert lint_text(dated + "<!-- reportlint-disable -->\n" + body + body, ["TM001"], reader="markdown") == []
