"""`agreement`: a value a document states twice says the same both times — a
labelled metadata line (发文字号：国发〔2019〕5号, 成文日期：2019年01月27日, as in
the gov.cn block above state-council documents) and its place in the body (the
发文字号 under the title, the date under the signature).

`label` and `body` are regexes with a named group `value`; the body match is the
`first` or `last` one (`occurrence`) off the label's own line. `compare: date`
compares the dates the values name (2019年01月27日 = 2019年1月27日 =
二〇一九年一月二十七日); `text` compares them without spaces. Silent when either
is missing.
"""

from linter.rule_types import Hit, RuleType, compile_regex


class Agreement(RuleType):
    name = "agreement"
    fields = frozenset({"found", "expected", "line"})  # what its messages may name
    schema = {
        "properties": {
            "label": {"type": "string", "minLength": 1, "description": "regex of the metadata line, with a group named value"},
            "body": {"type": "string", "minLength": 1, "description": "regex of the value in the body, with a group named value"},
            "occurrence": {"enum": ["first", "last"], "description": "which body match counts (default first)"},
            "compare": {"enum": ["text", "date"], "description": "how values are compared (default text)"},
        },
        "required": ["label", "body"],
    }

    def __init__(self, options, error):
        super().__init__(options, error)
        self.label = compile_regex(options["label"], error, "label")
        self.body = compile_regex(options["body"], error, "body")
        for key, regex in (("label", self.label), ("body", self.body)):
            if "value" not in regex.compiled.groupindex:
                raise error(key, "the regular expression needs a group named value: (?P<value>...)")
        self.last = options.get("occurrence") == "last"
        self.as_date = options.get("compare") == "date"

    def check(self, doc):
        label = self.label.search(doc.text)
        if label is None:
            return
        label_line = doc.position(label.start())[0]
        body = None
        for match in self.body.finditer(doc.text):
            if doc.position(match.start())[0] != label_line:
                body = match
                if not self.last:
                    break
        if body is None:
            return
        stated, found = self._key(label.group("value")), self._key(body.group("value"))
        if stated is not None and found is not None and stated != found:
            yield Hit(body.start("value"), body.end("value"), {
                "found": body.group("value"), "expected": label.group("value").strip(), "line": label_line,
            })

    def _key(self, value: str):
        if not self.as_date:
            return "".join(value.split())
        from linter.extract.dates import extract

        days = [m for m in extract(value, None).mentions if m.precision == "day"]
        return (days[0].year, days[0].month, days[0].day) if days else None
