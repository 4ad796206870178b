"""Dates in a document, parsed once (`dates(doc)`) for every date check.

`dates(doc)` returns a `DateFacts` with
- `mentions`: solar dates (2024年2月29日, 2024 年\\n2 月 29 日, 二〇二四年二月二十九日,
  2024-02-29, 2024.02.29, 2024/2/29, 2024年2月, 2024年, 2月29日, 今年7月8日), each with
  the weekday and lunar date printed right after it, when there is one;
- `lunars`: lunar dates (农历甲辰年一月二十, 农历正月初一, 闰四月, 廿/卅);
- `relatives`: 今年, 去年, 前年, 明年, 上半年, 本月, 近N年 … resolved against the
  publication date when it is known;
- `ranges`: 2021—2025年, 2021年至2025年, 1月18日—20日.

A month-day without a year takes the nearest explicit year before it on the
same line (`year_source="context"`), or the year of a relative word right
before it (今年7月 → "relative"); otherwise its year stays unknown: a
newsletter dated February describes last year's July, so the publication year
is never assumed.
"""

import bisect
import calendar
import datetime
import itertools
import re
from dataclasses import dataclass, field
from typing import List, Optional, Tuple

from linter.extract import finditer_from_anchors, offsets_of
from linter.numerals import chinese_number
from linter.patterns import lazy

# Whitespace inside a date, allowing one line break (mastheads print 2024 年 / 2 月 29 日 on two lines).
_S = r"[ \t\u3000]*\n?[ \t\u3000]*"
_CN_DIGIT = "〇一二三四五六七八九"
# Chinese-numeral years, including the wrong zeros (零, O, 0) the form check reports.
_CN_YEAR = r"[〇零○◯OＯ0一二三四五六七八九]{4}"
_CN_MONTH = r"十[一二三四五六七八九]?|[一二三四五六七八九]"  # 十三月 too, for the exists check
_CN_DAY = r"[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九]"

_SOLAR = lazy(
    # Every part is optional; the lookahead keeps the search from trying every position,
    # and a match without a year has a month (a day alone, 29日, or nothing at all is no
    # date: the second lookahead spares _solar a match at every 一 of the text).
    rf"(?=[\d〇零○OＯ一二三四五六七八九十])(?<![\d０-９.．/\-])"
    rf"(?:(?P<y>\d{{4}}|{_CN_YEAR})(?![\d]){_S}年)?"
    rf"(?(y)|(?=(?:\d{{1,2}}|{_CN_MONTH}){_S}月(?!龄)))"
    rf"(?:(?(y){_S})(?P<m>\d{{1,2}}|{_CN_MONTH}){_S}月(?!龄))?"
    rf"(?:(?(m){_S})(?P<d>\d{{1,2}}|{_CN_DAY}){_S}[日号])?"
)
# Lookbehinds come after the first characters (19, 20, 上 …), where they check the
# same character, so that the search skips ahead to where a match can begin.
_NUMERIC = lazy(r"((?:19|20)(?<![\d.．/\-]..)\d\d)([-./])(\d{1,2})\2(\d{1,2})(?![\d.．/\-])")

_WEEKDAY_NAMES = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6, "七": 6}
_WEEKDAY = lazy(r"(星期|礼拜|周)([一二三四五六日天1-7])")

_STEMS, _BRANCHES = "甲乙丙丁戊己庚辛壬癸", "子丑寅卯辰巳午未申酉戌亥"
_ZODIAC = "鼠牛虎兔龙蛇马羊猴鸡狗猪"
_LUNAR_MONTH_NAMES = {"正": 1, "冬": 11, "腊": 12}
_LUNAR = lazy(
    rf"(?P<prefix>农历|阴历)?{_S}"
    rf"(?:(?P<ganzhi>[{_STEMS}][{_BRANCHES}])年|(?P<zodiac>[{_ZODIAC}])年)?{_S}"
    rf"(?:(?P<leap>闰)?(?P<m>正|冬|腊|十[一二三四五六七八九]?|[一二三四五六七八九]|\d{{1,2}}){_S}月"
    rf"(?P<d>初[一二三四五六七八九十]|廿[一二三四五六七八九]?|卅|[二三]?十[一二三四五六七八九]?|[一二三四五六七八九]|\d{{1,2}})?"
    rf"(?(d)[日号]?))?"
)
# Where a lunar date that says it is lunar can begin (`_marked_lunars`).
_LUNAR_MARKS = ("农历", "阴历", "正月", "冬月", "腊月")
# What may stand between a date and its weekday or lunar date: spaces, one line
# break, a comma or an opening bracket.
_ATTACH_GAP = lazy(r"[ \t\u3000]*\n?[ \t\u3000]*[，,（(]?[ \t\u3000]*")
_CLOSE = lazy(r"[ \t\u3000]*[）)]")

