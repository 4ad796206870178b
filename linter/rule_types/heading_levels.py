"""`heading-levels`: numbered headings (一、 → （一） → 1. → （1）, as read by
`Document.headings`) go down one level at a time: a heading at most one level
deeper than the numbered heading before it. Only headings read from their
numbering count: a Markdown `#` or a Word heading style is the format's own
structure.

A document may start at any level (（一） enumerating the items of an article is
fine) and go back up to any level. `stop` (a regex) ends the check at the first
line it matches: the 附件说明 and the attachments number afresh.
"""

from linter.rule_types import Hit, RuleType, compile_regex

LEVEL_FORMS = {1: "一、", 2: "（一）", 3: "1.", 4: "（1）"}


class HeadingLevels(RuleType):
    name = "heading-levels"
    fields = frozenset({"found", "expected", "line", "previous"})  # what its messages may name
    gives_expected = False  # its `expected` says what is wanted, not text to write
    schema = {
        "properties": {
            "stop": {"type": "string", "minLength": 1, "description": "regex; headings from the first line it matches on are not checked"},
        },
        "required": [],
    }

    def __init__(self, options, error):
        super().__init__(options, error)
        self.stop = compile_regex(options["stop"], error, "stop") if "stop" in options else None

    def check(self, doc):
        stop_line = doc.line_count + 1
        if self.stop:
            match = self.stop.search(doc.text)
            if match:
                stop_line = doc.position(match.start())[0]
        from linter.extract.outline import NUMBERING  # imported here: a run without heading rules never needs it

        previous = None
        for heading in doc.headings:
            if heading.line >= stop_line:
                break
            if heading.source != NUMBERING or heading.marked:
                continue
            if previous is not None and heading.level > previous.level + 1:
                line_start = doc.line_span(heading.line)[0]
                start = doc.text.index(heading.numbering, line_start)
                yield Hit(start, start + len(heading.numbering), {
                    "found": heading.numbering,
                    "previous": previous.numbering,
                    "expected": LEVEL_FORMS[previous.level + 1],
                    "line": previous.line,
                })
            previous = heading
