"""Shared helpers: lint a snippet with chosen rules, find ../shared/ when present."""

import datetime
import os
import shutil
import tempfile
from pathlib import Path

import pytest

from linter.document import Document
from linter.engine import lint_document
from linter.rules import load_catalog

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"

needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus/ is not present")

# Tests never write to the user's cache: jieba's word list and results go to a
# folder of this session (subprocesses inherit it), removed at the end.
# (Test modules import this file again as tests.conftest: make the folder once.)
if "REPORTLINT_TEST_SESSION_CACHE" not in os.environ:
    os.environ["REPORTLINT_TEST_SESSION_CACHE"] = os.environ["REPORTLINT_CACHE_DIR"] = tempfile.mkdtemp(prefix="reportlint-test-cache-")


def pytest_unconfigure(config):
    folder = os.environ.pop("REPORTLINT_TEST_SESSION_CACHE", None)
    if folder:
        shutil.rmtree(folder, ignore_errors=True)

_catalog = None


def catalog():
    global _catalog
    if _catalog is None:
        _catalog = load_catalog()
    return _catalog


def lint_text(text, rule_ids, date=None, reader="text", path="<test>", factsheet=None):
    """Violations of the given shipped rules (ids or selectors) in a snippet."""
    if isinstance(date, str):
        date = datetime.date.fromisoformat(date)
    doc = Document(text, path, reader, date, factsheet)
    rules = catalog().select([], list(rule_ids))
    return lint_document(doc, rules)


def codes(violations):
    return [v.rule for v in violations]