_RELATIVE_YEARS = {"今年": 0, "本年": 0, "去年": -1, "上年": -1, "前年": -2, "明年": 1}
# 上年 but not the 上年 of 以上年龄.
_RELATIVE = lazy(r"今年|本年度?|去年|上(?<![以之]上)年度?|前年|明年|上半年|下半年|本月|上月|下月|近(\d{1,3}|[一二三四五六七八九十]+)年")

_RANGE_DASH = r"[—–－―\-~～至到]"
_BETWEEN_RANGE_ENDS = lazy(rf"{_S}{_RANGE_DASH}+{_S}")
_YEAR_RANGE = lazy(
    rf"((?:1[5-9]|20)(?<![\d.]..)\d\d)(?:{_S}年)?{_S}{_RANGE_DASH}+{_S}((?:1[5-9]|20)\d\d){_S}年"
)
_DAY_RANGE = lazy(rf"(\d(?<![\d.]\d)\d?){_S}月{_S}(\d{{1,2}}){_S}日{_S}{_RANGE_DASH}+{_S}(\d{{1,2}}){_S}日")


@dataclass
class Weekday:
    start: int
    end: int
    text: str
    weekday: int  # 0 Monday … 6 Sunday
    arabic: bool  # 星期5


@dataclass
class LunarMention:
    start: int
    end: int
    text: str
    ganzhi: Optional[str] = None  # 甲辰
    zodiac: Optional[str] = None  # 龙
    month: Optional[int] = None
    leap: bool = False
    day: Optional[int] = None
    arabic: bool = False  # 农历8月15日
    month_text: str = ""  # 正, 一, 十三 …


@dataclass
class DateMention:
    start: int
    end: int
    text: str
    year: Optional[int]
    month: Optional[int]
    day: Optional[int]
    precision: str  # "year", "month" or "day"
    form: str  # "arabic", "chinese", "mixed" (二〇二四年5月8日) or "numeric" (2024-02-29)
    year_source: str  # "explicit", "context", "relative" or "" (unknown)
    year_text: str = ""
    month_text: str = ""
    day_text: str = ""
    weekday: Optional[Weekday] = None
    lunar: Optional[LunarMention] = None
    relative: Optional["RelativeMention"] = None  # the 今年 of 今年7月8日, which gave the year

    @property
    def exists(self) -> bool:
        """False for a month or day the calendar does not have (13月, 4月31日, 2023年2月29日)."""
        if self.month is not None and not 1 <= self.month <= 12:
            return False
        if self.day is None:
            return True
        if self.month is None or self.day < 1:
            return False
        # Without a year, 2月29日 may be right: allow a leap year.
        year = self.year if self.year is not None else 2024
        return self.day <= calendar.monthrange(year, self.month)[1]

    @property
    def period(self) -> Optional[Tuple[datetime.date, datetime.date]]:
        """First and last day the mention covers (2023年 → 2023-01-01…2023-12-31), when its year is known."""
        if self.year is None or not self.exists or not 1 <= self.year <= 9999:
            return None
        if self.precision == "year":
            return datetime.date(self.year, 1, 1), datetime.date(self.year, 12, 31)
        if self.precision == "month":
            last = calendar.monthrange(self.year, self.month)[1]
            return datetime.date(self.year, self.month, 1), datetime.date(self.year, self.month, last)
        return self.date, self.date

    @property
    def date(self) -> Optional[datetime.date]:
        if self.precision != "day" or None in (self.year, self.month, self.day) or not self.exists or not 1 <= self.year <= 9999:
            return None
        return datetime.date(self.year, self.month, self.day)


@dataclass
class RelativeMention:
    start: int
    end: int
    text: str
    year: Optional[int] = None  # resolved calendar year (今年, 去年 …), when known
    month: Optional[int] = None  # resolved month (本月, 上月 …), when known


