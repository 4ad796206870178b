"""Figures in a document, parsed once (`figures(doc)`) for every figures check.

`figures(doc)` returns a `FigureFacts` with
- `figures`: every stated quantity (267篇, 约50亿元, 1300余例, 10.34%, 三千人,
  2,273台次, 5个百分点) as a `Figure`: its value as an interval (approximations
  widen it: 约 ± tolerance, 近/以下 ≤, 余/多/超/以上 ≥; a rounded number covers its
  rounding), its unit, and its scope: the metric (the clause before the number,
  with the number's place kept: 总投资{}, 引进{}博士研究生), the period (the
  dates and relative dates of the sentence before it, else the paragraph's
  last one, else its section's period from the outline, else its top-level
  section), its qualifiers (新增, 累计, 其中, 计划 … in its sentence), and its
  section and modality from the outline (`linter.extract.outline`), so that
  different facts stay apart;
- `changes`: 由A降为B / 从A增长到B, with the change stated right after (增长124%,
  下降0.23个百分点) when there is one; ranks (由第8位升至第5位) and 分别 lists
  paired element by element.

`metric_key(doc, figure)` is what a figure counts, as jieba's content words
of its metric (with its sentence's subject when the metric alone is generic);
jieba is loaded only when a key is asked for.

Only spans recognised as a number followed by a unit are converted: two
Chinese digits in a row (两三个, 三四个月) are an approximate range, not 23.
"""

import bisect
import functools
import math
import re
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import List, Optional, Tuple

from linter import knowledge

from linter.numerals import chinese_number as read_chinese_number
from linter.extract.dates import dates
from linter.extract.outline import STATED, outline, period_mentions
from linter.text_units import SENTENCE_REACH, Sentences
from linter.patterns import compile as compile_re, lazy

DEFAULT_TOLERANCE = 0.05  # 约50亿元 covers 47.5–52.5亿元

# Full-width digits and the marks inside full-width numbers (１，２３４．５％),
# mapped one character to one so offsets stay valid.
_NARROW = str.maketrans("０１２３４５６７８９．％，", "0123456789.%,")
# Both branches begin with a character of _FULL_WIDTH_START, so the search skips to
# one ((?<=\d)％ first would be tried at every offset).
_FULL_WIDTH_NUMBER = lazy(r"[０-９][０-９，．]*％?|％(?<=\d％)")
_FULL_WIDTH_START = "０１２３４５６７８９％"


def _narrow(text: str) -> str:
    # A substitution only where there are full-width numbers: translating the
    # whole text costs more than the rest of the extraction, and most texts have
    # none (a scan per character, in C, tells).
    if not any(char in text for char in _FULL_WIDTH_START):
        return text
    return _FULL_WIDTH_NUMBER.sub(lambda m: m.group(0).translate(_NARROW), text)

_CN_NUMBER = "[零〇一二两三四五六七八九十][零〇一二两三四五六七八九十百千万亿]*"

_ARABIC = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"

_QUANTITY = (
    # The lookahead lets the search skip most positions at once.
    rf"(?=[\d零〇一二两三四五六七八九十])(?P<number>(?<![\d.,A-Za-z%第])(?<!第[ \t])(?:{_ARABIC})|(?<![第零〇一二两三四五六七八九十百千万亿这那每哪某])(?:{_CN_NUMBER}))"
    rf"[ \t]?(?P<scale>万亿|千万|百万|万|亿|千|百)?(?P<more>余|多)?[ \t]?"
    rf"(?P<unit>{{unit}})?(?P<after>左右|上下|以上|以下|余)?"
)
# 百分之三十 is 30%.
_PERCENT_WORDS = lazy(rf"百分之(?P<number>{_CN_NUMBER}(?:点[零〇一二三四五六七八九]+)?)")


