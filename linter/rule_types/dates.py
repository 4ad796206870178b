"""`dates`: dates that cannot be right, read from the dates extracted once per
document (`linter.extract.dates`).

Option `check` chooses what a rule reports:

- `exists`: a date the calendar does not have (2023年2月29日, 4月31日, 2024年13月,
  农历十三月).
- `weekday`: a weekday printed with a date that falls on another day.
- `lunar`: a lunar date, 干支 or zodiac year printed with a solar date that it does not match.
- `relative`: 今年/去年/前年/明年 followed by an explicit year that the publication date contradicts.
- `tense`: an event told in the past tense (召开了, 荣获 …) dated after the publication date.
- `extent`: a year far in the future (more than `max_years_ahead` after the
  publication year) or a month or day before `min_year`, unless the sentence is a plan.
- `range`: a range that runs backwards (2025—2021年, 1月20日—18日).
- `form`: GB/T 15835 / GB/T 9704 forms, chosen by option `form`: `mixed`
  (二〇二四年5月8日), `chinese-zero` (二零二四年), `zero-padding` (2024年05月08日 as a
  document's closing 成文日期), `two-digit-year` (21年3月5日), `lunar-arabic`
  (农历8月15日), `weekday-arabic` (星期5), `lunar-first-month` (农历一月 for 正月).
"""

import calendar
import datetime
import re

from linter.rule_types import Hit, RuleType, compile_regex
from linter.text_units import SENTENCE_END, in_book_title, line_start
from linter.patterns import lazy


WEEKDAY_NAMES = "一二三四五六日"

# Past-tense event words (the event has happened) and words that make a sentence a plan.
DEFAULT_PAST = r"(?:召开|举行|举办|完成|揭牌|开幕|闭幕|成立|启动|签约|签署|开展|通过|发布|印发)了|(?:召开|举行|举办|揭牌|开幕|闭幕|签约|成立)(?=[。；！])|荣获|获评|揭牌仪式上|顺利(?:召开|举行|举办|完成|通过)|圆满(?:完成|结束|落幕|闭幕)|隆重(?:召开|举行|举办)|胜利(?:召开|闭幕)"
DEFAULT_PLAN = r"将|拟|定于|计划|预计|预定|规划|力争|争取|目标|确保|届时|有望|即将|前|截至|截止|到|期间|以后|之后|起|要|应|须|需|下一步|通知|安排|方案|日程|议程|预告|报名|征集|邀请|欢迎"

# 21年3月5日 at the start of a clause or after 于/在/自; not 从医30年5月12日荣获….
# The look-behinds come after the first characters, where they test the same ones,
# so that the search skips ahead to a digit or to 星/礼: the year's two digits at the
# text's start or after a space or one of these marks and words.
_TWO_DIGIT_YEAR = lazy(r"(\d(?<![^\s，,。；：:（(“、于在自从至到]\d)\d)年(\d{1,2})月(\d{1,2})[日号]")
_WEEKDAY_ARABIC = lazy(r"(星期|礼拜)(?<!每..)([1-7])(?![\d次天个日小])")
# 零, the letter O, the circle ○ (U+25CB) and ◯, or a digit 0 for 〇 in a Chinese-numeral year.
_CHINESE_BAD_ZERO = lazy(r"[零OＯ0○◯]")
# The year a relative word spells out: 今年（2023年）, 去年2023年.
_YEAR_AFTER_RELATIVE = lazy(r"[ \t\u3000]*(?:[（(][ \t\u3000]*((?:19|20)\d\d)[ \t\u3000]*年?[ \t\u3000]*[)）]|((?:19|20)\d\d)年)")
_LABEL = lazy(r"[ \t\u3000]*[\u4e00-\u9fff\u3000 ]{2,10}[：:][ \t\u3000]*")
_NON_BLANK = lazy(r"[^ \t\u3000]")
# A 4-digit number with 年 after these is a count of years (有1300年历史), not a date.
_COUNT_BEFORE = "有近约达余超逾共用历经过满"


def _dates(doc):
    """The document's date facts; extract/dates.py is imported at first use, so a
    run without date rules (--select typography) never compiles its patterns."""
    from linter.extract.dates import dates

    return dates(doc)