@dataclass
class DateRange:
    start: int
    end: int
    text: str
    first: tuple  # (year,) or (month, day)
    last: tuple


@dataclass
class DateFacts:
    mentions: List[DateMention] = field(default_factory=list)
    lunars: List[LunarMention] = field(default_factory=list)
    relatives: List[RelativeMention] = field(default_factory=list)
    ranges: List[DateRange] = field(default_factory=list)


def dates(doc) -> DateFacts:
    """Every date fact of a document, computed once. A dateline or article stamp
    (`doc.metadata.spans`) is metadata, not a date the document tells: left out."""
    return doc.memo("dates", lambda: extract(doc.text_without_metadata(), doc.metadata.date))


def extract(text: str, published: Optional[datetime.date]) -> DateFacts:
    facts = DateFacts()
    facts.relatives = _relatives(text, published)
    relative_ends = {r.end: r for r in facts.relatives if r.year is not None}
    year_word_ends = {r.end for r in facts.relatives if r.text.replace("年度", "年") in _RELATIVE_YEARS}
    # Lunar dates say they are lunar: 农历…, or 正月/冬月/腊月 (腊月廿三, 正月初一).
    facts.lunars = [
        lunar for lunar, match in ((_lunar(m), m) for m in _marked_lunars(text))
        if (lunar.ganzhi or lunar.zodiac or lunar.month)
        and (match.group("prefix") or match.group("m") in _LUNAR_MONTH_NAMES and lunar.day is not None)
    ]
    facts.ranges = _ranges(text)
    # The 8月15日 of 农历8月15日 is not a solar date; the 2025年 of 2021—2025年 is a range's end.
    taken = _Spans([(l.start, l.end) for l in facts.lunars] + [(r.start, r.end) for r in facts.ranges if len(r.first) == 1])
    facts.mentions = sorted((m for m in _solar(text, year_word_ends) + _numeric(text) if not taken.cover(m.start, m.end)), key=lambda m: m.start)
    _infer_years(text, facts.mentions, relative_ends)
    facts.ranges = sorted(facts.ranges + _mention_ranges(text, facts.mentions), key=lambda r: r.start)
    for mention in facts.mentions:
        if mention.precision == "day":
            _attach(text, mention, facts)
    return facts


class _Spans:
    """Spans (start, end), asked whether one of them covers a stretch: one bisection,
    not a walk over every span for every date of a long text."""

    def __init__(self, spans):
        spans = sorted(spans)
        self.starts = [start for start, _ in spans]
        self.reach = list(itertools.accumulate((end for _, end in spans), max))  # furthest end among the spans so far

    def cover(self, start: int, end: int) -> bool:
        index = bisect.bisect_right(self.starts, start)
        return index > 0 and self.reach[index - 1] >= end


def full_dates(text: str) -> List[DateMention]:
    """The day-precision solar dates of a short piece of text (a masthead or dateline
    line): 2024年2月29日, 二〇二四年二月二十九日, 2024-02-29."""
    return sorted((m for m in _solar(text) + _numeric(text) if m.precision == "day" and m.year is not None), key=lambda m: m.start)


def _number(text: Optional[str]) -> Optional[int]:
    if text is None:
        return None
    # isdigit() and int() also take full-width digits (７月１日).
    return int(text) if text.isdecimal() else chinese_number(text)


def _is_arabic(text: str) -> bool:
    return text.isdecimal()


# -- solar dates ----------------------------------------------------------------


def _solar_matches(text: str):
    """The matches `_SOLAR.finditer(text)` gives, tried only at the few offsets before
    each 年 and 月 where a date holding it can begin (the pattern tried at every digit
    and Chinese numeral of the text costs more): a match holds 年 or 月, and the first
    of them follows at most the year's 4 characters (else the month's 2) and the
    spaces and line break before it."""

    def lowest_start(anchor: int) -> int:
        while anchor > 0 and text[anchor - 1] in " \t\u3000\n":
            anchor -= 1
        return anchor - 4

    return finditer_from_anchors(_SOLAR, text, offsets_of(text, "年月"), lowest_start)


