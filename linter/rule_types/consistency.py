"""`consistency`: variants of which a document should use only one (其他/其它).

The variant used most often (the first used, on a tie) is taken as the
document's choice; every use of another variant is reported.
"""

import re
from collections import Counter

from linter import patterns
from linter.rule_types import Hit, RuleType, word_boundaries


class Consistency(RuleType):
    name = "consistency"
    fields = frozenset({"found", "expected"})  # what its messages may name
    schema = {
        "properties": {
            "variants": {"type": "array", "items": {"type": "string", "minLength": 1}, "minItems": 2, "uniqueItems": True},
            "match": {"enum": ["word", "text"], "description": "text: anywhere (default); word: on jieba word boundaries"},
        },
        "required": ["variants"],
    }

    def __init__(self, options, error):
        super().__init__(options, error)
        # Longest first, so 身份证件 is not also counted as 身份证.
        variants = sorted(options["variants"], key=len, reverse=True)
        self.regex = patterns.compile("|".join(map(re.escape, variants)))
        self.by_word = options.get("match", "text") == "word"

    def check(self, doc):
        matches = list(self.regex.finditer(doc.text))
        if self.by_word and matches:
            bounds = word_boundaries(doc)
            matches = [m for m in matches if m.start() in bounds and m.end() in bounds]
        counts = Counter(m.group(0) for m in matches)
        if len(counts) < 2:
            return
        first_seen = {}
        for m in matches:
            first_seen.setdefault(m.group(0), m.start())
        chosen = max(counts, key=lambda v: (counts[v], -first_seen[v]))
        for m in matches:
            if m.group(0) != chosen:
                yield Hit(m.start(), m.end(), {"found": m.group(0), "expected": chosen})