class Dates(RuleType):
    name = "dates"
    fields = frozenset({"found", "expected", "date", "published"})  # what its messages may name
    # schema: at the end of the class, from the tables of checks and forms

    def __init__(self, options, error):
        super().__init__(options, error)
        check = options["check"]
        if check == "form" and "form" not in options:
            raise error("check", "check: form needs option `form` (one of " + ", ".join(self.FORMS) + ")")
        if "form" in options and check != "form":
            raise error("form", "option `form` is only for check: form")
        self.min_year = options.get("min_year", 1900)
        self.max_years_ahead = options.get("max_years_ahead", 5)
        self.past = compile_regex(options.get("past", DEFAULT_PAST), error, "past")
        self.plan = compile_regex(options.get("plan", DEFAULT_PLAN), error, "plan")
        self.run = self.FORMS[options["form"]] if check == "form" else self.CHECKS[check]

    def check(self, doc):
        return self.run(self, doc)

    # -- calendar ---------------------------------------------------------------

    def _exists(self, doc):
        found = _dates(doc)
        hits = []
        for m in found.mentions:
            # 2月29日 without a known year may be right (a leap year); `exists` allows it.
            if not m.exists and not (m.month == 2 and m.day == 29 and m.year_source == ""):
                hits.append(Hit(m.start, m.end, {"found": _one_line(m.text), "expected": _exists_hint(m)}))
        for lunar in found.lunars:
            if lunar.month is not None and not 1 <= lunar.month <= 12:
                hits.append(Hit(lunar.start, lunar.end, {"found": _one_line(lunar.text), "expected": "农历月份为正月至腊月（一至十二月，另有闰月）"}))
        return iter(sorted(hits, key=lambda hit: hit.start))

    def _weekday(self, doc):
        published = doc.metadata.date
        for m in _dates(doc).mentions:
            if m.weekday is None or m.weekday.arabic or not m.exists:
                continue
            if m.date is not None:
                date = m.date
            elif m.year_source == "" and published is not None:
                # No year: the weekday is wrong only if it fits none of the publication
                # year and the years either side (a December notice about January).
                candidates = [_date_or_none(y, m.month, m.day) for y in (published.year - 1, published.year, published.year + 1)]
                if any(c is not None and c.weekday() == m.weekday.weekday for c in candidates):
                    continue
                date = _date_or_none(published.year, m.month, m.day)
            else:
                continue
            if date is None or date.weekday() == m.weekday.weekday:
                continue
            expected = m.weekday.text[:-1] + WEEKDAY_NAMES[date.weekday()]
            yield Hit(m.weekday.start, m.weekday.end, {"found": m.weekday.text, "expected": expected, "date": f"{date.year}年{date.month}月{date.day}日"})

    def _lunar(self, doc):
        for m in _dates(doc).mentions:
            lunar = m.lunar
            if lunar is None or m.date is None or m.year_source != "explicit":
                continue
            actual = _lunar_of(m.date)
            if actual is None:
                continue
            wrong = (
                lunar.ganzhi and lunar.ganzhi not in actual["ganzhi"]
                or lunar.zodiac and lunar.zodiac not in actual["zodiac"]
                or lunar.month is not None and (lunar.month, lunar.leap) != (actual["month"], actual["leap"])
                or lunar.day is not None and lunar.day != actual["day"]
            )
            if wrong:
                yield Hit(lunar.start, lunar.end, {"found": _one_line(lunar.text), "expected": actual["text"], "date": _iso(m)})

    def _relative(self, doc):
        published = doc.metadata.date
        if published is None:
            return
        for relative in _dates(doc).relatives:
            if relative.year is None or relative.month is not None or relative.text.endswith("半年"):
                continue  # 本月, 上半年: no year of their own to contradict
            match = _YEAR_AFTER_RELATIVE.match(doc.text, relative.end)
            if match and int(match.group(1) or match.group(2)) != relative.year:
                yield Hit(relative.start, match.end(), {"found": doc.text[relative.start:match.end()], "expected": f"{relative.text}为{relative.year}年", "published": published.isoformat()})

    # -- against the publication date -------------------------------------------------

    def _tense(self, doc):
        published = doc.metadata.date
        if published is None:
            return
        text = doc.text
        mentions = _dates(doc).mentions
        for index, m in enumerate(mentions):
            if m.year is None or m.year_source not in ("explicit", "relative", "context"):
                continue
            if not _after(m, published) or in_book_title(doc, m.start) or _is_labelled(doc, m.start):
                continue
            # What the sentence says after this date and before the next one.
            clause_end = _find_end(text, m.end, SENTENCE_END)
            if index + 1 < len(mentions):
                clause_end = min(clause_end, mentions[index + 1].start)
            clause = text[m.end:clause_end + 1]  # with its 。, which says 揭牌。 is done
            sentence = text[_find_start(text, m.start, SENTENCE_END):_find_end(text, m.end, SENTENCE_END)]
            if self.past.search(clause) and not self.plan.search(sentence):
                start = m.relative.start if m.relative else m.start
                yield Hit(start, m.end, {"found": _one_line(text[start:m.end]), "published": published.isoformat()})

    def _extent(self, doc):
        published = doc.metadata.date
        text = doc.text
        for m in _dates(doc).mentions:
            if m.year_source != "explicit" or m.form == "numeric" or in_book_title(doc, m.start):
                continue
            # A year alone is often a count (有1300年历史), a history or an event bid for
            # years ahead (申办2011年第26届…); a month or day is a dated event.
            if m.precision == "year" or m.start > 0 and text[m.start - 1] in _COUNT_BEFORE:
                continue
            if _is_labelled(doc, m.start):
                continue
            too_old = m.year < self.min_year
            too_late = published is not None and m.year > published.year + self.max_years_ahead
            if not (too_old or too_late):
                continue
            sentence = text[_find_start(text, m.start, SENTENCE_END):_find_end(text, m.end, SENTENCE_END)]
            if too_late and self.plan.search(sentence):
                continue
            yield Hit(m.start, m.end, {"found": _one_line(m.text), "published": published.isoformat() if published else "",
                                       "expected": f"{self.min_year}年以后" if too_old else f"不晚于{published.year + self.max_years_ahead}年"})

    def _range(self, doc):
        for r in _dates(doc).ranges:
            if r.last < r.first:
                yield Hit(r.start, r.end, {"found": _one_line(r.text)})

    # -- forms (GB/T 15835, GB/T 9704) ------------------------------------------------------

    def _mixed(self, doc):
        for m in _dates(doc).mentions:
            if m.form == "mixed":
                yield Hit(m.start, m.end, {"found": _one_line(m.text), "expected": _arabic(m)})

    def _chinese_zero(self, doc):
        for m in _dates(doc).mentions:
            if m.year_text and not m.year_text.isdigit() and _CHINESE_BAD_ZERO.search(m.year_text):
                fixed = _CHINESE_BAD_ZERO.sub("〇", m.year_text)
                yield Hit(m.start, m.start + len(m.year_text), {"found": m.year_text, "expected": fixed})

    def _zero_padding(self, doc):
        """Only a document's closing 成文日期: a zero-padded full date alone on one of
        the last lines. A labelled 成文日期：2019年01月27日 is a catalogue's metadata, not the date line."""
        text = doc.text
        closing = _closing_lines(doc)
        for m in _dates(doc).mentions:
            if m.precision != "day" or m.form != "arabic" or "\n" in m.text:
                continue
            if not (m.month_text.startswith("0") or m.day_text.startswith("0")):
                continue
            line = doc.position(m.start)[0]
            start, end = doc.line_span(line)
            if line in closing and text[start:end].strip() == m.text.strip():
                yield Hit(m.start, m.end, {"found": m.text, "expected": f"{m.year}年{m.month}月{m.day}日"})

    def _two_digit_year(self, doc):
        for match in _TWO_DIGIT_YEAR.finditer(doc.text):
            month, day = int(match.group(2)), int(match.group(3))
            if 1 <= month <= 12 and 1 <= day <= 31:
                yield Hit(match.start(), match.end(), {"found": match.group(0), "expected": "完整的四位年份"})

    def _lunar_arabic(self, doc):
        for lunar in _dates(doc).lunars:
            if lunar.arabic:
                yield Hit(lunar.start, lunar.end, {"found": _one_line(lunar.text), "expected": "汉字数字（如农历八月十五）"})

    def _lunar_first_month(self, doc):
        for lunar in _dates(doc).lunars:
            if lunar.month_text == "一":
                month_at = lunar.start + lunar.text.index("一月")
                yield Hit(month_at, month_at + 2, {"found": "一月", "expected": "正月"})

    def _weekday_arabic(self, doc):
        for match in _WEEKDAY_ARABIC.finditer(doc.text):
            expected = match.group(1) + WEEKDAY_NAMES[int(match.group(2)) - 1]
            yield Hit(match.start(), match.end(), {"found": match.group(0), "expected": expected})

    CHECKS = {  # check: name -> what it reports (check: form picks from FORMS by the option form)
        "exists": _exists, "weekday": _weekday, "lunar": _lunar, "relative": _relative, "tense": _tense, "extent": _extent,
        "range": _range,
    }
    FORMS = {
        "mixed": _mixed, "chinese-zero": _chinese_zero, "zero-padding": _zero_padding, "two-digit-year": _two_digit_year,
        "lunar-arabic": _lunar_arabic, "weekday-arabic": _weekday_arabic, "lunar-first-month": _lunar_first_month,
    }
    schema = {
        "properties": {
            "check": {"enum": [*CHECKS, "form"], "description": "what the rule reports (see the dates rule type)"},
            "form": {"enum": list(FORMS), "description": "for check: form, which form rule"},
            "min_year": {"type": "integer", "description": "for check: extent, earliest year a month or day may have (default 1900)"},
            "max_years_ahead": {"type": "integer", "minimum": 0, "description": "for check: extent, latest year after the publication year (default 5)"},
            "past": {"type": "string", "minLength": 1, "description": "for check: tense, regex of past-tense event words"},
            "plan": {"type": "string", "minLength": 1, "description": "for check: tense and extent, regex of words that make a sentence a plan"},
        },
        "required": ["check"],
    }


