"""Names in a document, extracted once per document: people named after a
title (党委副书记、院长张先祥) or before a speech verb (杨德清说), declared
abbreviations (以下简称“X”), and mentions of the fact sheet's organisations.

Person names are found without jieba's `nr` tag, which is unreliable (耿直,
今天下午 come out as names): a name is 2–3 characters (3–4 with a compound
surname) starting with a common surname, and it must end where a title+name
or name+verb construction ends (punctuation, 说, 表示, 主持 …), or stand as a
speaker label at the start of a line (任少贤：…). When both a
two- and a three-character reading fit, the fact sheet's name wins, else the
two-character one when what follows is a word of its own (宋平|将对此, 邵文|受到),
else the name is skipped. Two-character names aligned with spaces (段 睿,
李　强) are read without the spaces. A name before its title (张先祥院长) is
read only for people in the fact sheet.
"""

import datetime
import functools
import re
from dataclasses import dataclass
from typing import Dict, List, Optional, Tuple

from linter import knowledge, patterns
from linter.text_units import HAN, clause_before

# Titles, exclusive titles and surnames are data (linter/data/knowledge.yaml).


@knowledge.derived
def titles():
    """Posts and titles that stand right before a name, longest first (党委副书记 before 副书记)."""
    return sorted(knowledge.get("names", "titles"), key=len, reverse=True)


@knowledge.derived
def exclusive_titles():
    """Posts one person does not hold together (besides X and 副X): when a document
    names the same person with both, and never with both in one title, one is wrong."""
    return [set(pair) for pair in knowledge.get("names", "exclusive-titles")]


@knowledge.derived
def surnames():
    return set(knowledge.get("names", "surnames"))


@knowledge.derived
def compound_surnames():
    return tuple(knowledge.get("names", "compound-surnames"))


# What may follow a name in a title+name or name+verb position.
FOLLOWERS = sorted(
    """
    说 表示 指出 强调 介绍 认为 坦言 告诉 透露 主持 出席 讲话 致辞 作 做 带队 率队 率 一行 同志 等 在 为 对 向 与 和 及 同
    就 到 来 赴 走进 深入 参加 陪同 被 荣获 获得 获 宣布 提出 要求 希望 寄语 代表 发表 回顾 分析 带领 亲自 先后 也 还
    则 首先 最后 详细 充分 结合 围绕 从 以 所作 讲授 主讲 解读 总结 部署 宣读 颁发 颁奖 调研 视察 检查 看望 慰问 一同 分别
    将 曾 已 受到 主动 共同 签署 莅临 听取 现场 专程
    """.split(),
    key=len,
    reverse=True,
)
# Followers that are seldom the last character of a name: when a two- and a
# three-character reading both fit (宋平将对此作…), the two-character one wins.
_FUNCTION_FOLLOWERS = set("将在对向与及就到被从以也还则等率曾已")
SPEECH_VERBS = ("说", "表示", "指出", "强调", "介绍", "认为", "坦言")

_SPACE_CHARS = " \u3000\u00a0"
_SPACE = f"[{_SPACE_CHARS}]"
_PUNCT_END = set("，。、；：！？,.;:!?）)”\"’》」』…—\n")
# Characters that do not occur in a name but often follow a surname-like
# character in ordinary text (高兴地说, 王主任说, 他们说).
_NOT_IN_NAME = set("的地得了们着是这那也都还就很不没在有又再说讲")
_ADDRESS_TERMS = ("主任", "院长", "书记", "老师", "医生", "护士", "教授", "大夫", "师傅", "先生", "女士", "同志", "阿姨", "大爷", "奶奶", "爷爷", "部长", "局长")

# Words that start with a surname-like character and often stand before 说/指出.
_COMMON_WORDS = {"应该", "应当", "明确", "同时", "特别", "必须", "需要", "常常", "连续", "有关", "马克思"}
# A title chain (党委副书记、院长) right before a name, the name possibly aligned with spaces.


@knowledge.derived
def _title_patterns():
    """(the titles as an alternation, a chain of titles before a name, the words that make no name)."""
    alternation = "|".join(titles())
    chain = patterns.compile(rf"((?:{alternation})(?:[、{_SPACE[1:-1]}]*(?:{alternation}))*){_SPACE}*")
    return alternation, chain, tuple(titles()) + ("主席", "总理", "总书记", "领导")


@functools.lru_cache(maxsize=None)
def _speech():
    """(a name of two to four characters right before a speech verb, the same after the
    mark that begins its clause). (These and _spaced_name are compiled at first use:
    their Chinese-character classes take 4 ms, and TY010 imports this module mostly to
    ask `may_hold_a_person`.)"""
    name = rf"({HAN}{{2,4}})(?:{'|'.join(SPEECH_VERBS)})"
    return patterns.compile(name), patterns.compile(r"[，。；：！？“”\n,;:!?]" + name)


