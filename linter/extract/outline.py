"""A document's outline, read once per document and shared by every rule:
its headings (`headings(doc)`), the section tree with the period each
section speaks of, its sentences and the modality of each (`outline(doc)`).

Headings come, in every format, from Chinese numbering at the start of a
line (第一章, 一、 （一） 1. （1）) and from short lines standing alone between
blank lines (level 0, unnumbered); the format's markup (Markdown `#`, Word
heading styles) adds the unnumbered ones. Numbered lead-ins such as 一是… are
topics of a paragraph, and numbered clauses and list items (（一）…的；) are
items, not headings.

Sections nest by heading rank (第一篇 > 第一章 > 第一节 > 一、 > （一） > 1. >
（1）); a layout heading opens a section of its own only in a document without
numbered or marked-up headings, and is otherwise a leaf under the section it
stands in. A section's period is the one its heading states (2025年, 2021—2025年,
“十四五”, 过去五年, 今年), else its nearest ancestor's; its stance (a review of
results or a plan) likewise.

The modality of a place in a sentence is what the words before it in that
sentence make of a figure there: a target (力争, 预期, 目标 … and, in a plan
section, everything not said to be done), a result achieved (in a review
section), past narrative (以往, 过去, 当时), a condition (如果, 凡), a rule
(normative: anywhere in a document whose title names a 条例, 办法, 规定 … or
whose text is cut into 第X条 articles, and in a sentence that says 应当, 不得,
处…罚款, …以上…以下, 自…之日起…内), or a plain statement. Figures of different
modalities are never compared, and rules not even with each other: two
penalties, deadlines or weights differ because their cases do.
"""

import bisect
import re
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Tuple

from linter import knowledge, patterns
from linter.extract import finditer_around, finditer_from_anchors, offsets_of
from linter.text_units import FULL_STOP, Sentences

MARKUP, NUMBERING, CHAPTER, LAYOUT = "markup", "numbering", "chapter", "layout"

REVIEW, PLAN = "review", "plan"
ACHIEVED, TARGET, PAST, CONDITION, STATED = "achieved", "target", "past", "condition", "stated"
NORMATIVE = "normative"


@dataclass(frozen=True)
class Heading:
    line: int
    level: int  # 1 一、  2 （一）  3 1.  4 （1）; markup: its level (# count, Heading N); chapter: -3 篇/编 -2 章 -1 节; 0 an unnumbered short line
    numbering: str
    text: str
    source: str = NUMBERING  # MARKUP, NUMBERING, CHAPTER or LAYOUT: what made it a heading
    marked: bool = False  # marked up as a heading (`#`, a Word heading style), numbered or not


@dataclass(frozen=True)
class Period:
    """The years a section or a sentence speaks of (inclusive), when known, and the words that said so."""

    first: Optional[int]
    last: Optional[int]
    text: str

    @property
    def label(self) -> str:
        if self.first is None:
            return self.text
        return f"{self.first}年" if self.first == self.last else f"{self.first}—{self.last}年"


@dataclass(eq=False)
class Section:
    heading: Optional[Heading]  # None for the document itself
    start: int  # offset of the heading's line
    end: int
    parent: Optional["Section"] = None
    own_period: Optional[Period] = None
    own_stance: str = ""  # REVIEW, PLAN or "" as its heading says
    children: List["Section"] = field(default_factory=list)

    @property
    def depth(self) -> int:
        return 0 if self.parent is None else self.parent.depth + 1

    @property
    def period(self) -> Optional[Period]:
        """Its heading's period, else the nearest ancestor's."""
        section = self
        while section is not None:
            if section.own_period is not None:
                return section.own_period
            section = section.parent
        return None

    @property
    def stance(self) -> str:
        section = self
        while section is not None:
            if section.own_stance:
                return section.own_stance
            section = section.parent
        return ""

    @property
    def top(self) -> "Section":
        """The top-level section it belongs to (the document for text before any heading)."""
        section = self
        while section.parent is not None and section.parent.parent is not None:
            section = section.parent
        return section

    @property
    def label(self) -> str:
        return (self.heading.numbering + self.heading.text[:16]) if self.heading else ""


