"""`spelling`: wrong characters and words (错别字).

Option `check` chooses what a rule reports:

- `known`: a word or idiom of the shipped table of common misspellings
  (`linter/data/spelling/misspellings.yaml`: 再接再励 → 再接再厉, 按步就班 →
  按部就班), where jieba puts word boundaries on both of its ends, so a form
  that spans two words (恋爱|带来 holds 爱带) stays silent. A form inside a
  book title (《…》, a cited document) is quoted, not written, and is not reported.

The table is read on first use and cached (parsed YAML in the user cache), so
a run that does not use the pack loads nothing.
"""

import functools
import re
from importlib import resources

from linter.rule_types import Hit, RuleType, word_boundaries
from linter.text_units import in_book_title


class Spelling(RuleType):
    name = "spelling"
    fields = frozenset({"found", "expected"})
    CHECKS = ("known",)
    schema = {
        "properties": {
            "check": {"enum": list(CHECKS), "description": "what the rule reports (see the spelling rule type)"},
        },
        "required": ["check"],
    }

    def check(self, doc):
        table, regex = known_misspellings()
        matches = list(regex.finditer(doc.text))
        if not matches:
            return
        bounds = word_boundaries(doc)
        for match in matches:
            start, end = match.span()
            if start in bounds and end in bounds and not in_book_title(doc, start):
                yield Hit(start, end, {"found": match.group(0), "expected": table[match.group(0)]})


@functools.lru_cache(maxsize=1)
def known_misspellings():
    """The shipped table of misspellings (wrong form -> right form) and a regex finding any wrong form."""
    from linter.yamlfile import YamlFile

    path = resources.files("linter.data").joinpath("spelling", "misspellings.yaml")
    table = {str(wrong): str(right) for wrong, right in YamlFile.read(path).data.items()}
    regex = re.compile("|".join(map(re.escape, sorted(table, key=len, reverse=True))))
    return table, regex