def _speeches(text: str):
    """The matches of a name before a speech verb at the start of a clause (the text's
    start or after a mark), in text order and not overlapping, group 1 the name. The
    mark is matched, not looked behind for: the search then skips to the next mark
    (a look-behind first is tried at every offset). A match ends in a verb, never at
    a mark, so the next may begin at its end as before."""
    at_start, after_mark = _speech()
    first = at_start.match(text)
    if first:
        yield first
    yield from after_mark.finditer(text, first.end() if first else 0)


# Characters that end a phrase before a name or an organisation (与三峡医院,
# 在三峡医院), unlike 院 in 国务院自由贸易试验区.
PHRASE_END_CHARS = set("与和及同在由对向是为将把被经从到于了让使据该此其以、")
# Words before a title that make it a past one.
_PAST = patterns.compile(r"原|时任|曾任|前任|首任|历任|老(?=院长|书记|主任)|退休")


@functools.lru_cache(maxsize=None)
def _speaker_label():
    """A name of two to three characters (four with a compound surname) opening a line, then a colon: 任少贤：…"""
    return patterns.compile(rf"^({HAN}{{2,4}})[：:]", re.M)


# Line labels that read like a surname and a word (解读：, 关键词：) or a saying (古人云：, 常言道：).
_LABEL_WORDS = {"解读", "关键词", "单位", "成员", "要点", "简介", "导语", "提示", "备注"}
_SAYING_ENDS = set("云道称曰问答")


@functools.lru_cache(maxsize=None)
def _spaced_name():
    """A two-character name aligned with spaces (李　强)."""
    return patterns.compile(rf"({HAN}){_SPACE}+({HAN})(?!{HAN})")


@dataclass(frozen=True)
class PersonMention:
    """A person named in a title or speech position."""

    name: str  # without alignment spaces
    start: int  # span of the name in doc.text (spaces included)
    end: int
    titles: Tuple[str, ...]  # the titles right before the name, in order; empty before a speech verb
    title_start: int
    past: bool = False  # the titles are past ones: 原院长, 时任副院长, 原三峡医院院长
    title_after: bool = False  # name before its title (张先祥院长); found only for registered names


@dataclass(frozen=True)
class Abbreviation:
    """A short form declared with （以下简称“X”） or （简称：X）."""

    short: str  # without quotes or book-title marks
    book_title: bool  # declared as 《X》
    full: Optional[str]  # the full name it abbreviates, when it can be told
    start: int  # span of the parenthesised declaration
    end: int
    for_below: bool = False  # declared for the text below: 以下简称, 下称 (not a plain 简称)


def person_mentions(doc) -> List[PersonMention]:
    registered = doc.factsheet.person_names() if doc.factsheet else {}
    return doc.memo("names.people", lambda: _find_people(doc.text, registered))


def may_hold_a_person(doc, start: int, end: int) -> bool:
    """Whether one of `person_mentions` could hold text[start:end], judged from the
    text right around it, without reading the document's people: a title (and
    alignment spaces) right before a name of at most four characters holding it,
    or a speech verb right after one, or a colon after one opening a line (a speaker
    label); or people the fact sheet registers, whose
    names may stand anywhere before a title. False means surely not."""
    if doc.factsheet is not None and doc.factsheet.person_names():
        return True
    text, leads = doc.text, tuple(titles())
    for name_start in range(max(0, end - 4), start + 1):
        before = name_start
        while before > 0 and text[before - 1] in _SPACE_CHARS:
            before -= 1
        if text.endswith(leads, 0, before):
            return True
    if any(text.startswith(SPEECH_VERBS, name_end) for name_end in range(end, start + 5)):
        return True
    line_start = text.rfind("\n", 0, start) + 1
    return any(text.startswith(("：", ":"), name_end) for name_end in range(end, line_start + 5))


def abbreviations(doc) -> List[Abbreviation]:
    return doc.memo("names.abbreviations", lambda: _find_abbreviations(doc.text))


