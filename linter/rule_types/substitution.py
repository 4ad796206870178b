"""`substitution`: terms and their preferred forms (新冠肺炎 → 新冠病毒感染).

With `match: word` (the default) a term counts only where jieba puts word
boundaries on both of its ends, so a term inside a longer word stays silent.
"""

import re

from linter.rule_types import Hit, RuleType, word_boundaries


class Substitution(RuleType):
    name = "substitution"
    schema = {
        "properties": {
            "swap": {
                "type": "object",
                "minProperties": 1,
                "additionalProperties": {"type": "string"},
                "description": "term: preferred form",
            },
            "match": {"enum": ["word", "text"], "description": "word: on jieba word boundaries (default); text: anywhere"},
        },
        "required": ["swap"],
    }

    def __init__(self, options, error):
        super().__init__(options, error)
        self.swap = options["swap"]
        for term in self.swap:
            if not term:
                raise error("swap", "a term must not be empty")
        terms = sorted(self.swap, key=len, reverse=True)
        self.regex = re.compile("|".join(map(re.escape, terms)))
        self.by_word = options.get("match", "word") == "word"

    def check(self, doc):
        matches = list(self.regex.finditer(doc.text))
        if not matches:
            return
        bounds = word_boundaries(doc) if self.by_word else None
        for match in matches:
            if bounds is not None and not (match.start() in bounds and match.end() in bounds):
                continue
            yield Hit(match.start(), match.end(), {"found": match.group(0), "expected": self.swap[match.group(0)]})
