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


PAGES = [ROOT / "README.md", ROOT / "CONTRIBUTING.md", *sorted((ROOT / "docs").rglob("*.md"))]


def _anchor(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens."""
    import re

    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def test_every_link_between_the_pages_points_at_a_page_and_heading_that_exist():
    import re

    broken = []
    for page in PAGES:
        text = re.sub(r"```.*?```|`[^`\n]*`", "", page.read_text(encoding="utf-8"), flags=re.S)  # code is not a link
        for target in re.findall(r"\]\(([^)\s]+)\)", text):
            if re.match(r"[a-z]+://", target):
                continue
            path, _, anchor = target.partition("#")
            linked = (page.parent / path).resolve() if path else page
            if not linked.exists():
                broken.append(f"{page.name}: {target}")
            elif anchor and linked.suffix == ".md":
                headings = re.findall(r"^#+ (.+)$", linked.read_text(encoding="utf-8"), re.M)
                if anchor not in {_anchor(h) for h in headings}:
                    broken.append(f"{page.name}: {target}")
    assert broken == []


def test_the_readme_stays_short_and_states_the_python_it_needs():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert len(readme.splitlines()) <= 250
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert 'requires-python = ">=3.10"' in pyproject and "Python 3.10 or newer" in readme
