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

The tables are read on first use and cached (parsed YAML in the user cache), so
a run that does not use the pack loads nothing.
"""

import functools
import re
from importlib import resources
from typing import NamedTuple

from linter.rule_types import Hit, RuleType, word_boundaries
from linter.text_units import in_book_title


class Spelling(RuleType):
    name = "spelling"
    fields = frozenset({"found", "expected", "place", "province", "right"})
    CHECKS = ("known", "place")
    schema = {
        "properties": {
            "check": {"enum": list(CHECKS), "description": "what the rule reports (see the spelling rule type)"},
        },
        "required": ["check"],
    }

    def check(self, doc):
        return {"known": self._known, "place": self._places}[self.options["check"]](doc)

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