class Outline:
    def __init__(self, doc):
        self.doc = doc
        self.year = doc.metadata.date.year if doc.metadata.date else None
        self.root = Section(None, 0, len(doc.text))
        self.sections: List[Section] = []  # in text order, without the root
        self.sentences = Sentences(doc.text)  # split at 。；！？ and line breaks
        self.full_sentences = Sentences(doc.text, FULL_STOP, self.sentences)  # split at 。！？ and line breaks only
        self._build(doc)
        self._starts = [s.start for s in self.sections]
        self._modalities: Dict[int, tuple] = {}  # sentence start -> _sentence_modalities
        self._past_years: Optional[List[int]] = None  # where 去年, 过去一年 … stand
        self.normative = _normative_document(doc)  # why the whole text is a rule text ("条例, title, line 1"), or ""

    def section_at(self, offset: int) -> Section:
        """The deepest section an offset lies in."""
        index = bisect.bisect_right(self._starts, offset) - 1
        return self.sections[index] if index >= 0 else self.root

    def modality_at(self, offset: int, sentence: Optional[int] = None) -> str:
        """ACHIEVED, TARGET, PAST, CONDITION, NORMATIVE or STATED: what the words of the
        sentence before `offset` make of a figure there (`sentence`: where that sentence
        begins, split at 。！？ and line breaks, when the caller has it)."""
        if self.normative:
            return NORMATIVE
        start = self.full_sentences.start(offset) if sentence is None else sentence
        # Read once per sentence, not once per figure in it (a line without sentence ends is one sentence).
        modalities = self._modalities.get(start)
        if modalities is None:
            modalities = self._modalities[start] = self._sentence_modalities(start, self.full_sentences.end(offset))
        positions, after_cue, without_cue = modalities
        before = bisect.bisect_left(positions, offset) if positions else 0  # the last cue before the offset says
        return after_cue[before - 1] if before else without_cue

    def _sentence_modalities(self, start: int, end: int) -> tuple:
        """(offsets of the cues of a sentence, the modality after each, the modality before any)."""
        if _NORMATIVE.search(self.doc.text, start, end):
            return [], [], NORMATIVE
        cues = _cues(self.doc.text, start, end)
        # Without a cue, what the sentence's context says, and its section's stance
        # (a section begins at a line's start: one per sentence).
        context = self._lead_in(start) or self._earlier_in_paragraph(start)
        stance = self.section_at(start).stance
        return [p for p, _ in cues], [_decided(kind, stance) for _, kind in cues], _decided(context, stance)

    def _earlier_in_paragraph(self, start: int) -> str:
        """ACHIEVED when an earlier sentence of the paragraph speaks of the past
        year (过去一年，我们…。国内生产总值增长10.3%): a result, even in a plan section."""
        if self._past_years is None:
            self._past_years = [m.start() for m in _PAST_YEAR.finditer(self.doc.text)]
        index = bisect.bisect_left(self._past_years, start) - 1
        line_start = self.doc.line_span(self.doc.position(start)[0])[0]
        return ACHIEVED if index >= 0 and self._past_years[index] >= line_start else ""

    def _lead_in(self, start: int) -> str:
        """The modality a line ending in a colon gives the line after it
        (主要预期目标是：\n国内生产总值增长8%左右；…)."""
        line, column = self.doc.position(start)
        if column != 1:
            return ""
        for previous in range(line - 1, max(0, line - 4), -1):
            first, last = self.doc.line_span(previous)
            words = self.doc.text[first:last].strip()
            if words:
                if words[-1] not in "：:":
                    return ""
                cues = _cues(self.doc.text, first, last)
                return cues[-1][1] if cues else ""
        return ""

    # -- building -----------------------------------------------------------

    def _build(self, doc) -> None:
        found = headings(doc)
        structured = any(h.source in (NUMBERING, CHAPTER) for h in found)
        stack = [(float("-inf"), self.root)]
        for heading in found:
            rank = _rank(heading, structured)
            start, end = doc.line_span(heading.line)
            # A section ends where the next heading of its rank or higher begins.
            while stack[-1][0] >= rank:
                stack.pop()[1].end = start
            parent = stack[-1][1]
            # In a document with numbered headings a layout line is a title or a
            # caption (2002年政府工作报告): it names no period of the text after it.
            period = None if heading.source in (LAYOUT, MARKUP) and structured else self._period(doc, start, end)
            section = Section(heading, start, len(doc.text), parent, period, _stance(heading.text))
            parent.children.append(section)
            self.sections.append(section)
            stack.append((rank, section))
        # A section about a later year than a review before it plans that year
        # (一、2010年工作回顾 … 三、2011年的工作).
        reviewed = None
        for section in self.root.children:
            period = section.own_period
            if section.own_stance == REVIEW and period and period.last is not None:
                reviewed = max(reviewed or period.last, period.last)
            elif not section.own_stance and period and period.first is not None and reviewed is not None and period.first > reviewed:
                section.own_stance = PLAN

    def _period(self, doc, start: int, end: int) -> Optional[Period]:
        from linter.extract.dates import dates

        return period_of(doc.text[start:end], dates(doc), start, end, self.year)


