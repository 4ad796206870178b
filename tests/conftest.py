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

# Real official texts for the precision tests: a fixture corpus committed in
# tests/corpus/ (always), and the full corpus in ../shared/corpus/ when present.
FIXTURE_CORPUS = ROOT / "tests" / "corpus"
CORPORA = [pytest.param(FIXTURE_CORPUS, id="fixture-corpus")] + ([pytest.param(CORPUS, id="shared-corpus")] if CORPUS.is_dir() else [])


# The folders of reports and 公文 that the corpus expectations below were read on;
# ../shared/corpus/laws/ and news-sentences/ are other genres with tests of their own.
REPORT_FOLDERS = ("gov-work-reports", "state-council-documents")


def report_folders(corpus: Path):
    return [corpus / name for name in REPORT_FOLDERS if (corpus / name).is_dir()]


def corpus_texts(corpus: Path):
    return sorted(path for folder in report_folders(corpus) for path in folder.glob("*.txt"))


def only_present(corpus: Path, expected):
    """The expected findings (tuples whose first item names a file, or starts its name) of the files a corpus holds."""
    names = [path.name for path in corpus_texts(corpus)]
    return [item for item in expected if any(name.startswith(item[0]) for name in names)]

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
