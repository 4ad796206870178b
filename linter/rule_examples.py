"""Running the `examples` of rules: every bad example must fire the rule and
every good example must leave it silent; a rule with a `fix:` must fix each
bad example so that it no longer fires. Used by `reportlint test-rules` and by
the test suite for every shipped rule."""

from typing import List

from linter.engine import lint_document, lint_run
from linter.fixes import fix_document, reread


def failing_examples(rules, known_codes=None) -> List[str]:
    """`known_codes`: the rule ids a suppression comment in an example may name (default: those of `rules`)."""
    failures = []
    known = set(known_codes) if known_codes is not None else {rule.id for rule in rules}
    for rule in rules:
        for kind, examples, should_fire in (("bad", rule.bad_examples, True), ("good", rule.good_examples, False)):
            for example in examples:
                document = example.document()
                found = lint_document(document, [rule], known_codes=known) + lint_run(example.earlier_documents() + [document], [rule])
                fired = [v for v in found if v.rule == rule.id and v.path == document.path]
                if bool(fired) != should_fire:
                    verdict = "did not fire" if should_fire else f"fired: {fired[0].message}"
                    failures.append(f"{rule.source}: {rule.id} {kind} example {verdict}: {example.text.strip()[:60]!r}")
                elif should_fire and rule.fix is not None:
                    failures += _fix_failures(rule, example, document)
    return failures


def _fix_failures(rule, example, document) -> List[str]:
    fixed = fix_document(document, [rule], unsafe=True, default_date=example.date)
    where = f"{rule.source}: {rule.id} bad example"
    if not fixed.changed:
        return [f"{where} has no fix: {example.text.strip()[:60]!r}"]
    still = lint_document(reread(document, fixed.text, example.date), [rule])
    if still:
        return [f"{where} still fires after its fix ({still[0].message}): {fixed.text.strip()[:60]!r}"]
    return []