def outline(doc) -> Outline:
    """The outline of a document, computed once."""
    return doc.memo("outline", lambda: Outline(doc))


# -- periods ------------------------------------------------------------------------

_CN_ORDINALS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10, "两": 2, "几": None}
# “十四五” → 2021–2025.
# Each pattern that scans the whole text begins with a lookahead for the characters
# its matches can begin with: most positions fail at once instead of trying every
# alternative (a 20 MB line is 7.6 million positions).
_FIVE_YEAR_PLAN = patterns.compile(r"(?=[“十一二三四五六七八九])“?(十[一二三四五六七八九]?|[一二三四五六七八九])五”?(?:时期|期间|规划|计划|以来)")
# 过去五年, 过去一年, 这五年, 五年来 (not 这一年, which a section about one year opens with)
_PAST_YEARS = patterns.compile(r"(?=[过这一二三四五六七八九十两\d])(?:过去(?:的)?([一二三四五六七八九十两]|\d{1,2})年|这([二三四五六七八九十两]|\d{1,2})年"
                         r"|(?<![\d一二三四五六七八九十两第])([一二三四五六七八九十两]|\d{1,2})年来)")
# Parts of a year a sentence names without its year: 一季度, 前三季度, 1—10月, 截至11月底, 本周.
_MONTH = r"(?:1[0-2]|0?[1-9])"
_YEAR_PART = patterns.compile(
    r"(?=[第一二三四前0-9本上])(?:(?:第?[一二三四1-4]|前[二三两]|[一1][至到—\-－~～][二三2-3])季度"
    rf"|(?<![\d.]){_MONTH}[ \t]*(?:[—\-－~～至到][ \t]*{_MONTH}[ \t]*)?月(?:底|末|份|上旬|中旬|下旬)?(?![ \t]*\d{{1,2}}[日号])"
    r"|本周|上周|本季度|上季度)"
)


def period_of(text: str, date_facts, start: int, end: int, year: Optional[int]) -> Optional[Period]:
    """The period a heading (text[start:end] of the document) speaks of, from the dates in it."""
    for match in _FIVE_YEAR_PLAN.finditer(text):
        number = _count(match.group(1))
        if number:
            first = _plan_start(number)
            return Period(first, first + 4, match.group(0).strip("“”"))
    for found in date_facts.ranges:
        if start <= found.start and found.end <= end and len(found.first) == 1:
            return Period(found.first[0], found.last[0], found.text)
    for mention in date_facts.mentions:
        if start <= mention.start and mention.end <= end and mention.year is not None and mention.year_source == "explicit":
            return Period(mention.year, mention.year, mention.text.replace(" ", ""))
    match = _PAST_YEARS.search(text)
    if match:
        back = _count(next(group for group in match.groups() if group))
        if back:
            return Period(year - back, year - 1, match.group(0)) if year else Period(None, None, match.group(0))
    for relative in date_facts.relatives:
        if start <= relative.start and relative.end <= end and relative.text in ("今年", "本年", "去年", "上年", "明年"):
            return Period(relative.year, relative.year, relative.text) if relative.year else Period(None, None, relative.text)
    if "过去一年" in text:
        return Period(year - 1, year - 1, "过去一年") if year else Period(None, None, "过去一年")
    return None


