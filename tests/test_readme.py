"""The rule-file examples of the README and of docs/ load and their examples pass, as written."""
import re
from pathlib import Path

import pytest
import yaml

from linter.rule_examples import failing_examples
from linter.rules import load_catalog

ROOT = Path(__file__).resolve().parent.parent
PAGES = [ROOT / "README.md", ROOT / "CONTRIBUTING.md", *sorted((ROOT / "docs").glob("*.md"))]


def _is_rule_file(block):
    data = yaml.safe_load(block)
    rules = data.get("rules") if isinstance(data, dict) else None
    return bool(rules) and all(isinstance(rule, dict) for rule in rules)


def _rule_files():
    blocks = [block for page in PAGES for block in re.findall(r"```yaml\n(.*?)```", page.read_text(encoding="utf-8"), re.S)]
    return [block for block in blocks if _is_rule_file(block)]


def test_readme_has_rule_file_examples():
    assert len(_rule_files()) >= 2


@pytest.mark.parametrize("block", _rule_files())
def test_readme_rule_file_works(block, tmp_path):
    path = tmp_path / "rules.yaml"
    path.write_text(block, encoding="utf-8")
    catalog = load_catalog([path])
    assert failing_examples(list(catalog.rules.values())) == []