# -- helpers -------------------------------------------------------------------------


def _lunar_of(date):
    """The lunar date of a solar date: 干支 year (by 春节, or by 立春 as some almanacs
    print it), zodiac, month, leap flag, day, and its printed form."""
    try:
        from lunar_python import Solar
    except ImportError:  # pragma: no cover - a declared dependency
        return None
    lunar = Solar.fromYmd(date.year, date.month, date.day).getLunar()
    month = lunar.getMonth()
    return {
        "ganzhi": {lunar.getYearInGanZhi(), lunar.getYearInGanZhiExact()},
        "zodiac": {lunar.getYearShengXiao(), lunar.getYearShengXiaoExact()},
        "month": abs(month),
        "leap": month < 0,
        "day": lunar.getDay(),
        "text": f"农历{lunar.getYearInGanZhi()}年{lunar.getMonthInChinese()}月{lunar.getDayInChinese()}",
    }


def _date_or_none(year, month, day):
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def _after(m, published) -> bool:
    if m.precision == "day":
        return m.date is not None and m.date > published
    if m.precision == "month":
        return (m.year, m.month) > (published.year, published.month)
    return m.year > published.year


def _is_labelled(doc, offset) -> bool:
    """Whether a date is the value of a labelled line (发布日期：2018年12月24日): a
    catalogue's metadata (a web republication date), not something the document tells."""
    text = doc.text
    start = line_start(doc, offset)
    first = _NON_BLANK.search(text, start, offset)
    if first is None:
        return False
    # Matched in place from just before the line's first character (blanks further back change
    # nothing), so a date on a 20 MB line costs a few characters, not a copy of the line.
    return bool(_LABEL.fullmatch(text, max(start, first.start() - 12), offset))