def period_mentions(doc) -> List[Tuple[int, int, str]]:
    """(start, end, label) of the periods the text names that are no dates:
    “十二五”时期 (2011—2015年), 过去五年, 过去一年 (resolved against the
    publication year when it is known), and parts of a year named without it
    (一季度, 1—10月, 11月底, 本周)."""
    return doc.memo("period-mentions", lambda: _period_mentions(doc.text, doc.metadata.date.year if doc.metadata.date else None))


def _period_mentions(text: str, year: Optional[int]):
    found = []
    # Each plan's name holds 五, at most 7 characters long (“十四五”期间): searched for around each 五.
    for match in finditer_around(_FIVE_YEAR_PLAN, text, offsets_of(text, "五"), 7):
        number = _count(match.group(1))
        if number:
            first = _plan_start(number)
            found.append((match.start(), match.end(), Period(first, first + 4, match.group(0)).label))
    # 过去的12年, 这五年, 五年来: at most 6 characters, each holding 过去, 这 or 年来.
    for match in finditer_around(_PAST_YEARS, text, offsets_of(text, ("过去", "这", "年来")), 6):
        back = _count(next(group for group in match.groups() if group))
        if back:
            found.append((match.start(), match.end(), Period(year - back, year - 1, "").label if year else match.group(0)))
    # A part of a year holds 季 (一季度, 1至3季度), 月 (1—10月, 11月底) or 周 (本周); before
    # 月 only digits, spaces and dashes, before 季 at most 3 characters.
    for match in finditer_from_anchors(_YEAR_PART, text, offsets_of(text, "季月周"), lambda anchor: _year_part_start(text, anchor)):
        found.append((match.start(), match.end(), re.sub(r"[ \t]", "", re.sub(r"[\-－~～至到]", "—", match.group(0)))))
    return sorted(found)


def _year_part_start(text: str, anchor: int) -> int:
    """The lowest offset where a part of a year whose first 季, 月 or 周 is at `anchor` can begin."""
    start = anchor
    while start > 0 and text[start - 1] in _YEAR_PART_BEFORE_MONTH:
        start -= 1
    return min(start, anchor - 3)


_YEAR_PART_BEFORE_MONTH = frozenset("0123456789 \t—-－~～至到")


def _plan_start(number: int) -> int:
    """The first year of the N-th five-year plan (1963–1965 had none)."""
    return {1: 1953, 2: 1958}.get(number, 1966 + 5 * (number - 3))


def _count(word: str) -> Optional[int]:
    if word.isdigit():
        return int(word)
    if word.startswith("十"):
        return 10 + (_CN_ORDINALS.get(word[1:], 0) or 0)
    return _CN_ORDINALS.get(word)


# -- stance and modality ---------------------------------------------------------------

_REVIEW_HEADING = patterns.compile(r"回顾|总结|成绩|成效|进展情况|完成情况|执行情况|工作情况|取得的")
_PLAN_HEADING = patterns.compile(r"任务|重点工作|工作安排|工作计划|计划|目标|打算|思路|展望|总体要求|部署|安排|建议|规划")


def _decided(found: str, stance: str) -> str:
    """The modality of a figure after a cue (or context) `found` in a section of `stance`."""
    if found in (CONDITION, PAST, TARGET):
        return found
    if found == ACHIEVED:
        return ACHIEVED
    if stance == PLAN:
        return TARGET  # a plan section plans whatever it does not say is done
    return ACHIEVED if stance == REVIEW else STATED


