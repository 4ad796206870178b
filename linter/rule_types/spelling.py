"""`spelling`: wrong characters and words (错别字).

Option `check` chooses what a rule reports:

- `known`: a word or idiom of the shipped table of common misspellings
  (`linter/data/spelling/misspellings.yaml`: 再接再励 → 再接再厉, 按步就班 →
  按部就班), where jieba puts word boundaries on both of its ends, so a form
  that spans two words (恋爱|带来 holds 爱带) stays silent. A form inside a
  book title (《…》, a cited document) is quoted, not written, and is not reported.

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
  NM011: a word of jieba's dictionary of four or more characters (a token, or
  two adjacent tokens: 公共|卫生) used at least twice, and once with one
  character changed (公众卫生). The slip must look like one: the changed
  character sounds like the term's (same syllable, or same final and tone:
  共 gòng / 众 zhòng) or looks like it (贷/货, pycorrector's same_stroke.txt);
  the variant is no word, is used once, stands on word boundaries, and its
  changed word (公众) is used nowhere else in the document, so a writer who
  uses 体系 elsewhere meant 体系改革 beside 体制改革. A change to a numeral, a
  direction, a determiner or an administrative level (第一/第二季度, 各项/这项,
  省级/市级) makes another term and is not reported.

The tables are read on first use and cached (parsed YAML in the user cache), so
a run that does not use the pack loads nothing.
"""

import functools
import re
from collections import Counter, defaultdict
from importlib import resources
from typing import NamedTuple

from linter import segment
from linter.rule_types import Hit, RuleType, word_boundaries
from linter.text_units import in_book_title


class Spelling(RuleType):
    name = "spelling"
    fields = frozenset({"found", "expected", "place", "province", "right", "count", "line"})
    CHECKS = ("known", "place", "variant")
    schema = {
        "properties": {
            "check": {"enum": list(CHECKS), "description": "what the rule reports (see the spelling rule type)"},
        },
        "required": ["check"],
    }

    def check(self, doc):
        return {"known": self._known, "place": self._places, "variant": self._variants}[self.options["check"]](doc)

    def _known(self, doc):
        table, regex = known_misspellings()
        matches = list(regex.finditer(doc.text))
        if not matches:
            return
        bounds = word_boundaries(doc)
        for match in matches:
            start, end = match.span()
            if start in bounds and end in bounds and not in_book_title(doc.text, start):
                yield Hit(start, end, {"found": match.group(0), "expected": table[match.group(0)]})

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
            if right == short or match.start() not in bounds or in_book_title(doc.text, match.start()):
                continue
            end = match.end() if match.end() in bounds else match.end("place")  # 成都市 or 成都
            if end not in bounds:
                continue
            written = data.provinces[right] if province in data.short else right
            yield Hit(match.start(), end, {"found": doc.text[match.start():end], "place": place, "province": province,
                                           "right": data.provinces[right], "expected": written + doc.text[match.start("place"):end]})

    def _variants(self, doc):
        tokens = [t for t in segment.tokens(doc) if _CHINESE.fullmatch(t[0])]
        # Spans of one or two adjacent tokens: the terms (jieba cuts a rare
        # dictionary word into its parts, 公共|卫生) and where a variant may stand.
        spans = [(t[1], t[2]) for t in tokens] + [(a[1], b[2]) for a, b in zip(tokens, tokens[1:]) if a[2] == b[1]]
        spans = [(start, end) for start, end in spans if end - start >= 4]
        text = doc.text
        uses = Counter(text[start:end] for start, end in spans)
        terms = {w for w, n in uses.items() if n >= 2 and segment.is_word(doc, w)}
        if not terms:
            return
        # Every span under each one-character wildcard: (before, after) -> [(character, start)].
        holes = defaultdict(list)
        for start, end in set(spans):
            for i in range(end - start):
                holes[text[start:start + i], text[start + i + 1:end]].append((text[start + i], start))
        token_at = {offset: (word, start) for word, start, end in tokens for offset in range(start, end)}
        for term in sorted(terms):
            for i, char in enumerate(term):
                if char in _OTHER_TERM:
                    continue
                found = [(c, start) for c, start in holes.get((term[:i], term[i + 1:]), ()) if c != char]
                if len({c for c, _ in found}) != 1 or len(found) != 1:
                    continue
                changed, start = found[0]
                variant = term[:i] + changed + term[i + 1:]
                if (changed in _OTHER_TERM or text.count(variant) != 1 or segment.is_word(doc, variant)
                        or not similar(char, changed) or in_book_title(text, start)):
                    continue
                # An edge that makes a word with its neighbour (中|外方投资: 中外) is cut elsewhere.
                if segment.is_word(doc, text[start - 1:start + 1]) or segment.is_word(doc, text[start + len(term) - 1:start + len(term) + 1]):
                    continue
                word, _ = token_at[start + i]
                if text.count(word) != 1:  # 体系 used elsewhere: 体系改革 is meant
                    continue
                yield Hit(start, start + len(term), {"found": variant, "expected": term, "count": text.count(term),
                                                      "line": doc.position(text.find(term))[0]})


_CHINESE = re.compile("[\u4e00-\u9fff]+")
# Characters whose change makes another term (第一/第二季度, 东部/西部地区, 省级/市级医院, 各项/这项).
_OTHER_TERM = frozenset("〇零一二三四五六七八九十百千万亿两第首末半"
                        "东南西北中上下前后左右内外大小高低多少新旧正副"
                        "国省市县区乡镇村街州盟旗"
                        "这那各每某该本此其")


def similar(a: str, b: str) -> bool:
    """Whether b, the character written, sounds like a, the term's (a's usual
    syllable is one of b's readings; or their usual readings share final and
    tone: 共 gòng / 众 zhòng) or looks like it (贷/货)."""
    if b in look_alikes().get(a, ()):
        return True
    from pypinyin import Style, lazy_pinyin, pinyin

    syllable = lazy_pinyin(a, style=Style.NORMAL)[0]
    if syllable in pinyin(b, style=Style.NORMAL, heteronym=True)[0]:
        return True
    final_a, final_b = lazy_pinyin(a + b, style=Style.FINALS_TONE3, neutral_tone_with_five=True)
    return len(final_a) > 1 and final_a == final_b


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
    regex = re.compile("(?P<province>%s)(?P<place>%s)(?:市|地区|盟|自治州|州)?" % (
        "|".join(sorted(leading, key=len, reverse=True)),
        "|".join(sorted([*prefectures, *counties], key=len, reverse=True))))
    return Places(provinces, {v: k for k, v in provinces.items()}, prefectures, counties, regex)


@functools.lru_cache(maxsize=1)
def known_misspellings():
    """The shipped table of misspellings (wrong form -> right form) and a regex finding any wrong form."""
    from linter.yamlfile import YamlFile

    path = resources.files("linter.data").joinpath("spelling", "misspellings.yaml")
    table = {str(wrong): str(right) for wrong, right in YamlFile.read(path).data.items()}
    regex = re.compile("|".join(map(re.escape, sorted(table, key=len, reverse=True))))
    return table, regex