def _solar(text: str, year_word_ends=frozenset()) -> List[DateMention]:
    found = []
    for match in _solar_matches(text):
        y, m, d = match.group("y"), match.group("m"), match.group("d")
        if not (y or m):
            continue
        # 29日 alone, 5月 alone: too ambiguous (5月龄, 3号楼) to be a date; 今年7月 is one.
        if d and not m or m and not (y or d) and match.start() not in year_word_ends:
            continue
        parts = [p for p in (y, m, d) if p]
        kinds = {"arabic" if _is_arabic(p) else "chinese" for p in parts}
        if y and not _is_arabic(y) and not any(c in _CN_DIGIT for c in y):
            continue  # OOOO年
        found.append(DateMention(
            start=match.start(), end=match.end(), text=match.group(0),
            year=_number(y), month=_number(m), day=_number(d),
            precision="day" if d else "month" if m else "year",
            form=kinds.pop() if len(kinds) == 1 else "mixed",
            year_source="explicit" if y else "",
            year_text=y or "", month_text=m or "", day_text=d or "",
        ))
    return found


def _numeric(text: str) -> List[DateMention]:
    return [
        DateMention(
            start=m.start(), end=m.end(), text=m.group(0),
            year=int(m.group(1)), month=int(m.group(3)), day=int(m.group(4)),
            precision="day", form="numeric", year_source="explicit",
            year_text=m.group(1), month_text=m.group(3), day_text=m.group(4),
        )
        for m in _NUMERIC.finditer(text)
    ]


def _infer_years(text: str, mentions: List[DateMention], relative_ends) -> None:
    """Give 2月29日 the year of 今年 right before it, or of the last explicit date (or a
    year heading a clause) before it on its line."""
    last_year, previous = None, None
    for mention in mentions:
        # A new line since the last mention: searched only between the two, so linear on a long line.
        if previous is None or text.find("\n", previous.end, mention.start) >= 0:
            last_year = None
        if mention.year_source == "explicit":
            # A year alone passes on only when it heads a clause (2023年，…): in
            # 2023年度表彰大会于2月29日召开 the meeting is in 2024.
            if mention.precision != "year" or text[mention.end:mention.end + 1] in ("，", ","):
                last_year = mention.year
            else:
                last_year = None
        elif mention.year is None:
            before = text[max(0, mention.start - 8):mention.start]
            relative = relative_ends.get(mention.start - (len(before) - len(before.rstrip(" \t\u3000"))))
            if relative is not None:
                mention.year, mention.year_source, mention.relative = relative.year, "relative", relative
            elif last_year is not None:
                mention.year, mention.year_source = last_year, "context"
                if _ends_range_into_next_year(text, previous, mention):
                    mention.year += 1  # 2023年12月1日至2月29日
        previous = mention


def _ends_range_into_next_year(text: str, first: Optional[DateMention], last: DateMention) -> bool:
    return (
        first is not None and first.year is not None and first.month is not None and last.month is not None
        and last.month < first.month and bool(_BETWEEN_RANGE_ENDS.fullmatch(text, first.end, last.start))
    )


# -- weekdays and lunar dates -----------------------------------------------------


def _marked_lunars(text: str):
    """The matches of _LUNAR that begin with one of _LUNAR_MARKS, left to right and not
    overlapping (as finditer of (?=农历|阴历|[正冬腊]月) before _LUNAR gives them: each
    match there is non-empty). The marks are rare and found by str.find, in C; the
    lookahead was tried at every offset of the text."""
    end = 0
    for start in offsets_of(text, _LUNAR_MARKS):
        if start >= end:
            match = _LUNAR.match(text, start)
            end = match.end()
            yield match


def _weekday(match) -> Weekday:
    char = match.group(2)
    number = int(char) - 1 if char.isdigit() else _WEEKDAY_NAMES[char]
    return Weekday(match.start(), match.end(), match.group(0), number, char.isdigit())


def _lunar(match) -> LunarMention:
    m, d = match.group("m"), match.group("d")
    month = _LUNAR_MONTH_NAMES.get(m) if m in _LUNAR_MONTH_NAMES else _number(m)
    day = _number(d.rstrip("日号")) if d else None
    return LunarMention(
        start=match.start(), end=match.end(), text=match.group(0),
        ganzhi=match.group("ganzhi"), zodiac=match.group("zodiac"),
        month=month, leap=bool(match.group("leap")), day=day,
        arabic=bool(m and m.isdigit() or d and d[0].isdigit()), month_text=m or "",
    )


