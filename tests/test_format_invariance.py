"""The same text gives the same findings in every format (issue 20 §2): the
seeds and tests/corpus/ linted as .txt, as .md without `#`, as .docx with plain
paragraphs and as .pdf give the same rules and messages for every file (lines
may differ: a PDF page breaks lines where it likes)."""

from collections import Counter
from pathlib import Path

import pytest
from makefiles import write_docx, write_pdf

from linter import lint_paths

ROOT = Path(__file__).resolve().parent.parent
SOURCES = sorted((ROOT / "seeds").glob("*.txt")) + sorted((ROOT / "tests" / "corpus").glob("*/*.txt"))


def _write(fmt: str, folder: Path) -> Path:
    folder.mkdir()
    for source in SOURCES:
        text = source.read_text(encoding="utf-8")
        target = folder / f"{source.parent.name}-{source.stem}.{fmt}"
        if fmt == "docx":
            write_docx(target, text.split("\n"))
        elif fmt == "pdf":
            write_pdf(target, text)
        else:
            target.write_text(text, encoding="utf-8")
    return folder


def _findings(folder: Path) -> dict:
    found = {}
    for violation in lint_paths([folder], date="2025-06-30"):
        found.setdefault(Path(violation.path).stem, Counter())[(violation.rule, violation.message)] += 1
    return found


@pytest.fixture(scope="module")
def as_text(tmp_path_factory):
    return _findings(_write("txt", tmp_path_factory.mktemp("formats") / "txt"))


@pytest.mark.parametrize("fmt", ["md", "docx", "pdf"])
def test_the_same_findings_in_every_format(fmt, as_text, tmp_path):
    assert sum(map(len, as_text.values())) > 50  # the files have findings to compare
    other = _findings(_write(fmt, tmp_path / fmt))
    differing = {stem: (as_text.get(stem, Counter()) - other.get(stem, Counter()), other.get(stem, Counter()) - as_text.get(stem, Counter()))
                 for stem in set(as_text) | set(other) if as_text.get(stem) != other.get(stem)}
    assert differing == {}
