"""`spelling`: wrong characters and words (错别字).

Option `check` chooses what a rule reports:

- `known`: a word or idiom of the shipped table of common misspellings
  (`linter/data/spelling/misspellings.yaml`: 再接再励 → 再接再厉, 按步就班 →
  按部就班), where jieba puts word boundaries on both of its ends, so a form
  that spans two words (恋爱|带来 holds 爱带) stays silent. A form inside a
  book title (《…》, a cited document) is quoted, not written, and is not reported.

- `idiom`: a four-character run one character away from exactly one common
  idiom of jieba's dictionary (tag i, frequency >= 100: 迫在眉睫), where the run
  is no word, stands on word boundaries, the changed character is in no
  dictionary word there (难以|置身 is two words, not a slip for 难以置信), and it sounds
  or looks like the idiom's (as for `variant`): 迫在眉捷 → 迫在眉睫.

- `place`: a prefecture or county written right after a province it is not in
  (西藏成都: 成都 is in 四川; 四川省张家界; 湖南省桐梓县), from the divisions of
  `linter/data/spelling/places.yaml`. Only a province name (四川, 四川省)
  immediately followed by the place counts, so 从西藏到成都 and 西藏、成都 stay
  silent; only prefectures whose short name is unambiguous (no province, no
  county elsewhere, no word of its own: 日照 in 甘肃日照充足) and counties written
  in full with a name found in one province only. The four municipalities do
  not lead (北京成都两地 is a pair of cities), and the place must end on a jieba
  word boundary (广东中山路, 四川新乡村 stay silent).

- `variant`: a term spelt two ways in one document, the term-level sibling of
  NM011: a four-character word of jieba's dictionary used at least twice
  (公共卫生), and once with one character changed (公众卫生). The slip must look
  like one: the changed character sounds like the term's (in their usual
  readings the same syllable, or the same final and tone: 共 gòng / 众 zhòng;
  `pinyin.txt`, made from pypinyin) or looks like it
  (贷/货, pycorrector's same_stroke.txt); the variant is no word, is used once,
  stands on word boundaries without making a word with a neighbour
  (中|外方投资), and its changed word (公众) is used nowhere else in the
  document, so a writer who uses 体系 elsewhere meant 体系改革 beside 体制改革.
  A change to a numeral, a direction, a determiner or an administrative level
  (第一/第二季度, 各项/这项, 省级/市级) makes another term and is not reported.
  Terms are found by counting four-character windows, so the document is not
  segmented whole; only the lines of candidates are.

- `model`: a confusable character scored by the character bigram model
  (`linter/language_model.py`): a character in no word with its neighbours,
  no common word of its own (去, 和, 以), on a weak bigram, whose homophone or
  look-alike (pycorrector's same_pinyin.txt and same_stroke.txt, pinyin.txt)
  makes a common two-character word with a neighbour and wins at least MARGIN
  in the bigram model's log probability and WORD_MARGIN in jieba's word model:
  经跻体制 → 经济体制. Lists of short items (助餐、助浴), short quoted slogans,
  characters the document is about (寄 in a postal rule), names after a title,
  names and places jieba's HMM finds (张瑛华说, 漳水村: `_unknown_name`), words of
  linter/data/words.txt jieba lacks (抖音), numbered short forms (三矿),
  parallel frames (冻手冻脚, 上坎组至下坎组, 只褒不贬: `_parallel`), frames of
  usage (围了上来, 哇的一声, 洋壹千陆百: `_in_frame`), traditional characters
  and book titles stay silent; in a document that reads unlike the model's
  official text (news: a third of its bigrams weak) the margin grows
  (`_distrust`). Whether a scored
  candidate is reported is decided in `reported`, apart from the search.

The tables are read on first use and cached (parsed YAML in the user cache), so
a run that does not use the pack loads nothing.
"""

import array
import functools
import math
import re
import sys
from collections import Counter, defaultdict
from itertools import chain, compress, count, repeat
from operator import add, and_, or_
from importlib import resources
from typing import NamedTuple

from linter import patterns, segment
from linter.rule_types import Hit, RuleType, word_boundaries
from linter.text_units import in_book_title


