"""The generated rule reference (docs/rules/) is what the rule files say today."""

from click.testing import CliRunner

from linter.cli import main
from tests.conftest import ROOT, catalog

DOCS = ROOT / "docs" / "rules"


def test_the_committed_rule_reference_is_fresh(tmp_path):
    result = CliRunner().invoke(main, ["rules", "--format", "markdown", "--output", str(tmp_path)])
    assert result.exit_code == 0, result.output
    generated = {p.name: p.read_text(encoding="utf-8") for p in tmp_path.glob("*.md")}
    committed = {p.name: p.read_text(encoding="utf-8") for p in DOCS.glob("*.md")}
    stale = sorted(name for name in generated.keys() | committed.keys() if generated.get(name) != committed.get(name))
    assert not stale, f"docs/rules is stale ({', '.join(stale)}): run `reportlint rules --format markdown --output docs/rules`"


def test_every_rule_has_its_section_with_its_examples():
    for rule in catalog().rules.values():
        page = (DOCS / f"{rule.pack}.md").read_text(encoding="utf-8")
        assert f"## {rule.id}\n" in page and f"| [{rule.id}](#{rule.id.lower()}) | {rule.severity} |" in page
        assert all(example.text.rstrip("\n") in page for example in rule.bad_examples + rule.good_examples), rule.id
