"""`pattern`: a regular expression that must not match (本报讯, ... as an ellipsis).

With `per_line: first`, only the first match of each line is reported and the
message field `{count}` says how many the line has: a document typed with
half-width commas throughout gets one finding per paragraph, not hundreds."""

from linter.rule_types import SAME_LINE, Hit, RuleType, compile_regex


class Pattern(RuleType):
    name = "pattern"
    fields = frozenset({"found", "count"})  # and the pattern's groups: by name, or {1}, {2} … by number
    gives_expected = False
    schema = {
        "properties": {
            "pattern": {"type": "string", "minLength": 1, "description": "Python regular expression"},
            "per_line": {"enum": ["all", "first"], "description": "all (default): every match; first: the first match of each line, with {count}"},
        },
        "required": ["pattern"],
    }

    @classmethod
    def message_fields(cls, options):
        import regex

        try:
            compiled = regex.compile(options["pattern"])
        except (regex.error, ValueError, OverflowError):
            return cls.fields  # the rule's own build reports the pattern
        return cls.fields | set(compiled.groupindex) | {str(n) for n in range(1, compiled.groups + 1)}

    def __init__(self, options, error):
        super().__init__(options, error)
        self.regex = compile_regex(options["pattern"], error, "pattern")

    def check(self, doc):
        hits = [
            Hit(match.start(), match.end(), {"found": match.group(0), "groups": match.groups(), **match.groupdict(), "count": 1})
            for match in self.regex.finditer(doc.text) if match.end() > match.start()
        ]
        if self.options.get("per_line") != "first":
            return hits
        first_of_line = {}
        for hit in hits:
            line = doc.position(hit.start)[0]
            if line in first_of_line:
                first_of_line[line].fields["count"] += 1
                first_of_line[line].fields.setdefault(SAME_LINE, []).append(hit)  # a fix covers the whole line
            else:
                first_of_line[line] = hit
        return list(first_of_line.values())
