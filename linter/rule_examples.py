"""Running the `examples` of rules: every bad example must fire the rule and
every good example must leave it silent. Used by `reportlint test-rules` and
by the test suite for every shipped rule."""

from typing import List

from linter.engine import lint_document, lint_run


def failing_examples(rules) -> List[str]:
    failures = []
    for rule in rules:
        for kind, examples, should_fire in (("bad", rule.bad_examples, True), ("good", rule.good_examples, False)):
            for example in examples:
                document = example.document()
                found = lint_document(document, [rule]) + lint_run(example.earlier_documents() + [document], [rule])
                fired = [v for v in found if v.rule == rule.id and v.path == document.path]
                if bool(fired) != should_fire:
                    verdict = "did not fire" if should_fire else f"fired: {fired[0].message}"
                    failures.append(f"{rule.source}: {rule.id} {kind} example {verdict}: {example.text.strip()[:60]!r}")
    return failures
