"""Enumeration counts in a document, read once (`enumerations(doc)`): a count
stated with the list it counts, so that the two can be compared.

Shapes read:
- the count, then its list after a colon: 四个“生命通道”：稳定循环、引流毒素、早期营养;
  实现三个突破：一是…二是…三是…; 共5项：\\n1.…\\n2.… (lead-ins and numbered lines
  counted while their numbers run on from 一 or 1);
- the list, then the count: 稳定循环、引流毒素、早期营养四个“生命通道”; items
  joined by commas only when the counted noun is quoted (四个“生命通道”) and
  every item is short.

Only a list read without doubt is returned: one ending in 等 or …… (open), one with
items that are clauses (commas after a colon), long items, or items holding
another count or a second 和 say nothing.
"""

import re
from dataclasses import dataclass
from typing import List, Optional, Tuple

from linter import patterns
from linter.extract import finditer_around, offsets_of
from linter.numerals import chinese_number
from linter.patterns import lazy

_COUNT = r"(?P<count>十[一二三四五六七八九]?|[两二三四五六七八九]|\d{1,2})"
_MEASURE = r"(?P<measure>个|大|项|条|种|类|方面|件|批|位|名)"
_NOUN = r"(?P<noun>“[^”\n]{1,12}”|[\u4e00-\u9fff]{0,8}?)"
# A count right after a Chinese character or a closing quote: the end of a list before it.
# (Both begin with a lookahead for a count's first character: quick to skip the rest of a long text.)
_COUNT_AFTER_LIST = lazy(rf"(?=[十两二三四五六七八九\d])(?<=[\u4e00-\u9fff”])(?<![第前后近约共这那每的地得零〇一二两三四五六七八九十百千万])" + _COUNT + _MEASURE + r"(?P<noun>“[^”\n]{1,12}”|[\u4e00-\u9fff]{1,6}(?=[，,。；;：:、\n）)]|$))")
# A count whose noun ends at a colon: its list follows.
_COUNT_BEFORE_LIST = lazy(r"(?=[十两二三四五六七八九\d])(?<![第前后近约每\d一二两三四五六七八九十百千万])" + _COUNT + _MEASURE + _NOUN + r"[：:]")
_MAX_ITEM = 15
_MAX_COMMA_ITEM = 8
_AND = lazy(r"以及|和|及|与")
_NESTED_COUNT = lazy(r"[一二两三四五六七八九十\d]+[个项条种类大]")
# Inline lead-ins of the items: 一是… 二是…, 一、… 二、…, （一）…, 第一，…, 1.…, （1）….
_LEAD_IN = lazy(r"([一二三四五六七八九十]+)是|(?<![\u4e00-\u9fff\d])([一二三四五六七八九十]+)、|[（(]([一二三四五六七八九十]+|\d{1,2})[）)]"
                      r"|第([一二三四五六七八九十]+)[，,、]|(?<![\d.])(\d{1,2})[.．、](?!\d)")
# Words that make a piece before a count a clause rather than an item.
_CLAUSE_WORDS = lazy(r"[的地得要将把从在对是]")
_NUMBERED_LINE = [
    lazy(r"[ \t\u3000]*(\d{1,2})[.．、](?!\d)"),
    lazy(r"[ \t\u3000]*[（(](\d{1,2})[）)]"),
    lazy(r"[ \t\u3000]*([一二三四五六七八九十]+)、"),
    lazy(r"[ \t\u3000]*[（(]([一二三四五六七八九十]+)[）)]"),
    lazy(r"[ \t\u3000]*([一二三四五六七八九十]+)是"),
]


@dataclass(frozen=True)
class Enumeration:
    start: int  # the count and its noun (四个“生命通道”)
    end: int
    text: str
    count: int
    items: Tuple[str, ...]
    closed: bool = True  # False for lead-ins (一是…二是…): the text may go on counting in other words (一类是…另一类是…)

    @property
    def listed(self) -> int:
        return len(self.items)


