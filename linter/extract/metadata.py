"""Metadata read from a document's own text: its type and its publication
date, each with where it was found (`--show-metadata` prints it).

Type: a printed 准印证号 makes an internal newsletter; a 发文字号 followed by
a 主送机关 line, a 公文; a title naming a 工作报告 or 工作总结, a work report.

Date, in this order (front matter and the config's `date` come before all of
these, in linter/document.py):
1. a 公文's 成文日期: the date under the issuing organ at the end; a labelled
   成文日期： in any document;
2. a dateline under the title: ——2017年3月5日在…会议上, （2024年1月18日）;
3. an article stamp: 日期：2016-05-12, 发布时间：2018/09/03 08:15;
4. a newsletter masthead: the first full date standing on its own line (or
   beside an issue number or weekday).
A dateline or stamp is metadata, not content: its span is kept (`Found.span`)
so the date rules do not check it as a date the document tells.
"""

import datetime
import re
from dataclasses import dataclass
from typing import Callable, List, Optional, Tuple

from linter import knowledge, patterns
from linter.text_units import SENTENCE_END
from linter.patterns import lazy

NEWSLETTER, GOV_DOCUMENT, WORK_REPORT = "newsletter", "gov-document", "work-report"



def document_types() -> dict:
    """Front matter `type:` in Chinese: the document type (and pack) each name means."""
    return knowledge.get("document-types", "names")


def packs_without_config() -> list:
    """Types read from the text whose pack runs without configuration (knowledge.yaml says why)."""
    return knowledge.get("document-types", "packs-without-config")


@knowledge.derived
def _report_title():
    return patterns.compile("|".join(re.escape(word) for word in knowledge.get("document-types", "report-titles")))

# How far from the top a title, dateline, stamp or 发文字号 may stand (non-blank lines).
_HEAD_LINES = 15
_STAMP_LINES = 30
# The signature block: the last non-blank lines (after dropping 附注 and 版记 lines).
_TAIL_LINES = 8
_MASTHEAD_WIDTH = 40  # characters: a date with its issue number or weekday
_TITLE_WIDTH = 40  # characters: a title or an issuing organ's name is a short line, a sentence is not


@dataclass(frozen=True)
class Found:
    value: object  # a datetime.date or a document type
    source: str  # what it was read from, e.g. "dateline, line 5"
    span: Optional[Tuple[int, int]] = None  # a dateline or stamp: metadata, not content


# -- the document type ------------------------------------------------------------



@knowledge.derived
def _newsletter_mark():
    """What makes a text an internal newsletter (a printed 准印证号), from knowledge.yaml."""
    return patterns.compile(knowledge.get("document-types", "newsletter-mark"))
# 国发〔2019〕5号, also with the wrong brackets the gov-document pack reports.
_DOC_NUMBER = lazy(r"^[ \t　]*(?:发文字号[ \t　]*[:：][ \t　]*)?[\u4e00-\u9fff]{1,12}[〔\[［(（]\d{4}[〕\]］)）]第?\d{1,4}号[ \t　]*$")
# 各省、自治区、直辖市人民政府，国务院各部委、各直属机构：  /  国家发展改革委：
_ADDRESSEE = lazy(r"^[ \t　]*[\u4e00-\u9fff][\u4e00-\u9fff、，,（）()　 ]{1,300}[:：][ \t　]*$")
_NOT_ADDRESSEE = lazy(r"^[ \t　]*(?:附件|附|注|说明|主题词|抄送|发文机关|成文日期|标[ \t　]*题|索[ \t　]*引[ \t　]*号|主题分类|发文字号|发布日期)")
# 关于…的通知（银发〔2024〕17号）: the number in brackets at the end of the title.
_TITLE_NUMBER = lazy(r"[（(][\u4e00-\u9fff]{1,12}[〔\[［]\d{4}[〕\]］]第?\d{1,4}号[）)][ \t　]*$")
_SENTENCE_MARK = lazy("[" + re.escape(SENTENCE_END) + "]")


def document_type(doc) -> Optional[Found]:
    """The document type the text shows, or None."""
    permit = _newsletter_mark().search(doc.text)
    if permit:
        # A printed 准印证号 makes it an internal publication (内部资料性出版物管理办法):
        # the newsletter pack applies without any configuration.
        return Found(NEWSLETTER, f"准印证号, line {doc.position(permit.start())[0]}")
    head = _head(doc, _HEAD_LINES + 10)
    for index, (number, _, line) in enumerate(head):
        if _DOC_NUMBER.match(line):
            if any(_ADDRESSEE.match(text) and not _NOT_ADDRESSEE.match(text) for _, _, text in head[index + 1:index + 8]):
                return Found(GOV_DOCUMENT, f"发文字号 and 主送机关, line {number}")
            # A 公告 or a 通知 sent to all has no 主送机关: its organ and 成文日期 close it.
            if _signature_date(doc):
                return Found(GOV_DOCUMENT, f"发文字号 and 成文日期, line {number}")
        titled = _TITLE_NUMBER.search(line)
        if titled and len(line.strip()) <= 2 * _TITLE_WIDTH and _signature_date(doc):
            return Found(GOV_DOCUMENT, f"发文字号 in the title and 成文日期, line {number}")
    for number, _, line in _head(doc, 3):
        if _report_title().search(line) and len(line.strip()) <= _TITLE_WIDTH and not _SENTENCE_MARK.search(line):
            return Found(WORK_REPORT, f"title, line {number}")
    return None