# Where the clause that names a figure's metric begins.
_CLAUSE_MARK = r"[，,。；;！!？?：:、（）()\[\]【】“”\"\n]"
_CLAUSE_SPACE = r"[ \t\u3000]{2,}"
_CLAUSE_MARKS = f"{_CLAUSE_MARK}|{_CLAUSE_SPACE}"
_CLAUSE_BREAK = lazy(_CLAUSE_MARKS + r"|\d")
# Walking back to a clause's start, a number that is no figure of its own stays
# in the metric: 1年生存率 and 5年生存率 are two metrics.
_CLAUSE_START = lazy(_CLAUSE_MARKS)
# Matched from a clause's farthest start up to one character past an offset (one
# before the text's end), its end is the last clause break at or before the offset:
# right after a mark (the mark itself before the offset), or after a space that the
# next one continues (a run of spaces breaks after each of its spaces but the last).
_LAST_CLAUSE_BREAK = lazy(rf"(?s).*(?:{_CLAUSE_MARK}(?=.)|[ \t\u3000](?=[ \t\u3000]))")
# Words the metric does not need: verbs of stating and approximation at its end.
# Emphasis marks (**165.3万人次**, left by Markdown) are no word of the metric either.
_FILLER_END = lazy(r"(?:约|大约|近|将近|接近|超过|超|逾|达到|达|为|是|有|共计|共|计|合计|总计|高达|多达|仅|只有|分别为|分别|[ \t\u3000*_])+$")
# The characters _FILLER_END's matches can end with ("" for an empty clause; $ matches before a final \n too).
_FILLER_LAST = frozenset("约近过超逾到达为是有计共仅别 \t\u3000*_\n") | {""}
# A list item's marker (- * + • >, left in a .txt copy of Markdown) is no word of the metric.
_FILLER_START = lazy(r"^(?:[ \t\u3000\-*+•>]|其中|并且|并|且|同时|而|和|及|以及|与|已|已经|目前|现|全年)+")
# The noun a measure word counts (8名博士研究生), not a verb that follows (台次增长到).
_COUNTED_NOUN = lazy(r"(?![增减降提升达为是的在和及与共其同比较占以等])[\u4e00-\u9fff]{1,8}")

_UP = "增长|增加|提高|提升|上升|升高|攀升|扩大|增|升"
_DOWN = "下降|降低|减少|缩短|缩小|回落|压缩|减|降"
# 由10.34%降为10.11%, 从21.19万增长到65.07万, 从年均0.74万台次增长到1.66万台次; ranks
# (由全省第8位升至第5位) and lists paired element by element (分别从350元、520元提高到380元、560元).
_CHANGE_VALUE = rf"第?(?:{_ARABIC})[ \t]?(?:万亿|万|亿)?[ \t]?(?:{{unit}})?"
_CHANGE_LIST = rf"{_CHANGE_VALUE}(?:[ \t]*(?:、|和|及|与)[ \t]*{_CHANGE_VALUE})*"
_CHANGE = (
    rf"(?:由|从)(?P<between1>[^。；;！？\n由从]{{0,16}}?)(?P<q1>{_CHANGE_LIST})"
    rf"(?P<between2>[^。；;！？\n\d]{{0,8}}?)(?P<verb>{_UP}|{_DOWN})(?:了)?(?:为|到|至)(?P<between3>[^。；;！？\n\d]{{0,6}}?)"
    rf"(?P<q2>{_CHANGE_LIST})"
)


@knowledge.derived
def _patterns() -> SimpleNamespace:
    """The patterns built from the knowledge's units and words (linter/data/knowledge.yaml):
    units and the class in which their values compare (a part counted in 例 may be a
    share of a whole in 台次), qualifiers, and the words that make a number approximate
    with the interval each gives."""
    classes = knowledge.get("figures", "unit-classes")
    units = sorted(set(classes) | set(knowledge.get("figures", "counting-units")), key=lambda u: (-len(u), u))
    unit = "|".join(re.escape(u) for u in units)
    approximation = knowledge.get("figures", "approximation")
    before = "|".join(re.escape(word) for word in approximation["before"])
    return SimpleNamespace(
        unit_classes=classes, units=units, qualifiers=tuple(knowledge.get("figures", "qualifiers")),
        any_qualifier=compile_re("|".join(re.escape(q) for q in knowledge.get("figures", "qualifiers"))),
        quantity=compile_re(_QUANTITY.replace("{unit}", unit)),
        change=compile_re(_CHANGE.replace("{unit}", unit)), change_item=compile_re(_CHANGE_VALUE.replace("{unit}", unit)),
        before=compile_re(f"(?:{before})$"), leading=compile_re(f"(?:{before})"),
        at_least=tuple(approximation["at-least"]), at_most=tuple(approximation["at-most"]), about=tuple(approximation["about"]),
    )
