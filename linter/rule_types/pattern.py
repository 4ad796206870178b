"""`pattern`: a regular expression that must not match (本报讯, ... as an ellipsis)."""

from linter.rule_types import Hit, RuleType, compile_regex


class Pattern(RuleType):
    name = "pattern"
    schema = {
        "properties": {
            "pattern": {"type": "string", "minLength": 1, "description": "Python regular expression"},
        },
        "required": ["pattern"],
    }

    def __init__(self, options, error):
        super().__init__(options, error)
        self.regex = compile_regex(options["pattern"], error, "pattern")

    def check(self, doc):
        for match in self.regex.finditer(doc.text):
            if match.end() > match.start():
                yield Hit(match.start(), match.end(), {"found": match.group(0), "groups": match.groups(), **match.groupdict()})