def _stance(title: str) -> str:
    if _REVIEW_HEADING.search(title):
        return REVIEW
    if _PLAN_HEADING.search(title):
        return PLAN
    return ""


# Words that set the modality of what follows them in a sentence; a later cue
# overrides an earlier one (过去这类手术成功率不足50%，如今成功率达95%).
_MODALITY_CUES = [
    (CONDITION, r"(?:^|(?<=[，,：:。；;！!？?\n]))[ \t\u3000]*(?:如果|假如|倘若|如若|若|凡是|凡|一旦)"),
    (PAST, r"以往|过去(?!的?(?:[一二三四五六七八九十两几]|\d{1,2})年)|当时|曾经|昔日|原先"),
    (TARGET, r"力争|预期|预计|计划(?!生育|单列|经济)|目标|争取(?!到)|(?<![模虚草])拟(?!定|人)|力求|确保|到20\d\d年"),
    (ACHIEVED, r"如今|现在|目前|当前|现已|已经|已|完成了|实现了|取得了|达到了|去年|过去一年|过去的一年"),
]
_PAST_YEAR = patterns.compile(r"去年|过去一年|过去的一年")
# What makes a sentence a rule for a case, wherever it stands in the sentence.
_NORMATIVE = patterns.compile(
    r"应当|不得|必须|处[^。；\n]{0,30}(?:罚款|罚金|拘留|徒刑)|之日起[^。；\n]{0,20}内|以上[^。；\n，]{0,12}以下"
    r"|不超过|不少于|不低于|不高于|不足[^。；\n，]{0,12}的|超过[^。；\n，]{0,16}的[，,]"
)
_ARTICLE = patterns.compile(r"^[ \t\u3000#]*第[一二三四五六七八九十百零〇]+条", re.M)
_ARTICLES = 3  # a text with this many 第X条 articles is normative


def _normative_document(doc) -> str:
    from linter.extract.metadata import normative

    found = normative(doc)
    if found is not None:
        return f"{found.value}, {found.source}"
    articles = len(_ARTICLE.findall(doc.text, 0, 200_000))
    return f"{articles} articles (第X条)" if articles >= _ARTICLES else ""
# The lookahead: the characters a cue can begin with (a condition's leading spaces included).
_CUES = patterns.compile("(?=[ \t\u3000如假倘若凡一以过当曾昔原力预计目争拟确到现已完实取达去])(?:"
                   + "|".join(f"(?P<{kind}>{pattern})" for kind, pattern in _MODALITY_CUES) + ")")


def _cues(text: str, start: int, end: int):
    """(offset, modality) of every cue in text[start:end]."""
    found = []
    for match in _CUES.finditer(text, start, end):
        found.append((match.start(), match.lastgroup))
    return found


# -- headings ----------------------------------------------------------------------------


def headings(doc) -> List[Heading]:
    return doc.memo("headings", lambda: _find(doc))


def _find(doc) -> List[Heading]:
    """Headings from numbering in every format; `#` and Word heading styles add
    the unnumbered ones (their numbering, when they have one, gives the rank, so
    that the same text has the same outline as .txt, .md or .docx)."""
    found = []
    lines = [raw.strip() for _, _, raw in doc.lines()]
    before = ""  # the last non-blank line
    previous_item = None  # its level when it is a list item
    for index, line in enumerate(lines):
        number = index + 1
        if not line:
            continue
        marked = number in doc.heading_levels
        if marked:
            match = _MD_HEADING.match(line)
            line = (match.group(2) if match else line).strip()
        numbered = _numbering(line)
        item_level = None
        if numbered and not marked and _list_item(line, numbered, before, previous_item):
            item_level = numbered[0]
        elif numbered:
            level, numbering = numbered
            title = line[len(numbering):].split("。")[0].strip()
            found.append(Heading(number, level, numbering, title, CHAPTER if level < 0 else NUMBERING, marked))
        elif marked:
            found.append(Heading(number, doc.heading_levels[number], "", line, MARKUP, True))
        else:
            blank_before = index == 0 or not lines[index - 1]
            blank_after = index + 1 == len(lines) or not lines[index + 1]
            if (blank_before and blank_after and len(line) <= _LAYOUT_HEADING_WIDTH and line[-1] not in _LINE_END
                    and not _TOPIC.match(line) and not _CAPTION.match(line)):
                found.append(Heading(number, 0, "", line, LAYOUT))
        before, previous_item = line, item_level
    return found