def enumerations(doc) -> List[Enumeration]:
    """Every count stated with its list, computed once."""
    return doc.memo("enumerations", lambda: extract(doc.text))


def extract(text: str) -> List[Enumeration]:
    found = []
    # A count before its list ends at a colon, at most 19 characters long (十二个方面：,
    # 三个“…12 characters…”：): searched for around each colon.
    for match in finditer_around(_COUNT_BEFORE_LIST, text, offsets_of(text, "：:"), 19):
        count = _value(match.group("count"))
        if match.group("noun").lstrip("“").startswith("字"):
            continue  # 八个字: a count of characters
        if match.group("count") == "二" and match.group("measure") == "类":
            continue  # 二类事项: the second category's name (two of them is 两类)
        listed = _list_after(text, match.end()) if count else None
        if listed:
            items, closed = listed
            found.append(Enumeration(match.start(), match.end() - 1, match.group(0)[:-1], count, items, closed))
    taken = {e.start for e in found}
    for match in _COUNT_AFTER_LIST.finditer(text):
        count = _value(match.group("count"))
        if not count or match.start() in taken or match.group("noun").lstrip("“").startswith("字"):
            continue
        # Before a count, only a list that is marked as one is read: a quoted noun
        # (四个“生命通道”), a quoted list (“战略、人才、质控、生态”四大板块) or 大 (三大攻坚战).
        marked = match.group("noun").startswith("“") or text[match.start() - 1] == "”" or match.group("measure") == "大"
        items = _list_before(text, match.start(), match.group("noun").startswith("“")) if marked else None
        if items:
            found.append(Enumeration(match.start(), match.end(), match.group(0), count, items))
    return sorted(found, key=lambda e: e.start)


def _value(word: str) -> Optional[int]:
    value = int(word) if word.isdigit() else chinese_number(word, digit_by_digit=False)
    return value if value is not None and 2 <= value <= 20 else None


# -- the list after a colon ------------------------------------------------------------


def _list_after(text: str, start: int) -> Optional[Tuple[Tuple[str, ...], bool]]:
    """(items, closed) of the list after a colon, read from the rest of its line
    (at most _LIST_REACH characters) or from the numbered lines below it."""
    line_end = text.find("\n", start, start + _LIST_REACH)
    line_end = min(len(text), start + _LIST_REACH) if line_end < 0 else line_end
    rest = text[start:line_end]
    if not rest.strip():
        lines = _numbered_lines(text, line_end + 1)
        return (lines, False) if lines else None
    leads = _lead_ins(rest)
    if leads:
        return leads, False
    if _LEAD_IN.match(rest.lstrip()):
        return None  # 三个方面：一是…。 with no 二是 on its line: the list goes on elsewhere
    sentence = re.split(r"[。！!？?]", rest, 1)[0]
    if "…" in sentence:
        return None  # 另四条建议：建议…；建议……: the list is cut short
    if re.search(r"[；;]", sentence):
        # A；B；C: items that may hold commas of their own, each closed by a semicolon.
        items = tuple(item.strip() for item in re.split(r"[；;]", sentence))
        return (items, True) if all(items) and not re.search(r"[：:]", sentence) else None
    if re.search(r"[，,：:（(]", sentence):
        return None  # clauses, not items
    items = _items(sentence)
    return (items, True) if items else None


def _lead_ins(paragraph: str) -> Optional[Tuple[str, ...]]:
    """一是…二是…三是…: the lead-ins, while they run on from 一."""
    found, form = [], None
    for match in _LEAD_IN.finditer(paragraph):
        kind = match.lastindex  # which form of lead-in
        number = _value_or_one(match.group(kind))
        if form is not None and kind != form:
            continue
        if number != len(found) + 1:
            if found and number == 1:
                break  # a new list begins
            continue
        form = kind
        found.append(match.group(0))
    return tuple(found) if len(found) >= 2 and paragraph.lstrip().startswith(found[0]) else None