class Spelling(RuleType):
    name = "spelling"
    fields = frozenset({"found", "expected", "place", "province", "right", "count", "line"})
    CHECKS = ("known", "idiom", "place", "variant", "model")
    schema = {
        "properties": {
            "check": {"enum": list(CHECKS), "description": "what the rule reports (see the spelling rule type)"},
        },
        "required": ["check"],
    }

    def check(self, doc):
        return {"known": self._known, "idiom": self._idioms, "place": self._places,
                "variant": self._variants, "model": self._confusable}[self.options["check"]](doc)

    def _known(self, doc):
        table, _ = known_misspellings()
        by_head, text = _misspellings_by_head(), doc.text
        # What the table's regex finds (leftmost, the longest form first, no overlap),
        # asked only where the text has a form's first two characters.
        matches, end = [], 0
        for start in _pairs_coded(doc, _KNOWN):
            if start >= end:
                found = next((form for form in by_head[text[start:start + 2]] if text.startswith(form, start)), None)
                if found:
                    end = start + len(found)
                    matches.append((start, end, found))
        if not matches:
            return
        bounds = word_boundaries(doc)
        for start, end, found in matches:
            if start in bounds and end in bounds and not in_book_title(doc, start):
                yield Hit(start, end, {"found": found, "expected": table[found]})

    def _idioms(self, doc):
        index, han = idioms(), _han(doc)
        # Runs of four Chinese characters that share their first or last two with an
        # idiom (one in a hundred), found as pair keys in one pass over the text.
        starts = set()
        for at in _pairs_coded(doc, _IDIOM):
            if han[at:at + 2] in index.heads:
                starts.add(at)
            if at >= 2 and han[at:at + 2] in index.tails:
                starts.add(at - 2)
        bounds = None
        hits = []
        near_of = {}  # window -> (the idiom, the changed place) or None
        for start in sorted(starts):
            window = han[start:start + 4]
            if len(window) < 4 or "\0" in window:
                continue
            if window not in near_of:
                near_of[window] = _near_idiom(doc, index, window)
            if near_of[window] is None:
                continue
            idiom, k = near_of[window]
            bounds = bounds or word_boundaries(doc)
            word = _word_at(doc, start + k) if start in bounds and start + 4 in bounds else ""
            # 难以|置身 (置身其外) is two words, not a slip for 难以置信.
            if word and not (len(word) > 1 and segment.is_word(doc, word)) and not in_book_title(doc, start):
                hits.append(Hit(start, start + 4, {"found": window, "expected": idiom}))
        return hits

    def _places(self, doc):
        data = places()
        matches = list(data.regex.finditer(doc.text))
        if not matches:
            return
        bounds = word_boundaries(doc)
        for match in matches:
            province, place = match.group("province"), match.group("place")
            short = province if province in data.provinces else data.short[province]
            right = data.prefectures.get(place) or data.counties[place]
            if right == short or match.start() not in bounds or in_book_title(doc, match.start()):
                continue
            end = match.end() if match.end() in bounds else match.end("place")  # 成都市 or 成都
            if end not in bounds:
                continue
            written = data.provinces[right] if province in data.short else right
            yield Hit(match.start(), end, {"found": doc.text[match.start():end], "place": place, "province": province,
                                           "right": data.provinces[right], "expected": written + doc.text[match.start("place"):end]})

    def _variants(self, doc):
        text = doc.text
        # Terms: four-character dictionary words used at least twice. Counting
        # windows of the text needs no segmentation of the whole document.
        counts = windows(doc)
        terms = sorted(w for w, n in counts.items() if n >= 2 and segment.is_word(doc, w))
        if not terms:
            return
        filled = _filled(_han(doc), terms)
        bounds = None
        for term in terms:
            for i, char in enumerate(term):
                if char in _OTHER_TERM:
                    continue
                found = filled.get((term, i), ())
                if len(found) != 1:  # a form used twice is meant
                    continue
                start, end = found[0], found[0] + len(term)
                changed, variant = text[start + i], text[start:end]
                if (changed in _OTHER_TERM or segment.is_word(doc, variant)
                        or not similar(char, changed) or in_book_title(doc, start)):
                    continue
                # An edge that makes a word with its neighbour (中|外方投资: 中外) is cut elsewhere.
                if segment.is_word(doc, text[start - 1:start + 1]) or segment.is_word(doc, text[end - 1:end + 1]):
                    continue
                bounds = bounds or word_boundaries(doc)
                if start not in bounds or end not in bounds:
                    continue
                word = _word_at(doc, start + i)
                if text.count(word) != 1:  # 体系 used elsewhere: 体系改革 is meant
                    continue
                yield Hit(start, end, {"found": variant, "expected": term, "count": counts[term],
                                       "line": doc.position(text.find(term))[0]})


    def _confusable(self, doc):
        text, words = doc.text, segment.word_model(doc)
        for offset, char, better, gain, word_gain in confusable_candidates(
                text, lambda word: segment.is_word(doc, word), words, MARGIN, doc=doc):
            if not reported(doc, offset, char, better, gain, word_gain):
                continue
            start, end = _word_span(words, text, offset, better)
            yield Hit(start, end, {"found": text[start:end],
                                   "expected": text[start:offset] + better + text[offset + 1:end]})


# -- SP003: whether a scored candidate is reported ----------------------------

def reported(doc, offset: int, char: str, better: str, gain: float, word_gain: float) -> bool:
    """SP003's decision on a candidate of `confusable_candidates`: the margins,
    then the evidence that the character is written so on purpose."""
    if word_gain < WORD_MARGIN or gain + word_gain < TOTAL or in_book_title(doc, offset):
        return False
    if gain + word_gain < TOTAL + _distrust(doc) and not _sure_anyway(doc, offset, better, word_gain):
        return False
    return not (_unknown_name(doc, offset) or _parallel(doc.text, offset) or _in_frame(doc, offset, better))


def _sure_anyway(doc, offset: int, better: str, word_gain: float) -> bool:
    """Whether a candidate needs no added margin (`_distrust`): jieba's word model,
    counted on general text, news too, alone wins WORD_SURE; or the word the
    replacement makes is used WORD_USES times in the document (as SP005 reads a
    term used several times and once changed), within WORD_USES_NEAR characters
    (a long document is not searched whole for every candidate)."""
    if word_gain >= WORD_SURE:
        return True
    text = doc.text
    word = text[offset - 1:offset] + better
    if not (offset and segment.is_word(doc, word)):
        word = better + text[offset + 1:offset + 2]
    return text.count(word, max(0, offset - WORD_USES_NEAR), offset + WORD_USES_NEAR) >= WORD_USES


def _distrust(doc) -> float:
    """What SP003 adds to TOTAL in a document that reads unlike the model's
    official text: the share of its bigrams of two Chinese characters that are
    weak (not strong, see `confusion`) above WEAK_SHARE, times WEAK_COST, at most
    WEAK_MOST. Official text the model has not seen has 10-28% of them, news and
    spoken text over 30%, where a rare word or a colloquial turn (面剂, 化雪时,
    牛崽) reads as badly as a slip. Counted on documents of at least WEAK_PAIRS
    pairs (a sentence says little)."""
    def measure():
        pairs = sum(len(run) - 1 for run in _HAN.findall(doc.text))
        if pairs < WEAK_PAIRS:
            return 0.0
        weak = _pair_codes(doc).translate(_WEAK).count(1)  # a pair with a character not Chinese is strong
        return min(WEAK_MOST, max(0.0, weak / pairs - WEAK_SHARE) * WEAK_COST)
    return doc.memo("spelling-distrust", measure, scratch=True)


