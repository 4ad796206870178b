"""Running rules over one document: hits become violations with positions,
rendered messages, their fixes (linter/edits.py) and inline suppressions
applied; misused suppression comments are reported by the rules that ask."""

import contextlib
import gc
import time
from dataclasses import dataclass
from typing import Iterable, List, Optional, Sequence

from linter.document import Document
from linter.edits import Fix
from linter.errors import UserError
from linter.rule_types import ABOUT_CODE, REGEX_TIMEOUT, REGEX_TIMEOUT_CHARS, render_message

SUPPRESSIONS = "suppressions"  # the rule type of rules about suppression comments
JSON_KEYS = ("path", "line", "column", "end_line", "end_column", "rule", "category", "severity", "message", "fix")


@dataclass(frozen=True)
class Violation:
    path: str
    line: int
    column: int
    end_line: int
    end_column: int  # exclusive: the column just after the finding
    rule: str
    category: str
    severity: str
    message: str
    # Where it is beyond line and column, as (key, value) pairs: a PDF's page and
    # page_line, a Word file's part (页眉, 脚注 …) or body paragraph (第N段) and the
    # section it is under (二、（三）); empty for text files.
    location: tuple = ()
    fix: Optional[Fix] = None  # what --fix writes in place of the finding

    def to_dict(self) -> dict:
        data = {key: getattr(self, key) for key in JSON_KEYS}
        data["fix"] = self.fix.to_dict() if self.fix else None
        data.update(self.location)
        return data

    def where(self) -> str:
        """The location beyond line and column, in words: 第3页第12行, 页眉, 第12段 二、（三）; "" for text files."""
        fields = dict(self.location)
        if "page" in fields:
            return f"第{fields['page']}页第{fields['page_line']}行"
        if "paragraph" in fields:
            return f"第{fields['paragraph']}段" + (f" {fields['section']}" if fields.get("section") else "")
        return fields.get("part", "")


def lint_document(doc: Document, rules: Sequence, errors: Optional[List[str]] = None, timings: Optional[dict] = None,
                  known_codes: Optional[Iterable[str]] = None) -> List[Violation]:
    """Violations of `rules` in `doc`. A rule whose regex times out is reported in
    `errors` (or raised as a UserError) and the other rules still run. With
    `timings`, each rule's time (including extraction it triggers first) is added up.
    Rules about suppression comments run last, on what the others found;
    `known_codes` are the rule ids a comment may name (default: those of `rules`)."""
    violations = []
    content = [rule for rule in rules if rule.checker.name != SUPPRESSIONS]
    with _collector_paused():
        for rule in content:
            started = time.perf_counter()
            try:
                if rule.applies_to(doc):
                    violations += [v for v in (to_violation(doc, rule, hit) for hit in rule.checker.check(doc)) if v]
            except TimeoutError:
                problem = UserError(doc.path, f"rule {rule.id} ({rule.source}) was stopped: a regular expression search took over "
                                               f"{REGEX_TIMEOUT:g} s (per {REGEX_TIMEOUT_CHARS:,} characters searched)")
                if errors is None:
                    raise problem
                errors.append(str(problem))
            if timings is not None:
                timings[rule.id] = timings.get(rule.id, 0.0) + time.perf_counter() - started
    known = set(known_codes) if known_codes is not None else {rule.id for rule in rules}
    for rule in rules:
        if rule.checker.name == SUPPRESSIONS and rule.applies_to(doc):
            found = (to_violation(doc, rule, hit) for hit in rule.checker.check_comments(doc, known, content))
            violations += [v for v in found if v]
    return sorted(violations, key=_order)


@contextlib.contextmanager
def _collector_paused():
    """Python's cycle collector paused while the rules read one document. Their facts
    (dates, figures, metric keys: a million small objects on a 20 MB line) hold no
    cycles and are freed by reference counting; each full collection would walk
    them all again, and there are more of them the longer the document (a tenth
    of a 3 MB line's run). Cycles made meanwhile are collected once it resumes."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def lint_run(docs: Sequence[Document], rules: Sequence, rules_for=None) -> List[Violation]:
    """Cross-document findings: each rule compares the documents it applies to
    and, with `rules_for(doc)` (a document's rules, when documents run different
    packs), that run it."""
    comparing = [rule for rule in rules if rule.checker.compares_documents]
    runs = {id(doc): {rule.id for rule in rules_for(doc)} for doc in docs} if rules_for and comparing else None
    found = (
        to_violation(doc, rule, hit)
        for rule in comparing
        for doc, hit in rule.checker.check_run([d for d in docs if (runs is None or rule.id in runs[id(d)]) and rule.applies_to(d)])
    )
    return sorted((v for v in found if v is not None), key=_order)


def to_violation(doc: Document, rule, hit) -> Optional[Violation]:
    """The violation for a hit, or None where a comment suppresses it."""
    line, column = doc.position(hit.start)
    if doc.suppressions.covers(rule.id, line, hit.fields.get(ABOUT_CODE)):
        return None
    end_line, end_column = doc.position(hit.end)
    message = render_message(rule.message, hit.fields)
    location = doc.location(hit.start)
    if "paragraph" in location:
        location["section"] = _section(doc, line)
    location = tuple(location.items())
    fix = rule.fix.fix_for(doc, hit) if rule.fix else None
    return Violation(doc.path, line, column, end_line, end_column, rule.id, rule.category, rule.severity, message, location, fix)


def _section(doc: Document, line: int) -> str:
    """The numberings of the headings a line is under (二、（三）), so an editor finds it in
    Word's navigation pane; an unnumbered heading is named by its first words; "" before any."""
    from linter.extract.outline import LAYOUT, headings  # loaded only for Word files

    path = []  # (level, name) of the headings still open at `line`
    for heading in headings(doc):
        if heading.line > line:
            break
        if heading.source == LAYOUT:
            continue  # a short line standing alone (a date, a title) names no section
        while path and path[-1][0] >= heading.level:
            path.pop()
        path.append((heading.level, heading.numbering or heading.text[:12]))
    return "".join(name for _, name in path)


def _order(v: Violation):
    return (v.path, v.line, v.column, v.rule)
