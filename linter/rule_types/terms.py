"""`terms`: a term list in YAML, each term with its preferred form and an
optional date range (the publication dates on which the term is wrong).

Like `substitution` (whose swaps hold for every date), a term counts only on
jieba word boundaries unless `match: text`. A term right after 原 (原国家卫生计生委)
or inside a book title (《…》, a cited document) is a quotation of the old
name, not a use of it, and is not reported.
"""

import re

from linter.document import parse_iso_or_chinese_date
from linter.rule_types import Hit, RuleType, word_boundaries

_DATE = {"type": "string", "description": "publication date, YYYY-MM-DD"}


class Terms(RuleType):
    name = "terms"
    schema = {
        "properties": {
            "terms": {
                "type": "array",
                "minItems": 1,
                "items": {
                    "type": "object",
                    "properties": {
                        "term": {"type": "string", "minLength": 1},
                        "preferred": {"type": "string"},
                        "note": {"type": "string", "description": "why, shown as {note} in the message"},
                        "from": _DATE,
                        "until": _DATE,
                    },
                    "required": ["term", "preferred"],
                    "additionalProperties": False,
                },
            },
            "match": {"enum": ["word", "text"], "description": "word: on jieba word boundaries (default); text: anywhere"},
        },
        "required": ["terms"],
    }

    def __init__(self, options, error):
        super().__init__(options, error)
        self.items = {}
        for index, item in enumerate(options["terms"]):
            if item["term"] in self.items:
                raise error("terms", f"term {item['term']!r} is listed twice")
            first, last = (self._date(item, key, error) for key in ("from", "until"))
            self.items[item["term"]] = (item["preferred"], item.get("note", ""), first, last)
        self.regex = re.compile("|".join(map(re.escape, sorted(self.items, key=len, reverse=True))))
        self.by_word = options.get("match", "word") == "word"

    @staticmethod
    def _date(item, key, error):
        if item.get(key) is None:
            return None
        date = parse_iso_or_chinese_date(str(item[key]))
        if date is None:
            raise error("terms", f"{item['term']}: {key} {item[key]!r} is not a date (use YYYY-MM-DD)")
        return date

    def check(self, doc):
        matches = [m for m in self.regex.finditer(doc.text) if self._applies(m.group(0), doc.metadata.date)]
        if not matches:
            return
        bounds = word_boundaries(doc) if self.by_word else None
        for match in matches:
            start, end = match.span()
            if bounds is not None and not (start in bounds and end in bounds):
                continue
            if doc.text[max(0, start - 1):start] == "原" or in_book_title(doc.text, start):
                continue
            preferred, note, _, _ = self.items[match.group(0)]
            yield Hit(start, end, {"found": match.group(0), "expected": preferred, "note": note})

    def _applies(self, term, date) -> bool:
        _, _, first, last = self.items[term]
        if first is None and last is None:
            return True
        # A dated term needs the publication date to be sure.
        return date is not None and (first is None or date >= first) and (last is None or date <= last)


def in_book_title(text: str, offset: int) -> bool:
    """Whether an offset lies inside 《…》 opened earlier on its line."""
    start = text.rfind("\n", 0, offset) + 1
    before = text[start:offset]
    return before.count("《") > before.count("》")