# Tuned on the tuning halves (news-sentences: 0.32-0.37 weak, +4.5 at 0.34; the
# ECSpell law set 0.19, its medical one 0.40): at most 0.1 false findings per
# 10,000 characters of news, no right character of the law set lost; beyond
# WEAK_MOST news loses no false finding more, only slips (the medical set's).
WEAK_SHARE = 0.25
WEAK_COST = 50.0
WEAK_MOST = 5.0
# Below this the share is too noisy (at 500 pairs about ±0.02, against the 0.08 between
# unseen official text and WEAK_SHARE), and a sentence with a slip or two has a few weak pairs more.
WEAK_PAIRS = 500
# What needs no added margin (news tuning half: 163 -> 173 right findings with
# WORD_SURE, 175 with WORD_USES too, none false more; the medical set, one
# document of 75,000 characters, 74 -> 106 right characters).
WORD_SURE = 12.0
WORD_USES = 6
WORD_USES_NEAR = 30_000


def _parallel(text: str, offset: int) -> bool:
    """Whether the character stands in a parallel frame, which a writer builds on
    purpose and a slip does not: it recurs two places away (冻手冻脚, 似有似无,
    越带越强, 警情警事); it and a neighbour recur close by (上坎组至下坎组); or it
    ends a word whose first half stands before a conjunction or a negation (只褒不贬:
    褒贬; 艰和险: 艰险), or begins one whose second half stands after it."""
    char = text[offset]
    if char in (text[offset - 2] if offset >= 2 else "", text[offset + 2:offset + 3]):
        return True
    around = text[max(0, offset - _NEAR):offset + _NEAR + 1]
    for pair in (text[offset - 1:offset + 1] if offset else "", text[offset:offset + 2]):
        if len(pair) == 2 and _HAN.fullmatch(pair) and around.count(pair) > 1:
            return True
    if offset >= 2 and text[offset - 1] in _JOINS and _common_word(text[offset - 2] + char):
        return True
    return text[offset + 1:offset + 2] in _JOINS and _common_word(char + text[offset + 2:offset + 3])


_NEAR = 10  # characters each side where a recurring pair makes a parallel (上坎组至下坎组)
_JOINS = frozenset("和与及或而不无有又也亦且非")  # what splits a word's halves in a parallel (只褒不贬)
_HAN = re.compile("[\u4e00-\u9fff]+")


def _in_frame(doc, offset: int, better: str) -> bool:
    """Whether the character fills a frame of spoken or written usage that the
    model of official text lacks: a verb of its own before a directional
    complement (架线工们围了上来, 要拾过来, 要蜕去…头衔; a one-character one, 到
    or 去, only where the replacement would not take it into its word), a sound
    before 的一声 (哇的一声), or a capital numeral in a sum written out (洋壹千陆百)."""
    text = doc.text
    char, before, after = text[offset], text[offset - 1:offset], text[offset + 1:offset + 4]
    if after.startswith(("的一声", "地一声", "一声")):
        return True
    if char in _CAPITAL_NUMERALS and (before in _CAPITAL_NUMERALS or after[:1] in _CAPITAL_NUMERALS or after[:1] in _SUM_UNITS):
        return True
    if not (segment.word_model(doc).tag(char) or "").startswith("v"):
        return False
    complement = after[1:] if after[:1] in _ASPECT else after
    if complement[:2] in _DIRECTIONS:
        return True
    return complement[:1] in _SHORT_DIRECTIONS and not segment.is_word(doc, better + after[:1])


# Directional complements (围了上来, 拾过来), after 了 or 着 or none.
_DIRECTIONS = frozenset("上来 下来 过来 起来 出来 进来 回来 过去 下去 上去 出去 回去 进去".split())
_SHORT_DIRECTIONS = frozenset("到去")
_ASPECT = frozenset("了着")
_CAPITAL_NUMERALS = frozenset("零壹贰叁肆伍陆柒捌玖拾佰仟")
_SUM_UNITS = frozenset("千百万元角")


def _common_word(word: str) -> bool:
    """Whether jieba's dictionary has the word of two Chinese characters at SP003's word frequency."""
    from linter import dictionary

    return len(word) == 2 and bool(_HAN.fullmatch(word)) and (dictionary.load().frequency(word) or 0) >= _WORD_FREQUENCY


def _unknown_name(doc, offset: int) -> bool:
    """Whether jieba's segmentation (its HMM finds words its dictionary lacks) puts
    the character in a word of three or more characters that is no dictionary
    word and reads as a name: a place ending last (肖金镇漳水村, 绿汁江), or a
    surname first with the character after it (张瑛华说), where a surname that is
    also a common word of its own (张, 高, 应) needs a verb of saying after the
    name, and the last character is no such word (周欺是 is 周期 and 是). Two-character guesses are left alone: the HMM glues a slip to its
    neighbour as readily (工昨, 金溶), and so it does a slip in the surname's
    place (申理前, 吕颈炎)."""
    from linter.extract.names import surnames

    word, start = _token_at(doc, offset)
    if len(word) < 3 or segment.is_word(doc, word):
        return False
    if word[-1] in _PLACE_ENDS:
        return True
    common = common_characters()
    return offset > start and word[0] in surnames() and word[-1] not in common and (
        word[0] not in common or doc.text.startswith(_SAYING, start + len(word)))


# Last characters of place names (村, 镇, 江, 寺 …).
_PLACE_ENDS = frozenset("省市县区乡镇村屯寨庄江河湖溪山岭峰岛湾港桥路街巷寺庙殿")
# What follows a name in news (张瑛华说).
_SAYING = ("说", "表示", "介绍", "认为", "指出", "告诉", "称", "坦言", "透露", "回忆", "强调", "笑着")


def windows(doc) -> dict:
    """How often each run of four Chinese characters that occurs more than once
    occurs (SP005's terms)."""
    return doc.memo("spelling-windows", lambda: _repeated_windows(_han(doc)), scratch=True)