# Words before a change that make its values places in a ranking.
_RANK_WORDS = lazy(r"排名|排位|位次|名次|排序|位列")
# The change stated right after: ，增长124%, ，同比下降0.23个百分点, 增幅达15%.
_STATED = lazy(
    rf"[ \t]*[，,]?[ \t]*(?:同比|比上年|较上年)?(?:(?P<verb>{_UP}|{_DOWN})了?|(?P<noun>增幅|降幅|增速)(?:为|达|达到)?)[ \t]*"
    rf"(?P<q>(?:{_ARABIC})[ \t]?(?:%|个百分点))"
)


@dataclass(slots=True)  # a 20 MB line holds 260,000: smaller and quicker to read without a __dict__
class Figure:
    start: int
    end: int
    text: str
    value: float  # the number as written, scaled (50亿元 → 5e9)
    low: float  # the interval the text allows
    high: float
    unit: str  # 元, 人次, %, 个百分点 …; "" for a bare 万/亿 number
    metric: str  # 总投资{}: the clause with the number's place kept
    period: Tuple[str, ...] = ()  # ("2022年",), ("近5年",) or its section: ("§一、过去五年工作回顾",)
    qualifiers: Tuple[str, ...] = ()  # the knowledge's qualifiers in its sentence before it
    arabic: bool = True  # written in Arabic digits (Chinese numerals are often idioms: 五位一体)
    listed: bool = False  # a list item (…1名、博士研究生8名): its scope is the list's
    attributive: bool = False  # followed by 的 (为2家的, 50亿元的项目): a condition or a description
    section: str = ""  # the heading of the deepest section it stands in ("" before any heading)
    top: int = 0  # where its top-level section begins: restatements are looked for within one
    modality: str = STATED  # outline modality: achieved, target, past, condition or stated
    dated_by: str = ""  # where its period came from: "sentence", "paragraph", "section" or ""
    clause_start: int = 0  # where the clause naming its metric begins
    sentence: int = 0  # where its sentence begins (split at 。！？ and line breaks only: `FigureFacts.full_sentences`)
    label: str = ""  # the label its line begins with (行政许可：本年处理决定数量1230件): the subject of the line's figures
    # The class in which its values compare (see `_patterns`), read by every check: set once.
    unit_class: str = field(init=False, default="", compare=False, repr=False)

    def __post_init__(self):
        self.unit_class = _patterns().unit_classes.get(self.unit, self.unit)

    def agrees_with(self, other: "Figure") -> bool:
        return self.low <= other.high and other.low <= self.high

    def to_dict(self) -> dict:
        return {
            "text": self.text, "value": self.value, "low": self.low, "high": _finite(self.high), "unit": self.unit,
            "metric": self.metric, "period": list(self.period), "qualifiers": list(self.qualifiers),
            "section": self.section, "modality": self.modality,
        }


@dataclass
class Change:
    """由A降为B, with the change stated after it when there is one (增长124%)."""

    start: int
    end: int
    before: "Quantity"
    after: "Quantity"
    direction: int  # +1 for 增长/提高 …, -1 for 下降/减少 …
    stated: Optional["Quantity"] = None
    stated_direction: int = 0
    stated_start: int = 0
    rank: bool = False  # places in a ranking (第8位 → 第5位): a smaller number is a rise


@dataclass
class Quantity:
    """A number with its unit, as an interval (a value of `Change`, or a fact sheet value)."""

    value: float
    low: float
    high: float
    unit: str
    text: str = ""

    @property
    def unit_class(self) -> str:
        return _patterns().unit_classes.get(self.unit, self.unit)


@dataclass
class FigureFacts:
    figures: List[Figure] = field(default_factory=list)
    changes: List[Change] = field(default_factory=list)
    sentences: Optional[Sentences] = None  # split at 。；！？ and line breaks
    full_sentences: Optional[Sentences] = None  # split at 。！？ and line breaks only