_MAX_LIST_LINES = 40
# How far past its colon a list is read on the colon's line: a paragraph is far shorter
# (the corpus's longest line has 1,269 characters); a text that lost its line breaks is not one.
_LIST_REACH = 5000


def _numbered_lines(text: str, start: int) -> Optional[Tuple[str, ...]]:
    """Lines after a colon that number the items: 1.… 2.…, （一）…, 一是…; an
    item may run on over lines without a number. The list ends at a number out
    of sequence or a line numbered in another form."""
    end = start - 1
    for _ in range(_MAX_LIST_LINES):  # only these lines are copied, not the rest of the document
        end = text.find("\n", end + 1)
        if end < 0:
            end = len(text)
            break
    lines = text[start:end].split("\n")
    found, pattern = [], None
    for line in lines:
        if not line.strip():
            continue
        numbered = next((p for p in _NUMBERED_LINE if p.match(line)), None)
        if pattern is None:
            if numbered is None:
                return None
            pattern = numbered
        if numbered is None:
            continue
        if numbered is not pattern or _value_or_one(pattern.match(line).group(1)) != len(found) + 1:
            break
        found.append(pattern.match(line).group(0).strip())
    return tuple(found) if len(found) >= 2 else None


def _value_or_one(word: str) -> Optional[int]:
    return int(word) if word.isdigit() else chinese_number(word, digit_by_digit=False)


# -- the list before a count -------------------------------------------------------------


def _list_before(text: str, end: int, quoted: bool) -> Optional[Tuple[str, ...]]:
    start = max(text.rfind(mark, max(0, end - 200), end) for mark in "，,。；;：:！!？?\n（(") + 1
    segment = text[start:end]
    if "、" in segment:
        return _items(segment)
    if quoted and start > 0 and text[start - 1] in "，,":
        return _comma_items(text, start, end)
    return None


def _comma_items(text: str, start: int, end: int) -> Optional[Tuple[str, ...]]:
    """稳定循环,引流毒素,早期营养: short items joined by commas, walking back
    until an item is too long to be one (it is the clause the list stands in)."""
    items = [text[start:end]]
    while start > 0 and text[start - 1] in "，,":
        previous = max(text.rfind(mark, max(0, start - 1 - 40), start - 1) for mark in "，,。；;：:！!？?\n（(") + 1
        item = text[previous:start - 1]
        if not patterns.compile(rf"[\u4e00-\u9fff]{{2,{_MAX_COMMA_ITEM}}}").fullmatch(item):
            break
        items.insert(0, item)
        start = previous
    if not all(patterns.compile(rf"[\u4e00-\u9fff]{{2,{_MAX_COMMA_ITEM}}}").fullmatch(item) for item in items):
        return None
    return tuple(items) if len(items) >= 3 else None


def _items(segment: str) -> Optional[Tuple[str, ...]]:
    """A、B和C → (A, B, C); None when the list is open (等) or not plainly a list."""
    items = [item.strip() for item in segment.strip().split("、")]
    if "等" in segment or any(_AND.search(item) for item in items[:-1]):
        return None
    last = _AND.split(items[-1])
    if len(last) > 2 or any(len(part) < 2 for part in last):
        return None  # 共和国, 参与: 和 and 与 inside a word
    items[-1:] = last
    if len(items) < 2 or any(_NESTED_COUNT.search(item) or len(item) < 2 for item in items):
        return None
    if any(_CLAUSE_WORDS.search(item) for item in items[1:]):
        return None  # 旗帜鲜明、理直气壮地宣传四项基本原则: not items of the count
    # The first item may carry the verb of the sentence (推进京津冀协同发展、…).
    if len(items[0]) > 2 * _MAX_ITEM or any(len(item) > _MAX_ITEM for item in items[1:]):
        return None
    return tuple(items)