# How far a sentence boundary is looked for: a long document without ！ must not
# be scanned whole for every date.
_SENTENCE_REACH = 400


def _find_start(text, offset, stops) -> int:
    floor = max(0, offset - _SENTENCE_REACH)
    found = max(text.rfind(c, floor, offset) for c in stops)
    return found + 1 if found >= 0 else floor


def _find_end(text, offset, stops) -> int:
    ceiling = min(len(text), offset + _SENTENCE_REACH)
    ends = [i for i in (text.find(c, offset, ceiling) for c in stops) if i >= 0]
    return min(ends) if ends else ceiling


def _closing_lines(doc, count=4):
    """Line numbers of the last `count` non-blank lines."""
    lines = [number for number, _, line in doc.lines() if line.strip()]
    return set(lines[-count:])


def _one_line(text: str) -> str:
    return re.sub(r"\s*\n\s*", " ", text)


def _iso(m) -> str:
    return f"{m.year}年{m.month}月{m.day}日"


def _arabic(m) -> str:
    parts = [f"{m.year}年" if m.year_text else "", f"{m.month}月" if m.month_text else "", f"{m.day}日" if m.day_text else ""]
    return "".join(parts)


def _exists_hint(m) -> str:
    if m.month is not None and not 1 <= m.month <= 12:
        return "月份应为1～12"
    if m.year is not None and m.month == 2 and m.day == 29:
        return f"{m.year}年不是闰年，2月只有28天"
    if m.month is not None and 1 <= m.month <= 12:
        return f"{m.month}月只有{calendar.monthrange(m.year or 2024, m.month)[1]}天"
    return "存在的日期"