def figures(doc, tolerance: float = DEFAULT_TOLERANCE) -> FigureFacts:
    """Every figure of a document, computed once."""
    return doc.memo(f"figures:{tolerance}", lambda: extract(doc, tolerance))


def extract(doc, tolerance: float = DEFAULT_TOLERANCE) -> FigureFacts:
    text = _narrow(doc.text)
    shape = outline(doc)
    facts = FigureFacts(sentences=shape.sentences, full_sentences=shape.full_sentences)
    scope = _Scope(text, _period_marks(doc), shape.sentences, doc)
    previous_end = 0
    for match in _patterns().quantity.finditer(text):
        figure = _figure(text, match, scope, tolerance, previous_end)
        if figure is not None:
            facts.figures.append(figure)
            previous_end = figure.end
    for match in _PERCENT_WORDS.finditer(text):
        value = chinese_number(match.group("number"))
        if value is not None:
            low, high = _interval(value, _before_word(text, match.start()), "", tolerance, 0)
            figure = Figure(match.start(), match.end(), match.group(0), value, low, high, "%", "", arabic=False)
            facts.figures.append(_with_scope(text, figure, scope))
    facts.figures.sort(key=lambda f: f.start)
    labels = {}  # line start -> the label of its figures (a 20 MB line is one line)
    line_start = line_end = -1
    for figure in facts.figures:
        section = shape.section_at(figure.start)
        figure.section, figure.top = section.label, section.top.start
        figure.sentence = shape.full_sentences.start(figure.start)
        if not line_start <= figure.start <= line_end:  # the figures are in text order: most share the last one's line
            line_start, line_end = scope.line_span(figure.start)
        if line_start not in labels:
            label = _LINE_LABEL.match(text, line_start)
            short_line = label is not None and line_end - label.end() <= _LABELLED_LINE
            labels[line_start] = (label.end(), label.group(1)) if short_line else None
        label = labels[line_start]
        figure.label = label[1] if label is not None and label[0] <= figure.start else ""
        figure.modality = shape.modality_at(figure.start, figure.sentence)
        if not figure.period:
            # An undated figure takes its section's period, inherited from the
            # sections above it; without one, figures of two top-level sections
            # (a review of the past five years, this year's tasks) do not compare.
            period = section.period
            if period is not None:
                figure.period, figure.dated_by = (period.label,), "section"
            elif section.top.heading is not None:
                figure.period = ("§" + section.top.label,)
    facts.changes = [c for m in _patterns().change.finditer(text) for c in _changes(text, m, tolerance)]
    return facts


def parse_quantity(text: str, tolerance: float = DEFAULT_TOLERANCE) -> Optional[Quantity]:
    """A whole string read as one quantity (约50亿元, 1.66万台次, 35%), or None."""
    text = _narrow(text.strip())
    leading = _patterns().leading.match(text)
    prefix = leading.group(0) if leading else ""
    match = _patterns().quantity.fullmatch(text, len(prefix))
    if match is None or not (match.group("unit") or match.group("scale")):
        return None
    return _quantity(match, prefix, tolerance)


def chinese_number(text: str):
    """A count in Chinese numerals (三千 → 3000, 三十点五 → 30.5); two digits in a
    row (两三, 三四) are an approximate range: None."""
    return read_chinese_number(text, digit_by_digit=False)


# -- figures --------------------------------------------------------------------

_SCALES = {"万亿": 1e12, "千万": 1e7, "百万": 1e6, "万": 1e4, "亿": 1e8, "千": 1e3, "百": 1e2}


def _figure(text: str, match, scope, tolerance: float, previous_end: int) -> Optional[Figure]:
    number, scale, unit = match.group("number", "scale", "unit")
    unit = unit or ""
    is_arabic = number[0].isdigit()
    if not unit:
        # A bare number is a figure only as 21.19万 (a scaled Arabic number).
        if not (is_arabic and scale in ("万", "亿")):
            return None
    elif not is_arabic and (number == "一" or unit in ("天", "次", "周", "期", "届", "条", "门", "首", "个月")):
        return None  # 一个 (an article), 三天两头, 一次性: idioms more often than counts
    end = match.end()
    if text.startswith(("年", "月", "日", "号"), end) or (unit == "%" and text.startswith("-", end)):
        return None
    prefix = _before_word(text, match.start())
    value = _value(match, prefix, tolerance)
    if value is None:
        return None
    start = match.start() - len(prefix)
    figure = Figure(start, end, text[start:end], *value, "", arabic=is_arabic)
    return _with_scope(text, figure, scope, previous_end)


