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

The tables are read on first use and cached (parsed YAML in the user cache), so
a run that does not use the pack loads nothing.
"""

import functools
import re
from collections import Counter, defaultdict
from importlib import resources
from typing import NamedTuple

from linter import patterns, segment
from linter.rule_types import Hit, RuleType, word_boundaries
from linter.text_units import in_book_title


class Spelling(RuleType):
    name = "spelling"
    fields = frozenset({"found", "expected", "place", "province", "right", "count", "line"})
    CHECKS = ("known", "idiom", "place", "variant")
    schema = {
        "properties": {
            "check": {"enum": list(CHECKS), "description": "what the rule reports (see the spelling rule type)"},
        },
        "required": ["check"],
    }

    def check(self, doc):
        return {"known": self._known, "idiom": self._idioms, "place": self._places,
                "variant": self._variants}[self.options["check"]](doc)

    def _known(self, doc):
        table, regex = known_misspellings()
        matches = list(regex.finditer(doc.text))
        if not matches:
            return
        bounds = word_boundaries(doc)
        for match in matches:
            start, end = match.span()
            if start in bounds and end in bounds and not in_book_title(doc, start):
                yield Hit(start, end, {"found": match.group(0), "expected": table[match.group(0)]})

    def _idioms(self, doc):
        text, index = doc.text, idioms()
        heads, tails = index.heads, index.tails
        bounds = None
        hits = []
        for window in windows(doc):
            if window[:2] not in heads and window[2:] not in tails:
                continue
            near = {index.holes.get((k, window[:k] + window[k + 1:])) for k in range(4)} - {None}
            if len(near) != 1:
                continue
            idiom = near.pop()
            if idiom == window:
                continue
            k = next(k for k in range(4) if idiom[k] != window[k])
            if segment.is_word(doc, window) or not similar(idiom[k], window[k]):
                continue
            start = text.find(window)
            while start != -1:
                bounds = bounds or word_boundaries(doc)
                word = _word_at(doc, start + k) if start in bounds and start + 4 in bounds else ""
                # 难以|置身 (置身其外) is two words, not a slip for 难以置信.
                if word and not (len(word) > 1 and segment.is_word(doc, word)) and not in_book_title(doc, start):
                    hits.append(Hit(start, start + 4, {"found": window, "expected": idiom}))
                start = text.find(window, start + 1)
        return sorted(hits, key=lambda hit: hit.start)

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
        bounds = None
        for term in terms:
            for i, char in enumerate(term):
                if char in _OTHER_TERM:
                    continue
                found = _filled(text, term, i)
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


def windows(doc) -> Counter:
    """How often each run of four Chinese characters occurs (SP002 and SP005 share it)."""
    return doc.memo("spelling-windows", lambda: Counter(
        run[i:i + 4] for run in _CHINESE.findall(doc.text) for i in range(len(run) - 3)), scratch=True)


def _filled(text: str, term: str, i: int) -> list:
    """Where the text has the term with another Chinese character at place i,
    found with str.find on the longer fixed part (a regex per term costs more
    to compile, an index of every window more to build)."""
    before, after = term[:i], term[i + 1:]
    key, shift = (before, 0) if len(before) >= len(after) else (after, i + 1)
    starts, at = [], text.find(key)
    while at != -1:
        start = at - shift
        if start >= 0 and text.startswith(before, start) and text.startswith(after, start + i + 1):
            char = text[start + i:start + i + 1]
            if char and char != term[i] and "\u4e00" <= char <= "\u9fff":
                starts.append(start)
        at = text.find(key, at + 1)
    return starts


class Idioms(NamedTuple):
    holes: dict  # (place, the other three characters) -> the one idiom they fit; None when several do
    heads: frozenset  # first two characters of every idiom
    tails: frozenset  # last two characters


@functools.lru_cache(maxsize=1)
def idioms() -> Idioms:
    """The four-character idioms of jieba's dictionary (tag i) common enough to be sure of (frequency >= 100)."""
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


def _word_at(doc, offset: int) -> str:
    """The jieba word holding the character at offset (its line segmented alone)."""
    line_start, line_end = doc.line_span(doc.position(offset)[0])
    for word, first, last in segment.tokenize(doc, doc.text[line_start:line_end]):
        if line_start + first <= offset < line_start + last:
            return word
    return doc.text[offset]


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
def known_misspellings():
    """The shipped table of misspellings (wrong form -> right form) and a regex finding any wrong form."""
    from linter.yamlfile import YamlFile

    path = resources.files("linter.data").joinpath("spelling", "misspellings.yaml")
    table = {str(wrong): str(right) for wrong, right in YamlFile.read(path).data.items()}
    regex = patterns.compile("|".join(map(re.escape, sorted(table, key=len, reverse=True))))
    return table, regex