def _find_people(text: str, registered: Dict[str, dict]) -> List[PersonMention]:
    mentions = []
    title_re, title_chain, _ = _title_patterns()
    for match in title_chain.finditer(text):
        found = _read_name(text, match.end(), registered)
        if found:
            name, end = found
            titles = tuple(re.findall(title_re, re.sub(rf"{_SPACE}", "", match.group(1))))
            past = bool(_PAST.search(clause_before(text, match.start())))
            mentions.append(PersonMention(name, match.end(), end, titles, match.start(), past))
    taken = {m.start for m in mentions}
    for match in _speeches(text):
        start = match.start(1)
        if start in taken:
            continue
        candidate = match.group(1)
        if _plausible_name(candidate) and (len(candidate) <= 3 or candidate[:2] in compound_surnames()):
            mentions.append(PersonMention(candidate, start, match.end(1), (), start))
    taken = {m.start for m in mentions}
    for match in _speaker_label().finditer(text):
        candidate, start = match.group(1), match.start(1)
        if start in taken or candidate in _LABEL_WORDS or candidate[-1] in _SAYING_ENDS:
            continue
        if _plausible_name(candidate) and (len(candidate) <= 3 or candidate[:2] in compound_surnames()):
            mentions.append(PersonMention(candidate, start, match.end(1), (), start))
    taken = {m.start for m in mentions}
    mentions += [m for m in _names_before_titles(text, registered) if m.start not in taken]
    return sorted(mentions, key=lambda m: m.start)


def _names_before_titles(text: str, registered: Dict[str, dict]) -> List[PersonMention]:
    """张先祥院长表示: a registered name, or one a character away with the same
    surname, right before a title. Only for registered people: without one, a
    surname-like character before a title is too often a word (常务副院长)."""
    mentions = []
    for name in registered:
        pattern = re.compile(rf"{re.escape(name[0])}{HAN}{{{len(name) - 1}}}({_title_patterns()[0]})")
        for match in pattern.finditer(text):
            candidate = text[match.start():match.start(1)]
            if sum(a != b for a, b in zip(candidate, name)) > 1 or not _plausible_name(candidate):
                continue
            before = text[match.start() - 1:match.start()] if match.start() else ""
            if re.match(HAN, before) and before not in PHRASE_END_CHARS:
                continue
            if not _ends_name(text, match.end()):
                continue
            past = bool(_PAST.search(clause_before(text, match.start())))
            mentions.append(PersonMention(candidate, match.start(), match.start(1), (match.group(1),), match.start(), past, True))
    return mentions


def _read_name(text: str, start: int, registered) -> Optional[Tuple[str, int]]:
    """The name starting at `start` and where it ends, if exactly one reading fits."""
    spaced = _spaced_name().match(text, start)
    if spaced and _plausible_name(spaced.group(1) + spaced.group(2)) and _ends_name(text, spaced.end()):
        return spaced.group(1) + spaced.group(2), spaced.end()
    surname = 2 if text[start:start + 2] in compound_surnames() else 1
    readings = []
    for length in (surname + 1, surname + 2):
        name = text[start:start + length]
        if len(name) == length and re.fullmatch(rf"{HAN}+", name) and _plausible_name(name) and _ends_name(text, start + length):
            readings.append(name)
    known = max((n for n in registered if text.startswith(n, start)), key=len, default=None)
    if known and (not readings or known in readings):
        return known, start + len(known)
    if len(readings) > 1:
        after_short = text[start + len(readings[0]):]
        if after_short[:1] in _FUNCTION_FOLLOWERS or any(after_short.startswith(w) for w in FOLLOWERS if len(w) > 1):
            readings = readings[:1]
    if len(readings) != 1:
        return None
    return readings[0], start + len(readings[0])


def _plausible_name(name: str) -> bool:
    surname = 2 if name[:2] in compound_surnames() else 1
    if len(name) <= surname or (surname == 1 and name[0] not in surnames()):
        return False
    if any(ch in _NOT_IN_NAME for ch in name[surname:]) or name[surname] == name[surname - 1]:
        return False  # 高兴地, 常常
    return not any(term in name for term in _ADDRESS_TERMS + _title_patterns()[2]) and name not in _COMMON_WORDS


def _ends_name(text: str, end: int) -> bool:
    if end >= len(text) or text[end] in _PUNCT_END or text[end] in " \u3000\t":
        return True
    return any(text.startswith(word, end) for word in FOLLOWERS)


# -- abbreviations -----------------------------------------------------------