def _quantity(match, prefix: str, tolerance: float) -> Optional[Quantity]:
    value = _value(match, prefix, tolerance)
    return None if value is None else Quantity(*value, match.group(0))


def _value(match, prefix: str, tolerance: float) -> Optional[Tuple[float, float, float, str]]:
    """(value, low, high, unit) of a match of the quantity pattern."""
    number, scale_word, unit, more, after = match.group("number", "scale", "unit", "more", "after")
    if number[0].isdigit():
        decimals = len(number.partition(".")[2])
        value = float(number.replace(",", ""))
        rounding = 0.5 * 10 ** -decimals
    else:
        value = chinese_number(number)
        if value is None:
            return None
        rounding = 0
    scale = _SCALES.get(scale_word or "", 1)
    unit = unit or ""
    if unit == "万人次":
        scale, unit = scale * 1e4, "人次"
    # A count (2273台次) is exact; a number written at a scale (1.66万, 50亿) or
    # with decimals (10.34%), or a percentage (增长124%), is rounded.
    if scale == 1 and rounding == 0.5 and unit not in ("%", "‰", "个百分点"):
        rounding = 0
    first_word, last_word = prefix or more or after, after or more or prefix
    low, high = _interval(value * scale, first_word or "", last_word or "", tolerance, rounding * scale)
    return value * scale, low, high, unit


def _interval(value: float, first_word: str, last_word: str, tolerance: float, rounding: float) -> Tuple[float, float]:
    low, high = value - rounding, value + rounding
    if not (first_word or last_word):
        return low, high
    patterns = _patterns()
    words = (first_word, last_word)
    # Each word widens the interval, whatever the words' order: 约50000元以上 is
    # 47500 and up; 近八百多 (a bound each way) bounds nothing.
    if any(word in patterns.at_least for word in words):
        low, high = value, math.inf
    if any(word in patterns.at_most for word in words):
        low, high = 0.0, (math.inf if high == math.inf else value)
    if any(word in patterns.about for word in words):
        low, high = min(low, value * (1 - tolerance)), max(high, value * (1 + tolerance))
    return low, high


def _before_word(text: str, start: int) -> str:
    match = _patterns().before.search(text, max(0, start - 4), start)
    return match.group(0) if match else ""


class _Scope:
    """What a figure's scope is read from, indexed once per document: the dates
    (`_period_marks`, their ends in order too), the sentences, the line starts and
    the commas; where a clause begins (after a mark of `_CLAUSE_START`) is searched
    for in the few characters before each figure."""

    def __init__(self, text: str, periods, sentences: Sentences, doc):
        self.periods, self.sentences, self.doc = periods, sentences, doc
        self.period_starts = [start for start, _, _ in periods]
        self.period_ends = [end for _, end, _ in periods]  # increasing too: no mark is inside another
        self.period_labels = [label for _, _, label in periods]
        self.is_year = [bool(_YEAR.search(label)) for label in self.period_labels]
        # A year named in passing (比2023年增长, 较2023年末, 与上年相比) is what a figure is compared with, not its period.
        self.in_passing = [bool(_IN_PASSING.search(text, max(0, start - 2), start)) for start in self.period_starts]
        self.text = text
        self._commas = None  # offsets of ，,；; when `last_clause` needs them, the first time
        self.patterns = _patterns()

    def line_span(self, offset: int) -> Tuple[int, int]:
        return self.doc.line_span(self.doc.position(offset)[0])

    def last_clause(self, sentence_start: int, end: Optional[int]) -> int:
        """Where the clause holding offset `end` begins: after the last ，,；; in its
        sentence before `end`; the sentence's start without an `end`, 0 without such a
        mark (any date of the sentence is after either). Searched in the characters
        just before `end`, then, in a long sentence without one there, among the
        offsets of every such mark of the text (a search back along a long line for
        every figure would be quadratic)."""
        if end is None:
            return sentence_start
        near = max(sentence_start, end - _COMMA_REACH)
        found = _LAST_COMMA.match(self.text, near, end)
        if found:
            return found.end()
        if near == sentence_start:
            return 0
        if self._commas is None:
            self._commas = [m.start() for m in _COMMA.finditer(self.text)]
        index = bisect.bisect_left(self._commas, end) - 1
        return self._commas[index] + 1 if index >= 0 and self._commas[index] >= sentence_start else 0

    def clause_start(self, end: int) -> int:
        """Where the clause before `end` begins: after a punctuation mark or another
        number (at most _MAX_CLAUSE characters back), walking over the dates in it
        (2022年引进博士研究生)."""
        floor = max(0, end - _MAX_CLAUSE)
        position = end
        while position > floor:
            # The last clause break in (floor, position], else floor (any earlier one is cut to it).
            found = _LAST_CLAUSE_BREAK.match(self.text, floor, position + 1)
            boundary = found.end() if found else floor
            # A date ending on the walk back is stepped over, even one ending where a clause begins.
            date = bisect.bisect_right(self.period_ends, position) - 1
            if date >= 0 and self.period_ends[date] > floor and self.period_ends[date] >= boundary:
                position = self.period_starts[date]
                continue
            return boundary
        return position


