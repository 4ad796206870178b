"""`suppressions`: suppression comments that are themselves wrong.

Option `check` chooses what a rule reports:

- `unknown`: a code that is no rule's id or id prefix (a typo: `TM01`, `TY0002`).
- `unused`: a code (or a comment naming none) that suppressed no finding of the
  rules that ran on the document. A code only cross-document rules (FG008)
  match is not judged: their findings come after the document's own.

These hits depend on the other rules' findings, so the engine asks for them
(`check_comments`) after linting the document with every other rule.
"""

from linter.document import Suppressions
from linter.rule_types import ABOUT_CODE, Hit, RuleType


class SuppressionComments(RuleType):
    name = "suppressions"
    fields = frozenset({"found"})  # what its messages may name
    gives_expected = False
    schema = {
        "properties": {"check": {"enum": ["unknown", "unused"], "description": "unknown: a code no rule has; unused: a code that suppressed nothing"}},
        "required": ["check"],
    }

    def check(self, doc):
        return iter(())  # see check_comments

    def check_comments(self, doc, known_codes, rules):
        """Hits among `doc`'s suppression comments, once `rules` (the other rules
        that ran on it) have been applied; `known_codes`: every rule id there is."""
        suppressions = doc.suppressions
        for index, written in enumerate(suppressions.codes):
            if self.options["check"] == "unknown":
                if written.code != Suppressions.ALL and not any(code.startswith(written.code) for code in known_codes):
                    yield Hit(written.start, written.end, {"found": doc.source[written.start:written.end], ABOUT_CODE: index})
            elif written.kind != "enable" and index not in suppressions.used and _judged(written.code, rules):
                yield Hit(written.start, written.end, {"found": doc.source[written.start:written.end], ABOUT_CODE: index})


def _judged(code: str, rules) -> bool:
    matching = [rule for rule in rules if code == Suppressions.ALL or rule.id.startswith(code)]
    if any(rule.checker.compares_documents for rule in matching):
        return False
    return bool(matching) or code == Suppressions.ALL