def _list_item(line: str, numbered, before: str, previous_item) -> bool:
    """A numbered line that is an item of a list, not a heading: a whole clause
    (一、未取得许可擅自经营的，处1万元以上3万元以下罚款。 — a long first
    sentence with a comma in it), an item ending in ；, an item after
    有下列情形之一的：, or a sentence after an item of its level
    (（三）法律、法规规定的其他情形。)."""
    level, numbering = numbered
    rest = line[len(numbering):]
    if rest.endswith(("；", ";")) or previous_item == level and rest.endswith(("。", ".")):
        return True
    if before.endswith(("：", ":")) and "下列" in before:
        return True
    first = re.split(r"[。；;！？]", rest, maxsplit=1)
    return len(first) > 1 and len(first[0]) > _CLAUSE_WIDTH and bool(re.search(r"[，,]", first[0]))


def _numbering(line: str):
    """(level, the numbering) when a line starts with a heading number: the first
    numbering that matches. One match of all of them, alternated in their order, says
    whether one does (most lines have none); then each is tried as before."""
    numbered, anyone = _numbered_headings(), _any_numbering()
    if anyone is not None and not anyone.match(line):
        return None
    for level, pattern in numbered:
        match = pattern.match(line)
        if match:
            return level, match.group(0)
    return None


def _rank(heading: Heading, structured: bool) -> float:
    """How high a heading stands in the tree: smaller is higher. An unnumbered
    heading, marked up or standing alone, structures only a document without
    numbered headings; in one with them it is a title or a caption."""
    if heading.source in (LAYOUT, MARKUP):
        if structured:
            return float("inf")
        return heading.level if heading.source == MARKUP else 1
    return heading.level


_MD_HEADING = patterns.compile(r"(#{1,6})\s+(.*?)\s*#*$")
_CN_DIGITS = "一二三四五六七八九十"
_LAYOUT_HEADING_WIDTH = 25  # characters: a line standing alone between blank lines is a heading when this short
_CLAUSE_WIDTH = 30  # characters: a numbered line's first sentence this long, with a comma in it, is a clause, not a title


@knowledge.derived
def _numbered_headings():
    """(level, pattern) of the heading numberings (linter/data/knowledge.yaml): 第一章, 一、, （一）, 1., （1） …"""
    return [(form["level"], patterns.compile(form["pattern"])) for form in knowledge.get("headings", "numbered")]


@knowledge.derived
def _any_numbering():
    """The numberings as one alternation, which matches a line where one of them does;
    None when they cannot be put together (a pattern with a group or a flag of its own)."""
    forms = [form["pattern"] for form in knowledge.get("headings", "numbered")]
    try:
        if any(re.compile(form).groups or form.startswith("(?") and not form.startswith(("(?:", "(?=", "(?!", "(?<")) for form in forms):
            return None
        return patterns.compile("|".join(f"(?:{form})" for form in forms)) if forms else None
    except re.error:
        return None


_LINE_END = set("。；！？，,;!?：:、")
# 图1 2024年门诊量, 表2-1 …, 附图3: a caption, standing alone like a heading but heading nothing.
_CAPTION = patterns.compile(r"(?:附?[图表])[ \t\u3000]*[\d一二三四五六七八九十]+(?:[-—.．][\d]+)?(?![\d年月])")
# 一是…, 二要…, 首先…: the topic of a paragraph, not a heading.
_TOPIC = patterns.compile(rf"[{_CN_DIGITS}][是要]|首先|其次|再次|最后")