def _with_scope(text: str, figure: Figure, scope: _Scope, previous_end: int = 0) -> Figure:
    """The metric, period and qualifiers of a figure, read from its clause and sentence."""
    start = figure.start
    clause_start = max(previous_end, scope.clause_start(start))
    before = text[clause_start:start]
    if before[-1:] in _FILLER_LAST:
        before = _FILLER_END.sub("", before)
    after = ""
    if figure.unit not in _NO_COUNTED_NOUN and not _CLAUSE_BREAK.match(text, figure.end):
        # 引进8名博士研究生: the noun after a measure word is what is counted.
        tail = _COUNTED_NOUN.match(text, figure.end, figure.end + 8)
        after = tail.group(0) if tail else ""
    sentence_start = scope.sentences.start(start)
    # The period: the dates of the sentence before the number, else the last date of its paragraph.
    starts, ends = scope.period_starts, scope.period_ends
    first = bisect.bisect_left(starts, sentence_start)
    last = bisect.bisect_left(starts, start, first)
    in_sentence = [i for i in range(first, last) if ends[i] <= start] if last > first else ()
    stated = [i for i in in_sentence if not scope.in_passing[i]]
    if stated:
        # A later clause's year replaces an earlier one: in 2022年…，2023年计划…35名 the period is 2023年;
        # so does a later clause's part of a year (第一季度…，第二季度…35万).
        is_year, last_year, last_part = scope.is_year, None, None
        for i in reversed(stated):
            if is_year[i] and last_year is None:
                last_year = starts[i]
            elif not is_year[i] and last_part is None:
                last_part = starts[i]
        years = scope.last_clause(sentence_start, last_year)
        parts = scope.last_clause(sentence_start, last_part)
        figure.period = tuple([scope.period_labels[i] for i in stated if starts[i] >= (years if is_year[i] else parts)])
        figure.dated_by = "sentence"
    else:
        paragraph_start = scope.line_span(start)[0]
        earlier = [i for i in range(max(0, first - 1), first)
                   if scope.period_starts[i] >= paragraph_start and scope.period_ends[i] <= start]
        figure.period = tuple(scope.period_labels[i] for i in earlier)
        figure.dated_by = "paragraph" if earlier else ""
    for i in in_sentence:
        if scope.period_starts[i] >= clause_start:
            before = before.replace(text[scope.period_starts[i]:scope.period_ends[i]], "")
    filler = _FILLER_START.match(before)
    figure.metric = (before[filler.end():] if filler else before).strip() + "{}" + after
    # Most sentences have none: one search first, then each qualifier (they overlap: 超过, 不超过).
    patterns, sentence = scope.patterns, max(sentence_start, start - SENTENCE_REACH)
    if patterns.any_qualifier.search(text, sentence, start):
        sentence = text[sentence:start]
        figure.qualifiers = tuple([q for q in patterns.qualifiers if q in sentence])
    else:
        figure.qualifiers = ()
    figure.clause_start = clause_start
    figure.listed = clause_start > 0 and (text[clause_start - 1] == "、" or before.startswith(("和", "及", "与", "以及")))
    figure.attributive = text.startswith("的", figure.end)
    return figure


