"""`issue-sequence`: the issue numbers of one serial linted together in a run
(a cross-document check). Issues are grouped by the serial's identity (`serial`,
a regex with a group `id`: by default the 准印证号) and put in order of
publication date (`Document.metadata.date`); documents without an identity, an
issue number or a date are left out.

The issue number is the first match of `issue`, a regex with named groups
`total` (总第N期) and/or `number` (第N期, restarting each year). `check`:

- `order`: a total number used twice, a later issue with a smaller total (the
  dates or the numbers go backwards), a 第N期 that does not move with 总第N期
  within a year, or a new year not starting at 第1期 right after the last issue
  of the year before. Without totals the same is checked on 第N期 within a year.
- `gaps`: numbers missing between two consecutive issues of the run (an issue
  missing from the run, or one skipped in the numbering).
"""

from collections import defaultdict
from typing import NamedTuple, Optional

from linter.rule_types import Hit, RuleType, compile_regex


class Issue(NamedTuple):
    doc: object
    date: object
    total: Optional[int]
    number: Optional[int]
    start: int
    end: int

    @property
    def label(self) -> str:
        return f"总第{self.total}期" if self.total is not None else f"{self.date.year}年第{self.number}期"


class IssueSequence(RuleType):
    name = "issue-sequence"
    fields = frozenset({"found", "path", "previous", "previous_date", "problem"})  # what its messages may name
    schema = {
        "properties": {
            "check": {"enum": ["order", "gaps"]},
            "serial": {"type": "string", "minLength": 1, "description": "regex with a group named id: what identifies the serial"},
            "issue": {"type": "string", "minLength": 1, "description": "regex with groups named total and/or number"},
        },
        "required": ["check", "serial", "issue"],
    }

    def __init__(self, options, error):
        super().__init__(options, error)
        self.gaps = options["check"] == "gaps"
        self.serial = compile_regex(options["serial"], error, "serial")
        self.issue = compile_regex(options["issue"], error, "issue")
        if "id" not in self.serial.compiled.groupindex:
            raise error("serial", "the regular expression needs a group named id: (?P<id>...)")
        if not {"total", "number"} & set(self.issue.compiled.groupindex):
            raise error("issue", "the regular expression needs a group named total or number")

    def _issue(self, doc):
        date = doc.metadata.date
        match = self.issue.search(doc.text) if date else None
        if match is None:
            return None
        groups = match.groupdict()
        total, number = (int(groups[k]) if groups.get(k) else None for k in ("total", "number"))
        if total is None and number is None:
            return None
        return Issue(doc, date, total, number, *match.span())

    def check_run(self, docs):
        serials = defaultdict(list)
        for doc in docs:
            serial = self.serial.search(doc.text)
            issue = self._issue(doc) if serial else None
            if issue:
                serials["".join(serial.group("id").split())].append(issue)
        for issues in serials.values():
            issues.sort(key=lambda i: (i.date, i.total or 0, i.number or 0))
            for before, after in zip(issues, issues[1:]):
                problem = self._gap(before, after) if self.gaps else self._disorder(before, after)
                if problem:
                    yield after.doc, Hit(after.start, after.end, {
                        "found": after.label, "problem": problem, "previous": before.label,
                        "previous_date": before.date.isoformat(), "path": before.doc.path,
                    })

    @staticmethod
    def _disorder(before: Issue, after: Issue) -> str:
        same_year = before.date.year == after.date.year
        if before.total is not None and after.total is not None:
            if after.total == before.total:
                return f"与{before.doc.path}的期号重复"
            if after.total < before.total:
                return f"日期晚于{before.label}（{before.date.isoformat()}）而期号更小"
            if after.number is not None and before.number is not None:
                if same_year and after.number - before.number != after.total - before.total:
                    return f"第{after.number}期与总期号不对应（{before.label}为第{before.number}期）"
                if not same_year and after.total == before.total + 1 and after.number != 1:
                    return "是新一年的第一期，应为第1期"
            return ""
        if same_year and after.number is not None and before.number is not None:
            if after.number == before.number:
                return f"与{before.doc.path}的期号重复"
            if after.number < before.number:
                return f"日期晚于{before.label}（{before.date.isoformat()}）而期号更小"
        return ""

    @staticmethod
    def _gap(before: Issue, after: Issue) -> str:
        if before.total is not None and after.total is not None:
            missing = after.total - before.total - 1
            if missing > 0:
                return f"与上一期{before.label}之间缺{missing}期"
        elif before.date.year == after.date.year and before.number is not None and after.number is not None:
            missing = after.number - before.number - 1
            if missing > 0:
                return f"与上一期{before.label}之间缺{missing}期"
        return ""