def _repeated_windows(han: str) -> dict:
    """{run of four Chinese characters: its uses} for those used twice or more.
    Four characters of the text in UTF-16 read as one 64-bit number, so the
    windows are counted in C without a string made for each, and only the
    repeated ones are read back as text."""
    n = len(han) - 3
    if n <= 0:
        return {}
    data = memoryview(han.encode(_UTF16))
    counts = Counter(chain.from_iterable(  # the windows at r, r + 4, r + 8 …
        data[2 * r:2 * r + 8 * ((n - r + 3) // 4)].cast("Q") for r in range(min(4, n))))
    repeated = list(compress(counts.keys(), map((1).__lt__, counts.values())))
    text = array.array("Q", repeated).tobytes().decode(_UTF16)
    return {window: uses for window, uses in zip(map(text.__getitem__, map(slice, count(0, 4), count(4, 4))),
                                                 map(counts.__getitem__, repeated)) if "\0" not in window}


def _filled(han: str, terms) -> dict:
    """(term, i) -> where the text has the term with another Chinese character at
    place i (han: the text with NUL for every other character), for all the terms
    at once: such a run shares the term's first two characters (i = 2, 3) or its
    last two (i = 0, 1), and one pass over the text finds where those stand (as
    pair keys), instead of a search of the whole text per term and place."""
    by_head, by_tail = defaultdict(list), defaultdict(list)
    for term in terms:
        by_head[term[:2]].append(term)
        by_tail[term[2:]].append(term)
    found = defaultdict(list)
    for at in _pairs_in(han, pair_keys(by_head.keys() | by_tail.keys())):
        pair = han[at:at + 2]
        window = han[at:at + 4]  # the pair first: i = 2, 3
        for term in by_head.get(pair, ()) if len(window) == 4 else ():
            k = 2 if window[3] == term[3] else 3 if window[2] == term[2] else None
            if k is not None and window[k] != term[k] and window[k] != "\0":
                found[term, k].append(at)
        window = han[at - 2:at + 2] if at >= 2 else ""  # the pair last: i = 0, 1
        for term in by_tail.get(pair, ()) if window else ():
            k = 0 if window[1] == term[1] else 1 if window[0] == term[0] else None
            if k is not None and window[k] != term[k] and window[k] != "\0":
                found[term, k].append(at - 2)
    return found  # each place's starts in order: from one branch, offsets rising


class Idioms(NamedTuple):
    holes: dict  # (place, the other three characters) -> the one idiom they fit; None when several do
    heads: frozenset  # first two characters of every idiom
    tails: frozenset  # last two characters


@functools.lru_cache(maxsize=1)
def idioms() -> Idioms:
    """The four-character idioms of jieba's dictionary (tag i) common enough to be sure of (frequency >= 100),
    kept in the user cache (reading them from the dictionary costs 0.3 s a process)."""
    return Idioms(*_user_cached("spelling-idioms", _idioms_index))


def _idioms_index() -> Idioms:
    from linter import dictionary

    loaded = dictionary.load()
    found = [w for w, tag in loaded.entries() if tag == "i" and len(w) == 4 and _CHINESE.fullmatch(w)
             and (loaded.frequency(w) or 0) >= _IDIOM_FREQUENCY]
    holes = {}
    for idiom in found:
        for k in range(4):
            key = (k, idiom[:k] + idiom[k + 1:])
            holes[key] = idiom if key not in holes else None
    return Idioms(holes, frozenset(w[:2] for w in found), frozenset(w[2:] for w in found))


_IDIOM_FREQUENCY = 100




def _near_idiom(doc, index: Idioms, window: str):
    """(the one idiom the run of four characters is one character away from, the
    changed place), when the run is no word and the change looks like a slip; else None."""
    near = {index.holes.get((k, window[:k] + window[k + 1:])) for k in range(4)} - {None}
    if len(near) != 1:
        return None
    idiom = near.pop()
    if idiom == window:
        return None
    k = next(k for k in range(4) if idiom[k] != window[k])
    if segment.is_word(doc, window) or not similar(idiom[k], window[k]):
        return None
    return idiom, k


def _word_at(doc, offset: int) -> str:
    """The jieba word holding the character at offset, its sentence segmented alone.
    jieba cuts at sentence marks anyway, so the words are those of the whole line,
    and a line that lost its breaks is not segmented again per candidate."""
    return _token_at(doc, offset)[0]


def _token_at(doc, offset: int):
    """(the jieba word holding the character at offset, where it starts)."""
    text = doc.text
    line_start, line_end = doc.line_span(doc.position(offset)[0])
    start = max([line_start] + [text.rfind(mark, line_start, offset) + 1 for mark in _SENTENCE_MARKS])
    ends = [at for at in (text.find(mark, offset, line_end) for mark in _SENTENCE_MARKS) if at != -1]
    end = min(ends, default=line_end)
    for word, first, last in segment.tokenize(doc, text[start:end]):
        if start + first <= offset < start + last:
            return word, start + first
    return doc.text[offset], offset


_SENTENCE_MARKS = "。；！？"  # where jieba cuts anyway
_CHINESE = patterns.compile("[\u4e00-\u9fff]{4,}")
# Characters whose change makes another term (第一/第二季度, 东部/西部地区, 省级/市级医院, 各项/这项).
_OTHER_TERM = frozenset("〇零一二三四五六七八九十百千万亿两第首末半"
                        "东南西北中上下前后左右内外大小高低多少新旧正副"
                        "国省市县区乡镇村街州盟旗"
                        "这那各每某该本此其")
_INITIALS = ("zh", "ch", "sh", "b", "p", "m", "f", "d", "t", "n", "l", "g", "k", "h", "j", "q", "x", "r", "z", "c", "s", "y", "w")


def similar(a: str, b: str) -> bool:
    """Whether b, the character written, sounds like a, the term's (the same
    usual syllable, any tone: 主 zhǔ / 驻 zhù; or the same final and tone: 共
    gòng / 众 zhòng) or looks like it (贷/货). Rare readings do not count:
    信 is read shēn only in classical text."""
    if b in look_alikes().get(a, ()):
        return True
    readings = pinyin_readings()
    usual_a, usual_b = readings.get(a, ("",))[0], readings.get(b, ("",))[0]
    if not usual_a or not usual_b:
        return False
    if usual_a[:-1] == usual_b[:-1]:
        return True
    final_a, final_b = _final(usual_a), _final(usual_b)
    return len(final_a) > 2 and final_a == final_b  # a final of two letters and a tone at least: ong4


def _final(syllable: str) -> str:
    """zhong4 -> ong4."""
    for initial in _INITIALS:
        if syllable.startswith(initial):
            return syllable[len(initial):]
    return syllable


@functools.lru_cache(maxsize=1)
def pinyin_readings() -> dict:
    """character -> its readings, usual first (zhong4 …), from the shipped table generated from pypinyin (MIT)."""
    table = resources.files("linter.data").joinpath("spelling", "pinyin.txt").read_text(encoding="utf-8")
    return {line[0]: tuple(line[2:].split()) for line in table.splitlines() if not line.startswith("#")}


@functools.lru_cache(maxsize=1)
def look_alikes() -> dict:
    """character -> characters of the same shape, from pycorrector's same_stroke.txt (Apache-2.0)."""
    groups = resources.files("linter.data").joinpath("spelling", "same_stroke.txt").read_text(encoding="utf-8")
    alike = defaultdict(set)
    for line in groups.splitlines():
        chars = line.split()
        for char in chars:
            alike[char].update(c for c in chars if c != char)
    return alike


class Places(NamedTuple):
    provinces: dict  # short name -> full name (四川 -> 四川省)
    short: dict  # full name -> short name
    prefectures: dict  # unambiguous prefecture short name -> province short name
    counties: dict  # county full name found in one province only -> province short name
    regex: re.Pattern  # a province that may lead, then a place


# Municipalities and the regions without prefectures do not lead: 北京成都 names two cities.
_NOT_LEADING = frozenset({"北京", "天津", "上海", "重庆", "香港", "澳门", "台湾"})


@functools.lru_cache(maxsize=1)
def places() -> Places:
    """The shipped divisions (linter/data/spelling/places.yaml) and the regex of province + place."""
    from linter.yamlfile import YamlFile

    data = YamlFile.read(resources.files("linter.data").joinpath("spelling", "places.yaml")).data
    provinces = {str(k): str(v) for k, v in data["provinces"].items()}
    also_words = set(map(str, data["also_words"]))
    prefectures = {str(k): str(v) for k, v in data["prefectures"].items() if str(k) not in also_words}
    counties = {str(k): str(v) for k, v in data["counties"].items()}
    leading = [name for short, full in provinces.items() if short not in _NOT_LEADING for name in (short, full)]
    regex = patterns.compile("(?P<province>%s)(?P<place>%s)(?:市|地区|盟|自治州|州)?" % (
        "|".join(sorted(leading, key=len, reverse=True)),
        "|".join(sorted([*prefectures, *counties], key=len, reverse=True))))
    return Places(provinces, {v: k for k, v in provinces.items()}, prefectures, counties, regex)


@functools.lru_cache(maxsize=1)
def _misspellings_by_head() -> dict:
    """The first two characters of each misspelling -> the misspellings, in the order the table's regex tries them."""
    table, _ = known_misspellings()
    found = defaultdict(list)
    for form in sorted(table, key=len, reverse=True):
        found[form[:2]].append(form)
    return dict(found)


@functools.lru_cache(maxsize=1)
def known_misspellings():
    """The shipped table of misspellings (wrong form -> right form) and a regex finding any wrong form."""
    from linter.yamlfile import YamlFile

    path = resources.files("linter.data").joinpath("spelling", "misspellings.yaml")
    table = {str(wrong): str(right) for wrong, right in YamlFile.read(path).data.items()}
    regex = patterns.compile("|".join(map(re.escape, sorted(table, key=len, reverse=True))))
    return table, regex


# -- confusable characters scored by the bigram model (SP003) ----------------

class Confusion(NamedTuple):
    # Bigrams common enough that neither of their characters is suspect, and every
    # pair with a NUL in it, as pair keys (`pair_key`).
    strong: frozenset
    # The characters of the common two-character words, the most frequent first:
    # character n is bit n of a mask (frequent ones low, so that masks stay short).
    chars: str
    after_mask: dict  # character -> the mask of the characters that follow it in a common two-character word
    before_mask: dict  # character -> the mask of those that precede it in one
    # character -> the mask of its confusables that may be reported (`_SlipMasks`):
    # whether a confusable of b makes a common word after a is one AND of two ints.
    slip_mask: dict

    def chars_of(self, mask: int) -> list:
        """The characters of a mask."""
        found = []
        while mask:
            low = mask & -mask
            found.append(self.chars[low.bit_length() - 1])
            mask ^= low
        return found


# A two-character word counts as what a slip was meant to be when jieba's
# dictionary gives it at least this frequency.
_WORD_FREQUENCY = 20
# A bigram seen this often (weighted count) never makes its characters suspect.
_STRONG_COUNT = 3.0


@functools.lru_cache(maxsize=2)
def confusion(lm) -> Confusion:
    """The common two-character words of jieba's dictionary as masks, by first and
    by second character, and the strong bigrams of the model lm (SP003). For the
    shipped model the tables are kept in the user cache (reading them from the
    dictionary and the model costs 0.7 s a process, building the masks 0.1 s)."""
    from linter import language_model

    if lm is language_model.model():
        strong, chars, after_mask, before_mask = _user_cached(
            "spelling-confusion", lambda: _confusion_tables(lm), "bigrams.bin")
    else:
        strong, chars, after_mask, before_mask = _confusion_tables(lm)
    first, end = language_model.FIRST, language_model.LAST + 1
    # NUL stands for any other character (see confusable_candidates): its bigrams are no slips.
    strong = frozenset(chain(array.array("I", strong), (0,),
                             *(range(first << shift, end << shift, 1 << shift) for shift in _SHIFTS)))
    return Confusion(strong, chars, after_mask, before_mask, _SlipMasks(chars))


def _confusion_tables(lm) -> tuple:
    """(the strong bigrams' pair keys as bytes, chars, after_mask, before_mask) of Confusion."""
    from linter import dictionary, language_model

    loaded = dictionary.load()
    words = [word for (word, _), frequency in zip(loaded.entries(), loaded.frequencies)
             if len(word) == 2 and frequency >= _WORD_FREQUENCY and "\u4e00" <= word[0] <= "\u9fff" and "\u4e00" <= word[1] <= "\u9fff"]
    first = language_model.FIRST
    chars = "".join(sorted({c for word in words for c in word}, key=lambda c: (-lm.unigram[ord(c) - first], c)))
    bit = {c: 1 << n for n, c in enumerate(chars)}
    after_mask, before_mask = defaultdict(int), defaultdict(int)
    for a, b in dict.fromkeys(words):  # each word once
        after_mask[a] |= bit[b]
        before_mask[b] |= bit[a]
    strong = array.array("I", (pair_key(first + (k >> 15), first + (k & 0x7FFF))
                               for k, n in zip(lm.keys, lm.counts) if n >= _STRONG_COUNT)).tobytes()
    return strong, chars, dict(after_mask), dict(before_mask)


class _SlipMasks(dict):
    """character -> the mask (of Confusion's chars) of its confusables, 0 for a
    character never reported (_not_slips); made on first use."""

    def __init__(self, chars: str):
        super().__init__()
        self.bit = {c: 1 << n for n, c in enumerate(chars)}

    def __missing__(self, char):
        mask = 0 if char in _not_slips() else sum(map(self.bit.get, confusables(char), repeat(0)))
        self[char] = mask
        return mask


# The version of the tables kept in the user cache: a change to how they are built changes it.
_TABLES = "4"
# The shipped data files the cached tables are built from.
_TABLE_FILES = ("pinyin.txt", "same_pinyin.txt", "same_stroke.txt", "TSCharacters.txt")


def _user_cached(kind: str, build, *files: str) -> tuple:
    """build() (a tuple), pickled in the user cache, keyed on jieba's dictionary,
    the shipped data files, the given ones and the tables' parameters; built
    again when missing or unreadable."""
    import hashlib
    import pickle

    from linter import dictionary, usercache

    key = None
    try:
        parts = [dictionary.dictionary_key(), _TABLES, str((_WORD_FREQUENCY, _STRONG_COUNT, _IDIOM_FREQUENCY))]
        for name in (*_TABLE_FILES, *files):
            with resources.as_file(resources.files("linter.data").joinpath("spelling", name)) as path:
                parts.append(usercache.content_key(path))
        key = hashlib.blake2b("\0".join(parts).encode("utf-8"), digest_size=12).hexdigest()
        found = pickle.loads(usercache.entry(kind, key, ".pickle").read_bytes())
        if isinstance(found, tuple):
            return found
    except Exception:  # missing, stale or corrupt: build it
        pass
    found = tuple(build())
    if key is not None:
        usercache.write(kind, key, ".pickle", pickle.dumps(found, pickle.HIGHEST_PROTOCOL))
    return found


@functools.lru_cache(maxsize=None)
def confusables(char: str) -> str:
    """The characters that sound or look like this one: pycorrector's
    same_pinyin.txt (same sound, any tone) and same_stroke.txt (same shape),
    both Apache-2.0, and those of the same usual syllable in pinyin.txt; no
    traditional character. A string: SP003 keeps those of 4,000 characters,
    90 each, and a frozenset of 90 costs 4 KB, a string 0.2 KB."""
    readings = pinyin_readings().get(char)
    alike = set(look_alikes().get(char, ())) | set(same_pinyin().get(char, ""))
    if readings:
        alike |= syllables()[readings[0][:-1]]
    alike.discard(char)
    return "".join(sorted(alike - traditional_characters()))


@functools.lru_cache(maxsize=1)
def same_pinyin() -> dict:
    """character -> characters of the same sound, from pycorrector's same_pinyin.txt (Apache-2.0)."""
    table = resources.files("linter.data").joinpath("spelling", "same_pinyin.txt").read_text(encoding="utf-8")
    found = {}
    for line in table.splitlines():
        if line and not line.startswith("#"):
            char, *groups = line.split("\t")
            found[char] = "".join(groups)
    return found


@functools.lru_cache(maxsize=1)
def syllables() -> dict:
    """usual syllable without its tone (zhong) -> the characters read so."""
    found = defaultdict(set)
    for char, syllable in usual_syllables().items():
        found[syllable].add(char)
    return found


@functools.lru_cache(maxsize=1)
def usual_syllables() -> dict:
    """character -> its usual syllable without the tone (中 -> zhong)."""
    return {char: readings[0][:-1] for char, readings in pinyin_readings().items() if readings}


_NOT_HAN = re.compile("[^\u4e00-\u9fff]")


def _over_pairs(han: str, function, *more) -> bytearray:
    """function(pair key, *more) for each pair han[i:i + 2], as bytes (han: Chinese
    characters and NUL). Read from the text in UTF-16 as 32-bit numbers, two
    characters are their pair key, so the 3.5 M pairs of the corpus are looked up
    in C without a string made for each."""
    n = len(han) - 1
    found = bytearray(max(n, 0))
    if n > 0:
        data = memoryview(han.encode(_UTF16))
        found[0::2] = bytes(map(function, data[:4 * ((n + 1) // 2)].cast("I"), *more))
        found[1::2] = bytes(map(function, data[2:2 + 4 * (n // 2)].cast("I"), *more))
    return found


def _pair_flags(han: str, keys: frozenset) -> bytearray:
    """1 at each offset i where han[i:i + 2] is one of the pair keys, else 0."""
    return _over_pairs(han, keys.__contains__)


def _pairs_in(han: str, keys: frozenset) -> list:
    """The offsets where han has one of the pair keys."""
    return list(compress(count(), _pair_flags(han, keys)))


def _weak_pairs(han: str, strong: frozenset) -> list:
    """The offsets where han has a bigram that is not strong."""
    return list(compress(count(), _pair_flags(han, strong).translate(_FLIPPED)))


def pair_keys(pairs) -> frozenset:
    """The pair keys of two-character strings."""
    return frozenset(pair_key(ord(a), ord(b)) for a, b in pairs)


# What a pair of the text is to the checks (_pair_codes), one bit each: a strong
# bigram of the shipped model (SP003), an idiom's first or last two characters
# (SP002), a known misspelling's first two (SP001); and the translations of the
# codes to 1 where a check looks (where the bigram is weak, or has the bit).
_STRONG_BIT, _IDIOM_BIT, _KNOWN_BIT = 1, 2, 4
_WEAK = bytes(int(not code & _STRONG_BIT) for code in range(256))
_IDIOM = bytes(int(bool(code & _IDIOM_BIT)) for code in range(256))
_KNOWN = bytes(int(bool(code & _KNOWN_BIT)) for code in range(256))


@functools.lru_cache(maxsize=1)
def _pair_code_table() -> dict:
    """pair key -> its bits (see _STRONG_BIT): the strong bigrams of the shipped model, the idioms' first
    and last two characters and the misspellings' first two."""
    from linter import language_model

    codes = dict.fromkeys(confusion(language_model.model()).strong, _STRONG_BIT)
    index = idioms()
    for bit, pairs in ((_IDIOM_BIT, index.heads | index.tails), (_KNOWN_BIT, _misspellings_by_head())):
        for key in pair_keys(pairs):
            codes[key] = codes.get(key, 0) | bit
    return codes


def _pair_codes(doc) -> bytes:
    """Each pair of the document's text as its bits (_pair_code_table), in one pass shared by SP001-SP003."""
    return doc.memo("spelling-pairs", lambda: bytes(_over_pairs(_han(doc), _pair_code_table().get, repeat(0))), scratch=True)


def _pairs_coded(doc, which: bytes) -> list:
    """The offsets of the document's pairs whose code `which` (_WEAK, _IDIOM, _KNOWN) maps to 1."""
    return list(compress(count(), _pair_codes(doc).translate(which)))


def _han(doc) -> str:
    """The document's text with NUL for every character but a Chinese one (U+4E00–U+9FFF), offsets unchanged."""
    return doc.memo("spelling-han", lambda: _NOT_HAN.sub("\0", doc.text), scratch=True)


# Two characters of the text in UTF-16 read as one 32-bit number of this machine:
# ord(a) | ord(b) << 16 (little-endian).
_UTF16, _SHIFTS = ("utf-16-le", (0, 16)) if sys.byteorder == "little" else ("utf-16-be", (16, 0))


def pair_key(a: int, b: int) -> int:
    """The number that the code points a, b next to each other read as (see _weak_pairs)."""
    return a << _SHIFTS[0] | b << _SHIFTS[1]

_FLIPPED = bytes.maketrans(b"\0\1", b"\1\0")
_NEXT = (1).__add__


def confusable_candidates(text: str, is_word, words, margin: float, lm=None, doc=None):
    """[(offset, character, replacement, gain, word gain)] for the characters of
    the text that a confusable character would make read better by at least
    margin (the log probability won in the bigram model lm, with the neighbours
    on both sides). The character must be in no word with its neighbours
    (is_word: str -> bool), no common word of its own, on a weak bigram used
    nowhere else in the text, and not written so on purpose (`_meant_so`,
    `_in_name`); under the word model `words` (a WordModel) it must be a word of
    its own as written and the replacement inside a word. The word gain is what
    the word model's route through the stretch around it wins. With the shipped
    model, `doc` (the text's document) shares one pass over its bigrams with SP001 and SP002."""
    from linter import language_model

    lm = lm or language_model.model()
    table = confusion(lm)
    score = lm.bigram_score
    # Every character but a Chinese one becomes NUL, and a bigram with NUL is
    # strong: the weak bigrams (one in eight of official text) are found by
    # loops in C over the whole text, offsets unchanged.
    if doc is not None and lm is language_model.model():
        han, weak = _han(doc), _pairs_coded(doc, _WEAK)
    else:
        han = _NOT_HAN.sub("\0", text)
        weak = _weak_pairs(han, table.strong)
    firsts = list(map(han.__getitem__, weak))
    seconds = list(map(han.__getitem__, map(_NEXT, weak)))
    uses = Counter(map(add, firsts, seconds))  # a weak bigram's every use is weak
    # The weak bigrams used once (衔级 seven times in a law is its term): either
    # character may be the slip, if one of its confusables makes a common word with
    # the other (one side in nine): asked of two masks for every weak bigram in C
    # first, before any scoring.
    slip_mask = table.slip_mask
    after = list(map(and_, map(table.after_mask.get, firsts, repeat(0)), map(slip_mask.__getitem__, seconds)))
    before = list(map(and_, map(table.before_mask.get, seconds, repeat(0)), map(slip_mask.__getitem__, firsts)))
    sides = []
    for n in compress(count(), map(or_, after, before)):
        a, b = firsts[n], seconds[n]
        if uses[a + b] > 1:
            continue
        if after[n]:  # b the slip, a its neighbour
            sides.append((weak[n] + 1, b, table.chars_of(after[n])))
        if before[n]:
            sides.append((weak[n], a, table.chars_of(before[n])))
    chars = []  # the text's character counts, made when first needed
    found, seen = [], set()
    for j, char, options in sides:
        if j in seen:
            continue
        left, right = han[j - 1:j].strip("\0"), han[j + 1:j + 2].strip("\0")
        written = (score(left, char) if left else 0.0) + (score(char, right) if right else 0.0)
        # No replacement scores above 0: one that reads this well already cannot win the margin.
        # (Neither this nor _in_word depends on the side: j's other side, if any, need not be scored.)
        if written > -margin:
            seen.add(j)
            continue
        gain, best = max(((score(left, c) if left else 0.0) + (score(c, right) if right else 0.0), c) for c in options)
        gain -= written
        if gain < margin:
            continue
        seen.add(j)
        if _in_word(han, j, is_word):
            continue
        if not chars:
            chars.append(Counter(text))
        if _meant_so(text, j, chars[0], lm) or _in_name(text, j):
            continue
        as_written, alone = _route(words, han, j, char)
        corrected, split = _route(words, han, j, best)
        if alone and not split:
            found.append((j, char, best, gain, corrected - as_written))
    # Two neighbours that both read badly (易思玲, a name) are no single slip.
    at = {hit[0] for hit in found}
    return sorted(f for f in found if f[0] - 1 not in at and f[0] + 1 not in at)


# SP003 reports a character when the replacement wins at least MARGIN in the
# bigram model's log probability, at least WORD_MARGIN in the word model's
# (jieba's unigram route through the stretch around it), and TOTAL in the two
# together: tuned with bench/spelling_sp003.py for at most 0.1 false findings
# per 10,000 characters of official text (two folds: no text scored by a model
# that counted it) at the most typos found.
MARGIN = 11.0
WORD_MARGIN = 4.0
TOTAL = 22.0


def _meant_so(text: str, offset: int, uses: Counter, lm) -> bool:
    """Whether the character is written on purpose though it reads badly: in a list
    of short items (助餐、助浴、助洁), in a short quoted slogan (“两免一补”), or a
    character the document uses far more often than Chinese text does (寄 in a
    postal regulation: 交寄, 限寄, 禁寄; uses: the text's character counts)."""
    start, end = _stretch(text, offset)
    if end - start <= _LIST_ITEM and (text[start - 1:start] == "、" or text[end:end + 1] == "、"):
        return True
    opened, closed = text.rfind("“", max(0, offset - 10), offset), text.find("”", offset, offset + 10)
    if opened != -1 and closed != -1 and "”" not in text[opened:offset] and closed - opened <= 10:
        return True
    count = uses[text[offset]]
    return count >= 3 and count / len(text) >= 5 * math.exp(lm.unigram_score(text[offset]))


_LIST_ITEM = 6


def _in_name(text: str, offset: int) -> bool:
    """Whether the character may be in a person's name: right after a title
    (办公室主任计承法, 党委书记李双祥), or within a surname and two characters
    that start a clause or follow a role (，易思玲说; 村民王友良说); or in a
    numbered short form (三矿: mine No. 3)."""
    from linter.extract.names import surnames, titles

    if offset and text[offset - 1] in _NUMERALS:
        return True
    if any(text.endswith(title, 0, at) for at in range(max(0, offset - 2), offset + 1) for title in titles()):
        return True
    family, common = surnames(), common_characters()
    for at in range(max(0, offset - 2), offset + 1):
        if text[at] in family and text[at] not in common and (
                at == 0 or not "\u4e00" <= text[at - 1] <= "\u9fff" or text.endswith(_ROLES, 0, at)):
            return True
    return False


# Words that stand before a name in news and reports (记者周宇说).
_ROLES = ("记者", "村民", "市民", "居民", "网友", "学生", "同学", "老师", "教师", "医生", "患者", "选手", "队员",
          "老人", "工人", "农民", "专家", "教授", "主持人", "负责人", "经理", "主任", "书记", "局长", "县长", "市长",
          "队长", "所长", "院长", "站长", "校长", "处长", "科长", "部长", "厅长", "省长", "镇长", "乡长", "村长", "董事长")


_NUMERALS = frozenset("〇零一二三四五六七八九十百千万两")


def _stretch(text: str, offset: int, most: int = 8):
    """The run of Chinese characters around offset, at most `most` characters each side."""
    start, end = offset, offset + 1
    while start > 0 and offset - start < most and "\u4e00" <= text[start - 1] <= "\u9fff":
        start -= 1
    while end < len(text) and end - offset <= most and "\u4e00" <= text[end] <= "\u9fff":
        end += 1
    return start, end


def _word_span(words, text: str, offset: int, better: str):
    """Where the word the replacement makes lies in the text (经跻 for 经济)."""
    start, end = _stretch(text, offset)
    start, end = max(start, offset - 4), min(end, offset + 5)
    _, route = words.route(text[start:offset] + better + text[offset + 1:end])
    return next(((start + first, start + last) for _, first, last in route if start + first <= offset < start + last),
                (offset, offset + 1))


def _route(words, han: str, j: int, char: str):
    """(log probability of the best segmentation, whether char is a word of its
    own there) for char put at j in its stretch of Chinese characters, at most
    four each side (han: the text with NUL for every other character; words: a WordModel)."""
    before, after = han[max(0, j - 4):j].rpartition("\0")[2], han[j + 1:j + 5].partition("\0")[0]
    score, route = words.route(before + char + after)
    at = len(before)
    return score, next((end - first == 1 for _, first, end in route if first <= at < end), True)


# Characters that are common words of their own (jieba frequency >= this): 去,
# 和, 以, 由, 其, 只 are meant far more often than they are slips (地/的 neither).
_COMMON_CHARACTER = 20000


@functools.lru_cache(maxsize=1)
def traditional_characters() -> frozenset:
    """Traditional characters whose simplified form differs (壯 → 壮; not 乾, also simplified), from
    OpenCC's TSCharacters.txt (Apache-2.0). A traditional character in simplified text is a
    matter of script, not a slip: a text of 1954 writes 壯大 beside 壮大 dozens of times."""
    table = resources.files("linter.data").joinpath("spelling", "TSCharacters.txt").read_text(encoding="utf-8")
    found = set()
    for line in table.splitlines():
        if line and not line.startswith("#"):
            char, forms = line.split("\t", 1)
            if char not in forms.split():
                found.add(char)
    return frozenset(found)


@functools.lru_cache(maxsize=1)
def common_characters() -> frozenset:
    from linter import dictionary

    loaded = dictionary.load()
    return frozenset(c for c in map(chr, range(0x4E00, 0xA000)) if (loaded.frequency(c) or 0) >= _COMMON_CHARACTER)


@functools.lru_cache(maxsize=1)
def _not_slips() -> frozenset:
    """Characters never reported: common words of their own and traditional characters."""
    return common_characters() | traditional_characters()


def _in_word(han: str, j: int, is_word) -> bool:
    """Whether the character at j is in a word of two or three characters with its
    neighbours (han: the text with NUL for every other character, never in a word)."""
    before = max(0, j - 1)
    pieces = (han[before:j + 1], han[j:j + 2], han[max(0, j - 2):j + 1], han[before:j + 2], han[j:j + 3])
    return any(len(piece) > 1 and "\0" not in piece and is_word(piece) for piece in pieces)