# Units whose figure counts no noun written after it.
_NO_COUNTED_NOUN = frozenset(("元", "%", "‰", "个百分点", "倍", "人次", ""))
_MAX_CLAUSE = 40
# 行政许可：…, 规范性文件：… — a short name before a colon at a line's start, then a
# short line; a lead-in (主要预期目标是：, 在工业生产方面：, 国务院规定：, 朱华说：) is no label.
_LINE_LABEL = lazy(r"[ \t\u3000]*(?![在据按对])([\u4e00-\u9fff]{2,8})(?<![是为下括有的说过求定面示出为料法读])[：:]")
_LABELLED_LINE = 60  # characters after the label
_IN_PASSING = lazy(r"(?:比|较|与|同|相比|对比)[ \t]*$")
_YEAR = lazy(r"[\d０-９]{4}[ \t]*年")
_COMMA = lazy(r"[，,；;]")
_LAST_COMMA = lazy(r"(?s).*[，,；;]")  # its match ends right after the last of them
_COMMA_REACH = 200


def _period_marks(doc):
    """(start, end, label) of every date, relative date and date range, in text order."""
    facts = dates(doc)
    marks = [(m.start, m.end, re.sub(r"\s", "", m.text)) for m in facts.mentions]
    marks += [(r.start, r.end, f"{r.year}年" if r.year and r.text in ("今年", "去年", "前年", "明年", "本年", "上年") else r.text) for r in facts.relatives]
    marks += [(r.start, r.end, re.sub(r"\s", "", r.text)) for r in facts.ranges]
    marks += period_mentions(doc)
    # Labels in half-width digits: a full-width ２００１年 is the year of a section's 2001年.
    return _outermost(sorted((start, end, label.translate(_NARROW)) for start, end, label in marks))


def _outermost(marks):
    """The marks not inside an earlier or longer one (12月 is part of 2024年12月), in text order."""
    kept, reach = [], -1
    for mark in sorted(marks, key=lambda m: (m[0], -m[1])):
        if mark[1] > reach:
            kept.append(mark)
            reach = mark[1]
    return kept


# -- metric keys ------------------------------------------------------------------

# Words that name no metric of their own: verbs of doing and counting, and
# nouns as general as 投资 or 资金. A metric made only of them (完成投资) is told
# apart by the subject of its sentence (产业园…完成投资).
_GENERIC_WORDS = frozenset(
    "完成 实现 新增 累计 投资 完成投资 投入 资金 金额 总额 规模 数量 总量 总数 达到 达 新建 建成 建设 开展 安排 下达 拨付 落实 用于 "
    "发放 惠及 覆盖 带动 吸引 受益 筹集 争取 获得 共有 有 共 计 全年 年度 当年 其中 合计 共计 总计 收入 支出 完成额 实施 推进 组织 "
    # A change or a comparison needs its subject as much: 比上年增长, 增加到.
    "比 较 增长 增加 增 提高 提升 上升 下降 降低 减少 减 降 实际 名义 平均 年均 每年".split()
)
# A clause that begins by comparing (比上年增长, 同比下降) says nothing of what is compared.
_COMPARED_WITH = frozenset("比 较 同比 环比 相当于 超过 高于 低于 多于 少于".split())
# Words that carry no meaning of the metric (的, 了, 和 …).
_FUNCTION_WORDS = frozenset("的 了 和 与 及 以及 并 并且 且 而 也 都 又 还 已 已经 为 是 在 对 把 被 于 等 其 这 该 此 之 所 着 将 就 则 即 到 至 由 从".split())


def metric_key(doc, figure: Figure) -> str:
    """What a figure counts, as the content words of its clause (jieba) around
    the number's place: 新建|村级|卫生室{}. A metric of generic words only
    (完成投资{}), or one that begins with a comparison (比上年增长{}), is prefixed
    with the content words of its sentence before the clause (产业园|完成|投资{});
    without any it is "": figures that cannot be told apart by their subject
    are not compared."""
    keys = doc.memo("figure-metric-keys", dict)
    key = keys.get(figure.start)
    if key is None:
        key = keys[figure.start] = _metric_key(doc, figure)
    return key