def _attach(text: str, mention: DateMention, facts: DateFacts) -> None:
    """The weekday and lunar date printed right after a full date: 2024年2月29日（星期四）,
    or a masthead's 2 月 29 日 / 星期四 / 农历甲辰年一月二十 on separate lines."""
    gap = _ATTACH_GAP.match(text, mention.end)
    if "\n" in gap.group(0) and text[text.rfind("\n", 0, mention.start) + 1:mention.start].strip():
        return  # across a line break only in a masthead, where the date stands alone on its line
    position = gap.end()
    weekday = _WEEKDAY.match(text, position)
    if weekday and re.search("[，,]", gap.group(0)) and not re.match(r"[，,。；\s]", text[weekday.end():weekday.end() + 1] or "\n"):
        weekday = None  # 2024年3月1日，周六、周日照常门诊: a schedule, not this day's weekday
    if weekday:
        mention.weekday = _weekday(weekday)
        position = weekday.end()
        close = _CLOSE.match(text, position)
        if close:
            position = close.end()
        gap = _ATTACH_GAP.match(text, position)
        position = gap.end()
    lunar = _LUNAR.match(text, position)
    if lunar and lunar.end() > lunar.start():
        parsed = _lunar(lunar)
        if parsed.month is not None:
            # Without 农历 a month must still say it is lunar: a 干支 or zodiac year, or 正/冬/腊月.
            attached = lunar.group("prefix") or parsed.ganzhi or parsed.zodiac or lunar.group("m") in _LUNAR_MONTH_NAMES
        else:
            # A year alone after a comma names a season, not this day's lunar year:
            # 2024年2月9日，龙年春节前夕 is the eve of the 龙年.
            attached = (parsed.ganzhi or parsed.zodiac) and lunar.group("prefix") and not re.search("[，,]", gap.group(0))
        if attached:
            mention.lunar = next((l for l in facts.lunars if l.start == parsed.start), parsed)


# -- relative expressions and ranges -------------------------------------------------


def _relatives(text: str, published: Optional[datetime.date]) -> List[RelativeMention]:
    found = []
    for match in _RELATIVE.finditer(text):
        word = match.group(0)
        mention = RelativeMention(match.start(), match.end(), word)
        if published is not None and not match.group(1):  # 近5年 is a span of years, not one year
            offset = _RELATIVE_YEARS.get(word.replace("年度", "年"), None)
            if word in ("上半年", "下半年", "本月", "上月", "下月"):
                offset = 0
            if offset is not None:
                mention.year = published.year + offset
            if word in ("本月", "上月", "下月"):
                months = published.year * 12 + published.month - 1 + {"本月": 0, "上月": -1, "下月": 1}[word]
                mention.year, mention.month = divmod(months, 12)
                mention.month += 1
        found.append(mention)
    return found


def _mention_ranges(text: str, mentions: List[DateMention]) -> List[DateRange]:
    """2019年1月1日至2023年12月31日, 1997年4月―1998年2月, 2019年1月1日至12月31日: two
    dates joined by a dash or 至, compared at the precision both have."""
    found = []
    for first, last in zip(mentions, mentions[1:]):
        if not _BETWEEN_RANGE_ENDS.fullmatch(text, first.end, last.start) or first.year is None:
            continue
        if last.year_source != "explicit":
            if last.precision == "year" or first.precision == "year":
                continue
            if last.month != first.month:
                continue  # 2018年12月30日至1月1日 runs into the next year
        size = {"year": 1, "month": 2, "day": 3}
        common = min(size[first.precision], size[last.precision])
        first_key = (first.year, first.month, first.day)[:common]
        last_key = ((last.year if last.year_source == "explicit" else first.year), last.month, last.day)[:common]
        found.append(DateRange(first.start, last.end, text[first.start:last.end], first_key, last_key))
    return found


def _ranges(text: str) -> List[DateRange]:
    found = [DateRange(m.start(), m.end(), m.group(0), (int(m.group(1)),), (int(m.group(2)),)) for m in _YEAR_RANGE.finditer(text)]
    for m in _DAY_RANGE.finditer(text):
        month = int(m.group(1))
        found.append(DateRange(m.start(), m.end(), m.group(0), (month, int(m.group(2))), (month, int(m.group(3)))))
    return sorted(found, key=lambda r: r.start)
