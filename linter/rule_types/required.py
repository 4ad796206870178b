"""`required`: elements a document must contain (准印证号, 内部资料，免费交流),
optionally within its first or last N lines and optionally in a given order.

A missing element is reported at the first match of `anchor` (a regex), else
at the first non-blank line.
"""

from linter.rule_types import Hit, RuleType, compile_regex


class Required(RuleType):
    name = "required"
    fields = frozenset({"element", "expected"})  # what its messages may name
    gives_expected = False  # its `expected` says what is wanted, not text to write
    schema = {
        "properties": {
            "elements": {
                "type": "array",
                "minItems": 1,
                "items": {
                    "type": "object",
                    "properties": {
                        "name": {"type": "string", "minLength": 1},
                        "pattern": {"type": "string", "minLength": 1},
                        "first_lines": {"type": "integer", "minimum": 1},
                        "last_lines": {"type": "integer", "minimum": 1},
                    },
                    "required": ["name", "pattern"],
                    "additionalProperties": False,
                },
            },
            "ordered": {"type": "boolean", "description": "elements must appear in the order listed"},
            "anchor": {"type": "string", "minLength": 1, "description": "where a missing element is reported (regex)"},
        },
        "required": ["elements"],
    }

    def __init__(self, options, error):
        super().__init__(options, error)
        self.elements = [
            (e["name"], compile_regex(e["pattern"], error, "elements"), e.get("first_lines"), e.get("last_lines"))
            for e in options["elements"]
        ]
        self.ordered = options.get("ordered", False)
        self.anchor = compile_regex(options["anchor"], error, "anchor") if "anchor" in options else None

    def check(self, doc):
        top = self._missing_position(doc)
        previous = None  # (name, offset) of the last element found, for `ordered`
        for name, regex, first_lines, last_lines in self.elements:
            start, end, where = 0, len(doc.text), ""
            if first_lines:
                end, where = doc.line_span(min(first_lines, doc.line_count))[1], f"前{first_lines}行内"
            if last_lines:
                start, where = doc.line_span(max(1, doc.line_count - last_lines + 1))[0], f"最后{last_lines}行内"
            match = regex.search(doc.text, start, end)
            if match is None:
                yield Hit(top[0], top[1], {"element": name, "expected": f"应出现在{where or '文中'}"})
                continue
            if self.ordered and previous and match.start() < previous[1]:
                yield Hit(match.start(), match.end(), {"element": name, "expected": f"应位于“{previous[0]}”之后"})
            previous = (name, match.start())

    def _missing_position(self, doc):
        match = self.anchor.search(doc.text) if self.anchor else None
        if match:
            return match.span()
        first = next((number for number, _, text in doc.lines() if text.strip()), 1)
        return doc.line_span(first)
