"""`substitution`: terms and their preferred forms (新冠肺炎 → 新冠病毒感染), a
term list in YAML. A term may carry its own date range and a note.

With `match: word` (the default) a term counts only where jieba puts word
boundaries on both of its ends, so a term inside a longer word stays silent.
A term right after 原 (原国家卫生计生委) or inside a book title (《…》, a cited
document) quotes the old name rather than using it, and is not reported.
"""

import re

from linter import patterns
from linter.document import parse_iso_or_chinese_date
from linter.rule_types import Hit, RuleType, compile_regex, word_boundaries
from linter.text_units import clause_before, in_book_title

_DATE = {"type": "string", "description": "publication date, YYYY-MM-DD"}


class Substitution(RuleType):
    name = "substitution"
    fields = frozenset({"found", "expected", "note"})  # what its messages may name
    schema = {
        "properties": {
            "swap": {
                "type": "object",
                "minProperties": 1,
                "additionalProperties": {
                    "oneOf": [
                        {"type": "string"},
                        {
                            "type": "object",
                            "properties": {
                                "preferred": {"type": "string"},
                                "note": {"type": "string", "description": "shown as {note} in the message"},
                                "from": _DATE,
                                "until": _DATE,
                            },
                            "required": ["preferred"],
                            "additionalProperties": False,
                        },
                    ]
                },
                "description": "term: preferred form, or term: {preferred, note, from, until}",
            },
            "match": {"enum": ["word", "text"], "description": "word: on jieba word boundaries (default); text: anywhere"},
            "not-after": {"type": "string", "minLength": 1,
                          "description": "regular expression: a term whose clause before it ends with a match is no use of the term (向…政府报告 is a verb)"},
        },
        "required": ["swap"],
    }

    def __init__(self, options, error):
        super().__init__(options, error)
        self.terms = {}  # term -> (preferred, note, first date, last date)
        for term, value in options["swap"].items():
            if not term:
                raise error("swap", "a term must not be empty")
            item = {"preferred": value} if isinstance(value, str) else value
            first, last = (_date(term, item, key, error) for key in ("from", "until"))
            self.terms[term] = (item["preferred"], item.get("note", ""), first, last)
        self.regex = patterns.compile("|".join(map(re.escape, sorted(self.terms, key=len, reverse=True))))
        self.by_word = options.get("match", "word") == "word"
        self.not_after = None
        if "not-after" in options:
            compile_regex(options["not-after"], error, "not-after")  # its error names the pattern as written
            self.not_after = compile_regex(f"(?:{options['not-after']})$", error, "not-after")

    def check(self, doc):
        matches = [m for m in self.regex.finditer(doc.text) if self._in_force(m.group(0), doc.metadata.date)]
        if not matches:
            return
        bounds = word_boundaries(doc) if self.by_word else None
        for match in matches:
            start, end = match.span()
            if bounds is not None and not (start in bounds and end in bounds):
                continue
            if doc.text[max(0, start - 1):start] == "原" or in_book_title(doc, start):
                continue
            if self.not_after is not None and self.not_after.search(clause_before(doc.text, start)):
                continue
            preferred, note, _, _ = self.terms[match.group(0)]
            yield Hit(start, end, {"found": match.group(0), "expected": preferred, "note": note})

    def _in_force(self, term, date) -> bool:
        _, _, first, last = self.terms[term]
        if first is None and last is None:
            return True
        # A dated term needs the publication date to be sure.
        return date is not None and (first is None or date >= first) and (last is None or date <= last)


def _date(term, item, key, error):
    if item.get(key) is None:
        return None
    date = parse_iso_or_chinese_date(str(item[key]))
    if date is None:
        raise error("swap", f"{term}: {key} {item[key]!r} is not a date (use YYYY-MM-DD)")
    return date