@knowledge.derived
def _normative_title():
    words = "|".join(re.escape(word) for word in sorted(knowledge.get("document-types", "normative-titles"), key=len, reverse=True))
    return patterns.compile(rf"(?:{words})(?:[（(][^（()）]{{0,12}}[）)])?[ \t　]*$")


def normative(doc) -> Optional[Found]:
    """The normative type (规定, 办法, 条例 …) the title names, or None: in such a
    document a figure is a rule for a case, not a fact about the world."""
    for number, _, line in _head(doc, 3):
        title = line.strip().lstrip("#").strip()
        # A label line (主题分类：…\\司法) is no title; 方法, 做法, 司法 are no law.
        if len(title) <= 2 * _TITLE_WIDTH and not _SENTENCE_MARK.search(title) and not re.search("[:：]", title):
            word = _normative_title().search(title)
            if word and word.start() > 0 and not (word.group().startswith("法") and title[word.start() - 1] in "方做司想看说手用"):
                return Found(re.sub(r"[（(].*", "", word.group()).strip(), f"title, line {number}")
    return None


# -- the publication date -----------------------------------------------------------

_DASHES = r"[—–\-－―~～]{1,6}"
# 在第十二届全国人民代表大会第五次会议上: a place or an occasion, no sentence.
_DATELINE_PLACE = r"(?:在|于)[^\n，。；！？,;]{2,60}"
_LABELLED_WRITTEN = lazy(r"^[ \t　]*成文日期[ \t　]*[:：][ \t　]*")
_STAMP_LABEL = lazy(r"(?:^|[ \t　])(发布|发表|发稿|更新|刊发|上传|编辑)?(日期|时间)[ \t　]*[:：][ \t　]*")
_TIME_OF_DAY = lazy(r"[ \t　T]*\d{1,2}[:：]\d{2}(?:[:：]\d{2})?")
_SLASHED = lazy(r"(?<!\d)((?:19|20)\d\d)/(\d{1,2})/(\d{1,2})(?!\d)")
_ENDING_LINES = lazy(r"^[ \t　]*(?:[（(]此件|抄送|印发|主题词|附件|[（(]联系人|[（(]信息公开)")
_MASTHEAD_TAIL = lazy(
    r"[ \t　]*(?:[(（]?[ \t　]*(?:总[ \t　]*)?第[ \t　]*\d+[ \t　]*期[ \t　]*[)）]?[ \t　]*"
    r"|[(（]?(?:星期|周)[一二三四五六日天][)）]?[ \t　]*)*$"
)
_DATE_LABEL = lazy(r"(?:成文日期|发布日期|印发日期|出版日期|印刷日期|日期)[ \t　]*[:：][ \t　]*$")


def publication_date(doc, doc_type: Optional[str]) -> Optional[Found]:
    """The publication date the text shows, or None."""
    # A labelled 成文日期 before any stamp: a catalogue's 发布日期 may be a republication years later.
    finders: List[Callable] = [_labelled_written_date, _dateline, _stamp, _masthead]
    if doc_type == GOV_DOCUMENT:
        finders.insert(0, _signature_date)
    for finder in finders:
        found = finder(doc)
        if found is not None:
            return found
    return None


def _signature_date(doc) -> Optional[Found]:
    """The date standing alone under the issuing organ in the last lines of a 公文."""
    tail = _last_nonblank(doc, _TAIL_LINES, lambda line: not _ENDING_LINES.match(line))
    for index in range(len(tail) - 1, 0, -1):
        number, start, line = tail[index]
        date = _sole_date(line)
        organ = tail[index - 1][2].strip()
        if date and organ and len(organ) <= _TITLE_WIDTH and not _SENTENCE_MARK.search(organ) and not _full_dates(organ):
            return Found(date, f"成文日期, line {number}")
    return None


def _labelled_written_date(doc) -> Optional[Found]:
    for number, _, line in _head(doc, _HEAD_LINES):
        label = _LABELLED_WRITTEN.match(line)
        date = label and _sole_date(line[label.end():])
        if date:
            return Found(date, f"成文日期, line {number}")
    return None