def _metric_key(doc, figure: Figure) -> str:
    name, _, after = figure.metric.partition("{}")
    words, needs_subject = _clause_words(doc, name)
    if needs_subject:
        start = max(outline(doc).sentences.start(figure.start), figure.clause_start - SENTENCE_REACH)
        subjects = doc.memo("subject-words", dict)
        before = doc.text[start:figure.clause_start]
        subject = subjects.get(before)
        if subject is None:
            subject = subjects[before] = [w for w in _content_words(doc, _narrow(before)) if _is_subject_word(w)]
        words = subject + words if subject and words else []
    if not words:
        return ""
    return "|".join(words) + "{}" + "|".join(_clause_words(doc, after)[0])


def _clause_words(doc, text: str) -> Tuple[List[str], bool]:
    """The content words of a clause, and whether they need the subject before them
    to name a metric (generic words only, or a comparison first). Kept per text: a
    report states many figures of the same metric."""
    words_of = doc.memo("clause-content-words", dict)
    found = words_of.get(text)
    if found is None:
        words = _content_words(doc, text)
        generic = all(word in _GENERIC_WORDS for word in words) or bool(words and words[0] in _COMPARED_WITH)
        found = words_of[text] = (words, generic)
    return found


def _content_words(doc, text: str) -> List[str]:
    from linter.segment import tokenize

    return [word for word, _, _ in tokenize(doc, text) if _is_content_word(word)]


@functools.lru_cache(maxsize=1 << 16)  # a text's words are few, and asked for per figure
def _is_content_word(word: str) -> bool:
    return bool(_WORD.search(word)) and word not in _FUNCTION_WORDS


@functools.lru_cache(maxsize=1 << 16)
def _is_subject_word(word: str) -> bool:
    return word not in _GENERIC_WORDS and bool(_CHINESE_WORD.fullmatch(word)) and word not in ("年", "月", "日")


_WORD = lazy(r"[\u4e00-\u9fffA-Za-z0-9]")
_CHINESE_WORD = lazy(r"[\u4e00-\u9fff]+")


# -- changes --------------------------------------------------------------------


def _changes(text: str, match, tolerance: float) -> List[Change]:
    """The changes one 由…到… states: one, or one per element of two lists of the same length."""
    for gap in ("between2", "between3"):
        if re.search(r"[，,、]|增|减|降|提|升", match.group(gap) or ""):
            return []  # 从1.2万人次增加到…，由…: the verb belongs to another figure
    firsts = [m.group(0) for m in _patterns().change_item.finditer(match.group("q1"))]
    lasts = [m.group(0) for m in _patterns().change_item.finditer(match.group("q2"))]
    if len(firsts) != len(lasts):
        return []  # 从350元、520元提高到380元: which became which is not said
    ranked = [value.startswith("第") for value in firsts + lasts]
    rank = all(ranked) or (not any(ranked) and bool(_RANK_WORDS.search(text, max(0, match.start() - 4), match.start()))
                           and all(value.rstrip()[-1] in "位名" for value in firsts + lasts))
    if any(ranked) and not all(ranked):
        return []
    direction = 1 if re.fullmatch(_UP, match.group("verb")) else -1
    found = []
    for first, last in zip(firsts, lasts):
        before, after = parse_quantity(first.lstrip("第"), tolerance), parse_quantity(last.lstrip("第"), tolerance)
        if before is None or after is None:
            return []
        if before.unit and after.unit and before.unit_class != after.unit_class:
            return []
        found.append(Change(match.start(), match.end(), before, after, direction, rank=rank))
    stated = _STATED.match(text, match.end())
    if stated and len(found) == 1 and not rank:
        change = found[0]
        word = stated.group("verb") or stated.group("noun")
        change.stated = parse_quantity(stated.group("q"), tolerance)
        change.stated_direction = -1 if re.fullmatch(_DOWN, word) or word == "降幅" else 1
        change.stated_start = stated.start("q")
    return found


def _finite(value: float):
    return None if math.isinf(value) else value