_DECLARATION = patterns.compile(
    r"[（(](?P<keyword>(?:以下|下文|下)?简称为?|以下称|下称)[:：]?[ \u3000]*"
    r"(?:“([^“”（）()]{1,20})”|\"([^\"（）()]{1,20})\"|《([^《》（）()]{1,30})》|([^“”\"《》（）()，,、：:；;。\s]{2,20}))"
    r"(?:[，,]下同)?[）)]"
)
# Quote marks written inside the declared form (以下简称‘ABC’) are not part of it.
_INNER_QUOTES = "‘’'「」『』"
_CLAUSE_BREAK = set("，。；：！？、“”\n,;:!?…")
# Words after which the full name begins (成立…领导小组, 划转成为…医院, 对…公司).
_LEAD_INS = sorted(
    "的 对 将 把 向 由 经 通过 组成 组建 成立 建立 设立 成为 更名为 纳入 制订了 制定了 制订 制定 印发 签署 同意 依托 会同 联合 委托 实施 开展 启动 召开 举办 举行 决定 建设 申办 推进 加快 支持 鼓励".split(),
    key=len,
    reverse=True,
)


def _find_abbreviations(text: str) -> List[Abbreviation]:
    found = []
    for match in _DECLARATION.finditer(text):
        keyword, quoted, straight, book, bare = match.groups()
        short = (quoted or straight or book or bare).strip(_INNER_QUOTES)
        if not short:
            continue
        for_below = keyword.startswith(("以下", "下文", "下"))
        found.append(Abbreviation(short, book is not None, _full_name(text, match.start(), short), match.start(), match.end(), for_below))
    return found


def _full_name(text: str, end: int, short: str) -> Optional[str]:
    """The name right before a declaration, when the short form can be read from it
    (its characters appear in it in order)."""
    start = end
    # A dash pair (——) ends a clause; a single dash is a range (2018—2035年).
    while start > 0 and text[start - 1] not in _CLAUSE_BREAK and text[start - 2:start] != "——" and end - start < 60:
        start -= 1
    clause = text[start:end]
    if clause.endswith("》") and "《" in clause:
        offset = clause.rindex("《")
        while clause[offset:].count("《") != clause[offset:].count("》") and "《" in clause[:offset]:
            offset = clause[:offset].rindex("《")
        clause = clause[offset:]
    else:
        cut = 0
        for word in _LEAD_INS:
            at = clause.rfind(word)
            if at >= 0 and _is_subsequence(short, clause[at + len(word):]):
                cut = max(cut, at + len(word))
        clause = clause[cut:]
    bare = clause.strip("《》")
    if len(bare) <= len(short) or not _is_subsequence(short, bare):
        return None
    return clause


def _is_subsequence(short: str, full: str) -> bool:
    chars = iter(full)
    return all(ch in chars for ch in short)


# -- organisations -------------------------------------------------------------


@dataclass(frozen=True)
class OrganisationMention:
    name: str
    kind: str  # "name", "short", "former" (a registered name) or "unregistered" (a short form the fact sheet does not list)
    organisation: str  # the organisation's registered full name
    start: int
    end: int
    last_current: Optional[datetime.date] = None  # for a former name: the last day it was current


def organisation_mentions(doc) -> List[OrganisationMention]:
    if not doc.factsheet or not doc.factsheet.organisations:
        return []
    return doc.memo("names.organisations", lambda: _find_organisations(doc.text, doc.factsheet))


def _find_organisations(text: str, factsheet) -> List[OrganisationMention]:
    names = factsheet.organisation_names()
    mentions, covered = [], set()
    # Longest names first, so 重庆大学附属三峡医院 is one mention, not also 三峡医院.
    for org, name, kind, last in sorted(names, key=lambda n: len(n[1]), reverse=True):
        for match in re.finditer(re.escape(name), text):
            if covered.isdisjoint(range(match.start(), match.end())):
                mentions.append(OrganisationMention(name, kind, org["name"], match.start(), match.end(), last))
                covered.update(range(match.start(), match.end()))
    mentions += _unregistered_short_names(text, factsheet)
    return sorted(mentions, key=lambda m: m.start)


def _unregistered_short_names(text: str, factsheet) -> List[OrganisationMention]:
    """Home-made short forms of a registered organisation: a registered short name
    with characters of the full name put back (重庆三峡医院, 重大附属三峡医院),
    which is neither the full name nor any registered name nor part of one."""
    found = []
    registered = {name for _, name, _, _ in factsheet.organisation_names()}
    for org in factsheet.organisations:
        full = org["name"]
        for short in org.get("short_names", []):
            for match in re.finditer(re.escape(short), text):
                start = match.start()
                # Extend backwards while the text is still an in-order selection of the full name.
                while start > 0 and re.match(HAN, text[start - 1]) and _is_subsequence(text[start - 1:match.end()], full):
                    start -= 1
                candidate = text[start:match.end()]
                # One character put back (大三峡医院) is too little to tell a name from a phrase.
                if len(candidate) < len(short) + 2 or candidate in full or any(candidate in name for name in registered):
                    continue
                found.append(OrganisationMention(candidate, "unregistered", full, start, match.end()))
    return found