def _dateline(doc) -> Optional[Found]:
    """——2017年3月5日在第十二届全国人民代表大会第五次会议上, （2024年1月18日） under the title."""
    for number, start, line in _head(doc, _HEAD_LINES):
        text = line.strip()
        body = re.sub(rf"^{_DASHES}[ \t　]*", "", text)
        bracketed = re.fullmatch(r"[（(][ \t　]*(.+?)[ \t　]*[）)]", body)
        if bracketed:
            body = bracketed.group(1)
        elif body == text and not re.search(_DATELINE_PLACE + "[上中]$", body):
            continue  # neither a dash, brackets, nor 在…会议上 after the date: a sentence
        mentions = _full_dates(body)
        if not mentions or mentions[0].start != 0 or mentions[0].date is None:
            continue
        rest = body[mentions[0].end:].strip()
        if not rest or re.fullmatch(_DATELINE_PLACE, rest):
            return Found(mentions[0].date, f"dateline, line {number}", (start, start + len(line)))
    return None


def _stamp(doc) -> Optional[Found]:
    """日期：2016-05-12, 发布时间：2018/09/03 08:15, 时间：2018年9月3日 (an article's stamp)."""
    # An article's footer (作者：… / 来源：… / 日期：… / 链接：…) dates it as its head does.
    head = _head(doc, _STAMP_LINES)
    tail = [row for row in _last_nonblank(doc, _TAIL_LINES) if row not in head]
    for number, start, line in head + tail:
        label = _STAMP_LABEL.search(line)
        if not label:
            continue
        value = _SLASHED.sub(r"\1-\2-\3", line[label.end():])
        mentions = _full_dates(value)
        if mentions and mentions[0].start == 0 and mentions[0].date is not None:
            after = value[mentions[0].end:]
            time = _TIME_OF_DAY.match(after)
            rest = after[time.end():] if time else after
            weekday = re.match(r"[ \t　]*[(（]?(?:星期|周)[一二三四五六日天][)）]?", rest)
            rest = rest[weekday.end():] if weekday else rest
            # A bare 时间： may be a meeting's (时间：2024年3月5日): only with a time of day or in numbers.
            if label.group(2) == "时间" and not label.group(1) and not time and not weekday and mentions[0].form != "numeric":
                continue
            # Another label may follow on the line (来源：, 作者：), a sentence may not.
            if not rest.strip() or re.match(r"[ \t　]+\S{1,8}[:：]", rest):
                return Found(mentions[0].date, f"stamp, line {number}", (start, start + len(line)))
    return None


def _masthead(doc) -> Optional[Found]:
    """The first full date standing on its own line (or beside an issue number,
    weekday or a label such as 出版日期：); 2024 年 / 2 月 29 日 may span two lines.
    Only short lines are read: a masthead line is one."""
    lines = doc.lines()
    for index, (number, start, line) in enumerate(lines):
        # The tests in C first: most lines are long, or have neither 年 nor -.
        if len(line) < 6 or ("年" not in line and "-" not in line) or not 6 <= len(line.strip()) <= _MASTHEAD_WIDTH:
            continue
        piece = line
        if line.rstrip().endswith("年") and index + 1 < len(lines):
            piece += "\n" + lines[index + 1][2]
        for mention in _full_dates(piece):
            if mention.date is None or mention.form == "numeric":
                continue
            before, after = piece[:mention.start], piece[mention.end:].split("\n")[0]
            if (not before.strip() or _DATE_LABEL.search(before)) and _MASTHEAD_TAIL.match(after):
                return Found(mention.date, f"masthead, line {number}")
    return None


# -- helpers ---------------------------------------------------------------------------


def _full_dates(text: str):
    """extract/dates.py's full dates, imported only when a date is read: the type
    (which chooses the packs) needs none, and a typography run never asks for the date."""
    from linter.extract.dates import full_dates

    return full_dates(text)


def _last_nonblank(doc, count: int, keep=None) -> List[Tuple[int, int, str]]:
    """The last `count` non-blank lines (those `keep` keeps) as (line number, start offset, text), in order."""
    found = []
    for row in reversed(doc.lines()):
        if row[2].strip() and (keep is None or keep(row[2])):
            found.append(row)
            if len(found) == count:
                break
    return found[::-1]


def _head(doc, count: int) -> List[Tuple[int, int, str]]:
    """The first `count` non-blank lines as (line number, start offset, text)."""
    found = []
    for row in doc.lines():
        if row[2].strip():
            found.append(row)
            if len(found) == count:
                break
    return found


def _sole_date(text: str) -> Optional[datetime.date]:
    """The date when a piece of text is one full date and nothing else."""
    mentions = _full_dates(text.strip())
    if len(mentions) == 1 and mentions[0].start == 0 and mentions[0].end == len(text.strip()):
        return mentions[0].date
    return None


def parse_iso_or_chinese_date(value: str) -> Optional[datetime.date]:
    """2024-02-29, 2024-02-29T10:00:00+08:00 or 2024年2月29日 as a date; None when it
    is none of these or does not exist."""
    match = patterns.compile(r"\s*(\d{4})\s*(?:-|年)\s*(\d{1,2})\s*(?:-|月)\s*(\d{1,2})\s*日?(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?\s*").fullmatch(value)
    if not match:
        return None
    try:
        return datetime.date(*(int(g) for g in match.groups()))
    except ValueError:
        return None
